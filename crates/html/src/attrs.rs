//! A linear pre-pass that caps the number of attributes a tag carries before
//! the HTML parser sees the page.
//!
//! The HTML tokenizer (html5ever, inside `scraper`) checks every attribute of
//! a tag against all earlier attributes of the same tag for duplicates, so one
//! tag with n attributes costs n²/2 comparisons: a 1.9 MB `<p>` with 200,000
//! attributes took over 30 s. Later `<html>` and `<body>` start tags add their
//! attributes to the first ones by a sorted insert each, which is quadratic
//! in their total too.
//!
//! This pass keeps the first `max` attributes of each tag (start or end tag,
//! duplicates counted) and drops the rest, and it caps the attributes of all
//! `<html>` start tags together, and of all `<body>` start tags together, at
//! `max` as well. The tag itself, its name, its `>` (and a `/` just before it)
//! and everything outside tags stay. A page where no tag has more than `max`
//! attributes comes back unchanged, borrowed: browsers put no such limit, and
//! real pages stay far below it (the extractor's default is 256).
//!
//! Tags are found as the HTML tokenizer finds them: comments, `<!...>` and
//! `<?...>` declarations, bogus end tags and the content of raw-text elements
//! (`<script>`, `<style>`, `<title>`, `<textarea>`, ...) hold no tags, except
//! inside `<svg>` and `<math>`, and attribute boundaries follow the
//! tokenizer's attribute states (a quote opens a value only after `=`;
//! `a="1"b=2` is two attributes). It is a close reading, not a full one
//! (HTML integration points inside SVG, such as `<foreignObject>`, are
//! read as SVG): where it misreads, a tag may keep more attributes than the
//! limit, or text that looks like a tag may lose some of its "attributes".

use std::borrow::Cow;

/// Elements whose content the tokenizer reads as text until their end tag
/// (in HTML content; inside SVG and MathML they hold markup).
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Elements that open SVG or MathML content.
const FOREIGN: &[&str] = &["svg", "math"];

/// Start tags that end SVG or MathML content (the tree builder's
/// "breakout" tags; `<font>` with attributes is left out).
#[rustfmt::skip]
pub(crate) const BREAKOUT: &[&str] = &[
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "h1",
    "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol",
    "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
];

