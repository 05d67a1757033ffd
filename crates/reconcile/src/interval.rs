//! The interval a figure states, from its qualifier and its stated precision.
//!
//! Every claim is read as the set of true values it is consistent with; two
//! claims are compatible when their sets overlap. With `v` the value
//! (amount, chip count or seconds), `v_max` a range's upper end (or `v`),
//! and `p` the stated precision (the value of one unit of the last digit
//! written, see `claimex_extract::Mention::precision`):
//!
//! | qualifier     | interval                                             | example                                  |
//! |---------------|------------------------------------------------------|------------------------------------------|
//! | `exact`       | `[v − p/2, v + p/2]`                                 | "$6 million" → [5.5M, 6.5M]              |
//! | `range`       | `[v − p/2, v_max + p/2]`                             | "$3-4 billion" → [2.5B, 4.5B]            |
//! | `approximate` | `[v − w, v_max + w]`, `w = max(p/2, 10 % of v)`      | "about $12 million" → [10.8M, 13.2M]     |
//! | `more_than`   | `(v, ∞)`                                             | "more than $100 million"                 |
//! | `at_least`    | `[v, ∞)`                                             | "at least 10,000 GPUs"                   |
//! | `less_than`   | `[0, v)`                                             | "less than $6 million"                   |
//! | `at_most`     | `[0, v]`                                             | "up to 2,048 chips"                      |
//! | `vague`       | `[v, v_max)`, or `[v, 10 · v)` with no upper end     | "tens of millions" → [10M, 100M)         |
//!
//! The 10 % of [`APPROXIMATE_TOLERANCE`] is computed at each end (for
//! "about $3-4 billion" the upper end widens by 10 % of 4 billion). The
//! vague rule reads the value as the lower bound the extractor gives it
//! and the upper end as the one its phrase implies ("tens of millions":
//! 10 to 100 million; "weeks or months": 2 weeks to 12 months); with no
//! upper end ("several weeks" = 3 weeks) it stretches one order of
//! magnitude ([`VAGUE_FACTOR`]).
//!
//! Ends computed from the precision (`exact`, `range`, `approximate`) are
//! widened by a relative [`SLACK`] of 10⁻⁹ so that a value sitting exactly
//! on a rounding boundary ("$12.35 million" rounded to "$12.4 million")
//! stays inside despite floating-point error. Bounds that the text states
//! ("more than", "less than", "at most"…) are kept exact, so "more than
//! $100 million" and "at most $100 million" never meet.
//!
//! A precision that is not a positive finite number is read as 0 (the
//! figure is taken at face value); a value that is not finite gives an
//! empty interval, compatible with nothing.
//!
//! Consequences the tests check (also as property tests):
//! compatibility is symmetric; a stated value lies in its own interval
//! (except for the strict bounds `more_than` and `less_than`, which exclude
//! it by definition); a figure rounded to a coarser precision stays
//! compatible with the original ("$12.38 million", "$12.4 million", "$12
//! million"); and an exact or approximate figure is never compatible with
//! ten times itself, since `p ≤ v` whenever the first digit written is not
//! zero, so exact intervals lie within `[0.5 v, 1.5 v]` and approximate ones
//! within `[0.4 v, 1.6 v]`.

use std::cmp::Ordering;
use std::fmt;

use claimex_extract::{Qualifier, Value};
use serde::Serialize;
use serde::ser::SerializeStruct;

/// Relative half-width an approximate figure ("about", "roughly", "nearly",
/// "some") is given when it exceeds half its stated precision: 10 %.
pub const APPROXIMATE_TOLERANCE: f64 = 0.10;

/// How far a vague figure stretches above its lower bound: one order of
/// magnitude ("tens of millions" covers 10 to 100 million).
pub const VAGUE_FACTOR: f64 = 10.0;

/// Relative widening of ends computed from the precision, absorbing
/// floating-point error at rounding boundaries.
pub const SLACK: f64 = 1e-9;

/// A set of real numbers between two ends, each open or closed; `hi` may be
/// `+∞` (always open then).
///
/// Serialized as `{"lo", "hi", "lo_open", "hi_open"}` with `hi` null when
/// unbounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower end.
    pub lo: f64,
    /// Upper end (`f64::INFINITY` when unbounded).
    pub hi: f64,
    /// True when `lo` itself is excluded.
    pub lo_open: bool,
    /// True when `hi` itself is excluded.
    pub hi_open: bool,
}

impl Interval {
    /// The empty interval.
    pub const EMPTY: Interval = Interval { lo: 1.0, hi: 0.0, lo_open: true, hi_open: true };

