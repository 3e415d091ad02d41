//! The wire benchmark: bytes and time on the terminal, side by side with `less`.
//!
//! ```sh
//! cargo bench --bench wirebench                 # 5 runs (first frame: 21), 5 s idle, both sizes, 10 MB article
//! cargo bench --bench wirebench -- --quick      # 1 run, 1 s idle
//! cargo bench --bench wirebench -- --runs 3 --idle 2 --no-big
//! ```
//!
//! Starts the release binary in a fresh pseudo-terminal (TERM=xterm-256color)
//! at 80x24 and 120x40, plays the key script (20× Down, 3× PgDn, 5× Up in the
//! first view), waits for the output to settle after each key, and prints the
//! first-frame time, the bytes to the first frame, the bytes per key (and per
//! key kind), the bytes written while idle, the peak RSS and whether it exited
//! cleanly; medians over the runs. When `less` is installed it runs on the same
//! article (rendered beforehand with `versus --print`) in the same run, and the
//! ratio is printed. Then the same on a generated 10 MB article, with the time
//! of every key.

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// The binary measured: this crate's release build, or `--bin PATH`.
fn versus() -> &'static str {
    static BIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BIN.get_or_init(|| {
        let args: Vec<String> = std::env::args().collect();
        args.iter()
            .position(|a| a == "--bin")
            .and_then(|i| args.get(i + 1).cloned())
            .unwrap_or_else(|| env!("CARGO_BIN_EXE_versus").to_string())
    })
}

/// How long the output must stay quiet for a screen to count as settled.
const SETTLE: Duration = Duration::from_millis(60);
/// How long a key may take to answer at all (keys that change nothing send nothing).
const FIRST_BYTE: Duration = Duration::from_millis(500);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Line,
    Page,
    View,
    Other,
}

#[derive(Clone, Copy)]
enum Key {
    Down,
    Up,
    PgDn,
    Text(&'static str, Kind),
}

impl Key {
    fn kind(self) -> Kind {
        match self {
            Key::Down | Key::Up => Kind::Line,
            Key::PgDn => Kind::Page,
            Key::Text(_, k) => k,
        }
    }

    fn bytes(self, app_cursor: bool) -> &'static str {
        match (self, app_cursor) {
            (Key::Down, false) => "\x1b[B",
            (Key::Down, true) => "\x1bOB",
            (Key::Up, false) => "\x1b[A",
            (Key::Up, true) => "\x1bOA",
            (Key::PgDn, _) => "\x1b[6~",
            (Key::Text(s, _), _) => s,
        }
    }

    fn label(self) -> String {
        match self {
            Key::Down => "Down".into(),
            Key::Up => "Up".into(),
            Key::PgDn => "PgDn".into(),
            Key::Text(s, _) => format!("{s:?}"),
        }
    }
}

fn script() -> Vec<Key> {
    let mut v = vec![Key::Down; 20];
    v.extend([Key::PgDn; 3]);
    v.extend([Key::Up; 5]);
    v
}

struct Session {
    /// Kept open for the session's life.
    _master: Box<dyn MasterPty + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    start: Instant,
}

