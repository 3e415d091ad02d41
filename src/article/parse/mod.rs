//! Markdown to [`Article`]: blocks for rendering, sections, tables and the
//! paragraphs/lists the detectors read. Contenders and their items are found
//! afterwards by [`super::detect`].
//!
//! The parts: this module holds the entry points (whole text, bytes, pieces
//! of a file); `front` reads the front of the document, `builder` turns the
//! markdown events into blocks, `chunks` finds where a long body can be fed in
//! pieces.

use super::front_matter;
use super::limits::{self, MAX_TABLE_COLUMNS};
use super::model::*;
use super::sanitize::{self, Removed};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

mod builder;
mod chunks;
mod front;

pub use builder::squeeze_whitespace;
use builder::*;
use chunks::*;
use front::*;

/// Parses raw bytes: lossy UTF-8 with a warning, never a failure.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Article {
    parse_bytes_unfinished(bytes, source).finish()
}

/// An article read but not yet looked through for its contenders: the
/// caller can free the source text first, which the detectors do not need.
pub struct Unfinished(Article);

impl Unfinished {
    /// Sets the contenders the reader named (`--vs "A,B"`), over any the
    /// front matter names; the detectors then find items for these.
    pub fn set_contenders(&mut self, names: &[String]) {
        let mut removed = Removed::default();
        self.0.meta.contenders = names
            .iter()
            .map(|n| sanitize::clean_inline(n, &mut removed).trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
    }

    /// Runs the detectors, then frees what only they read.
    pub fn finish(self) -> Article {
        let (mut article, items) = self.split();
        let _ = items.finish(&mut article);
        article
    }

    /// Finds the contenders only; their items are left to [`Items::finish`],
    /// so that a first frame that shows none of them need not wait for them.
    /// A large article finds them at once: the detectors' data is then freed
    /// before the views allocate theirs, which keeps the peak memory down
    /// (and its first frame waits on the parser far longer anyway).
    pub fn contenders(self) -> (Article, Items) {
        if self.0.blocks.len() > DEFER_ITEMS_MAX_BLOCKS {
            return (self.finish(), Items::none());
        }
        self.split()
    }

    fn split(self) -> (Article, Items) {
        let mut article = self.0;
        let pending = super::detect::find_contenders(&mut article);
        (article, Items(pending))
    }
}

/// Up to this many blocks (an article of about a megabyte) the items are
/// found after the first frame.
const DEFER_ITEMS_MAX_BLOCKS: usize = 10_000;

/// The item detectors still to run on an article (see [`Unfinished::contenders`]).
pub struct Items(Option<super::detect::Pending>);

impl Items {
    /// Nothing left to find.
    pub fn none() -> Items {
        Items(None)
    }

