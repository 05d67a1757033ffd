//! Byte-level helpers over UTF-8 text: whitespace, closing punctuation,
//! words and the next word after a position.
//!
//! Every function takes the text as `&str` (or its bytes) and positions that
//! lie on `char` boundaries, and returns positions on `char` boundaries.
//! None of them panics on any input: look-ups past the end yield "nothing".

use crate::bytes;

/// Bytes the scanner must stop at; every other byte is skipped.
/// `0xE2` is the lead byte of curly quotes, the ellipsis and most bullets.
const STOPS: [u8; 7] = [b'.', b'!', b'?', b'\n', b'"', b'(', 0xE2];

/// [`STOPS`] as a table, for the scanner a byte at a time.
#[cfg(any(not(target_arch = "x86_64"), test))]
pub(crate) static INTERESTING: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    while k < STOPS.len() {
        t[STOPS[k] as usize] = true;
        k += 1;
    }
    t
};

/// The first byte at or after `i` and before `limit` that is one of
/// [`STOPS`], or `limit`. Sixteen bytes at a time are compared with the
/// seven (SSE2, which every x86-64 has).
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn next_interesting(b: &[u8], mut i: usize, limit: usize) -> usize {
    let limit = limit.min(b.len());
    if i >= limit {
        return i;
    }
    while i < limit {
        // zeros past the end of the text: not interesting
        let v = bytes::Lanes::load(b, i);
        let found = STOPS.iter().fold(0, |m, &c| m | v.eq(c));
        if found != 0 {
            return (i + found.trailing_zeros() as usize).min(limit);
        }
        i += 16;
    }
    limit
}

/// The first byte at or after `i` and before `limit` that [`INTERESTING`]
/// marks, or `limit`. Prose is mostly letters and spaces: eight bytes at a
/// time are turned away when none is below `A` (other than a space) or the
/// `0xE2` lead byte; the few that are (digits, commas, stops) are then
/// looked at one by one.
#[cfg(any(not(target_arch = "x86_64"), test))]
#[inline]
pub(crate) fn next_interesting_swar(b: &[u8], mut i: usize, limit: usize) -> usize {
    let limit = limit.min(b.len());
    // ASCII bytes below b'A' other than spaces, and 0xE2, may be interesting
    let plain = |x: u64| !((bytes::in_range(x, 0, b'A' - 1) & !bytes::equal(x, b' ')) | bytes::equal(x, 0xE2));
    loop {
        let k = bytes::skip_while(b, i, limit, plain, |c| !INTERESTING[usize::from(c)]);
        if k >= limit || INTERESTING[usize::from(b[k])] {
            return k;
        }
        i = k + 1;
    }
}

#[cfg(not(target_arch = "x86_64"))]
pub(crate) use next_interesting_swar as next_interesting;

/// Length of the whitespace character at `i`, newline excluded; 0 if none.
///
/// Covers every `char::is_whitespace` character except `\n`. An ASCII byte
/// is answered in line; the others by [`wide_hspace_len`].
#[inline]
pub(crate) fn hspace_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(&c) if c.is_ascii() => usize::from(matches!(c, b' ' | b'\t' | b'\r' | 0x0b | 0x0c)),
        Some(_) => wide_hspace_len(b, i),
        None => 0,
    }
}

/// [`hspace_len`] of a character that is not ASCII.
fn wide_hspace_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(0xC2) => match b.get(i + 1) {
            Some(0x85 | 0xA0) => 2,
            _ => 0,
        },
        Some(0xE1) if b.get(i + 1) == Some(&0x9A) && b.get(i + 2) == Some(&0x80) => 3,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)) | (Some(0x81), Some(0x9F)) => 3,
            _ => 0,
        },
        Some(0xE3) if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x80) => 3,
        _ => 0,
    }
}

/// Length of the whitespace character at `i`, newline included; 0 if none.
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    if b.get(i) == Some(&b'\n') { 1 } else { hspace_len(b, i) }
}

