//! Invisible characters inside a word or a number.
//!
//! Text scraped from web pages keeps the renderer's hints: a soft hyphen
//! (U+00AD, `&shy;`) at each hyphenation point of a long word, a zero-width
//! space (U+200B) or a word joiner (U+2060) where a line may or may not
//! break. The reader sees "$5 million" and "$1,000"; the scanners saw
//! "$5 mil" and "lion", and "$1," and "000". Between the parts of a figure
//! the extractor already reads them as whitespace ("$5\u{200b} million");
//! inside a word or a number they must read as nothing.
//!
//! [`Hidden::find`] drops such a character (or a run of them) where it
//! stands **between two letters or digits** ("mil\u{ad}lion",
//! "$10\u{200b}m", "5\u{200b}000", "H\u{200b}100") or **after a digit
//! group's comma or point** ("1,\u{200b}000", "2.\u{ad}5"): the reader
//! sees "$10m", not "$10 m". Everywhere else (next to a space or a sign,
//! at either end) it still reads as whitespace. The pipeline analyzes the cleaned copy and maps every
//! span back to the original text, so a mention's text stays the slice of
//! the text it was found in ("$5 mil\u{ad}lion").
//!
//! A text with none of these characters, nearly every text, costs one
//! `memchr3` pass and no copy.

use claimex_segment::Span;

/// The characters dropped inside words and numbers, with their UTF-8
/// forms' last bytes (0xAD, 0x8B, 0xA0): the look for them. HTML text
/// drops these and U+FEFF anywhere (`claimex_html`'s text module); plain
/// text keeps them between words, where they read as whitespace.
const HIDDEN: [char; 3] = ['\u{ad}', '\u{200b}', '\u{2060}'];

/// A text with its hidden characters dropped, and the way back to the
/// original's offsets.
#[derive(Debug)]
pub(crate) struct Hidden {
    /// The cleaned text.
    pub(crate) text: String,
    /// For each dropped run: its position in the cleaned text, and the bytes
    /// dropped up to and including it. Ordered by position.
    cuts: Vec<(usize, usize)>,
}

impl Hidden {
    /// The cleaned copy of `text`, or `None` when nothing is to be dropped.
    pub(crate) fn find(text: &str) -> Option<Hidden> {
        let b = text.as_bytes();
        // Candidate runs, found from the last byte of each character's form.
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut after = 0; // the end of the last run taken
        for last in memchr::memchr3_iter(0xAD, 0x8B, 0xA0, b) {
            // the bytes before the last one: U+00AD is C2 AD, U+200B E2 80 8B, U+2060 E2 81 A0
            let lead: &[u8] = match b[last] {
                0xAD => b"\xC2",
                0x8B => b"\xE2\x80",
                _ => b"\xE2\x81",
            };
            let Some(start) = last.checked_sub(lead.len()).filter(|&s| s >= after && &b[s..last] == lead) else {
                continue;
            };
            // The whole run of hidden characters from here.
            let mut end = last + 1;
            while let Some(c) = text[end..].chars().next().filter(|c| HIDDEN.contains(c)) {
                end += c.len_utf8();
            }
            after = end;
            let before = text[..start].chars().next_back();
            let next = text[end..].chars().next();
            if let (Some(p), Some(n)) = (before, next) {
                let digit_group = matches!(p, ',' | '.')
                    && n.is_ascii_digit()
                    && text[..start - 1].chars().next_back().is_some_and(|c| c.is_ascii_digit());
                if (p.is_alphanumeric() && n.is_alphanumeric()) || digit_group {
                    runs.push((start, end));
                }
            }
        }
        if runs.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut cuts = Vec::with_capacity(runs.len());
        let mut copied = 0;
        let mut dropped = 0;
        for (start, end) in runs {
            out.push_str(&text[copied..start]);
            dropped += end - start;
            cuts.push((out.len(), dropped));
            copied = end;
        }
        out.push_str(&text[copied..]);
        Some(Hidden { text: out, cuts })
    }

    /// Bytes dropped before cleaned offset `at`: counting a run at `at`
    /// itself when `at` starts something (it stands before the first kept
    /// byte), and not when `at` ends something.
    fn dropped(&self, at: usize, starts: bool) -> usize {
        let n = self.cuts.partition_point(|&(pos, _)| if starts { pos <= at } else { pos < at });
        n.checked_sub(1).map_or(0, |k| self.cuts[k].1)
    }

    /// `span` of the cleaned text, as a span of the original.
    pub(crate) fn original(&self, span: Span) -> Span {
        Span::new(span.start + self.dropped(span.start, true), span.end + self.dropped(span.end, false))
    }

