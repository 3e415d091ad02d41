//! Who is compared: candidates from every source (title, each table,
//! per-contender sections), reconciled into one list.
//!
//! - A table wins over the title when they share a name (the table is the
//!   more detailed source: a title naming two while the table compares three
//!   is a short title); a table sharing no name with the title is about
//!   something else, and the title wins.
//! - Per-contender sections win over the title when they name more
//!   contenders, among them every one the title names.
//! - Names confirmed by a second source decide how an ambiguous table reads
//!   (its first column a contender or the features; contenders as rows).
//! - Every disagreement between sources is a warning saying what was chosen
//!   and why.

use super::names::{alias_keys, fold, same_keys, word_hits};
use super::sections::{self, Candidate};
use super::tables::{self, Orient, Reading};
use super::title::{
    self, heading_names, listed_names, migration_names, rival_name, says_comparison, title_names,
};
use crate::article::model::{Article, BlockKind, Part, Table, para_text};
use std::sync::Arc;

/// At most this many contenders; more is a warning.
pub const MAX: usize = 8;

/// Tables read for contenders, from the top.
const MAX_TABLES: usize = 64;

#[derive(Debug, Default)]
pub struct Chosen {
    pub names: Vec<String>,
    /// Every spelling of each contender met in the article, for matching.
    pub spellings: Vec<Vec<String>>,
    pub found_by: &'static str,
    pub table: Option<Arc<Table>>,
    pub warnings: Vec<String>,
    /// Why there are none, when a source was weighed and found wanting.
    pub why: Option<String>,
}

/// A name and its match keys, computed once.
#[derive(Clone)]
struct Keyed {
    name: String,
    keys: Vec<String>,
}

fn keyed(names: &[String]) -> Vec<Keyed> {
    names
        .iter()
        .map(|n| Keyed {
            name: n.clone(),
            keys: alias_keys(n),
        })
        .collect()
}

fn overlap(a: &[Keyed], b: &[Keyed]) -> usize {
    a.iter()
        .filter(|x| b.iter().any(|y| same_keys(&x.keys, &y.keys)))
        .count()
}

fn same_set(a: &[Keyed], b: &[Keyed]) -> bool {
    overlap(a, b) == a.len() && overlap(b, a) == b.len()
}

/// "A", "A and B", "A, B and C".
pub fn and_list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// How much a source says "this is a comparison": below [`THRESHOLD`] the
/// article is read as a plain article, with no contenders.
///
/// - a title that compares ("A vs B", "A or B?", "Migrating from A to B",
///   "A 与 B 对比"): 3, enough alone;
/// - a title or an early heading that only lists names ("A & B"): 1, and 1
///   more when the article keeps talking about each name;
/// - sibling sections, one per contender: 2 when they hold pros or cons, 1
///   when they do not (then each name must come back in the text);
/// - a table whose header or first column names the contenders: 1 when no
///   other source names them, 1 more when its names head sections of their
///   own or the text keeps returning to them; a table of numbers (a
///   benchmark) or of one product's versions counts 0;
/// - a title that says it compares ("Comparison", "Alternatives",
///   "比較"): 1 more for the sections or the table.
pub const THRESHOLD: u32 = 2;

const TABLE_OF_NUMBERS: &str = "its table holds measurements, not contenders";
const TABLE_OF_VERSIONS: &str = "its table compares versions of one thing";

