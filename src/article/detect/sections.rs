//! One section per contender: "## Netlify - The User-Friendly One",
//! "## 2. Vercel" with its own "### Pros", "## What is Django?".

use super::labels::{Kind, is_kind_word, label, label_text, marker_line};
use super::names::{Names, clean_name, fold};
use super::title::heading_names;
use crate::article::model::{Block, Part, Section, para_text};
use std::collections::{HashMap, HashSet};

/// The section each section sits in (the nearest earlier one of a lower level).
pub fn parents(sections: &[Section]) -> Vec<Option<usize>> {
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::with_capacity(sections.len());
    for (i, s) in sections.iter().enumerate() {
        while stack.last().is_some_and(|&p| sections[p].level >= s.level) {
            stack.pop();
        }
        out.push(stack.last().copied());
        stack.push(i);
    }
    out
}

/// Headings that name a part of an article, never a contender.
const GENERIC_HEADINGS: &[&str] = &[
    "introduction",
    "intro",
    "overview",
    "conclusion",
    "conclusions",
    "summary",
    "verdict",
    "final verdict",
    "final thoughts",
    "faq",
    "faqs",
    "pricing",
    "price",
    "cost",
    "performance",
    "speed",
    "features",
    "key features",
    "ecosystem",
    "community",
    "support",
    "security",
    "scalability",
    "learning curve",
    "ease of use",
    "documentation",
    "setup",
    "installation",
    "getting started",
    "configuration",
    "deployment",
    "integrations",
    "templates",
    "themes",
    "plugins",
    "hosting",
    "developer experience",
    "comparison",
    "comparison table",
    "side-by-side comparison",
    "key differences",
    "differences",
    "similarities",
    "use cases",
    "examples",
    "alternatives",
    "background",
    "methodology",
    "table of contents",
    "contents",
    "tl;dr",
    "tldr",
    "references",
    "resources",
    "further reading",
    "related",
    "related posts",
    "prerequisites",
    "requirements",
    "benchmarks",
    "results",
    "recap",
    "wrap up",
    "wrap-up",
    "wrapping up",
    "bottom line",
    "the bottom line",
    "the winner",
    "정리",
    "요약",
    "결론",
    "마무리",
    "まとめ",
    "结论",
    "总结",
    "小结",
    "结语",
    "結論",
    "參考",
    "参考",
    "参考资料",
    "參考資料",
    "참고",
    "참고 자료",
    "conclusión",
    "conclusão",
    "considerações finais",
    "fazit",
    "zusammenfassung",
    "заключение",
    "вывод",
    "выводы",
    "итог",
    "итоги",
    "resumen",
    "resumo",
    "résumé",
    "introducción",
    "introdução",
    "einleitung",
    "введение",
    "はじめに",
    "介绍",
    "简介",
    "前言",
    "소개",
    "개요",
    "winner",
    "recommendation",
    "recommendations",
    "which one",
    "which to choose",
    "update",
    "updates",
    "notes",
    "the contenders",
    "contenders",
    "the basics",
    "basics",
    "history",
    "philosophy",
    "final words",
    "my take",
    "our take",
    "thanks",
    "acknowledgements",
    "appendix",
    "sources",
];

/// First words of headings that are questions, steps or instructions.
const NOT_FIRST: &[&str] = &[
    "how",
    "why",
    "when",
    "which",
    "where",
    "who",
    "should",
    "is",
    "are",
    "do",
    "does",
    "can",
    "step",
    "chapter",
    "part",
    "round",
    "the",
    "a",
    "an",
    "our",
    "my",
    "your",
    "final",
    "key",
    "install",
    "installing",
    "configure",
    "configuring",
    "set",
    "setting",
    "setup",
    "create",
    "creating",
    "add",
    "adding",
    "deploy",
    "deploying",
    "run",
    "running",
    "build",
    "building",
    "use",
    "using",
    "write",
    "writing",
    "test",
    "testing",
    "update",
    "updating",
    "getting",
    "choosing",
    "migrate",
    "migrating",
    "moving",
    "switching",
    "learn",
    "learning",
    "start",
    "starting",
    "next",
    "more",
    "other",
    "common",
    "further",
    "bonus",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// "What is X?", "Introducing X", "About X".
    WhatIs,
    /// "X - The User-Friendly One".
    Tagline,
    /// "X: the fast one".
    Colon,
    /// "X", "1. X".
    Plain,
}

