//! The words the rules know, looked up once per word.
//!
//! Every word that can start a figure is a *trigger*. The scanner looks
//! at every word of the text, so the common case (not a trigger) must be
//! fast: [`Triggers::shaped`] turns away nearly every English word by its
//! length and its first, second and last letters, for a whole block of
//! words at once and without a branch, and only the rest are looked up
//! ([`entry`]: compared packed with the few words of their shape, or
//! hashed).

use std::collections::HashMap;
use std::sync::LazyLock;

use claimex_segment::bytes;

use crate::TimeUnit;

/// What a number word contributes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum NumWord {
    /// zero … nine
    Unit(u8),
    /// ten … nineteen
    Teen(u8),
    /// twenty … ninety
    Tens(u8),
    /// hundred
    Hundred,
    /// thousand, million, billion, trillion, lakh, crore
    Magnitude(f64),
    /// dozen
    Dozen,
    /// half
    Half,
    /// quarter, quarters
    Quarter,
    /// "a", "an"
    Article,
    /// another, all, full, whole: one whole unit, for durations
    Whole,
    /// several, few, some: a vague small number (3)
    Several,
    /// couple: 2
    Couple,
    /// tens, hundreds, thousands, millions, billions, dozens: vague magnitudes
    VagueMagnitude(f64),
    /// point (as in "one point three")
    Point,
}

/// A word for a unit of time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct UnitWord {
    pub unit: TimeUnit,
    /// How many `unit`s one of these is (weekend: 2 days; fortnight: 2 weeks).
    pub times: f64,
    pub plural: bool,
    /// A short form ("hrs", "h"), only valid right after a number.
    pub short: bool,
}

/// Everything the lexicon knows about one lowercase word.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Entry {
    pub num: Option<NumWord>,
    pub unit: Option<UnitWord>,
    /// The word can begin a currency written before the number ("USD", "Rs").
    pub currency_prefix: bool,
    /// The word can begin a currency name ("dollars", "euros"); not a trigger.
    pub currency_word: bool,
    /// A joint the looks after digits let through ("to", "and", "or",
    /// "of": a range, a fraction, "millions of dollars"); nothing else.
    pub joint: bool,
    /// A word that may stand between a number and its unit of time
    /// ([`FILLERS`](crate::duration::FILLERS): "more", "straight").
    pub filler: bool,
}

impl Entry {
    /// True when the word is a number, a unit, a currency or a filler:
    /// what the lexicon knew before joints were listed in it.
    pub(crate) fn names_something(&self) -> bool {
        self.num.is_some() || self.unit.is_some() || self.currency_prefix || self.currency_word || self.filler
    }
}

/// The joints of [`Entry::joint`].
pub(crate) const JOINTS: &[&str] = &["to", "and", "or", "of"];

type Map<V> = HashMap<&'static [u8], V, fnv::FnvBuildHasher>;

const NUMBER_WORDS: &[(&str, NumWord)] = {
    use NumWord::*;
    &[
        ("zero", Unit(0)),
        ("naught", Unit(0)),
        ("nought", Unit(0)),
        ("one", Unit(1)),
        ("two", Unit(2)),
        ("three", Unit(3)),
        ("four", Unit(4)),
        ("five", Unit(5)),
        ("six", Unit(6)),
        ("seven", Unit(7)),
        ("eight", Unit(8)),
        ("nine", Unit(9)),
        ("ten", Teen(10)),
        ("eleven", Teen(11)),
        ("twelve", Teen(12)),
        ("thirteen", Teen(13)),
        ("fourteen", Teen(14)),
        ("fifteen", Teen(15)),
        ("sixteen", Teen(16)),
        ("seventeen", Teen(17)),
        ("eighteen", Teen(18)),
        ("nineteen", Teen(19)),
        ("twenty", Tens(20)),
        ("thirty", Tens(30)),
        ("forty", Tens(40)),
        ("fourty", Tens(40)),
        ("fifty", Tens(50)),
        ("sixty", Tens(60)),
        ("seventy", Tens(70)),
        ("eighty", Tens(80)),
        ("ninety", Tens(90)),
        ("hundred", Hundred),
        ("thousand", Magnitude(1e3)),
        ("million", Magnitude(1e6)),
        ("billion", Magnitude(1e9)),
        ("trillion", Magnitude(1e12)),
        ("lakh", Magnitude(1e5)),
        ("lakhs", Magnitude(1e5)),
        ("lac", Magnitude(1e5)),
        ("crore", Magnitude(1e7)),
        ("crores", Magnitude(1e7)),
        ("dozen", Dozen),
        ("half", Half),
        ("quarter", Quarter),
        ("quarters", Quarter),
        ("a", Article),
        ("an", Article),
        ("another", Whole),
        ("all", Whole),
        ("full", Whole),
        ("whole", Whole),
        ("several", Several),
        ("few", Several),
        ("some", Several),
        ("couple", Couple),
        ("tens", VagueMagnitude(10.0)),
        ("hundreds", VagueMagnitude(100.0)),
        ("thousands", VagueMagnitude(1e3)),
        ("millions", VagueMagnitude(1e6)),
        ("billions", VagueMagnitude(1e9)),
        ("trillions", VagueMagnitude(1e12)),
        ("dozens", VagueMagnitude(24.0)),
        ("point", Point),
    ]
};

