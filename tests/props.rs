//! Property tests: random markdown, random bytes and random front matter
//! never make the parser or `--print` panic, and nothing they produce holds a
//! character a terminal could act on.
//!
//! About 4,000 cases in all by default; set `PROPTEST_CASES` to run each
//! property that many times instead, e.g.
//! `PROPTEST_CASES=100000 cargo test --release --test props`.

use proptest::prelude::*;
use versus::article::{Article, BlockKind, parse, parse_bytes};
use versus::print;
use versus::render::theme::Theme;

fn cases(default: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases: n,
        // Shrinking a failure is worth a while; not forever.
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

/// What must never reach a terminal (newline and tab are laid out).
fn forbidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every string of the model, as JSON shows it, is free of forbidden characters and `\r`.
fn check_model(a: &Article) -> Result<(), TestCaseError> {
    let v = serde_json::to_value(a).unwrap();
    let mut stack = vec![&v];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::String(s) => {
                prop_assert!(
                    !s.chars().any(|c| forbidden(c) || c == '\r'),
                    "model string {:?}",
                    s
                );
            }
            serde_json::Value::Array(a) => stack.extend(a),
            serde_json::Value::Object(m) => {
                for (k, v) in m {
                    prop_assert!(!k.chars().any(forbidden), "model key {:?}", k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    // The render-only parts of the model too.
    for t in &a.tables {
        for cell in t
            .columns
            .iter()
            .map(String::as_str)
            .chain(t.rows.iter().flatten())
        {
            prop_assert!(!cell.chars().any(forbidden), "table cell {:?}", cell);
        }
    }
    for b in &a.blocks {
        let texts: Vec<&str> = match &b.kind {
            BlockKind::Heading { spans, .. } | BlockKind::Para(spans) => {
                spans.iter().map(|s| s.text).collect()
            }
            BlockKind::Code(code) => vec![&**code],
            _ => vec![],
        };
        for t in texts {
            prop_assert!(
                !t.chars().any(|c| forbidden(c) || c == '\r'),
                "block text {:?}",
                t
            );
        }
        if let Some(m) = b.marker {
            prop_assert!(!m.to_string().chars().any(forbidden), "marker {:?}", m);
        }
    }
    Ok(())
}

/// Prints at `width` without colour: no forbidden character at all; with
/// colour: only SGR sequences.
fn check_print(a: &Article, width: usize, ascii: bool) -> Result<(), TestCaseError> {
    let plain = print::render(a, width, &Theme::new(false, ascii));
    if let Some(c) = plain.chars().find(|&c| forbidden(c) || c == '\r') {
        return Err(TestCaseError::fail(format!(
            "--print at width {width} wrote {c:?}"
        )));
    }
    let colored = print::render(a, width, &Theme::new(true, ascii));
    let mut rest = colored.as_str();
    while let Some(i) = rest.find(forbidden) {
        let body = rest[i..].strip_prefix("\u{1b}[");
        let ok = body.and_then(|b| {
            let end = b.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
            b[end..].starts_with('m').then(|| &b[end + 1..])
        });
        match ok {
            Some(after) => rest = after,
            None => {
                return Err(TestCaseError::fail(format!(
                    "coloured --print wrote a non-SGR control: {:?}",
                    &rest[i..(i + 12).min(rest.len())]
                )));
            }
        }
    }
    Ok(())
}

// ---- Generators ----

/// Words and marks that matter to the parser, and characters that must be filtered.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "Django", "Flask", "vs", "vs.", "VERSUS", "Pros", "cons", "Advantages",
            "Drawbacks", "Feature", "a", "b", "text", "é", "漢字", "👍", "e\u{301}",
            "\u{200b}", "\u{2028}", "\u{a0}", "—", "’",
        ]).prop_map(str::to_string),
        3 => prop::sample::select(vec![
            "|", "\\|", "\\", "*", "**", "_", "`", "```", "#", ">", "-", "+", "1.", "[", "]",
            "(", ")", "<", ">", "&", "&amp;", "<br>", "<!--", "-->", "---", ":", "!",
            "[x](http://e.x)", "[#](#)", "![i](p.png)", "<https://a.b>", "~~s~~", "[ ]",
        ]).prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "\u{1b}", "\u{1b}[2J", "\u{1b}]0;t\u{7}", "\u{1b}]52;c;QQ==\u{1b}\\", "\u{1b}[?1049l",
            "\u{7}", "\u{0}", "\u{8}", "\r", "\r\n", "\t", "\u{7f}", "\u{85}", "\u{9b}", "\u{9d}",
            "\u{202e}", "\u{2066}", "\u{2069}", "&#27;", "&#x1b;[31m", "&#x9b;", "&#7;",
            "&#0;", "&#127;", "&#x202E;", "&#8238;",
        ]).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 ]{0,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 0..8).prop_map(|w| w.join(" "))
}

