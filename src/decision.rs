//! The Decide view's engine: the questions an article offers, the reader's
//! answers, the score they give each contender, and the summary that `y`
//! copies and `--decide-out` writes. Pure: no terminal, no I/O.
//!
//! Scoring ([`RULE`]): +1 per checked criterion, +1 per preferred table row,
//! +1 per pro that matters, −2 per con that rules the contender out.

use crate::article::{Article, Item};

/// Points for a checked "when to choose" criterion.
pub const CRITERION_POINTS: i32 = 1;
/// Points for the contender preferred on a feature-table row.
pub const ROW_POINTS: i32 = 1;
/// Points for a pro that matters to the reader.
pub const PRO_POINTS: i32 = 1;
/// Points for a con that rules the contender out.
pub const CON_POINTS: i32 = -2;

/// The scoring rule in words (help overlay, score panel, README, summaries).
pub const RULE: &str = "+1 per checked criterion, +1 per preferred table row, \
+1 per pro that matters, −2 per con that rules it out";

/// One question of the Decide view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Question {
    /// A "when to choose" criterion of a contender: checked or not.
    Criterion { contender: usize, item: usize },
    /// A feature-table row: which contender's value the reader prefers.
    Row(usize),
    /// A pro of a contender: "this matters to me".
    Pro { contender: usize, item: usize },
    /// A con of a contender: "this rules it out for me".
    Con { contender: usize, item: usize },
}

/// The three blocks the questions are grouped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Block {
    Need,
    Features,
    Matters,
}

impl Block {
    pub const ALL: [Block; 3] = [Block::Need, Block::Features, Block::Matters];

    pub fn title(self) -> &'static str {
        match self {
            Block::Need => "What you need",
            Block::Features => "Feature by feature",
            Block::Matters => "What matters",
        }
    }
}

impl Question {
    pub fn block(self) -> Block {
        match self {
            Question::Criterion { .. } => Block::Need,
            Question::Row(_) => Block::Features,
            Question::Pro { .. } | Question::Con { .. } => Block::Matters,
        }
    }

    /// The contender a checkbox speaks for (`None` for table rows).
    pub fn contender(self) -> Option<usize> {
        match self {
            Question::Criterion { contender, .. }
            | Question::Pro { contender, .. }
            | Question::Con { contender, .. } => Some(contender),
            Question::Row(_) => None,
        }
    }

    pub fn is_row(self) -> bool {
        matches!(self, Question::Row(_))
    }
}

/// Every question of `a` in reading order: criteria (contender by contender),
/// table rows, then each contender's pros and cons.
pub fn questions(a: &Article) -> Vec<Question> {
    let mut qs = Vec::new();
    for (c, con) in a.contenders.iter().enumerate() {
        qs.extend(
            (0..con.choose_when.len()).map(|item| Question::Criterion { contender: c, item }),
        );
    }
    if !a.contenders.is_empty()
        && let Some(t) = &a.table
    {
        qs.extend((0..t.rows.len()).map(Question::Row));
    }
    for (c, con) in a.contenders.iter().enumerate() {
        qs.extend((0..con.pros.len()).map(|item| Question::Pro { contender: c, item }));
        qs.extend((0..con.cons.len()).map(|item| Question::Con { contender: c, item }));
    }
    qs
}

/// The same questions for blind mode: the criteria shuffled, in an order
/// fixed for an article (the same on every run) that follows neither the
/// article's order nor the contenders, so their order gives nothing away
/// (interleaving them would still leave a run of one contender's at the end
/// when one has more criteria than another).
pub fn blind_order(qs: &[Question]) -> Vec<Question> {
    let mut criteria: Vec<Question> = qs
        .iter()
        .copied()
        .filter(|q| q.block() == Block::Need)
        .collect();
    criteria.sort_by_key(|q| match *q {
        Question::Criterion { contender, item } => mix((contender as u64) << 32 | item as u64),
        _ => 0,
    });
    criteria.extend(qs.iter().filter(|q| q.block() != Block::Need));
    criteria
}

