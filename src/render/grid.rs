//! The feature table as a bordered grid with wrapped cells, or as cards when
//! the columns would be too narrow to read.

use super::theme::Theme;
use super::wrap::{str_width, wrap};
use crate::article::Table;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Below this many cells a contender column is unreadable: switch to cards.
pub const MIN_COLUMN: usize = 12;

/// A laid-out grid: the header and each row as lines, borders included.
pub struct Grid {
    pub top: Line<'static>,
    pub header: Vec<Line<'static>>,
    pub separator: Line<'static>,
    /// Each row's lines, followed by the line under it (a separator or the bottom border).
    pub rows: Vec<Vec<Line<'static>>>,
}

impl Grid {
    pub fn into_lines(self) -> Vec<Line<'static>> {
        let mut out = vec![self.top];
        out.extend(self.header);
        out.push(self.separator);
        out.extend(self.rows.into_iter().flatten());
        out
    }
}

/// Column widths (content only, without borders and padding) that fit
/// `width`, or `None` when some contender column would drop under [`MIN_COLUMN`].
pub fn column_widths(table: &Table, width: usize) -> Option<Vec<usize>> {
    let n = table.columns.len();
    if n == 0 {
        return None;
    }
    let chrome = 3 * n + 1;
    let avail = width.checked_sub(chrome)?;
    // Row by row: a row's cells are read in order, not looked up one by one.
    let mut natural: Vec<usize> = table.columns.iter().map(|c| str_width(c).max(1)).collect();
    for r in &table.rows {
        for (w, cell) in natural.iter_mut().zip(r) {
            *w = (*w).max(str_width(cell));
        }
    }
    if natural.iter().sum::<usize>() <= avail {
        return Some(natural);
    }
    // The first (feature) column takes what it needs up to a quarter of the room.
    let first = natural[0].min(avail / 4).max(MIN_COLUMN.min(natural[0]));
    let rest_n = n - 1;
    if rest_n == 0 {
        return Some(vec![avail]);
    }
    let rest = avail.checked_sub(first)?;
    if rest / rest_n < MIN_COLUMN {
        return None;
    }
    // Max-min fair shares: narrow columns take what they need, the rest split evenly.
    let mut widths = vec![first; n];
    let mut open: Vec<usize> = (1..n).collect();
    let mut left = rest;
    loop {
        let fair = left / open.len().max(1);
        let (small, big): (Vec<usize>, Vec<usize>) =
            open.iter().partition(|&&c| natural[c] <= fair);
        if small.is_empty() {
            for (k, &c) in big.iter().enumerate() {
                // The remainder goes to the first columns, one cell each.
                widths[c] = fair + usize::from(k < left % big.len().max(1));
            }
            break;
        }
        for &c in &small {
            widths[c] = natural[c];
            left -= natural[c];
        }
        open = big;
        if open.is_empty() {
            break;
        }
    }
    Some(widths)
}

fn border(theme: &Theme, widths: &[usize], left: &str, mid: &str, right: &str) -> Line<'static> {
    let g = &theme.glyphs;
    let mut s = String::from(left);
    for (i, w) in widths.iter().enumerate() {
        s.push_str(&g.h.repeat(w + 2));
        s.push_str(if i + 1 == widths.len() { right } else { mid });
    }
    Line::from(Span::styled(s, theme.border()))
}

fn row_lines<'c>(
    cells: impl IntoIterator<Item = &'c str>,
    widths: &[usize],
    theme: &Theme,
    style: Style,
    first_style: Style,
) -> Vec<Line<'static>> {
    let mut cells = cells.into_iter();
    let wrapped: Vec<Vec<Vec<Span<'static>>>> = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let text = super::doc::spelled(cells.next().unwrap_or(""), theme);
            let st = if i == 0 { first_style } else { style };
            wrap(&[(&text, st)], *w)
        })
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
    let v = theme.glyphs.v;
    (0..height)
        .map(|li| {
            let mut spans = vec![Span::styled(v, theme.border())];
            for (ci, w) in widths.iter().enumerate() {
                spans.push(Span::raw(" "));
                let cell = wrapped[ci].get(li).cloned().unwrap_or_default();
                let used: usize = cell.iter().map(|s| str_width(&s.content)).sum();
                spans.extend(cell);
                spans.push(Span::raw(" ".repeat(w.saturating_sub(used) + 1)));
                spans.push(Span::styled(v, theme.border()));
            }
            Line::from(spans)
        })
        .collect()
}

pub fn grid(table: &Table, widths: &[usize], theme: &Theme) -> Grid {
    let j = theme.glyphs.joins;
    let header = row_lines(
        table.columns.iter().map(String::as_str),
        widths,
        theme,
        theme.table_header(),
        theme.table_header(),
    );
    let sep = border(theme, widths, j[3], j[4], j[5]);
    let bottom = border(theme, widths, j[6], j[7], j[8]);
    let last = table.rows.len().saturating_sub(1);
    let rows = table
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut lines = row_lines(r, widths, theme, Style::new(), theme.bold());
            lines.push(if i == last {
                bottom.clone()
            } else {
                sep.clone()
            });
            lines
        })
        .collect();
    Grid {
        top: border(theme, widths, j[0], j[1], j[2]),
        header,
        separator: sep,
        rows,
    }
}

/// One card per row: the feature name, then each contender's value on its own lines.
pub fn cards(table: &Table, width: usize, theme: &Theme) -> Vec<Vec<Line<'static>>> {
    (0..table.rows.len())
        .map(|r| card(table, r, width, theme))
        .collect()
}

