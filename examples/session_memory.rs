//! Memory per extra `Session` on one shared article: the heap bytes that N
//! sessions on the same `Arc<Article>` hold, counted by a counting allocator
//! (`stats_alloc`: bytes asked of the allocator and not yet freed; the
//! allocator's own overhead is not in it), divided by N. For the bundled
//! article at 80x24 and 120x40 and a generated 10 MB article. Each session
//! is counted fresh (its first frame drawn), then after its reader visited
//! every view and scrolled a few pages (the layout caches those fill are the
//! bulk of a session).
//!
//! `cargo run --release --example session_memory`

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::sync::Arc;
use versus::app::Options;
use versus::article;
use versus::session::{Session, Shared, Terminal};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Heap bytes allocated and not freed since `region` began.
fn live(region: &Region<System>) -> isize {
    let c = region.change();
    c.bytes_allocated as isize - c.bytes_deallocated as isize
}

fn kib(bytes: isize, n: usize) -> f64 {
    bytes as f64 / n as f64 / 1024.0
}

/// What a reader does before the second count: every view, a few pages.
const WALK: &[u8] = b"\x1b[6~\x1b[6~jjjj2\x1b[6~jj3\x1b[6~jl4jjj\x1b[6~1";

fn measure(name: &str, shared: &Shared, w: u16, h: u16, n: usize) {
    let new = || Session::new(shared, w, h, Terminal::default(), &Options::default());
    let region = Region::new(GLOBAL);
    let mut sessions: Vec<Session> = Vec::with_capacity(n);
    let vec = live(&region);
    for _ in 0..n {
        let mut s = new();
        let _ = s.take_output();
        sessions.push(s);
    }
    let fresh = live(&region) - vec;
    for s in &mut sessions {
        s.feed(WALK);
        while s.has_work() {
            s.work();
        }
        let _ = s.take_output();
    }
    let walked = live(&region) - vec;
    println!(
        "{name:<16} {w:>3}x{h:<3} {n:>3} sessions: {:>6.1} KiB each fresh, {:>6.1} KiB after every view",
        kib(fresh, n),
        kib(walked, n),
    );
    assert_eq!(Arc::strong_count(shared.article()), n + 2);
}

fn main() {
    let region = Region::new(GLOBAL);
    let bundled = Shared::new(article::bundled());
    println!(
        "bundled article and its indexes, shared: {:.0} KiB",
        kib(live(&region), 1)
    );
    measure("bundled", &bundled, 80, 24, 100);
    measure("bundled", &bundled, 120, 40, 100);

    let text = versus::r#gen::generate_article(10_000_000);
    let region = Region::new(GLOBAL);
    let big = Shared::new(article::parse(&text, "generated.md"));
    println!(
        "generated article ({:.1} MB of markdown) and its indexes, shared: {:.1} MiB",
        text.len() as f64 / 1e6,
        kib(live(&region), 1) / 1024.0
    );
    drop(text);
    measure("generated 10 MB", &big, 80, 24, 20);
    measure("generated 10 MB", &big, 120, 40, 20);
}