/// SplitMix64's finaliser: a well-spread, fixed permutation of `u64` (the
/// shuffle key of [`blind_order`]; no random source, so runs agree).
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `text` with every contender's name (any case, as a whole word) replaced
/// by `[?]`: blind mode's criteria and their detail must not say whom they
/// favour ("Choose Django if ...").
pub fn mask_names(a: &Article, text: &str) -> String {
    let mut out = text.to_string();
    for c in &a.contenders {
        let name = c.name.trim();
        if name.is_empty() {
            continue;
        }
        let mut masked = String::with_capacity(out.len());
        let mut rest = out.as_str();
        let mut prev: Option<char> = None;
        while !rest.is_empty() {
            let boundary_before = !prev.is_some_and(char::is_alphanumeric);
            if boundary_before
                && let Some(head) = rest.get(..name.len())
                && head.eq_ignore_ascii_case(name)
                && !rest[name.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
            {
                masked.push_str("[?]");
                prev = head.chars().last();
                rest = &rest[name.len()..];
                continue;
            }
            let ch = rest.chars().next().unwrap_or(' ');
            masked.push(ch);
            prev = Some(ch);
            rest = &rest[ch.len_utf8()..];
        }
        out = masked;
    }
    out
}

fn item_of(a: &Article, q: Question) -> Option<&Item> {
    match q {
        Question::Criterion { contender, item } => {
            a.contenders.get(contender)?.choose_when.get(item)
        }
        Question::Pro { contender, item } => a.contenders.get(contender)?.pros.get(item),
        Question::Con { contender, item } => a.contenders.get(contender)?.cons.get(item),
        Question::Row(_) => None,
    }
}

/// The question as the article phrases it: a bold lead, else the item's text;
/// a table row's feature name.
pub fn label(a: &Article, q: Question) -> String {
    match q {
        Question::Row(r) => row(a, r).map(|r| r.0).unwrap_or_default(),
        _ => item_of(a, q)
            .map(|i| match &i.title {
                Some(t) if !t.trim().is_empty() => {
                    t.trim().trim_end_matches([':', '：']).trim().to_string()
                }
                _ => i.text.clone(),
            })
            .unwrap_or_default(),
    }
}

/// The explanation after a bold lead, if there is one.
pub fn detail(a: &Article, q: Question) -> Option<String> {
    let i = item_of(a, q)?;
    let has_title = i.title.as_deref().is_some_and(|t| !t.trim().is_empty());
    (has_title && !i.text.trim().is_empty()).then(|| i.text.trim().to_string())
}

/// A table row as (feature, value per contender), matched by column name.
pub fn row(a: &Article, r: usize) -> Option<(String, Vec<String>)> {
    let t = a.table.as_ref()?;
    let cells = t.rows.get(r)?;
    let values = a
        .contenders
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let col = t
                .columns
                .iter()
                .skip(1)
                .position(|h| h.trim() == c.name)
                .map_or(i + 1, |p| p + 1);
            cells.get(col).unwrap_or_default().to_string()
        })
        .collect();
    Some((cells.first().unwrap_or_default().to_string(), values))
}

/// An answer: a checked box, or the contender preferred on a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Answer {
    Checked,
    Pick(usize),
}

/// The reader's answers, oldest first (a changed answer moves to the end).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    given: Vec<(Question, Answer)>,
}

impl Answers {
    pub fn len(&self) -> usize {
        self.given.len()
    }

    pub fn is_empty(&self) -> bool {
        self.given.is_empty()
    }

    pub fn clear(&mut self) {
        self.given.clear();
    }

