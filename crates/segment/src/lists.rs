//! Bullets and numbered list items.
//!
//! Rules:
//! - A bullet (`•`, `‣`, `⁃`, `◦`, `▪`, `●`, `■`, `►`…, or `-`, `*`, `+`
//!   followed by a space) starts a new unit. At the start of a line it
//!   always does; inside a line the typographic bullets do when a space
//!   comes before them.
//! - A list marker at the start of a unit ("1.", "2)", "3.)", "(4)", "a.",
//!   "b)") is part of the item, never a sentence end.
//! - Items without final punctuation run together on one line ("1. Buy
//!   milk 2. Sell eggs"): after an item that starts with a marker, the
//!   marker with the next number or letter, after a space, starts the next
//!   item.

use memchr::memmem;

use crate::chars::{hspace_len, skip_hspace};

/// Length of the bullet at `i` (the bullet character only); `None` if none.
pub(crate) fn bullet_len(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i)? {
        b'-' | b'*' | b'+' if hspace_len(b, i + 1) > 0 => Some(1),
        0xC2 if b.get(i + 1) == Some(&0xB7) => Some(2), // ·
        0xE2 => {
            let (c1, c2) = (*b.get(i + 1)?, *b.get(i + 2)?);
            matches!(
                (c1, c2),
                (0x80, 0xA2 | 0xA3) // • ‣
                    | (0x81, 0x83) // ⁃
                    | (0x96, 0xA0 | 0xA1 | 0xAA | 0xAB | 0xB6 | 0xBA) // ■ □ ▪ ▫ ▶ ►
                    | (0x97, 0x8B | 0x8F | 0xA6) // ○ ● ◦
                    | (0x9E, 0xA2) // ➢
                    | (0x9C, 0x93 | 0x94) // ✓ ✔
            )
            .then_some(3)
        }
        _ => None,
    }
}

/// How a list marker is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// "1."
    Dot,
    /// "1)"
    Paren,
    /// "1.)"
    DotParen,
    /// "(1)"
    Enclosed,
}

/// A list marker: "1.", "2)", "3.)", "(4)", "a.", "b)", "(c)".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Marker {
    /// Its length in bytes.
    pub len: usize,
    style: Style,
    /// Its number, or its letter ('a' = 1).
    ordinal: u32,
    alpha: bool,
}

/// The list marker at `i`, when one is there and a space and a word follow.
pub(crate) fn marker_at(b: &[u8], i: usize) -> Option<Marker> {
    let enclosed = b.get(i) == Some(&b'(');
    let s = i + usize::from(enclosed);
    let mut j = s;
    while j < b.len() && j - s < 3 && b[j].is_ascii_digit() {
        j += 1;
    }
    let (ordinal, alpha) = if j > s {
        if j < b.len() && b[j].is_ascii_digit() {
            return None;
        }
        let n = b[s..j].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
        (n, false)
    } else if b.get(s).is_some_and(u8::is_ascii_lowercase) {
        j = s + 1;
        (u32::from(b[s] - b'a') + 1, true)
    } else {
        return None;
    };
    let style = match (enclosed, b.get(j), b.get(j + 1)) {
        (true, Some(b')'), _) => Style::Enclosed,
        (false, Some(b'.'), Some(b')')) => Style::DotParen,
        (false, Some(b'.'), _) => Style::Dot,
        (false, Some(b')'), _) => Style::Paren,
        _ => return None,
    };
    let len = j - i + if style == Style::DotParen { 2 } else { 1 };
    let k = skip_hspace(b, i + len, b.len());
    if k == i + len || k >= b.len() || b[k] == b'\n' {
        return None;
    }
    Some(Marker { len, style, ordinal, alpha })
}

/// Where the next item starts on this line: the marker that follows
/// `marker` in its list, searched from `from` to `line_end`.
pub(crate) fn next_item(b: &[u8], marker: &Marker, from: usize, line_end: usize) -> Option<usize> {
    let n = marker.ordinal + 1;
    if marker.alpha && n > 26 {
        return None;
    }
    let mut needle = [0u8; 8];
    let mut k = 0;
    needle[k] = b' ';
    k += 1;
    if marker.style == Style::Enclosed {
        needle[k] = b'(';
        k += 1;
    }
    if marker.alpha {
        needle[k] = b'a' + (n - 1) as u8;
        k += 1;
    } else {
        for d in n.to_string().bytes() {
            needle[k] = d;
            k += 1;
        }
    }
    for p in match marker.style {
        Style::Dot => &b"."[..],
        Style::Paren | Style::Enclosed => b")",
        Style::DotParen => b".)",
    } {
        needle[k] = *p;
        k += 1;
    }
    let end = line_end.min(b.len()).min(from + 4096);
    let hay = b.get(from..end)?;
    memmem::find_iter(hay, &needle[..k])
        .map(|p| from + p + 1)
        .find(|&p| marker_at(b, p) == Some(Marker { ordinal: n, ..*marker }))
}

/// Numbered and lettered lists and bullets inside one line.
#[cfg(test)]
pub(crate) const LISTS: crate::Examples = &[
    ("1.) Buy milk 2.) Sell eggs", &["1.) Buy milk", "2.) Sell eggs"]),
    ("1.) Buy milk. 2.) Sell eggs.", &["1.) Buy milk.", "2.) Sell eggs."]),
    ("1) Open the box 2) Take it out", &["1) Open the box", "2) Take it out"]),
    ("1) Open the box. 2) Take it out.", &["1) Open the box.", "2) Take it out."]),
    ("1. Open the box 2. Take it out 3. Close it", &["1. Open the box", "2. Take it out", "3. Close it"]),
    ("1. Open the box. 2. Take it out.", &["1. Open the box.", "2. Take it out."]),
    ("a. Open the box b. Take it out c. Close it", &["a. Open the box", "b. Take it out", "c. Close it"]),
    ("(1) Open the box (2) Take it out", &["(1) Open the box", "(2) Take it out"]),
    ("• 7. Open the box • 8. Take it out", &["• 7. Open the box", "• 8. Take it out"]),
    ("⁃7. Open the box ⁃8. Take it out", &["⁃7. Open the box", "⁃8. Take it out"]),
    ("Results • Cost fell • Sales rose", &["Results", "• Cost fell", "• Sales rose"]),
    ("He scored 1. Then he scored 2.", &["He scored 1.", "Then he scored 2."]),
    ("Pick option 1. Option 2. is worse.", &["Pick option 1.", "Option 2. is worse."]),
    ("There are options 1 and 2. Pick one.", &["There are options 1 and 2.", "Pick one."]),
    ("1. Step one covers 2 to 3 tasks.", &["1. Step one covers 2 to 3 tasks."]),
];
