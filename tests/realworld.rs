//! Articles written the way comparison posts are written in the wild, one
//! fixture per shape (tests/fixtures/real-world/), and what a reader finds
//! in each: the contenders and how they were found, the feature table's
//! size, pros and cons per contender, "when to choose" criteria and verdicts.

mod support;

use versus::article::{Article, Item, parse};

fn load(name: &str) -> Article {
    let path = format!(
        "{}/tests/fixtures/real-world/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse(&text, name)
}

/// Contender name, found_by, pros, cons.
type Row<'a> = (&'a str, &'a str, usize, usize);

fn check(a: &Article, table: Option<(usize, usize)>, rows: &[Row<'_>]) {
    let got: Vec<Row<'_>> = a
        .contenders
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.found_by.as_str(),
                c.pros.len(),
                c.cons.len(),
            )
        })
        .collect();
    assert_eq!(got, rows, "{}: contenders", a.source);
    let size = a.table.as_ref().map(|t| (t.rows.len(), t.columns.len()));
    assert_eq!(size, table, "{}: table rows × columns", a.source);
    if let Some(t) = &a.table {
        // Feature column first, then one column per contender (and a column
        // the title leaves out, after theirs).
        assert!(
            t.columns.len() == a.contenders.len() + 1 || t.columns.len() == a.contenders.len() + 2
        );
        assert!(t.rows.iter().all(|r| r.len() == t.columns.len()));
    }
}

fn texts(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.text.as_str()).collect()
}

fn choose_counts(a: &Article) -> Vec<usize> {
    a.contenders.iter().map(|c| c.choose_when.len()).collect()
}

fn verdicts(a: &Article) -> Vec<Option<&str>> {
    a.contenders.iter().map(|c| c.verdict.as_deref()).collect()
}