/// Returns `html` with the attributes past the `max`-th of any tag removed
/// (and past the `max`-th of all `<html>`, and of all `<body>`, start tags
/// together); borrows when nothing had to change.
pub(crate) fn limit_attributes(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `html` already copied into `out`
    let mut html_left = max; // attributes still allowed on `<html>` start tags
    let mut body_left = max; // and on `<body>` start tags
    let mut foreign = 0usize; // open `<svg>` and `<math>` elements
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let (closing, name_start, name_end) = match markup_at(b, i + off, foreign > 0) {
            Markup::Tag { closing, name_start, name_end } => (closing, name_start, name_end),
            Markup::Comment { end } | Markup::Cdata { end } | Markup::Text { end } => {
                i = end;
                continue;
            }
        };
        let name = &b[name_start..name_end];
        let budget = match name {
            _ if closing => max,
            n if n.eq_ignore_ascii_case(b"html") => html_left,
            n if n.eq_ignore_ascii_case(b"body") => body_left,
            _ => max,
        };
        let tag = scan_tag(b, name_end, budget);
        if !closing {
            if name.eq_ignore_ascii_case(b"html") {
                html_left -= tag.count.min(html_left);
            } else if name.eq_ignore_ascii_case(b"body") {
                body_left -= tag.count.min(body_left);
            }
        }
        if let Some((start, end)) = tag.cut {
            let s = out.get_or_insert_with(|| String::with_capacity(html.len()));
            // `start` is at the first byte of an attribute name, just after
            // an ASCII separator, and `end` at `/`, `>` or the end of input:
            // all char boundaries.
            s.push_str(&html[copied..start]);
            copied = end;
        }
        i = tag.end;
        let is = |list: &[&str]| list.iter().any(|t| t.as_bytes().eq_ignore_ascii_case(name));
        if closing {
            if is(FOREIGN) {
                foreign = foreign.saturating_sub(1);
            }
            continue;
        }
        if is(FOREIGN) {
            foreign += usize::from(!tag.self_closing);
            continue;
        }
        if foreign > 0 {
            if is(BREAKOUT) {
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
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// What the HTML tokenizer reads at a `<`, for the pre-passes that follow
/// its tags ([`markup_at`]).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Markup {
    /// A comment (`<!-- -->`, ended as the tokenizer ends it) or a bogus
    /// one: `<!doctype ...>`, `<?xml ...?>`, `</ x>`, up to the next `>`.
    /// `end` is just past it, or the end of input.
    Comment {
        /// Index just past the comment.
        end: usize,
    },
    /// A CDATA section (`<![CDATA[ ... ]]>`, read as such only inside SVG
    /// and MathML; elsewhere it is a bogus comment).
    Cdata {
        /// Index just past `]]>`, or the end of input.
        end: usize,
    },
    /// A `<` that starts no markup: text, read on from `end`.
    Text {
        /// The byte after the `<`.
        end: usize,
    },
    /// A start or end tag; its attributes start at `name_end` (read them
    /// with [`scan_tag`]).
    Tag {
        /// `</name`.
        closing: bool,
        /// Where the name starts (after `<` or `</`).
        name_start: usize,
        /// Where it ends: at whitespace, `/`, `>` or the end of input.
        name_end: usize,
    },
}

/// Reads the markup at the `<` at `j` as the tokenizer does in its data
/// state; `foreign`: inside SVG or MathML content, where `<![CDATA[`
/// opens a CDATA section.
#[inline(always)]
pub(crate) fn markup_at(b: &[u8], j: usize, foreign: bool) -> Markup {
    let rest = &b[j..];
    if rest.starts_with(b"<!--") {
        return Markup::Comment { end: comment_end(b, j + 4) };
    }
    if foreign && rest.starts_with(b"<![CDATA[") {
        return Markup::Cdata { end: memchr::memmem::find(rest, b"]]>").map_or(b.len(), |e| j + e + 3) };
    }
    let closing = rest.get(1) == Some(&b'/');
    let name_start = if closing { j + 2 } else { j + 1 };
    match b.get(name_start) {
        Some(c) if c.is_ascii_alphabetic() => {}
        Some(&c) if (!closing && (c == b'!' || c == b'?')) || (closing && c != b'>') => {
            let end = memchr::memchr(b'>', &b[name_start..]).map_or(b.len(), |e| name_start + e + 1);
            return Markup::Comment { end };
        }
        _ => return Markup::Text { end: j + 1 },
    }
    let mut name_end = name_start;
    while name_end < b.len() && !is_space(b[name_end]) && b[name_end] != b'/' && b[name_end] != b'>' {
        name_end += 1;
    }
    Markup::Tag { closing, name_start, name_end }
}

/// The whitespace of the HTML tokenizer (a CR is read as a line feed).
pub(crate) fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// What [`scan_tag`] found in one tag.
pub(crate) struct Scanned {
    /// Index just past the tag's `>`, or the end of input.
    pub(crate) end: usize,
    /// Attributes in the tag (duplicates counted).
    count: usize,
    /// The bytes to drop: from the first attribute over the budget to the
    /// tag's `/>` or `>` (or the end of input).
    cut: Option<(usize, usize)>,
    /// The tag ends with `/>`.
    pub(crate) self_closing: bool,
}

/// Reads the attributes of a tag whose name ends at `from`, following the
/// tokenizer's states from "before attribute name" on.
pub(crate) fn scan_tag(b: &[u8], from: usize, budget: usize) -> Scanned {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Quoted(u8),
        Unquoted,
        AfterQuoted,
        SelfClosing,
    }
    use State::*;
    let mut state = BeforeName;
    let mut count = 0usize;
    let mut cut_start: Option<usize> = None;
    let mut k = from;
    while k < b.len() {
        let c = b[k];
        // An attribute starts here (the byte is read again in `Name`).
        let mut start_attr = |k: usize| {
            count += 1;
            if count > budget && cut_start.is_none() {
                cut_start = Some(k);
            }
        };
        match state {
            BeforeName => match c {
                _ if is_space(c) => {}
                b'/' | b'>' => {
                    state = AfterName;
                    continue;
                }
                _ => {
                    start_attr(k);
                    state = Name; // `=` here starts a name
                }
            },
            Name => match c {
                _ if is_space(c) || c == b'/' || c == b'>' => {
                    state = AfterName;
                    continue;
                }
                b'=' => state = BeforeValue,
                _ => {}
            },
            AfterName => match c {
                _ if is_space(c) => {}
                b'/' => state = SelfClosing,
                b'=' => state = BeforeValue,
                b'>' => return finish(k, false, count, cut_start),
                _ => {
                    start_attr(k);
                    state = Name;
                }
            },
            BeforeValue => match c {
                _ if is_space(c) => {}
                b'"' | b'\'' => state = Quoted(c),
                b'>' => return finish(k, false, count, cut_start),
                _ => state = Unquoted,
            },
            Quoted(q) => {
                // the value runs to the next `q`: jump there
                match memchr::memchr(q, &b[k..]) {
                    Some(off) => {
                        k += off + 1;
                        state = AfterQuoted;
                        continue;
                    }
                    None => break,
                }
            }
            Unquoted => match c {
                _ if is_space(c) => state = BeforeName,
                b'>' => return finish(k, false, count, cut_start),
                _ => {}
            },
            AfterQuoted => match c {
                _ if is_space(c) => state = BeforeName,
                b'/' => state = SelfClosing,
                b'>' => return finish(k, false, count, cut_start),
                _ => {
                    state = BeforeName;
                    continue;
                }
            },
            SelfClosing => match c {
                b'>' => return finish(k, true, count, cut_start),
                _ => {
                    state = BeforeName;
                    continue;
                }
            },
        }
        k += 1;
    }
    // End of input inside the tag: the tokenizer drops the tag; so do we
    // drop its attributes past the budget.
    Scanned { end: b.len(), count, cut: cut_start.map(|s| (s, b.len())), self_closing: false }
}

/// The tag ends with the `>` at `gt` (after a `/` when `self_closing`).
fn finish(gt: usize, self_closing: bool, count: usize, cut_start: Option<usize>) -> Scanned {
    let keep_from = if self_closing { gt - 1 } else { gt };
    Scanned { end: gt + 1, count, cut: cut_start.map(|s| (s, keep_from.max(s))), self_closing }
}

/// Index just past the comment whose text starts at `from` (after `<!--`):
/// `<!-->` and `<!--->` end at once, else the first `-->` or `--!>`.
pub(crate) fn comment_end(b: &[u8], from: usize) -> usize {
    let rest = &b[from.min(b.len())..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut k = from;
    while let Some(p) = b.get(k..).and_then(|s| memchr::memmem::find(s, b"--")) {
        let p = k + p;
        match b.get(p + 2) {
            Some(b'>') => return p + 3,
            Some(b'!') if b.get(p + 3) == Some(&b'>') => return p + 4,
            _ => k = p + 1,
        }
    }
    b.len()
}

/// Position of the end tag that closes a raw-text element named `name`
/// (`</name` in any case, then whitespace, `/` or `>`), at or after `from`;
/// the end of input when there is none.
pub(crate) fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut k = from;
    while let Some(off) = memchr::memmem::find(&b[k..], b"</") {
        let p = k + off;
        let n = p + 2;
        let after = n + name.len();
        if b.len() >= after
            && b[n..after].eq_ignore_ascii_case(name)
            && (after == b.len() || is_space(b[after]) || b[after] == b'/' || b[after] == b'>')
        {
            return p;
        }
        k = p + 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        // (input, max attributes, expected output)
        let cases: &[(&str, usize, &str)] = &[
            // at or under the limit: unchanged
            ("<p a=1 b='2' c>x</p>", 3, "<p a=1 b='2' c>x</p>"),
            // over it: the attributes past the limit go, the rest stays
            ("<p a=1 b='2' c d=\"4\">x</p>", 2, "<p a=1 b='2' >x</p>"),
            ("<img a b c/>", 1, "<img a />"),
            // duplicates count; `a="1"b=2` is two attributes
            ("<p a a a>x", 2, "<p a a >x"),
            ("<p a=\"1\"b=2>x", 1, "<p a=\"1\">x"),
            // `>` inside a quoted value does not end the tag, `=` starts a name
            ("<p a='>' b c>x", 1, "<p a='>' >x"),
            ("<p = b>x", 1, "<p = >x"),
            // end tags are capped too
            ("</p a b c>", 1, "</p a >"),
            // tags inside comments, declarations and raw text are text
            ("<!-- <p a b c> --><p a>", 1, "<!-- <p a b c> --><p a>"),
            ("<!--><p a b>", 1, "<!--><p a >"),
            ("<!doctype html a b c><p a>", 1, "<!doctype html a b c><p a>"),
            ("</ p a b c><p a>", 1, "</ p a b c><p a>"),
            ("<script>'<p a b c>'</script><p a b>", 1, "<script>'<p a b c>'</script><p a >"),
            ("<title>x</titles><p a b></title><p a b>", 1, "<title>x</titles><p a b></title><p a >"),
            ("<plaintext><p a b c>", 1, "<plaintext><p a b c>"),
            // inside SVG and MathML, <style> and <title> hold markup, until
            // the foreign element ends or a tag such as <p> breaks out of it
            ("<svg><style><p a b></style></svg><style><p a b>", 1, "<svg><style><p a ></style></svg><style><p a b>"),
            ("<math><title><i a b></title><p><title><i a b>", 1, "<math><title><i a ></title><p><title><i a b>"),
            ("<svg/><title><i a b>", 1, "<svg/><title><i a b>"),
            ("<svg><![CDATA[ > <i a b> ]]><i a b>", 1, "<svg><![CDATA[ > <i a b> ]]><i a >"),
            // all <body> start tags share one budget
            ("<body a b><body c d><p e f>", 3, "<body a b><body c ><p e f>"),
            ("<html a><html b>", 1, "<html a><html >"),
            // unfinished tag, non-ASCII values
            ("<p é=ü b c", 1, "<p é=ü "),
            ("<p a=\"ü\" b=é>x", 1, "<p a=\"ü\" >x"),
        ];
        for &(input, max, want) in cases {
            assert_eq!(limit_attributes(input, max), want, "input {input:?}");
        }
    }

    #[test]
    fn markup_examples() {
        use Markup::*;
        // (input, in SVG or MathML, what the `<` at 0 starts)
        let cases: &[(&str, bool, Markup)] = &[
            ("<p class=x>", false, Tag { closing: false, name_start: 1, name_end: 2 }),
            ("</DIV >", false, Tag { closing: true, name_start: 2, name_end: 5 }),
            ("<br/>", false, Tag { closing: false, name_start: 1, name_end: 3 }),
            ("<p", false, Tag { closing: false, name_start: 1, name_end: 2 }),
            // comments end as the tokenizer ends them
            ("<!-- a --> b", false, Comment { end: 10 }),
            ("<!-->x", false, Comment { end: 5 }),
            ("<!-- a --!>x", false, Comment { end: 11 }),
            ("<!-- never closed", false, Comment { end: 17 }),
            // declarations, processing instructions and bogus end tags run to `>`
            ("<!doctype html>x", false, Comment { end: 15 }),
            ("<?xml a?>x", false, Comment { end: 9 }),
            ("</ p>x", false, Comment { end: 5 }),
            // CDATA only in foreign content; elsewhere a bogus comment
            ("<![CDATA[ > ]]>x", true, Cdata { end: 15 }),
            ("<![CDATA[ > ]]>x", false, Comment { end: 11 }),
            // no markup: text
            ("< p>", false, Text { end: 1 }),
            ("<3", false, Text { end: 1 }),
            ("</>", false, Text { end: 1 }),
            ("<", false, Text { end: 1 }),
        ];
        for (input, foreign, want) in cases {
            assert_eq!(&markup_at(input.as_bytes(), 0, *foreign), want, "input {input:?}");
        }
    }

    #[test]
    fn borrows_when_unchanged() {
        assert!(matches!(limit_attributes("<p class=a id=b>x</p>", 256), Cow::Borrowed(_)));
    }

    /// The repository's HTML fixtures (real news pages) pass unchanged.
    #[test]
    fn real_pages_unchanged() {
        crate::assert_real_pages_unchanged(limit_attributes, 256);
    }

    /// One tag with 200,000 attributes keeps exactly `max` of them, and the
    /// page's text survives.
    #[test]
    fn attribute_bomb_is_cut_to_the_limit() {
        let n = 200_000;
        let attrs: Vec<String> = (0..n).map(|i| format!("a{i}=1")).collect();
        let html = format!("<p {}>It cost $5 million.</p>", attrs.join(" "));
        let cut = limit_attributes(&html, 256);
        let scanned = scan_tag(cut.as_bytes(), 2, usize::MAX);
        assert_eq!(scanned.count, 256);
        assert!(cut.ends_with(" a255=1 >It cost $5 million.</p>"), "{}", &cut[cut.len() - 60..]);
    }
}
