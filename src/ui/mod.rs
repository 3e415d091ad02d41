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
use ratatui::widgets::Widget;

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

/// Draws lines from the top of `area`, one per row, clipped to it (what a
/// `Paragraph` without wrapping draws, without copying the lines).
fn draw_lines(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        set_line(buf, area.x, y, line, area.width);
    }
}

/// `Buffer::set_line` with a fast path for printable ASCII spans (one cell a
/// byte, no grapheme segmentation): most of an article, drawn on every frame.
pub(crate) fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) {
    let mut x = x;
    let mut left = max_width;
    for span in line {
        if left == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            let n = text
                .len()
                .min(usize::from(left))
                .min(usize::from(buf.area.right().saturating_sub(x)));
            for (i, b) in text.bytes().take(n).enumerate() {
                let cell = &mut buf[(x + i as u16, y)];
                cell.set_char(char::from(b));
                cell.set_style(style);
            }
            x += n as u16;
            left -= n as u16;
        } else {
            let (nx, _) = buf.set_stringn(x, y, text, usize::from(left), style);
            left = left.saturating_sub(nx.saturating_sub(x));
            x = nx;
        }
    }
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
