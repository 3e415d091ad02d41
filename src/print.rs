//! `--print`: the article as readable text for pipes, files and dumb terminals.

use crate::article::{Article, BlockKind, Item};
use crate::render::ansi::line_to_string;
use crate::render::doc::{block_of, item_count, item_lines, table_part_lines, table_shape};
use crate::render::theme::Theme;
use crate::render::wrap::wrap;
use ratatui::text::{Line, Span};

/// Every line of the printed article, one at a time: the document, then
/// each contender's pros and cons. Blank lines at the end included.
fn each_line(a: &Article, width: usize, theme: &Theme, mut emit: impl FnMut(Line<'static>)) {
    let width = width.max(20);
    for i in 0..item_count(a) {
        // A long table is laid out row by row, never whole.
        let rows = block_of(a, i).and_then(|b| match a.blocks[b].kind {
            BlockKind::Table(t) if !a.tables[t].rows.is_empty() => {
                Some((b, a.tables[t].rows.len(), table_shape(a, b, width, theme)?))
            }
            _ => None,
        });
        match rows {
            Some((b, rows, shape)) => {
                for r in std::iter::once(None).chain((0..rows).map(Some)) {
                    table_part_lines(a, b, r, &shape, width, theme)
                        .into_iter()
                        .for_each(&mut emit);
                }
            }
            None => item_lines(a, i, width, theme)
                .into_iter()
                .for_each(&mut emit),
        }
    }
    let mut out = Vec::new();
    let with_items: Vec<_> = a
        .contenders
        .iter()
        .filter(|c| !c.pros.is_empty() || !c.cons.is_empty())
        .collect();
    if !with_items.is_empty() {
        push_wrapped(
            &mut out,
            "Pros and cons by contender",
            theme.heading(2),
            width,
        );
        out.push(Line::default());
        for c in with_items {
            push_wrapped(&mut out, &c.name, theme.heading(3), width);
            push_items(
                &mut out,
                &c.pros,
                theme.glyphs.pro,
                theme.pro(),
                width,
                theme,
            );
            push_items(
                &mut out,
                &c.cons,
                theme.glyphs.con,
                theme.con(),
                width,
                theme,
            );
            out.push(Line::default());
            out.drain(..).for_each(&mut emit);
        }
    }
    out.into_iter().for_each(emit);
}

/// Writes the printed article line by line, without its trailing blank lines.
pub fn write_to(
    a: &Article,
    width: usize,
    theme: &Theme,
    w: &mut impl std::io::Write,
) -> std::io::Result<()> {
    // Blank lines wait until a line with text follows them.
    let mut blank: Vec<String> = Vec::new();
    let mut res = Ok(());
    each_line(a, width, theme, |l| {
        if res.is_err() {
            return;
        }
        let s = line_to_string(&l, theme.color);
        // The document was spelled in ASCII before layout; the rest keeps its width.
        let s = match theme.glyphs.ascii {
            true => crate::render::ascii::narrow(&s).into_owned(),
            false => s,
        };
        if l.spans.iter().all(|s| s.content.trim().is_empty()) {
            blank.push(s);
            return;
        }
        res = blank
            .drain(..)
            .chain(std::iter::once(s))
            .try_for_each(|s| writeln!(w, "{s}"));
    });
    res
}

/// One text in one style, wrapped to `width`.
fn push_wrapped(out: &mut Vec<Line<'static>>, text: &str, st: ratatui::style::Style, width: usize) {
    out.extend(wrap(&[(text, st)], width).into_iter().map(Line::from));
}

fn push_items(
    out: &mut Vec<Line<'static>>,
    items: &[Item],
    mark: &str,
    st: ratatui::style::Style,
    width: usize,
    theme: &Theme,
) {
    for item in items {
        let mut pieces = Vec::new();
        let title;
        if let Some(t) = &item.title {
            title = format!("{t}: ");
            pieces.push((title.as_str(), theme.bold()));
        }
        pieces.push((item.text.as_str(), ratatui::style::Style::new()));
        for (i, l) in wrap(&pieces, width.saturating_sub(4))
            .into_iter()
            .enumerate()
        {
            let lead = if i == 0 {
                Span::styled(format!("  {mark} "), st)
            } else {
                Span::raw("    ")
            };
            let mut spans = vec![lead];
            spans.extend(l);
            out.push(Line::from(spans));
        }
    }
}

/// The printed article as one string.
pub fn render(a: &Article, width: usize, theme: &Theme) -> String {
    let mut out = Vec::new();
    let _ = write_to(a, width, theme, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
