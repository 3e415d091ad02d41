//! The Decide view's state: the answers (kept across view switches), the
//! cursor over the questions, blind mode, the "clear all?" confirmation, and
//! the layout of the questions pane that both `update` and drawing use.

use super::{App, geometry};
use crate::article::Article;
use crate::decide::{self, Answer, Answers, Block, Question};
use crate::keys::Action;
use crate::render::theme::Theme;
use crate::render::wrap::{str_width, wrap};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::rc::Rc;

/// From this body width on the score panel sits beside the questions;
/// narrower terminals get a compact panel under them.
pub const SIDE_BY_SIDE_WIDTH: u16 = 72;

pub struct DecideState {
    pub answers: Answers,
    /// Index into [`DecideState::order`].
    pub cursor: usize,
    /// First line of the questions pane in view.
    pub scroll: usize,
    /// Blind mode: criteria do not show which contender they speak for.
    pub blind: bool,
    /// "Clear all answers? y/n" is open in the footer.
    pub confirm: bool,
    /// `--decide-out FILE`: where the summary goes on quit.
    pub out: Option<PathBuf>,
    questions: Vec<Question>,
    /// The questions laid out for (width, blind, answers), reused while only the cursor moves.
    cache: RefCell<Option<(BaseKey, Rc<DecideBase>)>>,
}

/// What the cursor-free layout depends on: width, blind mode, a fingerprint of the answers.
type BaseKey = (usize, bool, u64);

impl DecideState {
    pub fn new(a: &Article, out: Option<PathBuf>) -> DecideState {
        DecideState {
            answers: Answers::default(),
            cursor: 0,
            scroll: 0,
            blind: false,
            confirm: false,
            out,
            questions: decide::questions(a),
            cache: RefCell::new(None),
        }
    }

    /// The questions in the order shown (criteria interleaved in blind mode).
    pub fn order(&self) -> Vec<Question> {
        if self.blind {
            decide::blind_order(&self.questions)
        } else {
            self.questions.clone()
        }
    }

    pub fn current(&self) -> Option<Question> {
        let order = self.order();
        order
            .get(self.cursor.min(order.len().saturating_sub(1)))
            .copied()
    }
}

/// Where the Decide view's panes sit in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecidePanes {
    pub questions: Rect,
    pub score: Option<Rect>,
    /// The score panel is the compact one (bars and result only).
    pub compact: bool,
}

pub fn panes(body: Rect, contenders: usize) -> DecidePanes {
    if body.width >= SIDE_BY_SIDE_WIDTH {
        let right = (body.width * 38 / 100).clamp(28, 52);
        let [q, s] = geometry::split_right(body, right);
        return DecidePanes {
            questions: q,
            score: Some(s),
            compact: false,
        };
    }
    // A rule, one bar per contender, the result.
    let h = contenders as u16 + 2;
    if body.height >= h + 4 {
        let [q, s] = geometry::split_bottom(body, h);
        DecidePanes {
            questions: q,
            score: Some(s),
            compact: true,
        }
    } else {
        DecidePanes {
            questions: body,
            score: None,
            compact: true,
        }
    }
}

/// The questions laid out for one width, without the cursor: built once per
/// answer change, not per key (a 10 MB article asks tens of thousands of questions).
pub struct DecideBase {
    lines: Vec<Line<'static>>,
    /// Per question (display order): the lines to keep in view when it is
    /// under the cursor, its block or group heading included when it is the first.
    spans: Vec<(usize, usize)>,
    /// Per question: its own label's lines (highlighted under the cursor).
    labels: Vec<(usize, usize)>,
}

/// The questions pane for one width and cursor: the base layout with the
/// cursor's label highlighted and its detail line inserted under it.
pub struct DecideLayout {
    base: Rc<DecideBase>,
    cursor: usize,
    /// The detail shown under the cursor's label (a criterion's full text).
    detail: Vec<Line<'static>>,
    highlight: Style,
}