    /// Oldest first.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &(Question, Answer)> {
        self.given.iter()
    }

    pub fn get(&self, q: Question) -> Option<Answer> {
        self.given.iter().find(|(g, _)| *g == q).map(|(_, a)| *a)
    }

    pub fn checked(&self, q: Question) -> bool {
        self.get(q) == Some(Answer::Checked)
    }

    pub fn picked(&self, row: usize) -> Option<usize> {
        match self.get(Question::Row(row)) {
            Some(Answer::Pick(c)) => Some(c),
            _ => None,
        }
    }

    fn remove(&mut self, q: Question) -> bool {
        let before = self.given.len();
        self.given.retain(|(g, _)| *g != q);
        self.given.len() != before
    }

    /// Sets or clears an answer; a new or changed answer becomes the most recent.
    pub fn set(&mut self, q: Question, answer: Option<Answer>) {
        self.remove(q);
        if let Some(a) = answer {
            self.given.push((q, a));
        }
    }

    /// Checks or unchecks a checkbox; returns the new state.
    pub fn toggle(&mut self, q: Question) -> bool {
        if self.remove(q) {
            false
        } else {
            self.given.push((q, Answer::Checked));
            true
        }
    }
}

/// Why a contender gained or lost points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub points: i32,
    pub question: Question,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Score {
    pub totals: Vec<i32>,
    /// Per contender, most recent answer first.
    pub reasons: Vec<Vec<Reason>>,
    pub answered: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No answer counts yet.
    Open,
    /// Two or more contenders share the top score.
    Tie { contenders: Vec<usize>, points: i32 },
    /// One contender leads.
    Leader(usize),
}

/// Scores the answers: see [`RULE`].
pub fn score(a: &Article, answers: &Answers) -> Score {
    let n = a.contenders.len();
    let mut totals = vec![0; n];
    let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); n];
    let mut answered = 0;
    for &(q, ans) in answers.iter().rev() {
        let (c, points, text) = match (q, ans) {
            (Question::Criterion { contender, .. }, Answer::Checked) => {
                (contender, CRITERION_POINTS, label(a, q))
            }
            (Question::Row(_), Answer::Pick(c)) => {
                let feature = label(a, q);
                (c, ROW_POINTS, format!("preferred on {feature}"))
            }
            (Question::Pro { contender, .. }, Answer::Checked) => {
                (contender, PRO_POINTS, format!("matters: {}", label(a, q)))
            }
            (Question::Con { contender, .. }, Answer::Checked) => (
                contender,
                CON_POINTS,
                format!("rules it out: {}", label(a, q)),
            ),
            _ => continue,
        };
        if c >= n {
            continue;
        }
        answered += 1;
        totals[c] += points;
        reasons[c].push(Reason {
            points,
            question: q,
            text,
        });
    }
    Score {
        totals,
        reasons,
        answered,
    }
}

impl Score {
    pub fn outcome(&self) -> Outcome {
        if self.answered == 0 || self.totals.is_empty() {
            return Outcome::Open;
        }
        let best = self.totals.iter().copied().max().unwrap_or(0);
        let top: Vec<usize> = (0..self.totals.len())
            .filter(|&i| self.totals[i] == best)
            .collect();
        match top[..] {
            [one] => Outcome::Leader(one),
            _ => Outcome::Tie {
                contenders: top,
                points: best,
            },
        }
    }
}

/// "+1", "−2", "0".
pub fn signed(points: i32) -> String {
    match points {
        p if p > 0 => format!("+{p}"),
        p if p < 0 => format!("−{}", -p),
        _ => "0".into(),
    }
}

