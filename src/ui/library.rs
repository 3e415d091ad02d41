//! The Library view: one row per article (contenders, title, path, size),
//! comparisons first; a header with the folder, a footer with the position,
//! the filter prompt and the keys.

use crate::app::geometry;
use crate::app::library::LibraryView;
use crate::library::State;
use crate::render::theme::Theme;
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

/// Draws the whole screen for the library. `title` names what was opened.
pub fn render(v: &mut LibraryView, theme: &Theme, title: &str, area: Rect, buf: &mut Buffer) {
    if geometry::too_small(area) {
        super::too_small(area, buf);
        return;
    }
    let [head, body, foot] = geometry::frame(area);
    // Header: what was opened, and how many of its files are comparisons.
    let comparisons = v.lib.rows().iter().filter(|r| r.is_comparison()).count();
    let right = format!("{comparisons} comparisons, {} files", v.lib.len());
    header_line(theme, title, &right, head, buf);

    let body = geometry::padded(body);
    let notes: Vec<String> = v.lib.notes().to_vec();
    let list_h = usize::from(body.height).saturating_sub(notes.len().min(2));
    v.height = list_h.max(1);
    if v.lib.is_empty() && !v.lib.has_work() {
        let msg = "No markdown files here (.md, .markdown, .mdx).";
        buf.set_string(body.x, body.y + body.height / 3, msg, theme.dim());
    }
    let width = usize::from(body.width);
    let shown: Vec<usize> = v.shown().to_vec();
    let cursor = v.cursor();
    // Column widths from the rows in view.
    let in_view: Vec<usize> = shown.iter().skip(v.top).take(list_h).copied().collect();
    let rows = v.lib.rows();
    let vs_w = in_view
        .iter()
        .map(|&i| str_width(&rows[i].versus()))
        .max()
        .unwrap_or(0)
        .min(width / 3);
    let path_w = in_view
        .iter()
        .map(|&i| str_width(&rows[i].shown))
        .max()
        .unwrap_or(0)
        .min(width * 3 / 10);
    const SIZE_W: usize = 8;
    for (k, &i) in in_view.iter().enumerate() {
        let hits = v.hits(i);
        let row = &v.lib.rows()[i];
        let selected = cursor == Some(v.top + k);
        let dim = theme.dim();
        let weak = matches!(row.state, State::Read { weak: true, .. });
        let problem = row.problem().is_some();
        let mut spans: Vec<Span<'static>> = Vec::new();
        let marker = if selected {
            if theme.glyphs.ascii { "> " } else { "▸ " }
        } else {
            "  "
        };
        spans.push(Span::raw(marker));
        let vs_style = if weak { dim } else { theme.accent() };
        push_field(
            &mut spans,
            &row.versus(),
            vs_w,
            vs_style,
            &hits.versus,
            theme,
        );
        let mut rest = width.saturating_sub(2 + vs_w + 2 + path_w + 2 + SIZE_W + 2);
        if vs_w > 0 {
            spans.push(Span::raw("  "));
        } else {
            rest += 2;
        }
        let (title, title_style) = match (&row.state, row.title()) {
            (State::Problem(p), _) => (p.clone(), theme.warning()),
            (State::Unread, _) => (String::new(), dim),
            (_, Some(t)) => (t.to_string(), Style::new()),
            (_, None) => ("(no title)".to_string(), dim),
        };
        push_field(&mut spans, &title, rest, title_style, &hits.title, theme);
        spans.push(Span::raw("  "));
        push_field(&mut spans, &row.shown, path_w, dim, &hits.path, theme);
        spans.push(Span::styled(
            format!(
                "{:>w$}",
                crate::library::human_size(row.size),
                w = SIZE_W + 2
            ),
            dim,
        ));
        let mut line = Line::from(spans);
        if problem {
            line = line.patch_style(dim);
        }
        if selected {
            line = line.patch_style(theme.selected());
        }
        super::set_line(buf, body.x, body.y + k as u16, &line, body.width);
    }
    for (k, n) in notes.iter().take(2).enumerate() {
        let y = body.y + (list_h + k) as u16;
        if y < body.bottom() {
            let n = truncate(&format!("note: {n}"), width, theme.glyphs.ellipsis);
            buf.set_string(body.x, y, n, theme.warning());
        }
    }
    footer_line(v, theme, foot, buf);
}

/// A field cut or padded to `w` cells, its matched characters highlighted.
fn push_field(
    spans: &mut Vec<Span<'static>>,
    text: &str,
    w: usize,
    style: Style,
    hits: &[u32],
    theme: &Theme,
) {
    if w == 0 {
        return;
    }
    let cut = truncate(text, w, theme.glyphs.ellipsis);
    let pad = w.saturating_sub(str_width(&cut));
    if hits.is_empty() {
        spans.push(Span::styled(cut, style));
    } else {
        let mut run = String::new();
        let mut run_hit = false;
        for (ci, ch) in cut.chars().enumerate() {
            let hit = hits.binary_search(&(ci as u32)).is_ok();
            if hit != run_hit && !run.is_empty() {
                let st = if run_hit {
                    style.patch(theme.search_match())
                } else {
                    style
                };
                spans.push(Span::styled(std::mem::take(&mut run), st));
            }
            run_hit = hit;
            run.push(ch);
        }
        if !run.is_empty() {
            let st = if run_hit {
                style.patch(theme.search_match())
            } else {
                style
            };
            spans.push(Span::styled(run, st));
        }
    }
    if pad > 0 {
        spans.push(Span::raw(" ".repeat(pad)));
    }
}

fn header_line(theme: &Theme, left: &str, right: &str, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let right = truncate(right, w / 2, theme.glyphs.ellipsis);
    let left = truncate(
        left,
        w.saturating_sub(str_width(&right) + 3),
        theme.glyphs.ellipsis,
    );
    let bold = Style::new().add_modifier(Modifier::BOLD);
    buf.set_string(area.x + 1, area.y, &left, bold);
    let x = area.right().saturating_sub(str_width(&right) as u16 + 1);
    buf.set_string(x, area.y, &right, theme.dim());
}

fn footer_line(v: &LibraryView, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let w = usize::from(area.width);
    let left = match &v.prompt {
        Some(p) => format!("/{p}"),
        None => match &v.status {
            Some(s) => s.clone(),
            None if !v.filter_query().is_empty() => format!("filter: {}", v.filter_query()),
            None => String::new(),
        },
    };
    let keys = "Enter open  / filter  q quit  ? help";
    let pos = v.position();
    let right = if str_width(&left) + str_width(&pos) + str_width(keys) + 6 <= w {
        format!("{pos}   {keys}")
    } else {
        pos
    };
    let left = truncate(
        &left,
        w.saturating_sub(str_width(&right) + 3),
        theme.glyphs.ellipsis,
    );
    buf.set_string(area.x + 1, area.y, &left, Style::new());
    let x = area.right().saturating_sub(str_width(&right) as u16 + 1);
    buf.set_string(x, area.y, &right, theme.dim());
    if v.prompt.is_some() {
        // The cursor's place is the end of the prompt; shown as a block.
        let cx = area.x + 1 + str_width(&left) as u16;
        if cx < area.right() {
            buf.set_string(cx, area.y, " ", theme.selected());
        }
    }
}
