//! `App::update` for every action, without a terminal.

mod support;

use support::*;
use versus::app::View;
use versus::app::read::{Focus, Pos};
use versus::keys::Action;

#[test]
fn views_switch_by_number_and_tab() {
    let mut a = bundled(80, 24);
    assert_eq!(a.view, View::Read);
    for (k, v) in [
        ("2", View::Table),
        ("3", View::Pros),
        ("4", View::Decide),
        ("1", View::Read),
    ] {
        press(&mut a, k);
        assert_eq!(a.view, v);
    }
    press(&mut a, "<Tab>");
    assert_eq!(a.view, View::Table);
    press(&mut a, "<S-Tab><S-Tab>");
    assert_eq!(a.view, View::Decide);
    a.update(Action::NextView);
    assert_eq!(a.view, View::Read);
}

#[test]
fn lines_scroll_with_counts() {
    let mut a = bundled(80, 24);
    press(&mut a, "j");
    assert_eq!(a.read.top, Pos { item: 0, line: 1 });
    press(&mut a, "k");
    assert_eq!(a.read.top, Pos::default());
    press(&mut a, "5j");
    let after_count = a.read.top;
    let mut b = bundled(80, 24);
    press(&mut b, "jjjjj");
    assert_eq!(after_count, b.read.top);
    assert!(after_count > Pos::default());
    press(&mut a, "<Up><Up><Up><Up><Up>");
    assert_eq!(a.read.top, Pos::default());
    press(&mut a, "k");
    assert_eq!(a.read.top, Pos::default(), "cannot scroll above the top");
}

#[test]
fn sections_move_the_outline_and_back() {
    let mut a = bundled(120, 40);
    assert_eq!(a.current_section(), 0);
    press(&mut a, "J");
    assert_eq!(a.current_section(), 1);
    assert_eq!(a.article.sections[1].title, "What is Django?");
    press(&mut a, "}}");
    assert_eq!(a.current_section(), 3);
    press(&mut a, "K");
    assert_eq!(a.current_section(), 2);
    press(&mut a, "{");
    assert_eq!(a.current_section(), 1);
    assert_eq!(a.read.outline_sel, 1);
}

#[test]
fn scrolling_the_content_moves_the_outline_highlight() {
    let mut a = bundled(120, 40);
    press(&mut a, "<PgDn>");
    assert!(a.current_section() > 0);
    assert_eq!(a.read.outline_sel, a.current_section());
}

#[test]
fn pages_halves_top_and_bottom() {
    let mut a = bundled(80, 24);
    press(&mut a, "<PgDn>");
    let one_page = a.read.top;
    press(&mut a, "<PgUp>");
    assert_eq!(a.read.top, Pos::default());
    press(&mut a, " ");
    assert_eq!(a.read.top, one_page, "Space pages down");
    press(&mut a, "b");
    assert_eq!(a.read.top, Pos::default(), "b pages up");
    press(&mut a, "<C-d>");
    let half = a.read.top;
    assert!(half > Pos::default() && half < one_page);
    press(&mut a, "<C-u>");
    assert_eq!(a.read.top, Pos::default());
    press(&mut a, "G");
    assert_eq!(a.read_percent(), 100);
    assert_eq!(a.current_section(), a.article.sections.len() - 1);
    let bottom = a.read.top;
    press(&mut a, "j");
    assert_eq!(a.read.top, bottom, "cannot scroll past the end");
    press(&mut a, "<Home>");
    assert_eq!(a.read.top, Pos::default());
    press(&mut a, "<End>");
    assert_eq!(a.read.top, bottom);
    press(&mut a, "g");
    assert_eq!(a.read_percent(), 0);
}

#[test]
fn outline_focus_and_enter_jump() {
    let mut a = bundled(140, 40);
    assert_eq!(a.read.focus, Focus::Content);
    press(&mut a, "h");
    assert_eq!(a.read.focus, Focus::Outline);
    press(&mut a, "jjj");
    assert_eq!(a.read.outline_sel, 3);
    assert_eq!(
        a.current_section(),
        3,
        "moving in the outline scrolls the content"
    );
    press(&mut a, "<Enter>");
    assert_eq!(a.read.focus, Focus::Content);
    assert_eq!(a.current_section(), 3);
    press(&mut a, "[");
    assert_eq!(a.read.focus, Focus::Outline);
    press(&mut a, "]");
    assert_eq!(a.read.focus, Focus::Content);
}

#[test]
fn outline_toggles_and_follows_the_width() {
    let mut a = bundled(80, 24);
    assert!(a.read_panes().0.is_none(), "collapsed below 100 columns");
    press(&mut a, "o");
    assert!(a.read_panes().0.is_some());
    assert!(bundled(99, 40).read_panes().0.is_none());
    assert!(bundled(100, 30).read_panes().0.is_some());
    let mut b = bundled(120, 40);
    assert!(b.read_panes().0.is_some());
    press(&mut b, "o");
    assert!(b.read_panes().0.is_none());
}

/// Titles of the outline's rows in a pane of `rows` rows.
fn outline_titles(a: &versus::app::App, rows: usize) -> Vec<String> {
    a.outline_rows(rows)
        .into_iter()
        .map(|i| a.article.sections[i].title.clone())
        .collect()
}