/// The contender a heading would be about, if it is about one.
pub fn section_name(title: &str) -> Option<(String, Shape)> {
    let t = strip_numbering(label_text(title));
    let low = fold(t);
    let mut shape = Shape::Plain;
    let mut rest = t;
    for p in [
        "what is ",
        "what's ",
        "what’s ",
        "what are ",
        "introducing ",
        "meet ",
        "about ",
        "overview of ",
        "a closer look at ",
        "a look at ",
        "understanding ",
        "getting to know ",
    ] {
        if low.starts_with(p) {
            shape = Shape::WhatIs;
            rest = &t[p.len()..];
            break;
        }
    }
    if shape == Shape::Plain {
        if [" - ", "—", "–", " -- "].iter().any(|d| t.contains(d)) {
            shape = Shape::Tagline;
        } else if let Some(i) = t.find([':', '：']) {
            shape = Shape::Colon;
            rest = &t[..i];
        }
    }
    // "CSR 장단점", "Bash Pros": the section is that contender's.
    let owned;
    if let Some((head, last)) = rest.trim().rsplit_once(' ')
        && is_kind_word(last)
        && (1..=3).contains(&head.split_whitespace().count())
    {
        owned = head
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_end_matches(['的', 'の', '의'])
            .to_string();
        rest = &owned;
    }
    let name = clean_name(rest).0;
    let k = fold(&name);
    let words: Vec<&str> = k.split_whitespace().collect();
    let ok = !words.is_empty()
        && words.len() <= 4
        && name.chars().count() <= 40
        && name.chars().any(char::is_alphabetic)
        && !GENERIC_HEADINGS.contains(&k.as_str())
        && !super::tables::is_generic(&name)
        && !NOT_FIRST.contains(&words[0])
        && label(&name, &Names::default()).is_none_or(|l| l.kind.is_none())
        && !words.iter().any(|w| is_kind_word(w))
        // "Feature Comparison", "Pricing Overview", "Summary Table".
        && !words.iter().any(|w| {
            matches!(
                *w,
                "comparison" | "comparisons" | "compared" | "overview" | "table" | "summary"
                    | "differences" | "glance" | "verdict" | "conclusion"
            )
        })
        && heading_names(&name).is_empty()
        && !name.contains('?');
    ok.then_some((name, shape))
}

/// "1. X", "#1 X", "Option 2: X", "No. 3 - X" → "X".
fn strip_numbering(t: &str) -> &str {
    let low = fold(t);
    let mut s = t;
    for p in [
        "option ",
        "contender ",
        "choice ",
        "tool ",
        "candidate ",
        "no. ",
        "#",
    ] {
        if low.starts_with(p) && t[p.len()..].starts_with(|c: char| c.is_ascii_digit()) {
            s = &t[p.len()..];
            break;
        }
    }
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && digits < s.len() {
        let rest = &s[digits..];
        let trimmed = rest.trim_start_matches([' ', '.', ')', ':', '-', '–', '—']);
        if trimmed.len() < rest.len() {
            return trimmed.trim_start();
        }
    }
    t
}

/// Sections read for per-contender candidates, from the top.
pub const MAX_SECTIONS: usize = 400;

/// A section that could be one contender's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub section: usize,
    pub name: String,
    /// It has pros or cons of its own: enough to name a contender without
    /// help from a title or table.
    pub strong: bool,
}

/// True when a section's own heading or body holds pros or cons.
pub fn has_pros_cons(s: &Section, blocks: &[Block]) -> bool {
    let none = Names::default();
    let pc = |t: &str| {
        matches!(
            label(t, &none).and_then(|l| l.kind),
            Some(Kind::Pros | Kind::Cons | Kind::Mixed)
        )
    };
    if pc(&s.title) {
        return true;
    }
    s.parts.iter().any(|p| match p {
        Part::Para {
            block,
            breaks,
            lead,
        } => {
            let text = para_text(blocks, *block, breaks);
            lead.as_deref().is_some_and(pc)
                || text.lines().next().is_some_and(|l| l.len() < 60 && pc(l))
                || text.lines().any(|l| marker_line(l).is_some())
        }
        Part::List(items) => items
            .iter()
            .any(|i| marker_line(&i.text).is_some() || i.title.as_deref().is_some_and(pc)),
        Part::Table(_) => false,
    })
}

/// Every section whose heading could name a contender. `skip` marks sections
/// that cannot (the article's title).
pub fn candidates(
    sections: &[Section],
    blocks: &[Block],
    parents: &[Option<usize>],
    skip: &[bool],
) -> Vec<Candidate> {
    // Contenders are introduced early: only the first sections are read, so
    // a very long article costs no more here than a short one.
    let n = sections.len().min(MAX_SECTIONS);
    // Pros or cons anywhere below a section count for it.
    let mut below = vec![false; n];
    for (i, s) in sections[..n].iter().enumerate() {
        if has_pros_cons(s, blocks) {
            below[i] = true;
            let mut p = parents[i];
            while let Some(q) = p {
                if below[q] {
                    break;
                }
                below[q] = true;
                p = parents[q];
            }
        }
    }
    sections[..n]
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip[*i])
        .filter_map(|(i, s)| {
            let (name, _) = section_name(&s.title)?;
            Some(Candidate {
                section: i,
                name,
                strong: below[i],
            })
        })
        .collect()
}

