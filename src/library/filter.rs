//! The library's `/` filter: fuzzy, over each row's title, contenders and
//! path, with the matched characters for highlighting. The matching is
//! nucleo's (the matcher helix uses); this module only decides what is
//! matched and how rows are ranked.

use super::Row;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// The parts of a row the filter reads, in the order they are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Path,
    Versus,
    Title,
}

/// Where a row matched: per field, the char indices to highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hits {
    pub path: Vec<u32>,
    pub versus: Vec<u32>,
    pub title: Vec<u32>,
}

impl Hits {
    pub fn of(&self, f: Field) -> &[u32] {
        match f {
            Field::Path => &self.path,
            Field::Versus => &self.versus,
            Field::Title => &self.title,
        }
    }
}

/// A compiled query and the matcher's scratch memory (about 135 KB, so one
/// per library, reused).
pub struct Filter {
    query: String,
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Filter {
    pub fn new(query: &str) -> Filter {
        Filter {
            query: query.to_string(),
            pattern: Pattern::parse(query, CaseMatching::Smart, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT.match_paths()),
            buf: Vec::new(),
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn is_empty(&self) -> bool {
        self.query.trim().is_empty()
    }

    /// The row's score when it matches (higher is better): every word of the
    /// query must match the row's text (title, contenders and path).
    pub fn score(&mut self, row: &Row) -> Option<u32> {
        if self.is_empty() {
            return Some(0);
        }
        let text = haystack(row);
        let hay = Utf32Str::new(&text, &mut self.buf);
        self.pattern.score(hay, &mut self.matcher)
    }

    /// The characters of each field that the query matched, for highlighting.
    pub fn hits(&mut self, row: &Row) -> Hits {
        let mut hits = Hits::default();
        if self.is_empty() {
            return hits;
        }
        for (field, text) in [
            (Field::Path, row.shown.clone()),
            (Field::Versus, row.versus()),
            (Field::Title, row.title().unwrap_or_default().to_string()),
        ] {
            // Each word on its own, so a word matching in the title lights
            // the title even when another word matched in the path.
            let mut idx = Vec::new();
            for atom in &self.pattern.atoms {
                let hay = Utf32Str::new(&text, &mut self.buf);
                atom.indices(hay, &mut self.matcher, &mut idx);
            }
            idx.sort_unstable();
            idx.dedup();
            match field {
                Field::Path => hits.path = idx,
                Field::Versus => hits.versus = idx,
                Field::Title => hits.title = idx,
            }
        }
        hits
    }

    /// The rows of `order` that match, best first (ties keep `order`).
    pub fn apply(&mut self, rows: &[Row], order: &[usize]) -> Vec<usize> {
        if self.is_empty() {
            return order.to_vec();
        }
        let mut scored: Vec<(u32, usize, usize)> = order
            .iter()
            .enumerate()
            .filter_map(|(pos, &i)| self.score(&rows[i]).map(|s| (s, pos, i)))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, i)| i).collect()
    }
}

fn haystack(row: &Row) -> String {
    let mut s = String::new();
    if let Some(t) = row.title() {
        s.push_str(t);
        s.push(' ');
    }
    s.push_str(&row.versus());
    s.push(' ');
    s.push_str(&row.shown);
    s
}
