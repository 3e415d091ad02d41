//! The library: a folder walked as ripgrep walks it, one row per markdown
//! file with its title and contenders, filled in slices, filtered fuzzily.

use std::path::{Path, PathBuf};
use versus::library::{Library, State, filter::Filter, print_lines, to_json};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library")
}

fn open_fixture() -> Library {
    let root = fixture();
    Library::open(std::slice::from_ref(&root), &root)
}

fn shown(lib: &mut Library) -> Vec<String> {
    let order = lib.order().to_vec();
    order.iter().map(|&i| lib.rows()[i].shown.clone()).collect()
}

#[test]
fn a_folder_lists_its_markdown_comparisons_first() {
    let mut lib = open_fixture();
    lib.finish();
    let rows = shown(&mut lib);
    assert_eq!(
        rows,
        [
            // Comparisons, by path.
            "notes/inside-link.md",
            "posts/2024/hugo-jekyll.md",
            "posts/django-flask.md",
            // Plain files.
            "notes/readme.md",
            // Problems last.
            "notes/binary.md",
            "notes/broken.md",
            "notes/outside.md",
        ]
    );
    let by = |p: &str| {
        let r = lib.rows().iter().find(|r| r.shown == p).unwrap();
        r.clone()
    };
    assert_eq!(by("posts/django-flask.md").versus(), "Django vs Flask");
    assert_eq!(
        by("posts/django-flask.md").title(),
        Some("Django vs Flask: Which One?")
    );
    assert_eq!(by("posts/2024/hugo-jekyll.md").versus(), "Hugo vs Jekyll");
    assert_eq!(by("notes/readme.md").versus(), "");
    assert_eq!(by("notes/readme.md").title(), Some("Team notes"));
    assert_eq!(by("notes/broken.md").problem(), Some("broken symlink"));
    assert_eq!(
        by("notes/outside.md").problem(),
        Some("symlink out of the tree, not followed")
    );
    assert_eq!(
        by("notes/binary.md").problem(),
        Some("is a binary file, not a text article")
    );
}

#[test]
fn hidden_ignored_and_other_files_are_skipped_and_a_loop_is_not_followed() {
    let mut lib = open_fixture();
    lib.finish();
    let rows = shown(&mut lib);
    for skipped in [
        ".drafts/secret.md",              // hidden folder
        "build/out.md",                   // .gitignore
        "notes/ignored-by-dot-ignore.md", // .ignore
        "notes/todo.txt",                 // not markdown
    ] {
        assert!(!rows.iter().any(|r| r == skipped), "{skipped} listed");
    }
    // notes/loop -> . is a symlink to a folder: never walked into.
    assert!(!rows.iter().any(|r| r.contains("loop")), "{rows:?}");
}

#[test]
fn the_list_fills_in_slices_and_the_first_slice_is_small() {
    let dir = tempdir("slices");
    for i in 0..300 {
        std::fs::write(
            dir.join(format!("post-{i:03}.md")),
            format!("# Tool{i} vs Other{i}\n\nSome text.\n"),
        )
        .unwrap();
    }
    let mut lib = Library::open(std::slice::from_ref(&dir), &dir);
    assert!(lib.is_empty() && lib.has_work(), "nothing read up front");
    let mut slices = 0;
    let mut first_read = None;
    while lib.has_work() {
        lib.work();
        slices += 1;
        if first_read.is_none() && lib.read_count() > 0 {
            first_read = Some(lib.read_count());
        }
    }
    assert_eq!(lib.len(), 300);
    assert_eq!(lib.read_count(), 300);
    // Small files: a slice reads at most SLICE_BYTES worth, at least one row.
    assert!(
        first_read.unwrap() < 300,
        "everything was read in one slice"
    );
    assert!(slices >= 2);
    assert!(lib.rows().iter().all(|r| r.is_comparison()));
}

#[test]
fn files_and_unexpanded_globs_are_listed_too() {
    let root = fixture();
    let a = root.join("notes/readme.md");
    let glob = root.join("posts/**/*.md");
    let mut lib = Library::open(&[a, glob], &root);
    lib.finish();
    let mut rows = shown(&mut lib);
    rows.sort();
    assert_eq!(
        rows,
        [
            "notes/readme.md",
            "posts/2024/hugo-jekyll.md",
            "posts/django-flask.md"
        ]
    );
    // A file named on the command line is listed whatever its extension.
    let mut lib = Library::open(&[root.join("notes/todo.txt")], &root);
    lib.finish();
    assert_eq!(lib.len(), 1);
    assert!(matches!(lib.rows()[0].state, State::Read { .. }));
}

