//! What the article says about each contender: pros, cons, "when to choose"
//! criteria, examples and verdict lines, each attributed to the contender
//! whose section, heading or label owns it.
//!
//! Each section starts from what its heading announces ("Django Pros",
//! "### Cons:" under "## Netlify - …", "When to Choose Flask"), inheriting
//! the owner and the kind of item from the sections it sits in. Inside it,
//! labels ("**Pros**", "Stay with Jekyll if:", "**Flask**") switch the kind
//! or the owner for what follows; ✅/❌ lines are pros and cons of the
//! section's contender whatever the announced kind; a table with Pros and
//! Cons columns gives each row's contender its items.

use super::labels::{
    Kind, Label, Named, choose_sentence, classify, label, marker_items, marker_line,
    may_open_criterion,
};
use super::names::{Names, fold, squash};
use super::tables::pros_cons_kind;
use crate::article::model::{
    Article, Block, BlockKind, Contender, Item, Part, Section, Table, para_text,
};
use std::sync::Arc;

/// How far into a paragraph "X shines when …" sentences are looked for.
const CRITERIA_SCAN: usize = 400;

/// Titles of the sections that conclude an article.
pub const CONCLUSION_WORDS: &[&str] = &[
    "conclusion",
    "verdict",
    "bottom line",
    "summary",
    "final thoughts",
    "wrapping up",
    "wrap-up",
    "the winner",
    "final word",
    "tl;dr",
    "tldr",
    "conclusión",
    "conclusão",
    "fazit",
    "заключение",
    "вывод",
    "结论",
    "总结",
    "まとめ",
    "結論",
    "결론",
    "정리",
    "veredicto",
    "veredito",
];

pub fn is_conclusion(title: &str) -> bool {
    let t = title.as_bytes();
    // Only at the start of a word: "Conclusion", "Final thoughts", "TL;DR".
    (0..t.len()).any(|i| {
        (i == 0 || !t[i - 1].is_ascii_alphanumeric())
            && CONCLUSION_WORDS.iter().any(|w| {
                let w = w.as_bytes();
                t.len() - i >= w.len() && t[i..i + w.len()].eq_ignore_ascii_case(w)
            })
    })
}

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    owner: Option<usize>,
    kind: Option<Kind>,
}

impl Ctx {
    fn apply(&mut self, l: &Label) {
        match l.named {
            Named::One(i) => self.owner = Some(i),
            Named::Many => self.owner = None,
            Named::Zero => {}
        }
        if let Some(k) = l.kind {
            self.kind = Some(k);
        }
    }
}

struct Walker<'a> {
    names: &'a Names,
    tables: &'a [Arc<Table>],
    blocks: &'a [Block],
    out: &'a mut [Contender],
    /// "**Winner:** X" lines met on the way, for [`verdicts`].
    winners: Vec<String>,
}

/// What [`collect`] saw on the way that [`verdicts`] needs.
#[derive(Debug, Default)]
pub struct Seen {
    /// "**Winner:** X" lines, in document order.
    pub winners: Vec<String>,
    /// The last section whose title concludes the article.
    pub conclusion: Option<usize>,
}

/// Reads every section for pros, cons, criteria and examples.
pub fn collect(a: &mut Article, names: &Names, parents: &[Option<usize>], skip: &[bool]) -> Seen {
    let mut ctx = vec![Ctx::default(); a.sections.len()];
    let mut concl = vec![false; a.sections.len()];
    let mut w = Walker {
        names,
        tables: &a.tables,
        blocks: &a.blocks,
        out: &mut a.contenders,
        winners: Vec::new(),
    };
    let mut conclusion = None;
    // Items are moved out of the sections into the contenders, but for those
    // of the last concluding section, which [`verdicts`] reads again.
    let last_concl = a.sections.iter().rposition(|s| is_conclusion(&s.title));
    for (i, s) in a.sections.iter_mut().enumerate() {
        let keep = Some(i) == last_concl;
        let parent = parents[i];
        let own = is_conclusion(&s.title);
        if own {
            conclusion = Some(i);
        }
        concl[i] = own || parent.is_some_and(|p| concl[p]);
        let c = if skip[i] {
            Ctx::default()
        } else {
            let mut c = parent.map_or(Ctx::default(), |p| ctx[p]);
            let l = classify(&s.title, names);
            c.apply(&l);
            if l.kind == Some(Kind::Verdict) {
                c.kind = None;
            }
            ctx[i] = c;
            c
        };
        w.section(s, c, concl[i], keep);
        // Freed as the walk goes, so that the sections' parts and the
        // contenders' items are not all held at once.
        if !keep {
            s.parts = Vec::new();
        }
    }
    Seen {
        winners: w.winners,
        conclusion,
    }
}

