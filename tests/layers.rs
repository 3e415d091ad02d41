//! The pure layers stay pure: nothing under `src/article/`, `src/render/` or
//! `src/app/`, nor the scoring engine, the event types, the input decoder or
//! the session, names the terminal library, the tty, libc, the process's
//! stdout or signals.

use std::path::{Path, PathBuf};

const PURE: &[&str] = &[
    "src/article",
    "src/decision.rs",
    "src/render",
    "src/app",
    "src/event.rs",
    "src/decode.rs",
    "src/session.rs",
];

const FORBIDDEN: &[&str] = &[
    "crossterm",
    "/dev/tty",
    "libc::",
    "signal_hook",
    "io::stdout",
    "io::stdin",
    "std::process::exit",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn pure_layers_do_not_touch_the_terminal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for p in PURE {
        let path = root.join(p);
        assert!(path.exists(), "{p} is missing: update PURE");
        rust_files(&path, &mut files);
    }
    assert!(files.len() > 20, "only {} files scanned", files.len());
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            // Doc comments may name crossterm (the event names are its names).
            if line.trim_start().starts_with("//") {
                continue;
            }
            for word in FORBIDDEN {
                if line.contains(word) {
                    found.push(format!(
                        "{}:{}: {word}",
                        f.strip_prefix(root).unwrap().display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "terminal access in a pure layer:\n{}",
        found.join("\n")
    );
}

/// The terminal front end takes options, not the command line's arguments:
/// `cli` uses `tui`, never the other way round.
#[test]
fn the_front_end_does_not_read_the_command_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tui = std::fs::read_to_string(root.join("src/tui.rs")).unwrap();
    assert!(!tui.contains("crate::cli"), "src/tui.rs uses crate::cli");
    let cli = std::fs::read_to_string(root.join("src/cli.rs")).unwrap();
    assert!(
        cli.contains("crate::tui::run"),
        "the scan no longer sees the call"
    );
}

/// The scan sees what it looks for: the front end does name crossterm.
#[test]
fn the_scan_finds_the_edge() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tui = std::fs::read_to_string(root.join("src/tui.rs")).unwrap();
    assert!(
        tui.lines()
            .any(|l| !l.trim_start().starts_with("//") && l.contains("crossterm"))
    );
}
