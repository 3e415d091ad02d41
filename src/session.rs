//! A reading session as a plain value: one app state, one [`Screen`], one
//! input [`Decoder`]. Bytes from the reader's terminal go in with
//! [`Session::feed`], sizes with [`Session::resize`]; the bytes to send back
//! come out of [`Session::take_output`]. Nothing here touches the process's
//! terminal, stdout, signals, environment or files, and there is no global
//! state, so many sessions can run in one process (one per SSH channel),
//! each on any thread: a `Session` is `Send`.
//!
//! The article is shared: every session on the same file starts from one
//! [`Shared`], and holds the same `Arc<Article>` and what is derived from it
//! alone (the Read view's items, the outline's section tree, the Pros & Cons
//! layouts, the Decide view's questions); a session's own state is its
//! positions, answers, layout caches and the two screen buffers. What the
//! reader's terminal understands comes with the session ([`Terminal`]).
//!
//! The steps are the terminal front end's ([`crate::tui::run_app`]): apply
//! every event that came in together, then draw once; the app's own work
//! (finding items, counting matches, measuring columns) runs in slices with
//! [`Session::work`] while no input is waiting.

use crate::app::{self, App, View, geometry};
use crate::article::Article;
use crate::article::parse::Items;
use crate::decode::Decoder;
use crate::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use crate::render::caps::Caps;
use crate::render::theme::Theme;
use crate::wire::{LinkSpot, Screen};
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// Enter the alternate screen and hide the cursor.
pub const ENTER: &str = "\x1b[?1049h\x1b[?25l";
/// Mouse buttons and wheel, SGR-encoded (no motion reports: they would wake
/// the program and cross the link on every pointer move).
pub const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
/// Bracketed paste: pasted text arrives marked, never read as keys.
pub const PASTE_ON: &str = "\x1b[?2004h";
pub const PASTE_OFF: &str = "\x1b[?2004l";
/// The bytes that put an xterm-like terminal back as we found it.
pub const RESTORE: &str =
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[0m\x1b[?25h\x1b[?1049l";

/// The bytes that put a terminal with `caps` back as we found it. Without an
/// alternate screen the screen is cleared instead.
pub fn restore_seq(caps: &Caps) -> &'static str {
    match (caps.alt_screen, caps.mouse, caps.cursor_hide) {
        (true, true, true) => RESTORE,
        (false, true, true) => "\x1b[?1000l\x1b[?1006l\x1b[0m\x1b[?25h\x1b[H\x1b[J",
        (false, false, true) => "\x1b[0m\x1b[?25h\x1b[H\x1b[J",
        (false, false, false) => "\x1b[0m\x1b[H\x1b[J",
        // Not a combination `Caps::for_term` gives: undo all that may be set.
        _ => "\x1b[?1000l\x1b[?1006l\x1b[0m\x1b[?25h\x1b[?1049l",
    }
}

/// The set-up sequences for `caps` (with `mouse`, mouse reports where the
/// terminal has them).
pub fn enter_seq(caps: &Caps, mouse: bool) -> String {
    let mut s = String::new();
    if caps.alt_screen {
        s.push_str("\x1b[?1049h");
    }
    if caps.cursor_hide {
        s.push_str("\x1b[?25l");
    }
    if mouse && caps.mouse {
        s.push_str(MOUSE_ON);
    }
    s
}

/// What a session knows of its reader's terminal. A front end fills it from
/// that reader's own environment (an SSH client's `TERM` and locale, or the
/// local process's), never from the server's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Terminal {
    /// `TERM`, as the reader's terminal gave it.
    pub term: Option<String>,
    /// What it understands, colour and ASCII included (see [`Caps`]).
    pub caps: Caps,
    /// Ask for the wheel and buttons where it has them (off leaves
    /// selection to the terminal).
    pub mouse: bool,
    /// Bracketed paste, where it has mouse reports (an xterm-like terminal).
    pub paste: bool,
}

impl Default for Terminal {
    fn default() -> Self {
        Terminal {
            term: Some("xterm-256color".into()),
            caps: Caps::XTERM,
            mouse: true,
            paste: true,
        }
    }
}

impl Terminal {
    /// From a reader's environment variables (`TERM` and the terminal's own
    /// variables, `NO_COLOR`, `LC_ALL`, `LC_CTYPE`, `LANG`).
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Terminal {
        let term = get("TERM").filter(|t| !t.is_empty());
        let mut caps = Caps::from_env(&get);
        let no_color = get("NO_COLOR").is_some_and(|v| !v.is_empty());
        caps.color &= !no_color && term.as_deref().is_some_and(|t| t != "dumb");
        caps.ascii = !locale_is_utf8(&get);
        Terminal {
            term,
            caps,
            mouse: true,
            paste: true,
        }
    }

    /// False for a terminal that cannot show a full-screen program
    /// (`TERM` unset, empty or `dumb`).
    pub fn is_capable(&self) -> bool {
        self.term.as_deref().is_some_and(|t| t != "dumb")
    }

    pub fn theme(&self) -> Theme {
        Theme::new(self.caps.color, self.caps.ascii)
    }

    fn paste_on(&self) -> bool {
        self.paste && self.caps.mouse
    }

    /// The bytes a session starts with, before its first frame.
    pub fn enter_seq(&self) -> String {
        let mut s = enter_seq(&self.caps, self.mouse);
        if self.paste_on() {
            s.push_str(PASTE_ON);
        }
        s
    }

    /// The bytes a session ends with: the terminal as it was.
    pub fn leave_seq(&self) -> String {
        let mut s = String::new();
        if self.paste_on() {
            s.push_str(PASTE_OFF);
        }
        s.push_str(restore_seq(&self.caps));
        s
    }
}

/// True when the locale (LC_ALL, then LC_CTYPE, then LANG) says UTF-8.
pub fn locale_is_utf8(get: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|k| get(k).filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

/// One article served to many readers: parsed and indexed once, shared
/// read-only by every [`Session`] made from it (`Sync`: any thread may start
/// one).
pub struct Shared {
    /// An app at no size whose article indexes the sessions share.
    proto: Mutex<App>,
    article: Arc<Article>,
}

impl Shared {
    /// `article` must be finished (`article::parse`, `article::bundled`).
    pub fn new(article: impl Into<Arc<Article>>) -> Shared {
        let article = article.into();
        let proto = App::new(
            article.clone(),
            Theme::new(false, false),
            Rect::default(),
            &app::Options::default(),
        );
        Shared {
            proto: Mutex::new(proto),
            article,
        }
    }

    pub fn article(&self) -> &Arc<Article> {
        &self.article
    }

    fn app(&self, theme: Theme, size: Rect, options: &app::Options) -> App {
        let proto = self.proto.lock().unwrap_or_else(PoisonError::into_inner);
        proto.fresh(theme, size, options)
    }
}

/// The largest screen a session draws: a client may announce any size up to
/// 65535x65535, and two buffers of that many cells would not fit in memory.
/// A bigger terminal shows the browser in its top-left corner. 640x320 is
/// two full-screen 4K monitors' worth of a small font, about 16 MiB of
/// screen buffers at most.
pub const MAX_COLUMNS: u16 = 640;
pub const MAX_ROWS: u16 = 320;

fn clamp_size(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_COLUMNS), height.min(MAX_ROWS))
}

