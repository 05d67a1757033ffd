//! A linear pre-pass that caps element nesting before the HTML parser sees
//! the page.
//!
//! The HTML tree builder checks "is there a `<p>` in button scope?" by walking
//! the stack of open elements on many start tags, so a page of 100,000 nested
//! `<div>`s costs time quadratic in its depth (tens of seconds). Browsers cap
//! the DOM depth while parsing (Blink at 512); this pass does the same on the
//! source: a start tag that would open an element deeper than the limit is
//! dropped together with its end tag, and the content is kept. Pages below
//! the limit are returned unchanged without copying.

use std::borrow::Cow;

/// Elements whose content is raw text: no tags inside until their end tag
/// (`name` lower-cased).
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// Elements that never nest: void elements, and elements that the parser
/// closes implicitly (an unclosed `<p>` or `<li>` does not deepen the
/// tree). `name` is lower-cased; a `match`, not a list, as this is asked
/// of every tag.
#[rustfmt::skip]
fn no_depth(name: &[u8]) -> bool {
    matches!(
        name,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link" | b"meta"
            | b"param" | b"source" | b"track" | b"wbr" | b"keygen" | b"p" | b"li" | b"dt" | b"dd" | b"tr"
            | b"td" | b"th" | b"tbody" | b"thead" | b"tfoot" | b"option" | b"optgroup" | b"rb" | b"rt"
            | b"rp" | b"rtc" | b"colgroup" | b"caption" | b"html" | b"head" | b"body" | b"frame"
            | b"basefont" | b"bgsound" | b"image"
    )
}

