//! The browser around the views: one article, or a library of them with the
//! articles opened from it (each remembers its view and position while the
//! program runs), the links followed between them, and files read again
//! when they change on disk. Pure but for reading the files it opens.

use super::library::{LibraryView, Outcome};
use super::{App, Nav, Options, View};
use crate::event::KeyEvent;
use crate::render::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};

/// Articles kept open (view, position, answers) at once; the least recently
/// shown beyond this is closed and opened afresh when it is chosen again.
pub const MAX_OPEN_ARTICLES: usize = 16;

/// Links followed that Backspace can go back along.
pub const MAX_HISTORY: usize = 64;

/// What is on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    Library,
    /// An open article: an index into the open articles.
    Article(usize),
}

pub struct Browser {
    pub library: Option<LibraryView>,
    /// What was opened, for the library's header.
    pub title: String,
    /// Open articles, most recently shown first.
    open: Vec<(PathBuf, App)>,
    pub showing: Showing,
    /// Where links were followed from (paths of open articles).
    history: Vec<PathBuf>,
    pub theme: Theme,
    pub size: Rect,
    opts: Options,
    pub quit: bool,
    /// A one-line note for the footer of the next frame (an article reread).
    pub note: Option<String>,
    /// The terminal takes OSC 52 clipboard writes.
    clipboard_works: bool,
}

impl Browser {
    /// A browser on one article (no library).
    pub fn single(app: App) -> Browser {
        Browser {
            library: None,
            title: String::new(),
            theme: app.theme,
            size: app.size,
            open: vec![(PathBuf::from(app.article.source.clone()), app)],
            showing: Showing::Article(0),
            history: Vec::new(),
            opts: Options::default(),
            quit: false,
            note: None,
            clipboard_works: true,
        }
    }

    /// A browser on a library; the list shows first.
    pub fn library(
        lib: LibraryView,
        title: String,
        theme: Theme,
        size: Rect,
        opts: Options,
    ) -> Browser {
        Browser {
            library: Some(lib),
            title,
            open: Vec::new(),
            showing: Showing::Library,
            history: Vec::new(),
            theme,
            size,
            opts,
            quit: false,
            note: None,
            clipboard_works: true,
        }
    }

    /// Whether the terminal takes OSC 52 clipboard writes (every article opened learns it).
    pub fn set_clipboard_works(&mut self, works: bool) {
        self.clipboard_works = works;
        for (_, app) in &mut self.open {
            app.clipboard_works = works;
        }
    }

    /// The wheel over the library's list moves the cursor.
    pub fn library_wheel(&mut self, down: bool) {
        if let Some(l) = &mut self.library {
            l.key(crate::event::KeyEvent::new(
                if down {
                    crate::event::KeyCode::Down
                } else {
                    crate::event::KeyCode::Up
                },
                crate::event::KeyModifiers::NONE,
            ));
        }
    }

    /// A click on a row of the library's list selects it; a second click on
    /// the selected row opens it.
    pub fn library_click(&mut self, row: u16) {
        let Some(l) = &mut self.library else {
            return;
        };
        // The list starts on the second row (under the header).
        let Some(k) = usize::from(row).checked_sub(1) else {
            return;
        };
        if let Some(path) = l.click(l.top + k) {
            self.history.clear();
            self.open_path(&path, None);
        }
    }

    /// Pasted text goes into the library's filter while it is typed.
    pub fn library_paste(&mut self, text: &str) {
        if let Some(l) = &mut self.library
            && l.prompt.is_some()
        {
            for c in text.chars().filter(|c| !c.is_control()).take(200) {
                l.key(crate::event::KeyEvent::new(
                    crate::event::KeyCode::Char(c),
                    crate::event::KeyModifiers::NONE,
                ));
            }
        }
    }

    /// The article on screen, if one is.
    pub fn app(&self) -> Option<&App> {
        match self.showing {
            Showing::Article(i) => self.open.get(i).map(|(_, a)| a),
            Showing::Library => None,
        }
    }

    pub fn app_mut(&mut self) -> Option<&mut App> {
        match self.showing {
            Showing::Article(i) => self.open.get_mut(i).map(|(_, a)| a),
            Showing::Library => None,
        }
    }

