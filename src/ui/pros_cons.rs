//! The Pros & Cons view: one column per contender, stacked when narrow.

use super::{draw_lines, highlighted, placeholder};
use crate::app::App;
use crate::app::pros::Entry;
use crate::decide::Question;
use crate::render::wrap::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let a = &app.article;
    if a.contenders.is_empty() {
        let msg = a.why_empty(
            "No contenders found in this article, so there are no pros and cons to show.",
        );
        placeholder(app, area, buf, &msg);
        return;
    }
    if a.contenders
        .iter()
        .all(|c| c.pros.is_empty() && c.cons.is_empty())
    {
        placeholder(app, area, buf, "This article lists no pros or cons.");
        return;
    }
    if !app.pros.show_pros && !app.pros.show_cons {
        placeholder(
            app,
            area,
            buf,
            "Pros and cons are hidden: press p to show the pros, c to show the cons.",
        );
        return;
    }
    let layout = app.pros_layout();
    let area = crate::app::geometry::padded(area);
    let h = usize::from(area.height);
    // Only the visible entries are laid out, marked and highlighted.
    let view = |col: usize| -> Vec<Line<'static>> {
        let (entries, skip) = layout.window(a, col, app.pros.scroll, h, &app.theme);
        let mut lines = Vec::with_capacity(h + skip);
        for (entry, mut ls) in entries {
            mark_answer(app, entry, &mut ls, layout.col_width);
            lines.extend(ls);
        }
        highlighted(app, lines.into_iter().skip(skip).take(h).collect())
    };
    if layout.stacked {
        draw_lines(&view(0), area, buf);
        return;
    }
    let n = layout.column_count() as u32;
    let rects = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(area);
    for (i, rect) in rects.iter().enumerate() {
        let mut r = *rect;
        if i > 0 {
            r = Rect {
                x: r.x + 1,
                width: r.width.saturating_sub(1),
                ..r
            };
        }
        if i + 1 < rects.len() {
            let b = Block::new()
                .borders(Borders::RIGHT)
                .border_style(app.theme.border());
            let inner = b.inner(r);
            b.render(r, buf);
            r = Rect {
                width: inner.width.saturating_sub(1),
                ..inner
            };
        }
        let mut lines = view(i);
        // The contender in focus has its name marked.
        if i == app.pros.col
            && app.pros.scroll == 0
            && let Some(first) = lines.first_mut()
        {
            *first = first.clone().patch_style(app.theme.selected());
        }
        draw_lines(&lines, r, buf);
    }
}

/// Marks a pro or con the reader answered in the Decide view.
fn mark_answer(app: &App, entry: Entry, lines: &mut [Line<'static>], col_w: usize) {
    let Entry::Item {
        contender,
        pros,
        item,
    } = entry
    else {
        return;
    };
    let q = if pros {
        Question::Pro { contender, item }
    } else {
        Question::Con { contender, item }
    };
    if !app.decide.answers.checked(q) {
        return;
    }
    let t = &app.theme;
    let (yes, no) = if t.glyphs.ascii {
        ("v", "x")
    } else {
        ("✓", "✗")
    };
    let (glyph, note, st) = if pros {
        (yes, "matters to you", t.pro())
    } else {
        (no, "rules it out", t.con())
    };
    let Some(l) = lines.first_mut() else { return };
    if let Some(first) = l.spans.first_mut() {
        *first = Span::styled(format!("{glyph} "), st);
    }
    let used: usize = l.spans.iter().map(|s| str_width(&s.content)).sum();
    let note = format!("  {note}");
    if used + str_width(&note) <= col_w {
        l.spans.push(Span::styled(note, t.dim()));
    }
}
