//! Numbers, the grammar every kind shares.
//!
//! A number is written in digits ("294,000", "1,23,45,678", "5.6", "1 000"
//! with thin or no-break spaces), in words ("two", "fifty-five", "one
//! hundred and sixty-one", "two thousand"), or mixed ("1.5 million",
//! "1.5bn", "24k"); magnitudes multiply ("a dozen", "half a million",
//! "one and a half thousand", "a quarter of a billion", "three quarters
//! billion"); and some words stand for a vague number ("several", "a few",
//! "a couple of", "tens of millions").
//!
//! The corpus at the bottom of this file lists the forms with their values.

use crate::lexicon::{NumWord, num_word};
use crate::scan::{Ctx, space_len};

/// How a number was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// In digits, possibly with a magnitude ("5.6 million", "24k").
    Digits,
    /// In words ("two thousand").
    Words,
    /// "a" or "an" standing for one unit ("a month").
    Article,
    /// "another", "all", "full", "whole" standing for one unit ("all day").
    Whole,
    /// A vague number ("several", "tens of millions"): the value is the lower bound.
    Vague,
    /// A bare fraction ("half", "a quarter").
    Fraction,
}

/// A number phrase found in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Num {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Value of one unit in the last place written ("5.6 million": 100,000).
    pub step: f64,
    pub form: Form,
    /// Multiplier applied by a magnitude word or suffix (1 when none).
    pub magnitude: f64,
    /// Written with a decimal part.
    pub decimals: bool,
    /// Digits only: no separator, decimal point or magnitude ("2023").
    pub plain: bool,
    /// For a vague number, the (exclusive) upper end its phrase implies
    /// ("tens of millions": 100 million).
    pub upper: Option<f64>,
}

impl Num {
    /// Multiplies the number by a magnitude written after it ("bn",
    /// "thousand", the "hundred" of "a few hundred") that ends at `end`.
    fn magnify(&mut self, m: f64, end: usize) {
        self.value *= m;
        self.step *= m;
        self.magnitude *= m;
        self.end = end;
        self.plain = false;
    }

    /// True for a plain four-digit number that reads as a year (1900–2099).
    pub(crate) fn is_year_like(&self) -> bool {
        self.plain && self.end - self.start == 4 && (1900.0..2100.0).contains(&self.value)
    }

    /// True when the number is a whole number.
    pub(crate) fn is_integer(&self) -> bool {
        self.value.fract() == 0.0
    }
}

/// Which letter suffixes may follow digits as a magnitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Suffixes {
    /// None ("2m" stays 2 and "m" is left to the rule).
    None,
    /// Only thousands ("24k").
    Thousands,
    /// Money magnitudes: k, m, mn, mln, MM, b, bn, tn.
    Money,
}

/// What a rule accepts as a number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Opts {
    pub suffixes: Suffixes,
    /// Number words ("two").
    pub words: bool,
    /// "a"/"an"/"another"/"all"… as one unit.
    pub articles: bool,
    /// Vague numbers ("several", "tens of millions").
    pub vague: bool,
    /// Bare fractions ("half", "a quarter").
    pub fractions: bool,
}

impl Opts {
    pub(crate) const MONEY: Opts =
        Opts { suffixes: Suffixes::Money, words: true, articles: false, vague: true, fractions: false };
    pub(crate) const CHIPS: Opts =
        Opts { suffixes: Suffixes::Thousands, words: true, articles: false, vague: true, fractions: false };
    pub(crate) const DURATION: Opts =
        Opts { suffixes: Suffixes::None, words: true, articles: true, vague: true, fractions: true };
    /// Everything, for whole-string parsing.
    pub(crate) const ALL: Opts =
        Opts { suffixes: Suffixes::Money, words: true, articles: false, vague: false, fractions: true };
}