    /// The file of the article on screen.
    pub fn current_path(&self) -> Option<&Path> {
        match self.showing {
            Showing::Article(i) => self.open.get(i).map(|(p, _)| p.as_path()),
            Showing::Library => None,
        }
    }

    pub fn on_key(&mut self, ev: KeyEvent) {
        self.note = None;
        match self.showing {
            Showing::Library => {
                let Some(lib) = &mut self.library else {
                    return;
                };
                match lib.key(ev) {
                    Outcome::None => {}
                    Outcome::Quit => self.quit = true,
                    Outcome::Open(path, view) => {
                        self.history.clear();
                        self.open_path(&path, view);
                    }
                }
            }
            Showing::Article(_) => {
                if let Some(app) = self.app_mut() {
                    app.on_key(ev);
                }
                self.after_update();
            }
        }
    }

    /// Carries out what the article asked: quit, or a move out of it.
    pub fn after_update(&mut self) {
        let Some(app) = self.app_mut() else {
            return;
        };
        if app.quit {
            self.quit = true;
            return;
        }
        let Some(nav) = app.nav.take() else {
            return;
        };
        match nav {
            Nav::Library => self.show_library(),
            Nav::Back => match self.history.pop() {
                Some(p) => self.open_path(&p, None),
                None => self.show_library(),
            },
            Nav::Open(target) => self.follow(&target),
        }
    }

    fn show_library(&mut self) {
        let path = self.current_path().map(Path::to_path_buf);
        match &mut self.library {
            Some(lib) => {
                if let Some(p) = path {
                    lib.select_path(&p);
                }
                self.history.clear();
                self.showing = Showing::Library;
            }
            None => {
                if let Some(app) = self.app_mut() {
                    app.status = Some("no library: versus was opened on one file".into());
                }
            }
        }
    }

    /// Follows a link to another markdown file, relative to the current one.
    fn follow(&mut self, target: &str) {
        let Some(from) = self.current_path().map(Path::to_path_buf) else {
            return;
        };
        let Some(path) = link_target(&from, target) else {
            if let Some(app) = self.app_mut() {
                app.status = Some(format!("not a link to a markdown file: {target}"));
            }
            return;
        };
        if !path.is_file() {
            if let Some(app) = self.app_mut() {
                app.status = Some(format!(
                    "no such file: {}",
                    crate::article::sanitize::visible(target)
                ));
            }
            return;
        }
        self.history.push(from);
        if self.history.len() > MAX_HISTORY {
            self.history.remove(0);
        }
        let anchor = target.split_once('#').map(|(_, a)| a.to_string());
        self.open_path(&path, None);
        if let (Some(a), Some(app)) = (anchor, self.app_mut()) {
            match app.section_of_anchor(&a) {
                Some(s) => app.read_jump_to_section(s),
                None => {
                    app.status = Some(format!(
                        "no section #{}",
                        crate::article::sanitize::visible(&a)
                    ))
                }
            }
        }
    }

    /// Shows the article at `path`, opening it if it is not open yet.
    pub fn open_path(&mut self, path: &Path, view: Option<View>) {
        let key = normal(path);
        if let Some(i) = self.open.iter().position(|(p, _)| normal(p) == key) {
            // Most recently shown first.
            let entry = self.open.remove(i);
            self.open.insert(0, entry);
        } else {
            let shown = match &self.library {
                Some(l) => l
                    .lib
                    .find(path)
                    .and_then(|i| l.lib.row(i))
                    .map(|r| r.shown.clone())
                    .unwrap_or_else(|| path.to_string_lossy().into_owned()),
                None => path.to_string_lossy().into_owned(),
            };
            let article = match crate::source::load(Some(&path.to_string_lossy())) {
                Ok(mut a) => {
                    a.source = shown;
                    a
                }
                Err(e) => {
                    let msg = format!("{}: {}", e.path, e.problem);
                    match self.app_mut() {
                        Some(app) => app.status = Some(msg),
                        None => {
                            if let Some(l) = &mut self.library {
                                l.status = Some(msg);
                            }
                        }
                    }
                    return;
                }
            };
            let mut app = App::new(article, self.theme, self.size, &self.opts);
            app.clipboard_works = self.clipboard_works;
            self.open.insert(0, (path.to_path_buf(), app));
            self.open.truncate(MAX_OPEN_ARTICLES);
        }
        self.showing = Showing::Article(0);
        if let (Some(v), Some(app)) = (view, self.app_mut()) {
            app.update(match v {
                View::Read => crate::keys::Action::ViewRead,
                View::Table => crate::keys::Action::ViewTable,
                View::Pros => crate::keys::Action::ViewPros,
                View::Decide => crate::keys::Action::ViewDecide,
            });
        }
        let size = self.size;
        if let Some(app) = self.app_mut()
            && app.size != size
        {
            app.resize(size.width, size.height);
        }
    }