const fn uw(unit: TimeUnit, times: f64, plural: bool, short: bool) -> UnitWord {
    UnitWord { unit, times, plural, short }
}

pub(crate) const UNIT_WORDS: &[(&str, UnitWord)] = {
    use TimeUnit::*;
    &[
        ("second", uw(Second, 1.0, false, false)),
        ("seconds", uw(Second, 1.0, true, false)),
        ("sec", uw(Second, 1.0, false, true)),
        ("secs", uw(Second, 1.0, true, true)),
        ("minute", uw(Minute, 1.0, false, false)),
        ("minutes", uw(Minute, 1.0, true, false)),
        ("min", uw(Minute, 1.0, false, true)),
        ("mins", uw(Minute, 1.0, true, true)),
        ("hour", uw(Hour, 1.0, false, false)),
        ("hours", uw(Hour, 1.0, true, false)),
        ("hr", uw(Hour, 1.0, false, true)),
        ("hrs", uw(Hour, 1.0, true, true)),
        ("h", uw(Hour, 1.0, false, true)),
        ("day", uw(Day, 1.0, false, false)),
        ("days", uw(Day, 1.0, true, false)),
        ("d", uw(Day, 1.0, false, true)),
        ("night", uw(Day, 1.0, false, false)),
        ("nights", uw(Day, 1.0, true, false)),
        ("week", uw(Week, 1.0, false, false)),
        ("weeks", uw(Week, 1.0, true, false)),
        ("wk", uw(Week, 1.0, false, true)),
        ("wks", uw(Week, 1.0, true, true)),
        ("weekend", uw(Day, 2.0, false, false)),
        ("weekends", uw(Day, 2.0, true, false)),
        ("fortnight", uw(Week, 2.0, false, false)),
        ("fortnights", uw(Week, 2.0, true, false)),
        ("month", uw(Month, 1.0, false, false)),
        ("months", uw(Month, 1.0, true, false)),
        ("mo", uw(Month, 1.0, false, true)),
        ("mos", uw(Month, 1.0, true, true)),
        ("year", uw(Year, 1.0, false, false)),
        ("years", uw(Year, 1.0, true, false)),
        ("yr", uw(Year, 1.0, false, true)),
        ("yrs", uw(Year, 1.0, true, true)),
        ("y", uw(Year, 1.0, false, true)),
        ("ys", uw(Year, 1.0, true, true)),
        ("decade", uw(Year, 10.0, false, false)),
        ("decades", uw(Year, 10.0, true, false)),
    ]
};

struct Lexicon {
    map: Map<Entry>,
    /// For each length and first letter (`len * 26 + first`) of the
    /// trigger words: the last letters they end with (bits 0-25) and the
    /// second letters they go on with (bits 32-57; every bit from 32 up for
    /// one letter words, which have none). One look-up turns away most
    /// words of a text.
    triggers: [u64; ROWS],
    /// the same for the unit words (and the glued minute "m")
    units: [u64; ROWS],
    /// bit (len, first, last) set for every word of the map with a letter
    /// at both ends (what `by_shape` holds, as a bit test that stays in
    /// the first-level cache)
    any_shape: Vec<u64>,
    /// The words of the map with a letter at both ends, packed ([`pack`])
    /// with their entries, grouped by shape: `by_shape[k]..by_shape[k + 1]`
    /// are the words of shape bit `k` (one to three words).
    packed: Vec<(u128, Entry)>,
    by_shape: Vec<u16>,
    /// The trigger entries of "a" and "an" ([`Triggers::entry_of_shaped`]).
    articles: [Option<Entry>; 2],
}

