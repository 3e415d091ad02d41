//! The terminal's modes and every way out of them: raw mode on and off, the
//! restore sequence, suspend (Ctrl-Z, SIGTSTP) and resume, and the signal
//! thread that restores the terminal and exits on SIGTERM, SIGHUP or SIGINT.
//!
//! The restore path takes no lock: the bytes that put the terminal back go
//! out through a descriptor of its own, opened non-blocking, so a frame stuck
//! in a stalled link (it holds stdout and waits) cannot keep a signal from
//! restoring the terminal and exiting. The line discipline is set with
//! `tcsetattr` directly (crossterm keeps the saved modes private, behind a
//! lock), which is why this file calls libc: no crate offers a raw mode whose
//! restore is safe to run beside a blocked write.
//!
//! The one module where `unsafe` is allowed wholesale (the crate denies it):
//! each block is a libc call, with a `SAFETY:` comment.
#![allow(unsafe_code)]

use std::io;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicU64, Ordering};

/// Enter the alternate screen and hide the cursor.
pub const ENTER: &str = "\x1b[?1049h\x1b[?25l";
/// Mouse buttons and wheel, SGR-encoded (no motion reports: they would wake
/// the program and cross the link on every pointer move).
pub const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
/// Bracketed paste: a paste arrives as one event, not as thousands of keys.
pub const PASTE_ON: &str = "\x1b[?2004h";

/// The bytes that put a terminal back as we found it. CAN first: a frame
/// cut short by a flushed, stalled link may have left the terminal inside
/// an escape sequence, which CAN abandons.
pub const RESTORE: &str = "\x18\x1b[?2004l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[0m\x1b[?25h\x1b[?1049l";

/// The terminal whose modes are changed: stdin, or `/dev/tty` when stdin is
/// not a terminal (an article piped in). -1 before [`open`].
static TTY: AtomicI32 = AtomicI32::new(-1);
/// Stdout reopened non-blocking for the restore sequence (-1: use fd 1).
static OUT: AtomicI32 = AtomicI32::new(-1);
/// The modes found at start-up.
static ORIGINAL: OnceLock<libc::termios> = OnceLock::new();
/// True while the terminal is raw and on the alternate screen.
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Set by the one path that leaves for good (a signal or the main thread).
static LEAVING: AtomicBool = AtomicBool::new(false);
/// The terminal was left and re-entered (SIGTSTP then SIGCONT): the next
/// frame must repaint everything.
static REPAINT: AtomicBool = AtomicBool::new(false);
/// The thread that draws (set when raw mode starts), to interrupt its
/// blocked write; 0 before.
static MAIN: AtomicU64 = AtomicU64::new(0);
/// `--decide-out`: the path and the latest text, written on every way out.
static DECISION: Mutex<Option<(PathBuf, String)>> = Mutex::new(None);

/// Why there is no terminal to run on, as one line.
fn no_terminal(e: &io::Error) -> io::Error {
    io::Error::new(
        e.kind(),
        "no terminal to read keys from (standard input is not a terminal and /dev/tty cannot be opened); use --print or --json",
    )
}

/// Finds the terminal and saves its modes; nothing is changed yet.
pub fn open() -> io::Result<()> {
    if TTY.load(Ordering::Acquire) >= 0 {
        return Ok(());
    }
    // SAFETY: isatty only inspects the descriptor.
    let fd = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
        libc::STDIN_FILENO
    } else {
        // SAFETY: a NUL-terminated path; the descriptor is kept for the process's life.
        let fd = unsafe {
            libc::open(
                c"/dev/tty".as_ptr(),
                libc::O_RDWR | libc::O_NOCTTY | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            return Err(no_terminal(&io::Error::last_os_error()));
        }
        fd
    };
    // SAFETY: tcgetattr fills the termios struct passed and reads nothing else.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
        return Err(no_terminal(&io::Error::last_os_error()));
    }
    let _ = ORIGINAL.set(t);
    // The terminal stdout writes to, as a new open file: O_NONBLOCK on it
    // leaves stdout's own (shared with the shell) blocking.
    // SAFETY: a NUL-terminated path; the descriptor is kept for the process's life.
    let out = unsafe {
        libc::open(
            c"/proc/self/fd/1".as_ptr(),
            libc::O_WRONLY | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC,
        )
    };
    OUT.store(out, Ordering::Release);
    TTY.store(fd, Ordering::Release);
    Ok(())
}

