//! The article model: everything the views and outputs need, free of terminal concerns.

use super::packed;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

#[derive(Debug, Clone, Default)]
pub struct Article {
    pub source: String,
    pub meta: Meta,
    pub title: Option<String>,
    pub contenders: Vec<Contender>,
    /// The feature table, read the way it was meant: the feature column
    /// first, then one column per contender in `contenders` order (even when
    /// the article lists the contenders down its rows). Without contenders,
    /// the article's first table of three or more columns, as written. It is
    /// one of `tables`, shared, when it reads as written.
    pub table: Option<Arc<Table>>,
    pub sections: Vec<Section>,
    pub warnings: Vec<String>,
    /// The document as flat, render-ready blocks (the JSON carries the plain-text sections instead).
    pub blocks: Vec<Block>,
    /// Every table in document order.
    pub tables: Vec<Arc<Table>>,
}

/// A link in a paragraph ([`Spans::links`]): bytes `start..end` of its text
/// are the link's words, `url` its target (control characters removed;
/// `#name` for a place in the article).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    pub start: usize,
    pub end: usize,
    pub url: &'a str,
}

impl Link<'_> {
    /// A link to a place in this article (`#section`).
    pub fn anchor(&self) -> Option<&str> {
        self.url.strip_prefix('#')
    }
}

/// The JSON form: the model without its render-only parts, each section with
/// its plain text ([`Article::section_text`]).
impl Serialize for Article {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Article", 7)?;
        st.serialize_field("source", &self.source)?;
        st.serialize_field("meta", &self.meta)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("contenders", &self.contenders)?;
        st.serialize_field("table", &self.table.as_deref())?;
        st.serialize_field("sections", &SectionsJson(self))?;
        st.serialize_field("warnings", &self.warnings)?;
        st.end()
    }
}

struct SectionsJson<'a>(&'a Article);

impl Serialize for SectionsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct SectionJson<'a> {
            level: u8,
            title: &'a str,
            text: String,
        }
        let a = self.0;
        let mut seq = s.serialize_seq(Some(a.sections.len()))?;
        for (i, sec) in a.sections.iter().enumerate() {
            seq.serialize_element(&SectionJson {
                level: sec.level,
                title: &sec.title,
                text: a.section_text(i),
            })?;
        }
        seq.end()
    }
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Meta {
    pub title: Option<String>,
    pub description: Option<String>,
    pub keywords: Vec<String>,
    pub extra: Extra,
}

/// Scalar front-matter keys we do not interpret, in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extra(pub Vec<(String, String)>);

impl Serialize for Extra {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Contender {
    pub name: String,
    /// Where the name came from: "table", "table-rows", "title" or "sections".
    pub found_by: String,
    pub pros: Vec<Item>,
    pub cons: Vec<Item>,
    pub choose_when: Vec<Item>,
    pub examples: Vec<String>,
    pub verdict: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Item {
    pub title: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

/// A table row's cells, compact: their text in one allocation (a heap
/// string per cell would cost more than most cells' text).
///
/// The buffer holds the byte length of the cells' lengths, each cell's
/// length (see [`packed`]), then the cells' text: finding the text takes
/// no decoding of the lengths.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Row {
    buf: Box<str>,
}

impl Row {
    pub fn new<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Row {
        let mut b = RowBuf::default();
        for c in cells {
            b.push(c.as_ref());
        }
        b.finish()
    }

    /// Number of cells.
    pub fn len(&self) -> usize {
        packed::count(self.iter().lens)
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    pub fn iter(&self) -> Cells<'_> {
        let b = self.buf.as_bytes();
        let (n, used) = packed::read_len(b);
        let text = (used + n).min(b.len());
        Cells {
            lens: &b[used..text],
            text: &self.buf[text..],
        }
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        self.iter().nth(i)
    }

    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    /// The cells with `sep` between them.
    pub fn join(&self, sep: &str) -> String {
        let mut out = String::new();
        for (i, c) in self.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push_str(c);
        }
        out
    }
}

/// The cells of a [`Row`], in order.
#[derive(Debug, Clone)]
pub struct Cells<'a> {
    /// Encoded lengths of the cells still to come.
    lens: &'a [u8],
    text: &'a str,
}

