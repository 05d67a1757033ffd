//! Building plain text: whitespace collapsing, lines and paragraphs.

/// Collapses each run of whitespace to one space and trims the ends.
pub(crate) fn collapse(s: &str) -> String {
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

    /// Appends inline text, collapsing whitespace.
    pub(crate) fn text(&mut self, s: &str) {
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

    /// Appends preformatted text: line breaks kept, other whitespace kept.
    pub(crate) fn pre(&mut self, s: &str) {
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
        assert_eq!(collapse(""), "");
    }
}