impl DecideLayout {
    fn insert_at(&self) -> usize {
        self.base.labels.get(self.cursor).map_or(0, |l| l.1)
    }

    pub fn len(&self) -> usize {
        self.base.lines.len() + self.detail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn questions(&self) -> usize {
        self.base.spans.len()
    }

    /// Line `k` of the pane.
    pub fn line(&self, k: usize) -> Option<Line<'static>> {
        let at = self.insert_at();
        let d = self.detail.len();
        if k >= at && k < at + d {
            return self.detail.get(k - at).cloned();
        }
        let b = if k < at { k } else { k - d };
        let l = self.base.lines.get(b)?.clone();
        let label = self.base.labels.get(self.cursor).copied().unwrap_or((0, 0));
        Some(if b >= label.0 && b < label.1 {
            l.patch_style(self.highlight)
        } else {
            l
        })
    }

    /// Lines `top .. top + n`.
    pub fn window(&self, top: usize, n: usize) -> Vec<Line<'static>> {
        (top..top.saturating_add(n))
            .map_while(|k| self.line(k))
            .collect()
    }

    /// Question `i`'s span of lines, the detail counted in.
    pub fn span(&self, i: usize) -> Option<(usize, usize)> {
        let (s, e) = *self.base.spans.get(i)?;
        let d = self.detail.len();
        Some(if i == self.cursor {
            (s, e + d)
        } else if s >= self.insert_at() && i > self.cursor {
            (s + d, e + d)
        } else {
            (s, e)
        })
    }

    /// The first line of the question under the cursor.
    pub fn cursor_line(&self) -> Option<usize> {
        self.base.labels.get(self.cursor).map(|l| l.0)
    }
}

/// The first line of `scroll` that keeps `span` in a pane of `height` lines.
pub fn follow(scroll: usize, span: (usize, usize), height: usize, total: usize) -> usize {
    let height = height.max(1);
    let max = total.saturating_sub(height);
    let (start, end) = span;
    let s = if end.saturating_sub(start) >= height || start < scroll {
        start
    } else if end > scroll + height {
        end - height
    } else {
        scroll
    };
    s.min(max)
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

fn answered_in(a: &Answers, block: Block) -> usize {
    a.iter().filter(|(q, _)| q.block() == block).count()
}

/// Lays out the questions at `width` cells (see [`DecideLayout`]).
/// The column contender names get in the Decide view: the widest, at most 14 cells.
pub fn name_width(a: &Article) -> usize {
    a.contenders
        .iter()
        .map(|c| str_width(&c.name))
        .max()
        .unwrap_or(0)
        .min(14)
}

fn layout_base(a: &Article, st: &DecideState, width: usize, theme: &Theme) -> DecideBase {
    let width = width.max(1);
    let order = st.order();
    let g = &theme.glyphs;
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut spans = vec![(0, 0); order.len()];
    let mut labels = vec![(0, 0); order.len()];
    let name_w = name_width(a);
    for block in Block::ALL {
        let idx: Vec<usize> = (0..order.len())
            .filter(|&i| order[i].block() == block)
            .collect();
        if idx.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let head_start = lines.len();
        let done = answered_in(&st.answers, block);
        let what = match block {
            Block::Need => "checked",
            Block::Features => "picked",
            Block::Matters => "checked",
        };
        wrapped(
            &mut lines,
            Vec::new(),
            block.title(),
            theme.heading(2),
            Some((format!("{done}/{} {what}", idx.len()), theme.dim())),
            width,
        );
        let mut group: Option<(usize, bool)> = None;
        for (k, &i) in idx.iter().enumerate() {
            let q = order[i];
            let mut start = if k == 0 { head_start } else { lines.len() };
            // Pros and cons come in groups: "Django pros — does it matter to you?"
            if let Question::Pro { contender, .. } | Question::Con { contender, .. } = q {
                let is_con = matches!(q, Question::Con { .. });
                if group != Some((contender, is_con)) {
                    group = Some((contender, is_con));
                    if k > 0 {
                        start = lines.len();
                    }
                    let name = a.contenders[contender].name.clone();
                    let (kind, kind_style, ask) = if is_con {
                        ("cons", theme.con(), format!("— does it rule {name} out?"))
                    } else {
                        ("pros", theme.pro(), "— does it matter to you?".to_string())
                    };
                    let mut t = vec![(name.as_str(), theme.bold())];
                    let kind = format!(" {kind} ");
                    t.push((kind.as_str(), kind_style));
                    t.push((ask.as_str(), theme.dim()));
                    for l in wrap(&t, width) {
                        lines.push(Line::from(l));
                    }
                }
            }
            let label_start = lines.len();
            match q {
                Question::Row(r) => {
                    let (feature, values) = decide::row(a, r).unwrap_or_default();
                    let picked = st.answers.picked(r);
                    let suffix = picked
                        .and_then(|c| a.contenders.get(c))
                        .map(|c| (format!("{} {}", g.pick, c.name), theme.dim()));
                    wrapped(
                        &mut lines,
                        Vec::new(),
                        &feature,
                        theme.bold(),
                        suffix,
                        width,
                    );
                    labels[i] = (label_start, lines.len());
                    for (c, v) in values.iter().enumerate() {
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
                            wrapped(&mut lines, lead, v, value_style, None, width);
                        } else {
                            lines.push(Line::from(lead));
                            wrapped(
                                &mut lines,
                                vec![Span::raw("    ")],
                                v,
                                value_style,
                                None,
                                width,
                            );
                        }
                    }
                }
                _ => {
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
                    wrapped(
                        &mut lines,
                        lead,
                        &decide::label(a, q),
                        text_style,
                        suffix,
                        width,
                    );
                    labels[i] = (label_start, lines.len());
                }
            }
            spans[i] = (start, lines.len());
        }
    }
    DecideBase {
        lines,
        spans,
        labels,
    }
}

