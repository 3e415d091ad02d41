//! Where each pane sits: shared by `update` (page sizes, mouse hits) and drawing.

use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the program shows "terminal too small" instead of its views.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
/// From this width on the outline is shown beside the content by default:
/// there the content pane still gets a full text measure
/// ([`crate::render::doc::MAX_MEASURE`]) beside it. Narrower, the header shows
/// the current section and `o` brings the outline back. A side pane also
/// costs bytes on every scroll: the terminal's scrolling moves whole rows, so
/// the outline's rows must be sent again after each line (about 500 bytes at
/// 120x40 against under 100 without it).
pub const OUTLINE_AUTO_WIDTH: u16 = 140;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

/// Header line, body, footer line.
pub fn frame(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

pub fn body(area: Rect) -> Rect {
    frame(area)[1]
}

/// The Read view's outline (when shown) and content panes.
pub fn read_panes(body: Rect, outline: bool) -> (Option<Rect>, Rect) {
    if !outline {
        return (None, body);
    }
    let w = (body.width * 28 / 100).clamp(18, 36);
    let [o, c] = Layout::horizontal([Constraint::Length(w), Constraint::Min(0)]).areas(body);
    (Some(o), c)
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
