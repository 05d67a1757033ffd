//! Every match of one large literal-led regex, found without walking the
//! regex over every byte of the text.
//!
//! The entity index ([`crate::entities`]) needs every match of one
//! alternation of organization names, model families, chip names, named
//! facilities and corporate suffixes, in every document. Run as a plain
//! search, the regex's lazy DFA walks every byte (~1.7 ns each, whatever
//! the pattern), and no single literal prefilter suits a set this large
//! and mixed. So the places where a match can start are found first, from
//! the pattern's prefix literals (every match begins with one of them):
//! - literals with an ASCII capital or digit among their first two bytes
//!   ("OpenAI", "H100", " Labs", "xAI", "o1"): at each capital and digit
//!   of the text (found a block of bytes at a time), a look at the few literals
//!   that begin there or one byte before, by their first two bytes;
//! - every other literal (lower-case words, which the entity pattern no
//!   longer has: it looks for its cue words beside the names instead):
//!   one Aho-Corasick search, which for a small set is a SIMD packed
//!   searcher with three-byte fingerprints.
//!
//! The regex then runs anchored at each candidate in text order, skipping
//! the candidates inside the previous match: leftmost-first, the matches
//! of the plain search, one for one. When the pattern's literals cannot be
//! listed (a class too large, an empty prefix), the plain search is used.
//! The capitals after white space and the digits after a capital that the
//! walk passes are also handed to the caller, which saves it a walk of
//! its own.
//!
//! This does not know what the matches mean; [`crate::entities`] does.

use aho_corasick::{AhoCorasick, MatchKind};
use claimex_segment::bytes;
use regex_automata::meta::{Cache, Regex};
use regex_automata::{Anchored, Input};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// A regex and the prefilter of its match starts.
pub(crate) struct Leads {
    re: Regex,
    /// `None`: the literals could not be listed; search plainly.
    starts: Option<Starts>,
}

/// Where matches can start, from the pattern's prefix literals.
struct Starts {
    /// The literals with a capital or a digit among their first two
    /// bytes (the *anchor*), of two bytes or more, sorted.
    anchored: Vec<Vec<u8>>,
    /// For each first byte, 1 + its row of `ranges`, or 0.
    rows: [u8; 256],
    /// For each row and second byte, the range of `anchored` holding the
    /// literals that begin with those two bytes.
    ranges: Vec<[(u16, u16); 256]>,
    /// Capitals and digits that are a whole literal on their own.
    single: [bool; 256],
    /// A bit for each pair of bytes (first × 256 + second) that begins a
    /// literal of `anchored`: one test turns away most anchors.
    pairs: Vec<u64>,
    /// Every other literal: lower-case words, mostly.
    others: Option<AhoCorasick>,
}

impl Leads {
    /// Compiles `pattern`; panics on an invalid pattern (ours are fixed).
    pub(crate) fn new(pattern: &str) -> Leads {
        let re = Regex::new(pattern).expect("entity regex");
        Leads { re, starts: Starts::of(pattern) }
    }

    /// True when the match starts are found from literals (false: the
    /// plain search runs).
    #[cfg(test)]
    pub(crate) fn prefiltered(&self) -> bool {
        self.starts.is_some()
    }

    /// A cache for [`Leads::find_all`] with this regex. Keep one per
    /// thread (the regex's own pool would be asked at every candidate, and
    /// on every thread but the first that takes a lock).
    pub(crate) fn create_cache(&self) -> Cache {
        self.re.create_cache()
    }

    /// Every match of the regex in `text`, as the plain leftmost-first
    /// search gives them: `(start, end)`, in order, not overlapping,
    /// appended to `out`. `cache` must come from this regex's
    /// [`Leads::create_cache`]; `candidates` is room to work in (cleared first).
    ///
    /// `visit` is called, in order, with every ASCII capital of the text
    /// that follows ASCII white space and every ASCII digit that follows an
    /// ASCII capital ([`is_visited`]): the walk over the capitals and
    /// digits passes them anyway, and the entity index looks at them for
    /// what its pattern cannot say (the words around a name, the codes a
    /// capital and a digit begin), without a walk of its own. The other
    /// anchors (most digits, capitals inside words) are not handed on: a
    /// call for each cost more than the look at the byte before.
    pub(crate) fn find_all(
        &self,
        cache: &mut Cache,
        candidates: &mut Vec<usize>,
        text: &str,
        out: &mut Vec<(usize, usize)>,
        mut visit: impl FnMut(usize),
    ) {
        let b = text.as_bytes();
        let Some(starts) = &self.starts else {
            out.extend(self.re.find_iter(text).map(|m| (m.start(), m.end())));
            for (i, capitals, digits) in bytes::capitals_and_digits(b) {
                bits(capitals | digits).filter(|k| is_visited(b, i + k)).for_each(|k| visit(i + k));
            }
            return;
        };
        let at = |p: usize| {
            let input = Input::new(text).range(p..).anchored(Anchored::Yes);
            self.re.search_with(cache, &input).map(|m| m.end())
        };
        starts.candidates(b, candidates, visit);
        crate::descriptions::in_order(candidates, at, out);
    }

