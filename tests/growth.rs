//! Growth, not speed: each hostile shape of issue 14 is generated at N and
//! 4N and run through every stage (parse and detect, `--print`, `--json`,
//! the browser's first frame in each view). The work (allocator calls and
//! this thread's CPU time, both measured here in the same run) and the peak
//! memory must grow by less than 6x: a linear stage grows 4x, a quadratic one
//! 16x. The slack over 4x is for what does not scale with the input (the
//! bundled tables, the first frame, buffers of fixed size) and, for the CPU
//! time, for noise on a shared machine (the best of three runs is used).
// Test-only libc calls (ptys, FIFOs, termios) and a counting allocator.
#![allow(unsafe_code)]

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use versus::app::{App, Options, View};
use versus::render::theme::Theme;

/// Counts, per thread, the bytes live, their peak and the calls made.
struct Counting;

thread_local! {
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
    static CALLS: Cell<usize> = const { Cell::new(0) };
}

fn add(n: usize) {
    let _ = LIVE.try_with(|l| {
        let v = l.get() + n;
        l.set(v);
        let _ = PEAK.try_with(|p| p.set(p.get().max(v)));
    });
    let _ = CALLS.try_with(|c| c.set(c.get() + 1));
}

fn sub(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get().saturating_sub(n)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        add(l.size());
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        sub(l.size());
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        sub(l.size());
        add(new);
        unsafe { System.realloc(p, l, new) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn thread_cpu() -> std::time::Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

#[derive(Debug, Clone, Copy)]
struct Cost {
    calls: usize,
    peak: usize,
    cpu: std::time::Duration,
}

/// Runs every stage on `text` and returns what it cost above what was live before.
fn cost(text: &str) -> Cost {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let calls = CALLS.with(Cell::get);
    let cpu = thread_cpu();
    {
        let a = versus::article::parse::parse(text, "shape.md");
        let theme = Theme::new(false, false);
        versus::print::write_to(&a, 80, &theme, &mut std::io::sink()).unwrap();
        serde_json::to_writer(std::io::sink(), &a).unwrap();
        let size = Rect::new(0, 0, 120, 40);
        let mut app = App::new(a, theme, size, &Options::default());
        let mut buf = Buffer::empty(size);
        for v in View::ALL {
            app.view = v;
            buf.reset();
            (&app).render(size, &mut buf);
        }
    }
    Cost {
        calls: CALLS.with(Cell::get) - calls,
        peak: PEAK.with(Cell::get) - base,
        cpu: thread_cpu() - cpu,
    }
}

/// The cheapest of three runs (the CPU time is what noise inflates).
fn best(text: &str) -> Cost {
    let runs = [cost(text), cost(text), cost(text)];
    Cost {
        calls: runs.iter().map(|c| c.calls).min().unwrap(),
        peak: runs.iter().map(|c| c.peak).min().unwrap(),
        cpu: runs.iter().map(|c| c.cpu).min().unwrap(),
    }
}

/// Asserts the shape's cost grows by less than 6x from n to 4n.
fn grows_linearly(name: &str, shape: impl Fn(usize) -> String, n: usize) {
    let (small, large) = (shape(n), shape(4 * n));
    let (a, b) = (best(&small), best(&large));
    let ratio = |x: f64, y: f64| y / x.max(1e-9);
    let calls = ratio(a.calls as f64, b.calls as f64);
    let peak = ratio(a.peak as f64, b.peak as f64);
    let cpu = ratio(a.cpu.as_secs_f64(), b.cpu.as_secs_f64());
    eprintln!(
        "{name}: {} -> {} bytes; calls x{calls:.2}, peak x{peak:.2} ({} -> {} KB, {:.1}x the file), cpu x{cpu:.2} ({:?} -> {:?})",
        small.len(),
        large.len(),
        a.peak >> 10,
        b.peak >> 10,
        b.peak as f64 / large.len() as f64,
        a.cpu,
        b.cpu
    );
    assert!(calls < 6.0, "{name}: allocator calls grew x{calls:.2}");
    assert!(peak < 6.0, "{name}: peak memory grew x{peak:.2}");
    assert!(cpu < 6.0, "{name}: CPU time grew x{cpu:.2}");
}

const BODY: &str = "\n# Alpha vs Beta\n\nSome text.\n";

#[test]
fn yaml_aliases_of_one_big_scalar() {
    grows_linearly(
        "yaml aliases",
        |n| {
            let aliases = vec!["*a"; n].join(", ");
            format!(
                "---\nbig: &a \"{}\"\nkeywords: [{aliases}]\n---\n{BODY}",
                "x".repeat(30_000)
            )
        },
        2_000,
    );
}

#[test]
fn yaml_and_toml_nesting() {
    grows_linearly(
        "yaml flow nesting",
        |n| format!("---\nx: {}\n---\n{BODY}", "[".repeat(n)),
        10_000,
    );
    grows_linearly(
        "yaml map nesting",
        |n| format!("---\nx: {}\n---\n{BODY}", "{a: ".repeat(n)),
        10_000,
    );
    grows_linearly(
        "toml arrays of tables",
        |n| format!("+++\n{}+++\n{BODY}", "[[a]]\n".repeat(n)),
        50_000,
    );
}

#[test]
fn table_columns() {
    grows_linearly(
        "table columns",
        |n| {
            let row = |p: &str| {
                (0..n)
                    .map(|i| format!("{p}{i}"))
                    .collect::<Vec<_>>()
                    .join("|")
            };
            format!(
                "# Alpha vs Beta\n\n|{}|\n|{}|\n|{}|\n",
                row("c"),
                vec!["-"; n].join("|"),
                row("v")
            )
        },
        5_000,
    );
}

#[test]
fn quotes_then_list_items_on_one_line() {
    grows_linearly(
        "quotes then lists",
        |n| format!("# A vs B\n\n{}{}x\n", "> ".repeat(n), "- ".repeat(n)),
        20_000,
    );
}

#[test]
fn combining_marks() {
    grows_linearly(
        "combining marks",
        |n| {
            format!(
                "# A vs B\n\n{}\n",
                format!("a{}", "\u{301}".repeat(1000)).repeat(n)
            )
        },
        50,
    );
}

#[test]
fn a_wide_and_long_table() {
    grows_linearly(
        "1000-column table",
        |n| {
            let cols = 1000;
            let mut s = format!(
                "# Alpha vs Beta\n\n|{}|\n|{}|\n",
                (0..cols)
                    .map(|i| format!("c{i}"))
                    .collect::<Vec<_>>()
                    .join("|"),
                vec!["-"; cols].join("|")
            );
            for _ in 0..n {
                s.push('|');
                s.push_str(&vec!["v"; cols].join("|"));
                s.push_str("|\n");
            }
            s
        },
        100,
    );
}

#[test]
fn a_code_fence_of_short_lines_and_a_long_list() {
    grows_linearly(
        "code fence",
        |n| format!("# A vs B\n\n```\n{}```\n", "x\n".repeat(n)),
        100_000,
    );
    grows_linearly(
        "list",
        |n| format!("# A vs B\n\n{}", "- x\n".repeat(n)),
        50_000,
    );
}
