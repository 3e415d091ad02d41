//! The terminal: set-up, restore on every exit path, and the one event loop.
//!
//! The process's own terminal (raw mode through [`crate::tty`], signals, the
//! panic hook, [`run`]) is Unix only (`cfg(unix)`); the event loop, the
//! conversion of crossterm's events and `--decide-out` build everywhere.
//!
//! The loop is generic over where events come from ([`Events`]) and where
//! bytes go (any `Write` behind a ratatui backend), so the same code can later
//! serve a reader over an SSH channel.

use crate::app::App;
#[cfg(unix)]
use crate::app::Options;
#[cfg(unix)]
use crate::app::browser::Browser;
#[cfg(unix)]
use crate::app::library::LibraryView;
#[cfg(unix)]
use crate::article::Article;
#[cfg(unix)]
use crate::article::parse::Items;
use crate::event::{self, Event, KeyEventKind, MouseEventKind};
use crate::keys;
use crate::session::Reader;
#[cfg(unix)]
use crate::session::Terminal;
#[cfg(unix)]
use crate::tty;
#[cfg(unix)]
use crate::tty::{short_io, writable};
use crate::wire::Screen;
use crossterm::event as ct;
#[cfg(unix)]
use crossterm::terminal;
#[cfg(unix)]
use ratatui::layout::Rect;
use std::io::{self, Write};
#[cfg(unix)]
use std::time::Duration;

/// A source of terminal events.
pub trait Events {
    /// Blocks until the next event.
    fn next(&mut self) -> io::Result<Event>;
    /// True when an event is already waiting (keys typed faster than frames).
    fn pending(&mut self) -> io::Result<bool>;
}

/// Events from the process's terminal (or `/dev/tty` when stdin is a pipe).
#[cfg(unix)]
#[derive(Default)]
pub struct TerminalEvents;

#[cfg(unix)]
impl Events for TerminalEvents {
    fn next(&mut self) -> io::Result<Event> {
        loop {
            if let Some(ev) = from_crossterm(ct::read()?) {
                return Ok(ev);
            }
        }
    }
    fn pending(&mut self) -> io::Result<bool> {
        // Not `poll(Duration::ZERO)`: with crossterm's `use-dev-tty` source
        // a zero timeout never looks at the events it has already read and
        // parsed (crossterm issue #839), so a burst of keys read in one go
        // would be drawn one frame per key. A short timeout looks at them
        // first, then polls the terminal without waiting (under a
        // millisecond rounds down to 0 ms), and gives up after a few
        // microseconds at most. (Dropping `use-dev-tty` for crossterm's mio
        // source would fix #839 but not keep its read loop from spinning on
        // EIO or EOF, which a dropped link gives: it retries any read error
        // other than EWOULDBLOCK/EINTR forever; this source returns it.)
        ct::poll(Duration::from_micros(50))
    }
}
/// Crossterm's event as ours; `None` for what the app never hears of (focus,
/// media and modifier keys).
pub fn from_crossterm(ev: ct::Event) -> Option<Event> {
    Some(match ev {
        ct::Event::Key(k) => Event::Key(event::KeyEvent {
            code: key_code(k.code)?,
            modifiers: event::KeyModifiers::from_bits_truncate(k.modifiers.bits()),
            kind: match k.kind {
                ct::KeyEventKind::Press => KeyEventKind::Press,
                ct::KeyEventKind::Repeat => KeyEventKind::Repeat,
                ct::KeyEventKind::Release => KeyEventKind::Release,
            },
            state: event::KeyEventState::from_bits_truncate(k.state.bits()),
        }),
        ct::Event::Mouse(m) => {
            let button = |b| match b {
                ct::MouseButton::Left => event::MouseButton::Left,
                ct::MouseButton::Right => event::MouseButton::Right,
                ct::MouseButton::Middle => event::MouseButton::Middle,
            };
            Event::Mouse(event::MouseEvent {
                kind: match m.kind {
                    ct::MouseEventKind::Down(b) => MouseEventKind::Down(button(b)),
                    ct::MouseEventKind::Up(b) => MouseEventKind::Up(button(b)),
                    ct::MouseEventKind::Drag(b) => MouseEventKind::Drag(button(b)),
                    ct::MouseEventKind::Moved => MouseEventKind::Moved,
                    ct::MouseEventKind::ScrollDown => MouseEventKind::ScrollDown,
                    ct::MouseEventKind::ScrollUp => MouseEventKind::ScrollUp,
                    ct::MouseEventKind::ScrollLeft => MouseEventKind::ScrollLeft,
                    ct::MouseEventKind::ScrollRight => MouseEventKind::ScrollRight,
                },
                column: m.column,
                row: m.row,
                modifiers: event::KeyModifiers::from_bits_truncate(m.modifiers.bits()),
            })
        }
        ct::Event::Paste(text) => Event::Paste(text),
        ct::Event::Resize(w, h) => Event::Resize(w, h),
        ct::Event::FocusGained | ct::Event::FocusLost => return None,
    })
}

