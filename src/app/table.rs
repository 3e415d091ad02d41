//! The Table view: a row cursor over the feature table, header kept in view.

use super::cell::LockCell;
use super::{App, geometry};
use crate::article::Table;
use crate::keys::Action;
use crate::render::grid;
use crate::render::theme::Theme;
use ratatui::text::Line;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Default)]
pub struct TableState {
    pub row: usize,
    pub top_row: usize,
    /// The cell cursor: the contender column in focus in the selected row
    /// (`h`/`l`, or a click; a column index from 1; 0 means none: the row).
    pub col: usize,
    cache: RefCell<Option<(usize, Arc<TableLayout>)>>,
}

/// The table laid out for one width. Rows are laid out when first shown, so
/// a table of 10,000 rows costs only the rows on screen.
pub struct TableLayout {
    /// Lines kept at the top while rows scroll (borders and header; empty for cards).
    pub header: Vec<Line<'static>>,
    pub cards: bool,
    /// Column content widths (grid only).
    pub widths: Vec<usize>,
    shape: grid::Shape,
    width: usize,
    count: usize,
    rows: LockCell<HashMap<usize, Arc<Vec<Line<'static>>>>>,
}

const ROW_CACHE_LIMIT: usize = 4096;

pub fn layout(table: &Table, width: usize, theme: &Theme) -> TableLayout {
    let shape = grid::shape(table, width);
    TableLayout {
        header: grid::head_part(table, &shape, theme),
        cards: shape == grid::Shape::Cards,
        widths: match &shape {
            grid::Shape::Grid(w) => w.clone(),
            grid::Shape::Cards => Vec::new(),
        },
        shape,
        width,
        count: table.rows.len(),
        rows: LockCell::new(HashMap::new()),
    }
}

impl TableLayout {
    pub fn row_count(&self) -> usize {
        self.count
    }

    /// Row `i`'s lines, with the line under it (a separator, the bottom
    /// border, or a card's blank line).
    pub fn row(&self, table: &Table, i: usize, theme: &Theme) -> Arc<Vec<Line<'static>>> {
        let mut rows = self.rows.borrow_mut();
        if rows.len() > ROW_CACHE_LIMIT {
            rows.clear();
        }
        rows.entry(i)
            .or_insert_with(|| Arc::new(grid::row_part(table, &self.shape, i, self.width, theme)))
            .clone()
    }
}

impl TableState {
    pub fn layout(&self, table: &Table, width: usize, theme: &Theme) -> Arc<TableLayout> {
        let mut c = self.cache.borrow_mut();
        match &*c {
            Some((w, l)) if *w == width => l.clone(),
            _ => {
                let l = Arc::new(layout(table, width, theme));
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

    pub fn table_layout(&self) -> Option<Arc<TableLayout>> {
        let t = self.article.table.as_ref()?;
        Some(self.table.layout(t, self.table_width(), &self.theme))
    }

    fn rows_height(&self) -> usize {
        let header = self.table_layout().map_or(0, |l| l.header.len());
        self.body_height().saturating_sub(header).max(1)
    }

    /// Row `i` of the table laid out at the current width.
    pub fn table_row(&self, l: &TableLayout, i: usize) -> Arc<Vec<Line<'static>>> {
        match &self.article.table {
            Some(t) => l.row(t, i, &self.theme),
            None => Arc::new(Vec::new()),
        }
    }

    /// Moves `top_row` so the cursor row is fully in view when it can be:
    /// the first row from which the rows down to the cursor fit.
    fn table_follow(&mut self) {
        let Some(l) = self.table_layout() else { return };
        let h = self.rows_height();
        let row = self.table.row.min(l.row_count().saturating_sub(1));
        if row < self.table.top_row {
            self.table.top_row = row;
        }
        let mut top = row;
        let mut used = self.table_row(&l, row).len();
        while top > self.table.top_row {
            let above = self.table_row(&l, top - 1).len();
            if used + above > h {
                break;
            }
            used += above;
            top -= 1;
        }
        self.table.top_row = self.table.top_row.max(top);
    }

    fn table_rows_per_page(&self) -> usize {
        let Some(l) = self.table_layout() else {
            return 1;
        };
        let h = self.rows_height();
        let mut used = 0;
        let mut n = 0;
        for i in self.table.top_row.min(l.row_count())..l.row_count() {
            used += self.table_row(&l, i).len();
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

    /// The rows on screen, as (row, first line, lines) with lines counted
    /// from the top of the pane (the header's first); the last may be cut.
    /// Drawing and clicks both place rows with it.
    pub fn table_rows_shown(&self, l: &TableLayout, height: usize) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        let mut y = l.header.len().min(height);
        for i in self.table.top_row..l.row_count() {
            if y >= height {
                break;
            }
            let n = self.table_row(l, i).len();
            out.push((i, y, n));
            y += n;
        }
        out
    }

    pub(super) fn table_show_row(&mut self, row: usize) {
        self.table.row = row;
        self.table_follow();
    }

    pub(super) fn table_copy_text(&self) -> Option<String> {
        let t = self.article.table.as_ref()?;
        let row = t.rows.get(self.table.row)?;
        // With the cell cursor on a contender's cell: that cell alone.
        if self.table.col > 0
            && let Some(v) = row.get(self.table.col)
        {
            return Some(format!("{v}\n"));
        }
        let mut s = String::new();
        for (c, v) in t.columns.iter().zip(row) {
            s.push_str(&format!("{c}: {v}\n"));
        }
        Some(s)
    }

    /// Each row's text, for search (see [`App::each_search_unit`]).
    pub(super) fn table_each_unit(
        &self,
        from: usize,
        f: &mut dyn FnMut(usize, &str) -> std::ops::ControlFlow<()>,
    ) {
        let rows = self.article.table.iter().flat_map(|t| &t.rows);
        let mut buf = String::new();
        for (i, r) in rows.enumerate().skip(from) {
            buf.clear();
            super::search::push_joined(&mut buf, r.iter());
            if f(i, &buf).is_break() {
                return;
            }
        }
    }

    pub(super) fn table_resized(&mut self) {
        self.table_follow();
    }
}
