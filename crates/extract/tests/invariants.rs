//! Extraction invariants on generated news-like text (the same ones the
//! `extract_*` fuzz targets check, so stable CI checks them too): extraction
//! never panics; every mention is non-empty, on `char` boundaries, inside
//! its own sentence, in text order without overlap; its kind is its value's
//! kind and one that was asked for; its values are finite and non-negative,
//! and a range's upper end is not below its lower end.
//!
//! Below the properties, the inputs that fuzzing found crashing, kept as
//! regressions.

use claimex_extract::{Extractor, Kind, KindSet, Mention, Value};
use claimex_segment::Span;
use proptest::prelude::*;

fn check_value(m: &Mention) -> Result<(), TestCaseError> {
    let ok = |x: f64| x.is_finite() && x >= 0.0;
    match &m.value {
        Value::Money(v) => {
            prop_assert!(ok(v.amount), "amount of {m:?}");
            if let Some(max) = v.amount_max {
                prop_assert!(ok(max) && max >= v.amount, "range of {m:?}");
            }
            prop_assert!(v.currency.len() == 3, "currency of {m:?}");
        }
        Value::ChipCount(v) => {
            if let Some(max) = v.count_max {
                prop_assert!(max >= v.count, "range of {m:?}");
            }
        }
        Value::Duration(v) => {
            prop_assert!(ok(v.seconds) && ok(v.amount), "length of {m:?}");
            if let Some(max) = v.seconds_max {
                prop_assert!(ok(max) && max >= v.seconds, "range of {m:?}");
            }
            if let Some(max) = v.amount_max {
                prop_assert!(ok(max) && max >= v.amount, "range of {m:?}");
            }
        }
    }
    prop_assert!(ok(m.precision), "precision of {m:?}");
    Ok(())
}

fn check_mentions(text: &str, sentences: &[Span], mentions: &[Mention], kinds: KindSet) -> Result<(), TestCaseError> {
    let mut prev: Option<&Mention> = None;
    for m in mentions {
        let s = m.span;
        prop_assert!(s.start < s.end && s.end <= text.len(), "span of {m:?}");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end), "{m:?} splits a char");
        let Some(sentence) = sentences.get(m.sentence) else {
            return Err(TestCaseError::fail(format!("{m:?}: no such sentence")));
        };
        prop_assert!(sentence.contains(s), "{m:?} is not inside its sentence {sentence:?}");
        if let Some(p) = prev {
            prop_assert!(p.span.end <= s.start, "{m:?} overlaps or precedes {p:?}");
        }
        prop_assert_eq!(m.kind, m.value.kind(), "kind and value of {:?}", m);
        prop_assert!(kinds.contains(m.kind), "{m:?}: kind not asked for");
        let t = m.text(text);
        prop_assert_eq!(t, t.trim(), "{:?} has surrounding whitespace", m);
        check_value(m)?;
        prev = Some(m);
    }
    Ok(())
}

/// Every kind together, then each kind alone.
fn check(text: &str) -> Result<(), TestCaseError> {
    let sentences = claimex_segment::split(text);
    let all = Extractor::new().extract(text, &sentences);
    check_mentions(text, &sentences, &all, KindSet::ALL)?;
    for kind in Kind::ALL {
        let kinds = KindSet::NONE.with(kind);
        let some = Extractor::with_kinds(kinds).extract(text, &sentences);
        check_mentions(text, &sentences, &some, kinds)?;
    }
    // the whole text as one sentence
    let one = Extractor::new().extract_sentence(text);
    check_mentions(text, &[Span::new(0, text.len())], &one, KindSet::ALL)
}

/// News-like text: numbers in every form, currencies, number words,
/// qualifiers, units, chip names, punctuation and non-ASCII text.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        // numbers
        "0",
        "1",
        "5",
        "12",
        "80",
        "294",
        "512",
        "2023",
        "1,000",
        "294,000",
        "2,048",
        "3.5",
        ".5",
        "5.",
        "1e9",
        "1,2,3",
        "1.2.3",
        "99999999999999999999",
        "18446744073709551616",
        "0.000001",
        "-",
        "–",
        "—",
        "~",
        "+",
        "%",
        // currencies
        "$",
        "US$",
        "HK$",
        "C$",
        "€",
        "£",
        "¥",
        "₹",
        "₩",
        "USD",
        "EUR",
        "yuan",
        "dollars",
        "euros",
        "pounds",
        "bitcoin",
        // number words and scales
        "a",
        "an",
        "one",
        "two",
        "three",
        "ten",
        "twelve",
        "twenty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "trillion",
        "bn",
        "m",
        "K",
        "M",
        "dozen",
        "dozens",
        "tens",
        "half",
        "few",
        "several",
        "couple",
        // qualifiers and joiners
        "about",
        "around",
        "nearly",
        "more than",
        "over",
        "less than",
        "under",
        "at least",
        "up to",
        "as much as",
        "between",
        "and",
        "to",
        "or",
        "of",
        "per",
        "each",
        "the",
        "it",
        "cost",
        "spent",
        "raised",
        "trained",
        "for",
        "said",
        "in",
        // time units
        "second",
        "seconds",
        "minute",
        "minutes",
        "hour",
        "hours",
        "hrs",
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "decade",
        "GPU hours",
        "ago",
        // chips
        "H100",
        "H100s",
        "H800",
        "H800s",
        "A100",
        "B200",
        "GB200",
        "TPU",
        "TPU v5p",
        "v4",
        "Blackwell",
        "Hopper",
        "MI300X",
        "Gaudi 3",
        "Ascend 910B",
        "Nvidia",
        "NVIDIA",
        "Nvidia's",
        "AMD",
        "Google",
        "GPU",
        "GPUs",
        "chip",
        "chips",
        "accelerators",
        "processors",
        "cluster",
        // punctuation and spacing
        " ",
        " ",
        " ",
        " ",
        ".",
        ". ",
        ",",
        ", ",
        "!",
        "?",
        ";",
        ":",
        "/",
        "(",
        ")",
        "\"",
        "“",
        "”",
        "'",
        "’",
        "’s",
        "…",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u{a0}",
        "\u{202f}",
        "\u{2009}",
        "\u{3000}",
        "U.S.",
        "Mr.",
        "Inc.",
        // other scripts and tricky characters
        "é",
        "ß",
        "İ",
        "\u{212a}",
        "中文",
        "日本円",
        "ஒருங்கிணைந்த",
        "١٢٣",
        "５",
        "😀",
        "\u{fffd}",
        "\u{200b}",
        "\u{feff}",
        "\u{301}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn invariants_on_newsy_text(text in newsy()) {
        check(&text)?;
    }

    #[test]
    fn invariants_on_any_string(text in any::<String>()) {
        check(&text)?;
    }
}

fn regression(text: &str) {
    if let Err(e) = check(text) {
        panic!("{text:?}: {e}");
    }
}

/// Fuzzing (`extract_money`, first minutes, every extract target): a chip
/// model was looked for in a 40-byte window cut without regard to `char`
/// boundaries, so a count followed by non-ASCII text panicked
/// ("end byte index 200 is not a char boundary").
#[test]
fn chip_model_window_ending_inside_a_character() {
    regression(
        ".5 \u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}",
    );
    regression("DeepSeek used 512 ஒருங்கிணைந்த சில்லுகள் chips, it said.");
    for pad in 0..4 {
        let text = format!("It used {}512 中文中文中文中文中文中文中文中文中文中文中文中文中文 GPUs.", " ".repeat(pad));
        regression(&text);
    }
}
