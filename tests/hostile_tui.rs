//! Hostile articles in the full-screen browser: every byte the program writes
//! is captured from a pseudo-terminal and checked for injected sequences.

#[path = "support/pty.rs"]
#[allow(dead_code)]
mod pty;

use pty::Pty;

/// An article with escape sequences in every field a view shows.
fn hostile_article() -> Vec<u8> {
    let e = "\x1b";
    let mut s = String::new();
    s.push_str(&format!("---\ntitle: \"T{e}]0;pwned{e}\\\\itle\"\ndescription: \"D{e}[2J\"\nkeywords: [\"k{e}]52;c;ZXZpbA==\x07\"]\n---\n"));
    s.push_str(&format!("# Alpha{e}]2;owned\x07 vs Beta{e}[?1049l\n\n"));
    s.push_str(&format!("Intro with OSC 8 {e}]8;;http://evil.example{e}\\\\click{e}]8;;{e}\\\\ and bidi \u{202e}txet\u{202c} and C1 \u{9b}2J.\n\n"));
    s.push_str(&format!("## Table{e}[31m\n\n| Feature | Alpha | Beta |\n|---|---|---|\n| Speed{e}[H | fast{e}[2J | slow\x07 |\n| Entities | &#27;[2J | &#x9b;31m |\n\n"));
    s.push_str(&format!("## Alpha Pros\n- **Safe{e}[1m:** yes{e}]52;c;aGk=\x07\n\n## Beta Cons\n- [link](http://x{e}[2J.example) text\n\n"));
    s.push_str(&format!("## Code\n\n```\nls {e}[?1049l\x07 \u{85}\n```\n"));
    let mut bytes = s.into_bytes();
    // A raw C1 byte (invalid UTF-8 on its own).
    bytes.extend_from_slice(b"\nraw \x9b2J byte\n");
    bytes
}

fn check_output(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    assert!(!raw.contains(&0x07), "BEL written");
    assert!(!text.contains("\x1b]"), "OSC written");
    assert!(!text.contains("\x1bP"), "DCS written");
    for c in text.chars() {
        assert!(!('\u{80}'..='\u{9f}').contains(&c), "C1 {c:?} written");
        assert!(
            !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
            "bidi {c:?} written"
        );
    }
    // The alternate screen is left once, by the restore at the end.
    assert_eq!(
        text.matches("\x1b[?1049l").count(),
        1,
        "alternate screen left early"
    );
    assert!(text.rfind("\x1b[?1049l") > text.rfind("\x1b[?1049h"));
    // Nothing here resizes, so the program itself never clears the screen.
    assert!(!text.contains("\x1b[2J"), "clear-screen injected");
}

#[test]
fn hostile_article_in_every_view() {
    let dir = std::env::temp_dir().join(format!("versus-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile.md");
    std::fs::write(&path, hostile_article()).unwrap();
    let mut p = Pty::spawn(&[path.to_str().unwrap()], 100, 30, &[]);
    p.wait_for("Alpha");
    assert!(
        p.screen().contains("removed"),
        "the warning names what was removed:\n{}",
        p.screen()
    );
    for keys in ["2", "3", "4", "1", "G", "g", "/2J\r", "n", "?", "\x1b"] {
        p.send(keys);
        p.pump(std::time::Duration::from_millis(120));
    }
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    p.assert_restored();
    check_output(&p.raw);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn hostile_article_piped_on_stdin() {
    let dir = std::env::temp_dir().join(format!("versus-hostile-pipe-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile.md");
    std::fs::write(&path, hostile_article()).unwrap();
    let cmd = format!(
        "cat {} | {} - --view table",
        path.display(),
        env!("CARGO_BIN_EXE_versus")
    );
    let mut p = Pty::spawn_sh(&cmd, 90, 26);
    p.wait_for("Speed");
    p.send("q");
    assert_eq!(p.wait_exit(), 0);
    check_output(&p.raw);
    std::fs::remove_dir_all(&dir).ok();
}
