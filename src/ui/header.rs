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
    // A title that is itself "A vs B", or starts with it, does not say it twice.
    .or_else(|| Some(a.versus_line()).filter(|s| !s.is_empty() && !starts_with_words(&title, s)))
    // Nor a section heading that is the title in other case or spacing.
    .filter(|s| !(starts_with_words(&title, s) && starts_with_words(s, &title)))
    .unwrap_or_default();
    let width = usize::from(area.width);
    let right_w = str_width(&right).min(width / 2);
    let right = truncate(&right, right_w, t.glyphs.ellipsis);
    let left_room = match str_width(&right) {
        0 => width.saturating_sub(2),
        w => width.saturating_sub(w + 3),
    };
    let title = truncate(&title, left_room, t.glyphs.ellipsis);
    let gap = width.saturating_sub(1 + str_width(&title) + str_width(&right) + 1);
    let line = Line::from(vec![
        Span::raw(" "),
        Span::styled(title, t.bold()),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, t.accent()),
        Span::raw(" "),
    ]);
    buf.set_line(area.x, area.y, &line, area.width);
}

/// `title` starts with the words of `s`, whatever the case, spacing and
/// punctuation after a word ("Django vs Flask: Which ..." and "Django vs Flask").
fn starts_with_words(title: &str, s: &str) -> bool {
    let words = |s: &str| {
        s.split_whitespace()
            .map(|w| {
                w.trim_end_matches([':', ',', ';', '.', '?', '!', '—', '-'])
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
    };
    let (t, s) = (words(title), words(s));
    !s.is_empty() && t.starts_with(&s)
}

#[cfg(test)]
mod tests {
    use super::starts_with_words;

    #[test]
    fn a_title_starting_with_the_versus_line_is_not_repeated() {
        let t = "Django vs Flask: Which Python Web Framework Should You Choose?";
        assert!(starts_with_words(t, "Django vs Flask"));
        assert!(starts_with_words("rust VS  go vs zig", "Rust vs Go vs Zig"));
        assert!(!starts_with_words(
            "Django vs Flask",
            "Django vs Flask vs Pyramid"
        ));
        assert!(!starts_with_words("Why Django vs Flask", "Django vs Flask"));
        assert!(!starts_with_words("Django", ""));
    }
}
