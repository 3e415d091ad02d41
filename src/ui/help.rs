//! The help overlay: every key, from the keymap table.

use crate::app::App;
use crate::keys::help_rows;
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

pub fn render(app: &App, scroll: usize, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut last = None;
    for (ctx, keys, help) in help_rows() {
        if last != Some(ctx) {
            if last.is_some() {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(
                ctx.title().to_string(),
                t.heading(2),
            )));
            last = Some(ctx);
        }
        lines.push(Line::from(vec![
            Span::styled(format!("  {keys:<22}"), t.accent()),
            Span::raw(help.to_string()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        "Counts: 5-9, then any digits, before a motion (5j, 50j).".to_string(),
        t.dim(),
    )));
    // The Decide scoring rule, in lines short enough for the overlay.
    let rule = format!("Decide scoring: {}.", crate::decide::RULE);
    for l in crate::render::wrap::wrap(&[(rule.as_str(), t.dim())], 72) {
        lines.push(Line::from(l));
    }
    let w = area.width.saturating_sub(4).min(76);
    let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
    let rect = Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    };
    Clear.render(rect, buf);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(t.border())
        .title(Span::styled(" Keys — ? or Esc closes ", t.bold()));
    let inner = block.inner(rect);
    block.render(rect, buf);
    let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
    let width = usize::from(inner.width);
    for (row, l) in lines
        .iter()
        .skip(scroll.min(max_scroll))
        .take(usize::from(inner.height))
        .enumerate()
    {
        let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        let line = if str_width(&text) > width {
            Line::from(truncate(&text, width, t.glyphs.ellipsis))
        } else {
            l.clone()
        };
        buf.set_line(inner.x, inner.y + row as u16, &line, inner.width);
    }
}
