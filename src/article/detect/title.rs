//! Contenders named by a title: "A vs B", "A vs. B vs C - which one?",
//! "Naming Dilemma: Singular vs. Plural", "A or B?", "Comparing A and B",
//! "A compared to B", "Choosing between A and B".

use super::names::{clean_name, fold, is_emoji, squash};

/// Names in the title, in title order; empty when the title compares nothing.
pub fn title_names(title: &str) -> Vec<String> {
    let title = prepare(title);
    let segs = segments(&title);
    for s in &segs {
        if let Some(n) = vs_form(s) {
            return n;
        }
    }
    for s in &segs {
        if let Some(n) = compare_form(s) {
            return n;
        }
    }
    for s in &segs {
        if let Some(n) = or_form(s) {
            return n;
        }
    }
    Vec::new()
}

/// Only the strict forms ("A vs B", "between A and B"), for headings that
/// stand in for a missing title.
pub fn heading_names(heading: &str) -> Vec<String> {
    let heading = prepare(heading);
    let segs = segments(&heading);
    segs.iter()
        .find_map(|s| vs_form(s).or_else(|| between_form(s)))
        .unwrap_or_default()
}

/// "🆚" reads "vs"; other emoji and parenthesised asides go.
fn prepare(title: &str) -> String {
    let t = title.replace('🆚', " vs ");
    let mut out = String::with_capacity(t.len());
    let mut depth = 0usize;
    for c in t.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            c if is_emoji(c) => out.push(' '),
            c => out.push(c),
        }
    }
    squash(&out)
}

/// Pieces of a title between colons, question marks, pipes and dashes.
fn segments(t: &str) -> Vec<String> {
    let mut segs = vec![String::new()];
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let spaced_hyphen =
            c == '-' && i > 0 && chars[i - 1] == ' ' && chars.get(i + 1).is_some_and(|n| *n == ' ');
        if matches!(c, ':' | '：' | '|' | '?' | '!' | '—' | '–' | '？' | '！') || spaced_hyphen
        {
            segs.push(String::new());
        } else if let Some(s) = segs.last_mut() {
            s.push(c);
        }
    }
    segs.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn is_vs(word: &str) -> bool {
    matches!(
        fold(word).trim_end_matches(','),
        "vs" | "vs." | "versus" | "v." | "v/s" | "vs/"
    )
}

/// Words that open a title before the first name ("A Guide to X vs Y").
const LEAD_INS: &[&str] = &[
    "to",
    "of",
    "between",
    "comparing",
    "choosing",
    "use",
    "choose",
    "pick",
    "learn",
    "better",
    "into",
    "understanding",
];

/// Words after which the last name is over ("Y for Beginners", "Y in 2024").
const TAIL_CUTS: &[&str] = &[
    "for",
    "in",
    "which",
    "what",
    "who",
    "when",
    "why",
    "how",
    "compared",
    "comparison",
    "comparisons",
    "showdown",
    "battle",
    "explained",
    "review",
    "guide",
    "debate",
    "differences",
    "difference",
    "face-off",
    "faceoff",
    "head-to-head",
];

fn cut_lead(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return name.to_string();
    }
    let cut = words[..words.len() - 1]
        .iter()
        .rposition(|w| LEAD_INS.contains(&fold(w).as_str()));
    match cut {
        Some(i) => words[i + 1..].join(" "),
        None => name.to_string(),
    }
}

fn cut_tail(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let cut = words.iter().enumerate().skip(1).find(|(_, w)| {
        let w = fold(w);
        TAIL_CUTS.contains(&w.as_str())
            || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) && w.starts_with("20"))
    });
    match cut {
        Some((i, _)) => words[..i].join(" "),
        None => name.to_string(),
    }
}

/// Checks and cleans a list of names: two to eight, short, distinct.
fn finish(raw: Vec<String>, max_words: usize) -> Option<Vec<String>> {
    let n = raw.len();
    let mut names: Vec<String> = Vec::new();
    for (i, r) in raw.into_iter().enumerate() {
        let mut r = r;
        if i == 0 {
            r = cut_lead(&r);
        }
        if i + 1 == n {
            r = cut_tail(&r);
        }
        let name = clean_name(&r).0;
        let words = name.split_whitespace().count();
        if words == 0
            || words > max_words
            || name.chars().count() > 50
            || !name.chars().any(char::is_alphanumeric)
            || names.iter().any(|m| fold(m) == fold(&name))
        {
            return None;
        }
        names.push(name);
    }
    // More than eight is kept here; the caller keeps eight and says so.
    (2..=16).contains(&names.len()).then_some(names)
}

/// "A vs B vs C".
fn vs_form(seg: &str) -> Option<Vec<String>> {
    let words: Vec<&str> = seg.split_whitespace().collect();
    if !words.iter().any(|w| is_vs(w)) {
        return None;
    }
    let mut names = vec![String::new()];
    for w in words {
        if is_vs(w) {
            names.push(String::new());
        } else if let Some(n) = names.last_mut() {
            if !n.is_empty() {
                n.push(' ');
            }
            n.push_str(w);
        }
    }
    finish(names, 6)
}

