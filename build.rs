//! Links the binary as a position-dependent executable on Linux.
//!
//! A position-independent one is relocated by the dynamic loader at every
//! start: about 6,700 relocations and 27 more page faults, a tenth of a
//! millisecond or so before the first frame (see README, "Reading over
//! SSH"). Immediate binding and read-only relocations (full RELRO) stay on.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
