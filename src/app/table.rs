//! The Table view: a row cursor over the feature table, header kept in view.

use super::{App, geometry};
use crate::article::Table;
use crate::keys::Action;
use crate::render::grid;
use crate::render::theme::Theme;
use ratatui::text::Line;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Default)]
pub struct TableState {
    pub row: usize,
    pub top_row: usize,
    /// The contender column in focus (1-based column index; 0 means none).
    pub col: usize,
    cache: RefCell<Option<(usize, Rc<TableLayout>)>>,
}

/// The table laid out for one width.
pub struct TableLayout {
    /// Lines kept at the top while rows scroll (borders and header; empty for cards).
    pub header: Vec<Line<'static>>,
    pub rows: Vec<Vec<Line<'static>>>,
    pub cards: bool,
    /// Column content widths (grid only).
    pub widths: Vec<usize>,
}

pub fn layout(table: &Table, width: usize, theme: &Theme) -> TableLayout {
    match grid::column_widths(table, width) {
        Some(w) if table.columns.len() > 1 => {
            let g = grid::grid(table, &w, theme);
            let mut header = vec![g.top];
            header.extend(g.header);
            header.push(g.separator);
            TableLayout {
                header,
                rows: g.rows,
                cards: false,
                widths: w,
            }
        }
        _ => TableLayout {
            header: Vec::new(),
            rows: grid::cards(table, width, theme),
            cards: true,
            widths: Vec::new(),
        },
    }
}

impl TableState {
    pub fn layout(&self, table: &Table, width: usize, theme: &Theme) -> Rc<TableLayout> {
        let mut c = self.cache.borrow_mut();
        match &*c {
            Some((w, l)) if *w == width => l.clone(),
            _ => {
                let l = Rc::new(layout(table, width, theme));
                *c = Some((width, l.clone()));
                l
            }
        }
    }
}

impl App {
    pub fn table_width(&self) -> usize {
        usize::from(geometry::body(self.size).width.saturating_sub(2)).max(1)
    }

    pub fn table_layout(&self) -> Option<Rc<TableLayout>> {
        let t = self.article.table.as_ref()?;
        Some(self.table.layout(t, self.table_width(), &self.theme))
    }

    fn rows_height(&self) -> usize {
        let header = self.table_layout().map_or(0, |l| l.header.len());
        self.body_height().saturating_sub(header).max(1)
    }

    /// Moves `top_row` so the cursor row is fully in view when it can be.
    fn table_follow(&mut self) {
        let Some(l) = self.table_layout() else { return };
        let h = self.rows_height();
        if self.table.row < self.table.top_row {
            self.table.top_row = self.table.row;
        }
        loop {
            let used: usize = l.rows
                [self.table.top_row..=self.table.row.min(l.rows.len().saturating_sub(1))]
                .iter()
                .map(Vec::len)
                .sum();
            if used <= h || self.table.top_row >= self.table.row {
                break;
            }
            self.table.top_row += 1;
        }
    }

    fn table_rows_per_page(&self) -> usize {
        let Some(l) = self.table_layout() else {
            return 1;
        };
        let h = self.rows_height();
        let mut used = 0;
        let mut n = 0;
        for r in &l.rows[self.table.top_row.min(l.rows.len())..] {
            used += r.len();
            if used > h {
                break;
            }
            n += 1;
        }
        n.max(1)
    }

    pub(super) fn table_update(&mut self, action: Action) {
        let Some(t) = &self.article.table else { return };
        let n = t.rows.len();
        let ncols = t.columns.len();
        if n == 0 {
            return;
        }
        let page = self.table_rows_per_page();
        let row = self.table.row;
        self.table.row = match action {
            Action::Down => (row + 1).min(n - 1),
            Action::Up => row.saturating_sub(1),
            Action::PageDown => (row + page).min(n - 1),
            Action::PageUp => row.saturating_sub(page),
            Action::HalfDown | Action::NextSection => (row + page.div_ceil(2)).min(n - 1),
            Action::HalfUp | Action::PrevSection => row.saturating_sub(page.div_ceil(2)),
            Action::Top => 0,
            Action::Bottom => n - 1,
            _ => row,
        };
        match action {
            Action::Right if ncols > 1 => self.table.col = (self.table.col % (ncols - 1)) + 1,
            Action::Left if ncols > 1 => {
                self.table.col = if self.table.col <= 1 {
                    ncols - 1
                } else {
                    self.table.col - 1
                }
            }
            _ => {}
        }
        self.table_follow();
    }

    pub(super) fn table_show_row(&mut self, row: usize) {
        self.table.row = row;
        self.table_follow();
    }

    pub(super) fn table_copy_text(&self) -> Option<String> {
        let t = self.article.table.as_ref()?;
        let row = t.rows.get(self.table.row)?;
        let mut s = String::new();
        for (c, v) in t.columns.iter().zip(row) {
            s.push_str(&format!("{c}: {v}\n"));
        }
        Some(s)
    }

    pub(super) fn table_units(&self) -> Vec<String> {
        self.article
            .table
            .as_ref()
            .map_or_else(Vec::new, |t| t.rows.iter().map(|r| r.join(" ")).collect())
    }

    pub(super) fn table_resized(&mut self) {
        self.table_follow();
    }
}