impl Walker<'_> {
    fn push(&mut self, owner: Option<usize>, kind: Option<Kind>, item: Item) {
        let Some(c) = owner.and_then(|o| self.out.get_mut(o)) else {
            return;
        };
        if item.text.is_empty() && item.title.is_none() {
            return;
        }
        match kind {
            Some(Kind::Pros) => c.pros.push(item),
            Some(Kind::Cons) => c.cons.push(item),
            Some(Kind::Choose) => c.choose_when.push(item),
            Some(Kind::Examples) => c.examples.push(match item.title {
                Some(t) if item.text.is_empty() => t,
                Some(t) => format!("{t}: {}", item.text),
                None => item.text,
            }),
            _ => {}
        }
    }

    /// `keep`: leave the section's items in place (else they may be moved out).
    fn section(&mut self, s: &mut Section, start: Ctx, concl: bool, keep: bool) {
        let mut c = start;
        for p in &mut s.parts {
            match p {
                Part::Para {
                    block,
                    breaks,
                    lead,
                } => {
                    let text = &para_text(self.blocks, *block, breaks);
                    if is_winner_line(text, lead.as_deref()) {
                        self.winners.push(squash(text));
                    }
                    self.para(text, lead.as_deref(), &mut c, concl)
                }
                Part::List(items) => {
                    // A "+ a / − b" list: its plain items are pros.
                    let mut ci = c;
                    if c.owner.is_some()
                        && !matches!(c.kind, Some(Kind::Pros | Kind::Cons))
                        && items
                            .iter()
                            .any(|it| it.title.is_none() && plus_minus(&it.text))
                    {
                        ci.kind = Some(Kind::Pros);
                    }
                    for it in items {
                        if let Some(t) = &it.title
                            && is_verdict_label(t)
                        {
                            self.winners.push(format!("{t}: {}", it.text));
                        }
                        self.item(it, ci, concl, keep);
                    }
                }
                Part::Table(t) => {
                    if let Some(t) = self.tables.get(*t) {
                        self.table(t, c);
                    }
                }
            }
        }
    }

    /// A paragraph: a label, ✅/❌ lines, or "X shines when …" sentences.
    fn para(&mut self, text: &str, lead: Option<&str>, c: &mut Ctx, concl: bool) {
        if let Some((l, rest)) = para_label(text, lead, self.names) {
            if l.kind == Some(Kind::Verdict) {
                return;
            }
            c.apply(&l);
            self.content(rest, *c);
            return;
        }
        // ✅/❌ lines need an owner to go to; under "Stay with X if:" they
        // are criteria.
        if c.owner.is_some() && text.lines().any(|l| marker_line(l).is_some()) {
            for (k, t) in marker_items(text) {
                let k = if c.kind == Some(Kind::Choose) {
                    Kind::Choose
                } else {
                    k
                };
                self.push(c.owner, Some(k), plain(t));
            }
            return;
        }
        if !concl && !self.names.is_empty() {
            // Criteria open a paragraph or follow closely; long prose is
            // not read to its end.
            let mut end = text.len().min(CRITERIA_SCAN);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let head = &text[..end];
            if may_hold_criteria(head) {
                for s in sentences(head) {
                    if let Some((i, rest)) = choose_sentence(s, self.names) {
                        self.push(Some(i), Some(Kind::Choose), plain(rest));
                    }
                }
            }
        }
    }

    /// What follows a label in its paragraph or list item: marker lines,
    /// nested items ("- a"), lines, or an inline list ("fast, cheap").
    fn content(&mut self, rest: &str, c: Ctx) {
        let rest = rest
            .trim_start_matches([':', '：', ' ', '-', '–', '—'])
            .trim();
        if rest.is_empty() {
            return;
        }
        // Nested items: their explanations (a quote, a paragraph under
        // each) are not items of their own.
        let nested =
            rest.lines().nth(1).is_some() && rest.lines().any(|l| l.trim_start().starts_with("- "));
        for (n, line) in rest.lines().enumerate() {
            let line = line.trim();
            if nested && n > 0 && !line.starts_with("- ") && marker_line(line).is_none() {
                continue;
            }
            let line = line.strip_prefix("- ").unwrap_or(line);
            if marker_line(line).is_some() {
                for (k, t) in marker_items(line) {
                    self.push(c.owner, Some(k), plain(t));
                }
            } else {
                for piece in split_inline(line) {
                    self.push(c.owner, c.kind, plain(piece));
                }
            }
        }
    }

    fn item(&mut self, it: &mut Item, c: Ctx, concl: bool, keep: bool) {
        let take = |s: &mut String| if keep { s.clone() } else { std::mem::take(s) };
        // "Good, because …" / "Bad, because …" (decision records).
        if it.title.is_none()
            && let Some(k) = because_kind(&it.text)
        {
            self.push(c.owner, Some(k), plain(take(&mut it.text)));
            return;
        }
        // "**Pros:** fast, cheap" or "**Django**" with nested items.
        if let Some(t) = &it.title {
            if marker_line(t).is_none()
                && let Some(l) = label(t, self.names)
            {
                let nested = it.text.is_empty() || it.text.starts_with("- ");
                // "**Choose Django** if you …" is a sentence, not a heading.
                let sentence = l.kind == Some(Kind::Choose) && !nested;
                if l.is_label()
                    && !sentence
                    && (l.kind.is_some() || first_line(&it.text).is_empty())
                {
                    if l.kind != Some(Kind::Verdict) {
                        let mut c2 = c;
                        c2.apply(&l);
                        self.content(&it.text, c2);
                    }
                    return;
                }
            }
        } else {
            let first = short_first_line(&it.text).unwrap_or("");
            // "Pros:" then items; or "- ##### 장점" over nested items.
            let over_items = it.text[first.len()..].trim_start().starts_with("- ");
            if (first.ends_with([':', '：']) || over_items)
                && let Some(l) = label(first, self.names)
                && (first.ends_with([':', '：']) || (l.bare && l.kind.is_some()))
            {
                if l.kind != Some(Kind::Verdict) {
                    let mut c2 = c;
                    c2.apply(&l);
                    self.content(&it.text[first.len()..], c2);
                }
                return;
            }
        }
        // "✅ Fast", "**✅ Fast:** builds in seconds"; under "Stay with X
        // if:" a ✅ item is a criterion: the section's label wins.
        let choose = c.kind == Some(Kind::Choose);
        let kind_of = |k: Kind| if choose { Kind::Choose } else { k };
        if let Some(t) = &it.title {
            if let Some((k, rest)) = marker_line(t) {
                self.push(
                    c.owner,
                    Some(kind_of(k)),
                    Item {
                        title: Some(rest.trim().to_string()),
                        text: take(&mut it.text),
                    },
                );
                return;
            }
        } else if marker_line(&it.text).is_some() {
            for (k, t) in marker_items(&it.text) {
                self.push(c.owner, Some(kind_of(k)), plain(t));
            }
            return;
        } else if c.owner.is_some() && has_marker_char(&it.text) {
            // "+ Fast" items with "− Slow" lines run into them: the list's
            // `+` is gone, the `−` is still there.
            let split = marker_items(&format!("+ {}", it.text));
            if split.len() > 1 {
                let first = match c.kind {
                    Some(k @ (Kind::Pros | Kind::Cons)) => k,
                    _ => Kind::Pros,
                };
                for (n, (k, t)) in split.into_iter().enumerate() {
                    self.push(c.owner, Some(if n == 0 { first } else { k }), plain(t));
                }
                return;
            }
        }
        match c.kind {
            Some(Kind::Pros | Kind::Cons | Kind::Choose | Kind::Examples) if c.owner.is_some() => {
                let it = Item {
                    title: it.title.as_mut().map(take),
                    text: take(&mut it.text),
                };
                self.push(c.owner, c.kind, it);
            }
            _ if !concl
                && !self.names.is_empty()
                && may_open_criterion(it.title.as_deref().unwrap_or(&it.text), self.names) =>
            {
                let whole = match &it.title {
                    Some(t) => format!("{t} {}", it.text),
                    None => it.text.clone(),
                };
                if let Some((i, rest)) = choose_sentence(&whole, self.names) {
                    self.push(Some(i), Some(Kind::Choose), plain(rest));
                }
            }
            _ => {}
        }
    }

    /// A table with Pros and Cons columns (one row per contender), or with
    /// Pros and Cons rows (one column per contender).
    fn table(&mut self, t: &Table, c: Ctx) {
        // "| Pros | Cons |" under one contender's heading: each cell an item.
        let kinds: Vec<Option<Kind>> = t.columns.iter().map(|h| pros_cons_kind(h)).collect();
        if c.owner.is_some() && !kinds.is_empty() && kinds.iter().all(Option::is_some) {
            for row in &t.rows {
                for (cell, k) in row.iter().zip(&kinds) {
                    for piece in split_cell(cell) {
                        self.push(c.owner, piece.0.or(*k), plain(piece.1));
                    }
                }
            }
            return;
        }
        let pc: Vec<(usize, Kind)> = t
            .columns
            .iter()
            .enumerate()
            .skip(1)
            .filter_map(|(j, h)| pros_cons_kind(h).map(|k| (j, k)))
            .collect();
        if !pc.is_empty() {
            for row in &t.rows {
                let owner = row.first().and_then(|c| self.names.exact(c));
                for &(j, k) in &pc {
                    for piece in split_cell(row.get(j).unwrap_or("")) {
                        self.push(owner, Some(piece.0.unwrap_or(k)), plain(piece.1));
                    }
                }
            }
            return;
        }
        let mut owners: Option<Vec<Option<usize>>> = None;
        for row in &t.rows {
            let Some(k) = row.first().and_then(pros_cons_kind) else {
                continue;
            };
            let owners = owners
                .get_or_insert_with(|| t.columns.iter().map(|h| self.names.exact(h)).collect());
            for (j, cell) in row.iter().enumerate().skip(1) {
                for piece in split_cell(cell) {
                    self.push(
                        owners.get(j).copied().flatten(),
                        Some(piece.0.unwrap_or(k)),
                        plain(piece.1),
                    );
                }
            }
        }
    }
}

