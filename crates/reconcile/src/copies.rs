//! Finds sources that copy each other's text (syndicated wire copy,
//! republished paragraphs), so that a story republished ten times counts as
//! one source.
//!
//! # Rule
//!
//! Texts are read as words (maximal runs of letters and digits, lowercased;
//! punctuation, quotes and currency signs are ignored, so "R1’s" and "R1's"
//! or "“much more”" and "\"much more\"" read the same) and cut into
//! overlapping **shingles** of [`CopyOptions::shingle_words`] words (8). A
//! **long run** is a maximal stretch of at least [`CopyOptions::min_run`]
//! (8) consecutive shingles of one text that all occur in the other text:
//! one pasted sentence of 15 words or more. Two texts **copy** each other
//! when each holds at least [`CopyOptions::min_runs`] (2) long runs found in
//! the other, a run of [`CopyOptions::single_run`] (40) shingles or more
//! (about 47 words, two or three sentences pasted in a row; a whole
//! reprinted article is one such run) counting as enough by itself. A
//! single shared sentence (a quotation both reports print, a repeated
//! boilerplate line) is not enough; short shared phrases ("512 Nvidia H800
//! chips", "a peer-reviewed article in Nature") never are.
//! Counting from both sides and keeping the smaller count makes the
//! relation symmetric and independent of input order.
//!
//! # Speed
//!
//! Comparing every pair would be quadratic. Instead each text is reduced to
//! its **winnowed fingerprints** (Schleimer, Wilkerson and Aiken, 2003): the
//! smallest shingle hash of every window of `min_run` consecutive shingles,
//! about a fifth of the shingles. Any run of `min_run` shared shingles
//! holds a whole window, whose minimum both texts select, so every pair
//! with a long run shares a fingerprint: the candidates lose nothing. One
//! pass puts the fingerprints in a map fingerprint → texts; texts sharing a
//! fingerprint become candidate pairs, and only candidates are compared
//! shingle by shingle. A fingerprint held by more than
//! [`CopyOptions::max_sharing`] texts (site boilerplate, or a story
//! syndicated very widely) does not pair all its holders, only each holder
//! with the first text that held it, which keeps the work linear while
//! still joining a widely syndicated story into one group.
//!
//! Work is linear in the total text plus the candidate comparisons; word
//! hashing and candidate comparisons run in parallel.
//!
//! # Limits
//!
//! Detection is textual: two outlets rewriting the same press release in
//! their own words are independent here, and a translated copy is not
//! found. Two unrelated pages sharing two long boilerplate passages (a
//! site's footer) would be paired; give the reconciler article bodies, not
//! whole pages.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

/// Settings of copy detection. The defaults are calibrated on news text.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CopyOptions {
    /// Words per shingle (default 8).
    pub shingle_words: usize,
    /// Consecutive shared shingles that make a long run (default 8, i.e. 15
    /// shared words in a row); also the winnowing window.
    pub min_run: usize,
    /// Long runs each text must share with the other (default 2).
    pub min_runs: usize,
    /// Length in shingles from which one run is enough by itself (default
    /// 40, about 47 words).
    pub single_run: usize,
    /// Texts above which a shared fingerprint pairs its holders only with
    /// the first holder instead of with each other (default 32).
    pub max_sharing: usize,
}

impl Default for CopyOptions {
    fn default() -> Self {
        CopyOptions { shingle_words: 8, min_run: 8, min_runs: 2, single_run: 40, max_sharing: 32 }
    }
}

