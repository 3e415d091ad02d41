//! Removes every character that a terminal could take as a control sequence.
//!
//! Article text is untrusted. Stripping happens once, in the parser, so no
//! output path (TUI, `--print`, `--json`) can leak an escape sequence.

use std::borrow::Cow;

/// Counts of removed characters, by kind, for one warning per kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    pub escape: usize,
    pub other_c0: usize,
    pub delete: usize,
    pub c1: usize,
    pub bidi: usize,
}

impl Removed {
    pub fn total(&self) -> usize {
        self.escape + self.other_c0 + self.delete + self.c1 + self.bidi
    }

    /// One warning line per kind found.
    pub fn warnings(&self) -> Vec<String> {
        let kinds = [
            (self.escape, "escape (ESC)"),
            (self.other_c0, "control (C0)"),
            (self.delete, "delete (DEL)"),
            (self.c1, "C1 control"),
            (self.bidi, "bidirectional override"),
        ];
        kinds
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| {
                let s = if *n == 1 { "" } else { "s" };
                format!("removed {n} {what} character{s}")
            })
            .collect()
    }
}

fn kind(c: char) -> Option<fn(&mut Removed) -> &mut usize> {
    match c {
        '\n' | '\t' => None,
        '\u{1b}' => Some(|r| &mut r.escape),
        '\u{0}'..='\u{1f}' => Some(|r| &mut r.other_c0),
        '\u{7f}' => Some(|r| &mut r.delete),
        '\u{80}'..='\u{9f}' => Some(|r| &mut r.c1),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(|r| &mut r.bidi),
        _ => None,
    }
}

/// True when `c` must never reach a terminal (newline and tab are laid out by callers).
pub fn is_forbidden(c: char) -> bool {
    kind(c).is_some()
}

/// True when `s` holds a carriage return, a forbidden character, or (with
/// `tab`) a tab. Every forbidden character's UTF-8 form starts with a byte
/// below 0x20, 0x7F, 0xC2 (U+0080–U+009F) or 0xE2 (the bidi controls), so
/// blocks of 64 bytes are first tested for those bytes alone (a loop the
/// compiler vectorises), and only a block with a hit is looked at closely.
fn needs_cleaning(s: &str, tab: bool) -> bool {
    let b = s.as_bytes();
    let suspect = |c: u8| (c < 0x20) & (c != b'\n') | (c == 0x7f) | (c == 0xc2) | (c == 0xe2);
    let mut start = 0;
    for chunk in b.chunks(64) {
        if chunk.iter().fold(false, |acc, &c| acc | suspect(c)) {
            for i in start..start + chunk.len() {
                if forbidden_at(b, i, tab) {
                    return true;
                }
            }
        }
        start += chunk.len();
    }
    false
}

/// The exact test behind [`needs_cleaning`] for the character starting at byte `i`.
fn forbidden_at(b: &[u8], i: usize, tab: bool) -> bool {
    match b[i] {
        b'\n' => false,
        b'\t' => tab,
        0..=0x1f | 0x7f => true,
        0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
        0xe2 => matches!(
            (b.get(i + 1), b.get(i + 2)),
            (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    }
}

/// Normalises line endings (CRLF and lone CR become LF) and removes forbidden characters.
/// Borrows `s` when there is nothing to change.
pub fn clean<'a>(s: &'a str, removed: &mut Removed) -> Cow<'a, str> {
    if !needs_cleaning(s, false) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() != Some(&'\n') {
                out.push('\n');
            }
            continue;
        }
        match kind(c) {
            Some(counter) => *counter(removed) += 1,
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A name from outside the article (a path, a parser's message) made safe to
/// show on one line: forbidden characters, line breaks and tabs become `?`,
/// as `ls` shows them. Nothing is counted: this is not article text.
pub fn visible(s: &str) -> Cow<'_, str> {
    let bad = |c: char| c == '\r' || c == '\n' || c == '\t' || is_forbidden(c);
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().map(|c| if bad(c) { '?' } else { c }).collect())
}

/// Cleans text that came out of the markdown parser (entities such as `&#27;`
/// decode to control characters) and expands tabs, which terminals would interpret.
pub fn clean_inline<'a>(s: &'a str, removed: &mut Removed) -> Cow<'a, str> {
    if !needs_cleaning(s, true) {
        return Cow::Borrowed(s);
    }
    let s = clean(s, removed);
    if s.contains('\t') {
        Cow::Owned(s.replace('\t', "    "))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_every_kind_and_counts_it() {
        let mut r = Removed::default();
        let s = clean(
            "a\u{1b}[31mb\u{7}c\u{7f}d\u{9b}e\u{202e}f\r\ng\rh\ti",
            &mut r,
        );
        assert_eq!(s, "a[31mbcdef\ng\nh\ti");
        assert_eq!(
            r,
            Removed {
                escape: 1,
                other_c0: 1,
                delete: 1,
                c1: 1,
                bidi: 1
            }
        );
        assert_eq!(r.warnings().len(), 5);
        assert_eq!(r.warnings()[0], "removed 1 escape (ESC) character");
    }

    #[test]
    fn clean_text_is_untouched() {
        let mut r = Removed::default();
        assert_eq!(
            clean("Django — “vs” Flask ✅", &mut r),
            "Django — “vs” Flask ✅"
        );
        assert_eq!(r.total(), 0);
    }

    #[test]
    fn the_fast_scan_agrees_with_the_character_test() {
        // Every character around the suspect bytes, at every offset in a 64-byte block.
        let samples = [
            '\u{0}', '\u{1f}', '\r', '\n', '\t', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}', '©',
            '\u{2029}', '\u{202a}', '\u{202e}', '\u{202f}', '\u{2065}', '\u{2066}', '\u{2069}',
            '\u{206a}', '—', '’', 'é', 'a',
        ];
        for c in samples {
            for pad in [0, 1, 61, 62, 63, 64, 65, 130] {
                let s = format!("{}{c}x", "a".repeat(pad));
                let slow = |tab: bool| {
                    s.chars()
                        .any(|c| c == '\r' || is_forbidden(c) || (tab && c == '\t'))
                };
                assert_eq!(needs_cleaning(&s, false), slow(false), "{c:?} at {pad}");
                assert_eq!(needs_cleaning(&s, true), slow(true), "{c:?} at {pad}");
            }
        }
    }

    #[test]
    fn visible_replaces_controls_and_breaks() {
        assert_eq!(visible("a\u{1b}]0;x\u{7}\nb\u{202e}.md"), "a?]0;x??b?.md");
        assert!(matches!(visible("plain — ok.md"), Cow::Borrowed(_)));
    }

    #[test]
    fn inline_expands_tabs() {
        let mut r = Removed::default();
        assert_eq!(clean_inline("a\tb", &mut r), "a    b");
    }
}