/// "Good, because …" is a pro, "Bad, because …" a con.
fn because_kind(text: &str) -> Option<Kind> {
    let head = text.get(..14)?.to_ascii_lowercase();
    if head.starts_with("good, because") {
        Some(Kind::Pros)
    } else if head.starts_with("bad, because") {
        Some(Kind::Cons)
    } else {
        None
    }
}

/// Text that a `−` or ❌ line ran into ("Free − Slow"), not starting with one.
fn plus_minus(text: &str) -> bool {
    has_marker_char(text)
        && marker_line(text).is_none()
        && marker_items(&format!("+ {text}")).len() > 1
}

/// A quick byte scan for the characters markers are made of: `−`, dingbats
/// (✅ ✔ ❌ ✖ ➖), symbols (⚠ ☑) and emoji (👍 👎 🟢).
fn has_marker_char(text: &str) -> bool {
    !text.is_ascii()
        && text
            .as_bytes()
            .windows(2)
            .any(|w| w[0] == 0xF0 || (w[0] == 0xE2 && matches!(w[1], 0x88 | 0x98..=0x9E)))
}

fn plain(text: String) -> Item {
    Item {
        title: None,
        text: text.trim().to_string(),
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or("").trim()
}

/// The first line when it is short enough to be a label; labels never are
/// longer, and a long paragraph is not read past this.
fn short_first_line(s: &str) -> Option<&str> {
    const MAX: usize = 160;
    let mut end = s.len().min(MAX + 1);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let head = &s[..end];
    match head.find('\n') {
        Some(i) => Some(head[..i].trim()),
        None if s.len() <= MAX => Some(head.trim()),
        None => None,
    }
}

/// A paragraph that announces what follows: a bold lead ("**Pros:**",
/// "**Flask**"), a short line ending in a colon ("Stay with Jekyll if:"), or a
/// line that is only a kind word ("Cons"). Returns the label and the text
/// after it.
fn para_label<'t>(text: &'t str, lead: Option<&str>, names: &Names) -> Option<(Label, &'t str)> {
    let first = short_first_line(text).unwrap_or("");
    let after_first = || &text[text.find(first).map_or(0, |i| i + first.len())..];
    if let Some(lead) = lead
        && let Some(l) = label(lead, names)
    {
        let body = text.trim_start();
        let rest = body.strip_prefix(lead).unwrap_or("");
        let rest_first = first_line(rest).trim_start_matches([':', '：', ' ']);
        // A bare name only labels when nothing follows it on its line.
        if l.kind.is_some() || rest_first.is_empty() {
            return Some((l, rest));
        }
    }
    if first.ends_with([':', '：'])
        && let Some(l) = label(first, names)
    {
        return Some((l, after_first()));
    }
    if let Some(l) = announces(text, names) {
        return Some((l, ""));
    }
    let short = first.len() < 40 && (text.contains('\n') || first.split_whitespace().count() <= 2);
    if short
        && let Some(l) = label(first, names)
        && matches!(
            l.kind,
            Some(Kind::Pros | Kind::Cons | Kind::Mixed | Kind::Verdict)
        )
        && l.bare
    {
        return Some((l, after_first()));
    }
    None
}

