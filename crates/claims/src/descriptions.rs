//! Pronouns and descriptions that stand for an organization or a model,
//! found in a sentence by hand instead of by regex.
//!
//! Each finder gives exactly the matches, in order and without overlaps,
//! of the regex written in its doc comment (the tests hold them to it on
//! every sentence of the fixtures and on generated sentences). A regex
//! would do, but these two start at the commonest words of English
//! ("the", "it", "its"), and running them was about a seventh of the
//! attribution stage's instructions on the seed articles; here a sentence
//! is looked at only where the rarer word that ends every match
//! ("model", "company", "startup"…) occurs, and for "it" only where there
//! is a `t`. [`Literals`] finds those words, and the words the two other
//! subject patterns need, once per sentence.
//!
//! | finder | sentence | found |
//! | --- | --- | --- |
//! | [`pronouns`] | "It said its costs rose." | "It", "its" |
//! | [`pronouns`] | "The Hangzhou-based AI startup said…" | "The Hangzhou-based AI startup" |
//! | [`pronouns`] | "the cloud-based firm", "(the company)" | "the cloud-based firm", "the company" |
//! | [`pronouns`] | "item", "The firms", "the new company" | nothing |
//! | [`model_descriptions`] | "its R1 reasoning model" | "its R1 reasoning model" |
//! | [`model_descriptions`] | "The company said its model" | "The company said its model" (three words between at most) |
//! | [`model_descriptions`] | "their models", "its very big new shiny model", "this, the model" | nothing, nothing (four words between), "the model" |
//!
//! Words and spaces are the regex crate's: `\w` and `\s` in their Unicode
//! sense, `\b` in the ASCII sense (`(?-u:\b)`).

use std::sync::LazyLock;

/// ASCII word character: what `(?-u:\b)` looks at.
#[inline]
fn ascii_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// `(?-u:\b)` before position `i` of a match that starts with a word character.
#[inline]
pub(crate) fn word_starts(b: &[u8], i: usize) -> bool {
    i == 0 || !ascii_word(b[i - 1])
}

/// `(?-u:\b)` after position `i` of a match that ends with a word character.
#[inline]
fn word_ends(b: &[u8], i: usize) -> bool {
    b.get(i).is_none_or(|&c| !ascii_word(c))
}

/// Unicode `\w`, as the regex crate has it.
#[inline]
fn unicode_word(c: char) -> bool {
    if c.is_ascii() { ascii_word(c as u8) } else { regex_syntax::is_word_character(c) }
}

/// The character that starts at `i` (ASCII read as it is, the rest decoded).
#[inline]
fn char_at(s: &str, i: usize) -> char {
    let c = s.as_bytes()[i];
    if c.is_ascii() { char::from(c) } else { s[i..].chars().next().expect("i on a boundary inside s") }
}

/// The character that ends at `i`, and where it starts.
#[inline]
fn char_before(s: &str, i: usize) -> (usize, char) {
    let c = s.as_bytes()[i - 1];
    if c.is_ascii() {
        (i - 1, char::from(c))
    } else {
        let c = s[..i].chars().next_back().expect("i > 0");
        (i - c.len_utf8(), c)
    }
}

