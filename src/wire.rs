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

use crate::render::caps::Caps;
use crate::render::theme::LINK_TAG_MASK;
use ratatui::buffer::{Buffer, Cell, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use std::hash::{Hash, Hasher};
use std::io::{self, Write};

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

// ---------------------------------------------------------------------------
// Scroll detection and the DL/IL sequence.

fn row_hash(buf: &Buffer, y: u16, x0: u16, x1: u16) -> (u64, bool) {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut blank = true;
    for x in x0..x1 {
        let c = &buf[(x, y)];
        c.symbol().hash(&mut h);
        c.fg.hash(&mut h);
        c.bg.hash(&mut h);
        c.modifier.hash(&mut h);
        blank &= is_blank(c);
    }
    (h.finish(), blank)
}

/// The most likely scrolls of `pane` between two frames: for each direction,
/// the shift that lines up the most non-blank rows. The caller keeps one only
/// when it makes the frame smaller.
fn detect_scrolls(old: &Buffer, new: &Buffer, pane: Option<Rect>) -> Vec<Scroll> {
    let Some(pane) = pane.map(|p| p.intersection(new.area)) else {
        return Vec::new();
    };
    if pane.height < 2 || pane.width == 0 || old.area != new.area {
        return Vec::new();
    }
    let rows = pane.y..pane.bottom();
    let o: Vec<(u64, bool)> = rows
        .clone()
        .map(|y| row_hash(old, y, pane.x, pane.right()))
        .collect();
    let n_: Vec<(u64, bool)> = rows
        .map(|y| row_hash(new, y, pane.x, pane.right()))
        .collect();
    let ph = usize::from(pane.height);
    let mut out = Vec::new();
    for up in [true, false] {
        let mut best = (0usize, 0usize, 0usize, 0usize); // matches, n, first, last (new rows)
        for n in 1..ph {
            let mut count = 0;
            let (mut first, mut last) = (usize::MAX, 0);
            for y in 0..ph - n {
                // up: new row y shows old row y + n; down: new row y + n shows old row y.
                let (ny, oy) = if up { (y, y + n) } else { (y + n, y) };
                if n_[ny].0 == o[oy].0 && !o[oy].1 {
                    count += 1;
                    first = first.min(ny);
                    last = last.max(ny);
                }
            }
            if count > best.0 {
                best = (count, n, first, last);
            }
        }
        let (count, n, first, last) = best;
        if count == 0 {
            continue;
        }
        let (top, bottom) = if up {
            (first, last + n)
        } else {
            (first - n, last)
        };
        out.push(Scroll {
            top: pane.y + top as u16,
            bottom: pane.y + bottom as u16,
            n: n as u16,
            up,
        });
    }
    out
}

/// Moves the terminal's rows `top..=bottom` by `n` with DL/IL (no scrolling
/// margins needed, rows outside stay put) and applies the same move to `shown`.
fn scroll_ops(shown: &mut Buffer, mut term: Term, s: Scroll, out: &mut Vec<u8>) -> Term {
    let h = shown.area.height;
    let w = usize::from(shown.area.width);
    // Erased lines take the current background on most terminals (and the
    // reverse video's): make those the defaults. Bold or a foreground colour
    // leaves a blank line blank.
    let paints_blanks = |p: Pen| p.bg != Color::Reset || p.modifier.contains(Modifier::REVERSED);
    if term.pen.is_none_or(|p| paints_blanks(term.caps.pen(p))) {
        out.extend_from_slice(b"\x1b[m");
        term.pen = Some(PLAIN);
    }
    let mut op = |row: u16, code: u8| {
        let mut seq = Seq::new();
        cup(&mut seq, 0, row);
        csi_n(&mut seq, s.n, code);
        out.extend_from_slice(seq.bytes());
    };
    let last = if s.up {
        op(s.top, b'M');
        if s.bottom + 1 < h {
            op(s.bottom + 1 - s.n, b'L');
        }
        if s.bottom + 1 < h {
            s.bottom + 1 - s.n
        } else {
            s.top
        }
    } else {
        if s.bottom + 1 < h {
            op(s.bottom + 1 - s.n, b'M');
        }
        op(s.top, b'L');
        s.top
    };
    term.cursor = Some(Cursor {
        x: 0,
        y: last,
        wrap: false,
    });
    // The same move on our copy of the screen.
    let (top, bottom, n) = (usize::from(s.top), usize::from(s.bottom), usize::from(s.n));
    let cells = &mut shown.content;
    let region = &mut cells[top * w..(bottom + 1) * w];
    if s.up {
        region.rotate_left(n * w);
        let len = region.len();
        region[len - n * w..].fill(Cell::EMPTY);
    } else {
        region.rotate_right(n * w);
        region[..n * w].fill(Cell::EMPTY);
    }
    term
}

// ---------------------------------------------------------------------------
// Encoding: from what the terminal shows to the next frame.

fn is_blank(c: &Cell) -> bool {
    c.symbol() == " " && Pen::of(c) == PLAIN
}

fn width_of(c: &Cell) -> u16 {
    // Nearly every cell holds one ASCII character (control characters never
    // reach the buffer): no width lookup for those.
    if c.symbol().len() == 1 {
        return 1;
    }
    c.cell_width().max(1)
}

fn same(a: &Cell, b: &Cell) -> bool {
    let (x, y) = (a.symbol().as_bytes(), b.symbol().as_bytes());
    // Nearly every cell holds one byte: no memcmp call for those.
    let symbol = match (x, y) {
        ([p], [q]) => p == q,
        _ => x == y,
    };
    symbol && Pen::of(a) == Pen::of(b)
}

fn skipped(c: &Cell) -> bool {
    #[allow(deprecated)]
    let skip = c.skip;
    skip || c.diff_option == CellDiffOption::Skip
}

/// One glyph of a row: where it starts, how wide it is, whether it must be sent.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    x: u16,
    w: u16,
    dirty: bool,
}

