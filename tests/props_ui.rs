//! Property tests of the full-screen views: random articles, random sizes
//! (down to 0x0), random keys. Nothing panics and no cell ever holds a
//! control character. `PROPTEST_CASES=5000 cargo test --test props_ui` runs longer.

mod support;

use proptest::prelude::*;
use support::*;
use versus::article::sanitize::is_forbidden;
use versus::event::{KeyCode, KeyEvent, KeyModifiers};

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("# A vs B vs C\n".to_string()),
        Just("## A Pros\n- **Fast:** yes\n- plain\n".to_string()),
        Just("## B Cons:\n1. slow\n   - nested\n".to_string()),
        Just("| Feature | A | B |\n|---|---|---|\n| x | 1 | 2 |\n| y | 3 |\n".to_string()),
        Just("| only |\n|---|\n| one |\n".to_string()),
        Just("> quote\n> > deeper\n".to_string()),
        Just("```\ncode \x1b[31m here\n".to_string()),
        Just("---\ntitle: X vs Y\n---\n".to_string()),
        Just("\u{1b}]52;c;aGVsbG8=\u{7}\u{9b}2J\u{202e}evil\n".to_string()),
        Just("&#27;[2J &#x9b; &#7;\n".to_string()),
        Just("日本語のテキスト 😀 emoji wide\n".to_string()),
        Just("## When to Choose A\n- **Need speed:** go\n".to_string()),
        "[ -~\\t\\n]{0,80}",
        "\\PC{0,40}",
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..12).prop_map(|v| v.join("\n"))
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        prop::sample::select(vec![
            '1', '2', '3', '4', 'j', 'k', 'J', 'K', 'g', 'G', 'p', 'c', 'h', 'l', 'n', 'N', 'o',
            'y', '?', '/', ' ', 'b', 'x', '0', '5', 'a', 'q'
        ])
        .prop_map(KeyCode::Char),
        prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::PageDown,
            KeyCode::PageUp,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
        ]),
    ];
    codes.prop_map(|c| KeyEvent::new(c, KeyModifiers::NONE))
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_articles_sizes_and_keys(md in article(), w in 0u16..160, h in 0u16..50,
                                      keys in prop::collection::vec(key(), 0..40),
                                      resize in (0u16..200, 0u16..60)) {
        let a = versus::article::parse(&md, "prop");
        let mut app = app(a, w, h);
        for (i, k) in keys.iter().enumerate() {
            app.on_key(*k);
            if i == keys.len() / 2 {
                app.resize(resize.0, resize.1);
            }
            let t = render(&app);
            for cell in t.backend().buffer().content() {
                prop_assert!(!cell.symbol().chars().any(|c| is_forbidden(c) || c == '\n' || c == '\t'), "forbidden char in {:?}", cell.symbol());
            }
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), w in 1u16..120, h in 1u16..40) {
        let a = versus::article::parse_bytes(&bytes, "bytes");
        let mut app = app(a, w, h);
        for c in ['2', '3', '4', '1', 'G'] {
            app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            let t = render(&app);
            for cell in t.backend().buffer().content() {
                prop_assert!(!cell.symbol().chars().any(|c| is_forbidden(c) || c == '\n' || c == '\t'));
            }
        }
    }
}
