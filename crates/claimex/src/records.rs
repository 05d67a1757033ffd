//! The JSON records of the command line, as the interface contract fixes
//! them. They borrow from the document and the analysis: serializing one
//! allocates nothing but the output.

use serde::Serialize;
use serde_json::ser::Formatter;

use crate::{Ambiguity, Document, Kind, Mention, Qualifier, Span, Value};

/// One mention, as `claimex extract` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct MentionRecord<'a> {
    /// The input as the user gave it.
    pub source: &'a str,
    /// `money`, `chip_count` or `duration`.
    pub kind: Kind,
    /// Exactly `document_text[start..end]`.
    pub text: &'a str,
    /// Byte offset of the mention in the document text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// Index of its sentence (from 0).
    pub sentence: usize,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// The normalized value.
    pub value: &'a Value,
    /// What the figure is about, when known.
    pub subject: Option<&'a str>,
    /// What the figure says about the subject, when known.
    pub attribute: Option<&'a str>,
    /// Why the unit is not certain ("pound_or_weight" for "243 pounds" in
    /// a text that never shows British money), when it is not; the field
    /// is left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ambiguous: Option<Ambiguity>,
}

impl<'a> MentionRecord<'a> {
    /// The record of `mention`, found in `text` from `source`, with what
    /// it is about.
    pub fn with_attribution(
        source: &'a str,
        text: &'a str,
        mention: &'a Mention,
        about: &'a crate::Attribution,
    ) -> MentionRecord<'a> {
        MentionRecord {
            subject: about.subject.as_deref(),
            attribute: about.attribute,
            ..MentionRecord::new(source, text, mention)
        }
    }

    /// The record of `mention`, found in `text` from `source`, subject and
    /// attribute unknown.
    pub fn new(source: &'a str, text: &'a str, mention: &'a Mention) -> MentionRecord<'a> {
        MentionRecord {
            source,
            kind: mention.kind,
            text: mention.text(text),
            start: mention.span.start,
            end: mention.span.end,
            sentence: mention.sentence,
            qualifier: mention.qualifier,
            value: &mention.value,
            subject: None,
            attribute: None,
            ambiguous: mention.ambiguity,
        }
    }
}

impl MentionRecord<'_> {
    /// Appends the record to `out` as one line of compact JSON, byte for
    /// byte what `serde_json::to_writer` writes (a test holds it to that),
    /// several times faster: the keys are constants, the strings are
    /// copied whole unless they hold a character JSON escapes, and the
    /// value's numbers are written by serde_json's own formatter.
    pub fn write_json(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"{\"source\":");
        json_str(out, self.source);
        out.extend_from_slice(b",\"kind\":\"");
        out.extend_from_slice(self.kind.as_str().as_bytes());
        out.extend_from_slice(b"\",\"text\":");
        json_str(out, self.text);
        let mut digits = itoa::Buffer::new();
        for (key, n) in
            [(&b",\"start\":"[..], self.start), (b",\"end\":", self.end), (b",\"sentence\":", self.sentence)]
        {
            out.extend_from_slice(key);
            out.extend_from_slice(digits.format(n).as_bytes());
        }
        out.extend_from_slice(b",\"qualifier\":\"");
        out.extend_from_slice(self.qualifier.as_str().as_bytes());
        out.extend_from_slice(b"\",\"value\":");
        write_value(out, self.value);
        out.extend_from_slice(b",\"subject\":");
        json_opt_str(out, self.subject);
        out.extend_from_slice(b",\"attribute\":");
        json_opt_str(out, self.attribute);
        if let Some(a) = self.ambiguous {
            out.extend_from_slice(b",\"ambiguous\":\"");
            out.extend_from_slice(a.as_str().as_bytes());
            out.push(b'"');
        }
        out.push(b'}');
    }
}

