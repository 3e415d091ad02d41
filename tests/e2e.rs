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

fn pty_sh(cmd: &str) -> Pty {
    Pty::spawn_sh(cmd, 80, 24)
}
