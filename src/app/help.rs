//! The help overlay's box and lines: every key, from the keymap table. Here
//! rather than in drawing so that scrolling stops at the last line.

use super::App;
use crate::keys::help_rows;
use crate::render::wrap::wrap;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// The keys' column, when the box is wide enough to keep the descriptions beside it.
const KEYS_W: usize = 24;
/// Narrower descriptions than this go under their keys instead.
const MIN_DESC_W: usize = 16;

/// The overlay: its box (border included), the rows inside it, and every line.
pub struct HelpLayout {
    pub rect: Rect,
    pub inner: Rect,
    pub lines: Vec<Line<'static>>,
}

impl HelpLayout {
    /// The furthest scroll: the last line at the bottom of the box.
    pub fn max_scroll(&self) -> usize {
        self.lines
            .len()
            .saturating_sub(usize::from(self.inner.height))
    }
}

impl App {
    pub fn help_layout(&self) -> HelpLayout {
        let t = &self.theme;
        let area = self.size;
        let w = area.width.saturating_sub(4).min(76);
        let text_w = usize::from(w.saturating_sub(2)).max(1);
        let mut lines: Vec<Line<'static>> = Vec::new();
        let mut last = None;
        let rows = help_rows();
        // Narrow boxes give the keys' column only what the longest keys need.
        let longest = rows
            .iter()
            .map(|(_, k, _)| crate::render::wrap::str_width(k))
            .max()
            .unwrap_or(0);
        let keys_w = if text_w >= KEYS_W + 40 {
            KEYS_W
        } else {
            (longest + 4).min(KEYS_W)
        };
        let beside = text_w >= keys_w + MIN_DESC_W;
        for (ctx, keys, help) in rows {
            if last != Some(ctx) {
                if last.is_some() {
                    lines.push(Line::default());
                }
                lines.push(Line::from(Span::styled(
                    ctx.title().to_string(),
                    t.heading(2),
                )));
                last = Some(ctx);
            }
            if beside {
                // Keys, then the description wrapped in its column.
                let desc = wrap(&[(help, ratatui::style::Style::new())], text_w - keys_w);
                for (i, d) in desc.into_iter().enumerate() {
                    let lead = if i == 0 {
                        Span::styled(format!("  {keys:<w$}", w = keys_w - 2), t.accent())
                    } else {
                        Span::raw(" ".repeat(keys_w))
                    };
                    let mut spans = vec![lead];
                    spans.extend(d);
                    lines.push(Line::from(spans));
                }
            } else {
                // Narrow: the keys on their line, the description wrapped under them.
                lines.push(Line::from(Span::styled(format!("  {keys}"), t.accent())));
                for d in wrap(
                    &[(help, ratatui::style::Style::new())],
                    text_w.saturating_sub(4).max(1),
                ) {
                    let mut spans = vec![Span::raw("    ")];
                    spans.extend(d);
                    lines.push(Line::from(spans));
                }
            }
        }
        lines.push(Line::default());
        let notes = [
            "Counts: 5-9, then any digits, before a motion (5j, 50j).".to_string(),
            "Mouse: a click selects a tab, an outline entry, a table row or cell, a Decide answer, a contender column; the wheel scrolls. Shift-drag selects text (or run with --no-mouse).".to_string(),
            format!("Decide scoring: {}.", crate::decision::RULE),
        ];
        for note in &notes {
            for l in wrap(&[(note.as_str(), t.dim())], text_w) {
                lines.push(Line::from(l));
            }
        }
        let h = area.height.saturating_sub(2).min(lines.len() as u16 + 2);
        let rect = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        };
        let inner = Rect {
            x: rect.x + 1,
            y: rect.y + 1,
            width: rect.width.saturating_sub(2),
            height: rect.height.saturating_sub(2),
        };
        HelpLayout { rect, inner, lines }
    }

    /// Scrolls the help by `delta` lines, within its lines.
    pub(super) fn help_scroll(&mut self, delta: isize) {
        let max = self.help_layout().max_scroll();
        if let Some(h) = self.help {
            self.help = Some(h.saturating_add_signed(delta).min(max));
        }
    }
}
