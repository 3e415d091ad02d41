//! Any terminal: the real binary in a pseudo-terminal under each TERM of the
//! matrix, with LANG=C, without a usable TERM, inside a real tmux; plus the
//! wire's promises seen from outside: no byte while idle, no start-up query,
//! OSC 52 for `y`.

#[path = "support/pty.rs"]
#[allow(dead_code)]
mod pty;

#[path = "support/seq.rs"]
mod seq;

use pty::Pty;
use std::process::Command;
use std::time::{Duration, Instant};
use versus::render::caps::Caps;

const TITLE: &str = "Django vs Flask: Which Python Web Framework";

/// Opens the Table view and checks the row "Philosophy" with both contenders' values.
fn assert_table(p: &mut Pty) {
    p.send("2");
    p.wait_for("Philosophy");
    let s = p.screen();
    for want in ["Batteries included", "Minimalistic", "Django", "Flask"] {
        assert!(s.contains(want), "{want:?} missing:\n{s}");
    }
}

#[test]
fn every_term_of_the_matrix_shows_the_title_and_the_table() {
    for term in [
        "xterm-256color",
        "xterm",
        "screen-256color",
        "tmux-256color",
        "linux",
        "vt100",
    ] {
        let mut p = Pty::spawn(&[], 100, 30, &[("TERM", term)]);
        p.wait_for(TITLE);
        // The console and a VT100 have no alternate screen.
        let alt = !matches!(term, "linux" | "vt100");
        assert_eq!(p.parser.screen().alternate_screen(), alt, "{term}");
        assert_table(&mut p);
        p.send("q");
        assert_eq!(p.wait_exit(), 0, "{term}");
        p.assert_restored();
    }
}