/// One reader's browser.
pub struct Session {
    app: App,
    screen: Screen<Vec<u8>>,
    decoder: Decoder,
    terminal: Terminal,
    quit: bool,
}

// Sessions move between threads (one per connection, or a pool).
const _: () = {
    const fn send<T: Send>() {}
    send::<Session>();
    // The shared article is read from many threads at once.
    const fn share<T: Send + Sync>() {}
    share::<Article>();
    share::<Shared>();
};

impl Session {
    /// A session on a shared article at `width` x `height`. The first
    /// frame, with the set-up sequences, is waiting in
    /// [`Session::take_output`].
    pub fn new(
        shared: &Shared,
        width: u16,
        height: u16,
        terminal: Terminal,
        options: &app::Options,
    ) -> Session {
        let (width, height) = clamp_size(width, height);
        let size = Rect::new(0, 0, width, height);
        let app = shared.app(terminal.theme(), size, options);
        Self::start(app, terminal)
    }

    /// A session on an article whose items are still to find (one reader:
    /// the article is not shared until they are found); see
    /// [`App::with_items_pending`].
    pub fn with_items_pending(
        article: impl Into<Arc<Article>>,
        items: Items,
        width: u16,
        height: u16,
        terminal: Terminal,
        options: &app::Options,
    ) -> Session {
        let (width, height) = clamp_size(width, height);
        let size = Rect::new(0, 0, width, height);
        let app = App::with_items_pending(article, items, terminal.theme(), size, options);
        Self::start(app, terminal)
    }