#[test]
fn outline_folds_sub_headings_while_reading() {
    let md = "# Cats vs Dogs\n\nIntro.\n\n## Cats\n\nc\n\n### Cat pros\n\np\n\n#### Whiskers\n\nw\n\n\
              ### Cat cons\n\nq\n\n## Dogs\n\nd\n\n### Dog pros\n\nr\n\n## Verdict\n\nv\n";
    let mut a = app(versus::article::parse(md, "t.md"), 120, 40);
    // At the top: the title is in the header, the top-level headings are listed.
    assert_eq!(outline_titles(&a, 30), ["Cats", "Dogs", "Verdict"]);
    // Inside a sub-section: its ancestors' sub-headings and its own unfold.
    let whiskers = a
        .article
        .sections
        .iter()
        .position(|s| s.title == "Whiskers")
        .unwrap();
    a.read_jump_to_section(whiskers - 1);
    assert_eq!(
        outline_titles(&a, 30),
        [
            "Cats", "Cat pros", "Whiskers", "Cat cons", "Dogs", "Verdict"
        ]
    );
    press(&mut a, "}");
    assert_eq!(a.article.sections[a.current_section()].title, "Whiskers");
    assert_eq!(
        outline_titles(&a, 30),
        [
            "Cats", "Cat pros", "Whiskers", "Cat cons", "Dogs", "Verdict"
        ]
    );
    // With the focus, every heading, the title included, to move through.
    press(&mut a, "h");
    assert_eq!(outline_titles(&a, 30).len(), a.article.sections.len());
    press(&mut a, "j");
    assert_eq!(a.article.sections[a.read.outline_sel].title, "Cat cons");
    press(&mut a, "l");
    assert_eq!(
        outline_titles(&a, 30),
        ["Cats", "Cat pros", "Cat cons", "Dogs", "Verdict"]
    );
    // A short pane keeps the current heading in view.
    let rows = outline_titles(&a, 2);
    assert!(rows.contains(&"Cat cons".to_string()), "{rows:?}");
}

#[test]
fn outline_without_a_title_heading_lists_top_levels() {
    let md = "Intro without a heading.\n\n## Alpha\n\n### a1\n\n## Beta\n\n### b1\n";
    let a = app(versus::article::parse(md, "t.md"), 120, 40);
    // The untitled opening text is a section of its own.
    let rows = a.outline_rows(30);
    assert_eq!(rows.first(), Some(&0));
    assert_eq!(outline_titles(&a, 30)[1..], ["Alpha", "Beta"]);
}

#[test]
fn table_cursor_moves_and_stays_in_range() {
    let mut a = bundled(80, 24);
    press(&mut a, "2");
    assert_eq!(a.table.row, 0);
    press(&mut a, "jj");
    assert_eq!(a.table.row, 2);
    press(&mut a, "G");
    assert_eq!(a.table.row, 5);
    press(&mut a, "j");
    assert_eq!(a.table.row, 5);
    press(&mut a, "g");
    assert_eq!(a.table.row, 0);
    press(&mut a, "<PgDn>");
    assert!(a.table.row > 0);
    press(&mut a, "<PgUp>");
    assert_eq!(a.table.row, 0);
}

#[test]
fn long_tables_keep_the_cursor_row_visible() {
    let mut md = String::from("# A vs B\n\n| Feature | A | B |\n|---|---|---|\n");
    for i in 0..200 {
        md.push_str(&format!("| row {i} | value a {i} | value b {i} |\n"));
    }
    let mut a = app(versus::article::parse(&md, "t"), 80, 24);
    press(&mut a, "2G");
    assert_eq!(a.table.row, 199);
    let s = screen(&a);
    assert!(s.contains("row 199"), "{s}");
    assert!(s.contains("Feature"), "header stays in view: {s}");
    assert!(s.contains("row 200/200"));
}

#[test]
fn pros_and_cons_toggle_and_persist_across_views() {
    let mut a = bundled(80, 24);
    press(&mut a, "3p");
    assert!(!a.pros.show_pros && a.pros.show_cons);
    let s = screen(&a);
    assert!(!s.contains("Comprehensive Framework") && s.contains("Steeper Learning Curve"));
    press(&mut a, "1");
    assert!(!a.pros.show_pros, "kept when switching views");
    press(&mut a, "3c");
    let s = screen(&a);
    assert!(
        s.contains("Pros and cons are hidden") && s.contains("press p"),
        "{s}"
    );
    press(&mut a, "pc");
    assert!(a.pros.show_pros && a.pros.show_cons);
}

#[test]
fn contender_columns_take_focus() {
    let mut a = bundled(80, 24);
    press(&mut a, "3");
    assert_eq!(a.pros.col, 0);
    press(&mut a, "l");
    assert_eq!(a.pros.col, 1);
    press(&mut a, "l");
    assert_eq!(a.pros.col, 0, "wraps around");
    press(&mut a, "h");
    assert_eq!(a.pros.col, 1);
}

#[test]
fn search_counts_steps_and_clears() {
    let mut a = bundled(80, 24);
    press(&mut a, "/admin<Enter>");
    let n = a.search.len();
    assert!(n >= 4, "{n}");
    assert_eq!(a.search.summary().unwrap(), format!("match 1/{n}"));
    let first = a.read.top;
    press(&mut a, "n");
    assert_eq!(a.search.summary().unwrap(), format!("match 2/{n}"));
    press(&mut a, "N");
    assert_eq!(a.read.top, first);
    press(&mut a, "N");
    assert_eq!(
        a.search.summary().unwrap(),
        format!("match {n}/{n}"),
        "wraps backwards"
    );
    press(&mut a, "2");
    assert!(
        a.search.summary().unwrap().contains("matches")
            || a.search.summary().unwrap().starts_with("match")
    );
    press(&mut a, "<Esc>");
    assert!(a.search.query.is_none());
    assert!(!a.quit, "Esc never quits");
}

#[test]
fn search_prompt_edits_and_cancels() {
    let mut a = bundled(80, 24);
    press(&mut a, "/flaskx<BS>");
    assert_eq!(a.search.prompt.as_deref(), Some("flask"));
    press(&mut a, "q");
    assert!(!a.quit, "q is typed into the prompt");
    press(&mut a, "<Esc>");
    assert!(a.search.prompt.is_none() && a.search.query.is_none());
    press(&mut a, "/zebra<Enter>");
    assert_eq!(a.status.as_deref(), Some("no matches for \"zebra\""));
}

#[test]
fn search_in_table_moves_the_cursor() {
    let mut a = bundled(80, 24);
    press(&mut a, "2/community<Enter>");
    assert_eq!(a.table.row, 5);
}

