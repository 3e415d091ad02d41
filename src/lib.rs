//! `versus`: a terminal browser for comparison articles.

pub mod article;
