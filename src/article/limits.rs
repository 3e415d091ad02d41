//! Limits on what reaches the parsers that are not linear in their input.
//!
//! serde_yaml expands aliases by copying and is quadratic on deeply nested
//! flow collections; pulldown-cmark is quadratic in the number of container
//! markers (`> `, `- `, `1. `) opening one line; the contender detectors are
//! quadratic in a table's columns. Each is bounded here, before the parser
//! sees the text, by a named constant; what is cut is named in a warning and
//! the rest of the article is shown. (README, "Safety", lists them with the
//! worst cases measured.)

use std::borrow::Cow;

/// Front matter larger than this is not parsed (a warning names it; the
/// body is still shown). Real front matter is a few hundred bytes.
pub const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;

/// Front matter nested deeper than this (flow `[`/`{`, block indentation
/// and `- - -` on one line, counted together) is not parsed.
pub const MAX_FRONT_MATTER_DEPTH: usize = 64;

/// What YAML aliases may add to the front matter, in bytes of text: one
/// large scalar behind many aliases is refused past this.
pub const MAX_YAML_ALIAS_BYTES: usize = 1024 * 1024;

/// Container markers opening one line past this many are read as text.
pub const MAX_CONTAINER_DEPTH: usize = 100;

/// Table columns past this many are dropped.
pub const MAX_TABLE_COLUMNS: usize = 64;

/// A code block longer than this many lines is kept as several blocks of
/// this many (drawn without a gap between them), so no stage lays out
/// millions of lines at once.
pub const MAX_CODE_BLOCK_LINES: usize = 1000;

/// Combining marks (zero-width characters) kept after one base character;
/// more would make a single cell as large as the frame.
pub const MAX_COMBINING_MARKS: usize = 16;

/// The deepest nesting in a front-matter block, counted without parsing it:
/// flow brackets outside quotes and comments, plus the indentation levels
/// open and the `- ` / `? ` markers that start the line. An over-estimate
/// is harmless (the limit is far above real front matter).
pub fn front_matter_depth(text: &str) -> usize {
    let mut deepest = 0;
    let mut flow: usize = 0;
    let mut indents: Vec<usize> = Vec::new();
    for line in text.lines() {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = &line[indent..];
        if flow == 0 && !rest.is_empty() && !rest.starts_with('#') {
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last().is_none_or(|&i| i < indent) {
                indents.push(indent);
            }
        }
        let mut dashes = 0;
        let mut r = rest;
        while let Some(t) = r
            .strip_prefix("- ")
            .or_else(|| r.strip_prefix("? "))
            .or_else(|| r.strip_prefix("-\t"))
        {
            dashes += 1;
            r = t.trim_start_matches([' ', '\t']);
        }
        let mut quote: Option<char> = None;
        for c in rest.chars() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow += 1;
                    deepest = deepest.max(indents.len() + dashes + flow);
                }
                (None, ']' | '}') => flow = flow.saturating_sub(1),
                _ => {}
            }
        }
        deepest = deepest.max(indents.len() + dashes + flow);
    }
    deepest
}

/// Cuts the rows of tables wider than [`MAX_TABLE_COLUMNS`] after that
/// many cells, before pulldown-cmark builds its tree of them (a tree node
/// per cell: a 2,000-column table would cost about 50 times its size).
/// A table is a delimiter row (`|---|:--|`) with the line before it and
/// the lines after it up to a blank one, outside fenced code. Counts the
/// tables cut.
pub fn cap_table_columns<'a>(body: &'a str, tables: &mut usize) -> Cow<'a, str> {
    let wide = |l: &str| memchr::memchr_iter(b'|', l.as_bytes()).count() > MAX_TABLE_COLUMNS;
    // Most articles have no line that wide at all.
    if !body.split('\n').any(wide) {
        return Cow::Borrowed(body);
    }
    let lines: Vec<&str> = body.split_inclusive('\n').collect();
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<(u8, usize)> = None;
    let mut in_table = false;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let t = line.trim_start_matches(' ');
        let indent = line.len() - t.len();
        if indent <= 3 {
            let b = t.as_bytes();
            let run = |c: u8| b.iter().take_while(|&&x| x == c).count();
            match fence {
                Some((c, n)) if run(c) >= n && t[run(c)..].trim().is_empty() => fence = None,
                None if matches!(b.first(), Some(b'`' | b'~')) && run(b[0]) >= 3 => {
                    fence = Some((b[0], run(b[0])));
                }
                _ => {}
            }
        }
        if fence.is_some() || t.trim().is_empty() {
            in_table = false;
        } else if !in_table
            && i + 1 < lines.len()
            && delimiter_row(lines[i + 1])
            && wide(lines[i + 1])
        {
            in_table = true;
            *tables += 1;
        }
        if in_table {
            let kept = cut_cells(line);
            out.push_str(kept);
            if kept.len() < line.len() && line.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// A table's delimiter row: pipes, dashes, colons and blanks, a dash at least.
fn delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains('|')
        && t.bytes()
            .all(|c| matches!(c, b'|' | b'-' | b':' | b' ' | b'\t'))
}

