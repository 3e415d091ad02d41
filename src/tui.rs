//! The terminal: set-up, restore on every exit path, and the one event loop.
//!
//! The loop is generic over where events come from ([`Events`]) and where
//! bytes go (any `Write` behind a ratatui backend), so the same code can later
//! serve a reader over an SSH channel.

use crate::app::{App, Options};
use crate::article::Article;
use crate::article::parse::Items;
use crate::event::{self, Event, KeyEventKind, MouseEventKind};
use crate::render::caps::Caps;
use crate::session::Terminal;
use crate::wire::Screen;
use crossterm::event as ct;
use crossterm::terminal;
use ratatui::layout::Rect;
use std::io::{self, Write};
use std::time::Duration;

/// A source of terminal events.
pub trait Events {
    /// Blocks until the next event.
    fn next(&mut self) -> io::Result<Event>;
    /// True when an event is already waiting (keys typed faster than frames).
    fn pending(&mut self) -> io::Result<bool>;
}

/// Events from the process's terminal (or `/dev/tty` when stdin is a pipe).
/// The signal handlers are installed on the first wait, just after the first
/// frame went out, so that nothing stands between start-up and the first frame.
#[derive(Default)]
pub struct TerminalEvents {
    signals: bool,
}

impl TerminalEvents {
    fn ready(&mut self) -> io::Result<()> {
        if !self.signals {
            install_signal_handlers()?;
            self.signals = true;
        }
        Ok(())
    }
}

