//! Styles and glyphs. Only the 16 ANSI colours plus bold/italic/reverse, so
//! the program reads well on any theme and over any SSH client; with colour
//! off (NO_COLOR, `--color never`) only modifiers remain.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub glyphs: Glyphs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub ascii: bool,
    pub bullet: &'static str,
    pub quote: &'static str,
    pub rule: &'static str,
    pub ellipsis: &'static str,
    pub check_on: &'static str,
    pub check_off: &'static str,
    pub bar: &'static str,
    pub pro: &'static str,
    pub con: &'static str,
    pub pick: &'static str,
    /// Table borders: horizontal, vertical, and the corners/joins
    /// top-left, top, top-right, left, cross, right, bottom-left, bottom, bottom-right.
    pub h: &'static str,
    pub v: &'static str,
    pub joins: [&'static str; 9],
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        ascii: false,
        bullet: "•",
        quote: "│",
        rule: "─",
        ellipsis: "…",
        check_on: "[x]",
        check_off: "[ ]",
        bar: "█",
        pro: "+",
        con: "−",
        pick: "▸",
        h: "─",
        v: "│",
        joins: ["┌", "┬", "┐", "├", "┼", "┤", "└", "┴", "┘"],
    };
    pub const ASCII: Glyphs = Glyphs {
        ascii: true,
        bullet: "*",
        quote: "|",
        rule: "-",
        ellipsis: "~",
        check_on: "[x]",
        check_off: "[ ]",
        bar: "#",
        pro: "+",
        con: "-",
        pick: ">",
        h: "-",
        v: "|",
        joins: ["+", "+", "+", "+", "+", "+", "+", "+", "+"],
    };
}

impl Theme {
    pub fn new(color: bool, ascii: bool) -> Theme {
        Theme {
            color,
            glyphs: if ascii {
                Glyphs::ASCII
            } else {
                Glyphs::UNICODE
            },
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn heading(&self, level: u8) -> Style {
        let s = match level {
            1 => self.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            2 => self.fg(Color::Cyan),
            3 => self.fg(Color::Green),
            _ => Style::new(),
        };
        s.add_modifier(Modifier::BOLD)
    }
    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn italic(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }
    pub fn code(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn code_block(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn link(&self) -> Style {
        self.fg(Color::Blue).add_modifier(Modifier::UNDERLINED)
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn border(&self) -> Style {
        self.dim()
    }
    pub fn table_header(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn search_match(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Yellow)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }
    pub fn pro(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }
    pub fn con(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn accent(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn bar(&self, i: usize) -> Style {
        const BARS: [Color; 4] = [Color::Green, Color::Blue, Color::Magenta, Color::Yellow];
        self.fg(BARS[i % BARS.len()])
    }
}
