//! SGR: the shortest pen change.

use super::*;

pub(super) const MODS: [(Modifier, u16, u16); 9] = [
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
pub(super) struct Params {
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
pub(super) fn pen_seq(from: Option<Pen>, to: Pen, off: bool) -> Seq {
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
pub(super) fn set_pen(term: &mut Term, to: Pen, out: &mut Vec<u8>) {
    let to = term.caps.pen(to);
    if term.pen == Some(to) {
        return;
    }
    out.extend_from_slice(pen_seq(term.pen, to, term.caps.sgr_ext).bytes());
    term.pen = Some(to);
}