impl<'a> Iterator for Cells<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.lens.is_empty() {
            return None;
        }
        let (n, used) = packed::read_len(self.lens);
        self.lens = &self.lens[used..];
        let (cell, rest) = self.text.split_at(n.min(self.text.len()));
        self.text = rest;
        Some(cell)
    }
}

impl<'a> IntoIterator for &'a Row {
    type Item = &'a str;
    type IntoIter = Cells<'a>;

    fn into_iter(self) -> Cells<'a> {
        self.iter()
    }
}

impl std::ops::Index<usize> for Row {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        match self.get(i) {
            Some(c) => c,
            None => panic!("cell {i} of a row of {}", self.len()),
        }
    }
}

impl<S: AsRef<str>> FromIterator<S> for Row {
    fn from_iter<I: IntoIterator<Item = S>>(cells: I) -> Row {
        Row::new(cells)
    }
}

impl<S: AsRef<str>, const N: usize> PartialEq<[S; N]> for Row {
    fn eq(&self, other: &[S; N]) -> bool {
        self.len() == N && self.iter().zip(other).all(|(a, b)| a == b.as_ref())
    }
}

impl std::fmt::Debug for Row {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A list of strings, as `Vec<String>` would be.
impl Serialize for Row {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for c in self {
            seq.serialize_element(c)?;
        }
        seq.end()
    }
}

/// A [`Row`] being built, cell by cell; reusable after [`RowBuf::take`].
#[derive(Debug, Clone, Default)]
pub struct RowBuf {
    text: String,
    lens: Vec<usize>,
}

impl RowBuf {
    pub fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.lens.push(cell.len());
    }

    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// Keeps the first `n` cells, adding empty ones if there are fewer.
    pub fn resize(&mut self, n: usize) {
        let keep: usize = self.lens.iter().take(n).sum();
        self.text.truncate(keep);
        self.lens.resize(n, 0);
    }

    /// The row so far; `self` is left empty, its room kept for the next.
    pub fn take(&mut self) -> Row {
        if self.lens.is_empty() {
            // As `Row::default()`, so that rows compare by their cells.
            self.text.clear();
            return Row::default();
        }
        let lens: usize = self.lens.iter().map(|&n| packed::len_bytes(n)).sum();
        let mut buf = String::with_capacity(packed::len_bytes(lens) + lens + self.text.len());
        packed::put_len(&mut buf, lens);
        for &n in &self.lens {
            packed::put_len(&mut buf, n);
        }
        buf.push_str(&self.text);
        self.text.clear();
        self.lens.clear();
        Row {
            buf: buf.into_boxed_str(),
        }
    }

    pub fn finish(mut self) -> Row {
        self.take()
    }
}

#[derive(Debug, Clone, Default)]
pub struct Section {
    pub level: u8,
    pub title: String,
    /// Blocks of this section, heading included; its plain text is
    /// [`Article::section_text`].
    pub blocks: Range<usize>,
    /// The section's body as paragraphs, lists and tables, for the detectors
    /// (emptied once they have run).
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A paragraph: its block (`Article::blocks`), where the source's line
    /// breaks fell in its text (byte offsets, see [`para_text`]) and its bold
    /// lead, if it starts with one.
    Para {
        block: usize,
        breaks: Box<[u32]>,
        lead: Option<String>,
    },
    /// A list's top-level items.
    List(Box<[Item]>),
    /// Index into `Article::tables`.
    Table(usize),
}

