//! The screen a terminal emulator (vt100) shows, compared cell by cell with
//! a fresh render of the app: the character, both colours, bold, dim,
//! italic, underline and reverse.
#![allow(dead_code)]

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::widgets::Widget;
use std::num::NonZeroU16;
use versus::app::App;
use versus::render::caps::Caps;

pub fn parser(w: u16, h: u16) -> vt100::Parser {
    vt100::Parser::new(
        NonZeroU16::new(h.max(1)).unwrap(),
        NonZeroU16::new(w.max(1)).unwrap(),
        0,
    )
}

pub fn vt_color(c: Color) -> vt100::Color {
    use vt100::Color::{Default, Idx, Rgb};
    match c {
        Color::Reset => Default,
        Color::Black => Idx(0),
        Color::Red => Idx(1),
        Color::Green => Idx(2),
        Color::Yellow => Idx(3),
        Color::Blue => Idx(4),
        Color::Magenta => Idx(5),
        Color::Cyan => Idx(6),
        Color::Gray => Idx(7),
        Color::DarkGray => Idx(8),
        Color::LightRed => Idx(9),
        Color::LightGreen => Idx(10),
        Color::LightYellow => Idx(11),
        Color::LightBlue => Idx(12),
        Color::LightMagenta => Idx(13),
        Color::LightCyan => Idx(14),
        Color::White => Idx(15),
        Color::Indexed(i) => Idx(i),
        Color::Rgb(r, g, b) => Rgb(r, g, b),
    }
}

/// Compares the emulated screen with a fresh render, cell by cell: the
/// character, both colours, bold, dim, italic, underline and reverse. With
/// `caps` short of colour or SGR 2/3/9, what such a terminal shows instead:
/// no colour, no dim, italic as underline; in ASCII mode a cell that is not
/// ASCII shows an ASCII stand-in.
pub fn assert_seen(screen: &vt100::Screen, want: &Buffer, caps: &Caps, context: &str) {
    let area = want.area;
    for y in 0..area.height {
        let mut x = 0;
        while x < area.width {
            let c = &want[(x, y)];
            let w = ratatui::buffer::CellWidth::cell_width(c).max(1);
            let got = screen.cell(y, x).expect("cell");
            let sym = if got.contents().is_empty() {
                " "
            } else {
                got.contents()
            };
            let m = c.modifier;
            let symbol = if caps.ascii && !c.symbol().is_ascii() {
                // Any one printable ASCII character stands in.
                let ok = sym.len() == 1 && (sym.as_bytes()[0].is_ascii_graphic() || sym == " ");
                if ok { sym } else { "<not an ASCII stand-in>" }
            } else {
                c.symbol()
            };
            let (fg, bg) = if caps.color {
                (vt_color(c.fg), vt_color(c.bg))
            } else {
                (vt100::Color::Default, vt100::Color::Default)
            };
            let ext = caps.sgr_ext;
            let expect = (
                symbol,
                fg,
                bg,
                m.contains(Modifier::BOLD),
                ext && m.contains(Modifier::DIM),
                ext && m.contains(Modifier::ITALIC),
                m.contains(Modifier::UNDERLINED) || (!ext && m.contains(Modifier::ITALIC)),
                m.contains(Modifier::REVERSED),
            );
            let seen = (
                sym,
                got.fgcolor(),
                got.bgcolor(),
                got.bold(),
                got.dim(),
                got.italic(),
                got.underline(),
                got.inverse(),
            );
            if expect != seen {
                let rows: Vec<String> = screen.rows(0, area.width).collect();
                panic!(
                    "{context}: cell ({x}, {y}) differs: want {expect:?}, got {seen:?}\nscreen:\n{}",
                    rows.join("\n")
                );
            }
            x += w;
        }
    }
}

pub fn render(app: &App) -> Buffer {
    let mut buf = Buffer::empty(app.size);
    app.render(app.size, &mut buf);
    buf
}

/// [`assert_seen`] on an xterm-like terminal: every cell exactly as rendered.
pub fn assert_same(screen: &vt100::Screen, want: &Buffer, context: &str) {
    assert_seen(screen, want, &Caps::XTERM, context);
}
