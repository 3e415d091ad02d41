//! Labels: what a heading, a bold lead or a short "…:" line announces
//! ("Django Pros", "Advantages of Flask", "Stay with Jekyll if:",
//! "**Winner:**"), and the ✅/❌ markers that start a pro or a con.

use super::names::{Hit, Names, fold, is_emoji, squash};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pros,
    Cons,
    /// "Pros and Cons": items need a marker or a label of their own.
    Mixed,
    Choose,
    Examples,
    Verdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Zero,
    One(usize),
    Many,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    pub kind: Option<Kind>,
    pub named: Named,
    /// Nothing but the names and the kind's words: "**Django**", "Cons:".
    pub bare: bool,
}

impl Label {
    pub fn owner(&self) -> Option<usize> {
        match self.named {
            Named::One(i) => Some(i),
            _ => None,
        }
    }

    /// Announces something: a kind of item, or just whose items follow.
    pub fn is_label(&self) -> bool {
        self.kind.is_some() || (self.bare && self.owner().is_some())
    }
}

const PRO_WORDS: &[&str] = &[
    "pros",
    "pro",
    "advantages",
    "advantage",
    "strengths",
    "strength",
    "benefits",
    "benefit",
    "upsides",
    "upside",
    "positives",
    "pluses",
    "good",
    "likes",
    "strong points",
    "plus points",
    "what we like",
    "what i like",
    "what we love",
    "what i love",
    "why we like it",
    "where it shines",
    "highlights",
    "things i like",
    "things i liked",
    "what i liked",
    "i liked",
    "things i love",
    "things i loved",
    "the good parts",
    "things i prefer",
    "what i prefer",
    "features i like",
    "i like",
    "what i love about",
    "vantagens",
    "vantagem",
    "prós",
    "pontos fortes",
    "ventajas",
    "ventaja",
    "puntos fuertes",
    "vorteile",
    "vorteil",
    "stärken",
    "vor",
    "avantages",
    "avantage",
    "points forts",
    "преимущества",
    "плюсы",
    "достоинства",
    "优点",
    "优势",
    "好处",
    "優點",
    "優勢",
    "メリット",
    "長所",
    "利点",
    "장점",
    "이점",
];

const CON_WORDS: &[&str] = &[
    "cons",
    "con",
    "disadvantages",
    "disadvantage",
    "weaknesses",
    "weakness",
    "drawbacks",
    "drawback",
    "limitations",
    "limitation",
    "downsides",
    "downside",
    "negatives",
    "minuses",
    "shortcomings",
    "shortcoming",
    "bad",
    "dislikes",
    "caveats",
    "trade-offs",
    "tradeoffs",
    "gotchas",
    "weak points",
    "pain points",
    "falls short",
    "where it falls short",
    "what we don't like",
    "what i don't like",
    "what we dislike",
    "what i dislike",
    "what i miss",
    "things i miss",
    "things i dislike",
    "things i disliked",
    "what i disliked",
    "i dislike",
    "annoyances",
    "gripes",
    "complaints",
    "pet peeves",
    "nitpicks",
    "challenges",
    "concerns",
    "problems",
    "risks",
    "bad for",
    "desvantagens",
    "desvantagem",
    "contras",
    "pontos fracos",
    "desventajas",
    "desventaja",
    "inconvenientes",
    "puntos débiles",
    "nachteile",
    "nachteil",
    "schwächen",
    "inconvénients",
    "inconvenients",
    "inconvénient",
    "points faibles",
    "недостатки",
    "минусы",
    "缺点",
    "劣势",
    "不足",
    "缺點",
    "劣勢",
    "デメリット",
    "短所",
    "欠点",
    "단점",
];

const VERDICT_WORDS: &[&str] = &[
    "winner",
    "overall winner",
    "the winner",
    "clear winner",
    "verdict",
    "final verdict",
    "our verdict",
    "my verdict",
    "our pick",
    "my pick",
    "top pick",
    "bottom line",
    "the bottom line",
    "recommendation",
    "our recommendation",
    "my recommendation",
    "best overall",
    "chosen option",
    "veredito",
    "veredicto",
    "fazit",
    "verdict final",
    "вердикт",
    "结论",
    "結論",
    "결론",
];

