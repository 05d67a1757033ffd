//! Attributes: what a figure says about its subject, read from the words
//! of its sentence.
//!
//! | kind | cue in the sentence | attribute |
//! | --- | --- | --- |
//! | money | a price per unit ("$2 per GPU hour") | `price` |
//! | money | revenue, sales, earned (nearest cue) | `revenue` |
//! | money | raised, funding, round | `funding` |
//! | money | the same, with "in total", "to date", "since it was founded"… | `total_funding` |
//! | money | valued, valuation, worth | `valuation` |
//! | money | invest, investment, capex | `investment` |
//! | money | train…, with or without cost words | `training_cost` |
//! | money | develop, build | `development_cost` |
//! | money | cost, spent, budget, price tag, bill | `cost` |
//! | chip_count | train… | `training_hardware` |
//! | chip_count | bought, ordered, acquired | `chips_purchased` |
//! | chip_count | owns, has, stockpile | `chips_owned` |
//! | chip_count | cluster, supercomputer, data center | `cluster_size` |
//! | chip_count | (none) | `hardware` |
//! | duration | train… | `training_duration` |
//! | duration | built, construction | `build_time` |
//! | duration | (none) | `duration` |

use claimex_extract::{Kind, Mention, Value};
use claimex_segment::Span;

const REVENUE: &[&str] = &["revenue", "revenues", "sales", "earned", "earnings", "turnover", "income"];
const FUNDING: &[&str] = &["raised", "raise", "raising", "raises", "funding", "round", "financing", "investors"];
const VALUATION: &[&str] = &["valued", "valuation", "worth"];
const INVESTMENT: &[&str] = &["invest", "invested", "investing", "invests", "investment", "investments", "capex"];
const COST: &[&str] = &[
    "cost", "costs", "costing", "spent", "spend", "spending", "spends", "budget", "budgets", "price", "priced", "bill",
    "expense", "expenses", "paid", "pay", "paying", "sum", "outlay", "tag",
];
const DEVELOP: &[&str] = &["develop", "developed", "developing", "development", "build", "built", "building"];
const PURCHASE: &[&str] = &[
    "bought",
    "buy",
    "buying",
    "buys",
    "purchase",
    "purchased",
    "ordered",
    "order",
    "acquired",
    "acquire",
    "procured",
];
const OWN: &[&str] = &["own", "owns", "owned", "has", "have", "stockpile", "stockpiled", "access"];
const CLUSTER: &[&str] = &["cluster", "supercomputer", "datacenter", "center", "centre", "facility"];
const BUILD: &[&str] = &["built", "build", "building", "construction", "constructed", "assembled"];

/// The words of a sentence as byte spans, lowercase comparison helpers.
struct Words<'t> {
    text: &'t str,
    words: Vec<(usize, usize)>,
}

