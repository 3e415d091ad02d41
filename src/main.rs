//! `versus`: everything is in the library, from [`versus::cli`].
//!
//! A plain Rust `main`: std's start-up ignores SIGPIPE (a closed pipe is an
//! error the program handles), puts `/dev/null` in place of a closed standard
//! descriptor, names the main thread in panic messages and turns a stack
//! overflow into a clear message; a panic exits with 101.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(versus::cli::main())
}