/// The names a title gives, and how sure they are: the first H1, else the
/// front matter's title, else the first early heading that reads "A vs B".
fn from_title(a: &Article, skip: &[bool], talk: &Talk) -> (Vec<String>, u32) {
    let plain_meta = metadata_title(a);
    let titles = [
        a.title.as_deref(),
        a.meta.title.as_deref().or(plain_meta.as_deref()),
    ];
    // Listed names ("Env Variables and Modes") need the article to compare
    // too: a heading that says so, or pros and cons somewhere.
    let compares = || {
        says_comparison(&talk.headings)
            || a.sections
                .iter()
                .take(sections::MAX_SECTIONS)
                .any(|s| sections::has_pros_cons(s, &a.blocks))
    };
    for t in titles.into_iter().flatten() {
        let n = title_names(t);
        if n.len() >= 2 {
            return (n, 3);
        }
    }
    // "Comparison with Sapling": the article's own subject is the other.
    for t in titles.into_iter().flatten() {
        let Some(rival) = rival_name(t) else {
            continue;
        };
        // "Hello, Hugo!": the one left is named where the text tells of
        // the move ("WordPressからHugoに", "from WordPress to Hugo").
        if title::moved_to(t).is_some()
            && let Some(left) = left_for(a, &rival)
        {
            return (vec![left, rival], 3);
        }
        // The capitalised name used most, unless the opening sets another
        // against the rival and the text names that one at least as often.
        let host = match (subject(a, &rival, talk), said_against(a, &rival, talk)) {
            (Some(s), Some(o)) if talk.count(&o) < talk.count(&s) => Some(s),
            (s, o) => o.or(s),
        };
        if let Some(host) = host {
            return (vec![host, rival], 3);
        }
    }
    // "Next.js to htmx — A Real World Example": a bare "X to Y" title is a
    // move when the description or the opening says so ("migrating … from
    // Next.js to htmx") and the text names both again.
    for t in titles.into_iter().flatten() {
        if let Some(n) = migration_names(t)
            && n.len() == 2
            && !variants(&n)
            && n.iter().all(|x| talk.count(x) >= 2)
            && a.meta
                .description
                .iter()
                .cloned()
                .chain(opening_sentences(a).into_iter().take(6))
                .any(|s| title::is_migration(&fold(&s)))
        {
            return (n, 3);
        }
    }
    // No title at all: an opening sentence that tells of a move ("I've
    // ditched Disqus … I am now using Utterances") stands in for one, when
    // the text names both again.
    if a.title.is_none()
        && a.meta.title.is_none()
        && plain_meta.is_none()
        && let Some(n) = opening_move(a)
        && n.iter().all(|x| talk.count(x) >= 2)
        && !variants(&n)
    {
        return (n, 3);
    }
    // Without a title, the first heading is the title.
    if a.title.is_none() && a.meta.title.is_none() {
        let first = a.sections.iter().find(|s| !s.title.is_empty());
        if let Some(n) = first.map(|s| title_names(&s.title))
            && n.len() >= 2
        {
            return (n, 3);
        }
        if let Some(n) = first.map(|s| listed_names(&s.title))
            && n.len() >= 2
        {
            let talked = n.iter().all(|x| talk.count(x) >= 3) && compares();
            return (n, 1 + u32::from(talked));
        }
    }
    for t in titles.into_iter().flatten() {
        let n = listed_names(t);
        if n.len() >= 2 {
            // Named again and again, and in headings of their own (the
            // title's H1 is one of the headings).
            let own = 1 + usize::from(a.title.is_some());
            let talked = n
                .iter()
                .all(|x| talk.count(x) >= 3 && talk.in_headings(x) >= own)
                && compares();
            return (n, 1 + u32::from(talked));
        }
    }
    // A heading stands in for a missing title only near the top, and only
    // when the article keeps talking about its names.
    let found = a
        .sections
        .iter()
        .zip(skip)
        .take(12)
        .filter(|(s, skipped)| !**skipped && s.level <= 2)
        .map(|(s, _)| heading_names(&s.title))
        .find(|n| n.len() >= 2)
        .unwrap_or_default();
    let w = if found.is_empty() {
        0
    } else {
        1 + u32::from(found.iter().all(|x| talk.count(x) >= 3))
    };
    (found, w)
}

/// "title: Python 2 or 3?" at the top, in `key: value` lines without a
/// front-matter fence (Pelican and MultiMarkdown metadata): the title.
fn metadata_title(a: &Article) -> Option<String> {
    if a.title.is_some() || a.meta.title.is_some() {
        return None;
    }
    let first = a.sections.first()?;
    let Some(Part::Para { block, breaks, .. }) = first.parts.first() else {
        return None;
    };
    let text = para_text(&a.blocks, *block, breaks);
    let lines: Vec<&str> = text.lines().take(16).collect();
    let keyed = |l: &str| {
        l.split_once(':').is_some_and(|(k, v)| {
            !k.is_empty()
                && k.len() <= 20
                && k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && !v.trim().is_empty()
        })
    };
    if lines.len() < 2 || !lines.iter().all(|l| keyed(l)) {
        return None;
    }
    lines.iter().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("title")
            .then(|| v.trim().to_string())
    })
}

/// The opening paragraphs' first sentences, at most [`OPENING_BYTES`].
fn opening_sentences(a: &Article) -> Vec<String> {
    const OPENING_BYTES: usize = 2048;
    let mut out = Vec::new();
    let mut read = 0;
    for b in a.blocks.iter().take(8) {
        let BlockKind::Para(s) = &b.kind else {
            continue;
        };
        let text = s.text().split_whitespace().collect::<Vec<_>>().join(" ");
        for sentence in text.split_inclusive(['.', '!', '?', '。', '！', '？']) {
            read += sentence.len();
            out.push(sentence.trim().to_string());
            if read > OPENING_BYTES {
                return out;
            }
        }
    }
    out
}

/// An opening sentence that tells of a move: "I switched from Jekyll to
/// Hugo", "I've ditched Disqus … I am now using Utterances", "WordPressか
/// らHugoに乗り換えてみた": the one left, then the one chosen.
fn opening_move(a: &Article) -> Option<Vec<String>> {
    let sentences = opening_sentences(a);
    for (i, s) in sentences.iter().enumerate().take(4) {
        if let Some(n) = migration_names(s.trim_end_matches(['.', '!', '。', '！']))
            && n.len() == 2
            && n.iter().all(|x| x.split_whitespace().count() <= 3)
        {
            return Some(n);
        }
        // "ditched X …" then "now using Y" in the same or the next one.
        let low = s.to_ascii_lowercase();
        const LEFT: &[&str] = &["ditched ", "dropped ", "abandoned ", "left ", "quit "];
        let Some(left) = LEFT.iter().find_map(|v| {
            let at = low.find(v)? + v.len();
            name_at(&s[at..])
        }) else {
            continue;
        };
        for next in sentences.iter().skip(i).take(2) {
            let low = next.to_ascii_lowercase();
            const NOW: &[&str] = &[
                "now using ",
                "now use ",
                "switched to ",
                "moved to ",
                "replaced it with ",
            ];
            if let Some(to) = NOW.iter().find_map(|v| {
                let at = low.find(v)? + v.len();
                name_at(&next[at..])
            }) && fold(&to) != fold(&left)
            {
                return Some(vec![left, to]);
            }
        }
    }
    None
}

