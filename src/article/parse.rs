//! Markdown to [`Article`]: blocks for rendering, sections, tables and the
//! paragraphs/lists the detectors read. Contenders and their items are found
//! afterwards by [`super::detect`].

use super::front_matter;
use super::model::*;
use super::sanitize::{self, Removed};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::fmt::Write;
use std::ops::Range;
use std::sync::Arc;

/// Parses raw bytes: lossy UTF-8 with a warning, never a failure.
pub fn parse_bytes(bytes: &[u8], source: &str) -> Article {
    parse_bytes_unfinished(bytes, source).finish()
}

/// An article read but not yet looked through for its contenders: the
/// caller can free the source text first, which the detectors do not need.
pub struct Unfinished(Article);

impl Unfinished {
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
    let (head, body) = Head::read(&src, removed);
    let mut head = head;
    let mut b = Builder::new(&mut head.removed);
    b.run(body);
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
    let (head, body) = Head::read(src, removed);
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

/// What comes before the body: the front matter's keys, their warnings and
/// what cleaning removed.
struct Head {
    removed: Removed,
    meta: Meta,
    warnings: Vec<String>,
}

/// What the builder made of the body.
struct Output {
    blocks: Vec<Block>,
    tables: Vec<Arc<Table>>,
    sections: Vec<Section>,
    title: Option<String>,
    ragged: usize,
}

impl Head {
    fn read(src: &str, mut removed: Removed) -> (Head, &str) {
        let mut warnings = Vec::new();
        let (block, body) = front_matter::split(src);
        let meta = match block {
            Some(b) => {
                let (meta, w) = front_matter::parse(&b);
                warnings.extend(w);
                clean_meta(meta, &mut removed)
            }
            None => Meta::default(),
        };
        (
            Head {
                removed,
                meta,
                warnings,
            },
            body,
        )
    }

    fn finish(self, out: Output, source: &str) -> Unfinished {
        let Head {
            removed,
            meta,
            mut warnings,
        } = self;
        let Output {
            blocks,
            tables,
            mut sections,
            title,
            ragged,
        } = out;
        if ragged > 0 {
            warnings.push(format!(
                "{ragged} table row(s) had a different number of cells than the header; padded or cut"
            ));
        }
        // Text before the first heading gets a section of its own.
        if let Some(first) = sections.first_mut()
            && first.level == 0
        {
            first.level = 1;
            first.title = meta.title.clone().unwrap_or_default();
        }
        warnings.extend(removed.warnings());
        // Messages quote parsers (YAML, TOML) that saw decoded escapes: show them safely too.
        for w in &mut warnings {
            if let Cow::Owned(v) = sanitize::visible(w) {
                *w = v;
            }
        }

        Unfinished(Article {
            source: sanitize::visible(source).into_owned(),
            meta,
            title,
            contenders: Vec::new(),
            table: None,
            sections,
            warnings,
            blocks,
            tables,
        })
    }
}

fn clean_meta(mut m: Meta, removed: &mut Removed) -> Meta {
    let c = |s: &str, r: &mut Removed| sanitize::clean_inline(s, r).replace('\n', " ");
    m.title = m.title.map(|s| c(&s, removed));
    m.description = m.description.map(|s| c(&s, removed));
    m.keywords = m.keywords.iter().map(|s| c(s, removed)).collect();
    m.extra = Extra(
        m.extra
            .0
            .iter()
            .map(|(k, v)| (c(k, removed), c(v, removed)))
            .collect(),
    );
    m
}

/// A list item's text while it is being read.
struct ItemAcc {
    text: String,
    lead: Option<String>,
    /// Set while the item's opening bold run is being read.
    in_lead: bool,
}

struct ListState {
    next: Option<u64>,
}

#[derive(Default)]
struct TableAcc {
    /// The first row's cells, once it has ended.
    columns: Option<Vec<String>>,
    rows: Vec<Row>,
    /// The row being read.
    row: RowBuf,
    cell: String,
    /// The cell being read, its whitespace squeezed.
    squeezed: String,
    /// Cells in the source line of the row being read, before pulldown-cmark
    /// padded or cut it.
    source_cells: usize,
}

impl TableAcc {
    /// Ends the row being read: the header, or a body row padded or cut to
    /// the header's width (true when it had to be).
    fn end_row(&mut self) -> bool {
        let Some(columns) = &self.columns else {
            self.columns = Some(self.row.take().iter().map(String::from).collect());
            return false;
        };
        let width = columns.len();
        let ragged = self.row.len() != width || self.source_cells != width;
        if ragged {
            self.row.resize(width);
        }
        self.rows.push(self.row.take());
        ragged
    }
}

struct Builder<'r> {
    removed: &'r mut Removed,
    blocks: Vec<Block>,
    tables: Vec<Arc<Table>>,
    sections: Vec<Section>,
    title: Option<String>,
    ragged: usize,

