//! Application state and a pure `update`: no terminal I/O here, so every
//! action is testable without a terminal.

pub mod cell;
pub mod decide;
pub mod footer;
pub mod geometry;
pub mod help;
mod mouse;
pub mod outline;
pub mod pros;
pub mod read;
pub mod search;
pub mod table;

use crate::article::Article;
use crate::article::parse::Items;
use crate::event::{KeyCode, KeyEvent, KeyModifiers};
use crate::keys::{self, Action, Context};
use crate::render::theme::Theme;
use ratatui::layout::Rect;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Read,
    Table,
    Pros,
    Decide,
}

impl View {
    pub const ALL: [View; 4] = [View::Read, View::Table, View::Pros, View::Decide];

    pub fn title(self) -> &'static str {
        match self {
            View::Read => "Read",
            View::Table => "Table",
            View::Pros => "Pros & Cons",
            View::Decide => "Decide",
        }
    }

    fn context(self) -> Context {
        match self {
            View::Read => Context::Read,
            View::Table => Context::Table,
            View::Pros => Context::Pros,
            View::Decide => Context::Decide,
        }
    }

    fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }
}

/// Start-up choices from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub view: Option<View>,
    pub section: Option<String>,
    /// `--decide-out FILE`: the Decide summary is written there on quit.
    pub decide_out: Option<std::path::PathBuf>,
}

pub struct App {
    /// Shared read-only by every session on the same file.
    pub article: Arc<Article>,
    pub theme: Theme,
    pub view: View,
    pub size: Rect,
    pub read: read::ReadState,
    pub table: table::TableState,
    pub pros: pros::ProsState,
    pub decide: decide::DecideState,
    pub search: search::Search,
    pub help: Option<usize>,
    /// A pending count typed before a motion (`5j`).
    pub count: Option<usize>,
    /// A one-shot message for the footer ("copied", "no matches").
    pub status: Option<String>,
    /// Text to put on the clipboard; the event loop writes it as OSC 52.
    pub clipboard: Option<String>,
    /// False on a terminal without OSC 52 (`render::caps`): `y` says so.
    pub clipboard_works: bool,
    pub quit: bool,
    /// The article's items, while they are still to be found.
    items: Option<Items>,
}

impl App {
    pub fn new(article: impl Into<Arc<Article>>, theme: Theme, size: Rect, opts: &Options) -> App {
        let mut app = Self::with_items_pending(article, Items::none(), theme, size, opts);
        app.finish_items();
        app
    }

    /// An app on an article whose items are still to be found: the Read view
    /// shows none of them, so they are found after its first frame, as the
    /// first piece of [`App::work`], or before any event is handled.
    pub fn with_items_pending(
        article: impl Into<Arc<Article>>,
        items: Items,
        theme: Theme,
        size: Rect,
        opts: &Options,
    ) -> App {
        let article = article.into();
        let read = read::ReadState::new(&article);
        let decide = decide::DecideState::new(&article, opts.decide_out.clone());
        let pros = pros::ProsState::default();
        Self::build(
            article,
            (read, pros, decide),
            Some(items),
            theme,
            size,
            opts,
        )
    }

    /// A new reader's app on this app's article, sharing with it what is
    /// derived from the article alone (the Read view's item index and the
    /// outline's section tree, the Pros & Cons layouts, the Decide view's
    /// questions): what many sessions on one file start from.
    /// This app's items must have been found ([`App::new`]).
    pub fn fresh(&self, theme: Theme, size: Rect, opts: &Options) -> App {
        debug_assert!(
            self.items.is_none(),
            "App::fresh on an app with items to find"
        );
        let read = self.read.fresh();
        let decide = self.decide.fresh(opts.decide_out.clone());
        let pros = self.pros.fresh();
        let article = self.article.clone();
        Self::build(article, (read, pros, decide), None, theme, size, opts)
    }