#[test]
fn the_filter_is_fuzzy_over_title_contenders_and_path_with_highlights() {
    let mut lib = open_fixture();
    lib.finish();
    let order = lib.order().to_vec();
    let mut f = Filter::new("jekyl");
    let hits = f.apply(lib.rows(), &order);
    let names: Vec<&str> = hits.iter().map(|&i| lib.rows()[i].shown.as_str()).collect();
    assert_eq!(names, ["posts/2024/hugo-jekyll.md"]);
    let h = f.hits(&lib.rows()[hits[0]]);
    assert!(!h.path.is_empty() && !h.versus.is_empty() && !h.title.is_empty());
    // Fuzzy: letters in order, not together.
    let mut f = Filter::new("dflk");
    let names: Vec<&str> = f
        .apply(lib.rows(), &order)
        .iter()
        .map(|&i| lib.rows()[i].shown.as_str())
        .collect();
    assert!(names.contains(&"posts/django-flask.md"), "{names:?}");
    assert!(!names.contains(&"notes/readme.md"), "{names:?}");
    // Every word must match somewhere.
    let mut f = Filter::new("hugo flask");
    assert!(f.apply(lib.rows(), &order).is_empty());
    // An empty filter keeps every row in order.
    let mut f = Filter::new("  ");
    assert_eq!(f.apply(lib.rows(), &order), order);
}

#[test]
fn print_and_json_list_every_file_once() {
    let mut lib = open_fixture();
    let lines = print_lines(&mut lib);
    assert_eq!(lines.len(), 7, "{lines:#?}");
    assert!(lines[2].starts_with("posts/django-flask.md"), "{lines:#?}");
    assert!(
        lines[2].ends_with("Django vs Flask - Django vs Flask: Which One?"),
        "{}",
        lines[2]
    );
    assert!(lines[5].contains("(broken symlink)"), "{}", lines[5]);
    let mut lib = open_fixture();
    let json: serde_json::Value = serde_json::from_str(&to_json(&mut lib)).unwrap();
    let arr = json.as_array().unwrap();
    // Fields in the documented order.
    let text = to_json(&mut open_fixture());
    let order: Vec<usize> = [
        "\"path\"",
        "\"title\"",
        "\"contenders\"",
        "\"size\"",
        "\"problem\"",
    ]
    .iter()
    .map(|k| text.find(k).unwrap())
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert_eq!(arr.len(), 7);
    assert_eq!(arr[2]["path"], "posts/django-flask.md");
    assert_eq!(arr[2]["contenders"][1], "Flask");
    assert!(arr[2]["size"].as_u64().unwrap() > 100);
    assert_eq!(arr[3]["contenders"].as_array().unwrap().len(), 0);
    assert_eq!(arr[5]["problem"], "broken symlink");
}

#[test]
fn a_changed_file_is_read_again() {
    let dir = tempdir("changed");
    let post = dir.join("a.md");
    std::fs::write(&post, "# Notes\n\nNothing compared.\n").unwrap();
    let mut lib = Library::open(std::slice::from_ref(&dir), &dir);
    lib.finish();
    assert!(!lib.rows()[0].is_comparison());
    std::fs::write(&post, "# Vim vs Emacs\n\nThe old question.\n").unwrap();
    let i = lib.find(&post).unwrap();
    lib.reread(i);
    assert_eq!(lib.rows()[i].versus(), "Vim vs Emacs");
}