fn key_code(c: ct::KeyCode) -> Option<event::KeyCode> {
    use event::KeyCode as K;
    Some(match c {
        ct::KeyCode::Backspace => K::Backspace,
        ct::KeyCode::Enter => K::Enter,
        ct::KeyCode::Left => K::Left,
        ct::KeyCode::Right => K::Right,
        ct::KeyCode::Up => K::Up,
        ct::KeyCode::Down => K::Down,
        ct::KeyCode::Home => K::Home,
        ct::KeyCode::End => K::End,
        ct::KeyCode::PageUp => K::PageUp,
        ct::KeyCode::PageDown => K::PageDown,
        ct::KeyCode::Tab => K::Tab,
        ct::KeyCode::BackTab => K::BackTab,
        ct::KeyCode::Delete => K::Delete,
        ct::KeyCode::Insert => K::Insert,
        ct::KeyCode::F(n) => K::F(n),
        ct::KeyCode::Char(c) => K::Char(c),
        ct::KeyCode::Null => K::Null,
        ct::KeyCode::Esc => K::Esc,
        ct::KeyCode::CapsLock => K::CapsLock,
        ct::KeyCode::ScrollLock => K::ScrollLock,
        ct::KeyCode::NumLock => K::NumLock,
        ct::KeyCode::PrintScreen => K::PrintScreen,
        ct::KeyCode::Pause => K::Pause,
        ct::KeyCode::Menu => K::Menu,
        ct::KeyCode::KeypadBegin => K::KeypadBegin,
        ct::KeyCode::Media(_) | ct::KeyCode::Modifier(_) => return None,
    })
}

/// The terminal's size from stdout, without opening `/dev/tty`.
#[cfg(unix)]
#[allow(unsafe_code)] // TIOCGWINSZ on fd 1: no safe wrapper among our crates.
fn terminal_size() -> io::Result<(u16, u16)> {
    // SAFETY: TIOCGWINSZ fills a winsize struct and reads nothing else.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    if unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0
        && ws.ws_col > 0
        && ws.ws_row > 0
    {
        return Ok((ws.ws_col, ws.ws_row));
    }
    terminal::size()
}

/// Stdout without its line buffer: each frame goes out in exactly one
/// `write` (std's `LineWriter` would split a frame at its last newline). The
/// stdout lock is held for the write so a signal's restore never lands
/// mid-frame.
#[cfg(unix)]
pub struct RawStdout;

#[cfg(unix)]
impl RawStdout {
    #[allow(unsafe_code)] // a File over fd 1 that is never closed.
    fn with<T>(f: impl FnOnce(&mut std::fs::File) -> T) -> T {
        use std::os::fd::FromRawFd;
        // A signal is restoring the terminal and ending the process: no frame
        // may follow the restore sequence.
        while tty::leaving() {
            std::thread::park();
        }
        let mut lock = io::stdout().lock();
        let _ = lock.flush();
        // SAFETY: fd 1 stays open for the life of the process; ManuallyDrop never closes it.
        let mut file = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
        f(&mut file)
    }
}

