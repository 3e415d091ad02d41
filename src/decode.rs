//! Raw terminal input bytes to [`Event`]s: what a front end that owns no
//! terminal (an SSH channel, a test) feeds a [`crate::session::Session`].
//!
//! The escape sequences are parsed by `termina`'s streaming [`Parser`]
//! (helix's terminal crate, MIT OR MPL-2.0; every crate it needs is already
//! in our tree through crossterm, so it adds one crate and no new
//! transitive dependency). It knows CSI and SS3 keys with xterm modifiers,
//! kitty's and `CSI u` keys, Alt as an ESC prefix, SGR (1006) and X10 mouse,
//! and UTF-8 split anywhere. `termwiz`'s `InputParser` does the same work,
//! but measured with `cargo tree -e normal` it takes our tree from 93 crates
//! to 158 (terminfo, pest, sha2, fancy-regex, wezterm-*), for one module;
//! termina takes it to 94.
//! termina 0.3 is not enough: an SGR mouse report at column 0 underflows
//! (a panic in debug builds), fixed in 0.4.
//!
//! Around the parser this module adds, by hand, only what the parser does
//! not promise:
//! - **bounded memory**: the parser keeps an unfinished sequence (`ESC[1;1;1…`
//!   with no final byte, an OSC string with no terminator) for ever; here a
//!   sequence longer than [`MAX_SEQUENCE`] bytes is dropped;
//! - **bracketed paste with a cap**: the parser would buffer a paste whole,
//!   however long; here the text between `ESC[200~` and `ESC[201~` is kept up
//!   to [`MAX_PASTE`] bytes and the rest is skipped, never read as keys;
//! - **xterm's modifyOtherKeys** (`CSI 27 ; mods ; code ~`), which the parser
//!   rejects, is handed to it as the equivalent `CSI code ; mods u`;
//! - **ESC ESC**: the parser reads a second ESC as the end of a lone Esc and
//!   swallows both; here a pending lone ESC becomes Esc and the second ESC
//!   starts the next sequence (Esc then ↓ sent in one packet stays Esc, ↓).
//!
//! Bytes are handed to the parser one at a time with "more may follow", so
//! the events never depend on how the input was split into chunks. A lone ESC
//! at the end stays pending: only the front end knows that the input paused,
//! and says so with [`Decoder::flush`].

use crate::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};
use std::collections::VecDeque;
use termina::Parser;
use termina::event as tm;

/// The longest escape sequence kept while waiting for its end.
pub const MAX_SEQUENCE: usize = 1024;
/// The most text one bracketed paste delivers; the rest is skipped.
pub const MAX_PASTE: usize = 64 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// A streaming decoder of terminal input.
pub struct Decoder {
    parser: Parser,
    /// The bytes given to the parser since its last event: at least what it
    /// holds (it also forgets a malformed sequence without an event).
    seq: Vec<u8>,
    /// How much of [`PASTE_START`] the last bytes matched.
    start: usize,
    /// Inside a bracketed paste: its text so far.
    paste: Option<Paste>,
    events: VecDeque<Event>,
}

struct Paste {
    text: Vec<u8>,
    /// True once text was skipped for [`MAX_PASTE`].
    cut: bool,
    /// How much of [`PASTE_END`] the last bytes matched (held back, not in `text`).
    end: usize,
}

