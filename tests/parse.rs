//! One test per rule of the article engine (issue 3), on the fixtures in
//! `tests/fixtures/` and on small inline documents.

use serde_json::Value;
use versus::article::{Article, BlockKind, Item, parse, parse_bytes};

fn fixture(name: &str) -> Article {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_bytes(&bytes, name)
}

fn json(a: &Article) -> Value {
    serde_json::to_value(a).unwrap()
}

/// JSON with objects as ordered key lists (serde_json's `Value` sorts keys
/// unless its `preserve_order` feature is on, and field order is part of the format).
#[derive(Debug)]
enum Ordered {
    Object(Vec<(String, Ordered)>),
    Array(Vec<Ordered>),
    Scalar,
}

impl<'de> serde::Deserialize<'de> for Ordered {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Ordered;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut m: A,
            ) -> Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some((k, x)) = m.next_entry::<String, Ordered>()? {
                    v.push((k, x));
                }
                Ok(Ordered::Object(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut s: A,
            ) -> Result<Ordered, A::Error> {
                let mut v = Vec::new();
                while let Some(x) = s.next_element()? {
                    v.push(x);
                }
                Ok(Ordered::Array(v))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_i64<E>(self, _: i64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_u64<E>(self, _: u64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_str<E>(self, _: &str) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
            fn visit_unit<E>(self) -> Result<Ordered, E> {
                Ok(Ordered::Scalar)
            }
        }
        d.deserialize_any(V)
    }
}

impl Ordered {
    fn keys(&self) -> Vec<&str> {
        match self {
            Ordered::Object(v) => v.iter().map(|(k, _)| k.as_str()).collect(),
            _ => panic!("not an object: {self:?}"),
        }
    }
    fn get(&self, key: &str) -> &Ordered {
        match self {
            Ordered::Object(v) => &v.iter().find(|(k, _)| k == key).unwrap().1,
            _ => panic!("not an object"),
        }
    }
    fn at(&self, i: usize) -> &Ordered {
        match self {
            Ordered::Array(v) => &v[i],
            _ => panic!("not an array"),
        }
    }
}

fn ordered(a: &Article) -> Ordered {
    serde_json::from_str(&serde_json::to_string(a).unwrap()).unwrap()
}

fn item(title: Option<&str>, text: &str) -> Item {
    Item {
        title: title.map(str::to_string),
        text: text.to_string(),
    }
}

fn names(a: &Article) -> Vec<&str> {
    a.contenders.iter().map(|c| c.name.as_str()).collect()
}

fn section_text(a: &Article, title: &str) -> String {
    let i = a.sections.iter().position(|s| s.title == title);
    a.section_text(i.unwrap_or_else(|| panic!("no section {title:?} in {:?}", titles(a))))
}

fn titles(a: &Article) -> Vec<&str> {
    a.sections.iter().map(|s| s.title.as_str()).collect()
}

/// Every string anywhere in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
        Value::Object(m) => m.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out)
        }),
        _ => {}
    }
}

// ---- The bundled article: the exact expectations of issue 3 ----