/// End of the run of characters from `i` that `keep` accepts.
fn run_end(s: &str, mut i: usize, keep: impl Fn(char) -> bool) -> usize {
    while i < s.len() {
        let c = char_at(s, i);
        if !keep(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// Start of the run of characters that `keep` accepts that ends at `i`.
fn run_start(s: &str, mut i: usize, keep: impl Fn(char) -> bool) -> usize {
    while i > 0 {
        let (k, c) = char_before(s, i);
        if !keep(c) {
            break;
        }
        i = k;
    }
    i
}

/// End of the run of `\s` (Unicode white space) from `i`.
fn spaces_end(s: &str, i: usize) -> usize {
    run_end(s, i, char::is_whitespace)
}

/// Start of the run of `\s` that ends at `i`.
fn spaces_start(s: &str, i: usize) -> usize {
    run_start(s, i, char::is_whitespace)
}

/// Start of the run of characters other than white space that ends at `i`.
fn token_start(s: &str, i: usize) -> usize {
    run_start(s, i, |c| !c.is_whitespace())
}

/// The literals of a sentence that the subject patterns turn on, read
/// from its words as the walk over them for cue words passes them
/// ([`crate::cues::Words::new`] hands each word to [`Literals::see`]):
/// whether the generic descriptions can match, and where the words that
/// end the descriptions of this module occur. Two Aho-Corasick searches
/// of every sentence with figures found them before, for about 1,200
/// instructions a sentence.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Literals {
    /// "US", "U.S.", "American" or "Western" occurs, followed by what
    /// may continue a generic description ([`us_noun_may_follow`]).
    pub generic_us: bool,
    /// "LLMs" occurs, or a "models" that may end a generic description
    /// ([`models_may_end_at`]).
    pub generic_models: bool,
    /// Every "model" that can end a model description.
    model: Vec<usize>,
    /// Every noun that can end a description of an organization.
    nouns: Vec<usize>,
}

/// The nouns that end the descriptions of [`pronouns`], in the regex's order.
const COMPANY_NOUNS: &[&str] = &["company", "startup", "start-up", "firm", "lab", "developer", "group"];

/// The words the generic descriptions need: "US", "U.S.", "American" or
/// "Western" for [`Literals::generic_us`], "models" or "LLMs" for
/// [`Literals::generic_models`].
const GATE_WORDS: [&str; 6] = ["US", "U.S.", "American", "Western", "models", "LLMs"];

/// The first two bytes of every ending ([`COMPANY_NOUNS`], "model") and
/// gate word ([`GATE_WORDS`]): for each first byte (its code & 31), a bit
/// for each second byte (its code & 31). Most words of a sentence are
/// turned away by this one look-up.
const LEADS: [u32; 32] = {
    let mut leads = [0u32; 32];
    let mut k = 0;
    while k < COMPANY_NOUNS.len() + 1 + GATE_WORDS.len() {
        let w = if k < COMPANY_NOUNS.len() {
            COMPANY_NOUNS[k].as_bytes()
        } else if k == COMPANY_NOUNS.len() {
            b"model"
        } else {
            GATE_WORDS[k - COMPANY_NOUNS.len() - 1].as_bytes()
        };
        leads[(w[0] & 31) as usize] |= 1 << (w[1] & 31);
        k += 1;
    }
    leads
};

impl Literals {
    /// The literals of sentence `s`, from the walk over its words.
    #[cfg(test)]
    pub(crate) fn of(s: &str) -> Literals {
        let mut out = Literals { generic_us: true, generic_models: true, model: vec![7], nouns: vec![7] };
        let span = claimex_segment::Span::new(0, s.len());
        crate::cues::Words::new(s, span, Vec::new(), &mut out);
        out
    }

    /// The most positions one of its vectors has room for.
    pub(crate) fn capacity(&self) -> usize {
        self.model.capacity().max(self.nouns.capacity())
    }

    /// Starts the literals of a new sentence, in the vectors these hold (a
    /// document's sentences reuse one `Literals`).
    pub(crate) fn clear(&mut self) {
        self.generic_us = false;
        self.generic_models = false;
        self.model.clear();
        self.nouns.clear();
    }

    /// Looks at the word of sentence `s` that begins at `p` (an ASCII
    /// letter after a byte that is none), the words in order. Every
    /// occurrence of an ending that counts follows white space, so it
    /// begins such a word; so does every gate word where its regex can
    /// match, but for a capitalized one after a hyphen ("non-US rivals"),
    /// which [`Literals::finish`] looks at. A gate word found where its
    /// regex cannot match ("_US rivals") only lets the regex run.
    #[inline]
    pub(crate) fn see(&mut self, s: &str, p: usize) {
        let b = s.as_bytes();
        let Some(&second) = b.get(p + 1) else { return };
        if LEADS[usize::from(b[p] & 31)] & 1 << (second & 31) != 0 {
            self.look(s, p);
        }
    }

    /// [`Literals::see`] past the look-up of the word's first two bytes:
    /// the word is compared with the one ending or the gate words its
    /// first byte may begin (the tests hold this to a search for
    /// [`COMPANY_NOUNS`] and "model").
    fn look(&mut self, s: &str, p: usize) {
        let b = s.as_bytes();
        let rest = &b[p..];
        let (len, noun) = match b[p] {
            b'c' if rest.starts_with(b"company") => (7, true),
            b's' if rest.starts_with(b"startup") => (7, true),
            b's' if rest.starts_with(b"start-up") => (8, true),
            b'f' if rest.starts_with(b"firm") => (4, true),
            b'l' if rest.starts_with(b"lab") => (3, true),
            b'd' if rest.starts_with(b"developer") => (9, true),
            b'g' if rest.starts_with(b"group") => (5, true),
            b'm' if rest.starts_with(b"model") => (5, false),
            b'U' | b'A' | b'W' | b'L' => return self.gate_at(s, p),
            _ => return,
        };
        // an ending after white space, then no ASCII letter, digit or '_' ("model-based" ends at "model")
        let spaced = p > 0 && (b[p - 1] == b' ' || s[..p].ends_with(char::is_whitespace));
        if spaced && word_ends(b, p + len) {
            if noun { self.nouns.push(p) } else { self.model.push(p) }
        }
        if !noun && rest.starts_with(b"models") {
            self.generic_models |= models_may_end_at(s, p);
        }
    }

    /// A capitalized gate word at `q`: "US", "U.S.", "American" and
    /// "Western" set [`Literals::generic_us`] when what may continue a
    /// generic description follows, "LLMs" [`Literals::generic_models`].
    fn gate_at(&mut self, s: &str, q: usize) {
        let b = &s.as_bytes()[q..];
        // the words of `GATE_WORDS`, compared as constants
        let len = match b.first() {
            Some(b'U') if b.starts_with(b"US") => 2,
            Some(b'U') if b.starts_with(b"U.S.") => 4,
            Some(b'A') if b.starts_with(b"American") => 8,
            Some(b'W') if b.starts_with(b"Western") => 7,
            Some(b'L') if b.starts_with(b"LLMs") => {
                self.generic_models = true;
                return;
            }
            _ => return,
        };
        self.generic_us |= us_noun_may_follow(s, q + len);
    }

    /// Ends the walk over the words of sentence `s`: the capitalized gate
    /// words right after a hyphen, inside a word of the walk, where their
    /// regexes' `(?-u:\b)` holds too.
    pub(crate) fn finish(&mut self, s: &str) {
        if self.generic_us && self.generic_models {
            return;
        }
        for h in memchr::memchr_iter(b'-', s.as_bytes()) {
            if matches!(s.as_bytes().get(h + 1), Some(b'U' | b'A' | b'W' | b'L')) {
                self.gate_at(s, h + 1);
            }
        }
    }
}

/// True when what follows a gate word of the generic U.S. description
/// ("US", "U.S.", "American", "Western", ending at `e`) may continue it:
/// white space, then the first letter of "AI", "tech", "technology" or
/// one of its nouns (giants, rivals, firms, companies, developers, labs,
/// competitors, counterparts, models). Its regex (`GENERIC_US_RE`)
/// cannot match at a gate word that fails this.
fn us_noun_may_follow(s: &str, e: usize) -> bool {
    let n = spaces_end(s, e);
    n > e && matches!(s.as_bytes().get(n), Some(b'A' | b't' | b'g' | b'r' | b'f' | b'c' | b'd' | b'l' | b'm'))
}

/// The words that end what comes before "models" in the generic
/// description of models (`GENERIC_MODELS_RE`): "large-language",
/// "large language", "language", "AI", "frontier", "foundation".
const BEFORE_MODELS: [&str; 4] = ["language", "AI", "frontier", "foundation"];

/// True when the "models" at `p` follows white space after one of
/// [`BEFORE_MODELS`]: the regex cannot match at a "models" that fails this.
fn models_may_end_at(s: &str, p: usize) -> bool {
    let w = spaces_start(s, p);
    w < p && BEFORE_MODELS.iter().any(|x| s[..w].ends_with(x))
}

/// Up to `n` tokens (runs without white space, each preceded by white
/// space) before position `p`, nearest first: their (start, end).
fn tokens_before(s: &str, mut p: usize, n: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    std::iter::from_fn(move || {
        let end = spaces_start(s, p);
        if end == p || end == 0 {
            return None;
        }
        let start = token_start(s, end);
        p = start;
        Some((start, end))
    })
    .take(n)
}

/// The position of a determiner that ends a token (`start..end`) and
/// starts at a word boundary: "the" in "(the" or "the", not in "bathe".
fn determiner_in(s: &str, (start, end): (usize, usize), words: &[&str]) -> Option<usize> {
    let b = s.as_bytes();
    // most tokens end in none of the determiners' last letters
    let last = b[end - 1];
    if !words.iter().any(|w| w.as_bytes().last() == Some(&last)) {
        return None;
    }
    words.iter().find_map(|w| {
        let at = end.checked_sub(w.len()).filter(|&at| at >= start)?;
        (s.is_char_boundary(at) && &s[at..end] == *w && word_starts(b, at)).then_some(at)
    })
}

/// Runs candidate starts through `at` in order, leftmost first and
/// without overlaps, as a regex iterates its matches (`starts` is sorted
/// and deduplicated in place).
pub(crate) fn in_order(
    starts: &mut Vec<usize>,
    mut at: impl FnMut(usize) -> Option<usize>,
    out: &mut Vec<(usize, usize)>,
) {
    starts.sort_unstable();
    starts.dedup();
    let mut pos = 0;
    for &p in starts.iter() {
        if p < pos {
            continue;
        }
        if let Some(e) = at(p) {
            out.push((p, e));
            pos = e;
        }
    }
}

/// The determiners of [`model_descriptions`].
const MODEL_DETERMINERS: &[&str] = &["The", "the", "Its", "its", "Their", "their", "This", "this"];

/// Descriptions of a model: what
/// `(?-u:\b)(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his)\s+(?:[\w'’-]+\s+){0,3}?model(?-u:\b)`
/// finds in `s`, into `out` (cleared first; `starts` is room to work in).
pub(crate) fn model_descriptions(s: &str, literals: &Literals, starts: &mut Vec<usize>, out: &mut Vec<(usize, usize)>) {
    out.clear();
    starts.clear();
    // every match ends at a "model" with at most four tokens before it back to its determiner
    for &m in &literals.model {
        starts.extend(tokens_before(s, m, 4).filter_map(|t| determiner_in(s, t, MODEL_DETERMINERS)));
    }
    if !starts.is_empty() {
        in_order(starts, |p| model_description_at(s, p), out);
    }
}

/// The end of a model description starting at `p`, if one does: the
/// determiner, spaces, then "model" after the fewest words (three at most).
fn model_description_at(s: &str, p: usize) -> Option<usize> {
    if !word_starts(s.as_bytes(), p) {
        return None;
    }
    // "the" and "their" both start "their": the regex tries each in turn
    MODEL_DETERMINERS.iter().filter(|d| s[p..].starts_with(**d)).find_map(|d| model_after(s, p + d.len()))
}

/// The rest of a model description after its determiner (ending at `d`).
fn model_after(s: &str, d: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut q = spaces_end(s, d);
    if q == d {
        return None;
    }
    for k in 0..=3 {
        if s[q..].starts_with("model") && word_ends(b, q + 5) {
            return Some(q + 5);
        }
        if k == 3 {
            break;
        }
        let e = run_end(s, q, |c| unicode_word(c) || matches!(c, '\'' | '’' | '-'));
        let next = spaces_end(s, e);
        if e == q || next == e {
            return None;
        }
        q = next;
    }
    None
}

/// The searchers for "it" and "It", built once: a search for the pair
/// stops at a fifth as many places as one for its "t" (a call each).
static IT: LazyLock<[memchr::memmem::Finder<'static>; 2]> =
    LazyLock::new(|| [memchr::memmem::Finder::new("it"), memchr::memmem::Finder::new("It")]);

/// "It", "its", and descriptions of an organization ("the company", "the
/// Chinese AI startup", "the Hangzhou-based firm"): what
/// `(?-u:\b)(?:[Ii]ts?|[Tt]he\s+(?:[A-Z][\w-]*\s+|[a-z]+-based\s+|AI\s+)*(?:company|startup|start-up|firm|lab|developer|group))(?-u:\b)`
/// finds in `s`, into `out` (cleared first; `starts` is room to work in).
pub(crate) fn pronouns(s: &str, literals: &Literals, starts: &mut Vec<usize>, out: &mut Vec<(usize, usize)>) {
    let b = s.as_bytes();
    out.clear();
    starts.clear();
    // "it" and "its": where "it" or "It" begins a word
    for finder in &*IT {
        starts.extend(finder.find_iter(b).filter(|&p| word_starts(b, p)));
    }
    // descriptions end at a noun; back from it over the words a description may hold to its "the"
    for &n in &literals.nouns {
        for t in tokens_before(s, n, usize::MAX) {
            if let Some(at) = determiner_in(s, t, &["The", "the"]) {
                starts.push(at);
            }
            if middle_word_end(s, t.0).is_none() {
                break;
            }
        }
    }
    if starts.is_empty() {
        return;
    }
    in_order(
        starts,
        |p| match b[p] {
            b'I' | b'i' => it_at(b, p),
            _ => company_description_at(s, p),
        },
        out,
    );
}

/// "it" or "its" at `p` between word boundaries ("its" first: `s?` is greedy).
fn it_at(b: &[u8], p: usize) -> Option<usize> {
    if !(matches!(b.get(p), Some(b'I' | b'i')) && b.get(p + 1) == Some(&b't') && word_starts(b, p)) {
        return None;
    }
    if b.get(p + 2) == Some(&b's') && word_ends(b, p + 3) {
        return Some(p + 3);
    }
    word_ends(b, p + 2).then_some(p + 2)
}

/// A word a description may hold before its noun, with the spaces after
/// it ("Hangzhou-based ", "Chinese ", "AI ", "cloud-based "): its end.
fn middle_word_end(s: &str, q: usize) -> Option<usize> {
    let b = s.as_bytes();
    let e = match *b.get(q)? {
        // `[A-Z][\w-]*` ("AI" too)
        b'A'..=b'Z' => run_end(s, q + 1, |c| unicode_word(c) || c == '-'),
        // `[a-z]+-based`
        b'a'..=b'z' => {
            let letters = q + b[q..].iter().take_while(|c| c.is_ascii_lowercase()).count();
            if !s[letters..].starts_with("-based") {
                return None;
            }
            letters + "-based".len()
        }
        _ => return None,
    };
    let next = spaces_end(s, e);
    (next > e).then_some(next)
}

/// The end of a description of an organization starting at `p`: "the",
/// spaces, as many words as a description may hold (as many as possible,
/// then one fewer at a time), then one of the nouns.
fn company_description_at(s: &str, p: usize) -> Option<usize> {
    let b = s.as_bytes();
    if !(s[p..].starts_with("The") || s[p..].starts_with("the")) || !word_starts(b, p) {
        return None;
    }
    let q = spaces_end(s, p + 3);
    if q == p + 3 {
        return None;
    }
    let mut after = vec![q];
    while let Some(next) = middle_word_end(s, *after.last().expect("not empty")) {
        after.push(next);
    }
    after.iter().rev().find_map(|&q| {
        COMPANY_NOUNS.iter().filter(|n| s[q..].starts_with(**n)).map(|n| q + n.len()).find(|&e| word_ends(b, e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, MatchKind};
    use regex::Regex;

    /// The regexes the finders replace.
    fn pronoun_re() -> Regex {
        Regex::new(
            r"(?-u:\b)(?:[Ii]ts?|[Tt]he\s+(?:[A-Z][\w-]*\s+|[a-z]+-based\s+|AI\s+)*(?:company|startup|start-up|firm|lab|developer|group))(?-u:\b)",
        )
        .unwrap()
    }
    fn model_desc_re() -> Regex {
        Regex::new(r"(?-u:\b)(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his)\s+(?:[\w'’-]+\s+){0,3}?model(?-u:\b)").unwrap()
    }

    /// The endings as one Aho-Corasick search of the sentence found them
    /// before the walk over its words did: every occurrence after white
    /// space and before no ASCII word character.
    static ENDINGS: LazyLock<AhoCorasick> = LazyLock::new(|| {
        let mut all: Vec<&str> = COMPANY_NOUNS.to_vec();
        all.push("model");
        AhoCorasick::builder().match_kind(MatchKind::LeftmostFirst).build(all).expect("endings")
    });

    /// The positions of the nouns and of the "model"s that end
    /// descriptions in `s`, by [`ENDINGS`].
    fn endings_by_search(s: &str) -> (Vec<usize>, Vec<usize>) {
        let (mut nouns, mut model) = (Vec::new(), Vec::new());
        for m in ENDINGS.find_iter(s) {
            let p = m.start();
            if p > 0 && s[..p].ends_with(char::is_whitespace) && word_ends(s.as_bytes(), m.end()) {
                if m.pattern().as_usize() < COMPANY_NOUNS.len() { nouns.push(p) } else { model.push(p) }
            }
        }
        (nouns, model)
    }

    /// Checks both finders on `s`, and the endings the walk over its
    /// words finds against the search for them; the number of matches of
    /// each finder.
    fn check(s: &str, pronoun: &Regex, model: &Regex) -> [usize; 2] {
        let want: Vec<(usize, usize)> = pronoun.find_iter(s).map(|m| (m.start(), m.end())).collect();
        let literals = Literals::of(s);
        assert_eq!((literals.nouns.clone(), literals.model.clone()), endings_by_search(s), "endings in {s:?}");
        assert_eq!(found_by(pronouns, s, &literals), want, "pronouns in {s:?}");
        let want_model: Vec<(usize, usize)> = model.find_iter(s).map(|m| (m.start(), m.end())).collect();
        assert_eq!(found_by(model_descriptions, s, &literals), want_model, "model descriptions in {s:?}");
        [want.len(), want_model.len()]
    }

    /// What a finder finds in `s`, given buffers that held another
    /// sentence's finds (they must be cleared).
    fn found_by(f: Finder, s: &str, literals: &Literals) -> Vec<(usize, usize)> {
        let (mut starts, mut out) = (vec![usize::MAX], vec![(0, 1)]);
        f(s, literals, &mut starts, &mut out);
        out
    }

    type Finder = fn(&str, &Literals, &mut Vec<usize>, &mut Vec<(usize, usize)>);

    #[test]
    fn examples() {
        let found = |f: Finder, s: &str| -> Vec<String> {
            found_by(f, s, &Literals::of(s)).into_iter().map(|(a, b)| s[a..b].to_string()).collect()
        };
        assert_eq!(found(pronouns, "It said its costs rose."), ["It", "its"]);
        assert_eq!(found(pronouns, "The Hangzhou-based AI startup said"), ["The Hangzhou-based AI startup"]);
        assert_eq!(found(pronouns, "the cloud-based firm (the company)"), ["the cloud-based firm", "the company"]);
        assert!(found(pronouns, "item, The firms, the new company, bathe company").is_empty());
        assert_eq!(found(pronouns, "the firm-based idea"), ["the firm"]);
        assert_eq!(found(model_descriptions, "its R1 reasoning model"), ["its R1 reasoning model"]);
        assert_eq!(found(model_descriptions, "The company said its model"), ["The company said its model"]);
        assert!(found(model_descriptions, "their models, its very big new shiny model").is_empty());
        assert_eq!(found(model_descriptions, "this, the model"), ["the model"]);
    }

    /// Every sentence of every fixture article and peer-suite text, and
    /// each whole text too.
    #[test]
    fn same_as_the_regexes_on_the_fixtures() {
        let (pronoun, model) = (pronoun_re(), model_desc_re());
        let texts: Vec<String> = crate::fixture_files("").into_iter().map(|(_, t)| t).collect();
        assert!(texts.len() > 20, "fixtures not found");
        let mut found = [0, 0];
        for t in &texts {
            check(t, &pronoun, &model);
            for span in claimex_segment::split(t) {
                let n = check(&t[span.start..span.end], &pronoun, &model);
                found = [found[0] + n[0], found[1] + n[1]];
            }
        }
        assert!(found[0] > 100 && found[1] > 20, "too few matches to compare: {found:?}");
    }

    /// The walk over the words finds every occurrence that counts: the
    /// endings are ASCII letters and hyphens (so one after white space
    /// begins a word of the walk) and none is a prefix of another (so the
    /// search of the tests finds each); the capitalized gate words start
    /// with a letter [`Literals::finish`] looks for after a hyphen.
    #[test]
    fn literal_searches_miss_nothing() {
        let endings: Vec<&str> = COMPANY_NOUNS.iter().copied().chain(["model"]).collect();
        for a in &endings {
            assert!(a.starts_with(|c: char| c.is_ascii_alphabetic()), "{a}");
            assert!(a.bytes().all(|c| c.is_ascii_alphabetic() || c == b'-'), "{a}");
            for b in &endings {
                assert!(a == b || !b.starts_with(a), "{a} is a prefix of {b}");
            }
        }
        for g in GATE_WORDS {
            assert!(g == "models" || matches!(g.as_bytes()[0], b'U' | b'A' | b'W' | b'L'), "{g}");
        }
        // the gates hold whenever their regexes match
        let mut seen = [0, 0];
        for (_, t) in crate::fixture_files("seeds") {
            for span in claimex_segment::split(&t) {
                let s = &t[span.start..span.end];
                let l = Literals::of(s);
                if crate::GENERIC_US_RE.is_match(s) {
                    assert!(l.generic_us, "{s:?}");
                    seen[0] += 1;
                }
                if crate::GENERIC_MODELS_RE.is_match(s) {
                    assert!(l.generic_models, "{s:?}");
                    seen[1] += 1;
                }
            }
        }
        assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
    }

    /// The gates hold whenever their regexes match, on sentences made
    /// of the gate words, the words beside them in the regexes and their
    /// near misses.
    #[test]
    fn the_gates_hold_on_generated_sentences() {
        let pieces = [
            "US",
            "US ",
            "U.S.",
            "U.S. ",
            "U.S",
            "American ",
            "Western ",
            "models",
            "model",
            "LLMs",
            "LLM",
            "AI",
            "AI ",
            "tech ",
            "technology ",
            "giants",
            "giant",
            "rivals",
            "firms",
            "companies",
            "developers",
            "labs",
            "competitors",
            "counterparts",
            "like",
            "such as",
            "large-language ",
            "large",
            "language ",
            "frontier ",
            "foundation ",
            "officials",
            "s",
            "-",
            ".",
            "x",
            " ",
            " ",
            "\n",
            "\u{a0}",
            "\u{2009}",
            "é",
        ];
        let mut seen = [0, 0];
        for s in crate::generated_texts(17, &pieces, 40_000, 1..=10) {
            let l = Literals::of(&s);
            if crate::GENERIC_US_RE.is_match(&s) {
                assert!(l.generic_us, "{s:?}");
                seen[0] += 1;
            }
            if crate::GENERIC_MODELS_RE.is_match(&s) {
                assert!(l.generic_models, "{s:?}");
                seen[1] += 1;
            }
        }
        assert!(seen[0] > 500 && seen[1] > 500, "{seen:?}");
    }

    /// Sentences made of the words and marks the patterns turn on, in
    /// every order a small generator gives.
    #[test]
    fn same_as_the_regexes_on_generated_sentences() {
        const PIECES: &[&str] = &[
            "the",
            "The",
            "its",
            "Its",
            "it",
            "It",
            "their",
            "this",
            "This",
            "model",
            "models",
            "model's",
            "model-based",
            "company",
            "startup",
            "start-up",
            "firm",
            "firms",
            "lab",
            "developer",
            "group",
            "AI",
            "Chinese",
            "Hangzhou-based",
            "cloud-based",
            "based",
            "-based",
            "new",
            "R1",
            "x",
            "_",
            "(",
            ")",
            "’s",
            "'",
            "-",
            ",",
            ".",
            "é",
            "É",
            "ñ",
            "²",
            "\u{301}",
            "\u{a0}",
            "\u{2009}",
            " ",
            "  ",
            "\n",
            "item",
            "bathe",
            "8",
            "t",
            "i",
            "I",
            "s",
        ];
        let (pronoun, model) = (pronoun_re(), model_desc_re());
        let mut rng = fastrand::Rng::with_seed(0x2545_f491_4f6c_dd1d);
        let mut next = |n: usize| rng.usize(..n);
        let mut found = [0, 0];
        for _ in 0..60_000 {
            let len = 1 + next(14);
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(PIECES[next(PIECES.len())]);
                if next(3) > 0 {
                    s.push(' ');
                }
            }
            let n = check(&s, &pronoun, &model);
            found = [found[0] + n[0], found[1] + n[1]];
        }
        assert!(found[0] > 5_000 && found[1] > 1_000, "too few matches to compare: {found:?}");
    }
}
