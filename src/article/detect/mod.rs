//! Finds the contenders and what the article says about each: pros, cons,
//! "when to choose" criteria, examples and verdict lines.
//!
//! Contenders come from every source the article offers (its title, each
//! table's header or first column, one section per contender), reconciled in
//! [`contenders`]; their items are then read section by section in [`items`].
//! Everything here is linear in the size of the article.

pub mod contenders;
pub mod items;
pub mod labels;
pub mod names;
pub mod sections;
pub mod tables;
pub mod title;

use super::model::*;
use std::sync::Arc;

/// Why an article without contenders is no comparison, unless a detector
/// says more.
pub const NOT_COMPARED: &str =
    "no two names are compared in the title, the headings or a table (--vs \"A,B\" sets them)";

/// What the item detectors need once the contenders are known.
pub struct Pending {
    names: names::Names,
    parents: Vec<Option<usize>>,
    skip: Vec<bool>,
}

/// The contenders (and the feature table that names them), with their
/// warnings; `None` when there are none, so there are no items to find.
pub fn find_contenders(a: &mut Article) -> Option<Pending> {
    let parents = sections::parents(&a.sections);
    let skip = title_sections(a);
    let mut chosen = contenders::choose(a, &parents, &skip);
    if a.meta.contenders.len() >= 2 {
        chosen = contenders::set_by_user(a, chosen);
    } else if a.meta.contenders.len() == 1 {
        a.warnings.push(format!(
            "contenders: only one named ({}); at least two are needed, so they were found in the article",
            a.meta.contenders[0]
        ));
    }
    a.warnings.extend(chosen.warnings);
    if chosen.names.is_empty() {
        a.table = a
            .tables
            .iter()
            .find(|t| t.columns.len() >= 3)
            .map(Arc::clone);
        let why = chosen.why.unwrap_or_else(|| NOT_COMPARED.to_string());
        a.warnings.push(format!("no contenders found: {why}"));
        a.not_compared = Some(why);
        return None;
    }
    a.table = chosen.table;
    a.contenders = chosen
        .names
        .into_iter()
        .map(|name| Contender {
            name,
            found_by: chosen.found_by.into(),
            ..Contender::default()
        })
        .collect();
    Some(Pending {
        names: names::Names::new(&chosen.spellings),
        parents,
        skip,
    })
}

/// Each contender's pros, cons, criteria, examples and verdict lines. Adds
/// no warnings: what the Read view shows is known before this runs.
pub fn find_items(a: &mut Article, p: Pending) {
    let seen = items::collect(a, &p.names, &p.parents, &p.skip);
    items::verdicts(a, &p.names, seen);
    // A post about moving from one to the other recommends the one it
    // moved to, and one titled after a choice ("Zola instead of Hugo") the
    // one chosen, unless it says otherwise.
    if a.contenders.iter().all(|c| c.verdict.is_none()) {
        for t in [a.title.clone(), a.meta.title.clone()]
            .into_iter()
            .flatten()
        {
            let to = title::migration_names(&t)
                .and_then(|n| n.last().cloned())
                .or_else(|| title::moved_to(&t))
                .or_else(|| title::chosen(&t));
            if let Some(to) = to
                && let Some(i) = p.names.exact(&to)
            {
                a.contenders[i].verdict = Some(t);
                break;
            }
        }
    }
    // Without a title, the opening sentence that tells of the move.
    if a.contenders.iter().all(|c| c.verdict.is_none())
        && a.title.is_none()
        && a.meta.title.is_none()
        && let Some((to, line)) = contenders::opening_move_line(a)
        && let Some(i) = p.names.exact(&to)
    {
        a.contenders[i].verdict = Some(line);
    }
}

/// Sections that stand for the whole article and so belong to no contender:
/// the text before the first heading, and the title's own section.
fn title_sections(a: &Article) -> Vec<bool> {
    let mut skip = vec![false; a.sections.len()];
    if let Some(first) = a.sections.first() {
        let starts_with_heading = a
            .blocks
            .get(first.blocks.start)
            .is_some_and(|b| matches!(b.kind, BlockKind::Heading { .. }));
        if !starts_with_heading {
            skip[0] = true;
        }
    }
    // With a front-matter title and several H1s, the H1s are the article's
    // parts ("# Netlify", "# Vercel"), not its title.
    let h1s = a
        .sections
        .iter()
        .filter(|s| s.level == 1 && !s.title.is_empty())
        .take(2)
        .count();
    let parts = a.meta.title.is_some() && h1s > 1;
    if let Some(t) = &a.title
        && !parts
        && let Some(i) = a
            .sections
            .iter()
            .position(|s| s.level == 1 && &s.title == t)
    {
        skip[i] = true;
    }
    skip
}

/// "A vs B vs C: subtitle" → [A, B, C]; also "A or B", "Comparing A and B".
pub fn versus_names(title: &str) -> Vec<String> {
    let mut names = title::title_names(title);
    names.truncate(contenders::MAX);
    names
}

/// Whole-word, case-insensitive mention of `name` in `text`.
pub fn mentions(text: &str, name: &str) -> bool {
    let name = names::fold(name.trim());
    !name.is_empty() && names::word_hits(&names::fold(text), &name).next().is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_whole_words() {
        assert!(mentions("Choose Django if …", "django"));
        assert!(!mentions("Djangonaut", "Django"));
        assert!(mentions("C++ wins", "C++"));
        assert!(!mentions("anything", ""));
    }
}
