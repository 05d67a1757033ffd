//! A linear pre-pass that caps the number of nodes the HTML parser builds
//! for one page, so that its memory is bounded whatever the page holds.
//!
//! The parsed tree costs several hundred bytes a node (the parser's node,
//! its name and attributes, and the extractor's own copy), against the
//! handful of bytes a tag like `<p>x</p>` takes in the source: a 10 MB page
//! of tiny paragraphs peaked at 370 MiB, and the largest page a batch
//! accepts (256 MiB) would need gigabytes. Real pages stay far below the
//! limit: the largest of the article benchmark's 127 news pages has about
//! 1,700 elements; the extractor's default limit is 100,000.
//!
//! Elements and comments are counted in page order, as [`crate::attrs`]
//! finds them (comments, declarations and the content of raw-text elements
//! hold no tags). Up to the limit the page is unchanged. Past it, the rest
//! of the page is read as text:
//!
//! - every start tag, end tag, comment and declaration is removed; a tag of
//!   a block element (`<p>`, `<div>`, `<td>`, `<br>`, ...) becomes a line
//!   break, so that the words of two cells or paragraphs stay apart;
//! - `<script>` and `<style>` elements are removed with their content, which
//!   is code, not text;
//! - all other text stays, character references included.
//!
//! The extractor then sees one long run of text after the last element it
//! keeps. Nothing of the page's text is lost, but the structure past the
//! limit is: boilerplate there (a footer after 100,000 elements) is no
//! longer told apart from the article.
//!
//! Pages with no more `<` than the limit come back unchanged, borrowed,
//! after one count of that byte.

use crate::attrs::{Markup, markup_at, raw_text_end, scan_tag};
use std::borrow::Cow;

/// Elements whose content the tokenizer reads as text until their end tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Past the limit, removed with their content (code, not text).
const CODE: &[&str] = &["script", "style"];

/// Past the limit, a tag of these becomes a line break (block elements and
/// `<br>`: their text is a separate line or cell).
#[rustfmt::skip]
const BREAKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "ul",
];

/// Elements that open SVG or MathML content (raw-text elements inside them
/// hold markup).
const FOREIGN: &[&str] = &["svg", "math"];

/// Returns `html` with every element and comment past the `max`-th read as
/// text (see the module doc); borrows when nothing had to change.
pub(crate) fn limit_elements(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Cheap exit: a page with no more `<` than the limit has no more nodes.
    if memchr::memchr_iter(b'<', b).take(max + 1).count() <= max {
        return Cow::Borrowed(html);
    }
    let mut cut = Cut { html, out: None, copied: 0 };
    let mut nodes = 0usize; // elements and comments seen
    // Past the limit: set by the first node over it (end tags before that
    // node stay, as they close elements that were kept).
    let mut cutting = false;
    let mut foreign = 0usize; // open `<svg>` and `<math>` elements, before the cut
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let j = i + off;
        // CDATA sections and the tags in SVG and MathML content are followed
        // up to the cut only: past it they are text
        let (closing, name_start, name_end) = match markup_at(b, j, !cutting && foreign > 0) {
            Markup::Tag { closing, name_start, name_end } => (closing, name_start, name_end),
            Markup::Comment { end } => {
                i = end;
                cutting |= nodes >= max;
                if cutting {
                    cut.remove(j, i, "");
                }
                nodes += 1;
                continue;
            }
            Markup::Cdata { end } | Markup::Text { end } => {
                i = end;
                continue;
            }
        };
        let name = &b[name_start..name_end];
        let is = |list: &[&str]| list.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name));
        let tag = scan_tag(b, name_end, usize::MAX);
        i = tag.end;
        cutting |= !closing && nodes >= max;
        if cutting {
            if !closing && is(CODE) {
                // the element, its content and its end tag
                let end_tag = raw_text_end(b, i, name);
                i = if end_tag < b.len() { scan_tag(b, end_tag + 2 + name.len(), usize::MAX).end } else { b.len() };
                cut.remove(j, i, "");
            } else {
                cut.remove(j, i, if is(BREAKS) { "\n" } else { "" });
            }
            continue;
        }
        if closing {
            if is(FOREIGN) {
                foreign = foreign.saturating_sub(1);
            }
            continue;
        }
        nodes += 1;
        if is(FOREIGN) {
            foreign += usize::from(!tag.self_closing);
            continue;
        }
        if foreign > 0 {
            if is(crate::attrs::BREAKOUT) {
                foreign = 0;
            } else {
                continue; // SVG and MathML elements hold markup, not raw text
            }
        }
        if i >= b.len() {
            continue;
        }
        if name.eq_ignore_ascii_case(b"plaintext") {
            break; // the rest of the page is text
        }
        if is(RAW_TEXT) {
            i = raw_text_end(b, i, name);
        }
    }
    cut.finish()
}

