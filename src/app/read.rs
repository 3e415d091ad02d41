//! The Read view: outline and content, scrolled by (item, line) so that only
//! the items near the viewport are ever laid out.

use super::App;
use super::geometry::{self, OUTLINE_AUTO_WIDTH};
use super::search::push_joined;
use crate::article::{Article, BlockKind};
use crate::keys::Action;
use crate::render::doc::{self, item_count, item_lines};
use crate::render::grid::Shape;
use crate::render::theme::{LINK_TAGS, Theme};
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    pub item: usize,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Outline,
    Content,
}

pub struct ReadState {
    pub top: Pos,
    pub focus: Focus,
    /// The outline row the cursor is on (a section index).
    pub outline_sel: usize,
    /// `Some` once the reader toggled the outline with `o`; otherwise it follows the width.
    pub outline_forced: Option<bool>,
    /// A section jumped to that cannot reach the top (near the end): it stays current.
    pub section_hint: Option<usize>,
    /// The selected link (`f`, `F`).
    pub link: Option<LinkId>,
    /// What each layout item shows: a whole block, or one part of a table.
    /// This and `block_item` come from the article alone: shared by every
    /// session on it.
    units: Arc<[Unit]>,
    /// The first item of each block.
    block_item: Arc<[u32]>,
    cache: RefCell<LineCache>,
    /// Each section's parent, for the folded outline (see [`super::outline`]).
    /// Found when the outline is first shown, by whichever session sharing
    /// the indexes shows it first.
    pub(super) parents: Arc<std::sync::OnceLock<Vec<Option<usize>>>>,
}

/// One layout item of the Read view. A table is split into the lines above
/// its rows and one item per row, so that a 10,000-row table is laid out only
/// where it is shown (and scrolling past it never wraps the whole of it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    /// An item of [`doc`]: the front-matter header or a whole block.
    Doc(u32),
    /// Table block: borders and header above the rows (nothing for cards).
    TableHead(u32),
    /// Table block, row.
    TableRow(u32, u32),
}

/// Laid-out items for one width; dropped when the width changes.
#[derive(Default)]
struct LineCache {
    width: usize,
    items: HashMap<usize, Arc<Vec<Line<'static>>>>,
    shapes: HashMap<usize, Arc<Shape>>,
}

const CACHE_LIMIT: usize = 4096;

impl ReadState {
    pub fn new(a: &Article) -> ReadState {
        let mut units = Vec::with_capacity(item_count(a));
        let mut block_item = Vec::with_capacity(a.blocks.len());
        if doc::block_of(a, 0).is_none() && item_count(a) > 0 {
            units.push(Unit::Doc(0));
        }
        for (b, block) in a.blocks.iter().enumerate() {
            block_item.push(units.len() as u32);
            match &block.kind {
                BlockKind::Table(t) if !a.tables[*t].rows.is_empty() => {
                    units.push(Unit::TableHead(b as u32));
                    units.extend(
                        (0..a.tables[*t].rows.len()).map(|r| Unit::TableRow(b as u32, r as u32)),
                    );
                }
                _ => units.push(Unit::Doc(doc::item_of_block(a, b) as u32)),
            }
        }
        Self::with_indexes(units.into(), block_item.into(), Arc::default())
    }

    /// A new reader's state on the same article: the item indexes are shared.
    pub fn fresh(&self) -> ReadState {
        Self::with_indexes(
            self.units.clone(),
            self.block_item.clone(),
            self.parents.clone(),
        )
    }

    fn with_indexes(
        units: Arc<[Unit]>,
        block_item: Arc<[u32]>,
        parents: Arc<std::sync::OnceLock<Vec<Option<usize>>>>,
    ) -> ReadState {
        ReadState {
            top: Pos::default(),
            focus: Focus::Content,
            outline_sel: 0,
            outline_forced: None,
            section_hint: None,
            link: None,
            units,
            block_item,
            cache: RefCell::new(LineCache::default()),
            parents,
        }
    }

    /// True when both states use the same shared item indexes.
    pub fn shares_indexes_with(&self, other: &ReadState) -> bool {
        Arc::ptr_eq(&self.units, &other.units) && Arc::ptr_eq(&self.block_item, &other.block_item)
    }

    /// Number of layout items.
    pub fn item_count(&self) -> usize {
        self.units.len()
    }