    /// `[lo, hi]`.
    pub fn closed(lo: f64, hi: f64) -> Interval {
        Interval { lo, hi, lo_open: false, hi_open: false }
    }

    /// `[lo, ∞)`.
    pub fn at_least(lo: f64) -> Interval {
        Interval { lo, hi: f64::INFINITY, lo_open: false, hi_open: true }
    }

    /// `(lo, ∞)`.
    pub fn above(lo: f64) -> Interval {
        Interval { lo, hi: f64::INFINITY, lo_open: true, hi_open: true }
    }

    /// True when no number lies in the interval.
    pub fn is_empty(&self) -> bool {
        self.lo.is_nan() || self.hi.is_nan() || self.start() > self.end()
    }

    /// True when `x` lies in the interval.
    pub fn contains(&self, x: f64) -> bool {
        !self.is_empty() && !x.is_nan() && self.start() <= Pos::at(x) && Pos::at(x) <= self.end()
    }

    /// True when the two intervals share at least one number: the
    /// compatibility test between two claims. Symmetric.
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.is_empty() && !other.is_empty() && self.start().max(other.start()) <= self.end().min(other.end())
    }

    /// The numbers in both intervals (possibly empty).
    pub fn intersection(&self, other: &Interval) -> Interval {
        let (lo, lo_open) =
            if self.start() >= other.start() { (self.lo, self.lo_open) } else { (other.lo, other.lo_open) };
        let (hi, hi_open) = if self.end() <= other.end() { (self.hi, self.hi_open) } else { (other.hi, other.hi_open) };
        Interval { lo, hi, lo_open, hi_open }
    }

    /// `hi − lo` (`∞` when unbounded, 0 when empty).
    pub fn width(&self) -> f64 {
        if self.is_empty() { 0.0 } else { self.hi - self.lo }
    }

    /// The first position inside the interval, for sweeps.
    pub(crate) fn start(&self) -> Pos {
        Pos { x: self.lo, side: if self.lo_open { 1 } else { 0 } }
    }

    /// The last position inside the interval, for sweeps.
    pub(crate) fn end(&self) -> Pos {
        Pos { x: self.hi, side: if self.hi_open { -1 } else { 0 } }
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("∅");
        }
        let open = if self.lo_open { '(' } else { '[' };
        let close = if self.hi_open { ')' } else { ']' };
        write!(f, "{open}{}, {}{close}", self.lo, self.hi)
    }
}

impl Serialize for Interval {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Interval", 4)?;
        s.serialize_field("lo", &self.lo)?;
        s.serialize_field("hi", &self.hi.is_finite().then_some(self.hi))?;
        s.serialize_field("lo_open", &self.lo_open)?;
        s.serialize_field("hi_open", &(self.hi_open || !self.hi.is_finite()))?;
        s.end()
    }
}

/// A position on the real line refined by a side: just before `x` (-1), at
/// `x` (0) or just after `x` (1). An interval covers the positions from its
/// [`Interval::start`] to its [`Interval::end`], so open and closed ends
/// compare exactly, and two intervals overlap iff the later start is not
/// after the earlier end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pos {
    pub(crate) x: f64,
    pub(crate) side: i8,
}

impl Pos {
    fn at(x: f64) -> Pos {
        Pos { x, side: 0 }
    }
}

