//! Splits the claims of one fact into variants: groups of mutually
//! compatible claims.
//!
//! In one dimension a set of intervals overlaps pairwise iff they share a
//! common point (Helly), so a variant is the set of claims covering some
//! point. The split is greedy, strongest group first:
//!
//! 1. Claims whose intervals cannot meet anything (empty intervals) are
//!    variants of their own.
//! 2. The rest are cut into connected stretches (a sweep by start: a claim
//!    joins the current stretch when it starts before the stretch's
//!    furthest end). Claims in different stretches never share a variant.
//! 3. Within a stretch, one sweep over the interval ends finds the point
//!    covered by the most independent sources (ties: most sources, then
//!    most claims, then the leftmost point); every claim covering it forms
//!    a variant and leaves. Repeat until the stretch is empty.
//!
//! The result depends only on the intervals, sources and copy groups, not
//! on the order the claims come in, and the first variant found in a
//! stretch is the best supported one, so an open-ended or vague claim
//! ("more than $100 million") joins the strongest group it fits, not an
//! arbitrary one. After [`GREEDY_ROUNDS`] rounds in one stretch (only on
//! adversarial input: a long chain of barely overlapping claims) the rest
//! is finished by the classic minimum-stabbing sweep (stab at the smallest
//! end, take every claim starting before it), which keeps the work at
//! `O(n log n)`.

use crate::interval::{Interval, Pos};

/// Rounds of the strongest-first sweep per stretch before falling back to
/// the minimum-stabbing sweep.
pub(crate) const GREEDY_ROUNDS: usize = 64;

/// One claim as the sweep sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Item {
    pub(crate) interval: Interval,
    /// Source, numbered from 0 within the fact.
    pub(crate) source: usize,
    /// Copy group of the source, numbered from 0 within the fact.
    pub(crate) group: usize,
}

/// The variants of `items`: lists of item indexes, each sorted, the lists
/// in the order found (strongest first within a stretch, stretches left to
/// right, empty intervals last). `n_sources` and `n_groups` bound the
/// items' `source` and `group`.
pub(crate) fn split(items: &[Item], n_sources: usize, n_groups: usize) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut live: Vec<usize> = (0..items.len()).filter(|&i| !items[i].interval.is_empty()).collect();
    live.sort_by(|&a, &b| {
        let (ia, ib) = (&items[a].interval, &items[b].interval);
        ia.start().cmp(&ib.start()).then(ia.end().cmp(&ib.end())).then(a.cmp(&b))
    });
    let mut counters = Counters::new(n_sources, n_groups);
    let mut stretch: Vec<usize> = Vec::new();
    let mut reach: Option<Pos> = None;
    for &i in &live {
        let iv = items[i].interval;
        if reach.is_some_and(|r| iv.start() > r) {
            split_stretch(items, &stretch, &mut counters, &mut out);
            stretch.clear();
            reach = None;
        }
        stretch.push(i);
        reach = Some(reach.map_or(iv.end(), |r| r.max(iv.end())));
    }
    if !stretch.is_empty() {
        split_stretch(items, &stretch, &mut counters, &mut out);
    }
    out.extend((0..items.len()).filter(|&i| items[i].interval.is_empty()).map(|i| vec![i]));
    out
}

/// Active-claim counts per source and per copy group during a sweep.
struct Counters {
    per_source: Vec<u32>,
    per_group: Vec<u32>,
    sources: usize,
    groups: usize,
    claims: usize,
}

impl Counters {
    fn new(n_sources: usize, n_groups: usize) -> Counters {
        Counters { per_source: vec![0; n_sources], per_group: vec![0; n_groups], sources: 0, groups: 0, claims: 0 }
    }

    fn add(&mut self, item: &Item) {
        self.claims += 1;
        self.per_source[item.source] += 1;
        if self.per_source[item.source] == 1 {
            self.sources += 1;
        }
        self.per_group[item.group] += 1;
        if self.per_group[item.group] == 1 {
            self.groups += 1;
        }
    }