    /// True when every literal of the pattern is anchored: no lower-case
    /// literal calls for a search of its own.
    #[cfg(test)]
    pub(crate) fn all_anchored(&self) -> bool {
        self.starts.as_ref().is_some_and(|s| s.others.is_none())
    }
}

/// The places of the set bits of a 16-bit mask, lowest first.
fn bits(mut mask: u16) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let k = mask.trailing_zeros() as usize;
        mask &= mask.wrapping_sub(1);
        (k < 16).then_some(k)
    })
}

/// True when the anchor at `a` (a capital or a digit) is one [`Leads::find_all`]
/// hands to its caller: a capital after ASCII white space (where a name
/// begins in running text) or a digit after a capital (where a short
/// code's digits begin).
#[inline]
fn is_visited(b: &[u8], a: usize) -> bool {
    if a == 0 {
        return false;
    }
    let (before, c) = (b[a - 1], b[a]);
    (before.is_ascii_whitespace() && c.is_ascii_uppercase()) || (before.is_ascii_uppercase() && c.is_ascii_digit())
}

/// A byte that anchors a literal: found sixteen at a time, rare in prose.
fn is_anchor(c: u8) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit()
}

impl Starts {
    /// The prefilter of `pattern`, or `None` when some match may start
    /// with no literal we can name.
    fn of(pattern: &str) -> Option<Starts> {
        let hir = regex_syntax::parse(pattern).ok()?;
        let mut extractor = Extractor::new();
        extractor.kind(ExtractKind::Prefix).limit_total(2_000);
        let seq = extractor.extract(&hir);
        let literals = seq.literals()?;
        let mut anchored: Vec<Vec<u8>> = Vec::new();
        let mut single = [false; 256];
        let mut others: Vec<&[u8]> = Vec::new();
        for lit in literals {
            match lit.as_bytes() {
                [] => return None,
                &[c] if is_anchor(c) => single[usize::from(c)] = true,
                l @ [c, d, ..] if is_anchor(*c) || is_anchor(*d) => anchored.push(l.to_vec()),
                l => others.push(l),
            }
        }
        anchored.sort_unstable();
        anchored.dedup();
        let mut pairs = vec![0u64; 256 * 256 / 64];
        for l in &anchored {
            let k = usize::from(l[0]) << 8 | usize::from(l[1]);
            pairs[k / 64] |= 1 << (k % 64);
        }
        let mut rows = [0u8; 256];
        let mut ranges: Vec<[(u16, u16); 256]> = Vec::new();
        let mut k = 0;
        while k < anchored.len() {
            let (first, second) = (anchored[k][0], anchored[k][1]);
            let lo = k;
            while k < anchored.len() && anchored[k][..2] == [first, second] {
                k += 1;
            }
            if rows[usize::from(first)] == 0 {
                ranges.push([(0, 0); 256]);
                rows[usize::from(first)] = u8::try_from(ranges.len()).ok()?;
            }
            let row = usize::from(rows[usize::from(first)]) - 1;
            ranges[row][usize::from(second)] = (u16::try_from(lo).ok()?, u16::try_from(k).ok()?);
        }
        let others = if others.is_empty() {
            None
        } else {
            Some(AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(&others).ok()?)
        };
        Some(Starts { anchored, rows, ranges, single, pairs, others })
    }

    /// True when an anchored literal begins at `s` of `b`.
    #[inline]
    fn anchored_at(&self, b: &[u8], s: usize) -> bool {
        let (Some(&first), Some(&second)) = (b.get(s), b.get(s + 1)) else { return false };
        let pair = usize::from(first) << 8 | usize::from(second);
        if self.pairs[pair / 64] & (1 << (pair % 64)) == 0 {
            return false;
        }
        let row = self.rows[usize::from(first)];
        if row == 0 {
            return false;
        }
        let (lo, hi) = self.ranges[usize::from(row) - 1][usize::from(second)];
        // the first two bytes are equal already; the rest of a literal is a
        // few bytes, compared in line (a call to memcmp costs more)
        let rest = &b[s + 2..];
        self.anchored[usize::from(lo)..usize::from(hi)]
            .iter()
            .any(|l| l.len() - 2 <= rest.len() && l[2..].iter().zip(rest).all(|(x, y)| x == y))
    }