/// The pairs of texts that copy each other, as `(i, j)` indexes into
/// `texts` with `i < j`, sorted. See the [module docs](self) for the rule.
///
/// ```
/// use claimex_reconcile::{CopyOptions, detect_copies};
///
/// let wire = "The company said it spent $294,000 on training its model, much lower than \
///     figures reported for rivals, in a paper likely to reignite debate. The article said \
///     the model used 512 chips and was trained for a total of 80 hours on the cluster. \
///     Rivals have said their own training runs cost far more than that.";
/// let blog = format!("Our take. {wire} We think this matters.");
/// let other = "An unrelated report says the model cost $294,000 and used 512 chips.";
/// assert_eq!(detect_copies(&[wire, &blog, other], &CopyOptions::default()), vec![(0, 1)]);
/// ```
pub fn detect_copies<S: AsRef<str> + Sync>(texts: &[S], options: &CopyOptions) -> Vec<(usize, usize)> {
    let k = options.shingle_words.max(1);
    let window = options.min_run.max(1);
    // 1. winnowed fingerprints of every text, deduplicated
    let fingerprints: Vec<Vec<u64>> = texts
        .par_iter()
        .map(|t| {
            let mut fp = winnow(&shingles(t.as_ref(), k), window);
            fp.sort_unstable();
            fp.dedup();
            fp
        })
        .collect();
    // 2. fingerprint → holders; candidate pairs
    let candidates = candidate_pairs(&fingerprints, options.max_sharing.max(2));
    drop(fingerprints);
    if candidates.is_empty() {
        return Vec::new();
    }
    // 3. shingles of the texts that have a candidate, in order and sorted
    let mut involved: Vec<usize> = candidates.iter().flat_map(|&(a, b)| [a, b]).collect();
    involved.sort_unstable();
    involved.dedup();
    let profiles: Vec<Profile> = involved.par_iter().map(|&i| Profile::new(shingles(texts[i].as_ref(), k))).collect();
    let slot = |i: usize| involved.binary_search(&i).unwrap_or(0);
    // 4. exact comparison of each candidate pair
    let rule =
        RunRule { min_run: window, min_runs: options.min_runs.max(1), single_run: options.single_run.max(window) };
    candidates
        .into_par_iter()
        .filter(|&(a, b)| {
            let (pa, pb) = (&profiles[slot(a)], &profiles[slot(b)]);
            rule.passages(pa, pb) >= rule.min_runs && rule.passages(pb, pa) >= rule.min_runs
        })
        .collect()
}

/// A text's shingle hashes in text order, and the same sorted for lookups.
struct Profile {
    order: Vec<u64>,
    sorted: Vec<u64>,
}

impl Profile {
    fn new(order: Vec<u64>) -> Profile {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        sorted.dedup();
        Profile { order, sorted }
    }
}

/// How shared runs of shingles are counted.
struct RunRule {
    min_run: usize,
    min_runs: usize,
    single_run: usize,
}

impl RunRule {
    /// Shared passages of `a` found in `b`: each maximal run of at least
    /// `min_run` consecutive shingles of `a` occurring in `b` counts one, a
    /// run of `single_run` or more counts `min_runs` (stops counting at
    /// `min_runs`).
    fn passages(&self, a: &Profile, b: &Profile) -> usize {
        let mut passages = 0;
        let mut current = 0;
        for h in &a.order {
            if b.sorted.binary_search(h).is_ok() {
                current += 1;
                if current == self.min_run {
                    passages += 1;
                }
                if current == self.single_run {
                    passages += self.min_runs;
                }
                if passages >= self.min_runs {
                    break;
                }
            } else {
                current = 0;
            }
        }
        passages
    }
}