/// "Django", "Django and Flask", "A, B and C".
pub fn names(a: &Article, which: &[usize]) -> String {
    let ns: Vec<&str> = which
        .iter()
        .filter_map(|&i| a.contenders.get(i).map(|c| c.name.as_str()))
        .collect();
    match ns.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// One line on the result: "Django fits your answers best (2 points; Flask 1)."
pub fn outcome_line(a: &Article, s: &Score) -> String {
    match s.outcome() {
        Outcome::Open => "No answers yet.".into(),
        Outcome::Tie { contenders, points } => {
            let each = if contenders.len() == s.totals.len() {
                String::new()
            } else {
                let others: Vec<usize> = (0..s.totals.len())
                    .filter(|i| !contenders.contains(i))
                    .collect();
                format!(
                    "; {}",
                    others
                        .iter()
                        .map(|&i| format!("{} {}", a.contenders[i].name, s.totals[i]))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            format!(
                "It's a tie: {}, {} each{each}.",
                names(a, &contenders),
                points
            )
        }
        Outcome::Leader(i) => {
            let others: Vec<String> = (0..s.totals.len())
                .filter(|&j| j != i)
                .map(|j| format!("{} {}", a.contenders[j].name, s.totals[j]))
                .collect();
            let p = s.totals[i];
            let unit = if p.abs() == 1 { "point" } else { "points" };
            format!(
                "{} fits your answers best ({p} {unit}; {}).",
                a.contenders[i].name,
                others.join(", ")
            )
        }
    }
}

/// The summary of the answers and the result: plain text for `y`, markdown
/// for `--decide-out`.
pub fn summary(a: &Article, answers: &Answers, markdown: bool) -> String {
    let s = score(a, answers);
    let mut out = String::new();
    let vs = a.versus_line();
    let title = a
        .title
        .clone()
        .or_else(|| a.meta.title.clone())
        .unwrap_or_else(|| a.source.clone());
    let h = |level: usize, text: &str| {
        if markdown {
            format!("{} {text}\n\n", "#".repeat(level))
        } else if level == 1 {
            format!("{text}\n{}\n\n", "=".repeat(text.chars().count()))
        } else {
            format!("{text}\n\n")
        }
    };
    out.push_str(&h(1, &format!("Decision: {vs}")));
    out.push_str(&format!("From: {title}\n\n"));
    let result = outcome_line(a, &s);
    if markdown {
        out.push_str(&format!("**Result:** {result}\n\n"));
    } else {
        out.push_str(&format!("Result: {result}\n\n"));
    }
    if let Outcome::Leader(i) = s.outcome() {
        let c = &a.contenders[i];
        if let Some(v) = &c.verdict {
            if markdown {
                out.push_str(&format!("> {v}\n\n"));
            } else {
                out.push_str(&format!("The article: \"{v}\"\n\n"));
            }
        }
        if !c.examples.is_empty() {
            out.push_str(&format!("Suited for: {}\n\n", c.examples.join(", ")));
        }
    }
    out.push_str(&h(2, "Scores"));
    let name_w = a
        .contenders
        .iter()
        .map(|c| c.name.chars().count())
        .max()
        .unwrap_or(0);
    if markdown {
        out.push_str("| Contender | Score |\n|---|---:|\n");
    }
    for (c, total) in a.contenders.iter().zip(&s.totals) {
        if markdown {
            out.push_str(&format!("| {} | {total} |\n", c.name));
        } else {
            out.push_str(&format!("  {:<name_w$}  {total}\n", c.name));
        }
    }
    out.push('\n');
    out.push_str(&h(2, "Answers"));
    if answers.is_empty() {
        out.push_str("No answers yet.\n\n");
    }
    let bullet = if markdown { "- " } else { "  - " };
    for block in Block::ALL {
        let mut lines = Vec::new();
        for &(q, ans) in answers.iter() {
            if q.block() != block {
                continue;
            }
            let text = match (q, ans) {
                (Question::Criterion { contender, .. }, Answer::Checked) => format!(
                    "{} ({}, {})",
                    label(a, q),
                    a.contenders[contender].name,
                    signed(CRITERION_POINTS)
                ),
                (Question::Row(r), Answer::Pick(c)) => {
                    let (feature, values) = row(a, r).unwrap_or_default();
                    let v = values.get(c).cloned().unwrap_or_default();
                    let name = a.contenders.get(c).map_or("", |x| x.name.as_str());
                    format!("{feature}: {name}, \"{v}\" ({})", signed(ROW_POINTS))
                }
                (Question::Pro { contender, .. }, Answer::Checked) => format!(
                    "Matters to me: {} ({} pro, {})",
                    label(a, q),
                    a.contenders[contender].name,
                    signed(PRO_POINTS)
                ),
                (Question::Con { contender, .. }, Answer::Checked) => format!(
                    "Rules it out: {} ({} con, {})",
                    label(a, q),
                    a.contenders[contender].name,
                    signed(CON_POINTS)
                ),
                _ => continue,
            };
            lines.push(text);
        }
        if lines.is_empty() {
            continue;
        }
        out.push_str(&h(3, block.title()));
        for l in lines {
            out.push_str(&format!("{bullet}{l}\n"));
        }
        out.push('\n');
    }
    out.push_str(&format!("Scoring: {RULE}.\n"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Article {
        crate::article::bundled()
    }

    #[test]
    fn questions_of_the_bundled_article() {
        let a = bundled();
        let qs = questions(&a);
        let count = |b: Block| qs.iter().filter(|q| q.block() == b).count();
        assert_eq!(count(Block::Need), 8);
        assert_eq!(count(Block::Features), 6);
        assert_eq!(count(Block::Matters), 14);
        assert_eq!(
            label(&a, qs[0]),
            "You need a full-featured framework",
            "criteria are phrased as the article phrases them"
        );
        assert_eq!(label(&a, Question::Row(2)), "Learning Curve");
    }

    #[test]
    fn blind_order_shuffles_the_criteria_only() {
        let a = bundled();
        let qs = questions(&a);
        let b = blind_order(&qs);
        assert_eq!(b.len(), qs.len());
        assert_eq!(b[8..], qs[8..], "only the criteria move");
        let mut sorted = b[..8].to_vec();
        sorted.sort();
        assert_eq!(sorted, qs[..8], "the same criteria, each once");
        // The article lists Django's four, then Flask's four: blind mode does not.
        let who: Vec<usize> = b[..8].iter().filter_map(|q| q.contender()).collect();
        assert_ne!(who, vec![0, 0, 0, 0, 1, 1, 1, 1]);
        assert_ne!(who[..4], who[4..], "not a plain alternation either");
        assert_eq!(blind_order(&qs), b, "the same order every time");
    }

    #[test]
    fn blind_order_does_not_leave_one_contenders_surplus_at_the_end() {
        // Five criteria for the first contender, two for the second.
        let qs: Vec<Question> = (0..5)
            .map(|item| Question::Criterion { contender: 0, item })
            .chain((0..2).map(|item| Question::Criterion { contender: 1, item }))
            .collect();
        let who: Vec<usize> = blind_order(&qs)
            .iter()
            .filter_map(|q| q.contender())
            .collect();
        assert_ne!(&who[4..], &[0, 0, 0], "interleaving would end with 0, 0, 0");
    }

    #[test]
    fn mask_names_hides_whole_names_in_any_case() {
        let a = bundled();
        assert_eq!(
            mask_names(
                &a,
                "Choose Django if you like django's admin; Flask-Login, DjangoCMS"
            ),
            "Choose [?] if you like [?]'s admin; [?]-Login, DjangoCMS"
        );
        assert_eq!(mask_names(&a, "nothing here"), "nothing here");
        assert_eq!(mask_names(&a, "café Flask"), "café [?]");
    }

    #[test]
    fn each_kind_of_answer_scores_by_the_rule() {
        let a = bundled();
        let mut ans = Answers::default();
        ans.toggle(Question::Criterion {
            contender: 0,
            item: 0,
        });
        assert_eq!(score(&a, &ans).totals, vec![1, 0]);
        ans.set(Question::Row(0), Some(Answer::Pick(1)));
        assert_eq!(score(&a, &ans).totals, vec![1, 1]);
        ans.toggle(Question::Pro {
            contender: 1,
            item: 0,
        });
        assert_eq!(score(&a, &ans).totals, vec![1, 2]);
        ans.toggle(Question::Con {
            contender: 1,
            item: 2,
        });
        assert_eq!(score(&a, &ans).totals, vec![1, 0]);
        // Unchecking takes the points back.
        ans.toggle(Question::Con {
            contender: 1,
            item: 2,
        });
        assert_eq!(score(&a, &ans).totals, vec![1, 2]);
    }

    #[test]
    fn reasons_are_most_recent_first_and_a_changed_pick_moves_up() {
        let a = bundled();
        let mut ans = Answers::default();
        ans.set(Question::Row(0), Some(Answer::Pick(0)));
        ans.toggle(Question::Criterion {
            contender: 0,
            item: 1,
        });
        ans.set(Question::Row(0), Some(Answer::Pick(0)));
        let s = score(&a, &ans);
        assert_eq!(s.reasons[0][0].text, "preferred on Philosophy");
        assert_eq!(s.reasons[0][1].text, "You’re building a complex project");
        ans.set(Question::Row(0), Some(Answer::Pick(1)));
        let s = score(&a, &ans);
        assert_eq!(s.totals, vec![1, 1]);
        assert_eq!(s.reasons[1][0].points, ROW_POINTS);
    }

    #[test]
    fn outcomes_open_tie_leader() {
        let a = bundled();
        let mut ans = Answers::default();
        assert_eq!(score(&a, &ans).outcome(), Outcome::Open);
        ans.toggle(Question::Criterion {
            contender: 0,
            item: 0,
        });
        ans.toggle(Question::Criterion {
            contender: 1,
            item: 0,
        });
        let s = score(&a, &ans);
        assert_eq!(
            s.outcome(),
            Outcome::Tie {
                contenders: vec![0, 1],
                points: 1
            }
        );
        assert_eq!(
            outcome_line(&a, &s),
            "It's a tie: Django and Flask, 1 each."
        );
        ans.toggle(Question::Con {
            contender: 1,
            item: 0,
        });
        let s = score(&a, &ans);
        assert_eq!(s.outcome(), Outcome::Leader(0));
        assert_eq!(
            outcome_line(&a, &s),
            "Django fits your answers best (1 point; Flask -1)."
        );
    }

    #[test]
    fn a_con_alone_still_decides() {
        let a = bundled();
        let mut ans = Answers::default();
        ans.toggle(Question::Con {
            contender: 0,
            item: 0,
        });
        let s = score(&a, &ans);
        assert_eq!(s.totals, vec![-2, 0]);
        assert_eq!(s.outcome(), Outcome::Leader(1));
    }

    #[test]
    fn summary_has_result_verdict_and_answers() {
        let a = bundled();
        let mut ans = Answers::default();
        ans.toggle(Question::Criterion {
            contender: 0,
            item: 0,
        });
        ans.toggle(Question::Criterion {
            contender: 0,
            item: 1,
        });
        ans.set(Question::Row(2), Some(Answer::Pick(1)));
        let plain = summary(&a, &ans, false);
        assert!(plain.contains("Result: Django fits your answers best (2 points; Flask 1)."));
        assert!(plain.contains("The article: \"Choose Django if"));
        assert!(plain.contains("Suited for: E-commerce platforms"));
        assert!(plain.contains("  - Learning Curve: Flask, \"Easier for beginners\" (+1)"));
        assert!(!plain.contains("**"));
        let md = summary(&a, &ans, true);
        assert!(md.starts_with("# Decision: Django vs Flask\n"));
        assert!(md.contains("| Django | 2 |"));
        assert!(md.contains("> Choose Django if"));
        assert!(
            md.contains("### What you need\n\n- You need a full-featured framework (Django, +1)")
        );
    }

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(2), "+2");
        assert_eq!(signed(-2), "−2");
        assert_eq!(signed(0), "0");
    }
}
