//! Renders every view at 100x30 with ratatui's TestBackend and writes SVG
//! files to `screenshots/`: `cargo run --example screenshots`.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};
use std::fmt::Write as _;
use versus::app::{App, Options};
use versus::render::theme::Theme;

const W: u16 = 100;
const H: u16 = 30;
const CELL_W: f32 = 8.4;
const CELL_H: f32 = 18.0;

fn rgb(c: Color, fg: bool) -> &'static str {
    match c {
        Color::Black => "#1d1f21",
        Color::Red => "#cc6666",
        Color::Green => "#8fbf6a",
        Color::Yellow => "#e0b94f",
        Color::Blue => "#6f9fd8",
        Color::Magenta => "#c397d8",
        Color::Cyan => "#70c0c8",
        Color::Gray => "#c5c8c6",
        Color::DarkGray => "#7a7d7b",
        Color::White => "#ffffff",
        _ if fg => "#d8dad8",
        _ => "#1d1f21",
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn svg(buf: &Buffer) -> String {
    let (w, h) = (
        f32::from(buf.area.width) * CELL_W,
        f32::from(buf.area.height) * CELL_H,
    );
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\" font-size=\"14\">\n<rect width=\"100%\" height=\"100%\" fill=\"#1d1f21\"/>\n"
    );
    for y in 0..buf.area.height {
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            let mut fg = cell.fg;
            let mut bg = cell.bg;
            if cell.modifier.contains(Modifier::REVERSED) {
                std::mem::swap(&mut fg, &mut bg);
                if fg == Color::Reset {
                    fg = Color::Black;
                }
                if bg == Color::Reset {
                    bg = Color::Gray;
                }
            }
            let (px, py) = (f32::from(x) * CELL_W, f32::from(y) * CELL_H);
            if bg != Color::Reset {
                let _ = writeln!(
                    s,
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{CELL_W}\" height=\"{CELL_H}\" fill=\"{}\"/>",
                    rgb(bg, false)
                );
            }
            let sym = cell.symbol();
            // Full blocks (the Decide bars) as rectangles, so they join without gaps.
            if sym == "█" {
                let _ = writeln!(
                    s,
                    "<rect x=\"{px}\" y=\"{py}\" width=\"{}\" height=\"{CELL_H}\" fill=\"{}\"/>",
                    CELL_W + 0.5,
                    rgb(fg, true)
                );
            } else if !sym.trim().is_empty() {
                let weight = if cell.modifier.contains(Modifier::BOLD) {
                    " font-weight=\"bold\""
                } else {
                    ""
                };
                let style = if cell.modifier.contains(Modifier::ITALIC) {
                    " font-style=\"italic\""
                } else {
                    ""
                };
                let deco = if cell.modifier.contains(Modifier::UNDERLINED) {
                    " text-decoration=\"underline\""
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "<text x=\"{px}\" y=\"{}\" fill=\"{}\"{weight}{style}{deco}>{}</text>",
                    py + CELL_H * 0.75,
                    rgb(fg, true),
                    esc(sym)
                );
            }
            x += 1;
        }
    }
    s.push_str("</svg>\n");
    s
}

fn main() {
    let shots: &[(&str, &str)] = &[
        // `}`: the next section, whose sub-headings unfold in the outline.
        ("read", "}"),
        ("table", "2"),
        ("pros-cons", "3"),
        // Two Django criteria checked, Flask preferred on "Learning Curve".
        ("decide", "4 j Jjjl"),
        ("help", "?"),
        // The second match of "flask": the current one in its own style.
        ("search", "/flask\rn"),
    ];
    std::fs::create_dir_all("screenshots").expect("screenshots/");
    for (name, keys) in shots {
        let mut app = App::new(
            versus::article::bundled(),
            Theme::new(true, false),
            Rect::new(0, 0, W, H),
            &Options::default(),
        );
        for c in keys.chars() {
            let code = match c {
                '\r' => versus::event::KeyCode::Enter,
                c => versus::event::KeyCode::Char(c),
            };
            app.on_key(versus::event::KeyEvent::new(
                code,
                versus::event::KeyModifiers::NONE,
            ));
        }
        let mut t = Terminal::new(TestBackend::new(W, H)).expect("terminal");
        t.draw(|f| f.render_widget(&app, f.area())).expect("draw");
        let path = format!("screenshots/{name}.svg");
        std::fs::write(&path, svg(t.backend().buffer())).expect("write");
        println!("wrote {path}");
    }
}