/// The one an untitled post moved to, and the sentence that says so, when
/// the author tells of their own move ("I've ditched X … I am now using
/// Y"); a guide to "your transition from X to Y" recommends neither.
pub fn opening_move_line(a: &Article) -> Option<(String, String)> {
    let to = opening_move(a)?.pop()?;
    let sentences = opening_sentences(a);
    let first_person = sentences.iter().take(4).any(|s| {
        let low = format!(" {} ", s.to_lowercase());
        [
            " i ", " i've ", " i'm ", " i'd ", " we ", " we've ", " my ", " our ",
        ]
        .iter()
        .any(|w| low.contains(w))
    });
    if !first_person {
        return None;
    }
    let line = sentences
        .into_iter()
        .take(6)
        .find(|s| super::mentions(s, &to))?;
    Some((to, line))
}

/// A capitalised name opening `s` ("Disqus as the …" → Disqus; "Google
/// Analytics for" → Google Analytics), up to three words.
fn name_at(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && !"+#".contains(c)))
        .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// The one left, in a post titled after the one chosen ("Hello, Hugo!"):
/// the name the opening sentences move from ("from WordPress to Hugo",
/// "WordPressからHugoに", "从 WordPress 迁移到 Hugo").
fn left_for(a: &Article, to: &str) -> Option<String> {
    let to_low = to.to_lowercase();
    for s in opening_sentences(a).iter().take(6) {
        let low = s.to_lowercase();
        if low.len() != s.len() {
            continue;
        }
        let Some(at) = low.find(&to_low) else {
            continue;
        };
        let before = s[..at].trim_end();
        // "WordPressから": the Latin name right before the particle.
        for particle in ["から", "에서", "에서 "] {
            if let Some(head) = before.strip_suffix(particle) {
                let start = head
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '.' | ' ' | '-'))
                    .last()
                    .map(|(i, _)| i)?;
                let name = head[start..].trim();
                if !name.is_empty() && fold(name) != fold(to) {
                    return Some(name.to_string());
                }
            }
        }
        // "from WordPress to Hugo".
        let lb = before.to_lowercase();
        if let Some(mid) = lb.strip_suffix(" to").or_else(|| lb.strip_suffix(" for"))
            && let Some(f) = mid.rfind("from ")
        {
            let name = s[f + 5..mid.len()].trim();
            if (1..=3).contains(&name.split_whitespace().count()) && fold(name) != fold(to) {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// The name the opening paragraphs set against `rival` ("how jj is
/// different from Sapling", "Kotlin compared to Java", "between uv and
/// Poetry"): the page's own subject, however it is written (a lower-case
/// command name counts), when the text keeps naming it. Reads the first few
/// paragraphs only.
fn said_against(a: &Article, rival: &str, talk: &Talk) -> Option<String> {
    const PHRASES: &[&str] = &[
        " is different from ",
        " is different than ",
        " differs from ",
        " compares to ",
        " compares with ",
        " compared to ",
        " compared with ",
        " versus ",
        " vs. ",
        " vs ",
    ];
    const NOT: &[&str] = &[
        "it", "this", "that", "which", "what", "how", "one", "he", "she", "they", "we", "i", "you",
        "is", "are", "and", "or", "the", "a",
    ];
    let rival = rival.trim().to_ascii_lowercase();
    if rival.is_empty() {
        return None;
    }
    let paras = a
        .blocks
        .iter()
        .filter_map(|b| match &b.kind {
            BlockKind::Para(s) => Some(s.text()),
            _ => None,
        })
        .take(6);
    for p in paras {
        let text = p.split_whitespace().take(400).collect::<Vec<_>>().join(" ");
        let low = text.to_ascii_lowercase();
        let mut from = 0;
        while let Some(i) = low[from..].find(&rival).map(|i| i + from) {
            from = i + rival.len();
            let before = &low[..i];
            let word_end = if let Some(p) = PHRASES.iter().find(|p| before.ends_with(*p)) {
                Some(i - p.len())
            } else if before.ends_with(" and ") {
                // "between uv and Poetry".
                let w = before[..i - 5].rfind(' ').map_or(0, |k| k + 1);
                before[..w.saturating_sub(1)]
                    .ends_with("between")
                    .then_some(i - 5)
            } else {
                None
            };
            let Some(end) = word_end else { continue };
            let start = text[..end].rfind(' ').map_or(0, |k| k + 1);
            let word =
                text[start..end].trim_matches(|c: char| !c.is_alphanumeric() && !"+#".contains(c));
            let solid = word
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '+' | '#' | '-'));
            if solid
                && (2..=24).contains(&word.len())
                && !NOT.contains(&word.to_ascii_lowercase().as_str())
                && !same_keys(&alias_keys(word), &alias_keys(&rival))
                && talk.count(word) >= 3
            {
                return Some(word.to_string());
            }
        }
    }
    None
}

