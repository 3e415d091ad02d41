//! Contenders named by a title: "A vs B", "A vs. B vs C - which one?",
//! "Naming Dilemma: Singular vs. Plural", "A or B?", "Comparing A and B",
//! "A compared to B", "Choosing between A and B".

use super::names::{clean_name, fold, is_cjk, is_emoji, squash};

/// Names in the title, in title order; empty when the title compares nothing.
pub fn title_names(title: &str) -> Vec<String> {
    let title = prepare(title);
    // "Goodbye X, hello Y" spans a comma; "X → Y" an arrow.
    if let Some(n) = goodbye_form(&title) {
        return n;
    }
    let segs = segments(&title);
    for s in &segs {
        if let Some(n) = vs_form(s) {
            return n;
        }
    }
    for s in &segs {
        if let Some(n) = migration_form(s, &title).or_else(|| arrow_form(s)) {
            return n;
        }
    }
    for s in &segs {
        if let Some(n) = compare_form(s).or_else(|| cjk_form(s)) {
            return n;
        }
    }
    for s in &segs {
        if let Some(n) = or_form(s) {
            return n;
        }
    }
    // "Vim and Emacs: a comparison", "Python и Go: сравнение": names listed
    // in a title that says it compares them.
    if segs.len() >= 2 && says_comparison(&title) {
        for s in &segs {
            let n = listed_names(s);
            if n.len() >= 2 {
                return n;
            }
        }
    }
    Vec::new()
}

/// The names of a title that tells of a move from one to the other
/// ("Migrating from X to Y", "X → Y", "Goodbye X, hello Y"): the one left
/// first, the one chosen last.
pub fn migration_names(title: &str) -> Option<Vec<String>> {
    let title = prepare(title);
    if let Some(n) = goodbye_form(&title) {
        return Some(n);
    }
    let segs = segments(&title);
    if segs.iter().any(|s| vs_form(s).is_some()) {
        return None;
    }
    segs.iter()
        .find_map(|s| migration_form(s, &title).or_else(|| arrow_form(s)))
        .or_else(|| {
            // "Next.js to htmx": a title that is only "X to Y".
            let s = segs.first()?;
            let w: Vec<&str> = s.split_whitespace().collect();
            let t = w.iter().position(|x| fold(x) == "to")?;
            (w.len() <= 5 && w.iter().filter(|x| fold(x) == "to").count() == 1)
                .then(|| finish(vec![w[..t].join(" "), w[t + 1..].join(" ")], 2))
                .flatten()
        })
}

/// The one name of a title that compares the article's own subject with
/// it ("Comparison with Sapling", "Unterschiede zu React", "Diferenças do
/// React", "Reactとの違い", "与 Java 比较"): the subject is found in the text.
pub fn rival_name(title: &str) -> Option<String> {
    let t = prepare(title);
    let seg = segments(&t).into_iter().next()?;
    let low = fold(&seg);
    const LEADS: &[&str] = &[
        "comparison with ",
        "comparison to ",
        "comparisons with ",
        "compared to ",
        "compared with ",
        "comparing with ",
        "differences from ",
        "differences to ",
        "differences with ",
        "difference from ",
        "how it compares to ",
        "vs ",
        "versus ",
        "unterschiede zu ",
        "unterschiede zwischen ",
        "vergleich mit ",
        "im vergleich zu ",
        "diferenças do ",
        "diferenças da ",
        "diferenças com ",
        "diferenças para ",
        "comparação com ",
        "diferencias con ",
        "diferencias de ",
        "comparación con ",
        "différences avec ",
        "comparaison avec ",
        "отличия от ",
        "сравнение с ",
        "по сравнению с ",
        "coming from ",
        "migrating from ",
        "switching from ",
        "moving from ",
    ];
    for lead in LEADS.iter().chain(MOVE_TO_LEADS) {
        if let Some(rest) = low.strip_prefix(lead) {
            let name = clean_name(&seg[seg.len() - rest.len()..]).0;
            let words = name.split_whitespace().count();
            let first = fold(name.split_whitespace().next().unwrap_or(""));
            return ((1..=3).contains(&words) && !NOT_NAMES.contains(&first.as_str()))
                .then_some(name);
        }
    }
    if seg.chars().any(is_cjk) {
        // "Reactとの違い", "与 Java 比较", "Java와의 차이", "和 Go 的区别".
        let (at, _) = CJK_MARKERS
            .iter()
            .filter_map(|m| seg.find(m).map(|i| (i, m)))
            .min_by_key(|(i, m)| (*i, std::cmp::Reverse(m.len())))?;
        let head = seg[..at]
            .trim_end_matches(['的', 'の', '의', ' '])
            .trim_end_matches(['と', '와', '과'])
            .trim_end_matches("와의")
            .trim();
        let head = head
            .strip_prefix(['与', '和', '跟', '同'])
            .unwrap_or(head)
            .trim();
        let name = clean_name(head).0;
        if !name.is_empty()
            && name.chars().count() <= 20
            && !name.chars().any(is_cjk)
            && name.split_whitespace().count() <= 3
        {
            return Some(name);
        }
    }
    None
}

