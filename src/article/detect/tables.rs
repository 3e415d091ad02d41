//! Reading a table the way a reader does: which cells name the contenders
//! (header or first column), which column holds the features, which columns
//! are notes; and turning it into the model's shape (feature column first,
//! one column per contender).

use super::labels::{Kind, label};
use super::names::{Names, clean_name, fold, key};
use crate::article::model::{Row, Table};
use std::sync::Arc;

/// Header cells that name what a column holds, never a contender.
pub const GENERIC: &[&str] = &[
    "",
    "#",
    "no",
    "feature",
    "features",
    "aspect",
    "aspects",
    "criteria",
    "criterion",
    "category",
    "categories",
    "notes",
    "note",
    "details",
    "detail",
    "comments",
    "comment",
    "remarks",
    "remark",
    "winner",
    "verdict",
    "description",
    "explanation",
    "summary",
    "attribute",
    "attributes",
    "property",
    "properties",
    "metric",
    "metrics",
    "dimension",
    "factor",
    "factors",
    "area",
    "characteristic",
    "characteristics",
    "parameter",
    "point",
    "topic",
    "item",
    "comparison",
    "key difference",
    "key differences",
    "difference",
    "differences",
    "consideration",
    "capability",
    "capabilities",
    "specification",
    "spec",
    "what",
    "why",
    "aspect compared",
    "point of comparison",
    "comparison point",
    "better choice",
    "best choice",
    "recommendation",
    "our pick",
    "edge",
    "who wins",
    "advantage",
    "task",
    "purpose",
    "usage",
    "meaning",
    "use case",
    "说明",
    "描述",
    "备注",
    "值",
    "默认",
    "默认值",
    "名称",
    "类型",
    "参数",
    "选项",
    "功能",
    "特性",
    "对比项",
    "項目",
    "説明",
    "機能",
    "特徴",
    "설명",
    "기능",
    "항목",
    "característica",
    "características",
    "descripción",
    "descrição",
    "recurso",
    "recursos",
    "merkmal",
    "beschreibung",
    "funktion",
    "fonctionnalité",
    "caractéristique",
    "критерий",
    "характеристика",
    "описание",
    "параметр",
    "функция",
];

/// Columns that read as notes about a row, after the contenders.
const NOTES: &[&str] = &[
    "notes",
    "note",
    "details",
    "detail",
    "comments",
    "comment",
    "remarks",
    "remark",
    "description",
    "explanation",
    "summary",
    "why",
    "task",
    "purpose",
    "usage",
    "meaning",
    "说明",
    "描述",
    "备注",
    "説明",
    "설명",
    "descripción",
    "descrição",
    "beschreibung",
    "описание",
];

/// A first header cell saying the column holds features ("| Feature | A | B |").
const FEATURE_LABELS: &[&str] = &[
    "",
    "feature",
    "features",
    "aspect",
    "aspects",
    "criteria",
    "criterion",
    "category",
    "attribute",
    "property",
    "metric",
    "dimension",
    "factor",
    "area",
    "characteristic",
    "parameter",
    "topic",
    "comparison",
    "key difference",
    "key differences",
    "difference",
    "consideration",
    "capability",
    "specification",
    "point of comparison",
    "aspect compared",
];

/// A first header cell saying the rows are the contenders ("| Tool | Price |").
const NAME_LABELS: &[&str] = &[
    "tool",
    "tools",
    "framework",
    "frameworks",
    "library",
    "libraries",
    "language",
    "languages",
    "platform",
    "platforms",
    "service",
    "services",
    "provider",
    "providers",
    "product",
    "products",
    "option",
    "options",
    "name",
    "database",
    "databases",
    "editor",
    "editors",
    "engine",
    "host",
    "hosting",
    "solution",
    "solutions",
    "app",
    "apps",
    "application",
    "software",
    "package manager",
    "manager",
    "browser",
    "os",
    "distro",
    "generator",
    "static site generator",
    "ssg",
    "cms",
    "approach",
    "method",
    "technique",
    "pattern",
    "strategy",
    "contender",
    "contenders",
    "choice",
    "alternative",
    "candidate",
    "project",
    "vendor",
    "model",
    "runtime",
    "stack",
    "convention",
    "style",
];