/// The article's own subject, in a page that compares it with `rival`: the
/// capitalised name the text uses most in mid-sentence ("… in Kotlin
/// you …", or opening a sentence when a heading names it too), at least
/// three times, other than the rival's.
fn subject(a: &Article, rival: &str, talk: &Talk) -> Option<String> {
    subject_besides(a, &[rival.to_string()], talk)
}

/// [`subject`], leaving out every name in `others` (the rivals a page
/// gives a section each).
fn subject_besides(a: &Article, others: &[String], talk: &Talk) -> Option<String> {
    const READ: usize = 64 * 1024;
    let others: Vec<Vec<String>> = others.iter().take(16).map(|o| alias_keys(o)).collect();
    let is_other = |w: &str| {
        let k = alias_keys(w);
        others.iter().any(|o| same_keys(&k, o))
    };
    // Words of the headings, looked up without spending `talk`'s look-ups.
    let heads: std::collections::HashSet<&str> = talk
        .headings
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '+' | '#')))
        .filter(|w| !w.is_empty())
        .collect();
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut read = 0;
    for b in &a.blocks {
        let BlockKind::Para(spans) = &b.kind else {
            continue;
        };
        let text = spans.text();
        read += text.len();
        let mut prev = ' ';
        let mut prev_solid = '.';
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            let starts = c.is_ascii_alphabetic() && !prev.is_ascii_alphanumeric();
            if starts {
                let mut j = i;
                while j < chars.len()
                    && (chars[j].1.is_ascii_alphanumeric() || matches!(chars[j].1, '.' | '+' | '#'))
                {
                    j += 1;
                }
                let end = chars.get(j).map_or(text.len(), |x| x.0);
                let word = text[at..end].trim_end_matches('.');
                let mid = prev_solid.is_alphanumeric() || matches!(prev_solid, ',' | '(');
                let capital = word.starts_with(|c: char| c.is_ascii_uppercase())
                    && !word.chars().all(|c| !c.is_ascii_lowercase());
                // A sentence's first word counts when headings name it too.
                let counted = mid || heads.contains(fold(word).as_str());
                if counted && capital && word.len() >= 2 {
                    if let Some(n) = counts.get_mut(word) {
                        *n += 1;
                    } else if counts.len() < 4096 && !is_other(word) {
                        counts.insert(word.to_string(), 1);
                    }
                }
                prev_solid = chars[j - 1].1;
                prev = prev_solid;
                i = j;
                continue;
            }
            if !c.is_whitespace() {
                prev_solid = c;
            }
            prev = c;
            i += 1;
        }
        if read > READ {
            break;
        }
    }
    // The most used; a tie goes to the first in alphabetical order, so the
    // answer does not depend on the map's order.
    let (word, n) = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    (n >= 3).then_some(word)
}

/// The subsections of a "Pros and Cons" section ("## Pros and Cons of the
/// Options" → "### CC0", "### MIT"), each a contender's.
fn pros_cons_children(a: &Article, parents: &[Option<usize>]) -> Vec<Candidate> {
    let none = super::names::Names::default();
    let n = a.sections.len().min(sections::MAX_SECTIONS);
    let Some(p) = (0..n).find(|&i| {
        let t = &a.sections[i].title;
        let low = fold(t);
        low.starts_with("pros and cons")
            || low.starts_with("pros & cons")
            || super::labels::classify(t, &none).kind == Some(super::labels::Kind::Mixed)
    }) else {
        return Vec::new();
    };
    let mut out: Vec<Candidate> = Vec::new();
    for (i, parent) in parents.iter().enumerate().take(n).skip(p + 1) {
        if *parent != Some(p) {
            if a.sections[i].level <= a.sections[p].level {
                break;
            }
            continue;
        }
        // "Django Pros" is Django's; a long option's name is kept whole.
        let title = &a.sections[i].title;
        let name = match sections::section_name(title) {
            Some((n, _)) => n,
            None => super::names::clean_name(title).0,
        };
        let words = name.split_whitespace().count();
        if (1..=8).contains(&words)
            && !out.iter().any(|c| fold(&c.name) == fold(&name))
            && super::labels::label(&name, &none).is_none()
            && !name.split_whitespace().any(super::labels::is_kind_word)
        {
            out.push(Candidate {
                section: i,
                name,
                strong: true,
            });
        }
    }
    out
}

/// True when the title, the description or the first paragraphs compare
/// `name` ("Zustand … in comparison to Redux, Valtio …").
fn named_at_top(a: &Article, name: &str) -> bool {
    let mut top: Vec<String> = [&a.title, &a.meta.title, &a.meta.description]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    top.extend(
        a.blocks
            .iter()
            .filter_map(|b| match &b.kind {
                BlockKind::Para(s) => Some(s.text().to_string()),
                _ => None,
            })
            .take(2),
    );
    top.iter()
        .any(|t| super::mentions(t, name) && says_comparison(t))
}

/// The article's running text (headings and paragraphs, the first
/// [`TALK_MAX`] bytes), folded, for counting how often a name comes back.
pub struct Talk {
    text: String,
    headings: String,
    /// Look-ups left: each reads the text once, so their number is bounded
    /// to keep the detectors linear in the article's size.
    left: std::cell::Cell<usize>,
}

