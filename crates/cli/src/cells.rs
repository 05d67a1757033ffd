//! Records as flat cells, for CSV and tables, and values in words.

use claimex::{MentionRecord, SentenceRecord, TextRecord, Value};

pub const MENTION_HEADER: &[&str] = &[
    "source",
    "kind",
    "text",
    "start",
    "end",
    "sentence",
    "qualifier",
    "amount",
    "amount_max",
    "currency",
    "per",
    "count",
    "count_max",
    "chip",
    "vendor",
    "seconds",
    "seconds_max",
    "duration_amount",
    "unit",
    "subject",
    "attribute",
    "ambiguous",
];
pub const MENTION_TABLE_HEADER: &[&str] =
    &["source", "sent", "kind", "text", "qualifier", "value", "subject", "attribute", "ambiguous"];
pub const SENTENCE_HEADER: &[&str] = &["source", "index", "start", "end", "text"];
pub const TEXT_HEADER: &[&str] = &["source", "url", "title", "published", "text"];

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn mention(r: &MentionRecord<'_>) -> Vec<String> {
    let mut c = vec![
        r.source.to_string(),
        r.kind.to_string(),
        r.text.to_string(),
        r.start.to_string(),
        r.end.to_string(),
        r.sentence.to_string(),
        r.qualifier.to_string(),
    ];
    let blank = || String::new();
    match r.value {
        Value::Money(m) => {
            c.extend([m.amount.to_string(), opt(m.amount_max), m.currency.to_string(), opt(m.per.as_deref())]);
            c.extend((0..8).map(|_| blank()));
        }
        Value::ChipCount(k) => {
            c.extend((0..4).map(|_| blank()));
            c.extend([k.count.to_string(), opt(k.count_max), opt(k.chip.as_deref()), opt(k.vendor)]);
            c.extend((0..4).map(|_| blank()));
        }
        Value::Duration(d) => {
            c.extend((0..8).map(|_| blank()));
            c.extend([d.seconds.to_string(), opt(d.seconds_max), d.amount.to_string(), d.unit.as_str().to_string()]);
        }
    }
    c.extend([opt(r.subject), opt(r.attribute), opt(r.ambiguous)]);
    c
}

pub fn sentence(r: &SentenceRecord<'_>) -> Vec<String> {
    vec![r.source.to_string(), r.index.to_string(), r.start.to_string(), r.end.to_string(), r.text.to_string()]
}

pub fn text(r: &TextRecord<'_>) -> Vec<String> {
    vec![r.source.to_string(), opt(r.url), opt(r.title), opt(r.published), r.text.to_string()]
}

/// A number with thousands separators and at most a few decimals.
pub fn number(x: f64) -> String {
    let neg = x < 0.0;
    let x = x.abs();
    let whole = x.trunc() as u128;
    let frac = x - x.trunc();
    let digits = whole.to_string();
    let mut out = String::new();
    for (k, ch) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if frac > 1e-9 {
        let f = format!("{frac:.4}");
        out.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    if neg { format!("-{out}") } else { out }
}

/// A value in words: "294,000 USD", "512 × H800 (Nvidia)", "80 hour (288,000 s)".
pub fn value_words(v: &Value) -> String {
    match v {
        Value::Money(m) => {
            let mut s = number(m.amount);
            if let Some(max) = m.amount_max {
                s = format!("{s}–{}", number(max));
            }
            s = format!("{s} {}", m.currency);
            if let Some(per) = &m.per {
                s = format!("{s} per {per}");
            }
            s
        }
        Value::ChipCount(c) => {
            let mut s = number(c.count as f64);
            if let Some(max) = c.count_max {
                s = format!("{s}–{}", number(max as f64));
            }
            s.push_str(" ×");
            match &c.chip {
                Some(chip) => s = format!("{s} {chip}"),
                None => s.push_str(" chips"),
            }
            if let Some(v) = c.vendor {
                s = format!("{s} ({v})");
            }
            s
        }
        Value::Duration(d) => match (d.amount_max, d.seconds_max) {
            (Some(max), Some(smax)) if max.fract() == 0.0 => {
                format!(
                    "{}–{} {} ({}–{} s)",
                    number(d.amount),
                    number(max),
                    d.unit.as_str(),
                    number(d.seconds),
                    number(smax)
                )
            }
            (_, Some(smax)) => {
                format!("{} {} or more ({}–{} s)", number(d.amount), d.unit.as_str(), number(d.seconds), number(smax))
            }
            _ => format!("{} {} ({} s)", number(d.amount), d.unit.as_str(), number(d.seconds)),
        },
    }
}

pub fn mention_table(r: &MentionRecord<'_>) -> Vec<String> {
    vec![
        r.source.to_string(),
        r.sentence.to_string(),
        r.kind.to_string(),
        r.text.to_string(),
        r.qualifier.to_string(),
        value_words(r.value),
        opt(r.subject),
        opt(r.attribute),
        opt(r.ambiguous),
    ]
}