    spans: Option<SpansBuf>,
    heading: Option<u8>,
    style: SpanStyle,
    bold: u16,
    italic: u16,
    strike: u16,
    /// Open links: their target and where their text starts in the inline text.
    links: Vec<(String, usize)>,
    image: u16,
    quote: u16,
    lists: Vec<ListState>,
    marker: Option<Marker>,
    code: Option<String>,
    html: Option<String>,
    table: Option<TableAcc>,
    /// Top-level list being read: its items so far.
    top_list: Option<Vec<Item>>,
    /// The last section's parts so far, and a list's items once read: each
    /// moved into a block of its own size when done (no spare room held
    /// until the detectors run, no chain of reallocations on the way).
    parts: Vec<Part>,
    spare_items: Vec<Item>,
    item: Option<ItemAcc>,
    /// The paragraph's bold lead, for `Part::Para`.
    para_lead: Option<String>,
    para_lead_open: bool,
    /// Bytes of inline text read since the last flush, and where soft line
    /// breaks fell in it: `Part::Para` keeps them as `\n` so the detectors
    /// can read a paragraph line by line (✅/❌ lines).
    inline_len: usize,
    soft_breaks: Vec<usize>,
}

impl<'r> Builder<'r> {
    fn new(removed: &'r mut Removed) -> Self {
        Builder {
            removed,
            blocks: Vec::new(),
            tables: Vec::new(),
            sections: Vec::new(),
            title: None,
            ragged: 0,
            spans: None,
            heading: None,
            style: SpanStyle::default(),
            bold: 0,
            italic: 0,
            strike: 0,
            links: Vec::new(),
            image: 0,
            quote: 0,
            lists: Vec::new(),
            marker: None,
            code: None,
            html: None,
            table: None,
            top_list: None,
            parts: Vec::new(),
            spare_items: Vec::new(),
            item: None,
            para_lead: None,
            para_lead_open: false,
            inline_len: 0,
            soft_breaks: Vec::new(),
        }
    }

    fn run(&mut self, body: &str) {
        // pulldown-cmark builds a tree of all it is given before the first
        // event, so the body is fed in chunks that parse the same on their own.
        for chunk in chunks(body) {
            self.run_chunk(chunk);
        }
        self.end_run();
    }

    fn run_chunk(&mut self, chunk: &str) {
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        for (event, range) in Parser::new_ext(chunk, opts).into_offset_iter() {
            // pulldown-cmark pads short rows and drops extra cells without a
            // word, so the cells are counted in the row's source line.
            if matches!(event, Event::Start(Tag::TableRow))
                && let Some(t) = &mut self.table
            {
                t.source_cells = count_cells(&chunk[range]);
            }
            self.event(event);
        }
    }

    fn end_run(&mut self) {
        self.flush_inline();
        self.end_section();
    }

    /// Ends the last section where the blocks end so far.
    fn end_section(&mut self) {
        let end = self.blocks.len();
        if let Some(s) = self.sections.last_mut() {
            s.blocks.end = end;
            // Every part read since this section began is its own (the
            // parts of the one before were moved when it ended); collected
            // to their exact number, as extending would round up to four.
            s.parts = self.parts.drain(..).collect();
        }
    }

