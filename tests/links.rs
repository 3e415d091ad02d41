//! Links in the Read view: shown as their words (images as `[image: alt]`),
//! marked; `f`/`F` select them, Enter follows a link to a place in the
//! article, `y` copies the target; OSC 8 hyperlinks where the terminal shows
//! them, every target escaped.

mod support;

use ratatui::layout::Rect;
use ratatui::style::Modifier;
use std::io;
use support::*;
use versus::app::{App, Options};
use versus::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use versus::render::caps::Caps;
use versus::render::theme::Theme;
use versus::tui::{self, Events};
use versus::wire::Screen;

fn links_article() -> versus::article::Article {
    fixture("ui/links.md")
}

fn themed(color: bool, ascii: bool, w: u16, h: u16) -> App {
    App::new(
        links_article(),
        Theme::new(color, ascii),
        Rect::new(0, 0, w, h),
        &Options::default(),
    )
}

/// Every link of the article: (block, its place in the block), target.
fn all_links(a: &versus::article::Article) -> Vec<((usize, usize), String)> {
    (0..a.blocks.len())
        .flat_map(|b| {
            a.links_of(b)
                .into_iter()
                .enumerate()
                .map(move |(k, l)| ((b, k), l.url.to_string()))
        })
        .collect()
}

fn link_id(a: &versus::article::Article, url: &str) -> (usize, usize) {
    all_links(a)
        .into_iter()
        .find(|(_, u)| u == url)
        .expect(url)
        .0
}

#[test]
fn the_model_keeps_targets_beside_the_words() {
    let a = links_article();
    let urls: Vec<String> = all_links(&a).into_iter().map(|(_, u)| u).collect();
    assert!(
        urls.iter().any(|u| u == "https://doc.rust-lang.org/book/"),
        "{urls:?}"
    );
    assert!(urls.iter().any(|u| u == "#feature-comparison"));
    assert!(urls.iter().any(|u| u == "https://example.com/a;b?c=d;e"));
    // Each link's range is its words in its block's text; the view's text has no target.
    let (b, k) = link_id(&a, "https://doc.rust-lang.org/book/");
    let versus::article::BlockKind::Para(spans) = &a.blocks[b].kind else {
        panic!("not a paragraph");
    };
    let book = a.links_of(b)[k];
    assert_eq!(&spans.text()[book.start..book.end], "Rust book");
    let shown = spans.visible_text();
    assert!(
        !shown.contains("https://") && shown.contains("Rust book and the Go tour"),
        "{shown}"
    );
    // Links in a table cell or a heading are plain text and not listed.
    assert!(!urls.iter().any(|u| u == "https://example.com/rust-speed"));
    // JSON and --print keep `words (url)`; places in the article stay words.
    let s = a.section_text(0);
    assert!(
        s.contains("Rust book (https://doc.rust-lang.org/book/)"),
        "{s}"
    );
    assert!(
        s.contains("[image: CI] (https://github.com/rust-lang/rust/actions)"),
        "{s}"
    );
    // A list item's text (pros, cons) keeps the target too.
    let rust = &a.contenders[0];
    assert!(
        rust.pros[0]
            .text
            .contains("Rustonomicon (https://doc.rust-lang.org/nomicon/)"),
        "{:?}",
        rust.pros
    );
}

#[test]
fn badges_and_links_show_as_words_never_wrapped_urls() {
    for (w, h) in [(80, 24), (120, 40), (40, 20)] {
        let a = themed(true, false, w, h);
        let s = screen(&a);
        assert!(s.contains("[image: CI]"), "{s}");
        assert!(
            !s.contains("https:") && !s.contains("shields.io"),
            "{w}x{h}:\n{s}"
        );
        if w >= 80 {
            assert!(
                s.contains("Read the Rust book and the Go tour first"),
                "{s}"
            );
        }
    }
}

/// The cells that show `text` on screen (first occurrence).
fn cells_of(app: &App, text: &str) -> Vec<ratatui::buffer::Cell> {
    let t = render(app);
    let buf = t.backend().buffer().clone();
    for y in 0..buf.area.height {
        let row: String = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        if let Some(i) = row.find(text) {
            let x0 = row[..i].chars().count() as u16;
            return (x0..x0 + text.chars().count() as u16)
                .map(|x| buf[(x, y)].clone())
                .collect();
        }
    }
    panic!("{text:?} not on screen:\n{}", screen(app));
}

