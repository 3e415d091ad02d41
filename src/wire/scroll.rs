//! Scroll detection: when a pane moved by whole lines, and the DL/IL that moves the terminal's rows the same way.

use super::*;

pub(super) fn row_hash(buf: &Buffer, y: u16, x0: u16, x1: u16) -> (u64, bool) {
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
pub(super) fn detect_scrolls(old: &Buffer, new: &Buffer, pane: Option<Rect>) -> Vec<Scroll> {
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
pub(super) fn scroll_ops(shown: &mut Buffer, mut term: Term, s: Scroll, out: &mut Vec<u8>) -> Term {
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
