//! Styled lines as plain text, with SGR colour codes only when asked for.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;

/// The SGR parameter of one of the 16 ANSI colours (foreground, or background
/// with `bg`); `None` for reset, indexed and RGB colours.
pub fn color_code(c: Color, bg: bool) -> Option<u8> {
    let base = match c {
        Color::Black => 30,
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Blue => 34,
        Color::Magenta => 35,
        Color::Cyan => 36,
        Color::Gray => 37,
        Color::DarkGray => 90,
        Color::LightRed => 91,
        Color::LightGreen => 92,
        Color::LightYellow => 93,
        Color::LightBlue => 94,
        Color::LightMagenta => 95,
        Color::LightCyan => 96,
        Color::White => 97,
        _ => return None,
    };
    Some(if bg { base + 10 } else { base })
}

fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    let m = style.add_modifier;
    for (flag, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if m.contains(flag) {
            codes.push(code.into());
        }
    }
    if let Some(c) = style.fg.and_then(|c| color_code(c, false)) {
        codes.push(c.to_string());
    }
    if let Some(c) = style.bg.and_then(|c| color_code(c, true)) {
        codes.push(c.to_string());
    }
    if codes.is_empty() {
        String::new()
    } else {
        format!("\x1b[{}m", codes.join(";"))
    }
}

/// One line of output, trailing blanks removed; SGR sequences only when `color`.
pub fn line_to_string(line: &Line<'_>, color: bool) -> String {
    let mut out = String::new();
    for span in &line.spans {
        let code = if color {
            sgr(span.style)
        } else {
            String::new()
        };
        out.push_str(&code);
        out.push_str(&span.content);
        if !code.is_empty() {
            out.push_str("\x1b[0m");
        }
    }
    if color {
        out
    } else {
        out.trim_end().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    #[test]
    fn plain_has_no_escapes() {
        let l = Line::from(vec![
            Span::styled("Bold", Style::new().add_modifier(Modifier::BOLD)),
            Span::raw("  "),
        ]);
        assert_eq!(line_to_string(&l, false), "Bold");
    }

    #[test]
    fn color_uses_sgr() {
        let l = Line::from(Span::styled(
            "x",
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
        ));
        assert_eq!(line_to_string(&l, true), "\x1b[1;36mx\x1b[0m");
    }
}
