//! Building plain text: whitespace collapsing, lines and paragraphs.
//!
//! Invisible hints for the renderer are dropped from the text: the soft
//! hyphen (`&shy;`, U+00AD), the zero-width space (U+200B), the word joiner
//! (U+2060) and the zero-width no-break space (U+FEFF). A page that
//! hyphenates "mil&shy;lion" or breaks "$1,&#8203;000" shows "million" and
//! "$1,000", and its text reads so. Characters that change how a script is
//! shaped or ordered (zero-width joiner and non-joiner, the direction marks)
//! are kept.

use std::borrow::Cow;

use memchr::memchr3;

/// True for the invisible characters the text drops (see the module doc).
/// Plain text keeps them; the pipeline (`claimex::hidden`) reads the first
/// three inside words and numbers as nothing. U+FEFF is only here: outside
/// a byte order mark, plain text hardly has it, and ingest drops the mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// `s` without its invisible characters; borrows when it has none.
pub(crate) fn visible(s: &str) -> Cow<'_, str> {
    // Their UTF-8 forms start with 0xC2, 0xE2 or 0xEF: most text has none.
    if memchr3(0xC2, 0xE2, 0xEF, s.as_bytes()).is_none() || !s.contains(is_invisible) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|&c| !is_invisible(c)).collect())
}

/// Collapses each run of whitespace to one space, trims the ends and drops
/// the invisible characters.
pub(crate) fn collapse(s: &str) -> String {
    let s = visible(s);
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A break requested before the next text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    #[default]
    None,
    Space,
    Line,
    Paragraph,
}

/// Accumulates text: inline text with whitespace collapsed, `<br>` line
/// breaks, and paragraphs separated by one blank line. Breaks are only
/// written before the next text, so there is never leading or trailing
/// whitespace and never more than one blank line.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    out: String,
    pending: Break,
}

impl TextBuilder {
    fn want(&mut self, b: Break) {
        if b > self.pending {
            self.pending = b;
        }
    }

    fn flush(&mut self) {
        let b = std::mem::take(&mut self.pending);
        if !self.out.is_empty() {
            match b {
                Break::None => {}
                Break::Space => self.out.push(' '),
                Break::Line => self.out.push('\n'),
                Break::Paragraph => self.out.push_str("\n\n"),
            }
        }
    }

    /// Appends inline text, collapsing whitespace and dropping the invisible
    /// characters.
    pub(crate) fn text(&mut self, s: &str) {
        let s = &*visible(s);
        let mut first = true;
        for (i, w) in s.split_whitespace().enumerate() {
            if i > 0 || (first && s.starts_with(char::is_whitespace)) {
                self.want(Break::Space);
            }
            first = false;
            self.flush();
            self.out.push_str(w);
        }
        if !first && s.ends_with(char::is_whitespace) {
            self.want(Break::Space);
        } else if first && !s.is_empty() {
            // whitespace only
            self.want(Break::Space);
        }
    }

    /// Appends preformatted text: line breaks kept, other whitespace kept,
    /// the invisible characters dropped.
    pub(crate) fn pre(&mut self, s: &str) {
        let s = &*visible(s);
        for (i, line) in s.split('\n').enumerate() {
            if i > 0 {
                self.want(Break::Line);
            }
            let line = line.trim_end();
            if !line.trim_start().is_empty() {
                self.flush();
                // The text never starts with whitespace, even in code.
                let line = if self.out.is_empty() { line.trim_start() } else { line };
                self.out.push_str(line);
            }
        }
    }

    /// Starts a new line (`<br>`).
    pub(crate) fn line(&mut self) {
        self.want(Break::Line);
    }

    /// Starts a new paragraph.
    pub(crate) fn paragraph(&mut self) {
        self.want(Break::Paragraph);
    }

    /// The finished text.
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder() {
        // Ops: t = text, p = paragraph, l = line, r = pre
        let cases: &[(&[(&str, &str)], &str)] = &[
            (&[("t", "  a   b "), ("t", "c")], "a b c"),
            (&[("t", "a"), ("t", "b")], "ab"),
            (&[("p", ""), ("t", "a"), ("p", ""), ("p", ""), ("t", "b"), ("p", "")], "a\n\nb"),
            (&[("t", "a "), ("l", ""), ("t", " b")], "a\nb"),
            (&[("t", "a"), ("l", ""), ("p", ""), ("t", "b")], "a\n\nb"),
            (&[("r", "x  y\n  z\n\n"), ("t", "w")], "x  y\n  z\nw"),
            (&[("r", "  x\n  y")], "x\n  y"),
            (&[("t", "\u{a0}"), ("t", "a")], "a"),
            // invisible characters are dropped, inside words and between them
            (&[("t", "$5 mil\u{ad}lion"), ("t", " and $1,\u{200b}000")], "$5 million and $1,000"),
            (&[("t", "a \u{200b} b\u{2060}c\u{feff}")], "a bc"),
            (&[("t", "a"), ("t", "\u{200b}"), ("t", "b")], "ab"),
            (&[("r", "x\u{ad}y\n\u{feff}z")], "xy\nz"),
            // joiners and direction marks are kept
            (&[("t", "a\u{200c}b \u{200d}\u{200e}c")], "a\u{200c}b \u{200d}\u{200e}c"),
        ];
        for &(ops, want) in cases {
            let mut b = TextBuilder::default();
            for &(op, arg) in ops {
                match op {
                    "t" => b.text(arg),
                    "p" => b.paragraph(),
                    "l" => b.line(),
                    "r" => b.pre(arg),
                    _ => unreachable!(),
                }
            }
            assert_eq!(b.finish(), want, "{ops:?}");
        }
    }

    #[test]
    fn collapsing() {
        assert_eq!(collapse("  a \n\t b  "), "a b");
        assert_eq!(collapse("Mil\u{ad}lion\u{200b} "), "Million");
        assert!(matches!(visible("plain £5 – text"), Cow::Borrowed(_)));
        assert_eq!(collapse(""), "");
    }
}