    /// The file at `path` changed on disk: read it again, keep the reader at
    /// the same section, and say so in the footer.
    pub fn reload(&mut self, path: &Path) {
        let key = normal(path);
        if let Some(l) = &mut self.library
            && let Some(i) = l.lib.find(path)
        {
            l.lib.reread(i);
            l.refresh();
        }
        let Some(i) = self.open.iter().position(|(p, _)| normal(p) == key) else {
            return;
        };
        let Ok(mut article) = crate::source::load(Some(&path.to_string_lossy())) else {
            return;
        };
        let old = &self.open[i].1;
        article.source = old.article.source.clone();
        let section = old
            .article
            .sections
            .get(old.current_section())
            .map(|s| s.title.clone())
            .filter(|t| !t.is_empty());
        let opts = Options {
            view: Some(old.view),
            section: section.clone(),
            decide_out: None,
        };
        let mut app = App::new(article, self.theme, self.size, &opts);
        app.clipboard_works = self.clipboard_works;
        app.status = Some("the file changed on disk: read again".into());
        self.open[i].1 = app;
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.size = Rect::new(0, 0, width, height);
        if let Some(app) = self.app_mut() {
            app.resize(width, height);
        }
    }

    pub fn has_work(&self) -> bool {
        self.app().is_some_and(App::has_work)
            || self.library.as_ref().is_some_and(LibraryView::has_work)
    }

    /// One slice of work: the article's first, then the library's reading.
    /// True when the screen changes.
    pub fn work(&mut self) -> bool {
        if let Some(app) = self.app_mut()
            && app.has_work()
        {
            app.work();
            return true;
        }
        let showing_library = self.showing == Showing::Library;
        match &mut self.library {
            Some(l) if l.has_work() => l.work() && showing_library,
            _ => false,
        }
    }

    pub fn render(&mut self, area: Rect, buf: &mut Buffer) {
        use ratatui::widgets::Widget;
        match self.showing {
            Showing::Library => {
                let theme = self.theme;
                if let Some(l) = &mut self.library {
                    crate::ui::library::render(l, &theme, &self.title, area, buf);
                }
            }
            Showing::Article(i) => {
                if let Some((_, app)) = self.open.get(i) {
                    app.render(area, buf);
                }
            }
        }
    }
}

/// True when a link's target is a relative path to a markdown file.
pub fn is_article_link(target: &str) -> bool {
    link_target(Path::new(""), target).is_some()
}

/// A link's file: `other.md`, `../posts/x.md#part`, relative to `from`; only
/// markdown files, never a URL with a scheme.
pub fn link_target(from: &Path, target: &str) -> Option<PathBuf> {
    let file = target.split(['#', '?']).next()?;
    if file.is_empty()
        || file.contains("://")
        || file.starts_with("mailto:")
        || file.starts_with('/')
    {
        return None;
    }
    let file = percent_decode(file);
    let p = from.parent().unwrap_or(Path::new("")).join(file);
    crate::library::walk::is_markdown(&p).then_some(p)
}

/// `%20` as a space; anything malformed is kept as written.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && s.is_char_boundary(i + 1)
            && s.is_char_boundary(i + 3)
            && let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16)
        {
            out.push(v);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A path compared as the file system would resolve it.
fn normal(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}
