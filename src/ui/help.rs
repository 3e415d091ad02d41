//! The help overlay: every key, from the keymap table (its lines:
//! [`App::help_layout`]), with a marker saying it scrolls.

use crate::app::App;
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

pub fn render(app: &App, scroll: usize, buf: &mut Buffer) {
    let t = &app.theme;
    let l = app.help_layout();
    Clear.render(l.rect, buf);
    let max = l.max_scroll();
    let scroll = scroll.min(max);
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" Keys — ? or Esc closes ", t.bold()));
    if max > 0 {
        // More lines than the box: where the reader is, and how to move.
        let h = usize::from(l.inner.height);
        let last = (scroll + h).min(l.lines.len());
        let pos = format!(" j/k scroll {}-{}/{} ", scroll + 1, last, l.lines.len());
        let pos = truncate(&pos, usize::from(l.rect.width.saturating_sub(2)), "");
        block = block.title_bottom(Line::from(Span::styled(pos, t.dim())).right_aligned());
    }
    block.render(l.rect, buf);
    let inner = l.inner;
    let width = usize::from(inner.width);
    for (row, line) in l
        .lines
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let line = if str_width(&text) > width {
            Line::from(truncate(&text, width, t.glyphs.ellipsis))
        } else {
            line.clone()
        };
        buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
    }
}
