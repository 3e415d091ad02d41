//! The process around [`crate::cli::main`]: what Rust's own start-up would
//! do that this program needs, and no more (see `src/main.rs` for why).

use std::io::Write;

/// Runs the program and returns its exit status: 101 after a panic, as a
/// Rust `main` would (the panic hook has restored the terminal and printed
/// the message by then; a panic must not unwind into the C caller).
pub fn run() -> i32 {
    keep_standard_fds_open();
    // A closed pipe (`versus --print | head`) is then an error the program
    // handles, not a silent death by signal.
    // SAFETY: setting a signal's disposition to "ignore" has no other effect.
    unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
    let code = std::panic::catch_unwind(crate::cli::main).map_or(101, i32::from);
    let _ = std::io::stdout().flush();
    code
}

/// A closed standard descriptor would be taken by the next file opened (the
/// article, `/dev/tty`) and stderr's messages would be written into it: put
/// `/dev/null` in its place, as Rust's start-up does.
fn keep_standard_fds_open() {
    let mut fds = [0, 1, 2].map(|fd| libc::pollfd {
        fd,
        events: 0,
        revents: 0,
    });
    // SAFETY: poll reads and writes only the three entries passed.
    if unsafe { libc::poll(fds.as_mut_ptr(), 3, 0) } < 0 {
        return;
    }
    for p in fds {
        if p.revents & libc::POLLNVAL != 0 {
            // SAFETY: open takes the lowest free descriptor: the closed one.
            unsafe { libc::open(c"/dev/null".as_ptr(), libc::O_RDWR) };
        }
    }
}
