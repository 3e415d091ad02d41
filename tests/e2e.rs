//! End to end: the real binary in a pseudo-terminal, keys in, screen out.

#[path = "support/pty.rs"]
mod pty;

use pty::Pty;
use std::time::Duration;

const TITLE: &str = "Django vs Flask: Which Python Web Framework";

#[test]
fn browse_table_pros_search_resize_quit() {
    let mut p = Pty::spawn(&[], 100, 30, &[]);
    p.wait_for(TITLE);
    assert!(p.parser.screen().alternate_screen());
    p.send("2");
    p.wait_for("Philosophy");
    let s = p.screen();
    assert!(
        s.contains("Batteries included, all-in-one") && s.contains("Minimalistic, build-your-own"),
        "{s}"
    );
    p.send("3");
    p.wait_for("Comprehensive Framework");
    p.send("p");
    p.wait_gone("Comprehensive Framework");
    assert!(p.screen().contains("Steeper Learning Curve"));
    p.send("p1/flask\r");
    p.wait_for("match 1/");
    p.send("n");
    p.wait_for("match 2/");
    p.resize(80, 24);
    p.pump(Duration::from_millis(300));
    p.wait_for("match 2/");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn sighup_restores_the_terminal() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    p.signal(libc::SIGHUP);
    let code = p.wait_exit();
    assert_ne!(code, 0);
    p.assert_restored();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut p = Pty::spawn(&[], 80, 24, &[]);
    p.wait_for(TITLE);
    p.signal(libc::SIGTERM);
    p.wait_exit();
    p.assert_restored();
}

#[test]
fn ctrl_c_quits_cleanly() {
    let mut p = Pty::spawn(&["--view", "table"], 80, 24, &[]);
    p.wait_for("Philosophy");
    p.send("\x03");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let mut p = Pty::spawn(
        &[],
        80,
        24,
        &[("VERSUS_PANIC_KEY", "!"), ("RUST_BACKTRACE", "0")],
    );
    p.wait_for(TITLE);
    p.send("!");
    assert_eq!(
        p.wait_exit(),
        101,
        "a panic's exit status, as from a Rust main"
    );
    p.assert_restored();
    assert!(
        p.screen().contains("test panic requested"),
        "{}",
        p.screen()
    );
    // std's own start-up names the main thread (not '<unnamed>').
    assert!(p.screen().contains("'main'"), "{}", p.screen());
}

