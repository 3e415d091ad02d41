//! Word wrapping of styled text by display width (CJK and emoji take two cells).

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
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
    let mut lines = Lines::default();
    wrap_into(pieces, width, &mut lines);
    lines.done
}

/// How many lines [`wrap`] gives `text`, counted without making them (the
/// Pros & Cons view measures a 10 MB article's columns this way).
pub fn wrap_height(text: &str, width: usize) -> usize {
    let width = width.max(1);
    // No character is wider than its UTF-8 bytes: a short text is one line.
    if text.len() <= width && !text.as_bytes().contains(&b'\n') {
        return 1;
    }
    plain_height(text, width).unwrap_or_else(|| {
        let mut count = Count(0);
        wrap_into(&[(text, Style::new())], width, &mut count);
        count.0
    })
}

/// [`wrap_height`] for plain text (most text): lines of printable ASCII
/// words with single spaces between them, where a line is as wide as it is
/// long. `None` for any other text.
fn plain_height(text: &str, width: usize) -> Option<usize> {
    let t = text.as_bytes();
    // No early exits: these checks then run over many bytes at a time.
    let (printable, breaks) = t.iter().fold((true, false), |(ok, any), &b| {
        let brk = b == b'\n';
        (ok & ((b' '..=b'~').contains(&b) | brk), any | brk)
    });
    if !printable {
        return None;
    }
    if !breaks {
        return row_height(text, width).map(|n| n.max(1));
    }
    let mut lines = 0;
    let mut rows = text.split('\n').peekable();
    while let Some(row) = rows.next() {
        let n = row_height(row, width)?;
        // A line break ends a line, an empty one too.
        lines += if rows.peek().is_some() { n.max(1) } else { n };
    }
    Some(lines.max(1))
}

/// The lines a row of printable ASCII takes, if its words have single spaces between them.
fn row_height(row: &str, width: usize) -> Option<usize> {
    // Spaces at the start or end of a line take no room.
    let row = row.trim_matches(' ');
    (!row.contains("  ")).then(|| single_spaced_height(row.as_bytes(), width))
}

/// The lines that words with single spaces between them take, a line at a
/// time, looking only at where each one ends.
fn single_spaced_height(t: &[u8], width: usize) -> usize {
    let mut lines = 0;
    let mut p = 0;
    while p < t.len() {
        lines += 1;
        let end = p + width;
        if end >= t.len() {
            break;
        }
        p = if t[end] == b' ' {
            // The line is full up to a word's end.
            end + 1
        } else {
            match last_space(t, p, end) {
                // It ends before the word that would not fit.
                Some(s) => s + 1,
                // A word wider than the line is cut.
                None => end,
            }
        };
    }
    lines
}

/// Where the last space in `t[from..end]` is.
fn last_space(t: &[u8], from: usize, end: usize) -> Option<usize> {
    // Eight bytes at a time from the end (a word is seldom longer): a byte
    // of `x` is zero where `t` has a space; `zeros` has the top bit of each
    // such byte set, exactly (no carries between bytes).
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut e = end;
    while e >= from + 8 {
        let bytes: [u8; 8] = t[e - 8..e].try_into().expect("eight bytes");
        let x = u64::from_le_bytes(bytes) ^ 0x2020_2020_2020_2020;
        let zeros = !((x & LOW).wrapping_add(LOW) | x | LOW);
        if zeros != 0 {
            // The highest such byte is the last space.
            return Some(e - 1 - zeros.leading_zeros() as usize / 8);
        }
        e -= 8;
    }
    t[from..e]
        .iter()
        .rposition(|&b| b == b' ')
        .map(|s| from + s)
}

/// Where wrapped text goes: the lines themselves, or only how many there are.
trait Sink {
    /// `c` joins the word being read.
    fn word_char(&mut self, _c: char, _style: Style) {}
    /// A space joins the line, before the word.
    fn space(&mut self, _style: Style) {}
    /// The word read so far joins the line.
    fn word(&mut self) {}
    /// The line ends.
    fn break_line(&mut self);
}

#[derive(Default)]
struct Lines {
    done: Vec<Vec<Span<'static>>>,
    line: Vec<Span<'static>>,
    /// The word being read: (text, style) runs without whitespace.
    word: Vec<(String, Style)>,
}

impl Lines {
    fn push(&mut self, text: &str, style: Style) {
        match self.line.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => self.line.push(Span::styled(text.to_string(), style)),
        }
    }
}

impl Sink for Lines {
    fn word_char(&mut self, c: char, style: Style) {
        match self.word.last_mut() {
            Some((s, st)) if *st == style => s.push(c),
            _ => self.word.push((c.to_string(), style)),
        }
    }

    fn space(&mut self, style: Style) {
        self.push(" ", style);
    }

    fn word(&mut self) {
        for (s, st) in std::mem::take(&mut self.word) {
            self.push(&s, st);
        }
    }

    fn break_line(&mut self) {
        self.done.push(std::mem::take(&mut self.line));
    }
}

struct Count(usize);

impl Sink for Count {
    fn break_line(&mut self) {
        self.0 += 1;
    }
}