/// A paragraph part's plain text, trimmed, the source's line breaks inside
/// it kept as `\n`.
pub fn para_text(blocks: &[Block], block: usize, breaks: &[u32]) -> String {
    let (plain, anchors) = match blocks.get(block).map(|b| &b.kind) {
        Some(BlockKind::Para(spans)) => (spans.text(), spans.anchor_targets()),
        _ => ("", Vec::new()),
    };
    if breaks.is_empty() && anchors.is_empty() {
        return plain.trim().to_string();
    }
    // Only ASCII spaces become ASCII newlines, so the text stays UTF-8.
    let mut bytes = plain.as_bytes().to_vec();
    for &b in breaks {
        if let Some(c) = bytes.get_mut(b as usize)
            && *c == b' '
        {
            *c = b'\n';
        }
    }
    // Then the targets of links to places in the article, never shown.
    for r in anchors.into_iter().rev() {
        bytes.drain(r);
    }
    let text = String::from_utf8(bytes).unwrap_or_else(|_| plain.to_string());
    text.trim().to_string()
}

/// One render-ready block. Nesting is flattened: `depth` counts list levels and
/// `quote` block-quote levels around the block.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub quote: u16,
    pub depth: u16,
    /// The list marker when this block opens a list item.
    pub marker: Option<Marker>,
}

/// A list item's marker, a bullet or a number, in four bytes (a heap string
/// per list item would cost more than most items' text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker(std::num::NonZeroU32);

impl Marker {
    /// `u32::MAX` stands for the bullet, any other value for its number plus one.
    const BULLET: u32 = u32::MAX;

    pub fn bullet() -> Marker {
        Marker(std::num::NonZeroU32::MAX)
    }

    /// "3." (CommonMark allows nine digits, so the number fits).
    pub fn numbered(n: u64) -> Marker {
        let n = n.min(u64::from(Marker::BULLET - 2)) as u32;
        Marker(std::num::NonZeroU32::MIN.saturating_add(n))
    }

    /// The number of a numbered item, `None` for a bullet.
    pub fn number(self) -> Option<u32> {
        (self.0.get() != Marker::BULLET).then(|| self.0.get() - 1)
    }
}

/// "•" or "3.".
impl std::fmt::Display for Marker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.number() {
            Some(n) => write!(f, "{n}."),
            None => f.write_str("•"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Heading {
        level: u8,
        section: u32,
        spans: Spans,
    },
    Para(Spans),
    /// Boxed, like [`Spans`]: a block is four words (see the test).
    Code(Box<str>),
    Rule,
    /// Index into `Article::tables`.
    Table(usize),
}

/// Styled inline text, compact: the text and where each style runs share one
/// allocation (a heap string per styled word, or a second allocation per
/// block for its runs, would cost more than the words).
///
/// The buffer holds the text, then each run (its style, then its length in
/// bytes, see [`packed`]), then the text's length in five 7-bit bytes. All
/// but the text is ASCII, so the buffer stays a `str` and the text a plain
/// slice of it.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Spans {
    buf: Box<str>,
}

/// Bytes of the text's length at the end of a [`Spans`] buffer: 35 bits.
const LEN_BYTES: usize = 5;

/// One run of [`Spans`]: text in one style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span<'a> {
    pub text: &'a str,
    pub style: SpanStyle,
}

impl Spans {
    /// One run of plain text.
    pub fn plain(text: &str) -> Spans {
        let mut b = SpansBuf::default();
        b.push(text, SpanStyle::default());
        b.finish()
    }

    /// The whole text, every run's in order.
    pub fn text(&self) -> &str {
        &self.buf[..self.text_len()]
    }

    fn text_len(&self) -> usize {
        let b = self.buf.as_bytes();
        let Some(tail) = b.len().checked_sub(LEN_BYTES).map(|i| &b[i..]) else {
            return 0;
        };
        tail.iter().rev().fold(0, |n, &x| n << 7 | usize::from(x))
    }