/// The layout for the cursor: the base (cached by the caller) plus the
/// cursor's highlight and detail line.
pub fn layout_with(
    a: &Article,
    st: &DecideState,
    base: Rc<DecideBase>,
    width: usize,
    theme: &Theme,
) -> DecideLayout {
    let order_len = base.spans.len();
    let cursor = st.cursor.min(order_len.saturating_sub(1));
    let mut detail = Vec::new();
    if let Some(q) = st.current()
        && !q.is_row()
        && let Some(d) = decide::detail(a, q)
    {
        wrapped(
            &mut detail,
            vec![Span::raw("    ")],
            &d,
            theme.dim().add_modifier(Modifier::ITALIC),
            None,
            width.max(1),
        );
    }
    DecideLayout {
        base,
        cursor,
        detail,
        highlight: theme.selected(),
    }
}

/// The whole layout at `width` (tests and one-off uses; the app caches the base).
pub fn layout(a: &Article, st: &DecideState, width: usize, theme: &Theme) -> DecideLayout {
    layout_with(
        a,
        st,
        Rc::new(layout_base(a, st, width, theme)),
        width,
        theme,
    )
}

impl App {
    pub fn decide_panes(&self) -> DecidePanes {
        panes(geometry::body(self.size), self.article.contenders.len())
    }

    /// Text width of the questions pane (one cell of padding each side).
    pub fn decide_width(&self) -> usize {
        usize::from(self.decide_panes().questions.width.saturating_sub(2)).max(1)
    }

    pub fn decide_layout(&self) -> DecideLayout {
        let width = self.decide_width();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (q, ans) in self.decide.answers.iter() {
            q.hash(&mut h);
            ans.hash(&mut h);
        }
        let key = (width, self.decide.blind, h.finish());
        let base = {
            let mut cache = self.decide.cache.borrow_mut();
            match &*cache {
                Some((k, b)) if *k == key => b.clone(),
                _ => {
                    let b = Rc::new(layout_base(&self.article, &self.decide, width, &self.theme));
                    *cache = Some((key, b.clone()));
                    b
                }
            }
        };
        layout_with(&self.article, &self.decide, base, width, &self.theme)
    }