fn table() -> impl Strategy<Value = String> {
    (
        1usize..7,
        prop::collection::vec(prop::collection::vec(text(), 0..8), 0..6),
        any::<bool>(),
    )
        .prop_map(|(cols, rows, outer)| {
            let row = |cells: &[String]| {
                let inner = cells.join(" | ");
                if outer {
                    format!("| {inner} |\n")
                } else {
                    format!("{inner}\n")
                }
            };
            let head: Vec<String> = (0..cols).map(|i| format!("H{i}")).collect();
            let mut s = row(&head);
            s.push_str(&row(&vec!["---".to_string(); cols]));
            for r in rows {
                s.push_str(&row(&r));
            }
            s
        })
}

fn list() -> impl Strategy<Value = String> {
    prop::collection::vec((0usize..6, any::<bool>(), any::<bool>(), text()), 1..8).prop_map(
        |items| {
            items
                .into_iter()
                .map(|(depth, ordered, lead, t)| {
                    let marker = if ordered { "1." } else { "-" };
                    let lead = if lead { "**Lead:** " } else { "" };
                    format!("{}{marker} {lead}{t}\n", "  ".repeat(depth))
                })
                .collect()
        },
    )
}

fn front_matter() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "title",
        "meta_title",
        "description",
        "meta_description",
        "keywords",
        "meta_keywords",
        "tags",
        "author",
        "date",
        "x",
        "\"quoted key\"",
        "? [k]",
    ]);
    let value = prop_oneof![
        text().prop_map(|t| format!("\"{}\"", t.replace(['"', '\\'], ""))),
        Just("42".to_string()),
        Just("true".to_string()),
        Just("~".to_string()),
        Just("[a, b, 3]".to_string()),
        Just("{a: 1, b: [x]}".to_string()),
        Just("\"\\e]0;yaml\\a\\x9b\\u202e\\N\\L\"".to_string()),
        Just("&anchor v".to_string()),
        Just("*anchor".to_string()),
        Just("!!binary aGk=".to_string()),
        Just("|\n  block\n  text".to_string()),
        Just("[unclosed".to_string()),
        Just("\"unclosed".to_string()),
        "[a-z ,]{0,20}",
    ];
    (prop::collection::vec((key, value), 0..8), any::<bool>()).prop_map(|(kv, toml)| {
        if toml {
            let body: String = kv.iter().map(|(k, v)| format!("{k} = {v}\n")).collect();
            format!("+++\n{body}+++\n")
        } else {
            let body: String = kv.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
            format!("---\n{body}---\n")
        }
    })
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (1usize..7, text()).prop_map(|(l, t)| format!("{} {t}\n", "#".repeat(l))),
        2 => (prop::sample::select(vec!["Django", "Flask", "A", "Nobody"]),
              prop::sample::select(vec!["Pros", "cons:", "Advantages", "Weaknesses", "Drawbacks"]),
              1usize..5)
            .prop_map(|(n, w, l)| format!("{} {n} {w}\n", "#".repeat(l))),
        4 => text().prop_map(|t| format!("{t}\n")),
        2 => table(),
        3 => list(),
        1 => (1usize..8, text()).prop_map(|(d, t)| format!("{} {t}\n", ">".repeat(d))),
        1 => (text(), any::<bool>()).prop_map(|(t, close)| {
            format!("```lang\n{t}\n{}", if close { "```\n" } else { "" })
        }),
        1 => text().prop_map(|t| format!("    {t}\n")),
        1 => Just("---\n".to_string()),
        1 => text().prop_map(|t| format!("<div>{t}</div>\n")),
        1 => text().prop_map(|t| format!("{t}\n===\n")),
        1 => front_matter(),
    ]
}

