//! Styles and glyphs. Only the 16 ANSI colours plus bold/italic/reverse, so
//! the program reads well on any theme and over any SSH client; with colour
//! off (NO_COLOR, `--color never`) only modifiers remain.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub glyphs: Glyphs,
    /// Links show their target after their words, `words (url)` (plain
    /// text for `--print`); otherwise only the words, marked, with the
    /// target kept for the Read view's link focus and OSC 8.
    pub urls: bool,
}

/// Modifier bits that tag the cells of a link in the Read view, the even
/// and the odd links of a paragraph apart, so that the encoder
/// ([`crate::wire`]) can wrap them in OSC 8 and the Read view can find them
/// on screen. Neither is ever sent: the encoder strips them (and `--print`
/// writes only the SGRs it knows).
pub const LINK_TAGS: [Modifier; 2] = [Modifier::HIDDEN, Modifier::RAPID_BLINK];

/// Both link tags.
pub const LINK_TAG_MASK: Modifier = Modifier::HIDDEN.union(Modifier::RAPID_BLINK);

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
            urls: false,
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
    /// Links are marked with brackets too where colour cannot tell them
    /// from other underlined text (no colour, ASCII mode).
    pub fn link_brackets(&self) -> bool {
        (!self.color || self.glyphs.ascii) && !self.urls
    }
    /// The link selected in the Read view.
    pub fn link_selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
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
