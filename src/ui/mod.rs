//! Drawing: a pure function of [`App`] state, one file per pane.

mod decide;
mod footer;
mod header;
mod help;
mod outline;
mod pros_cons;
mod read;
mod table;

use crate::app::{App, View, geometry};
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if geometry::too_small(area) {
            too_small(area, buf);
            return;
        }
        let [head, body, foot] = geometry::frame(area);
        header::render(self, head, buf);
        match self.view {
            View::Read => read::render(self, body, buf),
            View::Table => table::render(self, body, buf),
            View::Pros => pros_cons::render(self, body, buf),
            View::Decide => decide::render(self, body, buf),
        }
        footer::render(self, foot, buf);
        if let Some(scroll) = self.help {
            help::render(self, scroll, area, buf);
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = truncate("terminal too small", usize::from(area.width), "");
    let y = area.y + area.height / 2;
    let x = area.x + area.width.saturating_sub(str_width(&msg) as u16) / 2;
    if area.height > 0 {
        buf.set_string(x, y, msg, Style::new());
    }
}

/// A centred message in an otherwise empty pane ("no feature table in this article").
fn placeholder(app: &App, area: Rect, buf: &mut Buffer, msg: &str) {
    let y = area.y + area.height / 3;
    let lines = crate::render::wrap::wrap(
        &[(msg, app.theme.dim())],
        usize::from(area.width.saturating_sub(4)).max(1),
    );
    for (i, l) in lines.into_iter().enumerate() {
        let w = l.iter().map(|s| str_width(&s.content)).sum::<usize>() as u16;
        let row = y + i as u16;
        if row >= area.bottom() {
            break;
        }
        let x = area.x + area.width.saturating_sub(w) / 2;
        buf.set_line(x, row, &Line::from(l), area.width);
    }
}

/// Draws lines from the top of `area`, one per row, clipped to it.
fn draw_lines(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    Paragraph::new(lines.to_vec()).render(area, buf);
}

/// Adds the search highlight to lines, when a search is active.
fn highlighted(app: &App, lines: Vec<Line<'static>>) -> Vec<Line<'static>> {
    match &app.search.query {
        Some(q) => lines
            .into_iter()
            .map(|l| crate::render::doc::highlight(l, q, app.theme.search_match()))
            .collect(),
        None => lines,
    }
}
