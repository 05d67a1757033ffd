//! Span invariants on arbitrary strings: every span is non-empty, in
//! bounds, on `char` boundaries, trimmed of whitespace, and the spans are
//! ordered and non-overlapping; the iterator, `split` and `split_into`
//! agree.

use claimex_segment::{Segmenter, Span, sentences, split};
use proptest::prelude::*;

fn check(text: &str) -> Result<(), TestCaseError> {
    let spans = split(text);
    let mut prev_end = 0;
    for s in &spans {
        prop_assert!(!s.is_empty(), "empty span {s:?}");
        prop_assert!(s.end <= text.len(), "span {s:?} past the end");
        prop_assert!(s.start >= prev_end, "span {s:?} overlaps or is out of order");
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "span {s:?} not on char boundaries"
        );
        let t = s.as_str(text);
        prop_assert_eq!(t, t.trim(), "span {:?} not trimmed", s);
        prop_assert!(t.chars().any(char::is_alphanumeric), "span {s:?} has no letter or digit");
        prev_end = s.end;
    }
    prop_assert_eq!(&spans, &sentences(text).collect::<Vec<_>>());
    let mut out = vec![Span::new(0, 0)];
    Segmenter::new().split_into(text, &mut out);
    prop_assert_eq!(&out[1..], &spans[..]);
    Ok(())
}

/// Text built from the characters the rules look at.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "U.S.",
        "Mr.",
        "J.",
        "a.m.",
        "Inc.",
        "etc.",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        ".",
        ". ",
        "!",
        "?",
        "...",
        "…",
        " . . . ",
        "\"",
        "“",
        "”",
        "'",
        "’",
        "(",
        ")",
        "[",
        "]",
        "•",
        "⁃",
        "- ",
        "* ",
        "1.",
        "2)",
        "(3)",
        "a.",
        "b)",
        "-->",
        ":",
        ",",
        "The",
        "it",
        "Word",
        "word",
        "3.14",
        "$7.3",
        "x@y.com",
        "http://a.b/c",
        "\u{a0}",
        "\u{2003}",
        "\u{3000}",
        "é",
        "Ü",
        "中",
        "\t",
        "No.",
        "I.",
        "Co.",
        "world.Today",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn invariants_on_any_string(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn invariants_on_newsy_strings(text in newsy()) {
        check(&text)?;
    }
}
