//! `versus`: everything is in the library, from [`versus::cli`].
//!
//! `main` is the C entry point rather than Rust's: Rust's start-up reads
//! `/proc/self/maps` for the main thread's stack guard and installs a stack
//! overflow handler, about 0.08 ms on every start, before the first frame
//! (README, "Over SSH"). What of it this program needs is in
//! [`versus::process::run`].
#![no_main]

#[unsafe(no_mangle)]
extern "C" fn main(_argc: libc::c_int, _argv: *const *const libc::c_char) -> libc::c_int {
    versus::process::run()
}
