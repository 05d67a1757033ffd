//! Finds the figures news text states: money amounts, AI chip counts and
//! durations, each typed, normalized and qualified.
//!
//! `claimex-extract` reads a document's text sentence by sentence (the
//! sentence spans come from `claimex-segment`) and reports every
//! [`Mention`]: its byte span, its [`Kind`], its [`Qualifier`] ("about",
//! "more than", a range, a vague amount…) and its normalized [`Value`]
//! ("$294K" is 294,000 USD; "512 Nvidia H800 chips" is 512 H800 from Nvidia;
//! "80 hours" is 288,000 seconds).
//!
//! # Design
//!
//! Extraction is one pass over each sentence. A cheap scanner stops only at
//! places where a figure can start: a digit, a currency symbol, or one of
//! the few hundred words that can begin one ("two", "a", "several", "USD",
//! "weeks"…; a bitmap keyed by word length and first and last letter rejects
//! every other word without a lookup). At each such place the rule families
//! are tried ([`money`], [`chips`], [`duration`], in that order of
//! priority) over a small shared grammar of numbers ([`number`]) and
//! qualifiers ([`qualifier`]); the longest match wins and the scan resumes
//! after it. Rules are plain Rust over byte offsets: nothing is allocated per
//! word, and the only regexes (chip model names) are compiled once.
//!
//! Each rule module carries its corpus: a table of inputs with the mention
//! they must (or must not) give, run by one generic test runner
//! (Duckling's Rules + Corpus layout).
//!
//! # What it does not do
//!
//! It does not say what a figure is about (subject and attribute are the
//! job of the claims stage), it does not read HTML or files, and it only
//! knows English.
//!
//! # Example
//!
//! ```
//! use claimex_extract::{Extractor, Kind, Value};
//!
//! let text = "DeepSeek said R1 cost $294,000 to train on 512 Nvidia H800 chips.";
//! let sentences = claimex_segment::split(text);
//! let mentions = Extractor::new().extract(text, &sentences);
//! assert_eq!(mentions.len(), 2);
//! assert_eq!(mentions[0].text(text), "$294,000");
//! match &mentions[0].value {
//!     Value::Money(m) => assert_eq!((m.amount, m.currency), (294000.0, "USD")),
//!     other => panic!("not money: {other:?}"),
//! }
//! assert_eq!(mentions[1].kind, Kind::ChipCount);
//! ```
#![deny(missing_docs)]

pub mod chips;
#[cfg(test)]
mod corpus;
pub mod duration;
mod lexicon;
pub mod money;
pub mod number;
pub mod qualifier;
mod scan;

use std::fmt;

pub use claimex_segment::Span;

/// Month names and their abbreviations, as dates write them ("November 3",
/// "Nov. 3"): a number after one is a day of the month, and a capitalized
/// word among them names no one.
pub const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// The days of the week: capitalized words that name no one.
pub const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
use serde::Serialize;

/// The kind of figure a mention states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money.
    Money,
    /// A number of AI chips (GPUs, TPUs, accelerators).
    ChipCount,
    /// A length of time.
    Duration,
}

impl Kind {
    /// Every kind, in output order.
    pub const ALL: [Kind; 3] = [Kind::Money, Kind::ChipCount, Kind::Duration];