/// `line` (a table row) up to the end of its [`MAX_TABLE_COLUMNS`]th cell
/// (without its newline), or all of it when it has fewer; unescaped pipes separate cells, a leading one does not.
fn cut_cells(line: &str) -> &str {
    let b = line.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    let start = if b.get(lead) == Some(&b'|') {
        lead + 1
    } else {
        lead
    };
    let mut cells = 0;
    for i in start..b.len() {
        if b[i] == b'|' && b[i - 1] != b'\\' {
            cells += 1;
            if cells == MAX_TABLE_COLUMNS {
                return &line[..=i];
            }
        }
    }
    line
}

/// Rewrites the lines of `body` that open more than
/// [`MAX_CONTAINER_DEPTH`] containers: the marker past the limit gets a
/// backslash, so it and what follows are text. Counts the lines changed.
pub fn cap_container_depth<'a>(body: &'a str, lines: &mut usize) -> Cow<'a, str> {
    // A line needs at least this many bytes to open that many containers
    // (`>` alone is one byte), so most lines are skipped by length.
    let mut out: Option<String> = None;
    let mut done = 0;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let start = at;
        at += line.len();
        if line.len() <= MAX_CONTAINER_DEPTH {
            continue;
        }
        if let Some(cut) = past_limit(line) {
            let o = out.get_or_insert_with(|| String::with_capacity(body.len() + 64));
            o.push_str(&body[done..start + cut]);
            o.push('\\');
            done = start + cut;
            *lines += 1;
        }
    }
    match out {
        None => Cow::Borrowed(body),
        Some(mut o) => {
            o.push_str(&body[done..]);
            Cow::Owned(o)
        }
    }
}

/// Where in `line` the container marker past the limit starts (the byte
/// to escape), if the line opens that many.
fn past_limit(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = 0;
    let mut n = 0;
    loop {
        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
            i += 1;
        }
        let marker_end = match b.get(i) {
            Some(b'>') => Some((i, i + 1)),
            Some(b'-' | b'+' | b'*') if matches!(b.get(i + 1), Some(b' ' | b'\t')) => {
                Some((i, i + 1))
            }
            Some(b'0'..=b'9') => {
                let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
                let d = i + digits;
                (digits <= 9
                    && matches!(b.get(d), Some(b'.' | b')'))
                    && matches!(b.get(d + 1), Some(b' ' | b'\t')))
                .then_some((d, d + 1))
            }
            _ => None,
        };
        let (escape_at, next) = marker_end?;
        if n == MAX_CONTAINER_DEPTH {
            return Some(escape_at);
        }
        n += 1;
        i = next;
    }
}

/// True for characters drawn on top of the one before (width zero and not
/// a control): combining marks, variation selectors, joiners.
fn zero_width(c: char) -> bool {
    !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(0)
}

