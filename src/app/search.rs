//! `/` search: typed in the footer, matches counted per view, `n`/`N` to step.
//!
//! Counting reads every unit of the view, which on a 10 MB article takes
//! longer than a key may. So the count runs in slices of
//! [`SLICE_BYTES`]: Enter runs the first (on most articles the only one) and
//! jumps to the first match from the reading position as soon as one is seen;
//! the event loop runs the rest while no key is waiting ([`App::has_work`]).

use super::{App, View};
use crate::event::{KeyCode, KeyEvent, KeyModifiers};
use crate::render::find::Needle;
use std::ops::ControlFlow;

/// Text read per slice of a count: well under a millisecond's work.
pub const SLICE_BYTES: usize = 1 << 19;

#[derive(Default)]
pub struct Search {
    /// The prompt being typed, when open.
    pub prompt: Option<String>,
    /// The confirmed query, highlighted until Esc.
    pub query: Option<String>,
    /// The units holding matches, in order: (unit, matches before this unit).
    /// One entry per unit rather than per match keeps a one-letter search
    /// of a 10 MB article small.
    units: Vec<(u32, u32)>,
    total: usize,
    /// The match shown: (unit, occurrence within the unit).
    current: Option<(usize, usize)>,
    /// A count under way.
    scan: Option<Scan>,
}

/// A count in progress: from `start` to the end of the view, then from the
/// top back to `start`, so that the first match from the reading position
/// turns up first.
struct Scan {
    needle: Needle,
    start: usize,
    /// The next unit to read.
    next: usize,
    /// Reading the part before `start`.
    wrapped: bool,
    /// (unit, matches) in the order read; from `wrapped_at` on, the units before `start`.
    found: Vec<(u32, u32)>,
    wrapped_at: usize,
    /// Jump to the first match found (a new search, not a recount).
    jump: bool,
}

impl Search {
    pub fn clear(&mut self) {
        *self = Search::default();
    }

    /// Number of matches counted so far.
    pub fn len(&self) -> usize {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// True while the matches are still being counted.
    pub fn counting(&self) -> bool {
        self.scan.is_some()
    }

    /// The match shown, as (unit, occurrence within the unit).
    pub fn current(&self) -> Option<(usize, usize)> {
        self.current
    }

    /// Match `k` as (unit, occurrence within the unit).
    fn hit(&self, k: usize) -> Option<(usize, usize)> {
        if k >= self.total {
            return None;
        }
        let i = self
            .units
            .partition_point(|&(_, before)| before as usize <= k)
            - 1;
        let (unit, before) = self.units[i];
        Some((unit as usize, k - before as usize))
    }

    /// The index of the match at (unit, nth).
    fn index_of(&self, (unit, nth): (usize, usize)) -> Option<usize> {
        let i = self.units.partition_point(|&(u, _)| (u as usize) < unit);
        let &(u, before) = self.units.get(i)?;
        (u as usize == unit).then_some(before as usize + nth)
    }

    /// The first match in unit `unit` or after it.
    fn first_from(&self, unit: usize) -> Option<usize> {
        let i = self.units.partition_point(|&(u, _)| (u as usize) < unit);
        self.units.get(i).map(|&(_, before)| before as usize)
    }

    /// Starts counting `query`'s matches over `count` units from `start`.
    fn start(&mut self, start: usize, count: usize, jump: bool) {
        self.units.clear();
        self.total = 0;
        self.current = None;
        self.scan = self
            .query
            .as_deref()
            .and_then(Needle::new)
            .map(|needle| Scan {
                needle,
                start: start.min(count),
                next: start.min(count),
                wrapped: false,
                found: Vec::new(),
                wrapped_at: 0,
                jump,
            });
    }

    /// Footer text: "match 3/7", "no matches for …", "searching..." (without a
    /// running count, so that the slices of a count send nothing to the terminal).
    pub fn summary(&self) -> Option<String> {
        let q = self.query.as_ref()?;
        if self.scan.is_some() {
            return Some("searching...".to_string());
        }
        let here = self.current.and_then(|c| self.index_of(c));
        Some(match (self.total, here) {
            (0, _) => format!("no matches for \"{q}\""),
            (n, Some(c)) => format!("match {}/{n}", c + 1),
            (n, None) => format!("{n} matches"),
        })
    }
}

impl App {
    pub(super) fn search_prompt_key(&mut self, ev: KeyEvent) {
        let Some(p) = self.search.prompt.as_mut() else {
            return;
        };
        match ev.code {
            KeyCode::Esc => self.search.prompt = None,
            KeyCode::Enter => {
                let q = self.search.prompt.take().unwrap_or_default();
                if q.trim().is_empty() {
                    self.search.clear();
                    return;
                }
                self.search.query = Some(q);
                let here = self.search_here();
                self.search.start(here, self.search_unit_count(), true);
                self.search_work();
            }
            KeyCode::Backspace => {
                p.pop();
            }
            KeyCode::Char('u') if ev.modifiers.contains(KeyModifiers::CONTROL) => p.clear(),
            KeyCode::Char(c)
                if !ev.modifiers.contains(KeyModifiers::CONTROL)
                    && !c.is_control()
                    && p.chars().count() < 200 =>
            {
                p.push(c);
            }
            _ => {}
        }
    }

