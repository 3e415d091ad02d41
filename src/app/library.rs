//! The Library view's state and its pure update: the list of a folder's
//! articles, the row under the cursor, and the `/` filter.

use crate::event::{KeyCode, KeyEvent, KeyModifiers};
use crate::keys::{self, Action, Context};
use crate::library::Library;
use crate::library::filter::{Filter, Hits};
use std::path::PathBuf;

/// What a key in the library asks of the program around it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Open this file (in this view, when a view key was pressed).
    Open(PathBuf, Option<super::View>),
    Quit,
}

pub struct LibraryView {
    pub lib: Library,
    filter: Filter,
    /// The filter being typed (`/`), shown in the footer.
    pub prompt: Option<String>,
    /// Rows shown, in order: indices into the library's rows.
    shown: Vec<usize>,
    /// The row under the cursor (an index into the rows), kept as the list
    /// fills and re-sorts.
    selected: Option<usize>,
    /// The first row drawn.
    pub top: usize,
    /// Rows that fit on screen, from the last layout.
    pub height: usize,
    pub status: Option<String>,
    /// The reader moved the cursor: it then stays on its row as the list
    /// fills and re-sorts (until then it stays on the first row).
    moved: bool,
}

impl LibraryView {
    pub fn new(lib: Library) -> LibraryView {
        let mut v = LibraryView {
            lib,
            filter: Filter::new(""),
            prompt: None,
            shown: Vec::new(),
            selected: None,
            top: 0,
            height: 20,
            status: None,
            moved: false,
        };
        v.refresh();
        v
    }

    /// The rows shown, in order.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Position of the cursor in [`Self::shown`].
    pub fn cursor(&self) -> Option<usize> {
        let sel = self.selected?;
        self.shown.iter().position(|&i| i == sel)
    }

    pub fn selected_row(&self) -> Option<usize> {
        self.selected
    }

    /// Puts the cursor on the row of `path` (coming back from an article).
    pub fn select_path(&mut self, path: &std::path::Path) {
        if let Some(i) = self.lib.find(path) {
            self.selected = Some(i);
            self.moved = true;
            self.refresh();
        }
    }

    pub fn filter_query(&self) -> &str {
        self.filter.query()
    }

    /// The matched characters of a row, for highlighting.
    pub fn hits(&mut self, row: usize) -> Hits {
        match self.lib.row(row).cloned() {
            Some(r) => self.filter.hits(&r),
            None => Hits::default(),
        }
    }

    /// Recomputes the rows shown (after a slice of reading, or a new filter),
    /// keeping the cursor on its row when it is still shown.
    pub fn refresh(&mut self) {
        let order = self.lib.order().to_vec();
        self.shown = self.filter.apply(self.lib.rows(), &order);
        let keep = self
            .selected
            .filter(|s| self.moved && self.shown.contains(s));
        self.selected = keep.or_else(|| self.shown.first().copied());
        self.scroll_into_view();
    }

    pub fn has_work(&self) -> bool {
        self.lib.has_work()
    }

    /// One slice of walking or reading; true when the screen changes.
    pub fn work(&mut self) -> bool {
        let changed = self.lib.work();
        if changed {
            self.refresh();
        }
        changed
    }

    fn move_by(&mut self, delta: isize) {
        if self.shown.is_empty() {
            return;
        }
        let cur = self.cursor().unwrap_or(0) as isize;
        let last = self.shown.len() as isize - 1;
        let to = (cur + delta).clamp(0, last) as usize;
        self.selected = Some(self.shown[to]);
        self.moved = true;
        self.scroll_into_view();
    }

    fn scroll_into_view(&mut self) {
        let h = self.height.max(1);
        let Some(c) = self.cursor() else {
            self.top = 0;
            return;
        };
        if c < self.top {
            self.top = c;
        } else if c >= self.top + h {
            self.top = c + 1 - h;
        }
        let max_top = self.shown.len().saturating_sub(h);
        self.top = self.top.min(max_top);
    }

    /// Handles a key. Typing a filter takes every printable key.
    pub fn key(&mut self, ev: KeyEvent) -> Outcome {
        self.status = None;
        if ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL) {
            return Outcome::Quit;
        }
        if let Some(p) = &mut self.prompt {
            match ev.code {
                KeyCode::Esc => {
                    self.prompt = None;
                    self.set_filter("", true);
                }
                KeyCode::Enter => {
                    self.prompt = None;
                    if self.shown.is_empty() {
                        self.status = Some("no file matches the filter".into());
                    }
                }
                KeyCode::Backspace => {
                    p.pop();
                    let q = p.clone();
                    self.set_filter(&q, false);
                }
                KeyCode::Char(c) if !ev.modifiers.contains(KeyModifiers::CONTROL) => {
                    p.push(c);
                    let q = p.clone();
                    self.set_filter(&q, false);
                }
                _ => {}
            }
            return Outcome::None;
        }
        let Some(action) = keys::lookup(ev, Context::Library) else {
            return Outcome::None;
        };
        let page = self.height.max(2) as isize - 1;
        match action {
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(page),
            Action::PageUp => self.move_by(-page),
            Action::HalfDown => self.move_by(page / 2 + 1),
            Action::HalfUp => self.move_by(-(page / 2 + 1)),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Search => {
                self.prompt = Some(self.filter.query().to_string());
            }
            Action::Escape if !self.filter.is_empty() => self.set_filter("", true),
            Action::Enter | Action::Right => return self.open(None),
            Action::ViewRead => return self.open(Some(super::View::Read)),
            Action::ViewTable => return self.open(Some(super::View::Table)),
            Action::ViewPros => return self.open(Some(super::View::Pros)),
            Action::ViewDecide => return self.open(Some(super::View::Decide)),
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::None
    }

    /// A click on the shown row at `pos`: selects it, or opens it when it
    /// was selected already (returns its file).
    pub fn click(&mut self, pos: usize) -> Option<PathBuf> {
        let &i = self.shown.get(pos)?;
        if self.selected == Some(i) {
            if let Outcome::Open(p, _) = self.open(None) {
                return Some(p);
            }
            return None;
        }
        self.selected = Some(i);
        self.moved = true;
        self.scroll_into_view();
        None
    }

    /// A new filter: the cursor goes to the best match; with `keep`, it
    /// stays on its row when that row is still shown (a filter cleared).
    fn set_filter(&mut self, q: &str, keep: bool) {
        self.filter = Filter::new(q);
        self.top = 0;
        self.moved = keep && self.selected.is_some();
        self.refresh();
    }

    fn open(&mut self, view: Option<super::View>) -> Outcome {
        let Some(i) = self.selected else {
            return Outcome::None;
        };
        let row = &self.lib.rows()[i];
        if let Some(p) = row.problem() {
            self.status = Some(format!("{}: {p}", row.shown));
            return Outcome::None;
        }
        Outcome::Open(row.path.clone(), view)
    }

    /// The footer's position: "library 3/120" (and "reading 40/120" while
    /// the rows are still being read).
    pub fn position(&self) -> String {
        let n = self.shown.len();
        let at = self.cursor().map_or(0, |c| c + 1);
        let mut s = format!("library {at}/{n}");
        if self.lib.has_work() {
            s.push_str(&format!(
                " (reading {}/{})",
                self.lib.read_count(),
                self.lib.len()
            ));
        }
        s
    }
}
