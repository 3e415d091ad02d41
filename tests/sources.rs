//! The corpus of real articles (tests/fixtures/real-world/corpus/) may hold
//! only files whose licence allows copying them, each recorded with its
//! source and licence in tests/fixtures/real-world/SOURCES.md.

use std::path::Path;

/// Licences that allow keeping a copy of the text in this repository.
const ALLOWED: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "CC0-1.0",
    "CC-BY-3.0",
    "CC-BY-4.0",
    "CC-BY-SA-3.0",
    "CC-BY-SA-4.0",
    "Unlicense",
    "MPL-2.0",
    "ISC",
    "0BSD",
];

fn root() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/real-world"
    ))
}

/// Every SPDX id in an expression such as "MIT OR Apache-2.0" must be allowed.
fn licence_allowed(expr: &str) -> bool {
    let ids: Vec<&str> = expr
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty() && *w != "OR" && *w != "AND")
        .collect();
    !ids.is_empty() && ids.iter().all(|id| ALLOWED.contains(id))
}

#[test]
fn every_corpus_file_has_an_allowed_licence_and_a_row_in_sources() {
    let sources = std::fs::read_to_string(root().join("SOURCES.md")).expect("SOURCES.md");
    let mut seen = 0;
    for kind in ["compare", "plain"] {
        let dir = root().join("corpus").join(kind);
        for entry in std::fs::read_dir(&dir).expect("corpus folder") {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            seen += 1;
            let stem = path.file_stem().unwrap().to_str().unwrap();
            let toml_path = path.with_extension("toml");
            let text = std::fs::read_to_string(&toml_path)
                .unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
            let t: toml::Table =
                toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
            let licence = t["licence"].as_str().expect("licence");
            let source = t["source"].as_str().expect("source");
            assert!(licence_allowed(licence), "{stem}: licence {licence}");
            assert!(
                source.starts_with("https://github.com/") && source.contains("/blob/"),
                "{stem}: source {source}"
            );
            let row = format!("| `corpus/{kind}/{stem}.md` |");
            let line = sources
                .lines()
                .find(|l| l.starts_with(&row))
                .unwrap_or_else(|| panic!("SOURCES.md has no row for {kind}/{stem}"));
            assert!(line.contains(licence) && line.contains(source), "{line}");
        }
    }
    assert!(seen >= 90, "the corpus has {seen} articles");
}

#[test]
fn licence_expressions_are_read_by_id() {
    assert!(licence_allowed("MIT OR Apache-2.0"));
    assert!(licence_allowed("Unlicense OR MIT"));
    assert!(!licence_allowed("CC-BY-NC-4.0"));
    assert!(!licence_allowed("MIT OR CC-BY-NC-SA-4.0"));
    assert!(!licence_allowed(""));
}