    /// Runs them, then frees what only the detectors read. True when items
    /// were looked for (the article's contenders may have gained some).
    pub fn finish(self, article: &mut Article) -> bool {
        let found = self.0.is_some();
        if let Some(p) = self.0 {
            super::detect::find_items(article, p);
        }
        for s in &mut article.sections {
            s.parts = Vec::new();
        }
        found
    }
}

/// [`parse_bytes`] up to the detectors.
pub fn parse_bytes_unfinished(bytes: &[u8], source: &str) -> Unfinished {
    match std::str::from_utf8(bytes) {
        Ok(s) => parse_unfinished(s, source),
        Err(_) => {
            let text = String::from_utf8_lossy(bytes);
            let bad = text.matches('\u{fffd}').count();
            let Unfinished(mut a) = parse_unfinished(&text, source);
            a.warnings.insert(
                0,
                format!("the file is not valid UTF-8: {bad} invalid sequence(s) shown as �"),
            );
            Unfinished(a)
        }
    }
}

pub fn parse(src: &str, source: &str) -> Article {
    parse_unfinished(src, source).finish()
}

/// [`parse`] up to the detectors.
pub fn parse_unfinished(src: &str, source: &str) -> Unfinished {
    let mut removed = Removed::default();
    let src = sanitize::clean(src, &mut removed);
    let mut marks = 0;
    let capped = match limits::cap_combining(&src, &mut marks) {
        Cow::Owned(o) => Some(o),
        Cow::Borrowed(_) => None,
    };
    let src = capped.map_or(src, Cow::Owned);
    let (head, body) = Head::read(&src, removed);
    let mut head = head;
    let mut deep = 0;
    let body = limits::cap_container_depth(body, &mut deep);
    let mut wide = 0;
    let cut = match limits::cap_table_columns(&body, &mut wide) {
        Cow::Owned(o) => Some(o),
        Cow::Borrowed(_) => None,
    };
    let body = cut.map_or(body, Cow::Owned);
    head.limit_warnings(marks, deep);
    let mut b = Builder::new(&mut head.removed);
    b.wide_tables = wide;
    b.run(&body);
    let out = b.output();
    head.finish(out, source)
}

/// A file's text read in pieces: where the text needs no cleaning, the parser
/// reads the same pieces it would cut from the whole (see [`chunks`]) straight
/// from the file, so the whole text need not stay in memory meanwhile.
pub struct Pieces {
    head: Head,
    /// Byte ranges of the file, in order.
    pub ranges: Vec<Range<usize>>,
}

/// The pieces `bytes` (a whole file) is read in, or `None` when it must be
/// parsed whole: not valid UTF-8, text to clean, or no place to cut.
pub fn pieces(bytes: &[u8]) -> Option<Pieces> {
    let src = std::str::from_utf8(bytes).ok()?;
    let mut removed = Removed::default();
    let Cow::Borrowed(src) = sanitize::clean(src, &mut removed) else {
        return None;
    };
    // Text the limits would change is parsed whole.
    let mut n = 0;
    if matches!(limits::cap_combining(src, &mut n), Cow::Owned(_)) {
        return None;
    }
    let (head, body) = Head::read(src, removed);
    if matches!(limits::cap_container_depth(body, &mut n), Cow::Owned(_))
        || matches!(limits::cap_table_columns(body, &mut n), Cow::Owned(_))
    {
        return None;
    }
    let cuts = cuts(body);
    if cuts.is_empty() {
        return None;
    }
    let off = body.as_ptr() as usize - src.as_ptr() as usize;
    let mut ranges = Vec::with_capacity(cuts.len() + 1);
    let mut start = off;
    for c in cuts {
        ranges.push(start..off + c);
        start = off + c;
    }
    ranges.push(start..off + body.len());
    Some(Pieces { head, ranges })
}

impl Pieces {
    /// Parses the pieces `read` returns, one for each of `ranges` in turn.
    pub fn parse(self, source: &str, mut read: impl FnMut(Range<usize>) -> String) -> Unfinished {
        let Pieces { mut head, ranges } = self;
        let mut b = Builder::new(&mut head.removed);
        for r in ranges {
            let piece = read(r);
            b.run_chunk(&piece);
        }
        b.end_run();
        let out = b.output();
        head.finish(out, source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks, tables, sections (with their parts) and title, read in chunks
    /// and read whole.
    fn both(body: &str) -> (String, String, usize) {
        let dump = |b: Builder| {
            format!(
                "{:?}\n{:?}\n{:?}\n{:?}\n{}",
                b.blocks, b.tables, b.sections, b.title, b.ragged
            )
        };
        let mut r1 = Removed::default();
        let mut whole = Builder::new(&mut r1);
        whole.run_chunk(body);
        whole.end_run();
        let whole = dump(whole);
        let mut r2 = Removed::default();
        let mut chunked = Builder::new(&mut r2);
        chunked.run(body);
        let chunked = dump(chunked);
        (whole, chunked, chunks(body).count())
    }

    #[test]
    fn chunks_parse_as_the_whole() {
        let text = crate::r#gen::generate_article(600_000);
        let (_, body) = front_matter::split(&text);
        let (whole, chunked, n) = both(body);
        assert!(n > 3, "{n} chunks");
        assert!(whole == chunked, "chunked parse differs");
    }

    #[test]
    fn a_long_list_is_cut_between_items_into_the_same_blocks() {
        let mut body = String::from("Intro.\n\n");
        for i in 0..40_000 {
            match i % 4 {
                0 => body.push_str(&format!("- item {i} with **bold**\n")),
                1 if i % 20_000 == 1 => body.push_str(&format!("- item {i}\n  - nested {i}\n")),
                1 => body.push_str(&format!("- item {i}\n")),
                2 => body.push_str(&format!("- item {i}\n")),
                _ => body.push_str(&format!("- `code {i}`\n")),
            }
        }
        body.push_str("\n1. one\n");
        for i in 2..30_000 {
            body.push_str(&format!("{i}. step {i}\n"));
        }
        let blocks = |b: Builder| format!("{:?}", b.blocks);
        let mut r1 = Removed::default();
        let mut whole = Builder::new(&mut r1);
        whole.run_chunk(&body);
        whole.end_run();
        let mut r2 = Removed::default();
        let mut chunked = Builder::new(&mut r2);
        chunked.run(&body);
        assert!(chunks(&body).count() > 10, "{}", chunks(&body).count());
        assert!(blocks(whole) == blocks(chunked), "chunked list differs");
        // Never between an item and its continuation, nor at a rule.
        for c in cuts(&body) {
            assert!(
                body[c..].starts_with("- item")
                    || body[c..].starts_with("- `")
                    || body.as_bytes()[c].is_ascii_digit()
            );
            assert!(!body[..c].ends_with("\n\n"));
        }
        assert_eq!(list_marker("- - -"), None);
        assert_eq!(list_marker("12) x"), Some(b')'));
        assert_eq!(list_marker("-x"), None);
    }

    #[test]
    fn chunks_cut_only_where_blocks_end() {
        let filler = "word ".repeat(40) + "\n\n";
        let block = filler.repeat(CHUNK / filler.len() + 1);
        // A heading line inside a fence, a paragraph going on into a
        // heading line, a fence closed by a longer fence.
        let body = format!(
            "{block}```\n# not a heading\n\n# nor this\n````\n\n# A\n\n{block}text\n# B\n\n{block}~~~~\n~~~\n\n# in code\n~~~~\n\n# C\n\n{block}"
        );
        let (whole, chunked, n) = both(&body);
        assert_eq!(n, 3);
        assert!(whole == chunked);
        let pieces: Vec<&str> = chunks(&body).collect();
        assert!(pieces[1].starts_with("# A\n") && pieces[2].starts_with("# C\n"));
        assert_eq!(pieces.concat(), body);
        // Link reference definitions and HTML blocks that a blank line does
        // not end keep the document whole.
        for extra in ["[a]: https://example.com\n", "<!--\n\n", "<pre>\n\n"] {
            let body = format!("{body}{extra}");
            assert_eq!(chunks(&body).count(), 1, "{extra:?}");
        }
    }
}