/// Look-ups a [`Talk`] answers; later ones find nothing.
const TALK_LOOKUPS: usize = 256;

/// The text read for mentions: contenders are talked about early.
const TALK_MAX: usize = 256 * 1024;

impl Talk {
    pub fn new(a: &Article) -> Talk {
        let mut text = String::new();
        let mut headings = String::new();
        for b in &a.blocks {
            if text.len() + headings.len() >= TALK_MAX {
                break;
            }
            match &b.kind {
                BlockKind::Para(spans) => {
                    text.push_str(&fold(spans.text()));
                    text.push('\n');
                }
                BlockKind::Heading { spans, .. } => {
                    headings.push_str(&fold(spans.text()));
                    headings.push('\n');
                }
                _ => {}
            }
        }
        Talk {
            text,
            headings,
            left: std::cell::Cell::new(TALK_LOOKUPS),
        }
    }

    fn spend(&self) -> bool {
        let left = self.left.get();
        self.left.set(left.saturating_sub(1));
        left > 0
    }

    /// Mentions of `name` (any of its spellings) in the text.
    pub fn count(&self, name: &str) -> usize {
        if !self.spend() {
            return 0;
        }
        alias_keys(name)
            .iter()
            .map(|k| word_hits(&self.text, k).take(16).count())
            .max()
            .unwrap_or(0)
    }

    /// Headings that mention `name`.
    pub fn in_headings(&self, name: &str) -> usize {
        if !self.spend() {
            return 0;
        }
        alias_keys(name)
            .iter()
            .map(|k| word_hits(&self.headings, k).take(16).count())
            .max()
            .unwrap_or(0)
    }
}

/// A table of measurements: most of its contenders' cells are numbers
/// ("1.2 ms", "35%", "120 B/op").
fn numeric(t: &Table, r: &Reading) -> bool {
    let mut cells = 0usize;
    let mut numbers = 0usize;
    let mut count = |c: &str| {
        cells += 1;
        let c = c.trim();
        let digits = c.chars().filter(char::is_ascii_digit).count();
        let letters = c.chars().filter(|ch| ch.is_alphabetic()).count();
        if digits > 0 && letters <= digits + 4 {
            numbers += 1;
        }
    };
    for row in t.rows.iter().take(64) {
        match &r.orient {
            Orient::Header { cols, .. } => {
                cols.iter().for_each(|&j| count(row.get(j).unwrap_or("")))
            }
            Orient::Rows { .. } => row.iter().skip(1).for_each(&mut count),
        }
    }
    cells > 0 && numbers * 2 > cells
}

/// Names that are one product's versions or editions ("pnpm 8", "pnpm 9";
/// "Rust Stable", "Rust Beta"): the same first word.
fn variants(names: &[String]) -> bool {
    let first = |n: &String| fold(n).split_whitespace().next().unwrap_or("").to_string();
    names.len() >= 2
        && names.iter().all(|n| n.split_whitespace().count() >= 2)
        && names.iter().all(|n| first(n) == first(&names[0]))
}

