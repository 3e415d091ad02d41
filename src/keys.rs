//! The one keymap table. Key handling, the help overlay and README's key
//! table are all produced from [`KEYMAP`].

use crate::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies. Bindings of the current view win over global ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Read,
    Table,
    Pros,
    Decide,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Read => "Read view",
            Context::Table => "Table view",
            Context::Pros => "Pros & Cons view",
            Context::Decide => "Decide view",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    ViewRead,
    ViewTable,
    ViewPros,
    ViewDecide,
    NextView,
    PrevView,
    Left,
    Right,
    Down,
    Up,
    NextSection,
    PrevSection,
    PageDown,
    PageUp,
    HalfDown,
    HalfUp,
    Top,
    Bottom,
    Enter,
    Search,
    NextMatch,
    PrevMatch,
    TogglePros,
    ToggleCons,
    ToggleOutline,
    Copy,
    Help,
    Escape,
    Quit,
    /// Decide: check or uncheck the answer under the cursor.
    Toggle,
    /// Decide: clear the preference on a table row.
    ClearPick,
    /// Decide: clear every answer (asks first).
    ClearAll,
    /// Decide: hide which contender a criterion speaks for.
    Blind,
    /// Decide, blind mode: show the score and the reasons.
    Reveal,
    /// Read: select the next link on screen (or below it).
    NextLink,
    /// Read: select the previous link.
    PrevLink,
}

/// A key as written in the table: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(pub KeyCode, pub KeyModifiers);

const fn k(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::NONE)
}
const fn ctrl(c: char) -> Key {
    Key(KeyCode::Char(c), KeyModifiers::CONTROL)
}
const fn code(c: KeyCode) -> Key {
    Key(c, KeyModifiers::NONE)
}

pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn b(context: Context, keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding {
        context,
        keys,
        action,
        help,
    }
}

use Action as A;
use Context::*;

pub const KEYMAP: &[Binding] = &[
    b(Global, &[k('1')], A::ViewRead, "Read view"),
    b(Global, &[k('2')], A::ViewTable, "Table view"),
    b(Global, &[k('3')], A::ViewPros, "Pros & Cons view"),
    b(Global, &[k('4')], A::ViewDecide, "Decide view"),
    b(Global, &[code(KeyCode::Tab)], A::NextView, "next view"),
    b(
        Global,
        &[code(KeyCode::BackTab)],
        A::PrevView,
        "previous view",
    ),
    b(
        Decide,
        &[k('h'), code(KeyCode::Left)],
        A::Left,
        "prefer the contender on the left",
    ),
    b(
        Decide,
        &[k('l'), code(KeyCode::Right)],
        A::Right,
        "prefer the contender on the right",
    ),
    b(
        Table,
        &[k('h'), code(KeyCode::Left), k('[')],
        A::Left,
        "cell cursor left (y copies the cell, Esc leaves)",
    ),
    b(
        Table,
        &[k('l'), code(KeyCode::Right), k(']')],
        A::Right,
        "cell cursor right",
    ),
    b(
        Global,
        &[k('h'), code(KeyCode::Left), k('[')],
        A::Left,
        "focus left (pane or contender column)",
    ),
    b(
        Global,
        &[k('l'), code(KeyCode::Right), k(']')],
        A::Right,
        "focus right (pane or contender column)",
    ),
    b(
        Global,
        &[k('j'), code(KeyCode::Down)],
        A::Down,
        "down a line / item (count: 5j)",
    ),
    b(
        Global,
        &[k('k'), code(KeyCode::Up)],
        A::Up,
        "up a line / item (count: 5k)",
    ),
    b(
        Decide,
        &[k('J'), k('}')],
        A::NextSection,
        "next block of questions",
    ),
    b(
        Decide,
        &[k('K'), k('{')],
        A::PrevSection,
        "previous block of questions",
    ),
    b(Global, &[k('J'), k('}')], A::NextSection, "next section"),
    b(
        Global,
        &[k('K'), k('{')],
        A::PrevSection,
        "previous section",
    ),
    b(Decide, &[k(' ')], A::Toggle, "check / uncheck the answer"),
    b(
        Decide,
        &[k('b')],
        A::Blind,
        "blind mode: hide whom a criterion favours, and the score",
    ),
    b(
        Decide,
        &[k('r')],
        A::Reveal,
        "reveal the score in blind mode",
    ),
    b(
        Decide,
        &[k('0')],
        A::ClearPick,
        "clear the preference on this row",
    ),
    b(
        Decide,
        &[k('x')],
        A::ClearAll,
        "clear all answers (asks first)",
    ),
    b(
        Global,
        &[code(KeyCode::PageDown), k(' ')],
        A::PageDown,
        "page down",
    ),
    b(
        Global,
        &[code(KeyCode::PageUp), k('b')],
        A::PageUp,
        "page up",
    ),
    b(Global, &[ctrl('d')], A::HalfDown, "half a page down"),
    b(Global, &[ctrl('u')], A::HalfUp, "half a page up"),
    b(Global, &[k('g'), code(KeyCode::Home)], A::Top, "top"),
    b(Global, &[k('G'), code(KeyCode::End)], A::Bottom, "bottom"),
    b(
        Read,
        &[code(KeyCode::Enter)],
        A::Enter,
        "jump to the section (outline)",
    ),
    b(Read, &[k('o')], A::ToggleOutline, "show / hide the outline"),
    b(
        Read,
        &[k('f')],
        A::NextLink,
        "select the next link (Enter follows, y copies)",
    ),
    b(Read, &[k('F')], A::PrevLink, "select the previous link"),
    b(
        Global,
        &[k('/')],
        A::Search,
        "search (Enter confirms, Esc cancels)",
    ),
    b(Global, &[k('n')], A::NextMatch, "next match"),
    b(Global, &[k('N')], A::PrevMatch, "previous match"),
    b(Global, &[k('p')], A::TogglePros, "show / hide pros"),
    b(Global, &[k('c')], A::ToggleCons, "show / hide cons"),
    b(Global, &[k('y')], A::Copy, "copy to the clipboard (OSC 52)"),
    b(Global, &[k('?')], A::Help, "help"),
    b(
        Global,
        &[code(KeyCode::Esc)],
        A::Escape,
        "close help, search, highlights or the table cell",
    ),
    b(
        Global,
        &[k('q'), ctrl('c')],
        A::Quit,
        "quit (Ctrl-C: at once, from anywhere)",
    ),
];