#[test]
fn help_opens_and_closes_without_quitting() {
    let mut a = bundled(80, 24);
    press(&mut a, "?");
    assert!(a.help.is_some());
    press(&mut a, "q");
    assert!(a.help.is_none() && !a.quit);
    press(&mut a, "?<Esc>");
    assert!(a.help.is_none());
    press(&mut a, "??");
    assert!(a.help.is_none());
}

#[test]
fn quit_keys() {
    let mut a = bundled(80, 24);
    press(&mut a, "<Esc>");
    assert!(!a.quit);
    press(&mut a, "q");
    assert!(a.quit);
    let mut b = bundled(80, 24);
    press(&mut b, "<C-c>");
    assert!(b.quit);
}

#[test]
fn ctrl_c_quits_from_anywhere_at_once() {
    // Help open, search prompt open (empty and half typed), "clear all?" pending.
    for keys in ["?", "?jj", "/", "/fla", "4 x"] {
        let mut a = bundled(80, 24);
        press(&mut a, keys);
        assert!(!a.quit, "{keys}");
        assert!(a.help.is_some() || a.search.prompt.is_some() || a.decide.confirm);
        press(&mut a, "<C-c>");
        assert!(a.quit, "Ctrl-C after {keys:?} quits at once");
    }
    // `q` in the help still only closes the help; in the prompt it is typed.
    let mut a = bundled(80, 24);
    press(&mut a, "?q");
    assert!(a.help.is_none() && !a.quit);
    press(&mut a, "/q");
    assert_eq!(a.search.prompt.as_deref(), Some("q"));
    assert!(!a.quit);
}

#[test]
fn copy_puts_plain_text_on_the_clipboard() {
    let mut a = bundled(80, 24);
    press(&mut a, "JJy");
    let c = a.clipboard.take().unwrap();
    assert!(c.starts_with("Key Features of Django:"), "{c}");
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("copied the section")
    );
    press(&mut a, "2jy");
    assert_eq!(
        a.clipboard.take().unwrap(),
        "Feature: Built-in Features\nDjango: ORM, authentication, admin panel, etc.\nFlask: Minimal; relies on extensions\n"
    );
    press(&mut a, "3ly");
    assert!(
        a.clipboard
            .take()
            .unwrap()
            .starts_with("Flask\n\nPros:\n- Lightweight: Easy to learn")
    );
}

#[test]
fn resize_keeps_the_reading_position() {
    let mut a = bundled(120, 40);
    press(&mut a, "JJJJ");
    let s = a.current_section();
    a.resize(80, 24);
    assert_eq!(a.current_section(), s);
    a.resize(60, 20);
    assert_eq!(a.current_section(), s);
    a.resize(1, 1);
    a.resize(120, 40);
    assert_eq!(a.current_section(), s);
}

#[test]
fn mouse_wheel_scrolls_the_pane_under_the_pointer() {
    let mut a = bundled(140, 40);
    a.wheel(80, 10, true);
    assert_eq!(a.read.top, Pos { item: 0, line: 3 });
    a.wheel(80, 10, false);
    assert_eq!(a.read.top, Pos::default());
    a.wheel(5, 10, true);
    assert_eq!(
        a.current_section(),
        1,
        "over the outline it moves the outline"
    );
}

#[test]
fn section_option_starts_there() {
    let opts = versus::app::Options {
        view: None,
        section: Some("when to choose flask".into()),
        ..Default::default()
    };
    let a = versus::app::App::new(
        versus::article::bundled(),
        versus::render::theme::Theme::new(false, false),
        ratatui::layout::Rect::new(0, 0, 80, 24),
        &opts,
    );
    assert_eq!(
        a.article.sections[a.current_section()].title,
        "When to Choose Flask"
    );
}

#[test]
fn empty_article_parts_say_what_is_missing() {
    let mut a = app(
        versus::article::parse("Just a note, nothing to compare.\n", "n"),
        80,
        24,
    );
    press(&mut a, "2");
    assert!(screen(&a).contains("No feature table in this article."));
    press(&mut a, "3");
    assert!(screen(&a).contains("No contenders found"));
}

#[test]
fn table_contender_column_takes_focus() {
    let mut a = bundled(80, 24);
    press(&mut a, "2");
    assert_eq!(a.table.col, 0);
    press(&mut a, "l");
    assert_eq!(a.table.col, 1);
    press(&mut a, "]");
    assert_eq!(a.table.col, 2);
    press(&mut a, "<Right>");
    assert_eq!(a.table.col, 1, "wraps around");
    press(&mut a, "h");
    assert_eq!(a.table.col, 2);
    let t = render(&a);
    let buf = t.backend().buffer();
    // Flask's header cell is reversed, Django's is not.
    let flask_x = (0..80)
        .find(|&x| buf[(x, 2)].symbol() == "F" && buf[(x + 1, 2)].symbol() == "l")
        .unwrap();
    let django_x = (0..80).find(|&x| buf[(x, 2)].symbol() == "D").unwrap();
    use ratatui::style::Modifier;
    assert!(buf[(flask_x, 2)].modifier.contains(Modifier::REVERSED));
    assert!(!buf[(django_x, 2)].modifier.contains(Modifier::REVERSED));
    // A cell cursor: the selected row's Flask cell stands out of the row's
    // reverse video, the footer names it, and `y` copies it alone.
    let (x, y) = find_on_screen(&a, "Minimalistic", 1);
    let cell = buf[(x, y)].modifier;
    assert!(cell.contains(Modifier::UNDERLINED) && !cell.contains(Modifier::REVERSED));
    let (x, y) = find_on_screen(&a, "Batteries", 1);
    assert!(
        buf[(x, y)].modifier.contains(Modifier::REVERSED),
        "the rest of the row"
    );
    assert!(
        footer_line(&a).contains("Flask cell"),
        "{}",
        footer_line(&a)
    );
    press(&mut a, "y");
    assert_eq!(
        a.clipboard.take().as_deref(),
        Some("Minimalistic, build-your-own approach\n")
    );
    assert!(
        a.status
            .as_deref()
            .unwrap()
            .starts_with("copied the table cell")
    );
    // Esc leaves the cell: `y` copies the row again.
    press(&mut a, "<Esc>y");
    assert_eq!(a.table.col, 0);
    assert!(
        a.clipboard
            .take()
            .unwrap()
            .starts_with("Feature: Philosophy")
    );
}