/// Keeps at most [`MAX_COMBINING_MARKS`] zero-width characters in a row;
/// counts those dropped. Text without a long run is borrowed: runs are
/// looked for only in blocks of 64 bytes that are not all ASCII.
pub fn cap_combining<'a>(s: &'a str, dropped: &mut usize) -> Cow<'a, str> {
    if !has_long_run(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run = 0;
    for c in s.chars() {
        if zero_width(c) {
            run += 1;
            if run > MAX_COMBINING_MARKS {
                *dropped += 1;
                continue;
            }
        } else {
            run = 0;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

fn has_long_run(s: &str) -> bool {
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        // An ASCII block ends any run (ASCII has no zero-width characters
        // here: controls are removed before).
        if b[i].is_ascii() && i % 64 == 0 && b.len() - i >= 64 && b[i..i + 64].is_ascii() {
            run = 0;
            i += 64;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if zero_width(c) {
            run += 1;
            if run > MAX_COMBINING_MARKS {
                return true;
            }
        } else {
            run = 0;
        }
        i += c.len_utf8();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_depth_counts_flow_indent_and_dashes() {
        assert_eq!(front_matter_depth("title: A\nkeywords: [a, b]\n"), 2);
        assert_eq!(front_matter_depth(&format!("x: {}", "[".repeat(200))), 201);
        assert_eq!(front_matter_depth("a: \"[[[[\" # [[[\n"), 1);
        let nested: String = (0..80)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect();
        assert_eq!(front_matter_depth(&nested), 80);
        assert_eq!(front_matter_depth(&format!("{}x\n", "- ".repeat(70))), 71);
    }

    #[test]
    fn container_depth_is_capped_at_the_marker_past_the_limit() {
        let ok = format!("{}quote\n", "> ".repeat(MAX_CONTAINER_DEPTH));
        let mut n = 0;
        assert!(matches!(cap_container_depth(&ok, &mut n), Cow::Borrowed(_)));
        let deep = format!("a\n\n{}{}x\n", "> ".repeat(60), "- ".repeat(60));
        let capped = cap_container_depth(&deep, &mut n);
        assert_eq!(n, 1);
        let expected = format!(
            "a\n\n{}{}\\- {}x\n",
            "> ".repeat(60),
            "- ".repeat(40),
            "- ".repeat(19)
        );
        assert_eq!(capped, expected);
        let ordered = format!("{}12. x\n", "1. ".repeat(MAX_CONTAINER_DEPTH));
        assert!(cap_container_depth(&ordered, &mut n).ends_with("12\\. x\n"));
    }

    #[test]
    fn wide_tables_are_cut_before_the_parser() {
        let n = MAX_TABLE_COLUMNS + 10;
        let row = |p: &str| {
            (0..n)
                .map(|i| format!("{p}{i}"))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let table = format!(
            "| {} |\n|{}|\n| {} |\n",
            row("h"),
            vec!["---"; n].join("|"),
            row("v")
        );
        let src = format!("text | with | pipes\n\n{table}\n```\n{table}```\n");
        let mut t = 0;
        let out = cap_table_columns(&src, &mut t);
        assert_eq!(t, 1);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "text | with | pipes");
        let last = MAX_TABLE_COLUMNS - 1;
        assert!(lines[2].ends_with(&format!("h{last} |")), "{}", lines[2]);
        assert!(lines[4].ends_with(&format!("v{last} |")));
        // The same table in a fence is code, left whole.
        assert!(out.contains(&table));
        let a = crate::article::parse::parse(&src, "wide.md");
        assert_eq!(a.tables[0].columns.len(), MAX_TABLE_COLUMNS);
        assert!(
            a.warnings.iter().any(|w| w.contains("MAX_TABLE_COLUMNS")),
            "{:?}",
            a.warnings
        );
    }

    #[test]
    fn combining_marks_are_capped_per_base() {
        let zalgo = format!("a{}b{}", "\u{301}".repeat(40), "\u{302}".repeat(3));
        let mut d = 0;
        let s = cap_combining(&zalgo, &mut d);
        assert_eq!(d, 40 - MAX_COMBINING_MARKS);
        assert_eq!(
            s.chars().filter(|&c| c == '\u{301}').count(),
            MAX_COMBINING_MARKS
        );
        assert!(s.ends_with("b\u{302}\u{302}\u{302}"));
        // Emoji sequences and plain text are untouched.
        let fine = "👨\u{200d}👩\u{200d}👧 é ".repeat(50) + &"x".repeat(200);
        assert!(matches!(cap_combining(&fine, &mut d), Cow::Borrowed(_)));
    }
}
