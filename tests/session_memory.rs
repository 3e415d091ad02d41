//! A session's own memory does not grow with the article: what is derived
//! from the article alone is shared. Heap bytes held by a counting allocator
//! (one test in this binary, so that nothing else allocates meanwhile),
//! compared in the same run: a fresh session on a generated 2 MB article
//! against one on the bundled article, at the same size.

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use versus::app::Options;
use versus::article;
use versus::session::{Session, Shared, Terminal};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Heap bytes per session that `n` fresh sessions on `shared` hold.
fn per_session(shared: &Shared, n: usize) -> f64 {
    let region = Region::new(GLOBAL);
    let mut sessions = Vec::with_capacity(n);
    let start = region.change();
    for _ in 0..n {
        let mut s = Session::new(shared, 80, 24, Terminal::default(), &Options::default());
        let _ = s.take_output();
        sessions.push(s);
    }
    let end = region.change();
    let held = |c: stats_alloc::Stats| c.bytes_allocated as f64 - c.bytes_deallocated as f64;
    (held(end) - held(start)) / n as f64
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
    let small_each = per_session(&small, 20);
    let large_each = per_session(&large, 20);
    assert!(
        small_each > 10_000.0,
        "{small_each} bytes: the count sees the screen buffers"
    );
    assert!(
        large_each < 2.0 * small_each,
        "{large_each:.0} bytes per session on the large article, {small_each:.0} on the small one"
    );
    // And far less than a copy of the article.
    assert!(
        large_each * 20.0 < article_bytes,
        "{large_each:.0} vs an article of {article_bytes:.0}"
    );
}
