//! Reconciles what different sources say: claims in, facts out.
//!
//! `claimex-reconcile` takes the claims extracted from many articles (each
//! a figure with its subject and attribute, e.g. "DeepSeek R1",
//! `training_cost`, "$294K") and the articles themselves, and reports per
//! fact which figures the sources agree on, which conflict, and how many
//! *independent* sources stand behind each, after discounting sources that
//! copy each other's text.
//!
//! # Design
//!
//! - **Facts.** A fact is one (subject, attribute, kind). Claims about
//!   different subjects or attributes never meet, so they never conflict.
//! - **Intervals.** Each claim is read as the interval of values it is
//!   consistent with, from its qualifier and stated precision ([`interval()`]:
//!   "$6 million" is 5.5–6.5 million, "about $12 million" is 10.8–13.2
//!   million, "more than $100 million" is everything above 100 million,
//!   "tens of millions" is 10–100 million). Two claims are compatible when
//!   their intervals overlap. Money in different currencies (or prices per
//!   different units) is never compared: those claims are different
//!   variants.
//! - **Variants.** A fact's claims are split into variants of mutually
//!   compatible claims by a sweep over the interval ends (intervals that
//!   overlap pairwise share a point; the point covered by the most
//!   independent sources is taken first, and so on); see *Variants*
//!   below. `status` is `single` (one source,
//!   one variant), `agreed` (one variant, two or more sources) or
//!   `conflict` (two or more variants). The fact's own `value`,
//!   `qualifier`, `sources` and `independent` are those of the consensus:
//!   the variant with the most independent sources (ties: more sources,
//!   then the narrower common interval, then the lower one), represented
//!   by its most precise claim (a stated figure before a bound before a
//!   vague amount, then the narrowest interval).
//! - **Copies.** Sources sharing copied text (two or more pasted
//!   sentences, or one long pasted passage) are found by hashed 8-word
//!   shingles, winnowed, in time linear in the total text
//!   ([`detect_copies`]). Each source lists the others it shares copied
//!   text with (`copies`); `independent` counts sources after merging
//!   those connected by copying, so a wire story republished ten times
//!   counts once.
//! - **Ambiguity.** A claim whose unit is uncertain (a bare `$` in a text
//!   naming Canada, `¥`) is merged on its reading but flagged on its
//!   variant (`"ambiguous": ["dollar"]`) and on the fact when it is in the
//!   consensus.
//! - **Order.** Output is deterministic: sources in input order, facts
//!   sorted by subject, attribute and kind, the consensus variant first.
//!   Which claims form a variant depends only on the claims, not on their
//!   order.
//!
//! # Variants
//!
//! The sweep, per fact and unit: claims with empty intervals stand alone;
//! the others are cut into connected stretches; in each stretch the point
//! covered by the most independent sources (then most sources, most
//! claims, leftmost) is found in one pass over the sorted ends, the claims
//! covering it form a variant and leave, and the sweep repeats on what is
//! left. Each variant reports its sources, its independent count, the
//! distinct mention texts, the evidence (source, sentence, text) of every
//! claim, its ambiguity flags and the interval its claims share.
//!
//! # What it does not do
//!
//! It does not extract figures or decide what they are about (that is
//! `claimex-extract` and the claims stage); it does not convert currencies
//! or read dates, so a figure revised over time shows as a conflict; and
//! copy detection is textual, so two rewrites of one press release count
//! as independent.
//!
//! # Example
//!
//! ```
//! use claimex_extract::{Kind, Money, Qualifier, Value};
//! use claimex_reconcile::{Claim, SourceDoc, Status, reconcile};
//!
//! let claim = |source: &str, amount: f64, precision: f64, qualifier, text: &str| Claim {
//!     source: source.into(),
//!     subject: "Widget X".into(),
//!     attribute: "training_cost".into(),
//!     kind: Kind::Money,
//!     qualifier,
//!     value: Value::Money(Money { amount, amount_max: None, currency: "USD", per: None }),
//!     precision,
//!     text: text.into(),
//!     sentence: format!("Widget X cost {text} to train."),
//!     ambiguity: None,
//! };
//! let claims = [
//!     claim("a", 12.4e6, 1e5, Qualifier::Exact, "$12.4 million"),
//!     claim("b", 12e6, 1e6, Qualifier::Approximate, "$12 million"),
//!     claim("c", 120e6, 1e6, Qualifier::Exact, "$120 million"),
//! ];
//! let sources: Vec<SourceDoc> = ["a", "b", "c"].iter().map(|s| SourceDoc::new(*s, "")).collect();
//! let report = reconcile(&sources, &claims);
//! let fact = &report.facts[0];
//! assert_eq!(fact.status, Status::Conflict);
//! assert_eq!(fact.sources, ["a", "b"]); // the consensus
//! assert_eq!(fact.variants[1].sources, ["c"]);
//! ```
#![deny(missing_docs)]

