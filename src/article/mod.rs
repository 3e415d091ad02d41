//! The article engine: pure parsing and model, no terminal code.

pub mod detect;
pub mod front_matter;
pub mod limits;
pub mod model;
mod packed;
pub mod parse;
pub mod sanitize;

pub use model::*;
pub use parse::{parse, parse_bytes};

/// The bundled article, compiled into the binary.
pub const BUNDLED: &str = include_str!("../../article/django-vs-flask.md");

pub fn bundled() -> Article {
    parse(BUNDLED, "bundled")
}
