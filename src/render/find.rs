//! Case-insensitive search: a query folded once, then matched against many
//! texts without allocating per text (a search reads a whole 10 MB article).
//!
//! A text character matches a query character when its lowercase form is
//! exactly that one character. Only ASCII bytes can match an ASCII query
//! character, and ASCII bytes are always character boundaries in UTF-8, so an
//! all-ASCII folded query is matched byte by byte on any text.

use memchr::{memchr, memchr2};

pub struct Needle {
    /// The query, lowercased.
    folded: Vec<char>,
    /// The folded query's bytes when it is all ASCII.
    ascii: Option<Vec<u8>>,
    /// For the byte search: the offset of the query's rarest byte, looked for first.
    rare: usize,
}

impl Needle {
    /// `None` for an empty query (it matches nothing).
    pub fn new(query: &str) -> Option<Needle> {
        let folded: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
        if folded.is_empty() {
            return None;
        }
        let ascii = folded
            .iter()
            .all(char::is_ascii)
            .then(|| folded.iter().map(|&c| c as u8).collect::<Vec<u8>>());
        let rare = ascii.as_ref().map_or(0, |q| {
            (0..q.len())
                .max_by_key(|&i| (rarity(q[i]), std::cmp::Reverse(i)))
                .unwrap_or(0)
        });
        Some(Needle {
            folded,
            ascii,
            rare,
        })
    }

    /// Byte ranges of the non-overlapping matches in `text`, left to right.
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        self.each(text, |s, e| out.push((s, e)));
        out
    }

    /// How many non-overlapping matches `text` holds.
    pub fn count(&self, text: &str) -> usize {
        let mut n = 0;
        self.each(text, |_, _| n += 1);
        n
    }

    fn each(&self, text: &str, mut hit: impl FnMut(usize, usize)) {
        match &self.ascii {
            Some(q) => each_ascii(text.as_bytes(), q, self.rare, &mut hit),
            // A non-ASCII query character never matches in ASCII text.
            None if text.is_ascii() => {}
            None => self.each_unicode(text, &mut hit),
        }
    }

    fn each_unicode(&self, text: &str, hit: &mut impl FnMut(usize, usize)) {
        let bytes = text.as_bytes();
        let first = self.folded[0];
        let mut i = 0;
        while i < bytes.len() {
            // Jump to the next byte that can start a match.
            let next = if first.is_ascii() {
                let b = first as u8;
                memchr2(b, b.to_ascii_uppercase(), &bytes[i..])
            } else {
                bytes[i..].iter().position(|&b| b >= 0xC0)
            };
            let Some(off) = next else { return };
            let start = i + off;
            match self.match_at(text, start) {
                Some(end) => {
                    hit(start, end);
                    i = end;
                }
                None => i = start + 1,
            }
        }
    }

    /// The end of a match starting at byte `start`, if one does.
    fn match_at(&self, text: &str, start: usize) -> Option<usize> {
        let mut chars = text[start..].char_indices();
        for &qc in &self.folded {
            let (_, c) = chars.next()?;
            let mut lower = c.to_lowercase();
            if lower.next() != Some(qc) || lower.next().is_some() {
                return None;
            }
        }
        Some(chars.next().map_or(text.len(), |(o, _)| start + o))
    }
}

/// Byte ranges of case-insensitive matches of `query` in `text`.
pub fn find_all(text: &str, query: &str) -> Vec<(usize, usize)> {
    Needle::new(query).map_or_else(Vec::new, |n| n.find_all(text))
}

/// The byte search: find the query's rarest byte (either case), then compare around it.
fn each_ascii(text: &[u8], q: &[u8], rare: usize, hit: &mut impl FnMut(usize, usize)) {
    let m = q.len();
    if m > text.len() {
        return;
    }
    let r = q[rare];
    let find = |hay: &[u8]| {
        if r.is_ascii_alphabetic() {
            memchr2(r, r.to_ascii_uppercase(), hay)
        } else {
            memchr(r, hay)
        }
    };
    // Matches do not overlap: the next may start at `from` at the earliest.
    let mut from = 0;
    let mut scan = rare;
    while scan < text.len() {
        let Some(off) = find(&text[scan..]) else {
            return;
        };
        let at = scan + off;
        let start = at - rare;
        if start >= from
            && start + m <= text.len()
            && text[start..start + m].eq_ignore_ascii_case(q)
        {
            hit(start, start + m);
            from = start + m;
            scan = from + rare;
        } else {
            scan = at + 1;
        }
    }
}

/// How rare a byte is in English prose (higher is rarer): letters by
/// frequency, then digits and punctuation, which are rarer than any letter.
fn rarity(b: u8) -> u8 {
    const BY_FREQUENCY: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
    match BY_FREQUENCY.iter().position(|&c| c == b) {
        Some(p) => p as u8,
        None => BY_FREQUENCY.len() as u8 + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, spelled out char by char: what every path must agree with.
    fn reference(text: &str, query: &str) -> Vec<(usize, usize)> {
        let q: Vec<char> = query.chars().flat_map(char::to_lowercase).collect();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = Vec::new();
        let mut i = 0;
        while !q.is_empty() && i + q.len() <= chars.len() {
            let hit = chars[i..i + q.len()]
                .iter()
                .zip(&q)
                .all(|((_, c), qc)| c.to_lowercase().eq(std::iter::once(*qc)));
            if hit {
                let e = chars.get(i + q.len()).map_or(text.len(), |(b, _)| *b);
                out.push((chars[i].0, e));
                i += q.len();
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn every_path_agrees_with_the_definition() {
        let texts = [
            "Flask and flask, FLASKflask fla sk aaa",
            "aaaa aaa",
            "Café CAFÉ café, Ünïcode ünïcode; Straße STRASSE",
            "日本語のテキスト 日本 にほん",
            "",
            "x",
        ];
        let queries = [
            "flask",
            "FLASK",
            "a",
            "aa",
            "aaa",
            "sk a",
            "x",
            "flask, f",
            "café",
            "É",
            "ünï",
            "ß",
            "日本",
            "本語の",
            "e c",
            ",",
            "Straße",
        ];
        for t in texts {
            for q in queries {
                assert_eq!(find_all(t, q), reference(t, q), "{q:?} in {t:?}");
                assert_eq!(
                    Needle::new(q).map_or(0, |n| n.count(t)),
                    reference(t, q).len()
                );
            }
        }
    }

    #[test]
    fn case_insensitive_and_non_overlapping() {
        assert_eq!(find_all("Flask and flask", "FLASK"), vec![(0, 5), (10, 15)]);
        assert_eq!(find_all("aaaa", "aa"), vec![(0, 2), (2, 4)]);
        assert_eq!(find_all("ÉCOLE école", "éc"), vec![(0, 3), (7, 10)]);
        assert!(Needle::new("").is_none());
    }

    #[test]
    fn the_rarest_byte_leads() {
        let n = Needle::new("alpha").unwrap();
        assert_eq!(n.rare, 2, "p is rarer than a, l and h");
        // A rare byte before the start of the text's first possible match is skipped.
        assert_eq!(find_all("p alpha", "alpha"), vec![(2, 7)]);
    }
}
