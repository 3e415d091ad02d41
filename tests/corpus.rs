//! The corpus of real articles (tests/fixtures/real-world/corpus/), scored
//! field by field against what a careful reader found (see
//! tests/support/corpus.rs and `cargo run --example corpus -- --verbose`).
//! A score below its floor fails: the detectors got worse at reading
//! articles people actually write.

#[path = "support/corpus.rs"]
mod corpus;

use corpus::Totals;

// The floors, in percent: a few points under the scores reached when they
// were set. 2026-12-03, first round (104 comparison posts and 43 plain
// files): contenders 69.2, plain 97.7, table rows 95.2, items 87.2,
// verdicts 71.2. Raised 2026-12-03, second round (same files): contenders
// 76.9 (tuned 83.8, held out 60.0), plain 97.7, table rows 95.2, items 88.0,
// verdicts 75.0; see README, "How well it reads". The margin lets a new
// batch of corpus files of a kind not yet read well land without failing
// the build, while a detector that gets worse at what it already reads
// fails here.
/// Comparison articles whose contenders are found exactly.
const CONTENDERS_FLOOR: f64 = 73.0;
/// Ordinary files in which no contenders are found.
const PLAIN_FLOOR: f64 = 93.0;
/// Comparison articles whose feature table has the reader's row count.
const TABLE_FLOOR: f64 = 90.0;
/// Contender × field (pros, cons, criteria) pairs within a quarter.
const ITEMS_FLOOR: f64 = 85.0;
/// Comparison articles whose verdict is the reader's.
const VERDICT_FLOOR: f64 = 71.0;

#[test]
fn every_corpus_file_has_its_expectation_with_source_and_licence() {
    let files = corpus::articles();
    for (kind, name) in &files {
        let e = corpus::load_expect(kind, name).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            e.source.starts_with("https://"),
            "{kind}/{name}.toml: source {:?}",
            e.source
        );
        assert!(
            !e.licence.trim().is_empty(),
            "{kind}/{name}.toml: no licence"
        );
        assert_eq!(&e.kind, kind, "{kind}/{name}.toml: kind");
        if kind == "compare" {
            assert!(
                (2..=8).contains(&e.contenders.len()),
                "{kind}/{name}.toml: contenders {:?}",
                e.contenders
            );
            assert_eq!(
                e.counts.len(),
                e.contenders.len(),
                "{kind}/{name}.toml: one [[counts]] per contender"
            );
        } else {
            assert!(
                e.contenders.is_empty(),
                "{kind}/{name}.toml: plain with contenders"
            );
        }
    }
    // Every .toml has its article.
    for kind in ["compare", "plain"] {
        let Ok(rd) = std::fs::read_dir(corpus::corpus_dir().join(kind)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "toml") {
                assert!(
                    p.with_extension("md").exists(),
                    "{}: no article",
                    p.display()
                );
            }
        }
    }
}

#[test]
fn the_corpus_scores_above_its_floors() {
    let scores = corpus::score_all(false).unwrap_or_else(|e| panic!("{e}"));
    let t = Totals::of(&scores);
    let report = t.line("corpus");
    assert!(t.contenders_pct() >= CONTENDERS_FLOOR, "{report}");
    assert!(t.plain_pct() >= PLAIN_FLOOR, "{report}");
    assert!(t.table_pct() >= TABLE_FLOOR, "{report}");
    assert!(t.items_pct() >= ITEMS_FLOOR, "{report}");
    assert!(t.verdict_pct() >= VERDICT_FLOOR, "{report}");
}

#[test]
fn the_scorer_counts_as_a_reader_would() {
    // Within a quarter; a zero allows one.
    assert!(corpus::close(4, 5) && corpus::close(4, 3) && !corpus::close(4, 6));
    assert!(corpus::close(0, 1) && !corpus::close(0, 2));
    assert!(corpus::close(1, 1) && !corpus::close(1, 2) && !corpus::close(1, 0));
    let e: corpus::Expect = toml::from_str(
        r#"source = "https://example.com"
licence = "MIT"
kind = "compare"
contenders = ["Vue", "React"]
aliases = [["Vue", "Vue.js"]]
table_rows = 4
verdict = "Vue"
[[counts]]
name = "Vue"
pros = 2
[[counts]]
name = "React"
cons = 1
"#,
    )
    .unwrap();
    let a = versus::article::parse(
        "# Vue.js vs React\n\n## Vue.js Pros\n- a\n- b\n\n## React Cons\n- c\n\n## Conclusion\nPick Vue.js.\n",
        "t",
    );
    let s = corpus::score("t", &a, &e);
    assert!(s.contenders_ok, "{:?}", s.diffs);
    assert!(!s.table_ok, "no table, four rows expected");
    assert_eq!((s.items_ok, s.items_total), (6, 6), "{:?}", s.diffs);
    assert!(s.verdict_ok, "{:?}", s.diffs);
}