#[test]
fn links_are_marked_with_colour_or_brackets() {
    let a = themed(true, false, 100, 30);
    let cells = cells_of(&a, "Rust book");
    assert!(
        cells
            .iter()
            .all(|c| c.modifier.contains(Modifier::UNDERLINED))
    );
    assert!(cells.iter().all(|c| c.fg == ratatui::style::Color::Blue));
    assert!(!screen(&a).contains("[Rust book]"));
    for (color, ascii) in [(false, false), (true, true), (false, true)] {
        let a = themed(color, ascii, 100, 30);
        let s = screen(&a);
        assert!(s.contains("Read the [Rust book] and the [Go tour]"), "{s}");
        assert!(s.contains("[one][two]"), "{s}");
        // An image is bracketed already.
        assert!(s.contains(" [image: CI] [image: crates.io] "), "{s}");
    }
}

#[test]
fn f_selects_links_in_turn_and_y_copies_the_target() {
    let mut a = themed(true, false, 100, 30);
    press(&mut a, "f");
    let first = a.read.link.expect("a link is selected");
    assert!(
        a.link_url(first)
            .unwrap()
            .contains("github.com/rust-lang/rust/actions")
    );
    assert!(
        a.status.as_deref().unwrap_or("").contains("actions"),
        "{:?}",
        a.status
    );
    press(&mut a, "ffff");
    assert_eq!(
        a.link_url(a.read.link.unwrap()).unwrap(),
        "https://doc.rust-lang.org/book/"
    );
    // The selected link is shown reversed, the others not.
    assert!(
        cells_of(&a, "Rust book")
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED))
    );
    assert!(
        !cells_of(&a, "Go tour")
            .iter()
            .any(|c| c.modifier.contains(Modifier::REVERSED))
    );
    press(&mut a, "y");
    assert_eq!(
        a.clipboard.as_deref(),
        Some("https://doc.rust-lang.org/book/")
    );
    assert!(
        a.status.as_deref().unwrap().contains("copied the link"),
        "{:?}",
        a.status
    );
    // Back across a block boundary: the last badge.
    press(&mut a, "F");
    assert_eq!(
        a.link_url(a.read.link.unwrap()).unwrap(),
        "https://github.com/rust-lang/rust#license"
    );
    press(&mut a, "<Esc>");
    assert_eq!(a.read.link, None);
    press(&mut a, "y");
    assert!(
        a.clipboard.as_deref().unwrap().starts_with("Rust vs Go"),
        "the section again"
    );
}

#[test]
fn f_scrolls_to_a_link_below_the_screen() {
    let mut a = themed(true, false, 60, 12);
    // Past the links at the top, then on to the ones further down.
    for _ in 0..14 {
        press(&mut a, "f");
    }
    let i = a.read.link.unwrap();
    let cells = a.read_link_cells();
    assert!(
        cells.iter().any(|c| c.link == i),
        "selected link {i:?} is on screen:\n{}",
        screen(&a)
    );
}

#[test]
fn enter_on_an_anchor_jumps_to_its_section() {
    let mut a = themed(true, false, 100, 30);
    let table = link_id(&a.article, "#feature-comparison");
    while a.read.link != Some(table) {
        press(&mut a, "f");
    }
    press(&mut a, "<Enter>");
    let s = a.current_section();
    assert_eq!(a.article.sections[s].title, "Feature Comparison");
    // A heading with punctuation, GitHub-style.
    let concl = a.section_of_anchor("conclusion-what-to-pick").unwrap();
    assert_eq!(a.article.sections[concl].title, "Conclusion: What to Pick?");
    assert_eq!(a.section_of_anchor("Rust-vs-Go-Links-Everywhere"), Some(0));
    // A missing anchor says so.
    let nowhere = link_id(&a.article, "#nowhere");
    press(&mut a, "G");
    while a.read.link != Some(nowhere) {
        press(&mut a, "f");
    }
    press(&mut a, "<Enter>");
    assert!(
        a.status.as_deref().unwrap().contains("#nowhere"),
        "{:?}",
        a.status
    );
}

#[test]
fn slugs_are_githubs() {
    use versus::app::read::slug;
    assert_eq!(slug("Feature Comparison"), "feature-comparison");
    assert_eq!(slug("Conclusion: What to Pick?"), "conclusion-what-to-pick");
    assert_eq!(slug("C++ & Rust_2 -- now"), "c--rust_2----now");
    assert_eq!(slug("Café Ünïcode"), "café-ünïcode");
}

/// Keys for the loop, one a frame, then `q`.
struct Keys(Vec<Event>);
impl Events for Keys {
    fn next(&mut self) -> io::Result<Event> {
        Ok(if self.0.is_empty() {
            Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE))
        } else {
            self.0.remove(0)
        })
    }
    fn pending(&mut self) -> io::Result<bool> {
        Ok(false)
    }
}

fn session(caps: Caps, keys: &str) -> Vec<u8> {
    let mut screen = Screen::with_caps(Vec::new(), 100, 30, caps);
    let mut app = themed(caps.color, caps.ascii, 100, 30);
    let keys = keys
        .chars()
        .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
        .collect();
    tui::run_app(&mut screen, &mut app, &mut Keys(keys)).unwrap();
    screen.get_ref().clone()
}

