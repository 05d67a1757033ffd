//! The scanner: byte-level helpers over one sentence, and the loop that
//! stops at every place a figure can start and asks the rule families.

use claimex_segment::bytes;

use crate::{Ambiguity, KindSet, Mention, Qualifier, Span, Value, chips, duration, lexicon, money};

/// One sentence of a text, with helpers over byte offsets. Offsets are
/// always into the whole text. The rules read nothing outside
/// `start..end`; the scanner's loads of sixteen or sixty-four bytes may
/// run past `end` and drop what they find there. Document context (the
/// country of a dollar) is read after the scan, by
/// [`money::resolve_context`].
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

impl Found {
    /// The mention this is, in sentence `sentence`.
    fn into_mention(self, sentence: usize) -> Mention {
        Mention {
            kind: self.value.kind(),
            span: Span::new(self.start, self.end),
            sentence,
            qualifier: self.qualifier,
            value: self.value,
            precision: self.precision,
            ambiguity: self.ambiguity,
        }
    }
}

/// Length of the whitespace character at `i` (ASCII whitespace, no-break
/// space, the spaces from en quad to hair space, narrow no-break space),
/// or of an invisible format character ([`format_len`]), which is read as
/// whitespace wherever whitespace may stand between the parts of a figure
/// ("$5\u{200B} million", "$7&shy;million"); or 0.
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) => 1,
        Some(0xc2) => match b.get(i + 1) {
            Some(0xa0 | 0xad) => 2,
            _ => 0,
        },
        Some(0xe2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8f | 0xaa..=0xaf)) | (Some(0x81), Some(0xa0 | 0xa6..=0xa9)) => 3,
            _ => 0,
        },
        Some(0xef) if b.get(i + 1) == Some(&0xbb) && b.get(i + 2) == Some(&0xbf) => 3,
        _ => 0,
    }
}

/// Length of the invisible format character at `i`, or 0: soft hyphen
/// U+00AD, zero-width space, non-joiner and joiner U+200B–U+200D, the
/// left-to-right and right-to-left marks U+200E–U+200F, the bidi
/// embeddings and overrides U+202A–U+202E, word joiner U+2060, the bidi
/// isolates U+2066–U+2069, and U+FEFF (a byte order mark in mid-text).
/// They take no room on the page: [`space_len`] reads them as
/// whitespace, and [`Ctx::gap_wider`] does not count them.
#[inline]
pub(crate) fn format_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(0xc2), Some(0xad), _) => 2,
        (Some(0xe2), Some(0x80), Some(0x8b..=0x8f | 0xaa..=0xae))
        | (Some(0xe2), Some(0x81), Some(0xa0 | 0xa6..=0xa9))
        | (Some(0xef), Some(0xbb), Some(0xbf)) => 3,
        _ => 0,
    }
}

