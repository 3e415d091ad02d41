//! Hostile and broken input (issue 7), outside the TUI: the real binary in
//! every non-interactive mode on every fixture of `tests/fixtures/hostile/`
//! and on generated extreme articles. Every byte written to stdout and stderr
//! is checked: no escape sequence from the article may reach a terminal.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_versus");
const TIMEOUT: Duration = Duration::from_secs(60);

/// The output modes that do not need a terminal.
const MODES: &[&[&str]] = &[
    &["--print"],
    &["--print", "--color", "always"],
    &["--print", "--ascii", "--width", "20"],
    &["--json"],
    &[],
];

struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

impl Run {
    fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// Runs `versus ARGS` with stdin from `input` (or nothing), killing it if it
/// runs longer than [`TIMEOUT`].
fn run(args: &[&str], input: Option<&Path>) -> Run {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("LANG", "en_US.UTF-8")
        .env("TERM", "xterm-256color")
        .env_remove("LC_ALL")
        .env_remove("NO_COLOR")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match input {
        Some(p) => c.stdin(std::fs::File::open(p).unwrap()),
        None => c.stdin(Stdio::null()),
    };
    let mut child = c.spawn().unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).unwrap();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            child.kill().unwrap();
            panic!("versus {args:?} ran longer than {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// What must never reach a terminal: C0 but newline and tab, DEL, C1, bidi controls.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Asserts `bytes` hold no forbidden character. With `sgr`, an ESC is allowed
/// only as the start of a well-formed SGR sequence (`ESC [ digits ; m`), which
/// is what versus itself writes for colour.
#[track_caller]
fn assert_clean(bytes: &[u8], sgr: bool, what: &str) {
    // Raw C1 bytes are caught here: they are not valid UTF-8 on their own.
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let mut rest = text;
    while let Some((i, c)) = rest.char_indices().find(|&(_, c)| forbidden(c)) {
        let after = &rest[i + c.len_utf8()..];
        if sgr
            && c == '\u{1b}'
            && let Some(body) = after.strip_prefix('[')
        {
            let end = body
                .find(|c: char| !(c.is_ascii_digit() || c == ';'))
                .unwrap_or(body.len());
            if body[end..].starts_with('m') {
                rest = &body[end + 1..];
                continue;
            }
        }
        let from = i.saturating_sub(30);
        panic!(
            "{what}: forbidden {c:?} at byte {}: …{:?}…",
            text.len() - rest.len() + i,
            &rest
                [rest.floor_char_boundary(from)..rest.ceil_char_boundary((i + 30).min(rest.len()))]
        );
    }
}

/// JSON must not carry the escaped forms either (`\u001b` decodes to ESC in
/// whatever reads it), and every string in it must be clean.
#[track_caller]
fn assert_clean_json(bytes: &[u8], what: &str) {
    assert_clean(bytes, false, what);
    let text = std::str::from_utf8(bytes).unwrap();
    let lower = text.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find("\\u") {
        let hex = &lower[at + i + 2..(at + i + 6).min(lower.len())];
        if let Ok(n) = u32::from_str_radix(hex, 16) {
            let c = char::from_u32(n).unwrap_or('\u{fffd}');
            // `\\u` is a backslash followed by a `u`, not an escape.
            let backslashes = lower[..at + i]
                .chars()
                .rev()
                .take_while(|&c| c == '\\')
                .count();
            assert!(
                backslashes % 2 == 1 || !forbidden(c),
                "{what}: escaped control \\u{hex} in JSON"
            );
        }
        at += i + 2;
    }
    for esc in ["\\b", "\\f", "\\r"] {
        let mut at = 0;
        while let Some(i) = text[at..].find(esc) {
            let backslashes = text[..at + i]
                .chars()
                .rev()
                .take_while(|&c| c == '\\')
                .count();
            assert!(backslashes % 2 == 1, "{what}: {esc} in JSON");
            at += i + 2;
        }
    }
    let v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    fn walk(v: &serde_json::Value, what: &str) {
        match v {
            serde_json::Value::String(s) => {
                assert!(
                    !s.chars().any(|c| forbidden(c) || c == '\r'),
                    "{what}: {s:?}"
                )
            }
            serde_json::Value::Array(a) => a.iter().for_each(|v| walk(v, what)),
            serde_json::Value::Object(m) => m.iter().for_each(|(k, v)| {
                assert!(!k.chars().any(forbidden), "{what}: key {k:?}");
                walk(v, what)
            }),
            _ => {}
        }
    }
    walk(&v, what);
}

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn committed() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(hostile_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    v.sort();
    assert!(v.len() >= 14, "hostile fixtures missing: {v:?}");
    v
}

/// The extreme articles, written once to a scratch directory.
fn generated() -> Vec<PathBuf> {
    static ONCE: std::sync::OnceLock<Vec<PathBuf>> = std::sync::OnceLock::new();
    ONCE.get_or_init(|| {
        let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
        std::fs::create_dir_all(&d).unwrap();
        versus::r#gen::stress_articles()
            .into_iter()
            .map(|(name, text)| {
                let p = d.join(name);
                std::fs::write(&p, text).unwrap();
                p
            })
            .collect()
    })
    .clone()
}

/// Every mode on one file: exit 0, no panic, nothing forbidden anywhere.
fn check_all_modes(path: &Path) -> Vec<Run> {
    let p = path.to_str().unwrap();
    let name = path.file_name().unwrap().to_string_lossy();
    let mut runs = Vec::new();
    for mode in MODES {
        let mut args = mode.to_vec();
        args.push(p);
        let r = run(&args, None);
        let what = format!("{name} {mode:?}");
        assert!(r.status.success(), "{what}: {:?}: {}", r.status, r.stderr());
        assert!(!r.stderr().contains("panicked"), "{what}: {}", r.stderr());
        let sgr = mode.contains(&"always");
        if mode.contains(&"--json") {
            assert_clean_json(&r.stdout, &what);
        } else {
            assert_clean(&r.stdout, sgr, &format!("{what} stdout"));
            assert!(!r.stdout.is_empty(), "{what}: printed nothing");
        }
        assert_clean(&r.stderr, false, &format!("{what} stderr"));
        runs.push(r);
    }
    // And from standard input.
    let r = run(&["--json", "-"], Some(path));
    assert!(r.status.success(), "{name} stdin: {}", r.stderr());
    assert_clean_json(&r.stdout, &format!("{name} stdin"));
    runs
}

#[test]
fn every_hostile_fixture_in_every_mode() {
    for p in committed() {
        check_all_modes(&p);
    }
}

#[test]
fn every_generated_extreme_in_every_mode() {
    for p in generated() {
        let runs = check_all_modes(&p);
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let printed = String::from_utf8(runs[0].stdout.clone()).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&runs[3].stdout).unwrap();
        // Each shows what exists.
        match name.as_str() {
            "table-2000-rows.md" => {
                assert_eq!(json["table"]["rows"].as_array().unwrap().len(), 2000);
                assert!(printed.contains("feature 1999"));
            }
            "table-40-columns.md" => {
                // The model may keep fewer contender columns; the document shows every cell.
                let cols = json["table"]["columns"].as_array().unwrap();
                assert!((3..=40).contains(&cols.len()), "{}", cols.len());
                assert!(printed.contains("Column 39"), "every column is shown");
                assert!(printed.contains("r19c39"), "every cell is shown");
            }
            "headings-10000.md" => {
                assert_eq!(json["sections"].as_array().unwrap().len(), 10_001);
                assert!(printed.contains("Heading 9999"));
            }
            "huge-line.md" => {
                // Wrapped to the width, never one 100,000-column line.
                for r in &runs[..3] {
                    let text = String::from_utf8_lossy(&r.stdout);
                    assert!(text.lines().all(|l| l.chars().count() <= 200), "{name}");
                }
            }
            "nesting-100.md" => {
                assert!(printed.contains("level 99"));
                assert!(printed.contains("quote 100"));
                assert!(printed.contains("ordered 100"));
                let narrow = String::from_utf8_lossy(&runs[2].stdout);
                assert!(
                    narrow.lines().all(|l| l.chars().count() <= 20),
                    "deep nesting overflows --width 20"
                );
            }
            other => panic!("unexpected generated article {other}"),
        }
    }
}

/// Counts of each kind of character the parser removes, computed here from
/// the raw bytes independently of the sanitizer. For fixtures without
/// entities, these are exactly the counts the warnings must name.
fn raw_counts(bytes: &[u8]) -> [usize; 5] {
    let text = String::from_utf8_lossy(bytes);
    let mut n = [0; 5];
    for c in text.chars() {
        match c {
            '\u{1b}' => n[0] += 1,
            '\n' | '\t' | '\r' => {}
            '\u{0}'..='\u{1f}' => n[1] += 1,
            '\u{7f}' => n[2] += 1,
            '\u{80}'..='\u{9f}' => n[3] += 1,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => n[4] += 1,
            _ => {}
        }
    }
    n
}

fn expected_warnings(n: [usize; 5]) -> Vec<String> {
    let kinds = [
        "escape (ESC)",
        "control (C0)",
        "delete (DEL)",
        "C1 control",
        "bidirectional override",
    ];
    n.iter()
        .zip(kinds)
        .filter(|(n, _)| **n > 0)
        .map(|(n, k)| {
            format!(
                "removed {n} {k} character{}",
                if *n == 1 { "" } else { "s" }
            )
        })
        .collect()
}

#[test]
fn warnings_name_how_many_were_removed() {
    for (name, min_kinds) in [
        ("escapes.md", 2),
        ("bidi.md", 1),
        ("c1.md", 1),
        ("nul.md", 3),
    ] {
        let path = hostile_dir().join(name);
        let want = expected_warnings(raw_counts(&std::fs::read(&path).unwrap()));
        assert!(want.len() >= min_kinds, "{name}: {want:?}");
        let p = path.to_str().unwrap();
        // On stderr in print mode, one line each.
        let r = run(&["--print", p], None);
        let err = r.stderr();
        for w in &want {
            let line = format!("versus: {p}: warning: {w}\n");
            assert!(err.contains(&line), "{name}: missing {line:?} in {err}");
        }
        // In the JSON's warnings.
        let r = run(&["--json", p], None);
        let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
        let got: Vec<&str> = v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .filter(|w| w.starts_with("removed "))
            .collect();
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn entity_encoded_controls_are_removed_and_counted() {
    let p = hostile_dir().join("entities.md");
    let r = run(&["--json", p.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    // Counted by hand from the fixture: only text that is shown counts (a
    // link target inside a table cell is not shown, so not counted).
    assert_eq!(
        v["warnings"],
        serde_json::json!([
            "removed 8 escape (ESC) characters",
            "removed 3 control (C0) characters",
            "removed 1 delete (DEL) character",
            "removed 3 C1 control characters",
            "removed 5 bidirectional override characters"
        ])
    );
    assert_eq!(v["title"], "Entity [2J vs Other]0;t");
}

#[test]
fn escapes_in_every_field_are_gone_but_the_text_stays() {
    let p = hostile_dir().join("escapes.md");
    let r = run(&["--json", p.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(v["meta"]["title"], "Title ]0;pwned-title");
    assert_eq!(v["meta"]["description"], "Desc ]52;c;ZWNobyBwd25lZA==");
    assert_eq!(
        v["meta"]["keywords"],
        serde_json::json!(["k1 [2J[H", "k2 [?1049l"])
    );
    assert_eq!(v["meta"]["extra"]["author[10;10H[5A"], "extra ]2;window\\");
    assert_eq!(v["title"], "Red]0;pwned-title vs Blue[31;1mred[0m");
    assert_eq!(v["table"]["rows"][0][0], "cell [2J[H");
    let text: String = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap().to_string() + "\n")
        .collect();
    for visible in [
        "echo [2J[H",                 // fenced code
        "indented code [31;1mred[0m", // indented code
        "quoted ]2;window",           // block quote
        "html [2J[H",                 // HTML block
        "https://example.com/[2J[H",  // link target
    ] {
        assert!(text.contains(visible), "{visible:?} not in {text}");
    }
}

#[test]
fn broken_and_odd_front_matter_warns_and_shows_the_body() {
    let cases: &[(&str, &[&str])] = &[
        (
            "wrong-types.md",
            &[
                "front matter: `title` is not text; used as written",
                "front matter: `description` should be text; ignored",
                "front matter: `keywords` should be a list or a comma-separated string; ignored",
            ],
        ),
        // The billion laughs: refused by the alias budget before serde_yaml's
        // own repetition limit ("not valid YAML") would refuse it.
        (
            "yaml-bomb.md",
            &["front matter: YAML aliases expand past MAX_YAML_ALIAS_BYTES"],
        ),
        // Read as front matter that is not a map (a warning), or as a rule
        // and a list (issue 4's detector): either way the body is shown.
        ("yaml-not-a-map.md", &[]),
    ];
    for (name, wants) in cases {
        let p = hostile_dir().join(name);
        let p = p.to_str().unwrap();
        let r = run(&["--print", p], None);
        assert!(r.status.success());
        let err = r.stderr();
        for w in *wants {
            assert!(err.contains(w), "{name}: {w:?} not in {err}");
        }
        let out = String::from_utf8(r.stdout).unwrap();
        assert!(out.contains(" vs "), "{name}: body not shown: {out}");
    }
}

#[test]
fn missing_parts_are_said_not_failed() {
    for (name, want) in [
        ("no-headings.md", "no contenders found"),
        ("one-column.md", "no contenders found"),
        (
            "ragged-hostile.md",
            "3 table row(s) had a different number of cells",
        ),
    ] {
        let p = hostile_dir().join(name);
        let r = run(&["--print", p.to_str().unwrap()], None);
        assert!(r.status.success(), "{name}");
        assert!(r.stderr().contains(want), "{name}: {}", r.stderr());
    }
    // Front matter only: shows what it has.
    let p = hostile_dir().join("front-matter-only.md");
    let r = run(&["--print", p.to_str().unwrap()], None);
    assert!(r.status.success());
    assert!(
        String::from_utf8(r.stdout)
            .unwrap()
            .contains("Only front matter.")
    );
}

#[test]
fn a_file_name_with_escapes_is_shown_safely() {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-names");
    std::fs::create_dir_all(&d).unwrap();
    let evil = d.join("evil\u{1b}]0;pwned\u{7}\u{202e}.md");
    std::fs::write(&evil, "| F | A | B |\n|---|---|---|\n| 1 |\n").unwrap();
    let p = evil.to_str().unwrap();
    for mode in MODES {
        let mut args = mode.to_vec();
        args.push(p);
        let r = run(&args, None);
        assert!(r.status.success(), "{mode:?}");
        assert_clean(&r.stderr, false, "stderr");
        if mode.contains(&"--json") {
            assert_clean_json(&r.stdout, "json");
            let v: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
            assert!(
                v["source"]
                    .as_str()
                    .unwrap()
                    .ends_with("evil?]0;pwned??.md")
            );
        } else {
            assert_clean(&r.stdout, mode.contains(&"always"), "stdout");
        }
    }
    // And in the one-line errors.
    let missing = d.join("gone\u{1b}[2J.md");
    let r = run(&[missing.to_str().unwrap()], None);
    assert_eq!(r.status.code(), Some(1));
    assert_clean(&r.stderr, false, "error");
    assert!(
        r.stderr().ends_with("gone?[2J.md: no such file\n"),
        "{}",
        r.stderr()
    );
}

#[test]
fn binary_and_device_inputs_are_refused_in_one_line() {
    for (path, problem) in [
        ("/dev/zero", "is larger than the 64 MiB limit"),
        ("/dev/urandom", "is larger than the 64 MiB limit"),
    ] {
        let r = run(&[path], None);
        assert_eq!(r.status.code(), Some(1), "{path}");
        assert_eq!(r.stderr(), format!("versus: {path}: {problem}\n"));
        assert!(r.stdout.is_empty());
    }
}

#[test]
fn zwj_sequences_in_table_cells_are_never_split() {
    let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
    let cell = family.repeat(6);
    let src = format!(
        "# Alpha vs Beta\n\n| Feature | Alpha | Beta |\n|---|---|---|\n| Family | {cell} | e\u{301}{cell} |\n"
    );
    let a = versus::article::parse(&src, "zwj.md");
    for width in [20, 24, 30, 40, 60] {
        let printed =
            versus::print::render(&a, width, &versus::render::theme::Theme::new(false, false));
        for line in printed.lines() {
            let cells: Vec<&str> = line.split(['│', '|']).collect();
            for c in cells {
                let c = c.trim();
                assert!(
                    !c.starts_with('\u{200d}') && !c.ends_with('\u{200d}'),
                    "a sequence split at width {width}: {line:?}"
                );
            }
        }
        assert_eq!(
            printed.matches(family).count(),
            12,
            "every sequence whole at width {width}:\n{printed}"
        );
    }
}