#[test]
fn warnings_show_at_the_top_of_the_read_view_and_in_the_footer() {
    let md = "---\ntitle: [broken\n---\n# A vs B\n\nBody text.\n";
    let a = app(versus::article::parse(md, "w.md"), 80, 24);
    let s = screen(&a);
    assert!(s.contains("front matter is not valid YAML"), "{s}");
    assert!(s.contains("Body text."));
    assert!(s.contains("1 warning"), "{s}");
}

#[test]
fn no_headings_say_so_in_the_outline() {
    let a = app(
        versus::article::parse("---\ntitle: Only front matter\n---\n", "p"),
        140,
        30,
    );
    assert!(a.article.sections.is_empty());
    assert!(screen(&a).contains("(no headings)"), "{}", screen(&a));
}

/// On a large article the count runs in slices the event loop fits between
/// keys. Started at the top or halfway down, it ends with the same matches,
/// and it first shows the match at or after the reading position.
#[test]
fn a_large_search_counts_in_slices_from_the_reading_position() {
    let text = versus::r#gen::generate_article(3_000_000);
    let article = versus::article::parse(&text, "big.md");
    let mut top = app(article.clone(), 80, 24);
    let mut mid = app(article, 80, 24);
    let half = mid.article.sections.len() / 2;
    mid.read_jump_to_section(half);
    let here = mid.read.top.item;

    let mut totals = Vec::new();
    for a in [&mut top, &mut mid] {
        press(a, "/template<Enter>");
        assert!(a.has_work(), "3 MB is more than one slice");
        assert_eq!(a.search.summary().as_deref(), Some("searching..."));
        let mut slices = 0;
        while a.has_work() {
            a.work();
            slices += 1;
        }
        assert!(slices >= 2, "{slices}");
        let n = a.search.len();
        assert!(n > 100, "{n}");
        assert_eq!(
            a.search.summary(),
            Some(format!("match {}/{n}", index(a) + 1))
        );
        totals.push(n);
    }
    assert_eq!(totals[0], totals[1]);
    let (unit, _) = mid.search.current().unwrap();
    assert!(
        unit >= here,
        "the first match shown is not above the reader"
    );
    assert!(mid.read.top.item <= unit && unit <= mid.read.top.item + 24);
    // Both now step through the same matches.
    let k = index(&mid);
    for _ in 0..k {
        press(&mut top, "n");
    }
    assert_eq!(top.search.current(), mid.search.current());

    // `n` during a count finishes it first.
    press(&mut mid, "/alpha<Enter>");
    assert!(mid.has_work());
    press(&mut mid, "n");
    assert!(!mid.has_work());
    assert!(mid.search.summary().unwrap().starts_with("match "));
}

/// The current match's position, read off the footer ("match k/n").
fn index(a: &versus::app::App) -> usize {
    let s = a.search.summary().unwrap();
    let k = s.trim_start_matches("match ").split('/').next().unwrap();
    k.parse::<usize>().unwrap() - 1
}

#[test]
fn pros_and_cons_bottom_is_where_scrolling_line_by_line_ends() {
    let text = versus::r#gen::generate_article(100_000);
    let a = versus::article::parse(&text, "generated.md");
    // Side by side, stacked, narrow; cons only.
    for (w, h, keys) in [
        (120, 40, "3"),
        (80, 24, "3"),
        (40, 12, "3"),
        (120, 40, "3p"),
    ] {
        let mut jumped = app(a.clone(), w, h);
        press(&mut jumped, keys);
        press(&mut jumped, "G");
        let mut walked = app(a.clone(), w, h);
        press(&mut walked, keys);
        loop {
            let before = walked.pros.scroll;
            press(&mut walked, "j");
            if walked.pros.scroll == before {
                break;
            }
        }
        assert!(jumped.pros.scroll > 0, "{w}x{h} {keys}");
        assert_eq!(jumped.pros.scroll, walked.pros.scroll, "{w}x{h} {keys}");
        assert_eq!(screen(&jumped), screen(&walked), "{w}x{h} {keys}");
    }
}

#[test]
fn pros_and_cons_are_measured_as_they_are_laid_out() {
    use versus::app::pros::{Entry, entry_height, entry_lines};
    let theme = versus::render::theme::Theme::new(true, false);
    let mut articles = vec![
        versus::article::bundled(),
        versus::article::parse(&versus::r#gen::generate_article(50_000), "generated.md"),
    ];
    for dir in [
        "tests/fixtures",
        "tests/fixtures/hostile",
        "tests/fixtures/real-world",
    ] {
        let dir = format!("{}/{dir}", env!("CARGO_MANIFEST_DIR"));
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "md") {
                articles.push(versus::article::parse_bytes(
                    &std::fs::read(&p).unwrap(),
                    "f",
                ));
            }
        }
    }
    for a in &articles {
        for (ci, c) in a.contenders.iter().enumerate() {
            let items = |pros: bool, n: usize| {
                (0..n).map(move |item| Entry::Item {
                    contender: ci,
                    pros,
                    item,
                })
            };
            let entries = std::iter::once(Entry::Name(ci))
                .chain(items(true, c.pros.len()))
                .chain(items(false, c.cons.len()));
            for e in entries {
                for width in [1, 3, 7, 26, 38, 78, 200] {
                    assert_eq!(
                        entry_height(a, e, width),
                        entry_lines(a, e, width, &theme).len(),
                        "{e:?} at {width}"
                    );
                }
            }
        }
    }
}

