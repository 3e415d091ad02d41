//! The Decide view's questions as styled lines: block and group headings,
//! a checkbox per criterion, pro or con, a feature row with each contender's
//! value, and the cursor's detail. The state, the cache of laid-out
//! questions, scrolling and `update` stay in [`crate::app::decide`].

use crate::article::Article;
use crate::decision::{self, Answers, Block, Question};
use crate::render::theme::Theme;
use crate::render::wrap::{str_width, wrap};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;

/// What the questions' lines show of one reader's Decide state.
pub struct Asked<'a> {
    /// The questions in the order shown.
    pub shown: &'a [Question],
    pub answers: &'a Answers,
    /// Blind mode: criteria do not name their contender.
    pub blind: bool,
}

impl Asked<'_> {
    /// Where `block`'s questions are in `shown` (grouped by block in both orders).
    pub fn block_range(&self, block: Block) -> Range<usize> {
        block_range(self.shown, block)
    }
}

/// Where `block`'s questions are in `shown`, which is grouped by block.
pub fn block_range(shown: &[Question], block: Block) -> Range<usize> {
    shown.partition_point(|q| q.block() < block)..shown.partition_point(|q| q.block() <= block)
}

/// One question laid out without the cursor: the blank line and the block's
/// heading when it is its block's first, a group heading when a contender's
/// pros or cons start, then the question itself.
pub struct Piece {
    pub lines: Vec<Line<'static>>,
    /// The blank line before a block, outside the question's span (0 or 1 lines).
    pub gap: usize,
    /// The question's own label (highlighted under the cursor).
    pub label: Range<usize>,
    /// A table row's value lines, one range per contender (for clicks).
    pub picks: Vec<Range<usize>>,
}

/// Wraps `text` after a `lead` (the checkbox), with continuation lines
/// indented under the text, and puts `suffix` at the end when it fits.
fn wrapped(
    out: &mut Vec<Line<'static>>,
    lead: Vec<Span<'static>>,
    text: &str,
    style: Style,
    suffix: Option<(String, Style)>,
    width: usize,
) {
    let lead_w: usize = lead.iter().map(|s| str_width(&s.content)).sum();
    let inner = width.saturating_sub(lead_w).max(1);
    let mut rows = wrap(&[(text, style)], inner);
    if let Some((sfx, st)) = suffix {
        let last_w: usize = rows
            .last()
            .map_or(0, |l| l.iter().map(|s| str_width(&s.content)).sum());
        if last_w + 1 + str_width(&sfx) <= inner {
            if let Some(l) = rows.last_mut() {
                l.push(Span::styled(format!(" {sfx}"), st));
            }
        } else {
            rows.extend(wrap(&[(sfx.as_str(), st)], inner));
        }
    }
    for (i, r) in rows.into_iter().enumerate() {
        let mut spans = if i == 0 {
            lead.clone()
        } else {
            vec![Span::raw(" ".repeat(lead_w.min(width.saturating_sub(1))))]
        };
        spans.extend(r);
        out.push(Line::from(spans));
    }
}

pub fn answered_in(a: &Answers, block: Block) -> usize {
    a.iter().filter(|(q, _)| q.block() == block).count()
}

/// The column contender names get in the Decide view: the widest, at most 14 cells.
pub fn name_width(a: &Article) -> usize {
    a.contenders
        .iter()
        .map(|c| str_width(&c.name))
        .max()
        .unwrap_or(0)
        .min(14)
}

/// The contender and side (con or not) of a pro or con: its group.
fn group(q: Question) -> Option<(usize, bool)> {
    match q {
        Question::Pro { contender, .. } => Some((contender, false)),
        Question::Con { contender, .. } => Some((contender, true)),
        _ => None,
    }
}

/// "What you need 1/4 checked".
fn block_heading(
    out: &mut Vec<Line<'static>>,
    st: &Asked,
    block: Block,
    questions: usize,
    width: usize,
    theme: &Theme,
) {
    let done = answered_in(st.answers, block);
    let what = match block {
        Block::Need => "checked",
        Block::Features => "picked",
        Block::Matters => "checked",
    };
    wrapped(
        out,
        Vec::new(),
        block.title(),
        theme.heading(2),
        Some((format!("{done}/{questions} {what}"), theme.dim())),
        width,
    );
}

/// "Django pros — does it matter to you?"
fn group_heading(
    out: &mut Vec<Line<'static>>,
    a: &Article,
    (contender, is_con): (usize, bool),
    width: usize,
    theme: &Theme,
) {
    let name = a.contenders[contender].name.clone();
    let (kind, kind_style, ask) = if is_con {
        ("cons", theme.con(), format!("— does it rule {name} out?"))
    } else {
        ("pros", theme.pro(), "— does it matter to you?".to_string())
    };
    let kind = format!(" {kind} ");
    let t = [
        (name.as_str(), theme.bold()),
        (kind.as_str(), kind_style),
        (ask.as_str(), theme.dim()),
    ];
    out.extend(wrap(&t, width).into_iter().map(Line::from));
}

