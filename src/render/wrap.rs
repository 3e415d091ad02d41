//! Word wrapping of styled text by display width (CJK and emoji take two cells).

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn str_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// Wraps styled pieces into lines at most `width` cells wide. Words longer
/// than a line are broken; `\n` forces a break; whitespace runs collapse at
/// line ends. Always returns at least one (possibly empty) line.
pub fn wrap(pieces: &[(&str, Style)], width: usize) -> Vec<Vec<Span<'static>>> {
    let width = width.max(1);
    let mut lines: Vec<Vec<Span<'static>>> = Vec::new();
    let mut line = LineBuf::default();
    // Pending word: (text, style) runs without whitespace.
    let mut word: Vec<(String, Style)> = Vec::new();
    let mut word_w = 0;
    let mut pending_space: Option<Style> = None;

    for &(text, style) in pieces {
        for c in text.chars() {
            if c == '\n' || c.is_whitespace() {
                flush_word(
                    &mut lines,
                    &mut line,
                    &mut word,
                    &mut word_w,
                    &mut pending_space,
                    width,
                );
                if c == '\n' {
                    lines.push(line.take());
                    pending_space = None;
                } else if line.width > 0 {
                    pending_space = Some(style);
                }
                continue;
            }
            let cw = char_width(c);
            if word_w + cw > width {
                // A word wider than a whole line: emit what fits.
                flush_word(
                    &mut lines,
                    &mut line,
                    &mut word,
                    &mut word_w,
                    &mut pending_space,
                    width,
                );
            }
            match word.last_mut() {
                Some((s, st)) if *st == style => s.push(c),
                _ => word.push((c.to_string(), style)),
            }
            word_w += cw;
        }
    }
    flush_word(
        &mut lines,
        &mut line,
        &mut word,
        &mut word_w,
        &mut pending_space,
        width,
    );
    if line.width > 0 || lines.is_empty() {
        lines.push(line.take());
    }
    lines
}

#[derive(Default)]
struct LineBuf {
    spans: Vec<Span<'static>>,
    width: usize,
}

impl LineBuf {
    fn push(&mut self, text: &str, style: Style, w: usize) {
        match self.spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.spans.push(Span::styled(text.to_string(), style)),
        }
        self.width += w;
    }

    fn take(&mut self) -> Vec<Span<'static>> {
        self.width = 0;
        std::mem::take(&mut self.spans)
    }
}

fn flush_word(
    lines: &mut Vec<Vec<Span<'static>>>,
    line: &mut LineBuf,
    word: &mut Vec<(String, Style)>,
    word_w: &mut usize,
    space: &mut Option<Style>,
    width: usize,
) {
    if word.is_empty() {
        return;
    }
    let space_w = usize::from(space.is_some() && line.width > 0);
    if line.width > 0 && line.width + space_w + *word_w > width {
        lines.push(line.take());
        *space = None;
    }
    if let Some(st) = space.take()
        && line.width > 0
    {
        line.push(" ", st, 1);
    }
    for (s, st) in word.drain(..) {
        line.push(&s, st, str_width(&s));
    }
    *word_w = 0;
}

/// Cuts `s` to at most `width` cells, adding `…` when something was cut.
pub fn truncate(s: &str, width: usize, ellipsis: &str) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(str_width(ellipsis));
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw > room {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width >= str_width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Vec<Span<'static>>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_word_boundaries() {
        let l = wrap(&[("the quick brown fox jumps", Style::default())], 10);
        assert_eq!(plain(&l), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn breaks_overlong_words_and_keeps_every_char() {
        let l = wrap(&[("abcdefghij", Style::default())], 4);
        assert_eq!(plain(&l), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn respects_double_width_chars() {
        let l = wrap(&[("日本語のテキスト", Style::default())], 5);
        assert!(plain(&l).iter().all(|s| str_width(s) <= 5));
        assert_eq!(plain(&l).concat(), "日本語のテキスト");
    }

    #[test]
    fn keeps_styles_and_hard_breaks() {
        let bold = Style::default().add_modifier(ratatui::style::Modifier::BOLD);
        let l = wrap(&[("Bold:", bold), (" rest\nnext", Style::default())], 40);
        assert_eq!(plain(&l), ["Bold: rest", "next"]);
        assert_eq!(l[0][0].style, bold);
    }

    #[test]
    fn empty_text_gives_one_empty_line() {
        assert_eq!(wrap(&[], 10).len(), 1);
    }

    #[test]
    fn truncate_adds_ellipsis() {
        assert_eq!(truncate("Django vs Flask", 8, "…"), "Django …");
        assert_eq!(truncate("ab", 8, "…"), "ab");
    }
}