/// Length of the whitespace character (as [`space_len`] reads it) that
/// ends right before `i`, not reaching back before `start`, or 0. ASCII
/// whitespace but for the vertical tab, as it always was.
#[inline]
fn space_len_before(b: &[u8], start: usize, i: usize) -> usize {
    let c = b[i - 1];
    if c.is_ascii_whitespace() {
        1
    } else if c < 0x80 {
        0
    } else if i >= start + 2 && space_len(b, i - 2) == 2 {
        2
    } else if i >= start + 3 && space_len(b, i - 3) == 3 {
        3
    } else {
        0
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
            let n = space_len_before(self.b, self.start, i);
            if n == 0 {
                break;
            }
            i -= n;
        }
        i
    }

    /// True when the whitespace `i..j` (as [`Ctx::skip_ws`] skips it) is
    /// wider than `limit` bytes, the invisible format characters not
    /// counted: "3\u{200B} hours" is spaced as "3 hours" is.
    #[inline]
    pub(crate) fn gap_wider(&self, i: usize, j: usize, limit: usize) -> bool {
        // the width is at most the length: most gaps are one space
        j - i > limit && self.gap_width(i, j) > limit
    }

    /// The width of the whitespace `i..j`: its bytes but for those of the
    /// invisible format characters.
    fn gap_width(&self, mut i: usize, j: usize) -> usize {
        let mut width = 0;
        while i < j {
            let n = space_len(self.b, i).max(1);
            if format_len(self.b, i) == 0 {
                width += n;
            }
            i += n;
        }
        width
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

/// The nearest char boundary at or before byte `i` (windows cut by byte
/// counts end on a character).
pub(crate) fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Scans one sentence and appends its mentions of `kinds` to `out`: the
/// rule families are asked at every stop of the sentence's [`Block`]s
/// where a figure can start (a digit, '$', a currency sign, a word the
/// lexicon knows), and the scan resumes after each mention found.
pub(crate) fn sentence(text: &str, span: Span, index: usize, kinds: KindSet, out: &mut Vec<Mention>) {
    let cx = Ctx::new(text, span);
    let b = cx.b;
    let end = span.end;
    let mut i = span.start;
    let mut last_end = span.start;
    let mut ahead = Ahead::default();
    let triggers = lexicon::Triggers::get();
    'blocks: while i < end {
        let block = Block::at(&cx, i);
        // the words without a trigger's shape are dropped first, without a branch per word
        let words = block.stops & block.letters;
        let mut stops = (block.stops & !block.letters) | triggers.shaped(b, i, block.len, block.letters, words);
        while stops != 0 {
            let k = stops.trailing_zeros() as usize;
            stops &= stops - 1;
            let p = i + k;
            let bit = 1u64 << k;
            let candidate = if block.letters & bit != 0 {
                // the word's end from the mask: a word that may start a figure ends in its block
                let run = (!(block.letters >> k)).trailing_zeros() as usize;
                let e = p + run;
                triggers.entry_of_shaped(&b[p..e]).is_some_and(|entry| {
                    token_starts(&cx, p) && worth_trying(&cx, entry, e) && end_ahead(&cx, entry, e)
                })
            } else if block.digits & bit != 0 {
                token_starts(&cx, p)
            } else {
                // '$', or a non-ASCII character: only a currency sign can start a figure
                b[p] == b'$' || money::is_symbol_start(&b[p..(p + 4).min(end)])
            };
            if candidate && let Some(found) = best_at(&cx, p, last_end, &mut ahead) {
                last_end = found.end;
                // mentions end on character boundaries
                i = found.end.max(p + 1);
                if kinds.contains(found.value.kind()) {
                    out.push(found.into_mention(index));
                }
                continue 'blocks;
            }
        }
        i += block.len;
    }
}

/// Up to 64 bytes of a sentence, as a bit per byte (bit k for the byte
/// `k` places after the block's start), classified sixteen bytes at a
/// time ([`classes`]) so that the scanner's cost is per stop, not per
/// byte: in news, one byte in seven is a stop.
struct Block {
    /// How many bytes the block covers.
    len: usize,
    /// The ASCII letters.
    letters: u64,
    /// The ASCII digits.
    digits: u64,
    /// Where a figure can start: a letter or digit whose byte before is
    /// not an ASCII letter or digit (a token start, or a letter after a
    /// non-ASCII character, for [`token_starts`] to decide), or the first
    /// byte of '$' or a currency sign.
    stops: u64,
}

impl Block {
    /// The block from `i`. A word that starts in the block and runs on
    /// past its 64 bytes is left whole to the next block, which starts at
    /// it: every word that starts in a block ends in it, but for a word
    /// longer than the block (which no trigger is).
    #[inline]
    fn at(cx: &Ctx<'_>, i: usize) -> Block {
        let mut len = (cx.end - i).min(64);
        let (mut letters, mut digits, mut special) = classes(cx.b, i, len);
        if len == 64 && letters >> 63 == 1 && i + 64 < cx.end && cx.b[i + 64].is_ascii_alphabetic() {
            // the letters at the top of the block: the word they begin goes to the next one
            let run = (!letters).leading_zeros() as usize;
            if run < 64 {
                len = 64 - run;
                let keep = (1u64 << len) - 1;
                (letters, digits, special) = (letters & keep, digits & keep, special & keep);
            }
        }
        let alnum = letters | digits;
        let before = u64::from(i > cx.start && cx.b[i - 1].is_ascii_alphanumeric());
        Block { len, letters, digits, stops: (alnum & !((alnum << 1) | before)) | special }
    }
}

