//! Shared helpers for the UI tests: build an app at a size, press keys, render.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;
use versus::app::{App, Options};
use versus::article::{self, Article};
use versus::event::{KeyCode, KeyEvent, KeyModifiers};
use versus::render::theme::Theme;

pub fn fixture(name: &str) -> Article {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("fixture");
    article::parse(&text, &path)
}

pub fn app(a: Article, w: u16, h: u16) -> App {
    App::new(
        a,
        Theme::new(true, false),
        Rect::new(0, 0, w, h),
        &Options::default(),
    )
}

pub fn bundled(w: u16, h: u16) -> App {
    app(article::bundled(), w, h)
}

/// Presses keys written as a string; `<Esc>`, `<Enter>`, `<Tab>`, `<S-Tab>`, `<C-x>`,
/// `<Down>`, `<Up>`, `<Left>`, `<Right>`, `<PgDn>`, `<PgUp>`, `<Home>`, `<End>`, `<BS>`.
pub fn press(app: &mut App, keys: &str) {
    for ev in key_events(keys) {
        app.on_key(ev);
    }
}

/// The key events [`press`] sends for `keys`.
pub fn key_events(keys: &str) -> Vec<KeyEvent> {
    let mut out = Vec::new();
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            rest = &rest[end + 1..];
            let (code, mods) = match name {
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
                "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                "Home" => (KeyCode::Home, KeyModifiers::NONE),
                "End" => (KeyCode::End, KeyModifiers::NONE),
                "BS" => (KeyCode::Backspace, KeyModifiers::NONE),
                n if n.starts_with("C-") => (
                    KeyCode::Char(n.chars().nth(2).unwrap()),
                    KeyModifiers::CONTROL,
                ),
                n => panic!("unknown key <{n}>"),
            };
            out.push(KeyEvent::new(code, mods));
            continue;
        }
        rest = &rest[c.len_utf8()..];
        out.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    out
}

pub fn render(app: &App) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    t.draw(|f| f.render_widget(app, f.area())).unwrap();
    t
}

/// The rendered screen as text lines.
pub fn screen(app: &App) -> String {
    let t = render(app);
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            s.push_str(sym);
        }
        s.push('\n');
    }
    s
}
