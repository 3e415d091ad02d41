//! Drawing: a pure function of [`App`] state, one file per pane.

mod decide;
mod footer;
mod header;
mod help;
mod outline;
mod pros_cons;
mod read;
mod table;

use crate::app::{App, View, geometry};
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if geometry::too_small(area) {
            too_small(area, buf);
            return;
        }
        let [head, body, foot] = geometry::frame(area);
        header::render(self, head, buf);
        match self.view {
            View::Read => read::render(self, body, buf),
            View::Table => table::render(self, body, buf),
            View::Pros => pros_cons::render(self, body, buf),
            View::Decide => decide::render(self, body, buf),
        }
        footer::render(self, foot, buf);
        if let Some(scroll) = self.help {
            help::render(self, scroll, buf);
        }
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    let msg = truncate("terminal too small", usize::from(area.width), "");
    let y = area.y + area.height / 2;
    let x = area.x + area.width.saturating_sub(str_width(&msg) as u16) / 2;
    if area.height > 0 {
        buf.set_string(x, y, msg, Style::new());
    }
}

/// A centred message in an otherwise empty pane ("no feature table in this article").
fn placeholder(app: &App, area: Rect, buf: &mut Buffer, msg: &str) {
    let y = area.y + area.height / 3;
    let lines = crate::render::wrap::wrap(
        &[(msg, app.theme.dim())],
        usize::from(area.width.saturating_sub(4)).max(1),
    );
    for (i, l) in lines.into_iter().enumerate() {
        let w = l.iter().map(|s| str_width(&s.content)).sum::<usize>() as u16;
        let row = y + i as u16;
        if row >= area.bottom() {
            break;
        }
        let x = area.x + area.width.saturating_sub(w) / 2;
        buf.set_line(x, row, &Line::from(l), area.width);
    }
}

/// Draws lines from the top of `area`, one per row, clipped to it (what a
/// `Paragraph` without wrapping draws, without copying the lines).
fn draw_lines(lines: &[Line<'_>], area: Rect, buf: &mut Buffer) {
    let area = area.intersection(buf.area);
    for (line, y) in lines.iter().zip(area.top()..area.bottom()) {
        set_line(buf, area.x, y, line, area.width);
    }
}

/// `Buffer::set_line` with a fast path for printable ASCII spans (one cell a
/// byte, no grapheme segmentation): most of an article, drawn on every frame.
pub(crate) fn set_line(buf: &mut Buffer, x: u16, y: u16, line: &Line<'_>, max_width: u16) {
    let mut x = x;
    let mut left = max_width;
    for span in line {
        if left == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let text = span.content.as_ref();
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            let n = text
                .len()
                .min(usize::from(left))
                .min(usize::from(buf.area.right().saturating_sub(x)));
            for (i, b) in text.bytes().take(n).enumerate() {
                let cell = &mut buf[(x + i as u16, y)];
                cell.set_char(char::from(b));
                cell.set_style(style);
            }
            x += n as u16;
            left -= n as u16;
        } else {
            let (nx, _) = buf.set_stringn(x, y, text, usize::from(left), style);
            left = left.saturating_sub(nx.saturating_sub(x));
            x = nx;
        }
    }
}

/// The match `n`/`N` moved to: its own style, told apart from the other
/// matches with or without colour (reverse and bold against the others'
/// underline and bold).
pub(crate) fn current_match_style(t: &crate::render::theme::Theme) -> Style {
    use ratatui::style::{Color, Modifier};
    if t.color {
        Style::new()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
    }
}

