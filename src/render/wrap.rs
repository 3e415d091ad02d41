//! Word wrapping of styled text by display width (CJK and emoji take two cells).

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_width::UnicodeWidthChar;

pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn str_width(s: &str) -> usize {
    // Printable ASCII is one cell a byte: the common case, measured fast.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.len();
    }
    s.chars().map(char_width).sum()
}

/// Wraps styled pieces into lines at most `width` cells wide. Words longer
/// than a line are broken; `\n` forces a break; whitespace runs collapse at
/// line ends. Always returns at least one (possibly empty) line.
pub fn wrap(pieces: &[(&str, Style)], width: usize) -> Vec<Vec<Span<'static>>> {
    let mut w = Wrapper {
        width: width.max(1),
        lines: Vec::new(),
        line: Vec::new(),
        line_w: 0,
        word: Vec::new(),
        word_w: 0,
        space: None,
    };
    for &(text, style) in pieces {
        for c in text.chars() {
            if c.is_whitespace() {
                w.flush_word();
                if c == '\n' {
                    w.break_line();
                    w.space = None;
                } else if w.line_w > 0 {
                    w.space = Some(style);
                }
                continue;
            }
            let cw = char_width(c);
            if w.word_w + cw > w.width {
                // A word wider than a whole line: emit what fits.
                w.flush_word();
            }
            match w.word.last_mut() {
                Some((s, st)) if *st == style => s.push(c),
                _ => w.word.push((c.to_string(), style)),
            }
            w.word_w += cw;
        }
    }
    w.flush_word();
    if w.line_w > 0 || w.lines.is_empty() {
        w.break_line();
    }
    w.lines
}

struct Wrapper {
    width: usize,
    lines: Vec<Vec<Span<'static>>>,
    line: Vec<Span<'static>>,
    line_w: usize,
    /// The word being read: (text, style) runs without whitespace.
    word: Vec<(String, Style)>,
    word_w: usize,
    /// A space owed before the next word, with the style it was typed in.
    space: Option<Style>,
}

impl Wrapper {
    fn push(&mut self, text: &str, style: Style, w: usize) {
        match self.line.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.line.push(Span::styled(text.to_string(), style)),
        }
        self.line_w += w;
    }

    fn break_line(&mut self) {
        self.line_w = 0;
        self.lines.push(std::mem::take(&mut self.line));
    }

    fn flush_word(&mut self) {
        if self.word.is_empty() {
            return;
        }
        let space_w = usize::from(self.space.is_some() && self.line_w > 0);
        if self.line_w > 0 && self.line_w + space_w + self.word_w > self.width {
            self.break_line();
            self.space = None;
        }
        if let Some(st) = self.space.take()
            && self.line_w > 0
        {
            self.push(" ", st, 1);
        }
        for (s, st) in std::mem::take(&mut self.word) {
            self.push(&s, st, str_width(&s));
        }
        self.word_w = 0;
    }
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