#[cfg(unix)]
impl Write for RawStdout {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        Self::with(|f| f.write(data))
    }
    fn write_all(&mut self, mut data: &[u8]) -> io::Result<()> {
        // Not `File::write_all`: a write interrupted by a signal that is
        // restoring the terminal must not be retried (see `with`).
        while !data.is_empty() {
            match Self::with(|f| f.write(data)) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => data = &data[n..],
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

pub use crate::session::{RESTORE, enter_seq, restore_seq};

/// Restores the terminal; safe to call more than once and from any thread.
#[cfg(unix)]
pub fn restore_terminal() {
    tty::restore();
}

#[cfg(unix)]
struct Guard;

#[cfg(unix)]
impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

#[cfg(unix)]
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

pub use crate::session::{ENTER, MOUSE_ON, PASTE_ON};

/// Runs the full-screen browser on the process's terminal. Nothing here
/// waits for an answer from the terminal: the first frame goes out as soon
/// as the article is parsed, together with the set-up sequences, in one write.
///
/// Every way out restores the terminal and writes `--decide-out`: quitting,
/// an error reading the terminal (a dropped link: EOF or EIO), a panic (the
/// terminal only), SIGTERM, SIGHUP and SIGINT (the signal thread, see
/// [`tty`]). The signal handlers are in place before raw mode.
/// `terminal` is what the command line and the environment say of it
/// (capabilities, colour, glyphs, mouse), `options` where to start.
#[cfg(unix)]
pub fn run(
    article: Article,
    items: Items,
    terminal: &Terminal,
    options: &Options,
) -> io::Result<()> {
    let caps = terminal.caps;
    front_end(terminal, |size| {
        let mut app = App::with_items_pending(article, items, terminal.theme(), size, options);
        app.clipboard_works = caps.osc52;
        app
    })
}

/// [`run`] on a library: the list of its articles first.
#[cfg(unix)]
pub fn run_library(
    library: LibraryView,
    title: String,
    terminal: &Terminal,
    options: &Options,
) -> io::Result<()> {
    front_end(terminal, |size| {
        let mut b = Browser::library(library, title, terminal.theme(), size, options.clone());
        b.set_clipboard_works(terminal.caps.osc52);
        b
    })
}

/// The terminal set up, the reader made at its size and driven until it
/// quits, and the terminal put back on every way out.
#[cfg(unix)]
fn front_end<R: Reader>(terminal: &Terminal, make: impl FnOnce(Rect) -> R) -> io::Result<()> {
    install_panic_hook();
    tty::open()?;
    tty::install_signal_handlers()?;
    tty::set_sequences(terminal.enter_seq(), terminal.leave_seq());
    tty::raw()?;
    let guard = Guard;
    debug_first_frame_delay();
    let (w, h) = terminal_size()?;
    let mut screen = Screen::with_caps(RawStdout, w, h, terminal.caps);
    screen.queue(tty::enter_sequence().as_bytes());
    let mut reader = make(Rect::new(0, 0, w, h));
    keep_decision(&reader);
    let r = run_app(&mut screen, &mut reader, &mut TerminalEvents);
    keep_decision(&reader);
    let failed = tty::leave();
    drop(guard);
    r?;
    match failed {
        Some(msg) => Err(io::Error::other(msg)),
        None => Ok(()),
    }
}

/// Hands the Decide view's current answers to the way out (`--decide-out`).
fn keep_decision<R: Reader>(reader: &R) {
    #[cfg(unix)]
    if let Some(app) = reader.article_app()
        && let Some(path) = &app.decide.out
    {
        tty::set_decision(path.clone(), app.decide_markdown());
    }
    // Elsewhere no signal path writes it: only the way out of `run`.
    #[cfg(not(unix))]
    let _ = reader;
}

/// `--decide-out FILE`: the Decide view's answers and result as markdown
/// (also when nothing was answered). The browser writes them on its way out
/// through [`tty`], which does the same from a signal's thread.
pub fn write_decide_out(app: &App) -> io::Result<()> {
    let Some(path) = &app.decide.out else {
        return Ok(());
    };
    std::fs::write(path, app.decide_markdown()).map_err(|e| {
        let shown = crate::article::sanitize::visible(&path.to_string_lossy()).into_owned();
        io::Error::new(e.kind(), format!("--decide-out {shown}: {}", short_io(&e)))
    })
}

/// `--decide-out FILE`, checked at start-up: a regular file that can be
/// written, or a new file in a directory that exists. Anything else (a
/// directory, a FIFO that would block the way out, a device) is refused
/// before the terminal is touched.
pub fn check_decide_out(path: &std::path::Path) -> Result<(), String> {
    let problem = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Some("is a directory".to_string()),
        Ok(m) if !m.is_file() => Some("is not a regular file".to_string()),
        Ok(_) => std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .err()
            .map(|e| short_io(&e)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let parent = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(std::path::Path::new("."));
            match std::fs::metadata(parent) {
                Ok(m) if m.is_dir() => {
                    (!writable(parent)).then(|| "its directory is not writable".to_string())
                }
                Ok(_) => Some("its directory is not a directory".to_string()),
                Err(_) => Some("its directory does not exist".to_string()),
            }
        }
        Err(e) => Some(short_io(&e)),
    };
    match problem {
        None => Ok(()),
        Some(p) => Err(format!(
            "--decide-out {}: {p}",
            crate::article::sanitize::visible(&path.to_string_lossy())
        )),
    }
}

/// The one event loop: draw, wait for an event, apply it and every event
/// already queued (a held-down key over a slow link, a paste without
/// bracketed paste), draw once. No tick: idle means no bytes and no CPU once
/// the app's own work is done.
pub fn run_app<W: Write, E: Events, R: Reader>(
    screen: &mut Screen<W>,
    app: &mut R,
    events: &mut E,
) -> io::Result<()> {
    app.draw_on(screen)?;
    loop {
        // Work a key left (a search count, measuring Pros & Cons, reading
        // the library's rows) runs only while no key is waiting.
        if app.has_work() && !events.pending()? {
            app.work();
            app.draw_on(screen)?;
            continue;
        }
        front(screen, app, events.next()?);
        while !app.wants_quit() && events.pending()? {
            front(screen, app, events.next()?);
        }
        keep_decision(app);
        if app.wants_quit() {
            if let Some(text) = app.take_clipboard()
                && screen.caps().osc52
            {
                screen.queue(osc52(&text).as_bytes());
                screen.send_queued()?;
            }
            return Ok(());
        }
        #[cfg(unix)]
        if tty::take_repaint() {
            // Resumed by a SIGCONT the signal thread saw: the terminal shows
            // what the shell left there.
            screen.invalidate();
        }
        app.draw_on(screen)?;
    }
}

/// The keys the front end answers itself (the screen, the process), then
/// everything else for the app.
fn front<W: Write, R: Reader>(screen: &mut Screen<W>, app: &mut R, ev: Event) {
    if let Event::Key(k) = &ev
        && k.kind != KeyEventKind::Release
    {
        match keys::lookup(*k, keys::Context::Global) {
            Some(keys::Action::Redraw) => {
                screen.invalidate();
                return;
            }
            #[cfg(unix)]
            Some(keys::Action::Suspend) => {
                if tty::suspend() {
                    // The size may have changed while stopped.
                    let size = app.size();
                    if let Ok((w, h)) = terminal_size()
                        && (w, h) != (size.width, size.height)
                    {
                        app.apply(Event::Resize(w, h));
                    }
                    screen.invalidate();
                }
                return;
            }
            _ => {}
        }
        debug_panic_trigger(k);
    }
    app.apply(ev);
}

pub use crate::session::{draw, link_spots, scroll_pane};

/// Applies one terminal event to the app.
pub fn handle(app: &mut App, ev: Event) {
    if let Event::Key(k) = &ev {
        debug_panic_trigger(k);
    }
    crate::session::apply(app, ev);
}

/// Debug builds only: `VERSUS_FIRST_FRAME_DELAY_MS=N` waits N ms in raw
/// mode before the first frame, so tests can send a signal in that window.
#[cfg(unix)]
fn debug_first_frame_delay() {
    if cfg!(debug_assertions)
        && let Some(ms) = std::env::var("VERSUS_FIRST_FRAME_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

/// Debug builds only: `VERSUS_PANIC_KEY=!` makes that key panic, so tests can
/// prove the panic hook restores the terminal.
fn debug_panic_trigger(k: &event::KeyEvent) {
    if cfg!(debug_assertions)
        && let (Ok(key), event::KeyCode::Char(c)) = (std::env::var("VERSUS_PANIC_KEY"), k.code)
        && key.starts_with(c)
    {
        panic!("test panic requested with VERSUS_PANIC_KEY");
    }
}

pub use crate::session::osc52;

/// [`crate::tty::short_io`] where there is no `tty` module: the error as std says it.
#[cfg(not(unix))]
fn short_io(e: &io::Error) -> String {
    e.to_string()
}

/// [`crate::tty::writable`] where there is no `access(2)`: a folder not marked read-only.
#[cfg(not(unix))]
fn writable(dir: &std::path::Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_is_one_write() {
        struct Count(Vec<usize>);
        impl Write for Count {
            fn write(&mut self, d: &[u8]) -> io::Result<usize> {
                self.0.push(d.len());
                Ok(d.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut s = Screen::new(Count(Vec::new()), 40, 10);
        s.queue(ENTER.as_bytes());
        s.draw(
            |b| {
                b.set_string(0, 0, "title", ratatui::style::Style::new());
                b.set_string(0, 5, "body", ratatui::style::Style::new());
            },
            None,
        )
        .unwrap();
        assert_eq!(s.get_ref().0.len(), 1);
    }
}