impl Default for Decoder {
    fn default() -> Self {
        Self::new()
    }
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder {
            parser: Parser::default(),
            seq: Vec::new(),
            start: 0,
            paste: None,
            events: VecDeque::new(),
        }
    }

    /// Decodes `bytes`; the events are then read with [`Decoder::next_event`].
    pub fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.paste.is_some() {
                self.paste_byte(b);
            } else {
                self.byte(b);
            }
        }
    }

    /// The oldest decoded event.
    pub fn next_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// True while bytes wait for the rest of a sequence (a lone ESC may be
    /// the Esc key or the start of one): a front end arms a short timer and
    /// calls [`Decoder::flush`] if nothing more comes.
    pub fn has_pending(&self) -> bool {
        self.paste.is_none() && !self.seq.is_empty()
    }

    /// The input paused: a lone ESC is the Esc key (Alt-x for ESC x is already
    /// decoded), and an unfinished sequence is dropped. A bracketed paste
    /// waits for its end marker whatever the pause.
    pub fn flush(&mut self) {
        if self.paste.is_some() || self.seq.is_empty() {
            return;
        }
        self.parser.parse(&[], false);
        self.pop_parsed();
        self.reset_parser();
    }

    /// Bytes held between calls (for tests of bounded memory).
    pub fn buffered(&self) -> usize {
        self.seq.len() + self.paste.as_ref().map_or(0, |p| p.text.len() + p.end)
    }

    fn byte(&mut self, b: u8) {
        if b == 0x1b && self.seq == [0x1b] {
            // ESC ESC: the first is the Esc key.
            self.flush();
        }
        self.start = match b {
            _ if b == PASTE_START[self.start] => self.start + 1,
            0x1b => 1,
            _ => 0,
        };
        if self.start == PASTE_START.len() {
            self.start = 0;
            self.reset_parser();
            self.paste = Some(Paste {
                text: Vec::new(),
                cut: false,
                end: 0,
            });
            return;
        }
        self.seq.push(b);
        if b == b'~'
            && let Some(csi_u) = modify_other_keys(&self.seq)
        {
            self.reset_parser();
            self.parser.parse(&csi_u, true);
        } else {
            self.parser.parse(&[b], true);
        }
        if !self.pop_parsed() && self.seq.len() >= MAX_SEQUENCE {
            self.reset_parser();
        }
    }

    /// Moves the parser's events to ours; true if there was one (the parser
    /// then holds nothing).
    fn pop_parsed(&mut self) -> bool {
        let mut any = false;
        while let Some(ev) = self.parser.pop() {
            any = true;
            if let Some(ev) = convert(ev) {
                self.events.push_back(ev);
            }
        }
        if any {
            self.seq.clear();
        }
        any
    }

    fn reset_parser(&mut self) {
        self.parser = Parser::default();
        self.seq.clear();
    }

    fn paste_byte(&mut self, b: u8) {
        let Some(p) = self.paste.as_mut() else {
            return;
        };
        if b == PASTE_END[p.end] {
            p.end += 1;
            if p.end == PASTE_END.len() {
                let text = paste_text(&p.text, p.cut);
                self.paste = None;
                self.events.push_back(Event::Paste(text));
            }
            return;
        }
        // Not the end marker after all: what matched of it was text.
        let held = p.end;
        p.end = 0;
        for &t in &PASTE_END[..held] {
            p.push(t);
        }
        if b == PASTE_END[0] {
            p.end = 1;
        } else {
            p.push(b);
        }
    }
}

impl Paste {
    fn push(&mut self, b: u8) {
        if self.text.len() < MAX_PASTE {
            self.text.push(b);
        } else {
            self.cut = true;
        }
    }
}

