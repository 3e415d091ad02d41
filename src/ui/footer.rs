//! The bottom line: view tabs, position, toggles, messages and the search prompt.

use crate::app::{App, View};
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let width = usize::from(area.width);
    if let Some(p) = &app.search.prompt {
        let line = Line::from(vec![
            Span::styled("/", t.accent()),
            Span::raw(p.clone()),
            Span::styled(" ", t.selected()),
        ]);
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        // Keep the end of a long query in view.
        if str_width(&text) >= width {
            let tail: String = p
                .chars()
                .rev()
                .take(width.saturating_sub(3))
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            buf.set_line(
                area.x,
                area.y,
                &Line::from(vec![
                    Span::styled("/", t.accent()),
                    Span::raw(tail),
                    Span::styled(" ", t.selected()),
                ]),
                area.width,
            );
        } else {
            buf.set_line(area.x, area.y, &line, area.width);
        }
        return;
    }
    if app.decide.confirm {
        let n = app.decide.answers.len();
        let s = if n == 1 { "" } else { "s" };
        let line = Line::from(vec![
            Span::styled(format!("Clear all {n} answer{s}? "), t.warning()),
            Span::styled("y", t.accent()),
            Span::raw(" clears, "),
            Span::styled("n", t.accent()),
            Span::raw(" keeps them"),
        ]);
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    }
    let mut spans: Vec<Span<'static>> = Vec::new();
    let short = width < 70;
    for v in View::ALL {
        let n = View::ALL.iter().position(|x| *x == v).unwrap_or(0) + 1;
        let label = if short {
            format!(" {n} ")
        } else {
            format!(" {n} {} ", v.title())
        };
        let st = if v == app.view { t.selected() } else { t.dim() };
        spans.push(Span::styled(label, st));
    }
    spans.push(Span::raw(" "));
    let mut info: Vec<String> = vec![position(app)];
    if !app.pros.show_pros || !app.pros.show_cons {
        let p = if app.pros.show_pros {
            "pros on"
        } else {
            "pros off"
        };
        let c = if app.pros.show_cons {
            "cons on"
        } else {
            "cons off"
        };
        info.push(format!("{p}, {c}"));
    } else if app.view == View::Pros {
        info.push("pros on, cons on".into());
    }
    if app.view == View::Decide && app.decide.blind {
        info.push(if app.decide.revealed { "blind, revealed" } else { "blind" }.into());
    }
    if let Some(n) = app.count {
        info.push(format!("count {n}"));
    }
    let message = app.status.clone().or_else(|| app.search.summary());
    let warn = app.article.warnings.len();
    let mut line_spans = spans;
    line_spans.push(Span::raw(info.join(" · ")));
    if let Some(m) = message {
        line_spans.push(Span::raw(" · "));
        line_spans.push(Span::styled(m, t.accent()));
    } else if warn > 0 {
        let s = if warn == 1 { "" } else { "s" };
        line_spans.push(Span::raw(" · "));
        line_spans.push(Span::styled(
            format!("{warn} warning{s} (top of Read view)"),
            t.warning(),
        ));
    }
    let used: usize = line_spans.iter().map(|s| str_width(&s.content)).sum();
    let hint = if app.view == View::Decide {
        decide_hint(app)
    } else {
        "  ? help  q quit"
    };
    if used + str_width(hint) <= width {
        line_spans.push(Span::raw(" ".repeat(width - used - str_width(hint))));
        line_spans.push(Span::styled(hint.to_string(), t.dim()));
    }
    // Clip span by span so that nothing is drawn past the edge.
    let mut left = width;
    let clipped: Vec<Span<'static>> = line_spans
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

fn position(app: &App) -> String {
    let a = &app.article;
    match app.view {
        View::Read => {
            let n = a.sections.len();
            if n == 0 {
                format!("{}%", app.read_percent())
            } else {
                format!(
                    "section {}/{} {}%",
                    app.current_section() + 1,
                    n,
                    app.read_percent()
                )
            }
        }
        View::Table => match &a.table {
            Some(t) if !t.rows.is_empty() => {
                let pct = if t.rows.len() <= 1 {
                    100
                } else {
                    app.table.row * 100 / (t.rows.len() - 1)
                };
                format!("row {}/{} {}%", app.table.row + 1, t.rows.len(), pct)
            }
            _ => "no table".into(),
        },
        View::Pros => match a.contenders.get(app.pros.col) {
            Some(c) => format!("{} {}/{}", c.name, app.pros.col + 1, a.contenders.len()),
            None => "no contenders".into(),
        },
        View::Decide => match app.decide.shown().get(app.decide.cursor) {
            Some(q) => {
                let block = app.decide.block_range(q.block());
                let at = app.decide.cursor - block.start;
                format!("{} {}/{}", q.block().title(), at + 1, block.len())
            }
            None => "nothing to decide".into(),
        },
    }
}

/// The keys that answer the question under the cursor.
fn decide_hint(app: &App) -> &'static str {
    match app.decide.current() {
        Some(q) if q.is_row() => "  ←/→ pick  0 clear  ? help",
        Some(_) => "  Space check  ? help",
        None => "  ? help  q quit",
    }
}