/// Leads of a title that tells of a move to the one name after them.
const MOVE_TO_LEADS: &[&str] = &[
    "moving back to ",
    "moving to ",
    "moved to ",
    "switching to ",
    "switched to ",
    "migrating to ",
    "migrated to ",
    "why i switched to ",
    "why we switched to ",
    "why i moved to ",
    "why we moved to ",
    "hello, ",
    "hello ",
];

/// The one name of a title that tells of a move to it ("Moving back to
/// Jekyll", "Switching to Hugo", "Hello, Hugo!").
pub fn moved_to(title: &str) -> Option<String> {
    let low = fold(title.trim());
    let to = MOVE_TO_LEADS.iter().any(|l| low.starts_with(l));
    to.then(|| rival_name(title)).flatten()
}

/// Names a title only lists ("Process & Thread", "Vim and Emacs",
/// "프로세스 & 스레드"): a comparison only when the article keeps talking
/// about each of them, which the caller checks.
pub fn listed_names(title: &str) -> Vec<String> {
    let title = prepare(title);
    let segs = segments(&title);
    let Some(s) = segs.first() else {
        return Vec::new();
    };
    // A few short names: "Vim and Emacs", "네이티브 앱 & 웹 앱 & 하이브리드 앱".
    let limit = if s.contains(['&', ',']) { 11 } else { 7 };
    if s.split_whitespace().count() > limit {
        return Vec::new();
    }
    // "ブロッキングとノンブロッキングの概要": an overview of both.
    let s = CJK_OVERVIEW
        .iter()
        .find_map(|m| s.strip_suffix(m))
        .unwrap_or(s)
        .trim();
    let mut parts = if s.chars().any(is_cjk) && !s.contains(['&', ',']) {
        split_cjk(s)
    } else {
        split_list(s)
    };
    if parts.len() < 2 {
        return Vec::new();
    }
    if let [first, last] = &mut parts[..] {
        let (fw, lw): (Vec<&str>, Vec<&str>) = (
            first.split_whitespace().collect(),
            last.split_whitespace().collect(),
        );
        if fw.len() >= lw.len() + 3 {
            // "Overview of blocking and non-blocking": after a long lead-in,
            // as many words as the second name has.
            *first = fw[fw.len() - lw.len()..].join(" ");
        } else if fw.len() == 1 && lw.len() == 2 {
            // "Blocking and Non-Blocking Calls": the noun both share.
            *last = lw[0].to_string();
        }
    }
    finish(parts, 3).unwrap_or_default()
}

/// What a CJK title about two things ends with when it only overviews them.
const CJK_OVERVIEW: &[&str] = &["の概要", "概要", "一览", "概览", "概述", "简介", "개요"];

/// True when a title says the article compares things, without naming them
/// ("Comparison", "Comparisons with Other Test Runners", "Alternativas",
/// "比較", "비교"): one section per contender is then enough to name them.
pub fn says_comparison(title: &str) -> bool {
    let low = fold(title);
    const WORDS: &[&str] = &[
        "compar",
        "vergleich",
        "сравн",
        "versus",
        " vs",
        "vs ",
        "alternativ",
        "альтернатив",
        "differen",
        "diferen",
        "différen",
        "unterschied",
        "отлич",
        "разниц",
        "showdown",
        "face-off",
        "head to head",
        "head-to-head",
        "which one",
        "choosing",
        "比较",
        "比較",
        "对比",
        "對比",
        "区别",
        "區別",
        "差异",
        "違い",
        "비교",
        "차이",
        "대안",
        "代替",
        "替代",
        "选择",
        "選び",
    ];
    WORDS.iter().any(|w| low.contains(w))
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
    let mut t = title.replace('🆚', " vs ");
    for arrow in ["->", "=>", "→", "⇒", "⟶", "➡", "➔", "⮕", "⟹"] {
        if t.contains(arrow) {
            t = t.replace(arrow, " \u{1} ");
        }
    }
    let mut out = String::with_capacity(t.len());
    let mut depth = 0usize;
    let chars: Vec<char> = t.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        match c {
            '(' | '[' | '{' | '（' | '【' | '「' | '『' if closes(&chars[i..]) => depth += 1,
            ')' | ']' | '}' | '）' | '】' | '」' | '』' if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            '\u{1}' => out.push_str(ARROW),
            '，' | '、' => out.push(','),
            // "Redis vs Zookeeper", "RedisVS Zookeeper" glued to CJK text.
            'v' | 'V'
                if chars.get(i).is_some_and(|n| matches!(n, 's' | 'S'))
                    && (i < 2 || !chars[i - 2].is_ascii_alphanumeric())
                    && chars.get(i + 1).is_none_or(|n| !n.is_ascii_alphanumeric()) =>
            {
                out.push_str(" vs ");
                i += 1;
                if chars.get(i) == Some(&'.') {
                    i += 1;
                }
            }
            c if is_emoji(c) => out.push(' '),
            c => out.push(c),
        }
    }
    squash(&out)
}