/// Candidate pairs `(i, j)`, `i < j`, sorted and deduplicated: texts that
/// share a fingerprint (with the first holder only, past `max_sharing`).
fn candidate_pairs(fingerprints: &[Vec<u64>], max_sharing: usize) -> Vec<(usize, usize)> {
    const NONE: u32 = u32::MAX;
    /// First holder, number of holders, head of the list of later holders.
    struct Entry {
        first: u32,
        count: u32,
        head: u32,
    }
    let total: usize = fingerprints.iter().map(Vec::len).sum();
    let mut map: HashMap<u64, u32, BuildHasherDefault<Identity>> =
        HashMap::with_capacity_and_hasher(total, Default::default());
    let mut entries: Vec<Entry> = Vec::new();
    // later holders as linked lists in one vector: (text, next)
    let mut links: Vec<(u32, u32)> = Vec::new();
    for (doc, fps) in fingerprints.iter().enumerate() {
        let doc = doc as u32;
        for &fp in fps {
            match map.get(&fp) {
                None => {
                    map.insert(fp, entries.len() as u32);
                    entries.push(Entry { first: doc, count: 1, head: NONE });
                }
                Some(&e) => {
                    let e = &mut entries[e as usize];
                    e.count = e.count.saturating_add(1);
                    links.push((doc, e.head));
                    e.head = links.len() as u32 - 1;
                }
            }
        }
    }
    drop(map);
    // Copies of one story share most of their fingerprints, and each shared
    // fingerprint gives the same pairs again: the list is compacted (sorted
    // and deduplicated) whenever it has doubled since the last compaction,
    // so it holds about twice the distinct pairs at most, not one pair per
    // shared fingerprint (20 MB of syndicated copies made 17 MB of pairs).
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut compact_at = COMPACT_FROM;
    let mut holders = Vec::new();
    for e in entries.iter().filter(|e| e.count > 1) {
        holders.clear();
        holders.push(e.first);
        let mut l = e.head;
        while l != NONE {
            let (doc, next) = links[l as usize];
            holders.push(doc);
            l = next;
        }
        if holders.len() <= max_sharing {
            for (i, &a) in holders.iter().enumerate() {
                for &b in &holders[i + 1..] {
                    pairs.push(order(a, b));
                }
            }
        } else {
            pairs.extend(holders[1..].iter().map(|&b| order(e.first, b)));
        }
        if pairs.len() >= compact_at {
            pairs.sort_unstable();
            pairs.dedup();
            compact_at = (2 * pairs.len()).max(COMPACT_FROM);
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs.into_iter().map(|(a, b)| (a as usize, b as usize)).collect()
}

/// The length of the candidate list at which it is first compacted.
const COMPACT_FROM: usize = 1 << 16;

fn order(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

/// Hashes of the `k`-word shingles of `text`, in order (one shingle of all
/// the words when there are fewer than `k`; none when there is no word).
fn shingles(text: &str, k: usize) -> Vec<u64> {
    let words = word_hashes(text);
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() < k {
        return vec![mix(words.iter().fold(0u64, |h, &w| h.wrapping_mul(BASE).wrapping_add(w)))];
    }
    // polynomial rolling hash over word hashes: H = Σ w_j · B^(k-1-j)
    let top = (1..k).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut out = Vec::with_capacity(words.len() + 1 - k);
    let mut h = words[..k].iter().fold(0u64, |h, &w| h.wrapping_mul(BASE).wrapping_add(w));
    out.push(mix(h));
    for i in k..words.len() {
        h = h.wrapping_sub(words[i - k].wrapping_mul(top)).wrapping_mul(BASE).wrapping_add(words[i]);
        out.push(mix(h));
    }
    out
}

const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

/// Hashes of the words of `text`: maximal runs of alphanumeric characters,
/// lowercased.
fn word_hashes(text: &str) -> Vec<u64> {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut h = FNV_OFFSET;
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            i += 1;
            if b.is_ascii_alphanumeric() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
                in_word = true;
                continue;
            }
        } else {
            // non-ASCII: decode one character (text is valid UTF-8)
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            i += c.len_utf8();
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    h = (h ^ u64::from(u32::from(l))).wrapping_mul(FNV_PRIME);
                }
                in_word = true;
                continue;
            }
        }
        if in_word {
            out.push(mix(h));
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push(mix(h));
    }
    out
}

/// A strong 64-bit finalizer (splitmix64), so hashes are uniform for the
/// identity-hashed map and for winnowing.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Winnowing: the minimum hash of every window of `w` consecutive hashes
/// (rightmost on ties), each selected position recorded once.
fn winnow(hashes: &[u64], w: usize) -> Vec<u64> {
    if hashes.len() <= w {
        return hashes.iter().min().map(|&m| vec![m]).unwrap_or_default();
    }
    let mut out = Vec::with_capacity(2 * hashes.len() / (w + 1) + 1);
    let mut min_at = usize::MAX;
    for start in 0..=hashes.len() - w {
        let end = start + w;
        if min_at == usize::MAX || min_at < start {
            // the previous minimum left the window: rescan it
            let mut m = start;
            for j in start..end {
                if hashes[j] <= hashes[m] {
                    m = j;
                }
            }
            min_at = m;
            out.push(hashes[m]);
        } else if hashes[end - 1] <= hashes[min_at] {
            min_at = end - 1;
            out.push(hashes[min_at]);
        }
    }
    out
}