    /// The block an item shows (`None` for the front-matter header).
    pub fn block_of(&self, a: &Article, item: usize) -> Option<usize> {
        match *self.units.get(item)? {
            Unit::Doc(i) => doc::block_of(a, i as usize),
            Unit::TableHead(b) | Unit::TableRow(b, _) => Some(b as usize),
        }
    }

    /// The first item that shows block `b`.
    pub fn item_of_block(&self, b: usize) -> usize {
        self.block_item
            .get(b)
            .map_or(self.units.len(), |&i| i as usize)
    }

    pub fn outline_shown(&self, size: Rect) -> bool {
        self.outline_forced
            .unwrap_or(size.width >= OUTLINE_AUTO_WIDTH)
    }

    /// The lines of one item at `width`, laid out once per width.
    pub fn lines(
        &self,
        a: &Article,
        item: usize,
        width: usize,
        theme: &Theme,
    ) -> Arc<Vec<Line<'static>>> {
        let mut cache = self.cache.borrow_mut();
        if cache.width != width || cache.items.len() > CACHE_LIMIT {
            cache.items.clear();
            cache.shapes.clear();
            cache.width = width;
        }
        if let Some(lines) = cache.items.get(&item) {
            return lines.clone();
        }
        let lines = match self.units.get(item) {
            None => Vec::new(),
            Some(&Unit::Doc(i)) => item_lines(a, i as usize, width, theme),
            Some(&Unit::TableHead(b)) | Some(&Unit::TableRow(b, _)) => {
                let b = b as usize;
                let shape = cache
                    .shapes
                    .entry(b)
                    .or_insert_with(|| {
                        Arc::new(doc::table_shape(a, b, width, theme).unwrap_or(Shape::Cards))
                    })
                    .clone();
                let row = match self.units[item] {
                    Unit::TableRow(_, r) => Some(r as usize),
                    _ => None,
                };
                doc::table_part_lines(a, b, row, &shape, width, theme)
            }
        };
        let lines = Arc::new(lines);
        cache.items.insert(item, lines.clone());
        lines
    }
}

impl App {
    pub fn read_panes(&self) -> (Option<Rect>, Rect) {
        geometry::read_panes(
            geometry::body(self.size),
            self.read.outline_shown(self.size),
        )
    }

    pub fn read_width(&self) -> usize {
        geometry::content_text_width(self.read_panes().1)
    }

    fn item_len(&self, item: usize) -> usize {
        self.read
            .lines(&self.article, item, self.read_width(), &self.theme)
            .len()
    }