/// Encodes the whole frame, row by row.
fn encode(
    shown: &Buffer,
    next: &Buffer,
    mut term: Term,
    links: &[LinkSpot],
    out: &mut Vec<u8>,
) -> Term {
    let w = usize::from(next.area.width);
    let h = usize::from(next.area.height);
    // A buffer of another size stands for a blank screen.
    let blank = if shown.area == next.area {
        Vec::new()
    } else {
        vec![Cell::EMPTY; w]
    };
    let mut a = Vec::new();
    let mut b = Vec::new();
    for y in 0..h {
        let old = if blank.is_empty() {
            &shown.content[y * w..(y + 1) * w]
        } else {
            &blank[..]
        };
        let new = &next.content[y * w..(y + 1) * w];
        if old == new {
            continue;
        }
        let Some(glyphs) = row_glyphs(old, new) else {
            continue;
        };
        let row = Row {
            y: y as u16,
            width: w as u16,
            cells: new,
            glyphs: &glyphs,
            links,
        };
        // Blank tail: from `tail` on every glyph is a plain space.
        let tail = glyphs
            .iter()
            .rev()
            .take_while(|g| {
                let c = &new[usize::from(g.x)];
                is_blank(c) && !skipped(c)
            })
            .last()
            .map(|g| g.x);
        a.clear();
        let ta = row.encode(term, None, &mut a);
        let mut best = (ta, &a);
        if let Some(t) = tail.filter(|&t| glyphs.iter().any(|g| g.dirty && g.x >= t)) {
            b.clear();
            let tb = row.encode(term, Some(t), &mut b);
            if b.len() < best.1.len() {
                best = (tb, &b);
            }
        }
        out.extend_from_slice(best.1);
        term = best.0;
    }
    term
}

