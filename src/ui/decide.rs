//! The Decide view: the questions on the left (or on top), the live score
//! panel on the right (or a compact one below when the terminal is narrow).

use super::{current_at, draw_lines, highlighted_at, placeholder};
use crate::app::App;
use crate::app::decide::panes;
use crate::decision::{self, Outcome, Score};
use crate::render::wrap::{str_width, truncate, wrap};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Widget};

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let a = &app.article;
    if a.contenders.is_empty() {
        let msg = a.why_empty(
            "No contenders found in this article, so there is nothing to decide between.",
        );
        placeholder(app, area, buf, &msg);
        return;
    }
    if app.decide.shown().is_empty() {
        placeholder(
            app,
            area,
            buf,
            "This article has no \"when to choose\" criteria, no feature table and no pros or cons, so there is nothing to decide on.",
        );
        return;
    }
    let p = panes(area, a.contenders.len());
    questions(app, p.questions, buf);
    if app.decide.score_hidden() {
        if let Some(r) = p.score {
            hidden(app, r, p.compact, buf);
        }
        return;
    }
    let score = decision::score(a, &app.decide.answers);
    match (p.score, p.compact) {
        (Some(r), false) => panel(app, &score, r, buf),
        (Some(r), true) => compact(app, &score, r, buf),
        (None, _) => {}
    }
}

fn questions(app: &App, area: Rect, buf: &mut Buffer) {
    let inner = crate::app::geometry::padded(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let l = app.decide_layout();
    let h = usize::from(inner.height);
    let (lines, pointer) = l.window(l.follow(app.decide.scroll, h), h);
    // A match moves the cursor to its question: it is found from the label down.
    let current = match (app.search.current(), pointer) {
        (Some((unit, nth)), Some(row)) if unit == app.decide.cursor => {
            current_at(app, row as isize, &lines[row..], nth)
        }
        _ => None,
    };
    draw_lines(&highlighted_at(app, lines, current), inner, buf);
    // A pointer in the margin, so the cursor shows without colour or reverse video too.
    if let Some(row) = pointer
        && area.width > 0
    {
        let st = app.theme.accent();
        buf.set_string(area.x, inner.y + row as u16, app.theme.glyphs.pick, st);
    }
}

/// Blind mode before `r`: no bars, no result, no reasons (their names, order
/// and colours would say whom the answers favour), only how many answers
/// there are and how to reveal them.
fn hidden(app: &App, area: Rect, compact: bool, buf: &mut Buffer) {
    let t = &app.theme;
    let area = if compact {
        area
    } else {
        let b = Block::new().borders(Borders::LEFT).border_style(t.border());
        let inner = b.inner(area);
        b.render(area, buf);
        inner
    };
    let inner = crate::app::geometry::padded(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let n = app.decide.answers.len();
    let s = if n == 1 { "" } else { "s" };
    let mut lines: Vec<Line<'static>> = Vec::new();
    if compact {
        let rule = truncate(&format!("{} Score ", t.glyphs.rule.repeat(2)), w, "");
        let rule_w = str_width(&rule);
        lines.push(Line::from(vec![
            Span::styled(rule, t.border()),
            Span::styled(t.glyphs.rule.repeat(w.saturating_sub(rule_w)), t.border()),
        ]));
        push_wrapped(
            &mut lines,
            &[(
                format!("Hidden in blind mode ({n} answer{s}): r reveals."),
                t.dim(),
            )],
            w,
        );
    } else {
        lines.push(Line::from(Span::styled("Score", t.heading(2))));
        push_wrapped(
            &mut lines,
            &[(
                format!("Hidden in blind mode: {n} answer{s} so far."),
                t.dim(),
            )],
            w,
        );
        lines.push(Line::default());
        push_wrapped(
            &mut lines,
            &[
                ("r".into(), t.accent()),
                (" reveals the score, ".into(), Style::new()),
                ("b".into(), t.accent()),
                (" leaves blind mode.".into(), Style::new()),
            ],
            w,
        );
    }
    draw_lines(&lines, inner, buf);
}

/// One bar per contender: name, bar, score.
fn bars(app: &App, s: &Score, width: usize) -> Vec<Line<'static>> {
    let a = &app.article;
    let t = &app.theme;
    let name_w = crate::render::questions::name_width(a).min(width / 3);
    let nums: Vec<String> = s
        .totals
        .iter()
        .map(|&p| {
            if p < 0 {
                format!("−{}", -p)
            } else {
                p.to_string()
            }
        })
        .collect();
    let num_w = nums.iter().map(|n| str_width(n)).max().unwrap_or(1);
    let bar_w = width.saturating_sub(name_w + 1 + 1 + num_w);
    let best = s.totals.iter().copied().max().unwrap_or(0).max(1);
    let leader = match s.outcome() {
        Outcome::Leader(i) => Some(i),
        _ => None,
    };
    let mut out = Vec::new();
    for (i, c) in a.contenders.iter().enumerate() {
        let p = s.totals.get(i).copied().unwrap_or(0);
        let len = if p > 0 {
            ((p as usize * bar_w) / best as usize).clamp(1, bar_w.max(1))
        } else {
            0
        }
        .min(bar_w);
        let name = truncate(&c.name, name_w, t.glyphs.ellipsis);
        let pad = name_w.saturating_sub(str_width(&name));
        let name_style = if leader == Some(i) {
            t.bar(i).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let num_style = match p {
            p if p < 0 => t.con(),
            _ if leader == Some(i) => t.bold(),
            _ => Style::new(),
        };
        out.push(Line::from(vec![
            Span::styled(format!("{name}{} ", " ".repeat(pad)), name_style),
            Span::styled(t.glyphs.bar.repeat(len), t.bar(i)),
            Span::raw(if len > 0 { " " } else { "" }),
            Span::styled(nums[i].clone(), num_style),
        ]));
    }
    out
}

/// The result in a few words, styled.
fn outcome_spans(app: &App, s: &Score) -> Vec<(String, Style)> {
    let a = &app.article;
    let t = &app.theme;
    match s.outcome() {
        Outcome::Open => vec![(
            "No answers yet: the bars follow your answers.".into(),
            t.dim(),
        )],
        Outcome::Tie { contenders, points } => vec![(
            format!(
                "It's a tie: {}, {points} each.",
                decision::names(a, &contenders)
            ),
            t.bold(),
        )],
        Outcome::Leader(i) => vec![
            (
                a.contenders[i].name.clone(),
                t.bar(i).add_modifier(Modifier::BOLD),
            ),
            (" fits your answers best.".into(), t.bold()),
        ],
    }
}

fn push_wrapped(out: &mut Vec<Line<'static>>, pieces: &[(String, Style)], width: usize) {
    let refs: Vec<(&str, Style)> = pieces.iter().map(|(s, st)| (s.as_str(), *st)).collect();
    out.extend(wrap(&refs, width).into_iter().map(Line::from));
}

fn panel(app: &App, s: &Score, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let a = &app.article;
    let b = Block::new().borders(Borders::LEFT).border_style(t.border());
    let inner = b.inner(area);
    b.render(area, buf);
    let inner = crate::app::geometry::padded(inner);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let mut lines: Vec<Line<'static>> = vec![Line::from(Span::styled("Score", t.heading(2)))];
    lines.extend(bars(app, s, w));
    lines.push(Line::default());
    push_wrapped(&mut lines, &outcome_spans(app, s), w);
    if let Outcome::Leader(i) = s.outcome() {
        let c = &a.contenders[i];
        if let Some(v) = &c.verdict {
            push_wrapped(&mut lines, &[(v.clone(), t.italic())], w);
        }
        if !c.examples.is_empty() {
            push_wrapped(
                &mut lines,
                &[
                    ("Suited for:".into(), t.bold()),
                    (format!(" {}", c.examples.join(", ")), Style::new()),
                ],
                w,
            );
        }
    }
    // Reasons, most recent first, each on one line.
    let mut why: Vec<Line<'static>> = Vec::new();
    for (i, c) in a.contenders.iter().enumerate() {
        let rs = &s.reasons[i];
        if rs.is_empty() {
            continue;
        }
        why.push(Line::from(vec![
            Span::styled(c.name.clone(), t.bar(i).add_modifier(Modifier::BOLD)),
            Span::styled(format!(" {}", decision::signed(s.totals[i])), t.bold()),
        ]));
        for r in rs {
            let st = if r.points < 0 { t.con() } else { t.pro() };
            let num = decision::signed(r.points);
            let text = truncate(
                &r.text,
                w.saturating_sub(str_width(&num) + 1),
                t.glyphs.ellipsis,
            );
            why.push(Line::from(vec![
                Span::styled(num, st),
                Span::raw(format!(" {text}")),
            ]));
        }
    }
    // The rule (and where --decide-out writes) at the bottom, when there is room.
    let mut foot: Vec<Line<'static>> = Vec::new();
    push_wrapped(
        &mut foot,
        &[(format!("Scoring: {}.", decision::RULE), t.dim())],
        w,
    );
    if let Some(path) = &app.decide.out {
        push_wrapped(
            &mut foot,
            &[(
                format!("Saved to {} when you quit; y copies it.", path.display()),
                t.dim(),
            )],
            w,
        );
    }
    // The reasons come before the rule: the rule only takes what is left.
    let room = h.saturating_sub(lines.len() + 2);
    if !why.is_empty() && room > 0 {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("Why", t.heading(2))));
        if why.len() > room {
            let hidden = why.len() - (room - 1);
            why.truncate(room - 1);
            why.push(Line::from(Span::styled(
                format!("{} {hidden} more (y copies all)", t.glyphs.ellipsis),
                t.dim(),
            )));
        }
        lines.extend(why);
    }
    draw_lines(&lines, inner, buf);
    if lines.len() + 1 + foot.len() <= h {
        let y = inner.y + (h - foot.len()) as u16;
        let r = Rect {
            y,
            height: foot.len() as u16,
            ..inner
        };
        draw_lines(&foot, r, buf);
    }
}