pub mod copies;
pub mod interval;
mod variants;

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use claimex_extract::{Ambiguity, Kind, Qualifier, Value};
use serde::Serialize;

pub use copies::{CopyOptions, detect_copies};
pub use interval::{APPROXIMATE_TOLERANCE, Interval, VAGUE_FACTOR, interval};

/// One figure a source states about a subject: the input of
/// reconciliation (a mention with its subject and attribute).
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The source that states it, as in [`SourceDoc::source`].
    pub source: String,
    /// What the figure is about ("DeepSeek R1").
    pub subject: String,
    /// What the figure says about the subject (`training_cost`).
    pub attribute: String,
    /// The kind of figure.
    pub kind: Kind,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// The normalized value.
    pub value: Value,
    /// The stated precision, in the value's unit (amount, count or
    /// seconds): see `claimex_extract::Mention::precision`.
    pub precision: f64,
    /// The mention text ("$294K").
    pub text: String,
    /// The sentence the mention is in (the evidence).
    pub sentence: String,
    /// Why the figure's unit is uncertain, when it is.
    pub ambiguity: Option<Ambiguity>,
}

/// One source document: its metadata and text (the text is used for copy
/// detection only).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceDoc {
    /// The source as the user named it (path or URL).
    pub source: String,
    /// The document title, when known.
    pub title: Option<String>,
    /// The publication date, when known, as given.
    pub published: Option<String>,
    /// The document text.
    pub text: String,
    /// How many mentions were found in it.
    pub mentions: usize,
}

impl SourceDoc {
    /// A source with its text and no metadata.
    pub fn new(source: impl Into<String>, text: impl Into<String>) -> SourceDoc {
        SourceDoc { source: source.into(), text: text.into(), ..SourceDoc::default() }
    }
}

/// Settings of [`reconcile_with`].
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Options {
    /// Copy detection settings.
    pub copies: CopyOptions,
}

/// The result of reconciliation, serialized as the contract's
/// `reconcile --format json` object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Every source, in input order (sources named only by claims follow,
    /// in order of first appearance).
    pub sources: Vec<SourceReport>,
    /// Every fact, sorted by subject, attribute and kind.
    pub facts: Vec<Fact>,
}

/// One source in a [`Report`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceReport {
    /// The source as named.
    pub source: String,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its publication date, when known.
    pub published: Option<String>,
    /// How many mentions were found in it.
    pub mentions: usize,
    /// The other sources that share copied text with it, in input order.
    pub copies: Vec<String>,
}

/// Whether the sources agree on a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// One source, one variant.
    Single,
    /// One variant, two or more sources.
    Agreed,
    /// Two or more incompatible variants.
    Conflict,
}

impl Status {
    /// The name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Single => "single",
            Status::Agreed => "agreed",
            Status::Conflict => "conflict",
        }
    }
}

/// One fact: what the sources say about one (subject, attribute, kind).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fact {
    /// The subject.
    pub subject: String,
    /// The attribute.
    pub attribute: String,
    /// The kind of figure.
    pub kind: Kind,
    /// Whether the sources agree.
    pub status: Status,
    /// The consensus value: the most precise value of the consensus variant.
    pub value: Value,
    /// The qualifier of that value.
    pub qualifier: Qualifier,
    /// The sources of the consensus variant, in input order.
    pub sources: Vec<String>,
    /// Independent sources of the consensus variant.
    pub independent: usize,
    /// Ambiguity flags of the consensus variant.
    pub ambiguous: Vec<Ambiguity>,
    /// Every variant, the consensus first, then by decreasing support.
    pub variants: Vec<Variant>,
}

