//! The bytes on the wire: what the event loop writes is fed to a terminal
//! emulator (vt100) and, after every key, the emulated screen must equal a
//! fresh full render of the same state, cell by cell with the styles that
//! show. Then byte budgets per key, one write per frame, and nothing at all
//! when nothing changed.

use ratatui::layout::Rect;
use std::cell::RefCell;
use std::io::{self, Write};
use std::num::NonZeroU16;
use std::rc::Rc;
use versus::app::{App, Options};
use versus::article::{self, Article};
use versus::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use versus::render::caps::Caps;
use versus::render::theme::Theme;
use versus::tui::{self, Events};
use versus::wire::Screen;

#[path = "support/seq.rs"]
mod seq;
use seq::forbidden;

#[path = "support/vt.rs"]
mod vt;
use vt::{assert_seen, parser, render};

/// A `Write` the test can read while the loop owns it; counts the writes.
#[derive(Clone, Default)]
struct Wire(Rc<RefCell<(Vec<u8>, usize)>>);

impl Write for Wire {
    fn write(&mut self, d: &[u8]) -> io::Result<usize> {
        let mut w = self.0.borrow_mut();
        w.0.extend_from_slice(d);
        w.1 += 1;
        Ok(d.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Wire {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut self.0.borrow_mut().0)
    }
    fn writes(&self) -> usize {
        self.0.borrow().1
    }
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Plays batches of events through `tui::run_app`; before each batch the
/// emulated screen must equal a fresh render of a replica app that saw the
/// same events.
struct Script {
    batches: Vec<Vec<Event>>,
    batch: usize,
    pos: usize,
    wire: Wire,
    parser: vt100::Parser,
    replica: App,
    checks: usize,
    ending: usize,
    name: String,
    caps: Caps,
}

impl Script {
    fn check(&mut self) {
        if std::env::var("WIRE_DEBUG").is_ok() {
            eprintln!(
                "check {} top {:?} view {:?} size {:?}",
                self.batch, self.replica.read.top, self.replica.view, self.replica.size
            );
        }
        let bytes = self.wire.take();
        self.parser.process(&bytes);
        let want = render(&self.replica);
        let context = format!(
            "{} before batch {} of {} ({:?})",
            self.name,
            self.batch,
            self.batches.len(),
            self.batches.get(self.batch.wrapping_sub(1))
        );
        if let Some(bad) = forbidden(&bytes, &self.caps) {
            panic!("{context}: {bad} in {:?}", String::from_utf8_lossy(&bytes));
        }
        assert_seen(self.parser.screen(), &want, &self.caps, &context);
        self.checks += 1;
    }
}

impl Events for Script {
    fn next(&mut self) -> io::Result<Event> {
        if self.pos == 0 {
            // A frame was drawn for everything so far.
            self.check();
        }
        let Some(batch) = self.batches.get(self.batch) else {
            // Close a prompt or the help, then quit.
            self.pos = 0;
            self.ending += 1;
            let ev = key(match self.ending {
                1 | 2 => KeyCode::Esc,
                _ => KeyCode::Char('q'),
            });
            tui::handle(&mut self.replica, ev.clone());
            return Ok(ev);
        };
        let ev = batch[self.pos].clone();
        self.pos += 1;
        if self.pos == batch.len() {
            self.pos = 0;
            self.batch += 1;
        }
        if let Event::Resize(w, h) = ev {
            // The terminal changes size before the program hears of it.
            self.parser.screen_mut().set_size(
                NonZeroU16::new(h.max(1)).unwrap(),
                NonZeroU16::new(w.max(1)).unwrap(),
            );
        }
        tui::handle(&mut self.replica, ev.clone());
        Ok(ev)
    }
    fn pending(&mut self) -> io::Result<bool> {
        Ok(self.pos != 0)
    }
}

fn new_app(a: Article, w: u16, h: u16) -> App {
    App::new(
        a,
        Theme::new(true, false),
        Rect::new(0, 0, w, h),
        &Options::default(),
    )
}

fn caps_app(a: Article, w: u16, h: u16, caps: &Caps) -> App {
    let mut app = App::new(
        a,
        Theme::new(caps.color, caps.ascii),
        Rect::new(0, 0, w, h),
        &Options::default(),
    );
    app.clipboard_works = caps.osc52;
    app
}

/// Runs the loop over `batches` and checks the screen before every batch.
fn play(
    name: &str,
    article: impl Fn() -> Article,
    w: u16,
    h: u16,
    batches: Vec<Vec<Event>>,
) -> usize {
    play_on(name, article, w, h, batches, Caps::XTERM)
}

/// [`play`] on a terminal with `caps`: the screen is checked as such a
/// terminal shows it, and every byte against what it understands.
fn play_on(
    name: &str,
    article: impl Fn() -> Article,
    w: u16,
    h: u16,
    batches: Vec<Vec<Event>>,
    caps: Caps,
) -> usize {
    let wire = Wire::default();
    let mut screen = Screen::with_caps(wire.clone(), w, h, caps);
    screen.queue(tui::enter_seq(&caps, true).as_bytes());
    let mut app = caps_app(article(), w, h, &caps);
    let mut script = Script {
        batches,
        batch: 0,
        pos: 0,
        wire: wire.clone(),
        parser: parser(w, h),
        replica: caps_app(article(), w, h, &caps),
        checks: 0,
        ending: 0,
        name: name.to_string(),
        caps,
    };
    tui::run_app(&mut screen, &mut app, &mut script).unwrap();
    assert!(app.quit);
    script.checks
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SIZES: [(u16, u16); 10] = [
    (80, 24),
    (120, 40),
    (100, 30),
    (140, 40),
    (40, 20),
    (20, 6),
    (10, 3),
    (1, 1),
    (200, 50),
    (81, 25),
];

/// A random event: mostly scrolling keys, sometimes a view, a toggle, a
/// search, a resize or the wheel.
fn random_batch(rng: &mut Rng) -> Vec<Event> {
    use KeyCode::*;
    let one = |e| vec![e];
    match rng.below(40) {
        0..=7 => one(key(Down)),
        8..=10 => one(key(Up)),
        11 => one(key(Char('j'))),
        12 => one(key(Char('k'))),
        13 => one(key(PageDown)),
        14 => one(key(PageUp)),
        15 => one(key(Char(' '))),
        16 => one(ctrl('d')),
        17 => one(ctrl('u')),
        18 => one(key(Char('G'))),
        19 => one(key(Char('g'))),
        20 => one(key(Char('}'))),
        21 => one(key(Char('{'))),
        22 => one(key(Char(['1', '2', '3', '4'][rng.below(4)]))),
        23 => one(key(Tab)),
        24 => one(key(Char(['h', 'l', 'o', 'p', 'c'][rng.below(5)]))),
        25 => one(key(Enter)),
        26 => {
            let words = ["flask", "django", "the", "zzz", "漢", "SQL"];
            let w = words[rng.below(words.len())];
            let mut v = vec![key(Char('/'))];
            v.extend(w.chars().map(|c| key(Char(c))));
            v.push(key(Enter));
            v
        }
        27 => one(key(Char(['n', 'N'][rng.below(2)]))),
        28 => one(key(Esc)),
        29 => one(key(Char('?'))),
        30 => one(key(Char('y'))),
        31 => {
            let (w, h) = SIZES[rng.below(SIZES.len())];
            one(Event::Resize(w, h))
        }
        32 => one(Event::Mouse(MouseEvent {
            kind: if rng.below(2) == 0 {
                MouseEventKind::ScrollDown
            } else {
                MouseEventKind::ScrollUp
            },
            column: rng.below(120) as u16,
            row: rng.below(40) as u16,
            modifiers: KeyModifiers::NONE,
        })),
        33 => one(key(Char('5'))),
        // A held-down key: several keys in one batch, one frame.
        34..=36 => (0..2 + rng.below(6))
            .map(|_| key(if rng.below(3) == 0 { Up } else { Down }))
            .collect(),
        // Links: select, follow, clear.
        37 => one(key(Char(['f', 'f', 'F'][rng.below(3)]))),
        _ => one(key(Down)),
    }
}

/// Splits a search batch into single-key batches so every prompt state is seen.
fn random_script(seed: u64, n: usize) -> Vec<Vec<Event>> {
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    while out.len() < n {
        let b = random_batch(&mut rng);
        let typed = matches!(b.first(), Some(Event::Key(k)) if k.code == KeyCode::Char('/'));
        if typed {
            out.extend(b.into_iter().map(|e| vec![e]));
        } else {
            out.push(b);
        }
    }
    out
}

fn fixture(name: &str) -> Article {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    article::parse(&std::fs::read_to_string(&path).unwrap(), &path)
}

/// Wide glyphs, combining marks and emoji in every kind of block.
const WIDE: &str = "# 漢字 vs かな: 幅の広い文字\n\n\
Plain text then 漢字かな交じり文 and 😀 emoji 🎉 mixed with ASCII words to wrap at odd widths.\n\n\
## 特徴 Features\n\n\
| Feature | 漢字 | かな |\n|---|---|---|\n\
| 幅 | 二つ分の幅の文字 | ひらがなの幅 |\n| Emoji | 😀😀😀 | 🎉 party |\n| Mixed | a漢b字c | かa なb |\n\n\
## 漢字 Pros\n\n- **速い:** とても速い 😀.\n- **Dense:** more per line 漢字漢字漢字漢字漢字漢字漢字漢字.\n\n\
## 漢字 Cons\n\n- **難しい:** 覚えるのが大変.\n\n\
## かな Pros\n\n- **Easy:** 簡単 かんたん.\n\n\
## かな Cons\n\n- **Long:** ながい ながい ながい ながい ながい ながい ながい ながい.\n\n\
> 引用 quoted 漢字 text with *italic* and **bold** and `code 漢字`.\n\n\
```\ncode 漢字 😀 ────\n```\n";

fn wide() -> Article {
    article::parse(WIDE, "wide.md")
}

#[test]
fn emulated_screen_equals_a_fresh_render_after_every_key() {
    let mut total = 0;
    type Case = (&'static str, fn() -> Article);
    let cases: [Case; 3] = [
        ("bundled", article::bundled),
        ("three", || fixture("ui/three.md")),
        ("wide", wide),
    ];
    for (seed, (name, art)) in cases.iter().enumerate() {
        for (i, &(w, h)) in [(80u16, 24u16), (120, 40), (43, 17)].iter().enumerate() {
            let s = random_script(0x5eed_0000 + (seed * 7 + i) as u64 + 1, 700);
            total += play(&format!("{name} {w}x{h}"), art, w, h, s);
        }
    }
    assert!(total > 6000, "{total} screens checked");
}

/// Links on a terminal that shows OSC 8: the hyperlinks never disturb the
/// screen, and every byte is one such a terminal understands.
#[test]
fn hyperlinks_keep_the_screen_exact() {
    let caps = Caps {
        osc8: true,
        ..Caps::XTERM
    };
    for (i, &(w, h)) in [(80u16, 24u16), (120, 40), (43, 17)].iter().enumerate() {
        let s = random_script(0x1111 + i as u64, 500);
        play_on(
            &format!("links {w}x{h}"),
            || fixture("ui/links.md"),
            w,
            h,
            s,
            caps,
        );
    }
}

#[test]
fn every_view_scrolled_line_by_line_stays_exact() {
    use KeyCode::*;
    for view in ['1', '2', '3'] {
        for (w, h) in [(80, 24), (120, 40), (60, 15)] {
            let mut s = vec![vec![key(Char(view))]];
            for k in [
                Down,
                Down,
                Down,
                PageDown,
                Down,
                Up,
                PageUp,
                Char('G'),
                Up,
                Up,
                Char('g'),
            ] {
                s.push(vec![key(k)]);
            }
            for _ in 0..60 {
                s.push(vec![key(Down)]);
            }
            for _ in 0..30 {
                s.push(vec![key(Up)]);
            }
            play(
                &format!("view {view} {w}x{h}"),
                article::bundled,
                w,
                h,
                s.clone(),
            );
            play(&format!("wide view {view} {w}x{h}"), wide, w, h, s);
        }
    }
}

/// Bytes per key of the key script (20× Down, 3× PgDn, 5× Up in the first
/// view), in process: the same bytes a terminal would receive.
fn script_bytes(w: u16, h: u16) -> (usize, Vec<usize>) {
    let mut app = new_app(article::bundled(), w, h);
    let mut screen = Screen::new(Vec::new(), w, h);
    tui::draw(&mut screen, &mut app).unwrap();
    let first = screen.get_ref().len();
    let mut keys = vec![KeyCode::Down; 20];
    keys.extend([KeyCode::PageDown; 3]);
    keys.extend([KeyCode::Up; 5]);
    let mut per_key = Vec::new();
    for k in keys {
        screen.get_mut().clear();
        tui::handle(&mut app, key(k));
        tui::draw(&mut screen, &mut app).unwrap();
        per_key.push(screen.get_ref().len());
    }
    (first, per_key)
}

#[test]
fn key_script_fits_the_byte_budget() {
    // Line budget: about one line at 80x24; at 120x40 the outline is shown and
    // its (folded) rows are sent again after each line, still far from the
    // 3,300 cells of the content pane.
    for (w, h, budget, line_budget) in [(80u16, 24u16, 300usize, 160usize), (120, 40, 600, 480)] {
        let (first, per_key) = script_bytes(w, h);
        let avg = per_key.iter().sum::<usize>() / per_key.len();
        assert!(
            avg <= budget,
            "{w}x{h}: {avg} bytes per key (budget {budget}): {per_key:?}"
        );
        assert!(
            first < usize::from(w) * usize::from(h) * 3,
            "{w}x{h}: first frame {first} bytes"
        );
        // A line scroll sends about one line (and the outline), not the pane.
        let line = per_key[..20].iter().sum::<usize>() / 20;
        assert!(
            line < line_budget,
            "{w}x{h}: {line} bytes per line: {per_key:?}"
        );
    }
}

#[test]
fn nothing_changed_nothing_sent() {
    let mut app = new_app(article::bundled(), 80, 24);
    let wire = Wire::default();
    let mut screen = Screen::new(wire.clone(), 80, 24);
    tui::draw(&mut screen, &mut app).unwrap();
    let writes = wire.writes();
    for _ in 0..5 {
        tui::draw(&mut screen, &mut app).unwrap();
    }
    // A key that changes nothing (up at the top) sends nothing either.
    tui::handle(&mut app, key(KeyCode::Up));
    tui::draw(&mut screen, &mut app).unwrap();
    assert_eq!(wire.writes(), writes);
}

#[test]
fn a_frame_is_one_write_and_held_keys_draw_once() {
    let wire = Wire::default();
    let mut screen = Screen::new(wire.clone(), 80, 24);
    let mut app = new_app(article::bundled(), 80, 24);
    struct Held(Vec<Event>, Wire, Vec<usize>);
    impl Events for Held {
        fn next(&mut self) -> io::Result<Event> {
            self.2.push(self.1.writes());
            Ok(if self.0.is_empty() {
                key(KeyCode::Char('q'))
            } else {
                self.0.remove(0)
            })
        }
        fn pending(&mut self) -> io::Result<bool> {
            Ok(!self.0.is_empty())
        }
    }
    let mut held = Held(vec![key(KeyCode::Char('j')); 30], wire.clone(), Vec::new());
    tui::run_app(&mut screen, &mut app, &mut held).unwrap();
    // One write for the first frame, then one for all 30 keys.
    assert_eq!(held.2.first(), Some(&1));
    assert_eq!(held.2.last(), Some(&2), "{:?}", held.2);
    assert_eq!(app.read.top, {
        let mut b = new_app(article::bundled(), 80, 24);
        for _ in 0..30 {
            tui::handle(&mut b, key(KeyCode::Char('j')));
        }
        b.read.top
    });
}

/// A search count too long for one key runs between keys: the loop runs
/// its slices while no key waits and draws the outcome.
#[test]
fn the_loop_finishes_a_long_search_between_keys() {
    let text = versus::r#gen::generate_article(3_000_000);
    let wire = Wire::default();
    let mut screen = Screen::new(wire.clone(), 80, 24);
    let mut app = new_app(article::parse(&text, "big.md"), 80, 24);
    /// Types its keys one at a time, never ahead of the frames, then `q`.
    struct Typist(Vec<Event>);
    impl Events for Typist {
        fn next(&mut self) -> io::Result<Event> {
            Ok(if self.0.is_empty() {
                key(KeyCode::Char('q'))
            } else {
                self.0.remove(0)
            })
        }
        fn pending(&mut self) -> io::Result<bool> {
            Ok(false)
        }
    }
    let keys: Vec<Event> = "/template\r"
        .chars()
        .map(|c| {
            key(if c == '\r' {
                KeyCode::Enter
            } else {
                KeyCode::Char(c)
            })
        })
        .collect();
    let mut typist = Typist(keys);
    tui::run_app(&mut screen, &mut app, &mut typist).unwrap();
    assert!(!app.has_work(), "the count was finished before quitting");
    assert!(app.search.len() > 100);
    let mut vt = parser(80, 24);
    vt.process(&wire.take());
    let shown = vt.screen().contents();
    let counted = format!("match 1/{}", app.search.len());
    assert!(shown.contains(&counted), "{counted}: {shown}");
}

#[test]
fn copy_sends_osc52_with_the_frame() {
    let wire = Wire::default();
    let mut screen = Screen::new(wire.clone(), 80, 24);
    let mut app = new_app(article::bundled(), 80, 24);
    tui::draw(&mut screen, &mut app).unwrap();
    wire.take();
    let writes = wire.writes();
    tui::handle(&mut app, key(KeyCode::Char('y')));
    tui::draw(&mut screen, &mut app).unwrap();
    assert_eq!(wire.writes(), writes + 1, "one write");
    let out = String::from_utf8(wire.take()).unwrap();
    let start = out.find("\x1b]52;c;").expect("OSC 52");
    let end = out[start..].find('\x07').expect("BEL") + start;
    let b64 = &out[start + 7..end];
    assert!(b64.len() > 100, "{b64}");
    assert!(out.contains("copied the section"), "{out:?}");
}

/// The Read view lays long tables out row by row: the rows, in order, are the
/// lines of the whole table, at every width, in a list or a quote too.
#[test]
fn split_tables_lay_out_as_the_whole() {
    let quoted = "# A vs B\n\n> | F | A | B |\n> |---|---|---|\n> | x | one two three four five six | y |\n> | z | w | seven eight nine ten eleven |\n\n- item\n\n  | F | A |\n  |---|---|\n  | p | q |\n\nend\n";
    for art in [
        article::bundled(),
        fixture("ui/three.md"),
        wide(),
        article::parse(quoted, "q.md"),
    ] {
        let app = new_app(art, 80, 24);
        for (width, color) in [
            (120, true),
            (80, false),
            (50, true),
            (30, true),
            (12, false),
            (1, true),
        ] {
            let theme = Theme::new(color, false);
            let split: Vec<_> = (0..app.read.item_count())
                .flat_map(|i| app.read.lines(&app.article, i, width, &theme).to_vec())
                .collect();
            let whole: Vec<_> = (0..versus::render::doc::item_count(&app.article))
                .flat_map(|i| versus::render::doc::item_lines(&app.article, i, width, &theme))
                .collect();
            assert_eq!(split, whole, "width {width}");
        }
    }
}

/// Typographic punctuation, accents, wide characters and emoji in every
/// kind of block, in the views of a comparison article.
fn typography() -> Article {
    fixture("ui/typography.md")
}

/// Each view at 80x24 and 120x40, scrolled through to the end, with the help
/// and a search: the keys that show every part of every view.
fn every_view_script() -> Vec<Vec<Event>> {
    use KeyCode::*;
    let mut s = Vec::new();
    for view in ['1', '2', '3', '4'] {
        s.push(vec![key(Char(view))]);
        for k in [
            Down,
            Down,
            PageDown,
            Char('G'),
            PageUp,
            Char('g'),
            Char('J'),
            Char('l'),
        ] {
            s.push(vec![key(k)]);
        }
        s.push(vec![key(Char(' '))]);
        s.push(vec![key(Char('/')), key(Char('e')), key(Enter)]);
        s.push(vec![key(Char('n'))]);
        s.push(vec![key(Esc)]);
        s.push(vec![key(Char('?'))]);
        s.push(vec![key(PageDown)]);
        s.push(vec![key(Esc)]);
    }
    s.push(vec![key(Char('4')), key(Char('b'))]);
    s.push(vec![key(Char('y'))]);
    s
}

#[test]
fn ascii_mode_sends_only_ascii_in_every_view() {
    let caps = Caps {
        ascii: true,
        ..Caps::XTERM
    };
    type Case = (&'static str, fn() -> Article);
    let cases: [Case; 3] = [
        ("bundled", article::bundled),
        ("typography", typography),
        ("wide", wide),
    ];
    for (name, art) in cases {
        for (w, h) in [(80u16, 24u16), (120, 40)] {
            for color in [true, false] {
                let caps = Caps { color, ..caps };
                let name = format!("ascii {name} {w}x{h} color {color}");
                play_on(&name, art, w, h, every_view_script(), caps);
            }
            let s = random_script(0xa5c1 + u64::from(w), 300);
            play_on(&format!("ascii random {name} {w}x{h}"), art, w, h, s, caps);
        }
    }
}

#[test]
fn dec_terminals_receive_only_what_they_understand() {
    for (term, ascii) in [
        ("vt100", false),
        ("vt100", true),
        ("vt102", false),
        ("vt220", true),
    ] {
        {
            let caps = Caps {
                ascii,
                ..Caps::for_term(term)
            };
            type Case = (&'static str, fn() -> Article);
            let cases: [Case; 2] = [("bundled", article::bundled), ("typography", typography)];
            for (i, (name, art)) in cases.iter().enumerate() {
                for (w, h) in [(80u16, 24u16), (120, 40)] {
                    let label = format!("{term} ascii {ascii} {name} {w}x{h}");
                    play_on(&label, art, w, h, every_view_script(), caps);
                    let s = random_script(0xdec0 + i as u64 + u64::from(w), 120);
                    play_on(&format!("random {label}"), art, w, h, s, caps);
                }
            }
        }
    }
}

/// The scanner itself: it must catch what a VT100 does not know.
#[test]
fn the_byte_scanner_refuses_what_a_vt100_lacks() {
    let vt = Caps::VT100;
    for bad in [
        "\x1b[?1049h",
        "\x1b[2M",
        "\x1b[L",
        "\x1b[5X",
        "\x1b[3m",
        "\x1b[22m",
        "\x1b[1;33m",
        "\x1b[94m",
        "\x1b[12G",
        "\x1b[?1000h",
        "\x1b]8;;http://x\x1b\\",
        "\x1b]52;c;eA==\x07",
        "\x1b7",
    ] {
        assert!(forbidden(bad.as_bytes(), &vt).is_some(), "{bad:?} passed");
    }
    assert_eq!(
        forbidden(
            b"\x1b[H\x1b[J\x1b[0;1;4;7mab\x1b[m\r\n\x1b[3;5H\x1b[K\x08",
            &vt
        ),
        None
    );
    let ascii = Caps {
        ascii: true,
        ..Caps::XTERM
    };
    assert!(forbidden("caf\u{e9}".as_bytes(), &ascii).is_some());
    assert!(forbidden("caf\u{e9}".as_bytes(), &Caps::XTERM).is_none());
}
