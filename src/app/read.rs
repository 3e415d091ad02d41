//! The Read view: outline and content, scrolled by (item, line) so that only
//! the items near the viewport are ever laid out.

use super::App;
use super::geometry::{self, OUTLINE_AUTO_WIDTH};
use crate::article::{Article, BlockKind};
use crate::keys::Action;
use crate::render::doc::{self, item_count, item_lines, item_of_block};
use crate::render::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::Line;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

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
    cache: RefCell<LineCache>,
}

/// Laid-out items for one width; dropped when the width changes.
#[derive(Default)]
struct LineCache {
    width: usize,
    items: HashMap<usize, Rc<Vec<Line<'static>>>>,
}

const CACHE_LIMIT: usize = 4096;

impl ReadState {
    pub fn new(_a: &Article) -> ReadState {
        ReadState {
            top: Pos::default(),
            focus: Focus::Content,
            outline_sel: 0,
            outline_forced: None,
            section_hint: None,
            cache: RefCell::new(LineCache::default()),
        }
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
    ) -> Rc<Vec<Line<'static>>> {
        let mut cache = self.cache.borrow_mut();
        if cache.width != width || cache.items.len() > CACHE_LIMIT {
            cache.items.clear();
            cache.width = width;
        }
        cache
            .items
            .entry(item)
            .or_insert_with(|| Rc::new(item_lines(a, item, width, theme)))
            .clone()
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
        let n = item_count(&self.article);
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
        let mut item = item_count(&self.article);
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
            if n <= room {
                pos.line += n;
                n = 0;
            } else {
                n -= room + 1;
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
        match doc::block_of(&self.article, self.read.top.item) {
            Some(b) => self.article.section_of_block(b),
            None => 0,
        }
    }

    pub fn read_jump_to_section(&mut self, s: usize) {
        let Some(sec) = self.article.sections.get(s) else {
            return;
        };
        self.read.top = Pos {
            item: item_of_block(&self.article, sec.blocks.start),
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
        let max = self.max_top();
        if max == Pos::default() || self.read.top >= max {
            return 100;
        }
        let n = item_count(&self.article).max(1);
        let len = self.item_len(self.read.top.item).max(1);
        let frac = (self.read.top.item as f64 + self.read.top.line as f64 / len as f64) / n as f64;
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
            Action::Enter => {}
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
                            item: item_of_block(&self.article, sec.blocks.start),
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
        let s = self.article.sections.get(self.current_section())?;
        Some(format!("{}\n\n{}\n", s.title, s.text))
    }

    /// Plain text of every item, for search.
    pub(super) fn read_units(&self) -> Vec<String> {
        let a = &self.article;
        (0..item_count(a))
            .map(|i| match doc::block_of(a, i) {
                None => format!(
                    "{} {}",
                    a.meta.description.clone().unwrap_or_default(),
                    a.meta.keywords.join(", ")
                ),
                Some(b) => match &a.blocks[b].kind {
                    BlockKind::Heading { spans, .. } | BlockKind::Para(spans) => {
                        spans.iter().map(|s| s.text.as_str()).collect()
                    }
                    BlockKind::Code(c) => c.clone(),
                    BlockKind::Rule => String::new(),
                    BlockKind::Table(t) => {
                        let t = &a.tables[*t];
                        let mut s = t.columns.join(" ");
                        for r in &t.rows {
                            s.push('\n');
                            s.push_str(&r.join(" "));
                        }
                        s
                    }
                },
            })
            .collect()
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
            let hits = doc::find_all(&doc::line_text(l), &q).len();
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
        self.read.outline_sel = self.current_section();
    }
}