/// Filler around a kind word: "Key Advantages of Using X", "X's Strengths".
const STOP: &[&str] = &[
    "here",
    "are",
    "is",
    "these",
    "those",
    "following",
    "of",
    "for",
    "the",
    "a",
    "an",
    "s",
    "using",
    "use",
    "with",
    "to",
    "key",
    "main",
    "major",
    "biggest",
    "notable",
    "potential",
    "possible",
    "some",
    "its",
    "it",
    "our",
    "my",
    "in",
    "on",
    "over",
    "than",
    "vs",
    "versus",
    "against",
    "compared",
    "top",
    "real",
    "big",
    "and",
    "or",
    "also",
    "other",
    "few",
    "list",
    "summary",
    "quick",
    "overall",
    "general",
    "about",
    "so",
    "far",
    "de",
    "do",
    "da",
    "dos",
    "das",
    "del",
    "des",
    "du",
    "der",
    "die",
    "von",
    "la",
    "le",
    "les",
    "el",
    "los",
    "las",
    "os",
    "y",
    "e",
    "und",
    "et",
    "и",
    "у",
    "principais",
    "principales",
    "principaux",
    "wichtigsten",
    "основные",
    "主要",
];

/// "When to choose X" and the like, word by word; `X` is a name (or "it").
const CHOOSE: &[&str] = &[
    "when to choose|use|pick|select|prefer|adopt X",
    "when to go|stick|stay with X",
    "when to choose|use|pick",
    "when should|would you choose|use|pick X",
    "choose|use|pick|select|prefer|adopt X if|when",
    "choose|use|pick|select X",
    "why choose|use|pick X",
    "reasons to choose|use|pick X",
    "X is best|ideal|perfect|great|good for",
    "best|ideal|perfect|great for",
    "best use cases",
    "stay|stick|go with X if|when",
    "switch|move|migrate to X if|when",
    "go|opt for X if|when",
    "X shines when|if",
    "where X shines",
    "when X shines",
    "X shines",
    "who should use|choose|pick X",
    "who is X for",
    "who X is for",
    "X is a|an|the good|great|excellent|solid|better|best|perfect|right|ideal|smart choice|fit|option|pick if|when|for",
    "X is right for you if|when",
    "X is for you if|when",
    "is X right for you",
    "X makes sense if|when",
    "when X makes sense",
    "consider X if|when",
    "you should choose|use|pick X if|when",
    "X is good for",
    "good for",
    "quando usar|escolher|utilizar X",
    "cuándo|cuando usar|elegir|utilizar X",
    "quand utiliser|choisir X",
    "wann X verwenden|nutzen|wählen",
    "когда использовать|выбирать|выбрать X",
];

/// Sentence openings that can make a "when to choose" criterion ("Hugo
/// shines when …" opens with a name instead).
const PREFIX: &[&str] = &[
    "choose|use|pick|select|prefer X if|when|for",
    "stay|stick|go with X if|when",
    "go|opt for X if|when",
    "you should choose|use|pick X if|when",
    "consider X if|when",
    "X shines when|if",
    "X is best|ideal|perfect|great for",
    "X is a|an|the good|great|excellent|solid|better|best|perfect|right|ideal|smart choice|fit|option|pick if|when|for",
    "X is right for you if|when",
    "X is for you if|when",
    "X makes sense if|when",
    "X wins if|when",
];

/// What a sentence that opens "If …, " can continue with.
const AFTER_IF: &[&str] = &[
    "choose|use|pick|prefer X",
    "go|stay|stick with X",
    "go|opt for X",
];

/// A template, word by word; each word a list of alternatives, `X` a name.
type Template = Vec<Vec<&'static str>>;