/// First position at or after `i` (and before `end`) that is not horizontal
/// whitespace.
#[inline]
pub(crate) fn skip_hspace(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end {
        let l = hspace_len(b, i);
        if l == 0 {
            break;
        }
        i += l;
    }
    i
}

/// The character that ends at byte `i`, with its start.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<(usize, char)> {
    let c = text.get(..i)?.chars().next_back()?;
    Some((i - c.len_utf8(), c))
}

/// The character that starts at byte `i`.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// True at the start of the text or after a whitespace character.
#[inline]
pub(crate) fn space_before(text: &str, i: usize) -> bool {
    match char_before(text, i) {
        None => true,
        Some((_, c)) => c.is_whitespace(),
    }
}

/// Length of a closing quote or bracket at `i` (`"`, `'`, `)`, `]`, `}`,
/// `”`, `’`, `»`, `›`); 0 if none.
#[inline]
pub(crate) fn closer_len(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"' | b'\'' | b')' | b']' | b'}') => 1,
        Some(0xC2) if b.get(i + 1) == Some(&0xBB) => 2,
        Some(0xE2) => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(0x9D | 0x99 | 0xBA)) => 3,
            _ => 0,
        },
        _ => 0,
    }
}

/// Position after the closing quotes and brackets that start at `i`.
#[inline]
pub(crate) fn closers_end(b: &[u8], mut i: usize) -> usize {
    for _ in 0..8 {
        let l = closer_len(b, i);
        if l == 0 {
            break;
        }
        i += l;
    }
    i
}

/// Position of the last character of `b[start..end]` that is not a closing
/// quote or bracket, plus one (so `end` when the text does not end in one).
/// Strips at most 16 of them.
pub(crate) fn strip_closers_back(text: &str, start: usize, mut end: usize) -> usize {
    for _ in 0..16 {
        if end <= start {
            break;
        }
        match char_before(text, end) {
            Some((s, '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»' | '›')) if s >= start => end = s,
            _ => break,
        }
    }
    end
}

/// True for characters that open a word from the left: brackets, quotes and
/// dashes that may be glued to the word after them.
#[inline]
const fn opens_word(c: char) -> bool {
    matches!(c, '(' | '[' | '{' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '—' | '–')
}

/// True for the characters [`word_start`] stops at: whitespace and the
/// marks that open a word.
#[inline]
fn stops_word(c: char) -> bool {
    c.is_whitespace() || opens_word(c)
}

/// [`stops_word`] of every ASCII byte, so that the look back over ASCII
/// text decodes no character. (The ASCII whitespace is written out:
/// `char::is_whitespace` is not `const` before Rust 1.87; a test holds
/// the table to [`stops_word`].)
const ASCII_STOPS: [bool; 128] = {
    let mut stops = [false; 128];
    let mut c = 0;
    while c < 128 {
        stops[c] = matches!(c as u8, b'\t'..=b'\r' | b' ') || opens_word(c as u8 as char);
        c += 1;
    }
    stops
};

/// How far back [`word_start`] looks, in bytes.
const WORD_REACH: usize = 40;

/// Start of the word that ends at `end`: the word runs back to whitespace,
/// an opening bracket or quote, or `floor`. Looks back at most
/// [`WORD_REACH`] bytes; a longer token yields `None`.
pub(crate) fn word_start(text: &str, end: usize, floor: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = end;
    // eight bytes at a time back over ASCII letters and digits (never a
    // stop), to the last byte that is neither: the loop below reads it
    while i >= floor + 8 && end - i <= WORD_REACH {
        let Some(x) = bytes::load(b, i - 8) else { break };
        let other = !(bytes::ascii_letters(x) | bytes::in_range(x, b'0', b'9')) & bytes::HIGH;
        if other != 0 {
            // the highest such byte is the last one before `i`
            i -= (other.leading_zeros() / 8) as usize;
            break;
        }
        i -= 8;
    }
    if end - i > WORD_REACH {
        return None;
    }
    while i > floor {
        // an ASCII byte is a character: nothing to decode
        let (s, stop) = match b.get(i - 1) {
            Some(&c) if c.is_ascii() => (i - 1, ASCII_STOPS[usize::from(c)]),
            _ => char_before(text, i).map(|(s, c)| (s, stops_word(c)))?,
        };
        if s < floor || stop {
            break;
        }
        i = s;
        if end - i > WORD_REACH {
            return None;
        }
    }
    Some(i)
}

