//! Names: cleaning decoration off a contender's name, matching keys, and
//! finding where a text mentions a contender.

/// Emoji, pictographs, dingbats, arrows and the joiners and selectors that
/// glue them together: decoration around a name, never part of it.
pub fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x2190..=0x21FF
        | 0x2300..=0x23FF
        | 0x2460..=0x24FF
        | 0x25A0..=0x27BF
        | 0x2900..=0x297F
        | 0x2B00..=0x2BFF
        | 0x3030
        | 0x303D
        | 0x3297
        | 0x3299
        | 0xFE00..=0xFE0F
        | 0x200D
        | 0x20E3
        | 0x1F000..=0x1FAFF
        | 0xE0020..=0xE007F)
        || matches!(c, '©' | '®' | '™')
}

/// Lower-cases `s` character by character, keeping each character's byte
/// length, so offsets found in the result are valid in `s`.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mut low = c.to_lowercase();
        match (low.next(), low.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
    }
    out
}

/// Collapses runs of whitespace into single spaces and trims.
pub use crate::article::parse::squeeze_whitespace as squash;

/// A name with its decoration removed, and the parenthesised asides that
/// were around it ("Amazon Web Services (AWS)" → "Amazon Web Services", ["AWS"]).
pub fn clean_name(s: &str) -> (String, Vec<String>) {
    let no_emoji: String = s
        .chars()
        .map(|c| if is_emoji(c) { ' ' } else { c })
        .collect();
    let mut asides = Vec::new();
    let mut out = String::with_capacity(no_emoji.len());
    let mut depth = 0usize;
    let mut aside = String::new();
    for c in no_emoji.chars() {
        match c {
            '(' | '[' | '{' => {
                depth += 1;
                out.push(' ');
            }
            ')' | ']' | '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let a = squash(&aside);
                    if !a.is_empty() {
                        asides.push(a);
                    }
                    aside.clear();
                }
            }
            _ if depth > 0 => aside.push(c),
            _ => out.push(c),
        }
    }
    let cut = cut_tagline(&out);
    let name = trim_punct(&squash(cut));
    (name, asides)
}

/// The part before a dash tagline ("Netlify - The User-Friendly One" → "Netlify").
pub fn cut_tagline(s: &str) -> &str {
    let mut end = s.len();
    for sep in [" - ", " -- ", "—", "–", " | "] {
        if let Some(i) = s.find(sep) {
            end = end.min(i);
        }
    }
    &s[..end]
}

/// Trims quotes, markup left-overs and sentence punctuation around a name,
/// keeping a leading dot (".NET") and trailing `+`/`#` ("C++", "C#").
pub fn trim_punct(s: &str) -> String {
    let t = s.trim_matches(|c: char| {
        c.is_whitespace() || "*_`~\"'“”‘’,;:!?¿¡".contains(c) || is_emoji(c)
    });
    let t = t.trim_end_matches('.').trim_end();
    t.to_string()
}

/// The key a name is matched by: cleaned, folded, single-spaced.
pub fn key(s: &str) -> String {
    fold(&clean_name(s).0)
}

/// Every key a name answers to: itself, its asides, and without a `.js` suffix.
pub fn alias_keys(s: &str) -> Vec<String> {
    let (name, asides) = clean_name(s);
    let mut keys = Vec::new();
    let mut add = |k: String| {
        if !k.is_empty() && k.chars().any(char::is_alphanumeric) && !keys.contains(&k) {
            keys.push(k);
        }
    };
    let k = fold(&name);
    if let Some(short) = k.strip_suffix(".js") {
        add(short.to_string());
    }
    // "Django 5.0", "Python v3" also answer to "Django", "Python".
    if let Some((head, last)) = k.rsplit_once(' ')
        && is_version(last)
    {
        add(head.to_string());
    }
    add(k);
    for a in asides {
        // Asides that are phrases ("(our favourite)", "(recommended)") or
        // dates are not names; "(AWS)" and "(Python)" are.
        if a.split_whitespace().count() <= 3
            && a.chars().any(char::is_uppercase)
            && a.chars().any(char::is_alphabetic)
        {
            add(fold(&trim_punct(&a)));
        }
    }
    keys
}

/// "5", "3.0", "v2", "2024": a version or year after a name.
fn is_version(w: &str) -> bool {
    let w = w.strip_prefix('v').unwrap_or(w);
    !w.is_empty()
        && w.chars().all(|c| c.is_ascii_digit() || c == '.')
        && w.starts_with(|c: char| c.is_ascii_digit())
}