/// Normalises what terminals send: Shift on a printable character is in the
/// character itself, and Shift-Tab may come as Tab with Shift.
fn normalise(ev: KeyEvent) -> Key {
    let mut mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    let mut code = ev.code;
    if let KeyCode::Char(_) = code {
        mods.remove(KeyModifiers::SHIFT);
    }
    if code == KeyCode::Tab && mods.contains(KeyModifiers::SHIFT) {
        code = KeyCode::BackTab;
    }
    if code == KeyCode::BackTab {
        mods.remove(KeyModifiers::SHIFT);
    }
    if let KeyCode::Char(c) = code
        && mods.contains(KeyModifiers::CONTROL)
    {
        code = KeyCode::Char(c.to_ascii_lowercase());
    }
    Key(code, mods)
}

/// The action bound to `ev` in `context`, view bindings first.
pub fn lookup(ev: KeyEvent, context: Context) -> Option<Action> {
    let key = normalise(ev);
    let find = |ctx: Context| {
        KEYMAP
            .iter()
            .find(|bd| bd.context == ctx && bd.keys.contains(&key))
            .map(|bd| bd.action)
    };
    find(context).or_else(|| find(Global))
}

/// How a key is written in help and README ("Ctrl-D", "PgDn", "Space").
pub fn key_name(key: &Key) -> String {
    let base = match key.0 {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        other => format!("{other:?}"),
    };
    if key.1.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{}", base.to_uppercase())
    } else {
        base
    }
}

/// Help rows grouped by context: (context, keys, description).
pub fn help_rows() -> Vec<(Context, String, &'static str)> {
    let order = [Global, Read, Table, Pros, Decide];
    let mut rows = Vec::new();
    for ctx in order {
        for bd in KEYMAP.iter().filter(|bd| bd.context == ctx) {
            let keys: Vec<String> = bd.keys.iter().map(key_name).collect();
            rows.push((ctx, keys.join(" "), bd.help));
        }
    }
    rows
}

/// README's key table, generated from [`KEYMAP`] (a test keeps README in step).
pub fn markdown_table() -> String {
    let mut s = String::from("| Where | Keys | Action |\n|---|---|---|\n");
    for (ctx, keys, help) in help_rows() {
        let keys = keys
            .split(' ')
            .map(|k| format!("`{}`", if k == "|" { "\\|" } else { k }))
            .collect::<Vec<_>>()
            .join(" ");
        s.push_str(&format!("| {} | {} | {} |\n", ctx.title(), keys, help));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn view_bindings_win_over_global_ones() {
        let space = ev(KeyCode::Char(' '), KeyModifiers::NONE);
        assert_eq!(lookup(space, Context::Read), Some(Action::PageDown));
        assert_eq!(lookup(space, Context::Decide), Some(Action::Toggle));
    }

    #[test]
    fn shifted_and_control_keys() {
        assert_eq!(
            lookup(ev(KeyCode::Char('G'), KeyModifiers::SHIFT), Context::Read),
            Some(Action::Bottom)
        );
        assert_eq!(
            lookup(ev(KeyCode::Char('c'), KeyModifiers::CONTROL), Context::Read),
            Some(Action::Quit)
        );
        assert_eq!(
            lookup(
                ev(
                    KeyCode::Char('D'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT
                ),
                Context::Read
            ),
            Some(Action::HalfDown)
        );
        assert_eq!(
            lookup(ev(KeyCode::Tab, KeyModifiers::SHIFT), Context::Table),
            Some(Action::PrevView)
        );
        assert_eq!(
            lookup(ev(KeyCode::Char('c'), KeyModifiers::NONE), Context::Read),
            Some(Action::ToggleCons)
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in KEYMAP.iter().enumerate() {
            for b in &KEYMAP[i + 1..] {
                if a.context == b.context {
                    for key in a.keys {
                        assert!(
                            !b.keys.contains(key),
                            "{key:?} bound twice in {:?}",
                            a.context
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn readme_key_table_is_current() {
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README's key table is out of date; paste keys::markdown_table() into it:\n{}",
            markdown_table()
        );
    }
}