#[test]
fn bundled_article_keeps_its_results() {
    let a = versus::article::bundled();
    check(
        &a,
        Some((6, 3)),
        &[("Django", "table", 4, 3), ("Flask", "table", 4, 3)],
    );
    let t = a.table.as_ref().unwrap();
    assert_eq!(t.columns, ["Feature", "Django", "Flask"]);
    assert_eq!(
        t.rows[0],
        [
            "Philosophy",
            "Batteries included, all-in-one framework",
            "Minimalistic, build-your-own approach"
        ]
    );
    assert_eq!(choose_counts(&a), [4, 4]);
    assert_eq!(a.contenders[0].examples.len(), 3);
    assert_eq!(a.contenders[1].examples.len(), 3);
    assert_eq!(
        a.contenders[0].pros[0],
        Item {
            title: Some("Comprehensive Framework".into()),
            text: "Everything you need in one package.".into()
        }
    );
    assert!(
        a.contenders[0]
            .verdict
            .as_deref()
            .unwrap()
            .starts_with("Choose Django if")
    );
    assert!(
        a.contenders[1]
            .verdict
            .as_deref()
            .unwrap()
            .starts_with("Choose Flask if")
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn toml_front_matter_title_with_colon_and_bold_labels() {
    let a = load("toml-colon-title.md");
    assert_eq!(
        a.title, None,
        "no H1: the title is only in the front matter"
    );
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Naming Dilemma: Singular vs. Plural")
    );
    assert_eq!(a.meta.keywords, ["databases", "naming"]);
    check(
        &a,
        Some((4, 3)),
        &[("Singular", "table", 3, 2), ("Plural", "table", 2, 3)],
    );
    assert_eq!(a.table.as_ref().unwrap().columns[0], "");
    assert_eq!(
        texts(&a.contenders[1].pros),
        [
            "Reads like English: \"select from users\".",
            "It is the Rails convention, so many tutorials use it."
        ]
    );
    assert_eq!(
        verdicts(&a),
        [
            Some("Winner: Singular, because it keeps models and tables in step."),
            None
        ]
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn dash_subtitle_three_contenders_named_headings() {
    let a = load("dash-subtitle-three.md");
    check(
        &a,
        Some((5, 4)),
        &[
            ("Chocolatey", "table", 2, 2),
            ("Scoop", "table", 3, 1),
            ("Winget", "table", 2, 3),
        ],
    );
    // "Choose Scoop when:" sits in Winget's section but names Scoop.
    assert_eq!(choose_counts(&a), [0, 2, 0]);
    assert_eq!(
        a.contenders[1].choose_when[0].text,
        "You do not have admin rights on the machine."
    );
    assert_eq!(
        verdicts(&a),
        [
            Some("Use Chocolatey for managed fleets."),
            Some("Scoop is the pick for developers without admin rights."),
            Some("Winget is good enough for installing the usual desktop apps."),
        ]
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn full_width_colon_emoji_title_and_marker_lines() {
    let a = load("fullwidth-colon-emoji.md");
    check(
        &a,
        None,
        &[("Vite", "title", 3, 2), ("Webpack", "title", 2, 3)],
    );
    assert_eq!(
        texts(&a.contenders[0].pros),
        [
            "Dev server starts in well under a second",
            "Hot reload that keeps component state",
            "Sensible defaults, little configuration"
        ]
    );
    assert_eq!(
        texts(&a.contenders[1].cons),
        [
            "Slow cold starts on large projects",
            "Configuration files grow long",
            "Error messages can be cryptic"
        ]
    );
    assert!(
        a.contenders[0]
            .verdict
            .as_deref()
            .unwrap()
            .starts_with("Winner: Vite")
    );
    assert_eq!(a.contenders[1].verdict, None);
}

#[test]
fn or_title_and_two_column_table_of_contenders() {
    let a = load("or-title-two-columns.md");
    check(
        &a,
        Some((3, 3)),
        &[("Tabs", "table", 2, 1), ("Spaces", "table", 2, 2)],
    );
    let t = a.table.as_ref().unwrap();
    assert_eq!(t.columns, ["", "Tabs", "Spaces"]);
    assert_eq!(
        t.rows[0],
        ["", "One keystroke per level", "Looks the same everywhere"]
    );
    assert_eq!(a.meta.extra.0, [("author".to_string(), "Ana".to_string())]);
}

#[test]
fn comparing_title_and_pros_cons_table() {
    let a = load("comparing-pros-cons-table.md");
    check(
        &a,
        None,
        &[("Poetry", "table-rows", 3, 2), ("uv", "table-rows", 3, 2)],
    );
    assert_eq!(
        texts(&a.contenders[1].pros),
        [
            "Very fast",
            "manages Python versions too",
            "drop-in pip interface"
        ]
    );
    assert_eq!(
        texts(&a.contenders[0].cons),
        ["Slow resolver", "its own pyproject section"]
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn compared_to_title_with_three_contenders_as_rows() {
    let a = load("compared-to-rows.md");
    check(
        &a,
        Some((3, 4)),
        &[
            ("SQLite", "table-rows", 2, 1),
            ("PostgreSQL", "table-rows", 3, 1),
            ("MySQL", "table-rows", 1, 1),
        ],
    );
    let t = a.table.as_ref().unwrap();
    assert_eq!(t.columns, ["", "SQLite", "PostgreSQL", "MySQL"]);
    assert_eq!(
        t.rows[1],
        [
            "Concurrency",
            "One writer at a time",
            "Many writers",
            "Many writers"
        ]
    );
    // The title names two, the table three: the table wins, and says so.
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(
        a.warnings[0].contains("a table beats a title"),
        "{:?}",
        a.warnings
    );
    assert!(a.warnings[0].contains("SQLite, PostgreSQL and MySQL"));
}

#[test]
fn first_column_is_a_contender_before_a_details_column() {
    let a = load("azure-aws-details.md");
    check(
        &a,
        Some((5, 3)),
        &[("Azure", "table", 2, 2), ("AWS", "table", 3, 1)],
    );
    let t = a.table.as_ref().unwrap();
    assert_eq!(t.columns, ["Details", "Azure", "AWS"]);
    assert_eq!(t.rows[0], ["Object storage", "Blob Storage", "S3"]);
    // "### Pros:" without a name belongs to the section it sits in.
    assert_eq!(
        texts(&a.contenders[0].cons),
        ["Portal blades can be slow.", "Service names change often."]
    );
    // "Stay with AWS if:" then a list.
    assert_eq!(choose_counts(&a), [0, 2]);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn one_section_per_contender_four_of_them() {
    let a = load("sections-four-hosts.md");
    check(
        &a,
        None,
        &[
            ("Netlify", "sections", 2, 1),
            ("Vercel", "sections", 3, 2),
            ("Cloudflare Pages", "sections", 1, 2),
            ("GitHub Pages", "sections", 2, 3),
        ],
    );
    assert_eq!(choose_counts(&a), [1, 0, 0, 0]);
    assert_eq!(
        a.contenders[0].choose_when[0].text,
        "your team wants previews without touching CI."
    );
    assert_eq!(
        a.versus_line(),
        "Netlify vs Vercel vs Cloudflare Pages vs GitHub Pages"
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn title_names_two_table_compares_three() {
    // Eleventy has a column but no section: the title's two are compared,
    // and Eleventy's column stays in the table, after theirs.
    let a = load("title-two-table-three.md");
    check(
        &a,
        Some((4, 4)),
        &[("Hugo", "title", 2, 1), ("Jekyll", "title", 3, 2)],
    );
    let t = a.table.as_ref().unwrap();
    assert_eq!(&t.columns[1..], ["Hugo", "Jekyll", "Eleventy"]);
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(
        a.warnings[0].contains(
            "used the title's Hugo and Jekyll; the table also compares Eleventy, kept as a column"
        ),
        "{:?}",
        a.warnings
    );
}

#[test]
fn marker_lines_in_paragraphs_and_lists() {
    let a = load("emoji-lines.md");
    check(
        &a,
        Some((3, 3)),
        &[("Vim", "table", 3, 3), ("Emacs", "table", 2, 2)],
    );
    assert_eq!(
        texts(&a.contenders[0].pros),
        [
            "Installed on nearly every server",
            "Modal editing keeps hands on the home row",
            "Starts instantly"
        ]
    );
    assert_eq!(
        texts(&a.contenders[0].cons),
        [
            "Vimscript is an odd language",
            "Plugin managers come and go",
            "Defaults feel dated"
        ]
    );
    // Two markers on one line are two items.
    assert_eq!(
        texts(&a.contenders[1].pros),
        ["Org mode", "Magit, the best git interface anywhere"]
    );
}

#[test]
fn crlf_code_blocks_empty_heading_and_unclosed_fence() {
    let a = load("crlf-code-fences.md");
    assert!(
        !a.sections
            .iter()
            .enumerate()
            .any(|(i, s)| s.title.contains('\r') || a.section_text(i).contains('\r'))
    );
    assert_eq!(a.meta.title.as_deref(), Some("Bash vs Zsh for daily use"));
    assert_eq!(a.title.as_deref(), Some("Bash vs Zsh"));
    // `# Bash Cons` in a code block is no heading; the unclosed fence makes
    // the rest code, so "Zsh Cons" is not a section either.
    let titles: Vec<&str> = a.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Bash vs Zsh", "Bash Pros", "Bash Cons", "Zsh Pros"]
    );
    check(&a, None, &[("Bash", "title", 2, 1), ("Zsh", "title", 3, 0)]);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn bold_labels_inline_lists_criteria_and_winner() {
    let a = load("bold-labels-winner.md");
    // The Winner column is not a contender and is not in the model's table.
    check(
        &a,
        Some((4, 3)),
        &[("Rust", "table", 3, 2), ("Go", "table", 3, 2)],
    );
    assert_eq!(
        a.table.as_ref().unwrap().columns,
        ["Criteria", "Rust", "Go"]
    );
    assert_eq!(
        texts(&a.contenders[1].pros),
        [
            "fast compiles",
            "simple cross-compiling",
            "a big standard library"
        ]
    );
    assert_eq!(
        texts(&a.contenders[1].cons),
        ["larger binaries", "error handling is verbose"]
    );
    assert_eq!(choose_counts(&a), [2, 1]);
    assert_eq!(
        a.contenders[1].choose_when[0].text,
        "a team needs to ship an internal tool this week."
    );
    assert_eq!(
        verdicts(&a),
        [
            None,
            Some("Winner: Go, for most teams writing internal tools.")
        ]
    );
}

#[test]
fn pros_and_cons_rows_in_a_feature_table() {
    let a = load("pros-cons-rows.md");
    assert_eq!(a.title, None);
    check(
        &a,
        Some((4, 3)),
        &[("React", "table", 2, 1), ("Vue", "table", 3, 1)],
    );
    assert_eq!(
        texts(&a.contenders[0].pros),
        ["Huge ecosystem", "React Native"]
    );
    // "If …, choose React." and "Vue is a great choice if …".
    assert_eq!(
        a.contenders[0].choose_when[0].text,
        "you need a mobile app from the same codebase"
    );
    assert_eq!(
        a.contenders[1].choose_when[0].text,
        "your team writes mostly HTML and CSS."
    );
}

#[test]
fn contenders_as_rows_under_a_name_column() {
    let a = load("rows-name-label.md");
    check(
        &a,
        Some((3, 4)),
        &[
            ("Rails", "table-rows", 2, 1),
            ("Django", "table-rows", 2, 2),
            ("Laravel", "table-rows", 1, 1),
        ],
    );
    let t = a.table.as_ref().unwrap();
    assert_eq!(t.rows[0], ["Language", "Ruby", "Python", "PHP"]);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn an_unrelated_table_does_not_replace_the_title() {
    let a = load("title-beats-unrelated-table.md");
    check(
        &a,
        None,
        &[("Netlify", "title", 2, 1), ("Vercel", "title", 1, 2)],
    );
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(
        a.warnings[0].contains("Free, Pro and Enterprise")
            && a.warnings[0].contains("used the title"),
        "{:?}",
        a.warnings
    );
}

#[test]
fn no_comparison_keeps_the_no_contenders_warning() {
    let a = load("no-comparison.md");
    check(&a, None, &[]);
    assert_eq!(
        a.warnings,
        [format!(
            "no contenders found: {}",
            versus::article::detect::NOT_COMPARED
        )]
    );
    // The empty views say why in one line.
    assert_eq!(
        a.why_empty("none"),
        format!(
            "none Not a comparison: {}.",
            versus::article::detect::NOT_COMPARED
        )
    );
}

#[test]
fn at_least_twelve_fixtures_all_parse() {
    let dir = format!("{}/tests/fixtures/real-world", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            n += 1;
            let a = load(p.file_name().unwrap().to_str().unwrap());
            assert!(a.contenders.len() <= 8);
            for c in &a.contenders {
                assert!(
                    ["table", "title", "sections", "table-rows", "user"]
                        .contains(&c.found_by.as_str())
                );
            }
        }
    }
    assert!(n >= 12, "{n} fixtures");
}

#[test]
fn more_than_eight_contenders_keeps_eight_and_warns() {
    let a = parse(
        "# A vs B vs C vs D vs E vs F vs G vs H vs I\n\ntext\n",
        "nine",
    );
    assert_eq!(a.contenders.len(), 8);
    assert_eq!(a.contenders[7].name, "H");
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(a.warnings[0].contains("kept the first 8"));
}

#[test]
fn names_match_through_decoration_and_asides() {
    let a = parse(
        "# AWS vs Azure\n\n\
         | Service | 🟧 **Amazon Web Services (AWS)** | Microsoft Azure |\n|---|---|---|\n| Compute | EC2 | VMs |\n\n\
         ## AWS Pros\n\n- Biggest catalogue\n\n## Azure - the enterprise pick\n\n### Cons\n\n- Renames services\n",
        "aside",
    );
    check(
        &a,
        Some((1, 3)),
        &[
            ("Amazon Web Services", "table", 1, 0),
            ("Microsoft Azure", "table", 0, 1),
        ],
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn sections_naming_more_than_the_title_win_and_say_so() {
    let a = parse(
        "# Netlify vs Vercel\n\n\
         ## Netlify - the friendly one\n\n### Pros\n- previews\n\n\
         ## Vercel - the Next.js one\n\n### Pros\n- edge\n\n\
         ## Render - the full-stack one\n\n### Cons\n- cold starts\n",
        "more-sections",
    );
    check(
        &a,
        None,
        &[
            ("Netlify", "sections", 1, 0),
            ("Vercel", "sections", 1, 0),
            ("Render", "sections", 0, 1),
        ],
    );
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(a.warnings[0].contains("the sections name more contenders than the title"));
}

#[test]
fn versions_in_names_still_match() {
    let a = parse(
        "---\ntitle: \"Django 5 vs Flask 3: a practical comparison\"\n---\n\
         | | Django 5.0 | Flask 3.0 |\n|---|---|---|\n| ORM | yes | no |\n\n## Django Pros\n- admin\n",
        "versions",
    );
    check(
        &a,
        Some((1, 3)),
        &[("Django 5.0", "table", 1, 0), ("Flask 3.0", "table", 0, 0)],
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_leading_thematic_break_keeps_the_title() {
    let a = parse(
        "---\n\n# Hugo vs Jekyll\n\n## Hugo Pros\n- fast\n\n---\n\nThe end.\n",
        "rule",
    );
    assert_eq!(a.title.as_deref(), Some("Hugo vs Jekyll"));
    check(
        &a,
        None,
        &[("Hugo", "title", 1, 0), ("Jekyll", "title", 0, 0)],
    );
}

#[test]
fn key_features_are_not_pros_and_conclusion_items_are_not_criteria() {
    // The bundled article's shape in miniature.
    let a = parse(
        "# Django vs Flask\n\n## What is Django?\n\n### Key Features of Django:\n- **ORM:** yes\n\n\
         ## Conclusion\n\n- **Choose Django** if you need an admin.\n- **Choose Flask** if you want less.\n",
        "mini",
    );
    check(
        &a,
        None,
        &[("Django", "title", 0, 0), ("Flask", "title", 0, 0)],
    );
    assert_eq!(choose_counts(&a), [0, 0]);
    assert_eq!(
        verdicts(&a),
        [
            Some("Choose Django if you need an admin."),
            Some("Choose Flask if you want less.")
        ]
    );
}

#[test]
fn front_matter_names_the_contenders() {
    // A list, in the reader's order; the table is turned to match.
    let a = parse(
        "---\nversus: [Emacs, Vim]\n---\n# Editors\n\n| | vim | emacs |\n|--|--|--|\n| modes | yes | no |\n\n\
         ## Vim Pros\n- fast\n\n## Emacs Cons\n- slow\n- big\n",
        "fm",
    );
    check(
        &a,
        Some((1, 3)),
        &[("Emacs", "user", 0, 2), ("Vim", "user", 1, 0)],
    );
    assert_eq!(a.table.as_ref().unwrap().rows[0], ["modes", "no", "yes"]);
    assert_eq!(a.found_by_note(), "set by you");
    // A comma-separated string under `contenders:`, over what the title says.
    let a = parse(
        "---\ncontenders: \"Hugo, Jekyll\"\n---\n# Hugo vs Gatsby\n\n## Jekyll Pros\n- simple\n",
        "fm2",
    );
    check(
        &a,
        None,
        &[("Hugo", "user", 0, 0), ("Jekyll", "user", 1, 0)],
    );
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn the_reader_names_the_contenders_of_a_plain_article() {
    let text = "# Notes\n\nSome text about editors.\n\n**Vim**\n\n- ✅ fast\n- ❌ odd\n";
    assert!(parse(text, "plain").contenders.is_empty());
    let mut u = versus::article::parse::parse_unfinished(text, "vs");
    u.set_contenders(&["Vim".into(), "Emacs".into()]);
    let a = u.finish();
    check(&a, None, &[("Vim", "user", 1, 1), ("Emacs", "user", 0, 0)]);
    // One name is not enough: the article's own reading stands, with a warning.
    let mut u = versus::article::parse::parse_unfinished(text, "one");
    u.set_contenders(&["Vim".into()]);
    let a = u.finish();
    assert!(a.contenders.is_empty());
    assert!(a.warnings[0].contains("only one named"), "{:?}", a.warnings);
}

#[test]
fn readmes_with_measurements_or_versions_compare_nobody() {
    // A benchmark: the rows are libraries, the cells numbers.
    let a = parse(
        "# fastlog\n\nA fast logger. It beats zap and logrus.\n\n## Benchmarks\n\n\
         | Package | Time | Bytes Allocated | Objects Allocated |\n|---|---|---|---|\n\
         | fastlog | 100 ns/op | 0 B/op | 0 allocs/op |\n| zap | 656 ns/op | 5 B/op | 0 allocs/op |\n\
         | logrus | 10434 ns/op | 1700 B/op | 30 allocs/op |\n",
        "bench",
    );
    // No contenders; the Table view still shows the table as written.
    assert!(a.contenders.is_empty());
    assert_eq!(a.table.as_ref().unwrap().rows.len(), 3);
    assert!(
        a.why_empty("").contains("measurements"),
        "{}",
        a.why_empty("")
    );
    // One product's versions side by side.
    let a = parse(
        "# Installation\n\nInstall it.\n\n## Compatibility\n\n| Node.js | pnpm 8 | pnpm 9 |\n|---|---|---|\n\
         | Node.js 18 | ✔️ | ✔️ |\n| Node.js 20 | ✔️ | ✔️ |\n",
        "versions",
    );
    assert!(a.contenders.is_empty());
    // A generic title over sections that hold pros and cons is a comparison.
    let a = parse(
        "# Note-taking apps\n\n## Obsidian\n\n### Pros\n- local files\n\n## Notion\n\n### Cons\n- slow\n",
        "generic",
    );
    check(
        &a,
        None,
        &[("Obsidian", "sections", 1, 0), ("Notion", "sections", 0, 1)],
    );
    assert_eq!(a.found_by_note(), "from the sections");
}

#[test]
fn items_as_people_write_them() {
    let a = parse(
        "# Vim vs Emacs\n\n## Vim\n\n+ Fast\n+ Everywhere\n\n- Odd language\n\n\
         **✅ Good for**\n\n- servers\n\n**❌ Bad for**\n\n- lisp fans\n\n\
         ## Emacs\n\nSome things I prefer in Emacs:\n\n- Org mode\n\nWhat I miss:\n\n- speed\n\n\
         ## Which?\n\nStay with Vim if:\n\n- ✅ you ssh a lot\n- ❌ you hate config\n\n\
         Switch to Emacs if:\n\n- ✅ you love Lisp\n",
        "people",
    );
    check(
        &a,
        None,
        &[("Vim", "title", 2, 2), ("Emacs", "title", 1, 1)],
    );
    assert_eq!(texts(&a.contenders[0].pros), ["Fast", "Everywhere"]);
    assert_eq!(texts(&a.contenders[0].cons), ["Odd language", "lisp fans"]);
    // ✅/❌ under "Stay with X if" are criteria: the label wins.
    assert_eq!(
        texts(&a.contenders[0].choose_when),
        ["servers", "you ssh a lot", "you hate config"]
    );
    assert_eq!(texts(&a.contenders[1].choose_when), ["you love Lisp"]);
}

#[test]
fn a_label_item_over_nested_items_with_explanations() {
    let a = parse(
        "# CSR vs SSR\n\n#### CSR 장단점\n\n- ##### 장점\n\n  - 트래픽 감소\n\n    > 필요한 데이터만 받는다\n\n  - 사용자 경험\n\n\
         - ##### 단점\n\n  - 검색 엔진\n\n    > 크롤러가 어렵다\n",
        "nested",
    );
    check(&a, None, &[("CSR", "title", 2, 1), ("SSR", "title", 0, 0)]);
    assert_eq!(texts(&a.contenders[0].pros), ["트래픽 감소", "사용자 경험"]);
}

#[test]
fn a_pros_cons_table_per_contender() {
    let a = parse(
        "# Hugo vs Jekyll\n\n## Hugo\n\n| Pros | Cons |\n|---|---|\n| Fast | Go templates |\n| Free | |\n\n\
         ## Jekyll\n\n| ✅ Vantagens | ❌ Desvantagens |\n|---|---|\n| Simple | Slow |\n",
        "pc-tables",
    );
    check(
        &a,
        None,
        &[("Hugo", "title", 2, 1), ("Jekyll", "title", 1, 1)],
    );
    assert_eq!(texts(&a.contenders[0].pros), ["Fast", "Free"]);
}

#[test]
fn metadata_lines_without_a_fence_give_the_title() {
    let a = parse(
        "title: Python 2 or 3?\ncategory: page\nslug: python-2-or-3\n\nWhich one to learn.\n",
        "pelican",
    );
    check(
        &a,
        None,
        &[("Python 2", "title", 0, 0), ("Python 3", "title", 0, 0)],
    );
    // A paragraph that only starts like one is not metadata.
    let a = parse("Note: Vim or Emacs?\nAnd more prose here.\n", "prose");
    assert!(a.contenders.is_empty());
}

#[test]
fn other_languages_and_migrations() {
    let a = parse(
        "# Sentinel与Hystrix对比\n\n## Sentinel的优点\n\n- 轻量\n\n## Hystrix的缺点\n\n- 停止维护\n- 线程池开销\n",
        "zh",
    );
    check(
        &a,
        None,
        &[("Sentinel", "title", 1, 0), ("Hystrix", "title", 0, 2)],
    );
    let a = parse(
        "---\ntitle: Goodbye Evernote, hello Obsidian\n---\n\n## Vorteile von Obsidian\n\n- lokal\n",
        "migration",
    );
    check(
        &a,
        None,
        &[("Evernote", "title", 0, 0), ("Obsidian", "title", 1, 0)],
    );
    // A post about moving recommends where it moved to.
    assert_eq!(
        a.contenders[1].verdict.as_deref(),
        Some("Goodbye Evernote, hello Obsidian")
    );
}

#[test]
fn plain_posts_compare_nobody() {
    let many =
        "Rust compiles to WebAssembly. With Rust and WebAssembly you ship fast code. ".repeat(4);
    for (name, text) in [
        (
            "tutorial",
            format!("# Rust and WebAssembly\n\n{many}\n\n## Setup\n\nInstall it.\n\n## Build\n\nBuild it.\n"),
        ),
        (
            "two-features",
            "# Env Variables and Modes\n\nEnv Variables and Modes work together. Env Variables come from files; \
             Modes pick the file. Env Variables are strings. Modes default to development.\n\n\
             ## Env Variables\n\nSet Env Variables in a file.\n\n## Modes\n\nModes pick files.\n"
                .to_string(),
        ),
        (
            "install",
            "# mytool\n\nA tool.\n\n## Install\n\n### macOS\n\nbrew install mytool\n\n\
             ### Windows\n\nscoop install mytool\n\n### Linux\n\napt install mytool\n"
                .to_string(),
        ),
        (
            "images",
            "# Opening and Saving Images\n\nOpen an image, then save it.\n\n| Format | Read | Write |\n|---|---|---|\n\
             | PNG | yes | yes |\n| GIF | yes | no |\n"
                .to_string(),
        ),
        (
            "options",
            "# Options\n\n| Option | Default | Description |\n|---|---|---|\n| `--mode` | dev | the mode |\n\
             | `--port` | 8080 | the port |\n"
                .to_string(),
        ),
    ] {
        let a = parse(&text, name);
        assert!(
            a.contenders.is_empty(),
            "{name}: {:?}",
            a.contenders.iter().map(|c| &c.name).collect::<Vec<_>>()
        );
        assert!(a.not_compared.is_some(), "{name}");
    }
}

#[test]
fn the_header_says_how_the_contenders_were_found() {
    let header = |a: Article| {
        let app = support::app(a, 100, 24);
        support::screen(&app).lines().next().unwrap().to_string()
    };
    let h = header(load("sections-four-hosts.md"));
    assert!(h.contains("from the sections: Netlify vs Vercel"), "{h}");
    let mut u = versus::article::parse::parse_unfinished("# Notes\n\nVim and Emacs.\n", "n");
    u.set_contenders(&["Vim".into(), "Emacs".into()]);
    let h = header(u.finish());
    assert!(h.contains("set by you: Vim vs Emacs"), "{h}");
    // The title names them: nothing to add.
    let h = header(versus::article::bundled());
    assert!(!h.contains("from the"), "{h}");
    // A plain article: no versus line at all, and the views say why.
    let mut app = support::app(parse("# Notes\n\nJust notes.\n", "plain"), 100, 24);
    assert!(
        !support::screen(&app)
            .lines()
            .next()
            .unwrap()
            .contains(" vs ")
    );
    support::press(&mut app, "3");
    assert!(
        support::screen(&app).contains("Not a comparison"),
        "{}",
        support::screen(&app)
    );
}

mod never_panics {
    use proptest::prelude::*;

    /// Pieces of the shapes above, glued at random: every detector path with
    /// odd neighbours, Unicode and cut-off lines.
    const PIECES: &[&str] = &[
        "# Hugo vs Jekyll\n",
        "# İstanbul：Ärger vs Ölçü 🆚 Ω\n",
        "## Hugo - the fast one\n",
        "### Pros:\n",
        "### Cons\n",
        "**Pros**\n",
        "**Cons:** slow; big\n",
        "✅ fast\n❌ slow ✖️ odd\n",
        "+ plus\n− minus\n",
        "- ✔️ item\n",
        "- **Winner:** Hugo\n",
        "**Winner:** Jekyll, for sure.\n",
        "| Tool | Pros | Cons |\n|---|---|---|\n| Hugo | a; b | c |\n",
        "| | Hugo | Jekyll | Notes |\n|-|-|-|-|\n| x | y |\n",
        "| Azure | AWS | Details |\n|--|--|--|\n| a | b | c |\n",
        "Stay with Hugo if:\n",
        "If you want speed, choose Hugo.\n",
        "Hugo shines when ",
        "## Conclusion\n",
        "```\n# not a heading\n---\n",
        "---\n",
        "+++\ntitle = \"A vs B\"\n+++\n",
        "\r\n",
        "## \n",
        "’s ",
        "(aside) ",
        "👍🏽 ",
        "\n\n",
        "# Migrating from Hugo to Jekyll\n",
        "# Goodbye Hugo, hello Jekyll\n",
        "# Hugo → Jekyll\n",
        "# Hugo 与 Jekyll 对比\n",
        "# Hugoとの違い\n",
        "# Comparison with Hugo\n",
        "# 阻塞对比非阻塞一览\n",
        "# Python 2 or 3?\n",
        "## Pros and Cons of the Options\n",
        "### Hugo Pros\n",
        "* Good, because fast\n* Bad, because slow\n",
        "+ plus item\n+ another\n\n- minus item\n",
        "Chosen option: \"Hugo\", because fast.\n",
        "**✅ Good for**\n",
        "| Pros | Cons |\n|---|---|\n| a | b |\n",
        "| pnpm 8 | pnpm 9 |\n|--|--|\n| 1 | 2 |\n",
        "## Vantagens do Hugo\n",
        "## 장점\n",
        "一つ。二つ！",
        "{#id}",
        "[",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn parse_never_panics(
            idx in proptest::collection::vec(0..PIECES.len(), 0..40),
            noise in proptest::collection::vec("\\PC{0,12}", 0..6),
            cut in 0usize..4000,
        ) {
            let mut s = String::new();
            for (n, &i) in idx.iter().enumerate() {
                s.push_str(PIECES[i]);
                if let Some(x) = noise.get(n % 7) {
                    s.push_str(x);
                }
            }
            let mut c = cut.min(s.len()).max(s.len() / 2);
            while !s.is_char_boundary(c) {
                c -= 1;
            }
            s.truncate(c);
            let a = versus::article::parse(&s, "fuzz");
            prop_assert!(a.contenders.len() <= 8);
            // With contenders the table is theirs; without, it is the
            // article's first wide table as written.
            if let (Some(t), false) = (&a.table, a.contenders.is_empty()) {
                prop_assert!(t.columns.len() > a.contenders.len());
                prop_assert!(t.columns.len() <= a.contenders.len() + 2);
            }
        }
    }
}