/// A feature row: its name (the label), then each contender's value; returns
/// the label's lines and each value's.
fn row_question(
    out: &mut Vec<Line<'static>>,
    a: &Article,
    st: &Asked,
    r: usize,
    width: usize,
    theme: &Theme,
) -> (Range<usize>, Vec<Range<usize>>) {
    let g = &theme.glyphs;
    let name_w = name_width(a);
    let (feature, values) = decision::row(a, r).unwrap_or_default();
    let picked = st.answers.picked(r);
    let suffix = picked
        .and_then(|c| a.contenders.get(c))
        .map(|c| (format!("{} {}", g.pick, c.name), theme.dim()));
    let label_start = out.len();
    wrapped(out, Vec::new(), &feature, theme.bold(), suffix, width);
    let label = label_start..out.len();
    let mut picks = Vec::with_capacity(values.len());
    for (c, v) in values.iter().enumerate() {
        let start = out.len();
        let name = a.contenders.get(c).map_or("", |x| x.name.as_str());
        let is_pick = picked == Some(c);
        let mark = if is_pick {
            Span::styled(
                format!("{} ", g.pick),
                theme.bar(c).add_modifier(Modifier::BOLD),
            )
        } else {
            Span::raw("  ")
        };
        let name_style = if is_pick {
            theme.bar(c).add_modifier(Modifier::BOLD)
        } else {
            theme.dim()
        };
        let short = crate::render::wrap::truncate(name, name_w, g.ellipsis);
        let pad = name_w.saturating_sub(str_width(&short));
        let lead = vec![
            Span::raw("  "),
            mark,
            Span::styled(format!("{short}{} ", " ".repeat(pad)), name_style),
        ];
        let value_style = if is_pick { theme.bold() } else { Style::new() };
        if width >= 4 + name_w + 1 + 12 {
            wrapped(out, lead, v, value_style, None, width);
        } else {
            out.push(Line::from(lead));
            wrapped(out, vec![Span::raw("    ")], v, value_style, None, width);
        }
        picks.push(start..out.len());
    }
    (label, picks)
}

/// A checkbox (criterion, pro or con); returns its lines.
fn checkbox_question(
    out: &mut Vec<Line<'static>>,
    a: &Article,
    st: &Asked,
    q: Question,
    width: usize,
    theme: &Theme,
) -> Range<usize> {
    let g = &theme.glyphs;
    let on = st.answers.checked(q);
    let on_style = match q {
        Question::Pro { .. } => theme.pro(),
        Question::Con { .. } => theme.con(),
        _ => theme.accent(),
    };
    let (glyph, gst) = if on {
        (g.check_on, on_style)
    } else {
        (g.check_off, theme.dim())
    };
    let lead = vec![Span::styled(glyph.to_string(), gst), Span::raw(" ")];
    let suffix = match q {
        Question::Criterion { contender, .. } if !st.blind => a
            .contenders
            .get(contender)
            .map(|c| (format!("— {}", c.name), theme.dim())),
        _ => None,
    };
    let text_style = if on { theme.bold() } else { Style::new() };
    let start = out.len();
    let label = match q {
        Question::Criterion { .. } if st.blind => decision::mask_names(a, &decision::label(a, q)),
        _ => decision::label(a, q),
    };
    wrapped(out, lead, &label, text_style, suffix, width);
    start..out.len()
}

/// Lays out question `i` of the order shown at `width` cells (see [`Piece`]).
pub fn lay_out_piece(a: &Article, st: &Asked, i: usize, width: usize, theme: &Theme) -> Piece {
    let width = width.max(1);
    let shown = st.shown;
    let q = shown[i];
    let block = q.block();
    let in_block = st.block_range(block);
    let mut lines = Vec::new();
    let first = i == in_block.start;
    let gap = usize::from(first && i > 0);
    if gap > 0 {
        lines.push(Line::default());
    }
    if first {
        block_heading(&mut lines, st, block, in_block.len(), width, theme);
    }
    if let Some(grp) = group(q)
        && i.checked_sub(1).and_then(|p| group(shown[p])) != Some(grp)
    {
        group_heading(&mut lines, a, grp, width, theme);
    }
    let (label, picks) = match q {
        Question::Row(r) => row_question(&mut lines, a, st, r, width, theme),
        _ => (
            checkbox_question(&mut lines, a, st, q, width, theme),
            Vec::new(),
        ),
    };
    Piece {
        lines,
        gap,
        label,
        picks,
    }
}

/// The cursor's detail (a criterion's full text, names masked in blind
/// mode) under its label, or nothing.
pub fn detail_lines(
    a: &Article,
    q: Question,
    blind: bool,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut detail = Vec::new();
    if !q.is_row()
        && let Some(d) = decision::detail(a, q)
    {
        let d = match q {
            Question::Criterion { .. } if blind => decision::mask_names(a, &d),
            _ => d,
        };
        wrapped(
            &mut detail,
            vec![Span::raw("    ")],
            &d,
            theme.dim().add_modifier(Modifier::ITALIC),
            None,
            width,
        );
    }
    detail
}