/// True when two names, as found in two places of an article, are the same
/// contender: equal keys or aliases, one a leading or trailing run of the
/// other's words ("Azure" / "Microsoft Azure"), or an acronym of it
/// ("AWS" / "Amazon Web Services").
pub fn same_name(a: &str, b: &str) -> bool {
    same_keys(&alias_keys(a), &alias_keys(b))
}

/// [`same_name`] on keys already made by [`alias_keys`].
pub fn same_keys(ka: &[String], kb: &[String]) -> bool {
    if ka.iter().any(|x| kb.contains(x)) {
        return true;
    }
    let (Some(a), Some(b)) = (ka.first(), kb.first()) else {
        return false;
    };
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let (short, long) = if wa.len() <= wb.len() {
        (&wa, &wb)
    } else {
        (&wb, &wa)
    };
    if short.len() < long.len() {
        let s = short.join(" ");
        if s.chars().count() >= 3 && (long.starts_with(short) || long.ends_with(short)) {
            return true;
        }
    }
    if short.len() == 1 && long.len() >= 2 {
        let initials: String = long.iter().filter_map(|w| w.chars().next()).collect();
        if initials.chars().count() >= 2 && initials == short[0] {
            return true;
        }
    }
    false
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Han, kana and hangul: scripts written without spaces between words, so a
/// name runs straight into the particle after it ("VercelとAWS", "프로세스와").
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF
        | 0x3040..=0x30FF
        | 0x3130..=0x318F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xF900..=0xFAFF
        | 0xFF66..=0xFF9F)
}

/// True when `a` and `b`, side by side, are one word: both letters or
/// digits, and neither written in a script without spaces.
fn joined(a: char, b: char) -> bool {
    is_word_char(a) && is_word_char(b) && !is_cjk(a) && !is_cjk(b)
}

/// Every occurrence of `needle` in `hay` (overlapping ones too). A first-byte
/// scan: cheaper than a general searcher for the short names and short texts
/// searched here.
fn find_all<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    let first = n.first().copied();
    let last_start = h.len().checked_sub(n.len());
    let mut i = 0;
    std::iter::from_fn(move || {
        let (first, last_start) = (first?, last_start?);
        while i <= last_start {
            let at = i + h[i..=last_start].iter().position(|&b| b == first)?;
            i = at + 1;
            if &h[at..at + n.len()] == n {
                return Some(at);
            }
        }
        None
    })
}

/// Whole-word occurrences of `needle` (already folded) in `hay` (folded).
pub fn word_hits<'a>(hay: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    // A match of whole UTF-8 characters starts and ends on character
    // boundaries, so the slicing below is safe.
    find_all(hay, needle).filter(move |&i| {
        let before = match (hay[..i].chars().next_back(), needle.chars().next()) {
            (Some(p), Some(n)) => !joined(p, n),
            _ => true,
        };
        let after = match (
            needle.chars().next_back(),
            hay[i + needle.len()..].chars().next(),
        ) {
            (Some(l), Some(n)) => !joined(l, n),
            _ => true,
        };
        before && after
    })
}

/// The contenders' names and aliases, for finding mentions in headings,
/// labels and sentences.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// (folded key, contender index), longest key first.
    aliases: Vec<(String, usize)>,
    /// The first word of every alias.
    first_words: Vec<String>,
    /// Every word of every alias.
    words: Vec<String>,
}

/// A mention of contender `idx` at bytes `start..end` of the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub idx: usize,
    pub start: usize,
    pub end: usize,
}

impl Names {
    pub fn new(spellings: &[Vec<String>]) -> Names {
        let mut aliases = Vec::new();
        for (idx, names) in spellings.iter().enumerate() {
            for n in names {
                for k in alias_keys(n) {
                    if !aliases.iter().any(|(a, i)| a == &k && *i == idx) {
                        aliases.push((k, idx));
                    }
                }
            }
        }
        // A key two contenders share names neither.
        let shared: Vec<String> = aliases
            .iter()
            .filter(|(k, i)| aliases.iter().any(|(k2, i2)| k2 == k && i2 != i))
            .map(|(k, _)| k.clone())
            .collect();
        aliases.retain(|(k, _)| !shared.contains(k));
        aliases.sort_by_key(|a| std::cmp::Reverse(a.0.len()));
        let mut first_words: Vec<String> = Vec::new();
        for (k, _) in &aliases {
            let w = k.split(' ').next().unwrap_or("").to_string();
            if !first_words.contains(&w) {
                first_words.push(w);
            }
        }
        let mut words: Vec<String> = Vec::new();
        for (k, _) in &aliases {
            for w in k.split(' ') {
                if !words.iter().any(|x| x == w) {
                    words.push(w.to_string());
                }
            }
        }
        Names {
            aliases,
            first_words,
            words,
        }
    }