#[test]
fn bundled_article() {
    let a = versus::article::bundled();
    assert_eq!(a.source, "bundled");
    assert_eq!(names(&a), ["Django", "Flask"]);
    let t = a.table.as_ref().expect("a feature table");
    assert_eq!(t.columns, ["Feature", "Django", "Flask"]);
    assert_eq!(t.rows.len(), 6);
    assert_eq!(
        t.rows[0],
        [
            "Philosophy",
            "Batteries included, all-in-one framework",
            "Minimalistic, build-your-own approach"
        ]
    );
    let (d, f) = (&a.contenders[0], &a.contenders[1]);
    assert_eq!((d.pros.len(), d.cons.len()), (4, 3));
    assert_eq!((f.pros.len(), f.cons.len()), (4, 3));
    assert_eq!(
        d.pros[0],
        item(
            Some("Comprehensive Framework"),
            "Everything you need in one package."
        )
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(
        a.title.as_deref(),
        Some("Django vs Flask: Which Python Web Framework Should You Choose?")
    );
    assert_eq!(a.meta.keywords.len(), 5);
    assert!(
        a.meta
            .description
            .as_deref()
            .unwrap()
            .starts_with("A detailed comparison")
    );
    // The first Django pro, exactly as the JSON shows it.
    let v = json(&a);
    assert_eq!(
        v["contenders"][0]["pros"][0],
        serde_json::json!({"title": "Comprehensive Framework", "text": "Everything you need in one package."})
    );
}

// ---- JSON shape: one object, stable field order ----

#[test]
fn json_fields_in_order() {
    let v = ordered(&fixture("three-contenders.md"));
    assert_eq!(
        v.keys(),
        [
            "source",
            "meta",
            "title",
            "contenders",
            "table",
            "sections",
            "warnings"
        ]
    );
    assert_eq!(
        v.get("meta").keys(),
        ["title", "description", "keywords", "extra"]
    );
    assert_eq!(v.get("table").keys(), ["columns", "rows"]);
    assert_eq!(v.get("sections").at(0).keys(), ["level", "title", "text"]);
    // Contenders may carry more than issue 3 asks for; its fields come in order.
    let c = v.get("contenders").at(0).keys();
    let pos = |k: &str| c.iter().position(|x| *x == k).unwrap();
    assert!(
        pos("name") < pos("pros") && pos("pros") < pos("cons"),
        "{c:?}"
    );
    assert_eq!(
        v.get("contenders").at(0).get("pros").at(0).keys(),
        ["title", "text"]
    );
    // No table is `null`, not a missing field.
    let v = json(&fixture("no-table.md"));
    assert_eq!(v["table"], Value::Null);
}

// ---- Front matter ----

#[test]
fn front_matter_keys_and_extra_in_file_order() {
    let a = fixture("three-contenders.md");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Rust vs Go vs Zig: systems languages in 2024")
    );
    assert_eq!(
        a.meta.description.as_deref(),
        Some("A side-by-side look at three systems languages.")
    );
    // A comma-separated string, with blanks and empty entries dropped.
    assert_eq!(a.meta.keywords, ["rust", "go", "zig"]);
    // Scalars only, in file order; lists and maps are not kept.
    let extra: Vec<(&str, &str)> = a
        .meta
        .extra
        .0
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        extra,
        [
            ("author", "Ann Example"),
            ("date", "2024-05-01"),
            ("draft", "false"),
            ("version", "3")
        ]
    );
    // And JSON keeps that order.
    let v = ordered(&a);
    assert_eq!(
        v.get("meta").get("extra").keys(),
        ["author", "date", "draft", "version"]
    );
}

#[test]
fn front_matter_aliases_and_keyword_lists() {
    let a = parse(
        "---\nmeta_title: T\nmeta_description: D\ntags: [x, \" y \", 3]\nzeta: 1\nalpha: 2\n---\n# H\n",
        "t",
    );
    assert_eq!(a.meta.title.as_deref(), Some("T"));
    assert_eq!(a.meta.description.as_deref(), Some("D"));
    assert_eq!(a.meta.keywords, ["x", "y", "3"]);
    let extra_keys: Vec<&str> = a.meta.extra.0.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(extra_keys, ["zeta", "alpha"]);

    let a = parse("---\nmeta_keywords: one, two\n---\nbody\n", "t");
    assert_eq!(a.meta.keywords, ["one", "two"]);
}

#[test]
fn front_matter_is_not_a_heading_and_later_rules_stay_rules() {
    // Without splitting, "title: X" over "---" would be a setext heading.
    let a = parse("---\ntitle: X\n---\nBody.\n\n---\n\nMore.\n", "t");
    assert_eq!(a.meta.title.as_deref(), Some("X"));
    assert!(!titles(&a).contains(&"title: X"), "{:?}", titles(&a));
    assert_eq!(a.title, None, "the title is the first H1, not meta.title");
    let rules = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Rule)
        .count();
    assert_eq!(rules, 1);
}

#[test]
fn unclosed_front_matter_is_a_rule() {
    let a = parse("---\n# A vs B\n\ntext\n", "t");
    assert_eq!(a.meta.title, None);
    assert_eq!(a.title.as_deref(), Some("A vs B"));
    assert!(matches!(a.blocks[0].kind, BlockKind::Rule));
    assert!(a.warnings.iter().all(|w| !w.contains("front matter")));
}

#[test]
fn broken_yaml_warns_with_the_line_and_the_body_is_parsed() {
    let a = fixture("broken-yaml.md");
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    let w = &a.warnings[0];
    assert!(w.contains("front matter") && w.contains("YAML"), "{w}");
    // The block is lines 1-5; the parser notices the unclosed list on line 4.
    assert!(w.contains("line 4"), "{w}");
    // The block is ignored as a whole, even its valid first key.
    assert_eq!(a.meta.title, None);
    assert!(a.meta.extra.0.is_empty());
    assert_eq!(a.title.as_deref(), Some("Apples vs Oranges"));
    assert_eq!(
        section_text(&a, "Apples vs Oranges"),
        "The body is still parsed.\n\nA thematic break above stays a break."
    );
    assert!(a.blocks.iter().any(|b| b.kind == BlockKind::Rule));
}

