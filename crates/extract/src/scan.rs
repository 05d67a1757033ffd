//! The scanner: byte-level helpers over one sentence, and the loop that
//! stops at every place a figure can start and asks the rule families.

use claimex_segment::bytes;

use crate::{Ambiguity, KindSet, Mention, Qualifier, Span, Value, chips, duration, lexicon, money};

/// One sentence of a text, with helpers over byte offsets. Offsets are
/// always into the whole text; nothing outside `start..end` is read except
/// by [`Ctx::doc`] users that look at document context on purpose.
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'t> {
    pub text: &'t str,
    pub b: &'t [u8],
    pub start: usize,
    pub end: usize,
}

/// What a rule found: a mention without its sentence index.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub qualifier: Qualifier,
    pub value: Value,
    pub precision: f64,
    pub ambiguity: Option<Ambiguity>,
}

/// Length of the whitespace character at `i` (ASCII whitespace, no-break
/// space, thin and narrow no-break spaces), or 0.
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => 1,
        Some(0xc2) if b.get(i + 1) == Some(&0xa0) => 2,
        Some(0xe2) if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
            Some(0x80..=0x8a | 0xaf) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

impl<'t> Ctx<'t> {
    pub(crate) fn new(text: &'t str, span: Span) -> Ctx<'t> {
        Ctx { text, b: text.as_bytes(), start: span.start, end: span.end }
    }

    /// The byte at `i` if it lies inside the sentence.
    #[inline]
    pub(crate) fn at(&self, i: usize) -> Option<u8> {
        if i < self.end { Some(self.b[i]) } else { None }
    }

    /// True when `i` starts a token: the sentence start, or the character
    /// before is not alphanumeric.
    pub(crate) fn boundary_before(&self, i: usize) -> bool {
        if i <= self.start {
            return true;
        }
        let prev = self.b[i - 1];
        if prev.is_ascii() {
            return !prev.is_ascii_alphanumeric();
        }
        match self.text[self.start..i].chars().next_back() {
            Some(c) => !is_word_char(c),
            None => true,
        }
    }

    /// True when `i` ends a token: the sentence end, or the character at
    /// `i` is not alphanumeric.
    pub(crate) fn boundary_after(&self, i: usize) -> bool {
        if i >= self.end {
            return true;
        }
        let next = self.b[i];
        if next.is_ascii() {
            return !next.is_ascii_alphanumeric();
        }
        match self.text[i..self.end].chars().next() {
            Some(c) => !is_word_char(c),
            None => true,
        }
    }

    /// Skips whitespace from `i`.
    #[inline]
    pub(crate) fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.end {
            let n = space_len(self.b, i);
            if n == 0 {
                break;
            }
            i += n;
        }
        i.min(self.end)
    }

    /// Skips whitespace backwards from `i` (exclusive end).
    pub(crate) fn skip_ws_back(&self, mut i: usize) -> usize {
        while i > self.start {
            let c = self.b[i - 1];
            if c.is_ascii_whitespace() {
                i -= 1;
            } else if i >= self.start + 2 && self.b[i - 2] == 0xc2 && c == 0xa0 {
                i -= 2;
            } else if i >= self.start + 3
                && self.b[i - 3] == 0xe2
                && self.b[i - 2] == 0x80
                && matches!(c, 0x80..=0x8a | 0xaf)
            {
                i -= 3;
            } else {
                break;
            }
        }
        i
    }

    /// End of the run of ASCII letters starting at `i`, looked at eight
    /// bytes at a time (the scanner asks this of every word).
    #[inline]
    pub(crate) fn letters_end(&self, i: usize) -> usize {
        bytes::letters_end(self.b, i, self.end)
    }

    /// End of the run of ASCII digits starting at `i`.
    #[inline]
    pub(crate) fn digits_end(&self, mut i: usize) -> usize {
        while i < self.end && self.b[i].is_ascii_digit() {
            i += 1;
        }
        i
    }

