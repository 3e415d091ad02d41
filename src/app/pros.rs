//! The Pros & Cons view: one column per contender, or stacked when narrow.

use super::cell::LockCell;
use super::{App, geometry};
use crate::article::{Article, Item};
use crate::keys::Action;
use crate::render::theme::Theme;
use crate::render::wrap::{wrap, wrap_height};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::cell::RefCell;
use std::sync::Arc;

/// A contender column narrower than this reads badly: stack them instead.
pub const MIN_PROS_COLUMN: usize = 26;

pub struct ProsState {
    pub show_pros: bool,
    pub show_cons: bool,
    /// The contender in focus.
    pub col: usize,
    pub scroll: usize,
    /// The layout for (width, pros shown, cons shown), filled in as it is shown.
    cache: RefCell<Option<(LayoutKey, Arc<ProsLayout>)>>,
    /// The layouts lately made by any app sharing this one's article (see
    /// [`App::fresh`]): a layout depends on the article and its key only, so
    /// readers at the same width share one, measured once.
    shared: Arc<LockCell<SharedLayouts>>,
}

/// The layouts kept in common, most recent last.
type SharedLayouts = Vec<(LayoutKey, Arc<ProsLayout>)>;

/// What the Pros & Cons layout depends on: width, pros shown, cons shown.
type LayoutKey = (usize, bool, bool);

/// How many layouts the apps on one article keep in common (the most
/// recently made); an app still holds its own while it shows it.
const SHARED_LAYOUTS: usize = 8;

impl ProsState {
    /// A new reader's state sharing this one's layouts.
    pub fn fresh(&self) -> ProsState {
        ProsState {
            shared: self.shared.clone(),
            ..ProsState::default()
        }
    }

    /// True when both states draw on the same shared layouts.
    pub fn shares_layouts_with(&self, other: &ProsState) -> bool {
        Arc::ptr_eq(&self.shared, &other.shared)
    }
}

impl Default for ProsState {
    fn default() -> Self {
        ProsState {
            show_pros: true,
            show_cons: true,
            col: 0,
            scroll: 0,
            cache: RefCell::new(None),
            shared: Arc::default(),
        }
    }
}

/// One piece of a column: a few lines, laid out only when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Name(usize),
    Blank,
    Heading {
        contender: usize,
        pros: bool,
    },
    Nothing {
        pros: bool,
    },
    Item {
        contender: usize,
        pros: bool,
        item: usize,
    },
}

/// A column's entries and, for those laid out so far, where each ends.
struct Column {
    entries: Vec<Entry>,
    ends: Vec<usize>,
}

impl Column {
    /// The height of the entries measured so far.
    fn height(&self) -> usize {
        self.ends.last().copied().unwrap_or(0)
    }

    /// Measures the next entry; its end line, or `None` when all are measured.
    fn measure_next(&mut self, a: &Article, width: usize) -> Option<usize> {
        let &e = self.entries.get(self.ends.len())?;
        let end = self.height() + entry_height(a, e, width);
        self.ends.push(end);
        Some(end)
    }
}

/// The Pros & Cons view laid out lazily: a 10 MB article has tens of thousands
/// of items, and only a screenful is ever wrapped for a key.
pub struct ProsLayout {
    pub stacked: bool,
    pub col_width: usize,
    columns: Vec<LockCell<Column>>,
    /// Each searchable item: (column, entry).
    units: Vec<(usize, usize)>,
    /// Each contender's first entry (its column's when side by side).
    starts: Vec<(usize, usize)>,
}

/// Side by side when every column gets at least [`MIN_PROS_COLUMN`] cells.
pub fn column_width(width: usize, n: usize) -> Option<usize> {
    let n = n.max(1);
    // Each column but the last loses a cell to its border, each but the first one to padding.
    let w = (width / n).saturating_sub(2);
    (w >= MIN_PROS_COLUMN).then_some(w)
}

fn item_lines(
    out: &mut Vec<Line<'static>>,
    item: &Item,
    mark: &str,
    mark_style: Style,
    width: usize,
    theme: &Theme,
) {
    let inner = width.saturating_sub(2).max(1);
    // The bold title's lines, then the text's, all under one marker.
    let mut body = Vec::new();
    if let Some(t) = &item.title {
        body.extend(wrap(&[(t.as_str(), theme.bold())], inner));
    }
    if !item.text.is_empty() {
        body.extend(wrap(&[(item.text.as_str(), Style::new())], inner));
    }
    for (i, l) in body.into_iter().enumerate() {
        let lead = if i == 0 {
            Span::styled(format!("{mark} "), mark_style)
        } else {
            Span::raw("  ")
        };
        let mut spans = vec![lead];
        spans.extend(l);
        out.push(Line::from(spans));
    }
}