impl Session {
    fn spawn(program: &str, args: &[&str], cols: u16, rows: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        for k in ["LC_ALL", "NO_COLOR", "LESS", "LESSOPEN", "LESSCLOSE"] {
            cmd.env_remove(k);
        }
        cmd.env("LESSHISTFILE", "-");
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let start = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        Session {
            _master: pair.master,
            child,
            writer,
            rx,
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).unwrap(),
                NonZeroU16::new(cols).unwrap(),
                0,
            ),
            start,
        }
    }

    /// Collects output until it has been quiet for `quiet` (after the first
    /// byte, or from the start when `wait_first` is false), at most `max`.
    /// Returns the bytes and the times the first and the last byte arrived.
    fn settle(
        &mut self,
        quiet: Duration,
        max: Duration,
        wait_first: bool,
    ) -> (usize, Option<Instant>, Option<Instant>) {
        let deadline = Instant::now() + max;
        let first_by = Instant::now() + if wait_first { max } else { FIRST_BYTE };
        let mut bytes = 0;
        let mut first = None;
        let mut last = None;
        loop {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            let wait = if last.is_none() {
                // A slow answer is still its key's, not the next one's.
                first_by.saturating_duration_since(now).max(quiet)
            } else {
                quiet
            }
            .min(deadline - now);
            match self.rx.recv_timeout(wait) {
                Ok((t, b)) => {
                    bytes += b.len();
                    self.parser.process(&b);
                    first.get_or_insert(t);
                    last = Some(t);
                }
                Err(_) => break,
            }
        }
        (bytes, first, last)
    }

    fn send(&mut self, s: &str) -> Instant {
        let t = Instant::now();
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        t
    }

    fn peak_rss_kib(&mut self) -> u64 {
        let Some(pid) = self.child.process_id() else {
            return 0;
        };
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("VmHWM:"))
                    .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            })
            .unwrap_or(0)
    }

    /// Sends `q` and waits for a clean exit.
    fn quit(mut self) -> bool {
        self.send("q");
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let _ = self.rx.recv_timeout(Duration::from_millis(20));
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.success();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                return false;
            }
        }
    }
}

#[derive(Default, Clone)]
struct Measure {
    first_ms: f64,
    first_bytes: usize,
    /// Per key: kind, bytes, ms until the screen settled, ms until its first byte.
    keys: Vec<(Kind, usize, f64, f64)>,
    idle_bytes: usize,
    rss_kib: u64,
    clean: bool,
}

impl Measure {
    fn script_bytes_per_key(&self) -> f64 {
        let v: Vec<_> = self.keys.iter().filter(|k| k.0 != Kind::View).collect();
        v.iter().map(|k| k.1).sum::<usize>() as f64 / v.len().max(1) as f64
    }
    fn per_kind(&self, kind: Kind) -> Option<f64> {
        let v: Vec<_> = self.keys.iter().filter(|k| k.0 == kind).collect();
        (!v.is_empty()).then(|| v.iter().map(|k| k.1).sum::<usize>() as f64 / v.len() as f64)
    }
    fn max_key_ms(&self) -> f64 {
        self.keys.iter().map(|k| k.2).fold(0.0, f64::max)
    }
}