    fn build(
        article: Arc<Article>,
        (read, pros, decide): (read::ReadState, pros::ProsState, decide::DecideState),
        items: Option<Items>,
        theme: Theme,
        size: Rect,
        opts: &Options,
    ) -> App {
        let mut app = App {
            read,
            table: table::TableState::default(),
            pros,
            decide,
            search: search::Search::default(),
            article,
            theme,
            view: opts.view.unwrap_or(View::Read),
            size,
            help: None,
            count: None,
            status: None,
            clipboard: None,
            clipboard_works: true,
            quit: false,
            items,
        };
        if app.view != View::Read || opts.decide_out.is_some() {
            app.finish_items();
        }
        if let Some(text) = &opts.section {
            let needle = text.to_lowercase();
            match app
                .article
                .sections
                .iter()
                .position(|s| s.title.to_lowercase().contains(&needle))
            {
                Some(s) => app.read_jump_to_section(s),
                None => app.status = Some(format!("no section matches \"{text}\"")),
            }
        }
        app
    }

    /// Finds the article's items if that is still to do (see
    /// [`App::with_items_pending`]); the Decide view's questions come from them.
    /// A shared article had its items found before it was shared: only an
    /// article this app holds alone can still have some to find.
    pub fn finish_items(&mut self) {
        if let Some(items) = self.items.take()
            && let Some(article) = Arc::get_mut(&mut self.article)
            && items.finish(article)
        {
            let out = self.decide.out.take();
            self.decide = decide::DecideState::new(&self.article, out);
        }
    }

    /// Handles a key: prompts and overlays first, then counts, then the keymap.
    pub fn on_key(&mut self, ev: KeyEvent) {
        self.finish_items();
        self.status = None;
        // Ctrl-C quits from anywhere at once: the help, the search prompt, a
        // pending "clear all?" question. (Raw mode delivers it as a key.)
        if ev.code == KeyCode::Char('c') && ev.modifiers.contains(KeyModifiers::CONTROL) {
            self.quit = true;
            return;
        }
        if self.search.prompt.is_some() {
            self.search_prompt_key(ev);
            return;
        }
        if self.help.is_some() {
            let page = self.help_layout().inner.height.saturating_sub(1).max(1) as isize;
            match keys::lookup(ev, Context::Global) {
                Some(Action::Help | Action::Escape | Action::Quit) => self.help = None,
                Some(Action::Down) => self.help_scroll(1),
                Some(Action::Up) => self.help_scroll(-1),
                Some(Action::PageDown) => self.help_scroll(page),
                Some(Action::PageUp) => self.help_scroll(-page),
                Some(Action::HalfDown) => self.help_scroll(page / 2),
                Some(Action::HalfUp) => self.help_scroll(-page / 2),
                Some(Action::Top) => self.help = Some(0),
                Some(Action::Bottom) => self.help_scroll(isize::MAX / 2),
                _ => {}
            }
            return;
        }
        if self.confirm_key(ev) {
            return;
        }
        if let (KeyCode::Char(c @ '0'..='9'), false) =
            (ev.code, ev.modifiers.contains(KeyModifiers::CONTROL))
        {
            let d = c as usize - '0' as usize;
            // 1–4 switch views, so a count starts with 5–9 and then takes any digit.
            match self.count {
                Some(n) => {
                    self.count = Some((n * 10 + d).min(100_000));
                    return;
                }
                None if d >= 5 => {
                    self.count = Some(d);
                    return;
                }
                None => {}
            }
        }
        let count = self.count.take().unwrap_or(1);
        if let Some(action) = keys::lookup(ev, self.view.context()) {
            match action {
                Action::Down
                | Action::Up
                | Action::NextSection
                | Action::PrevSection
                | Action::NextMatch
                | Action::PrevMatch => {
                    for _ in 0..count.min(10_000) {
                        self.update(action);
                    }
                }
                _ => self.update(action),
            }
        }
    }