/// The end of the run of digits and number punctuation starting at `i`
/// ("1,234.5"), for quick looks at what follows a number before parsing it.
pub(crate) fn digit_run_end(cx: &Ctx<'_>, mut i: usize) -> usize {
    while let Some(c) = cx.at(i) {
        if c.is_ascii_digit() || ((c == b',' || c == b'.') && cx.at(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            i += 1;
        } else {
            let n = space_len(cx.b, i);
            if n > 1 && cx.at(i + n).is_some_and(|d| d.is_ascii_digit()) {
                i += n;
            } else {
                break;
            }
        }
    }
    i
}

/// Parses the number phrase that starts at `i`.
pub(crate) fn parse(cx: &Ctx<'_>, i: usize, opts: Opts) -> Option<Num> {
    let c = cx.at(i)?;
    if c.is_ascii_digit() {
        parse_digits(cx, i, opts)
    } else if c.is_ascii_alphabetic() && opts.words {
        parse_words(cx, i, opts)
    } else {
        None
    }
}

/// Parses a whole string as one number ("two thousand", "1.5bn", "3,400").
///
/// ```
/// assert_eq!(claimex_extract::number::parse_number("one hundred and sixty-one"), Some(161.0));
/// assert_eq!(claimex_extract::number::parse_number("half a million"), Some(500_000.0));
/// assert_eq!(claimex_extract::number::parse_number("1,23,45,678"), Some(12_345_678.0));
/// assert_eq!(claimex_extract::number::parse_number("the end"), None);
/// ```
pub fn parse_number(s: &str) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let start = s.len() - s.trim_start().len();
    let cx = Ctx::new(s, crate::Span::new(start, start + t.len()));
    let n = parse(&cx, start, Opts::ALL)?;
    (n.end == start + t.len()).then_some(n.value)
}

const MAX_DIGITS: usize = 40;

/// The money abbreviations read as a magnitude after one space ("$10 bn",
/// "€5 mn", "RM2.5 bil"); never "m" or "b" alone (metres, bytes).
pub(crate) const SPACED_MONEY_MAGNITUDES: &[&str] = &["bn", "mn", "mln", "bln", "tn", "trn", "mil", "bil"];

fn parse_digits(cx: &Ctx<'_>, i: usize, opts: Opts) -> Option<Num> {
    let b = cx.b;
    let mut buf = [0u8; MAX_DIGITS + 2];
    let mut n = 0usize;
    let mut push = |d: &[u8], n: &mut usize| -> bool {
        if *n + d.len() > MAX_DIGITS {
            return false;
        }
        buf[*n..*n + d.len()].copy_from_slice(d);
        *n += d.len();
        true
    };
    // digits right after "2," are the rest of a number that did not read as one ("2,50 €"): not a number
    if i >= cx.start + 2 && b[i - 1] == b',' && b[i - 2].is_ascii_digit() {
        return None;
    }
    let e0 = cx.digits_end(i);
    if !push(&b[i..e0], &mut n) {
        return None;
    }
    let first_len = e0 - i;
    let mut j = e0;
    let mut zero_groups = 0u32;
    let mut grouped = false;

    // Indian grouping: 1,23,45,678 (first group 1-2 digits, then pairs, then three).
    let indian = indian_groups(cx, e0, first_len);
    if let Some((end, ref groups)) = indian {
        for g in groups {
            if !push(&b[g.0..g.1], &mut n) {
                return None;
            }
        }
        j = end;
        grouped = true;
    } else if first_len <= 3 {
        // Western grouping: 1,234,567 or 1 234 567 with thin/no-break spaces.
        loop {
            let sep = if cx.at(j) == Some(b',') {
                1
            } else {
                space_len(b, j).min(if b.get(j) == Some(&b' ') { 0 } else { 3 })
            };
            if sep == 0 || j + sep >= cx.end {
                break;
            }
            let g = j + sep;
            let ge = cx.digits_end(g);
            if ge - g != 3 {
                break;
            }
            if !push(&b[g..ge], &mut n) {
                return None;
            }
            zero_groups = if &b[g..ge] == b"000" { zero_groups + 1 } else { 0 };
            grouped = true;
            j = ge;
        }
    }
    let mut decimals = 0u32;
    if cx.at(j) == Some(b'.') && cx.at(j + 1).is_some_and(|c| c.is_ascii_digit()) {
        let de = cx.digits_end(j + 1);
        // "1026.253.553", "1.2.3": a version or an address, not a number
        if cx.at(de) == Some(b'.') && cx.at(de + 1).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        if n + 1 + (de - j - 1) > MAX_DIGITS {
            return None;
        }
        buf[n] = b'.';
        n += 1;
        buf[n..n + (de - j - 1)].copy_from_slice(&b[j + 1..de]);
        n += de - j - 1;
        decimals = (de - j - 1) as u32;
        j = de;
    }
    let mut value = digits_value(&buf[..n], decimals)?;
    let mut step = if decimals > 0 {
        10f64.powi(-(decimals as i32))
    } else if grouped {
        1000f64.powi(zero_groups as i32)
    } else {
        1.0
    };
    let mut num = Num {
        start: i,
        end: j,
        value,
        step,
        form: Form::Digits,
        magnitude: 1.0,
        decimals: decimals > 0,
        plain: !grouped && decimals == 0,
        upper: None,
    };
    // "1 point 5"
    if decimals == 0
        && !grouped
        && let Some((frac, places, end)) = point_decimals(cx, j)
    {
        value += frac;
        step = 10f64.powi(-(places as i32));
        num.value = value;
        num.step = step;
        num.end = end;
        num.decimals = true;
        num.plain = false;
        j = end;
    }
    // a whole number and a fraction: "1½", "2 1/2", "3 ¾"
    if !num.decimals
        && !grouped
        && let Some((frac, denominator, end)) = mixed_fraction(cx, j)
    {
        num.value += frac;
        num.step = 1.0 / denominator;
        num.end = end;
        num.decimals = true;
        num.plain = false;
        j = end;
    }
    // attached magnitude suffix: 1.5bn, 24k, $6.5B, $1MM
    if opts.suffixes != Suffixes::None && cx.at(j).is_some_and(|c| c.is_ascii_alphabetic()) {
        let se = cx.letters_end(j);
        if cx.boundary_after(se)
            && let Some(m) = suffix_magnitude(&cx.text[j..se], opts.suffixes)
        {
            num.magnify(m, se);
            return Some(num);
        }
        return Some(num);
    }
    if !cx.boundary_after(j)
        && !cx.at(j).is_some_and(|c| c.is_ascii_alphabetic())
        && !crate::money::is_any_symbol(&cx.b[j..cx.end])
    {
        // digits glued to other word characters (non-ASCII letters)
        return None;
    }
    // a money abbreviation after one space: "$10 bn", "€5 mn", "RM2.5 bil" (never "m" or "b" alone:
    // metres, bytes)
    if opts.suffixes == Suffixes::Money
        && cx.at(j) == Some(b' ')
        && let Some(w) = cx.word_at(j + 1)
        && w.is_any(SPACED_MONEY_MAGNITUDES)
        && cx.boundary_after(w.end)
        && let Some(m) = suffix_magnitude(&w.s.to_ascii_lowercase(), Suffixes::Money)
    {
        num.magnify(m, w.end);
        return Some(num);
    }
    apply_magnitude_words(cx, &mut num);
    Some(num)
}

