//! Byte classes tested eight bytes at a time (SWAR), for the scanners of
//! every stage: the runs they skip ([`letters_end`] for the extractor's
//! words, [`word_end`] for attribution's cue words) and the places they
//! stop at ([`capitals_and_digits`] for the entity index's names and model
//! codes). [`Lanes`] tests sixteen at a time with SSE2 on x86-64 (the
//! extractor's blocks, the segmenter's next stop, the entity index's
//! capitals and digits); the eight-byte tests are its fallback on other
//! processors.
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

/// Sixteen bytes compared at once with SSE2, which every x86-64 processor
/// has: each test gives a mask with bit k set for byte k. The scanners of
/// every stage use it to find their next stop among sixteen bytes in a
/// few instructions (the eight-byte tests above are the fallback on other
/// processors).
#[cfg(target_arch = "x86_64")]
#[derive(Clone, Copy)]
pub struct Lanes(std::arch::x86_64::__m128i);

#[cfg(target_arch = "x86_64")]
#[allow(unsafe_code)]
impl Lanes {
    /// The sixteen bytes of `b` from `i`, zeros for those past its end
    /// (`i` at most `b.len()`).
    #[inline]
    pub fn load(b: &[u8], i: usize) -> Lanes {
        let chunk = |s: &[u8]| {
            let lo = u64::from_le_bytes(s[..8].try_into().expect("eight bytes"));
            let hi = u64::from_le_bytes(s[8..16].try_into().expect("eight bytes"));
            (lo, hi)
        };
        let (lo, hi) = match b.get(i..i + 16) {
            Some(s) => chunk(s),
            None => {
                let mut pad = [0u8; 16];
                let rest = &b[i.min(b.len())..];
                pad[..rest.len()].copy_from_slice(rest);
                chunk(&pad)
            }
        };
        // SAFETY (this and the methods below): the intrinsics only compute
        // on values (no memory is read), and SSE2 is part of the x86-64
        // baseline, so every x86-64 processor runs them
        Lanes(unsafe { std::arch::x86_64::_mm_set_epi64x(hi as i64, lo as i64) })
    }

    /// The bytes equal to `c`.
    #[inline]
    pub fn eq(self, c: u8) -> u16 {
        use std::arch::x86_64::*;
        unsafe { _mm_movemask_epi8(_mm_cmpeq_epi8(self.0, _mm_set1_epi8(c as i8))) as u16 }
    }

    /// The bytes in `lo..=hi` (unsigned).
    #[inline]
    pub fn in_range(self, lo: u8, hi: u8) -> u16 {
        use std::arch::x86_64::*;
        unsafe {
            // x - lo wraps below lo; it is at most hi - lo exactly when it is unchanged by min
            let d = _mm_sub_epi8(self.0, _mm_set1_epi8(lo as i8));
            _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(hi.wrapping_sub(lo) as i8)), d)) as u16
        }
    }

    /// The bytes that are not ASCII (0x80 and above).
    #[inline]
    pub fn high(self) -> u16 {
        use std::arch::x86_64::*;
        unsafe { _mm_movemask_epi8(self.0) as u16 }
    }

    /// The ASCII letters: bytes in `a..=z` once bit 5 (the case bit) is set.
    #[inline]
    pub fn letters(self) -> u16 {
        use std::arch::x86_64::*;
        Lanes(unsafe { _mm_or_si128(self.0, _mm_set1_epi8(0x20)) }).in_range(b'a', b'z')
    }
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

/// How many bytes [`capitals_and_digits`] tests at once: sixteen with
/// SSE2 ([`Lanes`]), eight elsewhere.
pub const BLOCK: usize = if cfg!(target_arch = "x86_64") { 16 } else { 8 };

/// Every block of [`BLOCK`] bytes of `b`, from its start (the last one
/// padded with zeros): its first position, and masks with bit k set for
/// byte k that is an ASCII capital, and for one that is an ASCII digit.
/// The entity index looks at these: names and codes begin with them.
#[inline]
pub fn capitals_and_digits(b: &[u8]) -> impl Iterator<Item = (usize, u16, u16)> + '_ {
    (0..b.len().div_ceil(BLOCK)).map(move |k| {
        let i = k * BLOCK;
        #[cfg(target_arch = "x86_64")]
        {
            let v = Lanes::load(b, i);
            (i, v.in_range(b'A', b'Z'), v.in_range(b'0', b'9'))
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            capitals_and_digits_swar(b, i)
        }
    })
}