/// A group of mutually compatible claims about one fact.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// The most precise value among its claims.
    pub value: Value,
    /// The qualifier of that value.
    pub qualifier: Qualifier,
    /// Its sources, in input order.
    pub sources: Vec<String>,
    /// How many of them are independent (copy groups counted once).
    pub independent: usize,
    /// The distinct mention texts, in source order.
    pub texts: Vec<String>,
    /// Why some of its figures' units are uncertain, when they are (sorted,
    /// distinct).
    pub ambiguous: Vec<Ambiguity>,
    /// The interval every claim of the variant covers (nominal ends, as
    /// in the table of [`interval()`], without the comparison slack).
    pub interval: Interval,
    /// Every claim's source, sentence and text, in source order.
    pub evidence: Vec<Evidence>,
}

/// Where a claim of a variant was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The source.
    pub source: String,
    /// The sentence holding the figure.
    pub sentence: String,
    /// The figure's text.
    pub text: String,
}

/// Reconciles `claims` across `sources` with the default [`Options`].
///
/// Sources are identified by name ([`SourceDoc::source`], [`Claim::source`]);
/// a name given twice is one source (its first entry counts). Claims are
/// grouped verbatim by subject and attribute: normalize them before.
pub fn reconcile(sources: &[SourceDoc], claims: &[Claim]) -> Report {
    reconcile_with(sources, claims, &Options::default())
}

/// Reconciles `claims` across `sources`. See the [crate docs](crate).
pub fn reconcile_with(sources: &[SourceDoc], claims: &[Claim], options: &Options) -> Report {
    // sources by name: documents first, then names only claims use
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(sources.len());
    let mut docs: Vec<&SourceDoc> = Vec::with_capacity(sources.len());
    for s in sources {
        if !index.contains_key(s.source.as_str()) {
            index.insert(&s.source, docs.len());
            docs.push(s);
        }
    }
    let mut extra: Vec<&str> = Vec::new();
    let claim_source: Vec<usize> = claims
        .iter()
        .map(|c| {
            let next = docs.len() + extra.len();
            *index.entry(c.source.as_str()).or_insert_with(|| {
                extra.push(&c.source);
                next
            })
        })
        .collect();
    let names: Vec<&str> = docs.iter().map(|d| d.source.as_str()).chain(extra.iter().copied()).collect();
    let n = names.len();

    // copies and copy groups
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let pairs = detect_copies(&texts, &options.copies);
    let mut copies: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut groups = UnionFind::new(n);
    for &(a, b) in &pairs {
        copies[a].push(b);
        copies[b].push(a);
        groups.union(a, b);
    }
    let group: Vec<usize> = (0..n).map(|i| groups.find(i)).collect();

    let source_reports = (0..n)
        .map(|i| {
            let mut c = copies[i].clone();
            c.sort_unstable();
            c.dedup();
            let doc = docs.get(i);
            SourceReport {
                source: names[i].to_string(),
                title: doc.and_then(|d| d.title.clone()),
                published: doc.and_then(|d| d.published.clone()),
                mentions: doc.map_or(0, |d| d.mentions),
                copies: c.into_iter().map(|j| names[j].to_string()).collect(),
            }
        })
        .collect();

    // facts: claims grouped by (subject, attribute, kind), each group in
    // source order (input order within a source)
    let mut by_fact: HashMap<(&str, &str, Kind), Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_fact.entry((c.subject.as_str(), c.attribute.as_str(), c.kind)).or_default().push(i);
    }
    let mut keys: Vec<(&str, &str, Kind)> = by_fact.keys().copied().collect();
    keys.sort_unstable();
    let facts = keys
        .into_iter()
        .map(|key| {
            let mut members = by_fact.remove(&key).unwrap_or_default();
            members.sort_by_key(|&i| (claim_source[i], i));
            let cx = FactContext { claims, claim_source: &claim_source, group: &group, names: &names };
            cx.fact(key, &members)
        })
        .collect();
    Report { sources: source_reports, facts }
}

/// What building one fact needs.
struct FactContext<'a> {
    claims: &'a [Claim],
    claim_source: &'a [usize],
    group: &'a [usize],
    names: &'a [&'a str],
}