/// Appends `value` as compact JSON, byte for byte what its derived
/// `Serialize` writes through `serde_json` (a test holds it to that): the
/// fields in their order, the empty optional ones left out as
/// `skip_serializing_if` leaves them, the keys written as constants
/// instead of by serde's escaping of each.
fn write_value(out: &mut Vec<u8>, value: &Value) {
    match value {
        Value::Money(m) => {
            out.extend_from_slice(b"{\"amount\":");
            json_f64(out, m.amount);
            json_opt_f64(out, b",\"amount_max\":", m.amount_max);
            out.extend_from_slice(b",\"currency\":");
            json_str(out, m.currency);
            if let Some(per) = &m.per {
                out.extend_from_slice(b",\"per\":");
                json_str(out, per);
            }
        }
        Value::ChipCount(c) => {
            let mut digits = itoa::Buffer::new();
            out.extend_from_slice(b"{\"count\":");
            out.extend_from_slice(digits.format(c.count).as_bytes());
            if let Some(max) = c.count_max {
                out.extend_from_slice(b",\"count_max\":");
                out.extend_from_slice(digits.format(max).as_bytes());
            }
            out.extend_from_slice(b",\"chip\":");
            json_opt_str(out, c.chip.as_deref());
            out.extend_from_slice(b",\"vendor\":");
            json_opt_str(out, c.vendor);
        }
        Value::Duration(d) => {
            out.extend_from_slice(b"{\"seconds\":");
            json_f64(out, d.seconds);
            json_opt_f64(out, b",\"seconds_max\":", d.seconds_max);
            out.extend_from_slice(b",\"amount\":");
            json_f64(out, d.amount);
            json_opt_f64(out, b",\"amount_max\":", d.amount_max);
            out.extend_from_slice(b",\"unit\":\"");
            out.extend_from_slice(d.unit.as_str().as_bytes());
            out.push(b'"');
        }
    }
    out.push(b'}');
}

/// `x` as serde_json writes an `f64`: by its formatter when finite
/// ("294000.0", "1e16"), else `null`.
fn json_f64(out: &mut Vec<u8>, x: f64) {
    if x.is_finite() {
        serde_json::ser::CompactFormatter.write_f64(out, x).expect("writing to a vector cannot fail");
    } else {
        out.extend_from_slice(b"null");
    }
}

/// An optional number field: `key` (with its comma and colon) and `x`, or
/// nothing at all when `x` is `None`, as `skip_serializing_if` leaves it.
fn json_opt_f64(out: &mut Vec<u8>, key: &[u8], x: Option<f64>) {
    if let Some(x) = x {
        out.extend_from_slice(key);
        json_f64(out, x);
    }
}

/// `s` as a JSON string: copied between quotes when no byte of it needs
/// an escape, else written by serde_json.
fn json_str(out: &mut Vec<u8>, s: &str) {
    // no early exit: the test runs over the whole string in wide steps
    let plain = !s.bytes().fold(false, |any, c| any | (c < 0x20) | (c == b'"') | (c == b'\\'));
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        serde_json::to_writer(&mut *out, s).expect("a string serializes");
    }
}

fn json_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_str(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// One sentence, as `claimex sentences` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SentenceRecord<'a> {
    /// The input as the user gave it.
    pub source: &'a str,
    /// Index of the sentence (from 0).
    pub index: usize,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset one past its last character.
    pub end: usize,
    /// The sentence: `document_text[start..end]`.
    pub text: &'a str,
}

impl<'a> SentenceRecord<'a> {
    /// The record of sentence `index` spanning `span` of `text`.
    pub fn new(source: &'a str, text: &'a str, index: usize, span: Span) -> SentenceRecord<'a> {
        SentenceRecord { source, index, start: span.start, end: span.end, text: span.as_str(text) }
    }
}

/// One document, as `claimex text` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct TextRecord<'a> {
    /// The input as the user gave it.
    pub source: &'a str,
    /// The document's URL, when known.
    pub url: Option<&'a str>,
    /// Its title, when known.
    pub title: Option<&'a str>,
    /// When it was published, when known.
    pub published: Option<&'a str>,
    /// The text that all offsets refer to.
    pub text: &'a str,
}

