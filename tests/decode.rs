//! The input decoder: raw terminal bytes to our events, as xterm-like
//! terminals send them; the same events however the bytes are split; any
//! bytes at all without a panic or unbounded memory.

use proptest::prelude::*;
use versus::decode::{Decoder, MAX_PASTE, MAX_SEQUENCE};
use versus::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

fn decode(bytes: &[u8]) -> Vec<Event> {
    let mut d = Decoder::new();
    d.feed(bytes);
    drain(&mut d)
}

fn drain(d: &mut Decoder) -> Vec<Event> {
    std::iter::from_fn(|| d.next_event()).collect()
}

fn key(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

fn plain(code: KeyCode) -> Event {
    key(code, KeyModifiers::NONE)
}

fn mouse(kind: MouseEventKind, column: u16, row: u16, modifiers: KeyModifiers) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers,
    })
}

#[test]
fn keys_as_terminals_send_them() {
    use KeyCode::*;
    const N: KeyModifiers = KeyModifiers::NONE;
    const C: KeyModifiers = KeyModifiers::CONTROL;
    const S: KeyModifiers = KeyModifiers::SHIFT;
    const A: KeyModifiers = KeyModifiers::ALT;
    let cases: &[(&[u8], Event)] = &[
        (b"j", key(Char('j'), N)),
        (b"G", key(Char('G'), S)),
        (b" ", key(Char(' '), N)),
        ("漢".as_bytes(), key(Char('漢'), N)),
        ("😀".as_bytes(), key(Char('😀'), N)),
        (b"\r", key(Enter, N)),
        (b"\t", key(Tab, N)),
        (b"\x7f", key(Backspace, N)),
        (b"\x04", key(Char('d'), C)),
        (b"\x15", key(Char('u'), C)),
        (b"\x1b[A", key(Up, N)),
        (b"\x1b[B", key(Down, N)),
        (b"\x1b[C", key(Right, N)),
        (b"\x1b[D", key(Left, N)),
        (b"\x1bOA", key(Up, N)),
        (b"\x1bOB", key(Down, N)),
        (b"\x1b[H", key(Home, N)),
        (b"\x1b[F", key(End, N)),
        (b"\x1b[1~", key(Home, N)),
        (b"\x1b[4~", key(End, N)),
        (b"\x1b[5~", key(PageUp, N)),
        (b"\x1b[6~", key(PageDown, N)),
        (b"\x1b[3~", key(Delete, N)),
        (b"\x1b[Z", key(BackTab, S)),
        (b"\x1bOP", key(F(1), N)),
        (b"\x1b[15~", key(F(5), N)),
        (b"\x1b[1;5A", key(Up, C)),
        (b"\x1b[1;2B", key(Down, S)),
        (b"\x1b[1;3D", key(Left, A)),
        (b"\x1b[6;5~", key(PageDown, C)),
        (b"\x1bj", key(Char('j'), A)),
        // kitty / CSI u, and xterm's modifyOtherKeys for the same key.
        (b"\x1b[106;5u", key(Char('j'), C)),
        (b"\x1b[27;5;106~", key(Char('j'), C)),
        (b"\x1b[27;3;120~", key(Char('x'), A)),
        (b"\x1b[13;2u", key(Enter, S)),
    ];
    for (bytes, want) in cases {
        assert_eq!(
            decode(bytes),
            vec![want.clone()],
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn sgr_mouse_buttons_and_wheel_with_modifiers() {
    use MouseEventKind::*;
    const N: KeyModifiers = KeyModifiers::NONE;
    let cases: &[(&[u8], Event)] = &[
        (b"\x1b[<65;10;5M", mouse(ScrollDown, 9, 4, N)),
        (b"\x1b[<64;1;1M", mouse(ScrollUp, 0, 0, N)),
        (
            b"\x1b[<81;3;2M",
            mouse(ScrollDown, 2, 1, KeyModifiers::CONTROL),
        ),
        (b"\x1b[<68;3;2M", mouse(ScrollUp, 2, 1, KeyModifiers::SHIFT)),
        (b"\x1b[<0;3;4M", mouse(Down(MouseButton::Left), 2, 3, N)),
        (b"\x1b[<0;3;4m", mouse(Up(MouseButton::Left), 2, 3, N)),
        (
            b"\x1b[<2;300;200M",
            mouse(Down(MouseButton::Right), 299, 199, N),
        ),
        (b"\x1b[<32;5;5M", mouse(Drag(MouseButton::Left), 4, 4, N)),
        // Column 0 is not a valid report: clamped, never an underflow.
        (b"\x1b[<65;0;0M", mouse(ScrollDown, 0, 0, N)),
    ];
    for (bytes, want) in cases {
        assert_eq!(
            decode(bytes),
            vec![want.clone()],
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn a_lone_esc_waits_for_the_front_end_to_say_the_input_paused() {
    let mut d = Decoder::new();
    d.feed(b"j\x1b");
    assert_eq!(drain(&mut d), vec![plain(KeyCode::Char('j'))]);
    assert!(d.has_pending());
    // More bytes: it was Alt-k, not Esc.
    d.feed(b"k");
    assert_eq!(
        drain(&mut d),
        vec![key(KeyCode::Char('k'), KeyModifiers::ALT)]
    );
    assert!(!d.has_pending());
    d.feed(b"\x1b");
    d.flush();
    assert_eq!(drain(&mut d), vec![plain(KeyCode::Esc)]);
    assert!(!d.has_pending());
    // An unfinished sequence at a pause is dropped, and what follows decodes.
    d.feed(b"\x1b[1;");
    d.flush();
    d.feed(b"q");
    assert_eq!(drain(&mut d), vec![plain(KeyCode::Char('q'))]);
}

#[test]
fn esc_then_a_key_in_one_packet_stays_two_keys() {
    assert_eq!(
        decode(b"\x1b\x1b[B"),
        vec![plain(KeyCode::Esc), plain(KeyCode::Down)]
    );
}

#[test]
fn bracketed_paste_is_text_not_keys() {
    let got = decode(b"a\x1b[200~q\x1b[Bx\r\xe6\xbc\xa2\x1b[201~b");
    assert_eq!(
        got,
        vec![
            plain(KeyCode::Char('a')),
            Event::Paste("q\x1b[Bx\r漢".into()),
            plain(KeyCode::Char('b')),
        ]
    );
    // Markers split across reads, and a false start of the end marker.
    let mut d = Decoder::new();
    for part in [&b"\x1b[2"[..], b"00~x\x1b[20", b"2~y\x1b", b"[201", b"~z"] {
        d.feed(part);
    }
    assert_eq!(
        drain(&mut d),
        vec![
            Event::Paste("x\x1b[202~y".into()),
            plain(KeyCode::Char('z'))
        ]
    );
}

#[test]
fn a_paste_longer_than_the_cap_is_cut_and_the_rest_skipped() {
    let mut d = Decoder::new();
    d.feed(b"\x1b[200~");
    let chunk = "q漢".repeat(1000);
    let mut sent = 0;
    while sent < 3 * MAX_PASTE {
        d.feed(chunk.as_bytes());
        sent += chunk.len();
        assert!(d.buffered() <= MAX_PASTE + 6, "{} buffered", d.buffered());
    }
    d.feed(b"\x1b[201~j");
    let got = drain(&mut d);
    assert_eq!(
        got.len(),
        2,
        "a paste then j, no keys from the skipped text"
    );
    let Event::Paste(text) = &got[0] else {
        panic!("{got:?}")
    };
    assert!(text.len() <= MAX_PASTE && text.len() > MAX_PASTE - 4);
    assert!(chunk.repeat(100).starts_with(text.as_str()));
    assert_eq!(got[1], plain(KeyCode::Char('j')));
    assert_eq!(d.buffered(), 0);
}

#[test]
fn an_endless_sequence_is_dropped_and_memory_stays_bounded() {
    let mut d = Decoder::new();
    d.feed(b"\x1b[1");
    for _ in 0..1000 {
        d.feed(&[b';'; 1000]);
        assert!(d.buffered() <= MAX_SEQUENCE, "{} buffered", d.buffered());
    }
    // An OSC string with no terminator too.
    d.feed(b"\x1b]52;c;");
    d.feed(&vec![b'A'; 10 * MAX_SEQUENCE]);
    assert!(d.buffered() <= MAX_SEQUENCE);
    d.feed(b"\x07");
    let _ = drain(&mut d);
    d.flush();
    d.feed(b"j");
    assert_eq!(drain(&mut d).last(), Some(&plain(KeyCode::Char('j'))));
}

/// Bytes a terminal sends, and some it should not, to build inputs from.
fn token() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"j".to_vec()),
        Just(b"\x1b".to_vec()),
        Just(b"\x1b[A".to_vec()),
        Just(b"\x1bOB".to_vec()),
        Just(b"\x1b[1;5C".to_vec()),
        Just(b"\x1b[6~".to_vec()),
        Just(b"\x1b[27;5;106~".to_vec()),
        Just(b"\x1b[97;5u".to_vec()),
        Just(b"\x1b[<65;10;5M".to_vec()),
        Just(b"\x1b[<0;1;1m".to_vec()),
        Just(b"\x1b[200~".to_vec()),
        Just(b"\x1b[201~".to_vec()),
        Just("漢😀é".as_bytes().to_vec()),
        Just(b"\r\t\x7f\x04".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..6),
        proptest::collection::vec(prop_oneof![Just(0x1bu8), Just(b'['), Just(b';')], 0..4),
    ]
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(token(), 0..40).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Fed in arbitrary pieces, the decoder gives the events it gives for
    /// the whole input at once.
    #[test]
    fn any_split_gives_the_same_events(bytes in input(), cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..8)) {
        let mut whole = Decoder::new();
        whole.feed(&bytes);
        whole.flush();
        let want = drain(&mut whole);

        let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        at.sort_unstable();
        let mut split = Decoder::new();
        let mut got = Vec::new();
        let mut from = 0;
        for to in at.into_iter().chain([bytes.len()]) {
            split.feed(&bytes[from..to]);
            got.extend(drain(&mut split));
            from = to;
        }
        split.flush();
        got.extend(drain(&mut split));
        prop_assert_eq!(got, want);
    }

    /// Any bytes: no panic, and what is held stays bounded.
    #[test]
    fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000), input in input()) {
        let mut d = Decoder::new();
        for chunk in bytes.chunks(97).chain([input.as_slice()]) {
            d.feed(chunk);
            prop_assert!(d.buffered() <= MAX_PASTE + MAX_SEQUENCE);
            let _ = drain(&mut d);
        }
        d.flush();
        let _ = drain(&mut d);
    }
}
