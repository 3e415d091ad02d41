//! The Read view's outline rows.
//!
//! While the outline has the focus it lists every heading. While the reader
//! reads the content, sub-headings fold away except along the current
//! section's path (the top-level headings, the current section's ancestors,
//! their sub-headings and the current section's own; a first heading that is
//! the article's title stays in the header): a side pane's rows are
//! sent again after every one-line scroll, because a terminal moves whole
//! rows, so a shorter outline is fewer bytes on every key over SSH.

use super::App;
use super::read::Focus;
use crate::article::detect::sections::parents;

/// Up to `rows` of the entries that `shown` keeps, around `center`: half a
/// pane above it where there are that many, the pane kept full near the end.
fn window(n: usize, center: usize, rows: usize, shown: impl Fn(usize) -> bool) -> Vec<usize> {
    if n == 0 || rows == 0 {
        return Vec::new();
    }
    let center = center.min(n - 1);
    let after: Vec<usize> = (center..n).filter(|&i| shown(i)).take(rows).collect();
    let want_before = (rows / 2).max(rows - after.len());
    let mut out: Vec<usize> = (0..center)
        .rev()
        .filter(|&i| shown(i))
        .take(want_before)
        .collect();
    out.reverse();
    let room = rows - out.len();
    out.extend(after.into_iter().take(room));
    out
}

impl App {
    /// The sections the outline shows in a pane of `rows` rows, top to bottom.
    pub fn outline_rows(&self, rows: usize) -> Vec<usize> {
        let secs = &self.article.sections;
        let n = secs.len();
        // With the focus, every heading; while reading, folded.
        if self.read.focus == Focus::Outline {
            let sel = self.read.outline_sel.min(n.saturating_sub(1));
            return window(n, sel, rows, |_| true);
        }
        let parents = self.read.parents.get_or_init(|| parents(secs));
        let current = self.current_section().min(n.saturating_sub(1));
        // The current section and its ancestors: their sub-headings stay.
        let mut path = vec![current];
        while let Some(&Some(p)) = path.last().and_then(|&s| parents.get(s)) {
            path.push(p);
        }
        // A first heading that is the article's title is in the header already.
        let title = secs
            .first()
            .is_some_and(|s| self.article.title.as_deref() == Some(s.title.as_str()));
        window(n, current, rows, |i| match parents[i] {
            None => !(i == 0 && title),
            Some(p) => path.contains(&p),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_centres_and_stays_full_at_the_ends() {
        let all = |_| true;
        assert_eq!(window(10, 0, 4, all), vec![0, 1, 2, 3]);
        assert_eq!(window(10, 5, 4, all), vec![3, 4, 5, 6]);
        assert_eq!(window(10, 9, 4, all), vec![6, 7, 8, 9]);
        assert_eq!(window(3, 1, 8, all), vec![0, 1, 2]);
        assert!(window(0, 0, 4, all).is_empty());
        assert!(window(5, 2, 0, all).is_empty());
        let even = |i: usize| i.is_multiple_of(2);
        assert_eq!(window(20, 10, 4, even), vec![6, 8, 10, 12]);
        assert_eq!(window(20, 18, 4, even), vec![12, 14, 16, 18]);
    }
}
