//! Key latency without a terminal: every key's `update`, render and the
//! encoding of the frame's bytes (written to a sink), in-process, on a
//! generated article (10 MB unless told otherwise).
//!
//! ```sh
//! cargo bench --bench keys              # 10 MB, 80x24 and 120x40
//! cargo bench --bench keys -- --mb 2
//! ```
//!
//! The wire benchmark times the same keys through a pseudo-terminal; this one
//! leaves the pty and the process out, so it shows where the time goes.

use ratatui::layout::Rect;
use std::io::Sink;
use std::time::Instant;
use versus::app::{App, Options};
use versus::event::{KeyCode, KeyEvent, KeyModifiers};
use versus::render::theme::Theme;
use versus::tui;
use versus::wire::Screen;

/// (label, keys): `↓` is the Down arrow, `⏎` Enter; anything else is typed.
const SCRIPT: &[&str] = &[
    "j",
    "↓",
    "G",
    "g",
    "}",
    "500j",
    "o",
    "2",
    "G",
    "3",
    "G",
    "4",
    "j",
    " ",
    "j",
    " ",
    "l",
    "b",
    "b",
    "G",
    " ",
    "g",
    "1",
    "/alpha⏎",
    "n",
    "N",
    "/zzzz⏎",
    "/é⏎",
    "2",
    "3",
    "4",
    "1",
    "\x1b",
];

/// The key's time, then the slices of work it left (a search count, the Pros
/// & Cons columns to measure), each with its frame, as the event loop runs
/// them between keys: (count, slowest).
fn press(screen: &mut Screen<Sink>, app: &mut App, keys: &str) -> (f64, usize, f64) {
    let t = Instant::now();
    for c in keys.chars() {
        let code = match c {
            '⏎' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '↓' => KeyCode::Down,
            _ => KeyCode::Char(c),
        };
        app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
    tui::draw(screen, app).unwrap();
    let key = t.elapsed().as_secs_f64() * 1e3;
    let (mut slices, mut slowest) = (0, 0.0f64);
    while app.has_work() {
        let t = Instant::now();
        app.work();
        tui::draw(screen, app).unwrap();
        slowest = slowest.max(t.elapsed().as_secs_f64() * 1e3);
        slices += 1;
    }
    (key, slices, slowest)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mb: usize = args
        .iter()
        .position(|a| a == "--mb")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(10);
    let text = versus::r#gen::generate_article(mb * 1_000_000);
    println!("## keys on a generated {mb} MB article (update + render, in-process)\n");
    for (w, h) in [(80, 24), (120, 40)] {
        let t = Instant::now();
        let a = versus::article::parse::parse(&text, "big.md");
        let parse_ms = t.elapsed().as_secs_f64() * 1e3;
        let t = Instant::now();
        let size = Rect::new(0, 0, w, h);
        let mut app = App::new(a, Theme::new(true, false), size, &Options::default());
        let mut screen = Screen::new(std::io::sink(), w, h);
        tui::draw(&mut screen, &mut app).unwrap();
        let first = t.elapsed().as_secs_f64() * 1e3;
        println!("### {w}x{h}: parse {parse_ms:.0} ms, first frame {first:.1} ms\n");
        println!("| key | ms | then, between keys |\n|---|---|---|");
        let mut worst = (String::new(), 0.0f64);
        for k in SCRIPT {
            let (ms, slices, slowest) = press(&mut screen, &mut app, k);
            let label = k.escape_debug().to_string();
            let then = match slices {
                0 => String::new(),
                n => format!("{n} slice(s) of work, slowest {slowest:.2} ms"),
            };
            println!("| `{label}` | {ms:.2} | {then} |");
            for (l, t) in [(label.clone(), ms), (format!("{label} (slice)"), slowest)] {
                if t > worst.1 {
                    worst = (l, t);
                }
            }
        }
        println!("\nslowest: `{}` {:.2} ms\n", worst.0, worst.1);
    }
}
