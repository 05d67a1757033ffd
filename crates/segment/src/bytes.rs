//! Byte classes tested eight bytes at a time (SWAR), for the scanners of
//! every stage: the segmenter's skip to its next stop, and the runs the
//! other stages skip ([`letters_end`] for the extractor's words,
//! [`word_end`] for attribution's cue words, [`next_digit`] for the entity
//! index's model codes).
//!
//! Each test gives a mask with the high bit set in every byte of the
//! eight that is in the class, and nothing else set. It is exact per byte
//! (no carry or borrow crosses from one byte into the next, the
//! "hasbetween" construction of Bit Twiddling Hacks), so the lowest set
//! bit, `mask.trailing_zeros() / 8`, is the first byte in the class.

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = ONES * 0x7f;

/// The high bit of every byte.
pub const HIGH: u64 = ONES << 7;

/// The eight bytes at `i`, the first in the lowest byte; `None` when
/// fewer than eight are left.
#[inline]
pub fn load(b: &[u8], i: usize) -> Option<u64> {
    let chunk = b.get(i..i.checked_add(8)?)?;
    Some(u64::from_le_bytes(chunk.try_into().ok()?))
}

/// `x` with every byte set to `v`.
#[inline]
pub const fn splat(v: u8) -> u64 {
    ONES * v as u64
}

/// The high bit of every byte of `x` in `lo..=hi`; both bounds ASCII
/// (below 0x80), and bytes of 0x80 and over are never in the range.
#[inline]
pub fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    debug_assert!(lo <= hi && hi < 0x80);
    let low = x & LOW7;
    // per byte: 0x80 + hi - low keeps its high bit when low <= hi, low + 0x80 - lo when low >= lo
    (splat(0x80 + hi)).wrapping_sub(low) & !x & low.wrapping_add(splat(0x80 - lo)) & HIGH
}

/// The high bit of every byte of `x` equal to `v`.
#[inline]
pub fn equal(x: u64, v: u8) -> u64 {
    let y = x ^ splat(v);
    !(((y & LOW7) + LOW7) | y | LOW7)
}

/// The high bit of every byte of `x` that is an ASCII letter: a byte is
/// one when it is in `a..=z` once bit 5 (the case bit) is set.
#[inline]
pub fn ascii_letters(x: u64) -> u64 {
    in_range(x | splat(0x20), b'a', b'z')
}

/// The first position from `i` (at most `end`, and `i` itself when it is
/// past `end`) whose byte is not in a class: `lanes` tests eight bytes as
/// the functions above do, `one` a single byte (for the last few). `lanes`
/// may also mark a wider class than `one` (a quick filter): then a stop in
/// the eight-byte part may be a byte `one` would keep, for the caller to
/// look at.
#[inline]
pub(crate) fn skip_while(
    b: &[u8],
    mut i: usize,
    end: usize,
    lanes: impl Fn(u64) -> u64,
    one: impl Fn(u8) -> bool,
) -> usize {
    let end = end.min(b.len());
    while i + 8 <= end
        && let Some(x) = load(b, i)
    {
        let outside = !lanes(x) & HIGH;
        if outside != 0 {
            return i + (outside.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && one(b[i]) {
        i += 1;
    }
    i
}

/// End of the run of ASCII letters from `i` (at most `end`).
#[inline]
pub fn letters_end(b: &[u8], i: usize, end: usize) -> usize {
    skip_while(b, i, end, ascii_letters, |c| c.is_ascii_alphabetic())
}

/// End of the run of ASCII letters and hyphens from `i` (at most `end`).
#[inline]
pub fn word_end(b: &[u8], i: usize, end: usize) -> usize {
    skip_while(b, i, end, |x| ascii_letters(x) | equal(x, b'-'), |c| c.is_ascii_alphabetic() || c == b'-')
}

/// The first ASCII digit at or after `i`.
#[inline]
pub fn next_digit(b: &[u8], i: usize) -> Option<usize> {
    let p = skip_while(b, i, b.len(), |x| !in_range(x, b'0', b'9'), |c| !c.is_ascii_digit());
    (p < b.len()).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value in every lane, against the plain comparison.
    #[test]
    fn exact_in_every_lane() {
        let ranges = [(0, 0x40), (b'0', b'9'), (b'a', b'z'), (b'A', b'Z'), (0x20, 0x20), (0, 0x7f), (0x7f, 0x7f)];
        for v in 0..=255u8 {
            for lane in 0..8 {
                // the other lanes hold bytes just around the tested one, where a carry would show
                let mut bytes = [v.wrapping_sub(1), v.wrapping_add(1), 0, 0x7f, 0x80, 0xff, b'0', b'z'];
                bytes[lane] = v;
                let x = u64::from_le_bytes(bytes);
                for &(lo, hi) in &ranges {
                    let want: u64 = bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, c)| (lo..=hi).contains(*c))
                        .map(|(k, _)| 0x80 << (8 * k))
                        .sum();
                    assert_eq!(in_range(x, lo, hi), want, "{bytes:?} in {lo}..={hi}");
                }
                for w in [v, 0, 0x20, 0xe2, 0xff] {
                    let want: u64 =
                        bytes.iter().enumerate().filter(|(_, c)| **c == w).map(|(k, _)| 0x80 << (8 * k)).sum();
                    assert_eq!(equal(x, w), want, "{bytes:?} == {w}");
                }
            }
        }
    }

    #[test]
    fn load_needs_eight_bytes() {
        assert_eq!(load(b"abcdefgh", 0), Some(u64::from_le_bytes(*b"abcdefgh")));
        assert_eq!(load(b"abcdefgh", 1), None);
        assert_eq!(load(b"", usize::MAX), None);
    }

    /// The run scanners against the byte loops they replaced: every byte
    /// value at every offset, after a hyphen or not, from the start or from
    /// the byte, with the run cut short by `end` or not.
    #[test]
    fn runs_end_where_the_byte_loops_do() {
        let naive = |b: &[u8], i: usize, end: usize, keep: fn(u8) -> bool| {
            (i..end).find(|&k| !keep(b[k])).unwrap_or(end.max(i))
        };
        for v in 0..=255u8 {
            for len in 1..20 {
                for at in 0..len {
                    let mut b = vec![b'q'; len];
                    b[at] = v;
                    if at > 2 {
                        b[at / 2] = b'-';
                    }
                    for from in [0, at] {
                        for end in [len, len.saturating_sub(3)] {
                            let letters = naive(&b, from, end, |c| c.is_ascii_alphabetic());
                            assert_eq!(
                                letters_end(&b, from, end),
                                letters,
                                "letters: {v} at {at} of {len}, {from}..{end}"
                            );
                            let word = naive(&b, from, end, |c| c.is_ascii_alphabetic() || c == b'-');
                            assert_eq!(word_end(&b, from, end), word, "word: {v} at {at} of {len}, {from}..{end}");
                        }
                        let digit = b[from..].iter().position(u8::is_ascii_digit).map(|k| from + k);
                        assert_eq!(next_digit(&b, from), digit, "digit: {v} at {at} of {len}, from {from}");
                    }
                }
            }
        }
        assert_eq!(next_digit(b"", 0), None);
        assert_eq!(next_digit(b"ab", 5), None);
        assert_eq!(letters_end(b"ab", 5, 2), 5);
    }
}