/// A paragraph whose last sentence announces a list of pros or cons in
/// running prose: "It has lots of advantages:", "Utterances has a few
/// drawbacks, though:", "This has several advantages:". The list that
/// follows is the named one's, or the section's owner's.
fn announces(text: &str, names: &Names) -> Option<Label> {
    let text = text.trim_end();
    let body = text.strip_suffix([':', '：'])?;
    let start = body.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
    let sentence = body[start..].trim();
    if sentence.is_empty() || sentence.len() > 120 {
        return None;
    }
    let low = fold(sentence);
    let low = low.trim_end_matches([',', ' ']);
    let low = low
        .strip_suffix(" though")
        .unwrap_or(low)
        .trim_end_matches([',', ' ']);
    let last = low.rsplit(' ').next().unwrap_or("");
    const PROS: &[&str] = &[
        "advantages",
        "benefits",
        "pros",
        "upsides",
        "strengths",
        "perks",
    ];
    const CONS: &[&str] = &[
        "disadvantages",
        "drawbacks",
        "downsides",
        "cons",
        "weaknesses",
        "shortcomings",
        "problems",
        "issues",
    ];
    let kind = if PROS.contains(&last) {
        Kind::Pros
    } else if CONS.contains(&last) {
        Kind::Cons
    } else {
        return None;
    };
    let mut named: Vec<usize> = names.hits(low).iter().map(|h| h.idx).collect();
    if named.is_empty() {
        // "Utterances is a very nice alternative. It has lots of
        // advantages:": the one the paragraph names.
        named = names.hits(&fold(body)).iter().map(|h| h.idx).collect();
        named.sort_unstable();
    }
    named.dedup();
    let named = match named[..] {
        [] => Named::Zero,
        [one] => Named::One(one),
        _ => return None,
    };
    Some(Label {
        kind: Some(kind),
        named,
        bare: false,
    })
}

