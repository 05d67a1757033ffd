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
//!
//! Tags, comments and raw text are found as [`crate::attrs`] finds them
//! (the tokenizer's reading); SVG and MathML content is not followed.

use crate::attrs::{Markup, markup_at, raw_text_end, scan_tag};
use std::borrow::Cow;

/// Elements whose content is raw text: no tags inside until their end tag
/// (`name` lower-cased).
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed" | b"noframes" | b"noscript"
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
        // SVG and MathML content is not followed: its CDATA sections are
        // read as the bogus comments they are elsewhere
        let (closing, name_start, name_end) = match markup_at(b, j, false) {
            Markup::Tag { closing, name_start, name_end } => (closing, name_start, name_end),
            Markup::Comment { end } | Markup::Cdata { end } | Markup::Text { end } => {
                i = end;
                continue;
            }
        };
        let name = &b[name_start..name_end];
        let tag_end = scan_tag(b, name_end, usize::MAX).end;
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
            // a raw-text element's end tag closes nothing that counted
            if !no_depth(lname) && !raw_text(lname) {
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
        if lname == b"plaintext" {
            break; // the rest of the page is text
        }
        if raw_text(lname) {
            // Skip to the matching end tag; its content holds no markup.
            i = raw_text_end(b, tag_end, name);
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
            // comments end as the tokenizer ends them (`<!-->` at once);
            // declarations and bogus end tags hold no tags either
            ("<div><!--><div>x</div></div>", 1, "<div><!-->x</div>"),
            ("<div><!doctype <div>><?x <div>?></ <div>>x</div>", 1, "<div><!doctype <div>><?x <div>?></ <div>>x</div>"),
            // a raw-text element ends at its own end tag only, and
            // `<plaintext>` never ends
            ("<div><title></titles><div></title><div>x", 1, "<div><title></titles><div></title>x"),
            ("<div><plaintext><div><div>", 1, "<div><plaintext><div><div>"),
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
}