/// True when a bracket just opened is closed later: an unclosed one
/// ("Esc[31m vs Red") opens no aside.
fn closes(rest: &[char]) -> bool {
    rest.iter()
        .any(|c| matches!(c, ')' | ']' | '}' | '）' | '】' | '」' | '』'))
}

/// What an arrow between two names reads as after [`prepare`].
const ARROW: &str = " -> ";

/// Pieces of a title between colons, question marks, pipes and dashes.
fn segments(t: &str) -> Vec<String> {
    let mut segs = vec![String::new()];
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let spaced_hyphen =
            c == '-' && i > 0 && chars[i - 1] == ' ' && chars.get(i + 1).is_some_and(|n| *n == ' ');
        if matches!(
            c,
            ':' | '：' | '|' | '｜' | '?' | '!' | '—' | '–' | '？' | '！' | '。' | '¿' | '¡'
        ) || spaced_hyphen
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
        "vs" | "vs."
            | "versus"
            | "v."
            | "v/s"
            | "vs/"
            | "contra"
            | "gegen"
            | "contre"
            | "против"
            | "対"
            | "对"
            | "對"
            | "대"
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
    "in",
    "from",
    "ditching",
    "leaving",
    "replacing",
    "goodbye",
    "hello",
    "world",
    "prefer",
    "chose",
    "picked",
    "uses",
    "using",
    "our",
    "my",
    "lessons",
    "learned",
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
    "port",
    "migration",
    "migrations",
    "migrating",
    "switch",
    "story",
    "experience",
    "journey",
    "—",
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

/// First words of what a title compares with that are no names ("with
/// Other Test Runners", "Comparações com outros frameworks").
const NOT_NAMES: &[&str] = &[
    "other",
    "others",
    "another",
    "outros",
    "outras",
    "otros",
    "otras",
    "autres",
    "andere",
    "anderen",
    "другие",
    "другими",
    "comparison",
    "comparisons",
    "comparação",
    "comparações",
    "comparación",
    "comparaciones",
    "comparaison",
    "vergleich",
    "сравнение",
    "alternatives",
    "similar",
    "existing",
    "popular",
    "all",
    "many",
    "some",
    "its",
    "their",
];

/// "Python 2 or 3", "Playstation 2 and 3": a bare version is the first
/// name's product in that version.
fn versions(mut raw: Vec<String>) -> Vec<String> {
    let bare = |s: &str| {
        let s = s.trim().trim_end_matches(['?', '!', '.']);
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'x'))
            && s.starts_with(|c: char| c.is_ascii_digit())
    };
    let Some(first) = raw.first().cloned() else {
        return raw;
    };
    let Some((product, last)) = first.trim().rsplit_once(' ') else {
        return raw;
    };
    if !bare(last) {
        return raw;
    }
    // "My Playstation 2": the product is the words before the version,
    // after any lead-in.
    let product = cut_lead(&format!("{product} {last}"));
    let product = product
        .rsplit_once(' ')
        .map_or(product.as_str(), |p| p.0)
        .to_string();
    for r in raw.iter_mut().skip(1) {
        if bare(r) {
            *r = format!("{product} {}", r.trim());
        }
    }
    raw
}

/// "the Rust", "o Y", "el X": an article before a name is not part of it.
fn strip_article(name: &str) -> &str {
    match name.split_once(' ') {
        Some((a, rest))
            if matches!(
                fold(a).as_str(),
                "the"
                    | "o"
                    | "a"
                    | "os"
                    | "as"
                    | "el"
                    | "la"
                    | "los"
                    | "las"
                    | "le"
                    | "les"
                    | "der"
                    | "die"
                    | "das"
                    | "un"
                    | "une"
                    | "um"
                    | "uma"
            ) && !rest.is_empty() =>
        {
            rest
        }
        _ => name,
    }
}