    fn remove(&mut self, item: &Item) {
        self.claims -= 1;
        self.per_source[item.source] -= 1;
        if self.per_source[item.source] == 0 {
            self.sources -= 1;
        }
        self.per_group[item.group] -= 1;
        if self.per_group[item.group] == 0 {
            self.groups -= 1;
        }
    }

    fn score(&self) -> (usize, usize, usize) {
        (self.groups, self.sources, self.claims)
    }
}

/// Splits one connected stretch (items sorted by start).
fn split_stretch(items: &[Item], stretch: &[usize], counters: &mut Counters, out: &mut Vec<Vec<usize>>) {
    if stretch.len() == 1 {
        out.push(vec![stretch[0]]);
        return;
    }
    // events: (position, 0 = start / 1 = end, item); starts before ends at one position
    let mut events: Vec<(Pos, u8, usize)> = Vec::with_capacity(2 * stretch.len());
    for &i in stretch {
        events.push((items[i].interval.start(), 0, i));
        events.push((items[i].interval.end(), 1, i));
    }
    events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut alive = vec![false; items.len()];
    for &i in stretch {
        alive[i] = true;
    }
    let mut left = stretch.len();
    let mut rounds = 0;
    while left > 0 && rounds < GREEDY_ROUNDS {
        rounds += 1;
        let mut best: Option<((usize, usize, usize), Pos)> = None;
        let mut e = 0;
        while e < events.len() {
            let pos = events[e].0;
            let mut started = false;
            let mut f = e;
            while f < events.len() && events[f].0 == pos && events[f].1 == 0 {
                if alive[events[f].2] {
                    counters.add(&items[events[f].2]);
                    started = true;
                }
                f += 1;
            }
            if started && best.is_none_or(|(s, _)| counters.score() > s) {
                best = Some((counters.score(), pos));
            }
            while f < events.len() && events[f].0 == pos {
                if alive[events[f].2] {
                    counters.remove(&items[events[f].2]);
                }
                f += 1;
            }
            e = f;
        }
        let Some((_, point)) = best else { break };
        let mut variant: Vec<usize> = stretch
            .iter()
            .copied()
            .filter(|&i| alive[i] && items[i].interval.start() <= point && point <= items[i].interval.end())
            .collect();
        variant.sort_unstable();
        for &i in &variant {
            alive[i] = false;
        }
        left -= variant.len();
        out.push(variant);
    }
    if left > 0 {
        stab(items, stretch, &alive, out);
    }
}