/// A variant before output: its claims (indexes into `claims`), sources and
/// groups (global numbers, sorted and distinct), and shared interval.
struct Draft {
    members: Vec<usize>,
    sources: Vec<usize>,
    independent: usize,
    common: Interval,
    /// `common` without the comparison slack, for display.
    nominal: Interval,
    /// The member with the narrowest interval.
    best: usize,
}

impl FactContext<'_> {
    fn fact(&self, (subject, attribute, kind): (&str, &str, Kind), members: &[usize]) -> Fact {
        let claims = self.claims;
        let intervals: Vec<Interval> =
            members.iter().map(|&i| interval(&claims[i].value, claims[i].qualifier, claims[i].precision)).collect();
        // local numbering of sources and copy groups
        let mut local_source: HashMap<usize, usize> = HashMap::new();
        let mut local_group: HashMap<usize, usize> = HashMap::new();
        for &i in members {
            let s = self.claim_source[i];
            let next = local_source.len();
            local_source.entry(s).or_insert(next);
            let next = local_group.len();
            local_group.entry(self.group[s]).or_insert(next);
        }
        // split per unit (currency and price unit for money)
        let mut units: Vec<(Unit<'_>, Vec<usize>)> = Vec::new();
        for (k, &i) in members.iter().enumerate() {
            let u = Unit::of(&claims[i].value);
            match units.iter_mut().find(|(v, _)| *v == u) {
                Some((_, ks)) => ks.push(k),
                None => units.push((u, vec![k])),
            }
        }
        units.sort_by(|a, b| a.0.cmp(&b.0));
        let mut drafts: Vec<Draft> = Vec::new();
        for (_, ks) in &units {
            let items: Vec<variants::Item> = ks
                .iter()
                .map(|&k| {
                    let s = self.claim_source[members[k]];
                    variants::Item {
                        interval: intervals[k],
                        source: local_source[&s],
                        group: local_group[&self.group[s]],
                    }
                })
                .collect();
            for v in variants::split(&items, local_source.len(), local_group.len()) {
                let local: Vec<usize> = v.iter().map(|&j| ks[j]).collect();
                drafts.push(self.draft(members, &intervals, &local));
            }
        }
        drafts.sort_by(support_order);
        let status = match (drafts.len(), drafts.first().map_or(0, |d| d.sources.len())) {
            (1, 1) => Status::Single,
            (1, _) => Status::Agreed,
            _ => Status::Conflict,
        };
        let variants: Vec<Variant> = drafts.iter().map(|d| self.variant(d)).collect();
        let consensus = &variants[0];
        Fact {
            subject: subject.to_string(),
            attribute: attribute.to_string(),
            kind,
            status,
            value: consensus.value.clone(),
            qualifier: consensus.qualifier,
            sources: consensus.sources.clone(),
            independent: consensus.independent,
            ambiguous: consensus.ambiguous.clone(),
            variants,
        }
    }

    /// A draft from positions `local` in `members`.
    fn draft(&self, members: &[usize], intervals: &[Interval], local: &[usize]) -> Draft {
        let claims = self.claims;
        let mut sources: Vec<usize> = local.iter().map(|&k| self.claim_source[members[k]]).collect();
        sources.sort_unstable();
        sources.dedup();
        let mut groups: Vec<usize> = sources.iter().map(|&s| self.group[s]).collect();
        groups.sort_unstable();
        groups.dedup();
        let common = local.iter().map(|&k| intervals[k]).reduce(|a, b| a.intersection(&b)).unwrap_or(Interval::EMPTY);
        // for display: the same without the slack, unless only the slack
        // made the claims meet
        let nominal = local
            .iter()
            .map(|&k| {
                let c = &claims[members[k]];
                interval::nominal(&c.value, c.qualifier, c.precision)
            })
            .reduce(|a, b| a.intersection(&b))
            .filter(|i| !i.is_empty())
            .unwrap_or(common);
        // the most precise claim: a stated figure before a bound before a
        // vague amount, then the narrowest interval, then finest precision,
        // then the plainest qualifier, then source order, then text
        let best = local
            .iter()
            .copied()
            .min_by(|&a, &b| {
                let (ca, cb) = (&claims[members[a]], &claims[members[b]]);
                definiteness(ca.qualifier)
                    .cmp(&definiteness(cb.qualifier))
                    .then(intervals[a].width().total_cmp(&intervals[b].width()))
                    .then(precision_key(ca.precision).total_cmp(&precision_key(cb.precision)))
                    .then(ca.qualifier.cmp(&cb.qualifier))
                    .then(self.claim_source[members[a]].cmp(&self.claim_source[members[b]]))
                    .then(ca.text.cmp(&cb.text))
                    .then(a.cmp(&b))
            })
            .map_or(members[0], |k| members[k]);
        Draft {
            members: local.iter().map(|&k| members[k]).collect(),
            sources,
            independent: groups.len(),
            common,
            nominal,
            best,
        }
    }

    fn variant(&self, d: &Draft) -> Variant {
        let claims = self.claims;
        let best = &claims[d.best];
        let mut texts: Vec<String> = Vec::new();
        let mut evidence: Vec<Evidence> = Vec::new();
        let mut ambiguous: Vec<Ambiguity> = Vec::new();
        let mut seen_texts: HashSet<&str> = HashSet::new();
        let mut seen_evidence: HashSet<(usize, &str, &str)> = HashSet::new();
        for &i in &d.members {
            let c = &claims[i];
            if seen_texts.insert(&c.text) {
                texts.push(c.text.clone());
            }
            let source = self.names[self.claim_source[i]];
            if seen_evidence.insert((self.claim_source[i], &c.sentence, &c.text)) {
                evidence.push(Evidence {
                    source: source.to_string(),
                    sentence: c.sentence.clone(),
                    text: c.text.clone(),
                });
            }
            if let Some(a) = c.ambiguity
                && !ambiguous.contains(&a)
            {
                ambiguous.push(a);
            }
        }
        ambiguous.sort_by_key(|a| ambiguity_rank(*a));
        Variant {
            value: best.value.clone(),
            qualifier: best.qualifier,
            sources: d.sources.iter().map(|&s| self.names[s].to_string()).collect(),
            independent: d.independent,
            texts,
            ambiguous,
            interval: d.nominal,
            evidence,
        }
    }
}

