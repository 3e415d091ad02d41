//! Chunked feeding: where a long body can be cut into pieces that
//! pulldown-cmark reads exactly as it reads the whole.

/// Pieces of at least this many bytes are worth parsing on their own.
pub(super) const CHUNK: usize = 64 * 1024;

/// `body` cut into pieces that pulldown-cmark reads exactly as it reads the
/// whole: each cut falls before an ATX heading at column 0 that follows a
/// blank line outside a fenced code block, where every block before it has
/// ended. A document with link reference definitions (a use may sit in another
/// piece) or HTML blocks that a blank line does not end (comments, `<pre>`,
/// `<script>`, …) is read whole.
pub(super) fn chunks(body: &str) -> impl Iterator<Item = &str> {
    Chunks {
        body,
        cuts: cuts(body),
        i: 0,
    }
}

/// Where [`chunks`] cuts `body`: none when it is read whole.
pub(super) fn cuts(body: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    if body.len() > 2 * CHUNK && !body.contains("]:") {
        let mut fence: Option<(u8, usize)> = None;
        let mut blank_before = true;
        // The list marker of the line before, when it is a top-level item.
        let mut prev_marker: Option<u8> = None;
        // Where the run of one-line items the line is in began: only a list
        // longer than a chunk is cut (the detectors read lists whole).
        let mut list_start = 0;
        let mut last = 0;
        let mut at = 0;
        for line in body.split_inclusive('\n') {
            let start = at;
            at += line.len();
            // Set again below only on the paths that do not `continue`.
            let prev = prev_marker.take();
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            let blank = rest.trim().is_empty();
            if fence.is_none() && html_not_ended_by_blank(line.trim_start_matches([' ', '\t', '>']))
            {
                return Vec::new();
            }
            if indent <= 3 {
                let b = rest.as_bytes();
                if let Some((c, n)) = fence {
                    let run = b.iter().take_while(|&&x| x == c).count();
                    if run >= n && rest[run..].trim().is_empty() {
                        fence = None;
                    }
                    blank_before = false;
                    continue;
                }
                if let Some(&c) = b.first()
                    && (c == b'`' || c == b'~')
                {
                    let run = b.iter().take_while(|&&x| x == c).count();
                    if run >= 3 && (c == b'~' || !rest[run..].contains('`')) {
                        fence = Some((c, run));
                        blank_before = false;
                        continue;
                    }
                }
                if indent == 0 && start - last >= CHUNK {
                    // Before a heading after a blank line, or between two
                    // one-line items at the top level of a tight list longer
                    // than a chunk (read as several lists of the same items:
                    // the same blocks, markers and numbers).
                    let marker = list_marker(rest);
                    if (blank_before && atx_heading(rest))
                        || (marker.is_some_and(|m| Some(m) == prev) && start - list_start >= CHUNK)
                    {
                        cuts.push(start);
                        last = start;
                    }
                }
                prev_marker = if indent == 0 { list_marker(rest) } else { None };
                if prev.is_none() || prev_marker != prev {
                    list_start = start;
                }
            } else if fence.is_some() {
                blank_before = false;
                continue;
            }
            blank_before = blank;
        }
    }
    cuts
}

pub(super) struct Chunks<'a> {
    pub(super) body: &'a str,
    pub(super) cuts: Vec<usize>,
    pub(super) i: usize,
}

impl<'a> Iterator for Chunks<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        if self.i > self.cuts.len() {
            return None;
        }
        let start = if self.i == 0 {
            0
        } else {
            self.cuts[self.i - 1]
        };
        let end = self.cuts.get(self.i).copied().unwrap_or(self.body.len());
        self.i += 1;
        Some(&self.body[start..end])
    }
}

/// The marker's kind (`-`, `*`, `+`, or `.`/`)` after digits) when `line`
/// starts a list item with text on the same line.
pub(super) fn list_marker(line: &str) -> Option<u8> {
    let b = line.as_bytes();
    let (kind, after) = match b.first()? {
        c @ (b'-' | b'*' | b'+') => (*c, 1),
        b'0'..=b'9' => {
            let n = b.iter().take_while(|c| c.is_ascii_digit()).count();
            match b.get(n) {
                Some(c @ (b'.' | b')')) if n <= 9 => (*c, n + 1),
                _ => return None,
            }
        }
        _ => return None,
    };
    // A space, then text that is not a thematic break (`- - -`, `* * *`).
    let text = line[after..].strip_prefix(' ')?.trim();
    let rule = text.chars().all(|c| c == char::from(kind) || c == ' ');
    (!text.is_empty() && !rule).then_some(kind)
}

/// `#` to `######` then a space, a tab or the line's end.
pub(super) fn atx_heading(line: &str) -> bool {
    let n = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&n)
        && matches!(
            line.as_bytes().get(n),
            None | Some(b' ' | b'\t' | b'\n' | b'\r')
        )
}

/// HTML blocks of kinds 1 to 5, which run to an end marker rather than a blank line.
pub(super) fn html_not_ended_by_blank(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('<') else {
        return false;
    };
    if rest.starts_with(['!', '?']) {
        return true;
    }
    let head: String = rest
        .chars()
        .take(9)
        .collect::<String>()
        .to_ascii_lowercase();
    ["script", "pre", "style", "textarea"]
        .iter()
        .any(|t| head.starts_with(t))
}