pub(crate) const MAX_LEN: usize = 16;

/// The length of the shape tables ([`Lexicon::triggers`], `units`): a
/// row per length and first letter, the empty rows of words longer than
/// [`MAX_LEN`], and room past them for any byte in place of the first
/// letter, which [`letters_have_shape`] may read without a bounds check
/// (its places are below 32, but the compiler cannot know that).
const ROWS: usize = (MAX_LEN + 2) * 26 + 256;

fn shape_index(len: usize, first: u8, last: u8) -> usize {
    (len * 26 + (first - b'a') as usize) * 26 + (last - b'a') as usize
}

/// The place of a byte in the alphabet once its case bit is set: 0 to
/// 25 for the ASCII letters in any case (setting the bit lowercases a
/// letter), 26 or more for any other byte.
#[inline]
fn place(c: u8) -> u8 {
    (c | 0x20).wrapping_sub(b'a')
}

/// The place of an ASCII letter in the alphabet, in any case (0 for
/// 'a'); `None` for any other byte.
#[inline]
fn letter(c: u8) -> Option<u8> {
    Some(place(c)).filter(|&l| l < 26)
}

/// The row of [`Lexicon::triggers`] of a word of ASCII letters (its
/// length and first letter), with its last and second letters (0 for
/// 'a'; 'a' stands for the second letter of a one letter word), in any
/// case; `None` when it is empty, too long or not all letters at those
/// places.
#[inline]
fn letters_shape(word: &[u8]) -> Option<(usize, u32, u32)> {
    let n = word.len();
    if n == 0 || n > MAX_LEN {
        return None;
    }
    let (first, last) = (letter(word[0])?, letter(word[n - 1])?);
    let second = if n > 1 { letter(word[1])? } else { 0 };
    Some((n * 26 + usize::from(first), u32::from(last), u32::from(second)))
}

/// True when some word marked in `rows` (a table of [`letters_shape`]
/// rows) has the length, first, second and last letters of `word`.
///
/// The row of the word's length and first letter is read first: most
/// rows are empty ("in", "is", "it"), and then the other letters are not
/// looked at.
#[inline]
fn has_shape(rows: &[u64], word: &[u8]) -> bool {
    let n = word.len();
    if n == 0 || n > MAX_LEN {
        return false;
    }
    let Some(first) = letter(word[0]) else { return false };
    let bits = rows[n * 26 + usize::from(first)];
    if bits == 0 {
        return false;
    }
    let second = if n > 1 { letter(word[1]) } else { Some(0) };
    match (letter(word[n - 1]), second) {
        (Some(last), Some(second)) => {
            let need = 1 << last | 1 << (32 + u32::from(second));
            bits & need == need
        }
        _ => false,
    }
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut map: Map<Entry> = Map::default();
    for &(w, n) in NUMBER_WORDS {
        map.entry(w.as_bytes()).or_default().num = Some(n);
    }
    for &(w, u) in UNIT_WORDS {
        map.entry(w.as_bytes()).or_default().unit = Some(u);
    }
    for w in crate::money::prefix_words() {
        map.entry(w.as_bytes()).or_default().currency_prefix = true;
    }
    for w in crate::money::currency_words() {
        map.entry(w.as_bytes()).or_default().currency_word = true;
    }
    // for the looks after digits: one look-up answers what they compared
    // with lists of words
    for w in JOINTS {
        map.entry(w.as_bytes()).or_default().joint = true;
    }
    for w in crate::duration::FILLERS {
        map.entry(w.as_bytes()).or_default().filler = true;
    }
    // rows past the last length: the branch-free look may index there (never set)
    let mut triggers = [0u64; ROWS];
    let mut units = triggers;
    // only lower-case words are marked: a run of letters never equals another
    let mark = |rows: &mut [u64; ROWS], b: &[u8]| {
        if let Some((row, last, second)) = letters_shape(b).filter(|_| b.iter().all(u8::is_ascii_lowercase)) {
            // a one letter word has no second letter: whatever follows it will do
            let seconds = if b.len() == 1 { u64::MAX << 32 } else { 1 << (32 + second) };
            rows[row] |= 1 << last | seconds;
        }
    };
    for (w, e) in &map {
        if is_trigger_entry(e) {
            mark(&mut triggers, w);
        }
        if e.unit.is_some() {
            mark(&mut units, w);
        }
    }
    mark(&mut units, b"m");
    // every word of the map whose first and last bytes are letters, by
    // shape: a query word with those ends can equal no other key
    let mut shaped: Vec<(usize, u128, Entry)> =
        map.iter().filter_map(|(w, e)| ends_shape(w).map(|k| (k, pack(w), *e))).collect();
    shaped.sort_unstable_by_key(|&(k, p, _)| (k, p));
    let mut any_shape = vec![0u64; (MAX_LEN + 1) * 26 * 26 / 64 + 1];
    for &(k, _, _) in &shaped {
        any_shape[k / 64] |= 1 << (k % 64);
    }
    let slots = (MAX_LEN + 1) * 26 * 26;
    let mut by_shape = Vec::with_capacity(slots + 1);
    let mut next = 0;
    for k in 0..=slots {
        while next < shaped.len() && shaped[next].0 < k {
            next += 1;
        }
        by_shape.push(u16::try_from(next).expect("a small lexicon"));
    }
    let packed = shaped.into_iter().map(|(_, p, e)| (p, e)).collect();
    let articles = [b"a".as_slice(), b"an"].map(|w| map.get(w).copied().filter(is_trigger_entry));
    Lexicon { map, triggers, units, any_shape, packed, by_shape, articles }
});

