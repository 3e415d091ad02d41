//! Few bytes on the wire: a screen that knows what the terminal shows and
//! sends only the difference, in one write per frame.
//!
//! Ratatui's stock path (`Terminal` + `CrosstermBackend`) redraws every
//! changed cell with a cursor move per word, 256-colour codes for the 16 ANSI
//! colours, a colour reset and a cursor hide after every frame, and a whole
//! pane when it scrolls. [`Screen`] keeps a model of the terminal (the cells,
//! the cursor, the current SGR pen) and for each frame:
//!
//! 1. detects when a pane scrolled by `n` lines (the rows of the new frame
//!    equal the rows of the old one shifted by `n`) and moves the terminal's
//!    rows with delete/insert line (DL/IL), so only the exposed lines are sent.
//!    The header and footer stay out of the moved rows. The scroll is used only
//!    when it makes the frame smaller;
//! 2. writes each changed row with the cheapest cursor moves (CR, LF, CUF or
//!    rewriting a few unchanged cells instead of jumping over them), the
//!    shortest SGR change (`ESC[1;33m`, never a 256-colour code for an ANSI
//!    colour), and erase-to-end-of-line where the rest of a row is blank;
//! 3. sends the frame in a single `write` (one packet over SSH), and nothing at
//!    all when the frame did not change.
//!
//! Only the sequences the terminal's [`Caps`] allow are used: on xterm,
//! screen, tmux and the Linux console CUP, CUF/CUB/CUU/CUD, CHA, CR, LF, EL,
//! ED, ECH, DL, IL and SGR 0–9, 22–29, 30–49, 90–107; on a VT100 only CUP,
//! the relative moves, CR, LF, BS, EL, ED and SGR 0, 1, 4, 5, 7 (italic drawn
//! underlined, no colour, no scroll detection). In ASCII mode every glyph is
//! transliterated ([`crate::render::ascii::cell`]) so only ASCII goes out.
//! No scrolling margins are left set, and the pen is left as is between
//! frames (the restore resets it).
//!
//! The parts: this module holds the [`Screen`] and its model of the terminal;
//! `scroll` detects scrolled panes (DL/IL), `encode` writes the changed rows,
//! `cursor` builds the cheapest cursor moves, `sgr` the shortest pen changes.

use crate::render::caps::Caps;
use crate::render::theme::LINK_TAG_MASK;
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use std::hash::{Hash, Hasher};
use std::io::{self, Write};

mod cursor;
mod encode;
mod scroll;
mod sgr;

use cursor::*;
use encode::*;
use scroll::*;
use sgr::*;

/// The SGR state: colours and modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen {
    fg: Color::Reset,
    bg: Color::Reset,
    modifier: Modifier::empty(),
};

impl Pen {
    fn of(c: &Cell) -> Pen {
        Pen {
            fg: c.fg,
            bg: c.bg,
            modifier: c.modifier,
        }
    }
}

/// Where the terminal's cursor is, as far as we know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cursor {
    x: u16,
    y: u16,
    /// A glyph was just written in the last column: the cursor sits there with
    /// a wrap pending. Only CR and CUP are then safe.
    wrap: bool,
}

/// What we know about the terminal besides its cells, and what it can do.
#[derive(Debug, Clone, Copy)]
struct Term {
    cursor: Option<Cursor>,
    pen: Option<Pen>,
    caps: Caps,
    /// The OSC 8 hyperlink open at the cursor (an index into the frame's links).
    link: Option<u32>,
}

impl Term {
    fn new(caps: Caps) -> Term {
        Term {
            cursor: None,
            pen: None,
            caps,
            link: None,
        }
    }
}

/// A hyperlink on screen: columns `x0..x1` of row `y` lead to `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    pub y: u16,
    pub x0: u16,
    pub x1: u16,
    pub url: String,
}