    fn start(mut app: App, terminal: Terminal) -> Session {
        let (w, h) = (app.size.width, app.size.height);
        let mut screen = Screen::with_caps(Vec::new(), w, h, terminal.caps);
        screen.queue(terminal.enter_seq().as_bytes());
        app.clipboard_works = terminal.caps.osc52;
        let mut s = Session {
            app,
            screen,
            decoder: Decoder::new(),
            terminal,
            quit: false,
        };
        s.draw();
        s
    }

    /// Bytes from the reader's terminal: every event in them is applied, then
    /// one frame is drawn (keys typed faster than frames cost one frame).
    /// After the reader quit, input is ignored.
    pub fn feed(&mut self, bytes: &[u8]) {
        if self.quit {
            return;
        }
        self.decoder.feed(bytes);
        self.apply_decoded();
    }

    /// True while input bytes wait for the rest of a sequence (a lone ESC);
    /// the front end calls [`Session::flush_input`] if nothing more comes
    /// within a short pause (tens of milliseconds plus the link's jitter).
    pub fn input_pending(&self) -> bool {
        !self.quit && self.decoder.has_pending()
    }

    /// The input paused: a lone ESC is the Esc key.
    pub fn flush_input(&mut self) {
        if self.quit {
            return;
        }
        self.decoder.flush();
        self.apply_decoded();
    }

    /// The reader's terminal changed size (drawn at most
    /// [`MAX_COLUMNS`] x [`MAX_ROWS`]).
    pub fn resize(&mut self, width: u16, height: u16) {
        if self.quit {
            return;
        }
        let (width, height) = clamp_size(width, height);
        apply(&mut self.app, Event::Resize(width, height));
        self.draw();
    }

    /// Applies events without decoding (a front end that has them already),
    /// then draws once.
    pub fn events(&mut self, events: impl IntoIterator<Item = Event>) {
        let mut applied = false;
        for ev in events {
            if self.quit {
                break;
            }
            self.apply_one(ev);
            applied = true;
        }
        self.after_events(applied);
    }

    /// True while the app has work to finish between keys; the front end
    /// calls [`Session::work`] while no input is waiting, until this is false.
    pub fn has_work(&self) -> bool {
        !self.quit && self.app.has_work()
    }

    /// One slice (about a millisecond) of that work, and the frame it changed.
    pub fn work(&mut self) {
        if self.has_work() {
            self.app.work();
            self.draw();
        }
    }

    /// The bytes to send to the reader's terminal since the last call.
    pub fn take_output(&mut self) -> Vec<u8> {
        std::mem::take(self.screen.get_mut())
    }

    /// True once the reader quit: the output ends by putting their terminal
    /// back, and the front end may close the channel after sending it.
    pub fn wants_quit(&self) -> bool {
        self.quit
    }

    pub fn app(&self) -> &App {
        &self.app
    }

    pub fn terminal(&self) -> &Terminal {
        &self.terminal
    }

    /// What the reader's terminal shows now (the last frame sent).
    pub fn shown(&self) -> &ratatui::buffer::Buffer {
        self.screen.shown()
    }

    fn apply_decoded(&mut self) {
        let mut applied = false;
        while let Some(ev) = self.decoder.next_event() {
            if self.quit {
                // Dropped: nothing after the quitting key is read.
                continue;
            }
            self.apply_one(ev);
            applied = true;
        }
        self.after_events(applied);
    }