/// The card of row `r`, with the blank line under it.
pub fn card(table: &Table, r: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let width = width.max(4);
    let Some(row) = table.rows.get(r) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    let title = super::doc::spelled(row.first().unwrap_or(""), theme);
    for l in wrap(&[(&title, theme.table_header())], width) {
        lines.push(Line::from(l));
    }
    for (ci, col) in table.columns.iter().enumerate().skip(1) {
        let value = super::doc::spelled(row.get(ci).unwrap_or(""), theme);
        let label = format!("{}: ", super::doc::spelled(col, theme));
        for (k, l) in wrap(&[(&label, theme.bold()), (&value, Style::new())], width - 2)
            .into_iter()
            .enumerate()
        {
            let indent = if k == 0 { "  " } else { "    " };
            let mut spans = vec![Span::raw(indent)];
            spans.extend(l);
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::default());
    lines
}

/// How a table is drawn at a width: a grid with these column widths, or cards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shape {
    Grid(Vec<usize>),
    Cards,
}

pub fn shape(table: &Table, width: usize) -> Shape {
    match column_widths(table, width) {
        Some(w) if table.columns.len() > 1 => Shape::Grid(w),
        _ => Shape::Cards,
    }
}

/// The lines above the rows (top border, header, separator; none for cards).
/// With [`row_part`] for every row, the same lines as [`table_lines`], so a
/// long table can be laid out only where it is shown.
pub fn head_part(table: &Table, shape: &Shape, theme: &Theme) -> Vec<Line<'static>> {
    let Shape::Grid(widths) = shape else {
        return Vec::new();
    };
    let j = theme.glyphs.joins;
    let mut out = vec![border(theme, widths, j[0], j[1], j[2])];
    out.extend(row_lines(
        table.columns.iter().map(String::as_str),
        widths,
        theme,
        theme.table_header(),
        theme.table_header(),
    ));
    out.push(border(theme, widths, j[3], j[4], j[5]));
    out
}

/// Row `r`: its lines and the line under it (a separator, the bottom border
/// or, for a card, a blank line).
pub fn row_part(
    table: &Table,
    shape: &Shape,
    r: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let Shape::Grid(widths) = shape else {
        return card(table, r, width, theme);
    };
    let Some(row) = table.rows.get(r) else {
        return Vec::new();
    };
    let j = theme.glyphs.joins;
    let mut lines = row_lines(row, widths, theme, Style::new(), theme.bold());
    lines.push(if r + 1 == table.rows.len() {
        border(theme, widths, j[6], j[7], j[8])
    } else {
        border(theme, widths, j[3], j[4], j[5])
    });
    lines
}

/// The table drawn to fit `width`: a grid when it can stay readable, cards otherwise.
pub fn table_lines(table: &Table, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    match column_widths(table, width) {
        Some(w) if table.columns.len() > 1 => grid(table, &w, theme).into_lines(),
        _ => cards(table, width, theme).into_iter().flatten().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(cols: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            columns: cols.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    fn text(l: &Line) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn natural_widths_when_they_fit() {
        let t = table(
            &["F", "Django", "Flask"],
            &[&["Philosophy", "big", "small"]],
        );
        assert_eq!(column_widths(&t, 80), Some(vec![10, 6, 5]));
    }

    #[test]
    fn shares_room_and_never_exceeds_width() {
        let long = "word ".repeat(30);
        let t = table(
            &["Feature", "A", "B", "C"],
            &[&["x", &long, &long, "short"]],
        );
        let w = column_widths(&t, 80).unwrap();
        assert!(w.iter().sum::<usize>() + 3 * 4 < 80, "{w:?}");
        assert!(w[1..3].iter().all(|&c| c >= MIN_COLUMN), "{w:?}");
        assert_eq!(w[3], 5, "a short column keeps its natural width");
        for l in table_lines(&t, 80, &Theme::new(false, false)) {
            assert!(str_width(&text(&l)) <= 80);
        }
    }

    #[test]
    fn too_narrow_gives_cards() {
        let long = "word ".repeat(30);
        let t = table(&["Feature", "A", "B", "C"], &[&["x", &long, &long, &long]]);
        assert_eq!(column_widths(&t, 40), None);
        let lines = table_lines(&t, 40, &Theme::new(false, true));
        assert_eq!(text(&lines[0]), "x");
        assert!(text(&lines[1]).starts_with("  A: word"));
    }

    #[test]
    fn every_word_of_every_cell_is_shown() {
        let t = table(
            &["Feature", "Django", "Flask"],
            &[&[
                "Scalability",
                "Great for large, complex applications",
                "Ideal for smaller applications or microservices",
            ]],
        );
        let all: String = table_lines(&t, 40, &Theme::new(false, false))
            .iter()
            .map(text)
            .collect();
        for w in ["Great", "complex", "applications", "microservices", "Ideal"] {
            assert!(all.contains(w), "{w} missing in {all}");
        }
    }

    #[test]
    fn parts_add_up_to_the_whole_table() {
        let long = "word ".repeat(12);
        let t = table(
            &["Feature", "A", "B"],
            &[&["x", &long, "y"], &["z", "short", &long], &["w", "", ""]],
        );
        let theme = Theme::new(true, false);
        for width in [80, 50, 30, 12] {
            let sh = shape(&t, width);
            let mut parts = head_part(&t, &sh, &theme);
            for r in 0..t.rows.len() {
                parts.extend(row_part(&t, &sh, r, width, &theme));
            }
            assert_eq!(parts, table_lines(&t, width, &theme), "width {width}");
        }
    }

    #[test]
    fn ascii_borders() {
        let t = table(&["F", "A", "B"], &[&["x", "y", "z"]]);
        let lines = table_lines(&t, 80, &Theme::new(false, true));
        assert_eq!(text(&lines[0]), "+---+---+---+");
        assert_eq!(text(&lines[1]), "| F | A | B |");
    }
}