/// One session: first frame, the keys, idle, RSS, quit.
fn measure(
    program: &str,
    args: &[&str],
    cols: u16,
    rows: u16,
    keys: &[Key],
    idle: Duration,
) -> Measure {
    let mut s = Session::spawn(program, args, cols, rows);
    let mut m = Measure::default();
    let (bytes, _, last) = s.settle(Duration::from_millis(300), Duration::from_secs(10), true);
    m.first_bytes = bytes;
    m.first_ms = last.map_or(f64::NAN, |t| ms(t - s.start));
    for &k in keys {
        let app_cursor = s.parser.screen().application_cursor();
        let sent = s.send(k.bytes(app_cursor));
        let (bytes, first, last) = s.settle(SETTLE, Duration::from_secs(2), false);
        let after = |t: Option<Instant>| t.map_or(0.0, |t| ms(t.saturating_duration_since(sent)));
        m.keys.push((k.kind(), bytes, after(last), after(first)));
    }
    if !idle.is_zero() {
        m.idle_bytes = s.settle(idle, idle, false).0;
    }
    m.rss_kib = s.peak_rss_kib();
    m.clean = s.quit();
    m
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.retain(|x| !x.is_nan());
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

struct Summary {
    first_ms: f64,
    first_bytes: f64,
    per_key: f64,
    line: Option<f64>,
    page: Option<f64>,
    view: Option<f64>,
    max_key_ms: f64,
    idle: f64,
    rss_mib: f64,
    clean: String,
}

fn summarize(runs: &[Measure]) -> Summary {
    let med = |f: &dyn Fn(&Measure) -> f64| median(runs.iter().map(f).collect());
    let opt = |k: Kind| {
        let v: Vec<f64> = runs.iter().filter_map(|m| m.per_kind(k)).collect();
        (!v.is_empty()).then(|| median(v))
    };
    let clean = runs.iter().filter(|m| m.clean).count();
    Summary {
        first_ms: med(&|m| m.first_ms),
        first_bytes: med(&|m| m.first_bytes as f64),
        per_key: med(&|m| m.script_bytes_per_key()),
        line: opt(Kind::Line),
        page: opt(Kind::Page),
        view: opt(Kind::View),
        max_key_ms: med(&|m| m.max_key_ms()),
        idle: med(&|m| m.idle_bytes as f64),
        rss_mib: med(&|m| m.rss_kib as f64 / 1024.0),
        clean: format!("{clean}/{}", runs.len()),
    }
}

struct Opts {
    /// Only the first frame (no keys, no idle): for timing start-up with many runs.
    first_only: bool,
    runs: usize,
    /// Start-ups the first-frame time is the median of (at least `runs`).
    first_runs: usize,
    idle: Duration,
    sizes: Vec<(u16, u16)>,
    big: bool,
    big_mb: usize,
}

fn opts() -> Opts {
    let mut o = Opts {
        first_only: false,
        runs: 5,
        first_runs: 21,
        idle: Duration::from_secs(5),
        sizes: vec![(80, 24), (120, 40)],
        big: true,
        big_mb: 10,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let next = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--quick" => {
                o.runs = 1;
                o.first_runs = 1;
                o.idle = Duration::from_secs(1);
            }
            "--first-runs" => {
                o.first_runs = next.parse().expect("--first-runs N");
                i += 1;
            }
            "--runs" => {
                o.runs = next.parse().expect("--runs N");
                i += 1;
            }
            "--idle" => {
                o.idle = Duration::from_secs_f64(next.parse().expect("--idle SECONDS"));
                i += 1;
            }
            "--sizes" => {
                o.sizes = next
                    .split(',')
                    .map(|s| {
                        let (w, h) = s.split_once('x').expect("--sizes 80x24,120x40");
                        (w.parse().unwrap(), h.parse().unwrap())
                    })
                    .collect();
                i += 1;
            }
            "--no-big" => o.big = false,
            "--first-only" => {
                o.first_only = true;
                o.idle = Duration::ZERO;
                o.big = false;
            }
            "--bin" => i += 1,
            "--emit" => {
                // Writes the generated article to a file and stops.
                let mb: usize = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(10);
                std::fs::write(&next, versus::r#gen::generate_article(mb * 1_000_000))
                    .expect("write");
                std::process::exit(0);
            }
            "--big-mb" => {
                o.big_mb = next.parse().expect("--big-mb N");
                i += 1;
            }
            _ => {} // `cargo bench` passes --bench
        }
        i += 1;
    }
    o
}

fn less_path() -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|d| Path::new(d).join("less"))
        .find(|p| p.is_file())
}

fn fmt(x: f64, digits: usize) -> String {
    if x.is_nan() {
        "–".into()
    } else {
        format!("{x:.digits$}")
    }
}

fn ratio(a: f64, b: f64) -> String {
    if a.is_nan() || b.is_nan() || b == 0.0 {
        "–".into()
    } else {
        format!("{:.2}×", a / b)
    }
}

