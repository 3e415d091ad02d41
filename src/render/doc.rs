//! The article as styled lines, one block at a time, so a view only lays out
//! what it shows (a 10 MB article is never wrapped as a whole).

use super::find::find_all;
use super::grid::{self, table_lines};
use super::theme::LINK_TAGS;
use super::theme::Theme;
use super::wrap::{char_width, str_width, wrap};
use crate::article::{Article, Block, BlockKind, Link, Span as MSpan, Spans};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::borrow::Cow;

/// Widest text column: long lines are hard to read.
pub const MAX_MEASURE: usize = 100;

/// Number of layout items: an optional front-matter header, then every block.
pub fn item_count(a: &Article) -> usize {
    a.blocks.len() + usize::from(has_meta(a))
}

fn has_meta(a: &Article) -> bool {
    a.meta.description.is_some() || !a.meta.keywords.is_empty() || !a.warnings.is_empty()
}

/// The block an item shows (`None` for the front-matter header).
pub fn block_of(a: &Article, item: usize) -> Option<usize> {
    if has_meta(a) {
        item.checked_sub(1)
    } else {
        Some(item)
    }
}

/// The item that shows block `b`.
pub fn item_of_block(a: &Article, b: usize) -> usize {
    b + usize::from(has_meta(a))
}

/// Lays out one item at `width` cells, with its trailing spacing.
pub fn item_lines(a: &Article, item: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let width = width.clamp(1, MAX_MEASURE);
    match block_of(a, item) {
        None => meta_lines(a, width, theme),
        Some(b) => {
            let mut lines = block_lines(a, b, width, theme);
            if !tight_with_next(a, b) {
                lines.push(Line::default());
            }
            lines
        }
    }
}

/// The article's text as this theme shows it: in ASCII mode with its
/// typographic punctuation spelled in ASCII before it is measured
/// ([`super::ascii::text`]).
pub fn spelled<'a>(s: &'a str, theme: &Theme) -> Cow<'a, str> {
    if theme.glyphs.ascii {
        super::ascii::text(s)
    } else {
        Cow::Borrowed(s)
    }
}

fn meta_lines(a: &Article, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    // Parse warnings come first: the reader should know what could not be read.
    for w in &a.warnings {
        let mark = if theme.glyphs.ascii { "! " } else { "⚠ " };
        let w = spelled(w, theme);
        let pieces = [(mark, theme.warning()), (&*w, theme.warning())];
        out.extend(wrap(&pieces, width).into_iter().map(Line::from));
    }
    if let Some(d) = &a.meta.description {
        out.extend(
            wrap(&[(&spelled(d, theme), theme.italic())], width)
                .into_iter()
                .map(Line::from),
        );
    }
    if !a.meta.keywords.is_empty() {
        let kw = a.meta.keywords.join(", ");
        let kw = spelled(&kw, theme);
        let pieces = [
            ("Keywords: ", theme.dim().add_modifier(Modifier::BOLD)),
            (&*kw, theme.dim()),
        ];
        out.extend(wrap(&pieces, width).into_iter().map(Line::from));
    }
    out.push(Line::default());
    out
}

/// List items that follow each other are not separated by a blank line.
fn tight_with_next(a: &Article, b: usize) -> bool {
    let cur = &a.blocks[b];
    match a.blocks.get(b + 1) {
        Some(next) => {
            cur.depth > 0
                && next.depth > 0
                && next.marker.is_some()
                && !matches!(cur.kind, BlockKind::Table(_))
        }
        None => false,
    }
}

pub fn span_style(s: &MSpan, theme: &Theme) -> Style {
    let mut st = Style::new();
    if s.style.code {
        st = st.patch(theme.code());
    }
    if s.style.link {
        st = st.patch(theme.link());
    }
    if s.style.bold {
        st = st.add_modifier(Modifier::BOLD);
    }
    if s.style.italic {
        st = st.add_modifier(Modifier::ITALIC);
    }
    if s.style.strike {
        st = st.add_modifier(Modifier::CROSSED_OUT);
    }
    st
}

/// The indentation and quote bars in front of a block's lines: (first line, the others).
fn prefixes(
    block: &Block,
    width: usize,
    theme: &Theme,
) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let g = &theme.glyphs;
    let mut first = Vec::new();
    // Deep nesting is shown up to a point: past it the text would have no room.
    let quote = usize::from(block.quote).min(width / 8);
    if quote > 0 {
        let bars = format!("{} ", g.quote).repeat(quote);
        first.push(Span::styled(bars, theme.dim()));
    }
    let mut rest = first.clone();
    if block.depth > 0 {
        let indent = "  ".repeat(usize::from(block.depth - 1).min(width / 6));
        match &block.marker {
            Some(m) => {
                let mark = match m.number() {
                    Some(n) => format!("{indent}{n}. "),
                    None => format!("{indent}{} ", g.bullet),
                };
                let pad = " ".repeat(str_width(&mark));
                first.push(Span::styled(mark, theme.accent()));
                rest.push(Span::raw(pad));
            }
            None => {
                let pad = format!("{indent}  ");
                first.push(Span::raw(pad.clone()));
                rest.push(Span::raw(pad));
            }
        }
    }
    (first, rest)
}

