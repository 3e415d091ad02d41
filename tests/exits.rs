//! Every way out of the browser restores the terminal and writes
//! `--decide-out`; suspend and resume; key bursts and pastes. Each runs the
//! real binary in a pseudo-terminal.
// Test-only libc calls (ptys, FIFOs, termios) and a counting allocator.
#![allow(unsafe_code)]

#[path = "support/pty.rs"]
#[allow(dead_code)]
mod pty;

use pty::Pty;
use std::time::{Duration, Instant};

const TITLE: &str = "Django vs Flask";

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("versus-exits-{}-{name}", std::process::id()))
}

/// True when the process is stopped (state `T` in /proc).
fn stopped(p: &Pty) -> bool {
    let pid = p.child.process_id().unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name in parentheses.
    stat.rsplit(')')
        .next()
        .unwrap_or("")
        .trim_start()
        .starts_with('T')
}

fn wait_until(what: &str, p: &mut Pty, mut f: impl FnMut(&Pty) -> bool) {
    let deadline = Instant::now() + pty::TIMEOUT;
    while !f(p) {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        p.pump(Duration::from_millis(20));
    }
}

fn raw_mode(p: &Pty) -> bool {
    let fd = p.master.as_raw_fd().unwrap();
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
    t.c_lflag & libc::ICANON == 0
}

#[test]
fn sigterm_before_the_first_frame_restores() {
    // The program waits in raw mode before its first frame (debug builds).
    let mut p = Pty::spawn(&[], 80, 24, &[("VERSUS_FIRST_FRAME_DELAY_MS", "3000")]);
    wait_until("raw mode", &mut p, raw_mode);
    p.signal(libc::SIGTERM);
    assert_eq!(p.wait_exit(), 143);
    p.assert_restored();
    assert!(!p.screen().contains(TITLE), "no frame was drawn");
}