    /// The word (ASCII letters) that starts at `i`, if any.
    #[inline]
    pub(crate) fn word_at(&self, i: usize) -> Option<Word<'t>> {
        let e = self.letters_end(i);
        (e > i).then(|| Word { start: i, end: e, s: &self.text[i..e] })
    }

    /// The next word after whitespace from `i`; it must end at a token
    /// boundary.
    pub(crate) fn next_word(&self, i: usize) -> Option<Word<'t>> {
        let j = self.skip_ws(i);
        let w = self.word_at(j)?;
        self.boundary_after(w.end).then_some(w)
    }

    /// The word that ends right before `i` (after skipping whitespace
    /// backwards), if any.
    pub(crate) fn prev_word(&self, i: usize) -> Option<Word<'t>> {
        let e = self.skip_ws_back(i);
        let mut s = e;
        while s > self.start && self.b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        (s < e && self.boundary_before(s)).then(|| Word { start: s, end: e, s: &self.text[s..e] })
    }

    /// True when the text at `i` starts with `lit`, compared ignoring ASCII case.
    pub(crate) fn starts_with_ic(&self, i: usize, lit: &str) -> bool {
        let n = lit.len();
        i + n <= self.end && self.b[i..i + n].eq_ignore_ascii_case(lit.as_bytes())
    }

    /// The char at `i`, if inside the sentence.
    pub(crate) fn char_at(&self, i: usize) -> Option<char> {
        if i >= self.end { None } else { self.text[i..self.end].chars().next() }
    }

    /// The char before `i`, if inside the sentence.
    pub(crate) fn char_before(&self, i: usize) -> Option<char> {
        if i <= self.start { None } else { self.text[self.start..i].chars().next_back() }
    }
}

/// `char::is_alphanumeric`, answered at once for the General Punctuation
/// block (curly quotes, dashes, ellipsis: the non-ASCII characters news
/// text is full of, none of them a letter or digit).
#[inline]
fn is_word_char(c: char) -> bool {
    !matches!(u32::from(c), 0x2000..=0x206F) && c.is_alphanumeric()
}

/// A word: ASCII letters between token boundaries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Word<'t> {
    pub start: usize,
    pub end: usize,
    pub s: &'t str,
}

impl Word<'_> {
    /// Compares ignoring ASCII case.
    #[inline]
    pub(crate) fn is(&self, lit: &str) -> bool {
        self.s.eq_ignore_ascii_case(lit)
    }

    /// Compares with any of `lits`, ignoring ASCII case.
    pub(crate) fn is_any(&self, lits: &[&str]) -> bool {
        lits.iter().any(|l| self.is(l))
    }
}

/// Scans one sentence and appends its mentions of `kinds` to `out`.
/// The nearest char boundary at or before byte `i` (windows cut by byte
/// counts end on a character).
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

pub(crate) fn sentence(text: &str, span: Span, index: usize, kinds: KindSet, out: &mut Vec<Mention>) {
    let cx = Ctx::new(text, span);
    let b = cx.b;
    let end = span.end;
    let mut i = span.start;
    let mut last_end = span.start;
    let mut units = UnitsAhead::default();
    while i < end {
        let c = b[i];
        let (candidate, skip_to) = match CLASS[c as usize] {
            OTHER => {
                i += 1;
                continue;
            }
            LETTER => {
                let e = cx.letters_end(i);
                let entry = if token_starts(&cx, i) { lexicon::trigger(&b[i..e]) } else { None };
                (entry.is_some_and(|entry| worth_trying(&cx, entry, e)), e)
            }
            DIGIT => {
                let mut e = i + 1;
                while e < end && b[e].is_ascii_alphanumeric() {
                    e += 1;
                }
                (token_starts(&cx, i), e)
            }
            DOLLAR => (true, i + 1),
            _ => {
                // a non-ASCII character: only a currency sign can start a figure
                let n = utf8_len(c);
                (money::is_symbol_start(&b[i..(i + 4).min(end)]), (i + n).min(end))
            }
        };
        if candidate && let Some(found) = best_at(&cx, i, last_end, &mut units) {
            if kinds.contains(found.value.kind()) {
                out.push(Mention {
                    kind: found.value.kind(),
                    span: Span::new(found.start, found.end),
                    sentence: index,
                    qualifier: found.qualifier,
                    value: found.value,
                    precision: found.precision,
                    ambiguity: found.ambiguity,
                });
            }
            last_end = found.end;
            // mentions end on character boundaries
            i = found.end.max(i + 1);
            continue;
        }
        i = skip_to;
    }
}