    /// The visible lines from `top`, at most `height` of them.
    pub fn read_visible(&self, height: usize) -> Vec<Line<'static>> {
        let mut out = Vec::with_capacity(height);
        let mut pos = self.read.top;
        let n = self.read.item_count();
        let w = self.read_width();
        while out.len() < height && pos.item < n {
            let lines = self.read.lines(&self.article, pos.item, w, &self.theme);
            out.extend(
                lines
                    .iter()
                    .skip(pos.line)
                    .take(height - out.len())
                    .cloned(),
            );
            pos = Pos {
                item: pos.item + 1,
                line: 0,
            };
        }
        out
    }

    /// The furthest the top can go: the last screenful ends with the last line.
    fn max_top(&self) -> Pos {
        let h = self.body_height().max(1);
        let mut need = h;
        let mut item = self.read.item_count();
        while item > 0 {
            item -= 1;
            let len = self.item_len(item);
            if len >= need {
                return Pos {
                    item,
                    line: len - need,
                };
            }
            need -= len;
        }
        Pos::default()
    }

    fn clamp_top(&mut self) {
        let max = self.max_top();
        if self.read.top > max {
            self.read.top = max;
        }
    }

    pub fn read_scroll_down(&mut self, mut n: usize) {
        let max = self.max_top();
        let mut pos = self.read.top;
        while n > 0 && pos < max {
            let len = self.item_len(pos.item);
            let room = len.saturating_sub(pos.line + 1);
            if len > 0 && n <= room {
                pos.line += n;
                n = 0;
            } else {
                // An empty item (a table's head drawn as cards) takes no step.
                if len > 0 {
                    n -= room + 1;
                }
                pos = Pos {
                    item: pos.item + 1,
                    line: 0,
                };
            }
        }
        self.read.top = pos.min(max);
        self.after_scroll();
    }

    pub fn read_scroll_up(&mut self, mut n: usize) {
        let mut pos = self.read.top;
        while n > 0 {
            if pos.line >= n {
                pos.line -= n;
                break;
            }
            n -= pos.line;
            if pos.item == 0 {
                pos.line = 0;
                break;
            }
            pos.item -= 1;
            pos.line = self.item_len(pos.item);
        }
        self.read.top = pos;
        self.after_scroll();
    }

    fn after_scroll(&mut self) {
        self.read.section_hint = None;
        self.read.outline_sel = self.current_section();
    }

    /// The section being read: the one whose text is at the top of the content.
    pub fn current_section(&self) -> usize {
        if let Some(s) = self.read.section_hint {
            return s;
        }
        match self.read.block_of(&self.article, self.read.top.item) {
            Some(b) => self.article.section_of_block(b),
            None => 0,
        }
    }

    pub fn read_jump_to_section(&mut self, s: usize) {
        let Some(sec) = self.article.sections.get(s) else {
            return;
        };
        self.read.top = Pos {
            item: self.read.item_of_block(sec.blocks.start),
            line: 0,
        };
        // The leading section (text before any heading) starts with the front-matter header.
        if s == 0 {
            self.read.top = Pos::default();
        }
        self.clamp_top();
        self.read.section_hint = Some(s);
        self.read.outline_sel = s;
    }

    pub fn read_resized(&mut self) {
        self.clamp_top();
    }

    /// Top-of-content position as a percentage of the document.
    pub fn read_percent(&self) -> usize {
        if self.read.top == Pos::default() {
            // At the top (the first frame): 0%, or 100% when it all fits; this
            // lays out only the items on screen, not the end of the article.
            let h = self.body_height().max(1);
            let (mut lines, mut item) = (0, 0);
            while lines <= h && item < self.read.item_count() {
                lines += self.item_len(item);
                item += 1;
            }
            return if lines <= h { 100 } else { 0 };
        }
        let max = self.max_top();
        if max == Pos::default() || self.read.top >= max {
            return 100;
        }
        // In whole blocks of the document, as if tables were not split.
        let a = &self.article;
        let n = item_count(a).max(1);
        let top = self.read.top;
        let within = top.line as f64 / self.item_len(top.item).max(1) as f64;
        let rows = |b: u32| match &a.blocks[b as usize].kind {
            BlockKind::Table(t) => a.tables[*t].rows.len() as f64 + 1.0,
            _ => 1.0,
        };
        let (item, part) = match self.read.units.get(top.item) {
            Some(&Unit::Doc(i)) => (i as usize, within),
            Some(&Unit::TableHead(b)) => (doc::item_of_block(a, b as usize), within / rows(b)),
            Some(&Unit::TableRow(b, r)) => (
                doc::item_of_block(a, b as usize),
                (f64::from(r) + 1.0 + within) / rows(b),
            ),
            None => (n, 0.0),
        };
        let frac = (item as f64 + part) / n as f64;
        ((frac * 100.0) as usize).min(99)
    }

    pub(super) fn read_update(&mut self, action: Action) {
        let page = self.body_height().saturating_sub(2).max(1);
        let nsec = self.article.sections.len();
        let outline_focus =
            self.read.focus == super::read::Focus::Outline && self.read_panes().0.is_some();
        match action {
            Action::Left => self.read.focus = Focus::Outline,
            Action::Right => self.read.focus = Focus::Content,
            Action::ToggleOutline => {
                let shown = !self.read.outline_shown(self.size);
                self.read.outline_forced = Some(shown);
                self.read.focus = if shown {
                    self.read.focus
                } else {
                    Focus::Content
                };
                self.clamp_top();
            }
            Action::Down if outline_focus => self.outline_move(1),
            Action::Up if outline_focus => self.outline_move(-1),
            Action::Enter if outline_focus => {
                self.read_jump_to_section(self.read.outline_sel);
                self.read.focus = Focus::Content;
            }
            Action::Enter => self.follow_link(),
            Action::NextLink => self.select_link(true),
            Action::PrevLink => self.select_link(false),
            Action::Down => self.read_scroll_down(1),
            Action::Up => self.read_scroll_up(1),
            Action::PageDown => self.read_scroll_down(page),
            Action::PageUp => self.read_scroll_up(page),
            Action::HalfDown => self.read_scroll_down(page / 2 + 1),
            Action::HalfUp => self.read_scroll_up(page / 2 + 1),
            Action::Top => {
                self.read.top = Pos::default();
                self.after_scroll();
            }
            Action::Bottom => {
                self.read.top = self.max_top();
                self.after_scroll();
                if nsec > 0 {
                    self.read.section_hint = Some(nsec - 1);
                    self.read.outline_sel = nsec - 1;
                }
            }
            Action::NextSection => {
                let s = self.current_section();
                if s + 1 < nsec {
                    self.read_jump_to_section(s + 1);
                }
            }
            Action::PrevSection => {
                let s = self.current_section();
                // From inside a section, K goes to its own heading first.
                let at_heading = self.article.sections.get(s).is_some_and(|sec| {
                    self.read.top
                        == Pos {
                            item: self.read.item_of_block(sec.blocks.start),
                            line: 0,
                        }
                });
                let target = if at_heading || self.read.section_hint == Some(s) {
                    s.saturating_sub(1)
                } else {
                    s
                };
                self.read_jump_to_section(target);
            }
            _ => {}
        }
    }

    fn outline_move(&mut self, delta: isize) {
        let n = self.article.sections.len();
        if n == 0 {
            return;
        }
        let sel = (self.read.outline_sel as isize + delta).clamp(0, n as isize - 1) as usize;
        self.read_jump_to_section(sel);
    }

    pub(super) fn read_copy_text(&self) -> Option<String> {
        if let Some(url) = self.read.link.and_then(|id| self.link_url(id)) {
            return Some(url);
        }
        let i = self.current_section();
        let s = self.article.sections.get(i)?;
        Some(format!("{}\n\n{}\n", s.title, self.article.section_text(i)))
    }

    /// Each item's plain text, for search (see [`App::each_search_unit`]).
    pub(super) fn read_each_unit(
        &self,
        from: usize,
        f: &mut dyn FnMut(usize, &str) -> ControlFlow<()>,
    ) {
        let a = &self.article;
        let mut buf = String::new();
        for (u, unit) in self.read.units.iter().enumerate().skip(from) {
            let text: &str = match *unit {
                Unit::TableHead(b) | Unit::TableRow(b, _) => {
                    let BlockKind::Table(t) = &a.blocks[b as usize].kind else {
                        unreachable!("table units are made from table blocks")
                    };
                    let table = &a.tables[*t];
                    buf.clear();
                    match *unit {
                        Unit::TableRow(_, r) => {
                            if let Some(row) = table.rows.get(r as usize) {
                                push_joined(&mut buf, row.iter());
                            }
                        }
                        _ => push_joined(&mut buf, &table.columns),
                    }
                    &buf
                }
                Unit::Doc(i) => match doc::block_of(a, i as usize) {
                    None => {
                        buf.clear();
                        buf.push_str(a.meta.description.as_deref().unwrap_or_default());
                        buf.push(' ');
                        buf.push_str(&a.meta.keywords.join(", "));
                        &buf
                    }
                    Some(b) => match &a.blocks[b].kind {
                        BlockKind::Heading { spans, .. } => spans.text(),
                        // Without the links' targets, which the view does not show.
                        BlockKind::Para(spans) => match spans.visible_text() {
                            std::borrow::Cow::Borrowed(t) => t,
                            std::borrow::Cow::Owned(t) => {
                                buf = t;
                                &buf
                            }
                        },
                        BlockKind::Code(c) => c,
                        BlockKind::Rule => "",
                        // A table without rows (those with rows are items of their own).
                        BlockKind::Table(t) => {
                            let t = &a.tables[*t];
                            buf.clear();
                            push_joined(&mut buf, &t.columns);
                            for r in &t.rows {
                                buf.push('\n');
                                push_joined(&mut buf, r.iter());
                            }
                            &buf
                        }
                    },
                },
            };
            // In ASCII mode, the text as spelled on screen ("it's" finds "it’s").
            let spelled;
            let text = if self.theme.glyphs.ascii && !text.is_ascii() {
                spelled = crate::render::ascii::text(text).into_owned();
                &spelled
            } else {
                text
            };
            if f(u, text).is_break() {
                return;
            }
        }
    }

    /// Scrolls so that the `nth` occurrence of the query inside `item` is in view.
    pub(super) fn read_show_match(&mut self, item: usize, nth: usize) {
        let q = self.search.query.clone().unwrap_or_default();
        let lines = self
            .read
            .lines(&self.article, item, self.read_width(), &self.theme);
        let mut seen = 0;
        let mut line = 0;
        for (i, l) in lines.iter().enumerate() {
            let hits = crate::render::find::find_all(&doc::line_text(l), &q).len();
            if seen + hits > nth {
                line = i;
                break;
            }
            seen += hits;
        }
        // Keep a little context above the match.
        self.read.top = Pos { item, line };
        self.read_scroll_up(2.min(self.body_height() / 4));
        self.clamp_top();
        self.read.section_hint = None;
        // The section named is the match's (its heading may be just below
        // the top), and at the bottom the last one, as `G` says: the same
        // place says the same "section i/n" however the reader got there.
        let nsec = self.article.sections.len();
        let of_match = self
            .read
            .block_of(&self.article, item)
            .map(|b| self.article.section_of_block(b));
        if nsec > 0 && self.read.top >= self.max_top() {
            self.read.section_hint = Some(nsec - 1);
        } else if let Some(s) = of_match.filter(|&s| s > self.current_section()) {
            self.read.section_hint = Some(s);
        }
        self.read.outline_sel = self.current_section();
    }
}

