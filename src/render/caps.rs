//! What the terminal can do, decided from the environment alone (`TERM`,
//! `TERM_PROGRAM`, `VTE_VERSION`, ...): no start-up query ever waits for the
//! terminal. The encoder ([`crate::wire::Screen`]) and the theme follow it, so
//! a plain VT100 never receives a sequence it does not know.

/// The sequences a terminal understands, beyond the cursor moves (CUP,
/// CUU/CUD/CUF/CUB, CR, LF, BS), erase in line and display (EL, ED) and SGR
/// 0, 1, 4, 5, 7 that every ANSI terminal has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    /// The alternate screen (`?1049h`); without it the screen is cleared on
    /// start and on exit.
    pub alt_screen: bool,
    /// Mouse buttons and wheel reports (`?1000h`, `?1006h`).
    pub mouse: bool,
    /// The 16 ANSI colours (SGR 30-37, 40-47, 90-97, 100-107).
    pub color: bool,
    /// SGR 2, 3, 9 (dim, italic, crossed out) and the "off" forms 22-29.
    /// Without them italic is drawn underlined and a change of pen goes
    /// through SGR 0.
    pub sgr_ext: bool,
    /// Insert and delete line (IL, DL): scrolling moves the terminal's rows.
    pub scroll: bool,
    /// Erase characters (ECH).
    pub ech: bool,
    /// Cursor horizontal absolute (CHA).
    pub cha: bool,
    /// Hiding the cursor (DECTCEM, `?25l`).
    pub cursor_hide: bool,
    /// Clipboard writes (OSC 52).
    pub osc52: bool,
    /// Hyperlinks (OSC 8).
    pub osc8: bool,
    /// Only ASCII goes out: every other character is transliterated.
    pub ascii: bool,
}

impl Caps {
    /// xterm and the terminals that copy it: everything but OSC 8.
    pub const XTERM: Caps = Caps {
        alt_screen: true,
        mouse: true,
        color: true,
        sgr_ext: true,
        scroll: true,
        ech: true,
        cha: true,
        cursor_hide: true,
        osc52: true,
        osc8: false,
        ascii: false,
    };

    /// A DEC VT100: cursor moves, EL, ED, bold, underline, blink, reverse.
    pub const VT100: Caps = Caps {
        alt_screen: false,
        mouse: false,
        color: false,
        sgr_ext: false,
        scroll: false,
        ech: false,
        cha: false,
        cursor_hide: false,
        osc52: false,
        osc8: false,
        ascii: false,
    };

    /// The capabilities for this environment (`get` reads a variable).
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Caps {
        let term = get("TERM").unwrap_or_default().to_ascii_lowercase();
        let mut caps = Caps::for_term(&term);
        // Only xterm-likes, and only those known to show them.
        caps.osc8 = caps == Caps::XTERM && hyperlinks(&term, &get);
        caps
    }

    /// The capabilities `TERM` names (OSC 8 needs the terminal's own
    /// variables too, see [`Caps::from_env`]).
    pub fn for_term(term: &str) -> Caps {
        let vt = term
            .strip_prefix("vt")
            .map(|r| r.split(|c: char| !c.is_ascii_digit()).next().unwrap_or(""))
            .and_then(|n| n.parse::<u32>().ok());
        match vt {
            // VT100, VT101 (and the VT52 mode of a VT100).
            Some(n) if n < 102 => Caps::VT100,
            // VT102: insert and delete line.
            Some(n) if n < 200 => Caps {
                scroll: true,
                ..Caps::VT100
            },
            // VT220 and later DEC terminals: IL/DL, ECH, the "off" SGRs,
            // cursor hiding; still no colour, no italic, no mouse.
            Some(_) => Caps {
                scroll: true,
                ech: true,
                cursor_hide: true,
                ..Caps::VT100
            },
            None if term == "linux" => Caps {
                // No alternate screen, and OSC sequences other than its
                // palette ones are printed as text.
                alt_screen: false,
                osc52: false,
                ..Caps::XTERM
            },
            None => Caps::XTERM,
        }
    }
}