    /// The encoded runs.
    fn runs(&self) -> Runs<'_> {
        let b = self.buf.as_bytes();
        let end = b.len().saturating_sub(LEN_BYTES);
        Runs(&b[self.text_len().min(end)..end])
    }

    /// Runs: number of spans.
    pub fn len(&self) -> usize {
        self.runs().count()
    }

    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// Where the targets of links to places in the article (` (#name)`)
    /// sit in the text: shown nowhere, not even in `--print` or `--json`.
    pub fn anchor_targets(&self) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut at = 0;
        for s in self.iter() {
            if s.style.target && s.text.trim_start().starts_with("(#") {
                out.push(at..at + s.text.len());
            }
            at += s.text.len();
        }
        out
    }

    /// The text as `--print` and `--json` show it: links as `words (url)`,
    /// without the targets of links to places in the article.
    pub fn without_anchor_targets(&self) -> std::borrow::Cow<'_, str> {
        let anchors = self.anchor_targets();
        if anchors.is_empty() {
            return self.text().into();
        }
        let text = self.text();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for r in anchors {
            out.push_str(&text[at..r.start]);
            at = r.end;
        }
        out.push_str(&text[at..]);
        out.into()
    }

    /// The text as the Read view shows it: without the links' targets.
    pub fn visible_text(&self) -> std::borrow::Cow<'_, str> {
        if !self.runs().any(|(_, s)| s & TARGET != 0) {
            return self.text().into();
        }
        self.iter()
            .filter(|s| !s.style.target)
            .map(|s| s.text)
            .collect::<String>()
            .into()
    }

    /// The links: each run of link text with the target run after it.
    pub fn links(&self) -> Vec<Link<'_>> {
        let mut out = Vec::new();
        let mut at = 0;
        let mut start = None;
        for s in self.iter() {
            if s.style.target {
                if let Some(st) = start.take() {
                    let url = s.text.trim();
                    let url = url.strip_prefix('(').and_then(|u| u.strip_suffix(')'));
                    out.push(Link {
                        start: st,
                        end: at,
                        url: url.unwrap_or_default(),
                    });
                }
            } else if s.style.link {
                start.get_or_insert(at);
            } else {
                start = None;
            }
            at += s.text.len();
        }
        out
    }

    pub fn iter(&self) -> impl Iterator<Item = Span<'_>> + '_ {
        let text = self.text();
        let mut start = 0;
        self.runs().map(move |(len, style)| {
            let end = (start + len).min(text.len());
            let span = text.get(start..end).unwrap_or("");
            start = end;
            Span {
                text: span,
                style: SpanStyle::from_bits(style),
            }
        })
    }
}

impl std::fmt::Debug for Spans {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.iter().map(|s| (s.text, s.style.bits())))
            .finish()
    }
}

/// Decodes the runs of a [`Spans`] buffer: (length, style bits) each.
struct Runs<'a>(&'a [u8]);

impl Iterator for Runs<'_> {
    type Item = (usize, u8);

    fn next(&mut self) -> Option<(usize, u8)> {
        let (&style, rest) = self.0.split_first()?;
        let (len, used) = packed::read_len(rest);
        self.0 = &rest[used..];
        Some((len, style))
    }
}

/// Appends a run: its style byte, then its length.
fn put_run(out: &mut String, len: usize, style: u8) {
    out.push(char::from(style & 63));
    packed::put_len(out, len);
}

/// Bytes [`put_run`] writes.
fn run_bytes(len: usize) -> usize {
    1 + packed::len_bytes(len)
}

/// [`Spans`] being built: text in one style after another, a run merged
/// with the previous one when their styles match.
#[derive(Debug, Clone, Default)]
pub struct SpansBuf {
    text: String,
    /// Each run's end in the text and style bits, packed in a `u32` (the
    /// end past its six bits): pushed once per inline event.
    runs: Vec<u32>,
}

