//! Pure layout: article → styled lines. Shared by `--print` and the TUI.

pub mod ansi;
pub mod ascii;
pub mod caps;
pub mod doc;
pub mod find;
pub mod grid;
pub mod questions;
pub mod theme;
pub mod wrap;