impl<'a> TextRecord<'a> {
    /// The record of `doc`.
    pub fn new(doc: &'a Document) -> TextRecord<'a> {
        TextRecord {
            source: &doc.source,
            url: doc.url.as_deref(),
            title: doc.title.as_deref(),
            published: doc.published.as_deref(),
            text: &doc.text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_json_writes_what_serde_json_writes() {
        let texts = [
            "It cost $294K to train. OpenAI spent about $5 million over 3 months on 10,000 H100 GPUs.",
            "Zephyr raised \"$45 million\" in a round led by A\\B Capital.\tIt took two weeks.",
            "He weighed in at 243 pounds. A Canadian firm paid $5 million and ¥300 for it.",
            "",
        ];
        let pipeline = crate::Pipeline::new();
        let mut seen = 0;
        for text in texts {
            let a = pipeline.analyze(text);
            for source in ["a.txt", "dir/\"quoted\".txt", "back\\slash\u{1}.txt", "é.txt"] {
                for (m, at) in a.mentions.iter().zip(&a.attributions) {
                    for r in [MentionRecord::with_attribution(source, text, m, at), MentionRecord::new(source, text, m)]
                    {
                        let mut fast = Vec::new();
                        r.write_json(&mut fast);
                        assert_eq!(String::from_utf8(fast).unwrap(), serde_json::to_string(&r).unwrap());
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 20, "{seen} records compared");
        // the flags are written, and only where a unit is uncertain
        let a = pipeline.analyze(texts[2]);
        let flags: Vec<Option<&str>> = a.mentions.iter().map(|m| m.ambiguity.map(Ambiguity::as_str)).collect();
        assert_eq!(flags, [Some("pound_or_weight"), Some("dollar"), Some("yuan_read_as_yen")]);
        let mut line = Vec::new();
        MentionRecord::new("a.txt", texts[2], &a.mentions[0]).write_json(&mut line);
        assert!(String::from_utf8(line).unwrap().ends_with(",\"ambiguous\":\"pound_or_weight\"}"));
    }

    #[test]
    fn write_value_writes_what_serde_json_writes() {
        use crate::{ChipCount, Duration, Money, TimeUnit};
        let odd = [0.0, -0.0, 294_000.0, 0.1, 1e16, 1.5e-7, 123_456_789.123, f64::NAN, f64::INFINITY, f64::MIN];
        let mut values = Vec::new();
        for (k, &x) in odd.iter().enumerate() {
            let y = odd[(k + 3) % odd.len()];
            for per in [None, Some("GPU hour".to_string()), Some("a \"quoted\\ unit\u{1}".to_string())] {
                values.push(Value::Money(Money { amount: x, amount_max: None, currency: "USD", per: per.clone() }));
                values.push(Value::Money(Money { amount: x, amount_max: Some(y), currency: "EUR", per }));
            }
            for unit in [TimeUnit::Second, TimeUnit::Week, TimeUnit::Year] {
                values.push(Value::Duration(Duration {
                    seconds: x,
                    seconds_max: None,
                    amount: y,
                    amount_max: None,
                    unit,
                }));
                values.push(Value::Duration(Duration {
                    seconds: y,
                    seconds_max: Some(x),
                    amount: x,
                    amount_max: Some(y),
                    unit,
                }));
            }
        }
        for (count, count_max) in [(0, None), (1, Some(u64::MAX)), (10_000, Some(20_000))] {
            for chip in [None, Some("H100".to_string()), Some("odd \"chip\"".to_string())] {
                for vendor in [None, Some("Nvidia")] {
                    values.push(Value::ChipCount(ChipCount { count, count_max, chip: chip.clone(), vendor }));
                }
            }
        }
        for value in &values {
            let mut fast = Vec::new();
            write_value(&mut fast, value);
            assert_eq!(String::from_utf8(fast).unwrap(), serde_json::to_string(value).unwrap());
        }
    }

    #[test]
    fn mention_record_has_the_contract_fields_in_order() {
        let text = "It cost $294K to train.";
        let a = crate::Pipeline::new().analyze(text);
        let json =
            serde_json::to_string(&MentionRecord::with_attribution("a.txt", text, &a.mentions[0], &a.attributions[0]))
                .unwrap();
        assert_eq!(
            json,
            r#"{"source":"a.txt","kind":"money","text":"$294K","start":8,"end":13,"sentence":0,"qualifier":"exact","value":{"amount":294000.0,"currency":"USD"},"subject":null,"attribute":"training_cost"}"#
        );
    }
}