/// The lines of one entry at `width`.
pub fn entry_lines(a: &Article, e: Entry, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let (pro_mark, con_mark) = (theme.glyphs.pro, theme.glyphs.con);
    match e {
        Entry::Name(c) => wrap(&[(a.contenders[c].name.as_str(), theme.heading(2))], width)
            .into_iter()
            .map(Line::from)
            .collect(),
        Entry::Blank => vec![Line::default()],
        Entry::Heading { contender, pros } => {
            let c = &a.contenders[contender];
            let (title, n, st) = if pros {
                ("Pros", c.pros.len(), theme.pro())
            } else {
                ("Cons", c.cons.len(), theme.con())
            };
            vec![Line::from(Span::styled(format!("{title} ({n})"), st))]
        }
        Entry::Nothing { pros } => vec![Line::from(Span::styled(
            if pros {
                "no pros found"
            } else {
                "no cons found"
            },
            theme.dim(),
        ))],
        Entry::Item {
            contender,
            pros,
            item,
        } => {
            let it = item_of(a, contender, pros, item);
            let (mark, st) = if pros {
                (pro_mark, theme.pro())
            } else {
                (con_mark, theme.con())
            };
            let mut out = Vec::new();
            item_lines(&mut out, it, mark, st, width, theme);
            out
        }
    }
}

/// A contender's pro (or con) number `item`.
fn item_of(a: &Article, contender: usize, pros: bool, item: usize) -> &Item {
    let c = &a.contenders[contender];
    if pros { &c.pros[item] } else { &c.cons[item] }
}

/// How many lines [`entry_lines`] gives, counted without laying them out:
/// `G` measures every column of a 10 MB article this way.
pub fn entry_height(a: &Article, e: Entry, width: usize) -> usize {
    match e {
        Entry::Name(c) => wrap_height(&a.contenders[c].name, width),
        Entry::Blank | Entry::Heading { .. } | Entry::Nothing { .. } => 1,
        Entry::Item {
            contender,
            pros,
            item,
        } => {
            let it = item_of(a, contender, pros, item);
            // As in `item_lines`: the title's lines, then the text's.
            let inner = width.saturating_sub(2).max(1);
            let title = it.title.as_ref().map_or(0, |t| wrap_height(t, inner));
            let text = if it.text.is_empty() {
                0
            } else {
                wrap_height(&it.text, inner)
            };
            title + text
        }
    }
}

/// The entries of every column, in order; nothing is wrapped yet.
pub fn layout(a: &Article, width: usize, state: &ProsState) -> ProsLayout {
    let n = a.contenders.len();
    let (col_width, stacked) = match column_width(width, n) {
        Some(w) => (w, false),
        None => (width, true),
    };
    let mut columns: Vec<Vec<Entry>> = Vec::new();
    let mut units = Vec::new();
    let mut starts = Vec::new();
    for (ci, c) in a.contenders.iter().enumerate() {
        if !stacked || columns.is_empty() {
            columns.push(Vec::new());
        }
        let col = columns.len() - 1;
        let entries = &mut columns[col];
        starts.push((col, entries.len()));
        entries.push(Entry::Name(ci));
        for (shown, pros, len) in [
            (state.show_pros, true, c.pros.len()),
            (state.show_cons, false, c.cons.len()),
        ] {
            if !shown {
                continue;
            }
            entries.push(Entry::Blank);
            entries.push(Entry::Heading {
                contender: ci,
                pros,
            });
            if len == 0 {
                entries.push(Entry::Nothing { pros });
            }
            for item in 0..len {
                units.push((col, entries.len()));
                entries.push(Entry::Item {
                    contender: ci,
                    pros,
                    item,
                });
            }
        }
        if stacked {
            entries.push(Entry::Blank);
        }
    }
    ProsLayout {
        stacked,
        col_width,
        columns: columns
            .into_iter()
            .map(|entries| {
                LockCell::new(Column {
                    entries,
                    ends: Vec::new(),
                })
            })
            .collect(),
        units,
        starts,
    }
}

impl ProsLayout {
    pub fn column_count(&self) -> usize {
        self.columns.len()
    }

    /// Measures column `col` until it reaches `line` (or ends); returns its height so far.
    fn reach(&self, a: &Article, col: usize, line: usize) -> usize {
        let Some(c) = self.columns.get(col) else {
            return 0;
        };
        let mut c = c.borrow_mut();
        let mut end = c.height();
        while end <= line
            && let Some(e) = c.measure_next(a, self.col_width)
        {
            end = e;
        }
        end
    }

    /// True once every column's height is known.
    pub fn measured(&self) -> bool {
        self.columns.iter().all(|c| {
            let c = c.borrow();
            c.ends.len() >= c.entries.len()
        })
    }