/// Splits "A, B and C" / "A & B" / "A with B" into names.
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut cur: Vec<&str> = Vec::new();
        for w in part.split_whitespace() {
            if matches!(
                fold(w).as_str(),
                "and" | "&" | "with" | "to" | "or" | "vs" | "vs."
            ) && !cur.is_empty()
            {
                out.push(cur.join(" "));
                cur.clear();
            } else if !(cur.is_empty() && matches!(fold(w).as_str(), "and" | "or" | "&")) {
                cur.push(w);
            }
        }
        if !cur.is_empty() {
            out.push(cur.join(" "));
        }
    }
    out
}

fn between_form(seg: &str) -> Option<Vec<String>> {
    let low = fold(seg);
    let i = word_pos(&low, "between")?;
    finish(split_list(&seg[i + "between".len()..]), 5)
}

fn word_pos(low: &str, word: &str) -> Option<usize> {
    super::names::word_hits(low, word).next()
}

/// "Comparing A and B", "A compared to B", "A and B compared", "between A and B".
fn compare_form(seg: &str) -> Option<Vec<String>> {
    let low = fold(seg);
    if let Some(n) = between_form(seg) {
        return Some(n);
    }
    for lead in [
        "comparing",
        "a comparison of",
        "comparison of",
        "comparison:",
    ] {
        if let Some(rest) = low.strip_prefix(lead)
            && rest.starts_with(' ')
        {
            return finish(split_list(&seg[lead.len()..]), 5);
        }
    }
    for mid in [" compared to ", " compared with ", " contrasted with "] {
        if let Some(i) = low.find(mid) {
            return finish(
                vec![seg[..i].to_string(), seg[i + mid.len()..].to_string()],
                5,
            );
        }
    }
    for tail in [" compared", " comparison", " comparisons", " head-to-head"] {
        if let Some(head) = low.strip_suffix(tail) {
            return finish(split_list(&seg[..head.len()]), 5);
        }
    }
    None
}

/// "A or B", "Should you use A or B", "A, B, or C".
fn or_form(seg: &str) -> Option<Vec<String>> {
    let low = fold(seg);
    word_pos(&low, "or")?;
    let mut start = 0;
    for lead in [
        "should i use ",
        "should you use ",
        "should we use ",
        "should i choose ",
        "should you choose ",
        "should i pick ",
        "should you pick ",
        "should i learn ",
        "should you learn ",
        "which is better ",
        "what is better ",
        "which should you choose ",
        "do you need ",
        "is it ",
    ] {
        if low.starts_with(lead) {
            start = lead.len();
            break;
        }
    }
    let parts: Vec<String> = split_or(&seg[start..]);
    finish(parts, 3)
}

fn split_or(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut cur: Vec<&str> = Vec::new();
        for w in part.split_whitespace() {
            if fold(w) == "or" {
                if !cur.is_empty() {
                    out.push(cur.join(" "));
                    cur.clear();
                }
            } else {
                cur.push(w);
            }
        }
        if !cur.is_empty() {
            out.push(cur.join(" "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        title_names(s)
    }

    #[test]
    fn vs_titles() {
        assert_eq!(
            t("Django vs Flask: Which Python Web Framework Should You Choose?"),
            ["Django", "Flask"]
        );
        assert_eq!(
            t("Naming Dilemma: Singular vs. Plural"),
            ["Singular", "Plural"]
        );
        assert_eq!(
            t("Chocolatey vs. Scoop vs Winget - which one to use?"),
            ["Chocolatey", "Scoop", "Winget"]
        );
        assert_eq!(t("Tabs VERSUS Spaces"), ["Tabs", "Spaces"]);
        assert_eq!(t("命名：Hugo vs Jekyll"), ["Hugo", "Jekyll"]);
        assert_eq!(t("🚀 Hugo 🆚 Jekyll 🔥"), ["Hugo", "Jekyll"]);
        assert_eq!(t("Rust vs Go in 2024 (updated)"), ["Rust", "Go"]);
        assert_eq!(t("A Guide to React vs Vue for Beginners"), ["React", "Vue"]);
        assert_eq!(t("Django vs Ruby on Rails"), ["Django", "Ruby on Rails"]);
        assert_eq!(
            t("Netlify vs Vercel — which should you pick?"),
            ["Netlify", "Vercel"]
        );
    }

    #[test]
    fn other_forms() {
        assert_eq!(t("Tailwind or Bootstrap?"), ["Tailwind", "Bootstrap"]);
        assert_eq!(t("Which is better: React or Vue?"), ["React", "Vue"]);
        assert_eq!(
            t("Should you use SQLite or Postgres?"),
            ["SQLite", "Postgres"]
        );
        assert_eq!(
            t("Comparing Hugo, Jekyll and Eleventy"),
            ["Hugo", "Jekyll", "Eleventy"]
        );
        assert_eq!(t("Podman compared to Docker"), ["Podman", "Docker"]);
        assert_eq!(t("Choosing between Vim and Emacs"), ["Vim", "Emacs"]);
        assert_eq!(
            t("Monorepo and Polyrepo compared"),
            ["Monorepo", "Polyrepo"]
        );
    }

    #[test]
    fn non_comparisons() {
        assert!(t("How I built my blog").is_empty());
        assert!(t("Ten things you should know or ignore about deploying in production").is_empty());
        assert!(t("").is_empty());
        assert!(t("vs").is_empty());
        assert!(t("Hugo vs Hugo").is_empty());
    }

    #[test]
    fn headings_use_strict_forms() {
        assert_eq!(
            heading_names("Key Differences Between Django and Flask"),
            ["Django", "Flask"]
        );
        assert!(heading_names("Tabs or spaces?").is_empty());
    }
}
