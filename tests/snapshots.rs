//! insta snapshots of every view at 80x24 and 120x40, on the bundled article
//! and on a three-contender fixture, plus the edge sizes.

mod support;

use support::*;
use versus::article::Article;

fn views() -> Vec<(&'static str, &'static str)> {
    vec![
        ("read", ""),
        ("read_scrolled", "JJJ"),
        ("table", "2"),
        ("pros", "3"),
        ("pros_hidden", "3p"),
        ("cons_hidden", "3c"),
        ("both_hidden", "3pc"),
        ("help", "?"),
        ("search", "/flask<Enter>"),
        ("table_search", "2/large<Enter>"),
    ]
}

fn snap_all(name: &str, article: fn() -> Article) {
    for (w, h) in [(80, 24), (120, 40)] {
        for (view, keys) in views() {
            let mut a = app(article(), w, h);
            press(&mut a, keys);
            let t = render(&a);
            insta::assert_snapshot!(format!("{name}_{view}_{w}x{h}"), t.backend());
        }
    }
}

#[test]
fn bundled_views() {
    snap_all("bundled", versus::article::bundled);
}

#[test]
fn three_contender_views() {
    snap_all("three", || fixture("ui/three.md"));
}

#[test]
fn narrow_table_uses_cards() {
    let mut a = bundled(40, 20);
    press(&mut a, "2");
    let s = screen(&a);
    assert!(
        s.contains("Philosophy") && s.contains("Django: Batteries"),
        "{s}"
    );
    insta::assert_snapshot!("bundled_table_cards_40x20", render(&a).backend());
}

#[test]
fn narrow_pros_stack_the_contenders() {
    let mut a = bundled(40, 20);
    press(&mut a, "3");
    insta::assert_snapshot!("bundled_pros_stacked_40x20", render(&a).backend());
}

#[test]
fn tiny_sizes_do_not_panic() {
    for (w, h) in [
        (1, 1),
        (10, 3),
        (19, 5),
        (20, 6),
        (1, 40),
        (400, 1),
        (400, 120),
        (0, 0),
    ] {
        for keys in ["", "2", "3", "4", "?", "/a<Enter>", "G"] {
            let mut a = bundled(w, h);
            press(&mut a, keys);
            let _ = render(&a);
        }
    }
    let a = bundled(10, 3);
    assert!(screen(&a).contains("terminal"));
}

#[test]
fn quick_resizes_between_extremes_do_not_panic() {
    let sizes = [
        (400, 120),
        (1, 1),
        (80, 24),
        (0, 0),
        (400, 1),
        (1, 120),
        (20, 6),
        (400, 120),
        (19, 5),
        (120, 40),
    ];
    for view in ["1", "2", "3", "4"] {
        let mut a = bundled(80, 24);
        press(&mut a, view);
        press(&mut a, "jjG");
        for (w, h) in sizes {
            a.resize(w, h);
            let t = render(&a);
            assert_eq!(t.backend().buffer().area.width, w);
        }
        press(&mut a, "gk");
        let s = screen(&a);
        assert!(s.contains("Django"), "view {view} after resizes:\n{s}");
    }
}

/// The looks issue 15 changed: the help at 40 columns, Pros & Cons scrolled
/// (names kept on top), stacked further down, the table's cell cursor, the
/// footer with a search at 40 columns.
#[test]
fn issue_15_looks() {
    for (name, w, h, keys) in [
        ("help_40x15", 40u16, 15u16, "?"),
        ("help_scrolled_40x15", 40, 15, "?G"),
        ("pros_scrolled_120x16", 120, 16, "3jjjjjjjj"),
        ("pros_stacked_scrolled_40x20", 40, 20, "3G"),
        ("table_cell_80x24", 80, 24, "2jjl"),
        ("search_40x15", 40, 15, "/flask<Enter>n"),
        ("read_copied_80x24", 80, 24, "JJy"),
    ] {
        let mut a = bundled(w, h);
        press(&mut a, keys);
        insta::assert_snapshot!(format!("bundled_{name}"), render(&a).backend());
    }
}
