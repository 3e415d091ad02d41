//! The library on a generated folder of articles (10,000 unless told
//! otherwise), in-process: the first frame (walk nothing, draw the list)
//! against the first frame of one article, then a reader's keys while the
//! list fills: each key with its frame, and the slices of work (walking,
//! reading rows) that run between keys. A key waits at most for the slice
//! that is running when it arrives, so the slowest key is the slowest key
//! plus the slowest slice.
//!
//! ```sh
//! cargo bench --bench library                 # 10,000 articles, 80x24 and 120x40
//! cargo bench --bench library -- --files 2000
//! ```

use ratatui::layout::Rect;
use std::io::Sink;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use versus::app::browser::Browser;
use versus::app::library::LibraryView;
use versus::app::{App, Options};
use versus::event::{KeyCode, KeyEvent, KeyModifiers};
use versus::library::Library;
use versus::render::theme::Theme;
use versus::session::Reader;
use versus::wire::Screen;

fn main() {
    let mut files = 10_000;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--files" {
            files = args.next().and_then(|n| n.parse().ok()).unwrap_or(files);
        }
    }
    let dir = folder(files);
    println!("library benchmark: {files} articles in {}", dir.display());
    println!();
    println!("| | 80x24 | 120x40 |");
    println!("|---|---|---|");
    let runs: Vec<Figures> = [(80, 24), (120, 40)]
        .iter()
        .map(|&(w, h)| run(&dir, w, h))
        .collect();
    let row = |name: &str, f: &dyn Fn(&Figures) -> String| {
        println!("| {name} | {} | {} |", f(&runs[0]), f(&runs[1]));
    };
    row(
        "first frame, one article (bundled)",
        &|f| ms(f.single_first),
    );
    row("first frame, library", &|f| ms(f.library_first));
    row("library / one article", &|f| {
        format!(
            "{:.2}x",
            f.library_first.as_secs_f64() / f.single_first.as_secs_f64()
        )
    });
    row("keys while the list fills", &|f| f.keys.to_string());
    row("slowest key (update, draw, encode)", &|f| ms(f.slowest_key));
    row("slowest slice of work between keys", &|f| {
        ms(f.slowest_slice)
    });
    row("slowest key + slowest slice", &|f| {
        ms(f.slowest_key + f.slowest_slice)
    });
    row("time until every row is read", &|f| ms(f.filled));
    let _ = std::fs::remove_dir_all(&dir);
}

struct Figures {
    single_first: Duration,
    library_first: Duration,
    keys: usize,
    slowest_key: Duration,
    slowest_slice: Duration,
    filled: Duration,
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn run(dir: &PathBuf, w: u16, h: u16) -> Figures {
    let size = Rect::new(0, 0, w, h);
    let theme = Theme::new(true, false);
    // One article: parse the bundled one, draw, encode.
    let t = Instant::now();
    let mut app = App::new(versus::article::bundled(), theme, size, &Options::default());
    let mut screen = Screen::new(Sink::default(), w, h);
    app.draw_on(&mut screen).unwrap();
    let single_first = t.elapsed();
    // The library: open, draw the first screen.
    let t = Instant::now();
    let lib = Library::open(std::slice::from_ref(dir), dir);
    let mut b = Browser::library(
        LibraryView::new(lib),
        "bench".into(),
        theme,
        size,
        Options::default(),
    );
    let mut screen = Screen::new(Sink::default(), w, h);
    b.draw_on(&mut screen).unwrap();
    let library_first = t.elapsed();
    // A reader pressing j, k, PgDn and typing a filter while the list fills:
    // a key, then the slices that run before the next one (three here).
    let script = [
        'j', 'j', 'k', ' ', 'j', '/', 'a', 'l', 'p', 'h', 'a', '\r', 'j', 'G', 'g',
    ];
    let (mut keys, mut slowest_key, mut slowest_slice) = (0, Duration::ZERO, Duration::ZERO);
    let start = Instant::now();
    let mut k = 0;
    while b.has_work() {
        let c = script[k % script.len()];
        k += 1;
        let ev = match c {
            '\r' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            c => KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        };
        let t = Instant::now();
        b.on_key(ev);
        b.draw_on(&mut screen).unwrap();
        slowest_key = slowest_key.max(t.elapsed());
        keys += 1;
        for _ in 0..3 {
            if !b.has_work() {
                break;
            }
            let t = Instant::now();
            if b.work() {
                b.draw_on(&mut screen).unwrap();
            }
            slowest_slice = slowest_slice.max(t.elapsed());
        }
    }
    let filled = start.elapsed();
    Figures {
        single_first,
        library_first,
        keys,
        slowest_key,
        slowest_slice,
        filled,
    }
}

/// `n` articles of a few KiB in nested folders: comparisons and plain notes.
fn folder(n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("versus-library-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for i in 0..n {
        let sub = dir.join(format!("section-{:02}/part-{:02}", i % 37, i % 11));
        std::fs::create_dir_all(&sub).unwrap();
        let text = if i % 3 == 0 {
            format!(
                "# Notes on build {i}\n\nPlain text about building and testing, nothing compared.\n\n{}",
                "A paragraph of ordinary prose that goes on for a while.\n\n".repeat(20)
            )
        } else {
            format!(
                "---\ntitle: Tool{i} vs Other{i}\n---\n\n# Tool{i} vs Other{i}: which one?\n\n| Feature | Tool{i} | Other{i} |\n|---|---|---|\n| Speed | Fast | Slow |\n| Size | Small | Large |\n\n## Pros of Tool{i}\n\n- Quick\n- Light\n\n## Cons of Tool{i}\n\n- Young\n\n{}",
                "Some words on each of them, alpha and beta and gamma.\n\n".repeat(20)
            )
        };
        std::fs::write(sub.join(format!("post-{i:05}.md")), text).unwrap();
    }
    dir
}