/// In the Pros & Cons view the columns are measured between keys, so that
/// `G` finds their heights ready; the bottom is the same either way.
#[test]
fn pros_columns_are_measured_between_keys() {
    let text = versus::r#gen::generate_article(3_000_000);
    let article = versus::article::parse(&text, "big.md");
    let mut measured = app(article.clone(), 120, 40);
    let mut direct = app(article, 120, 40);
    assert!(!measured.has_work(), "nothing to do in the Read view");
    press(&mut measured, "3");
    assert!(measured.has_work());
    let mut slices = 0;
    while measured.has_work() {
        measured.work();
        slices += 1;
    }
    assert!(slices >= 2, "{slices}");
    press(&mut measured, "G");
    press(&mut direct, "3G");
    assert_eq!(measured.pros.scroll, direct.pros.scroll);
    assert!(measured.pros.scroll > 0);
    assert_eq!(screen(&measured), screen(&direct));
    press(&mut measured, "1");
    assert!(!measured.has_work());
}

/// The Read view's first frame is drawn before the items (pros, cons,
/// criteria) are found; it shows none of them, so finding them changes
/// nothing on screen, and they are found before any key is handled.
#[test]
fn items_found_after_the_first_frame_change_nothing_shown() {
    use versus::app::{App, Options};
    use versus::article::{BUNDLED, parse::parse_unfinished};
    use versus::render::theme::Theme;
    let pending = || {
        let (article, items) = parse_unfinished(BUNDLED, "bundled").contenders();
        App::with_items_pending(
            article,
            items,
            Theme::new(true, false),
            ratatui::layout::Rect::new(0, 0, 120, 40),
            &Options::default(),
        )
    };
    let mut a = pending();
    assert!(a.article.contenders.iter().all(|c| c.pros.is_empty()));
    assert!(a.has_work(), "the items are work for after the first frame");
    let before = screen(&a);
    a.work();
    assert!(a.article.contenders.iter().all(|c| !c.pros.is_empty()));
    assert_eq!(screen(&a), before);
    assert_eq!(screen(&a), screen(&bundled(120, 40)));
    assert!(!a.has_work());
    // A key finds them first: the Decide view has the article's questions.
    let mut b = pending();
    press(&mut b, "4");
    assert!(!b.has_work());
    assert_eq!(screen(&b), {
        let mut c = bundled(120, 40);
        press(&mut c, "4");
        screen(&c)
    });
}

/// A large article finds its items before the first frame (its detectors'
/// data is freed before the views allocate theirs); a small one after.
#[test]
fn large_articles_find_items_before_the_first_frame() {
    use versus::article::parse::parse_unfinished;
    let md = |paras: usize| {
        let mut s = String::from(
            "# Alpha vs Beta\n\n## Alpha Pros\n\n- Fast\n\n## Beta Pros\n\n- Small\n\n",
        );
        s.push_str(&"Filler paragraph.\n\n".repeat(paras));
        s
    };
    let pros = |paras: usize| {
        let (a, _items) = parse_unfinished(&md(paras), "t.md").contenders();
        a.contenders.iter().map(|c| c.pros.len()).sum::<usize>()
    };
    assert_eq!(pros(10), 0, "small: found after the first frame");
    assert_eq!(pros(12_000), 2, "large: found at once");
}

#[test]
fn a_title_that_is_the_versus_line_is_shown_once() {
    let a = app(fixture("three-contenders.md"), 120, 40);
    let shown = screen(&a);
    let header = shown.lines().next().unwrap();
    assert_eq!(header.matches("Rust vs Go vs Zig").count(), 1, "{header}");
    // The bundled article's title starts with its versus line: said once.
    for w in [40, 80, 120] {
        let b = screen(&bundled(w, 24));
        let header = b.lines().next().unwrap();
        assert_eq!(header.matches("Django vs Flask").count(), 1, "{header}");
    }
    // A title that does not start with it: both shown.
    let path = format!(
        "{}/tests/fixtures/three-contenders.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Rust vs Go vs Zig: systems", "Systems")
        .replace("# Rust vs Go vs Zig", "# Systems languages");
    let a = app(versus::article::parse(&text, &path), 120, 40);
    let shown = screen(&a);
    let header = shown.lines().next().unwrap();
    assert!(
        header.contains("Systems") && header.trim_end().ends_with("Rust vs Go vs Zig"),
        "{header}"
    );
}

/// The body's cells drawn in `style` (modifiers and colours), as (x, y) and text.
fn cells_in(a: &versus::app::App, want: ratatui::style::Style) -> Vec<(u16, u16, String)> {
    let t = render(a);
    let buf = t.backend().buffer();
    let mut out = Vec::new();
    for y in 1..buf.area.height - 1 {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            let st = c.style();
            let same = (want.bg.is_none() || st.bg == want.bg)
                && (want.fg.is_none() || st.fg == want.fg)
                && st.add_modifier.contains(want.add_modifier);
            if same {
                out.push((x, y, c.symbol().to_string()));
            }
        }
    }
    out
}

fn word(cells: &[(u16, u16, String)]) -> String {
    cells.iter().map(|c| c.2.as_str()).collect()
}