/// Where among `lines` (one unit's lines) its `nth` match is: (line, match
/// within that line). Counted as the search counts a unit, in reading order.
fn nth_hit(lines: &[Line<'_>], query: &str, nth: usize) -> Option<(usize, usize)> {
    let needle = crate::render::find::Needle::new(query)?;
    let mut seen = 0;
    for (i, l) in lines.iter().enumerate() {
        let hits = needle.find_all(&crate::render::doc::line_text(l)).len();
        if seen + hits > nth {
            return Some((i, nth - seen));
        }
        seen += hits;
    }
    None
}

/// The current match's place on screen: the unit's first line at `row`
/// (negative when above the pane) and its lines; `None` when off screen.
fn current_at(
    app: &App,
    row: isize,
    unit_lines: &[Line<'_>],
    nth: usize,
) -> Option<(usize, usize)> {
    let q = app.search.query.as_deref()?;
    let (k, m) = nth_hit(unit_lines, q, nth)?;
    usize::try_from(row + k as isize).ok().map(|r| (r, m))
}

/// Adds the search highlight to lines, when a search is active, the match at
/// `current` (row, match in the row) in [`current_match_style`].
fn highlighted_at(
    app: &App,
    lines: Vec<Line<'static>>,
    current: Option<(usize, usize)>,
) -> Vec<Line<'static>> {
    let Some(q) = &app.search.query else {
        return lines;
    };
    let other = app.theme.search_match();
    let cur = current_match_style(&app.theme);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let at = current.and_then(|(r, m)| (r == i).then_some(m));
            mark_matches(l, q, other, cur, at)
        })
        .collect()
}

/// Styles each match of `query` in `line`; match number `current` (if any)
/// with `cur`, the others with `other`.
fn mark_matches(
    line: Line<'static>,
    query: &str,
    other: Style,
    cur: Style,
    current: Option<usize>,
) -> Line<'static> {
    let text = crate::render::doc::line_text(&line);
    let ranges = crate::render::find::find_all(&text, query);
    if ranges.is_empty() {
        return line;
    }
    let mut out = Vec::new();
    let mut pos = 0;
    let line_style = line.style;
    for span in line.spans {
        let (start, end) = (pos, pos + span.content.len());
        pos = end;
        let mut cut = start;
        for (k, &(ms, me)) in ranges.iter().enumerate() {
            let (s, e) = (ms.max(start), me.min(end));
            if s >= e {
                continue;
            }
            if s > cut {
                out.push(Span::styled(text[cut..s].to_string(), span.style));
            }
            let st = if current == Some(k) { cur } else { other };
            out.push(Span::styled(text[s..e].to_string(), span.style.patch(st)));
            cut = e;
        }
        if cut < end {
            out.push(Span::styled(text[cut..end].to_string(), span.style));
        }
    }
    Line::from(out).style(line_style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn the_current_match_has_its_own_style() {
        let l = Line::from(vec![Span::raw("Flask or "), Span::raw("flask, FLASK")]);
        let other = Style::new().add_modifier(Modifier::UNDERLINED);
        let cur = Style::new().add_modifier(Modifier::REVERSED);
        let m = mark_matches(l, "flask", other, cur, Some(1));
        let styled: Vec<(&str, Style)> = m
            .spans
            .iter()
            .filter(|s| s.style != Style::new())
            .map(|s| (s.content.as_ref(), s.style))
            .collect();
        assert_eq!(
            styled,
            vec![("Flask", other), ("flask", cur), ("FLASK", other)]
        );
        // Without colour the current match still differs from the others.
        let mono = crate::render::theme::Theme::new(false, false);
        assert_ne!(current_match_style(&mono), mono.search_match());
        let colour = crate::render::theme::Theme::new(true, false);
        assert_ne!(current_match_style(&colour), colour.search_match());
    }

    #[test]
    fn nth_hit_counts_across_lines() {
        let lines = vec![
            Line::from("a flask"),
            Line::from("no"),
            Line::from("flask flask"),
        ];
        assert_eq!(nth_hit(&lines, "flask", 0), Some((0, 0)));
        assert_eq!(nth_hit(&lines, "flask", 2), Some((2, 1)));
        assert_eq!(nth_hit(&lines, "flask", 3), None);
    }
}
