//! The bottom line: view tabs, position, toggles, messages and the search
//! prompt. What goes in it at which width is decided in [`crate::app::footer`]
//! (mouse clicks on the tabs use the same).

use crate::app::App;
use crate::app::footer::Tone;
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let width = usize::from(area.width);
    if let Some(p) = &app.search.prompt {
        // Keep the end of a long query in view.
        let room = width.saturating_sub(2);
        let shown: String = if str_width(p) > room {
            let mut tail: Vec<char> = Vec::new();
            let mut w = 0;
            for c in p.chars().rev() {
                w += str_width(c.encode_utf8(&mut [0; 4]));
                if w > room {
                    break;
                }
                tail.push(c);
            }
            tail.into_iter().rev().collect()
        } else {
            p.clone()
        };
        let line = Line::from(vec![
            Span::styled("/", t.accent()),
            Span::raw(shown),
            Span::styled(" ", t.selected()),
        ]);
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    }
    if app.decide.confirm {
        let n = app.decide.answers.len();
        let s = if n == 1 { "" } else { "s" };
        let ask = format!("Clear all {n} answer{s}? ");
        let long = str_width(&ask) + str_width("y clears, n keeps them") <= width;
        let line = Line::from(if long {
            vec![
                Span::styled(ask, t.warning()),
                Span::styled("y", t.accent()),
                Span::raw(" clears, "),
                Span::styled("n", t.accent()),
                Span::raw(" keeps them"),
            ]
        } else {
            vec![
                Span::styled(ask, t.warning()),
                Span::styled("y", t.accent()),
                Span::raw("/"),
                Span::styled("n", t.accent()),
            ]
        });
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    }
    let f = app.footer();
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (v, label) in &f.tabs {
        let st = if *v == app.view {
            t.selected()
        } else {
            t.dim()
        };
        spans.push(Span::styled(label.clone(), st));
    }
    if !f.tabs.is_empty() {
        spans.push(Span::raw(" "));
    }
    spans.push(Span::raw(f.info.clone()));
    if let Some((m, tone)) = f.message {
        if !f.info.is_empty() {
            spans.push(Span::raw(" · "));
        }
        let st = match tone {
            Tone::Accent => t.accent(),
            Tone::Warning => t.warning(),
        };
        spans.push(Span::styled(m, st));
    }
    let used: usize = spans.iter().map(|s| str_width(&s.content)).sum();
    if !f.hint.is_empty() {
        let hint = format!("  {}", f.hint);
        if used + str_width(&hint) <= width {
            spans.push(Span::raw(" ".repeat(width - used - str_width(&hint))));
            spans.push(Span::styled(hint, t.dim()));
        }
    }
    // Clip span by span so that nothing is drawn past the edge (the parts
    // were fitted already; this only guards the edge).
    let mut left = width;
    let clipped: Vec<Span<'static>> = spans
        .into_iter()
        .filter_map(|s| {
            if left == 0 {
                return None;
            }
            let text = truncate(&s.content, left, "");
            left -= str_width(&text);
            Some(Span::styled(text, s.style))
        })
        .collect();
    buf.set_line(area.x, area.y, &Line::from(clipped), area.width);
}
