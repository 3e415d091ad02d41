//! The Table view: contenders side by side, the header kept in view, the
//! row under the cursor highlighted; cards when the terminal is narrow.

use super::{current_at, draw_lines, highlighted_at, placeholder};
use crate::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(layout) = app.table_layout() else {
        placeholder(app, area, buf, "No feature table in this article.");
        return;
    };
    if layout.row_count() == 0 {
        placeholder(app, area, buf, "The feature table has no rows.");
        return;
    }
    let area = crate::app::geometry::padded(area);
    let h = usize::from(area.height);
    let mut lines: Vec<Line<'static>> = layout.header.iter().take(h).cloned().collect();
    let v = app.theme.glyphs.v;
    let mut current = None;
    'rows: for i in app.table.top_row..layout.row_count() {
        let row = app.table_row(&layout, i);
        let selected = i == app.table.row;
        if let Some((unit, nth)) = app.search.current()
            && unit == i
        {
            current = current_at(app, lines.len() as isize, &row, nth);
        }
        for (k, l) in row.iter().enumerate() {
            if lines.len() >= h {
                break 'rows;
            }
            // The line under a row (its border) is not part of the highlight.
            let is_border = !layout.cards && k + 1 == row.len();
            let l = if selected && !is_border {
                let spans = l.spans.iter().map(|s| {
                    if s.content == v {
                        s.clone()
                    } else {
                        Span::styled(s.content.clone(), s.style.patch(app.theme.selected()))
                    }
                });
                Line::from(spans.collect::<Vec<_>>())
            } else {
                l.clone()
            };
            lines.push(l);
        }
    }
    // Where the selected row's lines are (less its border), for its cell under the cursor.
    let sel_rows = app
        .table_rows_shown(&layout, h)
        .into_iter()
        .find(|r| r.0 == app.table.row)
        .map(|(_, y, n)| (y, n.saturating_sub(usize::from(!layout.cards))));
    draw_lines(&highlighted_at(app, lines, current), area, buf);
    // The contender column in focus (h/l) has its header cell marked.
    let col = app.table.col;
    if col > 0
        && let Some((_, x, w)) = crate::app::geometry::grid_column(&layout.widths, col)
        && layout.header.len() > 2
    {
        let cell = Rect {
            x: area.x + x as u16,
            y: area.y + 1,
            width: w as u16,
            height: (layout.header.len() - 2) as u16,
        }
        .intersection(area);
        buf.set_style(cell, app.theme.selected());
        // The cell under the cursor in the selected row: out of the row's
        // reverse video, bold and underlined (it reads without colour too).
        if let Some((y, n)) = sel_rows {
            let cell = Rect {
                y: area.y + y as u16,
                height: n as u16,
                ..cell
            }
            .intersection(area);
            buf.set_style(
                cell,
                Style::new()
                    .remove_modifier(Modifier::REVERSED)
                    .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            );
        }
    }
}