    fn apply_one(&mut self, ev: Event) {
        let ev = match ev {
            Event::Resize(w, h) => {
                let (w, h) = clamp_size(w, h);
                Event::Resize(w, h)
            }
            ev => ev,
        };
        apply(&mut self.app, ev);
        self.quit = self.app.quit;
    }

    /// The frame for the events just applied (none: nothing to draw), or the
    /// goodbye when one of them quit.
    fn after_events(&mut self, applied: bool) {
        if !applied {
            return;
        }
        if self.quit {
            if let Some(text) = self.app.clipboard.take()
                && self.screen.caps().osc52
            {
                self.screen.queue(osc52(&text).as_bytes());
            }
            self.screen.queue(self.terminal.leave_seq().as_bytes());
            // A Vec takes every write: this cannot fail.
            let _ = self.screen.send_queued();
        } else {
            self.draw();
        }
    }

    fn draw(&mut self) {
        // A Vec takes every write: this cannot fail.
        let _ = draw(&mut self.screen, &mut self.app);
    }
}

/// Applies one event to the app (a key release or a button does nothing).
pub fn apply(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.on_key(k),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.wheel(m.column, m.row, true),
            MouseEventKind::ScrollUp => app.wheel(m.column, m.row, false),
            MouseEventKind::Down(MouseButton::Left) => app.click(m.column, m.row),
            _ => {}
        },
        Event::Paste(text) => app.on_paste(&text),
        Event::Resize(w, h) => app.resize(w, h),
        Event::Key(_) => {}
    }
}

/// Draws the app's current state: the difference from what the terminal
/// shows goes out in one write, with a pending clipboard copy.
pub fn draw<W: Write>(screen: &mut Screen<W>, app: &mut App) -> io::Result<()> {
    if let Some(text) = app.clipboard.take()
        && screen.caps().osc52
    {
        screen.queue(osc52(&text).as_bytes());
    }
    if screen.area() != app.size {
        screen.resize(app.size.width, app.size.height);
    }
    if screen.caps().osc8 {
        screen.set_links(link_spots(app));
    }
    let pane = scroll_pane(app);
    screen.draw(|buf| (&*app).render(buf.area, buf), pane)
}

/// The Read view's links on screen whose targets may go to the terminal
/// as OSC 8 hyperlinks (see [`crate::wire::osc8_target`]).
pub fn link_spots(app: &App) -> Vec<LinkSpot> {
    app.read_link_cells()
        .into_iter()
        .filter_map(|c| {
            let url = crate::wire::osc8_target(&app.link_url(c.link)?)?;
            Some(LinkSpot {
                y: c.y,
                x0: c.x0,
                x1: c.x1,
                url,
            })
        })
        .collect()
}

/// The pane whose rows may have scrolled since the last frame, for the
/// screen's scroll detection: the content pane in the Read view, the body
/// elsewhere; none under the help overlay.
pub fn scroll_pane(app: &App) -> Option<Rect> {
    if geometry::too_small(app.size) || app.help.is_some() {
        return None;
    }
    Some(match app.view {
        View::Read => app.read_panes().1,
        _ => geometry::body(app.size),
    })
}

/// OSC 52 clipboard write (works through SSH and tmux in common terminals).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                s.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                s.push('=');
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn capabilities_come_from_the_readers_environment() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let t = Terminal::from_env(env(&[("TERM", "xterm"), ("LANG", "en_US.UTF-8")]));
        assert!(t.caps.color && !t.caps.ascii && t.is_capable());
        let t = Terminal::from_env(env(&[("TERM", "xterm"), ("NO_COLOR", "1"), ("LANG", "C")]));
        assert!(!t.caps.color && t.caps.ascii);
        let t = Terminal::from_env(env(&[
            ("TERM", "dumb"),
            ("LANG", "C.UTF-8"),
            ("LC_ALL", "POSIX"),
        ]));
        assert!(!t.caps.color && t.caps.ascii && !t.is_capable());
        assert!(!Terminal::from_env(env(&[])).is_capable());
    }
}