/// A link: its block and its place among the block's links
/// ([`Article::links_of`]).
pub type LinkId = (usize, usize);

/// A link's cells on one row of the screen, in the Read view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkCells {
    pub link: LinkId,
    pub y: u16,
    pub x0: u16,
    pub x1: u16,
}

/// Which of the two link tags a style carries (see [`LINK_TAGS`]).
fn link_tag(style: ratatui::style::Style) -> Option<usize> {
    LINK_TAGS
        .iter()
        .position(|t| style.add_modifier.contains(*t))
}

/// GitHub's anchor for a heading: lower case, spaces as `-`, punctuation
/// other than `-` and `_` dropped.
pub fn slug(title: &str) -> String {
    title
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// `%XX` escapes decoded (an anchor as a browser sends it).
fn percent_decoded(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, ..) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl App {
    /// The section `#anchor` names, GitHub-style: a heading's slug, the
    /// second heading with the same slug as `slug-1`, and so on.
    pub fn section_of_anchor(&self, anchor: &str) -> Option<usize> {
        let want = percent_decoded(anchor).to_lowercase();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, s) in self.article.sections.iter().enumerate() {
            let base = slug(&s.title);
            let n = seen.entry(base.clone()).or_insert(0);
            let name = if *n == 0 { base } else { format!("{base}-{n}") };
            *n += 1;
            if name == want {
                return Some(i);
            }
        }
        None
    }

    /// Link `id`'s target.
    pub fn link_url(&self, id: LinkId) -> Option<String> {
        Some(self.article.links_of(id.0).get(id.1)?.url.to_string())
    }

    /// Each link's cells on screen in the Read view (none under the help,
    /// in another view, or on a screen too small).
    pub fn read_link_cells(&self) -> Vec<LinkCells> {
        let mut out = Vec::new();
        if self.view != super::View::Read || self.help.is_some() || geometry::too_small(self.size) {
            return out;
        }
        let text = geometry::padded(self.read_panes().1);
        let height = usize::from(text.height);
        let w = self.read_width();
        let mut row = 0;
        let mut pos = self.read.top;
        while row < height && pos.item < self.read.item_count() {
            let lines = self.read.lines(&self.article, pos.item, w, &self.theme);
            let shown = lines.len().saturating_sub(pos.line);
            if let Some(b) = self.read.block_of(&self.article, pos.item)
                && matches!(self.read.units[pos.item], Unit::Doc(_))
                && self.article.has_links(b)
            {
                let count = self.article.links_of(b).len();
                self.each_link_run(&lines, |line, x0, x1, k| {
                    let Some(r) = line.checked_sub(pos.line).map(|r| r + row) else {
                        return;
                    };
                    if r >= height || k >= count || x0 >= usize::from(text.width) {
                        return;
                    }
                    let x1 = x1.min(usize::from(text.width));
                    out.push(LinkCells {
                        link: (b, k),
                        y: text.y + r as u16,
                        x0: text.x + x0 as u16,
                        x1: text.x + x1 as u16,
                    });
                });
            }
            row += shown;
            pos = Pos {
                item: pos.item + 1,
                line: 0,
            };
        }
        out
    }

    /// Calls `f(line, x0, x1, k)` for each run of link `k`'s cells in an
    /// item's lines: the links of a paragraph are tagged even and odd in
    /// turn, so a change of tag is the next link.
    fn each_link_run(
        &self,
        lines: &[Line<'static>],
        mut f: impl FnMut(usize, usize, usize, usize),
    ) {
        let mut tag = None;
        let mut k = 0usize;
        for (li, line) in lines.iter().enumerate() {
            let mut x = 0;
            let mut run: Option<(usize, usize)> = None;
            for span in &line.spans {
                let sw = crate::render::wrap::str_width(&span.content);
                match link_tag(line.style.patch(span.style)) {
                    Some(t) => {
                        if tag.is_some_and(|p| p != t) {
                            if let Some((x0, x1)) = run.take() {
                                f(li, x0, x1, k);
                            }
                            k += 1;
                        }
                        tag = Some(t);
                        run = Some(run.map_or((x, x + sw), |(x0, _)| (x0, x + sw)));
                    }
                    None => {
                        if let Some((x0, x1)) = run.take() {
                            f(li, x0, x1, k);
                        }
                    }
                }
                x += sw;
            }
            if let Some((x0, x1)) = run {
                f(li, x0, x1, k);
            }
        }
    }

    /// Where link `id` starts: its item and line.
    fn link_pos(&self, id: LinkId) -> Pos {
        let item = self.read.item_of_block(id.0);
        let lines = self
            .read
            .lines(&self.article, item, self.read_width(), &self.theme);
        let mut at = None;
        self.each_link_run(&lines, |line, _, _, k| {
            if at.is_none() && k == id.1 {
                at = Some(line);
            }
        });
        Pos {
            item,
            line: at.unwrap_or(0),
        }
    }

    /// The first link of the first block with links from block `b` on
    /// (forward), or the last one up to it.
    fn link_from_block(&self, b: usize, forward: bool) -> Option<LinkId> {
        let n = self.article.blocks.len();
        if forward {
            (b..n).find(|&b| self.article.has_links(b)).map(|b| (b, 0))
        } else {
            (0..=b.min(n.checked_sub(1)?))
                .rev()
                .find(|&b| self.article.has_links(b))
                .map(|b| (b, self.article.links_of(b).len() - 1))
        }
    }

    /// `f` / `F`: selects the next (previous) link, from the selected one
    /// when it is on screen, else the screen's first (last) link, else the
    /// first link below (above) the screen; scrolls it into view.
    fn select_link(&mut self, forward: bool) {
        let cells = self.read_link_cells();
        let on_screen = |id: LinkId| cells.iter().any(|c| c.link == id);
        let next = match self.read.link.filter(|&id| on_screen(id)) {
            Some((b, k)) if forward => {
                if k + 1 < self.article.links_of(b).len() {
                    Some((b, k + 1))
                } else {
                    self.link_from_block(b + 1, true)
                }
            }
            Some((b, k)) => match k.checked_sub(1) {
                Some(k) => Some((b, k)),
                None => b
                    .checked_sub(1)
                    .and_then(|b| self.link_from_block(b, false)),
            },
            None => {
                let visible = cells.iter().map(|c| c.link);
                let shown = if forward {
                    visible.min()
                } else {
                    visible.max()
                };
                shown.or_else(|| {
                    let top = self.read.top.item;
                    let block = (0..=top)
                        .rev()
                        .find_map(|it| self.read.block_of(&self.article, it));
                    match (block, forward) {
                        (Some(b), true) => self.link_from_block(b, true),
                        (None, true) => self.link_from_block(0, true),
                        (Some(b), false) => self.link_from_block(b, false),
                        (None, false) => None,
                    }
                })
            }
        };
        let Some(id) = next else {
            self.status = Some(
                match (forward, self.link_from_block(0, true).is_some()) {
                    (_, false) => "no links in this article",
                    (true, true) => "no more links below",
                    (false, true) => "no more links above",
                }
                .into(),
            );
            return;
        };
        self.read.link = Some(id);
        if !on_screen(id) {
            self.read.top = self.link_pos(id);
            self.read_scroll_up(2.min(self.body_height() / 4));
            self.clamp_top();
            self.after_scroll();
        }
        let url = self.link_url(id).unwrap_or_default();
        self.status = Some(match url.strip_prefix('#') {
            Some(_) => format!("{url} (Enter jumps there)"),
            None => url,
        });
    }

    /// Enter on a selected link: a place in the article is jumped to; any
    /// other target is shown (and `y` copies it).
    fn follow_link(&mut self) {
        let Some(url) = self.read.link.and_then(|id| self.link_url(id)) else {
            return;
        };
        match url.strip_prefix('#') {
            Some(a) => match self.section_of_anchor(a) {
                Some(s) => {
                    self.read_jump_to_section(s);
                    self.read.link = None;
                }
                None => self.status = Some(format!("no section here is called #{a}")),
            },
            None => self.status = Some(format!("{url} (y copies it)")),
        }
    }
}