/// Raw mode: keys one at a time, no echo, no signals from Ctrl-C or Ctrl-Z.
pub fn raw() -> io::Result<()> {
    let (fd, Some(orig)) = (TTY.load(Ordering::Acquire), ORIGINAL.get()) else {
        return Err(io::Error::other("the terminal was not opened"));
    };
    let mut t = *orig;
    // SAFETY: cfmakeraw edits the struct passed; tcsetattr reads it.
    unsafe { libc::cfmakeraw(&mut t) };
    if unsafe { libc::tcsetattr(fd, libc::TCSANOW, &t) } != 0 {
        return Err(io::Error::last_os_error());
    }
    ACTIVE.store(true, Ordering::Release);
    if MAIN.load(Ordering::Acquire) == 0 {
        // SAFETY: pthread_self has no preconditions.
        MAIN.store(unsafe { libc::pthread_self() } as u64, Ordering::Release);
        install_interrupt();
    }
    Ok(())
}

/// SIGUSR2, without SA_RESTART and with a handler that does nothing: sent
/// to the drawing thread, it makes a write blocked on a stalled link return
/// (EINTR), which lets go of the terminal's write lock.
fn install_interrupt() {
    extern "C" fn nothing(_: libc::c_int) {}
    // SAFETY: a zeroed sigaction with a handler that touches nothing and no
    // flags (so a blocked system call is interrupted, not restarted).
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = nothing as extern "C" fn(libc::c_int) as usize;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGUSR2, &sa, std::ptr::null_mut());
    }
}

/// Interrupts the drawing thread's blocked write, if any.
fn interrupt_main() {
    let main = MAIN.load(Ordering::Acquire);
    if main != 0 {
        // SAFETY: the drawing thread lives as long as the process.
        unsafe { libc::pthread_kill(main as libc::pthread_t, libc::SIGUSR2) };
    }
}

/// True when this process may create files in the folder `dir` (`access(2)`
/// with W_OK: the answer the kernel would give, ACLs and read-only mounts
/// included, without creating anything).
pub fn writable(dir: &std::path::Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: access reads the NUL-terminated path only.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

/// The set-up and restore sequences for this terminal (from its `TERM`,
/// see [`crate::session::Terminal`]), set once before raw mode.
static SEQUENCES: OnceLock<(String, String)> = OnceLock::new();

pub fn set_sequences(enter: String, leave: String) {
    let _ = SEQUENCES.set((enter, leave));
}

/// The sequences that enter the browser's screen (again, after a suspend).
pub fn enter_sequence() -> String {
    SEQUENCES.get().map_or_else(
        || format!("{ENTER}{MOUSE_ON}{PASTE_ON}"),
        |(enter, _)| enter.clone(),
    )
}

/// True once a signal or the main thread has begun to leave: the event
/// loop's writer then writes nothing more (see `tui::RawStdout`), so the
/// restore sequence is the last thing the terminal gets.
pub fn leaving() -> bool {
    LEAVING.load(Ordering::Acquire)
}

/// Writes `bytes` to the terminal without any lock and without blocking for
/// long: when the link is stalled, what is queued for it is thrown away
/// (`tcflush`) to make room, for two seconds at most (a frame being
/// written holds the terminal until it is through; none follows it).
fn write_raw(bytes: &[u8]) {
    let out = OUT.load(Ordering::Acquire);
    let fd = if out >= 0 { out } else { libc::STDOUT_FILENO };
    let mut left = bytes;
    let mut tries = 0;
    while !left.is_empty() && tries < 2000 {
        // SAFETY: writes from a live slice; fd stays open for the process's life.
        let n = unsafe { libc::write(fd, left.as_ptr().cast(), left.len()) };
        if n > 0 {
            left = &left[n as usize..];
            continue;
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EAGAIN) => {
                tries += 1;
                // SAFETY: tcflush discards output not yet sent; it reads no memory.
                unsafe { libc::tcflush(fd, libc::TCOFLUSH) };
                // A frame blocked on the stalled link holds the terminal
                // (flushing does not wake it): interrupt it. It writes
                // nothing more once we are leaving.
                if LEAVING.load(Ordering::Acquire) {
                    interrupt_main();
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            _ => return,
        }
    }
}

/// Puts the terminal back as it was found: safe to call more than once, from
/// any thread, while another thread is blocked writing a frame.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::AcqRel) {
        return;
    }
    // CAN first: it ends any sequence a frame cut short left open.
    match SEQUENCES.get() {
        Some((_, leave)) => {
            write_raw(b"\x18");
            write_raw(leave.as_bytes());
        }
        None => write_raw(RESTORE.as_bytes()),
    }
    cooked();
}