impl Events for TerminalEvents {
    fn next(&mut self) -> io::Result<Event> {
        self.ready()?;
        loop {
            if let Some(ev) = from_crossterm(ct::read()?) {
                return Ok(ev);
            }
        }
    }
    fn pending(&mut self) -> io::Result<bool> {
        self.ready()?;
        ct::poll(Duration::ZERO)
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
pub struct RawStdout;

impl RawStdout {
    #[allow(unsafe_code)] // a File over fd 1 that is never closed.
    fn with<T>(f: impl FnOnce(&mut std::fs::File) -> T) -> T {
        use std::os::fd::FromRawFd;
        let mut lock = io::stdout().lock();
        let _ = lock.flush();
        // SAFETY: fd 1 stays open for the life of the process; ManuallyDrop never closes it.
        let mut file = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
        f(&mut file)
    }
}

impl Write for RawStdout {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        Self::with(|f| f.write(data))
    }
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        Self::with(|f| f.write_all(data))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The terminal's capabilities, once it is set up: the restore sends only
/// what it understands.
static CAPS: std::sync::OnceLock<Caps> = std::sync::OnceLock::new();

pub use crate::session::{RESTORE, enter_seq, restore_seq};

/// Restores the terminal; safe to call more than once and from any thread.
pub fn restore_terminal() {
    let mut out = io::stdout().lock();
    let restore = CAPS.get().map_or(RESTORE, restore_seq);
    let _ = out.write_all(restore.as_bytes());
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP (a dropped SSH connection) and SIGINT restore and exit.
fn install_signal_handlers() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore_terminal();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

pub use crate::session::{ENTER, MOUSE_ON};

/// Runs the full-screen browser on the process's terminal. Nothing here
/// waits for an answer from the terminal: the first frame goes out as soon
/// as the article is parsed, together with the set-up sequences, in one write.
/// `terminal` is what the command line and the environment say of it
/// (capabilities, colour, glyphs, mouse), `options` where to start.
pub fn run(
    article: Article,
    items: Items,
    terminal: &Terminal,
    options: &Options,
) -> io::Result<()> {
    let caps = terminal.caps;
    let _ = CAPS.set(caps);
    install_panic_hook();
    terminal::enable_raw_mode()?;
    let _guard = Guard;
    let (w, h) = terminal_size()?;
    let mut screen = Screen::with_caps(RawStdout, w, h, caps);
    screen.queue(enter_seq(&caps, terminal.mouse).as_bytes());
    let size = Rect::new(0, 0, w, h);
    let mut app = App::with_items_pending(article, items, terminal.theme(), size, options);
    app.clipboard_works = caps.osc52;
    run_app(&mut screen, &mut app, &mut TerminalEvents::default())?;
    write_decide_out(&app)
}

/// `--decide-out FILE`: the Decide view's answers and result as markdown,
/// written when the reader quits (also when nothing was answered).
pub fn write_decide_out(app: &App) -> io::Result<()> {
    let Some(path) = &app.decide.out else {
        return Ok(());
    };
    std::fs::write(path, app.decide_markdown())
        .map_err(|e| io::Error::new(e.kind(), format!("--decide-out {}: {e}", path.display())))
}

/// The one event loop: draw, wait for an event, apply it and every event
/// already queued (a held-down key over a slow link), draw once. No tick:
/// idle means no bytes and no CPU once the app's own work is done.
pub fn run_app<W: Write, E: Events>(
    screen: &mut Screen<W>,
    app: &mut App,
    events: &mut E,
) -> io::Result<()> {
    draw(screen, app)?;
    loop {
        // Work a key left (a search count, measuring Pros & Cons) runs only
        // while no key is waiting.
        if app.has_work() && !events.pending()? {
            app.work();
            draw(screen, app)?;
            continue;
        }
        handle(app, events.next()?);
        while !app.quit && events.pending()? {
            handle(app, events.next()?);
        }
        if app.quit {
            if let Some(text) = app.clipboard.take()
                && screen.caps().osc52
            {
                screen.queue(osc52(&text).as_bytes());
                screen.send_queued()?;
            }
            return Ok(());
        }
        draw(screen, app)?;
    }
}

pub use crate::session::{draw, link_spots, osc52, scroll_pane};

/// Applies one terminal event to the app.
pub fn handle(app: &mut App, ev: Event) {
    if let Event::Key(k) = &ev {
        debug_panic_trigger(k);
    }
    crate::session::apply(app, ev);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossterm_events_convert_name_for_name() {
        use crate::event::{KeyCode, KeyEvent, KeyModifiers};
        let mods = [
            (ct::KeyModifiers::SHIFT, KeyModifiers::SHIFT),
            (ct::KeyModifiers::CONTROL, KeyModifiers::CONTROL),
            (ct::KeyModifiers::ALT, KeyModifiers::ALT),
            (ct::KeyModifiers::SUPER, KeyModifiers::SUPER),
            (ct::KeyModifiers::HYPER, KeyModifiers::HYPER),
            (ct::KeyModifiers::META, KeyModifiers::META),
        ];
        for (theirs, ours) in mods {
            let ev = ct::Event::Key(ct::KeyEvent::new(ct::KeyCode::Char('x'), theirs));
            assert_eq!(
                from_crossterm(ev),
                Some(Event::Key(KeyEvent::new(KeyCode::Char('x'), ours)))
            );
        }
        let ev = ct::Event::Key(ct::KeyEvent::new(ct::KeyCode::F(5), ct::KeyModifiers::NONE));
        assert_eq!(
            from_crossterm(ev),
            Some(Event::Key(KeyEvent::new(KeyCode::F(5), KeyModifiers::NONE)))
        );
        let wheel = ct::Event::Mouse(ct::MouseEvent {
            kind: ct::MouseEventKind::ScrollUp,
            column: 3,
            row: 4,
            modifiers: ct::KeyModifiers::CONTROL,
        });
        assert_eq!(
            from_crossterm(wheel),
            Some(Event::Mouse(event::MouseEvent {
                kind: MouseEventKind::ScrollUp,
                column: 3,
                row: 4,
                modifiers: KeyModifiers::CONTROL,
            }))
        );
        assert_eq!(
            from_crossterm(ct::Event::Resize(7, 8)),
            Some(Event::Resize(7, 8))
        );
        assert_eq!(from_crossterm(ct::Event::FocusGained), None);
    }

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
