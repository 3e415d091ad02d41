//! Front matter: the leading `---` YAML or `+++` TOML block.
//!
//! The YAML and TOML crates stay behind this file: everything else sees only
//! [`Meta`] and warnings, so either crate can be swapped without touching the parser.

use super::limits::{MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_DEPTH, MAX_YAML_ALIAS_BYTES};
use super::model::{Extra, Meta};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
}

/// A front-matter block split off the top of a document.
#[derive(Debug, PartialEq, Eq)]
pub struct Block<'a> {
    pub format: Format,
    pub text: &'a str,
}

/// Splits a leading front-matter block off `src` (already LF-normalised).
/// Returns the block, if any, and the body. A block without its closing fence
/// is not front matter: the `---` is then a thematic break in the body.
pub fn split(src: &str) -> (Option<Block<'_>>, &str) {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let first_end = src.find('\n').unwrap_or(src.len());
    let format = match src[..first_end].trim_end() {
        "---" => Format::Yaml,
        "+++" => Format::Toml,
        line => {
            return match comment_title(line) {
                Some(text) => (
                    Some(Block {
                        format: Format::Yaml,
                        text,
                    }),
                    &src[(first_end + 1).min(src.len())..],
                ),
                None => (None, src),
            };
        }
    };
    let fence = &src[..3];
    let mut pos = (first_end + 1).min(src.len());
    let content_start = pos;
    while pos < src.len() {
        let end = src[pos..].find('\n').map_or(src.len(), |i| pos + i);
        let line = src[pos..end].trim_end();
        if line == fence || (format == Format::Yaml && line == "...") {
            let text = &src[content_start..pos];
            // A document that opens with a thematic break has a second `---`
            // later; what lies between is then prose, not keys.
            if !looks_like_keys(text, format) {
                return (None, src);
            }
            let body = &src[(end + 1).min(src.len())..];
            return (Some(Block { format, text }), body);
        }
        pos = end + 1;
    }
    (None, src)
}