#[test]
fn wrong_type_front_matter_warns_and_never_panics() {
    let a = parse(
        "---\ntitle: 42\ndescription: [a, b]\nkeywords: {a: 1}\n---\n# A vs B\n",
        "t",
    );
    assert_eq!(a.meta.title.as_deref(), Some("42"));
    assert_eq!(a.meta.description, None);
    assert!(a.meta.keywords.is_empty());
    assert_eq!(
        a.warnings
            .iter()
            .filter(|w| w.starts_with("front matter"))
            .count(),
        3,
        "{:?}",
        a.warnings
    );
}

// ---- Title ----

#[test]
fn title_is_the_first_h1_without_markup() {
    let a = fixture("no-table.md");
    assert_eq!(
        a.title.as_deref(),
        Some("Vim VERSUS Emacs vs. Nano: the editor war")
    );
    let a = parse(
        "## Not this\n\n# *First* [one](https://x.y) `code`\n\n# Second\n",
        "t",
    );
    assert_eq!(a.title.as_deref(), Some("First one code"));
    let a = parse("## Only H2\n", "t");
    assert_eq!(a.title, None);
}

// ---- Sections ----

#[test]
fn sections_in_order_with_levels_and_plain_text() {
    let a = fixture("no-front-matter.md");
    let got: Vec<(u8, &str)> = a
        .sections
        .iter()
        .map(|s| (s.level, s.title.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (1, ""),
            (1, "Tabs versus Spaces"),
            (2, "Body"),
            (2, "Tabs Pros"),
            (2, "Spaces Cons")
        ]
    );
    // Text before the first heading: a leading level-1 section, titled with
    // meta.title, here empty because there is no front matter.
    assert_eq!(
        a.section_text(0),
        "Some text before any heading, with emphasis.\n\nA second paragraph."
    );
    // Links show their target, except anchors and empty ones.
    assert_eq!(
        a.section_text(1),
        "Intro with a link (https://example.com/a), an anchor and an empty."
    );
    // Quotes, code, nested lists, ordered lists, text after a rule.
    assert_eq!(
        section_text(&a, "Body"),
        "A quoted line.\n\nNested quote.\n\nfn main() {}\n\n- one\n  - nested one\n    - nested twice\n- two\n1. first\n2. second\nText after a rule."
    );
}

#[test]
fn leading_section_takes_the_front_matter_title() {
    let a = parse("---\ntitle: From meta\n---\nIntro.\n\n## Next\n\nx\n", "t");
    assert_eq!(a.sections[0].level, 1);
    assert_eq!(a.sections[0].title, "From meta");
    assert_eq!(a.section_text(0), "Intro.");
    assert_eq!(a.sections[1].title, "Next");
    // No text before the first heading: no leading section.
    let a = parse("# A\n\nx\n", "t");
    assert_eq!(titles(&a), ["A"]);
}

#[test]
fn every_heading_level_is_a_section() {
    let src: String = (1..=6)
        .map(|l| format!("{} H{l}\n\nt{l}\n\n", "#".repeat(l)))
        .collect();
    let a = parse(&src, "t");
    let got: Vec<(u8, String, String)> = a
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.level, s.title.clone(), a.section_text(i)))
        .collect();
    let want: Vec<(u8, String, String)> = (1..=6)
        .map(|l| (l, format!("H{l}"), format!("t{l}")))
        .collect();
    assert_eq!(got, want);
}

// ---- Feature table ----

#[test]
fn feature_table_is_the_first_with_three_columns_as_plain_text() {
    let a = fixture("three-contenders.md");
    let t = a.table.as_ref().unwrap();
    assert_eq!(t.columns, ["Feature", "Rust", "Go", "Zig"]);
    assert_eq!(
        t.rows,
        [
            ["Memory", "Ownership", "GC", "Manual"],
            ["Concurrency", "async/await", "Goroutines", "Threads"],
            ["Learning curve", "Steep", "Gentle", "Moderate"],
            // Escaped pipes stay inside their cell, in code spans too.
            ["Pipes", "a | b", "x | y", "plain"],
        ]
    );

    let a = parse(
        "| A | B |\n|---|---|\n| 1 | 2 |\n\n| F | X | Y |\n|---|---|---|\n| f | x | y |\n",
        "t",
    );
    assert_eq!(a.table.as_ref().unwrap().columns, ["F", "X", "Y"]);
}