/// '$' and the first bytes of the non-ASCII currency signs that
/// [`money::is_symbol_start`] knows, but for 0xE2 ("€", "₹"), which
/// [`classes`] keeps only before 0x82 or 0x83. '$' comes first: the
/// others are not ASCII, and [`classes`] looks for them only in sixteen
/// bytes that hold a non-ASCII byte.
const SIGN_LEADS: [u8; 5] = [b'$', 0xc2, 0xe0, 0xe5, 0xef];

/// The ASCII letters, the ASCII digits and the bytes that may begin a
/// currency sign among the `len` (at most 64) bytes from `i`, a bit per
/// byte. The signs are '$' and the first bytes of the non-ASCII signs of
/// [`money::is_symbol_start`]: 0xC2 ("£", "¥"), 0xE0, 0xE5, 0xEF, and
/// 0xE2 when 0x82 or 0x83 follows ("€", "₹"; not the curly quotes and
/// dashes that share its first byte). Sixteen bytes at a time with SSE2,
/// which every x86-64 has.
#[cfg(target_arch = "x86_64")]
#[inline]
fn classes(b: &[u8], i: usize, len: usize) -> (u64, u64, u64) {
    let (mut letters, mut digits, mut signs, mut e2, mut next) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut k = 0;
    while k < len {
        // bytes past the end of the text are zeros, and bits past `len` are dropped below
        let v = bytes::Lanes::load(b, i + k);
        let at = |m: u16| u64::from(m) << k;
        letters |= at(v.letters());
        digits |= at(v.in_range(b'0', b'9'));
        signs |= at(v.eq(b'$'));
        // the other leads, 0xE2 and what follows it are not ASCII: looked for only where such bytes are
        if v.high() != 0 {
            signs |= at(SIGN_LEADS[1..].iter().fold(0, |m, &c| m | v.eq(c)));
            e2 |= at(v.eq(0xe2));
            next |= at(v.in_range(0x82, 0x83));
        }
        k += 16;
    }
    let keep = if len == 64 { u64::MAX } else { (1 << len) - 1 };
    // an 0xE2 stays when 0x82 or 0x83 follows, and at the block's end
    // (where the rule families look at what follows)
    let currency_e2 = e2 & ((next >> 1) | (1 << (len - 1)));
    (letters & keep, digits & keep, (signs | currency_e2) & keep)
}

/// [`classes`] a byte at a time, where there is no SSE2 (and the
/// reference the tests hold the SSE2 version to).
#[cfg(any(not(target_arch = "x86_64"), test))]
fn classes_bytewise(b: &[u8], i: usize, len: usize) -> (u64, u64, u64) {
    let (mut letters, mut digits, mut special) = (0u64, 0u64, 0u64);
    for (k, &c) in b[i..i + len].iter().enumerate() {
        letters |= u64::from(c.is_ascii_alphabetic()) << k;
        digits |= u64::from(c.is_ascii_digit()) << k;
        let lead = SIGN_LEADS.contains(&c) || (c == 0xe2 && (k + 1 == len || matches!(b[i + k + 1], 0x82 | 0x83)));
        special |= u64::from(lead) << k;
    }
    (letters, digits, special)
}

#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn classes(b: &[u8], i: usize, len: usize) -> (u64, u64, u64) {
    classes_bytewise(b, i, len)
}

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
    ne > j && (next.eq_ignore_ascii_case(b"of") || lexicon::entry(next).is_some_and(|e| e.names_something()))
}

/// How many words that are neither part of the number nor able to end a
/// figure may come between a number word and the word that ends its
/// figure ("two of the most advanced GPUs": "of", "the", "most").
const WORDS_BEFORE_END: usize = 3;