/// Returns `html` with start tags deeper than `max_depth` (and their end tags)
/// removed; borrows when nothing had to change.
pub(crate) fn limit_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Cheap exit: fewer tags than the limit cannot nest deeper than it.
    if memchr::memchr_iter(b'<', b).take(max_depth + 1).count() <= max_depth {
        return Cow::Borrowed(html);
    }
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `html` already copied into `out`
    let mut depth = 0usize;
    let mut over = 0usize; // open tags dropped whose end tags are still to come
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let j = i + off;
        let rest = &b[j..];
        if rest.starts_with(b"<!--") {
            i = find(b, j + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if rest.len() > 1 && (rest[1] == b'!' || rest[1] == b'?') {
            i = memchr::memchr(b'>', &b[j..]).map_or(b.len(), |e| j + e + 1);
            continue;
        }
        let closing = rest.len() > 1 && rest[1] == b'/';
        let name_start = if closing { j + 2 } else { j + 1 };
        if name_start >= b.len() || !b[name_start].is_ascii_alphabetic() {
            i = j + 1;
            continue;
        }
        let mut name_end = name_start;
        while name_end < b.len() && !b[name_end].is_ascii_whitespace() && b[name_end] != b'>' && b[name_end] != b'/' {
            name_end += 1;
        }
        let name = &b[name_start..name_end];
        let tag_end = tag_end(b, name_end);
        // Lowercase the name once (names longer than any listed one match nothing).
        let mut buf = [0u8; 12];
        let short = name.len() <= buf.len();
        if short {
            for (d, s) in buf.iter_mut().zip(name) {
                *d = s.to_ascii_lowercase();
            }
        }
        let lname = &buf[..if short { name.len() } else { 0 }];
        if closing {
            if !no_depth(lname) {
                if over > 0 {
                    over -= 1;
                    drop_range(html, &mut out, &mut copied, j, tag_end);
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
            i = tag_end;
            continue;
        }
        if raw_text(lname) {
            // Skip to the matching end tag; its content holds no markup.
            i = find_end_tag(b, tag_end, name).unwrap_or(b.len());
            continue;
        }
        if !no_depth(lname) {
            if depth >= max_depth {
                over += 1;
                drop_range(html, &mut out, &mut copied, j, tag_end);
            } else {
                depth += 1;
            }
        }
        i = tag_end;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// Copies `html[copied..start]` into `out` and skips `start..end`.
pub(crate) fn drop_range(html: &str, out: &mut Option<String>, copied: &mut usize, start: usize, end: usize) {
    let s = out.get_or_insert_with(|| String::with_capacity(html.len()));
    // `start` is at '<' and `end` just past '>' or at the end: both are char boundaries.
    s.push_str(&html[*copied..start]);
    *copied = end;
}

/// Index just past the `>` that ends the tag whose attributes start at `from`
/// (quoted attribute values may hold `>`), or the end of input.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut k = from;
    while let Some(off) = memchr::memchr3(b'>', b'"', b'\'', &b[k..]) {
        let p = k + off;
        let c = b[p];
        if c == b'>' {
            return p + 1;
        }
        // A quote only opens a value right after `=` (possibly spaced);
        // the value runs to the next such quote.
        let mut q = p;
        while q > from && b[q - 1].is_ascii_whitespace() {
            q -= 1;
        }
        k = if q > from && b[q - 1] == b'=' {
            match memchr::memchr(c, &b[p + 1..]) {
                Some(e) => p + 1 + e + 1,
                None => return b.len(),
            }
        } else {
            p + 1
        };
    }
    b.len()
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| from + p)
}

/// Position of `</name` (any case) at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut k = from;
    while let Some(off) = memchr::memchr(b'<', b.get(k..)?) {
        let p = k + off;
        let n = p + 2;
        if b.get(p + 1) == Some(&b'/') && b.len() >= n + name.len() && b[n..n + name.len()].eq_ignore_ascii_case(name) {
            return Some(p);
        }
        k = p + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        // (input, max depth, expected output)
        let cases: &[(&str, usize, &str)] = &[
            // under the limit: unchanged
            ("<div><div>x</div></div>", 2, "<div><div>x</div></div>"),
            // over the limit: the deepest open and end tags go, the text stays
            ("<div><div><div>x</div></div></div>", 2, "<div><div>x</div></div>"),
            // unclosed paragraphs and void elements do not deepen
            ("<div><p>a<p>b<br><p>c</div>", 1, "<div><p>a<p>b<br><p>c</div>"),
            // tags inside comments and scripts are not counted
            (
                "<div><!-- <div><div> --><script>'<div><div>'</script>x</div>",
                1,
                "<div><!-- <div><div> --><script>'<div><div>'</script>x</div>",
            ),
            // '>' inside a quoted attribute does not end the tag
            ("<div title='a>b'><span>x</span></div>", 1, "<div title='a>b'>x</div>"),
            // non-ASCII text survives the rewrite
            ("<b><i>é</i>ü</b>", 1, "<b>éü</b>"),
            // truncated input
            ("<div><div><div", 1, "<div>"),
        ];
        for &(input, max, want) in cases {
            assert_eq!(limit_nesting(input, max), want, "input {input:?}");
        }
    }

    #[test]
    fn borrows_when_unchanged() {
        assert!(matches!(limit_nesting("<p>a</p>", 512), Cow::Borrowed(_)));
    }

    /// The repository's HTML fixtures (real news pages) pass unchanged.
    #[test]
    fn real_pages_unchanged() {
        crate::assert_real_pages_unchanged(limit_nesting, 512);
    }

    /// The byte-at-a-time reading `tag_end` replaced, kept as its reference.
    fn tag_end_bytewise(b: &[u8], from: usize) -> usize {
        let mut quote = 0u8;
        let mut k = from;
        while k < b.len() {
            let c = b[k];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                let mut p = k;
                while p > from && b[p - 1].is_ascii_whitespace() {
                    p -= 1;
                }
                if p > from && b[p - 1] == b'=' {
                    quote = c;
                }
            } else if c == b'>' {
                return k + 1;
            }
            k += 1;
        }
        b.len()
    }

    proptest::proptest! {
        /// `tag_end` ends every tag where the byte-at-a-time reading does.
        #[test]
        fn tag_end_agrees_with_the_bytewise_reading(s in "[a= '\">x\n]{0,24}", from in 0usize..4) {
            let b = s.as_bytes();
            let from = from.min(b.len());
            proptest::prop_assert_eq!(tag_end(b, from), tag_end_bytewise(b, from));
        }
    }
}