impl PartialEq for Pos {
    fn eq(&self, other: &Pos) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Pos {}

impl PartialOrd for Pos {
    fn partial_cmp(&self, other: &Pos) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pos {
    fn cmp(&self, other: &Pos) -> Ordering {
        self.x.total_cmp(&other.x).then(self.side.cmp(&other.side))
    }
}

/// The interval of true values a figure is consistent with, from its
/// qualifier and its stated precision (see the [module docs](self) for the
/// rule table). Works on the value's magnitude: amount for money, count for
/// chips, seconds for durations; `precision` is in the same unit.
///
/// ```
/// use claimex_extract::{Money, Qualifier, Value};
/// use claimex_reconcile::interval;
///
/// let usd = |amount: f64| Value::Money(Money { amount, amount_max: None, currency: "USD", per: None });
/// let six = interval(&usd(6e6), Qualifier::Exact, 1e6);
/// assert!(six.contains(5.5e6) && six.contains(6.5e6) && !six.contains(6.6e6));
/// let about_12 = interval(&usd(12e6), Qualifier::Approximate, 1e6);
/// assert!(about_12.overlaps(&interval(&usd(12.38e6), Qualifier::Exact, 1e4)));
/// assert!(!about_12.overlaps(&interval(&usd(120e6), Qualifier::Exact, 1e6)));
/// let over_100 = interval(&usd(100e6), Qualifier::MoreThan, 1e6);
/// assert!(!over_100.contains(100e6) && over_100.contains(100.1e6));
/// ```
pub fn interval(value: &Value, qualifier: Qualifier, precision: f64) -> Interval {
    interval_with_slack(value, qualifier, precision, SLACK)
}

/// [`interval`] with the nominal ends, without [`SLACK`]: for display.
pub(crate) fn nominal(value: &Value, qualifier: Qualifier, precision: f64) -> Interval {
    interval_with_slack(value, qualifier, precision, 0.0)
}

fn interval_with_slack(value: &Value, qualifier: Qualifier, precision: f64, slack: f64) -> Interval {
    let v = value.magnitude();
    if !v.is_finite() {
        return Interval::EMPTY;
    }
    let v_max = value.magnitude_max().filter(|m| m.is_finite() && *m >= v).unwrap_or(v);
    let p = if precision.is_finite() && precision > 0.0 { precision } else { 0.0 };
    let slack = |x: f64| slack * x.abs().max(p);
    let around = |half_lo: f64, half_hi: f64| {
        let lo = v - half_lo;
        let hi = v_max + half_hi;
        Interval::closed(lo - slack(lo), hi + slack(hi))
    };
    match qualifier {
        Qualifier::Exact | Qualifier::Range => around(p / 2.0, p / 2.0),
        Qualifier::Approximate => {
            around((p / 2.0).max(APPROXIMATE_TOLERANCE * v.abs()), (p / 2.0).max(APPROXIMATE_TOLERANCE * v_max.abs()))
        }
        Qualifier::MoreThan => Interval::above(v),
        Qualifier::AtLeast => Interval::at_least(v),
        Qualifier::LessThan => Interval { lo: v.min(0.0), hi: v, lo_open: false, hi_open: true },
        Qualifier::AtMost => Interval::closed(v.min(0.0), v),
        Qualifier::Vague => {
            Interval { lo: v, hi: if v_max > v { v_max } else { VAGUE_FACTOR * v }, lo_open: false, hi_open: true }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimex_extract::{ChipCount, Duration, Money, TimeUnit};
    use proptest::prelude::*;

    fn usd(amount: f64) -> Value {
        Value::Money(Money { amount, amount_max: None, currency: "USD", per: None })
    }

    fn usd_range(lo: f64, hi: f64) -> Value {
        Value::Money(Money { amount: lo, amount_max: Some(hi), currency: "USD", per: None })
    }

    fn chips(count: u64) -> Value {
        Value::ChipCount(ChipCount { count, count_max: None, chip: None, vendor: None })
    }

    fn hours(h: f64) -> Value {
        Value::Duration(Duration {
            seconds: h * 3600.0,
            seconds_max: None,
            amount: h,
            amount_max: None,
            unit: TimeUnit::Hour,
        })
    }

    use Qualifier::*;

    const INF: f64 = f64::INFINITY;

    /// The rule table: (value, qualifier, precision) → (lo, hi, lo_open, hi_open).
    #[allow(clippy::type_complexity)]
    fn rules() -> Vec<(Value, Qualifier, f64, (f64, f64, bool, bool))> {
        vec![
            // "$6 million"
            (usd(6e6), Exact, 1e6, (5.5e6, 6.5e6, false, false)),
            // "$5.6 million"
            (usd(5.6e6), Exact, 1e5, (5.55e6, 5.65e6, false, false)),
            // "$294,000" (precision 1,000)
            (usd(294e3), Exact, 1e3, (293_500.0, 294_500.0, false, false)),
            // "$3-4 billion"
            (usd_range(3e9, 4e9), Range, 1e9, (2.5e9, 4.5e9, false, false)),
            // "about $12 million": 10 % beats half a million
            (usd(12e6), Approximate, 1e6, (10.8e6, 13.2e6, false, false)),
            // "about $6 million": 10 % (600k) beats half the precision (500k)
            (usd(6e6), Approximate, 1e6, (5.4e6, 6.6e6, false, false)),
            // "about $300 million" written "0.3 billion": half precision (50M) beats 10 % (30M)
            (usd(3e8), Approximate, 1e8, (2.5e8, 3.5e8, false, false)),
            // "more than $100 million"
            (usd(1e8), MoreThan, 1e6, (1e8, INF, true, true)),
            // "at least 10,000 GPUs"
            (chips(10_000), AtLeast, 1e3, (1e4, INF, false, true)),
            // "less than $6 million"
            (usd(6e6), LessThan, 1e6, (0.0, 6e6, false, true)),
            // "up to 2,048 chips"
            (chips(2048), AtMost, 1.0, (0.0, 2048.0, false, false)),
            // "tens of millions"
            (usd(1e7), Vague, 1e7, (1e7, 1e8, false, true)),
            // "80 hours"
            (hours(80.0), Exact, 3600.0, (79.5 * 3600.0, 80.5 * 3600.0, false, false)),
            // negative: a missing precision means face value
            (chips(512), Exact, 0.0, (512.0, 512.0, false, false)),
            (chips(512), Exact, f64::NAN, (512.0, 512.0, false, false)),
            (chips(512), Exact, -3.0, (512.0, 512.0, false, false)),
        ]
    }

    fn close(a: f64, b: f64) -> bool {
        a == b || (a - b).abs() <= 1e-6 * a.abs().max(b.abs())
    }

    #[test]
    fn rule_table() {
        let mut failures = Vec::new();
        for (value, q, p, (lo, hi, lo_open, hi_open)) in rules() {
            let got = interval(&value, q, p);
            if !(close(got.lo, lo) && close(got.hi, hi) && got.lo_open == lo_open && got.hi_open == hi_open) {
                failures.push(format!("{value:?} {q} p={p}: got {got}, want {lo}..{hi} ({lo_open},{hi_open})"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// (a, b, compatible?) in both orders.
    #[test]
    fn compatibility_table() {
        let cases = [
            // "$12.4 million" / "about $12 million" / "US$12.38 million"
            ((usd(12.4e6), Exact, 1e5), (usd(12e6), Approximate, 1e6), true),
            ((usd(12.38e6), Exact, 1e4), (usd(12e6), Approximate, 1e6), true),
            ((usd(12.38e6), Exact, 1e4), (usd(12.4e6), Exact, 1e5), true),
            ((usd(12.38e6), Exact, 1e4), (usd(12e6), Exact, 1e6), true),
            // "$294,000" / "$294K" / "$0.3 million"
            ((usd(294e3), Exact, 1e3), (usd(294e3), Exact, 1e3), true),
            ((usd(294e3), Exact, 1e3), (usd(3e5), Exact, 1e5), true),
            // touching ends: "$5.5 million" rounds to "$6 million"
            ((usd(5.5e6), Exact, 1e5), (usd(6e6), Exact, 1e6), true),
            // "more than $100 million" vs "$150 million" / "$100 million"
            ((usd(1e8), MoreThan, 1e6), (usd(1.5e8), Exact, 1e7), true),
            ((usd(1e8), MoreThan, 1e6), (usd(1e8), Exact, 1e6), true),
            // "tens of millions" vs "$60 million"
            ((usd(1e7), Vague, 1e7), (usd(6e7), Exact, 1e7), true),
            // "about 2,000 chips" vs 2,048
            ((chips(2000), Approximate, 1e3), (chips(2048), Exact, 1.0), true),
            // negatives
            ((usd(12e6), Approximate, 1e6), (usd(120e6), Exact, 1e6), false),
            ((usd(12e6), Approximate, 1e6), (usd(14e6), Exact, 1e6), false),
            ((usd(294e3), Exact, 1e3), (usd(2.94e6), Exact, 1e4), false),
            ((usd(6e6), Exact, 1e6), (usd(5.6e6), Exact, 1e5), true),
            ((usd(6e6), Exact, 1e6), (usd(5.4e6), Exact, 1e5), false),
            ((chips(512), Exact, 1.0), (chips(2048), Exact, 1.0), false),
            ((hours(80.0), Exact, 3600.0), (hours(1440.0), Exact, 2_592_000.0), false),
            ((usd(1e8), MoreThan, 1e6), (usd(1e8), AtMost, 1e6), false),
            ((usd(1e8), MoreThan, 1e6), (usd(6e6), Exact, 1e6), false),
            ((usd(6e6), LessThan, 1e6), (usd(6e6), AtLeast, 1e6), false),
            ((usd(1e7), Vague, 1e7), (usd(294e3), Exact, 1e3), false),
            ((usd(1e7), Vague, 1e7), (usd(1.5e8), Exact, 1e7), false),
            // "$100 million" may be 99.6 million: still tens of millions
            ((usd(1e7), Vague, 1e7), (usd(1e8), Exact, 1e6), true),
        ];
        let mut failures = Vec::new();
        for ((va, qa, pa), (vb, qb, pb), want) in cases {
            let a = interval(&va, qa, pa);
            let b = interval(&vb, qb, pb);
            if a.overlaps(&b) != want || b.overlaps(&a) != want {
                failures.push(format!("{a} vs {b}: want compatible={want}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn empty_and_degenerate() {
        assert!(Interval::EMPTY.is_empty());
        assert!(!Interval::EMPTY.overlaps(&Interval::closed(-INF, INF)));
        assert!(interval(&usd(f64::NAN), Exact, 1.0).is_empty());
        assert!(interval(&usd(INF), Exact, 1.0).is_empty());
        assert!(interval(&usd(0.0), LessThan, 1.0).is_empty());
        // a range whose upper end is below its lower end is read as its lower end
        let odd = interval(&usd_range(5e6, 4e6), Range, 1e6);
        assert!(odd.contains(5e6) && !odd.contains(4e6));
        let json = serde_json::to_string(&Interval::above(1.0)).unwrap();
        assert_eq!(json, r#"{"lo":1.0,"hi":null,"lo_open":true,"hi_open":true}"#);
    }

    fn qualifier() -> impl Strategy<Value = Qualifier> {
        prop_oneof![
            Just(Exact),
            Just(Approximate),
            Just(MoreThan),
            Just(AtLeast),
            Just(LessThan),
            Just(AtMost),
            Just(Range),
            Just(Vague),
        ]
    }

    /// A figure as written: `digits` significant digits, last one worth
    /// 10^`exp` (so the precision is 10^`exp` and the value a multiple of it).
    fn figure() -> impl Strategy<Value = (f64, f64)> {
        (1u64..100_000, -2i32..10).prop_map(|(digits, exp)| {
            let p = 10f64.powi(exp);
            (digits as f64 * p, p)
        })
    }

    proptest! {
        #[test]
        fn compatibility_is_symmetric(
            (a, pa) in figure(), qa in qualifier(), span_a in 0u64..3,
            (b, pb) in figure(), qb in qualifier(), span_b in 0u64..3,
        ) {
            let ia = interval(&usd_range(a, a + span_a as f64 * pa), qa, pa);
            let ib = interval(&usd_range(b, b + span_b as f64 * pb), qb, pb);
            prop_assert_eq!(ia.overlaps(&ib), ib.overlaps(&ia));
            prop_assert_eq!(ia.intersection(&ib).is_empty(), !ia.overlaps(&ib));
        }

        #[test]
        fn a_value_lies_in_its_own_interval((v, p) in figure(), q in qualifier()) {
            let i = interval(&usd(v), q, p);
            match q {
                // strict bounds exclude the stated value, but hold what is just beyond it
                MoreThan => prop_assert!(!i.contains(v) && i.contains(v * 1.001)),
                LessThan => prop_assert!(!i.contains(v) && i.contains(v * 0.999)),
                _ => prop_assert!(i.contains(v), "{} not in {}", v, i),
            }
        }

        #[test]
        fn qualifiers_only_widen_exact((v, p) in figure()) {
            let exact = interval(&usd(v), Exact, p);
            let about = interval(&usd(v), Approximate, p);
            prop_assert!(about.lo <= exact.lo && exact.hi <= about.hi);
        }

        /// "$12.38 million" vs "$12.4 million" vs "$12 million".
        #[test]
        fn rounding_to_a_coarser_precision_stays_compatible(
            (v, p) in figure(), coarser in 1i32..6, q in prop_oneof![Just(Exact), Just(Approximate)],
        ) {
            let big_p = p * 10f64.powi(coarser);
            prop_assume!(big_p <= v);
            let rounded = (v / big_p).round() * big_p;
            let fine = interval(&usd(v), Exact, p);
            let coarse = interval(&usd(rounded), q, big_p);
            prop_assert!(fine.overlaps(&coarse), "{} vs {}", fine, coarse);
        }

        /// A slipped decimal point is a conflict, whatever precision either side states.
        #[test]
        fn ten_times_is_never_compatible(
            (v, p) in figure(), finer in 0i32..4,
            qa in prop_oneof![Just(Exact), Just(Approximate), Just(Range)],
            qb in prop_oneof![Just(Exact), Just(Approximate), Just(Range)],
        ) {
            // the tenfold figure may be written with any precision up to its own size
            let p10 = 10.0 * p / 10f64.powi(finer);
            let a = interval(&usd(v), qa, p);
            let b = interval(&usd(10.0 * v), qb, p10);
            prop_assert!(!a.overlaps(&b), "{} vs {}", a, b);
            let c = interval(&chips(v.max(1.0) as u64), qa, 1.0);
            let d = interval(&chips(10 * v.max(1.0) as u64), qb, 1.0);
            prop_assert!(!c.overlaps(&d));
        }
    }
}