    /// What was built, without room to grow: the detectors allocate next.
    fn output(mut self) -> Output {
        self.blocks.shrink_to_fit();
        self.tables.shrink_to_fit();
        self.sections.shrink_to_fit();
        Output {
            blocks: self.blocks,
            tables: self.tables,
            sections: self.sections,
            title: self.title,
            ragged: self.ragged,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                let saved = self.style;
                self.style.code = true;
                self.text(&t);
                self.style = saved;
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::SoftBreak => {
                if self.code.is_none() && self.html.is_none() && self.table.is_none() {
                    self.soft_breaks.push(self.inline_len);
                }
                self.text(" ")
            }
            Event::HardBreak => self.text("\n"),
            Event::Rule => {
                self.flush_inline();
                self.push_block(BlockKind::Rule);
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
            Event::Html(t) => {
                if let Some(h) = &mut self.html {
                    h.push_str(&t);
                }
            }
            Event::InlineHtml(t) => {
                let tag = t.trim().to_ascii_lowercase();
                if tag.starts_with("<br") {
                    self.text("\n");
                }
            }
            Event::FootnoteReference(t) => self.text(&format!("[{t}]")),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.heading = Some(heading_level(level));
                self.spans = Some(SpansBuf::default());
            }
            Tag::Paragraph => {
                self.flush_inline();
                self.spans = Some(SpansBuf::default());
                self.para_lead = None;
                self.para_lead_open = false;
            }
            Tag::BlockQuote(_) => {
                self.flush_inline();
                self.quote = self.quote.saturating_add(1);
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                let _ = matches!(kind, CodeBlockKind::Fenced(_));
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_inline();
                if self.lists.is_empty() && self.table.is_none() {
                    self.top_list = Some(std::mem::take(&mut self.spare_items));
                }
                self.lists.push(ListState { next: start });
            }
            Tag::Item => {
                self.flush_inline();
                let marker = match self.lists.last_mut().and_then(|l| l.next.as_mut()) {
                    Some(n) => {
                        let m = Marker::numbered(*n);
                        *n += 1;
                        m
                    }
                    None => Marker::bullet(),
                };
                self.marker = Some(marker);
                if self.lists.len() == 1 && self.top_list.is_some() {
                    self.item = Some(ItemAcc {
                        text: String::new(),
                        lead: None,
                        in_lead: false,
                    });
                } else if let Some(item) = &mut self.item {
                    // A nested item stays in its top-level item's text, indented.
                    if !item.text.is_empty() && !item.text.ends_with('\n') {
                        item.text.push('\n');
                    }
                    for _ in 1..self.lists.len().min(40) {
                        item.text.push_str("  ");
                    }
                    match self.marker.and_then(Marker::number) {
                        None => item.text.push_str("- "),
                        Some(n) => {
                            let _ = write!(item.text, "{n}. ");
                        }
                    }
                }
                // Tight items carry text without a paragraph.
                self.spans = Some(SpansBuf::default());
            }
            Tag::Table(_) => {
                self.flush_inline();
                self.table = Some(TableAcc::default());
            }
            Tag::TableCell => {
                if let Some(t) = &mut self.table {
                    t.cell.clear();
                }
            }
            Tag::Emphasis => {
                self.italic += 1;
                self.style.italic = true;
            }
            Tag::Strong => {
                self.bold += 1;
                self.style.bold = true;
                if let Some(item) = &mut self.item
                    && item.text.trim().is_empty()
                    && item.lead.is_none()
                    && self.lists.len() == 1
                {
                    item.in_lead = true;
                }
                if self.item.is_none()
                    && self.heading.is_none()
                    && self
                        .spans
                        .as_ref()
                        .is_some_and(|s| s.text().trim().is_empty())
                {
                    self.para_lead_open = true;
                    self.para_lead = Some(String::new());
                }
            }
            Tag::Strikethrough => {
                self.strike += 1;
                self.style.strike = true;
            }
            Tag::Link { dest_url, .. } => {
                self.links.push((dest_url.to_string(), self.inline_len));
                self.style.link = true;
            }
            Tag::Image { .. } => {
                self.image += 1;
                self.text("[image: ");
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.flush_inline(),
            TagEnd::Paragraph => self.flush_inline(),
            TagEnd::BlockQuote(_) => {
                self.flush_inline();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let code: Box<str> = code.strip_suffix('\n').unwrap_or(&code).into();
                    if let Some(item) = &mut self.item {
                        item.text.push('\n');
                        item.text.push_str(&code);
                    }
                    self.push_block(BlockKind::Code(code));
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(html) = self.html.take() {
                    let text = strip_tags(&html);
                    let text = text.trim();
                    if !text.is_empty() {
                        let text = sanitize::clean_inline(text, self.removed);
                        self.push_block(BlockKind::Para(Spans::plain(&text)));
                    }
                }
            }
            TagEnd::List(_) => {
                self.flush_inline();
                self.lists.pop();
                if self.lists.is_empty()
                    && let Some(mut items) = self.top_list.take()
                {
                    self.push_part(Part::List(items.drain(..).collect()));
                    self.spare_items = items;
                }
            }
            TagEnd::Item => {
                self.flush_inline();
                self.marker = None;
                if self.lists.len() == 1
                    && let (Some(acc), Some(list)) = (self.item.take(), self.top_list.as_mut())
                {
                    list.push(finish_item(acc));
                }
            }
            TagEnd::Table => {
                if let Some(t) = self.table.take() {
                    self.finish_table(t);
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(t) = &mut self.table
                    && t.end_row()
                {
                    self.ragged += 1;
                }
            }
            TagEnd::TableCell => {
                if let Some(t) = &mut self.table {
                    t.squeezed.clear();
                    squeeze_into(&mut t.squeezed, &t.cell);
                    t.row.push(&t.squeezed);
                }
            }
            TagEnd::Emphasis => {
                self.italic = self.italic.saturating_sub(1);
                self.style.italic = self.italic > 0;
            }
            TagEnd::Strong => {
                self.bold = self.bold.saturating_sub(1);
                self.style.bold = self.bold > 0;
                if let Some(item) = &mut self.item
                    && item.in_lead
                {
                    item.in_lead = false;
                    item.lead = Some(item.text.clone());
                }
                self.para_lead_open = false;
            }
            TagEnd::Strikethrough => {
                self.strike = self.strike.saturating_sub(1);
                self.style.strike = self.strike > 0;
            }
            TagEnd::Link => {
                let (url, start) = self.links.pop().unwrap_or_default();
                self.style.link = !self.links.is_empty();
                let shown = url.trim();
                // Table cells and headings are plain text: a link is just its text there.
                let plain_only = self.table.is_some() || self.heading.is_some();
                if plain_only || shown.is_empty() || shown == "#" || self.inline_len == start {
                    return;
                }
                // The target follows the words as a run of its own, ` (url)`:
                // `--print`, `--json` and the detectors read it as text, the
                // Read view hides it and makes the words a link.
                let saved = self.style;
                self.style = SpanStyle {
                    target: true,
                    ..SpanStyle::default()
                };
                if shown.starts_with('#') {
                    // A place in the article: in the paragraph only, not in
                    // the items' text (nor counted: it is never shown).
                    let mut uncounted = Removed::default();
                    let t = format!(" ({shown})");
                    let t = sanitize::clean_inline(&t, &mut uncounted);
                    self.inline_len += t.len();
                    self.spans
                        .get_or_insert_with(SpansBuf::default)
                        .push(&t, self.style);
                } else {
                    self.text(&format!(" ({shown})"));
                }
                self.style = saved;
            }
            TagEnd::Image => {
                self.image = self.image.saturating_sub(1);
                self.text("]");
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        let t = sanitize::clean_inline(t, self.removed);
        if let Some(code) = &mut self.code {
            code.push_str(&t);
            return;
        }
        if let Some(h) = &mut self.html {
            h.push_str(&t);
            return;
        }
        if let Some(table) = &mut self.table {
            table.cell.push_str(&t);
            return;
        }
        if let Some(item) = &mut self.item {
            item.text.push_str(&t);
        }
        if self.para_lead_open
            && let Some(l) = &mut self.para_lead
        {
            l.push_str(&t);
        }
        self.inline_len += t.len();
        self.spans
            .get_or_insert_with(SpansBuf::default)
            .push(&t, self.style);
    }

    /// Ends the paragraph, heading or tight item text being read.
    fn flush_inline(&mut self) {
        self.inline_len = 0;
        let breaks = std::mem::take(&mut self.soft_breaks);
        let Some(spans) = self.spans.take() else {
            return;
        };
        let spans = spans.finish();
        let plain = spans.text();
        if let Some(level) = self.heading.take() {
            let title = squeeze_whitespace(plain);
            if title.is_empty() {
                return;
            }
            if level == 1 && self.title.is_none() {
                self.title = Some(title.clone());
            }
            self.end_section();
            let start = self.blocks.len();
            let section = u32::try_from(self.sections.len()).unwrap_or(u32::MAX);
            self.sections.push(Section {
                level,
                title,
                blocks: start..start,
                parts: Vec::new(),
            });
            self.push_block(BlockKind::Heading {
                level,
                section,
                spans,
            });
            return;
        }
        if plain.trim().is_empty() {
            return;
        }
        if self.item.is_none() && self.top_list.is_none() {
            let lead = self.para_lead.take().map(|l| l.trim().to_string());
            let lead = lead.filter(|l| !l.is_empty());
            let breaks = breaks
                .iter()
                .filter_map(|&b| u32::try_from(b).ok())
                .collect();
            self.push_part(Part::Para {
                block: self.blocks.len(),
                breaks,
                lead,
            });
        } else if let Some(item) = &mut self.item {
            // Later paragraphs of an item stay in its text, on lines of their own.
            if !item.text.ends_with('\n') {
                item.text.push('\n');
            }
        }
        self.push_block(BlockKind::Para(spans));
    }

    fn push_block(&mut self, kind: BlockKind) {
        if self.sections.is_empty() && !matches!(kind, BlockKind::Heading { .. }) {
            self.sections.push(Section {
                level: 0,
                ..Section::default()
            });
        }
        self.blocks.push(Block {
            kind,
            quote: self.quote,
            depth: self.lists.len() as u16,
            marker: self.marker.take(),
        });
    }

    fn push_part(&mut self, part: Part) {
        if self.sections.is_empty() {
            self.sections.push(Section {
                level: 0,
                ..Section::default()
            });
        }
        self.parts.push(part);
    }

    fn finish_table(&mut self, t: TableAcc) {
        let TableAcc {
            columns, mut rows, ..
        } = t;
        rows.shrink_to_fit();
        let columns = columns.unwrap_or_default();
        let idx = self.tables.len();
        self.tables.push(Arc::new(Table { columns, rows }));
        self.push_part(Part::Table(idx));
        self.push_block(BlockKind::Table(idx));
    }
}

/// Pieces of at least this many bytes are worth parsing on their own.
const CHUNK: usize = 64 * 1024;

/// `body` cut into pieces that pulldown-cmark reads exactly as it reads the
/// whole: each cut falls before an ATX heading at column 0 that follows a
/// blank line outside a fenced code block, where every block before it has
/// ended. A document with link reference definitions (a use may sit in another
/// piece) or HTML blocks that a blank line does not end (comments, `<pre>`,
/// `<script>`, …) is read whole.
fn chunks(body: &str) -> impl Iterator<Item = &str> {
    Chunks {
        body,
        cuts: cuts(body),
        i: 0,
    }
}

/// Where [`chunks`] cuts `body`: none when it is read whole.
fn cuts(body: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    if body.len() > 2 * CHUNK && !body.contains("]:") {
        let mut fence: Option<(u8, usize)> = None;
        let mut blank_before = true;
        let mut last = 0;
        let mut at = 0;
        for line in body.split_inclusive('\n') {
            let start = at;
            at += line.len();
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            let blank = rest.trim().is_empty();
            if fence.is_none() && html_not_ended_by_blank(line.trim_start_matches([' ', '\t', '>']))
            {
                return Vec::new();
            }
            if indent <= 3 {
                let b = rest.as_bytes();
                if let Some((c, n)) = fence {
                    let run = b.iter().take_while(|&&x| x == c).count();
                    if run >= n && rest[run..].trim().is_empty() {
                        fence = None;
                    }
                    blank_before = false;
                    continue;
                }
                if let Some(&c) = b.first()
                    && (c == b'`' || c == b'~')
                {
                    let run = b.iter().take_while(|&&x| x == c).count();
                    if run >= 3 && (c == b'~' || !rest[run..].contains('`')) {
                        fence = Some((c, run));
                        blank_before = false;
                        continue;
                    }
                }
                if indent == 0 && blank_before && start - last >= CHUNK && atx_heading(rest) {
                    cuts.push(start);
                    last = start;
                }
            } else if fence.is_some() {
                blank_before = false;
                continue;
            }
            blank_before = blank;
        }
    }
    cuts
}

struct Chunks<'a> {
    body: &'a str,
    cuts: Vec<usize>,
    i: usize,
}

impl<'a> Iterator for Chunks<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.i > self.cuts.len() {
            return None;
        }
        let start = if self.i == 0 {
            0
        } else {
            self.cuts[self.i - 1]
        };
        let end = self.cuts.get(self.i).copied().unwrap_or(self.body.len());
        self.i += 1;
        Some(&self.body[start..end])
    }
}