impl<'t> Words<'t> {
    fn new(text: &'t str, span: Span) -> Words<'t> {
        let mut words = Vec::new();
        let b = text.as_bytes();
        let mut i = span.start;
        while i < span.end {
            if b[i].is_ascii_alphabetic() {
                let s = i;
                while i < span.end && (b[i].is_ascii_alphabetic() || b[i] == b'-') {
                    i += 1;
                }
                words.push((s, i));
            } else {
                i += 1;
            }
        }
        Words { text, words }
    }

    /// Distance in bytes from the nearest word of `list` to the mention, if any.
    fn nearest(&self, list: &[&str], m: Span) -> Option<usize> {
        self.words
            .iter()
            .filter(|(s, e)| list.iter().any(|w| self.text[*s..*e].eq_ignore_ascii_case(w)))
            .map(|(s, e)| self.distance(*s, *e, m))
            .min()
    }

    /// Distance in bytes from the nearest word starting with `prefix`.
    fn nearest_prefix(&self, prefix: &str, m: Span) -> Option<usize> {
        self.words
            .iter()
            .filter(|(s, e)| {
                let w = &self.text[*s..*e];
                w.len() >= prefix.len() && w[..prefix.len()].eq_ignore_ascii_case(prefix)
            })
            .map(|(s, e)| self.distance(*s, *e, m))
            .min()
    }

    /// Bytes between a word and the mention, plus a penalty when a clause
    /// boundary (comma, semicolon, dash, bracket) lies between them.
    fn distance(&self, s: usize, e: usize, m: Span) -> usize {
        let (a, b) = if e <= m.start { (e, m.start) } else { (m.end, s.max(m.end)) };
        let gap = &self.text[a..b];
        let clause = gap.contains([',', ';', '(', ')', '—', '–']);
        (b - a) + if clause { 50 } else { 0 }
    }

    fn has_prefix(&self, prefix: &str) -> bool {
        self.words.iter().any(|(s, e)| {
            let w = &self.text[*s..*e];
            w.len() >= prefix.len() && w[..prefix.len()].eq_ignore_ascii_case(prefix)
        })
    }

    fn has(&self, list: &[&str]) -> bool {
        self.words.iter().any(|(s, e)| list.iter().any(|w| self.text[*s..*e].eq_ignore_ascii_case(w)))
    }
}

/// Phrases that make an amount raised a total rather than one round.
const TOTAL: &[&str] = &[
    "in total",
    "to date",
    "since it was founded",
    "since its founding",
    "so far",
    "altogether",
    "overall",
    "in all",
    "cumulative",
];

fn total_words(text: &str, sentence: Span) -> bool {
    let s = text[sentence.start..sentence.end].to_ascii_lowercase();
    TOTAL.iter().any(|t| s.contains(t))
}

/// True for attributes that describe a model's training (they belong to
/// the model rather than to the organization).
pub(crate) fn is_model_level(attribute: &str) -> bool {
    attribute.starts_with("training_")
}

/// The attribute of `mention`, from the words of its sentence `sentence`.
pub(crate) fn attribute(text: &str, sentence: Span, mention: &Mention) -> Option<&'static str> {
    let words = Words::new(text, sentence);
    let train = words.has_prefix("train");
    match mention.kind {
        Kind::Money => {
            if let Value::Money(m) = &mention.value
                && m.per.is_some()
            {
                return Some("price");
            }
            let classes: [(&[&str], Option<&'static str>); 5] = [
                (REVENUE, Some("revenue")),
                (FUNDING, Some("funding")),
                (VALUATION, Some("valuation")),
                (INVESTMENT, Some("investment")),
                (COST, None),
            ];
            let nearest = classes
                .iter()
                .filter_map(|(list, attr)| words.nearest(list, mention.span).map(|d| (d, *attr)))
                .chain(words.nearest_prefix("train", mention.span).map(|d| (d, None)))
                .min_by_key(|(d, _)| *d);
            match nearest {
                Some((_, Some("funding"))) if total_words(text, sentence) => Some("total_funding"),
                Some((_, Some(attr))) => Some(attr),
                Some((_, None)) | None if train => Some("training_cost"),
                Some((_, None)) if words.has(DEVELOP) => Some("development_cost"),
                Some((_, None)) => Some("cost"),
                None => None,
            }
        }
        Kind::ChipCount => Some(if train {
            "training_hardware"
        } else if words.has(PURCHASE) {
            "chips_purchased"
        } else if words.has(CLUSTER) {
            "cluster_size"
        } else if words.has(OWN) {
            "chips_owned"
        } else {
            "hardware"
        }),
        Kind::Duration => Some(if train {
            "training_duration"
        } else if words.has(BUILD) {
            "build_time"
        } else {
            "duration"
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimex_extract::Extractor;

    /// Corpus: sentence → attribute of its first mention.
    const CORPUS: &[(&str, Option<&str>)] = &[
        ("DeepSeek said it spent $294,000 on training its R1 model.", Some("training_cost")),
        ("Its R1 model cost $294,000 to train.", Some("training_cost")),
        ("The startup raised $640 million in a round led by Nvidia.", Some("funding")),
        ("The startup, which trained its model for $5m, is now valued at $6 billion.", Some("training_cost")),
        ("It was valued at $6 billion after training its model.", Some("valuation")),
        ("Revenue reached $3.4 billion last year.", Some("revenue")),
        ("It has raised more than €1 billion since it was founded in 2023.", Some("total_funding")),
        ("The lab plans to invest $10 billion in data centers.", Some("investment")),
        ("The $6 million was spent developing the base model.", Some("development_cost")),
        ("The deal cost $5 million.", Some("cost")),
        ("Renting an H100 costs $2 per GPU hour.", Some("price")),
        ("R1 was trained on 512 Nvidia H800 chips.", Some("training_hardware")),
        ("Meta bought 350,000 H100 GPUs.", Some("chips_purchased")),
        ("The Memphis cluster holds 100,000 H100 GPUs.", Some("cluster_size")),
        ("The run lasted 80 hours and trained R1.", Some("training_duration")),
        ("The cluster was built in 122 days.", Some("build_time")),
        ("It waited 3 days.", Some("duration")),
        ("The fine was $5m.", None),
    ];

    #[test]
    fn corpus() {
        let ex = Extractor::new();
        let mut failures = Vec::new();
        for (text, want) in CORPUS {
            let m = ex.extract_sentence(text);
            let got = m.first().and_then(|m| attribute(text, Span::new(0, text.len()), m));
            if got != *want {
                failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