/// A document with LF line ends (CR may still come from the words).
fn markdown() -> impl Strategy<Value = String> {
    (
        prop::option::of(front_matter()),
        prop::collection::vec(block(), 0..25),
    )
        .prop_map(|(fm, blocks)| {
            let mut s = fm.unwrap_or_default();
            for b in blocks {
                s.push_str(&b);
                s.push('\n');
            }
            s
        })
}

fn width() -> impl Strategy<Value = usize> {
    prop_oneof![Just(0usize), Just(1), 2usize..30, 30usize..400]
}

// ---- Properties ----

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn random_markdown(src in markdown(), crlf in any::<bool>(), w in width(), ascii in any::<bool>()) {
        let src = if crlf { src.replace('\n', "\r\n") } else { src };
        let a = parse(&src, "prop");
        check_model(&a)?;
        check_print(&a, w, ascii)?;
    }

    #[test]
    fn crlf_and_lf_are_the_same_article(src in markdown()) {
        let src = src.replace('\r', "");
        let lf = parse(&src, "prop");
        let crlf = parse(&src.replace('\n', "\r\n"), "prop");
        prop_assert_eq!(serde_json::to_value(&lf).unwrap(), serde_json::to_value(&crlf).unwrap());
    }
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..3000), w in width()) {
        let a = parse_bytes(&bytes, "prop");
        check_model(&a)?;
        check_print(&a, w, false)?;
    }

    #[test]
    fn random_bytes_inside_markdown(
        md in markdown(),
        junk in prop::collection::vec(any::<u8>(), 0..200),
        at in any::<prop::sample::Index>(),
    ) {
        let mut bytes = md.into_bytes();
        let i = at.index(bytes.len() + 1);
        bytes.splice(i..i, junk);
        let a = parse_bytes(&bytes, "prop");
        check_model(&a)?;
        check_print(&a, 80, false)?;
    }
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn random_front_matter(fm in front_matter(), body in prop::collection::vec(block(), 0..4)) {
        let src = format!("{fm}{}", body.join("\n"));
        let a = parse(&src, "prop");
        check_model(&a)?;
        check_print(&a, 60, false)?;
        // Whatever the front matter, the body is still parsed: a heading
        // right after it becomes a section (unless it is empty or filtered away).
        if let Some(h) = body.first().and_then(|b| b.strip_prefix("# ")).filter(|h| !h.contains('\r')) {
            // Titles are plain text with runs of spaces squeezed.
            let t = h.split_whitespace().collect::<Vec<_>>().join(" ");
            let t = t.as_str();
            if !t.is_empty() && t.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
                prop_assert!(a.sections.iter().any(|s| s.title == t), "{:?} lost", t);
            }
        }
    }
}

#[test]
fn print_at_every_small_width_on_the_fixtures() {
    // Deterministic companion to the properties: every width 0..=120 on every fixture.
    let dirs = ["tests/fixtures", "tests/fixtures/hostile"];
    let mut articles = vec![versus::article::bundled()];
    for d in dirs {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(d);
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                articles.push(parse_bytes(&std::fs::read(&p).unwrap(), "f"));
            }
        }
    }
    for a in &articles {
        check_model(a).unwrap();
        for w in 0..=120 {
            check_print(a, w, w % 2 == 0).unwrap();
        }
    }
}