/// The line discipline as it was found.
fn cooked() {
    if let (fd, Some(orig)) = (TTY.load(Ordering::Acquire), ORIGINAL.get())
        && fd >= 0
    {
        // SAFETY: tcsetattr reads the saved struct.
        unsafe { libc::tcsetattr(fd, libc::TCSANOW, orig) };
    }
}

/// Takes the terminal out of raw mode and stops the process (Ctrl-Z,
/// SIGTSTP); when it is continued (`fg`), raw mode and the screen's modes
/// come back. The caller repaints everything: what the terminal shows now is
/// unknown.
/// False when the terminal was not raw (nothing was done).
pub fn suspend() -> bool {
    if !ACTIVE.load(Ordering::Acquire) {
        return false;
    }
    restore();
    // SAFETY: stops this process until SIGCONT; no memory is involved.
    unsafe { libc::raise(libc::SIGSTOP) };
    if LEAVING.load(Ordering::Acquire) {
        return false;
    }
    if raw().is_ok() {
        write_raw(enter_sequence().as_bytes());
    }
    true
}

/// True once after a suspend and resume: the screen must be repainted.
pub fn take_repaint() -> bool {
    REPAINT.swap(false, Ordering::AcqRel)
}

/// `--decide-out`: what to write on the way out (the latest answers).
pub fn set_decision(path: PathBuf, text: String) {
    if let Ok(mut d) = DECISION.lock() {
        *d = Some((path, text));
    }
}

/// Writes the decision, if any, and says where on stderr (the terminal is
/// restored by then). Returns the error message when it could not be written.
fn write_decision() -> Option<String> {
    let d = DECISION.lock().ok()?.take()?;
    let (path, text) = d;
    let shown = crate::article::sanitize::visible(&path.to_string_lossy()).into_owned();
    match std::fs::write(&path, text) {
        Ok(()) => {
            let msg = format!("wrote decision to {shown}\n");
            // SAFETY: writes from a live buffer to stderr; no lock is taken.
            unsafe { libc::write(libc::STDERR_FILENO, msg.as_ptr().cast(), msg.len()) };
            None
        }
        Err(e) => Some(format!("--decide-out {shown}: {}", short_io(&e))),
    }
}

/// An I/O error without the "(os error N)" tail, lower-cased.
pub fn short_io(e: &io::Error) -> String {
    let s = e.to_string();
    let s = s.split(" (os error").next().unwrap_or(&s);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The main thread's way out: restores the terminal and writes the
/// decision, unless a signal is already doing so (then it waits to be ended).
pub fn leave() -> Option<String> {
    if LEAVING.swap(true, Ordering::AcqRel) {
        loop {
            std::thread::park();
        }
    }
    restore();
    write_decision()
}

/// SIGTERM, SIGHUP (a dropped SSH connection) and SIGINT restore the
/// terminal, write the decision and exit; SIGTSTP restores it and stops.
/// Installed before raw mode, so no signal finds the terminal raw and
/// nobody there to put it back.
pub fn install_signal_handlers() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP])?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if sig == SIGTSTP {
                if !LEAVING.load(Ordering::Acquire) && suspend() {
                    REPAINT.store(true, Ordering::Release);
                    // Wakes the event loop (crossterm reports a resize) to repaint.
                    // SAFETY: sends a signal to this process; no memory is involved.
                    unsafe { libc::kill(libc::getpid(), libc::SIGWINCH) };
                }
                continue;
            }
            if LEAVING.swap(true, Ordering::AcqRel) {
                continue;
            }
            restore();
            if let Some(msg) = write_decision() {
                let msg = format!("versus: {msg}\n");
                // SAFETY: writes from a live buffer to stderr; no lock is taken.
                unsafe { libc::write(libc::STDERR_FILENO, msg.as_ptr().cast(), msg.len()) };
            }
            // Not `std::process::exit`: its clean-up would wait for stdout,
            // which a blocked frame may hold.
            // SAFETY: ends the process at once.
            unsafe { libc::_exit(128 + sig) };
        }
    });
    Ok(())
}
