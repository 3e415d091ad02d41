//! The Decide view's state: the answers (kept across view switches), the
//! cursor over the questions, blind mode, the "clear all?" confirmation, and
//! the layout of the questions pane that both `update` and drawing use.
//!
//! A 10 MB article asks tens of thousands of questions, so the pane is laid
//! out like the Read view: scrolled by (question, line), each question laid
//! out on its own only when it comes near the viewport.

use super::read::Pos;
use super::{App, geometry};
use crate::article::Article;
use crate::decision::{self, Answer, Answers, Block, Question};
use crate::event::{KeyCode, KeyEvent};
use crate::keys::Action;
use crate::render::questions::{self, Asked, Piece, answered_in, lay_out_piece};
use crate::render::theme::Theme;
use ratatui::layout::Rect;

use ratatui::text::Line;
use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

/// From this body width on the score panel sits beside the questions;
/// narrower terminals get a compact panel under them.
pub const SIDE_BY_SIDE_WIDTH: u16 = 72;

pub struct DecideState {
    pub answers: Answers,
    /// Index into [`DecideState::shown`].
    pub cursor: usize,
    /// The top of the questions pane: a line of one question's lines.
    pub scroll: Pos,
    /// Blind mode: criteria do not show which contender they speak for,
    /// and the score panel is hidden until [`DecideState::revealed`].
    pub blind: bool,
    /// Blind mode only: the reader asked to see the score (`r`).
    pub revealed: bool,
    /// "Clear all answers? y/n" is open in the footer.
    pub confirm: bool,
    /// `--decide-out FILE`: where the summary goes on quit.
    pub out: Option<PathBuf>,
    /// Derived from the article alone: shared by every session on it.
    questions: Arc<[Question]>,
    /// The blind order, made the first time blind mode is turned on.
    blind_order: OnceCell<Vec<Question>>,
    cache: RefCell<PieceCache>,
}

impl DecideState {
    pub fn new(a: &Article, out: Option<PathBuf>) -> DecideState {
        Self::with_questions(decision::questions(a).into(), out)
    }

    /// A new reader's state on the same article: the questions are shared.
    pub fn fresh(&self, out: Option<PathBuf>) -> DecideState {
        Self::with_questions(self.questions.clone(), out)
    }

    fn with_questions(questions: Arc<[Question]>, out: Option<PathBuf>) -> DecideState {
        DecideState {
            answers: Answers::default(),
            cursor: 0,
            scroll: Pos::default(),
            blind: false,
            revealed: false,
            confirm: false,
            out,
            questions,
            blind_order: OnceCell::new(),
            cache: RefCell::new(PieceCache::default()),
        }
    }

    /// The questions in the order shown (criteria interleaved in blind mode).
    pub fn shown(&self) -> &[Question] {
        if self.blind {
            self.blind_order
                .get_or_init(|| decision::blind_order(&self.questions))
        } else {
            &self.questions
        }
    }

    /// The score, the reasons and anything naming a criterion's contender
    /// are hidden: blind mode before `r`.
    pub fn score_hidden(&self) -> bool {
        self.blind && !self.revealed
    }

    pub fn current(&self) -> Option<Question> {
        let shown = self.shown();
        shown
            .get(self.cursor.min(shown.len().saturating_sub(1)))
            .copied()
    }

    /// How many questions are laid out and kept: those shown lately, never the whole article.
    pub fn laid_out(&self) -> usize {
        self.cache.borrow().pieces.len()
    }

    /// Where `block`'s questions are in [`DecideState::shown`] (grouped by
    /// block in both orders).
    pub fn block_range(&self, block: Block) -> Range<usize> {
        questions::block_range(self.shown(), block)
    }

    /// What the questions' lines show of this state.
    fn asked(&self) -> Asked<'_> {
        Asked {
            shown: self.shown(),
            answers: &self.answers,
            blind: self.blind,
        }
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
        let right = (u32::from(body.width) * 38 / 100).clamp(28, 52) as u16;
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

/// What a click on a line of the questions pane lands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Question `i`'s label (a checkbox's box and text, a row's feature name).
    Label(usize),
    /// Question `i`'s value line of contender `c` (a table row).
    Pick(usize, usize),
    /// Another line of question `i` (its detail, a heading above it).
    Other(usize),
}

