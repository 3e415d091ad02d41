//! `versus`: a terminal browser for comparison articles.
//!
//! Layers, from pure to I/O: `article` (parse and model), `render` (styled
//! lines), `app` (state and a pure `update`), `ui` (drawing as a function of
//! state), and `tui` (the terminal and the one event loop).

pub mod app;
pub mod article;
pub mod cli;
pub mod decide;
pub mod decode;
pub mod event;
pub mod r#gen;
pub mod input;
pub mod keys;
pub mod print;
pub mod render;
pub mod serve;
pub mod session;
pub mod tui;
pub mod ui;
pub mod wire;