/// Splits an inline list: "a; b", "a • b", or "a, b, c" when every piece is short.
pub fn split_inline(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.is_empty() {
        return Vec::new();
    }
    for sep in [';', '•', '·'] {
        if s.contains(sep) {
            return pieces(s.split(sep));
        }
    }
    let commas: Vec<&str> = s.split(',').collect();
    if commas.len() >= 2
        && commas.iter().all(|p| {
            let p = p.trim();
            let p = p.strip_prefix("and ").unwrap_or(p);
            (1..=5).contains(&p.split_whitespace().count())
        })
    {
        return pieces(commas.into_iter());
    }
    vec![s.to_string()]
}

fn pieces<'a>(it: impl Iterator<Item = &'a str>) -> Vec<String> {
    it.map(|p| {
        let p = p.trim();
        let p = p.strip_prefix("and ").unwrap_or(p);
        p.trim_end_matches('.').trim().to_string()
    })
    .filter(|p| !p.is_empty())
    .collect()
}

/// A table cell's items: marker-split, or an inline list; "-" and "n/a" are none.
fn split_cell(cell: &str) -> Vec<(Option<Kind>, String)> {
    let c = cell.trim();
    if matches!(
        fold(c).as_str(),
        "" | "-" | "—" | "–" | "n/a" | "none" | "—." | "x"
    ) {
        return Vec::new();
    }
    if marker_line(c).is_some() {
        return marker_items(c)
            .into_iter()
            .map(|(k, t)| (Some(k), t))
            .collect();
    }
    split_inline(c).into_iter().map(|t| (None, t)).collect()
}

/// The sentences of a paragraph, as written (line breaks included).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    // The ends are ASCII, or the full-width 。！？ (whose last byte ends a
    // character), so splitting after them keeps UTF-8 intact.
    let b = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < b.len() {
            let end = (start..b.len())
                .find(|&i| {
                    matches!(b[i], b'.' | b'!' | b'?')
                        || (i >= 2
                            && ((b[i - 2] == 0xE3 && b[i - 1] == 0x80 && b[i] == 0x82)
                                || (b[i - 2] == 0xEF
                                    && b[i - 1] == 0xBC
                                    && matches!(b[i], 0x81 | 0x9F))))
                })
                .map_or(b.len(), |i| i + 1);
            let s = text[start..end].trim();
            start = end;
            if !s.is_empty() {
                return Some(s);
            }
        }
        None
    })
}

