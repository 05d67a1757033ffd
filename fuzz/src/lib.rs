//! The invariants the fuzz targets check, shared between them.
//!
//! Every check panics with a message naming the broken invariant, which
//! libFuzzer reports as a crash (and saves the input under `artifacts/`).
//! The targets themselves only turn bytes into text and call these.

use claimex::Analysis;
use claimex_extract::{Kind, KindSet, Mention, Value};
use claimex_segment::Span;

/// Fuzz bytes as the text a document would hold: invalid UTF-8 replaced.
pub fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Sentence spans of `text`: ordered, non-overlapping, non-empty, inside the
/// text, on `char` boundaries and trimmed of whitespace.
pub fn check_sentences(text: &str, spans: &[Span]) {
    let mut prev_end = 0;
    for (k, s) in spans.iter().enumerate() {
        assert!(s.start < s.end, "sentence {k} {s:?} is empty or reversed");
        assert!(s.end <= text.len(), "sentence {k} {s:?} ends past the text ({} bytes)", text.len());
        assert!(s.start >= prev_end, "sentence {k} {s:?} overlaps or precedes the one before (ends at {prev_end})");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "sentence {k} {s:?} is not on char boundaries"
        );
        let t = &text[s.start..s.end];
        assert_eq!(t, t.trim(), "sentence {k} {s:?} is not trimmed");
        prev_end = s.end;
    }
}

/// Mentions found in `text` with sentences `sentences` by an extractor for
/// `kinds`: no empty span, each on `char` boundaries and inside its own
/// sentence, in text order without overlap; values finite and non-negative,
/// a range's upper end not below its lower end, the value of the mention's
/// kind, and the kind one that was asked for.
pub fn check_mentions(text: &str, sentences: &[Span], mentions: &[Mention], kinds: KindSet) {
    let mut prev: Option<&Mention> = None;
    for (k, m) in mentions.iter().enumerate() {
        let s = m.span;
        assert!(s.start < s.end, "mention {k} {m:?} has an empty span");
        assert!(s.end <= text.len(), "mention {k} {m:?} ends past the text");
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "mention {k} {m:?} is not on char boundaries"
        );
        let sentence = sentences.get(m.sentence).unwrap_or_else(|| panic!("mention {k} {m:?}: no such sentence"));
        assert!(sentence.contains(s), "mention {k} {m:?} is not inside its sentence {sentence:?}");
        if let Some(p) = prev {
            assert!(p.span.end <= s.start, "mention {k} {m:?} overlaps or precedes the one before, {p:?}");
            assert!(p.sentence <= m.sentence, "mention {k} {m:?}: sentence index goes back");
        }
        assert_eq!(m.kind, m.value.kind(), "mention {k} {m:?}: kind and value differ");
        assert!(kinds.contains(m.kind), "mention {k} {m:?}: kind {} was not asked for", m.kind);
        check_value(&m.value, m);
        assert!(m.precision.is_finite() && m.precision >= 0.0, "mention {k} {m:?}: bad precision");
        let t = m.text(text);
        assert_eq!(t, t.trim(), "mention {k} {m:?}: text {t:?} has surrounding whitespace");
        prev = Some(m);
    }
}

fn finite(x: f64, what: &str, m: &Mention) {
    assert!(x.is_finite(), "{what} of {m:?} is not finite");
    assert!(x >= 0.0, "{what} of {m:?} is negative");
}

fn check_value(value: &Value, m: &Mention) {
    match value {
        Value::Money(v) => {
            finite(v.amount, "amount", m);
            if let Some(max) = v.amount_max {
                finite(max, "amount_max", m);
                assert!(max >= v.amount, "range of {m:?}: amount_max below amount");
            }
            assert!(
                v.currency.len() == 3 && v.currency.bytes().all(|b| b.is_ascii_uppercase()),
                "currency of {m:?} is not an ISO 4217 code"
            );
            if let Some(per) = &v.per {
                assert!(!per.trim().is_empty(), "per of {m:?} is blank");
            }
        }
        Value::ChipCount(v) => {
            if let Some(max) = v.count_max {
                assert!(max >= v.count, "range of {m:?}: count_max below count");
            }
            if let Some(chip) = &v.chip {
                assert!(!chip.trim().is_empty(), "chip of {m:?} is blank");
            }
        }
        Value::Duration(v) => {
            finite(v.seconds, "seconds", m);
            finite(v.amount, "amount", m);
            match (v.seconds_max, v.amount_max) {
                (Some(smax), Some(amax)) => {
                    finite(smax, "seconds_max", m);
                    finite(amax, "amount_max", m);
                    assert!(smax >= v.seconds, "range of {m:?}: seconds_max below seconds");
                    assert!(amax >= v.amount, "range of {m:?}: amount_max below amount");
                }
                (None, None) => {}
                _ => panic!("range of {m:?}: only one of seconds_max and amount_max"),
            }
        }
    }
}

/// Splits `text`, extracts the mentions of `kind` only, and checks the
/// sentence and mention invariants.
pub fn extract_one_kind(bytes: &[u8], kind: Kind) {
    let text = text_of(bytes);
    let sentences = claimex_segment::split(&text);
    check_sentences(&text, &sentences);
    let kinds = KindSet::NONE.with(kind);
    let mentions = claimex_extract::Extractor::with_kinds(kinds).extract(&text, &sentences);
    check_mentions(&text, &sentences, &mentions, kinds);
}

/// Everything [`check_sentences`] and [`check_mentions`] check, plus one
/// attribution per mention, and records that serialize to JSON whose `text`
/// is the mention's slice of the text, the same bytes by serde_json and by
/// `MentionRecord::write_json`.
pub fn check_analysis(text: &str, a: &Analysis) {
    check_sentences(text, &a.sentences);
    check_mentions(text, &a.sentences, &a.mentions, KindSet::ALL);
    assert_eq!(a.attributions.len(), a.mentions.len(), "one attribution per mention");
    for (m, about) in a.mentions.iter().zip(&a.attributions) {
        if let Some(subject) = &about.subject {
            assert!(!subject.trim().is_empty(), "blank subject for {m:?}");
        }
        let record = claimex::MentionRecord::with_attribution("fuzz.txt", text, m, about);
        let json = serde_json::to_string(&record).unwrap_or_else(|e| panic!("record of {m:?} does not serialize: {e}"));
        let back: serde_json::Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("record {json} does not parse back: {e}"));
        assert_eq!(back["text"].as_str(), Some(m.text(text)), "record text is not the slice: {json}");
        assert_eq!(back["start"].as_u64(), Some(m.span.start as u64), "record start: {json}");
        assert_eq!(back["end"].as_u64(), Some(m.span.end as u64), "record end: {json}");
        assert_eq!(back["kind"].as_str(), Some(m.kind.as_str()), "record kind: {json}");
        // the command's own writer gives the same bytes as serde_json
        let mut fast = Vec::new();
        record.write_json(&mut fast);
        assert_eq!(String::from_utf8(fast).ok().as_deref(), Some(json.as_str()), "write_json differs from serde_json");
    }
}
