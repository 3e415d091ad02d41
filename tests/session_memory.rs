//! A session's own memory does not grow with the article: what is derived
//! from the article alone is shared. Heap bytes held by a counting allocator
//! (one test in this binary, so that nothing else allocates meanwhile),
//! compared in the same run: sessions on a generated 2 MB article against
//! sessions on the bundled article, at the same size, fresh and after their
//! readers went through every view.

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use versus::app::Options;
use versus::article;
use versus::session::{Session, Shared, Terminal};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// What a reader does: every view, a few pages, the outline.
const WALK: &[u8] = b"\x1b[6~\x1b[6~jjjj2\x1b[6~jj3\x1b[6~jl4jjj\x1b[6~1o";

/// Heap bytes per session that `n` sessions on `shared` hold: fresh, then
/// after each reader walked through every view.
fn per_session(shared: &Shared, n: usize) -> (f64, f64) {
    let region = Region::new(GLOBAL);
    let held = |c: stats_alloc::Stats| c.bytes_allocated as f64 - c.bytes_deallocated as f64;
    let mut sessions = Vec::with_capacity(n);
    let start = held(region.change());
    for _ in 0..n {
        let mut s = Session::new(shared, 80, 24, Terminal::default(), &Options::default());
        let _ = s.take_output();
        sessions.push(s);
    }
    let fresh = held(region.change()) - start;
    for s in &mut sessions {
        s.feed(WALK);
        while s.has_work() {
            s.work();
        }
        let _ = s.take_output();
    }
    let walked = held(region.change()) - start;
    (fresh / n as f64, walked / n as f64)
}

#[test]
fn a_session_on_a_large_article_costs_about_what_one_on_a_small_one_costs() {
    let small = Shared::new(article::bundled());
    let text = versus::r#gen::generate_article(2_000_000);
    let large = Shared::new(article::parse(&text, "generated.md"));
    drop(text);
    let article_bytes = {
        let region = Region::new(GLOBAL);
        let copy = (**large.article()).clone();
        let c = region.change();
        drop(copy);
        c.bytes_allocated as f64 - c.bytes_deallocated as f64
    };
    let (small_each, small_walked) = per_session(&small, 20);
    let (large_each, large_walked) = per_session(&large, 20);
    assert!(
        small_each > 10_000.0,
        "{small_each} bytes: the count sees the screen buffers"
    );
    assert!(
        large_each < 2.0 * small_each,
        "fresh: {large_each:.0} bytes per session on the large article, {small_each:.0} on the small one"
    );
    assert!(
        large_walked < 2.0 * small_walked,
        "after every view: {large_walked:.0} bytes per session on the large article, {small_walked:.0} on the small one"
    );
    // And far less than a copy of the article.
    assert!(
        large_each * 20.0 < article_bytes,
        "{large_each:.0} vs an article of {article_bytes:.0}"
    );
}