/// Case of the first letter or digit of the next word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// Starts with a lowercase letter.
    Lower,
    /// Starts with an uppercase letter, or a letter without case, or is a
    /// name whose second letter is a capital ("xAI", "iPhone").
    Upper,
    /// Starts with a digit.
    Digit,
}

/// The next word after a candidate boundary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Next<'t> {
    /// Case of its first letter or digit.
    pub case: Case,
    /// Its leading run of ASCII letters (for word-list look-ups).
    pub word: &'t [u8],
    /// True when it is a single letter followed by a full stop (an initial).
    pub initial: bool,
}

/// The next word at or after `i` and before `end`, skipping whitespace and
/// punctuation (at most 48 bytes of it). `None` when no letter or digit comes
/// first.
pub(crate) fn next_word(text: &str, mut i: usize, end: usize) -> Option<Next<'_>> {
    let b = text.as_bytes();
    let limit = end.min(i + 48).min(b.len());
    while i < limit {
        let c = b[i];
        if c.is_ascii_alphanumeric() {
            break;
        }
        if c < 0x80 {
            i += 1;
            continue;
        }
        let ch = char_at(text, i)?;
        if is_alnum(ch) {
            break;
        }
        i += ch.len_utf8();
    }
    if i >= limit {
        return None;
    }
    let ch = char_at(text, i)?;
    let case = if ch.is_lowercase() {
        Case::Lower
    } else if ch.is_numeric() {
        Case::Digit
    } else {
        Case::Upper
    };
    let mut j = i;
    while j < b.len() && j - i < 24 && b[j].is_ascii_alphabetic() {
        j += 1;
    }
    let word = &b[i..j];
    // a name with a capital second letter starts a sentence like any name: "xAI", "iPhone", "eBay"
    let case = if case == Case::Lower && word.get(1).is_some_and(u8::is_ascii_uppercase) { Case::Upper } else { case };
    let initial = word.len() == 1 && b.get(j) == Some(&b'.');
    Some(Next { case, word, initial })
}

/// `char::is_alphanumeric`, with a fast answer for ASCII and for general
/// punctuation and geometric shapes (dashes, quotes, ellipses, bullets),
/// which the scanner meets often and which hold no letter or digit.
#[inline]
pub(crate) fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if matches!(c, '\u{2000}'..='\u{206F}' | '\u{25A0}'..='\u{25FF}') {
        false
    } else if matches!(c, LATIN_AND_CYRILLIC_LETTERS!()) {
        // the letters of Latin-1, Latin Extended-A and the Russian alphabet,
        // answered without the Unicode tables (a test holds them to them)
        true
    } else {
        c.is_alphanumeric()
    }
}

/// The letters of Latin-1 and Latin Extended-A ("é", "ß", "ł") and the
/// basic Russian alphabet ("А" to "я"), as a pattern.
macro_rules! LATIN_AND_CYRILLIC_LETTERS {
    () => {
        '\u{00C0}'..='\u{00D6}' | '\u{00D8}'..='\u{00F6}' | '\u{00F8}'..='\u{017F}' | '\u{0410}'..='\u{044F}'
    };
}
use LATIN_AND_CYRILLIC_LETTERS;

