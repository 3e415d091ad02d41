//! Finds the contenders and what the article says about each: pros, cons,
//! "when to choose" criteria, examples and verdict lines.

use super::model::*;

const PRO_WORDS: &[&str] = &["pros", "advantages", "strengths"];
const CON_WORDS: &[&str] = &["cons", "disadvantages", "weaknesses", "drawbacks"];
const CHOOSE_PREFIXES: &[&str] = &[
    "when to choose",
    "when to use",
    "when to pick",
    "choose",
    "why choose",
];
const CONCLUSION_WORDS: &[&str] = &["conclusion", "verdict", "bottom line", "summary"];

pub fn detect(a: &mut Article) {
    find_contenders(a);
    if a.contenders.is_empty() {
        a.warnings
            .push("no contenders found: no feature table and no \"A vs B\" title".into());
        return;
    }
    find_items(a);
    find_verdicts(a);
}

fn find_contenders(a: &mut Article) {
    if let Some(t) = a.tables.iter().find(|t| t.columns.len() >= 3) {
        a.table = Some(t.clone());
        let names = t.columns[1..]
            .iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty());
        a.contenders = names.take(8).map(|n| contender(n, "table")).collect();
    }
    if a.contenders.is_empty() {
        let title = a
            .title
            .clone()
            .or_else(|| a.meta.title.clone())
            .unwrap_or_default();
        a.contenders = versus_names(&title)
            .into_iter()
            .map(|n| contender(n, "title"))
            .collect();
    }
}

fn contender(name: String, found_by: &str) -> Contender {
    Contender {
        name,
        found_by: found_by.into(),
        ..Contender::default()
    }
}

/// "A vs B vs C: subtitle" → [A, B, C].
pub fn versus_names(title: &str) -> Vec<String> {
    let head = title.split([':', '：']).next().unwrap_or("");
    let lower = head.to_lowercase();
    let mut names = Vec::new();
    let mut rest_start = 0;
    let words: Vec<(usize, &str)> = word_spans(&lower);
    for (pos, w) in &words {
        if matches!(*w, "vs" | "vs." | "versus") {
            names.push(head[rest_start..*pos].trim().to_string());
            rest_start = pos + w.len();
        }
    }
    if names.is_empty() {
        return Vec::new();
    }
    names.push(head[rest_start..].trim().to_string());
    if names.iter().any(|n| n.is_empty()) || names.len() > 8 {
        return Vec::new();
    }
    names
}

fn word_spans(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// Heading text without a trailing colon, lower-cased.
fn heading_key(title: &str) -> String {
    title
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase()
}

fn contender_index(a: &Article, name: &str) -> Option<usize> {
    let name = name.trim();
    a.contenders
        .iter()
        .position(|c| c.name.to_lowercase() == name)
}

fn first_list(s: &Section) -> Vec<Item> {
    s.parts
        .iter()
        .find_map(|p| match p {
            Part::List(items) => Some(items.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

enum Kind {
    Pros,
    Cons,
    Choose,
}

fn classify(a: &Article, title: &str) -> Option<(usize, Kind)> {
    let key = heading_key(title);
    for (words, kind) in [(PRO_WORDS, 0), (CON_WORDS, 1)] {
        for w in words {
            if let Some(name) = key.strip_suffix(w) {
                if let Some(i) = contender_index(a, name) {
                    return Some((i, if kind == 0 { Kind::Pros } else { Kind::Cons }));
                }
            }
        }
    }
    for p in CHOOSE_PREFIXES {
        if let Some(rest) = key.strip_prefix(p) {
            let rest = rest.trim();
            let name = rest.strip_suffix(" if").unwrap_or(rest);
            if let Some(i) = contender_index(a, name) {
                return Some((i, Kind::Choose));
            }
        }
    }
    if let Some(name) = key.strip_suffix(" is best for") {
        if let Some(i) = contender_index(a, name) {
            return Some((i, Kind::Choose));
        }
    }
    None
}

fn find_items(a: &mut Article) {
    let mut found = Vec::new();
    for (si, s) in a.sections.iter().enumerate() {
        if let Some((ci, kind)) = classify(a, &s.title) {
            found.push((si, ci, kind));
        }
    }
    for (si, ci, kind) in found {
        let items = first_list(&a.sections[si]);
        let c = &mut a.contenders[ci];
        match kind {
            Kind::Pros => c.pros.extend(items),
            Kind::Cons => c.cons.extend(items),
            Kind::Choose => {
                c.choose_when.extend(items);
                let examples = examples_under(&a.sections, si);
                a.contenders[ci].examples.extend(examples);
            }
        }
    }
}

/// List items of an "Examples …" sub-section inside section `si`.
fn examples_under(sections: &[Section], si: usize) -> Vec<String> {
    let level = sections[si].level;
    sections[si + 1..]
        .iter()
        .take_while(|s| s.level > level)
        .filter(|s| {
            let k = s.title.to_lowercase();
            k.contains("example") || k.contains("suited for") || k.contains("use case")
        })
        .flat_map(|s| {
            first_list(s).into_iter().map(|i| match i.title {
                Some(t) if i.text.is_empty() => t,
                Some(t) => format!("{t}: {}", i.text),
                None => i.text,
            })
        })
        .collect()
}

fn find_verdicts(a: &mut Article) {
    let Some(si) = a.sections.iter().rposition(|s| {
        let k = s.title.to_lowercase();
        CONCLUSION_WORDS.iter().any(|w| k.contains(w))
    }) else {
        return;
    };
    let mut candidates: Vec<String> = Vec::new();
    for p in &a.sections[si].parts {
        match p {
            Part::List(items) => candidates.extend(items.iter().map(|i| match &i.title {
                Some(t) => format!("{t} {}", i.text),
                None => i.text.clone(),
            })),
            Part::Para { text, .. } => candidates.extend(sentences(text)),
            Part::Table(_) => {}
        }
    }
    for line in candidates {
        let named: Vec<usize> = (0..a.contenders.len())
            .filter(|&i| mentions(&line, &a.contenders[i].name))
            .collect();
        if let [only] = named[..] {
            let c = &mut a.contenders[only];
            if c.verdict.is_none() {
                c.verdict = Some(line.trim().to_string());
            }
        }
    }
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for ch in text.chars() {
        cur.push(ch);
        if matches!(ch, '.' | '!' | '?') {
            out.push(std::mem::take(&mut cur).trim().to_string());
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Whole-word, case-insensitive mention of `name` in `text`.
pub fn mentions(text: &str, name: &str) -> bool {
    let text = text.to_lowercase();
    let name = name.to_lowercase();
    if name.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(i) = text[from..].find(&name) {
        let s = from + i;
        let e = s + name.len();
        let before = text[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = text[e..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = s + name.chars().next().map_or(1, char::len_utf8);
    }
    false
}
