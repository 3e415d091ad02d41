//! `versus serve` end to end with the real OpenSSH client in a pseudo-
//! terminal: the first frame, a key, a resize and quitting, each screen
//! equal to a local render; SIGTERM tells a connected reader and the server
//! exits. Skipped, with a note, when `ssh` is not installed. Loopback only.

#[allow(dead_code)]
#[path = "support/pty.rs"]
mod pty;
#[path = "support/vt.rs"]
mod vt;

use pty::Pty;
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;
use versus::app::Options;
use versus::article;
use versus::session::{Session, Shared, Terminal};

fn have_ssh() -> bool {
    Command::new("ssh")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

struct Served {
    child: Child,
    port: u16,
    log: Receiver<String>,
    dir: std::path::PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Served {
    /// `versus serve` on a free loopback port, its host key in a new folder.
    fn start(name: &str) -> Served {
        Self::start_with(name, &[])
    }

    fn start_with(name: &str, extra: &[&str]) -> Served {
        let dir = std::env::temp_dir().join(format!("versus-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_versus"))
            .args(["serve", "--listen", "127.0.0.1:0", "--host-key"])
            .arg(dir.join("host_ed25519"))
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, log) = channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut served = Served {
            child,
            port: 0,
            log,
            dir,
        };
        let line = served.wait_log("listening on 127.0.0.1:");
        let rest = line.split("listening on 127.0.0.1:").nth(1).unwrap();
        served.port = rest
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap();
        served
    }

    fn wait_log(&self, text: &str) -> String {
        loop {
            let line = self
                .log
                .recv_timeout(pty::TIMEOUT)
                .unwrap_or_else(|_| panic!("no log line with {text:?}"));
            if line.contains(text) {
                return line;
            }
        }
    }

    fn ssh(&self, cols: u16, rows: u16) -> Pty {
        let port = self.port.to_string();
        Pty::spawn_cmd(
            "ssh",
            &[
                "-tt",
                "-p",
                &port,
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "BatchMode=yes",
                "-o",
                "LogLevel=ERROR",
                "-o",
                "SetEnv=LANG=C.UTF-8",
                "-F",
                "/dev/null",
                "anon@127.0.0.1",
            ],
            cols,
            rows,
            &[],
        )
    }
}

/// Reads until something came after the first `since` bytes, then until the
/// screen has been quiet for 300 ms (the server's work between keys done);
/// at most 10 s.
fn settle(p: &mut Pty, since: usize) {
    let deadline = std::time::Instant::now() + pty::TIMEOUT;
    while p.raw.len() <= since && std::time::Instant::now() < deadline {
        p.pump(Duration::from_millis(20));
    }
    loop {
        let before = p.raw.len();
        p.pump(Duration::from_millis(300));
        if p.raw.len() == before || std::time::Instant::now() > deadline {
            return;
        }
    }
}

fn local(w: u16, h: u16) -> Session {
    let shared = Shared::new(article::bundled());
    let term = Terminal::from_env(|k| match k {
        "TERM" => Some("xterm-256color".into()),
        "LANG" => Some("C.UTF-8".into()),
        _ => None,
    });
    let mut s = Session::new(&shared, w, h, term, &Options::default());
    while s.has_work() {
        s.work();
    }
    s
}

#[test]
fn openssh_reads_keys_resizes_and_quits() {
    if !have_ssh() {
        eprintln!("note: skipped: `ssh` (OpenSSH client) is not installed");
        return;
    }
    let served = Served::start("e2e");
    let mut p = served.ssh(80, 24);
    let mut want = local(80, 24);
    p.wait_for("Django vs Flask");
    settle(&mut p, 0);
    vt::assert_same(
        p.parser.screen(),
        &vt::render(want.app().unwrap()),
        "first frame",
    );

    let since = p.raw.len();
    p.send("jjjj");
    want.feed(b"jjjj");
    settle(&mut p, since);
    vt::assert_same(
        p.parser.screen(),
        &vt::render(want.app().unwrap()),
        "after jjjj",
    );

    let since = p.raw.len();
    p.resize(100, 30);
    want.resize(100, 30);
    settle(&mut p, since);
    vt::assert_same(
        p.parser.screen(),
        &vt::render(want.app().unwrap()),
        "after resize",
    );

    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
    let line = served.wait_log("user=anon");
    assert!(line.contains("term=xterm-256color"), "{line}");
    assert!(line.contains("size=100x30"), "{line}");
    assert!(line.contains("end=quit"), "{line}");
}

#[test]
fn sigterm_tells_the_reader_and_the_server_exits() {
    if !have_ssh() {
        eprintln!("note: skipped: `ssh` (OpenSSH client) is not installed");
        return;
    }
    let mut served = Served::start("term");
    let mut p = served.ssh(80, 24);
    p.wait_for("Django vs Flask");
    let pid = served.child.id() as i32;
    #[allow(unsafe_code)]
    // SAFETY: kill takes two integers and touches no memory of ours.
    unsafe {
        libc::kill(pid, libc::SIGTERM);
    }
    p.wait_for("the server is stopping");
    p.wait_exit();
    p.assert_restored();
    let deadline = std::time::Instant::now() + Duration::from_secs(8);
    loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(std::time::Instant::now() < deadline, "server still running");
        std::thread::sleep(Duration::from_millis(50));
    }
    served.wait_log("end=server stopping");
}