/// True when `text[start..end]` holds a letter or a digit.
#[inline]
pub(crate) fn has_alnum(text: &str, start: usize, end: usize) -> bool {
    // most pieces start with an ASCII letter or digit: no character to decode
    if start < end && text.is_char_boundary(end) && text.as_bytes()[start].is_ascii_alphanumeric() {
        return true;
    }
    text.get(start..end).is_some_and(|s| s.chars().any(is_alnum))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letters_answered_at_once_are_letters() {
        let mut n = 0;
        for c in (0x80..0x500).filter_map(char::from_u32) {
            if matches!(c, LATIN_AND_CYRILLIC_LETTERS!()) {
                assert!(c.is_alphanumeric(), "{c:?}");
                n += 1;
            }
        }
        assert_eq!(n, 23 + 31 + 136 + 64);
        assert!(!is_alnum('×') && !is_alnum('÷') && is_alnum('é') && is_alnum('Ж'));
    }

    #[test]
    fn the_ascii_stops_are_the_stops_of_the_ascii_characters() {
        for c in 0..128u8 {
            assert_eq!(ASCII_STOPS[usize::from(c)], stops_word(char::from(c)), "{c:#04x}");
        }
    }

    proptest::proptest! {
        /// The ASCII steps of `word_start` and `has_alnum` answer as the
        /// character-by-character forms do, at every end and floor of
        /// texts mixing ASCII, spaces, brackets, quotes and non-ASCII
        /// letters, spaces and quotes (the ends may fall inside a character).
        #[test]
        fn ascii_steps_answer_as_the_characters_do(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "ab", "Z", "9", ".", " ", "\t", "(", "\"", "'", "é", "Ж", "\u{a0}", "“", "—", "\u{2003}", "x.y",
                    // runs longer than the eight-byte step and than WORD_REACH
                    "abcdefghij", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
                ]),
                0..30,
            ),
            end in 0usize..200,
            floor in 0usize..200,
        ) {
            let text: String = pieces.concat();
            let by_chars = |text: &str, end: usize, floor: usize| {
                let mut i = end;
                while i > floor {
                    let (s, c) = char_before(text, i)?;
                    if s < floor || stops_word(c) {
                        break;
                    }
                    i = s;
                    if end - i > WORD_REACH {
                        return None;
                    }
                }
                Some(i)
            };
            proptest::prop_assert_eq!(word_start(&text, end, floor), by_chars(&text, end, floor));
            let (start, end) = (floor.min(end), floor.max(end));
            let alnum = text.get(start..end).is_some_and(|s| s.chars().any(is_alnum));
            proptest::prop_assert_eq!(has_alnum(&text, start, end), alnum);
        }
    }

    #[test]
    fn next_interesting_stops_where_the_byte_loop_does() {
        let naive = |b: &[u8], mut i: usize, limit: usize| {
            while i < limit && !INTERESTING[usize::from(b[i])] {
                i += 1;
            }
            i
        };
        for v in 0..=255u8 {
            for len in 1..21 {
                for at in 0..len {
                    // a comma (looked at, not interesting) before the byte under test
                    let mut b = vec![b'e'; len];
                    if at > 0 {
                        b[at - 1] = b',';
                    }
                    b[at] = v;
                    for from in [0, at / 2, at] {
                        for limit in [len, at + 1, at, len / 2] {
                            let want = naive(&b, from, limit);
                            let what = format!("byte {v} at {at} of {len}, from {from}, limit {limit}");
                            assert_eq!(next_interesting(&b, from, limit), want, "{what}");
                            assert_eq!(next_interesting_swar(&b, from, limit), want, "{what} (eight bytes at a time)");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn whitespace_matches_std() {
        for c in (0..0x3100u32).filter_map(char::from_u32) {
            let s = c.to_string();
            let want = c.is_whitespace();
            assert_eq!(space_len(s.as_bytes(), 0) > 0, want, "{c:?}");
        }
    }

    #[test]
    fn alnum_matches_std() {
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn words() {
        let t = "said (U.S. “Apple";
        assert_eq!(word_start(t, 10, 0), Some(6));
        assert_eq!(word_start(t, 4, 0), Some(0));
        let n = next_word(t, 10, t.len()).unwrap();
        assert_eq!(n.case, Case::Upper);
        assert_eq!(n.word, b"Apple");
        assert!(next_word("  ...  ", 0, 7).is_none());
        assert!(next_word("x J. Smith", 1, 10).unwrap().initial);
    }
}