    /// Measures up to `budget` more entries, the first unmeasured column first.
    fn measure_some(&self, a: &Article, mut budget: usize) {
        for c in &self.columns {
            let mut c = c.borrow_mut();
            while budget > 0 && c.measure_next(a, self.col_width).is_some() {
                budget -= 1;
            }
        }
    }

    /// The tallest column's height, counted up to `limit` lines at most.
    pub fn height_upto(&self, a: &Article, limit: usize) -> usize {
        (0..self.columns.len())
            .map(|c| self.reach(a, c, limit).min(limit))
            .max()
            .unwrap_or(0)
    }

    /// The line where entry `entry` of column `col` starts.
    fn entry_line(&self, a: &Article, col: usize, entry: usize) -> usize {
        loop {
            let done = {
                let c = self.columns[col].borrow();
                if entry == 0 {
                    return 0;
                }
                if let Some(&end) = c.ends.get(entry - 1) {
                    return end;
                }
                c.ends.len() >= c.entries.len()
            };
            if done {
                return self.columns[col].borrow().height();
            }
            let far = self.columns[col].borrow().height() + 200;
            self.reach(a, col, far);
        }
    }

    /// Where searchable item `unit` starts: (column, line).
    pub fn unit_pos(&self, a: &Article, unit: usize) -> Option<(usize, usize)> {
        let &(col, entry) = self.units.get(unit)?;
        Some((col, self.entry_line(a, col, entry)))
    }

    /// Stacked: the contender whose part of the stack holds `line` (the
    /// last whose name starts at or above it).
    pub fn contender_at(&self, a: &Article, line: usize) -> Option<usize> {
        let mut found = None;
        for c in 0..self.starts.len() {
            match self.start_of(a, c) {
                Some((_, start)) if start <= line => found = Some(c),
                _ => break,
            }
        }
        found
    }

    /// The entry that searchable item `unit` is.
    pub fn unit_entry(&self, unit: usize) -> Option<Entry> {
        let &(col, entry) = self.units.get(unit)?;
        self.columns.get(col)?.borrow().entries.get(entry).copied()
    }

    /// Where contender `c` starts: (column, line).
    pub fn start_of(&self, a: &Article, c: usize) -> Option<(usize, usize)> {
        let &(col, entry) = self.starts.get(c)?;
        Some((col, self.entry_line(a, col, entry)))
    }

    /// The entries (with their lines) that cover lines `from .. from + n` of column `col`,
    /// and how many lines of the first to skip.
    pub fn window(
        &self,
        a: &Article,
        col: usize,
        from: usize,
        n: usize,
        theme: &Theme,
    ) -> (Vec<(Entry, Vec<Line<'static>>)>, usize) {
        self.reach(a, col, from + n);
        let c = self.columns[col].borrow();
        let first = c.ends.partition_point(|&e| e <= from);
        let start_line = if first == 0 { 0 } else { c.ends[first - 1] };
        let mut out = Vec::new();
        let mut line = start_line;
        for (i, e) in c
            .entries
            .iter()
            .enumerate()
            .skip(first)
            .take(c.ends.len().saturating_sub(first))
        {
            if line >= from + n {
                break;
            }
            out.push((*e, entry_lines(a, *e, self.col_width, theme)));
            line = c.ends[i];
        }
        (out, from - start_line.min(from))
    }
}

impl App {
    pub fn pros_width(&self) -> usize {
        usize::from(geometry::body(self.size).width.saturating_sub(2)).max(1)
    }

    pub fn pros_layout(&self) -> Arc<ProsLayout> {
        let key = (self.pros_width(), self.pros.show_pros, self.pros.show_cons);
        let mut cache = self.pros.cache.borrow_mut();
        match &*cache {
            Some((k, l)) if *k == key => l.clone(),
            _ => {
                let l = {
                    let mut shared = self.pros.shared.borrow_mut();
                    match shared.iter().find(|(k, _)| *k == key) {
                        Some((_, l)) => l.clone(),
                        None => {
                            let l = Arc::new(layout(&self.article, key.0, &self.pros));
                            if shared.len() >= SHARED_LAYOUTS {
                                shared.remove(0);
                            }
                            shared.push((key, l.clone()));
                            l
                        }
                    }
                };
                *cache = Some((key, l.clone()));
                l
            }
        }
    }

    /// The furthest scroll that still fills the screen, looked for only up to `want`
    /// (so a line or page down lays out a screenful, not the whole view).
    fn pros_scroll_limit(&self, want: usize) -> usize {
        let h = self.body_height();
        let l = self.pros_layout();
        l.height_upto(&self.article, want.saturating_add(h))
            .saturating_sub(h)
            .min(want)
    }

