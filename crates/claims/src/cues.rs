//! Attributes: what a figure says about its subject, read from the words
//! of its sentence.
//!
//! | kind | cue in the sentence | attribute |
//! | --- | --- | --- |
//! | money | a price per unit ("$2 per GPU hour") | `price` |
//! | money | per share, with profit or earnings in the sentence ("earned $2.53 a share") | `earnings_per_share` |
//! | money | revenue, sales, turnover (nearest cue) | `revenue` |
//! | money | profit, earnings, earned, (net) income | `profit` |
//! | money | the same, with "per-share" or "EPS" right beside it | `earnings_per_share` |
//! | money | lose, lost, loss, burned (through) | `loss` |
//! | money | raised, funding, round | `funding` |
//! | money | the same, with "in total", "to date", "since it was founded"… | `total_funding` |
//! | money | valued, values, valuing, valuation, worth | `valuation` |
//! | money | invest, investment, capex, (capital) expenditures | `investment` |
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

use std::collections::HashMap;
use std::sync::LazyLock;

use claimex_extract::{Kind, Mention, Value};
use claimex_segment::{Span, bytes};

use crate::descriptions::Literals;

const REVENUE: &[&str] = &["revenue", "revenues", "sales", "turnover"];
const PROFIT: &[&str] = &["profit", "profits", "earnings", "earned", "earn", "earns", "income", "eps"];
/// Words that put a profit per share: "$2.53 in per-share earnings", "EPS of $2.53".
const PER_SHARE: &[&str] = &["per-share", "eps"];
const FUNDING: &[&str] = &["raised", "raise", "raising", "raises", "funding", "round", "financing", "investors"];
const VALUATION: &[&str] = &["valued", "values", "valuing", "valuation", "valuations", "worth"];
const INVESTMENT: &[&str] = &[
    "invest",
    "invested",
    "investing",
    "invests",
    "investment",
    "investments",
    "capex",
    "expenditure",
    "expenditures",
];
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
const LOSS: &[&str] =
    &["lose", "loses", "losing", "lost", "loss", "losses", "burn", "burns", "burned", "burnt", "burning"];

/// Cue classes, as bits.
const C_REVENUE: u16 = 1;
const C_FUNDING: u16 = 1 << 1;
const C_VALUATION: u16 = 1 << 2;
const C_INVESTMENT: u16 = 1 << 3;
const C_COST: u16 = 1 << 4;
const C_DEVELOP: u16 = 1 << 5;
const C_PURCHASE: u16 = 1 << 6;
const C_OWN: u16 = 1 << 7;
const C_CLUSTER: u16 = 1 << 8;
const C_BUILD: u16 = 1 << 9;
const C_TRAIN: u16 = 1 << 10;
const C_LOSS: u16 = 1 << 11;
const C_PROFIT: u16 = 1 << 12;
const C_PER_SHARE: u16 = 1 << 13;

/// The cue words by their lower-case form, and the shapes they have.
struct Cues {
    map: HashMap<&'static [u8], u16, fnv::FnvBuildHasher>,
    /// Bit [`shape`] set when some cue word has that length, first and
    /// last letter: most words of a sentence are turned away by it
    /// before any hashing.
    shapes: Vec<u64>,
}

/// The shape of a word of 3 to 12 letters (or hyphens): its length and
/// its first and last byte, lower-cased.
#[inline]
fn shape(len: usize, first: u8, last: u8) -> usize {
    let class = |c: u8| if c.is_ascii_lowercase() { usize::from(c - b'a') } else { 26 };
    (len * 27 + class(first)) * 27 + class(last)
}

/// Every cue word with its classes (lowercase).
static CUES: LazyLock<Cues> = LazyLock::new(|| {
    let mut map: HashMap<&'static [u8], u16, fnv::FnvBuildHasher> = HashMap::default();
    for (list, bit) in [
        (REVENUE, C_REVENUE),
        (FUNDING, C_FUNDING),
        (VALUATION, C_VALUATION),
        (INVESTMENT, C_INVESTMENT),
        (COST, C_COST),
        (DEVELOP, C_DEVELOP),
        (PURCHASE, C_PURCHASE),
        (OWN, C_OWN),
        (CLUSTER, C_CLUSTER),
        (BUILD, C_BUILD),
        (LOSS, C_LOSS),
        (PROFIT, C_PROFIT),
        (PER_SHARE, C_PER_SHARE),
    ] {
        for w in list {
            *map.entry(w.as_bytes()).or_default() |= bit;
        }
    }
    let mut shapes = vec![0u64; 13 * 27 * 27 / 64 + 1];
    for w in map.keys() {
        if (3..=12).contains(&w.len()) {
            let k = shape(w.len(), w[0], w[w.len() - 1]);
            shapes[k / 64] |= 1 << (k % 64);
        }
    }
    Cues { map, shapes }
});