fn is_trigger_entry(e: &Entry) -> bool {
    // Short unit forms ("h", "d") and singular units never start a figure,
    // nor does a word that only goes on a number ("hundred", "million",
    // "dozen", "point": "two million" starts at "two")
    let starts_number =
        e.num.is_some_and(|n| !matches!(n, NumWord::Hundred | NumWord::Magnitude(_) | NumWord::Dozen | NumWord::Point));
    starts_number || e.currency_prefix || e.unit.is_some_and(|u| u.plural && !u.short)
}

/// Lowercases an ASCII word into a stack buffer.
#[inline]
pub(crate) fn lower(word: &[u8], buf: &mut [u8; MAX_LEN]) -> Option<usize> {
    if word.is_empty() || word.len() > MAX_LEN {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    Some(word.len())
}

/// The shape bit of a word of 1 to `MAX_LEN` bytes whose first and last
/// bytes are ASCII letters (its length, first and last letter, in any
/// case); `None` for any other word.
#[inline]
fn ends_shape(word: &[u8]) -> Option<usize> {
    let (&first, &last) = (word.first()?, word.last()?);
    (word.len() <= MAX_LEN && first.is_ascii_alphabetic() && last.is_ascii_alphabetic())
        .then(|| shape_index(word.len(), first.to_ascii_lowercase(), last.to_ascii_lowercase()))
}

/// A word of at most [`MAX_LEN`] bytes, lowercased (ASCII) and packed
/// into one integer, zeros after its end: two words of the same length
/// are equal ignoring case when their packed forms are.
///
/// Eight bytes at a time: a word of 8 to 16 bytes is two loads of eight
/// that overlap in the middle (the bytes they share are the same, so the
/// two halves may be or-ed), a word of 4 to 7 two loads of four, a
/// shorter one its bytes; the capitals are then lowercased all at once.
#[inline]
fn pack(word: &[u8]) -> u128 {
    let n = word.len().min(MAX_LEN);
    let w = &word[..n];
    let packed = match n {
        8.. => {
            let lo = u64::from_le_bytes(w[..8].try_into().expect("eight bytes"));
            let hi = u64::from_le_bytes(w[n - 8..].try_into().expect("eight bytes"));
            u128::from(lo) | u128::from(hi) << (8 * (n - 8))
        }
        4.. => {
            let lo = u32::from_le_bytes(w[..4].try_into().expect("four bytes"));
            let hi = u32::from_le_bytes(w[n - 4..].try_into().expect("four bytes"));
            u128::from(lo) | u128::from(hi) << (8 * (n - 4))
        }
        _ => w.iter().rev().fold(0u128, |p, &c| p << 8 | u128::from(c)),
    };
    let (lo, hi) = (packed as u64, (packed >> 64) as u64);
    // 0x20 on every capital: the high bit of its byte, moved two places down
    let lower = |x: u64| x | bytes::in_range(x, b'A', b'Z') >> 2;
    u128::from(lower(lo)) | u128::from(lower(hi)) << 64
}

/// The lexicon entry of an ASCII word, in any case. Words whose shape no
/// entry has (most words the rules ask about: "the", "percent", "said")
/// are turned away with one bit test; the others are compared, packed
/// into one integer, with the one to three words of their shape. Only
/// words with something else than a letter at an end are hashed.
#[inline]
pub(crate) fn entry(word: &[u8]) -> Option<Entry> {
    let lexicon = &*LEXICON;
    if let Some(k) = ends_shape(word) {
        if lexicon.any_shape[k / 64] & (1 << (k % 64)) == 0 {
            return None;
        }
        let q = pack(word);
        let (a, b) = (usize::from(lexicon.by_shape[k]), usize::from(lexicon.by_shape[k + 1]));
        return lexicon.packed[a..b].iter().find(|(p, _)| *p == q).map(|&(_, e)| e);
    }
    let mut buf = [0u8; MAX_LEN];
    let n = lower(word, &mut buf)?;
    LEXICON.map.get(&buf[..n]).copied()
}

/// The entry of a word (ASCII letters) that can start a figure, or `None`
/// for every other word (most are turned away by their shape alone).
#[cfg(test)]
pub(crate) fn trigger(word: &[u8]) -> Option<Entry> {
    // most words are turned away by their length and ends, most of the
    // rest ("and", "this", "these") by their first two letters
    if !has_shape(&LEXICON.triggers, word) {
        return None;
    }
    Triggers::get().entry_of_shaped(word)
}

/// The lexicon as the scanner reads it: the table of trigger shapes
/// [`Triggers::shaped`] reads for every word of a block, and the entries
/// of the words it lets through. Fetched once a sentence, not once a
/// word.
#[derive(Clone, Copy)]
pub(crate) struct Triggers(&'static Lexicon);

impl Triggers {
    /// The table.
    #[inline]
    pub(crate) fn get() -> Triggers {
        Triggers(&LEXICON)
    }

    /// The entry of a word that [`Triggers::shaped`] let through, when it
    /// can start a figure: its shape is looked at already.
    #[inline]
    pub(crate) fn entry_of_shaped(self, word: &[u8]) -> Option<Entry> {
        // "a" and "an", half of the words let through in news, without a look-up
        match *word {
            [a] if a | 0x20 == b'a' => self.0.articles[0],
            [a, n] if a | 0x20 == b'a' && n | 0x20 == b'n' => self.0.articles[1],
            _ => entry(word).filter(is_trigger_entry),
        }
    }

    /// The words of a block that [`Triggers::entry_of_shaped`] may take, as a bit per
    /// byte: of the words starting at the bits of `starts`, in the block
    /// of `len` bytes from `i` whose ASCII letters are `letters`, those
    /// with the shape of a trigger. A word must end in the block, or be
    /// longer than [`MAX_LEN`] (the scanner's blocks leave a word that
    /// runs on past them to the next one, unless it fills them).
    ///
    /// Most words of a text have no trigger's shape, and which do is
    /// anyone's guess: a branch per word would be mispredicted often.
    /// This looks at every word without one ([`letters_have_shape`]), and
    /// the scanner then stops only at the few words it lets through.
    #[inline]
    pub(crate) fn shaped(self, b: &[u8], i: usize, len: usize, letters: u64, mut starts: u64) -> u64 {
        // the block's places in the alphabet in a buffer of 128 bytes, so
        // that every place the look reads (at most 127) is inside it with
        // no bounds check; sixty-four bytes taken where the text has them
        // (a loop of fixed length is a few vector moves, one of `len`
        // bytes a byte loop), and the bytes past `len` are never read for
        // a word of the block but after a one letter word, whose row
        // takes any byte there
        let block = match b.get(i..).and_then(<[u8]>::first_chunk::<64>) {
            Some(all) => places(all),
            None => padded(&b[i..i + len]),
        };
        let mut out = 0;
        while starts != 0 {
            let k = starts.trailing_zeros() as usize;
            starts &= starts - 1;
            // k is a letter: the word has 1 to 64 letters
            let n = (!(letters >> k)).trailing_zeros() as usize;
            out |= u64::from(letters_have_shape(&self.0.triggers, &block, k & 63, n)) << k;
        }
        out
    }
}

/// A byte's [`place`] in five bits: the same for a letter, a shift
/// within half of a row's bits for any byte.
#[inline]
fn place5(c: u8) -> u8 {
    place(c) & 31
}

/// The [`place5`]s of sixty-four bytes, in a block of 128.
#[inline]
fn places(bytes: &[u8; 64]) -> [u8; 128] {
    let mut block = [0u8; 128];
    for (d, &c) in block.iter_mut().zip(bytes) {
        *d = place5(c);
    }
    block
}

/// The [`place5`]s of the last bytes of a text (fewer than sixty-four),
/// in a block of 128: out of line, so that the compiler keeps
/// [`Triggers::shaped`]'s loop of fixed length apart from this one.
#[cold]
#[inline(never)]
fn padded(rest: &[u8]) -> [u8; 128] {
    let mut block = [0u8; 128];
    for (d, &c) in block.iter_mut().zip(rest) {
        *d = place5(c);
    }
    block
}

/// [`has_shape`] of the word of `n` (1 to 64) ASCII letters at `k` of a
/// block of [`place5`]s, without a branch: a word longer than
/// [`MAX_LEN`] reads a row of the length past it, which is empty; a one
/// letter word reads whatever place follows it as its second letter,
/// which its row takes.
#[inline]
fn letters_have_shape(rows: &[u64; ROWS], places: &[u8; 128], k: usize, n: usize) -> bool {
    let row = n.min(MAX_LEN + 1);
    let bits = rows[row * 26 + usize::from(places[k & 127])];
    let need = 1u64 << places[(k + n - 1) & 127] | (1u64 << 32) << places[(k + 1) & 127];
    bits & need == need
}

/// True when a run of ASCII letters may name a unit of time: a unit word
/// in any case, or "m" (the glued minute of "10m"). A run this says no to
/// can never be a duration's unit, which lets the scanner skip the
/// duration rules in a sentence with no unit left ahead.
#[inline]
pub(crate) fn may_be_unit(word: &[u8]) -> bool {
    has_shape(&LEXICON.units, word)
        && (word.eq_ignore_ascii_case(b"m") || entry(word).is_some_and(|e| e.unit.is_some()))
}

/// True when a word (ASCII letters) can start a figure.
#[cfg(test)]
fn is_trigger(word: &[u8]) -> bool {
    trigger(word).is_some()
}

/// The number word meaning of a word.
#[inline]
pub(crate) fn num_word(word: &str) -> Option<NumWord> {
    entry(word.as_bytes()).and_then(|e| e.num)
}

/// The unit-of-time meaning of a word.
#[inline]
pub(crate) fn unit_word(word: &str) -> Option<UnitWord> {
    entry(word.as_bytes()).and_then(|e| e.unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triggers() {
        for w in ["two", "Two", "MILLIONS", "a", "an", "weeks", "several", "USD", "Rs", "dollars"] {
            assert!(is_trigger(w.as_bytes()) || w == "dollars", "{w} should trigger");
        }
        for w in ["the", "of", "said", "week", "h", "company", "hours-long", "", "million", "hundred", "point"] {
            assert!(!is_trigger(w.as_bytes()), "{w} should not trigger");
        }
    }

    /// The short way for "a" and "an" gives what the look-up gives, in
    /// every case, and lets other short words go to the look-up.
    #[test]
    fn articles_are_read_as_the_lexicon_reads_them() {
        let t = Triggers::get();
        for w in ["a", "A", "an", "An", "AN", "aN", "as", "at", "am", "I", "o", "e", "x", "on", "no"] {
            let looked_up = entry(w.as_bytes()).filter(is_trigger_entry);
            assert_eq!(format!("{:?}", t.entry_of_shaped(w.as_bytes())), format!("{looked_up:?}"), "{w}");
        }
        assert!(t.entry_of_shaped(b"a").is_some() && t.entry_of_shaped(b"An").is_some());
    }

    #[test]
    fn the_shape_filter_lets_every_word_of_the_lexicon_through() {
        for w in LEXICON.map.keys() {
            let upper = w.to_ascii_uppercase();
            assert!(entry(w).is_some() && entry(&upper).is_some(), "{}", String::from_utf8_lossy(w));
        }
        for w in ["the", "percent", "said", "Reuters", "x"] {
            assert!(entry(w.as_bytes()).is_none(), "{w}");
        }
    }

    /// `has_shape` reads the row of the length and first letter before the
    /// other letters, and `letters_have_shape` reads every place without
    /// a branch; both must answer as the whole shape of `letters_shape` does.
    #[test]
    fn the_early_row_look_answers_as_the_whole_shape() {
        let whole = |rows: &[u64], w: &[u8]| {
            letters_shape(w).is_some_and(|(row, last, second)| {
                let need = 1 << last | 1 << (32 + second);
                rows[row] & need == need
            })
        };
        let mut words: Vec<Vec<u8>> = [
            "",
            "a",
            "x",
            "in",
            "it",
            "a1",
            "1a",
            "é",
            "MILLIONS",
            "Hrs",
            "m",
            "internationalization",
            "Twentyseventeenth",
        ]
        .iter()
        .map(|w| w.as_bytes().to_vec())
        .collect();
        for key in LEXICON.map.keys() {
            words.extend([key.to_vec(), key.to_ascii_uppercase(), [*key, b"s"].concat(), key[1..].to_vec()]);
            for k in 0..key.len() {
                let mut v = key.to_vec();
                v[k] = if v[k] == b'z' { b'a' } else { v[k].wrapping_add(1) };
                words.push(v);
            }
        }
        for w in &words {
            for rows in [&LEXICON.triggers, &LEXICON.units] {
                assert_eq!(has_shape(rows, w), whole(rows, w), "{}", String::from_utf8_lossy(w));
                // the branch-free look, on words of letters, answers as well
                if !w.is_empty() && w.len() <= 64 && w.iter().all(u8::is_ascii_alphabetic) {
                    // at the block's start and end, before every kind of byte that ends a word
                    for (at, after) in [(0, b' '), (0, b'.'), (3, b'1'), (64 - w.len(), 0xe2), (1, 0), (2, b'\'')] {
                        let mut bytes = [b' '; 64];
                        bytes[at..at + w.len()].copy_from_slice(w);
                        if let Some(c) = bytes.get_mut(at + w.len()) {
                            *c = after;
                        }
                        for block in [places(&bytes), padded(&bytes[..at + w.len()])] {
                            assert_eq!(
                                letters_have_shape(rows, &block, at, w.len()),
                                whole(rows, w),
                                "{} at {at} before {after}",
                                String::from_utf8_lossy(w)
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn pack_reads_a_word_as_its_bytes_lowercased() {
        let bytewise = |w: &[u8]| {
            w.iter()
                .take(MAX_LEN)
                .enumerate()
                .fold(0u128, |p, (k, &c)| p | u128::from(c.to_ascii_lowercase()) << (8 * k))
        };
        // every length up to past MAX_LEN, of letters in both cases, the
        // bytes next to them ('@', '[', '`', '{') and non-ASCII bytes
        let alphabet = b"aZzA@[`{-9 \xc3\xa9\xffMm";
        let mut seed = 7u32;
        for n in 0..=MAX_LEN + 4 {
            for _ in 0..200 {
                let word: Vec<u8> = (0..n)
                    .map(|_| {
                        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                        alphabet[(seed >> 16) as usize % alphabet.len()]
                    })
                    .collect();
                assert_eq!(pack(&word), bytewise(&word), "{word:?}");
            }
        }
    }

    #[test]
    fn packed_lookups_agree_with_the_map() {
        let by_map = |w: &[u8]| LEXICON.map.get(w.to_ascii_lowercase().as_slice()).copied();
        let same = |a: Option<Entry>, b: Option<Entry>| format!("{a:?}") == format!("{b:?}");
        for key in LEXICON.map.keys() {
            // the word, each letter changed, a letter added or dropped, in both cases
            let mut variants = vec![key.to_vec(), key.to_ascii_uppercase(), [*key, b"s"].concat()];
            variants.push(key[..key.len().saturating_sub(1)].to_vec());
            for k in 0..key.len() {
                let mut v = key.to_vec();
                v[k] = if v[k] == b'z' { b'a' } else { v[k].wrapping_add(1) };
                variants.push(v);
            }
            for v in variants {
                assert!(same(entry(&v), by_map(&v)), "{}", String::from_utf8_lossy(&v));
            }
        }
    }

    #[test]
    fn lookups() {
        assert_eq!(num_word("Twelve"), Some(NumWord::Teen(12)));
        assert_eq!(unit_word("hrs").map(|u| u.unit), Some(TimeUnit::Hour));
        assert!(num_word("company").is_none());
    }
}