/// The wrapping itself, by widths only: the sink gets the text.
fn wrap_into(pieces: &[(&str, Style)], width: usize, sink: &mut impl Sink) {
    let mut w = Wrapper {
        width: width.max(1),
        lines: 0,
        line_w: 0,
        in_word: false,
        word_w: 0,
        space: None,
    };
    for &(text, style) in pieces {
        // A word longer than a line breaks between grapheme clusters, never
        // inside one: an emoji joined with ZWJ, a flag, a letter and its
        // accents stay together.
        // (ASCII text, nearly all of it, is one cluster a byte.)
        let clusters: Box<dyn Iterator<Item = &str>> = if text.is_ascii() {
            Box::new((0..text.len()).map(|i| &text[i..=i]))
        } else {
            Box::new(text.graphemes(true))
        };
        for g in clusters {
            let mut chars = g.chars();
            let c = chars.next().unwrap_or(' ');
            if chars.as_str().is_empty() && c.is_whitespace() {
                w.flush_word(sink);
                if c == '\n' {
                    w.break_line(sink);
                    w.space = None;
                } else if w.line_w > 0 {
                    w.space = Some(style);
                }
                continue;
            }
            let cw: usize = g.chars().map(char_width).sum();
            if w.word_w + cw > w.width && cw > 0 {
                // A word wider than a whole line: emit what fits.
                w.flush_word(sink);
            }
            for c in g.chars() {
                sink.word_char(c, style);
            }
            w.in_word = true;
            w.word_w += cw;
        }
    }
    w.flush_word(sink);
    if w.line_w > 0 || w.lines == 0 {
        w.break_line(sink);
    }
}

struct Wrapper {
    width: usize,
    lines: usize,
    line_w: usize,
    /// A word is being read (it may be zero cells wide).
    in_word: bool,
    word_w: usize,
    /// A space owed before the next word, with the style it was typed in.
    space: Option<Style>,
}

impl Wrapper {
    fn break_line(&mut self, sink: &mut impl Sink) {
        self.line_w = 0;
        self.lines += 1;
        sink.break_line();
    }

    fn flush_word(&mut self, sink: &mut impl Sink) {
        if !self.in_word {
            return;
        }
        let space_w = usize::from(self.space.is_some() && self.line_w > 0);
        if self.line_w > 0 && self.line_w + space_w + self.word_w > self.width {
            self.break_line(sink);
            self.space = None;
        }
        if let Some(st) = self.space.take()
            && self.line_w > 0
        {
            sink.space(st);
            self.line_w += 1;
        }
        sink.word();
        self.line_w += self.word_w;
        self.in_word = false;
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
    fn long_words_break_between_grapheme_clusters() {
        let family = "👨\u{200d}👩\u{200d}👧";
        let word = format!("{family}{family}e\u{301}🇫🇷");
        for width in 1..12 {
            let lines = plain(&wrap(&[(&word, Style::new())], width));
            assert_eq!(lines.concat(), word, "nothing lost at {width}");
            for l in &lines {
                // No line starts or ends inside a cluster.
                assert!(
                    !l.starts_with('\u{200d}') && !l.ends_with('\u{200d}'),
                    "{width}: {lines:?}"
                );
                assert!(!l.starts_with('\u{301}'), "{width}: {lines:?}");
                assert_ne!(
                    l.chars()
                        .filter(|&c| ('\u{1f1e6}'..='\u{1f1ff}').contains(&c))
                        .count(),
                    1,
                    "{width}: {lines:?}"
                );
            }
        }
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
    fn height_is_the_count_of_wrapped_lines() {
        for (text, w) in [
            ("", 10),
            ("the quick brown fox jumps", 10),
            ("abcdefghij", 4),
            ("日本語のテキスト", 5),
            ("wide 日 at one cell", 1),
            ("a\n\nb  \n", 3),
            ("zero\u{301}\u{200b} width \u{301}", 4),
        ] {
            let lines = wrap(&[(text, Style::default())], w);
            assert_eq!(wrap_height(text, w), lines.len(), "{text:?} at {w}");
        }
    }

    #[test]
    fn last_space_is_found_in_any_of_eight_bytes() {
        // '!' is a space plus one: no carry from a space may make it look like one.
        let t = b"a !!!!!!!!! !!!!!!!b";
        let spaces: Vec<usize> = (0..t.len()).filter(|&i| t[i] == b' ').collect();
        for from in 0..t.len() {
            for end in from..=t.len() {
                let want = spaces
                    .iter()
                    .rev()
                    .find(|&&s| s >= from && s < end)
                    .copied();
                assert_eq!(last_space(t, from, end), want, "{from}..{end}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn height_matches_wrap_on_plain_words(
            words in proptest::collection::vec("[!-~]{1,12}", 0..20),
            seps in proptest::collection::vec(
                proptest::sample::select(vec![" ", " ", " ", " ", "\n", "\n  - ", " \n", "\n\n", "  "]),
                21,
            ),
            w in 0usize..30,
        ) {
            // Words mostly one space apart: the counting that jumps a line at a time.
            let mut text = seps[0].to_string();
            for (word, sep) in words.iter().zip(&seps[1..]) {
                text.push_str(word);
                text.push_str(sep);
            }
            let lines = wrap(&[(text.as_str(), Style::default())], w);
            proptest::prop_assert_eq!(wrap_height(&text, w), lines.len(), "{:?}", text);
        }

        #[test]
        fn height_matches_wrap(text in "([a-z]{0,12}|[ \n\t\r]{1,3}|[!-~]{1,5}|日本|\u{301}|\u{1}|x{20,70}){0,30}", w in 0usize..30) {
            let lines = wrap(&[(text.as_str(), Style::default())], w);
            proptest::prop_assert_eq!(wrap_height(&text, w), lines.len());
        }
    }

    #[test]
    fn truncate_adds_ellipsis() {
        assert_eq!(truncate("Django vs Flask", 8, "…"), "Django …");
        assert_eq!(truncate("ab", 8, "…"), "ab");
    }
}