/// The cue words of one sentence, classified once and shared by every
/// figure in it.
pub(crate) struct Words<'t> {
    text: &'t str,
    span: Span,
    /// (start, end, classes) of each cue word, in order.
    cues: Vec<(usize, usize, u16)>,
    /// Every class present in the sentence.
    all: u16,
    /// A phrase making an amount raised a total ("so far", "to date"),
    /// read on first use: only funding figures ask.
    total: std::cell::OnceCell<bool>,
}

impl<'t> Words<'t> {
    /// The cue words of the sentence at `span`, kept in `cues` (cleared
    /// first: the vector of the sentence before, from [`Words::into_room`]).
    /// The same walk over its words fills `literals` with the words its
    /// subject patterns turn on (cleared first), a pass over the sentence
    /// less.
    pub(crate) fn new(
        text: &'t str,
        span: Span,
        mut cues: Vec<(usize, usize, u16)>,
        literals: &mut Literals,
    ) -> Words<'t> {
        cues.clear();
        literals.clear();
        let sentence = &text[span.start..span.end];
        let b = text.as_bytes();
        let mut i = span.start;
        let mut buf = [0u8; 16];
        let table = &*CUES;
        while i < span.end {
            if !b[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let s = i;
            i = bytes::word_end(b, i, span.end);
            literals.see(sentence, s - span.start);
            let word = &b[s..i];
            // cue words are 3 to 12 letters long
            if word.len() < 3 || word.len() > 12 {
                continue;
            }
            // the shape reads two bytes: most words need no lower-casing at all
            let k = shape(word.len(), word[0].to_ascii_lowercase(), word[word.len() - 1].to_ascii_lowercase());
            let mut bits = 0;
            if table.shapes[k / 64] & (1 << (k % 64)) != 0 {
                for (d, c) in buf.iter_mut().zip(word) {
                    *d = c.to_ascii_lowercase();
                }
                bits = table.map.get(&buf[..word.len()]).copied().unwrap_or(0);
            }
            if trains(word) {
                bits |= C_TRAIN;
            }
            // "$300 billion worth of goods": a quantity, not what something is worth ("a net
            // worth of $17 million" still is one)
            if bits & C_VALUATION != 0
                && word.eq_ignore_ascii_case(b"worth")
                && followed_by_of(b, i, span.end)
                && after_amount(b, s, span.start)
            {
                bits &= !C_VALUATION;
            }
            // "net income" is a profit; "real income", "household income" are not
            if bits & C_PROFIT != 0 && word.eq_ignore_ascii_case(b"income") && !after_net(b, s, span.start) {
                bits &= !C_PROFIT;
            }
            if bits != 0 {
                cues.push((s, i, bits));
            }
        }
        literals.finish(sentence);
        let all = cues.iter().fold(0, |acc, c| acc | c.2);
        Words { text, span, cues, all, total: std::cell::OnceCell::new() }
    }

    /// The vector these words were kept in, for the next sentence's.
    pub(crate) fn into_room(self) -> Vec<(usize, usize, u16)> {
        self.cues
    }

    /// True when the sentence says its amount raised is a total.
    fn total(&self) -> bool {
        *self.total.get_or_init(|| {
            let lower = self.text[self.span.start..self.span.end].to_ascii_lowercase();
            TOTAL.iter().any(|t| lower.contains(t))
        })
    }

    /// Distance in bytes from the nearest cue of class `bit` to the mention, if any.
    fn nearest(&self, bit: u16, m: Span) -> Option<usize> {
        if self.all & bit == 0 {
            return None;
        }
        // cues far away never beat near ones; a window keeps long sentences linear
        let lo = self.cues.partition_point(|c| c.1 + 600 < m.start);
        let hi = self.cues.partition_point(|c| c.0 <= m.end + 600);
        self.cues[lo..hi.max(lo)].iter().filter(|c| c.2 & bit != 0).map(|c| self.distance(c.0, c.1, m)).min()
    }

    /// Bytes between a word and the mention, plus a penalty when a clause
    /// boundary (comma, semicolon, dash, bracket) lies between them.
    fn distance(&self, s: usize, e: usize, m: Span) -> usize {
        let (a, b) = if e <= m.start { (e, m.start) } else { (m.end, s.max(m.end)) };
        let a = a.clamp(self.span.start, self.span.end);
        let b = b.clamp(a, self.span.end);
        let clause = has_clause_mark(&self.text.as_bytes()[a..b]);
        (b - a) + if clause { 50 } else { 0 }
    }

