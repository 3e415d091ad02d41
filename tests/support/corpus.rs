//! Scores what `versus` reads in the corpus of real articles
//! (tests/fixtures/real-world/corpus/) against what a careful reader found,
//! field by field. Shared by tests/corpus.rs (the floors) and
//! examples/corpus.rs (the table).
#![allow(dead_code)]

use serde::Deserialize;
use std::path::{Path, PathBuf};
use versus::article::Article;

/// One `NAME.toml`: what a reader finds in `NAME.md`.
#[derive(Debug, Clone, Deserialize)]
pub struct Expect {
    pub source: String,
    pub licence: String,
    #[serde(default)]
    pub language: String,
    pub kind: String,
    #[serde(default)]
    pub contenders: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<Vec<String>>,
    #[serde(default)]
    pub table_rows: usize,
    #[serde(default)]
    pub verdict: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub counts: Vec<Count>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Count {
    pub name: String,
    #[serde(default)]
    pub pros: usize,
    #[serde(default)]
    pub cons: usize,
    #[serde(default)]
    pub criteria: usize,
}

/// How one article scored.
#[derive(Debug, Clone, Default)]
pub struct FileScore {
    pub name: String,
    pub compare: bool,
    pub held_out: bool,
    pub contenders_ok: bool,
    pub table_ok: bool,
    /// Contender × field (pros, cons, criteria) pairs within a quarter.
    pub items_ok: usize,
    pub items_total: usize,
    pub verdict_ok: bool,
    /// What differs, one line each, for `--verbose`.
    pub diffs: Vec<String>,
}

/// The corpus folder (`VERSUS_CORPUS` names another, for files not yet committed).
pub fn corpus_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("VERSUS_CORPUS") {
        return PathBuf::from(d);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/real-world/corpus")
}

/// Every article of the corpus: (folder, name without extension), sorted.
pub fn articles() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for kind in ["compare", "plain"] {
        let Ok(rd) = std::fs::read_dir(corpus_dir().join(kind)) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "md")
                && let Some(stem) = p.file_stem().and_then(|s| s.to_str())
            {
                out.push((kind.to_string(), stem.to_string()));
            }
        }
    }
    out.sort();
    out
}

/// A third of the corpus, chosen by a hash of the file name, is held out:
/// its differences were not looked at while tuning the detectors, so its
/// score is an honest figure for articles the program was not tuned on.
pub fn held_out(name: &str) -> bool {
    // FNV-1a: stable across runs and platforms.
    let mut h: u32 = 0x811c_9dc5;
    for b in name.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h.is_multiple_of(3)
}

pub fn load_expect(kind: &str, name: &str) -> Result<Expect, String> {
    let p = corpus_dir().join(kind).join(format!("{name}.toml"));
    let text = std::fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
}

pub fn load_article(kind: &str, name: &str) -> Article {
    let p = corpus_dir().join(kind).join(format!("{name}.md"));
    let bytes = std::fs::read(&p).unwrap_or_default();
    versus::article::parse_bytes(&bytes, &format!("{kind}/{name}.md"))
}

/// Case and decoration folded: "**Vue.js**" and "vue.js" are one name.
fn fold(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '+' | '#' | '.'))
        .to_lowercase()
}

/// True when `got` (the program's name) is `want` (the reader's) or one of
/// its aliases.
fn same(e: &Expect, want: &str, got: &str) -> bool {
    let (w, g) = (fold(want), fold(got));
    if w == g {
        return true;
    }
    e.aliases.iter().any(|group| {
        let folded: Vec<String> = group.iter().map(|s| fold(s)).collect();
        folded.contains(&w) && folded.contains(&g)
    })
}

/// Within a quarter of the reader's count; a count of zero allows one.
pub fn close(want: usize, got: usize) -> bool {
    if want == 0 {
        got <= 1
    } else {
        4 * want.abs_diff(got) <= want
    }
}