    pub(super) fn pros_update(&mut self, action: Action) {
        let n = self.article.contenders.len().max(1);
        let page = self.body_height().saturating_sub(2).max(1);
        let s = self.pros.scroll;
        match action {
            Action::Left => self.pros.col = (self.pros.col + n - 1) % n,
            Action::Right => self.pros.col = (self.pros.col + 1) % n,
            Action::Down => self.pros.scroll = self.pros_scroll_limit(s + 1).max(s),
            Action::Up => self.pros.scroll = s.saturating_sub(1),
            Action::PageDown => self.pros.scroll = self.pros_scroll_limit(s + page).max(s),
            Action::PageUp => self.pros.scroll = s.saturating_sub(page),
            Action::HalfDown => self.pros.scroll = self.pros_scroll_limit(s + page / 2 + 1).max(s),
            Action::HalfUp => self.pros.scroll = s.saturating_sub(page / 2 + 1),
            Action::Top => self.pros.scroll = 0,
            Action::Bottom => self.pros.scroll = self.pros_scroll_limit(usize::MAX / 2),
            Action::NextSection => self.pros.col = (self.pros.col + 1).min(n - 1),
            Action::PrevSection => self.pros.col = self.pros.col.saturating_sub(1),
            _ => {}
        }
        let l = self.pros_layout();
        if !l.stacked {
            return;
        }
        if matches!(
            action,
            Action::Left | Action::Right | Action::NextSection | Action::PrevSection
        ) {
            let start = l.start_of(&self.article, self.pros.col).map_or(0, |p| p.1);
            self.pros.scroll = self.pros_scroll_limit(start);
        } else if self.pros.scroll != s {
            // Stacked, scrolling: the contender in focus is the one at the top
            // (what the footer names and `y` copies).
            if let Some(c) = l.contender_at(&self.article, self.pros.scroll) {
                self.pros.col = c;
            }
        }
    }

    /// After a resize: stacked, the contender in focus is the one shown at
    /// the top (columns that became a stack scroll to it).
    pub(super) fn pros_resized(&mut self) {
        let l = self.pros_layout();
        if l.stacked && l.contender_at(&self.article, self.pros.scroll) != Some(self.pros.col) {
            let start = l.start_of(&self.article, self.pros.col).map_or(0, |p| p.1);
            self.pros.scroll = self.pros_scroll_limit(start);
            if let Some(c) = l.contender_at(&self.article, self.pros.scroll) {
                self.pros.col = c;
            }
        }
    }

    pub(super) fn pros_show_unit(&mut self, unit: usize) {
        let l = self.pros_layout();
        let Some((col, line)) = l.unit_pos(&self.article, unit) else {
            return;
        };
        if l.stacked {
            if let Some(c) = l.contender_at(&self.article, line) {
                self.pros.col = c;
            }
        } else {
            self.pros.col = col;
        }
        self.pros.scroll = self.pros_scroll_limit(line.saturating_sub(2));
    }

    pub(super) fn pros_copy_text(&self) -> Option<String> {
        let c = self.article.contenders.get(self.pros.col)?;
        let mut s = format!("{}\n", c.name);
        for (title, items) in [("Pros", &c.pros), ("Cons", &c.cons)] {
            s.push_str(&format!("\n{title}:\n"));
            for i in items {
                match &i.title {
                    Some(t) => s.push_str(&format!("- {t}: {}\n", i.text)),
                    None => s.push_str(&format!("- {}\n", i.text)),
                }
            }
        }
        Some(s)
    }

    /// True while the Pros & Cons view is shown and its columns' heights are
    /// not all known: the event loop measures them between keys, so that `G`
    /// finds them ready (on a 10 MB article that is 3 MB of text to count).
    pub(super) fn pros_unmeasured(&self) -> bool {
        self.view == super::View::Pros && !self.pros_layout().measured()
    }

    /// One slice of that measuring: under a millisecond.
    pub(super) fn pros_measure_some(&self) {
        self.pros_layout().measure_some(&self.article, 4096);
    }

    /// The items shown, in order (the Pros & Cons view's searchable units).
    fn pros_items(&self) -> impl Iterator<Item = &Item> {
        let (pros, cons) = (self.pros.show_pros, self.pros.show_cons);
        self.article.contenders.iter().flat_map(move |c| {
            let shown_pros = c.pros.iter().filter(move |_| pros);
            shown_pros.chain(c.cons.iter().filter(move |_| cons))
        })
    }

    pub(super) fn pros_unit_count(&self) -> usize {
        self.pros_items().count()
    }

    /// Each shown item's text, for search (see [`App::each_search_unit`]).
    pub(super) fn pros_each_unit(
        &self,
        from: usize,
        f: &mut dyn FnMut(usize, &str) -> std::ops::ControlFlow<()>,
    ) {
        let mut buf = String::new();
        for (u, i) in self.pros_items().enumerate().skip(from) {
            buf.clear();
            buf.push_str(i.title.as_deref().unwrap_or_default());
            buf.push(' ');
            buf.push_str(&i.text);
            if f(u, &buf).is_break() {
                return;
            }
        }
    }
}