    fn has(&self, bit: u16) -> bool {
        self.all & bit != 0
    }
}

/// True when `gap` holds a clause boundary: a comma, a semicolon, a
/// bracket, an em dash or an en dash. Read as bytes (the dashes by their
/// UTF-8 encodings), not decoded char by char.
fn has_clause_mark(gap: &[u8]) -> bool {
    gap.iter().enumerate().any(|(k, &c)| match c {
        b',' | b';' | b'(' | b')' => true,
        // "—" is E2 80 94, "–" E2 80 93
        0xe2 => gap.get(k + 1) == Some(&0x80) && matches!(gap.get(k + 2), Some(0x93 | 0x94)),
        _ => false,
    })
}

/// True when the next word after `i` (before `end`) is "of".
fn followed_by_of(b: &[u8], i: usize, end: usize) -> bool {
    let mut j = i;
    while j < end && b[j] == b' ' {
        j += 1;
    }
    j > i
        && j + 2 <= end
        && b[j..j + 2].eq_ignore_ascii_case(b"of")
        && !b.get(j + 2).is_some_and(u8::is_ascii_alphanumeric)
}

/// True when the word before `s` (after `start`) ends an amount: a digit,
/// or a magnitude or currency word ("$300 worth", "5 billion worth",
/// "ten million dollars' worth").
fn after_amount(b: &[u8], s: usize, start: usize) -> bool {
    let mut e = s;
    while e > start && matches!(b[e - 1], b' ' | b'\'') {
        e -= 1;
    }
    let mut w = e;
    while w > start && b[w - 1].is_ascii_alphanumeric() {
        w -= 1;
    }
    let word = &b[w..e];
    word.last().is_some_and(u8::is_ascii_digit)
        || [
            &b"thousand"[..],
            b"million",
            b"billion",
            b"trillion",
            b"bn",
            b"mn",
            b"m",
            b"k",
            b"dollars",
            b"euros",
            b"pounds",
            b"yuan",
            b"yen",
        ]
        .iter()
        .any(|m| word.eq_ignore_ascii_case(m))
}

/// True when the word before `s` (after `start`) makes "income" a
/// company's profit: "net", "operating", "pretax", "pre-tax".
fn after_net(b: &[u8], s: usize, start: usize) -> bool {
    let mut e = s;
    while e > start && b[e - 1] == b' ' {
        e -= 1;
    }
    let mut w = e;
    while w > start && (b[w - 1].is_ascii_alphabetic() || b[w - 1] == b'-') {
        w -= 1;
    }
    let word = &b[w..e];
    e < s && [&b"net"[..], b"operating", b"pretax", b"pre-tax"].iter().any(|m| word.eq_ignore_ascii_case(m))
}