fn parse_templates(src: &[&'static str]) -> Vec<Template> {
    src.iter()
        .map(|t| t.split(' ').map(|w| w.split('|').collect()).collect())
        .collect()
}

/// A small set of words, bucketed by length and end letters: a lookup is one
/// or two comparisons (hashing or bisecting such short keys costs more).
struct WordSet(Vec<Vec<&'static str>>);

impl WordSet {
    const BUCKETS: usize = 512;

    fn slot(w: &str) -> usize {
        let b = w.as_bytes();
        let (first, last) = (b.first().copied(), b.last().copied());
        let h = b.len() * 31 + usize::from(first.unwrap_or(0)) * 7 + usize::from(last.unwrap_or(0));
        h % Self::BUCKETS
    }

    fn new(words: HashSet<&'static str>) -> WordSet {
        let mut buckets = vec![Vec::new(); Self::BUCKETS];
        for w in words {
            buckets[Self::slot(w)].push(w);
        }
        WordSet(buckets)
    }

    fn contains(&self, w: &str) -> bool {
        self.0[Self::slot(w)].contains(&w)
    }
}

struct Tables {
    choose: Vec<Template>,
    prefix: Vec<Template>,
    after_if: Vec<Template>,
    /// Every word a label can be made of, names aside.
    label_words: WordSet,
    /// Words a criterion sentence can open with, names aside.
    openers: WordSet,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let choose = parse_templates(CHOOSE);
        let prefix = parse_templates(PREFIX);
        let after_if = parse_templates(AFTER_IF);
        let mut label_words: HashSet<&'static str> = HashSet::new();
        for list in [PRO_WORDS, CON_WORDS, VERDICT_WORDS, STOP, MIXED_WORDS] {
            for phrase in list {
                label_words.extend(phrase.split(' '));
            }
        }
        for t in &choose {
            for alts in t {
                label_words.extend(alts.iter().copied());
            }
        }
        label_words.extend(["it", "this", "them", "ugly", "x"]);
        let mut openers: HashSet<&'static str> = HashSet::new();
        for t in prefix.iter().chain(&after_if) {
            if t[0] != ["X"] {
                openers.extend(t[0].iter().copied());
            }
        }
        openers.extend(["if", "when"]);
        Tables {
            choose,
            prefix,
            after_if,
            label_words: WordSet::new(label_words),
            openers: WordSet::new(openers),
        }
    })
}

/// A word that names a kind of item on its own ("Pros", "Drawbacks").
pub fn is_kind_word(w: &str) -> bool {
    let w = fold(w);
    PRO_WORDS.contains(&w.as_str())
        || CON_WORDS.contains(&w.as_str())
        || MIXED_WORDS.contains(&w.as_str())
}

/// A label's words, with each mention of a contender as a name token.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'a> {
    Word(Cow<'a, str>),
    Name(usize),
}

impl Tok<'_> {
    fn word(&self) -> Option<&str> {
        match self {
            Tok::Word(w) => Some(w),
            Tok::Name(_) => None,
        }
    }
}

/// Splits folded text into words and names; `&` reads "and".
pub fn tokens<'a>(folded: &'a str, hits: &[Hit]) -> Vec<(Tok<'a>, usize, usize)> {
    let mut out = Vec::new();
    let mut hi = hits.iter().peekable();
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    let bytes_len = folded.len();
    let push_word = |out: &mut Vec<(Tok<'a>, usize, usize)>, s: usize, e: usize| {
        let w = folded[s..e]
            .trim_matches(|c| matches!(c, '-' | '.' | '\'' | '’'))
            .trim_start_matches(['的', 'の', '의', '之']);
        if !w.is_empty() {
            let w = if w.contains('’') {
                Cow::Owned(w.replace('’', "'"))
            } else {
                Cow::Borrowed(w)
            };
            out.push((Tok::Word(w), s, e));
        }
    };
    while i < bytes_len {
        if let Some(h) = hi.peek() {
            if h.start == i {
                if let Some(s) = word_start.take() {
                    push_word(&mut out, s, i);
                }
                out.push((Tok::Name(h.idx), h.start, h.end));
                i = h.end;
                hi.next();
                continue;
            }
            if h.start < i {
                hi.next();
                continue;
            }
        }
        let c = folded[i..].chars().next().unwrap_or(' ');
        let wordy = c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | '#' | '\'' | '’');
        if wordy {
            word_start.get_or_insert(i);
        } else {
            if let Some(s) = word_start.take() {
                push_word(&mut out, s, i);
            }
            if c == '&' {
                out.push((Tok::Word(Cow::Borrowed("and")), i, i + 1));
            }
        }
        i += c.len_utf8();
    }
    if let Some(s) = word_start.take() {
        push_word(&mut out, s, bytes_len);
    }
    out
}

