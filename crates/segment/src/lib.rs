//! Sentence segmentation for news text.
//!
//! `claimex-segment` turns a document's text into sentence byte spans. It
//! never copies the text: a [`Span`] is a pair of byte offsets into the text
//! it was computed from, trimmed of surrounding whitespace, on `char`
//! boundaries, ordered and non-overlapping.
//!
//! Design: paragraphs and lines are cut first (a blank line always ends a
//! sentence; a headline, byline or bullet line without final punctuation is
//! its own sentence), then each block is split on Unicode UAX #29 sentence
//! boundaries, and boundaries that follow a known abbreviation or an initial
//! are joined again.
//!
//! What it does not do: tokenization, language detection, or anything but
//! English rules.
#![deny(missing_docs)]

use unicode_segmentation::UnicodeSegmentation;

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
        self.end - self.start
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

/// Abbreviations after which a full stop does not end a sentence, lowercased,
/// without their final full stop.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "st", "jr", "sr", "inc", "corp", "co",
    "ltd", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs",
    "etc", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "mt", "p", "pp", "vol", "fig",
    "approx",
];

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
        let mut line_start = 0;
        let mut block_start: Option<usize> = None;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i <= bytes.len() {
            if i == bytes.len() || bytes[i] == b'\n' {
                let line = &text[line_start..i];
                let blank = line.trim().is_empty();
                let next_line_start = i + 1;
                if blank {
                    if let Some(b) = block_start.take() {
                        split_block(text, b, line_start, out);
                    }
                } else {
                    if block_start.is_none() {
                        block_start = Some(line_start);
                    }
                    if ends_line_unit(
                        line,
                        text.get(next_line_start.min(text.len())..).unwrap_or(""),
                    ) {
                        split_block(text, block_start.take().unwrap_or(line_start), i, out);
                    }
                }
                line_start = next_line_start;
            }
            i += 1;
        }
        if let Some(b) = block_start {
            split_block(text, b, text.len(), out);
        }
    }
}

/// True when a single line break after `line` ends a sentence.
fn ends_line_unit(line: &str, rest: &str) -> bool {
    let next = rest.lines().next().unwrap_or("").trim_start();
    if next.is_empty() {
        return true;
    }
    let line = line.trim_end();
    let last = line.chars().last().unwrap_or(' ');
    let first_next = next.chars().next().unwrap_or(' ');
    if matches!(last, '.' | '!' | '?' | ':' | '"' | '”' | '’' | ')') {
        return true;
    }
    if matches!(first_next, '•' | '-' | '*' | '–' | '—' | '·') {
        return true;
    }
    // a short line followed by a capitalized one is a headline or a byline
    first_next.is_uppercase() && line.chars().count() < 100
}

fn split_block(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let block = &text[start..end];
    let mut pending: Option<Span> = None;
    for (off, piece) in block.split_sentence_bound_indices() {
        let s = trim(text, Span::new(start + off, start + off + piece.len()));
        if s.is_empty() {
            continue;
        }
        pending = match pending {
            Some(p) if joins(p.as_str(text), s.as_str(text)) => Some(Span::new(p.start, s.end)),
            Some(p) => {
                out.push(p);
                Some(s)
            }
            None => Some(s),
        };
    }
    if let Some(p) = pending {
        out.push(p);
    }
}

/// True when a UAX #29 boundary between `prev` and `next` is not a sentence end.
fn joins(prev: &str, next: &str) -> bool {
    let Some(stem) = prev.strip_suffix('.') else {
        return false;
    };
    let word = stem
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    let first_next = next.chars().next().unwrap_or(' ');
    // an initial ("Jonas E. Smith")
    if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
        return true;
    }
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "made in the U.S. The company said": a sentence starter ends it
        if matches!(
            lower.as_str(),
            "u.s" | "u.k" | "u.n" | "etc" | "co" | "inc" | "corp" | "ltd"
        ) {
            let next_word = next.split_whitespace().next().unwrap_or("");
            return !STARTERS.contains(&next_word) && !first_next.is_ascii_digit();
        }
        return true;
    }
    false
}

/// Words that typically start a sentence after an abbreviation that can end one.
const STARTERS: &[&str] = &[
    "The", "It", "He", "She", "They", "We", "I", "A", "An", "In", "This", "That", "But", "And",
    "How", "What", "Why", "When", "Its", "His", "Her", "Their", "There", "As", "On", "At",
];

fn trim(text: &str, span: Span) -> Span {
    let s = span.as_str(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// The sentence spans of `text` with the default [`Segmenter`].
pub fn split(text: &str) -> Vec<Span> {
    Segmenter::new().split(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.as_str(text)).collect()
    }

    #[test]
    fn examples() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Hello World. My name is Jonas.",
                &["Hello World.", "My name is Jonas."],
            ),
            (
                "It beat U.S. rivals. Then it fell.",
                &["It beat U.S. rivals.", "Then it fell."],
            ),
            (
                "CEO of U.S. AI giant OpenAI said so.",
                &["CEO of U.S. AI giant OpenAI said so."],
            ),
            (
                "I live in the U.S. How about you?",
                &["I live in the U.S.", "How about you?"],
            ),
            (
                "Headline here\n\nBody text. More.",
                &["Headline here", "Body text.", "More."],
            ),
            (
                "Key takeaways\nChinese developer said so.",
                &["Key takeaways", "Chinese developer said so."],
            ),
            (
                "My name is Jonas E. Smith.",
                &["My name is Jonas E. Smith."],
            ),
            (
                "Mr. Smith paid $7.3 million.",
                &["Mr. Smith paid $7.3 million."],
            ),
        ];
        for (input, want) in cases {
            assert_eq!(texts(input), *want, "input: {input:?}");
        }
    }
}