#[test]
fn the_current_match_stands_out_in_every_view() {
    use ratatui::style::{Color, Modifier, Style};
    let cur = Style::new().bg(Color::Cyan).add_modifier(Modifier::BOLD);
    let other = Style::new().bg(Color::Yellow);
    for (keys, w, h) in [
        ("/flask<Enter>", 80, 24),
        ("/flask<Enter>", 120, 40),
        ("/flask<Enter>", 40, 15),
        ("2/large<Enter>", 80, 24),
        ("3/flexib<Enter>", 120, 40),
        ("4/django<Enter>", 80, 24),
    ] {
        let mut a = bundled(w, h);
        press(&mut a, keys);
        let first = cells_in(&a, cur);
        let q = keys.split('/').nth(1).unwrap().trim_end_matches("<Enter>");
        assert_eq!(
            word(&first).to_lowercase(),
            q,
            "{keys} at {w}x{h}: one match in the current style\n{}",
            screen(&a)
        );
        // `n` moves the current style to the next match; the first goes back to the others' style.
        let total = a.search.len();
        press(&mut a, "n");
        let next = cells_in(&a, cur);
        if total > 1 {
            assert_eq!(word(&next).to_lowercase(), q, "{keys} at {w}x{h} after n");
            assert_ne!(first, next, "{keys} at {w}x{h}: n moves the current match");
        }
    }
    // Several matches on screen: one current, the rest in the other style.
    let mut a = bundled(120, 40);
    press(&mut a, "/django<Enter>");
    assert_eq!(word(&cells_in(&a, cur)).to_lowercase(), "django");
    assert!(
        word(&cells_in(&a, other))
            .to_lowercase()
            .contains("djangodjango")
    );
}

#[test]
fn the_current_match_stands_out_without_colour() {
    use ratatui::style::{Modifier, Style};
    let mut a = versus::app::App::new(
        versus::article::bundled(),
        versus::render::theme::Theme::new(false, false),
        ratatui::layout::Rect::new(0, 0, 80, 24),
        &versus::app::Options::default(),
    );
    press(&mut a, "/django<Enter>");
    let cur = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    let under = Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
    assert_eq!(word(&cells_in(&a, cur)).to_lowercase(), "django");
    let others = cells_in(&a, under);
    assert!(others.len() >= 12, "other matches underlined: {others:?}");
    assert!(others.iter().all(|c| !cells_in(&a, cur).contains(c)));
}

fn footer_line(a: &versus::app::App) -> String {
    screen(a).lines().last().unwrap().to_string()
}

#[test]
fn the_footer_keeps_the_match_count_and_whole_words_at_every_width() {
    for w in [40u16, 80, 120] {
        let mut a = bundled(w, 24);
        press(&mut a, "/flask<Enter>nn");
        let f = footer_line(&a);
        assert!(f.contains("match 3/"), "{w}: {f}");
        assert!(f.contains("? help"), "{w}: {f}");
        // A long message: whole words, or an ellipsis where it is cut.
        press(&mut a, "<Esc>JJy");
        let f = footer_line(&a);
        let msg = a.status.clone().unwrap();
        assert!(msg.starts_with("copied the section"));
        let shown = f.trim();
        if !f.contains(&msg) {
            let cut = shown
                .split(" · ")
                .find(|p| p.starts_with("copied"))
                .unwrap_or(shown);
            let cut = cut.split("  ").next().unwrap().trim_end();
            assert!(cut.ends_with('…'), "{w}: cut without an ellipsis: {f}");
            let kept = cut.trim_end_matches('…');
            assert!(
                msg.starts_with(kept) && msg[kept.len()..].starts_with(' '),
                "{w}: cut mid-word: {f}"
            );
        }
        // The tabs stay whole or give way to their numbers at 40 columns, with `? help`.
        press(&mut a, "j");
        let f = footer_line(&a);
        assert!(f.contains("? help"), "{w}: {f}");
        assert!(f.contains("section"), "{w}: {f}");
    }
    // At 80 columns the message fits whole (it was "copied the sectio").
    let mut a = bundled(80, 24);
    press(&mut a, "JJy");
    assert!(
        footer_line(&a).contains(a.status.as_deref().unwrap()),
        "{}",
        footer_line(&a)
    );
}

/// Where `text` is first drawn at or after row `from`, as (column, row).
fn find_on_screen(a: &versus::app::App, text: &str, from: u16) -> (u16, u16) {
    let s = screen(a);
    for (y, line) in s.lines().enumerate().skip(usize::from(from)) {
        if let Some(i) = line.find(text) {
            return (line[..i].chars().count() as u16, y as u16);
        }
    }
    panic!("{text:?} is not on screen:\n{s}");
}

#[test]
fn a_click_on_a_tab_selects_its_view() {
    for w in [120u16, 80, 40] {
        let mut a = bundled(w, 24);
        let foot = a.size.height - 1;
        for (label, view) in [
            (" 2", View::Table),
            (" 4", View::Decide),
            (" 3", View::Pros),
            (" 1", View::Read),
        ] {
            let (x, y) = find_on_screen(&a, label, foot);
            a.click(x + 1, y);
            assert_eq!(a.view, view, "{w} columns, {label}");
        }
        // Past the tabs a click changes nothing.
        a.click(w - 2, foot);
        assert_eq!(a.view, View::Read);
    }
}

#[test]
fn a_click_on_an_outline_entry_jumps_there() {
    let mut a = bundled(120, 40);
    let (x, y) = find_on_screen(&a, "When to Choose Flask", 1);
    assert!(x < 36, "in the outline");
    a.click(x + 2, y);
    let s = a.current_section();
    assert_eq!(a.article.sections[s].title, "When to Choose Flask");
    assert_eq!(a.read.outline_sel, s);
    // A click on the content changes no position.
    let top = a.read.top;
    a.click(80, 20);
    assert_eq!(a.read.top, top);
}

#[test]
fn a_click_on_a_table_row_selects_it_and_its_cell() {
    let mut a = bundled(80, 24);
    press(&mut a, "2");
    let (x, y) = find_on_screen(&a, "Community", 1);
    a.click(x, y);
    assert_eq!(a.table.row, 5);
    assert_eq!(a.table.col, 0, "the feature cell: no contender cell");
    let (x, y) = find_on_screen(&a, "Growing and active", 1);
    a.click(x + 3, y);
    assert_eq!((a.table.row, a.table.col), (5, 2));
    assert!(footer_line(&a).contains("Flask"), "{}", footer_line(&a));
    let (x, y) = find_on_screen(&a, "Steeper", 1);
    a.click(x, y);
    assert_eq!((a.table.row, a.table.col), (2, 1));
    // The header cell of a contender focuses its column.
    let (x, y) = find_on_screen(&a, "Flask", 1);
    a.click(x, y);
    assert_eq!((a.table.row, a.table.col), (2, 2));
}