/// The pasted bytes as text: invalid UTF-8 becomes U+FFFD, but a character
/// cut in two by [`MAX_PASTE`] is dropped.
fn paste_text(bytes: &[u8], cut: bool) -> String {
    let mut text = String::with_capacity(bytes.len());
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() && (chunks.peek().is_some() || !cut) {
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    text
}

/// xterm's modifyOtherKeys form `ESC [ 27 ; mods ; code ~` (at the end of
/// `seq`) as the `ESC [ code ; mods u` the parser reads.
fn modify_other_keys(seq: &[u8]) -> Option<Vec<u8>> {
    let esc = seq.iter().rposition(|&b| b == 0x1b)?;
    let body = seq[esc..].strip_prefix(b"\x1b[27;")?.strip_suffix(b"~")?;
    let text = std::str::from_utf8(body).ok()?;
    let (mods, code) = text.split_once(';')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 7 && s.bytes().all(|c| c.is_ascii_digit());
    if !digits(mods) || !digits(code) {
        return None;
    }
    Some(format!("\x1b[{code};{mods}u").into_bytes())
}

/// termina's event as ours; `None` for what the app never hears of (focus,
/// replies to queries, media and modifier keys).
fn convert(ev: tm::Event) -> Option<Event> {
    Some(match ev {
        tm::Event::Key(k) => Event::Key(KeyEvent {
            code: key_code(k.code)?,
            modifiers: modifiers(k.modifiers),
            kind: match k.kind {
                tm::KeyEventKind::Press => KeyEventKind::Press,
                tm::KeyEventKind::Repeat => KeyEventKind::Repeat,
                tm::KeyEventKind::Release => KeyEventKind::Release,
            },
            state: {
                let mut s = KeyEventState::NONE;
                s.set(
                    KeyEventState::KEYPAD,
                    k.state.contains(tm::KeyEventState::KEYPAD),
                );
                s.set(
                    KeyEventState::CAPS_LOCK,
                    k.state.contains(tm::KeyEventState::CAPS_LOCK),
                );
                s.set(
                    KeyEventState::NUM_LOCK,
                    k.state.contains(tm::KeyEventState::NUM_LOCK),
                );
                s
            },
        }),
        tm::Event::Mouse(m) => {
            let button = |b| match b {
                tm::MouseButton::Left => MouseButton::Left,
                tm::MouseButton::Right => MouseButton::Right,
                tm::MouseButton::Middle => MouseButton::Middle,
            };
            Event::Mouse(MouseEvent {
                kind: match m.kind {
                    tm::MouseEventKind::Down(b) => MouseEventKind::Down(button(b)),
                    tm::MouseEventKind::Up(b) => MouseEventKind::Up(button(b)),
                    tm::MouseEventKind::Drag(b) => MouseEventKind::Drag(button(b)),
                    tm::MouseEventKind::Moved => MouseEventKind::Moved,
                    tm::MouseEventKind::ScrollDown => MouseEventKind::ScrollDown,
                    tm::MouseEventKind::ScrollUp => MouseEventKind::ScrollUp,
                    tm::MouseEventKind::ScrollLeft => MouseEventKind::ScrollLeft,
                    tm::MouseEventKind::ScrollRight => MouseEventKind::ScrollRight,
                },
                column: m.column,
                row: m.row,
                modifiers: modifiers(m.modifiers),
            })
        }
        tm::Event::Paste(text) => Event::Paste(text),
        _ => return None,
    })
}

fn modifiers(m: tm::Modifiers) -> KeyModifiers {
    let pairs = [
        (tm::Modifiers::SHIFT, KeyModifiers::SHIFT),
        (tm::Modifiers::CONTROL, KeyModifiers::CONTROL),
        (tm::Modifiers::ALT, KeyModifiers::ALT),
        (tm::Modifiers::SUPER, KeyModifiers::SUPER),
        (tm::Modifiers::HYPER, KeyModifiers::HYPER),
        (tm::Modifiers::META, KeyModifiers::META),
    ];
    let mut out = KeyModifiers::NONE;
    for (theirs, ours) in pairs {
        out.set(ours, m.contains(theirs));
    }
    out
}

fn key_code(c: tm::KeyCode) -> Option<KeyCode> {
    Some(match c {
        tm::KeyCode::Char(c) => KeyCode::Char(c),
        tm::KeyCode::Enter => KeyCode::Enter,
        tm::KeyCode::Backspace => KeyCode::Backspace,
        tm::KeyCode::Tab => KeyCode::Tab,
        tm::KeyCode::Escape => KeyCode::Esc,
        tm::KeyCode::Left => KeyCode::Left,
        tm::KeyCode::Right => KeyCode::Right,
        tm::KeyCode::Up => KeyCode::Up,
        tm::KeyCode::Down => KeyCode::Down,
        tm::KeyCode::Home => KeyCode::Home,
        tm::KeyCode::End => KeyCode::End,
        tm::KeyCode::BackTab => KeyCode::BackTab,
        tm::KeyCode::PageUp => KeyCode::PageUp,
        tm::KeyCode::PageDown => KeyCode::PageDown,
        tm::KeyCode::Insert => KeyCode::Insert,
        tm::KeyCode::Delete => KeyCode::Delete,
        tm::KeyCode::KeypadBegin => KeyCode::KeypadBegin,
        tm::KeyCode::CapsLock => KeyCode::CapsLock,
        tm::KeyCode::ScrollLock => KeyCode::ScrollLock,
        tm::KeyCode::NumLock => KeyCode::NumLock,
        tm::KeyCode::PrintScreen => KeyCode::PrintScreen,
        tm::KeyCode::Pause => KeyCode::Pause,
        tm::KeyCode::Menu => KeyCode::Menu,
        tm::KeyCode::Null => KeyCode::Null,
        tm::KeyCode::Function(n) => KeyCode::F(n),
        tm::KeyCode::Modifier(_) | tm::KeyCode::Media(_) => return None,
    })
}
