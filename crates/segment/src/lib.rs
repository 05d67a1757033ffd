//! Sentence segmentation for news text.
//!
//! `claimex-segment` turns a document's text into sentence byte spans. It
//! never copies the text: a [`Span`] is a pair of byte offsets into the text
//! it was computed from, trimmed of surrounding whitespace, on `char`
//! boundaries, non-empty, ordered and non-overlapping.
//!
//! ```
//! let text = "Chips were made in the U.S. The company said so.";
//! let spans = claimex_segment::split(text);
//! let sentences: Vec<&str> = spans.iter().map(|s| s.as_str(text)).collect();
//! assert_eq!(sentences, ["Chips were made in the U.S.", "The company said so."]);
//! ```
//!
//! # Design
//!
//! A hand-written single-pass scanner over the bytes. Unicode UAX #29
//! sentence boundaries were measured as the alternative and rejected: they
//! split after every "U.S." and "Mr.", so most of their boundaries would be
//! undone by rules, and on the seed articles they alone run more than ten
//! times slower than this whole segmenter (see `benches/throughput.rs`).
//! The scanner skips ordinary bytes with one table look-up and stops only
//! where a unit can end or start; there a family of rules decides, looking
//! a few bytes back and ahead, each family in its own module with its table
//! of examples:
//!
//! - `abbrev`: abbreviations and titles ("U.S.", "Mr.", "Inc.", "a.m."),
//!   including an abbreviation that really ends the sentence, and initials
//!   ("J. R. R. Tolkien").
//! - `terminal`: full stops, `?` and `!`, ellipses, closing quotes and
//!   brackets, quotations and parentheses, and dots that end nothing
//!   (decimals, versions, URLs, e-mail addresses).
//! - `lines`: headlines, bylines, wrapped lines, blank and boilerplate
//!   lines.
//! - `lists`: bullets and numbered or lettered list items.
//!
//! Units without a letter or a digit (`-->`, a stray `…`) are never
//! returned: inside a line they stay with the sentence before them; on their
//! own line they are dropped.
//!
//! Quotations: final punctuation inside a quotation or parenthesis that
//! the sentence continues after ("“It was trained for 80 hours. It cost
//! $294,000,” he said.") ends nothing, so the attribution stays with the
//! quote; a quotation that ends its sentence ("He said: “It works. We are
//! happy.” Then…") is split at the sentences inside it.
//!
//! # What it does not do
//!
//! It does not tokenize, detect the language, or apply rules for languages
//! other than English; it does not look inside sentences for anything but
//! their boundaries; and it does not change the text.
#![deny(missing_docs)]

mod abbrev;
pub mod bytes;
mod chars;
mod lines;
mod lists;
mod scan;
mod terminal;

pub use scan::Sentences;

/// A rule family's table of examples: input, and the sentences expected.
#[cfg(test)]
type Examples = &'static [(&'static str, &'static [&'static str])];

/// A half-open byte range `start..end` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span as a `Range<usize>`.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// The slice of `text` this span covers.
    ///
    /// # Panics
    ///
    /// When the span is out of bounds of `text` or not on `char` boundaries,
    /// like slicing; spans returned for `text` always are.
    pub fn as_str<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// True when `other` lies inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// Splits text into sentences. Cheap to create and to share between threads.
#[derive(Debug, Clone, Default)]
pub struct Segmenter {
    _private: (),
}

impl Segmenter {
    /// A segmenter with the default English rules.
    pub fn new() -> Segmenter {
        Segmenter::default()
    }

    /// The sentence spans of `text`, in order.
    pub fn split(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        self.split_into(text, &mut out);
        out
    }

    /// Appends the sentence spans of `text` to `out` (reuses its allocation).
    pub fn split_into(&self, text: &str, out: &mut Vec<Span>) {
        out.extend(self.sentences(text));
    }

    /// An iterator over the sentence spans of `text`, in order; it
    /// allocates nothing.
    pub fn sentences<'t>(&self, text: &'t str) -> Sentences<'t> {
        Sentences::new(text)
    }
}

/// The sentence spans of `text` with the default [`Segmenter`].
pub fn split(text: &str) -> Vec<Span> {
    Segmenter::new().split(text)
}

/// An iterator over the sentence spans of `text` with the default
/// [`Segmenter`].
pub fn sentences(text: &str) -> Sentences<'_> {
    Sentences::new(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule family's table of examples, run by one runner.
    const FAMILIES: &[(&str, Examples)] = &[
        ("abbreviations and titles", abbrev::ABBREVIATIONS),
        ("initials and names", abbrev::INITIALS),
        ("numbers, versions, URLs, e-mail", terminal::TOKENS),
        ("ellipses", terminal::ELLIPSES),
        ("quotes, brackets, ? and !", terminal::QUOTES),
        ("lists", lists::LISTS),
        ("lines", lines::LINES),
        ("whitespace and boilerplate", lines::BOILERPLATE),
    ];

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.as_str(text)).collect()
    }

    #[test]
    fn rule_tables() {
        let mut failures = Vec::new();
        let mut total = 0;
        for (family, table) in FAMILIES {
            for (input, want) in *table {
                total += 1;
                let got = texts(input);
                if got != *want {
                    failures.push(format!("[{family}] {input:?}\n    want {want:?}\n    got  {got:?}"));
                }
            }
        }
        assert!(failures.is_empty(), "{} of {total} examples failed:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn iterator_and_split_into_agree() {
        let text = "Mr. Smith left. He came back!\n\nHeadline\nBody text.";
        let seg = Segmenter::new();
        let mut out = vec![Span::new(0, 1)];
        seg.split_into(text, &mut out);
        assert_eq!(out[0], Span::new(0, 1));
        assert_eq!(&out[1..], seg.sentences(text).collect::<Vec<_>>());
        assert_eq!(texts(text).len(), 4);
    }
}