    /// The name used in JSON records and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Money => "money",
            Kind::ChipCount => "chip_count",
            Kind::Duration => "duration",
        }
    }

    /// Parses a kind name (`money`, `chip_count`/`chips`, `duration`).
    pub fn parse(name: &str) -> Option<Kind> {
        match name.trim().to_ascii_lowercase().as_str() {
            "money" => Some(Kind::Money),
            "chip_count" | "chips" | "chip" | "chip-count" => Some(Kind::ChipCount),
            "duration" | "durations" => Some(Kind::Duration),
            _ => None,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A set of [`Kind`]s to extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KindSet(u8);

impl KindSet {
    /// Every kind.
    pub const ALL: KindSet = KindSet(0b111);
    /// No kind.
    pub const NONE: KindSet = KindSet(0);

    fn bit(kind: Kind) -> u8 {
        match kind {
            Kind::Money => 1,
            Kind::ChipCount => 2,
            Kind::Duration => 4,
        }
    }

    /// This set with `kind` added.
    pub fn with(self, kind: Kind) -> KindSet {
        KindSet(self.0 | KindSet::bit(kind))
    }

    /// True when `kind` is in the set.
    pub fn contains(self, kind: Kind) -> bool {
        self.0 & KindSet::bit(kind) != 0
    }

    /// True when the set holds no kind.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
}

impl Default for KindSet {
    fn default() -> Self {
        KindSet::ALL
    }
}

impl FromIterator<Kind> for KindSet {
    fn from_iter<I: IntoIterator<Item = Kind>>(iter: I) -> Self {
        iter.into_iter().fold(KindSet::NONE, KindSet::with)
    }
}

/// How a figure is qualified in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// Stated as is ("$294,000", "just $294,000").
    #[default]
    Exact,
    /// About, around, roughly, nearly, some, an estimated…
    Approximate,
    /// More than, over, in excess of, upwards of…
    MoreThan,
    /// At least, no less than, … or more.
    AtLeast,
    /// Less than, under, below…
    LessThan,
    /// Up to, as much as, no more than…
    AtMost,
    /// A range with a lower and an upper end ("$3-4 billion").
    Range,
    /// A vague amount ("tens of millions", "weeks or months"); the value is
    /// its lower bound.
    Vague,
}

impl Qualifier {
    /// The name used in JSON records.
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approximate => "approximate",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::LessThan => "less_than",
            Qualifier::AtMost => "at_most",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A normalized amount of money.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// The amount in units of `currency` (a range's lower end).
    pub amount: f64,
    /// A range's upper end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_max: Option<f64>,
    /// ISO 4217 code ("USD"); "BTC" for bitcoin.
    pub currency: &'static str,
    /// The unit a price is per ("GPU hour", "share"), when it is a price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per: Option<String>,
}

/// A normalized count of AI chips.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChipCount {
    /// How many chips (a range's lower end).
    pub count: u64,
    /// A range's upper end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub count_max: Option<u64>,
    /// The chip model or family ("H800", "TPU v5p", "Blackwell"), when stated.
    pub chip: Option<String>,
    /// The vendor ("Nvidia"), when stated or implied by the model.
    pub vendor: Option<&'static str>,
}

/// A unit of time, with the lengths the contract fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    /// One second.
    Second,
    /// 60 seconds.
    Minute,
    /// 3,600 seconds.
    Hour,
    /// 86,400 seconds.
    Day,
    /// 7 days.
    Week,
    /// 30 days.
    Month,
    /// 365 days.
    Year,
}

impl TimeUnit {
    /// Length of the unit in seconds.
    pub fn seconds(self) -> f64 {
        match self {
            TimeUnit::Second => 1.0,
            TimeUnit::Minute => 60.0,
            TimeUnit::Hour => 3_600.0,
            TimeUnit::Day => 86_400.0,
            TimeUnit::Week => 604_800.0,
            TimeUnit::Month => 2_592_000.0,
            TimeUnit::Year => 31_536_000.0,
        }
    }

    /// The unit's name ("hour").
    pub fn as_str(self) -> &'static str {
        match self {
            TimeUnit::Second => "second",
            TimeUnit::Minute => "minute",
            TimeUnit::Hour => "hour",
            TimeUnit::Day => "day",
            TimeUnit::Week => "week",
            TimeUnit::Month => "month",
            TimeUnit::Year => "year",
        }
    }
}

/// A normalized duration.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duration {
    /// Length in seconds (a range's lower end).
    pub seconds: f64,
    /// A range's upper end in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seconds_max: Option<f64>,
    /// The length in `unit`s, as stated ("80" for "80 hours").
    pub amount: f64,
    /// A range's upper end in `unit`s.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_max: Option<f64>,
    /// The unit the length is stated in (the smallest one for "1 hour 30 minutes").
    pub unit: TimeUnit,
}

/// The normalized value of a mention, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// For [`Kind::Money`].
    Money(Money),
    /// For [`Kind::ChipCount`].
    ChipCount(ChipCount),
    /// For [`Kind::Duration`].
    Duration(Duration),
}

impl Value {
    /// The kind this value belongs to.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Money(_) => Kind::Money,
            Value::ChipCount(_) => Kind::ChipCount,
            Value::Duration(_) => Kind::Duration,
        }
    }

    /// The value as one number (amount, count or seconds; a range's lower end).
    pub fn magnitude(&self) -> f64 {
        match self {
            Value::Money(m) => m.amount,
            Value::ChipCount(c) => c.count as f64,
            Value::Duration(d) => d.seconds,
        }
    }

    /// A range's upper end as one number, when the value is a range.
    pub fn magnitude_max(&self) -> Option<f64> {
        match self {
            Value::Money(m) => m.amount_max,
            Value::ChipCount(c) => c.count_max.map(|c| c as f64),
            Value::Duration(d) => d.seconds_max,
        }
    }
}