/// The OSC 8 form of `url`, or `None` when it is not one to hand to a
/// terminal: only `http`, `https` and `mailto` targets of at most 2,000
/// bytes. Every byte outside `!`..`~`, and `;` (the OSC's own separator),
/// is percent-encoded, so no control character, ESC, BEL or ST can end or
/// change the sequence.
pub fn osc8_target(url: &str) -> Option<String> {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let scheme = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    if !scheme || url.len() > 2000 {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for &b in url.as_bytes() {
        if (0x21..0x7f).contains(&b) && b != b';' {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    Some(out)
}

/// Closes the hyperlink open at the cursor, if any.
fn end_link(term: &mut Term, out: &mut Vec<u8>) {
    if term.link.take().is_some() {
        out.extend_from_slice(b"\x1b]8;;\x1b\\");
    }
}

impl Caps {
    /// The pen as this terminal can show it: no colour without colour, and
    /// without SGR 2/3/9 no dim or crossing out, italic underlined.
    fn pen(&self, p: Pen) -> Pen {
        let mut p = p;
        // The link tags mark cells for us, never for the terminal.
        p.modifier -= LINK_TAG_MASK;
        if self.color && self.sgr_ext {
            return p;
        }
        if !self.color {
            p.fg = Color::Reset;
            p.bg = Color::Reset;
        }
        if !self.sgr_ext {
            if p.modifier.contains(Modifier::ITALIC) {
                p.modifier |= Modifier::UNDERLINED;
            }
            p.modifier -= Modifier::ITALIC
                | Modifier::DIM
                | Modifier::CROSSED_OUT
                | Modifier::HIDDEN
                | Modifier::RAPID_BLINK;
        }
        p
    }
}

/// A scroll of the rows `top..=bottom` by `n` lines (`up`: content moves up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    pub top: u16,
    pub bottom: u16,
    pub n: u16,
    pub up: bool,
}

/// Byte counts of the last frame, for tests and the benchmark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameStats {
    pub bytes: usize,
    pub scroll: Option<Scroll>,
    pub full: bool,
}

/// A terminal screen behind any `Write`: draw frames into it, it sends the
/// difference.
pub struct Screen<W: Write> {
    out: W,
    /// Bytes queued for the next write (set-up sequences, OSC 52).
    pending: Vec<u8>,
    area: Rect,
    /// What the terminal shows; an empty buffer when the screen is blank
    /// (first frame, after a resize), so start-up allocates one buffer.
    shown: Buffer,
    /// The frame being drawn (allocated when first needed).
    next: Buffer,
    term: Term,
    /// The next frame repaints everything (first frame, after a resize).
    fresh: bool,
    caps: Caps,
    /// The next frame's hyperlinks (only with `caps.osc8`), and the shown one's.
    links: Vec<LinkSpot>,
    shown_links: Vec<LinkSpot>,
    /// `next` is blank (new): no need to clear it before drawing.
    next_blank: bool,
    pub last: FrameStats,
}

impl<W: Write> Screen<W> {
    /// A screen for an xterm-like terminal.
    pub fn new(out: W, width: u16, height: u16) -> Screen<W> {
        Screen::with_caps(out, width, height, Caps::XTERM)
    }

    /// A screen that writes only what `caps` allow.
    pub fn with_caps(out: W, width: u16, height: u16, caps: Caps) -> Screen<W> {
        let area = Rect::new(0, 0, width, height);
        Screen {
            out,
            pending: Vec::new(),
            area,
            shown: Buffer::empty(Rect::ZERO),
            next: Buffer::empty(area),
            term: Term::new(caps),
            fresh: true,
            caps,
            links: Vec::new(),
            shown_links: Vec::new(),
            next_blank: true,
            last: FrameStats::default(),
        }
    }

    pub fn caps(&self) -> Caps {
        self.caps
    }

    /// The hyperlinks of the next frame (ignored unless the terminal shows
    /// OSC 8). Each spot's URL must have been through [`osc8_target`].
    pub fn set_links(&mut self, links: Vec<LinkSpot>) {
        if self.caps.osc8 {
            self.links = links;
        }
    }

    /// Cells whose hyperlink changed while their text did not are sent again.
    fn mark_relinked(&mut self) {
        if self.shown_links == self.links || self.shown.area != self.area {
            return;
        }
        let w = usize::from(self.area.width);
        let changed = self
            .shown_links
            .iter()
            .filter(|s| !self.links.contains(s))
            .chain(self.links.iter().filter(|s| !self.shown_links.contains(s)));
        for s in changed {
            let row = usize::from(s.y) * w;
            let (x0, x1) = (usize::from(s.x0).min(w), usize::from(s.x1).min(w));
            if let Some(cells) = self.shown.content.get_mut(row + x0..row + x1) {
                for c in cells {
                    // No frame has this cell: it differs from any.
                    c.set_symbol("\u{fffc}");
                }
            }
        }
    }

    pub fn area(&self) -> Rect {
        self.area
    }

    /// The terminal changed size: the next frame repaints everything.
    pub fn resize(&mut self, width: u16, height: u16) {
        let area = Rect::new(0, 0, width, height);
        self.area = area;
        self.shown = Buffer::empty(Rect::ZERO);
        self.next = Buffer::empty(area);
        self.next_blank = true;
        self.term = Term::new(self.caps);
        self.fresh = true;
    }

    /// Forget what the terminal shows: the next frame repaints everything.
    pub fn invalidate(&mut self) {
        self.shown = Buffer::empty(Rect::ZERO);
        self.term = Term::new(self.caps);
        self.fresh = true;
    }

    /// Queues raw bytes (set-up sequences, OSC 52) to go out with the next frame.
    pub fn queue(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
    }

    /// Sends the queued bytes now (a clipboard copy on the way out).
    pub fn send_queued(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
            self.out.flush()?;
        }
        Ok(())
    }

    pub fn get_ref(&self) -> &W {
        &self.out
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// What the terminal shows after the last frame.
    pub fn shown(&self) -> &Buffer {
        &self.shown
    }

    /// Draws a frame and sends the difference in one write. `pane` is the
    /// region that may have scrolled (its columns are compared to detect the
    /// scroll; the rows moved are always full width).
    pub fn draw(&mut self, render: impl FnOnce(&mut Buffer), pane: Option<Rect>) -> io::Result<()> {
        if self.next.area != self.area {
            self.next = Buffer::empty(self.area);
        } else if !self.next_blank {
            self.next.reset();
        }
        self.next_blank = false;
        render(&mut self.next);
        self.mark_relinked();
        let links = std::mem::take(&mut self.links);
        let mut out = std::mem::take(&mut self.pending);
        let start = out.len();
        let mut stats = FrameStats::default();
        if self.fresh {
            // `shown` is blank here: new, resized or invalidated.
            let mut term = self.term;
            if term.pen != Some(PLAIN) {
                out.extend_from_slice(b"\x1b[m");
                term.pen = Some(PLAIN);
            }
            // Home, then erase to the end: the whole screen (the alternate screen is
            // usually clear already; the Linux console has none).
            out.extend_from_slice(b"\x1b[H\x1b[J");
            term.cursor = Some(Cursor {
                x: 0,
                y: 0,
                wrap: false,
            });
            self.term = encode(&self.shown, &self.next, term, &links, &mut out);
            self.fresh = false;
            stats.full = true;
        } else {
            let mut plain = Vec::new();
            let plain_term = encode(&self.shown, &self.next, self.term, &links, &mut plain);
            let mut best: Option<(Vec<u8>, Term, Scroll)> = None;
            let pane = pane.filter(|_| self.caps.scroll);
            for s in detect_scrolls(&self.shown, &self.next, pane) {
                let mut shifted = self.shown.clone();
                let mut bytes = Vec::new();
                let term = scroll_ops(&mut shifted, self.term, s, &mut bytes);
                let term = encode(&shifted, &self.next, term, &links, &mut bytes);
                let better = match &best {
                    Some((b, ..)) => bytes.len() < b.len(),
                    None => bytes.len() < plain.len(),
                };
                if better {
                    best = Some((bytes, term, s));
                }
            }
            match best {
                Some((bytes, term, s)) => {
                    out.extend_from_slice(&bytes);
                    self.term = term;
                    stats.scroll = Some(s);
                }
                None => {
                    out.extend_from_slice(&plain);
                    self.term = plain_term;
                }
            }
        }
        stats.bytes = out.len() - start;
        self.last = stats;
        self.shown_links = links;
        std::mem::swap(&mut self.shown, &mut self.next);
        self.next_blank = false;
        if !out.is_empty() {
            self.out.write_all(&out)?;
            self.out.flush()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Style;

    fn pen_bytes(from: Option<Pen>, to: Pen) -> String {
        let mut t = Term {
            pen: from,
            ..Term::new(Caps::XTERM)
        };
        let mut out = Vec::new();
        set_pen(&mut t, to, &mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn pens_use_short_ansi_codes() {
        let bold_yellow = Pen {
            fg: Color::Yellow,
            bg: Color::Reset,
            modifier: Modifier::BOLD,
        };
        assert_eq!(pen_bytes(None, bold_yellow), "\x1b[0;1;33m");
        assert_eq!(pen_bytes(Some(PLAIN), bold_yellow), "\x1b[1;33m");
        assert_eq!(pen_bytes(Some(bold_yellow), PLAIN), "\x1b[m");
        let dim = Pen {
            modifier: Modifier::DIM,
            ..bold_yellow
        };
        let both = Pen {
            modifier: Modifier::DIM | Modifier::BOLD,
            ..bold_yellow
        };
        assert_eq!(pen_bytes(Some(both), dim), "\x1b[22;2m");
        assert_eq!(pen_bytes(Some(dim), dim), "");
        let bg = Pen {
            bg: Color::DarkGray,
            ..PLAIN
        };
        assert_eq!(pen_bytes(Some(PLAIN), bg), "\x1b[100m");
    }

    #[test]
    fn moves_pick_the_shortest_form() {
        let at = |x, y| Term {
            cursor: Some(Cursor { x, y, wrap: false }),
            ..Term::new(Caps::XTERM)
        };
        let mv = |mut t: Term, x, y| {
            let mut out = Vec::new();
            move_to(&mut t, x, y, &mut out);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(mv(at(5, 3), 0, 4), "\r\n");
        assert_eq!(mv(at(5, 3), 9, 3), "\x1b[4C");
        assert_eq!(mv(at(5, 3), 4, 3), "\x08");
        assert_eq!(mv(at(5, 3), 5, 3), "");
        let none = Term::new(Caps::XTERM);
        assert_eq!(mv(none, 0, 0), "\x1b[H");
        assert_eq!(mv(none, 0, 9), "\x1b[10H");
        assert_eq!(mv(none, 4, 9), "\x1b[10;5H");
        let wrapped = Term {
            cursor: Some(Cursor {
                x: 79,
                y: 3,
                wrap: true,
            }),
            ..Term::new(Caps::XTERM)
        };
        assert_eq!(mv(wrapped, 0, 4), "\r\n");
        assert_eq!(mv(wrapped, 2, 3), "\r\x1b[2C");
    }

    fn screen_text(p: &vt100::Parser) -> Vec<String> {
        p.screen()
            .rows(0, 80)
            .map(|r| r.trim_end().to_string())
            .collect()
    }

    fn parser(h: u16, w: u16) -> vt100::Parser {
        use std::num::NonZeroU16;
        vt100::Parser::new(NonZeroU16::new(h).unwrap(), NonZeroU16::new(w).unwrap(), 0)
    }

    fn frame(lines: &[&str], w: u16, h: u16) -> impl FnOnce(&mut Buffer) {
        let lines: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        move |buf: &mut Buffer| {
            for (y, l) in lines.iter().enumerate() {
                if (y as u16) < h {
                    buf.set_stringn(0, y as u16, l, usize::from(w), Style::new());
                }
            }
        }
    }

    #[test]
    fn a_scrolled_pane_sends_only_the_new_line() {
        let (w, h) = (40u16, 10u16);
        let body: Vec<String> = (0..30).map(|i| format!("line {i} of the text")).collect();
        let page = |top: usize| {
            let mut v = vec!["HEADER".to_string()];
            v.extend(body[top..top + 8].iter().cloned());
            v.push("FOOTER".into());
            v
        };
        let mut s = Screen::new(Vec::new(), w, h);
        let mut p = parser(h, w);
        let pane = Some(Rect::new(0, 1, w, 8));
        for top in [0, 1, 2, 5, 4, 4, 0] {
            let lines = page(top);
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            s.get_mut().clear();
            s.draw(frame(&refs, w, h), pane).unwrap();
            p.process(s.get_ref());
            let shown = screen_text(&p);
            assert_eq!(shown, lines, "top {top}");
        }
        // One line down: the scroll and one line of text.
        let lines = page(1);
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        s.get_mut().clear();
        s.draw(frame(&refs, w, h), pane).unwrap();
        let sent = String::from_utf8_lossy(s.get_ref()).to_string();
        assert!(s.last.scroll.is_some(), "{sent:?}");
        assert!(sent.len() < 40, "{sent:?}");
        p.process(s.get_ref());
        assert_eq!(screen_text(&p), lines);
        // Nothing changed: nothing sent.
        s.get_mut().clear();
        s.draw(frame(&refs, w, h), pane).unwrap();
        assert!(s.get_ref().is_empty());
    }

    #[test]
    fn wide_glyphs_replace_narrow_ones_and_back() {
        let (w, h) = (12u16, 3u16);
        let mut s = Screen::new(Vec::new(), w, h);
        let mut p = parser(h, w);
        for lines in [
            ["abcdefgh", "漢字かな", "x"],
            ["a漢cdef", "ab漢字な", "x"],
            ["漢字かなab", "abc", "😀x"],
            ["abcdefgh", "漢字かな", "x"],
            ["a b  c", "", "  x"],
        ] {
            s.get_mut().clear();
            s.draw(frame(&lines, w, h), None).unwrap();
            p.process(s.get_ref());
            let shown = screen_text(&p);
            let want: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            assert_eq!(shown, want);
        }
    }

    #[test]
    fn a_link_that_changes_target_is_sent_again() {
        let caps = Caps {
            osc8: true,
            ..Caps::XTERM
        };
        let mut s = Screen::with_caps(Vec::new(), 20, 2, caps);
        let spot = |url: &str| LinkSpot {
            y: 0,
            x0: 2,
            x1: 6,
            url: url.into(),
        };
        let draw = |s: &mut Screen<Vec<u8>>, links: Vec<LinkSpot>| {
            s.get_mut().clear();
            s.set_links(links);
            s.draw(frame(&["a link here"], 20, 2), None).unwrap();
            String::from_utf8(s.get_ref().clone()).unwrap()
        };
        let first = draw(&mut s, vec![spot("https://a/")]);
        assert!(
            first.contains("\x1b]8;;https://a/\x1b\\link\x1b]8;;\x1b\\"),
            "{first:?}"
        );
        // Same text, same style, another target: the cells go out again.
        let second = draw(&mut s, vec![spot("https://b/")]);
        assert!(
            second.contains("\x1b]8;;https://b/\x1b\\link\x1b]8;;\x1b\\"),
            "{second:?}"
        );
        // Unchanged: nothing. No link any more: the plain text again.
        assert_eq!(draw(&mut s, vec![spot("https://b/")]), "");
        let gone = draw(&mut s, vec![]);
        assert!(gone.contains("link") && !gone.contains("]8;;h"), "{gone:?}");
        // Without the capability the links are ignored.
        let mut plain = Screen::new(Vec::new(), 20, 2);
        assert!(!draw(&mut plain, vec![spot("https://a/")]).contains("\x1b]"));
    }
}