    /// Pasted text goes into the search prompt when it is open (its first
    /// line); anywhere else it is ignored, so a paste never runs commands.
    pub fn on_paste(&mut self, text: &str) {
        if self.search.prompt.is_none() {
            return;
        }
        let line = text.lines().next().unwrap_or("");
        for c in line.chars().filter(|c| !c.is_control()).take(200) {
            self.search_prompt_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    /// Applies one action. Pure: state in, state out.
    pub fn update(&mut self, action: Action) {
        match action {
            Action::ViewRead => self.set_view(View::Read),
            Action::ViewTable => self.set_view(View::Table),
            Action::ViewPros => self.set_view(View::Pros),
            Action::ViewDecide => self.set_view(View::Decide),
            Action::NextView => self.set_view(View::ALL[(self.view.index() + 1) % 4]),
            Action::PrevView => self.set_view(View::ALL[(self.view.index() + 3) % 4]),
            Action::Help => self.help = Some(0),
            Action::Quit => self.quit = true,
            Action::Escape => {
                self.count = None;
                self.search.clear();
                self.table.col = 0;
                self.read.link = None;
            }
            Action::Search => self.search.prompt = Some(String::new()),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::TogglePros => {
                self.pros.show_pros = !self.pros.show_pros;
                self.pros.scroll = 0;
            }
            Action::ToggleCons => {
                self.pros.show_cons = !self.pros.show_cons;
                self.pros.scroll = 0;
            }
            Action::Copy => self.copy(),
            _ => match self.view {
                View::Read => self.read_update(action),
                View::Table => self.table_update(action),
                View::Pros => self.pros_update(action),
                View::Decide => self.decide_update(action),
            },
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        self.read_resized();
        self.table_resized();
        self.decide_follow();
        if self.view == View::Pros {
            self.pros_resized();
        }
    }

    fn set_view(&mut self, view: View) {
        if self.view != view {
            self.view = view;
            // Matches are counted per view; without a query there is nothing to count
            // (and no reason to walk a whole 10 MB article on a view switch).
            if self.search.query.is_some() {
                self.refresh_search();
            }
        }
    }

    /// A yes/no question open in the footer, if any; true when it took the key.
    fn confirm_key(&mut self, ev: KeyEvent) -> bool {
        self.decide_confirm_key(ev)
    }

    fn copy(&mut self) {
        let text = match self.view {
            View::Read => self.read_copy_text(),
            View::Table => self.table_copy_text(),
            View::Pros => self.pros_copy_text(),
            View::Decide => self.decide_copy_text(),
        };
        match text {
            Some(_) if !self.clipboard_works => {
                self.status = Some("this terminal cannot set the clipboard (no OSC 52)".into());
            }
            Some(t) => {
                let what = match self.view {
                    View::Read if self.read.link.is_some() => "link",
                    View::Read => "section",
                    View::Table if self.table.col > 0 => "table cell",
                    View::Table => "table row",
                    View::Decide => "decision summary",
                    _ => "pros and cons",
                };
                self.status = Some(format!(
                    "copied the {what} to the clipboard ({} bytes)",
                    t.len()
                ));
                self.clipboard = Some(t);
            }
            None => self.status = Some("nothing to copy here".into()),
        }
    }

    /// True while there is work to finish between keys: a search count, or
    /// measuring the Pros & Cons columns. The event loop calls [`App::work`]
    /// whenever no key is waiting, until this is false; then it sleeps.
    pub fn has_work(&self) -> bool {
        self.items.is_some() || self.search.counting() || self.pros_unmeasured()
    }

    /// One slice (about a millisecond) of that work.
    pub fn work(&mut self) {
        if self.items.is_some() {
            self.finish_items();
        } else if self.search.counting() {
            self.search_work();
        } else if self.pros_unmeasured() {
            self.pros_measure_some();
        }
    }

    /// Body height in rows (the pane the current view scrolls).
    pub fn body_height(&self) -> usize {
        usize::from(geometry::body(self.size).height)
    }
}

impl App {
    /// Mouse wheel over (col, row): scrolls the pane under the pointer.
    pub fn wheel(&mut self, col: u16, row: u16, down: bool) {
        self.finish_items();
        if self.help.is_some() {
            self.help_scroll(if down { 3 } else { -3 });
            return;
        }
        let pos = ratatui::layout::Position::new(col, row);
        match self.view {
            View::Read => {
                let (outline, _) = self.read_panes();
                if outline.is_some_and(|o| o.contains(pos)) {
                    let saved = self.read.focus;
                    self.read.focus = read::Focus::Outline;
                    self.update(if down { Action::Down } else { Action::Up });
                    self.read.focus = saved;
                } else if down {
                    self.read_scroll_down(3);
                } else {
                    self.read_scroll_up(3);
                }
            }
            _ => {
                for _ in 0..if self.view == View::Table { 1 } else { 3 } {
                    self.update(if down { Action::Down } else { Action::Up });
                }
            }
        }
    }
}