/// Scores one article against its expectation.
pub fn score(name: &str, a: &Article, e: &Expect) -> FileScore {
    let compare = e.kind == "compare";
    let mut s = FileScore {
        name: name.to_string(),
        compare,
        held_out: held_out(name),
        ..FileScore::default()
    };
    let got: Vec<&str> = a.contenders.iter().map(|c| c.name.as_str()).collect();
    // Contenders: the same set, names matched through case and aliases.
    let find = |want: &str| a.contenders.iter().position(|c| same(e, want, &c.name));
    s.contenders_ok = if compare {
        got.len() == e.contenders.len()
            && e.contenders.iter().all(|w| find(w).is_some())
            && a.contenders
                .iter()
                .all(|c| e.contenders.iter().any(|w| same(e, w, &c.name)))
    } else {
        got.is_empty()
    };
    if !s.contenders_ok {
        s.diffs.push(format!(
            "contenders: want {:?}, got {:?} ({})",
            e.contenders,
            got,
            a.contenders.first().map_or("", |c| c.found_by.as_str())
        ));
    }
    // Table rows: the feature table's, exact or within a quarter.
    let rows = if a.contenders.is_empty() {
        0
    } else {
        a.table.as_ref().map_or(0, |t| t.rows.len())
    };
    s.table_ok = if e.table_rows == 0 {
        rows == 0
    } else {
        4 * e.table_rows.abs_diff(rows) <= e.table_rows
    };
    if !s.table_ok {
        s.diffs
            .push(format!("table rows: want {}, got {rows}", e.table_rows));
    }
    if compare {
        for c in &e.counts {
            let found = find(&c.name).map(|i| &a.contenders[i]);
            let fields = [
                ("pros", c.pros, found.map_or(0, |f| f.pros.len())),
                ("cons", c.cons, found.map_or(0, |f| f.cons.len())),
                (
                    "criteria",
                    c.criteria,
                    found.map_or(0, |f| f.choose_when.len()),
                ),
            ];
            for (field, want, got) in fields {
                s.items_total += 1;
                if close(want, got) {
                    s.items_ok += 1;
                } else {
                    s.diffs
                        .push(format!("{} {field}: want {want}, got {got}", c.name));
                }
            }
        }
        // Verdict: exactly the recommended contender has one, or none does.
        let with: Vec<&str> = a
            .contenders
            .iter()
            .filter(|c| c.verdict.is_some())
            .map(|c| c.name.as_str())
            .collect();
        s.verdict_ok = if e.verdict.is_empty() {
            with.is_empty()
        } else {
            with.len() == 1 && same(e, &e.verdict, with[0])
        };
        if !s.verdict_ok {
            s.diffs
                .push(format!("verdict: want {:?}, got {with:?}", e.verdict));
        }
    } else {
        s.verdict_ok = true;
    }
    s
}

/// Scores every article of the corpus; an unreadable expectation is an
/// error, unless `lenient` (an article still being added is then skipped).
pub fn score_all(lenient: bool) -> Result<Vec<FileScore>, String> {
    let mut out = Vec::new();
    for (kind, name) in articles() {
        let e = match load_expect(&kind, &name) {
            Ok(e) => e,
            Err(e) if lenient => {
                eprintln!("skipped: {e}");
                continue;
            }
            Err(e) => return Err(e),
        };
        let a = load_article(&kind, &name);
        out.push(score(&name, &a, &e));
    }
    Ok(out)
}

/// Totals over a set of scores.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    pub compare: usize,
    pub plain: usize,
    pub contenders_ok: usize,
    pub plain_ok: usize,
    pub table_ok: usize,
    pub items_ok: usize,
    pub items_total: usize,
    pub verdict_ok: usize,
}

impl Totals {
    pub fn of<'a>(scores: impl IntoIterator<Item = &'a FileScore>) -> Totals {
        let mut t = Totals::default();
        for s in scores {
            if s.compare {
                t.compare += 1;
                t.contenders_ok += usize::from(s.contenders_ok);
                t.table_ok += usize::from(s.table_ok);
                t.items_ok += s.items_ok;
                t.items_total += s.items_total;
                t.verdict_ok += usize::from(s.verdict_ok);
            } else {
                t.plain += 1;
                t.plain_ok += usize::from(s.contenders_ok);
            }
        }
        t
    }

    /// A share in percent; 100 when there is nothing to score.
    pub fn pct(ok: usize, n: usize) -> f64 {
        if n == 0 {
            100.0
        } else {
            100.0 * ok as f64 / n as f64
        }
    }

    pub fn contenders_pct(&self) -> f64 {
        Self::pct(self.contenders_ok, self.compare)
    }
    pub fn plain_pct(&self) -> f64 {
        Self::pct(self.plain_ok, self.plain)
    }
    pub fn table_pct(&self) -> f64 {
        Self::pct(self.table_ok, self.compare)
    }
    pub fn items_pct(&self) -> f64 {
        Self::pct(self.items_ok, self.items_total)
    }
    pub fn verdict_pct(&self) -> f64 {
        Self::pct(self.verdict_ok, self.compare)
    }

    pub fn line(&self, label: &str) -> String {
        format!(
            "{label:<10} compare {:>3}: contenders {:>3}/{:<3} ({:5.1}%)  table {:>3}/{:<3} ({:5.1}%)  items {:>4}/{:<4} ({:5.1}%)  verdict {:>3}/{:<3} ({:5.1}%)   plain {:>3}: none found {:>3}/{:<3} ({:5.1}%)",
            self.compare,
            self.contenders_ok,
            self.compare,
            self.contenders_pct(),
            self.table_ok,
            self.compare,
            self.table_pct(),
            self.items_ok,
            self.items_total,
            self.items_pct(),
            self.verdict_ok,
            self.compare,
            self.verdict_pct(),
            self.plain,
            self.plain_ok,
            self.plain,
            self.plain_pct(),
        )
    }
}
