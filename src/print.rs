//! `--print`: the article as readable text for pipes, files and dumb terminals.

use crate::article::{Article, Item};
use crate::render::ansi::line_to_string;
use crate::render::doc::{item_count, item_lines};
use crate::render::theme::Theme;
use crate::render::wrap::wrap;
use ratatui::text::{Line, Span};

/// Every line of the printed article: the document, then each contender's pros and cons.
pub fn lines(a: &Article, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let width = width.max(20);
    let mut out = Vec::new();
    for i in 0..item_count(a) {
        out.extend(item_lines(a, i, width, theme));
    }
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
        }
    }
    while out
        .last()
        .is_some_and(|l| l.spans.iter().all(|s| s.content.trim().is_empty()))
    {
        out.pop();
    }
    out
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
    let mut s = String::new();
    for l in lines(a, width, theme) {
        s.push_str(&line_to_string(&l, theme.color));
        s.push('\n');
    }
    s
}