#[test]
fn a_click_on_a_checkbox_toggles_it_and_on_a_value_picks_it() {
    use versus::decision::{Answer, Question};
    let mut a = bundled(120, 40);
    press(&mut a, "4");
    let simplicity = Question::Criterion {
        contender: 1,
        item: 0,
    };
    let (x, y) = find_on_screen(&a, "You want simplicity", 1);
    a.click(x + 4, y);
    assert!(a.decide.answers.checked(simplicity));
    assert_eq!(a.decide.current(), Some(simplicity));
    let (x, y) = find_on_screen(&a, "You want simplicity", 1);
    a.click(x, y);
    assert!(
        !a.decide.answers.checked(simplicity),
        "a second click unchecks"
    );
    // A feature row: a click on a contender's value prefers that contender.
    let (x, y) = find_on_screen(&a, "Minimal; relies on extensions", 1);
    a.click(x, y);
    assert_eq!(
        a.decide.answers.get(Question::Row(1)),
        Some(Answer::Pick(1))
    );
    let (x, y) = find_on_screen(&a, "ORM, authentication", 1);
    a.click(x, y);
    assert_eq!(
        a.decide.answers.get(Question::Row(1)),
        Some(Answer::Pick(0))
    );
    a.click(x, y);
    assert_eq!(
        a.decide.answers.get(Question::Row(1)),
        None,
        "clicked again: cleared"
    );
    // The score panel takes no clicks.
    let n = a.decide.answers.len();
    a.click(110, 5);
    assert_eq!(a.decide.answers.len(), n);
}

#[test]
fn a_click_on_a_contender_column_focuses_it() {
    let mut a = bundled(120, 40);
    press(&mut a, "3");
    assert_eq!(a.pros.col, 0);
    a.click(90, 10);
    assert_eq!(a.pros.col, 1);
    assert!(footer_line(&a).contains("Flask 2/2"));
    a.click(10, 10);
    assert_eq!(a.pros.col, 0);
    // Stacked: the contender whose part is under the pointer.
    let mut a = bundled(40, 20);
    press(&mut a, "3G");
    let (x, y) = find_on_screen(&a, "Flask", 1);
    a.click(x, y);
    assert_eq!(a.pros.col, 1);
}

#[test]
fn stacked_pros_and_cons_name_the_contender_shown() {
    let mut a = bundled(40, 20);
    press(&mut a, "3");
    assert!(footer_line(&a).contains("Django"), "{}", footer_line(&a));
    press(&mut a, "G");
    let s = screen(&a);
    assert!(s.contains("Flask"), "{s}");
    assert_eq!(a.pros.col, 1);
    assert!(footer_line(&a).contains("Flask"), "{}", footer_line(&a));
    press(&mut a, "g");
    assert_eq!(a.pros.col, 0);
    // A search landing in Flask's part names Flask.
    press(&mut a, "/lightweight<Enter>");
    assert_eq!(a.pros.col, 1, "{}", screen(&a));
}

#[test]
fn the_wheel_scrolls_the_help_and_clicks_close_it() {
    let mut a = bundled(80, 24);
    press(&mut a, "?");
    a.wheel(40, 10, true);
    assert_eq!(a.help, Some(3));
    a.wheel(40, 10, false);
    assert_eq!(a.help, Some(0));
    assert_eq!(a.read.top, Pos::default(), "the text under the help stays");
    a.click(40, 10);
    assert!(a.help.is_none());
    assert_eq!(a.view, View::Read);
}

#[test]
fn without_colour_the_current_outline_entry_is_marked() {
    let mono = |w, h| {
        versus::app::App::new(
            versus::article::bundled(),
            versus::render::theme::Theme::new(false, false),
            ratatui::layout::Rect::new(0, 0, w, h),
            &versus::app::Options::default(),
        )
    };
    let mut a = mono(120, 40);
    press(&mut a, "JJ");
    let title = a.article.sections[a.current_section()].title.clone();
    let s = screen(&a);
    let marked: Vec<&str> = s.lines().filter(|l| l.contains("▸ ")).collect();
    assert_eq!(marked.len(), 1, "{s}");
    assert!(marked[0].contains(&format!("▸ {title}")), "{s}");
    // With colour, the colour marks it: no marker.
    let mut c = bundled(120, 40);
    press(&mut c, "JJ");
    assert!(!screen(&c).contains("▸ "));
    // With the focus in the outline the reverse-video bar marks it.
    press(&mut a, "h");
    assert!(!screen(&a).contains("▸ "));
}

#[test]
fn contender_names_stay_in_view_in_pros_and_cons() {
    let mut a = bundled(120, 12);
    press(&mut a, "3");
    press(&mut a, "jjjjjj");
    assert!(a.pros.scroll > 0);
    let s = screen(&a);
    let first = s.lines().nth(1).unwrap();
    assert!(first.contains("Django") && first.contains("Flask"), "{s}");
    press(&mut a, "G");
    let s = screen(&a);
    let first = s.lines().nth(1).unwrap();
    assert!(first.contains("Django") && first.contains("Flask"), "{s}");
    // Stacked: the name of the contender being read.
    let mut a = bundled(40, 20);
    press(&mut a, "3");
    for _ in 0..60 {
        press(&mut a, "j");
        let s = screen(&a);
        let first = s.lines().nth(1).unwrap().trim().to_string();
        let name = &a.article.contenders[a.pros.col].name;
        assert_eq!(&first, name, "{s}");
        assert!(footer_line(&a).contains(name.as_str()));
    }
    // Both hidden: a hint instead of a blank pane.
    press(&mut a, "pc");
    let s = screen(&a);
    assert!(
        s.contains("Pros and cons are hidden") && s.contains("press p"),
        "{s}"
    );
}