    /// The scroll that keeps the cursor in view (drawing uses it too, so a
    /// resize can never leave the cursor off screen).
    pub fn decide_scroll(&self, l: &DecideLayout) -> usize {
        let h = usize::from(self.decide_panes().questions.height);
        let span = l.span(self.decide.cursor).unwrap_or((0, 0));
        follow(self.decide.scroll, span, h, l.len())
    }

    pub(super) fn decide_follow(&mut self) {
        let n = self.decide.order().len();
        self.decide.cursor = self.decide.cursor.min(n.saturating_sub(1));
        let l = self.decide_layout();
        self.decide.scroll = self.decide_scroll(&l);
    }

    /// Moves the cursor about `lines` lines down (or up), at least one question.
    fn decide_page(&self, lines: usize, down: bool) -> usize {
        let l = self.decide_layout();
        let n = l.questions();
        let start = |i: usize| l.span(i).map_or(0, |s| s.0);
        let cur = self.decide.cursor.min(n.saturating_sub(1));
        let here = start(cur);
        if down {
            let target = here + lines;
            let mut i = cur;
            while i + 1 < n && start(i + 1) <= target {
                i += 1;
            }
            (i.max(cur + 1)).min(n.saturating_sub(1))
        } else {
            let target = here.saturating_sub(lines);
            let mut i = cur;
            while i > 0 && start(i - 1) >= target {
                i -= 1;
            }
            i.min(cur.saturating_sub(1))
        }
    }

    pub(super) fn decide_update(&mut self, action: Action) {
        let order = self.decide.order();
        let n = order.len();
        if n == 0 {
            if matches!(action, Action::ClearAll) {
                self.status = Some("no answers to clear".into());
            }
            return;
        }
        let cur = self.decide.cursor.min(n - 1);
        let q = order[cur];
        let page = usize::from(self.decide_panes().questions.height)
            .saturating_sub(2)
            .max(1);
        let ncont = self.article.contenders.len();
        let before = self.decide.cursor;
        match action {
            Action::Down => self.decide.cursor = (cur + 1).min(n - 1),
            Action::Up => self.decide.cursor = cur.saturating_sub(1),
            Action::Top => self.decide.cursor = 0,
            Action::Bottom => self.decide.cursor = n - 1,
            Action::PageDown => self.decide.cursor = self.decide_page(page, true),
            Action::PageUp => self.decide.cursor = self.decide_page(page, false),
            Action::HalfDown => self.decide.cursor = self.decide_page(page / 2, true),
            Action::HalfUp => self.decide.cursor = self.decide_page(page / 2, false),
            Action::NextSection => {
                if let Some(i) = order.iter().position(|o| o.block() > q.block()) {
                    self.decide.cursor = i;
                }
            }
            Action::PrevSection => {
                let prev = order
                    .iter()
                    .rev()
                    .find(|o| o.block() < q.block())
                    .map(|o| o.block());
                self.decide.cursor = match prev {
                    Some(b) => order.iter().position(|o| o.block() == b).unwrap_or(0),
                    None => 0,
                };
            }
            Action::Toggle => match q {
                Question::Row(r) if ncont > 0 => {
                    // Space on a row steps through the contenders, then none.
                    let next = match self.decide.answers.picked(r) {
                        None => Some(0),
                        Some(c) if c + 1 < ncont => Some(c + 1),
                        Some(_) => None,
                    };
                    self.decide.answers.set(q, next.map(Answer::Pick));
                }
                Question::Row(_) => {}
                _ => {
                    self.decide.answers.toggle(q);
                }
            },
            Action::Left | Action::Right => match q {
                Question::Row(r) if ncont > 0 => {
                    let right = action == Action::Right;
                    let next = match (self.decide.answers.picked(r), right) {
                        (None, false) => 0,
                        (None, true) => ncont - 1,
                        (Some(c), false) => c.saturating_sub(1),
                        (Some(c), true) => (c + 1).min(ncont - 1),
                    };
                    self.decide.answers.set(q, Some(Answer::Pick(next)));
                }
                _ => {
                    self.status =
                        Some("←/→ pick on the feature rows; Space checks this answer".into())
                }
            },
            Action::ClearPick => self.decide.answers.set(q, None),
            Action::ClearAll => {
                if self.decide.answers.is_empty() {
                    self.status = Some("no answers to clear".into());
                } else {
                    self.decide.confirm = true;
                }
            }
            Action::Blind => {
                self.decide.blind = !self.decide.blind;
                let order = self.decide.order();
                self.decide.cursor = order.iter().position(|o| *o == q).unwrap_or(0);
                self.status = Some(if self.decide.blind {
                    "blind mode: criteria no longer say whom they favour (b to show)".into()
                } else {
                    "blind mode off".into()
                });
            }
            _ => {}
        }
        let motion = matches!(
            action,
            Action::Down
                | Action::Up
                | Action::Top
                | Action::Bottom
                | Action::PageDown
                | Action::PageUp
                | Action::HalfDown
                | Action::HalfUp
                | Action::NextSection
                | Action::PrevSection
        );
        // A motion that went nowhere (`9999j` at the end) changes nothing.
        if motion && self.decide.cursor == before {
            return;
        }
        self.decide_follow();
    }

