//! Removes every character that a terminal could take as a control sequence.
//!
//! Article text is untrusted. Stripping happens once, in the parser, so no
//! output path (TUI, `--print`, `--json`) can leak an escape sequence.

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

/// Normalises line endings (CRLF and lone CR become LF) and removes forbidden characters.
pub fn clean(s: &str, removed: &mut Removed) -> String {
    if !s.chars().any(|c| c == '\r' || is_forbidden(c)) {
        return s.to_string();
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
    out
}

/// Cleans text that came out of the markdown parser (entities such as `&#27;`
/// decode to control characters) and expands tabs, which terminals would interpret.
pub fn clean_inline(s: &str, removed: &mut Removed) -> String {
    let s = clean(s, removed);
    if s.contains('\t') {
        s.replace('\t', "    ")
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
    fn inline_expands_tabs() {
        let mut r = Removed::default();
        assert_eq!(clean_inline("a\tb", &mut r), "a    b");
    }
}