fn tempdir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("library-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

mod support;

mod browsing {
    use super::support::key_events;
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::layout::Rect;
    use versus::app::browser::{Browser, Showing};
    use versus::app::library::LibraryView;
    use versus::app::{Nav, Options, View};
    use versus::render::theme::Theme;

    fn browser(w: u16, h: u16) -> Browser {
        let mut lib = open_fixture();
        lib.finish();
        Browser::library(
            LibraryView::new(lib),
            "tests/fixtures/library".into(),
            Theme::new(true, false),
            Rect::new(0, 0, w, h),
            Options::default(),
        )
    }

    fn press(b: &mut Browser, keys: &str) {
        for ev in key_events(keys) {
            b.on_key(ev);
        }
    }

    fn screen(b: &mut Browser) -> (Terminal<TestBackend>, String) {
        let mut t = Terminal::new(TestBackend::new(b.size.width, b.size.height)).unwrap();
        t.draw(|f| b.render(f.area(), f.buffer_mut())).unwrap();
        let buf = t.backend().buffer().clone();
        let mut s = String::new();
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                s.push_str(buf[(x, y)].symbol());
            }
            s.push('\n');
        }
        (t, s)
    }

    #[test]
    fn the_library_at_80x24_and_120x40() {
        for (w, h) in [(80, 24), (120, 40)] {
            let mut b = browser(w, h);
            let (t, s) = screen(&mut b);
            assert!(s.contains("library 1/7"), "{s}");
            assert!(s.contains("3 comparisons, 7 files"), "{s}");
            insta::assert_snapshot!(format!("library_{w}x{h}"), t.backend());
            press(&mut b, "/hugo");
            let (t, s) = screen(&mut b);
            assert!(s.contains("/hugo") && s.contains("library 1/1"), "{s}");
            insta::assert_snapshot!(format!("library_filtered_{w}x{h}"), t.backend());
        }
    }

    #[test]
    fn enter_opens_an_article_and_0_or_backspace_returns_to_the_same_row() {
        let mut b = browser(80, 24);
        press(&mut b, "jj");
        press(&mut b, "<Enter>");
        assert_eq!(b.showing, Showing::Article(0));
        assert!(b.current_path().unwrap().ends_with("posts/django-flask.md"));
        let (_, s) = screen(&mut b);
        assert!(s.contains("Django vs Flask"), "{s}");
        // The article remembers its view.
        press(&mut b, "2");
        press(&mut b, "0");
        assert_eq!(b.showing, Showing::Library);
        assert_eq!(b.library.as_ref().unwrap().cursor(), Some(2));
        // Open another, come back with Backspace, then reopen the first: still on its table.
        press(&mut b, "k<Enter><BS>j<Enter>");
        assert_eq!(b.app().unwrap().view, View::Table);
        // 1-4 open the article in that view.
        press(&mut b, "0k3");
        assert_eq!(b.app().unwrap().view, View::Pros);
        press(&mut b, "q");
        assert!(b.quit);
    }

    #[test]
    fn a_link_opens_the_other_article_and_backspace_comes_back() {
        let mut b = browser(80, 24);
        press(&mut b, "jj<Enter>");
        assert!(b.current_path().unwrap().ends_with("posts/django-flask.md"));
        // f selects the first link ("Hugo or Jekyll"), Enter follows it.
        press(&mut b, "f<Enter>");
        assert!(
            b.current_path()
                .unwrap()
                .ends_with("posts/2024/hugo-jekyll.md"),
            "{:?}",
            b.app().unwrap().status
        );
        // A link back with an anchor lands on that section.
        b.app_mut().unwrap().nav = Some(Nav::Open(
            "../django-flask.md#django-vs-flask-which-one".into(),
        ));
        b.after_update();
        assert!(b.current_path().unwrap().ends_with("posts/django-flask.md"));
        press(&mut b, "<BS>");
        assert!(
            b.current_path()
                .unwrap()
                .ends_with("posts/2024/hugo-jekyll.md")
        );
        press(&mut b, "<BS>");
        assert!(b.current_path().unwrap().ends_with("posts/django-flask.md"));
        // History empty: Backspace goes to the library.
        press(&mut b, "<BS>");
        assert_eq!(b.showing, Showing::Library);
        // A link to a missing file or to the web is refused with a note.
        press(&mut b, "<Enter>");
        b.app_mut().unwrap().nav = Some(Nav::Open("nope.md".into()));
        b.after_update();
        assert!(
            b.app()
                .unwrap()
                .status
                .as_deref()
                .unwrap()
                .contains("no such file")
        );
        b.app_mut().unwrap().nav = Some(Nav::Open("https://example.com/a.md".into()));
        b.after_update();
        assert!(
            b.app()
                .unwrap()
                .status
                .as_deref()
                .unwrap()
                .contains("not a link")
        );
    }

    #[test]
    fn links_are_followed_beside_the_outline() {
        let mut b = browser(100, 30);
        press(&mut b, "/posts dj<Enter><Enter>");
        assert!(b.current_path().unwrap().ends_with("posts/django-flask.md"));
        press(&mut b, "f");
        let status = b.app().unwrap().status.clone();
        press(&mut b, "<Enter>");
        assert!(
            b.current_path()
                .unwrap()
                .ends_with("posts/2024/hugo-jekyll.md"),
            "{status:?} {:?}",
            b.app().unwrap().status
        );
    }

    #[test]
    fn a_problem_row_is_not_opened_and_says_why() {
        let mut b = browser(80, 24);
        press(&mut b, "G<Enter>");
        assert_eq!(b.showing, Showing::Library);
        let (_, s) = screen(&mut b);
        assert!(
            s.contains("notes/outside.md: symlink out of the tree"),
            "{s}"
        );
    }

    #[test]
    fn a_file_changed_on_disk_is_shown_again_at_the_same_section() {
        let dir = tempdir("reload");
        let post = dir.join("a.md");
        let text = |extra: &str| {
            format!(
                "# Vim vs Emacs\n\n## One\n\n{}\n\n## Two\n\nThe second part.{extra}\n",
                "Some text.\n\n".repeat(30)
            )
        };
        std::fs::write(&post, text("")).unwrap();
        let mut lib = Library::open(std::slice::from_ref(&dir), &dir);
        lib.finish();
        let mut b = Browser::library(
            LibraryView::new(lib),
            "x".into(),
            Theme::new(true, false),
            Rect::new(0, 0, 80, 24),
            Options::default(),
        );
        press(&mut b, "<Enter>JJ");
        let before = b.app().unwrap().current_section();
        assert_eq!(b.app().unwrap().article.sections[before].title, "Two");
        std::fs::write(&post, text(" Now longer.")).unwrap();
        b.reload(&post);
        let app = b.app().unwrap();
        assert_eq!(app.article.sections[app.current_section()].title, "Two");
        assert!(app.status.as_deref().unwrap().contains("changed on disk"));
        let (_, s) = screen(&mut b);
        assert!(s.contains("Now longer"), "{s}");
    }
}