/// The block of [`capitals_and_digits`] at `i`, eight bytes tested at once.
#[cfg(any(not(target_arch = "x86_64"), test))]
#[inline]
fn capitals_and_digits_swar(b: &[u8], i: usize) -> (usize, u16, u16) {
    let x = load(b, i).unwrap_or_else(|| {
        let mut pad = [0u8; 8];
        let rest = &b[i.min(b.len())..];
        pad[..rest.len()].copy_from_slice(rest);
        u64::from_le_bytes(pad)
    });
    (i, byte_bits(in_range(x, b'A', b'Z')), byte_bits(in_range(x, b'0', b'9')))
}

/// The high bits of a mask's eight bytes as bits 0 to 7 (bit k for byte
/// k): the multiplication moves each into the top byte, none overlapping.
#[cfg(any(not(target_arch = "x86_64"), test))]
#[inline]
fn byte_bits(mask: u64) -> u16 {
    ((mask >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u16
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

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn lanes_test_each_byte_exactly() {
        let mask = |b: &[u8], f: &dyn Fn(u8) -> bool| -> u16 {
            b.iter().take(16).enumerate().filter(|(_, c)| f(**c)).map(|(k, _)| 1 << k).sum()
        };
        for v in 0..=255u8 {
            for lane in 0..16 {
                let mut b: Vec<u8> = (0..16).map(|k| v.wrapping_add(k as u8 * 17)).collect();
                b[lane] = v;
                let l = Lanes::load(&b, 0);
                assert_eq!(l.letters(), mask(&b, &|c| c.is_ascii_alphabetic()), "{b:?}");
                assert_eq!(l.eq(v), mask(&b, &|c| c == v), "{b:?}");
                for (lo, hi) in [(b'0', b'9'), (b'A', b'Z'), (0x82, 0x83), (0, 0xff), (0xc0, 0xff), (v, v)] {
                    assert_eq!(l.in_range(lo, hi), mask(&b, &|c| (lo..=hi).contains(&c)), "{b:?} in {lo}..={hi}");
                }
            }
        }
        // past the end: zeros
        let l = Lanes::load(b"ab", 0);
        assert_eq!(l.letters(), 0b11);
        assert_eq!(l.eq(0), !0b11);
        assert_eq!(Lanes::load(b"ab", 2).eq(0), u16::MAX);
    }

    /// Every block's masks, both ways of computing them, against the
    /// byte loop: each byte value in each place, texts of every length
    /// up to three blocks.
    #[test]
    fn capitals_and_digits_are_the_bytes_that_are() {
        let want = |b: &[u8], i: usize, f: fn(&u8) -> bool| -> u16 {
            b.iter().skip(i).take(BLOCK).enumerate().filter(|(_, c)| f(c)).map(|(k, _)| 1 << k).sum()
        };
        for v in 0..=255u8 {
            for len in 0..3 * 16 {
                // around the classes' bounds: '@' '[' before and after the capitals, '/' ':' the digits
                const AROUND: &[u8] = b"aZ0 9A\xc3@[/:`{";
                let mut b: Vec<u8> = (0..len).map(|k| AROUND[k % AROUND.len()]).collect();
                if len > 0 {
                    b[usize::from(v) % len] = v;
                }
                let blocks: Vec<_> = capitals_and_digits(&b).collect();
                assert_eq!(blocks.len(), len.div_ceil(BLOCK));
                for (i, upper, digits) in blocks {
                    assert_eq!(upper, want(&b, i, u8::is_ascii_uppercase), "{b:?} at {i}");
                    assert_eq!(digits, want(&b, i, u8::is_ascii_digit), "{b:?} at {i}");
                }
                for i in (0..len).step_by(8) {
                    let (_, upper, digits) = capitals_and_digits_swar(&b, i);
                    let eight = |m: u16| m & 0xff;
                    assert_eq!(upper, eight(want(&b, i, u8::is_ascii_uppercase)), "{b:?} at {i} (eight at a time)");
                    assert_eq!(digits, eight(want(&b, i, u8::is_ascii_digit)), "{b:?} at {i} (eight at a time)");
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
                    }
                }
            }
        }
        assert_eq!(letters_end(b"ab", 5, 2), 5);
    }
}