/// Hasher for keys that are already uniform 64-bit hashes.
#[derive(Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8)) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_ignore_case_punctuation_and_quote_style() {
        assert_eq!(word_hashes("R1’s “much more” US$100"), word_hashes("r1's \"MUCH more\" us 100"));
        assert_eq!(word_hashes("").len(), 0);
        assert_eq!(word_hashes("Ünïcode café, 2025!").len(), 3);
        assert_eq!(word_hashes("ÜNÏCODE"), word_hashes("ünïcode"));
    }

    #[test]
    fn rolling_shingles_match_direct_hashing() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let words = word_hashes(text);
        let sh = shingles(text, 8);
        assert_eq!(sh.len(), words.len() - 7);
        for (i, h) in sh.iter().enumerate() {
            let direct = words[i..i + 8].iter().fold(0u64, |h, &w| h.wrapping_mul(BASE).wrapping_add(w));
            assert_eq!(*h, mix(direct));
        }
        assert_eq!(shingles("three short words", 8).len(), 1);
        assert!(shingles("  ,,  ", 8).is_empty());
    }

    #[test]
    fn winnowing_selects_a_minimum_in_every_window() {
        let hashes: Vec<u64> = (0..200u64).map(|i| mix(i * 7 + 3)).collect();
        for w in [1, 3, 8] {
            let fp = winnow(&hashes, w);
            for window in hashes.windows(w) {
                let m = window.iter().min().unwrap();
                assert!(fp.contains(m), "window min {m} not selected (w={w})");
            }
            // far fewer than all shingles once w > 1
            if w == 8 {
                assert!(fp.len() < hashes.len() / 3, "{} of {}", fp.len(), hashes.len());
            }
        }
        assert_eq!(winnow(&[5, 3, 9], 8), vec![3]);
        assert!(winnow(&[], 8).is_empty());
    }

    fn sentence(seed: usize) -> String {
        // 20 distinct words per sentence, no two sentences alike
        (0..20).map(|j| format!("w{}x{}", seed, j)).collect::<Vec<_>>().join(" ") + "."
    }

    /// (description, texts, expected pairs)
    #[test]
    fn copy_table() {
        let s = |i: usize| sentence(i);
        type Case = (&'static str, Vec<String>, Vec<(usize, usize)>);
        let cases: Vec<Case> = vec![
            (
                "two pasted sentences make a copy",
                vec![format!("{} {} {}", s(1), s(2), s(3)), format!("{} {} {}", s(9), s(1), s(3))],
                vec![(0, 1)],
            ),
            (
                "one shared passage (a quotation) does not",
                vec![format!("{} {} {}", s(1), s(2), s(3)), format!("{} {} {}", s(8), s(2), s(9))],
                vec![],
            ),
            (
                "a passage repeated twice in one text is still one passage",
                vec![format!("{} {} {}", s(1), s(2), s(1)), format!("{} {} {}", s(7), s(1), s(8))],
                vec![],
            ),
            (
                "short shared phrases do not",
                vec![
                    "DeepSeek said R1 cost $294,000 to train on 512 Nvidia H800 chips over 80 hours in a paper.".into(),
                    "In its paper DeepSeek put the cost of R1 at $294,000, on 512 Nvidia H800 chips over 80 hours."
                        .into(),
                ],
                vec![],
            ),
            (
                "a wire story republished: all pairs",
                vec![
                    format!("{} {} {}", s(1), s(2), s(3)),
                    format!("{} {} {}", s(1), s(2), s(3)),
                    s(5),
                    format!("Updated. {} {} {}", s(1), s(2), s(3)),
                ],
                vec![(0, 1), (0, 3), (1, 3)],
            ),
            ("empty texts", vec![String::new(), String::new()], vec![]),
        ];
        let mut failures = Vec::new();
        for (what, texts, want) in cases {
            let got = detect_copies(&texts, &CopyOptions::default());
            if got != want {
                failures.push(format!("{what}: got {got:?}, want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn candidate_pairs_are_those_of_the_definition_when_compacted_on_the_way() {
        // 40 texts, each holding fingerprints shared with a few others: far
        // more pairs pushed than COMPACT_FROM, so the list is compacted
        // several times; the result is still every pair that shares a
        // fingerprint (all holders at most 32 here), sorted, once.
        let texts = 40;
        let fingerprints: Vec<Vec<u64>> = (0..texts)
            .map(|t: u64| {
                let mut fp: Vec<u64> = (0..20_000).map(|k| k * 7 % 5_000 + 5_000 * ((t + k) % 3)).collect();
                fp.sort_unstable();
                fp.dedup();
                fp
            })
            .collect();
        let mut want = std::collections::BTreeSet::new();
        for a in 0..fingerprints.len() {
            for b in a + 1..fingerprints.len() {
                if fingerprints[a].iter().any(|x| fingerprints[b].binary_search(x).is_ok()) {
                    want.insert((a, b));
                }
            }
        }
        let pushed: usize = {
            let mut holders: HashMap<u64, usize> = HashMap::new();
            fingerprints.iter().flatten().for_each(|&f| *holders.entry(f).or_default() += 1);
            holders.values().map(|&n| n * (n - 1) / 2).sum()
        };
        assert!(pushed > 4 * COMPACT_FROM, "{pushed}");
        let got = candidate_pairs(&fingerprints, 64);
        assert_eq!(got, want.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn widely_shared_fingerprints_pair_with_the_first_holder() {
        let story = format!("{} {} {}", sentence(1), sentence(2), sentence(3));
        let texts: Vec<String> = (0..10).map(|i| format!("{} {story}", sentence(100 + i))).collect();
        let options = CopyOptions { max_sharing: 4, ..CopyOptions::default() };
        let got = detect_copies(&texts, &options);
        // every republication is joined to the first; not necessarily to each other
        for j in 1..10 {
            assert!(got.contains(&(0, j)), "{got:?}");
        }
        // with the default limit, every pair
        assert_eq!(detect_copies(&texts, &CopyOptions::default()).len(), 45);
    }
}