impl SpansBuf {
    pub fn push(&mut self, text: &str, style: SpanStyle) {
        self.text.push_str(text);
        let style = u32::from(style.bits());
        // Inputs are capped at 64 MiB, 2^26 bytes: no block's text is longer.
        let run = (self.text.len().min((u32::MAX >> 6) as usize) as u32) << 6 | style;
        match self.runs.last_mut() {
            Some(last) if *last & 63 == style => *last = run,
            _ => self.runs.push(run),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn finish(self) -> Spans {
        let SpansBuf { mut text, runs } = self;
        if runs.is_empty() {
            return Spans::default();
        }
        let len = text.len();
        let lens = runs.iter().scan(0, |start, &r| {
            let end = (r >> 6) as usize;
            let n = end.saturating_sub(*start);
            *start = end;
            Some((n, (r & 63) as u8))
        });
        let extra: usize = lens.clone().map(|(n, _)| run_bytes(n)).sum::<usize>() + LEN_BYTES;
        text.reserve_exact(extra);
        for (n, style) in lens {
            put_run(&mut text, n, style);
        }
        for i in 0..LEN_BYTES {
            // Lengths past 35 bits cannot be: inputs are capped well below.
            text.push(char::from((len >> (7 * i) & 127) as u8));
        }
        Spans {
            buf: text.into_boxed_str(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanStyle {
    pub bold: bool,
    pub italic: bool,
    pub code: bool,
    pub link: bool,
    pub strike: bool,
    /// A link's target, ` (url)`, after its words: shown by `--print` and
    /// `--json`, kept out of sight in the Read view (see [`Spans::links`]).
    pub target: bool,
}

/// The style bit of [`SpanStyle::target`].
const TARGET: u8 = 32;

impl SpanStyle {
    fn bits(self) -> u8 {
        u8::from(self.bold)
            | u8::from(self.italic) << 1
            | u8::from(self.code) << 2
            | u8::from(self.link) << 3
            | u8::from(self.strike) << 4
            | u8::from(self.target) << 5
    }

    fn from_bits(b: u8) -> SpanStyle {
        SpanStyle {
            bold: b & 1 != 0,
            italic: b & 2 != 0,
            code: b & 4 != 0,
            link: b & 8 != 0,
            strike: b & 16 != 0,
            target: b & TARGET != 0,
        }
    }
}

impl Article {
    /// Contenders' names, for headers and prompts ("Django vs Flask").
    pub fn versus_line(&self) -> String {
        self.contenders
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(" vs ")
    }

    /// Section `i` as plain text: each block's text on its own, list items
    /// indented and marked ("- ", "3. "), paragraphs apart by a blank line.
    pub fn section_text(&self, i: usize) -> String {
        let mut out = String::new();
        let Some(s) = self.sections.get(i) else {
            return out;
        };
        for b in self.blocks.get(s.blocks.clone()).unwrap_or_default() {
            let table;
            let plain: std::borrow::Cow<str> = match &b.kind {
                BlockKind::Para(spans) => spans.without_anchor_targets(),
                BlockKind::Code(code) => (&**code).into(),
                BlockKind::Table(t) => {
                    let Some(t) = self.tables.get(*t) else {
                        continue;
                    };
                    table = t;
                    let mut plain = table.columns.join(" | ");
                    for r in &table.rows {
                        plain.push('\n');
                        plain.push_str(&r.join(" | "));
                    }
                    plain.into()
                }
                BlockKind::Heading { .. } | BlockKind::Rule => continue,
            };
            let depth = usize::from(b.depth);
            for _ in 0..depth.saturating_sub(1).min(40) {
                out.push_str("  ");
            }
            match b.marker.map(Marker::number) {
                Some(None) => out.push_str("- "),
                Some(Some(n)) => {
                    let _ = write!(out, "{n}. ");
                }
                None if depth > 0 => out.push_str("  "),
                None => {}
            }
            out.push_str(plain.trim());
            out.push_str(if depth > 0 { "\n" } else { "\n\n" });
        }
        out.truncate(out.trim_end().len());
        out
    }

    /// The links of block `b` (a paragraph), in order.
    pub fn links_of(&self, b: usize) -> Vec<Link<'_>> {
        match self.blocks.get(b).map(|b| &b.kind) {
            Some(BlockKind::Para(spans)) => spans.links(),
            _ => Vec::new(),
        }
    }

    /// True when block `b` has a link.
    pub fn has_links(&self, b: usize) -> bool {
        match self.blocks.get(b).map(|b| &b.kind) {
            Some(BlockKind::Para(spans)) => spans.runs().any(|(_, s)| s & TARGET != 0),
            _ => false,
        }
    }

    /// The section that holds block `b`.
    pub fn section_of_block(&self, b: usize) -> usize {
        self.sections
            .partition_point(|s| s.blocks.start <= b)
            .saturating_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_give_back_their_runs() {
        let bold = SpanStyle {
            bold: true,
            ..SpanStyle::default()
        };
        let code = SpanStyle {
            code: true,
            link: true,
            ..SpanStyle::default()
        };
        // Lengths around each byte of the encoding, multi-byte text, an empty run.
        let long = "é".repeat(70_000);
        let pieces: Vec<(&str, SpanStyle)> = vec![
            ("a", SpanStyle::default()),
            ("", bold),
            (&long[..126], code),
            (&long[..128], SpanStyle::default()),
            (&long, bold),
            ("x", code),
        ];
        let mut b = SpansBuf::default();
        for (t, st) in &pieces {
            b.push(t, *st);
        }
        let s = b.finish();
        let got: Vec<(&str, SpanStyle)> = s.iter().map(|r| (r.text, r.style)).collect();
        assert_eq!(got, pieces);
        assert_eq!(s.text(), pieces.iter().map(|p| p.0).collect::<String>());
        assert_eq!(s.len(), pieces.len());
        assert!(!s.is_empty());
    }

    #[test]
    fn spans_merge_runs_of_one_style() {
        let mut b = SpansBuf::default();
        b.push("one ", SpanStyle::default());
        b.push("two", SpanStyle::default());
        let s = b.finish();
        assert_eq!(s, Spans::plain("one two"));
        assert_eq!(s.len(), 1);
        let empty = SpansBuf::default().finish();
        assert!(empty.is_empty() && empty.text().is_empty() && empty.iter().next().is_none());
        assert_eq!(Spans::plain("").len(), 1);
    }

    #[test]
    fn rows_give_back_their_cells() {
        let long = "ü".repeat(100);
        let cells = ["", "a", long.as_str(), "", "x | y"];
        let r = Row::new(cells);
        assert_eq!(r.len(), 5);
        assert_eq!(r, cells);
        assert_eq!(r.iter().collect::<Vec<_>>(), cells);
        assert_eq!(
            (r.first(), r.get(2), r.get(5)),
            (Some(""), Some(&*long), None)
        );
        assert_eq!(&r[4], "x | y");
        assert_eq!(r.join("|"), cells.join("|"));
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            serde_json::to_string(&cells).unwrap()
        );
        let empty = Row::default();
        assert!(empty.is_empty() && empty.iter().next().is_none());
        assert_eq!(Row::new([""; 0]), empty);
    }

    #[test]
    fn row_buffers_pad_cut_and_start_over() {
        let mut b = RowBuf::default();
        for c in ["a", "bb", "ccc"] {
            b.push(c);
        }
        b.resize(2);
        assert_eq!(b.take(), ["a", "bb"]);
        assert!(b.is_empty());
        b.push("z");
        b.resize(3);
        assert_eq!(b.finish(), ["z", "", ""]);
    }

    #[test]
    fn blocks_stay_small() {
        // One per paragraph, list item and heading: a word more is 350 KB
        // on a 10 MB article.
        assert!(std::mem::size_of::<Block>() <= 32);
    }

    #[test]
    fn markers_read_as_written() {
        assert_eq!(Marker::bullet().to_string(), "•");
        assert_eq!(Marker::bullet().number(), None);
        for n in [0, 1, 42, 999_999_999] {
            assert_eq!(Marker::numbered(n).to_string(), format!("{n}."));
        }
        assert_eq!(Marker::numbered(u64::MAX).number(), Some(u32::MAX - 2));
    }
}
