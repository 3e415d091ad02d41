//! The Pros & Cons view: one column per contender, stacked when narrow.

use super::{draw_lines, highlighted, placeholder};
use crate::app::App;
use crate::app::pros::ProsLayout;
use crate::decide::Question;
use crate::render::wrap::str_width;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let a = &app.article;
    if a.contenders.is_empty() {
        placeholder(
            app,
            area,
            buf,
            "No contenders found in this article, so there are no pros and cons to show.",
        );
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
    let cached = app.pros_layout();
    let marked;
    let layout: &ProsLayout = if app.decide.answers.is_empty() {
        &cached
    } else {
        let mut l = (*cached).clone();
        mark_answers(app, &mut l);
        marked = l;
        &marked
    };
    let area = Rect {
        x: area.x + 1,
        width: area.width.saturating_sub(2),
        ..area
    };
    let h = usize::from(area.height);
    let focus_name = a.contenders.get(app.pros.col).map(|c| c.name.clone());
    let view = |col: &Vec<Line<'static>>| -> Vec<Line<'static>> {
        let lines: Vec<Line<'static>> = col.iter().skip(app.pros.scroll).take(h).cloned().collect();
        highlighted(app, lines)
    };
    if layout.stacked {
        draw_lines(&view(&layout.columns[0]), area, buf);
        return;
    }
    let n = layout.columns.len() as u32;
    let rects = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(area);
    for (i, (col, rect)) in layout.columns.iter().zip(rects.iter()).enumerate() {
        let mut r = *rect;
        if i > 0 {
            r = Rect {
                x: r.x + 1,
                width: r.width.saturating_sub(1),
                ..r
            };
        }
        if i + 1 < layout.columns.len() {
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
        let mut lines = view(col);
        // The contender in focus has its name marked.
        if i == app.pros.col
            && app.pros.scroll == 0
            && focus_name.is_some()
            && let Some(first) = lines.first_mut()
        {
            *first = first.clone().patch_style(app.theme.selected());
        }
        draw_lines(&lines, r, buf);
    }
}

/// Marks the pros and cons the reader answered in the Decide view: the mark
/// becomes a check (a pro that matters) or a cross (a con that rules the
/// contender out), with a short note when the line has room.
fn mark_answers(app: &App, layout: &mut ProsLayout) {
    let answers = &app.decide.answers;
    if answers.is_empty() {
        return;
    }
    let t = &app.theme;
    let width = app.pros_width();
    let col_w = if layout.stacked {
        width
    } else {
        crate::app::pros::column_width(width, app.article.contenders.len()).unwrap_or(width)
    };
    let (yes, no) = if t.glyphs.ascii {
        ("v", "x")
    } else {
        ("✓", "✗")
    };
    let mut unit = 0;
    for (c, con) in app.article.contenders.iter().enumerate() {
        let groups = [
            (app.pros.show_pros, con.pros.len(), true),
            (app.pros.show_cons, con.cons.len(), false),
        ];
        for (shown, n, is_pro) in groups {
            if !shown {
                continue;
            }
            for item in 0..n {
                let q = if is_pro {
                    Question::Pro { contender: c, item }
                } else {
                    Question::Con { contender: c, item }
                };
                let at = layout.units.get(unit).copied();
                unit += 1;
                let Some((col, line)) = at else { continue };
                if !answers.checked(q) {
                    continue;
                }
                let Some(l) = layout.columns.get_mut(col).and_then(|c| c.get_mut(line)) else {
                    continue;
                };
                let (glyph, note, st) = if is_pro {
                    (yes, "matters to you", t.pro())
                } else {
                    (no, "rules it out", t.con())
                };
                if let Some(first) = l.spans.first_mut() {
                    *first = Span::styled(format!("{glyph} "), st);
                }
                let used: usize = l.spans.iter().map(|s| str_width(&s.content)).sum();
                let note = format!("  {note}");
                if used + str_width(&note) <= col_w {
                    l.spans.push(Span::styled(note, t.dim()));
                }
            }
        }
    }
}