/// Front matter an attacker would write: anchors and many aliases of one
/// large scalar, deep flow and block nesting, long keys, in YAML or TOML.
fn hostile_front_matter() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        (1usize..5000).prop_map(|n| format!("big: &a \"{}\"\n", "x".repeat(n))),
        (1usize..3000).prop_map(|n| format!("k: [{}]\n", vec!["*a"; n].join(", "))),
        (1usize..300).prop_map(|n| format!("deep: {}\n", "[".repeat(n))),
        (1usize..300).prop_map(|n| format!("deep: {}1{}\n", "{a: ".repeat(n), "}".repeat(n))),
        (1usize..120).prop_map(|n| (0..n)
            .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
            .collect()),
        (1usize..120).prop_map(|n| format!("{}x\n", "- ".repeat(n))),
        (0usize..2000).prop_map(|n| "[[a]]\n".repeat(n)),
        "[a-z]{1,8}: [a-z\\[\\]{},*&!|>\"' ]{0,40}\n",
        Just("title: \"A\\e]0;x\\a vs B\"\n".to_string()),
    ];
    (prop::collection::vec(piece, 0..6), any::<bool>()).prop_map(|(pieces, toml)| {
        let fence = if toml { "+++" } else { "---" };
        format!(
            "{fence}\n{}{fence}\n# Alpha vs Beta\n\nbody text\n",
            pieces.concat()
        )
    })
}

proptest! {
    #![proptest_config(cases(300))]

    /// No panic, a clean model, the body always shown, and nothing in the
    /// model larger than the limits allow (no amplification).
    #[test]
    fn hostile_front_matter_is_bounded(src in hostile_front_matter()) {
        let a = parse(&src, "prop");
        check_model(&a)?;
        prop_assert!(a.sections.iter().any(|s| s.title == "Alpha vs Beta"), "body lost");
        let meta = serde_json::to_string(&a.meta).unwrap();
        prop_assert!(
            meta.len() <= src.len() * 2 + versus::article::limits::MAX_YAML_ALIAS_BYTES + 1024,
            "front matter grew to {} bytes from {}", meta.len(), src.len()
        );
    }

    /// The sanitiser: nothing forbidden is left, a second pass changes
    /// nothing and counts nothing, every removal is counted, and no
    /// character keeps more than MAX_COMBINING_MARKS marks.
    #[test]
    fn sanitiser_leaves_nothing_and_counts_everything(
        s in prop::collection::vec(prop_oneof![
            any::<char>(),
            prop::sample::select(vec!['\u{1b}', '\r', '\n', '\t', '\u{9b}', '\u{202e}', '\u{2066}', '\u{7f}', '\u{301}', '\u{200d}', '\u{fe0f}', 'a', 'é']),
        ], 0..400).prop_map(|v| v.into_iter().collect::<String>())
    ) {
        use versus::article::sanitize::{self, Removed};
        use versus::article::limits;
        let mut r = Removed::default();
        let clean = sanitize::clean(&s, &mut r);
        prop_assert!(!clean.chars().any(|c| forbidden(c) || c == '\r'), "{clean:?}");
        let expected = s.chars().filter(|&c| c != '\r' && forbidden(c) || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')).count();
        prop_assert_eq!(r.total(), expected);
        let mut again = Removed::default();
        prop_assert_eq!(sanitize::clean(&clean, &mut again), clean.clone());
        prop_assert_eq!(again.total(), 0);
        let inline = sanitize::clean_inline(&s, &mut Removed::default());
        prop_assert!(!inline.contains('\t'));
        let mut dropped = 0;
        let capped = limits::cap_combining(&clean, &mut dropped);
        let mut run = 0;
        for c in capped.chars() {
            if !c.is_ascii() && unicode_width::UnicodeWidthChar::width(c) == Some(0) {
                run += 1;
                prop_assert!(run <= limits::MAX_COMBINING_MARKS);
            } else {
                run = 0;
            }
        }
        prop_assert_eq!(capped.chars().count() + dropped, clean.chars().count());
        // The parser and `visible` agree: what is shown is never forbidden.
        prop_assert!(!sanitize::visible(&s).chars().any(|c| forbidden(c) || c == '\r' || c == '\n'));
    }
}
