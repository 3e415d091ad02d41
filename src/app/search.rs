//! `/` search: typed in the footer, matches counted per view, `n`/`N` to step.

use super::{App, View};
use crate::render::doc::find_all;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Default)]
pub struct Search {
    /// The prompt being typed, when open.
    pub prompt: Option<String>,
    /// The confirmed query, highlighted until Esc.
    pub query: Option<String>,
    /// One entry per occurrence: (unit, occurrence within the unit).
    pub hits: Vec<(usize, usize)>,
    pub current: Option<usize>,
}

impl Search {
    pub fn clear(&mut self) {
        self.prompt = None;
        self.query = None;
        self.hits.clear();
        self.current = None;
    }

    /// Recounts the matches over a view's units (after a view switch).
    pub fn refresh(&mut self, units: impl Iterator<Item = String>) {
        self.hits.clear();
        self.current = None;
        let Some(q) = &self.query else { return };
        for (u, text) in units.enumerate() {
            for k in 0..find_all(&text, q).len() {
                self.hits.push((u, k));
            }
        }
    }

    /// Footer text: "match 3/7", "no matches for …".
    pub fn summary(&self) -> Option<String> {
        let q = self.query.as_ref()?;
        Some(match (self.hits.len(), self.current) {
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
                self.refresh_search();
                if self.search.hits.is_empty() {
                    self.status = self.search.summary();
                } else {
                    self.search.current = None;
                    self.step_match(true);
                }
            }
            KeyCode::Backspace => {
                p.pop();
            }
            KeyCode::Char('c') if ev.modifiers.contains(KeyModifiers::CONTROL) => {
                self.search.prompt = None
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

    /// The current view's units, made one at a time: the Read view's of a
    /// large article would hold a copy of all its text at once.
    pub(super) fn search_units(&self) -> Box<dyn Iterator<Item = String> + '_> {
        match self.view {
            View::Read => Box::new(self.read_units()),
            View::Table => Box::new(self.table_units().into_iter()),
            View::Pros => Box::new(self.pros_units().into_iter()),
            View::Decide => Box::new(self.decide_units().into_iter()),
        }
    }

    /// Recounts the matches in the current view.
    pub(super) fn refresh_search(&mut self) {
        let mut search = std::mem::take(&mut self.search);
        search.refresh(self.search_units());
        self.search = search;
    }

    pub(super) fn step_match(&mut self, forward: bool) {
        let n = self.search.hits.len();
        if n == 0 {
            if self.search.query.is_some() {
                self.status = self.search.summary();
            }
            return;
        }
        let next = match (self.search.current, forward) {
            (None, true) => self.first_hit_from_here(),
            (None, false) => n - 1,
            (Some(c), true) => (c + 1) % n,
            (Some(c), false) => (c + n - 1) % n,
        };
        self.search.current = Some(next);
        let (unit, nth) = self.search.hits[next];
        match self.view {
            View::Read => self.read_show_match(unit, nth),
            View::Table => self.table_show_row(unit),
            View::Pros => self.pros_show_unit(unit),
            View::Decide => self.decide_show_unit(unit),
        }
    }

    /// The first match at or after the reading position.
    fn first_hit_from_here(&self) -> usize {
        let here = match self.view {
            View::Read => self.read.top.item,
            View::Table => self.table.row,
            View::Decide => self.decide.cursor,
            _ => 0,
        };
        self.search
            .hits
            .iter()
            .position(|(u, _)| *u >= here)
            .unwrap_or(0)
    }
}