    /// True when `word` (folded) is a word of a contender's name.
    pub fn has_word(&self, word: &str) -> bool {
        self.words.iter().any(|w| w == word)
    }

    /// True when `word` (folded) is the first word of a contender's name.
    pub fn opens(&self, word: &str) -> bool {
        self.first_words.iter().any(|w| w == word)
    }

    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty()
    }

    /// Mentions in `folded` (see [`fold`]), in text order, never overlapping;
    /// a longer name wins over a shorter one inside it.
    pub fn hits(&self, folded: &str) -> Vec<Hit> {
        let mut hits: Vec<Hit> = Vec::new();
        for (k, idx) in &self.aliases {
            for start in word_hits(folded, k) {
                let end = start + k.len();
                if !hits.iter().any(|h| start < h.end && h.start < end) {
                    hits.push(Hit {
                        idx: *idx,
                        start,
                        end,
                    });
                }
            }
        }
        hits.sort_by_key(|h| h.start);
        hits
    }

    /// The contender a whole cell or label names, if it names exactly one
    /// and nothing else ("**Django** 🐍" → Django).
    pub fn exact(&self, s: &str) -> Option<usize> {
        let keys = alias_keys(s);
        let mut found = None;
        for k in &keys {
            for (a, i) in &self.aliases {
                if a == k {
                    match found {
                        None => found = Some(*i),
                        Some(f) if f != *i => return None,
                        _ => {}
                    }
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_decoration_but_keeps_spelling() {
        assert_eq!(clean_name("🚀 **Hugo** ⚡").0, "Hugo");
        assert_eq!(clean_name("Netlify - The User-Friendly One").0, "Netlify");
        assert_eq!(
            clean_name("Amazon Web Services (AWS)"),
            ("Amazon Web Services".to_string(), vec!["AWS".to_string()])
        );
        assert_eq!(clean_name("C++").0, "C++");
        assert_eq!(clean_name(".NET").0, ".NET");
        assert_eq!(clean_name("Node.js.").0, "Node.js");
        assert_eq!(clean_name("✔️ Vue.js").0, "Vue.js");
        assert_eq!(alias_keys("Hugo (recommended)"), ["hugo"]);
        assert_eq!(
            alias_keys("Amazon Web Services (AWS)"),
            ["amazon web services", "aws"]
        );
    }

    #[test]
    fn fold_keeps_byte_offsets() {
        let s = "İstanbul ÄÖÜ Straße";
        assert_eq!(fold(s).len(), s.len());
        assert_eq!(fold("DjAnGo"), "django");
    }

    #[test]
    fn same_name_rules() {
        assert!(same_name("Django", "**django**"));
        assert!(same_name("AWS", "Amazon Web Services (AWS)"));
        assert!(same_name("AWS", "Amazon Web Services"));
        assert!(same_name("Azure", "Microsoft Azure"));
        assert!(same_name("Vue", "Vue.js"));
        assert!(same_name("Singular", "Singular names"));
        assert!(same_name("Django 5", "Django 5.0"));
        assert!(same_name("Python v3", "python"));
        assert!(!same_name("Django", "Flask"));
        assert!(!same_name("AWS Lambda", "AWS Fargate"));
        assert!(!same_name("C", "C++"));
    }

    #[test]
    fn finds_whole_word_mentions_longest_first() {
        let n = Names::new(&[
            vec!["Cloudflare Pages".into()],
            vec!["Cloudflare".into()],
            vec!["Go".into()],
        ]);
        let h = n.hits("cloudflare pages beats cloudflare; go, not google");
        assert_eq!(
            h.iter().map(|h| h.idx).collect::<Vec<_>>(),
            vec![0, 1, 2],
            "{h:?}"
        );
        assert_eq!(n.exact("🐍 Cloudflare"), Some(1));
        assert_eq!(n.exact("Cloudflare and Go"), None);
    }

    #[test]
    fn symbols_in_names_match() {
        let n = Names::new(&[vec!["C++".into()], vec!["C#".into()], vec!["C".into()]]);
        let h = n.hits(&fold("Why C++ beats C# and C"));
        assert_eq!(h.iter().map(|h| h.idx).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn names_run_into_cjk_particles() {
        let n = Names::new(&[vec!["Vercel".into()], vec!["프로세스".into()]]);
        let h = n.hits(&fold("VercelとAWSの違い、멀티프로세스와"));
        assert_eq!(h.iter().map(|h| h.idx).collect::<Vec<_>>(), vec![0, 1]);
        assert!(n.hits("vercelx").is_empty());
    }
}