pub fn choose(a: &Article, parents: &[Option<usize>], skip: &[bool]) -> Chosen {
    let talk = Talk::new(a);
    let (title_n, title_w) = from_title(a, skip, &talk);
    let says = [a.title.as_deref(), a.meta.title.as_deref()]
        .into_iter()
        .flatten()
        .any(says_comparison);
    let says_w = u32::from(says);
    let cands = sections::candidates(&a.sections, &a.blocks, parents, skip);
    // "## Pros and Cons of the Options" over "### CC0", "### MIT": each
    // subsection one contender's (decision records, reviews).
    let pc = pros_cons_children(a, parents);
    let talked = |n: &str| talk.count(n) >= 2;
    let mut group: Vec<Candidate> = sections::standalone(&cands, &a.sections, parents, &talked);
    let mut group_w = if group.len() >= 2 { 2 + says_w } else { 0 };
    if pc.len() >= 2 && pc.len() >= group.len() {
        group = pc;
        group_w = 3;
    }
    // A long heading never named again is a part of the article ("Npm
    // Downloads Trend"), not a contender.
    let named = |c: &&Candidate| c.name.split_whitespace().count() < 3 || talk.count(&c.name) >= 2;
    // (A decision record's options are long and named once.)
    if group_w < 3 {
        group.retain(|c| named(&c));
    }
    if group.len() < 2 {
        group_w = 0;
    }
    if group.len() < 2 && says {
        // "Comparison" over "## Jest", "## Cypress", …: sections without
        // pros or cons.
        group = sections::group(cands.iter().filter(named), &a.sections, parents, &talked);
        group_w = if group.len() >= 2 { 1 + says_w } else { 0 };
    }
    if group_w < THRESHOLD {
        group.clear();
    }
    let title = if title_w >= THRESHOLD || (title_w >= 1 && group_w >= THRESHOLD) {
        keyed(&title_n)
    } else {
        Vec::new()
    };
    let mut group_names: Vec<String> = group.iter().map(|c| c.name.clone()).collect();
    // "Comparison with other frameworks" over one section per rival: the
    // page's own subject, named at its top, is a contender too.
    if says && title.is_empty() && group.len() >= 2 {
        let taken = keyed(&group_names);
        if let Some(host) = subject_besides(a, &group_names, &talk)
            && !taken.iter().any(|k| same_keys(&k.keys, &alias_keys(&host)))
            && named_at_top(a, &host)
        {
            group_names.insert(0, host);
        }
    }
    let group_k = keyed(&group_names);

    // Other sources' names confirm a table's reading; distinct names only.
    let mut confirmers: Vec<Keyed> = Vec::new();
    for name in title
        .iter()
        .map(|k| k.name.clone())
        .chain(cands.iter().map(|c| c.name.clone()))
    {
        let keys = alias_keys(&name);
        if confirmers.len() < 256 && !confirmers.iter().any(|c| c.keys == keys) {
            confirmers.push(Keyed { name, keys });
        }
    }
    let confirmed = |s: &str| {
        let k = alias_keys(s);
        confirmers.iter().any(|c| same_keys(&c.keys, &k))
    };
    let mut best: Option<Reading> = None;
    let mut rejected: Option<&str> = None;
    // The feature table comes early; a very long article's later tables are
    // not read for contenders.
    for (i, t) in a.tables.iter().enumerate().take(MAX_TABLES) {
        let Some(r) = tables::read(t, i, &confirmed) else {
            continue;
        };
        let rk = keyed(&r.names);
        if overlap(&rk, &title) + overlap(&rk, &group_k) == 0 {
            // No other source names them: the table alone must make the case.
            if numeric(t, &r) {
                rejected.get_or_insert(TABLE_OF_NUMBERS);
                continue;
            }
            if variants(&r.names) {
                rejected.get_or_insert(TABLE_OF_VERSIONS);
                continue;
            }
            // `NODE_ENV`, `--mode`, `key=value`: settings, not contenders.
            if r.names
                .iter()
                .any(|n| n.contains(['_', '=']) || n.starts_with('-'))
            {
                continue;
            }
            // Its names head sections of their own, or keep coming back.
            let backed = says
                || r.names.iter().all(|n| talk.in_headings(n) >= 1)
                || r.names.iter().all(|n| talk.count(n) >= 3);
            if 1 + u32::from(backed) < THRESHOLD {
                continue;
            }
        }
        let score = |r: &Reading| (r.confirmed, !r.pros_cons);
        if best.as_ref().is_none_or(|b| score(&r) > score(b)) {
            let complete = r.confirmed == r.names.len() && !r.pros_cons;
            best = Some(r);
            if complete {
                break;
            }
        }
    }

    let mut warnings = Vec::new();
    let list = |k: &[Keyed]| and_list(&k.iter().map(|x| x.name.clone()).collect::<Vec<_>>());
    let table_k = best.as_ref().map(|r| keyed(&r.names));

    // Pick the source.
    enum Src {
        Table,
        Title,
        Sections,
    }
    let src = match &table_k {
        Some(tk)
            if title.len() >= 2
                && overlap(tk, &title) == 0
                && best.as_ref().is_some_and(|r| r.confirmed == 0) =>
        {
            warnings.push(format!(
                "contenders: the table compares {}, none of which the title names; used the title's {}",
                list(tk),
                list(&title)
            ));
            Src::Title
        }
        Some(_) => Src::Table,
        None if group_k.len() >= 2
            && (title.len() < 2
                || (group_k.len() > title.len() && overlap(&title, &group_k) == title.len())) =>
        {
            Src::Sections
        }
        None if title.len() >= 2 => Src::Title,
        None => {
            return Chosen {
                why: rejected.map(|r| {
                    format!("no two names are compared in the title or the headings, and {r}")
                }),
                ..Chosen::default()
            };
        }
    };
    // A table with one column more than the title names (a product the
    // title leaves out, and no section of its own): the title's contenders
    // win, the column stays in the table, after theirs.
    let mut title_table: Option<Vec<usize>> = None;
    let mut src = src;
    if matches!(src, Src::Table)
        && let (Some(r), Some(tk)) = (&best, &table_k)
        && !r.pros_cons
        && title.len() >= 2
        && tk.len() == title.len() + 1
    {
        let order: Option<Vec<usize>> = title
            .iter()
            .map(|t| tk.iter().position(|k| same_keys(&t.keys, &k.keys)))
            .collect();
        if let Some(mut order) = order {
            let mut distinct = order.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let extra: Vec<usize> = (0..tk.len()).filter(|i| !order.contains(i)).collect();
            // Unless the sections give the extra one its own too.
            let sectioned = extra
                .iter()
                .any(|&i| group_k.iter().any(|g| same_keys(&g.keys, &tk[i].keys)));
            if distinct.len() == order.len() && !sectioned {
                warnings.push(format!(
                    "contenders: used the title's {}; the table also compares {}, kept as a column",
                    list(&title),
                    and_list(
                        &extra
                            .iter()
                            .map(|&i| tk[i].name.clone())
                            .collect::<Vec<_>>()
                    )
                ));
                order.extend(extra);
                title_table = Some(order);
                src = Src::Title;
            }
        }
    }
    let (mut chosen, found_by, what): (Vec<Keyed>, &'static str, &str) = match src {
        Src::Table => {
            let r = best.as_ref().expect("a table reading");
            (keyed(&r.names), r.found_by(), "the table")
        }
        Src::Title => (title.clone(), "title", "the title"),
        Src::Sections => (group_k.clone(), "sections", "the sections"),
    };

    // Say where the other sources disagree.
    if !matches!(src, Src::Title) && title.len() >= 2 && !same_set(&chosen, &title) {
        let why = if matches!(src, Src::Table) {
            "a table beats a title"
        } else {
            "the sections name more contenders than the title"
        };
        warnings.push(format!(
            "contenders: used {what}'s {}; the title names {}: {why}",
            list(&chosen),
            list(&title)
        ));
    }
    // Sections need not cover every contender; only extra names disagree.
    if !matches!(src, Src::Sections)
        && group_k.len() >= 2
        && overlap(&group_k, &chosen) < group_k.len()
    {
        let why = match src {
            Src::Table => "a table beats per-contender sections",
            _ if overlap(&group_k, &chosen) == 0 => "the sections share no name with the title",
            _ => "the title names more contenders than the sections",
        };
        warnings.push(format!(
            "contenders: used {what}'s {}; the sections are about {}: {why}",
            list(&chosen),
            list(&group_k)
        ));
    }
    if chosen.len() > MAX {
        warnings.push(format!(
            "contenders: {what} names {}; kept the first {MAX}",
            chosen.len()
        ));
        chosen.truncate(MAX);
    }

    // Every spelling of each contender, for matching headings and labels.
    let mut spellings: Vec<Vec<String>> = chosen.iter().map(|c| vec![c.name.clone()]).collect();
    let others = title
        .iter()
        .chain(group_k.iter())
        .chain(table_k.iter().flatten());
    let extra: Vec<Keyed> = others
        .cloned()
        .chain(cands.iter().take(256).map(|c| Keyed {
            name: c.name.clone(),
            keys: alias_keys(&c.name),
        }))
        .collect();
    for (n, e) in extra.iter().enumerate() {
        // Weak section names ("What is X?") only add an exact spelling.
        let weak = n >= extra.len() - cands.len().min(256);
        let matches: Vec<usize> = (0..chosen.len())
            .filter(|&i| {
                if weak {
                    chosen[i].keys.iter().any(|k| e.keys.contains(k))
                } else {
                    same_keys(&chosen[i].keys, &e.keys)
                }
            })
            .collect();
        if let [i] = matches[..]
            && !spellings[i].contains(&e.name)
        {
            spellings[i].push(e.name.clone());
        }
    }

    let table = match (&src, &best, title_table) {
        (Src::Table, Some(r), _) if !r.pros_cons => {
            let order: Vec<usize> = (0..chosen.len()).collect();
            Some(tables::shaped(&a.tables[r.table], r, &order))
        }
        (Src::Title, Some(r), Some(order)) => Some(tables::shaped(&a.tables[r.table], r, &order)),
        _ => None,
    };
    Chosen {
        names: chosen.into_iter().map(|k| k.name).collect(),
        spellings,
        found_by,
        table,
        warnings,
        why: None,
    }
}