/// `#` to `######` then a space, a tab or the line's end.
fn atx_heading(line: &str) -> bool {
    let n = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&n)
        && matches!(
            line.as_bytes().get(n),
            None | Some(b' ' | b'\t' | b'\n' | b'\r')
        )
}

/// HTML blocks of kinds 1 to 5, which run to an end marker rather than a blank line.
fn html_not_ended_by_blank(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if rest.starts_with(['!', '?']) {
        return true;
    }
    let head: String = rest
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    ["script", "pre", "style", "textarea"]
        .iter()
        .any(|t| head.starts_with(t))
}

/// Trims `s` and turns every run of whitespace inside it into one space.
pub fn squeeze_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_into(&mut out, s);
    out
}

/// [`squeeze_whitespace`], appended to `out`.
fn squeeze_into(out: &mut String, s: &str) {
    for (i, w) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

/// Cells in a table row's source line: its unescaped pipes, less the optional
/// leading and trailing ones. As in pulldown-cmark, a pipe right after a
/// backslash stays in its cell, and a pipe inside a code span still splits.
fn count_cells(row: &str) -> usize {
    let line = row.split('\n').next().unwrap_or("").trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let b = line.as_bytes();
    let pipes = (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count();
    let trailing = b.last() == Some(&b'|') && (b.len() < 2 || b[b.len() - 2] != b'\\');
    pipes + 1 - usize::from(trailing)
}

fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Splits an item's bold lead into the title ("Scalable:" → "Scalable").
fn finish_item(acc: ItemAcc) -> Item {
    let text = acc.text.trim().to_string();
    if let Some(lead) = acc.lead {
        let rest = text.strip_prefix(lead.as_str()).unwrap_or(&text);
        // "**Cheap**, mostly." is a sentence that starts in bold, not a lead.
        let glued = rest
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '-' | '–' | '—'));
        let title = lead.trim().trim_end_matches([':', '：']).trim().to_string();
        let rest = rest
            .trim_start_matches([':', '：', ' ', '-', '–', '—'])
            .trim()
            .to_string();
        if !title.is_empty() && !glued {
            return Item {
                title: Some(title),
                text: rest,
            };
        }
    }
    Item { title: None, text }
}

/// Text content of an HTML block, without tags or comments.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|e| e + 3)
        } else {
            rest.find('>').map(|e| e + 1)
        };
        match end {
            Some(e) => rest = &rest[e..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
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