/// True when the terminal is known to show OSC 8 hyperlinks. Inside tmux or
/// screen the outer terminal's variables leak in but the multiplexer may
/// drop or garble the sequence: off there.
fn hyperlinks(term: &str, get: &impl Fn(&str) -> Option<String>) -> bool {
    let set = |k: &str| get(k).is_some_and(|v| !v.is_empty());
    if term.starts_with("screen") || term.starts_with("tmux") || set("TMUX") || set("STY") {
        return false;
    }
    if [
        "xterm-kitty",
        "alacritty",
        "foot",
        "wezterm",
        "xterm-ghostty",
        "contour",
    ]
    .iter()
    .any(|t| term == *t || term.starts_with(&format!("{t}-")))
    {
        return true;
    }
    let program = get("TERM_PROGRAM").unwrap_or_default();
    if [
        "iTerm.app",
        "WezTerm",
        "vscode",
        "ghostty",
        "Hyper",
        "Tabby",
    ]
    .contains(&program.as_str())
    {
        return true;
    }
    let version = |k: &str| get(k).and_then(|v| v.trim().parse::<u64>().ok());
    // VTE (GNOME Terminal, Tilix, ...) since 0.50; Konsole since 20.08.
    version("VTE_VERSION").is_some_and(|v| v >= 5000)
        || version("KONSOLE_VERSION").is_some_and(|v| v >= 200800)
        || set("WT_SESSION")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caps(vars: &[(&str, &str)]) -> Caps {
        Caps::from_env(|k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn dec_terminals_get_what_they_have() {
        let vt100 = caps(&[("TERM", "vt100")]);
        assert_eq!(vt100, Caps::VT100);
        assert!(!vt100.alt_screen && !vt100.mouse && !vt100.color && !vt100.scroll);
        assert!(!vt100.ech && !vt100.sgr_ext && !vt100.osc8 && !vt100.cursor_hide);
        let vt102 = caps(&[("TERM", "vt102")]);
        assert!(vt102.scroll && !vt102.ech && !vt102.color && !vt102.alt_screen);
        let vt220 = caps(&[("TERM", "vt220")]);
        assert!(vt220.scroll && vt220.ech && !vt220.color && !vt220.mouse && !vt220.sgr_ext);
        assert_eq!(caps(&[("TERM", "VT100-AM")]), Caps::VT100);
    }

    #[test]
    fn xterm_likes_keep_everything() {
        for t in [
            "xterm",
            "xterm-256color",
            "screen-256color",
            "tmux-256color",
            "rxvt-unicode",
        ] {
            let c = caps(&[("TERM", t)]);
            assert!(
                c.alt_screen && c.mouse && c.color && c.scroll && c.ech && c.sgr_ext,
                "{t}"
            );
        }
        let linux = caps(&[("TERM", "linux")]);
        assert!(!linux.alt_screen && !linux.osc52 && !linux.osc8);
        assert!(linux.color && linux.scroll && linux.ech && linux.mouse);
    }

    #[test]
    fn hyperlinks_only_where_known() {
        assert!(!caps(&[("TERM", "xterm-256color")]).osc8);
        assert!(caps(&[("TERM", "xterm-kitty")]).osc8);
        assert!(caps(&[("TERM", "foot")]).osc8);
        assert!(caps(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")]).osc8);
        assert!(!caps(&[("TERM", "xterm-256color"), ("VTE_VERSION", "4200")]).osc8);
        assert!(caps(&[("TERM", "xterm-256color"), ("TERM_PROGRAM", "iTerm.app")]).osc8);
        assert!(caps(&[("TERM", "xterm-256color"), ("WT_SESSION", "x")]).osc8);
        // The outer terminal's variables leak into tmux and screen.
        assert!(!caps(&[("TERM", "tmux-256color"), ("VTE_VERSION", "7600")]).osc8);
        assert!(!caps(&[("TERM", "screen"), ("TERM_PROGRAM", "iTerm.app")]).osc8);
        assert!(!caps(&[("TERM", "xterm-kitty"), ("TMUX", "/tmp/t,1,0")]).osc8);
        // Never for DEC terminals or the console.
        assert!(!caps(&[("TERM", "vt100"), ("VTE_VERSION", "7600")]).osc8);
        assert!(!caps(&[("TERM", "linux"), ("VTE_VERSION", "7600")]).osc8);
    }
}
