//! Key latency without a terminal: every key's `update` plus a full render,
//! in-process, on a generated article (10 MB unless told otherwise).
//!
//! ```sh
//! cargo bench --bench keys              # 10 MB, 80x24 and 120x40
//! cargo bench --bench keys -- --mb 2
//! ```
//!
//! The wire benchmark times the same keys through a pseudo-terminal; this one
//! leaves the pty and the process out, so it shows where the time goes.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::time::Instant;
use versus::app::{App, Options};
use versus::render::theme::Theme;

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

fn press(app: &mut App, keys: &str) -> f64 {
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
    let mut buf = Buffer::empty(app.size);
    (&*app).render(app.size, &mut buf);
    t.elapsed().as_secs_f64() * 1e3
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
        let mut buf = Buffer::empty(size);
        (&app).render(size, &mut buf);
        let first = t.elapsed().as_secs_f64() * 1e3;
        println!("### {w}x{h}: parse {parse_ms:.0} ms, first frame {first:.1} ms\n");
        println!("| key | ms |\n|---|---|");
        let mut worst = (String::new(), 0.0f64);
        for k in SCRIPT {
            let ms = press(&mut app, k);
            let label = k.escape_debug().to_string();
            println!("| `{label}` | {ms:.2} |");
            if ms > worst.1 {
                worst = (label, ms);
            }
        }
        println!("\nslowest: `{}` {:.2} ms\n", worst.0, worst.1);
    }
}