fn prefixed(
    body: Vec<Vec<Span<'static>>>,
    first: &[Span<'static>],
    rest: &[Span<'static>],
) -> Vec<Line<'static>> {
    body.into_iter()
        .enumerate()
        .map(|(i, l)| {
            let mut spans = if i == 0 {
                first.to_vec()
            } else {
                rest.to_vec()
            };
            spans.extend(l);
            Line::from(spans)
        })
        .collect()
}

fn spans_width(s: &[Span<'_>]) -> usize {
    s.iter().map(|s| str_width(&s.content)).sum()
}

pub fn block_lines(a: &Article, b: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let block = &a.blocks[b];
    let (first, rest) = prefixes(block, width, theme);
    let inner = width
        .saturating_sub(spans_width(&rest).max(spans_width(&first)))
        .max(1);
    match &block.kind {
        BlockKind::Heading { level, spans, .. } => {
            let st = theme.heading(*level);
            let texts: Vec<Cow<str>> = spans.iter().map(|s| spelled(s.text, theme)).collect();
            let pieces: Vec<(&str, Style)> = spans
                .iter()
                .zip(&texts)
                .map(|(s, t)| (&**t, st.patch(span_style(&s, theme))))
                .collect();
            let mut body = wrap(&pieces, inner);
            // Without colour, top headings need a mark of their own to stand out.
            if !theme.color && *level <= 2 {
                let w = body.iter().map(|l| spans_width(l)).max().unwrap_or(0);
                let ch = match (level, theme.glyphs.ascii) {
                    (1, false) => "═",
                    (1, true) => "=",
                    (_, false) => "─",
                    (_, true) => "-",
                };
                body.push(vec![Span::raw(ch.repeat(w))]);
            }
            prefixed(body, &first, &rest)
        }
        BlockKind::Para(spans) => {
            let links = spans.links();
            let texts: Vec<(Cow<str>, Style)> = if links.is_empty() {
                spans
                    .iter()
                    .map(|s| (spelled(s.text, theme), span_style(&s, theme)))
                    .collect()
            } else {
                link_pieces(spans, &links, theme)
            };
            let pieces: Vec<(&str, Style)> = texts.iter().map(|(t, s)| (&**t, *s)).collect();
            prefixed(wrap(&pieces, inner), &first, &rest)
        }
        BlockKind::Code(code) => {
            let inner = inner.saturating_sub(2).max(1);
            let mut body = Vec::new();
            for line in spelled(code, theme).split('\n') {
                for piece in break_chars(line, inner) {
                    body.push(vec![
                        Span::raw("  "),
                        Span::styled(piece, theme.code_block()),
                    ]);
                }
            }
            prefixed(body, &first, &rest)
        }
        BlockKind::Rule => {
            let n = inner.min(40);
            prefixed(
                vec![vec![Span::styled(theme.glyphs.rule.repeat(n), theme.dim())]],
                &first,
                &rest,
            )
        }
        BlockKind::Table(t) => {
            let body = table_lines(&a.tables[*t], inner, theme)
                .into_iter()
                .map(|l| l.spans)
                .collect();
            prefixed(body, &rest, &rest)
        }
    }
}

/// A paragraph's pieces with its links marked: the link style, and a tag
/// ([`LINK_TAGS`], even and odd links apart) so the screen can find each
/// link's cells; brackets around it where colour cannot mark it. The
/// targets are left out, or with `theme.urls` shown after the words (not
/// for a place in the article).
fn link_pieces<'a>(spans: &'a Spans, links: &[Link], theme: &Theme) -> Vec<(Cow<'a, str>, Style)> {
    let text = spans.text();
    // An image's `[image: alt]` is bracketed already.
    let bracketed = |l: &Link| {
        let t = &text[l.start..l.end];
        t.starts_with('[') && t.ends_with(']')
    };
    let brackets = theme.link_brackets();
    let mut out: Vec<(Cow<'a, str>, Style)> = Vec::new();
    let mut li = 0;
    let mut off = 0;
    for run in spans.iter() {
        let end = off + run.text.len();
        if run.style.target {
            // The target of link `li - 1`, just closed.
            let external = li > 0 && links.get(li - 1).is_some_and(|l| l.anchor().is_none());
            if theme.urls && external {
                out.push((spelled(run.text, theme), Style::new()));
            }
            off = end;
            continue;
        }
        let st = span_style(&run, theme);
        let mut at = off;
        while at < end {
            let piece = |from: usize, to: usize| spelled(&run.text[from - off..to - off], theme);
            match links.get(li) {
                Some(l) if l.start <= at => {
                    let link_st = match theme.urls {
                        true => st.patch(theme.link()),
                        false => st.patch(theme.link()).add_modifier(LINK_TAGS[li % 2]),
                    };
                    let brackets = brackets && !bracketed(l);
                    if brackets && at == l.start {
                        out.push((Cow::Borrowed("["), link_st));
                    }
                    let to = l.end.min(end);
                    out.push((piece(at, to), link_st));
                    at = to;
                    if at == l.end {
                        if brackets {
                            out.push((Cow::Borrowed("]"), link_st));
                        }
                        li += 1;
                    }
                }
                Some(l) => {
                    let to = l.start.min(end);
                    out.push((piece(at, to), st));
                    at = to;
                }
                None => {
                    out.push((piece(at, end), st));
                    at = end;
                }
            }
        }
        off = end;
    }
    out
}

/// How table block `b` is drawn in an item `width` wide (`None`: not a table).
pub fn table_shape(a: &Article, b: usize, width: usize, theme: &Theme) -> Option<grid::Shape> {
    let block = a.blocks.get(b)?;
    let BlockKind::Table(t) = &block.kind else {
        return None;
    };
    Some(grid::shape(&a.tables[*t], table_inner(block, width, theme)))
}

fn table_inner(block: &Block, width: usize, theme: &Theme) -> usize {
    let width = width.clamp(1, MAX_MEASURE);
    let (first, rest) = prefixes(block, width, theme);
    width
        .saturating_sub(spans_width(&rest).max(spans_width(&first)))
        .max(1)
}

/// One part of table block `b`: the lines above its rows (`row` is `None`)
/// or row `row`. The parts of a table, in order, are the lines
/// [`item_lines`] gives for the whole block, so a long table is laid out only
/// where it is shown.
pub fn table_part_lines(
    a: &Article,
    b: usize,
    row: Option<usize>,
    shape: &grid::Shape,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let block = &a.blocks[b];
    let BlockKind::Table(t) = &block.kind else {
        return Vec::new();
    };
    let table = &a.tables[*t];
    let inner = table_inner(block, width, theme);
    let (_, rest) = prefixes(block, width.clamp(1, MAX_MEASURE), theme);
    let body = match row {
        None => grid::head_part(table, shape, theme),
        Some(r) => grid::row_part(table, shape, r, inner, theme),
    };
    let mut lines = prefixed(body.into_iter().map(|l| l.spans).collect(), &rest, &rest);
    if row.is_some_and(|r| r + 1 == table.rows.len()) && !tight_with_next(a, b) {
        lines.push(Line::default());
    }
    lines
}

/// Splits a line of code into pieces of at most `width` cells, keeping every character.
fn break_chars(line: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut w = 0;
    for c in line.chars() {
        let cw = char_width(c);
        if w + cw > width && w > 0 {
            out.push(String::new());
            w = 0;
        }
        if let Some(last) = out.last_mut() {
            last.push(c);
        }
        w += cw;
    }
    out
}

/// Restyles every case-insensitive occurrence of `query` in `line`.
pub fn highlight(line: Line<'static>, query: &str, style: Style) -> Line<'static> {
    if query.is_empty() {
        return line;
    }
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    let ranges = find_all(&text, query);
    if ranges.is_empty() {
        return line;
    }
    let mut out = Vec::new();
    let mut pos = 0;
    for span in line.spans {
        let start = pos;
        let end = pos + span.content.len();
        pos = end;
        let mut cut = start;
        for &(ms, me) in &ranges {
            let (s, e) = (ms.max(start), me.min(end));
            if s >= e {
                continue;
            }
            if s > cut {
                out.push(Span::styled(text[cut..s].to_string(), span.style));
            }
            out.push(Span::styled(
                text[s..e].to_string(),
                span.style.patch(style),
            ));
            cut = e;
        }
        if cut < end {
            out.push(Span::styled(text[cut..end].to_string(), span.style));
        }
    }
    Line::from(out)
}

/// Plain text of a line.
pub fn line_text(l: &Line<'_>) -> String {
    l.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_splits_spans() {
        let l = Line::from(vec![Span::raw("Django "), Span::raw("vs Flask")]);
        let st = Style::new().add_modifier(Modifier::REVERSED);
        let h = highlight(l, "go vs", st);
        let parts: Vec<(&str, bool)> = h
            .spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == st))
            .collect();
        assert_eq!(
            parts,
            [
                ("Djan", false),
                ("go ", true),
                ("vs", true),
                (" Flask", false)
            ]
        );
    }

    #[test]
    fn bundled_lists_have_markers_and_fit() {
        let a = crate::article::bundled();
        let t = Theme::new(false, false);
        let mut all = Vec::new();
        for i in 0..item_count(&a) {
            for l in item_lines(&a, i, 60, &t) {
                assert!(str_width(&line_text(&l)) <= 60, "{}", line_text(&l));
                all.push(line_text(&l));
            }
        }
        assert!(
            all.iter()
                .any(|l| l.starts_with("• Batteries Included: Includes")),
            "{all:#?}"
        );
        assert!(
            all.iter()
                .any(|l| l.starts_with("1. Comprehensive Framework:"))
        );
        assert!(all[0].starts_with("A detailed comparison"));
    }
}