/// Matches `toks` from the start against a template; returns how many tokens
/// it took and the name it bound, if any.
fn match_template(
    toks: &[(Tok<'_>, usize, usize)],
    tpl: &Template,
) -> Option<(usize, Option<usize>)> {
    if toks.len() < tpl.len() {
        return None;
    }
    let mut name = None;
    for (alts, (t, _, _)) in tpl.iter().zip(toks) {
        match t {
            Tok::Name(i) if alts[0] == "X" => name = Some(*i),
            Tok::Word(w) if alts[0] == "X" => {
                if !matches!(w.as_ref(), "it" | "this" | "them") {
                    return None;
                }
            }
            Tok::Word(w) if alts.contains(&w.as_ref()) => {}
            _ => return None,
        }
    }
    Some((tpl.len(), name))
}

/// Strips leading list numbering and emoji, a trailing colon or question mark.
pub fn label_text(s: &str) -> &str {
    let s = s.trim_matches(|c: char| {
        c.is_whitespace() || is_emoji(c) || matches!(c, ':' | '：' | '?' | '!' | '*' | '_' | '.')
    });
    // "1. Pros", "2) Cons"
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let rest = &s[digits..];
        if let Some(r) = rest.strip_prefix(['.', ')']) {
            return r.trim_start();
        }
    }
    s
}

/// Longer than this, a text is a sentence, not a label.
const LABEL_MAX: usize = 120;

/// What a heading, bold lead or short line announces, and whom it names.
pub fn classify(text: &str, names: &Names) -> Label {
    let text = label_text(text);
    let maybe = text.len() <= LABEL_MAX && may_be_label(text, names);
    let folded = fold(text);
    let hits = if names.is_empty() {
        Vec::new()
    } else {
        names.hits(&folded)
    };
    if let Some(l) = one_up(&folded, &hits) {
        return l;
    }
    if !maybe {
        // Not a label: only whom it names matters, and one name needs no words.
        let first = hits.first().map(|h| h.idx);
        if hits.iter().all(|h| Some(h.idx) == first) {
            return Label {
                kind: None,
                named: first.map_or(Named::Zero, Named::One),
                bare: false,
            };
        }
    }
    let toks = tokens(&folded, &hits);
    classify_tokens(&toks, maybe)
}

/// A heading that says what one has and the other lacks, or what one fixes
/// in the other: the first one's pros ("What Kotlin has that Java does
/// not", "Kotlin 有而 Java 没有的东西", "KotlinにあってJavaにないもの",
/// "Kotlin에는 있고 Java에는 없는 것"), or the fixer's ("Some Java issues
/// addressed in Kotlin", "Kotlin 解决了一些 Java 中的问题").
fn one_up(folded: &str, hits: &[Hit]) -> Option<Label> {
    let x = hits.first()?;
    let y = hits.iter().find(|h| h.idx != x.idx)?;
    if hits.iter().any(|h| h.idx != x.idx && h.idx != y.idx) || y.start < x.end {
        return None;
    }
    let between = &folded[x.end..y.start];
    let after = &folded[y.end..];
    const HAS: &[&str] = &[" has that ", " have that ", " can do that ", " does that "];
    const LACKS: &[&str] = &[
        " does not",
        " doesn't",
        " doesn’t",
        " lacks",
        " has not",
        " hasn't",
        " can't",
        " cannot",
        " do not",
        " don't",
    ];
    const FIXED: &[&str] = &[
        " issues addressed in ",
        " issues solved in ",
        " issues fixed in ",
        " problems solved in ",
        " problems addressed in ",
        " problems fixed in ",
        " issues resolved in ",
    ];
    let first_has = (HAS.iter().any(|w| between.ends_with(w))
        && LACKS.iter().any(|w| after.starts_with(w)))
        || (between.contains("有而") && (after.contains("没有") || after.contains("沒有")))
        || (between.contains("にあって") && after.contains("にない"))
        || (between.contains("있고") && after.contains("없"))
        || (between.contains("解决") && after.contains("问题"))
        || (between.contains("解決") && (after.contains("问题") || after.contains("問題")));
    let owner = if first_has {
        x.idx
    } else if FIXED.contains(&between) {
        y.idx
    } else {
        return None;
    };
    Some(Label {
        kind: Some(Kind::Pros),
        named: Named::One(owner),
        bare: false,
    })
}

/// [`classify`] for a bold lead, a short line or a list item's title: only
/// labels, and cheaply ruled out for anything else (the common case).
pub fn label(text: &str, names: &Names) -> Option<Label> {
    if text.len() > LABEL_MAX + 16 || !may_be_label(text, names) {
        return None;
    }
    let text = label_text(text);
    if text.is_empty() || text.len() > LABEL_MAX {
        return None;
    }
    let folded = fold(text);
    let hits = if names.is_empty() {
        Vec::new()
    } else {
        names.hits(&folded)
    };
    let toks = tokens(&folded, &hits);
    let t = tables();
    let examples = folded.contains("exampl")
        || folded.contains("suited")
        || folded.contains("use case")
        || folded.contains("showcase")
        || folded.contains("who uses")
        || folded.contains("projects built");
    let only_label_words = toks.iter().all(|(tok, _, _)| match tok {
        Tok::Word(w) => t.label_words.contains(w.as_ref()) || w.chars().all(|c| c.is_ascii_digit()),
        Tok::Name(_) => true,
    });
    if !examples && !only_label_words {
        return None;
    }
    Some(classify_tokens(&toks, true)).filter(Label::is_label)
}

/// A quick, allocation-free look at the words: a label is made only of
/// label words and names (or speaks of examples). False means "surely not".
fn may_be_label(text: &str, names: &Names) -> bool {
    let t = tables();
    let mut buf = [0u8; 24];
    for w in text
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '.' | '+' | '#' | '\'' | '’')))
    {
        let w = w.trim_matches(|c| matches!(c, '-' | '.' | '\'' | '’'));
        if w.is_empty() {
            continue;
        }
        if !w.is_ascii() || w.len() > buf.len() {
            return true;
        }
        let low = &mut buf[..w.len()];
        low.copy_from_slice(w.as_bytes());
        low.make_ascii_lowercase();
        let low = std::str::from_utf8(low).unwrap_or("");
        let low = low.strip_suffix("'s").unwrap_or(low);
        if !(t.label_words.contains(low)
            || names.has_word(low)
            || low.bytes().all(|b| b.is_ascii_digit())
            || low.starts_with("exampl")
            || matches!(
                low,
                "suited" | "case" | "cases" | "showcase" | "uses" | "projects" | "built"
            ))
        {
            return false;
        }
    }
    true
}