/// The page being rewritten: a copy made on the first removal.
struct Cut<'a> {
    html: &'a str,
    out: Option<String>,
    /// Bytes of `html` already copied into `out` (or skipped).
    copied: usize,
}

impl<'a> Cut<'a> {
    /// Copies the page up to `start`, skips `start..end` and writes `with`
    /// in its place.
    fn remove(&mut self, start: usize, end: usize, with: &str) {
        let s = self.out.get_or_insert_with(|| String::with_capacity(self.html.len()));
        // `start` is at '<' and `end` just past '>' or at the end of input:
        // both are char boundaries.
        s.push_str(&self.html[self.copied..start]);
        s.push_str(with);
        self.copied = end;
    }

    /// The rewritten page, or the page itself when nothing was removed.
    fn finish(self) -> Cow<'a, str> {
        match self.out {
            None => Cow::Borrowed(self.html),
            Some(mut s) => {
                s.push_str(&self.html[self.copied..]);
                Cow::Owned(s)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        // (input, max elements and comments, expected output)
        let cases: &[(&str, usize, &str)] = &[
            // at or under the limit: unchanged (end tags do not count)
            ("<p>a</p><p>b</p>", 2, "<p>a</p><p>b</p>"),
            // past it: block tags become line breaks, inline tags go, text stays
            ("<p>a</p><p>b</p><p>c <b>d</b>e</p>", 2, "<p>a</p><p>b</p>\nc de\n"),
            // end tags past the first element over the limit go too
            ("<div><p>a</p></div>", 1, "<div>\na\n\n"),
            ("<div><span>x</span><td>y</td><br>z", 1, "<div>x\ny\n\nz"),
            // comments and declarations count, and go past the limit
            ("<!-- a --><p>b<!-- c --><?x?><!doctype y>d", 2, "<!-- a --><p>bd"),
            // scripts and styles past the limit go with their content
            ("<p>a<script>if (a<b) x()</script>b<style>p{}</STYLE >c", 1, "<p>abc"),
            ("<p>a<script>never closed", 1, "<p>a"),
            // other raw text past the limit stays as text, its markup too goes
            ("<p>a<textarea>b <i>c</i></textarea>", 1, "<p>ab c"),
            // before the limit, tags inside comments and raw text are not counted
            (
                "<script>'<p><p><p>'</script><!-- <p><p> --><p>x<p>y",
                3,
                "<script>'<p><p><p>'</script><!-- <p><p> --><p>x\ny",
            ),
            // '>' inside a quoted attribute does not end the tag
            ("<p title='a>b'>x<a href='>'>y</a>", 1, "<p title='a>b'>xy"),
            // a '<' that starts no tag is text
            ("<p>1 < 2<p>3 <> 4", 1, "<p>1 < 2\n3 <> 4"),
            // non-ASCII text survives the rewrite
            ("<p>é<p>ü<i>ß</i>", 1, "<p>é\nüß"),
            // truncated input
            ("<p>a<p>b<di", 1, "<p>a\nb"),
        ];
        for &(input, max, want) in cases {
            assert_eq!(limit_elements(input, max), want, "input {input:?}");
        }
    }

    #[test]
    fn borrows_when_unchanged() {
        assert!(matches!(limit_elements("<p>a</p><p>b</p>", 2), Cow::Borrowed(_)));
        // more `<` than the limit, but not more elements
        assert!(matches!(limit_elements("<p>a</p><p>b</p>", 3), Cow::Borrowed(_)));
    }

    /// The repository's HTML fixtures (real news pages) pass unchanged.
    #[test]
    fn real_pages_unchanged() {
        crate::assert_real_pages_unchanged(limit_elements, 100_000);
    }

    /// 300,000 paragraphs are cut to the limit, and every word of the page
    /// is still there, each on its own line.
    #[test]
    fn paragraph_bomb_is_cut_to_the_limit() {
        let n = 300_000;
        let html: String = (0..n).map(|i| format!("<p>w{i}.</p>")).collect();
        let cut = limit_elements(&html, 1_000);
        assert_eq!(memchr::memchr_iter(b'<', cut.as_bytes()).count(), 2 * 1_000);
        let words: Vec<&str> = cut.split(['>', '<', '\n']).filter(|w| w.starts_with('w')).collect();
        assert_eq!(words.len(), n);
        assert_eq!(words[n - 1], format!("w{}.", n - 1));
    }
}