/// How many words [`end_ahead`] reads after a number word, at most, for
/// something that can end its figure. No figure that starts with a
/// number word has as many before the word that ends it (the longest
/// number read in words, "nine hundred and ninety-nine thousand nine
/// hundred and ninety-nine", has 13 with the halves of its hyphenated
/// words), so the look turns away nothing the rules would take; but a
/// run of number words ("two two two …", "a a a …") is no longer read to
/// its end again from each of them, which was quadratic in the run's
/// length. (What lies between two words is read by the looks from the
/// [`WORDS_TO_END`] words before it at most: linear too.)
const WORDS_TO_END: usize = 32;

/// How many bytes after a currency written before its number ("USD",
/// "Rs.", "malaysian ringgits") the number may start.
const CURRENCY_TO_NUMBER: usize = 24;

/// A number word ("one", "a few", "several") starts a figure only when
/// something that can end one comes soon after it: a currency (a name, a
/// code, '$' or a sign), a word that names a chip, a unit of time, or
/// digits (a range, a model). Most number words in news have none ("one
/// of the", "a new", "some of"), and are turned away here instead of by
/// three rule families. The words of the number itself ("a hundred and
/// sixty-one") are skipped, not counted, and at most [`WORDS_BEFORE_END`]
/// other words may come first, all within [`WORDS_TO_END`]. A magnitude
/// of a million or more ("several million", which may be money in a
/// sentence about costs) always lets the word through. Words that are
/// not numbers have looks of their own: a plural unit of time is tried
/// only before "or" or "to" ("weeks or months"), a currency written first
/// ("USD", "Rs.") only with a number within [`CURRENCY_TO_NUMBER`] bytes
/// ("Try to" is not).
#[inline]
fn end_ahead(cx: &Ctx<'_>, entry: lexicon::Entry, e: usize) -> bool {
    use lexicon::NumWord::*;
    let big = |n: Option<lexicon::NumWord>| matches!(n, Some(Magnitude(m) | VagueMagnitude(m)) if m >= 1e6);
    if entry.currency_prefix {
        // a currency before its number, which comes within a few bytes: "USD 200", "Rs. 20",
        // "US$5", "malaysian ringgits 42", "EUR five million" (not "Try to")
        let near = cx.end.min(e + CURRENCY_TO_NUMBER);
        let mut j = e;
        while j < near {
            let c = cx.b[j];
            if c.is_ascii_digit() {
                return true;
            }
            if c.is_ascii_alphabetic() {
                let we = cx.letters_end(j);
                if lexicon::num_word(&cx.text[j..we]).is_some() {
                    return true;
                }
                j = we;
            } else {
                j += 1;
            }
        }
        return false;
    }
    if big(entry.num) {
        return true;
    }
    if entry.num.is_none() {
        // a plural unit of time starts a figure only as the first of a pair: "weeks or months"
        return cx.next_word(e).is_some_and(|w| w.is_any(&["or", "to"]));
    }
    let (mut others, mut words) = (0, 0);
    let mut j = e;
    while j < cx.end {
        let c = cx.b[j];
        if c.is_ascii_digit() || c == b'$' || (c >= 0x80 && money::is_any_symbol(&cx.b[j..cx.end])) {
            return true;
        }
        if !c.is_ascii_alphabetic() {
            j += 1;
            continue;
        }
        words += 1;
        if words > WORDS_TO_END {
            return false;
        }
        let we = cx.letters_end(j);
        let w = &cx.b[j..we];
        let en = lexicon::entry(w);
        if en.is_some_and(|en| en.currency_word || en.currency_prefix || en.unit.is_some() || big(en.num))
            || (w.len() <= 4 && w.iter().all(u8::is_ascii_uppercase))
            || chips::names_chip(cx, j)
        {
            return true;
        }
        if en.is_none_or(|en| en.num.is_none()) {
            others += 1;
            if others > WORDS_BEFORE_END {
                return false;
            }
        }
        j = we;
    }
    false
}

