//! The block builder: pulldown-cmark's events to blocks, sections, tables
//! and the lists and paragraphs the detectors read.

use super::*;

/// What the builder made of the body.
pub(super) struct Output {
    pub(super) blocks: Vec<Block>,
    pub(super) tables: Vec<Arc<Table>>,
    pub(super) sections: Vec<Section>,
    pub(super) title: Option<String>,
    pub(super) ragged: usize,
    pub(super) wide_tables: usize,
}

/// A list item's text while it is being read.
pub(super) struct ItemAcc {
    pub(super) text: String,
    pub(super) lead: Option<String>,
    /// Set while the item's opening bold run is being read.
    pub(super) in_lead: bool,
    /// The pro or con a list's bullet says, for the detectors: `+` items
    /// are pros, and `-` items right after a `+` list are cons.
    pub(super) sign: Option<&'static str>,
}

pub(super) struct ListState {
    pub(super) next: Option<u64>,
}

#[derive(Default)]
pub(super) struct TableAcc {
    /// The first row's cells, once it has ended.
    pub(super) columns: Option<Vec<String>>,
    pub(super) rows: Vec<Row>,
    /// The row being read.
    pub(super) row: RowBuf,
    pub(super) cell: String,
    /// The cell being read, its whitespace squeezed.
    pub(super) squeezed: String,
    /// Cells in the source line of the row being read, before pulldown-cmark
    /// padded or cut it.
    pub(super) source_cells: usize,
    /// Cells in the header's source line.
    pub(super) header_cells: usize,
}

impl TableAcc {
    /// Ends the row being read: the header, or a body row padded or cut to
    /// the header's width (true when it had to be).
    pub(super) fn end_row(&mut self) -> bool {
        let Some(columns) = &self.columns else {
            self.columns = Some(self.row.take().iter().map(String::from).collect());
            self.header_cells = self.source_cells;
            return false;
        };
        let width = columns.len();
        let ragged = self.row.len() != width || self.source_cells != self.header_cells;
        if ragged {
            self.row.resize(width);
        }
        self.rows.push(self.row.take());
        ragged
    }
}

pub(super) struct Builder<'r> {
    pub(super) removed: &'r mut Removed,
    pub(super) blocks: Vec<Block>,
    pub(super) tables: Vec<Arc<Table>>,
    pub(super) sections: Vec<Section>,
    pub(super) title: Option<String>,
    pub(super) ragged: usize,
    /// Tables with more than [`MAX_TABLE_COLUMNS`] columns.
    pub(super) wide_tables: usize,

    pub(super) spans: Option<SpansBuf>,
    pub(super) heading: Option<u8>,
    pub(super) style: SpanStyle,
    pub(super) bold: u16,
    pub(super) italic: u16,
    pub(super) strike: u16,
    /// Open links: their target and where their text starts in the inline text.
    pub(super) links: Vec<(String, usize)>,
    pub(super) image: u16,
    pub(super) quote: u16,
    pub(super) lists: Vec<ListState>,
    pub(super) marker: Option<Marker>,
    pub(super) code: Option<String>,
    pub(super) html: Option<String>,
    pub(super) table: Option<TableAcc>,
    /// Top-level list being read: its items so far.
    pub(super) top_list: Option<Vec<Item>>,
    /// The last section's parts so far, and a list's items once read: each
    /// moved into a block of its own size when done (no spare room held
    /// until the detectors run, no chain of reallocations on the way).
    pub(super) parts: Vec<Part>,
    pub(super) spare_items: Vec<Item>,
    pub(super) item: Option<ItemAcc>,
    /// The paragraph's bold lead, for `Part::Para`.
    pub(super) para_lead: Option<String>,
    pub(super) para_lead_open: bool,
    /// Bytes of inline text read since the last flush, and where soft line
    /// breaks fell in it: `Part::Para` keeps them as `\n` so the detectors
    /// can read a paragraph line by line (✅/❌ lines).
    pub(super) inline_len: usize,
    pub(super) soft_breaks: Vec<usize>,
    /// The bullet of the list item being started.
    pub(super) bullet: u8,
    /// The top-level list being read follows a `+` list.
    pub(super) after_plus: bool,
}

impl<'r> Builder<'r> {
    pub(super) fn new(removed: &'r mut Removed) -> Self {
        Builder {
            removed,
            blocks: Vec::new(),
            tables: Vec::new(),
            sections: Vec::new(),
            title: None,
            ragged: 0,
            wide_tables: 0,
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
            bullet: 0,
            after_plus: false,
        }
    }

    pub(super) fn run(&mut self, body: &str) {
        // pulldown-cmark builds a tree of all it is given before the first
        // event, so the body is fed in chunks that parse the same on their own.
        for chunk in chunks(body) {
            self.run_chunk(chunk);
        }
        self.end_run();
    }

    pub(super) fn run_chunk(&mut self, chunk: &str) {
        let opts =
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
        for (event, range) in Parser::new_ext(chunk, opts).into_offset_iter() {
            // The bullet a list item starts with (`-`, `*`, `+`).
            if matches!(event, Event::Start(Tag::Item)) {
                self.bullet = chunk.as_bytes().get(range.start).copied().unwrap_or(0);
            }
            // pulldown-cmark pads short rows and drops extra cells without a
            // word, so the cells are counted in the row's source line.
            if matches!(event, Event::Start(Tag::TableRow | Tag::TableHead))
                && let Some(t) = &mut self.table
            {
                t.source_cells = count_cells(&chunk[range]);
            }
            self.event(event);
        }
    }