/// True for the words of training: "train…", "pre-train…", "pretrain…"
/// ("trained", "training", "Pre-training", "pretrained").
#[inline]
fn trains(word: &[u8]) -> bool {
    let starts = |w: &[u8], p: &[u8]| w.len() >= p.len() && w[..p.len()].eq_ignore_ascii_case(p);
    starts(word, b"train") || starts(word, b"pre-train") || starts(word, b"pretrain")
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

/// True for attributes that describe a model's training (they belong to
/// the model rather than to the organization).
pub(crate) fn is_model_level(attribute: &str) -> bool {
    attribute.starts_with("training_")
}

/// The attribute of `mention`, from the cue words of its sentence.
pub(crate) fn attribute(words: &Words<'_>, mention: &Mention) -> Option<&'static str> {
    let train = words.has(C_TRAIN);
    match mention.kind {
        Kind::Money => {
            if let Value::Money(m) = &mention.value
                && let Some(per) = &m.per
            {
                // "$2 per GPU hour", "$20 a month" are prices; "$5 billion a year" is a rate of
                // spending, earning or losing, read from the sentence like any other sum; "earned
                // $2.53 a share" is a profit per share
                if per == "share" && words.has(C_PROFIT) {
                    return Some("earnings_per_share");
                }
                let period = ["year", "month", "week", "day", "quarter", "annum"].contains(&per.as_str());
                if !(period && m.amount >= 1e6) {
                    return Some("price");
                }
            }
            let classes: [(u16, Option<&'static str>); 8] = [
                (C_LOSS, Some("loss")),
                (C_REVENUE, Some("revenue")),
                (C_PROFIT, Some("profit")),
                (C_FUNDING, Some("funding")),
                (C_VALUATION, Some("valuation")),
                (C_INVESTMENT, Some("investment")),
                (C_COST, None),
                (C_TRAIN, None),
            ];
            let nearest = classes
                .iter()
                .filter_map(|(bit, attr)| words.nearest(*bit, mention.span).map(|d| (d, *attr)))
                .min_by_key(|(d, _)| *d);
            match nearest {
                Some((_, Some("funding"))) if words.total() => Some("total_funding"),
                // "$2.53 in per-share earnings", "EPS of $2.53": the per-share word right beside it
                Some((_, Some("profit"))) if words.nearest(C_PER_SHARE, mention.span).is_some_and(|d| d <= 16) => {
                    Some("earnings_per_share")
                }
                Some((_, Some(attr))) => Some(attr),
                Some((_, None)) | None if train => Some("training_cost"),
                Some((_, None)) if words.has(C_DEVELOP) => Some("development_cost"),
                Some((_, None)) => Some("cost"),
                None => None,
            }
        }
        Kind::ChipCount => Some(if train {
            "training_hardware"
        } else if words.has(C_PURCHASE) {
            "chips_purchased"
        } else if words.has(C_CLUSTER) {
            "cluster_size"
        } else if words.has(C_OWN) {
            "chips_owned"
        } else {
            "hardware"
        }),
        Kind::Duration => Some(if train {
            "training_duration"
        } else if words.has(C_BUILD) {
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
        // revenue is what came in, profit what was left
        ("Walmart said revenue rose to $128 billion.", Some("revenue")),
        ("Net income rose to $5 billion.", Some("profit")),
        ("Its operating income was $2 billion.", Some("profit")),
        ("Real income fell by $1.4 billion a month.", None),
        ("It earned $3.4 billion in the quarter.", Some("profit")),
        ("Home Depot reported $2.53 in per-share earnings.", Some("earnings_per_share")),
        ("It earned $2.53 per share.", Some("earnings_per_share")),
        ("EPS of $2.53 beat estimates.", Some("earnings_per_share")),
        ("Profit was $5 billion, or $1.20 a share on a per-share basis.", Some("profit")),
        ("The firm bid $16.50 per share for Tribune.", Some("price")),
        ("Its R1 model cost $294,000 to train.", Some("training_cost")),
        ("The startup raised $640 million in a round led by Nvidia.", Some("funding")),
        ("The startup, which trained its model for $5m, is now valued at $6 billion.", Some("training_cost")),
        ("It was valued at $6 billion after training its model.", Some("valuation")),
        ("The round values Anthropic at $61.5 billion.", Some("valuation")),
        ("Tariffs hit $250 billion worth of Chinese goods.", None),
        ("The startup is now worth $2 billion.", Some("valuation")),
        ("He has a net worth of $17 million.", Some("valuation")),
        ("It bought $5 million worth of chips.", None),
        ("Pre-training took about two months.", Some("training_duration")),
        ("The pretraining run used 2,048 H800 GPUs.", Some("training_hardware")),
        ("A deal valuing the startup at $2 billion closed.", Some("valuation")),
        ("Revenue reached $3.4 billion last year.", Some("revenue")),
        ("Alphabet plans capital expenditures of $75 billion.", Some("investment")),
        ("OpenAI expects to lose $5 billion this year.", Some("loss")),
        ("OpenAI is reportedly burning $5 billion a year.", Some("loss")),
        ("Its annualized revenue is $2 billion a year.", Some("revenue")),
        ("ChatGPT Plus costs $20 a month.", Some("price")),
        ("The company burned through $2.5 billion in cash.", Some("loss")),
        ("It posted a net loss of $1.2 billion on revenue of $4 billion.", Some("loss")),
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
            let words = Words::new(text, Span::new(0, text.len()), vec![(0, 1, 1)], &mut Literals::default());
            let got = m.first().and_then(|m| attribute(&words, m));
            if got != *want {
                failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// The byte test of clause marks says what a test of the decoded
    /// characters says, on texts full of the marks, of other dashes and
    /// of other characters whose UTF-8 starts like theirs.
    #[test]
    fn clause_marks_read_as_bytes_are_the_characters() {
        let pieces =
            ["a", " ", ",", ";", "(", ")", "—", "–", "‒", "―", "€", "’", "…", "-", "é", "\u{2000}", "\u{20ac}", "word"];
        for gap in crate::generated_texts(7, &pieces, 5_000, 0..=11) {
            let want = gap.contains([',', ';', '(', ')', '—', '–']);
            assert_eq!(has_clause_mark(gap.as_bytes()), want, "{gap:?}");
        }
    }
}