/// Tries every rule family at `i` and keeps the longest match that does not
/// reach back before `floor`. Ties go to money, then chips, then durations.
/// At digits, each family's cheap look at what follows them comes first
/// (for durations, before the look ahead for a unit of time, without
/// which the duration rules are skipped too). At '$' or a currency sign
/// the durations are not asked: they start at a digit or a word.
fn best_at(cx: &Ctx<'_>, i: usize, floor: usize, ahead: &mut Ahead) -> Option<Found> {
    let mut best: Option<Found> = None;
    // each family's find is kept when it is longer than the best so far,
    // where it lies (no array of the three finds, moved about)
    let mut keep = |found: Option<Found>| {
        if let Some(found) = found
            && found.start >= floor
            && found.end > found.start
            && found.end <= cx.end
            && best.as_ref().is_none_or(|b| found.end - found.start > b.end - b.start)
        {
            best = Some(found);
        }
    };
    let digits_end = cx.b[i].is_ascii_digit().then(|| ahead.runs.end_from(cx, i));
    let may = |look: fn(&Ctx<'_>, usize) -> bool| digits_end.is_none_or(|e| look(cx, e));
    if may(money::money_may_follow) {
        keep(money::at(cx, i));
    }
    if may(chips::chips_may_follow) {
        keep(chips::at(cx, i));
    }
    // a duration starts with a digit or a word: not at '$' or a currency
    // sign, where the look ahead for a unit would be read for nothing
    if cx.b[i].is_ascii_alphanumeric() && may(duration::may_follow_digits) && ahead.units.ahead(cx, i) {
        keep(duration::at(cx, i));
    }
    best
}

/// What the scanner remembers of the sentence ahead of the place it is
/// at, so that no look ahead reads the same bytes again at every stop.
#[derive(Default)]
struct Ahead {
    units: UnitsAhead,
    runs: DigitRuns,
}

/// The end of the run of digits and number punctuation that a digit lies
/// in ([`number::digit_run_end`](crate::number::digit_run_end)), which the
/// scanner hands to the cheap looks of the rule families at every digit
/// that starts a token. A run such as "1,2,3,…" or "1.2.3.…" holds such a
/// digit after every separator, and each would read the run to its end
/// again (quadratic in the run's length: a list of 30,000 numbers took
/// seconds). The run's end is remembered instead: the walk of
/// `digit_run_end` depends on nothing but its position and stands on
/// every digit of the run (it steps over one byte at a time but for the
/// multi-byte spaces, none of whose bytes is a digit), so from any digit
/// of a run it ends where it ended from the run's start.
#[derive(Default)]
struct DigitRuns {
    /// The last run read: from its first digit to its end.
    start: usize,
    end: usize,
    /// How many bytes the runs read so far held, for a test.
    read: usize,
}

impl DigitRuns {
    /// `digit_run_end(cx, i)` for the digit at `i`.
    #[inline]
    fn end_from(&mut self, cx: &Ctx<'_>, i: usize) -> usize {
        if !(self.start..self.end).contains(&i) {
            (self.start, self.end) = (i, crate::number::digit_run_end(cx, i));
            self.read += self.end - i;
        }
        self.end
    }
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
    #[test]
    fn every_currency_sign_before_a_number_begins_with_a_sign_lead() {
        for (sign, _, prefix) in money::SYMBOLS {
            let b = sign.as_bytes();
            if *prefix && money::is_symbol_start(b) {
                let kept = SIGN_LEADS.contains(&b[0]) || (b[0] == 0xe2 && matches!(b.get(1), Some(0x82 | 0x83)));
                assert!(kept, "{sign:?} would not be a stop of the scanner");
            }
        }
    }

    #[test]
    fn classes_agree_with_the_bytewise_reference() {
        // bytes around every class edge, and the first bytes of signs with and without their second
        let alphabet: &[&[u8]] = &[
            b"a",
            b"z",
            b"A",
            b"Z",
            b"@",
            b"[",
            b"`",
            b"{",
            b"0",
            b"9",
            b"/",
            b":",
            b"$",
            b" ",
            b"\xc2\xa3",
            b"\xc2\xa0",
            "€".as_bytes(),
            "₹".as_bytes(),
            "’".as_bytes(),
            "—".as_bytes(),
            "\u{2012}".as_bytes(),
            "\u{200b}".as_bytes(),
            "\u{ad}".as_bytes(),
            "\u{feff}".as_bytes(),
            "元".as_bytes(),
            "é".as_bytes(),
            "￥".as_bytes(),
            "ड".as_bytes(),
            b"\xff",
            b"\x80",
            b"\xe2",
        ];
        let mut rng = fastrand::Rng::with_seed(0x9e37_79b9_7f4a_7c15);
        for _ in 0..2000 {
            let mut b = Vec::new();
            while b.len() < 150 {
                b.extend_from_slice(alphabet[rng.usize(..alphabet.len())]);
            }
            b.truncate(70 + rng.usize(..80));
            let i = rng.usize(..b.len());
            let len = (1 + rng.usize(..64)).min(b.len() - i);
            assert_eq!(classes(&b, i, len), classes_bytewise(&b, i, len), "{b:?} from {i}, {len} bytes");
        }
    }

    /// Whether the scanner tries the rules at `i`, and where it looks next
    /// when they find nothing there: the scanner before blocks, one place
    /// at a time.
    fn candidate_bytewise(cx: &Ctx<'_>, i: usize) -> (bool, usize) {
        let (b, end) = (cx.b, cx.end);
        let c = b[i];
        if c.is_ascii_alphabetic() {
            let e = cx.letters_end(i);
            let entry = if token_starts(cx, i) { lexicon::trigger(&b[i..e]) } else { None };
            (entry.is_some_and(|entry| worth_trying(cx, entry, e)), e)
        } else if c.is_ascii_digit() {
            let mut e = i + 1;
            while e < end && b[e].is_ascii_alphanumeric() {
                e += 1;
            }
            (token_starts(cx, i), e)
        } else if c == b'$' {
            (true, i + 1)
        } else if c >= 0x80 {
            let n = cx.text[i..].chars().next().map_or(1, char::len_utf8);
            (money::is_symbol_start(&b[i..(i + 4).min(end)]), i + n)
        } else {
            (false, i + 1)
        }
    }

    /// The scanner before blocks: every byte visited in turn, words and
    /// digit runs skipped whole. The block scanner must stop at the same
    /// places.
    fn sentence_bytewise(text: &str, span: Span, kinds: KindSet, out: &mut Vec<Mention>) {
        sentence_bytewise_with(text, span, kinds, out, &mut Ahead::default());
    }

    /// [`sentence_bytewise`], with what it remembers of the sentence ahead
    /// in `ahead`, for a test to read how much of it was looked at.
    fn sentence_bytewise_with(text: &str, span: Span, kinds: KindSet, out: &mut Vec<Mention>, ahead: &mut Ahead) {
        let cx = Ctx::new(text, span);
        let (mut i, mut last_end) = (span.start, span.start);
        while i < span.end {
            let (candidate, skip_to) = candidate_bytewise(&cx, i);
            if candidate && let Some(found) = best_at(&cx, i, last_end, ahead) {
                last_end = found.end;
                i = found.end.max(i + 1);
                if kinds.contains(found.value.kind()) {
                    out.push(found.into_mention(0));
                }
                continue;
            }
            i = skip_to;
        }
    }

    /// The scanner tries the rules only where a figure can start: at
    /// digits, '$' and currency signs, and at words the lexicon marks as
    /// triggers. Wherever a rule finds a figure at the start of a token,
    /// the scanner must stop there. Checked at every token start of the
    /// corpora, the fixtures, the peer suites and generated phrases that
    /// begin with a word. `worth_trying` is left out: it turns away on
    /// purpose what the rules would read ("several GPUs", "all to three
    /// dollars"), a filter for precision rather than a look for speed.
    #[test]
    fn every_figure_starts_where_the_scanner_stops() {
        let parts = [
            vec!["", "paid ", "for ", "about ", "between ", "In ", "used ", "about\u{200b} "],
            vec![
                "a ",
                "an ",
                "A ",
                "some ",
                "all ",
                "few ",
                "several ",
                "another ",
                "half ",
                "one ",
                "two ",
                "Two ",
                "twenty-five ",
                "a few ",
                "a couple of ",
                "dozens of ",
                "hundreds of ",
                "tens of ",
                "a dozen ",
                "five",
                "USD ",
                "Rs. ",
                "EUR ",
                "euro ",
                "$",
                "€",
                "",
                "10 ",
            ],
            vec![
                "",
                "and a half ",
                "\u{200b}",
                "\u{ad} ",
                "to ",
                "or ",
                "more ",
                "full ",
                "whole ",
                "hundred ",
                "thousand ",
                "million ",
                "of the ",
                "of its ",
                "of Nvidia's ",
                "more consecutive ",
                "additional business ",
                "most advanced ",
                "high-end ",
                "new AI ",
            ],
            vec!["", "1", "2 ", "three ", "of ", "-", "quarter ", "half "],
            vec![
                "dollars",
                "dollar",
                "euros",
                "yuan",
                "rupees",
                "hours",
                "hour",
                "day",
                "days",
                "weeks",
                "year",
                "years",
                "minutes",
                "GPUs",
                "H100s",
                "Nvidia H800 chips",
                "chips",
                "accelerators",
                "people",
                "times",
                "",
            ],
        ];
        let corpus: Vec<&str> =
            [crate::money::tests::CORPUS, crate::chips::tests::CORPUS, crate::duration::tests::CORPUS]
                .iter()
                .flat_map(|c| c.iter().map(|e| e.0))
                .collect();
        let texts = crate::corpus::gate_texts(&corpus, &parts, 100_000);
        // `worth_trying` is a filter of its own, not a look-ahead for the rules
        let stops = |cx: &Ctx<'_>, i: usize| {
            if cx.b[i].is_ascii_alphabetic() {
                let e = cx.letters_end(i);
                lexicon::trigger(&cx.b[i..e]).is_some_and(|entry| end_ahead(cx, entry, e))
            } else {
                candidate_bytewise(cx, i).0
            }
        };
        crate::corpus::assert_gate(
            "figures",
            &texts,
            20_000,
            |cx, i| cx.boundary_before(i),
            stops,
            |cx, i| money::at(cx, i).or_else(|| chips::at(cx, i)).or_else(|| duration::at(cx, i)),
        );
    }

    /// A list of numbers in one sentence ("1,2,3,…", "1.2.3.…", with
    /// no-break or thin spaces, or "3.14159" over and over) has a digit
    /// that starts a token after every separator, and the scanner hands
    /// the end of the digits' run to the cheap looks at each: the runs it
    /// reads must hold about each byte of the sentence once, not once per
    /// number (which was quadratic: a list of 30,000 numbers took
    /// seconds). Counted in bytes read, not timed, by the bytewise scanner
    /// (which asks the rules where the block scanner does, and shares
    /// [`best_at`] and its [`Ahead`] with it); with a tail that passes the
    /// looks at every number too.
    #[test]
    fn a_list_of_numbers_is_read_once() {
        let numbers: Vec<String> = (0..20_000).map(|n| n.to_string()).collect();
        let mut lists: Vec<String> =
            [",", ".", "\u{a0}", "\u{202f}", "\u{2009}"].iter().map(|sep| numbers.join(sep)).collect();
        lists.push("3.14159".repeat(10_000));
        for list in &lists {
            for tail in ["", " million dollars"] {
                let text = format!("Data: {list}{tail}");
                let (mut ahead, mut out) = (Ahead::default(), Vec::new());
                sentence_bytewise_with(&text, Span::new(0, text.len()), KindSet::ALL, &mut out, &mut ahead);
                assert!(
                    ahead.runs.read <= text.len(),
                    "{} bytes of digit runs read in a sentence of {} ({:?}…{tail:?})",
                    ahead.runs.read,
                    text.len(),
                    &list[..12],
                );
                if tail.is_empty() {
                    assert!(out.is_empty(), "{:?}…: {:?}", &list[..12], out.first());
                }
            }
        }
    }

    /// A number word starts a figure only when something that can end one
    /// comes within [`WORDS_TO_END`] words of it: a run of number words
    /// ("two two two …", "two-two-…", "a a a …") is not read to its end
    /// again from each of its words (which was quadratic in its length,
    /// cubic for "two-two-…" with the chips' hyphenated words). From the
    /// first word of a long run, the look stops short of the currency at
    /// its end; from the last, it finds it; and the scan finds what it
    /// finds in a short run.
    #[test]
    fn a_run_of_number_words_is_not_read_to_its_end_from_each() {
        for word in ["two ", "two-", "a ", "several ", "one hundred ", "a couple of "] {
            let first = word.find([' ', '-']).expect("a word");
            let entry = lexicon::trigger(&word.as_bytes()[..first]).expect("a trigger");
            let (long, short) = (format!("{}dollars", word.repeat(10_000)), format!("{}dollars", word.repeat(3)));
            let cx = Ctx::new(&long, Span::new(0, long.len()));
            assert!(!end_ahead(&cx, entry, first), "{word:?}: read to the end");
            let last = long.len() - "dollars".len() - word.len();
            assert!(end_ahead(&cx, entry, last + first), "{word:?}: the end not found");
            let shift = long.len() - short.len();
            let ex = crate::Extractor::new();
            let found = |text: &str, shift: usize| -> Vec<_> {
                ex.extract_sentence(text)
                    .iter()
                    .map(|m| (m.span.start - shift, m.span.end - shift, m.value.clone()))
                    .collect()
            };
            assert_eq!(found(&long, shift), found(&short, 0), "{word:?}");
        }
    }

    #[test]
    fn the_block_scanner_stops_where_the_bytewise_one_did() {
        let words = [
            "$5",
            "5",
            "million",
            "bn",
            "a",
            "dozen",
            "an",
            "hour",
            "some",
            "days",
            "of",
            "the",
            "and",
            "€3",
            "₹",
            "£2",
            "US$",
            "10m",
            "H800",
            "GPUs",
            "chips",
            "years",
            "two-and-a-half",
            "’",
            "—",
            "é",
            "9é",
            "x9",
            "元",
            "1,200",
            "3.5",
            "-",
            " ",
            " ",
            " ",
            ",",
            ".",
            "\u{a0}",
            "\u{200b}",
            "\u{ad}",
            "\u{200f}",
            "\u{2060}",
            "\u{feff}",
            "\u{2012}",
            "$7\u{ad}",
            "couple",
            "weeks",
            "few",
            "Nvidia",
            "12,288",
            "80",
            "seconds",
            // longer than a block: left to the next one, or filling it
            "Pneumonoultramicroscopicsilicovolcanoconiosisandantidisestablishmentarianism",
        ];
        let mut rng = fastrand::Rng::with_seed(0x2545_f491_4f6c_dd1d);
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(1 + rng.usize(..40)) {
                text.push_str(words[rng.usize(..words.len())]);
                if rng.usize(..3) > 0 {
                    text.push(' ');
                }
            }
            let start = text.char_indices().map(|(k, _)| k).nth(rng.usize(..3)).unwrap_or(0);
            let span = Span::new(start, text.len());
            let (mut blocks, mut bytewise) = (Vec::new(), Vec::new());
            sentence(&text, span, 0, KindSet::ALL, &mut blocks);
            sentence_bytewise(&text, span, KindSet::ALL, &mut bytewise);
            let show = |m: &[Mention]| m.iter().map(|m| format!("{:?} {:?}", m.span, m.value)).collect::<Vec<_>>();
            assert_eq!(show(&blocks), show(&bytewise), "{text:?}");
        }
    }
}
