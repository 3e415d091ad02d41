//! Where each pane sits: shared by `update` (page sizes, mouse hits) and drawing.

//!
//! The splits are plain arithmetic rather than ratatui's `Layout`: its
//! constraint solver costs about 60 µs on its first call, before the first
//! frame, and these splits are all "n cells here, the rest there".

use ratatui::layout::Rect;

/// Below this the program shows "terminal too small" instead of its views.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width on the outline is shown beside the content by default.
/// Narrower, the header shows the current section and `o` brings the outline
/// back. A side pane costs bytes on every scroll (the terminal moves whole
/// rows, so the outline's rows are sent again after each line): the outline
/// folds its sub-headings while the reader reads ([`super::outline`]).
pub const OUTLINE_AUTO_WIDTH: u16 = 100;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Header line, body, footer line.
pub fn frame(area: Rect) -> [Rect; 3] {
    let [head, rest] = split_top(area, 1);
    let [body, foot] = split_bottom(rest, 1);
    [head, body, foot]
}

/// The first `n` rows of `area` (fewer if it has fewer), and the rest.
pub fn split_top(area: Rect, n: u16) -> [Rect; 2] {
    let n = n.min(area.height);
    [
        Rect { height: n, ..area },
        Rect {
            y: area.y + n,
            height: area.height - n,
            ..area
        },
    ]
}

/// The rest of `area`, and its last `n` rows (fewer if it has fewer).
pub fn split_bottom(area: Rect, n: u16) -> [Rect; 2] {
    let [top, bottom] = split_top(area, area.height - n.min(area.height));
    [top, bottom]
}

/// The first `n` columns of `area` (fewer if it has fewer), and the rest.
pub fn split_left(area: Rect, n: u16) -> [Rect; 2] {
    let n = n.min(area.width);
    [
        Rect { width: n, ..area },
        Rect {
            x: area.x + n,
            width: area.width - n,
            ..area
        },
    ]
}

/// The rest of `area`, and its last `n` columns (fewer if it has fewer).
pub fn split_right(area: Rect, n: u16) -> [Rect; 2] {
    split_left(area, area.width - n.min(area.width))
}

pub fn body(area: Rect) -> Rect {
    frame(area)[1]
}

/// The Read view's outline (when shown) and content panes.
pub fn read_panes(body: Rect, outline: bool) -> (Option<Rect>, Rect) {
    if !outline {
        return (None, body);
    }
    // In u32: a terminal may be wider than u16::MAX / 28 columns.
    let w = (u32::from(body.width) * 28 / 100).clamp(18, 36) as u16;
    let [o, c] = split_left(body, w);
    (Some(o), c)
}

/// The outline's entries: its pane less the border on its right and a cell
/// of padding on each side.
pub fn outline_text(outline: Rect) -> Rect {
    padded(Rect {
        width: outline.width.saturating_sub(1),
        ..outline
    })
}

/// Text width inside the content pane (one cell of padding on each side).
pub fn content_text_width(content: Rect) -> usize {
    usize::from(content.width.saturating_sub(2)).max(1)
}

/// A pane less one cell of padding on the left and on the right.
pub fn padded(area: Rect) -> Rect {
    Rect {
        x: area.x + 1.min(area.width),
        width: area.width.saturating_sub(2),
        ..area
    }
}

/// Column `col` of a grid of text columns `widths` wide: (where its cells
/// start, its left border included; where its text starts; its text width),
/// in cells from the grid's left edge. Each column is a border, a space, its
/// text and a space.
pub fn grid_column(widths: &[usize], col: usize) -> Option<(usize, usize, usize)> {
    let w = *widths.get(col)?;
    let start = widths[..col].iter().map(|w| w + 3).sum::<usize>();
    Some((start, start + 2, w))
}

/// The grid column at `x` cells from the grid's left edge (its border and
/// padding included).
pub fn grid_column_at(widths: &[usize], x: usize) -> Option<usize> {
    (0..widths.len()).find(|&c| {
        grid_column(widths, c).is_some_and(|(start, _, w)| (start..start + w + 3).contains(&x))
    })
}

/// The Pros & Cons view's contender columns side by side in `area` (the
/// body less its padding): each column's cells, its right border included
/// (all but the last have one), and the text inside it.
pub fn pros_columns(area: Rect, n: usize) -> Vec<(Rect, Rect)> {
    use ratatui::layout::{Constraint, Layout};
    let n = n.max(1) as u32;
    let rects = Layout::horizontal((0..n).map(|_| Constraint::Ratio(1, n))).split(area);
    let last = rects.len().saturating_sub(1);
    rects
        .iter()
        .enumerate()
        .map(|(i, &rect)| {
            let mut r = rect;
            if i > 0 {
                r = Rect {
                    x: r.x + 1,
                    width: r.width.saturating_sub(1),
                    ..r
                };
            }
            let text = if i < last {
                // A border on the right, and a cell of padding before it.
                Rect {
                    width: r.width.saturating_sub(2),
                    ..r
                }
            } else {
                r
            };
            (rect, text)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::{Constraint, Layout};

    /// The splits agree with ratatui's solver wherever the constraints can be met.
    #[test]
    fn splits_match_ratatui_layout() {
        for h in 0..60 {
            for y in [0, 3] {
                let area = Rect::new(2, y, 50, h);
                let want: [Rect; 3] = Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Min(0),
                    Constraint::Length(1),
                ])
                .areas(area);
                if h >= 2 {
                    assert_eq!(frame(area), want, "height {h}");
                }
                for n in (0..=h).step_by(4) {
                    let want: [Rect; 2] =
                        Layout::vertical([Constraint::Min(0), Constraint::Length(n)]).areas(area);
                    assert_eq!(split_bottom(area, n), want, "height {h}, n {n}");
                }
            }
        }
        for w in (0..160).step_by(7) {
            let area = Rect::new(5, 1, w, 30);
            for n in (0..=w).step_by(5) {
                let left: [Rect; 2] =
                    Layout::horizontal([Constraint::Length(n), Constraint::Min(0)]).areas(area);
                let right: [Rect; 2] =
                    Layout::horizontal([Constraint::Min(0), Constraint::Length(n)]).areas(area);
                assert_eq!(split_left(area, n), left, "width {w}, n {n}");
                assert_eq!(split_right(area, n), right, "width {w}, n {n}");
            }
        }
    }

    #[test]
    fn grid_columns_tile_the_grid() {
        let widths = [10, 4, 7];
        assert_eq!(grid_column(&widths, 0), Some((0, 2, 10)));
        assert_eq!(grid_column(&widths, 1), Some((13, 15, 4)));
        assert_eq!(grid_column(&widths, 2), Some((20, 22, 7)));
        assert_eq!(grid_column(&widths, 3), None);
        assert_eq!(grid_column_at(&widths, 0), Some(0));
        assert_eq!(grid_column_at(&widths, 12), Some(0));
        assert_eq!(grid_column_at(&widths, 13), Some(1));
        assert_eq!(grid_column_at(&widths, 29), Some(2));
        assert_eq!(grid_column_at(&widths, 30), None);
        assert_eq!(grid_column_at(&[], 0), None);
    }

    #[test]
    fn splits_never_leave_the_area() {
        let area = Rect::new(1, 1, 3, 1);
        let [a, b] = split_left(area, 10);
        assert_eq!((a.width, b.width, b.x), (3, 0, 4));
        let [a, b] = split_bottom(area, 5);
        assert_eq!((a.height, b.height, b.y), (0, 1, 1));
        assert_eq!(frame(area).map(|r| r.height), [1, 0, 0]);
    }
}