/// The sibling sections that name contenders on their own: the group (same
/// parent, same level) with most strong candidates, at least two.
pub fn standalone(
    cands: &[Candidate],
    sections: &[Section],
    parents: &[Option<usize>],
    talked: &dyn Fn(&str) -> bool,
) -> Vec<Candidate> {
    group(cands.iter().filter(|c| c.strong), sections, parents, talked)
}

/// The group of sibling sections among `cands` (at least two) whose names
/// the text talks about most (`talked`), then the shallowest, then the
/// largest: "## React", "## Angular" rather than the "### Size",
/// "### Flexibility" under each.
pub fn group<'c>(
    cands: impl Iterator<Item = &'c Candidate>,
    sections: &[Section],
    parents: &[Option<usize>],
    talked: &dyn Fn(&str) -> bool,
) -> Vec<Candidate> {
    let mut best: Vec<Candidate> = Vec::new();
    let mut index: HashMap<(Option<usize>, u8), usize> = HashMap::new();
    let mut groups: Vec<(HashSet<String>, Vec<Candidate>)> = Vec::new();
    for c in cands {
        let g = (parents[c.section], sections[c.section].level);
        let gi = *index.entry(g).or_insert_with(|| {
            groups.push((HashSet::new(), Vec::new()));
            groups.len() - 1
        });
        let (seen, v) = &mut groups[gi];
        if seen.insert(fold(&c.name)) {
            v.push(c.clone());
        }
    }
    let mut best_score = (0, 0, 0);
    // Only the largest groups are weighed, each by its first names.
    groups.sort_by_key(|(_, g)| std::cmp::Reverse(g.len()));
    for (_, g) in groups.into_iter().take(8) {
        if g.len() < 2 {
            continue;
        }
        let score = (
            g.iter().take(8).filter(|c| talked(&c.name)).count(),
            usize::from(u8::MAX - sections[g[0].section].level),
            g.len(),
        );
        if score > best_score {
            best_score = score;
            best = g;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::model::{BlockKind, Spans};

    #[test]
    fn names_from_headings() {
        let n = |s: &str| section_name(s);
        assert_eq!(
            n("Netlify - The User-Friendly One"),
            Some(("Netlify".into(), Shape::Tagline))
        );
        assert_eq!(n("What is Django?"), Some(("Django".into(), Shape::WhatIs)));
        assert_eq!(n("2. Vercel"), Some(("Vercel".into(), Shape::Plain)));
        assert_eq!(n("Option 3: Render"), Some(("Render".into(), Shape::Plain)));
        assert_eq!(
            n("🚀 Cloudflare Pages: fast and free"),
            Some(("Cloudflare Pages".into(), Shape::Colon))
        );
        assert_eq!(n("Conclusion"), None);
        assert_eq!(n("Pros"), None);
        assert_eq!(n("Performance"), None);
        assert_eq!(n("How we tested"), None);
        assert_eq!(n("Django vs Flask"), None);
        assert_eq!(n("Which one should you pick?"), None);
    }

    fn sec(level: u8, title: &str, parts: Vec<Part>) -> Section {
        Section {
            level,
            title: title.into(),
            parts,
            ..Section::default()
        }
    }

    #[test]
    fn groups_sibling_sections_with_pros() {
        let texts = ["hi", "✅ Fast ❌ Pricey", "plain"];
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block {
                kind: BlockKind::Para(Spans::plain(t)),
                quote: 0,
                depth: 0,
                marker: None,
            })
            .collect();
        // The second paragraph is two lines, "✅ Fast" and "❌ Pricey".
        let para = |i: usize| Part::Para {
            block: i,
            breaks: if i == 1 { Box::new([8]) } else { Box::new([]) },
            lead: None,
        };
        assert_eq!(para_text(&blocks, 1, &[8]), "✅ Fast\n❌ Pricey");
        let s = vec![
            sec(1, "Static hosting", vec![]),
            sec(2, "Introduction", vec![para(0)]),
            sec(2, "Netlify", vec![]),
            sec(3, "Pros", vec![]),
            sec(2, "Vercel", vec![para(1)]),
            sec(2, "Render", vec![para(2)]),
            sec(2, "Conclusion", vec![]),
        ];
        let p = parents(&s);
        assert_eq!(
            p,
            [None, Some(0), Some(0), Some(2), Some(0), Some(0), Some(0)]
        );
        let skip = vec![true, false, false, false, false, false, false];
        let c = candidates(&s, &blocks, &p, &skip);
        let names: Vec<_> = c.iter().map(|c| (c.name.as_str(), c.strong)).collect();
        assert_eq!(
            names,
            [("Netlify", true), ("Vercel", true), ("Render", false)]
        );
        let g = standalone(&c, &s, &p, &|_| false);
        assert_eq!(
            g.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(),
            ["Netlify", "Vercel"]
        );
    }
}