/// Narrow terminals: a rule, the bars, and the result on one line.
fn compact(app: &App, s: &Score, area: Rect, buf: &mut Buffer) {
    let t = &app.theme;
    let inner = crate::app::geometry::padded(area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let w = usize::from(inner.width);
    let rule = truncate(&format!("{} Score ", t.glyphs.rule.repeat(2)), w, "");
    let rule_w = str_width(&rule);
    let mut lines = vec![Line::from(vec![
        Span::styled(rule, t.border()),
        Span::styled(t.glyphs.rule.repeat(w.saturating_sub(rule_w)), t.border()),
    ])];
    lines.extend(bars(app, s, w));
    let mut result: Vec<(String, Style)> = outcome_spans(app, s);
    if let Outcome::Leader(i) = s.outcome()
        && let Some(v) = &app.article.contenders[i].verdict
    {
        result.push((format!(" {v}"), t.italic()));
    }
    let mut left = w;
    let spans: Vec<Span<'static>> = result
        .into_iter()
        .filter_map(|(text, st)| {
            if left == 0 {
                return None;
            }
            let cut = truncate(&text, left, t.glyphs.ellipsis);
            left -= str_width(&cut).min(left);
            Some(Span::styled(cut, st))
        })
        .collect();
    lines.push(Line::from(spans));
    draw_lines(&lines, inner, buf);
}
