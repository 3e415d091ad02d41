//! `versus`: a terminal browser for comparison articles.
//!
//! Layers, from pure to I/O; each uses only those above it:
//! - `article`: parse and model (no terminal); `decision` scores answers.
//! - `render`: styled lines; `event`: keys, mouse and paste, our own types.
//! - `app`: state and a pure `update`; `keys`: the keymap.
//! - `ui`: drawing as a function of state; `wire`: frames to bytes.
//! - `decode` (input bytes to events) and `session` (one reader: app, screen,
//!   decoder; bytes in, bytes out, no terminal of its own).
//! - The edge: `tui` and `tty` (the process's terminal: raw mode, signals,
//!   crossterm; Unix only), `cli` (arguments and environment to options),
//!   `print`, `source` (reading a file, stdin or the bundled article).
//!
//! `tests/layers.rs` keeps `article`, `decision`, `render`, `app`, `event`,
//! `decode` and `session` free of crossterm, the tty, libc and signals.

pub mod app;
pub mod article;
pub mod cli;
pub mod decision;
pub mod decode;
pub mod event;
/// The article generator for benchmarks and tests, behind the `bench-gen`
/// feature (on for tests, benches and examples through the dev-dependency on
/// this crate itself; off in the library and the binary).
#[cfg(any(test, feature = "bench-gen"))]
#[doc(hidden)]
pub mod r#gen;
pub mod keys;
pub mod library;
pub mod print;
pub mod render;
pub mod serve;
pub mod session;
pub mod source;
#[cfg(unix)]
pub mod tty;
pub mod tui;
pub mod ui;
pub mod wire;
