//! Row encoding: from what the terminal shows to the next frame, row by row, glyph by glyph.

use super::*;

pub(super) fn is_blank(c: &Cell) -> bool {
    c.symbol() == " " && Pen::of(c) == PLAIN
}

pub(super) fn width_of(c: &Cell) -> u16 {
    // Nearly every cell holds one ASCII character (control characters never
    // reach the buffer): no width lookup for those.
    if c.symbol().len() == 1 {
        return 1;
    }
    c.cell_width().max(1)
}

pub(super) fn same(a: &Cell, b: &Cell) -> bool {
    let (x, y) = (a.symbol().as_bytes(), b.symbol().as_bytes());
    // Nearly every cell holds one byte: no memcmp call for those.
    let symbol = match (x, y) {
        ([p], [q]) => p == q,
        _ => x == y,
    };
    symbol && Pen::of(a) == Pen::of(b)
}

pub(super) fn skipped(c: &Cell) -> bool {
    #[allow(deprecated)]
    let skip = c.skip;
    skip || c.diff_option == CellDiffOption::Skip
}

/// One glyph of a row: where it starts, how wide it is, whether it must be sent.
#[derive(Debug, Clone, Copy)]
pub(super) struct Glyph {
    x: u16,
    w: u16,
    dirty: bool,
}

/// Encodes the whole frame, row by row.
pub(super) fn encode(
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
pub(super) fn row_glyphs(old: &[Cell], new: &[Cell]) -> Option<Vec<Glyph>> {
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

pub(super) struct Row<'a> {
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