    pub(super) fn end_run(&mut self) {
        self.flush_inline();
        self.end_section();
    }

    /// Ends the last section where the blocks end so far.
    pub(super) fn end_section(&mut self) {
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
    pub(super) fn output(mut self) -> Output {
        self.blocks.shrink_to_fit();
        self.tables.shrink_to_fit();
        self.sections.shrink_to_fit();
        Output {
            blocks: self.blocks,
            tables: self.tables,
            sections: self.sections,
            title: self.title,
            ragged: self.ragged,
            wide_tables: self.wide_tables,
        }
    }

    pub(super) fn event(&mut self, event: Event<'_>) {
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

    pub(super) fn start(&mut self, tag: Tag<'_>) {
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
                if self.lists.is_empty() {
                    // Once per list: a list right after a `+` list.
                    self.after_plus = matches!(
                        self.parts.last(),
                        Some(Part::List(items)) if !items.is_empty() && items.iter().all(signed_plus)
                    );
                }
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
                    let sign = match self.bullet {
                        b'+' => Some("+ "),
                        b'-' | b'*' if self.after_plus => Some("\u{2212} "),
                        _ => None,
                    };
                    self.item = Some(ItemAcc {
                        text: String::new(),
                        lead: None,
                        in_lead: false,
                        sign,
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

    pub(super) fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.flush_inline(),
            TagEnd::Paragraph => self.flush_inline(),
            TagEnd::BlockQuote(_) => {
                self.flush_inline();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                if let Some(code) = self.code.take() {
                    let code = code.strip_suffix('\n').unwrap_or(&code);
                    if let Some(item) = &mut self.item {
                        item.text.push('\n');
                        item.text.push_str(code);
                    }
                    // A long block is kept as blocks of at most
                    // MAX_CODE_BLOCK_LINES lines, drawn without a gap: every
                    // later stage lays out one block at a time.
                    let mut rest = code;
                    loop {
                        let cut = memchr::memchr_iter(b'\n', rest.as_bytes())
                            .nth(limits::MAX_CODE_BLOCK_LINES - 1);
                        let Some(cut) = cut else {
                            self.push_block(BlockKind::Code(rest.into()));
                            break;
                        };
                        self.push_block(BlockKind::Code(rest[..cut].into()));
                        rest = &rest[cut + 1..];
                    }
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
                    list.push(finish_signed(acc));
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
                if let Some(t) = &mut self.table
                    && t.row.len() < MAX_TABLE_COLUMNS
                {
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

    pub(super) fn text(&mut self, t: &str) {
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
    pub(super) fn flush_inline(&mut self) {
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

    pub(super) fn push_block(&mut self, kind: BlockKind) {
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

    pub(super) fn push_part(&mut self, part: Part) {
        if self.sections.is_empty() {
            self.sections.push(Section {
                level: 0,
                ..Section::default()
            });
        }
        self.parts.push(part);
    }

    pub(super) fn finish_table(&mut self, t: TableAcc) {
        let TableAcc {
            columns,
            mut rows,
            header_cells,
            ..
        } = t;
        // A backstop: the wide tables were cut before the parser saw them.
        if header_cells > MAX_TABLE_COLUMNS {
            self.wide_tables += 1;
        }
        rows.shrink_to_fit();
        let columns = columns.unwrap_or_default();
        let idx = self.tables.len();
        self.tables.push(Arc::new(Table { columns, rows }));
        self.push_part(Part::Table(idx));
        self.push_block(BlockKind::Table(idx));
    }
}

/// Trims `s` and turns every run of whitespace inside it into one space.
pub fn squeeze_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_into(&mut out, s);
    out
}

/// [`squeeze_whitespace`], appended to `out`.
pub(super) fn squeeze_into(out: &mut String, s: &str) {
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
pub(super) fn count_cells(row: &str) -> usize {
    let line = row.split('\n').next().unwrap_or("").trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let b = line.as_bytes();
    let pipes = (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count();
    let trailing = b.last() == Some(&b'|') && (b.len() < 2 || b[b.len() - 2] != b'\\');
    pipes + 1 - usize::from(trailing)
}

pub(super) fn heading_level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An item of a `+` list (see [`ItemAcc::sign`]).
pub(super) fn signed_plus(i: &Item) -> bool {
    i.title.as_deref().unwrap_or(&i.text).starts_with("+ ")
}

/// [`finish_item`], with the bullet's sign put before the title or text.
pub(super) fn finish_signed(acc: ItemAcc) -> Item {
    let sign = acc.sign;
    let mut item = finish_item(acc);
    if let Some(sign) = sign {
        match &mut item.title {
            Some(t) => t.insert_str(0, sign),
            None => item.text.insert_str(0, sign),
        }
    }
    item
}

/// Splits an item's bold lead into the title ("Scalable:" → "Scalable").
pub(super) fn finish_item(acc: ItemAcc) -> Item {
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
pub(super) fn strip_tags(html: &str) -> String {
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