#[test]
fn openssh_without_a_pty_and_with_a_command_is_refused() {
    if !have_ssh() {
        eprintln!("note: skipped: `ssh` (OpenSSH client) is not installed");
        return;
    }
    let served = Served::start("refuse");
    let base = |extra: &[&str]| {
        let out = Command::new("ssh")
            .args(["-p", &served.port.to_string()])
            .args([
                "-o",
                "StrictHostKeyChecking=no",
                "-o",
                "UserKnownHostsFile=/dev/null",
                "-o",
                "BatchMode=yes",
                "-o",
                "LogLevel=ERROR",
                "-F",
                "/dev/null",
            ])
            .args(extra)
            .stdin(Stdio::null())
            .output()
            .unwrap();
        (
            out.status,
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (status, text) = base(&["-T", "anon@127.0.0.1"]);
    assert!(!status.success());
    assert!(
        text.contains("versus serve needs a terminal: ssh -t ..."),
        "{text}"
    );
    let (status, text) = base(&["anon@127.0.0.1", "cat", "/etc/passwd"]);
    assert!(!status.success());
    assert!(!text.contains("root:"), "{text}");
    let (status, text) = base(&[
        "-N",
        "-R",
        "0:127.0.0.1:22",
        "-o",
        "ExitOnForwardFailure=yes",
        "anon@127.0.0.1",
    ]);
    assert!(!status.success());
    assert!(text.contains("forwarding failed"), "{text}");
}

/// Reads what the server says first: its SSH version line, or nothing when
/// it dropped the connection.
fn greeting(port: u16) -> String {
    use std::io::Read;
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 64];
    let n = s.read(&mut buf).unwrap_or(0);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

#[test]
fn per_address_limits_drop_connections_at_accept() {
    let served = Served::start_with(
        "perip",
        &["--max-per-ip", "1", "--attempts-per-minute", "3"],
    );
    use std::io::Read;
    let mut first = std::net::TcpStream::connect(("127.0.0.1", served.port)).unwrap();
    first
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut buf = [0u8; 8];
    first.read_exact(&mut buf).unwrap();
    assert_eq!(&buf, b"SSH-2.0-");
    // A second connection while the first is open: dropped.
    assert_eq!(greeting(served.port), "");
    served.wait_log("too many connections from this address");
    drop(first);
    std::thread::sleep(Duration::from_millis(300));
    // The third attempt this minute is served, the fourth is not.
    assert!(greeting(served.port).starts_with("SSH-2.0-"));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(greeting(served.port), "");
    served.wait_log("too many attempts per minute from this address");
}
