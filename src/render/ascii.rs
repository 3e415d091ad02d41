//! ASCII mode: text for a terminal that expects only ASCII (`--ascii`, or a
//! locale that is not UTF-8).
//!
//! Two steps, both here. The document (paragraphs, headings, tables, code)
//! goes through [`text`] before it is wrapped, so typographic punctuation
//! gets its usual ASCII spelling (`—` as `--`, `…` as `...`) and the layout
//! is measured on what will be shown. Everything else (the program's own
//! borders, arrows and marks, and any article text a view shows outside the
//! document) is caught cell by cell by [`cell`] when the screen is encoded,
//! where a glyph must keep its width. Together they make every byte on the
//! wire ASCII.
//!
//! Written by hand rather than with a transliteration crate (`deunicode`):
//! those spell `漢` as `Han ` and `é` as `e`, changing widths the layout has
//! already fixed, and the issue asks for `?` for what has no ASCII form.

use super::wrap::char_width;
use std::borrow::Cow;

/// The ASCII for one character of one cell, when it has one.
fn one(c: char) -> Option<char> {
    Some(match c {
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => ' ',
        '‘' | '’' | '‚' | '‛' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '─' | '━' | '╌' | '╍' | '┄' | '┈' => {
            '-'
        }
        '═' => '=',
        '│' | '┃' | '║' | '╎' | '┆' | '┊' | '¦' => '|',
        '┌'..='╋' | '╒'..='╬' | '╭'..='╰' => '+',
        '•' | '●' | '◦' | '∙' | '⁃' | '▪' | '■' => '*',
        '·' | '…' => '.',
        '←' | '◂' | '◀' | '‹' => '<',
        '→' | '▸' | '▶' | '►' | '›' => '>',
        '↑' | '▴' | '▲' => '^',
        '↓' | '▾' | '▼' => 'v',
        '█' | '▓' | '▒' | '░' | '▉' | '▊' | '▋' | '▌' | '▍' | '▎' | '▏' => {
            '#'
        }
        '✓' | '✔' => 'v',
        '✗' | '✘' | '×' => 'x',
        '⚠' => '!',
        '©' => 'c',
        '®' => 'r',
        _ => return None,
    })
}

/// The ASCII spelling of one character in running text (may be longer
/// than the character is wide, as `—` → `--`; width 0 → nothing).
fn spell(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    match c {
        '—' | '―' => out.push_str("--"),
        '…' => out.push_str("..."),
        '©' => out.push_str("(c)"),
        '®' => out.push_str("(R)"),
        '™' => out.push_str("(TM)"),
        '½' => out.push_str("1/2"),
        '±' => out.push_str("+/-"),
        '€' => out.push_str("EUR"),
        '→' => out.push_str("->"),
        '←' => out.push_str("<-"),
        '⇒' => out.push_str("=>"),
        '≤' => out.push_str("<="),
        '≥' => out.push_str(">="),
        '≠' => out.push_str("!="),
        // A combining mark or another zero-width character: dropped.
        _ if char_width(c) == 0 => {}
        _ => match one(c) {
            Some(a) => out.push(a),
            None => {
                for _ in 0..char_width(c) {
                    out.push('?');
                }
            }
        },
    }
}

/// Running text in ASCII: typographic punctuation spelled out, anything
/// else as `?` (two for a wide character), combining marks dropped.
pub fn text(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        spell(c, &mut out);
    }
    Cow::Owned(out)
}

/// Text already laid out, in ASCII without changing its width: each
/// character as [`cell`] shows it, combining marks dropped (`--print`'s
/// last step in ASCII mode, for what was not spelled before layout).
pub fn narrow(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        match (one(c), char_width(c)) {
            (_, 0) => {}
            (Some(a), 1) => out.push(a),
            (_, w) => out.extend(std::iter::repeat_n('?', w)),
        }
    }
    Cow::Owned(out)
}

/// What a cell holding `symbol` shows in ASCII: `width` characters (the
/// columns it covers), a one-column equivalent when there is one, else `?`s.
/// Returns `None` when the symbol is ASCII already.
pub fn cell(symbol: &str, width: u16) -> Option<&'static str> {
    if symbol.is_ascii() {
        return None;
    }
    const QS: &str = "????????";
    let mut chars = symbol.chars();
    let first = chars.next()?;
    if width == 1 {
        // A base character with combining marks counts as the base.
        if let Some(a) = one(first) {
            return Some(ascii_str(a));
        }
        if first.is_ascii() {
            return Some(ascii_str(first));
        }
    }
    Some(&QS[..usize::from(width.clamp(1, 8))])
}

/// A `&'static str` of one ASCII character.
fn ascii_str(c: char) -> &'static str {
    const ALL: &str = "\0\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\x7f";
    let i = c as usize;
    if c.is_ascii_graphic() || c == ' ' {
        &ALL[i..i + 1]
    } else {
        "?"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::wrap::str_width;

    #[test]
    fn typography_gets_its_ascii_spelling() {
        assert_eq!(
            text("It’s “quoted” — a–b … • x\u{a0}y"),
            "It's \"quoted\" -- a-b ... * x y"
        );
        assert_eq!(text("plain"), "plain");
        assert!(matches!(text("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn other_characters_keep_their_width_as_question_marks() {
        for s in [
            "漢字 かな",
            "😀 party",
            "Café ünï",
            "e\u{301}t\u{e9}",
            "Ω ß ∑",
        ] {
            let a = text(s);
            assert!(a.is_ascii(), "{a}");
            assert_eq!(str_width(&a), str_width(s), "{s} -> {a}");
        }
        assert_eq!(text("漢a"), "??a");
        assert_eq!(text("e\u{301}"), "e");
        for s in ["It’s “x” — a…", "漢字 😀", "e\u{301}"] {
            let n = narrow(s);
            assert!(n.is_ascii());
            assert_eq!(str_width(&n), str_width(s), "{s} -> {n}");
        }
        assert_eq!(narrow("a—b…"), "a-b.");
    }

    #[test]
    fn cells_keep_their_width() {
        assert_eq!(cell("a", 1), None);
        assert_eq!(cell("─", 1), Some("-"));
        assert_eq!(cell("┼", 1), Some("+"));
        assert_eq!(cell("│", 1), Some("|"));
        assert_eq!(cell("→", 1), Some(">"));
        assert_eq!(cell("—", 1), Some("-"));
        assert_eq!(cell("·", 1), Some("."));
        assert_eq!(cell("漢", 2), Some("??"));
        assert_eq!(cell("😀", 2), Some("??"));
        assert_eq!(cell("é", 1), Some("?"));
        assert_eq!(cell("e\u{301}", 1), Some("e"));
    }
}