#[test]
fn sigterm_while_output_is_blocked_restores_and_exits() {
    let out = temp("blocked.md");
    let out_s = out.to_str().unwrap().to_string();
    let mut p = Pty::spawn(&["--decide-out", &out_s], 200, 60, &[]);
    p.wait_for(TITLE);
    // Nobody reads the terminal any more: full-screen frames pile up until
    // the program's write blocks.
    p.pause(true);
    std::thread::sleep(Duration::from_millis(100));
    // Keys one at a time: a burst is drawn as one frame, and "2G1g" at once
    // would end where it started (no bytes at all).
    for _ in 0..30 {
        for k in ["2", "G", "1", "g"] {
            p.send(k);
            std::thread::sleep(Duration::from_millis(15));
        }
    }
    // The program's main thread is blocked in write(2) (when /proc says).
    let pid = p.child.process_id().unwrap();
    let deadline = Instant::now() + pty::TIMEOUT;
    while let Ok(sc) = std::fs::read_to_string(format!("/proc/{pid}/syscall")) {
        if sc.split(' ').next() == Some(&libc::SYS_write.to_string()) {
            break;
        }
        assert!(Instant::now() < deadline, "never blocked writing: {sc}");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(200));
    p.signal(libc::SIGTERM);
    // The signal is handled while the write is still blocked: the process
    // ends before anything is read.
    let deadline = Instant::now() + pty::TIMEOUT;
    while p.child.try_wait().unwrap().is_none() {
        assert!(
            Instant::now() < deadline,
            "SIGTERM did nothing while output was blocked"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    p.pause(false);
    assert_eq!(p.wait_exit(), 143);
    p.assert_restored();
    let md = std::fs::read_to_string(&out).expect("the decision was written");
    std::fs::remove_file(&out).unwrap();
    assert!(md.starts_with("# Decision: Django vs Flask"), "{md}");
}

#[test]
fn ctrl_z_restores_and_fg_repaints_at_the_new_size() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    p.send("\x1a");
    wait_until("stopped", &mut p, stopped);
    p.pump(Duration::from_millis(100));
    p.assert_restored();
    // The shell would print over the screen and the size may change
    // meanwhile: on `fg` everything is drawn again at the new size.
    p.parser.process(b"\x1b[2J\x1b[H$ fg\r\n");
    p.resize(100, 30);
    p.signal(libc::SIGCONT);
    p.wait_for(TITLE);
    wait_until("raw mode again", &mut p, raw_mode);
    let s = p.parser.screen();
    assert!(s.alternate_screen(), "back on the alternate screen");
    assert!(
        !p.screen().contains("$ fg"),
        "the shell's text is painted over"
    );
    // The footer is on the new last row.
    let last = s.contents_between(29, 0, 29, 100);
    assert!(last.contains("? help"), "footer not on row 30: {last:?}");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn sigtstp_restores_and_sigcont_repaints() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    p.signal(libc::SIGTSTP);
    wait_until("stopped", &mut p, stopped);
    p.pump(Duration::from_millis(100));
    p.assert_restored();
    p.parser.process(b"\x1b[2J\x1b[Hshell text\r\n");
    p.signal(libc::SIGCONT);
    p.wait_for(TITLE);
    wait_until("raw mode again", &mut p, raw_mode);
    assert!(p.parser.screen().alternate_screen());
    assert!(!p.screen().contains("shell text"));
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn ctrl_l_redraws_everything() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    // Something else wrote over the screen.
    p.parser.process(b"\x1b[2J\x1b[Hwall: system going down");
    assert!(!p.screen().contains(TITLE));
    p.send("\x0c");
    p.wait_for(TITLE);
    assert!(!p.screen().contains("wall:"), "{}", p.screen());
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// Bytes the program writes in answer to `keys`, once it is idle again.
fn bytes_for(p: &mut Pty, keys: &str) -> usize {
    p.pump(Duration::from_millis(300));
    let before = p.raw.len();
    p.send(keys);
    p.pump(Duration::from_millis(800));
    p.raw.len() - before
}

#[test]
fn a_burst_of_keys_draws_about_one_frame() {
    let article = versus::r#gen::generate_article(1_000_000);
    let path = temp("burst.md");
    std::fs::write(&path, article).unwrap();
    let mut p = Pty::spawn(&[path.to_str().unwrap()], 120, 40, &[]);
    p.wait_for("section 1/");
    // One key scrolls a line: a scroll and one new row.
    let one = bytes_for(&mut p, "j");
    // 1,000 keys at once: were each drawn, a thousand such frames.
    let burst = bytes_for(&mut p, &"j".repeat(1000));
    std::fs::remove_file(&path).unwrap();
    assert!(one > 0);
    // At most a few frames: the burst may arrive in a few reads, and a
    // full repaint of 120x40 costs a few one-line scrolls (measured: 3.3x).
    eprintln!("one {one} burst {burst}");
    assert!(
        burst < 20 * one,
        "1,000 keys wrote {burst} bytes, one key {one}"
    );
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn a_big_paste_is_one_event_and_q_is_not_stuck() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    // Pasted into the search prompt: one event, the prompt takes its first 200.
    p.send("/");
    p.wait_for("/");
    let text = "admin".repeat(20_000);
    p.send(&format!("\x1b[200~{text}\x1b[201~"));
    p.pump(Duration::from_millis(300));
    assert!(p.screen().contains("adminadminadmin"), "{}", p.screen());
    p.send("\x1b");
    p.pump(Duration::from_millis(200));
    // A paste outside the prompt does nothing, and q right behind it quits.
    p.send(&format!("\x1b[200~{}\x1b[201~q", "q2G".repeat(33_000)));
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn a_paste_without_bracketed_paste_is_a_burst() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    // 100,000 keys that do nothing in the Read view, then q.
    p.send(&"z".repeat(100_000));
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

/// The decision is written and reported after the terminal is restored,
/// for each way out.
fn decision_on_exit(name: &str, exit: impl FnOnce(&mut Pty), code: u32) {
    let out = temp(&format!("exit-{name}.md"));
    let out_s = out.to_str().unwrap().to_string();
    let mut p = Pty::spawn(&["--view", "decide", "--decide-out", &out_s], 100, 30, &[]);
    p.wait_for("Decide");
    p.send(" ");
    p.pump(Duration::from_millis(200));
    exit(&mut p);
    assert_eq!(p.wait_exit(), code);
    let md = std::fs::read_to_string(&out).expect("decision written");
    std::fs::remove_file(&out).unwrap();
    assert!(md.contains("(Django, +1)"), "the answer is kept: {md}");
    if code != 129 {
        p.assert_restored();
        let text = String::from_utf8_lossy(&p.raw);
        let restored = text.rfind("\x1b[?1049l").expect("restore sent");
        let said = text.rfind("wrote decision to ").expect("message shown");
        assert!(said > restored, "message after the restore");
        assert!(text[said..].contains(&out_s));
    }
}

#[test]
fn decision_written_on_q() {
    decision_on_exit("q", |p| p.send("q"), 0);
}

#[test]
fn decision_written_on_ctrl_c() {
    decision_on_exit("ctrl_c", |p| p.send("\x03"), 0);
}

#[test]
fn decision_written_on_sigterm() {
    decision_on_exit("sigterm", |p| p.signal(libc::SIGTERM), 143);
}

#[test]
fn decision_written_on_sigint() {
    decision_on_exit("sigint", |p| p.signal(libc::SIGINT), 130);
}

#[test]
fn decision_written_on_sighup() {
    decision_on_exit("sighup", |p| p.signal(libc::SIGHUP), 129);
}

#[test]
fn decision_written_when_the_link_drops() {
    use std::os::unix::process::CommandExt;
    // The terminal goes away (its master side is closed, as sshd does when
    // the link drops): SIGHUP, then EOF or EIO on every read.
    let out = temp("drop.md");
    let (mut m, mut s) = (0, 0);
    let ws = libc::winsize {
        ws_row: 30,
        ws_col: 100,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    assert_eq!(
        unsafe { libc::openpty(&mut m, &mut s, std::ptr::null_mut(), std::ptr::null(), &ws) },
        0
    );
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_versus"));
    cmd.args(["--view", "decide", "--decide-out"])
        .arg(&out)
        .env("TERM", "xterm")
        .env("LANG", "en_US.UTF-8");
    unsafe {
        cmd.pre_exec(move || {
            libc::setsid();
            libc::ioctl(s, libc::TIOCSCTTY, 0);
            for fd in 0..3 {
                libc::dup2(s, fd);
            }
            libc::close(m);
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    unsafe { libc::close(s) };
    // Read until the Decide view is up, answer one question, then hang up.
    let mut seen = Vec::new();
    let deadline = Instant::now() + pty::TIMEOUT;
    while !String::from_utf8_lossy(&seen).contains("Decide") {
        assert!(Instant::now() < deadline, "no first frame");
        let mut buf = [0u8; 65536];
        let n = unsafe { libc::read(m, buf.as_mut_ptr().cast(), buf.len()) };
        assert!(n > 0);
        seen.extend_from_slice(&buf[..n as usize]);
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(unsafe { libc::write(m, b" ".as_ptr().cast(), 1) }, 1);
    std::thread::sleep(Duration::from_millis(300));
    unsafe { libc::close(m) };
    let deadline = Instant::now() + pty::TIMEOUT;
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "still running after the hang-up");
        std::thread::sleep(Duration::from_millis(20));
    }
    let md = std::fs::read_to_string(&out).expect("decision written");
    std::fs::remove_file(&out).unwrap();
    assert!(md.contains("(Django, +1)"), "{md}");
}

fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_versus"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_bad_decide_out_is_refused_at_start_up() {
    let fifo = temp("fifo");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let cases = [
        (
            "/nonexistent-dir/x.md".to_string(),
            "its directory does not exist",
        ),
        ("/".to_string(), "is a directory"),
        (fifo.to_str().unwrap().to_string(), "is not a regular file"),
        ("/tmp/a\x1b]0;x\x07.md".to_string(), ""),
    ];
    for (path, why) in cases {
        let o = run(&["--print", "--decide-out", &path]);
        if why.is_empty() {
            // A writable new file is fine; its name is only shown if refused.
            assert_eq!(o.status.code(), Some(0));
            continue;
        }
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{path}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("--decide-out") && err.contains(why), "{err}");
        assert!(o.stdout.is_empty());
    }
    std::fs::remove_file(&fifo).unwrap();
    // Escape sequences in a refused name are shown as `?`.
    let o = run(&["--print", "--decide-out", "/nonexistent\x1b]0;x\x07/a.md"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains('\x1b') && err.contains("/nonexistent?]0;x?/a.md"),
        "{err}"
    );
}

#[test]
fn a_file_name_that_is_not_utf8_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp("names");
    std::fs::create_dir_all(&dir).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    let path = dir.join(name);
    std::fs::write(&path, "# Tea vs Coffee\n\nText.\n").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("--print")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("Tea vs Coffee"));
    // A missing one is named with � where its bytes are not UTF-8.
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg(dir.join(std::ffi::OsStr::from_bytes(b"th\xe9.md")))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("th\u{fffd}.md: no such file"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_terminal_at_all_is_a_clear_message() {
    use std::os::unix::process::CommandExt;
    // Stdout is a terminal, but the process has no controlling terminal
    // (a new session) and stdin is not one: there is nowhere to read keys.
    let (mut m, mut s) = (0, 0);
    let r = unsafe {
        libc::openpty(
            &mut m,
            &mut s,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(r, 0);
    use std::os::fd::FromRawFd;
    let slave = unsafe { std::fs::File::from_raw_fd(s) };
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_versus"));
    cmd.env("TERM", "xterm")
        .stdin(std::process::Stdio::null())
        .stdout(slave)
        .stderr(std::process::Stdio::piped());
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            Ok(())
        });
    }
    let o = cmd.output().unwrap();
    unsafe { libc::close(m) };
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("no terminal to read keys from"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}