fn classify_tokens(toks: &[(Tok<'_>, usize, usize)], short: bool) -> Label {
    // Who it is about: a later name right after "over" or "than" is the other side.
    let mut owners: Vec<usize> = Vec::new();
    for (k, (t, _, _)) in toks.iter().enumerate() {
        if let Tok::Name(i) = t {
            let other_side = !owners.is_empty()
                && k > 0
                && matches!(toks[k - 1].0.word(), Some("over" | "than"));
            if !other_side && !owners.contains(i) {
                owners.push(*i);
            }
        }
    }
    let named = match owners[..] {
        [] => Named::Zero,
        [one] => Named::One(one),
        _ => Named::Many,
    };
    let none = Label {
        kind: None,
        named,
        bare: false,
    };
    if !short {
        return none;
    }
    let t = tables();
    let plain_words = toks.iter().any(|(tok, _, _)| match tok {
        Tok::Word(w) => {
            !t.label_words.contains(w.as_ref())
                && !w.chars().all(|c| c.is_ascii_digit())
                && !w.starts_with("exampl")
                && !matches!(
                    w.as_ref(),
                    "suited" | "case" | "cases" | "showcase" | "uses" | "projects" | "built"
                )
        }
        Tok::Name(_) => false,
    });
    if plain_words {
        return none;
    }
    for tpl in &t.choose {
        if let Some((n, _)) = match_template(toks, tpl)
            && n == toks.len()
        {
            return Label {
                kind: Some(Kind::Choose),
                named,
                bare: false,
            };
        }
    }
    let words: Vec<&str> = toks.iter().filter_map(|(t, _, _)| t.word()).collect();
    let joined = words.join(" ");
    if VERDICT_WORDS.contains(&joined.as_str()) {
        return Label {
            kind: Some(Kind::Verdict),
            named,
            bare: true,
        };
    }
    if words
        .iter()
        .any(|w| matches!(*w, "examples" | "example" | "showcase"))
        || joined.contains("suited for")
        || joined.contains("use case")
        || joined.contains("who uses")
        || joined.contains("projects built with")
    {
        return Label {
            kind: Some(Kind::Examples),
            ..none
        };
    }
    let content: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !STOP.contains(w) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    let phrase = content.join(" ");
    let kind = if phrase.is_empty() {
        None
    } else if PRO_WORDS.contains(&phrase.as_str()) {
        Some(Kind::Pros)
    } else if CON_WORDS.contains(&phrase.as_str()) {
        Some(Kind::Cons)
    } else if is_mixed(&content) {
        Some(Kind::Mixed)
    } else {
        None
    };
    Label {
        kind,
        named,
        bare: kind.is_some() || content.is_empty(),
    }
}

/// "Pros and cons" written as one word.
const MIXED_WORDS: &[&str] = &["优缺点", "優缺點", "장단점", "利弊", "長所と短所"];

/// "Pros and Cons", "Strengths & Weaknesses", "The Good, the Bad".
fn is_mixed(words: &[&str]) -> bool {
    // One word in Chinese and Korean: "优缺点", "장단점".
    if let [one] = words
        && MIXED_WORDS.contains(one)
    {
        return true;
    }
    if words.len() < 2 || words.len() > 4 {
        return false;
    }
    let pro = words.iter().any(|w| PRO_WORDS.contains(w));
    let con = words.iter().any(|w| CON_WORDS.contains(w));
    pro && con
        && words
            .iter()
            .all(|w| PRO_WORDS.contains(w) || CON_WORDS.contains(w) || *w == "ugly")
}

/// True when `s` opens with a word a criterion can open with: "Choose",
/// "Stay", "If", or a contender's name. Allocation-free: most sentences
/// are ruled out here.
pub fn may_open_criterion(s: &str, names: &Names) -> bool {
    let Some(w) = s
        .trim_start()
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '\'' | '’'))
        .next()
    else {
        return false;
    };
    let mut buf = [0u8; 24];
    if w.is_empty() || w.len() > buf.len() {
        return false;
    }
    if !w.is_ascii() {
        return names.opens(&fold(w));
    }
    let low = &mut buf[..w.len()];
    low.copy_from_slice(w.as_bytes());
    low.make_ascii_lowercase();
    let low = std::str::from_utf8(low).unwrap_or("");
    tables().openers.contains(low) || names.opens(low)
}

