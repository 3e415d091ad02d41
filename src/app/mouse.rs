//! Mouse clicks, hit-tested on the same geometry the drawing uses: a tab in
//! the footer selects its view, an outline entry jumps there, a table row
//! (or cell) is selected, a Decide checkbox toggles and a row's value picks
//! that contender, a contender column in Pros & Cons takes the focus.

use super::decide::Hit;
use super::{App, View, geometry};
use crate::decision::{Answer, Question};
use crate::keys::Action;
use ratatui::layout::{Position, Rect};

impl App {
    /// A left click at (col, row) of the terminal.
    pub fn click(&mut self, col: u16, row: u16) {
        self.finish_items();
        if geometry::too_small(self.size) {
            return;
        }
        // The search prompt and a pending question keep the footer: a click
        // changes nothing there. Over the help, a click closes it.
        if self.search.prompt.is_some() || self.decide.confirm {
            return;
        }
        if self.help.is_some() {
            self.help = None;
            return;
        }
        self.status = None;
        let [_, body, foot] = geometry::frame(self.size);
        let pos = Position::new(col, row);
        if foot.contains(pos) {
            if let Some(v) = self.footer().tab_at(col - foot.x) {
                self.set_view(v);
            }
            return;
        }
        if !body.contains(pos) {
            return;
        }
        match self.view {
            View::Read => self.click_read(pos),
            View::Table => self.click_table(pos),
            View::Pros => self.click_pros(pos),
            View::Decide => self.click_decide(pos),
        }
    }

    fn click_read(&mut self, pos: Position) {
        let (outline, _) = self.read_panes();
        let Some(o) = outline.filter(|o| o.contains(pos)) else {
            // A click on the text gives it the focus back.
            self.read.focus = super::read::Focus::Content;
            return;
        };
        // As drawn: the pane less its right border, less its padding.
        let inner = geometry::outline_text(o);
        let rows = self.outline_rows(usize::from(inner.height));
        if let Some(&s) = rows.get(usize::from(pos.y - inner.y)) {
            self.read_jump_to_section(s);
        }
    }

    fn click_table(&mut self, pos: Position) {
        let Some(l) = self.table_layout() else { return };
        let area = geometry::padded(geometry::body(self.size));
        let y = usize::from(pos.y - area.y);
        // The column under the pointer, in a grid (cards have none).
        let x = usize::from(pos.x.saturating_sub(area.x));
        let column = geometry::grid_column_at(&l.widths, x);
        if y < l.header.len() {
            if let Some(c) = column.filter(|&c| c > 0) {
                self.table.col = c;
            }
            return;
        }
        let shown = self.table_rows_shown(&l, usize::from(area.height));
        if let Some(&(i, _, _)) = shown
            .iter()
            .find(|(_, top, n)| (*top..top + n).contains(&y))
        {
            self.table.row = i;
            if let Some(c) = column {
                self.table.col = c;
            }
            self.table_resized();
        }
    }

    fn click_pros(&mut self, pos: Position) {
        let l = self.pros_layout();
        let area = geometry::padded(geometry::body(self.size));
        if l.stacked {
            // The contender whose part of the stack is under the pointer.
            let line = self.pros.scroll + usize::from(pos.y.saturating_sub(area.y));
            if let Some(c) = l.contender_at(&self.article, line) {
                self.pros.col = c;
            }
            return;
        }
        let cols = geometry::pros_columns(area, l.column_count());
        let hit = cols
            .iter()
            .position(|(r, _)| (r.x..r.right()).contains(&pos.x));
        if let Some(c) = hit {
            self.pros.col = c;
        }
    }

    fn click_decide(&mut self, pos: Position) {
        let p = self.decide_panes();
        let q: Rect = p.questions;
        if !q.contains(pos) || self.decide.shown().is_empty() {
            return;
        }
        let hit = {
            let l = self.decide_layout();
            let top = self.decide_top(&l);
            l.hit(top, usize::from(pos.y - q.y))
        };
        let Some(hit) = hit else { return };
        let i = match hit {
            Hit::Label(i) | Hit::Pick(i, _) | Hit::Other(i) => i,
        };
        self.decide.cursor = i;
        let question = self.decide.shown()[i];
        match (hit, question) {
            (Hit::Label(_), Question::Row(_)) | (Hit::Other(_), _) => {}
            (Hit::Label(_), _) => self.update(Action::Toggle),
            (Hit::Pick(_, c), Question::Row(_)) => {
                let again = self.decide.answers.get(question) == Some(Answer::Pick(c));
                // A second click on the picked value clears the pick.
                let answer = (!again).then_some(Answer::Pick(c));
                self.decide.answers.set(question, answer);
            }
            (Hit::Pick(..), _) => {}
        }
        self.decide_follow();
    }
}