/// Every criterion sentence has one of these words ("Choose X if", "X is
/// best for", "X shines when", "If …, choose X"); most paragraphs have
/// none of them, and are not split into sentences at all.
fn may_hold_criteria(text: &str) -> bool {
    text.contains(" if ")
        || text.contains(" when ")
        || text.contains(" for ")
        || text.contains("shines")
        || text.starts_with("If ")
        || text.starts_with("When ")
        || text.contains(". If ")
        || text.contains(". When ")
}

fn is_verdict_label(s: &str) -> bool {
    // Every verdict label opens with one of these words.
    let b = s.as_bytes();
    let start = b
        .iter()
        .position(u8::is_ascii_alphanumeric)
        .unwrap_or(b.len());
    let len = b[start..]
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(b.len() - start);
    let first = &s[start..start + len];
    const OPENERS: &[&str] = &[
        "winner",
        "overall",
        "the",
        "clear",
        "verdict",
        "final",
        "our",
        "my",
        "top",
        "bottom",
        "recommendation",
        "chosen",
        "best",
    ];
    if !OPENERS.iter().any(|o| o.eq_ignore_ascii_case(first)) {
        return false;
    }
    label(s, &Names::default()).is_some_and(|l| l.kind == Some(Kind::Verdict))
}

/// "**Winner:** X …" or "Verdict: X …" opening a paragraph.
fn is_winner_line(text: &str, lead: Option<&str>) -> bool {
    let head = lead.or_else(|| {
        // "Winner:" within the first few bytes, on the first line.
        let b = &text.as_bytes()[..text.len().min(48)];
        let colon = b
            .iter()
            .take_while(|&&c| c != b'\n')
            .position(|&c| c == b':' || c == 0xEF)?;
        text.get(..colon)
    });
    head.is_some_and(|h| h.len() < 40 && is_verdict_label(h))
}

/// Verdict lines: in the last concluding section, a list item or sentence
/// naming exactly one contender; then "**Winner:** X" lines anywhere.
pub fn verdicts(a: &mut Article, names: &Names, seen: Seen) {
    let mut lines: Vec<String> = Vec::new();
    if let Some(si) = seen.conclusion {
        for p in &a.sections[si].parts {
            match p {
                Part::List(items) => lines.extend(items.iter().map(|i| match &i.title {
                    Some(t) => format!("{t} {}", i.text),
                    None => i.text.clone(),
                })),
                Part::Para { block, breaks, .. } => {
                    let text = para_text(&a.blocks, *block, breaks);
                    lines.extend(sentences(&text).map(squash))
                }
                Part::Table(_) => {}
            }
        }
    }
    // Without a conclusion section, the article's first and last paragraphs
    // may still recommend one ("we recommend composition instead of
    // inheritance"); only sentences that recommend are read there.
    let mut preferred: Vec<String> = Vec::new();
    if seen.conclusion.is_none() {
        let paras = a.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Para(s) if b.depth == 0 && b.quote == 0 => Some(s),
            _ => None,
        });
        let first = paras.clone().next();
        let last = paras.clone().next_back();
        for p in [first, last].into_iter().flatten() {
            let text = p.text();
            preferred.extend(sentences(text).filter(|s| recommends(&fold(s))).map(squash));
        }
    }
    let in_conclusion = lines.len();
    let conclusion_text = fold(&lines.join("\n"));
    lines.extend(seen.winners);
    // Verdicts from plain sentences of the conclusion ("X is great."), not
    // from a "Winner:" line or a "choose X if …" advice.
    let mut plain = vec![false; a.contenders.len()];
    let mut picked: Vec<(usize, String)> = Vec::new();
    for line in preferred {
        let folded = fold(&line);
        if let Some(i) = preferred_one(&folded, names) {
            picked.push((i, line));
        }
    }
    // One contender recommended, not several.
    if lines.is_empty()
        && picked.iter().all(|(i, _)| *i == picked[0].0)
        && let Some((i, line)) = picked.into_iter().next()
        && a.contenders.iter().all(|c| c.verdict.is_none())
    {
        a.contenders[i].verdict = Some(line.trim().to_string());
        return;
    }
    for (k, line) in lines.into_iter().enumerate() {
        let mut folded = fold(&line);
        // "Chosen option: X, because …": whom it chooses, not why.
        if k >= in_conclusion
            && let Some(i) = folded.find(" because")
        {
            folded.truncate(i);
        }
        let hits = names.hits(&folded);
        let mut named: Vec<usize> = hits.iter().map(|h| h.idx).collect();
        named.sort_unstable();
        named.dedup();
        if let [only] = named[..] {
            let c = &mut a.contenders[only];
            if c.verdict.is_none() {
                c.verdict = Some(line.trim().to_string());
                plain[only] = k < in_conclusion && !advice(&folded);
            }
        }
    }
    // A conclusion that says something good of each in turn hedges: it
    // recommends none of them. So does one that says so ("it depends",
    // "both are great", "no silver bullet"), unless the sentence that names
    // one also recommends it ("I'd pick X").
    let hedged = hedges(&conclusion_text);
    if plain.iter().filter(|p| **p).count() >= 2 || hedged {
        for (c, p) in a.contenders.iter_mut().zip(&plain) {
            if *p && !(hedged && c.verdict.as_deref().is_some_and(|v| recommends(&fold(v)))) {
                c.verdict = None;
            }
        }
    }
}

