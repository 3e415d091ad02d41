//! The Read view: outline beside the article's content.

use super::{current_at, draw_lines, highlighted_at, outline};
use crate::app::{App, View};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (outline_area, content) = app.read_panes();
    if let Some(o) = outline_area {
        outline::render(app, o, buf);
    }
    let text = crate::app::geometry::padded(content);
    let _ = area;
    let h = usize::from(text.height);
    let current = current_match(app, h);
    let lines = highlighted_at(app, app.read_visible(h), current);
    draw_lines(&lines, text, buf);
    if let Some(sel) = app.read.link {
        for c in app.read_link_cells().iter().filter(|c| c.link == sel) {
            let cells = Rect::new(c.x0, c.y, c.x1 - c.x0, 1);
            buf.set_style(cells, app.theme.link_selected());
        }
    }
}

/// The current match's (row, match in the row) among the `h` rows shown.
fn current_match(app: &App, h: usize) -> Option<(usize, usize)> {
    let (item, nth) = app.search.current().filter(|_| app.view == View::Read)?;
    let top = app.read.top;
    if item < top.item {
        return None;
    }
    let (w, a, t) = (app.read_width(), &app.article, &app.theme);
    // Rows from the top of the pane to the item's first line.
    let mut row = -(top.line as isize);
    for i in top.item..item {
        row += app.read.lines(a, i, w, t).len() as isize;
        if row >= h as isize {
            return None;
        }
    }
    current_at(app, row, &app.read.lines(a, item, w, t), nth).filter(|&(r, _)| r < h)
}
