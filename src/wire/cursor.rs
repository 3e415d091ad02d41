//! Cursor moves, built on the stack: the encoder weighs several forms of
//! every move, so none of them may allocate.

use super::*;

/// A short byte sequence (every sequence here is under 64 bytes).
#[derive(Clone, Copy)]
pub(super) struct Seq {
    pub(super) buf: [u8; 64],
    pub(super) len: usize,
}

impl Seq {
    pub(super) const fn new() -> Seq {
        Seq {
            buf: [0; 64],
            len: 0,
        }
    }

    pub(super) fn push(&mut self, b: u8) {
        if self.len < self.buf.len() {
            self.buf[self.len] = b;
            self.len += 1;
        }
    }

    pub(super) fn extend(&mut self, s: &[u8]) {
        for &b in s {
            self.push(b);
        }
    }

    pub(super) fn num(&mut self, n: u16) {
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

    pub(super) fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    pub(super) fn shorter(self, other: Seq) -> Seq {
        if other.len < self.len { other } else { self }
    }
}

/// `ESC[{n}{code}`, with the count left out when it is 1.
pub(super) fn csi_n(out: &mut Seq, n: u16, code: u8) {
    out.extend(b"\x1b[");
    if n != 1 {
        out.num(n);
    }
    out.push(code);
}

pub(super) fn cup(out: &mut Seq, x: u16, y: u16) {
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
pub(super) fn move_seq(cursor: Option<Cursor>, x: u16, y: u16, cha: bool) -> Seq {
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
pub(super) fn move_to(term: &mut Term, x: u16, y: u16, out: &mut Vec<u8>) {
    let here = Cursor { x, y, wrap: false };
    if term.cursor == Some(here) {
        return;
    }
    out.extend_from_slice(move_seq(term.cursor, x, y, term.caps.cha).bytes());
    term.cursor = Some(here);
}

pub(super) fn horizontal(from: u16, to: u16, cha: bool) -> Seq {
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