/// A conclusion that declines to pick: "it depends", "both are great",
/// "there is no silver bullet", "the right tool for the job", "没有银弹".
fn hedges(folded: &str) -> bool {
    const WORDS: &[&str] = &[
        "it depends",
        "it all depends",
        "depends on your",
        "depends on the",
        "both are great",
        "both are good",
        "both are excellent",
        "both have their",
        "each has its",
        "each have their",
        "no silver bullet",
        "no clear winner",
        "no one-size",
        "right tool for the job",
        "there is no best",
        "es hängt davon ab",
        "kommt darauf an",
        "ça dépend",
        "cela dépend",
        "depende de",
        "зависит от",
        "银弹",
        "取决于",
        "視情況",
        "場合による",
        "次第",
        "상황에 따라",
    ];
    WORDS.iter().any(|w| folded.contains(w))
}

/// A sentence that recommends: "we recommend", "X is the better choice",
/// "wir empfehlen", "nosotros creemos que X es la mejor", "推荐".
fn recommends(folded: &str) -> bool {
    const WORDS: &[&str] = &[
        "優れ",
        "方が良い",
        "方がいい",
        "더 낫",
        "더 좋",
        "recommend",
        "we prefer",
        "i prefer",
        "i'd pick",
        "i would pick",
        "i'd choose",
        "i would choose",
        "i'd go with",
        "i would go with",
        "i moved to",
        "i switched to",
        "my choice",
        "my pick",
        "is better",
        "the better",
        "the best",
        "empfehl",
        "bevorzug",
        "recomend",
        "recomiend",
        "la mejor",
        "el mejor",
        "melhor",
        "recommand",
        "meilleur",
        "préfér",
        "рекоменд",
        "лучше",
        "推荐",
        "建议",
        "更好",
        "最好",
        "おすすめ",
        "推奨",
        "お勧め",
        "추천",
        "권장",
    ];
    WORDS.iter().any(|w| folded.contains(w))
}

/// The one contender a recommending sentence picks: the only one it names,
/// or the one before "instead of", "over", "rather than" (and their
/// equivalents) when it names two.
fn preferred_one(folded: &str, names: &Names) -> Option<usize> {
    let hits = names.hits(folded);
    let mut named: Vec<usize> = hits.iter().map(|h| h.idx).collect();
    named.dedup();
    match named[..] {
        [one] => Some(one),
        [first, second] if first != second => {
            let between = &folded[hits[0].end..hits.iter().find(|h| h.idx == second)?.start];
            const OVER: &[&str] = &[
                " over ",
                "instead of",
                "rather than",
                " than ",
                "anstelle",
                "statt",
                "au lieu",
                "plutôt que",
                "en lugar de",
                "en vez de",
                "em vez de",
                "ao invés",
                "вместо",
                "而不是",
                "代わりに",
                "대신",
            ];
            OVER.iter().any(|w| between.contains(w)).then_some(first)
        }
        _ => None,
    }
}

