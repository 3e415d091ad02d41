//! The top line: the article's title, and the contenders (or, with the
//! outline hidden, the current section).

use crate::app::{App, View};
use crate::render::wrap::{str_width, truncate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let a = &app.article;
    let t = &app.theme;
    let title = a
        .title
        .clone()
        .or_else(|| a.meta.title.clone())
        .unwrap_or_else(|| a.source.clone());
    let right = if app.view == View::Read && app.read_panes().0.is_none() {
        a.sections
            .get(app.current_section())
            .map(|s| s.title.clone())
            .filter(|s| !s.is_empty() && Some(s) != a.title.as_ref())
    } else {
        None
    }
    .or_else(|| Some(a.versus_line()).filter(|s| !s.is_empty()))
    // A title that is itself "A vs B" is not said twice.
    .filter(|s| !same_words(s, &title))
    .unwrap_or_default();
    // How the contenders were found, when not from the title: "from the table".
    let note = if !right.is_empty() && right == a.versus_line() && !a.found_by_note().is_empty() {
        format!(" ({})", a.found_by_note())
    } else {
        String::new()
    };
    let width = usize::from(area.width);
    let right_w = str_width(&right).min(width / 2);
    let right = truncate(&right, right_w, t.glyphs.ellipsis);
    let note = if str_width(&right) + str_width(&note) + 3 < width / 2 + width / 4 {
        note
    } else {
        String::new()
    };
    let left_room = width.saturating_sub(str_width(&right) + str_width(&note) + 3);
    let title = truncate(&title, left_room, t.glyphs.ellipsis);
    let gap =
        width.saturating_sub(1 + str_width(&title) + str_width(&right) + str_width(&note) + 1);
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(title, t.bold()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, t.accent()),
        Span::styled(note, t.dim()),
        Span::raw(" "),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}

/// The same words, whatever the case and spacing.
fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}