#[test]
fn lang_c_draws_in_ascii() {
    let mut p = Pty::spawn(&["--view", "table"], 100, 30, &[("LANG", "C")]);
    p.wait_for("Philosophy");
    let s = p.screen();
    assert!(s.is_ascii(), "non-ASCII on screen with LANG=C:\n{s}");
    assert!(s.contains("+-") || s.contains("-+"), "ASCII borders:\n{s}");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// Every view, the help and a search, keys pressed one after another; the
/// screen settles after each.
fn tour(p: &mut Pty) {
    for keys in [
        "1", "jjj", "}", "G", "2", "j", "3", "G", "4", "j ", "b", "?", "\x1b", "/the\r", "n",
        "\x1b", "1",
    ] {
        p.send(keys);
        p.pump(Duration::from_millis(60));
    }
}

#[test]
fn lang_c_or_ascii_sends_only_ascii_bytes() {
    for (args, env) in [
        (vec![], vec![("LANG", "C")]),
        (vec!["--ascii"], vec![]),
        (vec!["tests/fixtures/ui/typography.md"], vec![("LANG", "")]),
    ] {
        let mut env = env;
        env.push(("LC_ALL", ""));
        let mut p = Pty::spawn(&args, 100, 30, &env);
        p.pump(Duration::from_millis(200));
        tour(&mut p);
        p.send("q");
        assert_eq!(p.wait_exit(), 0, "{args:?} {env:?}");
        let bad = p.raw.iter().position(|b| !b.is_ascii());
        assert_eq!(bad, None, "{args:?} {env:?}: non-ASCII byte in the output");
        p.assert_restored();
    }
}

#[test]
fn dec_terminals_get_only_their_sequences() {
    for term in ["vt100", "vt102", "vt220"] {
        let mut p = Pty::spawn(&[], 100, 30, &[("TERM", term)]);
        p.wait_for(TITLE);
        tour(&mut p);
        assert_table(&mut p);
        p.send("y");
        p.wait_for("cannot set the clipboard");
        p.send("q");
        assert_eq!(p.wait_exit(), 0, "{term}");
        let caps = Caps::for_term(term);
        if let Some(bad) = seq::forbidden(&p.raw, &caps) {
            panic!("{term}: sent {bad}");
        }
        // Scrolling used the rows the terminal can move, where it can.
        let text = String::from_utf8_lossy(&p.raw);
        let moved = ["M", "L"].iter().any(|c| {
            text.match_indices(c).any(|(i, _)| {
                let before = &text[..i];
                let start = before.rfind("\x1b[").map(|s| s + 2);
                start.is_some_and(|s| before[s..].bytes().all(|b| b.is_ascii_digit()))
            })
        });
        assert_eq!(moved, caps.scroll, "{term}: insert/delete line");
        p.assert_restored();
        // Without an alternate screen the screen is cleared on the way out.
        assert!(
            !p.screen().contains("Philosophy"),
            "{term}:\n{}",
            p.screen()
        );
    }
}

#[test]
fn dumb_or_missing_term_prints_plain_text_with_a_note() {
    for (label, cmd) in [
        (
            "TERM=dumb",
            format!("TERM=dumb {}", env!("CARGO_BIN_EXE_versus")),
        ),
        (
            "TERM unset",
            format!("unset TERM; {}", env!("CARGO_BIN_EXE_versus")),
        ),
    ] {
        let mut p = Pty::spawn_sh(&cmd, 80, 24);
        assert_eq!(p.wait_exit(), 0, "{label}");
        let out = String::from_utf8_lossy(&p.raw).to_string();
        assert!(
            out.contains("printing plain text"),
            "{label}: note missing:\n{out}"
        );
        assert!(
            out.contains("Philosophy") && out.contains("Conclusion"),
            "{label}:\n{out}"
        );
        assert!(
            !out.contains("\x1b[?1049h"),
            "{label}: switched to the alternate screen"
        );
        assert_eq!(
            out.matches("printing plain text").count(),
            1,
            "{label}: one note"
        );
    }
}

#[test]
fn idle_means_not_a_single_byte() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    p.send("jjj");
    p.wait_for("section");
    p.pump(Duration::from_millis(300));
    let before = p.raw.len();
    p.pump(Duration::from_secs(2));
    assert_eq!(p.raw.len(), before, "bytes written while idle");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn no_start_up_query_waits_for_the_terminal() {
    // The pty never answers; the first frame comes anyway, quickly, and
    // nothing in it asks the terminal anything.
    let start = Instant::now();
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    assert!(start.elapsed() < Duration::from_secs(2));
    p.pump(Duration::from_millis(200));
    let out = String::from_utf8_lossy(&p.raw).to_string();
    for q in [
        "\x1b[c",
        "\x1b[0c",
        "\x1b[>c",
        "\x1b[6n",
        "\x1b]10;?",
        "\x1b]11;?",
        "\x1b[?u",
        "\x1b[14t",
        "\x1b[18t",
        "\x1b[?996n",
    ] {
        assert!(!out.contains(q), "start-up query {q:?} sent");
    }
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn y_copies_the_section_with_osc52() {
    let mut p = Pty::spawn(&["--section", "What is Flask"], 80, 24, &[]);
    p.wait_for(TITLE);
    p.send("y");
    p.wait_for("copied the section");
    let out = String::from_utf8_lossy(&p.raw).to_string();
    let start = out.find("\x1b]52;c;").expect("OSC 52 sent");
    let end = start + out[start..].find('\x07').expect("ended by BEL");
    let text = decode_base64(&out[start + 7..end]);
    assert!(text.starts_with("What is Flask?"), "{text}");
    assert!(
        text.contains("micro-framework") || text.contains("lightweight"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "plain text only");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

fn decode_base64(s: &str) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|&c| c != b'=') {
        let v = T.iter().position(|&t| t == c).expect("base64") as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    String::from_utf8(out).expect("UTF-8")
}

/// The text a fresh render shows after `keys` (as a terminal sends them).
fn expected_screen((w, h): (u16, u16), keys: &str) -> Vec<String> {
    use ratatui::widgets::Widget;
    use versus::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut app = versus::app::App::new(
        versus::article::bundled(),
        versus::render::theme::Theme::new(true, false),
        ratatui::layout::Rect::new(0, 0, w, h),
        &versus::app::Options {
            view: Some(versus::app::View::Table),
            ..Default::default()
        },
    );
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let code = if let Some(r) = rest.strip_prefix("\x1b[6~") {
            rest = r;
            KeyCode::PageDown
        } else {
            rest = &rest[c.len_utf8()..];
            KeyCode::Char(c)
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    let mut buf = ratatui::buffer::Buffer::empty(app.size);
    (&app).render(app.size, &mut buf);
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut x = 0;
            while x < w {
                let c = &buf[(x, y)];
                row.push_str(c.symbol());
                x += ratatui::buffer::CellWidth::cell_width(c).max(1);
            }
            row.trim_end().to_string()
        })
        .collect()
}

/// A tmux server of our own (private socket, no config), removed on drop.
struct Tmux {
    socket: String,
}

impl Tmux {
    fn start(width: u16, height: u16) -> Option<Tmux> {
        let socket = std::env::temp_dir()
            .join(format!("versus-tmux-{}", std::process::id()))
            .to_string_lossy()
            .to_string();
        let t = Tmux { socket };
        let ok = t
            .cmd(&[
                "new-session",
                "-d",
                "-s",
                "t",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
                "env",
                "PS1=shell-ready$ ",
                "LANG=C.UTF-8",
                "sh",
            ])
            .ok()?;
        ok.then_some(t)
    }

    fn cmd(&self, args: &[&str]) -> std::io::Result<bool> {
        Command::new("tmux")
            .args(["-S", &self.socket, "-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .status()
            .map(|s| s.success())
    }

    fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        assert!(self.cmd(&args).unwrap(), "send-keys {keys:?}");
    }

    fn capture(&self) -> String {
        let out = Command::new("tmux")
            .args(["-S", &self.socket, "capture-pane", "-p", "-t", "t"])
            .output()
            .expect("capture-pane");
        String::from_utf8_lossy(&out.stdout).to_string()
    }

    fn pane_size(&self) -> (u16, u16) {
        let out = Command::new("tmux")
            .args(["-S", &self.socket, "display", "-p", "-t", "t"])
            .arg("#{pane_width} #{pane_height}")
            .output()
            .expect("display");
        let s = String::from_utf8_lossy(&out.stdout).to_string();
        let mut it = s.split_whitespace().map(|n| n.parse().expect("size"));
        (it.next().expect("width"), it.next().expect("height"))
    }

    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let s = self.capture();
            if s.contains(text) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "tmux pane never showed {text:?}:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
        let _ = std::fs::remove_file(&self.socket);
    }
}

#[test]
fn inside_tmux_the_table_shows_and_the_shell_comes_back() {
    let found = Command::new("tmux").arg("-V").output().is_ok();
    if !found {
        eprintln!("tmux is not installed: skipped (.ci/run installs it)");
        return;
    }
    let tmux = Tmux::start(100, 30).expect("tmux new-session");
    tmux.wait_for("shell-ready$");
    let cmd = format!("{} --view table", env!("CARGO_BIN_EXE_versus"));
    tmux.send(&[&cmd, "Enter"]);
    let s = tmux.wait_for("Philosophy");
    for want in ["Batteries included", "Minimalistic", "Django", "Flask"] {
        assert!(s.contains(want), "{want:?} missing:\n{s}");
    }
    assert!(
        !s.contains("shell-ready"),
        "still on the shell's screen:\n{s}"
    );
    // The Read view scrolled line by line and by pages (DL/IL, EL, ECH on
    // the wire): tmux's screen equals a fresh render of the same state.
    let size = tmux.pane_size();
    let keys = "1jjjjjjjjjjjj\x1b[6~jjjkkkkk\x1b[6~\x1b[6~kk";
    tmux.send(&["-l", keys]);
    let want = expected_screen(size, keys);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let got = tmux.capture();
        let got: Vec<&str> = got.lines().map(str::trim_end).collect();
        if got == want {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "tmux shows:\n{}\nwant:\n{}",
            got.join("\n"),
            want.join("\n")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.send(&["2"]);
    tmux.wait_for("Philosophy");
    tmux.send(&["q"]);
    // The shell's prompt again, below the command line.
    let deadline = Instant::now() + Duration::from_secs(10);
    while tmux.capture().matches("shell-ready$").count() < 2 {
        assert!(
            Instant::now() < deadline,
            "no prompt after q:\n{}",
            tmux.capture()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    tmux.send(&["echo restored-$((40+2))", "Enter"]);
    let s = tmux.wait_for("restored-42");
    assert!(
        !s.contains("Philosophy"),
        "the table stayed on the shell's screen:\n{s}"
    );
    assert!(s.contains("shell-ready$"), "{s}");
}

#[test]
fn hyperlinks_only_where_the_terminal_is_known_to_show_them() {
    let file = "tests/fixtures/ui/links.md";
    for (env, want) in [
        (vec![("TERM", "xterm-kitty")], true),
        (
            vec![("TERM", "xterm-256color"), ("VTE_VERSION", "7600")],
            true,
        ),
        (vec![("TERM", "xterm-256color"), ("VTE_VERSION", "")], false),
        (
            vec![("TERM", "tmux-256color"), ("VTE_VERSION", "7600")],
            false,
        ),
        (
            vec![("TERM", "screen"), ("TERM_PROGRAM", "iTerm.app")],
            false,
        ),
        (vec![("TERM", "linux"), ("VTE_VERSION", "7600")], false),
        (vec![("TERM", "vt100"), ("VTE_VERSION", "7600")], false),
    ] {
        let mut env = env;
        for k in [
            "TMUX",
            "STY",
            "TERM_PROGRAM",
            "KONSOLE_VERSION",
            "WT_SESSION",
            "VTE_VERSION",
        ] {
            if !env.iter().any(|(n, _)| *n == k) {
                env.push((k, ""));
            }
        }
        let mut p = Pty::spawn(&[file], 100, 30, &env);
        p.wait_for("Rust book");
        p.send("f");
        p.pump(Duration::from_millis(100));
        p.send("q");
        assert_eq!(p.wait_exit(), 0, "{env:?}");
        let out = String::from_utf8_lossy(&p.raw);
        let sent = out.contains("\x1b]8;;https://doc.rust-lang.org/book/\x1b\\Rust book");
        assert_eq!(sent, want, "{env:?}");
        assert_eq!(out.contains("\x1b]8"), want, "{env:?}");
    }
}

#[test]
fn print_in_ascii_mode_writes_only_ascii() {
    for (args, lang) in [
        (vec!["--print", "--ascii"], "en_US.UTF-8"),
        (vec!["--print"], "C"),
        (
            vec!["--print", "--width", "30", "--color", "always"],
            "POSIX",
        ),
    ] {
        let mut args = args;
        args.push("tests/fixtures/ui/typography.md");
        let out = Command::new(env!("CARGO_BIN_EXE_versus"))
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("LANG", lang)
            .env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.is_ascii(), "{args:?} LANG={lang}:\n{text}");
        assert!(
            text.contains("question --") && text.contains("answer..."),
            "{text}"
        );
    }
}