    /// Every position of `b` where one of the literals begins (unsorted;
    /// a position may come twice), into `out` (cleared first); the
    /// anchors [`is_visited`] takes to `visit`, in order.
    fn candidates(&self, b: &[u8], out: &mut Vec<usize>, mut visit: impl FnMut(usize)) {
        out.clear();
        // a literal anchored by its first byte begins at the anchor, one anchored by its second just before
        let mut at_anchor = |a: usize| {
            if self.single[usize::from(b[a])] || self.anchored_at(b, a) {
                out.push(a);
            }
            // an anchor just before was looked at as a start already
            if a > 0 && !is_anchor(b[a - 1]) && self.anchored_at(b, a - 1) {
                out.push(a - 1);
            }
            if is_visited(b, a) {
                visit(a);
            }
        };
        for (i, capitals, digits) in bytes::capitals_and_digits(b) {
            let mut mask = capitals | digits;
            while mask != 0 {
                at_anchor(i + mask.trailing_zeros() as usize);
                mask &= mask - 1;
            }
        }
        if let Some(ac) = &self.others {
            // leftmost from each start + 1: every position where a literal begins
            let mut from = 0;
            while let Some(m) = ac.find(aho_corasick::Input::new(b).range(from..)) {
                out.push(m.start());
                from = m.start() + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(pattern: &str, text: &str) -> Vec<(usize, usize)> {
        regex::Regex::new(pattern).unwrap().find_iter(text).map(|m| (m.start(), m.end())).collect()
    }

    fn leads(l: &Leads, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        // room that held another text's starts
        let mut anchors = Vec::new();
        l.find_all(&mut l.create_cache(), &mut vec![0, 3, 1], text, &mut out, |a| anchors.push(a));
        let b = text.as_bytes();
        let visited = |a: usize| {
            a > 0
                && ((b[a - 1].is_ascii_whitespace() && b[a].is_ascii_uppercase())
                    || (b[a - 1].is_ascii_uppercase() && b[a].is_ascii_digit()))
        };
        let want: Vec<usize> = (0..text.len()).filter(|&a| visited(a)).collect();
        assert_eq!(anchors, want, "the anchors of {text:?}");
        out
    }

    #[test]
    fn the_matches_of_the_plain_search() {
        let pattern = r"(?-u:\b)(?:GPT-?\d|Google(?: DeepMind)?|H100s?|startup|o[13]|A|01\.AI)(?-u:\b)| Labs|cluster";
        let l = Leads::new(pattern);
        assert!(l.prefiltered());
        for text in [
            "Google DeepMind and Google's H100s; a startup's GPT-4 and GPT4, o1 and o3.",
            "the supercluster, A and B, Halcyon Labs and LabsX, 01.AI, startups, xGoogle",
            "H100H100 Google-DeepMind GPT- o13 A",
            "",
            "G",
            "Google",
        ] {
            assert_eq!(leads(&l, text), plain(pattern, text), "{text:?}");
        }
    }

    /// The look from the anchors finds every match of the entity pattern:
    /// on generated texts of its names, their pieces and glued neighbours,
    /// the matches are the plain search's.
    #[test]
    fn the_matches_of_the_plain_search_on_generated_text() {
        let pattern = crate::entities::all_pattern();
        let l = Leads::new(&pattern);
        assert!(l.prefiltered());
        let pieces = [
            "Nvidia",
            "NVIDIA",
            "Google DeepMind",
            "H100s",
            "H100",
            "GPT-4",
            "B200",
            "Blackwell",
            "OpenAI",
            "xAI",
            "Colossus",
            "cluster",
            "data center",
            "Inc.",
            " Labs",
            "Corp",
            "startup",
            "A",
            "I",
            "1",
            "42",
            "R1",
            "DeepSeek-V3",
            "Meta",
            "AMD",
            "MI300X",
            "TPU",
            "TPUs",
            "the",
            "and",
            " ",
            " ",
            "-",
            "'s",
            "’s",
            ".",
            ",",
            "é",
            "\n",
            "x",
            "Q",
            "9",
            "Z1",
        ];
        let re = regex::Regex::new(&pattern).unwrap();
        for text in crate::generated_texts(0x5eed_1ead, &pieces, 20_000, 1..=11) {
            let plain: Vec<_> = re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(leads(&l, &text), plain, "{text:?}");
        }
    }

    #[test]
    fn a_literal_that_begins_inside_another_is_still_a_candidate() {
        // "ab" at 1 is no match (no word boundary before it); "bcd" at 2 is
        let pattern = r"(?-u:\b)ab|bcd";
        let l = Leads::new(pattern);
        assert!(l.prefiltered());
        for text in ["xabcd", "ab bcd", "abcd"] {
            assert_eq!(leads(&l, text), plain(pattern, text), "{text:?}");
        }
    }

    #[test]
    fn a_match_that_starts_with_no_literal_falls_back_to_the_plain_search() {
        let pattern = r"\w+ Inc";
        let l = Leads::new(pattern);
        assert!(!l.prefiltered());
        let text = "Acme Inc and Zephyr Inc";
        assert_eq!(leads(&l, text), plain(pattern, text));
    }
}