/// Column headers that are attributes of a contender, in a table whose rows
/// are the contenders ("| Tool | Price | Speed | Best for |").
const ATTRIBUTES: &[&str] = &[
    "price",
    "pricing",
    "cost",
    "costs",
    "free tier",
    "free plan",
    "paid plans",
    "speed",
    "performance",
    "build speed",
    "build time",
    "build times",
    "language",
    "written in",
    "license",
    "licence",
    "ease of use",
    "learning curve",
    "best for",
    "ideal for",
    "good for",
    "great for",
    "use case",
    "use cases",
    "pros",
    "cons",
    "rating",
    "score",
    "stars",
    "github stars",
    "type",
    "community",
    "support",
    "ecosystem",
    "scalability",
    "popularity",
    "maturity",
    "flexibility",
    "documentation",
    "docs",
    "release",
    "released",
    "year",
    "first release",
    "version",
    "latest version",
    "platform",
    "platforms",
    "os",
    "hosting",
    "setup",
    "size",
    "memory",
    "storage",
    "bandwidth",
    "limits",
    "plugins",
    "extensions",
    "themes",
    "templates",
    "templating",
    "deployment",
    "database",
    "security",
    "typing",
    "paradigm",
    "concurrency",
    "syntax",
    "maintainer",
    "company",
    "developer",
    "open source",
    "features",
    "strengths",
    "weaknesses",
    "advantages",
    "disadvantages",
    "verdict",
    "summary",
    "notes",
    "example",
    "examples",
    "when to use",
    "when to choose",
    "best use",
    "website",
    "homepage",
    "install",
    "installation",
    "ci/cd",
    "serverless",
    "edge functions",
    "functions",
    "analytics",
    "custom domains",
    "ssl",
    "cdn",
];

pub fn is_generic(cell: &str) -> bool {
    GENERIC.contains(&key(cell).as_str())
}

fn is_attribute(k: &str) -> bool {
    ATTRIBUTES.contains(&k) || k.contains('$') || k.starts_with(|c: char| c.is_ascii_digit())
}

/// A header cell that reads "Pros" or "Cons" (or a synonym).
pub fn pros_cons_kind(cell: &str) -> Option<Kind> {
    if cell.len() > 40 {
        return None;
    }
    let kind = match label(cell, &Names::default()) {
        Some(l) if l.bare => match l.kind {
            Some(k @ (Kind::Pros | Kind::Cons)) => Some(k),
            _ => None,
        },
        _ => None,
    };
    // "Pro" and "Con" alone are as likely a plan or a column of votes.
    kind.filter(|_| !matches!(key(cell).as_str(), "pro" | "con"))
}

/// How a table names its contenders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Orient {
    /// Contenders across the header: their column indexes, and the column of
    /// feature names, if the table has one.
    Header {
        feature: Option<usize>,
        cols: Vec<usize>,
    },
    /// Contenders down the first column: their row indexes.
    Rows { rows: Vec<usize> },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub table: usize,
    pub orient: Orient,
    /// Contender names as the table spells them, decoration removed.
    pub names: Vec<String>,
    /// How many of the names other parts of the article also give.
    pub confirmed: usize,
    /// A table of pros and cons, not of features.
    pub pros_cons: bool,
}

impl Reading {
    pub fn found_by(&self) -> &'static str {
        match self.orient {
            Orient::Header { .. } => "table",
            Orient::Rows { .. } => "table-rows",
        }
    }
}

fn short_name(cell: &str) -> Option<String> {
    let name = clean_name(cell).0;
    let words = name.split_whitespace().count();
    (words > 0 && words <= 5 && name.chars().count() <= 40 && name.chars().any(char::is_alphabetic))
        .then_some(name)
}