/// What a piece shows of the answers: its question's answer and, when it
/// carries the block's heading, the block's "n/N checked" count. A cached
/// piece is reused while these hold, so an answer lays out again only its
/// own question and its block's heading.
type Stamp = (Option<Answer>, Option<usize>);

/// Pieces laid out for one (width, blind mode), by index in the order shown.
#[derive(Default)]
struct PieceCache {
    key: (usize, bool),
    pieces: HashMap<usize, (Stamp, Arc<Piece>)>,
}

/// Pieces kept before the cache starts over (memory on huge articles).
const CACHE_LIMIT: usize = 4096;

fn stamp(st: &DecideState, i: usize) -> Stamp {
    let q = st.shown()[i];
    let heading = st.block_range(q.block()).start == i;
    (
        st.answers.get(q),
        heading.then(|| answered_in(&st.answers, q.block())),
    )
}

/// The questions pane for one width and cursor: questions laid out (and
/// cached) as they are asked for, the cursor's label highlighted and its
/// detail (a criterion's full text) under it. Every question has a line at
/// least, so `Pos { item: i, line: 0 }` is where question `i` starts.
pub struct DecideLayout<'a> {
    a: &'a Article,
    st: &'a DecideState,
    theme: &'a Theme,
    width: usize,
    cursor: usize,
    detail: Vec<Line<'static>>,
}