/// Minimum-stabbing sweep over the alive items of a stretch: stab at the
/// smallest end left, take every alive item starting at or before it.
fn stab(items: &[Item], stretch: &[usize], alive: &[bool], out: &mut Vec<Vec<usize>>) {
    let by_start: Vec<usize> = stretch.iter().copied().filter(|&i| alive[i]).collect();
    let mut by_end = by_start.clone();
    by_end.sort_by(|&a, &b| items[a].interval.end().cmp(&items[b].interval.end()).then(a.cmp(&b)));
    let mut taken = vec![false; items.len()];
    let mut next = 0;
    for &i in &by_end {
        if taken[i] {
            continue;
        }
        let point = items[i].interval.end();
        let mut variant = Vec::new();
        while next < by_start.len() && items[by_start[next]].interval.start() <= point {
            let j = by_start[next];
            if !taken[j] {
                taken[j] = true;
                variant.push(j);
            }
            next += 1;
        }
        variant.sort_unstable();
        out.push(variant);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn item(lo: f64, hi: f64, source: usize) -> Item {
        Item { interval: Interval::closed(lo, hi), source, group: source }
    }

    fn sorted(mut v: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
        v.sort();
        v
    }

    /// (description, items, expected variants as sorted index lists)
    #[test]
    fn split_table() {
        type Case = (&'static str, Vec<Item>, Vec<Vec<usize>>);
        let cases: Vec<Case> = vec![
            ("one claim", vec![item(1.0, 2.0, 0)], vec![vec![0]]),
            (
                "nested intervals agree",
                vec![item(1.0, 10.0, 0), item(4.0, 5.0, 1), item(4.5, 4.6, 2)],
                vec![vec![0, 1, 2]],
            ),
            ("disjoint intervals conflict", vec![item(1.0, 2.0, 0), item(20.0, 30.0, 1)], vec![vec![0], vec![1]]),
            (
                "a wide claim joins the better supported side",
                // [0,1] from one source; [5,6] from two; [0,10] fits both
                vec![item(0.0, 1.0, 0), item(5.0, 6.0, 1), item(5.5, 6.5, 2), item(0.0, 10.0, 3)],
                vec![vec![0], vec![1, 2, 3]],
            ),
            (
                "a chain splits into cliques",
                vec![item(0.0, 2.0, 0), item(1.0, 3.0, 1), item(2.5, 4.0, 2)],
                vec![vec![0, 1], vec![2]],
            ),
        ];
        let mut failures = Vec::new();
        for (what, items, want) in cases {
            let got = sorted(split(&items, items.len(), items.len()));
            if got != want {
                failures.push(format!("{what}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn copies_count_once() {
        // three sources in one copy group say [0,1]; two independent ones say [5,6]
        let mut items = vec![item(0.0, 1.0, 0), item(0.0, 1.0, 1), item(0.0, 1.0, 2)];
        for it in &mut items {
            it.group = 0;
        }
        items.push(Item { group: 1, ..item(5.0, 6.0, 3) });
        items.push(Item { group: 2, ..item(5.0, 6.0, 4) });
        // wide claim from a fourth group fits both: it must go with the two independent ones
        items.push(Item { group: 3, ..item(0.0, 6.0, 5) });
        let got = split(&items, 6, 4);
        assert_eq!(got[0], vec![3, 4, 5]);
        assert_eq!(sorted(got), vec![vec![0, 1, 2], vec![3, 4, 5]]);
    }

    #[test]
    fn fallback_after_many_rounds() {
        // a chain of 400 barely overlapping intervals: 200 variants, all cliques
        let items: Vec<Item> = (0..400).map(|i| item(i as f64, i as f64 + 1.0, i)).collect();
        let got = split(&items, items.len(), items.len());
        assert_eq!(got.iter().map(Vec::len).sum::<usize>(), 400);
        assert!(got.len() <= 201 && got.len() >= 200, "{}", got.len());
        for v in &got {
            assert!(is_clique(&items, v));
        }
    }

    fn is_clique(items: &[Item], v: &[usize]) -> bool {
        // an empty interval stands alone
        v.len() == 1 || v.iter().all(|&a| v.iter().all(|&b| items[a].interval.overlaps(&items[b].interval)))
    }

    proptest! {
        #[test]
        fn variants_partition_into_cliques_regardless_of_order(
            raw in prop::collection::vec((0u32..50, 0u32..8, 0usize..6, any::<bool>(), any::<bool>()), 1..40),
            seed in any::<u64>(),
        ) {
            let items: Vec<Item> = raw
                .iter()
                .map(|&(lo, w, s, lo_open, hi_open)| Item {
                    interval: Interval { lo: lo as f64, hi: (lo + w) as f64, lo_open, hi_open },
                    source: s,
                    group: s / 2,
                })
                .collect();
            let got = split(&items, 6, 3);
            let mut seen = vec![0; items.len()];
            for v in &got {
                prop_assert!(is_clique(&items, v));
                for &i in v {
                    seen[i] += 1;
                }
            }
            prop_assert!(seen.iter().all(|&n| n == 1));
            // same variants (as sets of intervals) after shuffling the input
            let mut perm: Vec<usize> = (0..items.len()).collect();
            fastrand::Rng::with_seed(seed).shuffle(&mut perm);
            let shuffled: Vec<Item> = perm.iter().map(|&i| items[i]).collect();
            let again = split(&shuffled, 6, 3);
            let key = |items: &[Item], vs: &[Vec<usize>]| {
                let mut k: Vec<Vec<String>> = vs
                    .iter()
                    .map(|v| {
                        let mut s: Vec<String> = v
                            .iter()
                            .map(|&i| format!("{} {} {:?}", items[i].interval, items[i].source, items[i].interval.lo_open))
                            .collect();
                        s.sort();
                        s
                    })
                    .collect();
                k.sort();
                k
            };
            prop_assert_eq!(key(&items, &got), key(&shuffled, &again));
        }
    }
}