const OTHER: u8 = 0;
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const DOLLAR: u8 = 3;
const HIGH: u8 = 4;

/// The class of every byte, for the scanner's dispatch.
static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut k = 0;
    while k < 256 {
        let c = k as u8;
        t[k] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c == b'$' {
            DOLLAR
        } else if c >= 0x80 {
            HIGH
        } else {
            OTHER
        };
        k += 1;
    }
    t
};

/// True when a token starts at `i`: the byte before is not a letter or digit.
#[inline]
fn token_starts(cx: &Ctx<'_>, i: usize) -> bool {
    if i == cx.start {
        return true;
    }
    let p = cx.b[i - 1];
    if p.is_ascii() { !p.is_ascii_alphanumeric() } else { cx.boundary_before(i) }
}

/// Common small words ("a", "an", "some", "all", "few") start a figure
/// only before a word claimex knows ("a dozen", "an hour", "some days",
/// "a dollar") or "of" ("a couple of"): checked before any rule runs.
#[inline]
fn worth_trying(cx: &Ctx<'_>, entry: lexicon::Entry, e: usize) -> bool {
    use lexicon::NumWord::*;
    if !matches!(entry.num, Some(Article | Whole | Several | Couple)) || entry.currency_prefix {
        return true;
    }
    let j = cx.skip_ws(e);
    let j = if j == e && cx.at(e) == Some(b'-') { e + 1 } else { j };
    let ne = cx.letters_end(j);
    let next = &cx.b[j..ne];
    ne > j
        && (next.eq_ignore_ascii_case(b"of")
            || lexicon::entry(next).is_some()
            || duration::FILLERS.iter().any(|f| next.eq_ignore_ascii_case(f.as_bytes())))
}

#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// Tries every rule family at `i` and keeps the longest match that does not
/// reach back before `floor`. Ties go to money, then chips, then durations.
/// The duration rules are skipped when no unit of time lies ahead.
fn best_at(cx: &Ctx<'_>, i: usize, floor: usize, units: &mut UnitsAhead) -> Option<Found> {
    let mut best: Option<Found> = None;
    let duration = if units.ahead(cx, i) { duration::at(cx, i) } else { None };
    let candidates = [money::at(cx, i), chips::at(cx, i), duration];
    for found in candidates.into_iter().flatten() {
        if found.start < floor || found.end <= found.start || found.end > cx.end {
            continue;
        }
        let better = match &best {
            None => true,
            Some(b) => found.end - found.start > b.end - b.start,
        };
        if better {
            best = Some(found);
        }
    }
    best
}

/// Whether a word that may name a unit of time ("hours", "yrs", the "m"
/// of "10m") lies at or after a position of the sentence: every duration
/// ends in one, so without one the duration rules cannot match. Looked up
/// lazily and remembered; the scanner asks at increasing positions, so no
/// byte of a sentence is looked at twice.
#[derive(Default)]
struct UnitsAhead {
    /// Where the last look started, and the first unit word found from
    /// there (`Some(None)`: none to the end of the sentence).
    from: usize,
    found: Option<Option<usize>>,
}

impl UnitsAhead {
    fn ahead(&mut self, cx: &Ctx<'_>, i: usize) -> bool {
        match self.found {
            Some(None) if i >= self.from => return false,
            Some(Some(p)) if p >= i => return true,
            _ => {}
        }
        let found = next_unit(cx, i);
        (self.from, self.found) = (i, Some(found));
        found.is_some()
    }
}

/// The start of the first run of ASCII letters at or after `i` (a run cut
/// at `i` included) that may name a unit of time.
pub(crate) fn next_unit(cx: &Ctx<'_>, mut i: usize) -> Option<usize> {
    while i < cx.end {
        if cx.b[i].is_ascii_alphabetic() {
            let e = cx.letters_end(i);
            if lexicon::may_be_unit(&cx.b[i..e]) {
                return Some(i);
            }
            i = e;
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_punctuation_holds_no_letter_or_digit() {
        for c in (0x2000..=0x206F).filter_map(char::from_u32) {
            assert!(!c.is_alphanumeric(), "{c:?}");
        }
        for c in ['a', 'é', 'ß', '中', '٣', '²', 'µ'] {
            assert!(is_word_char(c), "{c:?}");
        }
    }
}