/// Checks and cleans a list of names: two to eight, short, distinct.
fn finish(raw: Vec<String>, max_words: usize) -> Option<Vec<String>> {
    let raw = versions(raw);
    let n = raw.len();
    let mut names: Vec<String> = Vec::new();
    for (i, r) in raw.into_iter().enumerate() {
        let mut r = cut_cjk(&r, i == 0, i + 1 == n).to_string();
        if i == 0 {
            r = cut_lead(&r);
        }
        if i + 1 == n {
            r = cut_tail(&r);
        }
        let name = clean_name(&r).0;
        let name = strip_article(&name).to_string();
        let words = name.split_whitespace().count();
        let first = fold(name.split_whitespace().next().unwrap_or(""));
        if NOT_NAMES.contains(&first.as_str()) {
            return None;
        }
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

/// A name in Latin letters that runs into CJK text keeps only its Latin
/// part: the first name after the text before it ("分布式锁Redis"), the last
/// before the text after it ("Zookeeper实现", "AWS Amplify 移行して").
fn cut_cjk(name: &str, first: bool, last: bool) -> &str {
    let name = name.trim();
    if !name.chars().any(is_cjk) || name.chars().all(|c| is_cjk(c) || c.is_whitespace()) {
        return name;
    }
    let mut out = name;
    if last
        && !out.starts_with(is_cjk)
        && let Some(i) = out.find(is_cjk)
    {
        out = &out[..i];
    }
    if first
        && !out.ends_with(is_cjk)
        && let Some((i, c)) = out.char_indices().rev().find(|(_, c)| is_cjk(*c))
    {
        out = &out[i + c.len_utf8()..];
    }
    out.trim()
}

/// Words that make "from X to Y" a move from one to the other.
const MIGRATE: &[&str] = &[
    "migrat",
    "moving",
    "move",
    "moved",
    "switch",
    "port",
    "transition",
    "ditch",
    "leav",
    "left",
    "replac",
    "drop",
    "abandon",
    "migr",
    "umstieg",
    "umsteig",
    "wechsel",
    "umzug",
    "passer",
    "passage",
    "переход",
    "перешл",
    "перейти",
    "миграц",
    "переезд",
    "mudan",
    "cambi",
    "迁移",
    "遷移",
    "移行",
    "移植",
    "切换",
    "替换",
    "乗り換え",
    "移籍",
    "마이그레이션",
    "이전",
    "전환",
    "갈아타",
];

pub fn is_migration(low: &str) -> bool {
    MIGRATE.iter().any(|w| {
        super::names::word_hits(low, w).next().is_some()
            || low
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.starts_with(w))
            || (w.chars().any(is_cjk) && low.contains(w))
    })
}

/// "Migrating from X to Y", "Why I'm ditching X in favour of Y", "Switching
/// from X to Y", "Replacing X with Y", "Why we left X for Y", and the same in
/// Spanish, Portuguese, German, French and Russian ("de X a Y", "von X zu
/// Y", "с X на Y").
fn migration_form(seg: &str, whole: &str) -> Option<Vec<String>> {
    let low = fold(seg);
    let words: Vec<&str> = seg.split_whitespace().collect();
    let lw: Vec<String> = words.iter().map(|w| fold(w)).collect();
    let find = |set: &[&str], from: usize| {
        (from..lw.len()).find(|&i| set.contains(&lw[i].trim_end_matches(',')))
    };
    let pair = |a: usize, b: usize, c: usize| -> Option<Vec<String>> {
        if a >= b || b >= c {
            return None;
        }
        finish(vec![words[a..b].join(" "), words[b..c].join(" ")], 5)
    };
    // "in favour of Y", "for Y", "with Y": the second name.
    let tail = |i: usize| -> Option<(usize, usize)> {
        let w = lw.get(i)?.as_str();
        match w {
            "in" if matches!(lw.get(i + 1).map(String::as_str), Some("favour" | "favor"))
                && lw.get(i + 2).is_some_and(|w| w == "of") =>
            {
                Some((i, i + 3))
            }
            "for" | "with" | "to" | "a" | "para" | "zu" | "nach" | "à" | "vers" | "на" | "auf"
            | "al" | "pelo" | "pela" | "por" => Some((i, i + 1)),
            _ => None,
        }
    };
    let migrating = is_migration(&fold(whole));
    // "from X to Y": the name runs to the first word that opens Y.
    const FROM: &[&str] = &[
        "from", "de", "desde", "von", "с", "c", "do", "da", "du", "del",
    ];
    let froms: Vec<usize> = (0..lw.len())
        .filter(|&i| migrating && FROM.contains(&lw[i].as_str()))
        .collect();
    for &f in froms.iter().rev() {
        for j in f + 2..lw.len() {
            if let Some((t, y)) = tail(j)
                && y < lw.len()
                && !(lw[j] == "a" && j + 1 < lw.len() && lw[j + 1] == "la")
            {
                let x = words[f + 1..t].join(" ");
                let y = words[y..].join(" ");
                if let Some(n) = finish(vec![x, y], 5) {
                    return Some(n);
                }
            }
        }
    }
    // "ditching X in favour of Y", "replacing X with Y", "left X for Y".
    const VERBS: &[&str] = &[
        "ditching",
        "ditch",
        "ditched",
        "replacing",
        "replace",
        "replaced",
        "leaving",
        "left",
        "leave",
        "dropping",
        "dropped",
        "drop",
        "abandoning",
        "abandoned",
        "swapping",
        "swapped",
        "swap",
        "trading",
        "traded",
    ];
    if let Some(v) = find(VERBS, 0) {
        for j in v + 2..lw.len() {
            if let Some((t, y)) = tail(j)
                && y < lw.len()
                && lw[j] != "to"
                && let Some(n) = pair(v + 1, t, lw.len())
                    .and_then(|_| finish(vec![words[v + 1..t].join(" "), words[y..].join(" ")], 5))
            {
                return Some(n);
            }
        }
    }
    // "X to Y migration", "X to Y: a migration story".
    // ("Moving back to X" names one: the other is in the text.)
    if migrating
        && !low.contains(" from ")
        && let Some(t) = find(&["to"], 1)
        && t + 1 < lw.len()
        && !lw[..t].iter().any(|w| {
            matches!(
                w.as_str(),
                "moving"
                    | "move"
                    | "moved"
                    | "switching"
                    | "switch"
                    | "switched"
                    | "migrating"
                    | "migrate"
                    | "migrated"
                    | "back"
                    | "going"
                    | "coming"
                    | "why"
            )
        })
    {
        return finish(vec![words[..t].join(" "), words[t + 1..].join(" ")], 4);
    }
    None
}

/// "Goodbye X, hello Y" (also "Bye X, hi Y", "Adiós X, hola Y").
fn goodbye_form(title: &str) -> Option<Vec<String>> {
    let low = fold(title);
    let (bye, hello) = [
        ("goodbye ", "hello "),
        ("bye ", "hello "),
        ("bye-bye ", "hello "),
        ("goodbye ", "hi "),
        ("adiós ", "hola "),
        ("adeus ", "olá "),
        ("tschüss ", "hallo "),
        ("au revoir ", "bonjour "),
        ("прощай ", "привет "),
    ]
    .into_iter()
    .find(|(b, h)| low.contains(b) && low.contains(h))?;
    let b = low.find(bye)? + bye.len();
    let h = low[b..].find(hello)? + b;
    let x = title[b..h]
        .trim()
        .trim_end_matches([',', ';', '.', '!', '-']);
    let rest = &title[h + hello.len()..];
    let y = segments(rest).into_iter().next()?;
    finish(vec![x.to_string(), y], 4)
}

/// "X -> Y", "React → htmx Port", "Vercel→AWS Amplify 移行".
fn arrow_form(seg: &str) -> Option<Vec<String>> {
    if !seg.contains(ARROW.trim()) {
        return None;
    }
    let parts: Vec<String> = seg
        .split(ARROW.trim())
        .map(|p| p.trim().to_string())
        .collect();
    finish(parts, 5)
}

/// Joiners written between CJK names ("Sentinel与Hystrix", "XとY", "X와 Y").
const CJK_JOINERS: &[&str] = &[
    "和", "与", "與", "跟", "及", "对", "對", "と", "&", ",", "/", "／",
];

/// What a CJK title ends with when it compares what comes before.
const CJK_MARKERS: &[&str] = &[
    "との技術的差異",
    "との差異",
    "の差異",
    "差異",
    "差别",
    "相違",
    "的区别与联系",
    "的区别",
    "的區別",
    "的差异",
    "的对比",
    "的比较",
    "的異同",
    "的异同",
    "区别",
    "區別",
    "差异",
    "对比",
    "對比",
    "比较",
    "比較",
    "の違いと使い分け",
    "の違い",
    "の比較",
    "を比較",
    "比べ",
    "違い",
    "의 차이점",
    "의 차이",
    "차이점",
    "차이",
    "비교",
    "의 비교",
];

/// "X 和 Y 比较", "Sentinel与Hystrix对比", "VercelとAmplifyの違い",
/// "프로세스와 스레드 비교": names joined by a CJK joiner, in a title that
/// says it compares them.
fn cjk_form(seg: &str) -> Option<Vec<String>> {
    if !seg.chars().any(is_cjk) {
        return None;
    }
    // "AI 编程选 CLI 还是 IDE": "or".
    for or in ["还是", "還是"] {
        if let Some((a, b)) = seg.split_once(or) {
            return finish(vec![a.trim().to_string(), b.trim().to_string()], 4);
        }
    }
    // The compared part ends where the marker starts.
    let (at, m) = CJK_MARKERS
        .iter()
        .filter_map(|m| seg.find(m).map(|i| (i, m)))
        .min_by_key(|(i, m)| (*i, std::cmp::Reverse(m.len())))?;
    let head = seg[..at].trim_end_matches(['的', 'の', '의', ' ']);
    // "阻塞对比非阻塞一览": the marker between the two.
    let tail = seg[at + m.len()..].trim();
    if matches!(*m, "对比" | "對比" | "比较" | "比較") && !head.is_empty() && !tail.is_empty()
    {
        let tail = CJK_OVERVIEW
            .iter()
            .find_map(|o| tail.strip_suffix(o))
            .unwrap_or(tail);
        return finish(vec![head.to_string(), tail.to_string()], 4);
    }
    let parts = split_cjk(head);
    if parts.len() < 2 {
        return None;
    }
    finish(parts, 4)
}

/// Splits at CJK joiners and Korean "와"/"과" particles ending a word.
fn split_cjk(s: &str) -> Vec<String> {
    let mut t = s.to_string();
    for j in CJK_JOINERS {
        t = t.replace(j, "\u{2}");
    }
    // Korean particles: "프로세스와 스레드", "Java과 Kotlin".
    for p in ["와 ", "과 ", "랑 ", "하고 ", "및 "] {
        t = t.replace(p, "\u{2}");
    }
    t.split('\u{2}')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// "A vs B, C, etc": the last name a list of names.
fn split_last_list(mut names: Vec<String>) -> Vec<String> {
    if let Some(last) = names.last()
        && last.contains(',')
    {
        let parts: Vec<String> = split_list(last)
            .into_iter()
            .map(|p| p.trim_end_matches('.').to_string())
            .filter(|p| !matches!(fold(p).as_str(), "etc" | "and more" | "more" | "others"))
            .collect();
        if parts.len() >= 2 && parts.iter().all(|p| p.split_whitespace().count() <= 3) {
            names.pop();
            names.extend(parts);
        }
    }
    names
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
    // "Removing Cyclic Dependencies, Java vs Go": a topic before a comma,
    // then the names. A topic opens with a gerund or runs to three
    // capitalised words; a name before a comma lists one more contender
    // ("Chocolatey, Scoop vs Winget", "Ruby on Rails, Django vs Flask").
    if let Some(first) = names.first_mut()
        && let Some((topic, name)) = first.rsplit_once(", ")
        && (1..=3).contains(&name.split_whitespace().count())
    {
        let words: Vec<&str> = topic.split_whitespace().collect();
        let gerund = words.first().is_some_and(|w| {
            let w = fold(w);
            w.len() > 5 && w.ends_with("ing")
        });
        let phrase = words.len() >= 3
            && words
                .iter()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w.len() > 3);
        if gerund || phrase {
            *first = name.to_string();
        }
    }
    // "high-level vs low-level frameworks": the noun is both names'.
    if let [first, last] = &mut names[..] {
        let lead_cut = cut_lead(first);
        if !lead_cut.contains(' ')
            && lead_cut.starts_with(|c: char| c.is_lowercase())
            && lead_cut.contains('-')
            && let Some((_, noun)) = last.rsplit_once(' ')
            && !last[..last.len() - noun.len()].trim().contains(' ')
        {
            *first = format!("{lead_cut} {noun}");
        }
    }
    finish(split_last_list(names), 6)
}

/// Splits "A, B and C" / "A & B" / "A with B" into names.
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let mut cur: Vec<&str> = Vec::new();
        for w in part.split_whitespace() {
            if matches!(
                fold(w).as_str(),
                "and"
                    | "&"
                    | "with"
                    | "to"
                    | "or"
                    | "vs"
                    | "vs."
                    | "y"
                    | "e"
                    | "und"
                    | "et"
                    | "и"
                    | "ou"
                    | "o"
                    | "oder"
                    | "или"
                    | "con"
                    | "com"
                    | "mit"
                    | "avec"
            ) && !cur.is_empty()
            {
                out.push(cur.join(" "));
                cur.clear();
            } else if !(cur.is_empty()
                && matches!(
                    fold(w).as_str(),
                    "and" | "or" | "&" | "y" | "e" | "und" | "et" | "и"
                ))
            {
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
    let (i, w) = ["between", "entre", "zwischen", "между"]
        .iter()
        .find_map(|w| word_pos(&low, w).map(|i| (i, w)))?;
    finish(split_list(&seg[i + w.len()..]), 5)
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
        "comparación de",
        "comparación entre",
        "comparativa de",
        "comparativa entre",
        "comparação de",
        "comparação entre",
        "comparando",
        "vergleich von",
        "vergleich zwischen",
        "comparaison de",
        "comparaison entre",
        "сравнение",
        "diferencias entre",
        "diferenças entre",
        "différences entre",
        "unterschiede zwischen",
        "разница между",
    ] {
        if let Some(rest) = low.strip_prefix(lead)
            && rest.starts_with(' ')
        {
            return finish(split_list(&seg[lead.len()..]), 5);
        }
    }
    for mid in [
        " compared to ",
        " compared with ",
        " contrasted with ",
        " em comparação ao ",
        " em comparação com ",
        " em comparação à ",
        " comparado com ",
        " comparado ao ",
        " comparado con ",
        " en comparación con ",
        " frente a ",
        " im vergleich zu ",
        " im vergleich mit ",
        " verglichen mit ",
        " comparé à ",
        " comparé avec ",
        " face à ",
        " по сравнению с ",
        " в сравнении с ",
    ] {
        if let Some(i) = low.find(mid) {
            return finish(
                vec![seg[..i].to_string(), seg[i + mid.len()..].to_string()],
                5,
            );
        }
    }
    if let Some(n) = choice_form(seg) {
        return Some(n);
    }
    for tail in [" compared", " comparison", " comparisons", " head-to-head"] {
        if let Some(head) = low.strip_suffix(tail) {
            return finish(split_list(&seg[..head.len()]), 5);
        }
    }
    None
}

/// The one a title says was chosen ("Why I switched to Zola instead of
/// Hugo", "Why I prefer Vim over Emacs"): the author's verdict, unless the
/// text says otherwise.
pub fn chosen(title: &str) -> Option<String> {
    let t = prepare(title);
    segments(&t)
        .iter()
        .find_map(|s| choice_form(s))
        .and_then(|n| n.into_iter().next())
}

/// "X over Y", "X instead of Y" after a word of choosing: [X, Y].
fn choice_form(seg: &str) -> Option<Vec<String>> {
    let low = fold(seg);
    // "Why we prefer computers over consoles", "Why I chose Go over Rust".
    if let Some(i) = low.find(" over ")
        && [
            "prefer", "chose", "choose", "choosing", "picked", "pick ", "use ",
        ]
        .iter()
        .any(|v| low[..i].contains(v))
    {
        return finish(vec![seg[..i].to_string(), seg[i + 6..].to_string()], 4);
    }
    // "Why I switched to Zola instead of Hugo", "Why Hugo and not
    // Jekyll", "Why we use Postgres rather than MySQL": the one chosen,
    // then the other.
    for mid in [" instead of ", " rather than ", " and not "] {
        if let Some(i) = low.find(mid)
            && (low.starts_with("why ")
                || [
                    "prefer", "chose", "choose", "choosing", "picked", "pick ", "use ", "uses ",
                    "using ", "switched", "moved",
                ]
                .iter()
                .any(|v| low[..i].contains(v)))
        {
            let chosen = if low.starts_with("why ") {
                &seg[4..i]
            } else {
                &seg[..i]
            };
            return finish(
                vec![chosen.to_string(), seg[i + mid.len()..].to_string()],
                4,
            );
        }
    }
    None
}

/// "or" in the languages read: "Vue ou React?", "Vim oder Emacs?".
const OR_WORDS: &[&str] = &["or", "ou", "oder", "o", "или"];

/// "A or B", "Should you use A or B", "A, B, or C".
fn or_form(seg: &str) -> Option<Vec<String>> {
    let low = fold(seg);
    OR_WORDS.iter().find_map(|w| word_pos(&low, w))?;
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
            if OR_WORDS.contains(&fold(w).as_str()) {
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

    #[test]
    fn one_chosen_instead_of_another() {
        assert_eq!(
            title_names("Why I switched to Zola instead of Hugo"),
            ["Zola", "Hugo"]
        );
        assert_eq!(
            title_names("Why this blog uses Zola instead of Hugo"),
            ["Zola", "Hugo"]
        );
        assert_eq!(title_names("Why Hugo and not Jekyll?"), ["Hugo", "Jekyll"]);
        assert_eq!(
            title_names("We use Postgres rather than MySQL"),
            ["Postgres", "MySQL"]
        );
        // Without a choice, "instead of" names nothing.
        assert!(title_names("Tea instead of coffee in the morning").is_empty());
        assert_eq!(
            chosen("Why I switched to Zola instead of Hugo").as_deref(),
            Some("Zola")
        );
        assert_eq!(
            chosen("Why I prefer Vim over Emacs").as_deref(),
            Some("Vim")
        );
        assert_eq!(chosen("Vim vs Emacs"), None);
    }

    #[test]
    fn a_topic_before_the_versus_part_is_no_name() {
        assert_eq!(
            title_names("Removing Cyclic Dependencies, Java vs Go"),
            ["Java", "Go"]
        );
        assert_eq!(title_names("Handling errors, Rust vs Go"), ["Rust", "Go"]);
        // A name before the comma is kept (not dropped as a topic).
        assert!(title_names("Chocolatey, Scoop vs Winget")[0].starts_with("Chocolatey"));
        assert!(title_names("Ruby on Rails, Django vs Flask")[0].starts_with("Ruby on Rails"));
    }

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
        assert_eq!(t("Serf vs. Chef, Puppet, etc."), ["Serf", "Chef", "Puppet"]);
        assert_eq!(t("Python 2 or 3?"), ["Python 2", "Python 3"]);
        assert_eq!(t("Vim and Emacs: a comparison"), ["Vim", "Emacs"]);
        assert_eq!(t("Python и Go: сравнение"), ["Python", "Go"]);
        assert!(t("Opening and Saving Images").is_empty());
        assert!(t("Moving back to Jekyll!").is_empty());
        assert_eq!(
            rival_name("Moving back to Jekyll!").as_deref(),
            Some("Jekyll")
        );
        assert_eq!(
            t("Why we prefer computers over consoles when introducing kids to gaming"),
            ["computers", "consoles"]
        );
        assert_eq!(
            t("AI 编程选 CLI 还是 IDE？一文帮你彻底搞清楚"),
            ["CLI", "IDE"]
        );
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
    fn migration_titles() {
        assert_eq!(
            t("Migrating from MySQL to PostgreSQL"),
            ["MySQL", "PostgreSQL"]
        );
        assert_eq!(
            t("Why I'm ditching Notion in favour of Obsidian"),
            ["Notion", "Obsidian"]
        );
        assert_eq!(t("Moving from Jekyll to Hugo: lessons"), ["Jekyll", "Hugo"]);
        assert_eq!(t("Switching from npm to pnpm"), ["npm", "pnpm"]);
        assert_eq!(t("A Real World React -> htmx Port"), ["React", "htmx"]);
        assert_eq!(t("Webpack → Vite"), ["Webpack", "Vite"]);
        assert_eq!(t("Goodbye Heroku, hello Fly.io"), ["Heroku", "Fly.io"]);
        assert_eq!(t("Replacing Redux with Zustand"), ["Redux", "Zustand"]);
        assert_eq!(t("Why we left AWS for Hetzner"), ["AWS", "Hetzner"]);
        assert_eq!(
            t("Vercel(Hobby)→AWS Amplify 移行して分かった両者の違い"),
            ["Vercel", "AWS Amplify"]
        );
        assert_eq!(
            t("Migrando do MySQL para o PostgreSQL"),
            ["MySQL", "PostgreSQL"]
        );
        assert_eq!(t("Umstieg von Windows zu Linux"), ["Windows", "Linux"]);
        assert_eq!(t("Переход с Webpack на Vite"), ["Webpack", "Vite"]);
        assert!(t("From zero to hero in Rust").is_empty());
    }

    #[test]
    fn other_languages() {
        assert_eq!(t("Redis 和 Zookeeper 比较"), ["Redis", "Zookeeper"]);
        assert_eq!(t("Sentinel与Hystrix对比"), ["Sentinel", "Hystrix"]);
        assert_eq!(t("Redis vs Zookeeper实现分布式锁"), ["Redis", "Zookeeper"]);
        assert_eq!(t("VercelとNetlifyの違い"), ["Vercel", "Netlify"]);
        assert_eq!(t("프로세스와 스레드 비교"), ["프로세스", "스레드"]);
        assert_eq!(t("Python 与 Go　对比"), ["Python", "Go"]);
        assert_eq!(t("Vue ou React?"), ["Vue", "React"]);
        assert_eq!(t("Docker em comparação ao Podman"), ["Docker", "Podman"]);
        assert_eq!(t("Vim oder Emacs?"), ["Vim", "Emacs"]);
        assert_eq!(t("PostgreSQL contra MySQL"), ["PostgreSQL", "MySQL"]);
        assert_eq!(t("Vim против Emacs"), ["Vim", "Emacs"]);
        assert_eq!(t("Electron と NW.js との技術的差異"), ["Electron", "NW.js"]);
        assert_eq!(
            t("Diferencias técnicas entre Electron y NW.js"),
            ["Electron", "NW.js"]
        );
        assert_eq!(
            t("Array vs ArrayList vs LinkedList"),
            ["Array", "ArrayList", "LinkedList"]
        );
        assert_eq!(listed_names("프로세스 & 스레드"), ["프로세스", "스레드"]);
        assert_eq!(
            listed_names("ブロッキングとノンブロッキングの概要"),
            ["ブロッキング", "ノンブロッキング"]
        );
        assert_eq!(
            listed_names("Visão geral sobre operações bloqueantes e não-bloqueantes"),
            ["bloqueantes", "não-bloqueantes"]
        );
        assert_eq!(
            listed_names("Блокирующие и Неблокирующие Вызовы"),
            ["Блокирующие", "Неблокирующие"]
        );
        assert_eq!(t("阻塞对比非阻塞一览"), ["阻塞", "非阻塞"]);
        assert_eq!(
            t("The costs of high-level vs low-level frameworks"),
            ["high-level frameworks", "low-level frameworks"]
        );
        assert!(says_comparison("Comparisons with Other Test Runners"));
        assert_eq!(
            rival_name("Comparison with Sapling").as_deref(),
            Some("Sapling")
        );
        assert_eq!(
            rival_name("Unterschiede zu React").as_deref(),
            Some("React")
        );
        assert_eq!(rival_name("Diferenças do React").as_deref(), Some("React"));
        assert_eq!(rival_name("Reactとの違い").as_deref(), Some("React"));
        assert_eq!(rival_name("与 Java 比较").as_deref(), Some("Java"));
        assert_eq!(rival_name("Comparison"), None);
        assert!(says_comparison("Comparación"));
        assert!(!says_comparison("Deployment-Konzepte"));
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