/// A "when to choose" sentence: "Hugo shines when you have many pages",
/// "Stay with Jekyll if you host on GitHub Pages", "If you need speed, choose
/// Hugo". Returns the contender and the condition, as written.
pub fn choose_sentence(sentence: &str, names: &Names) -> Option<(usize, String)> {
    let s = sentence.trim();
    // Most sentences are ruled out by their first word.
    if !may_open_criterion(s, names) {
        return None;
    }
    // Only the opening words can make it a criterion; keep the scan short,
    // but long enough to reach the comma of "If …, choose X".
    let opens_with_if = matches!(
        s.get(..3).map(|p| p.to_ascii_lowercase()).as_deref(),
        Some("if " | "whe")
    );
    let mut window = s.len().min(if opens_with_if { 240 } else { 120 });
    while !s.is_char_boundary(window) {
        window -= 1;
    }
    let folded = fold(&s[..window]);
    let hits = names.hits(&folded);
    if hits.is_empty() {
        return None;
    }
    let toks = tokens(&folded, &hits);
    for tpl in &tables().prefix {
        if let Some((n, Some(idx))) = match_template(&toks, tpl) {
            let rest_at = toks.get(n).map_or(s.len(), |t| t.1);
            let rest = squash(&s[rest_at.min(s.len())..]);
            if rest.is_empty() || rest.ends_with([':', '：']) {
                return None;
            }
            return Some((idx, rest));
        }
    }
    // "If you need speed, choose Hugo." / "When …, Hugo is the better choice."
    if matches!(toks.first().and_then(|t| t.0.word()), Some("if" | "when")) {
        let comma = s[..window].find(',')?;
        let cond = s[toks.get(1)?.1.min(comma)..comma].trim();
        let after: Vec<_> = toks.iter().filter(|t| t.1 > comma).cloned().collect();
        let name = match after.first() {
            Some((Tok::Name(i), _, _)) => Some(*i),
            _ => tables()
                .after_if
                .iter()
                .find_map(|tpl| match_template(&after, tpl).and_then(|m| m.1)),
        };
        let names_in_cond = hits.iter().any(|h| h.start < comma);
        if let (Some(i), false) = (name, names_in_cond)
            && !cond.is_empty()
        {
            return Some((i, squash(cond)));
        }
    }
    None
}

/// The kind of item a marker character starts.
fn marker_kind(c: char, line_start: bool) -> Option<Kind> {
    match c {
        '✅' | '✔' | '☑' | '✓' | '👍' | '➕' | '🟢' | '💚' | '🟩' => {
            Some(Kind::Pros)
        }
        '❌' | '✖' | '✗' | '✘' | '👎' | '➖' | '🔴' | '⛔' | '🚫' | '⚠' | '❎' | '🟥' => {
            Some(Kind::Cons)
        }
        '−' => Some(Kind::Cons),
        '+' if line_start => Some(Kind::Pros),
        _ => None,
    }
}

/// Skips emoji modifiers, selectors and spacing after a marker.
fn after_marker(s: &str) -> &str {
    s.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0x200D)
            || matches!(c, ':' | '：')
    })
}

