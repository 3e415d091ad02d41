//! The Read view: outline beside the article's content.

use super::{draw_lines, highlighted, outline};
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let (outline_area, content) = app.read_panes();
    if let Some(o) = outline_area {
        outline::render(app, o, buf);
    }
    let text = crate::app::geometry::padded(content);
    let _ = area;
    let lines = highlighted(app, app.read_visible(usize::from(text.height)));
    draw_lines(&lines, text, buf);
    if let Some(sel) = app.read.link {
        for c in app.read_link_cells().iter().filter(|c| c.link == sel) {
            let cells = Rect::new(c.x0, c.y, c.x1 - c.x0, 1);
            buf.set_style(cells, app.theme.link_selected());
        }
    }
}