/// Reads table `idx`; `confirmed` tells whether another part of the article
/// (title, sections) names a contender so spelled.
pub fn read(t: &Table, idx: usize, confirmed: &dyn Fn(&str) -> bool) -> Option<Reading> {
    let n = t.columns.len();
    if n < 2 {
        return None;
    }
    let keys: Vec<String> = t.columns.iter().map(|c| key(c)).collect();
    let h0 = keys[0].as_str();
    let pc_cols = (1..n).any(|j| pros_cons_kind(&t.columns[j]).is_some());

    // Candidates across the header, after the first cell.
    let head: Vec<usize> = (1..n)
        .filter(|&j| {
            let k = keys[j].as_str();
            !GENERIC.contains(&k)
                && !is_attribute(k)
                && pros_cons_kind(&t.columns[j]).is_none()
                && short_name(&t.columns[j]).is_some()
        })
        .collect();
    let head_conf = head.iter().filter(|&&j| confirmed(&t.columns[j])).count();
    let h0_is_name = !GENERIC.contains(&h0)
        && !NAME_LABELS.contains(&h0)
        && !is_attribute(h0)
        && short_name(&t.columns[0]).is_some();
    let h0_conf = h0_is_name && confirmed(&t.columns[0]);

    // Candidates down the first column: only a short table can list its
    // contenders as rows.
    let mut row_names: Vec<(usize, String)> = Vec::new();
    let short_table = (2..=8).contains(&t.rows.len());
    for (i, r) in t.rows.iter().enumerate().filter(|_| short_table) {
        let cell = r.first().unwrap_or("");
        if let Some(name) = short_name(cell)
            && !row_names.iter().any(|(_, m)| fold(m) == fold(&name))
        {
            row_names.push((i, name));
        }
    }
    let rows_ok = short_table && row_names.len() == t.rows.len();
    let row_conf = row_names.iter().filter(|(_, m)| confirmed(m)).count();
    let attr_cols = (1..n)
        .filter(|&j| {
            let k = keys[j].as_str();
            GENERIC.contains(&k) || is_attribute(k) || pros_cons_kind(&t.columns[j]).is_some()
        })
        .count();

    let strong_feature = !h0.is_empty() && FEATURE_LABELS.contains(&h0);
    let by_rows = rows_ok
        && ((row_conf >= 2 && row_conf > head_conf + usize::from(h0_conf))
            || (head_conf == 0
                && !h0_conf
                && !strong_feature
                && (pc_cols
                    || (attr_cols * 2 >= n - 1
                        && (NAME_LABELS.contains(&h0) || h0.is_empty() || attr_cols == n - 1)))));
    if by_rows {
        let names: Vec<String> = row_names.iter().map(|(_, m)| m.clone()).collect();
        return Some(Reading {
            table: idx,
            orient: Orient::Rows {
                rows: row_names.iter().map(|(i, _)| *i).collect(),
            },
            names,
            confirmed: row_conf,
            pros_cons: pc_cols
                && (1..n)
                    .all(|j| pros_cons_kind(&t.columns[j]).is_some() || is_generic(&t.columns[j])),
        });
    }

    // Across the header. The first cell is a contender too when another part
    // of the article says so, or when a notes column shows the table has no
    // feature column ("| Azure | AWS | Details |").
    let has_notes = (1..n).any(|j| NOTES.contains(&keys[j].as_str()));
    let first_too = h0_is_name && (h0_conf || ((has_notes || n == 2) && head_conf >= 1));
    let mut cols = head.clone();
    let feature = if first_too {
        cols.insert(0, 0);
        (1..n).find(|&j| NOTES.contains(&keys[j].as_str()) || GENERIC.contains(&keys[j].as_str()))
    } else {
        Some(0)
    };
    if n == 2 && !first_too {
        return None;
    }
    let mut names: Vec<String> = Vec::new();
    let mut keep = Vec::new();
    for j in cols {
        if let Some(name) = short_name(&t.columns[j])
            && !names.iter().any(|m| fold(m) == fold(&name))
        {
            names.push(name);
            keep.push(j);
        }
    }
    if names.len() < 2 {
        return None;
    }
    let confirmed_n = names.iter().filter(|m| confirmed(m)).count();
    Some(Reading {
        table: idx,
        orient: Orient::Header {
            feature,
            cols: keep,
        },
        names,
        confirmed: confirmed_n,
        pros_cons: false,
    })
}