#[test]
fn ragged_rows_are_padded_or_cut_with_a_warning() {
    let a = fixture("ragged.md");
    let t = a.table.as_ref().unwrap();
    assert_eq!(t.columns, ["Feature", "Left", "Right"]);
    assert_eq!(
        t.rows,
        [
            ["short", "1", ""],
            ["exact", "1", "2"],
            ["long", "1", "2"],
            ["escaped", "a | b", "c"],
        ]
    );
    assert_eq!(
        a.warnings,
        ["2 table row(s) had a different number of cells than the header; padded or cut"]
    );
}

#[test]
fn a_table_without_raggedness_gives_no_warning() {
    // Leading/trailing pipes are optional; escaped pipes are not separators.
    let a = parse(
        "F | A | B\n--|--|--\nx | 1 | 2\n| y | `a\\|b` | c \\| d |\nz | 1 | 2 |\n",
        "t",
    );
    // A bare table of numbers compares nobody: that is the only warning.
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(a.warnings[0].starts_with("no contenders found"));
    assert_eq!(a.table.unwrap().rows[1], ["y", "a|b", "c | d"]);
}

// ---- Contenders ----

#[test]
fn contenders_from_the_table_header() {
    let a = fixture("three-contenders.md");
    assert_eq!(names(&a), ["Rust", "Go", "Zig"]);
    assert!(a.contenders.iter().all(|c| c.found_by == "table"));
}

#[test]
fn contenders_from_the_h1_without_a_table() {
    let a = fixture("no-table.md");
    assert_eq!(a.table, None);
    // `versus` and `vs.`, any case; the part after `:` is ignored; markup stripped.
    assert_eq!(names(&a), ["Vim", "Emacs", "Nano"]);
    assert!(a.contenders.iter().all(|c| c.found_by == "title"));

    for (h1, want) in [
        ("# Cats vs Dogs", vec!["Cats", "Dogs"]),
        ("# cats VS. dogs: a guide", vec!["cats", "dogs"]),
        ("# A versus B vs C", vec!["A", "B", "C"]),
        ("# Tabs **versus** Spaces", vec!["Tabs", "Spaces"]),
    ] {
        let a = parse(&format!("{h1}\n\ntext\n"), "t");
        assert_eq!(names(&a), want, "{h1}");
    }
}

#[test]
fn no_contenders_is_a_warning_not_a_failure() {
    let a = parse("# Notes\n\nJust some text.\n", "t");
    assert!(a.contenders.is_empty());
    assert!(
        a.warnings.iter().any(|w| w.contains("no contenders")),
        "{:?}",
        a.warnings
    );
}

// ---- Pros and cons ----

#[test]
fn pros_and_cons_headings_any_level_case_and_trailing_colon() {
    let a = fixture("three-contenders.md");
    let [rust, go, zig] = &a.contenders[..] else {
        panic!()
    };
    assert_eq!(
        rust.pros,
        [
            item(Some("Safety"), "No data races."),
            item(Some("Speed"), "Zero-cost abstractions.")
        ]
    );
    // "## Rust cons:" — trailing colon.
    assert_eq!(rust.cons, [item(Some("Compile times"), "Slow builds.")]);
    // "### Go Pros", an ordered list; a bold lead without a colon still splits.
    assert_eq!(
        go.pros,
        [
            item(Some("Simplicity"), "Small language."),
            item(Some("Tooling"), "go fmt, go test.")
        ]
    );
    assert_eq!(go.cons, [item(Some("Generics"), "Late to arrive.")]);
    // "#### ZIG PROS" and "#### zig cons".
    assert_eq!(
        zig.pros,
        [item(Some("Comptime"), "Code that runs at compile time.")]
    );
    assert_eq!(zig.cons, [item(Some("Maturity"), "Not yet 1.0.")]);
}

#[test]
fn advantages_disadvantages_strengths_weaknesses_drawbacks() {
    let a = fixture("advantages.md");
    assert_eq!(names(&a), ["PostgreSQL", "MySQL"]);
    let (pg, my) = (&a.contenders[0], &a.contenders[1]);
    assert_eq!(pg.pros, [item(Some("Standards"), "Close to SQL.")]);
    assert_eq!(pg.cons, [item(Some("Vacuum"), "Needs tuning.")]);
    assert_eq!(
        my.pros,
        [
            item(Some("Replication"), "Simple to set up."),
            item(Some("Popularity"), "Everywhere.")
        ]
    );
    // Weaknesses and Drawbacks both add to the cons, in document order.
    assert_eq!(
        my.cons,
        [
            item(Some("Defaults"), "Historically lax."),
            item(Some("Licensing"), "Owned by Oracle.")
        ]
    );
}

