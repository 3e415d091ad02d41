//! The front of the document: the front matter read into [`Meta`], with its
//! warnings and what cleaning removed, and the article made at the end from
//! it and the builder's [`Output`].

use super::*;

/// What comes before the body: the front matter's keys, their warnings and
/// what cleaning removed.
pub(super) struct Head {
    pub(super) removed: Removed,
    pub(super) meta: Meta,
    pub(super) warnings: Vec<String>,
}

impl Head {
    /// Warnings for what [`limits`] cut before the markdown parser.
    pub(super) fn limit_warnings(&mut self, marks: usize, deep: usize) {
        if marks > 0 {
            self.warnings.push(format!(
                "removed {marks} combining mark(s) past MAX_COMBINING_MARKS ({}) on one character",
                limits::MAX_COMBINING_MARKS
            ));
        }
        if deep > 0 {
            self.warnings.push(format!(
                "{deep} line(s) open more than MAX_CONTAINER_DEPTH ({}) quotes or list items; the rest of each is shown as text",
                limits::MAX_CONTAINER_DEPTH
            ));
        }
    }

    pub(super) fn read(src: &str, mut removed: Removed) -> (Head, &str) {
        let mut warnings = Vec::new();
        let (block, body) = front_matter::split(src);
        let meta = match block {
            Some(b) => {
                let (meta, w) = front_matter::parse(&b);
                warnings.extend(w);
                clean_meta(meta, &mut removed)
            }
            None => Meta::default(),
        };
        (
            Head {
                removed,
                meta,
                warnings,
            },
            body,
        )
    }

    pub(super) fn finish(self, out: Output, source: &str) -> Unfinished {
        let Head {
            removed,
            meta,
            mut warnings,
        } = self;
        let Output {
            blocks,
            tables,
            mut sections,
            title,
            ragged,
            wide_tables,
        } = out;
        if wide_tables > 0 {
            warnings.push(format!(
                "{wide_tables} table(s) have more than MAX_TABLE_COLUMNS ({MAX_TABLE_COLUMNS}) columns; the columns past it are not shown"
            ));
        }
        if ragged > 0 {
            warnings.push(format!(
                "{ragged} table row(s) had a different number of cells than the header; padded or cut"
            ));
        }
        // Text before the first heading gets a section of its own.
        if let Some(first) = sections.first_mut()
            && first.level == 0
        {
            first.level = 1;
            first.title = meta.title.clone().unwrap_or_default();
        }
        warnings.extend(removed.warnings());
        // Messages quote parsers (YAML, TOML) that saw decoded escapes: show them safely too.
        for w in &mut warnings {
            if let Cow::Owned(v) = sanitize::visible(w) {
                *w = v;
            }
        }

        Unfinished(Article {
            source: sanitize::visible(source).into_owned(),
            meta,
            title,
            contenders: Vec::new(),
            table: None,
            sections,
            warnings,
            blocks,
            tables,
            not_compared: None,
        })
    }
}

pub(super) fn clean_meta(mut m: Meta, removed: &mut Removed) -> Meta {
    let c = |s: &str, r: &mut Removed| sanitize::clean_inline(s, r).replace('\n', " ");
    m.title = m.title.map(|s| c(&s, removed));
    m.description = m.description.map(|s| c(&s, removed));
    m.keywords = m.keywords.iter().map(|s| c(s, removed)).collect();
    m.contenders = m.contenders.iter().map(|s| c(s, removed)).collect();
    m.extra = Extra(
        m.extra
            .0
            .iter()
            .map(|(k, v)| (c(k, removed), c(v, removed)))
            .collect(),
    );
    m
}
