//! Who is compared: candidates from every source (title, each table,
//! per-contender sections), reconciled into one list.
//!
//! - A table wins over the title when they share a name (the table is the
//!   more detailed source: a title naming two while the table compares three
//!   is a short title); a table sharing no name with the title is about
//!   something else, and the title wins.
//! - Per-contender sections win over the title when they name more
//!   contenders and share one with it.
//! - Names confirmed by a second source decide how an ambiguous table reads
//!   (its first column a contender or the features; contenders as rows).
//! - Every disagreement between sources is a warning saying what was chosen
//!   and why.

use super::names::{alias_keys, same_keys};
use super::sections::{self, Candidate};
use super::tables::{self, Reading};
use super::title::{heading_names, title_names};
use crate::article::model::{Article, Table};
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

/// The names a title gives: the first H1, else the front matter's title,
/// else the first heading that reads "A vs B".
fn from_title(a: &Article, skip: &[bool]) -> Vec<String> {
    for t in [a.title.as_deref(), a.meta.title.as_deref()]
        .into_iter()
        .flatten()
    {
        let n = title_names(t);
        if n.len() >= 2 {
            return n;
        }
    }
    a.sections
        .iter()
        .zip(skip)
        .filter(|(_, skipped)| !**skipped)
        .map(|(s, _)| heading_names(&s.title))
        .find(|n| n.len() >= 2)
        .unwrap_or_default()
}

pub fn choose(a: &Article, parents: &[Option<usize>], skip: &[bool]) -> Chosen {
    let title = keyed(&from_title(a, skip));
    let cands = sections::candidates(&a.sections, &a.blocks, parents, skip);
    let group: Vec<Candidate> = sections::standalone(&cands, &a.sections, parents);
    let group_k = keyed(&group.iter().map(|c| c.name.clone()).collect::<Vec<_>>());

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
    // The feature table comes early; a very long article's later tables are
    // not read for contenders.
    for (i, t) in a.tables.iter().enumerate().take(MAX_TABLES) {
        let Some(r) = tables::read(t, i, &confirmed) else {
            continue;
        };
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
                || (group_k.len() > title.len() && overlap(&group_k, &title) > 0)) =>
        {
            Src::Sections
        }
        None if title.len() >= 2 => Src::Title,
        None => return Chosen::default(),
    };
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

    let table = match (&src, &best) {
        (Src::Table, Some(r)) if !r.pros_cons => {
            let order: Vec<usize> = (0..chosen.len()).collect();
            Some(tables::shaped(&a.tables[r.table], r, &order))
        }
        _ => None,
    };
    Chosen {
        names: chosen.into_iter().map(|k| k.name).collect(),
        spellings,
        found_by,
        table,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