/// A recommendation with its condition: "Choose X if …", "Use X when …".
fn advice(folded: &str) -> bool {
    const WORDS: &[&str] = &[
        " if ",
        " when ",
        " unless ",
        "choose ",
        "use ",
        "pick ",
        "go with ",
        "stick with ",
        " si ",
        " se ",
        " wenn ",
        " falls ",
        " если ",
        "如果",
        "なら",
        "場合",
        "경우",
    ];
    let padded = format!(" {folded} ");
    WORDS.iter().any(|w| padded.contains(w))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hedging_conclusion_picks_none_unless_it_says_which() {
        let verdicts = |src: &str| {
            let a = crate::article::parse(src, "t");
            a.contenders
                .iter()
                .map(|c| c.verdict.is_some())
                .collect::<Vec<_>>()
        };
        let hedge = "# Vim vs Emacs\n\n## Conclusion\n\nEmacs has more packages. \
            In the end it depends on your habits.\n";
        assert_eq!(verdicts(hedge), [false, false]);
        let picked = "# Vim vs Emacs\n\n## Conclusion\n\nIt depends on your habits, \
            but for a new user I'd pick Vim.\n";
        assert_eq!(verdicts(picked), [true, false]);
        let plain = "# Vim vs Emacs\n\n## Conclusion\n\nEmacs has more packages.\n";
        assert_eq!(verdicts(plain), [false, true]);
    }

    use super::*;

    #[test]
    fn inline_lists() {
        assert_eq!(
            split_inline("Fast, cheap and simple."),
            ["Fast", "cheap and simple"]
        );
        assert_eq!(
            split_inline("Fast; free tier; great docs"),
            ["Fast", "free tier", "great docs"]
        );
        assert_eq!(
            split_inline("Slower builds, and the Ruby toolchain is painful on Windows."),
            ["Slower builds, and the Ruby toolchain is painful on Windows."]
        );
        assert!(split_inline("  ").is_empty());
    }

    #[test]
    fn cells() {
        assert!(split_cell("n/a").is_empty());
        assert_eq!(
            split_cell("✅ Fast ❌ Slow"),
            [
                (Some(Kind::Pros), "Fast".into()),
                (Some(Kind::Cons), "Slow".into())
            ]
        );
        assert_eq!(
            split_cell("Fast, free"),
            [(None, "Fast".into()), (None, "free".into())]
        );
    }

    #[test]
    fn labels_in_paragraphs() {
        let n = Names::new(&[vec!["Hugo".into()], vec!["Jekyll".into()]]);
        let (l, rest) = para_label("Pros: fast, free", Some("Pros:"), &n).unwrap();
        assert_eq!(l.kind, Some(Kind::Pros));
        assert_eq!(rest, " fast, free");
        let (l, _) = para_label("Stay with Jekyll if:", None, &n).unwrap();
        assert_eq!((l.kind, l.owner()), (Some(Kind::Choose), Some(1)));
        let (l, _) = para_label("Hugo\n✅ Fast", Some("Hugo"), &n).unwrap();
        assert_eq!((l.kind, l.owner()), (None, Some(0)));
        assert!(para_label("Hugo is fast.", Some("Hugo"), &n).is_none());
        assert!(para_label("Here is what we found:", None, &n).is_none());
        assert!(para_label("Cons", None, &n).is_some());
    }

    #[test]
    fn sentence_split() {
        let s: Vec<&str> = sentences("One. Two! Three? Ünïcödé…\nend").collect();
        assert_eq!(s, ["One.", "Two!", "Three?", "Ünïcödé…\nend"]);
        let s: Vec<&str> = sentences("一つ。二つ！三つ？end").collect();
        assert_eq!(s, ["一つ。", "二つ！", "三つ？", "end"]);
        assert!(is_winner_line("Winner: Hugo.", None));
        assert!(is_winner_line("Verdict： Hugo.", None));
        assert!(!is_winner_line(
            "A long first line that has no colon soon enough: Hugo",
            None
        ));
        assert!(may_hold_criteria("Hugo shines when it rains."));
        assert!(!may_hold_criteria("Hugo is fast."));
    }

    #[test]
    fn a_sentence_announcing_advantages_labels_the_list() {
        let n = Names::new(&[vec!["Disqus".into()], vec!["Utterances".into()]]);
        let l = |s: &str| para_label(s, None, &n).map(|(l, _)| (l.kind, l.named));
        assert_eq!(
            l("Utterances is a very nice alternative. It has lots of advantages:"),
            Some((Some(Kind::Pros), Named::One(1)))
        );
        assert_eq!(
            l("Disqus has a few drawbacks, though:"),
            Some((Some(Kind::Cons), Named::One(0)))
        );
        assert_eq!(
            l("This has several advantages:"),
            Some((Some(Kind::Pros), Named::Zero))
        );
        // Naming both, or announcing something else, labels nothing.
        assert_eq!(l("Disqus and Utterances both have advantages:"), None);
        assert_eq!(l("Utterances is set up in three steps:"), None);
    }

    #[test]
    fn conclusion_titles() {
        assert!(is_conclusion("Conclusion: Which Should You Choose?"));
        assert!(is_conclusion("Final Thoughts"));
        assert!(!is_conclusion("Pricing"));
        assert!(is_conclusion("TL;DR"));
        assert!(!is_conclusion("Misconclusions"));
    }
}
