//! The article model: everything the views and outputs need, free of terminal concerns.

use serde::ser::{Serialize, SerializeMap, Serializer};
use std::ops::Range;

#[derive(Debug, Clone, Default)]
pub struct Article {
    pub source: String,
    pub meta: Meta,
    pub title: Option<String>,
    pub contenders: Vec<Contender>,
    /// The feature table, read the way it was meant: the feature column
    /// first, then one column per contender in `contenders` order (even when
    /// the article lists the contenders down its rows). Without contenders,
    /// the article's first table of three or more columns, as written.
    pub table: Option<Table>,
    pub sections: Vec<Section>,
    pub warnings: Vec<String>,
    /// The document as flat, render-ready blocks (the JSON carries the plain-text sections instead).
    pub blocks: Vec<Block>,
    /// Every table in document order; `table` is a copy of the feature table among them.
    pub tables: Vec<Table>,
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
        st.serialize_field("table", &self.table)?;
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
        use serde::ser::SerializeSeq;
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
    pub rows: Vec<Vec<String>>,
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
    List(Vec<Item>),
    /// Index into `Article::tables`.
    Table(usize),
}

/// A paragraph part's plain text, trimmed, the source's line breaks inside
/// it kept as `\n`.
pub fn para_text(blocks: &[Block], block: usize, breaks: &[u32]) -> String {
    let plain = match blocks.get(block).map(|b| &b.kind) {
        Some(BlockKind::Para(spans)) => spans.text(),
        _ => "",
    };
    let start = plain.len() - plain.trim_start().len();
    let mut text = plain.trim().to_string();
    if breaks.is_empty() {
        return text;
    }
    // Only ASCII spaces become ASCII newlines, so the text stays UTF-8.
    let mut bytes = std::mem::take(&mut text).into_bytes();
    for &b in breaks {
        if let Some(i) = (b as usize).checked_sub(start)
            && bytes.get(i) == Some(&b' ')
        {
            bytes[i] = b'\n';
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| plain.trim().to_string())
}

/// One render-ready block. Nesting is flattened: `depth` counts list levels and
/// `quote` block-quote levels around the block.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub quote: u16,
    pub depth: u16,
    /// The list marker ("•", "3.") when this block opens a list item.
    pub marker: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum BlockKind {
    Heading {
        level: u8,
        section: usize,
        spans: Spans,
    },
    Para(Spans),
    Code(String),
    Rule,
    /// Index into `Article::tables`.
    Table(usize),
}

/// Styled inline text, compact: the text once, and where each style runs
/// (a heap string per styled word would cost more than the words).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spans {
    text: Box<str>,
    runs: Box<[Run]>,
}

/// A run: its end in the text, shifted past its style's five bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run(u32);

impl Run {
    fn end(self) -> usize {
        (self.0 >> 5) as usize
    }

    fn style(self) -> u8 {
        (self.0 & 31) as u8
    }

    fn new(end: usize, style: u8) -> Run {
        // Inputs are capped at 64 MiB, well below 2^27 bytes a block.
        Run(((end.min((u32::MAX >> 5) as usize) as u32) << 5) | u32::from(style))
    }
}

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
        &self.text
    }

    /// Runs: number of spans.
    pub fn len(&self) -> usize {
        self.runs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Span<'_>> + '_ {
        let mut start = 0;
        self.runs.iter().map(move |r| {
            let end = r.end();
            let text = self.text.get(start..end).unwrap_or("");
            start = end;
            Span {
                text,
                style: SpanStyle::from_bits(r.style()),
            }
        })
    }
}

/// [`Spans`] being built: text in one style after another, a run merged
/// with the previous one when their styles match.
#[derive(Debug, Clone, Default)]
pub struct SpansBuf {
    text: String,
    runs: Vec<Run>,
}

impl SpansBuf {
    pub fn push(&mut self, text: &str, style: SpanStyle) {
        self.text.push_str(text);
        let end = self.text.len();
        let style = style.bits();
        match self.runs.last_mut() {
            Some(last) if last.style() == style => *last = Run::new(end, style),
            _ => self.runs.push(Run::new(end, style)),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn finish(self) -> Spans {
        Spans {
            text: self.text.into_boxed_str(),
            runs: self.runs.into_boxed_slice(),
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
}

impl SpanStyle {
    fn bits(self) -> u8 {
        u8::from(self.bold)
            | u8::from(self.italic) << 1
            | u8::from(self.code) << 2
            | u8::from(self.link) << 3
            | u8::from(self.strike) << 4
    }

    fn from_bits(b: u8) -> SpanStyle {
        SpanStyle {
            bold: b & 1 != 0,
            italic: b & 2 != 0,
            code: b & 4 != 0,
            link: b & 8 != 0,
            strike: b & 16 != 0,
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
                BlockKind::Para(spans) => spans.text().into(),
                BlockKind::Code(code) => code.as_str().into(),
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
            match b.marker.as_deref() {
                Some("•") => out.push_str("- "),
                Some(m) => {
                    out.push_str(m);
                    out.push(' ');
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

    /// The section that holds block `b`.
    pub fn section_of_block(&self, b: usize) -> usize {
        self.sections
            .partition_point(|s| s.blocks.start <= b)
            .saturating_sub(1)
    }
}