#[test]
fn the_same_place_says_the_same_section() {
    for (w, h) in [(80u16, 24u16), (120, 40), (40, 15)] {
        let mut a = bundled(w, h);
        press(&mut a, "G");
        let bottom = (a.read.top, a.position());
        let mut b = bundled(w, h);
        press(&mut b, "/insights<Enter>");
        assert_eq!((b.read.top, b.position()), bottom, "{w}x{h}");
        assert!(bottom.1.starts_with("section 16/16"), "{}", bottom.1);
    }
    // A match on a heading just below the top names the heading's section.
    let mut a = bundled(80, 24);
    press(&mut a, "/what is flask<Enter>");
    let s = a.current_section();
    assert_eq!(a.article.sections[s].title, "What is Flask?");
}

#[test]
fn the_help_wraps_when_narrow_and_says_it_scrolls() {
    for (w, h) in [(40u16, 15u16), (80, 24), (120, 40)] {
        let mut a = bundled(w, h);
        press(&mut a, "?");
        let s = screen(&a);
        let l = a.help_layout();
        let inner: String = s
            .lines()
            .skip(usize::from(l.inner.y))
            .take(usize::from(l.inner.height))
            .map(|line| {
                line.chars()
                    .skip(usize::from(l.inner.x))
                    .take(usize::from(l.inner.width))
                    .collect::<String>()
            })
            .collect();
        assert!(!inner.contains('…'), "{w}x{h}: a description cut:\n{s}");
        if l.max_scroll() > 0 {
            assert!(s.contains("j/k scroll 1-"), "{w}x{h}:\n{s}");
        }
        // Every word of every description is somewhere in the help's lines.
        let all: String = l
            .lines
            .iter()
            .map(|l| versus::render::doc::line_text(l) + " ")
            .collect();
        let words: Vec<&str> = all.split_whitespace().collect();
        for (_, _, help) in versus::keys::help_rows() {
            for word in help.split_whitespace() {
                assert!(words.contains(&word), "{w}x{h}: {word:?} of {help:?}");
            }
        }
        // Scrolling stops at the last line: one k from the bottom moves up.
        press(&mut a, "G");
        let bottom = a.help.unwrap();
        assert_eq!(bottom, l.max_scroll());
        press(&mut a, "jjj");
        assert_eq!(a.help, Some(bottom));
        if bottom > 0 {
            press(&mut a, "k");
            assert_eq!(a.help, Some(bottom - 1));
            let s = screen(&a);
            let total = l.lines.len();
            assert!(s.contains(&format!("/{total}")), "{s}");
        }
        press(&mut a, "q");
        assert!(a.help.is_none() && !a.quit);
        // `? help` stays in the footer at every width.
        assert!(
            footer_line(&a).contains("? help"),
            "{w}: {}",
            footer_line(&a)
        );
    }
}

#[test]
fn mouse_events_reach_the_app_through_the_event_loop_handler() {
    use versus::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    let mouse = |kind, column, row| {
        Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut a = bundled(120, 40);
    press(&mut a, "h");
    assert_eq!(a.read.focus, Focus::Outline);
    let (x, y) = find_on_screen(&a, " 3 Pros & Cons ", 39);
    // A release, a drag and a right click do nothing; a left press selects.
    for kind in [
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Drag(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
    ] {
        versus::tui::handle(&mut a, mouse(kind, x + 2, y));
        assert_eq!(a.view, View::Read);
    }
    // A click on the text gives it the focus back.
    versus::tui::handle(
        &mut a,
        mouse(MouseEventKind::Down(MouseButton::Left), 80, 10),
    );
    assert_eq!(a.read.focus, Focus::Content);
    versus::tui::handle(
        &mut a,
        mouse(MouseEventKind::Down(MouseButton::Left), x + 2, y),
    );
    assert_eq!(a.view, View::Pros);
    a.resize(120, 12);
    versus::tui::handle(&mut a, mouse(MouseEventKind::ScrollDown, 60, 5));
    assert_eq!(a.pros.scroll, 3, "the wheel scrolls three lines");
}

#[test]
fn clicks_anywhere_at_any_size_never_panic() {
    for (w, h) in [(20u16, 6u16), (19, 5), (40, 15), (80, 24), (130, 30)] {
        for keys in ["1", "1h", "2", "2l", "3", "3G", "4", "4b", "?", "/fla"] {
            let mut a = bundled(w, h);
            press(&mut a, keys);
            for y in (0..h + 1).rev() {
                for x in (0..w + 1).step_by(3) {
                    a.click(x, y);
                    a.wheel(x, y, y % 2 == 0);
                }
            }
            let _ = render(&a);
        }
    }
}

#[test]
fn narrowing_to_a_stack_keeps_the_contender_in_focus_in_view() {
    let mut a = bundled(120, 20);
    press(&mut a, "3l");
    assert_eq!(a.pros.col, 1);
    a.resize(40, 20);
    assert_eq!(a.pros.col, 1);
    let s = screen(&a);
    assert_eq!(s.lines().nth(1).unwrap().trim(), "Flask", "{s}");
    assert!(footer_line(&a).contains("Flask"));
}

#[test]
fn copy_of_a_huge_paragraph_is_capped() {
    // One 3 MB paragraph (with multi-byte characters at the cut).
    let text = format!("# A vs B\n\n{}\n", "é word ".repeat(400_000));
    let mut a = app(versus::article::parse(&text, "big.md"), 80, 24);
    press(&mut a, "y");
    let c = a.clipboard.take().unwrap();
    assert!(c.len() <= versus::app::MAX_CLIPBOARD_BYTES, "{}", c.len());
    assert!(c.len() > versus::app::MAX_CLIPBOARD_BYTES - 4);
    let status = a.status.clone().unwrap();
    assert!(
        status.starts_with("copied the first ") && status.contains("MAX_CLIPBOARD_BYTES"),
        "{status}"
    );
    // The OSC 52 sequence is as bounded as what it carries.
    assert!(versus::tui::osc52(&c).len() < versus::app::MAX_CLIPBOARD_BYTES * 4 / 3 + 16);
}