    /// `span` of the original text (on character boundaries outside the
    /// dropped runs, as every span the pipeline gives is), as a span of the
    /// cleaned text.
    pub(crate) fn cleaned(&self, span: Span) -> Span {
        // Original offset of cleaned position `pos` is pos + dropped; invert
        // by the last cut whose original start lies before the offset.
        let back = |at: usize, starts: bool| {
            let n = self.cuts.partition_point(|&(pos, dropped)| {
                let orig = pos + dropped; // where the kept text resumes in the original
                if starts { orig <= at } else { orig < at }
            });
            at - n.checked_sub(1).map_or(0, |k| self.cuts[k].1)
        };
        Span::new(back(span.start, true), back(span.end, false))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Input → the cleaned text, or `None` when nothing is dropped.
    const EXAMPLES: &[(&str, Option<&str>)] = &[
        // inside a word: dropped
        ("$5 mil\u{ad}lion", Some("$5 million")),
        ("Not\u{ad}fall\u{ad}daten\u{ad}satz", Some("Notfalldatensatz")),
        ("two bil\u{200b}lion", Some("two billion")),
        ("mil\u{ad}\u{200b}\u{2060}lion", Some("million")),
        ("Zürich\u{ad}er Bank", Some("Züricher Bank")),
        // after a digit group's comma or point: dropped
        ("$1,\u{200b}000", Some("$1,000")),
        ("2.\u{ad}5 hours", Some("2.5 hours")),
        // between a digit and a letter, or two digits: dropped, as the reader sees them
        ("8\u{200b}million dollars", Some("8million dollars")),
        ("$10\u{200b}m", Some("$10m")),
        ("5\u{200b}000", Some("5000")),
        ("H\u{200b}100 chips", Some("H100 chips")),
        ("Ⅻ\u{ad}٣", Some("Ⅻ٣")),
        // next to a space, a sign or punctuation, or at an end: kept (read as whitespace)
        ("$5\u{200b} million", None),
        ("word\u{200b} word", None),
        ("end.\u{200b}Next", None),
        ("a,\u{200b}1", None),
        ("\u{ad}lead and trail\u{ad}", None),
        // no hidden character, or look-alike bytes of other characters
        ("plain text", None),
        ("Bogotá, año, í, \u{a0}, —, …, \u{200c}", None),
    ];

    #[test]
    fn examples() {
        for &(input, want) in EXAMPLES {
            let got = Hidden::find(input);
            assert_eq!(got.as_ref().map(|h| h.text.as_str()), want, "{input:?}");
        }
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let text = "It cost $5 mil\u{ad}lion and $1,\u{200b}000 more.";
        let h = Hidden::find(text).unwrap();
        assert_eq!(h.text, "It cost $5 million and $1,000 more.");
        for (word, orig) in
            [("$5 million", "$5 mil\u{ad}lion"), ("$1,000", "$1,\u{200b}000"), ("million", "mil\u{ad}lion")]
        {
            let at = h.text.find(word).unwrap();
            let clean = Span::new(at, at + word.len());
            let back = h.original(clean);
            assert_eq!(&text[back.start..back.end], orig);
            assert_eq!(h.cleaned(back), clean, "{word}");
        }
        // a span that ends right before a cut does not take the hidden run
        let at = h.text.find("mil").unwrap();
        let back = h.original(Span::new(at, at + 3));
        assert_eq!(&text[back.start..back.end], "mil");
        // one that starts right after it does not either
        let at = h.text.find("lion").unwrap();
        let back = h.original(Span::new(at, at + 4));
        assert_eq!(&text[back.start..back.end], "lion");
        // the whole text
        assert_eq!(h.original(Span::new(0, h.text.len())), Span::new(0, text.len()));
        assert_eq!(h.cleaned(Span::new(0, text.len())), Span::new(0, h.text.len()));
    }

    const WORDS: &[&str] = &[
        "DeepSeek", "spent", "$5", "million", "billion", "on", "training", "for", "80", "hours", "512", "Nvidia",
        "H800", "chips", "about", "$1,000", "2.5", "weeks", "It", "cost", "thousand", "dollars", "the", "model.",
        "GPUs.", "years,", "said", "\u{2014}",
    ];

    proptest::proptest! {
        /// Hidden characters inside words and numbers change nothing but the spans: the
        /// same sentences and mentions, each mention's text its slice of the
        /// text it was found in, and the same text once they are dropped.
        #[test]
        fn hidden_characters_inside_words_change_nothing(
            words in proptest::collection::vec(proptest::sample::select(WORDS), 1..40),
            cuts in proptest::collection::vec((0usize..1000, 0usize..3), 0..12),
        ) {
            let plain = words.join(" ");
            // Insert a hidden character between two letters or digits, or after a digit group's comma or point.
            let mut text = plain.clone();
            for (at, which) in cuts {
                let places: Vec<usize> = (1..text.len())
                    .filter(|&i| text.is_char_boundary(i))
                    .filter(|&i| {
                        let (p, n) = (text[..i].chars().next_back().unwrap(), text[i..].chars().next().unwrap());
                        (p.is_ascii_alphanumeric() && n.is_ascii_alphanumeric())
                            || (matches!(p, ',' | '.') && n.is_ascii_digit() && text[..i - 1].ends_with(|c: char| c.is_ascii_digit()))
                    })
                    .collect();
                if let Some(&i) = places.get(at % places.len().max(1)) {
                    text.insert(i, HIDDEN[which]);
                }
            }
            let pipeline = crate::Pipeline::new();
            let want = pipeline.analyze(&plain);
            let got = pipeline.analyze(&text);
            let strip = |s: &str| s.chars().filter(|c| !HIDDEN.contains(c)).collect::<String>();
            proptest::prop_assert_eq!(want.sentences.len(), got.sentences.len());
            for (w, g) in want.sentences.iter().zip(&got.sentences) {
                proptest::prop_assert_eq!(&plain[w.start..w.end], strip(&text[g.start..g.end]));
            }
            proptest::prop_assert_eq!(want.mentions.len(), got.mentions.len(), "{:?}", text);
            for (w, g) in want.mentions.iter().zip(&got.mentions) {
                proptest::prop_assert_eq!(w.text(&plain), strip(g.text(&text)));
                proptest::prop_assert_eq!(&w.value, &g.value);
                proptest::prop_assert_eq!(w.sentence, g.sentence);
                proptest::prop_assert!(got.sentences[g.sentence].contains(g.span));
            }
            proptest::prop_assert_eq!(&want.attributions, &got.attributions);
        }
    }
}