impl DecideLayout<'_> {
    pub fn questions(&self) -> usize {
        self.st.shown().len()
    }

    fn piece(&self, i: usize) -> Arc<Piece> {
        let stamp = stamp(self.st, i);
        let key = (self.width, self.st.blind);
        let mut cache = self.st.cache.borrow_mut();
        if cache.key != key || cache.pieces.len() > CACHE_LIMIT {
            cache.pieces.clear();
            cache.key = key;
        }
        if let Some((s, p)) = cache.pieces.get(&i)
            && *s == stamp
        {
            return p.clone();
        }
        let p = Arc::new(lay_out_piece(
            self.a,
            &self.st.asked(),
            i,
            self.width,
            self.theme,
        ));
        cache.pieces.insert(i, (stamp, p.clone()));
        p
    }

    fn detail_of(&self, i: usize) -> usize {
        if i == self.cursor {
            self.detail.len()
        } else {
            0
        }
    }

    /// Question `i`'s lines, the detail counted in under the cursor.
    pub fn height(&self, i: usize) -> usize {
        self.piece(i).lines.len() + self.detail_of(i)
    }

    /// The lines of question `i` before its span (the blank line before a block).
    pub fn gap(&self, i: usize) -> usize {
        self.piece(i).gap
    }

    /// Past the last line.
    pub fn end(&self) -> Pos {
        Pos {
            item: self.questions(),
            line: 0,
        }
    }

    /// `n` lines after `p`, at most the end.
    pub fn forward(&self, mut p: Pos, mut n: usize) -> Pos {
        while p.item < self.questions() {
            let h = self.height(p.item);
            if p.line + n < h {
                p.line += n;
                return p;
            }
            n = p.line + n - h;
            p = Pos {
                item: p.item + 1,
                line: 0,
            };
        }
        self.end()
    }

    /// `n` lines before `p`, at most the top.
    pub fn back(&self, mut p: Pos, mut n: usize) -> Pos {
        while p.line < n {
            if p.item == 0 {
                return Pos::default();
            }
            n -= p.line;
            p.item -= 1;
            p.line = self.height(p.item);
        }
        p.line -= n;
        p
    }

    /// Question `i`'s span of lines to keep in view: its headings (the gap
    /// left out) to its end.
    pub fn span(&self, i: usize) -> (Pos, Pos) {
        (
            Pos {
                item: i,
                line: self.gap(i),
            },
            Pos {
                item: i + 1,
                line: 0,
            },
        )
    }

    /// `p` on a line that is there: past the end of its question (which got
    /// shorter: a wider pane, the detail gone) it is that question's last.
    fn settle(&self, p: Pos) -> Pos {
        if p.item >= self.questions() {
            return self.end();
        }
        Pos {
            item: p.item,
            line: p.line.min(self.height(p.item).saturating_sub(1)),
        }
    }

    /// The top that keeps the cursor's span in a pane of `height` lines,
    /// moving `scroll` as little as it can; the last screenful at most.
    pub fn follow(&self, scroll: Pos, height: usize) -> Pos {
        if self.questions() == 0 {
            return Pos::default();
        }
        let height = height.max(1);
        let scroll = self.settle(scroll);
        let (start, end) = self.span(self.cursor);
        let tall = self.height(self.cursor) - start.line >= height;
        let s = if tall || start < scroll {
            start
        } else {
            scroll.max(self.back(end, height))
        };
        s.min(self.back(self.end(), height))
    }

    /// Line `k` of question `i` (`p` is its piece), with the cursor's detail and highlight.
    fn line_of(&self, p: &Piece, i: usize, k: usize) -> Line<'static> {
        if i != self.cursor {
            return p.lines[k].clone();
        }
        let at = p.label.end;
        let d = self.detail.len();
        if (at..at + d).contains(&k) {
            return self.detail[k - at].clone();
        }
        let b = if k < at { k } else { k - d };
        let l = p.lines[b].clone();
        if p.label.contains(&b) {
            l.patch_style(self.theme.selected())
        } else {
            l
        }
    }

    /// What line `row` of a pane whose top is `top` shows (see [`Hit`]).
    pub fn hit(&self, top: Pos, row: usize) -> Option<Hit> {
        let p = self.forward(top, row);
        if p.item >= self.questions() {
            return None;
        }
        let (i, k) = (p.item, p.line);
        let piece = self.piece(i);
        // Under the cursor the detail follows the label: the piece's lines shift.
        let d = self.detail_of(i);
        let at = piece.label.end;
        let k = if k >= at + d {
            k - d
        } else if k >= at {
            return Some(Hit::Other(i));
        } else {
            k
        };
        if piece.label.contains(&k) {
            return Some(Hit::Label(i));
        }
        Some(match piece.picks.iter().position(|r| r.contains(&k)) {
            Some(c) => Hit::Pick(i, c),
            None => Hit::Other(i),
        })
    }

    /// At most `n` lines from `top`, and the row among them where the
    /// cursor's label starts (for the pointer in the margin).
    pub fn window(&self, top: Pos, n: usize) -> (Vec<Line<'static>>, Option<usize>) {
        let mut out = Vec::with_capacity(n);
        let mut pointer = None;
        let mut pos = top;
        while out.len() < n && pos.item < self.questions() {
            let p = self.piece(pos.item);
            let h = p.lines.len() + self.detail_of(pos.item);
            for k in pos.line..h {
                if out.len() == n {
                    break;
                }
                if pos.item == self.cursor && k == p.label.start {
                    pointer = Some(out.len());
                }
                out.push(self.line_of(&p, pos.item, k));
            }
            pos = Pos {
                item: pos.item + 1,
                line: 0,
            };
        }
        (out, pointer)
    }
}

impl App {
    pub fn decide_panes(&self) -> DecidePanes {
        panes(geometry::body(self.size), self.article.contenders.len())
    }

    /// Text width of the questions pane (one cell of padding each side).
    pub fn decide_width(&self) -> usize {
        usize::from(self.decide_panes().questions.width.saturating_sub(2)).max(1)
    }