/// A first line `[//]: # (title: Comparison to Java)`: a title kept in a
/// markdown comment (a link reference definition that renders nothing), as
/// documentation sites built with Writerside write it. Returns `title: …`,
/// which reads as YAML; a value YAML would misread (`: `, `#`, quotes) is
/// left alone.
fn comment_title(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("[//]: # (")?.strip_suffix(')')?;
    let value = rest.strip_prefix("title:")?.trim();
    let plain = !value.is_empty()
        && !value.contains(": ")
        && !value.contains([
            '#', '"', '\'', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`',
        ]);
    plain.then_some(rest)
}

/// True when a block holds `key: value` (YAML) or `key = value` / `[table]`
/// (TOML) lines, or nothing at all.
fn looks_like_keys(text: &str, format: Format) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .peekable();
    if lines.peek().is_none() {
        return true;
    }
    let sep = match format {
        Format::Yaml => ':',
        Format::Toml => '=',
    };
    lines.any(|l| {
        if format == Format::Toml && l.starts_with('[') {
            return true;
        }
        l.split_once(sep).is_some_and(|(k, _)| {
            let k = k.trim().trim_matches(['"', '\'']);
            !k.is_empty()
                && k.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' ' | '.'))
        })
    })
}

/// A format-neutral view of a parsed value.
enum Value {
    Null,
    Text(String),
    Other(String),
    List(Vec<Value>),
    Map,
}

impl Value {
    fn from_toml(v: toml::Value) -> Value {
        use toml::Value as T;
        match v {
            T::String(s) => Value::Text(s),
            T::Integer(i) => Value::Other(i.to_string()),
            T::Float(f) => Value::Other(f.to_string()),
            T::Boolean(b) => Value::Other(b.to_string()),
            T::Datetime(d) => Value::Other(d.to_string()),
            T::Array(a) => Value::List(a.into_iter().map(Value::from_toml).collect()),
            T::Table(_) => Value::Map,
        }
    }

    /// Scalars as text; lists and maps are not text.
    fn scalar(&self) -> Option<String> {
        match self {
            Value::Text(s) | Value::Other(s) => Some(s.clone()),
            _ => None,
        }
    }
}

/// Parses a front-matter block into [`Meta`]. Broken or ill-typed front matter
/// yields warnings and as much as could be understood, never an error.
pub fn parse(block: &Block<'_>) -> (Meta, Vec<String>) {
    let mut warnings = Vec::new();
    if block.text.len() > MAX_FRONT_MATTER_BYTES {
        warnings.push(format!(
            "front matter is larger than MAX_FRONT_MATTER_BYTES ({} KiB); ignored",
            MAX_FRONT_MATTER_BYTES >> 10
        ));
        return (Meta::default(), warnings);
    }
    if super::limits::front_matter_depth(block.text) > MAX_FRONT_MATTER_DEPTH {
        warnings.push(format!(
            "front matter nests deeper than MAX_FRONT_MATTER_DEPTH ({MAX_FRONT_MATTER_DEPTH}); ignored"
        ));
        return (Meta::default(), warnings);
    }
    let entries = match block.format {
        Format::Yaml => parse_yaml(block.text, &mut warnings),
        Format::Toml => parse_toml(block.text, &mut warnings),
    };
    let mut meta = Meta::default();
    let mut extra = Vec::new();
    for (key, value) in entries {
        match key.to_ascii_lowercase().as_str() {
            "title" | "meta_title" => {
                set_text(&mut meta.title, &key, value, &mut warnings);
            }
            "description" | "meta_description" => {
                set_text(&mut meta.description, &key, value, &mut warnings);
            }
            "keywords" | "meta_keywords" | "tags" => {
                if meta.keywords.is_empty() {
                    meta.keywords = keywords(&key, value, &mut warnings);
                }
            }
            // The contenders, as the reader names them: a list or "A, B".
            "versus" | "contenders" => {
                if meta.contenders.is_empty() {
                    meta.contenders = keywords(&key, value, &mut warnings);
                }
            }
            _ => {
                if let Some(s) = value.scalar() {
                    extra.push((key, s));
                }
            }
        }
    }
    meta.extra = Extra(extra);
    (meta, warnings)
}

fn set_text(slot: &mut Option<String>, key: &str, value: Value, warnings: &mut Vec<String>) {
    if slot.is_some() {
        return;
    }
    match value {
        Value::Text(s) => *slot = Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Other(s) => {
            warnings.push(format!(
                "front matter: `{key}` is not text; used as written"
            ));
            *slot = Some(s);
        }
        Value::Null => {}
        Value::List(_) | Value::Map => {
            warnings.push(format!("front matter: `{key}` should be text; ignored"));
        }
    }
}

fn keywords(key: &str, value: Value, warnings: &mut Vec<String>) -> Vec<String> {
    let words: Vec<String> = match value {
        Value::Text(s) => s.split(',').map(str::to_string).collect(),
        Value::List(items) => items.iter().filter_map(Value::scalar).collect(),
        Value::Other(s) => vec![s],
        Value::Null => Vec::new(),
        Value::Map => {
            warnings.push(format!(
                "front matter: `{key}` should be a list or a comma-separated string; ignored"
            ));
            Vec::new()
        }
    };
    words
        .into_iter()
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// A YAML value built under a byte budget: aliases are replayed by
/// serde_yaml without copying, so counting the bytes as they are visited
/// (and stopping at the budget) bounds the time and memory an alias can cost.
enum Yaml {
    Null,
    Text(String),
    Other(String),
    List(Vec<Yaml>),
    Map(Vec<(Yaml, Yaml)>),
}

/// The error that stops a value past its budget (told apart by its text).
const OVER_BUDGET: &str = "over the alias budget";

#[derive(Clone, Copy)]
struct Budget<'a>(&'a Cell<usize>);

impl Budget<'_> {
    /// Spends `n` bytes (and a few for the node itself).
    fn spend<E: de::Error>(self, n: usize) -> Result<(), E> {
        let left = self
            .0
            .get()
            .checked_sub(n + 8)
            .ok_or_else(|| E::custom(OVER_BUDGET))?;
        self.0.set(left);
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Budget<'_> {
    type Value = Yaml;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Yaml, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Budget<'_> {
    type Value = Yaml;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Yaml, E> {
        self.spend(0)?;
        Ok(Yaml::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Yaml, E> {
        self.visit_unit()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Yaml, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Yaml, E> {
        self.spend(0)?;
        Ok(Yaml::Other(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Yaml, E> {
        self.spend(0)?;
        Ok(Yaml::Other(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Yaml, E> {
        self.spend(0)?;
        Ok(Yaml::Other(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Yaml, E> {
        self.spend(0)?;
        Ok(Yaml::Other(serde_yaml::Number::from(v).to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Yaml, E> {
        self.spend(v.len())?;
        Ok(Yaml::Text(v.to_string()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Yaml, A::Error> {
        self.spend(0)?;
        let mut items = Vec::new();
        while let Some(v) = seq.next_element_seed(self)? {
            items.push(v);
        }
        Ok(Yaml::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Yaml, A::Error> {
        self.spend(0)?;
        let mut entries = Vec::new();
        while let Some(k) = map.next_key_seed(self)? {
            let v = map.next_value_seed(self)?;
            entries.push((k, v));
        }
        Ok(Yaml::Map(entries))
    }
    // A tagged value (`!tag value`): the value, as before.
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Yaml, A::Error> {
        use de::VariantAccess;
        let (_, variant): (de::IgnoredAny, _) = data.variant()?;
        variant.newtype_variant_seed(self)
    }
}

impl Value {
    fn from_bounded(v: Yaml) -> Value {
        match v {
            Yaml::Null => Value::Null,
            Yaml::Text(s) => Value::Text(s),
            Yaml::Other(s) => Value::Other(s),
            Yaml::List(l) => Value::List(l.into_iter().map(Value::from_bounded).collect()),
            Yaml::Map(_) => Value::Map,
        }
    }
}

fn parse_yaml(text: &str, warnings: &mut Vec<String>) -> Vec<(String, Value)> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    // Without aliases the value is no larger than the text.
    let budget = Cell::new(text.len() * 2 + MAX_YAML_ALIAS_BYTES);
    let parsed = Budget(&budget).deserialize(serde_yaml::Deserializer::from_str(text));
    match parsed {
        Ok(Yaml::Map(map)) => map
            .into_iter()
            .filter_map(|(k, v)| {
                Value::from_bounded(k)
                    .scalar()
                    .map(|k| (k, Value::from_bounded(v)))
            })
            .collect(),
        Ok(Yaml::Null) => Vec::new(),
        Ok(_) => {
            warnings.push("front matter is not a list of `key: value` lines; ignored".into());
            Vec::new()
        }
        Err(e) if e.to_string().contains(OVER_BUDGET) => {
            warnings.push(format!(
                "front matter: YAML aliases expand past MAX_YAML_ALIAS_BYTES ({} MiB); ignored",
                MAX_YAML_ALIAS_BYTES >> 20
            ));
            Vec::new()
        }
        Err(e) => {
            // The block starts on the file's second line, after the opening `---`.
            let line = e
                .location()
                .map_or(String::new(), |l| format!(" at line {}", l.line() + 1));
            let why = first_clause(&e.to_string());
            warnings.push(format!(
                "front matter is not valid YAML{line} ({why}); ignored"
            ));
            Vec::new()
        }
    }
}

fn parse_toml(text: &str, warnings: &mut Vec<String>) -> Vec<(String, Value)> {
    match text.parse::<toml::Table>() {
        Ok(table) => table
            .into_iter()
            .map(|(k, v)| (k, Value::from_toml(v)))
            .collect(),
        Err(e) => {
            let line = e
                .span()
                .map(|s| {
                    format!(
                        " at line {}",
                        text[..s.start.min(text.len())].matches('\n').count() + 2
                    )
                })
                .unwrap_or_default();
            let why = first_clause(e.message());
            warnings.push(format!(
                "front matter is not valid TOML{line} ({why}); ignored"
            ));
            Vec::new()
        }
    }
}

/// The gist of a parser's message: its first line, without a trailing location.
fn first_clause(msg: &str) -> String {
    let line = msg.lines().next().unwrap_or("").trim();
    let line = line.split(" at line ").next().unwrap_or(line);
    line.trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_keeps_later_rules() {
        let (b, body) = split("---\ntitle: A\n---\n# H\n\n---\n");
        assert_eq!(
            b,
            Some(Block {
                format: Format::Yaml,
                text: "title: A\n"
            })
        );
        assert_eq!(body, "# H\n\n---\n");
    }

    #[test]
    fn a_title_in_a_markdown_comment_is_the_title() {
        let (b, body) = split("[//]: # (title: Comparison to Java)\n\n## Some Java issues\n");
        let b = b.unwrap();
        assert_eq!(parse(&b).0.title.as_deref(), Some("Comparison to Java"));
        assert_eq!(body, "\n## Some Java issues\n");
        // Other comments, and values YAML would misread, are body text.
        assert_eq!(split("[//]: # (a note)\nx").0, None);
        assert_eq!(split("[//]: # (title: A: B)\nx").0, None);
        assert_eq!(split("text [//]: # (title: A)\nx").0, None);
    }

    #[test]
    fn unclosed_fence_is_not_front_matter() {
        let (b, body) = split("---\n# H\n");
        assert!(b.is_none());
        assert_eq!(body, "---\n# H\n");
    }

    #[test]
    fn a_leading_thematic_break_is_not_front_matter() {
        let src = "---\n\n# Title\n\nSome text.\n\n---\n\nMore.\n";
        let (b, body) = split(src);
        assert!(b.is_none());
        assert_eq!(body, src);
        // Comments and an empty block are still front matter.
        assert!(split("---\n# just a comment\n---\nbody").0.is_some());
        assert!(split("---\n---\nbody").0.is_some());
    }

    #[test]
    fn no_trailing_newline_after_the_closing_fence() {
        let (b, body) = split("---\ntitle: A vs B\n---");
        assert_eq!(b.unwrap().text, "title: A vs B\n");
        assert_eq!(body, "");
        let (b, body) = split("+++\ntitle = \"A\"\n[extra]\nx = 1\n+++\n# H");
        assert_eq!(parse(&b.unwrap()).0.title.as_deref(), Some("A"));
        assert_eq!(body, "# H");
    }

    #[test]
    fn splits_toml() {
        let (b, body) = split("+++\ntitle = \"A vs B\"\n+++\nbody");
        let b = b.unwrap();
        assert_eq!(b.format, Format::Toml);
        assert_eq!(body, "body");
        assert_eq!(parse(&b).0.title.as_deref(), Some("A vs B"));
    }

    #[test]
    fn recognises_keys_and_keeps_extra_in_order() {
        let (b, _) = split(
            "---\nmeta_title: T\nauthor: Ann\ndescription: D\ndate: 2024-01-02\ntags: a, b ,c\nlist: [1]\n---\n",
        );
        let (m, w) = parse(&b.unwrap());
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(m.description.as_deref(), Some("D"));
        assert_eq!(m.keywords, ["a", "b", "c"]);
        assert_eq!(
            m.extra.0,
            [
                ("author".into(), "Ann".into()),
                ("date".into(), "2024-01-02".into())
            ]
        );
    }

    #[test]
    fn broken_yaml_names_the_line() {
        let (b, _) = split("---\ntitle: ok\nkeywords: [a, b\n---\n");
        let (m, w) = parse(&b.unwrap());
        assert_eq!(m.title, None);
        assert_eq!(w.len(), 1);
        assert!(
            w[0].starts_with("front matter is not valid YAML at line "),
            "{w:?}"
        );
    }

    #[test]
    fn wrong_types_warn() {
        let (b, _) = split("---\ntitle: 42\nkeywords: {a: 1}\n---\n");
        let (m, w) = parse(&b.unwrap());
        assert_eq!(m.title.as_deref(), Some("42"));
        assert!(m.keywords.is_empty());
        assert_eq!(w.len(), 2, "{w:?}");
    }
}