/// Strongest variant first: most independent sources, most sources,
/// narrowest shared interval, lowest, then its first claim.
fn support_order(a: &Draft, b: &Draft) -> Ordering {
    b.independent
        .cmp(&a.independent)
        .then(b.sources.len().cmp(&a.sources.len()))
        .then(a.common.width().total_cmp(&b.common.width()))
        .then(a.common.start().cmp(&b.common.start()))
        .then(a.common.end().cmp(&b.common.end()))
        .then(a.members.cmp(&b.members))
}

/// Precision as a sort key: unknown (not positive) last.
fn precision_key(p: f64) -> f64 {
    if p.is_finite() && p > 0.0 { p } else { f64::INFINITY }
}

fn ambiguity_rank(a: Ambiguity) -> u8 {
    match a {
        Ambiguity::Dollar => 0,
        Ambiguity::YenReadAsYuan => 1,
        Ambiguity::YuanReadAsYen => 2,
        Ambiguity::CurrencyAssumed => 3,
        Ambiguity::CurrencyName => 4,
        Ambiguity::PoundOrWeight => 5,
        _ => 6,
    }
}

/// What a value is measured in: claims in different units are never
/// compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit<'a> {
    Money(&'static str, Option<&'a str>),
    Chips,
    Seconds,
}

impl<'a> Unit<'a> {
    fn of(value: &'a Value) -> Unit<'a> {
        match value {
            Value::Money(m) => Unit::Money(m.currency, m.per.as_deref()),
            Value::ChipCount(_) => Unit::Chips,
            Value::Duration(_) => Unit::Seconds,
        }
    }
}

/// Disjoint sets over `0..n`, for copy groups.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n).collect() }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // the smaller index is the root: groups do not depend on pair order
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests;

/// How definite a qualifier is: a stated figure (0), a bound (1), a vague amount (2).
fn definiteness(q: Qualifier) -> u8 {
    match q {
        Qualifier::Exact | Qualifier::Approximate | Qualifier::Range => 0,
        Qualifier::MoreThan | Qualifier::AtLeast | Qualifier::LessThan | Qualifier::AtMost => 1,
        Qualifier::Vague => 2,
    }
}