fn main() {
    let o = opts();
    let tmp = std::env::temp_dir().join(format!("wirebench-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    let less = less_path();
    println!(
        "wirebench: {}\n{} runs per figure (medians), TERM=xterm-256color, idle {} s, {} cores\nkey script: 20× Down, 3× PgDn, 5× Up in the Read view; view switch: `2` then `1`\n",
        versus(),
        o.runs,
        o.idle.as_secs_f64(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    if less.is_none() {
        println!("(less is not installed: measuring versus alone)\n");
    }
    let mut keys = script();
    let views = [Key::Text("2", Kind::View), Key::Text("1", Kind::View)];
    for &(cols, rows) in &o.sizes {
        let mut v = Vec::new();
        let mut l = Vec::new();
        let text = tmp.join(format!("article-{cols}.txt"));
        let printed = std::process::Command::new(versus())
            .args(["--print", "--width", &cols.to_string()])
            .output()
            .expect("versus --print");
        std::fs::write(&text, printed.stdout).unwrap();
        let text = text.to_string_lossy().to_string();
        keys.truncate(28);
        keys.extend(views);
        if o.first_only {
            keys.clear();
        }
        for _ in 0..o.runs {
            // Interleaved, so both see the same machine load.
            v.push(measure(versus(), &[], cols, rows, &keys, o.idle));
            if let Some(less) = &less {
                l.push(measure(
                    &less.to_string_lossy(),
                    &[text.as_str()],
                    cols,
                    rows,
                    &keys[..keys.len().min(28)],
                    o.idle,
                ));
            }
        }
        // The first frame is a couple of milliseconds: time it over more
        // start-ups than the key script needs, still interleaved.
        for _ in o.runs..o.first_runs {
            v.push(measure(versus(), &[], cols, rows, &[], Duration::ZERO));
            if let Some(less) = &less {
                let less = less.to_string_lossy();
                l.push(measure(
                    &less,
                    &[text.as_str()],
                    cols,
                    rows,
                    &[],
                    Duration::ZERO,
                ));
            }
        }
        let first = |m: &[Measure]| median(m.iter().map(|m| m.first_ms).collect());
        let (v_first, l_first) = (first(&v), first(&l));
        v.truncate(o.runs);
        l.truncate(o.runs);
        let mut vs = summarize(&v);
        vs.first_ms = v_first;
        let ls = (!l.is_empty()).then(|| Summary {
            first_ms: l_first,
            ..summarize(&l)
        });
        println!("### {cols}x{rows}, bundled article\n");
        if let Some(ls) = &ls {
            println!("| {cols}x{rows} | versus | less | versus / less |\n|---|---|---|---|");
            let row = |name: &str, a: f64, b: f64, d: usize| {
                println!(
                    "| {name} | {} | {} | {} |",
                    fmt(a, d),
                    fmt(b, d),
                    ratio(a, b)
                );
            };
            row("first frame (ms)", vs.first_ms, ls.first_ms, 1);
            row("bytes to first frame", vs.first_bytes, ls.first_bytes, 0);
            row("bytes per key (script)", vs.per_key, ls.per_key, 0);
            row(
                "  line keys (Down, Up)",
                vs.line.unwrap_or(f64::NAN),
                ls.line.unwrap_or(f64::NAN),
                0,
            );
            row(
                "  page keys (PgDn)",
                vs.page.unwrap_or(f64::NAN),
                ls.page.unwrap_or(f64::NAN),
                0,
            );
            println!(
                "|   view switch (`2`, `1`) | {} | – | – |",
                fmt(vs.view.unwrap_or(f64::NAN), 0)
            );
            row("slowest key (ms)", vs.max_key_ms, ls.max_key_ms, 1);
            row(
                &format!("bytes while idle, {} s", o.idle.as_secs_f64()),
                vs.idle,
                ls.idle,
                0,
            );
            row("peak RSS (MiB)", vs.rss_mib, ls.rss_mib, 1);
            println!("| clean exit | {} | {} | |", vs.clean, ls.clean);
        } else {
            println!("| {cols}x{rows} | versus |\n|---|---|");
            println!("| first frame (ms) | {} |", fmt(vs.first_ms, 1));
            println!("| bytes to first frame | {} |", fmt(vs.first_bytes, 0));
            println!("| bytes per key (script) | {} |", fmt(vs.per_key, 0));
            println!(
                "|   line keys (Down, Up) | {} |",
                fmt(vs.line.unwrap_or(f64::NAN), 0)
            );
            println!(
                "|   page keys (PgDn) | {} |",
                fmt(vs.page.unwrap_or(f64::NAN), 0)
            );
            println!(
                "|   view switch (`2`, `1`) | {} |",
                fmt(vs.view.unwrap_or(f64::NAN), 0)
            );
            println!("| slowest key (ms) | {} |", fmt(vs.max_key_ms, 1));
            println!(
                "| bytes while idle, {} s | {} |",
                o.idle.as_secs_f64(),
                fmt(vs.idle, 0)
            );
            println!("| peak RSS (MiB) | {} |", fmt(vs.rss_mib, 1));
            println!("| clean exit | {} |", vs.clean);
        }
        println!();
    }
    if o.big {
        big(&o, &tmp);
    }
    let _ = std::fs::remove_dir_all(&tmp);
}

/// The generated article: first frame, every key's time, RSS against the file size.
fn big(o: &Opts, tmp: &Path) {
    let target = o.big_mb * 1_000_000;
    let t = Instant::now();
    let text = versus::r#gen::generate_article(target);
    let gen_ms = ms(t.elapsed());
    let path = tmp.join("big.md");
    std::fs::write(&path, &text).unwrap();
    let size = text.len();
    let sections = text.lines().filter(|l| l.starts_with('#')).count();
    drop(text);
    let keys: Vec<Key> = [
        Key::Down,
        Key::Down,
        Key::Down,
        Key::PgDn,
        Key::PgDn,
        Key::Up,
        Key::Text("G", Kind::Other),
        Key::Up,
        Key::Text("g", Kind::Other),
        Key::Text("}", Kind::Other),
        Key::Text("}", Kind::Other),
        Key::Text("{", Kind::Other),
        Key::Text("500j", Kind::Other),
        Key::Text("o", Kind::Other),
        Key::Text("2", Kind::View),
        Key::PgDn,
        Key::Text("G", Kind::Other),
        Key::Text("3", Kind::View),
        Key::Text("G", Kind::Other),
        Key::Text("4", Kind::View),
        Key::Text(" ", Kind::Other),
        Key::Text("j", Kind::Other),
        Key::Text("l", Kind::Other),
        Key::Text("b", Kind::Other),
        Key::Text("G", Kind::Other),
        Key::Text("1", Kind::View),
        Key::Text("G", Kind::Other),
        Key::Text("\x1b[5~", Kind::Page),
        Key::Text("/alpha\r", Kind::Other),
        Key::Text("n", Kind::Other),
        Key::Text("2", Kind::View),
    ]
    .to_vec();
    let p = path.to_string_lossy().to_string();
    println!(
        "### generated article: {:.1} MB, {sections} headings (generated in {gen_ms:.0} ms)\n",
        size as f64 / 1e6
    );
    println!(
        "| size | first frame (ms) | slowest key, first byte (ms) | slowest key, settled (ms) | median key (ms) | peak RSS (MiB) | RSS / file size | clean exit |\n|---|---|---|---|---|---|---|---|"
    );
    let mut worst: Vec<(String, f64, f64)> = Vec::new();
    for &(cols, rows) in &o.sizes {
        let runs: Vec<Measure> = (0..o.runs.min(3))
            .map(|_| measure(versus(), &[&p], cols, rows, &keys, Duration::ZERO))
            .collect();
        let s = summarize(&runs);
        let med_key = median(
            runs.iter()
                .flat_map(|m| m.keys.iter().map(|k| k.2))
                .collect(),
        );
        let first_byte = median(
            runs.iter()
                .map(|m| m.keys.iter().map(|k| k.3).fold(0.0, f64::max))
                .collect(),
        );
        println!(
            "| {cols}x{rows} | {} | {} | {} | {} | {} | {:.2}× | {} |",
            fmt(s.first_ms, 1),
            fmt(first_byte, 1),
            fmt(s.max_key_ms, 1),
            fmt(med_key, 2),
            fmt(s.rss_mib, 1),
            s.rss_mib * 1024.0 * 1024.0 / size as f64,
            s.clean
        );
        for (i, k) in keys.iter().enumerate() {
            let settled = median(runs.iter().map(|m| m.keys[i].2).collect());
            let first = median(runs.iter().map(|m| m.keys[i].3).collect());
            worst.push((format!("{cols}x{rows} {}", k.label()), settled, first));
        }
    }
    // Settled is the key's whole answer; a search's count goes on between keys
    // after its first frame, so both times are shown.
    worst.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap());
    let list: Vec<String> = worst
        .iter()
        .take(6)
        .map(|(k, t, f)| format!("{k} {t:.1} ms (first byte {f:.1} ms)"))
        .collect();
    println!("\nslowest keys: {}\n", list.join(", "));
}
