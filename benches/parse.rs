//! Parser throughput: `cargo bench --bench parse`.
//!
//! Generates a ~10 MB article with `versus::r#gen::generate_article` (the
//! `bench-gen` feature, on for benches through the dev-dependency), parses it
//! several times on one thread and prints the median speed in MB/s.
//! `VERSUS_BENCH_MB` changes the size, `VERSUS_BENCH_RUNS` the number of runs.

use std::time::{Duration, Instant};

fn env_usize(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then run once, small.
    let benching = std::env::args().any(|a| a == "--bench");
    let mb = env_usize("VERSUS_BENCH_MB", if benching { 10 } else { 1 });
    let runs = env_usize("VERSUS_BENCH_RUNS", if benching { 9 } else { 1 }).max(1);

    let text = versus::r#gen::generate_article(mb * 1_000_000);
    let bytes = text.len();
    // Warm-up, and a sanity check that the article is what we think it is.
    let a = versus::article::parse_bytes(text.as_bytes(), "bench");
    let rows = a.table.as_ref().map_or(0, |t| t.rows.len());
    assert_eq!(a.contenders.len(), 3);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    drop(a);

    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let a = versus::article::parse_bytes(text.as_bytes(), "bench");
            let d = t.elapsed();
            std::hint::black_box(&a);
            d
        })
        .collect();
    let med = median(&mut times);
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!(
        "parse: {:.1} MB article ({} table rows), {} runs: median {:.1} ms = {:.1} MB/s (best {:.1} MB/s, worst {:.1} MB/s)",
        bytes as f64 / 1e6,
        rows,
        runs,
        med.as_secs_f64() * 1e3,
        mbs(med),
        mbs(times[0]),
        mbs(times[times.len() - 1]),
    );

    // For reference: pulldown-cmark alone on the same text, events read and dropped.
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_TASKLISTS;
    let mut base: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let n = pulldown_cmark::Parser::new_ext(&text, opts).count();
            std::hint::black_box(n);
            t.elapsed()
        })
        .collect();
    println!(
        "reference: pulldown-cmark events alone: {:.1} MB/s",
        mbs(median(&mut base))
    );
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