/// A line that starts with a marker: its kind and the text after it.
pub fn marker_line(line: &str) -> Option<(Kind, &str)> {
    let t = line.trim_start();
    let c = t.chars().next()?;
    let kind = marker_kind(c, true)?;
    let rest = &t[c.len_utf8()..];
    // "+1" and "−3" are numbers, "++" is not a marker.
    if matches!(c, '+' | '−') && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some((kind, after_marker(rest)))
}

/// Splits text that starts with a marker at every later marker
/// ("✅ Fast ✅ Free ❌ Slow"): the items and their kinds.
pub fn marker_items(text: &str) -> Vec<(Kind, String)> {
    let mut out: Vec<(Kind, String)> = Vec::new();
    for line in text.lines() {
        let Some((kind, rest)) = marker_line(line) else {
            // A line without a marker continues the item before it.
            if let Some(last) = out.last_mut()
                && !line.trim().is_empty()
            {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        };
        let mut kind = kind;
        let mut cur = String::new();
        let mut prev_space = false;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let next_space = rest[i + c.len_utf8()..]
                .chars()
                .find(|c| !matches!(*c as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF))
                .is_none_or(char::is_whitespace);
            match marker_kind(c, false) {
                Some(k) if prev_space && next_space && c != '+' => {
                    push_item(&mut out, kind, &cur);
                    cur.clear();
                    kind = k;
                    while chars.peek().is_some_and(
                        |(_, n)| matches!(*n as u32, 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF),
                    ) {
                        chars.next();
                    }
                }
                _ => cur.push(c),
            }
            prev_space = c.is_whitespace();
        }
        push_item(&mut out, kind, &cur);
    }
    out
}

