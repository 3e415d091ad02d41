//! The command line, end to end: the built binary with pipes for stdin and
//! stdout, its exit codes and its one-line errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use unicode_width::UnicodeWidthStr;

#[path = "support/pty.rs"]
#[allow(dead_code)]
mod pty;

use pty::Pty;

const BIN: &str = env!("CARGO_BIN_EXE_versus");

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A scratch directory of this test's own.
fn scratch(test: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli")
        .join(test);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `versus ARGS` with a UTF-8 locale, no NO_COLOR, stdout and stderr piped.
fn cmd(args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("LANG", "en_US.UTF-8")
        .env("TERM", "xterm-256color")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env_remove("NO_COLOR")
        .env_remove("COLUMNS")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn run(args: &[&str]) -> Output {
    cmd(args).output().unwrap()
}

fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = cmd(args).stdin(Stdio::piped()).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Write from a thread: the child may stop reading (and close) early.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

#[track_caller]
fn assert_ok(o: &Output) {
    assert_eq!(code(o), 0, "stderr: {}", stderr(o));
}

/// Exit status 1 and exactly one line on stderr, `versus: <path>: <problem>`.
#[track_caller]
fn assert_read_error(o: &Output, path: &str, problem: &str) {
    assert_eq!(code(o), 1, "stderr: {}", stderr(o));
    assert_eq!(stderr(o), format!("versus: {path}: {problem}\n"));
    assert!(
        o.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
}

#[allow(unsafe_code)]
fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Top-level keys of pretty-printed JSON, in the order written.
fn top_keys(pretty: &str) -> Vec<String> {
    pretty
        .lines()
        .filter(|l| l.starts_with("  \"") && !l.starts_with("   "))
        .map(|l| l[3..].split('"').next().unwrap().to_string())
        .collect()
}

// ---- --json ----

#[test]
fn json_of_the_bundled_article() {
    let o = run(&["--json"]);
    assert_ok(&o);
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(
        top_keys(&text),
        [
            "source",
            "meta",
            "title",
            "contenders",
            "table",
            "sections",
            "warnings"
        ]
    );
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["source"], "bundled");
    let names: Vec<&str> = v["contenders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Django", "Flask"]);
    assert_eq!(v["table"]["rows"].as_array().unwrap().len(), 6);
    assert_eq!(
        v["table"]["rows"][0],
        serde_json::json!([
            "Philosophy",
            "Batteries included, all-in-one framework",
            "Minimalistic, build-your-own approach"
        ])
    );
    for c in v["contenders"].as_array().unwrap() {
        assert_eq!(c["pros"].as_array().unwrap().len(), 4);
        assert_eq!(c["cons"].as_array().unwrap().len(), 3);
    }
    assert_eq!(
        v["contenders"][0]["pros"][0],
        serde_json::json!({"title": "Comprehensive Framework", "text": "Everything you need in one package."})
    );
    assert_eq!(v["warnings"], serde_json::json!([]));
    assert!(v["meta"]["extra"].is_object());
    assert!(v["sections"][0]["level"].is_u64());
}

#[test]
fn json_of_a_file_names_its_path_and_carries_warnings() {
    let path = fixture("ragged.md");
    let o = run(&["--json", &path]);
    assert_ok(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"], path.as_str());
    assert_eq!(v["warnings"].as_array().unwrap().len(), 1);
    // The warnings are in the JSON, so stderr stays quiet for scripts.
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn json_from_stdin() {
    let src = std::fs::read(fixture("three-contenders.md")).unwrap();
    let o = run_stdin(&["--json", "-"], &src);
    assert_ok(&o);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["source"], "-");
    assert_eq!(v["contenders"].as_array().unwrap().len(), 3);
    assert_eq!(v["meta"]["extra"]["author"], "Ann Example");
}

// ---- --print ----

#[test]
fn print_is_plain_text_when_piped() {
    for args in [&["--print"][..], &[][..]] {
        // Without --print, a stdout that is not a terminal prints too.
        let o = run(args);
        assert_ok(&o);
        let text = stdout(&o);
        assert!(!text.contains('\u{1b}'), "escape in {args:?}");
        assert!(
            text.contains("\nDjango vs Flask: Which Python Web Framework Should You Choose?\n"),
            "{text}"
        );
        assert!(text.contains("┌"), "a box-drawn table");
        assert!(text.contains("│ Philosophy        │ Batteries included,"));
        assert!(text.contains("Pros and cons by contender"));
        assert!(text.contains("Comprehensive Framework: Everything you need in one package."));
        assert!(o.stderr.is_empty(), "{}", stderr(&o));
    }
}

#[test]
fn color_always_gives_sgr_and_never_or_no_color_does_not() {
    let o = run(&["--print", "--color", "always"]);
    assert_ok(&o);
    let text = stdout(&o);
    assert!(text.contains("\u{1b}["), "no SGR with --color always");
    // Only SGR sequences (ESC [ digits ; m): nothing that moves or clears.
    for seq in text.split('\u{1b}').skip(1) {
        let body = seq.strip_prefix('[').expect("CSI");
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap();
        assert_eq!(
            &body[end..end + 1],
            "m",
            "not SGR: {:?}",
            &seq[..seq.len().min(12)]
        );
    }
    for (args, no_color) in [
        (&["--print", "--color", "never"][..], None),
        (&["--print"][..], Some("1")),
    ] {
        let mut c = cmd(args);
        if let Some(v) = no_color {
            c.env("NO_COLOR", v);
        }
        let o = c.output().unwrap();
        assert_ok(&o);
        assert!(!o.stdout.contains(&0x1b), "{args:?}");
    }
}

#[test]
fn ascii_borders_and_bullets() {
    let check = |o: &Output| {
        assert_ok(o);
        let text = stdout(o);
        assert!(text.contains("+-"), "ASCII table border");
        // No box drawing or Unicode bullets from versus itself (the article's
        // own text, such as its curly apostrophes, is left alone).
        for c in ['┌', '│', '─', '┼', '•', '…', '−'] {
            assert!(!text.contains(c), "{c} in ASCII output");
        }
    };
    check(&run(&["--print", "--ascii"]));
    // A locale that is not UTF-8 chooses ASCII by itself.
    check(&cmd(&["--print"]).env("LANG", "C").output().unwrap());
    check(
        &cmd(&["--print"])
            .env("LC_ALL", "POSIX")
            .env("LANG", "en_US.UTF-8")
            .output()
            .unwrap(),
    );
}

#[test]
fn width_is_respected() {
    for w in [20, 33, 60, 80, 120] {
        let o = run(&[
            "--print",
            "--width",
            &w.to_string(),
            &fixture("three-contenders.md"),
        ]);
        assert_ok(&o);
        let text = stdout(&o);
        for line in text.lines() {
            assert!(line.width() <= w, "width {w}: {line:?} is {}", line.width());
        }
    }
    // Default when not a terminal: 80.
    let o = run(&["--print"]);
    assert!(stdout(&o).lines().all(|l| l.width() <= 80));
    assert!(stdout(&o).lines().any(|l| l.width() > 60));
}

#[test]
fn print_mode_warnings_go_to_stderr() {
    let path = fixture("ragged.md");
    let o = run(&["--print", &path]);
    assert_ok(&o);
    assert_eq!(
        stderr(&o),
        format!(
            "versus: {path}: warning: 2 table row(s) had a different number of cells than the header; padded or cut\n"
        )
    );
    // Invalid UTF-8 is a warning, never a failure.
    let path = fixture("invalid-utf8.md");
    let o = run(&["--print", &path]);
    assert_ok(&o);
    assert!(
        stderr(&o).contains("warning: the file is not valid UTF-8"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("Caf� vs Bar"));
}

#[test]
fn print_from_stdin() {
    let src = std::fs::read(fixture("crlf.md")).unwrap();
    let o = run_stdin(&["-"], &src);
    assert_ok(&o);
    let text = stdout(&o);
    assert!(text.contains("\nCats vs Dogs\n"), "{text}");
    assert!(!text.contains('\r'));
}

// ---- Exit codes and one-line errors ----

#[test]
fn missing_file() {
    let o = run(&["/nonexistent/nope.md"]);
    assert_read_error(&o, "/nonexistent/nope.md", "no such file");
    let o = run(&["--json", "nope.md"]);
    assert_read_error(&o, "nope.md", "no such file");
}

/// A folder is a library (it used to be "is a directory"): its files, a line each.
#[test]
fn directory() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library");
    let o = run(&["--print", dir]);
    assert_ok(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out.lines().count(), 7, "{out}");
    assert!(
        out.lines()
            .nth(2)
            .unwrap()
            .starts_with("posts/django-flask.md"),
        "{out}"
    );
}

/// Several paths are a library too; a missing one is listed with its problem,
/// and standard input cannot be part of one.
#[test]
fn several_files() {
    let o = run(&["--print", "a.md", "b.md"]);
    assert_ok(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("a.md") && out.contains("(no such file)"),
        "{out}"
    );
    let o = run(&["--print", "-", "a.md"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("standard input cannot be part of a library"));
}

#[test]
fn permission_denied() {
    let d = scratch("permission_denied");
    let p = d.join("secret.md");
    std::fs::write(&p, "# A vs B\n").unwrap();
    std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let path = p.to_str().unwrap();
    let o = run(&[path]);
    if is_root() {
        // Root reads any file: the check cannot fail here, but it must not crash.
        assert_ok(&o);
    } else {
        assert_read_error(&o, path, "permission denied");
    }
}

#[test]
fn empty_file_and_empty_stdin() {
    let path = fixture("empty.md");
    assert_read_error(&run(&[&path]), &path, "is empty");
    assert_read_error(&run_stdin(&["-"], b""), "-", "is empty");
    assert_read_error(&run_stdin(&["--json", "-"], b"\n  \n\t\n"), "-", "is empty");
}

#[test]
fn binary_file() {
    let d = scratch("binary_file");
    let p = d.join("a.out");
    let mut bytes = b"\x7fELF\x02\x01\x01".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 4000));
    bytes.extend(b"some strings\0here\0");
    std::fs::write(&p, &bytes).unwrap();
    let path = p.to_str().unwrap();
    assert_read_error(&run(&[path]), path, "is a binary file, not a text article");
    assert_read_error(
        &run_stdin(&["-"], &bytes),
        "-",
        "is a binary file, not a text article",
    );
    // Random bytes without a single NUL (compressed data, an image body).
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let random: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8 | 1
        })
        .collect();
    let p = d.join("data.gz");
    std::fs::write(&p, &random).unwrap();
    let path = p.to_str().unwrap();
    assert_read_error(&run(&[path]), path, "is a binary file, not a text article");
}

