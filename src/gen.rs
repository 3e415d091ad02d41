//! A generator of large, realistic comparison articles, for benchmarks
//! (`cargo bench --bench parse`) and stress tests.
//!
//! The output is deterministic: the same `target_bytes` always gives the same
//! article, so figures from different runs compare.

use std::fmt::Write;

const CONTENDERS: [&str; 3] = ["Alpha", "Beta", "Gamma"];

const WORDS: &[&str] = &[
    "framework",
    "request",
    "latency",
    "the",
    "a",
    "of",
    "and",
    "scales",
    "database",
    "migration",
    "template",
    "router",
    "plugin",
    "is",
    "with",
    "for",
    "deployment",
    "throughput",
    "community",
    "secure",
    "configuration",
    "in",
    "to",
    "handles",
    "simple",
    "complex",
    "project",
    "team",
    "documentation",
    "ecosystem",
];

/// A small deterministic pseudo-random source (xorshift), so the crate needs
/// no random-number dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

/// A sentence of plain words with, now and then, inline markup: bold,
/// italic, code, a link.
fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(10);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        let w = rng.word();
        match rng.below(14) {
            0 => write!(out, "**{w}**").unwrap(),
            1 => write!(out, "*{w}*").unwrap(),
            2 => write!(out, "`{w}()`").unwrap(),
            3 => write!(out, "[{w}](https://example.com/{w}/{})", rng.below(1000)).unwrap(),
            _ => out.push_str(w),
        }
    }
    out.push_str(". ");
}

fn paragraph(rng: &mut Rng, out: &mut String) {
    for _ in 0..3 + rng.below(4) {
        sentence(rng, out);
    }
    out.truncate(out.trim_end().len());
    out.push_str("\n\n");
}

/// One feature table row per call: a feature name and a cell per contender.
fn table_row(rng: &mut Rng, i: usize, out: &mut String) {
    write!(out, "| **Feature {i}** ").unwrap();
    for _ in CONTENDERS {
        out.push_str("| ");
        for j in 0..2 + rng.below(4) {
            if j > 0 {
                out.push(' ');
            }
            let w = rng.word();
            if rng.below(8) == 0 {
                write!(out, "`{w}`").unwrap();
            } else {
                out.push_str(w);
            }
        }
        out.push(' ');
    }
    out.push_str("|\n");
}

fn items(rng: &mut Rng, out: &mut String, ordered: bool) {
    for k in 0..3 + rng.below(4) {
        if ordered {
            write!(out, "{}. ", k + 1).unwrap();
        } else {
            out.push_str("- ");
        }
        let lead = rng.word();
        write!(out, "**{lead}:** ").unwrap();
        sentence(rng, out);
        out.truncate(out.trim_end().len());
        out.push('\n');
        if rng.below(4) == 0 {
            out.push_str("  - ");
            sentence(rng, out);
            out.truncate(out.trim_end().len());
            out.push('\n');
        }
    }
    out.push('\n');
}

/// Generates an article of about `target_bytes` bytes (never less, at most a
/// few kilobytes more): front matter, an H1 naming three contenders, a feature
/// table (about a tenth of the article), then sections with paragraphs, pros
/// and cons lists, block quotes and code blocks until the size is reached.
pub fn generate_article(target_bytes: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(target_bytes + 8192);
    out.push_str(
        "---\ntitle: \"Alpha vs Beta vs Gamma: a generated comparison\"\n\
         description: A large generated article for benchmarks.\n\
         keywords: [alpha, beta, gamma, benchmark]\nauthor: versus::gen\n---\n\n\
         # Alpha vs Beta vs Gamma: a generated comparison\n\n",
    );
    paragraph(&mut rng, &mut out);

    out.push_str("## Feature table\n\n| Feature | Alpha | Beta | Gamma |\n|---|---|---|---|\n");
    let table_bytes = target_bytes / 10;
    let mut row = 0;
    while out.len() < table_bytes {
        row += 1;
        table_row(&mut rng, row, &mut out);
    }
    out.push('\n');

    let mut section = 0;
    while out.len() < target_bytes {
        section += 1;
        let name = CONTENDERS[section % CONTENDERS.len()];
        writeln!(out, "## Part {section}: {} {}\n", rng.word(), rng.word()).unwrap();
        paragraph(&mut rng, &mut out);
        if section % 2 == 0 {
            writeln!(out, "### {name} Pros\n").unwrap();
            items(&mut rng, &mut out, false);
            writeln!(out, "### {name} Cons\n").unwrap();
            items(&mut rng, &mut out, true);
        }
        if section % 3 == 0 {
            out.push_str("> ");
            sentence(&mut rng, &mut out);
            out.truncate(out.trim_end().len());
            out.push_str("\n\n");
        }
        if section % 5 == 0 {
            writeln!(
                out,
                "```rust\nfn part_{section}() -> u32 {{\n    {}\n}}\n```\n",
                section * 7
            )
            .unwrap();
        }
        paragraph(&mut rng, &mut out);
    }
    out
}