/// [`reshape`], sharing `t` when it is already in that shape (a large
/// feature table is not held twice).
pub fn shaped(t: &Arc<Table>, r: &Reading, order: &[usize]) -> Arc<Table> {
    if as_written(t, r, order) {
        Arc::clone(t)
    } else {
        Arc::new(reshape(t, r, order))
    }
}

/// Whether [`reshape`] gives `t` back unchanged: the feature column first,
/// then every other column, each a contender's in `order`, and no row short
/// or long.
fn as_written(t: &Table, r: &Reading, order: &[usize]) -> bool {
    let n = t.columns.len();
    let Orient::Header {
        feature: Some(0),
        cols,
    } = &r.orient
    else {
        return false;
    };
    order.len() + 1 == n
        && order
            .iter()
            .enumerate()
            .all(|(i, &o)| cols.get(o) == Some(&(i + 1)))
        && t.rows.iter().all(|row| row.len() == n)
}

/// The table in the model's shape: the feature column, then the columns of
/// the contenders `order` picks (indexes into `r.names`), in that order.
pub fn reshape(t: &Table, r: &Reading, order: &[usize]) -> Table {
    fn cell(row: &Row, j: usize) -> &str {
        row.get(j).unwrap_or("")
    }
    match &r.orient {
        Orient::Header { feature, cols } => {
            let mut columns = vec![feature.map_or(String::new(), |f| t.columns[f].clone())];
            columns.extend(order.iter().map(|&o| t.columns[cols[o]].clone()));
            let rows = t
                .rows
                .iter()
                .map(|row| {
                    let first = feature.map_or("", |f| cell(row, f));
                    std::iter::once(first)
                        .chain(order.iter().map(|&o| cell(row, cols[o])))
                        .collect()
                })
                .collect();
            Table { columns, rows }
        }
        Orient::Rows { rows } => {
            let mut columns = vec![String::new()];
            columns.extend(order.iter().map(|&o| cell(&t.rows[rows[o]], 0).to_string()));
            let out_rows = (1..t.columns.len())
                .map(|j| {
                    std::iter::once(t.columns[j].as_str())
                        .chain(order.iter().map(|&o| cell(&t.rows[rows[o]], j)))
                        .collect()
                })
                .collect();
            Table {
                columns,
                rows: out_rows,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(head: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            columns: head.iter().map(|s| s.to_string()).collect(),
            rows: rows.iter().map(|r| Row::new(r.iter())).collect(),
        }
    }

    fn none(_: &str) -> bool {
        false
    }

    #[test]
    fn feature_table() {
        let t = table(
            &["Feature", "**Django**", "Flask", "Notes"],
            &[&["ORM", "yes", "no", "big"]],
        );
        let r = read(&t, 0, &none).unwrap();
        assert_eq!(r.names, ["Django", "Flask"]);
        assert_eq!(r.found_by(), "table");
        let m = reshape(&t, &r, &[0, 1]);
        assert_eq!(m.columns, ["Feature", "**Django**", "Flask"]);
        assert_eq!(m.rows, [["ORM", "yes", "no"]]);
    }

    #[test]
    fn a_table_already_in_shape_is_shared() {
        let t = Arc::new(table(
            &["Feature", "Django", "Flask"],
            &[&["ORM", "yes", "no"]],
        ));
        let r = read(&t, 0, &none).unwrap();
        for order in [[0, 1], [1, 0]] {
            let s = shaped(&t, &r, &order);
            assert_eq!(*s, reshape(&t, &r, &order));
            assert_eq!(Arc::ptr_eq(&s, &t), order == [0, 1]);
        }
        // One contender of two kept, a notes column, a short row: copies.
        assert!(!Arc::ptr_eq(&shaped(&t, &r, &[0]), &t));
        for t in [
            table(&["Feature", "A", "B", "Notes"], &[&["x", "1", "2", "n"]]),
            table(&["Feature", "A", "B"], &[&["x", "1"]]),
        ] {
            let t = Arc::new(t);
            let r = read(&t, 0, &none).unwrap();
            let s = shaped(&t, &r, &[0, 1]);
            assert!(!Arc::ptr_eq(&s, &t));
            assert_eq!(*s, reshape(&t, &r, &[0, 1]));
        }
    }

    #[test]
    fn empty_first_cell_and_emoji() {
        let t = table(&["", "🐍 Django", "🧪 Flask"], &[&["ORM", "yes", "no"]]);
        assert_eq!(read(&t, 0, &none).unwrap().names, ["Django", "Flask"]);
    }

    #[test]
    fn first_column_is_a_contender_before_notes() {
        let t = table(
            &["Azure", "AWS", "Details"],
            &[&["Blob Storage", "S3", "Object storage"]],
        );
        // Without a second source the first column reads as features.
        assert!(read(&t, 0, &none).is_none());
        let conf = |s: &str| s == "AWS";
        let r = read(&t, 0, &conf).unwrap();
        assert_eq!(r.names, ["Azure", "AWS"]);
        let m = reshape(&t, &r, &[0, 1]);
        assert_eq!(m.columns, ["Details", "Azure", "AWS"]);
        assert_eq!(m.rows, [["Object storage", "Blob Storage", "S3"]]);
    }

    #[test]
    fn contenders_as_rows() {
        let t = table(
            &["Tool", "Price", "Speed", "Best for"],
            &[
                &["Hugo", "Free", "Fast", "Docs"],
                &["Jekyll", "Free", "Slow", "Blogs"],
            ],
        );
        let r = read(&t, 0, &none).unwrap();
        assert_eq!(r.names, ["Hugo", "Jekyll"]);
        assert_eq!(r.found_by(), "table-rows");
        let m = reshape(&t, &r, &[1, 0]);
        assert_eq!(m.columns, ["", "Jekyll", "Hugo"]);
        assert_eq!(m.rows.len(), 3);
        assert_eq!(m.rows[1], ["Speed", "Slow", "Fast"]);
    }

    #[test]
    fn rows_confirmed_elsewhere_win() {
        let t = table(
            &["", "Setup", "Cold start"],
            &[&["Lambda", "easy", "slow"], &["Fargate", "hard", "none"]],
        );
        let conf = |s: &str| matches!(s, "Lambda" | "Fargate");
        let r = read(&t, 0, &conf).unwrap();
        assert_eq!(r.names, ["Lambda", "Fargate"]);
    }

    #[test]
    fn two_columns_need_a_second_source() {
        let t = table(&["Tabs", "Spaces"], &[&["one char", "many chars"]]);
        assert!(read(&t, 0, &none).is_none());
        let conf = |s: &str| s == "Spaces";
        assert_eq!(read(&t, 0, &conf).unwrap().names, ["Tabs", "Spaces"]);
        let t = table(&["Command", "Effect"], &[&["ls", "lists"]]);
        assert!(read(&t, 0, &none).is_none());
    }

    #[test]
    fn pros_cons_table() {
        let t = table(
            &["Tool", "Pros", "Cons"],
            &[
                &["Hugo", "Fast", "Go templates"],
                &["Jekyll", "Simple", "Slow"],
            ],
        );
        let r = read(&t, 0, &none).unwrap();
        assert!(r.pros_cons);
        assert_eq!(r.names, ["Hugo", "Jekyll"]);
    }

    #[test]
    fn generic_only_tables_name_nobody() {
        let t = table(
            &["Command", "Effect", "Notes"],
            &[&["ls", "lists", "-"], &["rm", "removes", "careful"]],
        );
        assert!(read(&t, 0, &none).is_none());
    }
}