/// The glyphs of the new row, or `None` when nothing in it changed.
fn row_glyphs(old: &[Cell], new: &[Cell]) -> Option<Vec<Glyph>> {
    let n = new.len();
    let glyph_width = |row: &[Cell], x: usize| usize::from(width_of(&row[x])).min(n - x);
    let mut any = false;
    let mut glyphs = Vec::with_capacity(n);
    // `ox`: the first glyph start of the old row at or after `x`.
    let (mut x, mut ox) = (0, 0);
    while x < n {
        let w = glyph_width(new, x);
        while ox < x {
            ox += glyph_width(old, ox);
        }
        let clean = ox == x && glyph_width(old, x) == w && same(&old[x], &new[x]);
        let dirty = !skipped(&new[x]) && !clean;
        any |= dirty;
        glyphs.push(Glyph {
            x: x as u16,
            w: w as u16,
            dirty,
        });
        x += w;
    }
    any.then_some(glyphs)
}

struct Row<'a> {
    y: u16,
    width: u16,
    cells: &'a [Cell],
    glyphs: &'a [Glyph],
    /// The frame's hyperlinks (all rows).
    links: &'a [LinkSpot],
}

impl Row<'_> {
    /// Writes the dirty glyphs; with `erase_from`, the dirty glyphs from that
    /// column on are blank and are cleared with EL instead.
    fn encode(&self, mut term: Term, erase_from: Option<u16>, out: &mut Vec<u8>) -> Term {
        let limit = erase_from.unwrap_or(self.width);
        let mut scratch = Vec::new();
        let mut i = 0;
        while i < self.glyphs.len() {
            let g = &self.glyphs[i];
            if !g.dirty || g.x >= limit {
                i += 1;
                continue;
            }
            // Rewriting the clean glyphs between the cursor and this one may
            // beat a cursor move (the spaces between two changed words).
            let fill = match term.cursor {
                Some(c) if c.y == self.y && !c.wrap && c.x < g.x => {
                    let from = self.glyphs[..i].partition_point(|q| q.x < c.x);
                    let gap = &self.glyphs[from..i];
                    let clean = gap.iter().all(|q| !skipped(&self.cells[usize::from(q.x)]));
                    if clean && gap.first().is_some_and(|q| q.x == c.x) {
                        scratch.clear();
                        let mut t = term;
                        for q in gap {
                            self.put(&mut t, q, &mut scratch);
                        }
                        let pen = Pen::of(&self.cells[usize::from(g.x)]);
                        set_pen(&mut t, pen, &mut scratch);
                        // One or two one-byte cells in the current pen are shorter
                        // than any forward move (3 bytes at least): no need to weigh.
                        let short = gap.len() <= 2
                            && gap.iter().all(|q| {
                                let cell = &self.cells[usize::from(q.x)];
                                q.w == 1
                                    && cell.symbol().len() == 1
                                    && term.pen == Some(Pen::of(cell))
                            });
                        let won = short
                            || scratch.len()
                                < move_seq(term.cursor, g.x, self.y, term.caps.cha).len
                                    + pen_seq(term.pen, pen, term.caps.sgr_ext).len;
                        won.then_some(t)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            match fill {
                Some(t) => {
                    out.extend_from_slice(&scratch);
                    term = t;
                }
                None => move_to(&mut term, g.x, self.y, out),
            }
            if let Some(after) = self.erase_run(&mut term, i, limit, out) {
                i = after;
                continue;
            }
            self.put(&mut term, g, out);
            i += 1;
        }
        end_link(&mut term, out);
        if let Some(t) = erase_from {
            let first_dirty = self
                .glyphs
                .iter()
                .find(|g| g.dirty && g.x >= t)
                .map_or(t, |g| g.x);
            let here = term
                .cursor
                .filter(|c| c.y == self.y && !c.wrap && c.x >= t && c.x <= first_dirty);
            if here.is_none() {
                // Whole-row erase needs no column: a vertical move may be cheaper.
                let mut a = Vec::new();
                let mut ta = term;
                move_to(&mut ta, first_dirty, self.y, &mut a);
                a.extend_from_slice(b"\x1b[K");
                let mut best = (a, ta);
                if t == 0
                    && let Some(c) = term.cursor.filter(|c| !c.wrap)
                {
                    let mut b = Vec::new();
                    let mut tb = term;
                    move_to(&mut tb, c.x, self.y, &mut b);
                    b.extend_from_slice(b"\x1b[2K");
                    if b.len() < best.0.len() {
                        best = (b, tb);
                    }
                }
                if t < first_dirty {
                    let mut b = Vec::new();
                    let mut tb = term;
                    move_to(&mut tb, t, self.y, &mut b);
                    b.extend_from_slice(b"\x1b[K");
                    if b.len() < best.0.len() {
                        best = (b, tb);
                    }
                }
                // The pen must be plain before the erase: put it in front.
                let (bytes, t2) = best;
                let mut pen = Vec::new();
                set_pen(&mut term, PLAIN, &mut pen);
                out.extend_from_slice(&pen);
                out.extend_from_slice(&bytes);
                term.cursor = t2.cursor;
            } else {
                set_pen(&mut term, PLAIN, out);
                out.extend_from_slice(b"\x1b[K");
            }
        }
        term
    }

    /// At a run of blank glyphs, erases them with ECH (the cursor stays) when
    /// that is shorter than writing spaces; returns the index of the glyph
    /// after the run.
    fn erase_run(&self, term: &mut Term, i: usize, limit: u16, out: &mut Vec<u8>) -> Option<usize> {
        let blank = |q: &Glyph| {
            let c = &self.cells[usize::from(q.x)];
            q.x < limit && is_blank(c) && !skipped(c)
        };
        let mut last_dirty = None;
        for (j, q) in self.glyphs.iter().enumerate().skip(i) {
            if !blank(q) {
                break;
            }
            if q.dirty {
                last_dirty = Some(j);
            }
        }
        if !term.caps.ech {
            return None;
        }
        let ld = last_dirty?;
        let start = self.glyphs[i].x;
        let end = self.glyphs[ld].x + 1;
        let n = end - start;
        if n < 6 {
            return None;
        }
        let next = self.glyphs[ld + 1..]
            .iter()
            .find(|q| q.dirty && q.x < limit)
            .map(|q| q.x);
        let move_cost = |from: u16| {
            next.map_or(0, |to| {
                let at = Cursor {
                    x: from,
                    y: self.y,
                    wrap: false,
                };
                move_seq(Some(at), to, self.y, term.caps.cha).len
            })
        };
        let mut ech = Seq::new();
        csi_n(&mut ech, n, b'X');
        let spaces = usize::from(n) + if end >= self.width { 0 } else { move_cost(end) };
        if ech.len + move_cost(start) >= spaces {
            return None;
        }
        end_link(term, out);
        set_pen(term, PLAIN, out);
        out.extend_from_slice(ech.bytes());
        Some(ld + 1)
    }

    /// Writes one glyph at the cursor.
    fn put(&self, term: &mut Term, g: &Glyph, out: &mut Vec<u8>) {
        let c = &self.cells[usize::from(g.x)];
        set_pen(term, Pen::of(c), out);
        if !self.links.is_empty() || term.link.is_some() {
            let want = self
                .links
                .iter()
                .position(|s| s.y == self.y && s.x0 <= g.x && g.x < s.x1)
                .map(|i| i as u32);
            if want != term.link {
                end_link(term, out);
                if let Some(i) = want {
                    out.extend_from_slice(b"\x1b]8;;");
                    out.extend_from_slice(self.links[i as usize].url.as_bytes());
                    out.extend_from_slice(b"\x1b\\");
                    term.link = Some(i);
                }
            }
        }
        let symbol = c.symbol();
        let symbol = match term.caps.ascii {
            true => crate::render::ascii::cell(symbol, g.w).unwrap_or(symbol),
            false => symbol,
        };
        out.extend_from_slice(symbol.as_bytes());
        let end = g.x + g.w;
        term.cursor = Some(if end >= self.width {
            Cursor {
                x: self.width - 1,
                y: self.y,
                wrap: true,
            }
        } else {
            Cursor {
                x: end,
                y: self.y,
                wrap: false,
            }
        });
    }
}

// ---------------------------------------------------------------------------
// Escape sequences, built on the stack: the encoder weighs several forms of
// every move and pen change, so none of them may allocate.

/// A short byte sequence (every sequence here is under 64 bytes).
#[derive(Clone, Copy)]
struct Seq {
    buf: [u8; 64],
    len: usize,
}

impl Seq {
    const fn new() -> Seq {
        Seq {
            buf: [0; 64],
            len: 0,
        }
    }

    fn push(&mut self, b: u8) {
        if self.len < self.buf.len() {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }

    fn extend(&mut self, s: &[u8]) {
        for &b in s {
            self.push(b);
        }
    }

    fn num(&mut self, n: u16) {
        let mut digits = [0u8; 5];
        let mut i = digits.len();
        let mut n = n;
        loop {
            i -= 1;
            digits[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.extend(&digits[i..]);
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    fn shorter(self, other: Seq) -> Seq {
        if other.len < self.len { other } else { self }
    }
}

/// `ESC[{n}{code}`, with the count left out when it is 1.
fn csi_n(out: &mut Seq, n: u16, code: u8) {
    out.extend(b"\x1b[");
    if n != 1 {
        out.num(n);
    }
    out.push(code);
}

fn cup(out: &mut Seq, x: u16, y: u16) {
    out.extend(b"\x1b[");
    if y != 0 || x != 0 {
        out.num(y + 1);
    }
    if x != 0 {
        out.push(b';');
        out.num(x + 1);
    }
    out.push(b'H');
}

/// The shortest way from the cursor to (x, y).
fn move_seq(cursor: Option<Cursor>, x: u16, y: u16, cha: bool) -> Seq {
    let mut best = Seq::new();
    if cursor == Some(Cursor { x, y, wrap: false }) {
        return best;
    }
    cup(&mut best, x, y);
    if let Some(c) = cursor {
        let mut cand = Seq::new();
        let mut cx = c.x;
        if c.wrap {
            // With a wrap pending only CR is sure to stay on the row.
            cand.push(b'\r');
            cx = 0;
        }
        if x == 0 && y > c.y && y - c.y <= 3 {
            // CR LF…: right even when the output turns LF into CR LF.
            if !c.wrap {
                cand.push(b'\r');
            }
            for _ in c.y..y {
                cand.push(b'\n');
            }
        } else {
            if y > c.y {
                csi_n(&mut cand, y - c.y, b'B');
            } else if y < c.y {
                csi_n(&mut cand, c.y - y, b'A');
            }
            let h = horizontal(cx, x, cha);
            cand.extend(h.bytes());
        }
        best = best.shorter(cand);
    }
    best
}

/// Moves the cursor to (x, y) with the fewest bytes.
fn move_to(term: &mut Term, x: u16, y: u16, out: &mut Vec<u8>) {
    let here = Cursor { x, y, wrap: false };
    if term.cursor == Some(here) {
        return;
    }
    out.extend_from_slice(move_seq(term.cursor, x, y, term.caps.cha).bytes());
    term.cursor = Some(here);
}

fn horizontal(from: u16, to: u16, cha: bool) -> Seq {
    let mut best = Seq::new();
    if from == to {
        return best;
    }
    if to > from {
        csi_n(&mut best, to - from, b'C');
    } else if from - to == 1 {
        best.push(8);
    } else {
        csi_n(&mut best, from - to, b'D');
    }
    if to == 0 {
        let mut cr = Seq::new();
        cr.push(b'\r');
        best = best.shorter(cr);
    } else {
        let mut cr = Seq::new();
        cr.push(b'\r');
        csi_n(&mut cr, to, b'C');
        best = best.shorter(cr);
    }
    if !cha {
        return best;
    }
    let mut cha = Seq::new();
    csi_n(&mut cha, to + 1, b'G');
    best.shorter(cha)
}

// ---------------------------------------------------------------------------
// SGR.

const MODS: [(Modifier, u16, u16); 9] = [
    (Modifier::BOLD, 1, 22),
    (Modifier::DIM, 2, 22),
    (Modifier::ITALIC, 3, 23),
    (Modifier::UNDERLINED, 4, 24),
    (Modifier::SLOW_BLINK, 5, 25),
    (Modifier::RAPID_BLINK, 6, 25),
    (Modifier::REVERSED, 7, 27),
    (Modifier::HIDDEN, 8, 28),
    (Modifier::CROSSED_OUT, 9, 29),
];

/// SGR parameters, `;`-separated, in one `ESC[…m`.
struct Params {
    seq: Seq,
    any: bool,
}

impl Params {
    fn new() -> Params {
        let mut seq = Seq::new();
        seq.extend(b"\x1b[");
        Params { seq, any: false }
    }

    fn param(&mut self, n: u16) {
        if self.any {
            self.seq.push(b';');
        }
        self.any = true;
        self.seq.num(n);
    }

    fn color(&mut self, c: Color, bg: bool) {
        let base = if bg { 10 } else { 0 };
        if let Some(code) = crate::render::ansi::color_code(c, bg) {
            self.param(u16::from(code));
            return;
        }
        match c {
            Color::Indexed(i) => {
                for n in [38 + base, 5, u16::from(i)] {
                    self.param(n);
                }
            }
            Color::Rgb(r, g, b) => {
                for n in [38 + base, 2, u16::from(r), u16::from(g), u16::from(b)] {
                    self.param(n);
                }
            }
            // Reset: the default colour.
            _ => self.param(39 + base),
        }
    }

    fn done(mut self) -> Seq {
        self.seq.push(b'm');
        self.seq
    }
}

/// The shortest SGR sequence from one pen to another (with `off`, the
/// "off" forms 22–29 may be used; without, a change goes through SGR 0).
fn pen_seq(from: Option<Pen>, to: Pen, off: bool) -> Seq {
    if from == Some(to) {
        return Seq::new();
    }
    // From scratch: reset, then what `to` needs.
    let mut reset = Params::new();
    if to != PLAIN {
        reset.param(0);
        for (m, on, _) in MODS {
            if to.modifier.contains(m) {
                reset.param(on);
            }
        }
        if to.fg != Color::Reset {
            reset.color(to.fg, false);
        }
        if to.bg != Color::Reset {
            reset.color(to.bg, true);
        }
    }
    let mut best = reset.done();
    // From the current pen: turn off, turn on, recolour.
    if let Some(from) = from.filter(|f| off || (f.modifier - to.modifier).is_empty()) {
        let mut p = Params::new();
        let removed = from.modifier - to.modifier;
        let mut offs = 0u32;
        let mut keep_on = Modifier::empty();
        for (m, _, off) in MODS {
            if removed.contains(m) {
                if offs & (1 << (off - 20)) == 0 {
                    p.param(off);
                    offs |= 1 << (off - 20);
                }
                // 22 ends bold and dim together; 25 both blinks.
                for (mm, _, o) in MODS {
                    if o == off && to.modifier.contains(mm) {
                        keep_on |= mm;
                    }
                }
            }
        }
        for (m, on, _) in MODS {
            if (to.modifier.contains(m) && !from.modifier.contains(m)) || keep_on.contains(m) {
                p.param(on);
            }
        }
        if to.fg != from.fg {
            p.color(to.fg, false);
        }
        if to.bg != from.bg {
            p.color(to.bg, true);
        }
        best = best.shorter(p.done());
    }
    best
}

/// Changes the pen with the shortest SGR sequence.
fn set_pen(term: &mut Term, to: Pen, out: &mut Vec<u8>) {
    let to = term.caps.pen(to);
    if term.pen == Some(to) {
        return;
    }
    out.extend_from_slice(pen_seq(term.pen, to, term.caps.sgr_ext).bytes());
    term.pen = Some(to);
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