#[test]
fn plain_items_nested_items_and_following_paragraphs() {
    let a = fixture("plain-items.md");
    let (tea, coffee) = (&a.contenders[0], &a.contenders[1]);
    assert_eq!(
        tea.pros,
        [
            item(None, "Calming and warm."),
            // Nested items stay in their top-level item's text.
            item(None, "Many varieties\n  - green\n  - black"),
            // So does a following paragraph.
            item(None, "A long item.\nWith a second paragraph."),
            // A bold start that runs on into the sentence is not a title.
            item(None, "Cheap, mostly."),
        ]
    );
    assert_eq!(
        coffee.cons,
        [item(None, "Bitter"), item(Some("Jittery"), "")]
    );
}

#[test]
fn pros_heading_for_an_unknown_name_is_ignored() {
    let a = parse(
        "# A vs B\n\n## C pros\n\n- x\n\n## A pros\n\n- **Lead:** y\n",
        "t",
    );
    assert_eq!(a.contenders[0].pros, [item(Some("Lead"), "y")]);
    assert!(a.contenders[1].pros.is_empty());
}

// ---- Line endings, encodings, control characters ----

#[test]
fn crlf_equals_lf_and_no_carriage_return_survives() {
    let crlf = fixture("crlf.md");
    let bytes = std::fs::read(format!(
        "{}/tests/fixtures/crlf.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "fixture lost its CRLF"
    );
    let lf_src = String::from_utf8(bytes).unwrap().replace("\r\n", "\n");
    let lf = parse(&lf_src, "crlf.md");
    assert_eq!(json(&crlf), json(&lf));
    let mut all = Vec::new();
    strings(&json(&crlf), &mut all);
    assert!(all.iter().all(|s| !s.contains('\r')), "{all:?}");
    assert_eq!(crlf.meta.title.as_deref(), Some("Cats vs Dogs"));
    assert_eq!(crlf.contenders[0].pros, [item(Some("Quiet"), "They purr.")]);
    // Lone CRs (old Mac files) are line breaks too.
    let cr = parse("# A vs B\r\rtext\r", "t");
    assert_eq!(cr.title.as_deref(), Some("A vs B"));
    assert_eq!(cr.section_text(0), "text");
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let a = fixture("invalid-utf8.md");
    assert_eq!(
        a.warnings,
        ["the file is not valid UTF-8: 5 invalid sequence(s) shown as �"]
    );
    assert_eq!(a.title.as_deref(), Some("Caf� vs Bar"));
    assert_eq!(names(&a), ["Caf�", "Bar"]);
    assert_eq!(a.table.as_ref().unwrap().rows[0], ["x", "��", "ok"]);
    assert!(a.section_text(0).ends_with("Valid ✓ and invalid �( bytes."));
}

#[test]
fn control_characters_are_removed_with_one_warning_per_kind() {
    let a = fixture("control-chars.md");
    assert_eq!(
        a.warnings,
        [
            "removed 5 escape (ESC) characters",
            "removed 2 control (C0) characters",
            "removed 1 delete (DEL) character",
            "removed 2 C1 control characters",
            "removed 3 bidirectional override characters",
        ]
    );
    assert_eq!(a.meta.title.as_deref(), Some("Bell title"));
    assert_eq!(a.title.as_deref(), Some("Esc[31m vs Red[0m"));
    assert_eq!(a.table.as_ref().unwrap().rows[0], ["a]0;pwned", "b", "[2J"]);
    let mut all = Vec::new();
    strings(&json(&a), &mut all);
    for s in &all {
        assert!(
            !s.chars().any(versus::article::sanitize::is_forbidden),
            "{s:?}"
        );
    }
    // Tabs are expanded; entities that decode to controls are removed too.
    assert!(
        a.section_text(0)
            .ends_with("Tab    stays as spaces, entity [1m and  and ."),
        "{:?}",
        a.section_text(0)
    );
}

#[test]
fn empty_input_parses_to_an_empty_article() {
    for src in ["", "\n\n", "   "] {
        let a = parse(src, "t");
        assert!(a.sections.is_empty() && a.table.is_none() && a.title.is_none());
        assert!(a.warnings.iter().any(|w| w.contains("no contenders")));
    }
    let a = fixture("empty.md");
    assert!(a.sections.is_empty());
}

#[test]
fn every_fixture_parses_and_serialises() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            let a = parse_bytes(&std::fs::read(&p).unwrap(), "f");
            let mut all = Vec::new();
            strings(&json(&a), &mut all);
            for s in &all {
                assert!(
                    !s.chars()
                        .any(|c| c == '\r' || versus::article::sanitize::is_forbidden(c)),
                    "{}: {s:?}",
                    p.display()
                );
            }
            n += 1;
        }
    }
    assert!(n >= 11, "{n}");
}
