//! The Pros & Cons view: one column per contender, or stacked when narrow.

use super::{App, geometry};
use crate::article::{Article, Item};
use crate::keys::Action;
use crate::render::theme::Theme;
use crate::render::wrap::wrap;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use std::cell::RefCell;
use std::rc::Rc;

/// A contender column narrower than this reads badly: stack them instead.
pub const MIN_PROS_COLUMN: usize = 26;

pub struct ProsState {
    pub show_pros: bool,
    pub show_cons: bool,
    /// The contender in focus.
    pub col: usize,
    pub scroll: usize,
    /// The layout for (width, pros shown, cons shown): laid out once, not on every key.
    cache: RefCell<Option<(LayoutKey, Rc<ProsLayout>)>>,
}

/// What the Pros & Cons layout depends on: width, pros shown, cons shown.
type LayoutKey = (usize, bool, bool);

impl Default for ProsState {
    fn default() -> Self {
        ProsState {
            show_pros: true,
            show_cons: true,
            col: 0,
            scroll: 0,
            cache: RefCell::new(None),
        }
    }
}

#[derive(Clone)]
pub struct ProsLayout {
    /// Lines per contender (one entry when stacked).
    pub columns: Vec<Vec<Line<'static>>>,
    pub stacked: bool,
    /// Where each searchable item starts: (column, line).
    pub units: Vec<(usize, usize)>,
    /// Where each contender starts when stacked.
    pub starts: Vec<usize>,
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

pub fn layout(a: &Article, width: usize, state: &ProsState, theme: &Theme) -> ProsLayout {
    let n = a.contenders.len();
    let (col_w, stacked) = match column_width(width, n) {
        Some(w) => (w, false),
        None => (width, true),
    };
    let mut columns = Vec::new();
    let mut units = Vec::new();
    let mut starts = Vec::new();
    let mut stack: Vec<Line<'static>> = Vec::new();
    for (ci, c) in a.contenders.iter().enumerate() {
        let mut lines: Vec<Line<'static>> = Vec::new();
        let base = if stacked { stack.len() } else { 0 };
        starts.push(base);
        let col = if stacked { 0 } else { ci };
        for l in wrap(&[(c.name.as_str(), theme.heading(2))], col_w) {
            lines.push(Line::from(l));
        }
        let sections = [
            (
                state.show_pros,
                "Pros",
                &c.pros,
                theme.glyphs.pro,
                theme.pro(),
            ),
            (
                state.show_cons,
                "Cons",
                &c.cons,
                theme.glyphs.con,
                theme.con(),
            ),
        ];
        for (shown, title, items, mark, st) in sections {
            if !shown {
                continue;
            }
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!("{title} ({})", items.len()),
                st,
            )));
            if items.is_empty() {
                lines.push(Line::from(Span::styled(
                    format!("no {} found", title.to_lowercase()),
                    theme.dim(),
                )));
            }
            for item in items {
                units.push((col, base + lines.len()));
                item_lines(&mut lines, item, mark, st, col_w, theme);
            }
        }
        if stacked {
            stack.extend(lines);
            stack.push(Line::default());
        } else {
            columns.push(lines);
        }
    }
    if stacked {
        columns.push(stack);
    }
    ProsLayout {
        columns,
        stacked,
        units,
        starts,
    }
}

impl App {
    pub fn pros_width(&self) -> usize {
        usize::from(geometry::body(self.size).width.saturating_sub(2)).max(1)
    }

    pub fn pros_layout(&self) -> Rc<ProsLayout> {
        let key = (self.pros_width(), self.pros.show_pros, self.pros.show_cons);
        let mut cache = self.pros.cache.borrow_mut();
        match &*cache {
            Some((k, l)) if *k == key => l.clone(),
            _ => {
                let l = Rc::new(layout(&self.article, key.0, &self.pros, &self.theme));
                *cache = Some((key, l.clone()));
                l
            }
        }
    }

    fn pros_max_scroll(&self) -> usize {
        let l = self.pros_layout();
        let tallest = l.columns.iter().map(Vec::len).max().unwrap_or(0);
        tallest.saturating_sub(self.body_height())
    }

    pub(super) fn pros_update(&mut self, action: Action) {
        let n = self.article.contenders.len().max(1);
        let page = self.body_height().saturating_sub(2).max(1);
        let max = self.pros_max_scroll();
        let s = self.pros.scroll;
        match action {
            Action::Left => self.pros.col = (self.pros.col + n - 1) % n,
            Action::Right => self.pros.col = (self.pros.col + 1) % n,
            Action::Down => self.pros.scroll = (s + 1).min(max),
            Action::Up => self.pros.scroll = s.saturating_sub(1),
            Action::PageDown => self.pros.scroll = (s + page).min(max),
            Action::PageUp => self.pros.scroll = s.saturating_sub(page),
            Action::HalfDown => self.pros.scroll = (s + page / 2 + 1).min(max),
            Action::HalfUp => self.pros.scroll = s.saturating_sub(page / 2 + 1),
            Action::Top => self.pros.scroll = 0,
            Action::Bottom => self.pros.scroll = max,
            Action::NextSection => self.pros.col = (self.pros.col + 1).min(n - 1),
            Action::PrevSection => self.pros.col = self.pros.col.saturating_sub(1),
            _ => {}
        }
        if matches!(
            action,
            Action::Left | Action::Right | Action::NextSection | Action::PrevSection
        ) {
            let l = self.pros_layout();
            if l.stacked {
                self.pros.scroll = l.starts.get(self.pros.col).copied().unwrap_or(0).min(max);
            }
        }
    }

    pub(super) fn pros_show_unit(&mut self, unit: usize) {
        let l = self.pros_layout();
        let Some(&(col, line)) = l.units.get(unit) else {
            return;
        };
        if !l.stacked {
            self.pros.col = col;
        }
        self.pros.scroll = line.saturating_sub(2).min(self.pros_max_scroll());
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

    pub(super) fn pros_units(&self) -> Vec<String> {
        let mut units = Vec::new();
        for c in &self.article.contenders {
            for (shown, items) in [
                (self.pros.show_pros, &c.pros),
                (self.pros.show_cons, &c.cons),
            ] {
                if shown {
                    units.extend(
                        items
                            .iter()
                            .map(|i| format!("{} {}", i.title.clone().unwrap_or_default(), i.text)),
                    );
                }
            }
        }
        units
    }
}
