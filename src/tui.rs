//! The terminal: set-up, restore on every exit path, and the one event loop.
//!
//! The loop is generic over where events come from ([`Events`]) and where
//! bytes go (any `Write` behind a ratatui backend), so the same code can later
//! serve a reader over an SSH channel.

use crate::app::{App, Options, View};
use crate::article::Article;
use crate::cli::{Args, ViewArg};
use crate::render::theme::Theme;
use crossterm::event::{self, Event, KeyEventKind, MouseEventKind};
use crossterm::{execute, terminal};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
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
pub struct TerminalEvents;

impl Events for TerminalEvents {
    fn next(&mut self) -> io::Result<Event> {
        event::read()
    }
    fn pending(&mut self) -> io::Result<bool> {
        event::poll(Duration::ZERO)
    }
}

/// Collects a frame's output and sends it in one write, so a key costs one
/// packet over SSH.
pub struct FrameWriter<W: Write> {
    buf: Vec<u8>,
    out: W,
}

impl<W: Write> FrameWriter<W> {
    pub fn new(out: W) -> Self {
        FrameWriter {
            buf: Vec::with_capacity(16 * 1024),
            out,
        }
    }
}

impl<W: Write> Write for FrameWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        self.out.flush()
    }
}

/// Stdout, locked for each whole write so a signal's restore never lands mid-frame.
pub struct LockedStdout;

impl Write for LockedStdout {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        io::stdout().lock().write(data)
    }
    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        io::stdout().lock().write_all(data)
    }
    fn flush(&mut self) -> io::Result<()> {
        io::stdout().lock().flush()
    }
}

/// The bytes that put a terminal back as we found it.
const RESTORE: &str =
    "\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[0m\x1b[?25h\x1b[?1049l";

/// Restores the terminal; safe to call more than once and from any thread.
pub fn restore_terminal() {
    let mut out = io::stdout().lock();
    let _ = out.write_all(RESTORE.as_bytes());
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

pub fn options(args: &Args) -> Options {
    let view = match args.view {
        ViewArg::Read => View::Read,
        ViewArg::Table => View::Table,
        ViewArg::Pros => View::Pros,
        ViewArg::Decide => View::Decide,
    };
    Options {
        view: Some(view),
        section: args.section.clone(),
        decide_out: args.decide_out.clone(),
    }
}

/// Runs the full-screen browser on the process's terminal.
pub fn run(article: Article, args: &Args, theme: Theme) -> io::Result<()> {
    install_panic_hook();
    install_signal_handlers()?;
    terminal::enable_raw_mode()?;
    let _guard = Guard;
    let mut out = FrameWriter::new(LockedStdout);
    execute!(out, terminal::EnterAlternateScreen, crossterm::cursor::Hide)?;
    if !args.no_mouse {
        execute!(out, event::EnableMouseCapture)?;
    }
    let mut term = Terminal::new(CrosstermBackend::new(out))?;
    let size = term.size()?;
    let mut app = App::new(
        article,
        theme,
        Rect::new(0, 0, size.width, size.height),
        &options(args),
    );
    run_app(&mut term, &mut app, &mut TerminalEvents)?;
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
/// already queued, draw again. No tick: idle means no bytes and no CPU.
pub fn run_app<W: Write, E: Events>(
    term: &mut Terminal<CrosstermBackend<W>>,
    app: &mut App,
    events: &mut E,
) -> io::Result<()> {
    term.draw(|f| f.render_widget(&*app, f.area()))?;
    loop {
        handle(app, events.next()?);
        while !app.quit && events.pending()? {
            handle(app, events.next()?);
        }
        if app.quit {
            return Ok(());
        }
        if let Some(text) = app.clipboard.take() {
            write!(term.backend_mut(), "{}", osc52(&text))?;
        }
        if term.size()? != app.size.as_size() {
            term.resize(app.size)?;
        }
        term.draw(|f| f.render_widget(&*app, f.area()))?;
        Backend::flush(term.backend_mut())?;
    }
}

fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            debug_panic_trigger(&k);
            app.on_key(k);
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollDown => app.wheel(m.column, m.row, true),
            MouseEventKind::ScrollUp => app.wheel(m.column, m.row, false),
            _ => {}
        },
        Event::Resize(w, h) => app.resize(w, h),
        _ => {}
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
    fn frame_writer_sends_one_write_per_flush() {
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
        let mut w = FrameWriter::new(Count(Vec::new()));
        w.write_all(b"abc").unwrap();
        w.write_all(b"def").unwrap();
        w.flush().unwrap();
        assert_eq!(w.out.0, vec![6]);
    }
}