    pub fn decide_layout(&self) -> DecideLayout<'_> {
        let width = self.decide_width();
        let st = &self.decide;
        let cursor = st.cursor.min(st.shown().len().saturating_sub(1));
        let detail = st.current().map_or_else(Vec::new, |q| {
            questions::detail_lines(&self.article, q, st.blind, width, &self.theme)
        });
        DecideLayout {
            a: &self.article,
            st,
            theme: &self.theme,
            width,
            cursor,
            detail,
        }
    }

    /// The top of the questions pane that keeps the cursor in view (drawing
    /// uses it too, so a resize can never leave the cursor off screen).
    pub fn decide_top(&self, l: &DecideLayout) -> Pos {
        l.follow(
            self.decide.scroll,
            usize::from(self.decide_panes().questions.height),
        )
    }

    pub(super) fn decide_follow(&mut self) {
        let n = self.decide.shown().len();
        self.decide.cursor = self.decide.cursor.min(n.saturating_sub(1));
        self.decide.scroll = self.decide_top(&self.decide_layout());
    }

    /// Moves the cursor about `lines` lines down (or up), at least one
    /// question: `lines` counted between the starts of the questions' spans.
    fn decide_page(&self, lines: usize, down: bool) -> usize {
        let l = self.decide_layout();
        let n = l.questions();
        let cur = self.decide.cursor.min(n.saturating_sub(1));
        // From the start of question i's span to the start of question i + 1's.
        let step = |i: usize| l.height(i) - l.gap(i) + l.gap(i + 1);
        let (mut i, mut dist) = (cur, 0);
        if down {
            while i + 1 < n && dist + step(i) <= lines {
                dist += step(i);
                i += 1;
            }
            (i.max(cur + 1)).min(n.saturating_sub(1))
        } else {
            while i > 0 && dist + step(i - 1) <= lines {
                dist += step(i - 1);
                i -= 1;
            }
            i.min(cur.saturating_sub(1))
        }
    }

    pub(super) fn decide_update(&mut self, action: Action) {
        let n = self.decide.shown().len();
        if n == 0 {
            if matches!(action, Action::ClearAll) {
                self.status = Some("no answers to clear".into());
            }
            return;
        }
        let cur = self.decide.cursor.min(n - 1);
        let q = self.decide.shown()[cur];
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
                let next = self.decide.block_range(q.block()).end;
                if next < n {
                    self.decide.cursor = next;
                }
            }
            Action::PrevSection => {
                let here = self.decide.block_range(q.block()).start;
                self.decide.cursor = match here.checked_sub(1) {
                    Some(p) => {
                        self.decide
                            .block_range(self.decide.shown()[p].block())
                            .start
                    }
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
            Action::Reveal if self.decide.blind => {
                self.decide.revealed = true;
                self.status = Some("the score, revealed (b leaves blind mode)".into());
            }
            Action::Reveal => self.status = Some("r reveals the score in blind mode (b)".into()),
            Action::Blind => {
                self.decide.blind = !self.decide.blind;
                self.decide.revealed = false;
                // The questions' order and text changed: count the matches again.
                if self.search.query.is_some() {
                    self.refresh_search();
                }
                self.decide.cursor = self
                    .decide
                    .shown()
                    .iter()
                    .position(|o| *o == q)
                    .unwrap_or(0);
                self.status = Some(if self.decide.blind {
                    "blind mode: names and the score hidden (r reveals)".into()
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
            .then(|| decision::summary(&self.article, &self.decide.answers, false))
    }

    /// The markdown summary that `--decide-out` writes.
    pub fn decide_markdown(&self) -> String {
        decision::summary(&self.article, &self.decide.answers, true)
    }

    /// Each question's text, for search (see [`App::each_search_unit`]).
    pub(super) fn decide_each_unit(
        &self,
        from: usize,
        f: &mut dyn FnMut(usize, &str) -> std::ops::ControlFlow<()>,
    ) {
        let a = &self.article;
        for (u, &q) in self.decide.shown().iter().enumerate().skip(from) {
            let text = match q {
                Question::Row(r) => {
                    let (feature, values) = decision::row(a, r).unwrap_or_default();
                    let mut s = feature;
                    for (c, v) in a.contenders.iter().zip(values) {
                        s.push_str(&format!(" {} {v}", c.name));
                    }
                    s
                }
                Question::Criterion { .. } if self.decide.blind => {
                    decision::mask_names(a, &decision::label(a, q))
                }
                _ => {
                    let mut s = decision::label(a, q);
                    if let Question::Criterion { contender, .. } = q {
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