    /// The "clear all answers? y/n" question: `y` clears, `n` or Esc keeps;
    /// any other key keeps the answers and goes on to do what it does.
    pub(super) fn decide_confirm_key(&mut self, ev: KeyEvent) -> bool {
        if !self.decide.confirm {
            return false;
        }
        self.decide.confirm = false;
        match ev.code {
            KeyCode::Char('y' | 'Y') => {
                let n = self.decide.answers.len();
                self.decide.answers.clear();
                let s = if n == 1 { "" } else { "s" };
                self.status = Some(format!("cleared {n} answer{s}"));
                true
            }
            KeyCode::Char('n' | 'N') | KeyCode::Esc => {
                self.status = Some("kept your answers".into());
                true
            }
            _ => {
                self.status = Some("kept your answers".into());
                false
            }
        }
    }

    pub(super) fn decide_copy_text(&self) -> Option<String> {
        (!self.decide.answers.is_empty())
            .then(|| decide::summary(&self.article, &self.decide.answers, false))
    }

    /// The markdown summary that `--decide-out` writes.
    pub fn decide_markdown(&self) -> String {
        decide::summary(&self.article, &self.decide.answers, true)
    }

    /// Each question's text, for search (see [`App::each_search_unit`]).
    pub(super) fn decide_each_unit(
        &self,
        from: usize,
        f: &mut dyn FnMut(usize, &str) -> std::ops::ControlFlow<()>,
    ) {
        let a = &self.article;
        let order = self.decide.order();
        for (u, q) in order.into_iter().enumerate().skip(from) {
            let text = match q {
                Question::Row(r) => {
                    let (feature, values) = decide::row(a, r).unwrap_or_default();
                    let mut s = feature;
                    for (c, v) in a.contenders.iter().zip(values) {
                        s.push_str(&format!(" {} {v}", c.name));
                    }
                    s
                }
                _ => {
                    let mut s = decide::label(a, q);
                    if let (Question::Criterion { contender, .. }, false) = (q, self.decide.blind) {
                        s.push_str(&format!(" — {}", a.contenders[contender].name));
                    }
                    s
                }
            };
            if f(u, &text).is_break() {
                return;
            }
        }
    }

    pub(super) fn decide_show_unit(&mut self, unit: usize) {
        self.decide.cursor = unit;
        self.decide_follow();
    }
}
