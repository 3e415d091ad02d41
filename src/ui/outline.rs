//! The outline: headings indented by level, the current one highlighted
//! (which rows: [`App::outline_rows`]).

use crate::app::read::Focus;
use crate::app::{App, geometry};
use crate::render::wrap::truncate;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let block = Block::new()
        .borders(Borders::RIGHT)
        .border_style(t.border());
    let inner = geometry::outline_text(area);
    block.render(area, buf);
    let width = usize::from(inner.width);
    let secs = &app.article.sections;
    if secs.is_empty() {
        let msg = truncate("(no headings)", width, "");
        buf.set_string(inner.x, inner.y, msg, t.dim());
        return;
    }
    let sel = app.read.outline_sel.min(secs.len().saturating_sub(1));
    let focused = app.read.focus == Focus::Outline;
    let current = app.current_section();
    for (row, i) in app
        .outline_rows(usize::from(inner.height))
        .into_iter()
        .enumerate()
    {
        let s = &secs[i];
        let indent = " ".repeat(usize::from(s.level.saturating_sub(1)).min(5));
        let title = if s.title.is_empty() {
            "(untitled)"
        } else {
            s.title.as_str()
        };
        // Without colour the current entry's highlight (bold in the accent
        // colour) would look like any top-level heading: it gets a marker.
        let mark = if i == current && !focused && !t.color {
            format!("{} ", t.glyphs.pick)
        } else {
            String::new()
        };
        let text = truncate(&format!("{indent}{mark}{title}"), width, t.glyphs.ellipsis);
        let mut style = if s.level <= 2 {
            t.bold()
        } else {
            ratatui::style::Style::new()
        };
        if i == current {
            style = style.patch(if focused { t.selected() } else { t.accent() });
        } else if focused && i == sel {
            style = style.patch(t.selected());
        }
        // Only a highlight bar spans the row: padding in bold or a colour looks
        // the same as plain padding but would be sent again after every scroll.
        let line = if style.add_modifier.contains(Modifier::REVERSED) {
            Line::from(Span::styled(format!("{text:<width$}"), style))
        } else {
            Line::from(Span::styled(text, style))
        };
        buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
    }
}