    /// Runs one slice of the unfinished count.
    pub(super) fn search_work(&mut self) {
        let Some(mut scan) = self.search.scan.take() else {
            return;
        };
        let units = self.search_unit_count();
        let mut read = 0;
        let mut found = 0;
        // From `start` to the end, then from the top to `start`, within one slice's budget.
        while read < SLICE_BYTES && !(scan.wrapped && scan.next >= scan.start) {
            let end = if scan.wrapped { scan.start } else { units };
            self.each_search_unit(scan.next, &mut |u, text| {
                if u >= end {
                    return ControlFlow::Break(());
                }
                let n = scan.needle.count(text);
                if n > 0 {
                    scan.found.push((u as u32, n as u32));
                    found += n;
                }
                scan.next = u + 1;
                // Units are counted too: thousands of short ones cost as much as their text.
                read += text.len() + 64;
                if read >= SLICE_BYTES {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            if scan.next >= end && !scan.wrapped {
                scan.wrapped = true;
                scan.wrapped_at = scan.found.len();
                scan.next = 0;
            } else if read < SLICE_BYTES {
                // The view ran out of units before `end`: nothing more to read.
                scan.next = scan.next.max(end);
            }
        }
        self.search.total += found;
        if scan.jump
            && let Some(&(u, _)) = scan.found.first()
        {
            scan.jump = false;
            self.search.current = Some((u as usize, 0));
            self.show_match(u as usize, 0);
        }
        if !(scan.wrapped && scan.next >= scan.start) {
            self.search.scan = Some(scan);
            return;
        }
        // Done: the matches in unit order, each with the count before it.
        scan.found.rotate_left(scan.wrapped_at);
        let mut before = 0u32;
        self.search.units = scan
            .found
            .into_iter()
            .map(|(u, n)| {
                before += n;
                (u, before - n)
            })
            .collect();
        if self.search.total == 0 && scan.jump {
            self.status = self.search.summary();
        }
    }

    /// Number of searchable units in the current view.
    fn search_unit_count(&self) -> usize {
        match self.view {
            View::Read => self.read.item_count(),
            View::Table => self.article.table.as_ref().map_or(0, |t| t.rows.len()),
            View::Pros => self.pros_unit_count(),
            View::Decide => self.decide.shown().len(),
        }
    }

    /// Hands the current view's searchable units from `from` on to `f` as
    /// (index, text), one at a time (a copy of all the Read view's text at
    /// once would double a large article's memory), until `f` breaks.
    fn each_search_unit(&self, from: usize, f: &mut dyn FnMut(usize, &str) -> ControlFlow<()>) {
        match self.view {
            View::Read => self.read_each_unit(from, f),
            View::Table => self.table_each_unit(from, f),
            View::Pros => self.pros_each_unit(from, f),
            View::Decide => self.decide_each_unit(from, f),
        }
    }

    /// Recounts the matches in the current view (after a view switch).
    pub(super) fn refresh_search(&mut self) {
        self.search.start(0, self.search_unit_count(), false);
        self.search_work();
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        // Stepping needs the whole count: finish it now.
        while self.search.counting() {
            self.search_work();
        }
        let n = self.search.len();
        if n == 0 {
            if self.search.query.is_some() {
                self.status = self.search.summary();
            }
            return;
        }
        let here = self.search.current.and_then(|c| self.search.index_of(c));
        let next = match (here, forward) {
            (None, true) => self.search.first_from(self.search_here()).unwrap_or(0),
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        if let Some((unit, nth)) = self.search.hit(next) {
            self.search.current = Some((unit, nth));
            self.show_match(unit, nth);
        }
    }

    fn show_match(&mut self, unit: usize, nth: usize) {
        match self.view {
            View::Read => self.read_show_match(unit, nth),
            View::Table => self.table_show_row(unit),
            View::Pros => self.pros_show_unit(unit),
            View::Decide => self.decide_show_unit(unit),
        }
    }

    /// The unit at the reading position, where a search starts looking.
    fn search_here(&self) -> usize {
        match self.view {
            View::Read => self.read.top.item,
            View::Table => self.table.row,
            View::Decide => self.decide.cursor,
            View::Pros => 0,
        }
    }
}

/// Appends `cells` joined by spaces: a table row as one search unit, built in
/// a buffer reused across the units.
pub(super) fn push_joined(buf: &mut String, cells: impl IntoIterator<Item = impl AsRef<str>>) {
    for (i, c) in cells.into_iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(c.as_ref());
    }
}