fn push_item(out: &mut Vec<(Kind, String)>, kind: Kind, text: &str) {
    let t = after_marker(text).trim();
    if !t.is_empty() {
        out.push((kind, t.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::new(&[
            vec!["Django".into()],
            vec!["Flask".into()],
            vec!["Ruby on Rails".into()],
        ])
    }

    #[test]
    fn what_one_has_that_the_other_lacks_is_its_pros() {
        let n = Names::new(&[vec!["Kotlin".into()], vec!["Java".into()]]);
        let k = |s: &str| {
            let l = classify(s, &n);
            (l.kind, l.named)
        };
        let kotlin = (Some(Kind::Pros), Named::One(0));
        let java = (Some(Kind::Pros), Named::One(1));
        assert_eq!(k("What Kotlin has that Java does not"), kotlin);
        assert_eq!(k("What Java has that Kotlin doesn't"), java);
        assert_eq!(k("Some Java issues addressed in Kotlin"), kotlin);
        assert_eq!(k("Kotlin 有而 Java 没有的东西"), kotlin);
        assert_eq!(k("Java 有而 Kotlin 没有的东西"), java);
        assert_eq!(k("Kotlin 解决了一些 Java 中的问题"), kotlin);
        assert_eq!(k("JavaにあってKotlinにないもの"), java);
        // Naming both in another way says nothing of the kind.
        assert_eq!(k("What Kotlin and Java share").0, None);
        assert_eq!(k("Calling Java from Kotlin").0, None);
    }

    fn kind(s: &str) -> (Option<Kind>, Named) {
        let l = classify(s, &names());
        (l.kind, l.named)
    }

    #[test]
    fn pros_and_cons_headings() {
        use Kind::*;
        use Named::*;
        assert_eq!(kind("Django Pros:"), (Some(Pros), One(0)));
        assert_eq!(kind("Pros of Flask"), (Some(Pros), One(1)));
        assert_eq!(kind("Advantages of Using Django"), (Some(Pros), One(0)));
        assert_eq!(kind("Flask’s Strengths"), (Some(Pros), One(1)));
        assert_eq!(kind("Django's Key Benefits"), (Some(Pros), One(0)));
        assert_eq!(kind("Limitations"), (Some(Cons), Zero));
        assert_eq!(kind("👎 Downsides"), (Some(Cons), Zero));
        assert_eq!(kind(" Cons : "), (Some(Cons), Zero));
        assert_eq!(kind("Flask Drawbacks"), (Some(Cons), One(1)));
        assert_eq!(kind("Pros and Cons"), (Some(Mixed), Zero));
        assert_eq!(kind("Here are the pros of Flask:"), (Some(Pros), One(1)));
        assert_eq!(kind("What we like"), (Some(Pros), Zero));
        assert_eq!(kind("Strengths & Weaknesses of Rails"), (None, Zero));
        assert_eq!(
            kind("Strengths & Weaknesses of Ruby on Rails"),
            (Some(Mixed), One(2))
        );
        assert_eq!(kind("Django's Advantages over Flask"), (Some(Pros), One(0)));
        assert_eq!(kind("Key Features of Django"), (None, One(0)));
        assert_eq!(kind("Vantagens do Django"), (Some(Pros), One(0)));
        assert_eq!(kind("Nachteile von Flask"), (Some(Cons), One(1)));
        assert_eq!(kind("Djangoの長所"), (Some(Pros), One(0)));
        assert_eq!(kind("Flask的缺点"), (Some(Cons), One(1)));
        assert_eq!(kind("장점"), (Some(Pros), Zero));
        assert_eq!(kind("Недостатки"), (Some(Cons), Zero));
        assert_eq!(kind("Avantages et inconvénients"), (Some(Mixed), Zero));
        assert_eq!(kind("优缺点"), (Some(Mixed), Zero));
        assert_eq!(kind("Some things I prefer in Flask"), (Some(Pros), One(1)));
        assert_eq!(kind("What I miss"), (Some(Cons), Zero));
        assert_eq!(
            kind("Key Differences Between Django and Flask"),
            (None, Many)
        );
    }

    #[test]
    fn choose_and_other_labels() {
        use Kind::*;
        use Named::*;
        assert_eq!(kind("When to Choose Django"), (Some(Choose), One(0)));
        assert_eq!(kind("Stay with Flask if:"), (Some(Choose), One(1)));
        assert_eq!(kind("Choose Django when"), (Some(Choose), One(0)));
        assert_eq!(kind("Flask shines when:"), (Some(Choose), One(1)));
        assert_eq!(kind("Django is best for"), (Some(Choose), One(0)));
        assert_eq!(
            kind("Django is an excellent choice if:"),
            (Some(Choose), One(0))
        );
        assert_eq!(kind("Best for"), (Some(Choose), Zero));
        assert_eq!(
            kind("Examples of Projects Suited for Django:"),
            (Some(Examples), One(0))
        );
        assert_eq!(kind("Winner"), (Some(Verdict), Zero));
        assert_eq!(kind("Conclusion: Which Should You Choose?"), (None, Zero));
        let l = classify("**Django**", &names());
        assert!(l.is_label() && l.kind.is_none() && l.owner() == Some(0));
        assert!(!classify("Django is great", &names()).is_label());
    }

    #[test]
    fn quick_label_check_agrees() {
        let n = names();
        for t in [
            "Pros",
            "Django's Key Benefits",
            "Flask’s Strengths",
            "**Cons:**",
            "Stay with Flask if",
            "Examples of Projects Suited for Django",
            "Winner",
            "Django",
        ] {
            assert!(label(t, &n).is_some(), "{t}");
        }
        for t in [
            "Comprehensive Framework",
            "Django is great",
            "Key Features of Django",
            "",
        ] {
            assert!(label(t, &n).is_none(), "{t}");
        }
    }

    #[test]
    fn choose_sentences() {
        let n = names();
        assert_eq!(
            choose_sentence("Flask shines when you need a tiny API.", &n),
            Some((1, "you need a tiny API.".into()))
        );
        assert_eq!(
            choose_sentence("Stay with Django if your team knows it.", &n),
            Some((0, "your team knows it.".into()))
        );
        assert_eq!(
            choose_sentence("If you need an admin panel, choose Django.", &n),
            Some((0, "you need an admin panel".into()))
        );
        assert_eq!(choose_sentence("Choose Django if:", &n), None);
        assert_eq!(choose_sentence("Django is a framework.", &n), None);
    }

    #[test]
    fn markers() {
        assert_eq!(marker_line("✅ Fast"), Some((Kind::Pros, "Fast")));
        assert_eq!(marker_line("✔️ Free tier"), Some((Kind::Pros, "Free tier")));
        assert_eq!(marker_line("👎🏽 Slow"), Some((Kind::Cons, "Slow")));
        assert_eq!(marker_line("+ Cheap"), Some((Kind::Pros, "Cheap")));
        assert_eq!(marker_line("− Heavy"), Some((Kind::Cons, "Heavy")));
        assert_eq!(marker_line("+1 for this"), None);
        assert_eq!(marker_line("Plain"), None);
        assert_eq!(
            marker_items("✅ Fast ✅ Free\n❌ Slow builds\n  on big sites\n✖️ No plugins"),
            vec![
                (Kind::Pros, "Fast".into()),
                (Kind::Pros, "Free".into()),
                (Kind::Cons, "Slow builds on big sites".into()),
                (Kind::Cons, "No plugins".into()),
            ]
        );
    }
}
