//! What the footer says, fitted to the width: shared by drawing and by mouse
//! clicks on its view tabs (so a click hits what is drawn).
//!
//! The parts, most important first: the message (a search's "match i/n",
//! "copied ..."), `? help`, the position, the view tabs, the other toggles,
//! the other key hints. When the line is too narrow for all of them the least
//! important go first, one step at a time ([`Footer::fit`]); a message that
//! still does not fit is cut at a word, with an ellipsis.

use super::{App, View};
use crate::render::wrap::{str_width, truncate};

/// How a message is styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Accent,
    Warning,
}

/// The footer's parts as drawn, left to right: tabs, a space, the info, then
/// " · " and the message; the hint at the right edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footer {
    /// Each view's tab label (" 1 Read " or " 1 "); empty when there is no room.
    pub tabs: Vec<(View, String)>,
    pub info: String,
    pub message: Option<(String, Tone)>,
    pub hint: String,
}

/// The message cut to `width` cells at a word boundary, with an ellipsis
/// (a word cut short would read as another word: "copied the sectio").
pub fn fit_words(msg: &str, width: usize, ellipsis: &str) -> String {
    if str_width(msg) <= width {
        return msg.to_string();
    }
    let room = width.saturating_sub(str_width(ellipsis));
    let cut = truncate(msg, room, "");
    // Back to the last space, unless the message was cut at one or a single
    // word is longer than the room.
    let at_space = msg[cut.len()..].starts_with(' ');
    let kept = match cut.rfind(' ') {
        Some(i) if !at_space && i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    let kept = kept.trim_end();
    if width < str_width(ellipsis) {
        return truncate(msg, width, "");
    }
    format!("{kept}{ellipsis}")
}

impl Footer {
    fn width(&self) -> usize {
        let tabs: usize = self.tabs.iter().map(|(_, l)| str_width(l)).sum();
        let lead = if tabs > 0 { tabs + 1 } else { 0 };
        let msg = self.message.as_ref().map_or(0, |(m, _)| {
            str_width(m) + if self.info.is_empty() { 0 } else { 3 }
        });
        let hint = if self.hint.is_empty() {
            0
        } else {
            str_width(&self.hint) + 2
        };
        lead + str_width(&self.info) + msg + hint
    }

    /// The view whose tab is drawn at column `x` (from the footer's left edge).
    pub fn tab_at(&self, x: u16) -> Option<View> {
        let mut left = 0usize;
        for (v, label) in &self.tabs {
            let w = str_width(label);
            if (left..left + w).contains(&usize::from(x)) {
                return Some(*v);
            }
            left += w;
        }
        None
    }

    /// Fits the parts into `width` cells, dropping the least important first.
    pub fn fit(
        mut self,
        width: usize,
        info_short: String,
        hint_short: &str,
        ellipsis: &str,
    ) -> Footer {
        let steps: [fn(&mut Footer, &str, &str); 6] = [
            // The long key hints give way to "? help".
            |f, _, short| f.hint = short.to_string(),
            // Tabs as numbers only.
            |f, _, _| {
                for (v, l) in &mut f.tabs {
                    *l = format!(" {} ", v.index() + 1);
                }
            },
            // Only the position, no toggles or count.
            |f, info, _| f.info = info.to_string(),
            // No tabs.
            |f, _, _| f.tabs.clear(),
            // No position.
            |f, _, _| f.info.clear(),
            // No hint.
            |f, _, _| f.hint.clear(),
        ];
        for step in steps {
            if self.width() <= width {
                return self;
            }
            step(&mut self, &info_short, hint_short);
        }
        if let Some((m, _)) = &mut self.message
            && str_width(m) > width
        {
            *m = fit_words(m, width, ellipsis);
        }
        if self.message.is_none() {
            self.info = fit_words(&self.info, width, ellipsis);
        }
        self
    }
}

impl App {
    /// The footer's parts, fitted to the width (not used while the search
    /// prompt or a confirmation is open: they take the whole line).
    pub fn footer(&self) -> Footer {
        let width = usize::from(self.size.width);
        let tabs = View::ALL
            .iter()
            .map(|&v| (v, format!(" {} {} ", v.index() + 1, v.title())))
            .collect();
        let position = self.position();
        let mut info = vec![position.clone()];
        let (p, c) = (self.pros.show_pros, self.pros.show_cons);
        if !p || !c || self.view == View::Pros {
            let on = |b| if b { "on" } else { "off" };
            info.push(format!("pros {}, cons {}", on(p), on(c)));
        }
        if self.view == View::Decide && self.decide.blind {
            info.push(
                if self.decide.revealed {
                    "blind, revealed"
                } else {
                    "blind"
                }
                .into(),
            );
        }
        if let Some(n) = self.count {
            info.push(format!("count {n}"));
        }
        let message = match self.status.clone().or_else(|| self.search.summary()) {
            Some(m) => Some((m, Tone::Accent)),
            None => match self.article.warnings.len() {
                0 => None,
                1 => Some(("1 warning (top of Read view)".into(), Tone::Warning)),
                n => Some((format!("{n} warnings (top of Read view)"), Tone::Warning)),
            },
        };
        let hint = self.footer_hint();
        Footer {
            tabs,
            info: info.join(" · "),
            message,
            hint: hint.to_string(),
        }
        .fit(width, position, "? help", self.theme.glyphs.ellipsis)
    }

    /// The keys worth a reminder in this view, at the footer's right.
    fn footer_hint(&self) -> &'static str {
        match self.view {
            View::Decide => match self.decide.current() {
                Some(q) if q.is_row() => "h/l pick  0 clear  ? help",
                Some(_) if self.decide.score_hidden() => "Space check  r reveal  ? help",
                Some(_) => "Space check  ? help",
                None => "? help  q quit",
            },
            View::Table => "h/l cell  ? help  q quit",
            _ => "? help  q quit",
        }
    }

    /// Where the reader is in the current view ("section 3/16 12%", "row 2/6").
    pub fn position(&self) -> String {
        let a = &self.article;
        match self.view {
            View::Read => {
                let n = a.sections.len();
                if n == 0 {
                    format!("{}%", self.read_percent())
                } else {
                    format!(
                        "section {}/{} {}%",
                        self.current_section() + 1,
                        n,
                        self.read_percent()
                    )
                }
            }
            View::Table => match &a.table {
                Some(t) if !t.rows.is_empty() => {
                    let pct = if t.rows.len() <= 1 {
                        100
                    } else {
                        self.table.row * 100 / (t.rows.len() - 1)
                    };
                    let row = format!("row {}/{} {}%", self.table.row + 1, t.rows.len(), pct);
                    // The cell cursor (h/l): its contender's column.
                    match t.columns.get(self.table.col).filter(|_| self.table.col > 0) {
                        Some(c) => format!("{row} · {c} cell"),
                        None => row,
                    }
                }
                _ => "no table".into(),
            },
            View::Pros => match a.contenders.get(self.pros.col) {
                Some(c) => format!("{} {}/{}", c.name, self.pros.col + 1, a.contenders.len()),
                None => "no contenders".into(),
            },
            View::Decide => match self.decide.shown().get(self.decide.cursor) {
                Some(q) => {
                    let block = self.decide.block_range(q.block());
                    let at = self.decide.cursor - block.start;
                    format!("{} {}/{}", q.block().title(), at + 1, block.len())
                }
                None => "nothing to decide".into(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_cut_at_a_word_with_an_ellipsis() {
        let m = "copied the section to the clipboard (1234 bytes)";
        assert_eq!(fit_words(m, 100, "…"), m);
        assert_eq!(fit_words(m, 17, "…"), "copied the…");
        assert_eq!(fit_words(m, 19, "..."), "copied the...");
        // Cut right before a space: the whole word stays.
        assert_eq!(fit_words("copied the section", 11, "…"), "copied the…");
        // One long word: cut inside it, still with the ellipsis.
        assert_eq!(fit_words("abcdefghij", 5, "…"), "abcd…");
        assert_eq!(fit_words("abc def", 0, "…"), "");
    }

    fn footer(message: Option<&str>) -> Footer {
        Footer {
            tabs: View::ALL
                .iter()
                .map(|&v| (v, format!(" {} {} ", v.index() + 1, v.title())))
                .collect(),
            info: "section 3/16 12% · pros off, cons on".into(),
            message: message.map(|m| (m.to_string(), Tone::Accent)),
            hint: "? help  q quit".into(),
        }
    }

    #[test]
    fn the_least_important_parts_go_first() {
        let fit = |w, m| footer(m).fit(w, "section 3/16 12%".into(), "? help", "…");
        let wide = fit(200, Some("match 3/7"));
        assert_eq!(wide, footer(Some("match 3/7")), "all of it fits");
        let f = fit(100, Some("match 3/7"));
        assert_eq!(f.hint, "? help");
        assert!(f.tabs[0].1.contains("Read"));
        let f = fit(60, Some("match 3/7"));
        assert_eq!(f.tabs[0].1, " 1 ");
        let f = fit(40, Some("match 3/7"));
        assert_eq!(
            (f.info.as_str(), f.hint.as_str()),
            ("section 3/16 12%", "? help")
        );
        let f = fit(30, Some("match 3/7"));
        assert!(f.tabs.is_empty());
        assert_eq!(f.message.unwrap().0, "match 3/7");
        let f = fit(12, Some("match 3/7"));
        assert_eq!(f.message.unwrap().0, "match 3/7");
        for w in [20, 40, 60, 80, 120] {
            assert!(fit(w, Some("match 3/7")).width() <= w, "{w}");
            assert!(fit(w, None).width() <= w, "{w}");
        }
    }

    #[test]
    fn a_tab_is_hit_where_it_is_drawn() {
        let f = footer(None);
        assert_eq!(f.tab_at(0), Some(View::Read));
        assert_eq!(f.tab_at(7), Some(View::Read));
        assert_eq!(f.tab_at(8), Some(View::Table));
        assert_eq!(f.tab_at(42), None);
        let f = footer(None).fit(40, "section 3/16 12%".into(), "? help", "…");
        assert_eq!(f.tab_at(4), Some(View::Table));
    }
}