#[test]
fn too_large_from_dev_zero_a_fifo_and_a_pipe() {
    let limit = "is larger than the 64 MiB limit";
    // /dev/zero never ends: the limit stops the read.
    assert_read_error(&run(&["/dev/zero"]), "/dev/zero", limit);
    // A FIFO fed forever.
    let d = scratch("too_large");
    let fifo = d.join("fifo");
    let st = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(st.success());
    let f = fifo.to_str().unwrap().to_string();
    let o = Command::new("sh")
        .arg("-c")
        .arg(r#"yes '# A vs B' > "$1" 2>/dev/null & "$0" "$1"; s=$?; kill $! 2>/dev/null; exit $s"#)
        .arg(BIN)
        .arg(&f)
        .env("LANG", "en_US.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_read_error(&o, &f, limit);
    // Standard input fed forever.
    let o = Command::new("sh")
        .arg("-c")
        .arg(r#"yes '# A vs B' | "$0" -"#)
        .arg(BIN)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_read_error(&o, "-", limit);
}

#[test]
fn a_file_just_under_the_limit_is_read() {
    // Large but legal: read and parsed, not refused (small enough for a debug build).
    let d = scratch("large_ok");
    let p = d.join("big.md");
    std::fs::write(&p, versus::r#gen::generate_article(2_000_000)).unwrap();
    let o = run(&["--json", p.to_str().unwrap()]);
    assert_ok(&o);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["contenders"].as_array().unwrap().len(), 3);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["--bogus"][..],
        &["--json", "--print"],
        &["--color", "sometimes"],
        &["--width", "19"],
        &["--width", "0"],
        &["--width", "wide"],
        &["--width"],
    ] {
        let o = run(args);
        assert_eq!(code(&o), 2, "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(
            stderr(&o).starts_with("error: "),
            "{args:?}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn help_and_version() {
    let o = run(&["--help"]);
    assert_ok(&o);
    let help = stdout(&o);
    for flag in [
        "--print",
        "--json",
        "--width",
        "--ascii",
        "--color",
        "--help",
        "--version",
    ] {
        assert!(help.contains(flag), "{flag} missing from --help");
    }
    assert!(help.contains("Examples:"));
    let o = run(&["--version"]);
    assert_ok(&o);
    assert_eq!(
        stdout(&o),
        format!("versus {}\n", env!("CARGO_PKG_VERSION"))
    );
}

// ---- Closed pipes ----

/// Runs `versus ARGS | CONSUMER` in sh and returns (versus's status, its stderr, the consumer's output).
fn pipeline(args: &str, consumer: &str, file: &Path) -> (i32, String, Vec<u8>) {
    let d = file.parent().unwrap();
    let (err, st) = (d.join("stderr"), d.join("status"));
    let script = format!(r#"{{ "$0" {args} "$1" 2>"$2"; echo $? >"$3"; }} | {consumer}"#);
    let o = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(BIN)
        .arg(file)
        .arg(&err)
        .arg(&st)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap();
    let status = std::fs::read_to_string(&st)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (status, std::fs::read_to_string(&err).unwrap(), o.stdout)
}

#[test]
fn closed_pipe_is_quiet() {
    // Big enough that versus is still writing when the reader has gone.
    let d = scratch("closed_pipe");
    let p = d.join("big.md");
    std::fs::write(&p, versus::r#gen::generate_article(600_000)).unwrap();
    for (args, consumer, want) in [
        (
            "--print",
            "head -1",
            &b"A large generated article for benchmarks.\n"[..],
        ),
        ("--json", "head -c 10", &b"{\n  \"sourc"[..]),
        ("", "head -c 1", &b"A"[..]),
    ] {
        let (status, err, out) = pipeline(args, consumer, &p);
        assert_eq!(out, want, "{args}");
        // 0, or 141 for death by SIGPIPE, are the conventional quiet exits.
        assert!(
            status == 0 || status == 141,
            "{args}: status {status}, {err}"
        );
        assert!(
            !err.contains("panicked") && !err.contains("Broken pipe"),
            "{args}: {err}"
        );
        assert_eq!(err, "", "{args}");
    }
}

#[test]
fn closed_stderr_keeps_the_exit_status() {
    // Warnings and errors are lost, not turned into a panic (status 101).
    let sh = |script: &str, file: &str| {
        Command::new("sh")
            .arg("-c")
            .arg(script)
            .arg(BIN)
            .arg(file)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .output()
            .unwrap()
    };
    let ragged = fixture("ragged.md");
    let o = sh(r#""$0" --print "$1" 2>&-"#, &ragged);
    assert_ok(&o);
    assert!(stdout(&o).contains("Left vs Right"));
    let o = sh(r#""$0" "$1" 2>&-"#, "/nonexistent.md");
    assert_eq!(code(&o), 1);
    // stderr into a pipe that is already closed.
    let o = sh(
        r#"( sleep 0.2; "$0" --print "$1" 2>&1; echo "$?" >&2 ) | true"#,
        &ragged,
    );
    assert_eq!(stderr(&o).trim(), "0");
}

// ---- On a terminal (a pseudo-terminal) ----

/// Runs versus on a pty of `cols` columns (TERM=xterm unless `env` says
/// otherwise); returns its exit code and every byte it wrote (stdout and
/// stderr both go to the terminal). It must finish at once, not wait for
/// input that will never come.
fn pty_run(args: &[&str], cols: u16, env: &[(&str, &str)]) -> (u32, String) {
    let env: Vec<(&str, &str)> = [("TERM", "xterm")]
        .into_iter()
        .chain(env.iter().copied())
        .collect();
    let mut p = Pty::spawn(args, cols, 24, &env);
    let code = p.wait_exit();
    (code, String::from_utf8_lossy(&p.raw).into_owned())
}

#[test]
fn dash_with_a_terminal_on_stdin_says_so() {
    for args in [&["--print", "-"][..], &["-"], &["--json", "-"]] {
        let (code, text) = pty_run(args, 80, &[]);
        assert_eq!(code, 1, "{args:?}: {text:?}");
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{text:?}");
        assert!(
            lines[0].starts_with("versus: -: standard input is a terminal"),
            "{text:?}"
        );
    }
}

#[test]
fn print_on_a_terminal_uses_its_width_and_colour() {
    let (code, text) = pty_run(&["--print"], 50, &[]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("\u{1b}["), "colour on a terminal");
    let plain = strip_sgr(&text);
    for line in plain.lines() {
        assert!(line.trim_end_matches('\r').width() <= 50, "{line:?}");
    }
    // NO_COLOR and --color never: no escape at all.
    for (args, env) in [
        (&["--print"][..], &[("NO_COLOR", "1")][..]),
        (&["--print", "--color", "never"], &[]),
    ] {
        let (code, text) = pty_run(args, 80, env);
        assert_eq!(code, 0);
        assert!(!text.contains('\u{1b}'), "{args:?} {env:?}");
        assert!(text.contains("Django vs Flask"));
    }
}

#[test]
fn a_dumb_terminal_gets_plain_text_and_a_note() {
    let (code, text) = pty_run(&[], 80, &[("TERM", "dumb")]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("versus: TERM is `dumb`; printing plain text"),
        "{text}"
    );
    assert!(text.contains("Django vs Flask"));
    assert!(!text.contains('\u{1b}'));
}

fn strip_sgr(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('\u{1b}') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find('m').map_or(after.len(), |e| e + 1);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// The binary is a standard position-independent executable (address-space
/// randomisation for a program that reads untrusted files): ELF type DYN
/// with the PIE flag, as `file` reports "pie executable".
#[test]
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn the_binary_is_position_independent() {
    let Ok(out) = Command::new("readelf").args(["-h", "-d", BIN]).output() else {
        eprintln!("readelf not installed: skipped");
        return;
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("DYN (Position-Independent Executable file)")
            || text.contains("DYN (Shared object file)"),
        "{text}"
    );
    assert!(text.contains("PIE"), "{text}");
}