/// Articles of extreme shapes for robustness tests, generated rather than
/// kept in the repository: `(name, text)` for a single 100,000-character
/// line, a 2,000-row table, a 40-column table, 10,000 headings, and lists
/// and block quotes nested 100 deep.
pub fn stress_articles() -> Vec<(&'static str, String)> {
    let mut out = Vec::new();

    let mut line = String::from("# Long vs Short\n\n");
    let words = ["word", "**bold**", "`code`", "[l](https://example.com/x)"];
    let mut i = 0;
    while line.len() < 100_000 {
        line.push_str(words[i % words.len()]);
        i += 1;
    }
    // And one unbreakable word of 100,000 characters.
    line.push_str("\n\n");
    line.push_str(&"x".repeat(100_000));
    line.push('\n');
    out.push(("huge-line.md", line));

    let mut t = String::from("# Rows vs Columns\n\n| Feature | Rows | Columns |\n|---|---|---|\n");
    for r in 0..2000 {
        writeln!(t, "| feature {r} | **{r}** rows | `{}` columns |", r * 7).unwrap();
    }
    out.push(("table-2000-rows.md", t));

    let mut t = String::from("# Wide tables\n\n|");
    for c in 0..40 {
        write!(t, " Column {c} |").unwrap();
    }
    t.push_str("\n|");
    t.push_str(&"---|".repeat(40));
    t.push('\n');
    for r in 0..20 {
        t.push('|');
        for c in 0..40 {
            write!(t, " r{r}c{c} |").unwrap();
        }
        t.push('\n');
    }
    out.push(("table-40-columns.md", t));

    let mut h = String::from("# Many vs Few\n\n");
    for n in 0..10_000 {
        writeln!(h, "{} Heading {n}\n\ntext {n}\n", "#".repeat(2 + n % 5)).unwrap();
    }
    out.push(("headings-10000.md", h));

    let mut d = String::from("# Deep vs Shallow\n\n");
    for i in 0..100 {
        writeln!(d, "{}- level {i}", "  ".repeat(i)).unwrap();
    }
    d.push('\n');
    for i in 1..=100 {
        writeln!(d, "{}quote {i}\n", "> ".repeat(i)).unwrap();
    }
    for i in 1..=100 {
        write!(d, "{}1. ", "   ".repeat(i - 1)).unwrap();
        writeln!(d, "ordered {i}").unwrap();
    }
    out.push(("nesting-100.md", d));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reaches_the_size_and_is_deterministic() {
        let a = generate_article(200_000);
        assert!(a.len() >= 200_000 && a.len() < 210_000, "{}", a.len());
        assert_eq!(a, generate_article(200_000));
    }

    #[test]
    fn parses_as_a_three_way_comparison() {
        let a = crate::article::parse(&generate_article(100_000), "gen");
        let names: Vec<_> = a.contenders.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, CONTENDERS);
        assert!(a.table.as_ref().is_some_and(|t| t.rows.len() > 50));
        assert!(a.contenders.iter().all(|c| !c.pros.is_empty()));
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    }
}