#[test]
fn opens_a_file_on_a_section_and_view() {
    let mut p = Pty::spawn(
        &["tests/fixtures/ui/three.md", "--view", "pros"],
        120,
        30,
        &[],
    );
    p.wait_for("SQLite");
    assert!(p.screen().contains("Zero setup"));
    p.send("1");
    p.wait_for("Three databases");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn piped_article_still_reads_keys_from_the_terminal() {
    // The shell pipes the article in; keys come from the pty via /dev/tty.
    let cmd = format!(
        "cat tests/fixtures/ui/three.md | {} -",
        env!("CARGO_BIN_EXE_versus")
    );
    let mut p = pty_sh(&cmd);
    p.wait_for("Postgres vs MySQL vs SQLite");
    p.send("2");
    p.wait_for("Concurrency");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn stdin_terminal_without_pipe_says_so() {
    let mut p = Pty::spawn(&["-"], 80, 24, &[]);
    p.wait_for("standard input is a terminal");
    assert_eq!(p.wait_exit(), 1);
}

#[test]
fn too_small_terminal_says_so_and_recovers() {
    let mut p = Pty::spawn(&[], 15, 4, &[]);
    p.wait_for("terminal too");
    p.resize(80, 24);
    p.wait_for(TITLE);
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

/// A left click at (col, row), 0-based, as an SGR mouse report (press, release).
fn click(p: &mut Pty, col: u16, row: u16) {
    p.send(&format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    ));
}

/// Where `text` first shows on screen, as (col, row).
fn find(p: &Pty, text: &str) -> (u16, u16) {
    let s = p.screen();
    for (y, line) in s.lines().enumerate() {
        if let Some(i) = line.find(text) {
            return (line[..i].chars().count() as u16, y as u16);
        }
    }
    panic!("{text:?} not on screen:\n{s}");
}

#[test]
fn clicks_select_views_sections_rows_and_answers() {
    let mut p = Pty::spawn(&[], 120, 40, &[]);
    p.wait_for(TITLE);
    assert!(
        p.raw.windows(8).any(|w| w == b"\x1b[?1000h"),
        "mouse reporting on"
    );
    // An outline entry.
    let (x, y) = find(&p, "When to Choose Flask");
    click(&mut p, x + 2, y);
    p.wait_for("Flask is a great choice if");
    // A tab in the footer.
    let (x, y) = find(&p, " 2 Table ");
    click(&mut p, x + 2, y);
    p.wait_for("row 1/6");
    // A table row.
    let (x, y) = find(&p, "Community");
    click(&mut p, x, y);
    p.wait_for("row 6/6");
    // A Decide checkbox.
    let (x, y) = find(&p, " 4 Decide ");
    click(&mut p, x + 2, y);
    p.wait_for("What you need 0/8 checked");
    let (x, y) = find(&p, "You want simplicity");
    click(&mut p, x, y);
    p.wait_for("What you need 1/8 checked");
    p.wait_for("Flask  ");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
}

#[test]
fn no_mouse_leaves_the_mouse_to_the_terminal() {
    let mut p = Pty::spawn(&["--no-mouse"], 80, 24, &[]);
    p.wait_for(TITLE);
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    assert!(!p.raw.windows(8).any(|w| w == b"\x1b[?1000h"));
}

#[test]
fn ctrl_c_quits_from_the_help_and_the_search_prompt() {
    for keys in ["?", "/fla"] {
        let mut p = Pty::spawn(&[], 80, 24, &[]);
        p.wait_for(TITLE);
        p.send(keys);
        p.wait_for(if keys == "?" { "Keys" } else { "/fla" });
        p.send("\x03");
        assert_eq!(p.wait_exit(), 0, "after {keys:?}");
        p.assert_restored();
    }
}

#[test]
fn blind_mode_hides_the_score_until_revealed() {
    let mut p = Pty::spawn(&["--view", "decide"], 120, 40, &[]);
    p.wait_for("What you need");
    p.send(" ");
    p.wait_for("Django fits your answers best");
    p.send("b");
    p.wait_for("Hidden in blind mode: 1 answer so far");
    assert!(!p.screen().contains("fits your answers"));
    p.send("r");
    p.wait_for("Django fits your answers best");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn the_current_match_is_reverse_and_bold_without_colour() {
    let mut p = Pty::spawn(&[], 80, 24, &[("NO_COLOR", "1")]);
    p.wait_for(TITLE);
    p.send("/flask\r");
    p.wait_for("match 1/");
    let screen = p.parser.screen();
    let (mut current, mut others) = (0, 0);
    for row in 1..23 {
        for col in 0..80 {
            let c = screen.cell(row, col).unwrap();
            if c.inverse() && c.bold() {
                current += 1;
            } else if c.underline() && c.bold() {
                others += 1;
            }
        }
    }
    assert_eq!(current, 5, "one match, \"flask\", in reverse and bold");
    assert!(others >= 10, "the other matches underlined: {others}");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
}

#[test]
fn help_examples_are_apart_from_their_descriptions() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_versus"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let examples = help.split("Examples:").nth(1).expect("examples");
    let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines.len() >= 5);
    // Every description starts in the same column, at least two spaces after
    // the longest command.
    let col = |l: &str| l.trim_end().rfind("  ").map(|i| i + 2);
    let first = col(lines[0]).unwrap();
    for l in &lines {
        assert_eq!(col(l), Some(first), "{l:?}");
        assert!(l[..first - 2].trim_end().len() + 2 <= first, "{l:?}");
    }
}

fn pty_sh(cmd: &str) -> Pty {
    Pty::spawn_sh(cmd, 80, 24)
}