/// The powers of ten that an `f64` holds exactly, 10^0 to 10^22.
const EXACT_POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The value of `digits` (ASCII digits, with one '.' before the last
/// `decimals` of them when `decimals` is not 0), the `f64` that
/// `str::parse` reads. With at most 15 digits the number without its
/// point is an integer below 2^53 and 10^`decimals` a power of ten an
/// `f64` holds exactly, so one division, which rounds correctly, gives
/// the correctly rounded value `parse` gives, without the parser's
/// checks (a test holds the two together); longer numbers go to `parse`.
fn digits_value(digits: &[u8], decimals: u32) -> Option<f64> {
    let count = digits.len() - usize::from(decimals > 0);
    if count <= 15 && (decimals as usize) < EXACT_POWERS_OF_TEN.len() {
        let whole = digits.iter().filter(|&&c| c != b'.').fold(0u64, |m, &c| m * 10 + u64::from(c - b'0'));
        return Some(whole as f64 / EXACT_POWERS_OF_TEN[decimals as usize]);
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// The vulgar fractions written as one character, with their value and
/// denominator.
const VULGAR_FRACTIONS: &[(char, f64, f64)] = &[
    ('½', 0.5, 2.0),
    ('¼', 0.25, 4.0),
    ('¾', 0.75, 4.0),
    ('⅓', 1.0 / 3.0, 3.0),
    ('⅔', 2.0 / 3.0, 3.0),
    ('⅛', 0.125, 8.0),
    ('⅜', 0.375, 8.0),
    ('⅝', 0.625, 8.0),
    ('⅞', 0.875, 8.0),
];

/// True when a fraction may follow a whole number that ends at `j` ("1½",
/// "2 1/2", "3 ¾"): a quick look for the cheap gates of the rule
/// families, true wherever [`mixed_fraction`] could find one.
pub(crate) fn fraction_may_follow(cx: &Ctx<'_>, j: usize) -> bool {
    let k = if cx.at(j) == Some(b' ') { j + 1 } else { j };
    // the vulgar fractions are not ASCII: an ASCII byte is answered without decoding
    (k > j && cx.at(k).is_some_and(|c| c.is_ascii_digit()))
        || (cx.at(k).is_some_and(|c| !c.is_ascii())
            && cx.char_at(k).is_some_and(|c| VULGAR_FRACTIONS.iter().any(|f| f.0 == c)))
}

/// A fraction after a whole number ending at `j`: a vulgar fraction glued
/// or after one space ("1½", "3 ¾"), or a slash fraction after one space
/// with a numerator below its denominator of 2, 3, 4, 8 or 16 ("2 1/2";
/// not "24/7", "1/2/2024" or "2 5/3"). Its value, its denominator and
/// where it ends.
fn mixed_fraction(cx: &Ctx<'_>, j: usize) -> Option<(f64, f64, usize)> {
    let k = if cx.at(j) == Some(b' ') { j + 1 } else { j };
    if let Some(c) = cx.char_at(k)
        && let Some(&(_, value, denominator)) = VULGAR_FRACTIONS.iter().find(|f| f.0 == c)
    {
        let end = k + c.len_utf8();
        return cx.boundary_after(end).then_some((value, denominator, end));
    }
    if k == j {
        return None;
    }
    let ne = cx.digits_end(k);
    if ne == k || cx.at(ne) != Some(b'/') {
        return None;
    }
    let de = cx.digits_end(ne + 1);
    if de == ne + 1
        || de - (ne + 1) > 2
        || matches!(cx.at(de), Some(b'/' | b'.' | b',')) && cx.at(de + 1).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let numerator: f64 = cx.text[k..ne].parse().ok()?;
    let denominator: f64 = cx.text[ne + 1..de].parse().ok()?;
    let known = [2.0, 3.0, 4.0, 8.0, 16.0].contains(&denominator);
    (known && numerator >= 1.0 && numerator < denominator && cx.boundary_after(de)).then_some((
        numerator / denominator,
        denominator,
        de,
    ))
}

/// Indian digit grouping after a first group of `first_len` digits ending
/// at `e0`: returns the end and the digit groups.
fn indian_groups(cx: &Ctx<'_>, e0: usize, first_len: usize) -> Option<(usize, Vec<(usize, usize)>)> {
    if !(1..=2).contains(&first_len) || cx.at(e0) != Some(b',') {
        return None;
    }
    let mut groups = Vec::new();
    let mut j = e0;
    while cx.at(j) == Some(b',') {
        let g = j + 1;
        let ge = cx.digits_end(g);
        match ge - g {
            2 => groups.push((g, ge)),
            3 => {
                groups.push((g, ge));
                j = ge;
                // pairs, then one final group of three
                return (groups.len() >= 2 && groups[..groups.len() - 1].iter().all(|g| g.1 - g.0 == 2))
                    .then_some((j, groups));
            }
            _ => return None,
        }
        j = ge;
    }
    None
}

/// " point 5", " point three": decimal digits written out.
fn point_decimals(cx: &Ctx<'_>, j: usize) -> Option<(f64, u32, usize)> {
    // most numbers are followed by anything but "point": one look at its first letter
    if !matches!(cx.at(cx.skip_ws(j)), Some(b'p' | b'P')) {
        return None;
    }
    let w = cx.next_word(j)?;
    if !w.is("point") {
        return None;
    }
    let k = cx.skip_ws(w.end);
    if cx.at(k).is_some_and(|c| c.is_ascii_digit()) {
        let e = cx.digits_end(k);
        if !cx.boundary_after(e) || e - k > 12 {
            return None;
        }
        let digits = &cx.text[k..e];
        let v: f64 = format!("0.{digits}").parse().ok()?;
        return Some((v, (e - k) as u32, e));
    }
    // one or more unit words, one digit each
    let mut places = 0u32;
    let mut v = 0.0;
    let mut end = 0;
    let mut at = k;
    while let Some(d) = cx.word_at(at) {
        let Some(NumWord::Unit(u)) = num_word(d.s) else {
            break;
        };
        if !cx.boundary_after(d.end) {
            break;
        }
        places += 1;
        v += u as f64 * 10f64.powi(-(places as i32));
        end = d.end;
        at = cx.skip_ws(d.end);
    }
    (places > 0).then_some((v, places, end))
}

/// True when a run of letters glued to digits is a money magnitude
/// ("5bn", "10m", "2.5MM").
pub(crate) fn is_money_suffix(word: &[u8]) -> bool {
    std::str::from_utf8(word).ok().and_then(|s| suffix_magnitude(s, Suffixes::Money)).is_some()
}

fn suffix_magnitude(s: &str, which: Suffixes) -> Option<f64> {
    let m = match s {
        "k" | "K" => 1e3,
        "m" | "M" | "mn" | "MN" | "Mn" | "mln" | "MM" | "mil" => 1e6,
        "b" | "B" | "bn" | "BN" | "Bn" | "bln" | "bil" => 1e9,
        "tn" | "TN" | "trn" | "T" => 1e12,
        _ => return None,
    };
    match which {
        Suffixes::None => None,
        Suffixes::Thousands => (m == 1e3).then_some(m),
        Suffixes::Money => Some(m),
    }
}

/// "5.6 million", "two hundred thousand", "3 dozen", "1.5-billion".
fn apply_magnitude_words(cx: &Ctx<'_>, num: &mut Num) {
    let mut j = num.end;
    let mut largest = 1.0;
    loop {
        let k = if cx.at(j) == Some(b'-') { j + 1 } else { cx.skip_ws(j) };
        let Some(w) = cx.word_at(k) else { break };
        if !cx.boundary_after(w.end) {
            break;
        }
        let m = match num_word(w.s) {
            Some(NumWord::Magnitude(m)) => m,
            Some(NumWord::Hundred) if largest == 1.0 => 100.0,
            Some(NumWord::Dozen) if largest == 1.0 && num.magnitude == 1.0 => 12.0,
            _ => break,
        };
        if largest != 1.0 && m <= largest {
            break;
        }
        num.magnify(m, w.end);
        largest = m;
        j = w.end;
    }
}

/// Number words, from "two" to "one hundred and sixty-one thousand".
fn parse_words(cx: &Ctx<'_>, i: usize, opts: Opts) -> Option<Num> {
    let first = cx.word_at(i)?;
    if !cx.boundary_after(first.end) && cx.at(first.end) != Some(b'-') {
        return None;
    }
    let nw = num_word(first.s)?;
    let mk = |end: usize, value: f64, step: f64, form: Form| Num {
        start: i,
        end,
        value,
        step,
        form,
        magnitude: 1.0,
        decimals: false,
        plain: false,
        upper: None,
    };
    match nw {
        NumWord::Article => {
            let next = cx.next_word(first.end);
            match next.and_then(|w| num_word(w.s).map(|n| (w, n))) {
                Some((_, NumWord::Hundred | NumWord::Magnitude(_) | NumWord::Dozen)) => {
                    // "a million", "a hundred thousand", "a dozen"
                    let mut n = cardinal(cx, i, first.end, 1.0)?;
                    n.start = i;
                    Some(n)
                }
                Some((w, NumWord::Half | NumWord::Quarter)) => fraction_word(cx, i, w, opts),
                Some((w, NumWord::Couple)) if opts.vague => {
                    let end = skip_of(cx, w.end);
                    vague_tail(cx, mk(end, 2.0, 1.0, Form::Vague), end)
                }
                Some((w, NumWord::Several)) if opts.vague && w.is("few") => {
                    vague_tail(cx, mk(w.end, 3.0, 1.0, Form::Vague), w.end)
                }
                _ if opts.articles => Some(mk(first.end, 1.0, 1.0, Form::Article)),
                _ => None,
            }
        }
        NumWord::Whole => opts.articles.then(|| mk(first.end, 1.0, 1.0, Form::Whole)),
        NumWord::Half | NumWord::Quarter => fraction_word(cx, i, first, opts),
        NumWord::Several if opts.vague => vague_tail(cx, mk(first.end, 3.0, 1.0, Form::Vague), first.end),
        NumWord::Couple if opts.vague => {
            let end = skip_of(cx, first.end);
            vague_tail(cx, mk(end, 2.0, 1.0, Form::Vague), end)
        }
        NumWord::VagueMagnitude(m) if opts.vague => vague_magnitude(cx, i, first.end, m),
        NumWord::Unit(_) | NumWord::Teen(_) | NumWord::Tens(_) => cardinal(cx, i, i, 0.0),
        _ => None,
    }
}

/// "couple of" → end after "of" when it is there (only before a number or noun).
fn skip_of(cx: &Ctx<'_>, end: usize) -> usize {
    match cx.next_word(end) {
        Some(w) if w.is("of") => w.end,
        _ => end,
    }
}

/// "several hundred", "a few thousand", "a couple hundred", and "hundred"
/// with a larger magnitude after it: "a few hundred thousand", "several
/// hundred million".
fn vague_tail(cx: &Ctx<'_>, mut n: Num, end: usize) -> Option<Num> {
    let mut at = end;
    while let Some(w) = cx.next_word(at) {
        let m = match num_word(w.s) {
            Some(NumWord::Hundred) if n.magnitude == 1.0 => 100.0,
            Some(NumWord::Magnitude(m)) if m > n.magnitude => m,
            _ => break,
        };
        n.magnify(m, w.end);
        at = w.end;
        if m > 100.0 {
            break;
        }
    }
    Some(n)
}

/// "tens of millions", "hundreds of thousands", "tens or hundreds of
/// millions", "millions", "dozens".
fn vague_magnitude(cx: &Ctx<'_>, i: usize, mut end: usize, m: f64) -> Option<Num> {
    let mut lower = m;
    let mut upper = m * 1000.0;
    if m == 10.0 || m == 100.0 {
        // "tens or hundreds of millions": the lower bound is the first
        let mut k = end;
        let mut top = m * 10.0;
        if let Some(or) = cx.next_word(k)
            && or.is("or")
            && let Some(w) = cx.next_word(or.end)
            && let Some(NumWord::VagueMagnitude(m2)) = num_word(w.s)
        {
            k = w.end;
            top = top.max(m2 * 10.0);
        }
        let of = cx.next_word(k)?;
        if !of.is("of") {
            return None;
        }
        let mag = cx.next_word(of.end)?;
        let Some(NumWord::VagueMagnitude(big)) = num_word(mag.s) else {
            return None;
        };
        if big < 1000.0 {
            return None;
        }
        lower = m * big;
        upper = top * big;
        end = mag.end;
    }
    Some(Num {
        start: i,
        end,
        value: lower,
        step: lower,
        form: Form::Vague,
        magnitude: lower,
        decimals: false,
        plain: false,
        upper: Some(upper),
    })
}

/// "half", "a half", "half a million", "a quarter of a billion", "quarter million".
fn fraction_word(cx: &Ctx<'_>, i: usize, frac_word: crate::scan::Word<'_>, opts: Opts) -> Option<Num> {
    let f = if frac_word.is("half") { 0.5 } else { 0.25 };
    // optional "of", optional "a"/"an", then a magnitude
    let mut k = frac_word.end;
    let mut w = cx.next_word(k);
    if let Some(x) = w
        && x.is("of")
    {
        k = x.end;
        w = cx.next_word(k);
    }
    if let Some(x) = w
        && x.is_any(&["a", "an"])
    {
        w = cx.next_word(x.end);
    }
    if let Some(x) = w {
        match num_word(x.s) {
            Some(NumWord::Magnitude(m)) => {
                return Some(Num {
                    start: i,
                    end: x.end,
                    value: f * m,
                    step: f * m,
                    form: Form::Words,
                    magnitude: m,
                    decimals: false,
                    plain: false,
                    upper: None,
                });
            }
            Some(NumWord::Dozen) => {
                return Some(Num {
                    start: i,
                    end: x.end,
                    value: f * 12.0,
                    step: 1.0,
                    form: Form::Words,
                    magnitude: 12.0,
                    decimals: false,
                    plain: false,
                    upper: None,
                });
            }
            _ => {}
        }
    }
    opts.fractions.then_some(Num {
        start: i,
        end: frac_word.end,
        value: f,
        step: f,
        form: Form::Fraction,
        magnitude: 1.0,
        decimals: false,
        plain: false,
        upper: None,
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Unit,
    Teen,
    Tens,
    Hundred,
    Magnitude,
    Fraction,
}

/// The cardinal grammar: units, teens, tens, hundred, magnitudes, "and",
/// hyphens, then an optional fraction ("and a half") and magnitudes.
/// `seed` is a value already read (1 for "a" in "a million").
fn cardinal(cx: &Ctx<'_>, i: usize, from: usize, seed: f64) -> Option<Num> {
    let mut total = 0.0f64;
    let mut cur = seed;
    let mut largest = f64::INFINITY;
    let mut last: Option<Last> = (seed > 0.0).then_some(Last::Unit);
    let mut end = from;
    let mut step = 1.0;
    let mut j = if seed > 0.0 { cx.skip_ws(from) } else { from };
    while let Some(w) = cx.word_at(j) {
        if !cx.boundary_after(w.end) && cx.at(w.end) != Some(b'-') {
            break;
        }
        let Some(nw) = num_word(w.s) else { break };
        let ok = match (nw, last) {
            (NumWord::Unit(v), None | Some(Last::Hundred | Last::Magnitude)) => {
                cur += v as f64;
                last = Some(Last::Unit);
                step = 1.0;
                true
            }
            (NumWord::Unit(v), Some(Last::Tens)) if v > 0 => {
                cur += v as f64;
                last = Some(Last::Unit);
                step = 1.0;
                true
            }
            (NumWord::Teen(v), None | Some(Last::Hundred | Last::Magnitude)) => {
                cur += v as f64;
                last = Some(Last::Teen);
                step = 1.0;
                true
            }
            (NumWord::Tens(v), None | Some(Last::Hundred | Last::Magnitude)) => {
                cur += v as f64;
                last = Some(Last::Tens);
                step = 1.0;
                true
            }
            (NumWord::Hundred, Some(Last::Unit | Last::Teen | Last::Tens)) if cur < 100.0 => {
                cur *= 100.0;
                last = Some(Last::Hundred);
                step = 100.0;
                true
            }
            (NumWord::Magnitude(m), Some(Last::Unit | Last::Teen | Last::Tens | Last::Hundred | Last::Fraction))
                if m < largest =>
            {
                total += cur * m;
                cur = 0.0;
                largest = m;
                last = Some(Last::Magnitude);
                step = m;
                true
            }
            (NumWord::Magnitude(m), Some(Last::Magnitude)) if m > largest && cur == 0.0 => {
                // "two thousand million" (the British billion)
                total *= m;
                largest = m;
                step *= m;
                true
            }
            (NumWord::Dozen, Some(Last::Unit | Last::Teen | Last::Tens)) => {
                cur *= 12.0;
                last = Some(Last::Hundred);
                true
            }
            (NumWord::Quarter, Some(Last::Unit)) if cur > 0.0 && cur < 4.0 && total == 0.0 => {
                // "three quarters billion"
                cur *= 0.25;
                last = Some(Last::Fraction);
                step = 0.25;
                true
            }
            _ => false,
        };
        if !ok {
            break;
        }
        end = w.end;
        // separator: a hyphen, spaces, or "and" after hundred/magnitude
        let mut k = if cx.at(w.end) == Some(b'-') { w.end + 1 } else { cx.skip_ws(w.end) };
        if matches!(last, Some(Last::Hundred | Last::Magnitude))
            && let Some(and) = cx.word_at(k)
            && and.is("and")
            && let Some(nx) = cx.next_word(and.end)
            && matches!(num_word(nx.s), Some(NumWord::Unit(_) | NumWord::Teen(_) | NumWord::Tens(_)))
        {
            k = cx.skip_ws(and.end);
        }
        if last == Some(Last::Fraction)
            && let Some(of) = cx.word_at(k)
            && of.is("of")
            && let Some(a) = cx.next_word(of.end)
            && a.is_any(&["a", "an"])
            && let Some(m) = cx.next_word(a.end)
            && matches!(num_word(m.s), Some(NumWord::Magnitude(_)))
        {
            k = m.start;
        }
        j = k;
    }
    last?;
    let mut value = total + cur;
    let mut n = Num {
        start: i,
        end,
        value,
        step,
        form: Form::Words,
        magnitude: if largest.is_finite() { largest } else { 1.0 },
        decimals: false,
        plain: false,
        upper: None,
    };
    if matches!(last, Some(Last::Unit | Last::Teen | Last::Tens)) {
        if let Some((frac, fend)) = and_fraction(cx, end) {
            // "one and a half", then maybe "thousand"
            value += frac;
            n.value = value;
            n.end = fend;
            n.step = 0.25;
            let mut probe = n;
            apply_magnitude_words(cx, &mut probe);
            return Some(probe);
        }
        if total == 0.0
            && let Some((frac, places, pend)) = point_decimals(cx, end)
        {
            n.value = value + frac;
            n.step = 10f64.powi(-(places as i32));
            n.end = pend;
            n.decimals = true;
            let mut probe = n;
            apply_magnitude_words(cx, &mut probe);
            return Some(probe);
        }
    }
    Some(n)
}

/// " and a half", " and half", " and a quarter", " and three quarters",
/// " and two quarters", "-and-a-half": the fraction and the end of the
/// phrase.
pub(crate) fn and_fraction(cx: &Ctx<'_>, end: usize) -> Option<(f64, usize)> {
    // joined by hyphens: "two-and-a-half-year"
    for (joined, f) in [("-and-a-half", 0.5), ("-and-half", 0.5), ("-and-a-quarter", 0.25)] {
        if cx.starts_with_ic(end, joined) && cx.boundary_after(end + joined.len()) {
            return Some((f, end + joined.len()));
        }
    }
    let and = cx.next_word(end)?;
    if !and.is("and") {
        return None;
    }
    let w = cx.next_word(and.end)?;
    let (numerator, fw) = match num_word(w.s) {
        Some(NumWord::Half | NumWord::Quarter) => (1.0, w),
        Some(NumWord::Article) => (1.0, cx.next_word(w.end)?),
        Some(NumWord::Unit(u @ 1..=3)) => (u as f64, cx.next_word(w.end)?),
        _ => return None,
    };
    let f = match num_word(fw.s) {
        Some(NumWord::Half) if numerator == 1.0 => 0.5,
        Some(NumWord::Quarter) => 0.25 * numerator,
        _ => return None,
    };
    Some((f, fw.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Corpus: input → value of the whole input as one number (None: not one number).
    const CORPUS: &[(&str, Option<f64>)] = &[
        ("0", Some(0.0)),
        ("33", Some(33.0)),
        ("0033", Some(33.0)),
        ("294,000", Some(294_000.0)),
        ("1,000,000", Some(1e6)),
        ("1,23,45,678", Some(12_345_678.0)),
        ("12,34,567.89", Some(1_234_567.89)),
        ("1\u{2009}000\u{2009}000", Some(1e6)),
        ("1\u{a0}500", Some(1500.0)),
        // an invisible format character between groups, as a thin space
        ("5\u{200b}000", Some(5000.0)),
        ("1\u{ad}000\u{2060}000", Some(1e6)),
        ("1\u{200b}50", None),
        ("3.25", Some(3.25)),
        ("1.5bn", Some(1.5e9)),
        ("6.5B", Some(6.5e9)),
        ("1MM", Some(1e6)),
        ("24k", Some(24_000.0)),
        ("10M", Some(1e7)),
        ("5.6 million", Some(5.6e6)),
        ("1.5-billion", Some(1.5e9)),
        ("two", Some(2.0)),
        ("twelve", Some(12.0)),
        ("fifty-five", Some(55.0)),
        ("twenty five", Some(25.0)),
        ("two thousand", Some(2000.0)),
        ("one hundred and sixty-one", Some(161.0)),
        ("two hundred thousand", Some(200_000.0)),
        ("one million two hundred thousand", Some(1_200_000.0)),
        ("a dozen", Some(12.0)),
        ("two dozen", Some(24.0)),
        ("half a dozen", Some(6.0)),
        ("a million", Some(1e6)),
        ("a hundred", Some(100.0)),
        ("a hundred thousand", Some(100_000.0)),
        ("half a million", Some(500_000.0)),
        ("half million", Some(500_000.0)),
        ("one and a half thousand", Some(1500.0)),
        ("two and a half million", Some(2.5e6)),
        ("two-and-a-half", Some(2.5)),
        ("a quarter of a billion", Some(2.5e8)),
        ("quarter million", Some(250_000.0)),
        ("three quarters billion", Some(7.5e8)),
        ("three quarters of a billion", Some(7.5e8)),
        ("one point three", Some(1.3)),
        ("1 point 1", Some(1.1)),
        ("two thousand million", Some(2e9)),
        // not one number
        ("one two", None),
        ("1.2.3", None),
        ("and", None),
        ("hundred", None),
        ("the", None),
    ];

    #[test]
    fn corpus() {
        let mut failures = Vec::new();
        for &(input, want) in CORPUS {
            let got = parse_number(input);
            let ok = match (got, want) {
                (Some(g), Some(w)) => (g - w).abs() <= 1e-9 * w.abs().max(1.0),
                (None, None) => true,
                _ => false,
            };
            if !ok {
                failures.push(format!("{input:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "number corpus failures:\n{}", failures.join("\n"));
    }

    fn num(text: &str) -> Num {
        let cx = Ctx::new(text, crate::Span::new(0, text.len()));
        parse(&cx, 0, Opts::MONEY).unwrap()
    }

    #[test]
    fn digits_are_read_as_parse_reads_them() {
        // a fixed sequence of pseudo-random digits: every length up to
        // MAX_DIGITS, the point at every place
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for len in 1..=MAX_DIGITS {
            for _ in 0..40 {
                let digits: Vec<u8> = (0..len).map(|_| b'0' + (next() % 10) as u8).collect();
                for decimals in 0..len.min(24) {
                    let mut text = digits.clone();
                    if decimals > 0 {
                        text.insert(len - decimals, b'.');
                    }
                    let want: f64 = std::str::from_utf8(&text).unwrap().parse().unwrap();
                    let got = digits_value(&text, decimals as u32).unwrap();
                    assert_eq!(got.to_bits(), want.to_bits(), "{}", String::from_utf8_lossy(&text));
                    checked += 1;
                }
            }
        }
        for text in ["0", "0.0", "000.000", "999999999999999", "999999999999.999", "0.0000000000000000000001"] {
            let decimals = text.find('.').map_or(0, |p| text.len() - p - 1) as u32;
            let want: f64 = text.parse().unwrap();
            assert_eq!(digits_value(text.as_bytes(), decimals).unwrap().to_bits(), want.to_bits(), "{text}");
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn precision() {
        assert_eq!(num("6 million").step, 1e6);
        assert!((num("5.6 million").step - 1e5).abs() < 1e-6);
        assert_eq!(num("294,000").step, 1000.0);
        assert_eq!(num("294,300").step, 1.0);
        assert_eq!(num("294K").step, 1000.0);
        assert_eq!(num("100").step, 1.0);
    }

    #[test]
    fn years_are_flagged() {
        assert!(num("2023").is_year_like());
        assert!(!num("2,023").is_year_like());
        assert!(!num("512").is_year_like());
    }
}
