//! The Pros & Cons view: one column per contender, stacked when narrow.

use super::{current_at, draw_lines, highlighted_at, placeholder};
use crate::app::App;
use crate::app::pros::Entry;
use crate::decision::Question;
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
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
    // The current match: its column, and its place among the column's rows.
    let current = app.search.current().and_then(|(unit, nth)| {
        let (col, line) = layout.unit_pos(a, unit)?;
        let lines = crate::app::pros::entry_lines(
            a,
            layout.unit_entry(unit)?,
            layout.col_width,
            &app.theme,
        );
        let row = line as isize - app.pros.scroll as isize;
        Some((col, current_at(app, row, &lines, nth)?))
    });
    // Only the visible entries are laid out, marked and highlighted.
    let view = |col: usize| -> Vec<Line<'static>> {
        let (entries, skip) = layout.window(a, col, app.pros.scroll, h, &app.theme);
        let mut lines = Vec::with_capacity(h + skip);
        for (entry, mut ls) in entries {
            mark_answer(app, entry, &mut ls, layout.col_width);
            lines.extend(ls);
        }
        let at = current.and_then(|(c, at)| (c == col).then_some(at));
        highlighted_at(app, lines.into_iter().skip(skip).take(h).collect(), at)
    };
    // A contender's name scrolled away stays on the first row (a sticky heading).
    let sticky = |lines: &mut Vec<Line<'static>>, c: usize, width: u16| {
        let name = truncate(
            &a.contenders[c].name,
            usize::from(width),
            app.theme.glyphs.ellipsis,
        );
        let line = Line::from(Span::styled(name, app.theme.heading(2)));
        match lines.first_mut() {
            Some(first) => *first = line,
            None => lines.push(line),
        }
    };
    if layout.stacked {
        let mut lines = view(0);
        if let Some(c) = layout.contender_at(a, app.pros.scroll)
            && layout
                .start_of(a, c)
                .is_some_and(|(_, l)| l < app.pros.scroll)
        {
            sticky(&mut lines, c, area.width);
        }
        draw_lines(&lines, area, buf);
        return;
    }
    let columns = crate::app::geometry::pros_columns(area, layout.column_count());
    let last = columns.len().saturating_sub(1);
    for (i, &(rect, r)) in columns.iter().enumerate() {
        if i < last {
            // The border on the right, after the cell of space left of it.
            let with_border = Rect {
                x: rect.x + u16::from(i > 0),
                width: rect.width.saturating_sub(u16::from(i > 0)),
                ..rect
            };
            Block::new()
                .borders(Borders::RIGHT)
                .border_style(app.theme.border())
                .render(with_border, buf);
        }
        let mut lines = view(i);
        if app.pros.scroll > 0 {
            sticky(&mut lines, i, r.width);
        }
        // The contender in focus has its name marked.
        if i == app.pros.col
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