/// The contenders the reader named (front matter or `--vs`), with the
/// spellings the article uses for them and the table that compares them.
pub fn set_by_user(a: &Article, detected: Chosen) -> Chosen {
    let mut user = keyed(&a.meta.contenders);
    let mut warnings = Vec::new();
    // Distinct names only.
    let mut seen: Vec<Keyed> = Vec::new();
    user.retain(|k| {
        let new = !seen.iter().any(|s| same_keys(&s.keys, &k.keys));
        seen.push(k.clone());
        new
    });
    if user.len() > MAX {
        warnings.push(format!(
            "contenders: {} named; kept the first {MAX}",
            user.len()
        ));
        user.truncate(MAX);
    }
    let mut spellings: Vec<Vec<String>> = user.iter().map(|u| vec![u.name.clone()]).collect();
    for (i, u) in user.iter().enumerate() {
        for (n, sp) in detected.names.iter().zip(&detected.spellings) {
            if same_keys(&u.keys, &alias_keys(n)) {
                for s in sp {
                    if !spellings[i].contains(s) {
                        spellings[i].push(s.clone());
                    }
                }
            }
        }
    }
    // The first table that has a column (or row) for every one of them.
    let confirmed = |s: &str| {
        let k = alias_keys(s);
        user.iter().any(|u| same_keys(&u.keys, &k))
    };
    let mut table = None;
    for (i, t) in a.tables.iter().enumerate().take(MAX_TABLES) {
        let Some(r) = tables::read(t, i, &confirmed) else {
            continue;
        };
        if r.pros_cons {
            continue;
        }
        let rk = keyed(&r.names);
        let order: Option<Vec<usize>> = user
            .iter()
            .map(|u| rk.iter().position(|k| same_keys(&u.keys, &k.keys)))
            .collect();
        if let Some(order) = order {
            for (i, &o) in order.iter().enumerate() {
                if !spellings[i].contains(&r.names[o]) {
                    spellings[i].push(r.names[o].clone());
                }
            }
            table = Some(tables::shaped(t, &r, &order));
            break;
        }
    }
    Chosen {
        names: user.into_iter().map(|k| k.name).collect(),
        spellings,
        found_by: "user",
        table,
        warnings,
        why: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(src: &str) -> Vec<String> {
        let a = crate::article::parse(src, "t");
        a.contenders.iter().map(|c| c.name.clone()).collect()
    }

    #[test]
    fn a_comparison_page_names_its_lower_case_subject_against_the_rival() {
        // The capitalised GitHub is named more in mid-sentence, but the
        // opening sets jj against Sapling and the text keeps naming jj.
        let src = "# Comparison with Sapling\n\n## Introduction\n\n\
            This document describes how jj is different from Sapling. Both \
            talk to GitHub; jj pushes to GitHub, jj pulls from GitHub and \
            Sapling uses GitHub too.\n\n## Differences\n\n\
            - jj has a working-copy commit.\n- jj has first-class conflicts.\n";
        assert_eq!(names(src), ["jj", "Sapling"]);
    }

    #[test]
    fn a_title_in_a_markdown_comment_names_the_rival() {
        let src = "[//]: # (title: Comparison to Java)\n\n\
            ## Some Java issues addressed in Kotlin\n\n\
            Kotlin fixes issues that Java suffers from. In Kotlin, nulls are \
            checked; code in Kotlin is shorter.\n\n\
            ## What Java has that Kotlin does not\n\n- Checked exceptions\n";
        assert_eq!(names(src), ["Kotlin", "Java"]);
    }

    #[test]
    fn an_untitled_post_opening_with_a_move_names_both() {
        let src = "I've ditched Disqus as the comment system on this blog. \
            I am now using Utterances. Utterances is backed by issues.\n\n\
            ## Exporting Disqus Comments\n\nDisqus exports XML.\n\n\
            ## Utterances Comments\n\nIt has lots of advantages:\n\n- free\n- no ads\n";
        assert_eq!(names(src), ["Disqus", "Utterances"]);
        // The author's own move is the verdict; a guide to "your
        // transition" recommends neither.
        let a = crate::article::parse(src, "t");
        assert!(a.contenders[1].verdict.is_some() && a.contenders[0].verdict.is_none());
        let guide = "Welcome to the guide to ease your transition from Poetry to Pixi. \
            Pixi and Poetry differ.\n\n## Why Pixi?\n\nPoetry locks; Pixi locks too.\n";
        let a = crate::article::parse(guide, "t");
        assert_eq!(names(guide), ["Poetry", "Pixi"]);
        assert!(a.contenders.iter().all(|c| c.verdict.is_none()));
        // An opening that moves between versions of one thing names none.
        let plain = "We moved from Vite 4 to Vite 5 last week. Vite 5 is \
            faster.\n\n## Changes\n\nVite 4 used Rollup 3; Vite 5 uses Rollup 4.\n";
        assert!(names(plain).is_empty(), "{:?}", names(plain));
    }

    #[test]
    fn a_hello_post_names_the_one_left_where_the_text_moves() {
        let ja = "---\ntitle: \"Hello, Hugo!\"\n---\n\n\
            このサイトのフレームワークをWordPressからHugoに乗り換えてみた。\n\n\
            - Hugo は Markdown で書ける\n- Hugo は軽い\n";
        assert_eq!(names(ja), ["WordPress", "Hugo"]);
        let en = "# Hello, Zola!\n\nThis blog moved from Jekyll to Zola this \
            week. Zola is one binary; Zola builds fast.\n";
        assert_eq!(names(en), ["Jekyll", "Zola"]);
    }

    #[test]
    fn a_bare_x_to_y_title_is_a_move_when_the_description_says_so() {
        let src = "+++\ntitle = \"Next.js to htmx — A Real World Example\"\n\
            description = \"How migrating a URL shortener from Next.js to htmx went.\"\n+++\n\n\
            The Next.js app was big. The htmx port is small; htmx won. Next.js \
            had many dependencies, htmx has none.\n\n## Summary\n\n- less code\n";
        assert_eq!(names(src), ["Next.js", "htmx"]);
        // Without a word of moving, "X to Y" names nothing.
        let guide = "# Rust to WebAssembly — a guide\n\nRust compiles to \
            WebAssembly. Rust code runs in WebAssembly hosts.\n";
        assert!(names(guide).is_empty(), "{:?}", names(guide));
    }

    #[test]
    fn sections_beat_the_title_only_when_they_cover_its_names() {
        // "阻塞对比非阻塞": the sections ("## 阻塞", "## 代码比较", …) name
        // one of the two and parts of the article besides.
        let src = "# 阻塞对比非阻塞一览\n\n本文介绍 **阻塞** 和 **非阻塞** 调用的区别。\n\n\
            ## 阻塞\n\n阻塞 是指。非阻塞 是指。\n\n## 代码比较\n\n阻塞 代码，非阻塞 代码。\n\n\
            ## 并发和吞吐量\n\n非阻塞 更好。\n";
        assert_eq!(names(src), ["阻塞", "非阻塞"]);
    }

    #[test]
    fn lists_read_naturally() {
        assert_eq!(and_list(&["A".into()]), "A");
        assert_eq!(and_list(&["A".into(), "B".into()]), "A and B");
        assert_eq!(
            and_list(&["A".into(), "B".into(), "C".into()]),
            "A, B and C"
        );
    }
}