/// Why a mention's unit is not certain. Reported rather than guessed silently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Ambiguity {
    /// A bare `$` or "dollars" near the name of another dollar country
    /// (Canada, Australia…), or in a text that names them three times or
    /// more; read as USD.
    Dollar,
    /// `¥` read as yuan because yuan/RMB/China is named nearby.
    YenReadAsYuan,
    /// `¥` read as yen (no yuan/RMB/China nearby).
    YuanReadAsYen,
    /// No currency is written next to the figure ("tens of millions" in a
    /// sentence about costs); the currency is the one the text used last.
    CurrencyAssumed,
    /// "francs", "pesos", "dinars"… without the country; the most common
    /// one is assumed.
    CurrencyName,
    /// "pounds" in a text that never writes £, "sterling", "GBP" or
    /// "pence": perhaps a weight ("he weighed in at 243 pounds"); read as
    /// GBP.
    PoundOrWeight,
}

impl Ambiguity {
    /// The name used in JSON records ("pound_or_weight").
    pub fn as_str(self) -> &'static str {
        match self {
            Ambiguity::Dollar => "dollar",
            Ambiguity::YenReadAsYuan => "yen_read_as_yuan",
            Ambiguity::YuanReadAsYen => "yuan_read_as_yen",
            Ambiguity::CurrencyAssumed => "currency_assumed",
            Ambiguity::CurrencyName => "currency_name",
            Ambiguity::PoundOrWeight => "pound_or_weight",
        }
    }
}

impl fmt::Display for Ambiguity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// What kind of figure it is.
    pub kind: Kind,
    /// Byte span of the figure in the text (qualifier words excluded).
    pub span: Span,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// The normalized value.
    pub value: Value,
    /// Stated precision: the value of one unit in the last digit written,
    /// in the value's units ("$6 million": 1,000,000; "$5.6 million":
    /// 100,000; "$294,000": 1,000, since all-zero groups are not taken as
    /// significant). Reconciliation derives intervals from it.
    pub precision: f64,
    /// Why the unit is uncertain, when it is.
    pub ambiguity: Option<Ambiguity>,
}

impl Mention {
    /// The mention's text: `text[start..end]`.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.span.start..self.span.end]
    }
}

/// Finds mentions in text. Build once and reuse; it is cheap to share
/// between threads.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    kinds: KindSet,
}

impl Extractor {
    /// An extractor for every kind.
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// An extractor for the given kinds only.
    pub fn with_kinds(kinds: KindSet) -> Extractor {
        Extractor { kinds }
    }

    /// The kinds this extractor reports.
    pub fn kinds(&self) -> KindSet {
        self.kinds
    }

    /// The mentions in `text`, whose sentences are `sentences` (ordered,
    /// non-overlapping spans, as `claimex-segment` gives them). Every
    /// mention lies inside one sentence; mentions come in text order.
    pub fn extract(&self, text: &str, sentences: &[Span]) -> Vec<Mention> {
        let mut out = Vec::new();
        self.extract_into(text, sentences, &mut out);
        out
    }

    /// Like [`Extractor::extract`], appending to `out`.
    pub fn extract_into(&self, text: &str, sentences: &[Span], out: &mut Vec<Mention>) {
        let first = out.len();
        for (index, sentence) in sentences.iter().enumerate() {
            if sentence.end > text.len()
                || sentence.start > sentence.end
                || !text.is_char_boundary(sentence.start)
                || !text.is_char_boundary(sentence.end)
            {
                continue;
            }
            scan::sentence(text, *sentence, index, self.kinds, out);
        }
        money::resolve_context(text, &mut out[first..]);
    }

    /// The mentions of one piece of text treated as a single sentence.
    pub fn extract_sentence(&self, text: &str) -> Vec<Mention> {
        self.extract(text, &[Span::new(0, text.len())])
    }
}

#[cfg(test)]
mod tests {
    use super::Ambiguity;

    #[test]
    fn ambiguity_names_are_the_serialized_names() {
        use Ambiguity::*;
        for a in [Dollar, YenReadAsYuan, YuanReadAsYen, CurrencyAssumed, CurrencyName, PoundOrWeight] {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{a}\""));
        }
    }
}