/// Every OSC 8 in `out`: (target, the text until it closes).
fn hyperlinks(out: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = out;
    while let Some(i) = rest.find("\x1b]8;;") {
        rest = &rest[i + 5..];
        let end = rest.find("\x1b\\").expect("OSC 8 ends with ST");
        let url = rest[..end].to_string();
        rest = &rest[end + 2..];
        if url.is_empty() {
            continue;
        }
        let close = rest.find("\x1b]8;;").unwrap_or(rest.len());
        let text: String = rest[..close].chars().filter(|c| !c.is_control()).collect();
        found.push((url, text));
    }
    found
}

#[test]
fn osc8_wraps_links_where_the_terminal_shows_them() {
    let caps = Caps {
        osc8: true,
        ..Caps::XTERM
    };
    let out = String::from_utf8(session(caps, "jjjkkk")).unwrap();
    let links = hyperlinks(&out);
    let book = links
        .iter()
        .find(|(u, _)| u == "https://doc.rust-lang.org/book/");
    assert!(
        book.is_some_and(|(_, t)| t.contains("Rust book")),
        "{links:?}"
    );
    // Targets are escaped: `;` and non-ASCII percent-encoded, no control characters.
    for (url, _) in &links {
        assert!(
            !url.contains(';') && url.bytes().all(|b| (0x21..0x7f).contains(&b)),
            "{url:?}"
        );
        assert!(
            url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:"),
            "{url}"
        );
    }
    let urls: Vec<&str> = links.iter().map(|(u, _)| u.as_str()).collect();
    assert!(
        urls.contains(&"https://example.com/a%3Bb?c=d%3Be"),
        "{urls:?}"
    );
    assert!(urls.contains(&"https://example.com/caf%C3%A9"), "{urls:?}");
    assert!(urls.contains(&"mailto:someone@example.com"), "{urls:?}");
    // Never a script, a relative path or a place in the article.
    assert!(!out.contains("javascript") && !out.contains("]8;;docs/") && !out.contains("]8;;#"));
    // Every hyperlink opened is closed before the frame ends.
    assert_eq!(
        out.matches("\x1b]8;;\x1b\\").count(),
        links.len(),
        "opened and closed"
    );
}

#[test]
fn no_osc8_without_the_capability() {
    for caps in [Caps::XTERM, Caps::for_term("tmux-256color"), Caps::VT100] {
        let out = session(caps, "jjff");
        assert!(
            !String::from_utf8_lossy(&out).contains("\x1b]8"),
            "{caps:?}"
        );
    }
}

#[test]
fn osc8_targets_are_refused_or_escaped() {
    use versus::wire::osc8_target;
    assert_eq!(osc8_target("javascript:alert(1)"), None);
    assert_eq!(osc8_target("file:///etc/passwd"), None);
    assert_eq!(osc8_target("docs/a.md"), None);
    assert_eq!(
        osc8_target(&format!("https://x/{}", "a".repeat(3000))),
        None
    );
    assert_eq!(
        osc8_target("HTTPS://x/a;b").as_deref(),
        Some("HTTPS://x/a%3Bb")
    );
    assert_eq!(
        osc8_target("https://x/\x1b\\\x07\u{9c} y").as_deref(),
        Some("https://x/%1B\\%07%C2%9C%20y")
    );
}

#[test]
fn ascii_mode_searches_what_it_shows() {
    let mut a = App::new(
        fixture("ui/typography.md"),
        Theme::new(true, true),
        Rect::new(0, 0, 80, 24),
        &Options::default(),
    );
    press(&mut a, "/it's \"the\" question --<Enter>");
    assert_eq!(a.search.len(), 1, "{:?}", a.status);
}

#[test]
fn spans_give_links_and_hide_targets() {
    let a = versus::article::parse(
        "# A vs B\n\nSee [one](https://x/1)[two](#b-c) and **[bold *it*](https://x/3)** end.\n",
        "t.md",
    );
    let versus::article::BlockKind::Para(spans) = &a.blocks[1].kind else {
        panic!("{:?}", a.blocks[1]);
    };
    let links = spans.links();
    let words: Vec<(&str, &str)> = links
        .iter()
        .map(|l| (&spans.text()[l.start..l.end], l.url))
        .collect();
    assert_eq!(
        words,
        [
            ("one", "https://x/1"),
            ("two", "#b-c"),
            ("bold it", "https://x/3")
        ]
    );
    assert_eq!(spans.visible_text(), "See onetwo and bold it end.");
    assert_eq!(
        spans.without_anchor_targets(),
        "See one (https://x/1)two and bold it (https://x/3) end."
    );
}
