//! Money: an amount with a currency written next to it.
//!
//! Rules, in the order they are tried at a candidate position:
//!
//! 1. **Symbol first**: `$`, `US$`, `U.S.$`, `HK$`, `C$`, `A$`, `S$`, `NT$`,
//!    `R$`, `Mex$`, `€`, `£`, `¥`, `₹`, `₩`… then a number with an optional
//!    magnitude ("$294K", "US$4.7 billion", "€5m", "$ 247 million").
//! 2. **Code or name first**: "USD 200", "EUR 5m", "Rs. 20", "RM42",
//!    "ringgit 42".
//! 3. **Number first**: a number, then a currency code, symbol or name
//!    ("20 euros", "10$", "42MYR", "five million yen", "125 million
//!    Australian dollars", "one-yen", "50 cents", "197 pence", "120 MEUR").
//!
//! Around any of them: ranges ("$3-4bn", "$3 billion to $4 billion",
//! "between $5m and $10m", "from 10 to 20 dollars"), vague amounts ("tens of
//! millions of dollars"), sub-units ("20 dollars 43 cents", "3 GBP and
//! one"), prices per unit ("$2 per GPU hour", "$70 a share") and the
//! qualifiers of [`crate::qualifier`].
//!
//! `¥` is yen unless yuan, RMB, renminbi or China is named nearby; a bare
//! `$` is USD, flagged as ambiguous when another dollar country is named
//! near it, or three times or more in the text. Both are stated in the
//! mention's [`Ambiguity`].

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::number::{self, Form, Num, Opts};
use crate::scan::{self, Ctx, Found};
use crate::{Ambiguity, Mention, Money, Qualifier, Value, qualifier};

/// A way of writing a currency.
#[derive(Debug, Clone, Copy)]
struct Cur {
    /// The phrase, as lowercase elements separated by spaces in the text.
    words: &'static [&'static str],
    iso: &'static str,
    /// May stand before the number ("USD 200").
    prefix: bool,
    /// Value of one of these in `iso` units (0.01 for cents).
    unit: f64,
    ambiguity: Option<Ambiguity>,
}

const fn c(words: &'static [&'static str], iso: &'static str) -> Cur {
    Cur { words, iso, prefix: false, unit: 1.0, ambiguity: None }
}
const fn code(words: &'static [&'static str], iso: &'static str) -> Cur {
    Cur { words, iso, prefix: true, unit: 1.0, ambiguity: None }
}
const fn named(words: &'static [&'static str], iso: &'static str) -> Cur {
    Cur { words, iso, prefix: false, unit: 1.0, ambiguity: Some(Ambiguity::CurrencyName) }
}
const fn sub(words: &'static [&'static str], iso: &'static str, unit: f64) -> Cur {
    Cur { words, iso, prefix: false, unit, ambiguity: None }
}

/// Currency codes and names. Three-letter codes match in upper case, or in
/// lower case when listed in [`LOWER_CASE_CODES`].
const CURRENCIES: &[Cur] = &[
    code(&["usd"], "USD"),
    c(&["us", "dollars"], "USD"),
    c(&["us", "dollar"], "USD"),
    c(&["u.s.", "dollars"], "USD"),
    c(&["u.s.", "dollar"], "USD"),
    c(&["american", "dollars"], "USD"),
    c(&["united", "states", "dollars"], "USD"),
    Cur { words: &["dollars"], iso: "USD", prefix: false, unit: 1.0, ambiguity: Some(Ambiguity::Dollar) },
    Cur { words: &["dollar"], iso: "USD", prefix: false, unit: 1.0, ambiguity: Some(Ambiguity::Dollar) },
    c(&["bucks"], "USD"),
    code(&["cad"], "CAD"),
    c(&["canadian", "dollars"], "CAD"),
    c(&["canadian", "dollar"], "CAD"),
    code(&["aud"], "AUD"),
    c(&["australian", "dollars"], "AUD"),
    c(&["australian", "dollar"], "AUD"),
    code(&["nzd"], "NZD"),
    c(&["new", "zealand", "dollars"], "NZD"),
    code(&["hkd"], "HKD"),
    c(&["hong", "kong", "dollars"], "HKD"),
    c(&["hk", "dollars"], "HKD"),
    code(&["sgd"], "SGD"),
    c(&["singapore", "dollars"], "SGD"),
    c(&["singaporean", "dollars"], "SGD"),
    code(&["twd"], "TWD"),
    code(&["ntd"], "TWD"),
    c(&["new", "taiwan", "dollars"], "TWD"),
    c(&["taiwan", "dollars"], "TWD"),
    c(&["taiwanese", "dollars"], "TWD"),
    code(&["eur"], "EUR"),
    c(&["euros"], "EUR"),
    c(&["euro"], "EUR"),
    code(&["gbp"], "GBP"),
    c(&["pounds", "sterling"], "GBP"),
    c(&["pound", "sterling"], "GBP"),
    c(&["british", "pounds"], "GBP"),
    c(&["sterling"], "GBP"),
    c(&["pounds"], "GBP"),
    c(&["pound"], "GBP"),
    code(&["egp"], "EGP"),
    c(&["egyptian", "pounds"], "EGP"),
    c(&["egyptian", "pound"], "EGP"),
    c(&["egyptianpound"], "EGP"),
    c(&["l.e."], "EGP"),
    c(&["l.e"], "EGP"),
    c(&["le"], "EGP"),
    c(&["geneh"], "EGP"),
    c(&["genihat", "masriya"], "EGP"),
    code(&["lbp"], "LBP"),
    c(&["lebanese", "pounds"], "LBP"),
    c(&["lebanese", "pound"], "LBP"),
    code(&["jpy"], "JPY"),
    c(&["yen"], "JPY"),
    c(&["japanese", "yen"], "JPY"),
    code(&["cny"], "CNY"),
    code(&["rmb"], "CNY"),
    c(&["yuan"], "CNY"),
    c(&["renminbi"], "CNY"),
    c(&["chinese", "yuan"], "CNY"),
    c(&["kuai"], "CNY"),
    code(&["inr"], "INR"),
    code(&["rs."], "INR"),
    code(&["rs"], "INR"),
    c(&["rupees"], "INR"),
    c(&["rupee"], "INR"),
    c(&["indian", "rupees"], "INR"),
    code(&["pkr"], "PKR"),
    c(&["pakistani", "rupees"], "PKR"),
    code(&["lkr"], "LKR"),
    c(&["sri", "lankan", "rupees"], "LKR"),
    code(&["krw"], "KRW"),
    c(&["south", "korean", "won"], "KRW"),
    c(&["korean", "won"], "KRW"),
    c(&["won"], "KRW"),
    code(&["chf"], "CHF"),
    c(&["swiss", "francs"], "CHF"),
    c(&["swiss", "franc"], "CHF"),
    c(&["french", "francs"], "FRF"),
    named(&["francs"], "CHF"),
    named(&["franc"], "CHF"),
    code(&["brl"], "BRL"),
    c(&["brazilian", "reais"], "BRL"),
    c(&["brazilian", "real"], "BRL"),
    c(&["reais"], "BRL"),
    code(&["mxn"], "MXN"),
    c(&["mexican", "pesos"], "MXN"),
    c(&["philippine", "pesos"], "PHP"),
    c(&["argentine", "pesos"], "ARS"),
    c(&["colombian", "pesos"], "COP"),
    c(&["chilean", "pesos"], "CLP"),
    named(&["pesos"], "MXN"),
    code(&["rub"], "RUB"),
    c(&["rubles"], "RUB"),
    c(&["roubles"], "RUB"),
    c(&["ruble"], "RUB"),
    c(&["rouble"], "RUB"),
    code(&["try"], "TRY"),
    c(&["turkish", "lira"], "TRY"),
    c(&["turkish", "liras"], "TRY"),
    c(&["italian", "lire"], "ITL"),
    c(&["lire"], "ITL"),
    named(&["lira"], "TRY"),
    c(&["pesetas"], "ESP"),
    c(&["peseta"], "ESP"),
    c(&["dutch", "guilders"], "NLG"),
    c(&["guilders"], "NLG"),
    c(&["guilder"], "NLG"),
    c(&["deutsche", "marks"], "DEM"),
    c(&["deutschmarks"], "DEM"),
    code(&["zar"], "ZAR"),
    c(&["south", "african", "rand"], "ZAR"),
    c(&["rand"], "ZAR"),
    code(&["ils"], "ILS"),
    code(&["nis"], "ILS"),
    c(&["new", "israeli", "shekels"], "ILS"),
    c(&["shekels"], "ILS"),
    c(&["shekel"], "ILS"),
    code(&["sar"], "SAR"),
    c(&["saudi", "riyals"], "SAR"),
    c(&["saudi", "riyal"], "SAR"),
    c(&["saudiriyal"], "SAR"),
    code(&["qar"], "QAR"),
    c(&["qatari", "riyals"], "QAR"),
    c(&["qatari", "riyal"], "QAR"),
    named(&["riyals"], "SAR"),
    named(&["riyal"], "SAR"),
    c(&["omani", "rials"], "OMR"),
    c(&["iranian", "rials"], "IRR"),
    named(&["rials"], "IRR"),
    named(&["rial"], "IRR"),
    code(&["kwd"], "KWD"),
    c(&["kuwaiti", "dinars"], "KWD"),
    c(&["kuwaiti", "dinar"], "KWD"),
    c(&["bahraini", "dinars"], "BHD"),
    c(&["jordanian", "dinars"], "JOD"),
    c(&["iraqi", "dinars"], "IQD"),
    named(&["dinars"], "KWD"),
    named(&["dinar"], "KWD"),
    code(&["aed"], "AED"),
    c(&["uae", "dirhams"], "AED"),
    c(&["dirhams"], "AED"),
    c(&["dirham"], "AED"),
    code(&["myr"], "MYR"),
    code(&["rm"], "MYR"),
    code(&["malaysian", "ringgits"], "MYR"),
    code(&["malaysian", "ringgit"], "MYR"),
    code(&["malaysia", "ringgit"], "MYR"),
    code(&["ringgits"], "MYR"),
    code(&["ringgit"], "MYR"),
    code(&["idr"], "IDR"),
    c(&["rupiah"], "IDR"),
    code(&["thb"], "THB"),
    c(&["baht"], "THB"),
    code(&["vnd"], "VND"),
    c(&["dong"], "VND"),
    code(&["ngn"], "NGN"),
    c(&["naira"], "NGN"),
    code(&["kes"], "KES"),
    c(&["kenyan", "shillings"], "KES"),
    code(&["sek"], "SEK"),
    c(&["swedish", "kronor"], "SEK"),
    c(&["swedish", "crowns"], "SEK"),
    c(&["kronor"], "SEK"),
    code(&["nok"], "NOK"),
    c(&["norwegian", "kroner"], "NOK"),
    code(&["dkk"], "DKK"),
    c(&["danish", "kroner"], "DKK"),
    code(&["pln"], "PLN"),
    c(&["zlotys"], "PLN"),
    c(&["zloty"], "PLN"),
    c(&["zlotych"], "PLN"),
    code(&["huf"], "HUF"),
    c(&["forints"], "HUF"),
    c(&["forint"], "HUF"),
    code(&["czk"], "CZK"),
    c(&["czech", "crowns"], "CZK"),
    c(&["koruna"], "CZK"),
    code(&["uah"], "UAH"),
    c(&["hryvnias"], "UAH"),
    c(&["hryvnia"], "UAH"),
    c(&["hryvnas"], "UAH"),
    code(&["mnt"], "MNT"),
    c(&["tugriks"], "MNT"),
    c(&["tugrik"], "MNT"),
    c(&["tugrug"], "MNT"),
    code(&["bgn"], "BGN"),
    c(&["leva"], "BGN"),
    code(&["ron"], "RON"),
    code(&["btc"], "BTC"),
    c(&["bitcoins"], "BTC"),
    c(&["bitcoin"], "BTC"),
    // sub-units
    sub(&["cents"], "USD", 0.01),
    sub(&["cent"], "USD", 0.01),
    sub(&["c"], "USD", 0.01),
    sub(&["pennies"], "USD", 0.01),
    sub(&["penny"], "USD", 0.01),
    sub(&["pence"], "GBP", 0.01),
    sub(&["p"], "GBP", 0.01),
    sub(&["kopiykas"], "UAH", 0.01),
    sub(&["kopiyka"], "UAH", 0.01),
    sub(&["kopecks"], "RUB", 0.01),
    sub(&["paise"], "INR", 0.01),
    sub(&["sens"], "MYR", 0.01),
    sub(&["sen"], "MYR", 0.01),
    sub(&["fen"], "CNY", 0.01),
    sub(&["jiao"], "CNY", 0.1),
    sub(&["mao"], "CNY", 0.1),
];

/// Three-letter codes that also count in lower case ("20 usd"); others
/// ("try", "ron", "all"…) are English words in lower case.
const LOWER_CASE_CODES: &[&str] = &[
    "usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "cad", "aud", "nzd", "hkd", "sgd", "chf", "mxn", "myr", "mnt",
    "uah", "btc", "krw", "brl", "zar", "aed", "sgd", "twd", "egp", "lbp", "qar", "kwd", "bgn", "idr", "thb",
];

/// Symbols. `prefix` symbols stand before the number, others after it too.
pub(crate) const SYMBOLS: &[(&str, &str, bool)] = &[
    ("€", "EUR", true),
    ("£", "GBP", true),
    ("¥", "JPY", true),
    ("￥", "JPY", true),
    ("₹", "INR", true),
    ("₨", "INR", true),
    ("₩", "KRW", true),
    ("₿", "BTC", true),
    ("₽", "RUB", true),
    ("₺", "TRY", true),
    ("₫", "VND", true),
    ("₦", "NGN", true),
    ("₱", "PHP", true),
    ("₪", "ILS", true),
    ("₴", "UAH", true),
    ("₸", "KZT", true),
    ("₮", "MNT", true),
    ("₵", "GHS", true),
    ("₡", "CRC", true),
    ("₭", "LAK", true),
    ("₲", "PYG", true),
    ("₾", "GEL", true),
    ("৳", "BDT", true),
    ("元", "CNY", false),
    ("圆", "CNY", false),
    ("円", "JPY", false),
    ("ரூ", "LKR", false),
];

/// Letters glued before `$` (or separated by one space where marked).
const DOLLAR_PREFIXES: &[(&str, &str, bool)] = &[
    ("us", "USD", true),
    ("u.s.", "USD", true),
    ("u.s", "USD", true),
    ("usd", "USD", true),
    ("hk", "HKD", true),
    ("hkd", "HKD", false),
    ("c", "CAD", true),
    ("ca", "CAD", false),
    ("can", "CAD", false),
    ("cad", "CAD", true),
    ("a", "AUD", false),
    ("au", "AUD", false),
    ("aud", "AUD", true),
    ("nz", "NZD", true),
    ("nzd", "NZD", true),
    ("s", "SGD", false),
    ("sg", "SGD", false),
    ("sgd", "SGD", false),
    ("nt", "TWD", true),
    ("r", "BRL", false),
    ("mex", "MXN", true),
    ("mx", "MXN", false),
    ("mxn", "MXN", true),
];

type CurMap = HashMap<&'static [u8], Vec<Cur>, fnv::FnvBuildHasher>;

static BY_FIRST: LazyLock<CurMap> = LazyLock::new(|| {
    let mut map = CurMap::default();
    for cur in CURRENCIES {
        map.entry(first_key(cur.words[0]).as_bytes()).or_default().push(*cur);
    }
    for v in map.values_mut() {
        // longest phrase first
        v.sort_by_key(|c| std::cmp::Reverse(c.words.iter().map(|w| w.len() + 1).sum::<usize>()));
    }
    map
});

/// The leading run of ASCII letters of a phrase element ("u.s." → "u").
fn first_key(w: &'static str) -> &'static str {
    let n = w.bytes().take_while(u8::is_ascii_alphabetic).count();
    &w[..n]
}

/// The first words of every currency name (not triggers: a number comes first).
pub(crate) fn currency_words() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().map(|c| first_key(c.words[0])).filter(|w| !w.is_empty())
}

/// Words that can begin a currency written before its number; the
/// lexicon makes them triggers.
pub(crate) fn prefix_words() -> impl Iterator<Item = &'static str> {
    CURRENCIES.iter().filter(|c| c.prefix).map(|c| first_key(c.words[0]))
}

/// True when `bytes` starts with any non-ASCII currency symbol.
pub(crate) fn is_any_symbol(bytes: &[u8]) -> bool {
    SYMBOLS.iter().any(|(s, _, _)| bytes.starts_with(s.as_bytes()))
}

/// True when `bytes` starts with a non-ASCII currency symbol that can stand
/// before a number.
#[inline]
pub(crate) fn is_symbol_start(bytes: &[u8]) -> bool {
    // a quick look at the first two bytes rules out curly quotes, dashes and letters
    match bytes {
        [0xc2, 0xa3 | 0xa5, ..] | [0xe2, 0x82 | 0x83, ..] | [0xef, 0xbf, ..] | [0xe0 | 0xe5, ..] => {}
        _ => return false,
    }
    SYMBOLS.iter().any(|(s, _, prefix)| *prefix && bytes.starts_with(s.as_bytes()))
}

/// A currency matched in the text.
#[derive(Debug, Clone, Copy)]
struct CurMatch {
    start: usize,
    end: usize,
    iso: &'static str,
    unit: f64,
    ambiguity: Option<Ambiguity>,
    /// A sub-unit such as cents.
    is_sub: bool,
}

/// Matches a currency code or name at `i` (which must start a letters run).
/// `glued`: the phrase may end right before digits ("USD3.14").
fn word_currency_at(cx: &Ctx<'_>, i: usize, want_prefix: bool) -> Option<CurMatch> {
    let first = cx.word_at(i)?;
    let mut buf = [0u8; 16];
    let n = crate::lexicon::lower(first.s.as_bytes(), &mut buf)?;
    let candidates = BY_FIRST.get(&buf[..n])?;
    'cands: for cur in candidates {
        if want_prefix && !cur.prefix {
            continue;
        }
        let mut at = i;
        for (k, w) in cur.words.iter().enumerate() {
            if k > 0 {
                let s = cx.skip_ws(at);
                if s == at {
                    continue 'cands;
                }
                at = s;
            }
            if !cx.starts_with_ic(at, w) {
                continue 'cands;
            }
            let e = at + w.len();
            // a word must end here, unless the element ends with a dot
            let glued_digit = cx.at(e).is_some_and(|c| c.is_ascii_digit());
            if !w.ends_with('.') && !cx.boundary_after(e) && !glued_digit {
                continue 'cands;
            }
            at = e;
        }
        // three-letter codes: upper case unless listed
        if cur.words.len() == 1
            && cur.words[0].len() == 3
            && cur.words[0].bytes().all(|b| b.is_ascii_alphabetic())
            && cur.prefix
        {
            let written = &cx.text[i..at];
            let upper = written.bytes().all(|b| b.is_ascii_uppercase());
            if !upper && !LOWER_CASE_CODES.contains(&cur.words[0]) {
                continue;
            }
        }
        // single letters and very short names only in fitting case
        if matches!(cur.words[0], "c" | "p") && cx.text[i..at].bytes().any(|b| b.is_ascii_uppercase()) {
            continue;
        }
        return Some(CurMatch {
            start: i,
            end: at,
            iso: cur.iso,
            unit: cur.unit,
            ambiguity: cur.ambiguity,
            is_sub: cur.unit != 1.0,
        });
    }
    None
}

/// The first bytes of the currency symbols (and `$`).
static SYMBOL_FIRST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    t[b'$' as usize] = true;
    let mut k = 0;
    while k < SYMBOLS.len() {
        t[SYMBOLS[k].0.as_bytes()[0] as usize] = true;
        k += 1;
    }
    t
};

/// A symbol at `i`: `$` (with any glued prefix, which may lie before `i`)
/// or a non-ASCII currency sign.
fn symbol_at(cx: &Ctx<'_>, i: usize, as_prefix: bool) -> Option<CurMatch> {
    if cx.at(i) == Some(b'$') {
        // "$US 2 million", as Australian papers write US dollars
        if cx.at(i + 1) == Some(b'U')
            && cx.at(i + 2) == Some(b'S')
            && !cx.at(i + 3).is_some_and(|c| c.is_ascii_alphabetic())
        {
            return Some(CurMatch { start: i, end: i + 3, iso: "USD", unit: 1.0, ambiguity: None, is_sub: false });
        }
        let (start, iso) = dollar_prefix(cx, i).unwrap_or((i, "USD"));
        let ambiguity = (start == i).then_some(Ambiguity::Dollar);
        return Some(CurMatch { start, end: i + 1, iso, unit: 1.0, ambiguity, is_sub: false });
    }
    let rest = &cx.b[i..cx.end];
    // most places start no symbol at all: one look at the first byte says so
    if !rest.first().is_some_and(|&c| SYMBOL_FIRST_BYTES[usize::from(c)]) {
        return None;
    }
    for (s, iso, prefix) in SYMBOLS {
        if (!as_prefix || *prefix) && rest.starts_with(s.as_bytes()) {
            let ambiguity = (*iso == "JPY" && s.contains('¥') || *s == "￥").then_some(Ambiguity::YuanReadAsYen);
            return Some(CurMatch { start: i, end: i + s.len(), iso, unit: 1.0, ambiguity, is_sub: false });
        }
    }
    None
}

/// Letters before a `$` that name the dollar: "US$", "U.S.$", "HK$", "C$",
/// "us $" (spaced forms only where unambiguous).
fn dollar_prefix(cx: &Ctx<'_>, dollar: usize) -> Option<(usize, &'static str)> {
    // every prefix ends in a letter or a dot, right before the `$` or one
    // space before it: most dollars ("raised $5M") are turned away here
    let ends_prefix = |k: usize| k > cx.start && (cx.b[k - 1].is_ascii_alphabetic() || cx.b[k - 1] == b'.');
    let spaced = dollar > cx.start && cx.b[dollar - 1] == b' ' && ends_prefix(dollar - 1);
    if !ends_prefix(dollar) && !spaced {
        return None;
    }
    let mut best: Option<(usize, &'static str)> = None;
    for gap in [0usize, 1] {
        if gap == 1 && (dollar < 1 || cx.b[dollar - 1] != b' ') {
            continue;
        }
        let end = dollar - gap;
        if end <= cx.start {
            continue;
        }
        // only the prefixes that end in the letter (or dot) before `end`
        let mut ending = dollar_prefixes_ending(cx.b[end - 1], gap == 1);
        while ending != 0 {
            let k = ending.trailing_zeros() as usize;
            ending &= ending - 1;
            let (p, iso, _) = DOLLAR_PREFIXES[k];
            if end < cx.start + p.len() {
                continue;
            }
            let s = end - p.len();
            if cx.b[s..end].eq_ignore_ascii_case(p.as_bytes()) && cx.boundary_before(s) {
                // "a $5 fee": a lone lower-case "a"/"s"/"r" is a word, never a prefix
                if p.len() == 1 && cx.b[s].is_ascii_lowercase() && gap == 0 && p != "c" {
                    continue;
                }
                if best.is_none_or(|(bs, _)| s < bs) {
                    best = Some((s, iso));
                }
            }
        }
    }
    best
}

/// The place of a prefix's last byte in [`PREFIX_ENDS`]: a letter (either
/// case) by its place in the alphabet, a dot after the letters; any other
/// byte ends no prefix.
const fn prefix_end_slot(c: u8) -> Option<usize> {
    match c {
        b'a'..=b'z' => Some((c - b'a') as usize),
        b'A'..=b'Z' => Some((c - b'A') as usize),
        b'.' => Some(26),
        _ => None,
    }
}

/// For each last byte of a prefix ([`prefix_end_slot`]), the prefixes of
/// [`DOLLAR_PREFIXES`] that end in it, a bit each by their place in the
/// table: glued to the `$` (`[0]`) and one space before it (`[1]`, the
/// prefixes marked spaced only). A `$` after "raised " is then compared
/// with the few prefixes that end in "d", not with all of them.
const PREFIX_ENDS: [[u32; 27]; 2] = {
    assert!(DOLLAR_PREFIXES.len() <= 32);
    let mut t = [[0u32; 27]; 2];
    let mut k = 0;
    while k < DOLLAR_PREFIXES.len() {
        let (p, _, spaced) = DOLLAR_PREFIXES[k];
        let slot = match prefix_end_slot(p.as_bytes()[p.len() - 1]) {
            Some(slot) => slot,
            None => panic!("a dollar prefix ends in a letter or a dot"),
        };
        t[0][slot] |= 1 << k;
        if spaced {
            t[1][slot] |= 1 << k;
        }
        k += 1;
    }
    t
};

/// The prefixes of [`DOLLAR_PREFIXES`] whose last byte is `last` (ASCII
/// case ignored), a bit each; `spaced`: only those that may stand one
/// space before the `$`.
#[inline]
fn dollar_prefixes_ending(last: u8, spaced: bool) -> u32 {
    prefix_end_slot(last).map_or(0, |slot| PREFIX_ENDS[usize::from(spaced)][slot])
}

/// Money at candidate position `i`. At digits the scanner asks
/// [`money_may_follow`] first.
pub(crate) fn at(cx: &Ctx<'_>, i: usize) -> Option<Found> {
    let c0 = cx.at(i)?;
    if c0 == b'$' || c0 >= 0x80 {
        let cur = symbol_at(cx, i, true)?;
        return prefixed(cx, cur);
    }
    if c0.is_ascii_alphabetic()
        && let Some(cur) = word_currency_at(cx, i, true)
        && let Some(f) = prefixed(cx, cur)
    {
        return Some(f);
    }
    number_first(cx, i)
}

/// Currency first: "$294K", "USD 200", "Rs. 20".
fn prefixed(cx: &Ctx<'_>, cur: CurMatch) -> Option<Found> {
    let mut j = cx.skip_ws(cur.end);
    if cx.gap_wider(cur.end, j, 4) {
        return None;
    }
    if cx.at(j) == Some(b'.') && cx.text[cur.start..cur.end].eq_ignore_ascii_case("rs") {
        j = cx.skip_ws(j + 1);
    }
    let num = number::parse(cx, j, Opts::MONEY)?;
    if num.form != Form::Digits && num.form != Form::Words {
        return None;
    }
    if num.form == Form::Digits && !standalone_digits(cx, &num) {
        return None;
    }
    let mut num = num;
    // "75 USD million" style does not apply here, but "$ 5 million" does (parsed)
    // "RM42" and "USD3.14" are glued; "$10 dollars" keeps the redundant word out
    let mut end = num.end;
    // "MEUR"-style and redundant currency after the number are ignored
    if let Some(w) = cx.next_word(end)
        && let Some(m) = magnitude_word(w.s)
        && num.magnitude == 1.0
    {
        num.value *= m;
        num.step *= m;
        num.magnitude = m;
        end = w.end;
        num.end = end;
    }
    finish(cx, cur.start, num, cur, end, true)
}

fn magnitude_word(w: &str) -> Option<f64> {
    match crate::lexicon::num_word(w) {
        Some(crate::lexicon::NumWord::Magnitude(m)) => Some(m),
        _ => None,
    }
}

/// Digits that are not part of a time, date, phone number, score or list.
pub(crate) fn standalone_digits(cx: &Ctx<'_>, num: &Num) -> bool {
    let before = cx.char_before(num.start);
    if let Some(c) = before
        && matches!(c, '/' | ':' | '.' | '#')
        && cx.char_before(num.start - c.len_utf8()).is_some_and(|d| d.is_ascii_digit())
    {
        return false;
    }
    match cx.at(num.end) {
        Some(b'/' | b':') => !cx.at(num.end + 1).is_some_and(|d| d.is_ascii_digit()),
        Some(b'%') => false,
        _ => true,
    }
}

/// Number first: "20 euros", "five million yen", "10$", "50 cents",
/// "from 10 to 20 dollars", "tens of millions of dollars".
fn number_first(cx: &Ctx<'_>, i: usize) -> Option<Found> {
    let num = number::parse(cx, i, Opts { articles: true, ..Opts::MONEY })?;
    if num.form == Form::Digits && !standalone_digits(cx, &num) {
        return None;
    }
    if num.form == Form::Article {
        // "a dollar and 42 cents": one of the currency written right after, by its name ("a EUR" is no amount)
        let cur = currency_after(cx, &num).filter(|c| {
            !c.is_sub
                && c.start == cx.skip_ws(num.end)
                && cx.b[c.start].is_ascii_alphabetic()
                && !cx.b[c.start..c.end].iter().all(u8::is_ascii_uppercase)
        })?;
        return finish(cx, num.start, num, cur, cur.end, false);
    }
    if let Some(cur) = currency_after(cx, &num) {
        let end = cur.end;
        let mut num = num;
        // "75 USD million"
        let mut end2 = end;
        if num.magnitude == 1.0
            && !cur.is_sub
            && let Some(w) = cx.next_word(end)
            && let Some(m) = magnitude_word(w.s)
        {
            num.value *= m;
            num.step *= m;
            num.magnitude = m;
            end2 = w.end;
        }
        return finish(cx, num.start, num, cur, end2, false);
    }
    // "from 10 to 20 dollars", "10-20 dollars", "7-9 lakh rupees"
    if let Some((second, conn_ok)) = range_second(cx, &num, None)
        && conn_ok
        // "in 2022 to 5 billion yuan": a year, not the low end of a range
        && !(num.is_year_like() && second.magnitude > 1.0 && crate::chips::date_preposition_before(cx, num.start))
        && let Some(cur) = currency_after(cx, &second)
    {
        let mut lo = num;
        inherit_magnitude(&mut lo, &second);
        if second.value > lo.value {
            return Some(build(
                cx,
                num.start,
                cur.end,
                lo.value * cur.unit,
                Some(second.value * cur.unit),
                cur,
                Qualifier::Range,
                lo.step.min(second.step) * cur.unit,
                None,
            ));
        }
    }
    // "tens or hundreds of millions" in a sentence about costs
    if num.form == Form::Vague && num.value >= 1e6 {
        return assumed_currency(cx, num);
    }
    None
}

/// A cheap look at what follows digits, before parsing them: money needs a
/// currency (glued, a symbol, a code or name), a magnitude word or
/// abbreviation ("10 bn"), a fraction ("2 1/2 million"), or a range whose
/// second number passes the same look ("10-20 dollars"; not the score
/// "24-17" or the "2 -- " of a list). It must let through everything the
/// number-first rules accept (a test holds it to them).
pub(crate) fn money_may_follow(cx: &Ctx<'_>, e: usize) -> bool {
    may_follow(cx, e, true)
}

/// [`money_may_follow`]; `first`: digits that may start a range (the
/// second number of one is looked at once, without its own range).
fn may_follow(cx: &Ctx<'_>, e: usize, first: bool) -> bool {
    match cx.at(e) {
        // "10-20 dollars", "5-million-dollar", "10-$"
        Some(b'-') => return after_hyphen(cx, e + 1, first),
        Some(b'$') => return true,
        // "5bn", "42MYR", "99p": a magnitude, currency or sub-unit glued on
        // (not "6th", "2.3GHz", "30fps")
        Some(c) if c.is_ascii_alphabetic() => {
            let word = &cx.b[e..cx.letters_end(e)];
            return money_word(word) || number::is_money_suffix(word);
        }
        // "100元", "2½ million", "10–20 euros" (not the Cyrillic of "300 градусов" or a curly quote)
        Some(c) if c >= 0x80 && scan::space_len(cx.b, e) == 0 => return sign_or_range(cx, e, e, first),
        None => return false,
        _ => {}
    }
    let j = cx.skip_ws(e);
    match cx.at(j) {
        Some(b'$') => true,
        // "10 - 20 dollars": a spaced hyphen only joins a range
        Some(b'-') => range_may_follow(cx, j + 1, first),
        Some(c) if c >= 0x80 => sign_or_range(cx, e, j, first),
        Some(c) if c.is_ascii_alphabetic() => {
            let w = cx.letters_end(j);
            let word = &cx.b[j..w];
            if word.eq_ignore_ascii_case(b"to") || word.eq_ignore_ascii_case(b"and") {
                return range_may_follow(cx, w, first);
            }
            money_word(word)
                || (j == e + 1
                    && number::SPACED_MONEY_MAGNITUDES.iter().any(|x| word.eq_ignore_ascii_case(x.as_bytes())))
        }
        // "2 1/2 million dollars"
        _ => number::fraction_may_follow(cx, e),
    }
}

/// A non-ASCII character at `j`, after digits that end at `e`: a dash
/// that joins a range, a currency sign ("100 ₡", "100元") or a fraction
/// ("2½", "3 ¾").
fn sign_or_range(cx: &Ctx<'_>, e: usize, j: usize, first: bool) -> bool {
    match dash_at(cx, j) {
        Some(n) => range_may_follow(cx, j + n, first),
        None => is_any_symbol(&cx.b[j..cx.end]) || number::fraction_may_follow(cx, e),
    }
}

/// What may follow a hyphen glued to digits at `k`: a currency or
/// magnitude glued to it ("10-dollar", "5-million"), or a range.
fn after_hyphen(cx: &Ctx<'_>, k: usize, first: bool) -> bool {
    match cx.at(k) {
        Some(c) if c == b'$' || c >= 0x80 => true,
        Some(c) if c.is_ascii_alphabetic() => money_word(&cx.b[k..cx.letters_end(k)]),
        _ => range_may_follow(cx, k, first),
    }
}

/// After a range's joint ("-", "–", "to") that ends at `k`: the second
/// number, in digits that pass the look themselves, or in words.
fn range_may_follow(cx: &Ctx<'_>, k: usize, first: bool) -> bool {
    if !first {
        return true;
    }
    let k = cx.skip_ws(k);
    match cx.at(k) {
        Some(c) if c.is_ascii_digit() => may_follow(cx, number::digit_run_end(cx, k), false),
        Some(c) if c.is_ascii_alphabetic() => money_word(&cx.b[k..cx.letters_end(k)]),
        _ => false,
    }
}

/// The length of the figure, en or em dash at `i`, if one is there.
pub(crate) fn dash_at(cx: &Ctx<'_>, i: usize) -> Option<usize> {
    // U+2012 to U+2014: E2 80 92, 93, 94
    matches!(cx.b[i..cx.end], [0xe2, 0x80, 0x92..=0x94, ..]).then_some(3)
}

/// A word that may follow a number in money: a code or million-code (upper
/// case: "USD", "MEUR"), a joint ("to", "of", "point"), a currency name or
/// a number word ("million").
fn money_word(word: &[u8]) -> bool {
    // "point" is a number word
    (word.len() <= 4 && word.iter().all(u8::is_ascii_uppercase))
        || crate::lexicon::entry(word)
            .is_some_and(|en| en.joint || en.currency_word || en.currency_prefix || en.num.is_some())
}

/// A currency right after a number: glued ("10$", "42MYR", "100元"), spaced
/// ("20 euros", "100 ₡"), hyphenated ("one-yen"), or after "of" for vague
/// amounts ("millions of dollars").
fn currency_after(cx: &Ctx<'_>, num: &Num) -> Option<CurMatch> {
    let e = num.end;
    // glued letters: MEUR / MGBP (millions), or a code/name
    if cx.at(e).is_some_and(|c| c.is_ascii_alphabetic()) {
        let le = cx.letters_end(e);
        if !cx.boundary_after(le) {
            return None;
        }
        if le - e == 4 && cx.at(e) == Some(b'M') && num.magnitude == 1.0 {
            let cur = word_currency_at(cx, e + 1, true)?;
            if cur.end == le {
                return Some(CurMatch { start: e, unit: cur.unit * 1e6, ..cur });
            }
        }
        let cur = word_currency_at(cx, e, false)?;
        // "720p", "1080p": video resolutions, not pence
        if le - e == 1 && cx.b[e].eq_ignore_ascii_case(&b'p') && VIDEO_LINES.contains(&num.value) {
            return None;
        }
        if abbreviation_letter(cx, &cur) {
            return None;
        }
        return (cur.end == le || cx.text[e..cur.end].ends_with('.')).then_some(cur);
    }
    if let Some(cur) = symbol_at(cx, e, false)
        && cur.start == e
    {
        return Some(cur);
    }
    let mut j = cx.skip_ws(e);
    if j == e && cx.at(e) == Some(b'-') {
        j = e + 1;
    } else if cx.gap_wider(e, j, 3) {
        return None;
    }
    if let Some(cur) = symbol_at(cx, j, false)
        && cur.start == j
        && cx.at(j) != Some(b'$')
    {
        return Some(cur);
    }
    if cx.at(j) == Some(b'$') && j > e && cx.boundary_after(j + 1) {
        // "10 $" with nothing after, or another number after ("10 $ 30 $")
        return symbol_at(cx, j, false);
    }
    let w = cx.word_at(j)?;
    // "120 MEUR", "48.5 MGBP": M for million, then the code
    if w.end - w.start == 4
        && cx.at(j) == Some(b'M')
        && num.magnitude == 1.0
        && cx.boundary_after(w.end)
        && let Some(cur) = word_currency_at(cx, j + 1, true)
        && cur.end == w.end
    {
        return Some(CurMatch { start: j, unit: cur.unit * 1e6, ..cur });
    }
    if num.form == Form::Vague || num.magnitude >= 1e6 {
        // "millions of dollars", "5 million of euros" (rare)
        if w.is("of")
            && let Some(cw) = cx.next_word(w.end)
        {
            return word_currency_at(cx, cw.start, false);
        }
    }
    let cur = word_currency_at(cx, j, false)?;
    // "a 5-pound bag", "five pounds of flour": weights, not money
    if cx.text[cur.start..cur.end].to_ascii_lowercase().starts_with("pound")
        && (j == e + 1 && cx.at(e) == Some(b'-') || cx.next_word(cur.end).is_some_and(|n| n.is("of")))
    {
        return None;
    }
    // a lone "c"/"p" must be the end of a token and follow a plain number
    if cur.is_sub && cur.end - cur.start == 1 && (num.form != Form::Digits || num.magnitude != 1.0) {
        return None;
    }
    if abbreviation_letter(cx, &cur) {
        return None;
    }
    Some(cur)
}

/// A one-letter currency that is the first letter of an abbreviation: the
/// "p" of "10 p.m.", the "c" of "c.f.".
fn abbreviation_letter(cx: &Ctx<'_>, cur: &CurMatch) -> bool {
    cur.end - cur.start == 1
        && cx.at(cur.end) == Some(b'.')
        && cx.at(cur.end + 1).is_some_and(|c| c.is_ascii_alphabetic())
}

/// The line counts of video resolutions ("720p", "1080p"): glued to a "p"
/// they are never pence.
const VIDEO_LINES: &[f64] = &[144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0];

/// When a range's first number has no magnitude and the second has one,
/// the first takes it ("$3-4 billion").
fn inherit_magnitude(lo: &mut Num, hi: &Num) {
    if lo.magnitude == 1.0 && hi.magnitude > 1.0 && lo.value * hi.magnitude <= hi.value {
        lo.value *= hi.magnitude;
        lo.step *= hi.magnitude;
        lo.magnitude = hi.magnitude;
    }
}

/// The second number of a range after `first`: "-4bn", " to $4 billion",
/// " and $10m" (only after "between"). Returns it and whether the connector
/// is acceptable. `cur` is the currency of the first figure (a repeated
/// prefix is allowed).
fn range_second(cx: &Ctx<'_>, first: &Num, cur: Option<&CurMatch>) -> Option<(Num, bool)> {
    range_after(cx, first.start, first.end, cur)
}

/// Range connector and second number after a figure ending at `end`.
fn range_after(cx: &Ctx<'_>, start: usize, end: usize, cur: Option<&CurMatch>) -> Option<(Num, bool)> {
    let j = cx.skip_ws(end);
    let (k, conn_ok) = match cx.char_at(j) {
        Some('-' | '‒' | '–' | '—') => {
            let n = cx.char_at(j).map_or(1, char::len_utf8);
            (cx.skip_ws(j + n), true)
        }
        Some(c) if c.is_ascii_alphabetic() => {
            let w = cx.word_at(j)?;
            if w.is("to") {
                (cx.skip_ws(w.end), true)
            } else if w.is("and") {
                let between = cx.prev_word(start).is_some_and(|p| p.is_any(&["between", "from"]));
                (cx.skip_ws(w.end), between)
            } else {
                return None;
            }
        }
        _ => return None,
    };
    let mut k = k;
    // a repeated currency: "$3 billion to $4 billion", "10 dollars to 20 dollars"
    if let Some(c) = cur
        && let Some(m) = symbol_at(cx, k, true).or_else(|| word_currency_at(cx, k, true))
    {
        if m.iso != c.iso {
            return None;
        }
        k = cx.skip_ws(m.end);
    }
    let second = number::parse(cx, k, Opts::MONEY)?;
    if second.form != Form::Digits && second.form != Form::Words {
        return None;
    }
    Some((second, conn_ok))
}

/// Completes a money mention from its first number and currency: range,
/// sub-units, price per unit, qualifiers.
fn finish(cx: &Ctx<'_>, start: usize, num: Num, cur: CurMatch, end: usize, prefixed: bool) -> Option<Found> {
    let unit = cur.unit;
    let mut end = end;
    let mut amount = num.value * unit;
    let mut step = num.step * unit;
    let mut amount_max = None;
    let mut qual = None;
    let mut ambiguity = cur.ambiguity;
    let mut cur_iso = cur.iso;
    if num.form == Form::Vague {
        qual = Some(Qualifier::Vague);
        amount_max = num.upper.map(|u| u * unit);
    }
    // range: "$3-4bn", "$3 billion to $4 billion", "20 dollars to 30 dollars"
    if qual.is_none()
        && let Some((second, true)) = range_after(cx, start, end, Some(&cur))
    {
        // the second figure may carry its own currency after it ("10 dollars to 20 dollars")
        let mut hi_end = second.end;
        let mut hi = second;
        if !prefixed && let Some(c2) = currency_after(cx, &second) {
            if c2.iso != cur.iso {
                hi.value = f64::NAN;
            }
            hi_end = c2.end;
        } else if let Some(w) = cx.next_word(second.end)
            && let Some(m) = magnitude_word(w.s)
            && hi.magnitude == 1.0
        {
            hi.value *= m;
            hi.magnitude = m;
            hi_end = w.end;
        }
        let mut lo = num;
        inherit_magnitude(&mut lo, &hi);
        if hi.value > lo.value {
            amount = lo.value * unit;
            step = lo.step.min(hi.step) * unit;
            amount_max = Some(hi.value * unit);
            qual = Some(Qualifier::Range);
            end = hi_end;
        }
    }
    // sub-units: "20 dollars 43 cents", "3 GBP and one", "a dollar and 42 cents"
    if qual.is_none() && !prefixed && !cur.is_sub && num.is_integer() && num.magnitude == 1.0 && !num.decimals {
        if let Some((cents, sub_step, cend)) = sub_units(cx, end) {
            amount += cents * unit;
            step = sub_step * unit;
            end = cend;
        }
    }
    if cur.is_sub {
        // standalone cents: the currency is the sub-unit's own
        cur_iso = cur.iso;
        ambiguity = None;
    }
    let per = per_unit(cx, end);
    let mut found_end = end;
    let per_text = per.map(|(p, e)| {
        found_end = found_end.max(e);
        p
    });
    let _ = found_end;
    let qualifier = match qual {
        Some(q) => q,
        None => qualifier::before(cx, start, false)
            .map(|q| q.0)
            .or_else(|| qualifier::after(cx, end).map(|q| q.0))
            .unwrap_or(Qualifier::Exact),
    };
    Some(Found {
        start,
        end,
        qualifier,
        value: Value::Money(Money { amount, amount_max, currency: cur_iso, per: per_text }),
        precision: step,
        ambiguity,
    })
}

#[allow(clippy::too_many_arguments)]
fn build(
    cx: &Ctx<'_>,
    start: usize,
    end: usize,
    amount: f64,
    amount_max: Option<f64>,
    cur: CurMatch,
    qualifier: Qualifier,
    precision: f64,
    per: Option<String>,
) -> Found {
    let per = per.or_else(|| per_unit(cx, end).map(|p| p.0));
    Found {
        start,
        end,
        qualifier,
        value: Value::Money(Money { amount, amount_max, currency: cur.iso, per }),
        precision,
        ambiguity: cur.ambiguity,
    }
}

/// Cents after a whole amount: " 43 cents", " and 43c", " 43", " and one",
/// " and 5 jiao" (a tenth each): their value in whole units, the value of
/// one of them, and where they end.
fn sub_units(cx: &Ctx<'_>, end: usize) -> Option<(f64, f64, usize)> {
    let mut j = cx.skip_ws(end);
    if j == end {
        return None;
    }
    if let Some(w) = cx.word_at(j)
        && w.is("and")
    {
        j = cx.skip_ws(w.end);
    }
    let n = number::parse(
        cx,
        j,
        Opts { suffixes: number::Suffixes::None, words: true, articles: false, vague: false, fractions: false },
    )?;
    if !(n.is_integer() && n.value >= 1.0 && n.value < 100.0 && n.magnitude == 1.0) {
        return None;
    }
    // "5bn", "5m": digits glued to letters are no cents
    if cx.at(n.end).is_some_and(|c| c.is_ascii_alphabetic())
        && cx.word_at(n.end).is_some_and(|w| !w.is("c") && !w.is("p"))
    {
        return None;
    }
    // "43 cents", "43c", "5 jiao": each worth what the sub-unit is, fewer than make a whole unit
    let after = cx.skip_ws(n.end);
    if let Some(cur) = cx.word_at(after).and_then(|_| word_currency_at(cx, after, false)) {
        return (cur.is_sub && n.value * cur.unit < 1.0).then_some((n.value * cur.unit, cur.unit, cur.end));
    }
    // a bare number: only when nothing that could be its own unit follows
    if let Some(w) = cx.next_word(n.end)
        && (crate::lexicon::entry(w.s.as_bytes()).is_some_and(|e| e.num.is_some() && !w.is("and") || e.unit.is_some())
            || word_currency_at(cx, w.start, false).is_some())
    {
        return None;
    }
    if matches!(cx.at(n.end), Some(b'$' | b'%' | b'.')) && cx.at(n.end + 1).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    if symbol_at(cx, cx.skip_ws(n.end), false).is_some() {
        return None;
    }
    Some((n.value / 100.0, 0.01, n.end))
}

/// Words a price can be per after "a"/"an" ("$70 a share").
const PER_NOUNS: &[&str] = &[
    "share", "hour", "day", "week", "month", "year", "barrel", "ton", "tonne", "head", "person", "user", "seat",
    "unit", "gallon", "litre", "liter", "kilogram", "kilo", "night", "minute", "dozen", "piece", "token", "gpu",
    "chip",
];

/// "per GPU hour", "per million tokens", "a share", "/hour", "an hour".
fn per_unit(cx: &Ctx<'_>, end: usize) -> Option<(String, usize)> {
    let mut j = cx.skip_ws(end);
    if cx.at(j) == Some(b'-') {
        j = cx.skip_ws(j + 1);
    }
    let slash = cx.at(j) == Some(b'/');
    let (mut k, needs_noun) = if slash {
        (j + 1, false)
    } else {
        let w = cx.word_at(j)?;
        if w.is_any(&["per", "each"]) && !w.is("each") {
            (cx.skip_ws(w.end), false)
        } else if w.is_any(&["a", "an"]) {
            let mut k = cx.skip_ws(w.end);
            if cx.at(k) == Some(b'-') {
                k = cx.skip_ws(k + 1);
            }
            (k, true)
        } else {
            return None;
        }
    };
    let mut words: Vec<&str> = Vec::new();
    let mut last_end = 0;
    while words.len() < 3 {
        let Some(w) = cx.word_at(k) else { break };
        let lw = w.s;
        // a unit is lower case, an acronym ("GPU") or a symbol ("MWh"; after a slash any
        // token, "/W"): "per Nature" is a source, not a unit
        if !slash && capitalized(lw) {
            break;
        }
        if ["and", "or", "of", "in", "to", "for", "the", "with", "on", "at", "from", "than", "by"]
            .iter()
            .any(|s| lw.eq_ignore_ascii_case(s))
        {
            break;
        }
        words.push(lw);
        last_end = w.end;
        // a unit of time or a plain noun ends the unit; a hyphen joins two words ("GPU-hour")
        let joined = cx.at(w.end) == Some(b'-') && cx.word_at(w.end + 1).is_some();
        let nk = if joined { w.end + 1 } else { cx.skip_ws(w.end) };
        let is_last_noun = crate::lexicon::unit_word(lw).is_some()
            || PER_NOUNS.iter().any(|n| lw.eq_ignore_ascii_case(n) || plural_of(lw, n));
        let unit_follows = cx.word_at(nk).is_some_and(|n| crate::lexicon::unit_word(n.s).is_some());
        if is_last_noun && !unit_follows {
            break;
        }
        // after a slash the unit is one token ("/kWh", "/GPU-hour"): "$0.06/kWh benchmark"
        if nk == w.end || (slash && !joined) {
            break;
        }
        k = nk;
    }
    if words.is_empty() {
        return None;
    }
    if needs_noun {
        // "€2.9bn a year earlier", "$5m a decade ago": a point in time, not a rate
        if cx.next_word(last_end).is_some_and(|w| w.is_any(RELATIVE_TIME)) {
            return None;
        }
        let single = words[0];
        if words.len() != 1 || !PER_NOUNS.iter().any(|n| single.eq_ignore_ascii_case(n)) {
            // "$5 a year" etc. only with a known noun
            if !(words.len() == 1 && crate::lexicon::unit_word(single).is_some()) {
                return None;
            }
        }
    }
    Some((normalize_per(&words), last_end))
}

/// True for a word written as a name: a capital and then lower case only
/// ("Nature"), or a lone capital.
fn capitalized(w: &str) -> bool {
    let b = w.as_bytes();
    b.first().is_some_and(u8::is_ascii_uppercase) && b[1..].iter().all(|c| !c.is_ascii_uppercase())
}

/// Words after "a year", "a month"… that make them a point in time
/// ("a year earlier") rather than the period of a rate ("a year").
const RELATIVE_TIME: &[&str] = &["earlier", "ago", "before", "later", "prior", "previously"];

/// True when `word` is `noun` + "s", in any case.
fn plural_of(word: &str, noun: &str) -> bool {
    word.len() == noun.len() + 1
        && word[..noun.len()].eq_ignore_ascii_case(noun)
        && word.as_bytes()[noun.len()].eq_ignore_ascii_case(&b's')
}

fn normalize_per(words: &[&str]) -> String {
    let mut out = String::new();
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        // keep acronyms ("GPU"), symbols ("W") and units with an inner capital ("kWh",
        // "MWh"); lowercase the rest
        let inner_capital = w.bytes().skip(1).any(|b| b.is_ascii_uppercase());
        if w.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) || inner_capital {
            out.push_str(w);
        } else {
            out.push_str(&w.to_ascii_lowercase());
        }
    }
    out
}

/// Words that make a sentence about money.
const MONEY_CUES: &[&str] = &[
    "cost",
    "costs",
    "costing",
    "spent",
    "spend",
    "spending",
    "budget",
    "budgets",
    "price",
    "priced",
    "paid",
    "pay",
    "invest",
    "invested",
    "investment",
    "investments",
    "funding",
    "raised",
    "raise",
    "revenue",
    "revenues",
    "valued",
    "valuation",
    "worth",
    "fund",
    "funds",
    "expenses",
    "capex",
    "bill",
];

/// "tens of millions" with no currency written: money only in a sentence
/// about money, in the currency the text used last.
fn assumed_currency(cx: &Ctx<'_>, num: Num) -> Option<Found> {
    // "tens of millions of users": another noun follows
    if let Some(w) = cx.next_word(num.end)
        && w.is("of")
    {
        return None;
    }
    // the words before it in its sentence (a bounded look back keeps long sentences linear)
    let from = scan::floor_boundary(cx.text, num.start.saturating_sub(400)).max(cx.start);
    let prefix = &cx.text[from..num.start];
    let cue =
        prefix.split(|c: char| !c.is_ascii_alphabetic()).any(|w| MONEY_CUES.iter().any(|m| w.eq_ignore_ascii_case(m)));
    if !cue {
        return None;
    }
    let iso = last_currency_before(cx.text, num.start)?;
    Some(Found {
        start: num.start,
        end: num.end,
        qualifier: Qualifier::Vague,
        value: Value::Money(Money { amount: num.value, amount_max: num.upper, currency: iso, per: None }),
        precision: num.step,
        ambiguity: Some(Ambiguity::CurrencyAssumed),
    })
}

/// The currency of the last symbol written before `pos` in the document.
fn last_currency_before(text: &str, pos: usize) -> Option<&'static str> {
    // the last paragraphs only: a bounded look back keeps extraction linear
    let head = &text[scan::floor_boundary(text, pos.saturating_sub(2048))..pos];
    for (k, c) in head.char_indices().rev() {
        if c == '$' {
            return Some("USD");
        }
        if !c.is_ascii()
            && let Some((_, iso, _)) = SYMBOLS.iter().find(|(s, _, _)| head[k..].starts_with(s))
        {
            return Some(iso);
        }
    }
    None
}

/// Words near a `¥` that make it yuan.
const YUAN_CONTEXT: &[&str] = &["yuan", "rmb", "renminbi", "china", "chinese", "beijing", "shanghai", "shenzhen"];
/// Countries whose currency is also a dollar.
static OTHER_DOLLARS_RE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?i)canad|australia|hong kong|singapore|new zealand|taiwan").expect("dollar countries")
});

/// Where a text names another dollar country: a bare `$` is in doubt
/// near one of them (within [`DOLLAR_REACH`] bytes) or anywhere in a text
/// that names them [`DOLLAR_TIMES`] times or more. A US story that names
/// Canada once, in passing, keeps its dollars plain.
struct OtherDollars {
    /// Where the names start, in text order (the first [`DOLLAR_TIMES`]
    /// only when there are that many: then every figure is in doubt).
    at: Vec<usize>,
}

/// How near a figure a dollar country must be named to put its `$` in doubt.
const DOLLAR_REACH: usize = 300;
/// How many times a text must name dollar countries for all its `$` to be in doubt.
const DOLLAR_TIMES: usize = 3;

impl OtherDollars {
    fn find(text: &str) -> OtherDollars {
        OtherDollars { at: OTHER_DOLLARS_RE.find_iter(text).take(DOLLAR_TIMES).map(|m| m.start()).collect() }
    }

    /// True when a figure from `start` to `end` is in doubt.
    fn near(&self, start: usize, end: usize) -> bool {
        self.at.len() >= DOLLAR_TIMES || self.at.iter().any(|&a| a + DOLLAR_REACH >= start && a <= end + DOLLAR_REACH)
    }
}

/// What shows a text deals in British money: the sign, "sterling", the
/// code, pence.
static STERLING_RE: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"£|(?i:sterling|\bGBP\b|\bpence\b)").expect("sterling"));

/// True when a mention's text names its currency by the bare word
/// ("243 pounds", "a pound"), not by "£", "GBP" or "pounds sterling".
fn bare_pounds(mention: &str) -> bool {
    let lower = mention.trim_end().to_ascii_lowercase();
    (lower.ends_with("pounds") || lower.ends_with("pound")) && !mention.contains('£') && !lower.contains("british")
}

/// Settles currencies that depend on the document: `¥` near yuan words is
/// CNY; a bare `$` keeps its ambiguity flag only when the text names
/// another dollar country; "pounds" written out is flagged as perhaps a
/// weight when the text never shows British money.
pub(crate) fn resolve_context(text: &str, mentions: &mut [Mention]) {
    let mut other_dollar: Option<OtherDollars> = None;
    let mut sterling: Option<bool> = None;
    for m in mentions.iter_mut() {
        let Value::Money(money) = &mut m.value else {
            continue;
        };
        if m.ambiguity.is_none() && money.currency == "GBP" && bare_pounds(&text[m.span.start..m.span.end]) {
            let british = *sterling.get_or_insert_with(|| STERLING_RE.is_match(text));
            if !british {
                m.ambiguity = Some(Ambiguity::PoundOrWeight);
            }
            continue;
        }
        match m.ambiguity {
            Some(Ambiguity::YuanReadAsYen) => {
                let lo = scan::floor_boundary(text, m.span.start.saturating_sub(300));
                let hi = scan::floor_boundary(text, (m.span.end + 300).min(text.len()));
                let window = text[lo..hi].to_ascii_lowercase();
                if YUAN_CONTEXT.iter().any(|w| window.contains(w)) {
                    money.currency = "CNY";
                    m.ambiguity = Some(Ambiguity::YenReadAsYuan);
                }
            }
            Some(Ambiguity::Dollar) => {
                let others = other_dollar.get_or_insert_with(|| OtherDollars::find(text));
                if !others.near(m.span.start, m.span.end) {
                    m.ambiguity = None;
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::corpus::{Expect, assert_gate, digit_token_start, gate_texts, joints, run};
    use crate::{Ambiguity, Extractor};

    /// The scanner turns digits away with `money_may_follow` before the
    /// number-first rules run: wherever those rules find money, the look
    /// must let the digits through. Checked at every digit of the corpus,
    /// the fixtures, the peer suites and generated phrases that put every
    /// kind of joint, magnitude and currency after a number.
    #[test]
    fn every_money_after_digits_passes_the_cheap_look() {
        let mut tails: Vec<&str> = super::CURRENCIES.iter().flat_map(|c| c.words.iter().copied()).collect();
        tails.extend(super::SYMBOLS.iter().map(|s| s.0));
        tails.extend([
            "$", "US$", "HK$", "USD", "EUR", "MEUR", "Rs.", "RM", "GPUs", "people", "%", ".", "GW", "inch", "",
        ]);
        let parts = [
            vec!["", "paid ", "between ", "from ", "about ", "In ", "$"],
            vec!["10", "1,000", "2.5", "1\u{202f}000", "1\u{200b}000", "2 1/2", "2½", "24", "2024", "0.5"],
            joints(&[" -- ", "\u{200e}–\u{200e}", " point ", "/"]),
            vec![
                "",
                "20",
                "20 ",
                "15-",
                "20 1/2 ",
                "million ",
                "million",
                "millions of ",
                "bn ",
                "bn",
                "mln ",
                "bil ",
                "k ",
                "m ",
                "M ",
                "B ",
                "MM ",
                "thousand ",
                "dozen ",
                "several ",
                "a half ",
                "five ",
                "five-",
            ],
            tails,
        ];
        let texts = gate_texts(&CORPUS.iter().map(|c| c.0).collect::<Vec<_>>(), &parts, 200_000);
        assert_gate(
            "money after digits",
            &texts,
            20_000,
            digit_token_start,
            |cx, i| super::money_may_follow(cx, crate::number::digit_run_end(cx, i)),
            super::number_first,
        );
    }

    /// "pounds" written out is flagged as perhaps a weight unless the text
    /// shows British money somewhere.
    #[test]
    fn pounds_in_a_text_without_british_money_may_be_a_weight() {
        let flags = |text: &str| -> Vec<Option<Ambiguity>> {
            let sentences = claimex_segment::split(text);
            Extractor::new().extract(text, &sentences).iter().map(|m| m.ambiguity).collect()
        };
        assert_eq!(flags("In February he clocked in at 243 pounds."), [Some(Ambiguity::PoundOrWeight)]);
        assert_eq!(flags("Tickets cost 50 pounds. The hotel was £90 a night."), [None, None]);
        assert_eq!(flags("It cost 50 pounds sterling."), [None]);
        assert_eq!(flags("He paid 300 British pounds, 20 pence more than Tom."), [None, None]);
    }

    /// A bare `$` is in doubt near another dollar country, or anywhere in a
    /// text that names dollar countries three times; a US story that names
    /// Canada once, far from the figure, keeps its dollars plain.
    #[test]
    fn a_bare_dollar_is_in_doubt_near_another_dollar_country() {
        let flags = |text: &str| -> Vec<Option<Ambiguity>> {
            let sentences = claimex_segment::split(text);
            Extractor::new().extract(text, &sentences).iter().map(|m| m.ambiguity).collect()
        };
        let far = " Prices rose and costs rose.".repeat(12);
        assert_eq!(flags("A Canadian firm paid $5 million."), [Some(Ambiguity::Dollar)]);
        assert_eq!(flags("It paid $5 million, its Toronto office in Canada said."), [Some(Ambiguity::Dollar)]);
        assert_eq!(flags(&format!("Exports to Canada fell.{far} Tariffs cost $28 billion.")), [None]);
        assert_eq!(
            flags(&format!("Australia, Taiwan and Singapore objected.{far} Tariffs cost $28 billion.")),
            [Some(Ambiguity::Dollar)]
        );
        assert_eq!(flags("A Canadian firm paid US$5 million and C$2 million."), [None, None]);
    }

    /// Corpus: text → the money mentions it must give (text span, amount,
    /// upper end, currency, qualifier). An empty list: no money at all.
    pub(crate) const CORPUS: &[(&str, &[Expect])] = &[
        ("it spent $294,000 on training", &[Expect::money("$294,000", 294000.0, None, "USD", "exact")]),
        ("DeepSeek Trains R1 for $294K", &[Expect::money("$294K", 294000.0, None, "USD", "exact")]),
        ("cost US$294,000 to train", &[Expect::money("US$294,000", 294000.0, None, "USD", "exact")]),
        ("“much more” than US$100 million", &[Expect::money("US$100 million", 1e8, None, "USD", "more_than")]),
        ("a US$4.7 billion deal", &[Expect::money("US$4.7 billion", 4.7e9, None, "USD", "exact")]),
        ("U.S.$5m", &[Expect::money("U.S.$5m", 5e6, None, "USD", "exact")]),
        // number first, with a spaced money abbreviation or a fraction
        ("It cost 10 bn dollars.", &[Expect::money("10 bn dollars", 1e10, None, "USD", "exact")]),
        ("a deal worth 1.5 bln euros", &[Expect::money("1.5 bln euros", 1.5e9, None, "EUR", "exact")]),
        ("It cost 2 1/2 million dollars.", &[Expect::money("2 1/2 million dollars", 2.5e6, None, "USD", "exact")]),
        ("It cost 2½ million dollars.", &[Expect::money("2½ million dollars", 2.5e6, None, "USD", "exact")]),
        ("HK$1.2bn", &[Expect::money("HK$1.2bn", 1.2e9, None, "HKD", "exact")]),
        ("C$1,000", &[Expect::money("C$1,000", 1000.0, None, "CAD", "exact")]),
        ("A$300 million", &[Expect::money("A$300 million", 3e8, None, "AUD", "exact")]),
        ("S$40", &[Expect::money("S$40", 40.0, None, "SGD", "exact")]),
        ("NT$2.5 trillion", &[Expect::money("NT$2.5 trillion", 2.5e12, None, "TWD", "exact")]),
        ("R$10", &[Expect::money("R$10", 10.0, None, "BRL", "exact")]),
        ("€5m", &[Expect::money("€5m", 5e6, None, "EUR", "exact")]),
        ("£ 8.10 million", &[Expect::money("£ 8.10 million", 8.1e6, None, "GBP", "exact")]),
        ("₹500 crore", &[Expect::money("₹500 crore", 5e9, None, "INR", "exact")]),
        ("₩1 trillion", &[Expect::money("₩1 trillion", 1e12, None, "KRW", "exact")]),
        ("¥10 billion", &[Expect::money("¥10 billion", 1e10, None, "JPY", "exact")]),
        ("Alibaba paid ¥10 billion in yuan", &[Expect::money("¥10 billion", 1e10, None, "CNY", "exact")]),
        ("USD 200", &[Expect::money("USD 200", 200.0, None, "USD", "exact")]),
        ("EUR 5m", &[Expect::money("EUR 5m", 5e6, None, "EUR", "exact")]),
        ("USD3.25", &[Expect::money("USD3.25", 3.25, None, "USD", "exact")]),
        ("Rs. 20", &[Expect::money("Rs. 20", 20.0, None, "INR", "exact")]),
        ("RM42", &[Expect::money("RM42", 42.0, None, "MYR", "exact")]),
        ("CHF 3.04", &[Expect::money("CHF 3.04", 3.04, None, "CHF", "exact")]),
        ("20 euros", &[Expect::money("20 euros", 20.0, None, "EUR", "exact")]),
        ("ten dollars", &[Expect::money("ten dollars", 10.0, None, "USD", "exact")]),
        ("10$", &[Expect::money("10$", 10.0, None, "USD", "exact")]),
        ("7€", &[Expect::money("7€", 7.0, None, "EUR", "exact")]),
        ("42MYR", &[Expect::money("42MYR", 42.0, None, "MYR", "exact")]),
        ("five million yen", &[Expect::money("five million yen", 5e6, None, "JPY", "exact")]),
        (
            "125 million australian dollars",
            &[Expect::money("125 million australian dollars", 1.25e8, None, "AUD", "exact")],
        ),
        ("its one-yen bid", &[Expect::money("one-yen", 1.0, None, "JPY", "exact")]),
        ("50 cents more", &[Expect::money("50 cents", 0.5, None, "USD", "exact")]),
        ("197 pence", &[Expect::money("197 pence", 1.97, None, "GBP", "exact")]),
        ("120 MEUR", &[Expect::money("120 MEUR", 1.2e8, None, "EUR", "exact")]),
        ("5 billion won", &[Expect::money("5 billion won", 5e9, None, "KRW", "exact")]),
        ("four crore rupees", &[Expect::money("four crore rupees", 4e7, None, "INR", "exact")]),
        ("35 lakh rupees", &[Expect::money("35 lakh rupees", 3.5e6, None, "INR", "exact")]),
        ("half a million dollars", &[Expect::money("half a million dollars", 5e5, None, "USD", "exact")]),
        (
            "a quarter of a billion dollars",
            &[Expect::money("a quarter of a billion dollars", 2.5e8, None, "USD", "exact")],
        ),
        ("$1MM", &[Expect::money("$1MM", 1e6, None, "USD", "exact")]),
        ("$6.5B", &[Expect::money("$6.5B", 6.5e9, None, "USD", "exact")]),
        ("1.5bn euros", &[Expect::money("1.5bn euros", 1.5e9, None, "EUR", "exact")]),
        // ranges
        ("$3-4bn", &[Expect::money("$3-4bn", 3e9, Some(4e9), "USD", "range")]),
        ("$3-4 billion", &[Expect::money("$3-4 billion", 3e9, Some(4e9), "USD", "range")]),
        ("$3 billion to $4 billion", &[Expect::money("$3 billion to $4 billion", 3e9, Some(4e9), "USD", "range")]),
        ("between $5m and $10m", &[Expect::money("$5m and $10m", 5e6, Some(1e7), "USD", "range")]),
        (
            "from 10 dollars to 20 dollars",
            &[Expect::money("10 dollars to 20 dollars", 10.0, Some(20.0), "USD", "range")],
        ),
        ("from 10 to 20 dollars", &[Expect::money("10 to 20 dollars", 10.0, Some(20.0), "USD", "range")]),
        ("10-20 dollars", &[Expect::money("10-20 dollars", 10.0, Some(20.0), "USD", "range")]),
        ("about $10-$20", &[Expect::money("$10-$20", 10.0, Some(20.0), "USD", "range")]),
        // a figure dash (U+2012) joins a range as an en dash does
        ("$5\u{2012}6 million", &[Expect::money("$5\u{2012}6 million", 5e6, Some(6e6), "USD", "range")]),
        ("10\u{2012}20 dollars", &[Expect::money("10\u{2012}20 dollars", 10.0, Some(20.0), "USD", "range")]),
        // invisible format characters stand for whitespace between the parts of a figure: the
        // zero-width space, the soft hyphen (HTML "&shy;"), the joiners, the bidi marks, the word
        // joiner, a U+FEFF in mid-text
        ("It cost $5\u{200b} million.", &[Expect::money("$5\u{200b} million", 5e6, None, "USD", "exact")]),
        ("$6\u{ad} million", &[Expect::money("$6\u{ad} million", 6e6, None, "USD", "exact")]),
        ("$7\u{ad}million", &[Expect::money("$7\u{ad}million", 7e6, None, "USD", "exact")]),
        ("$7\u{200f} million", &[Expect::money("$7\u{200f} million", 7e6, None, "USD", "exact")]),
        ("$8\u{200c} million", &[Expect::money("$8\u{200c} million", 8e6, None, "USD", "exact")]),
        ("$8\u{200d} billion", &[Expect::money("$8\u{200d} billion", 8e9, None, "USD", "exact")]),
        ("$9\u{200e} million", &[Expect::money("$9\u{200e} million", 9e6, None, "USD", "exact")]),
        ("$9\u{2060} million", &[Expect::money("$9\u{2060} million", 9e6, None, "USD", "exact")]),
        ("$9\u{feff} million", &[Expect::money("$9\u{feff} million", 9e6, None, "USD", "exact")]),
        (
            "$4\u{200b}\u{2012}\u{200b}5bn",
            &[Expect::money("$4\u{200b}\u{2012}\u{200b}5bn", 4e9, Some(5e9), "USD", "range")],
        ),
        ("It cost 8\u{200b}million dollars.", &[Expect::money("8\u{200b}million dollars", 8e6, None, "USD", "exact")]),
        ("It cost 20\u{200b} euros.", &[Expect::money("20\u{200b} euros", 20.0, None, "EUR", "exact")]),
        ("USD\u{2060} 200", &[Expect::money("USD\u{2060} 200", 200.0, None, "USD", "exact")]),
        ("€\u{200b} 5m", &[Expect::money("€\u{200b} 5m", 5e6, None, "EUR", "exact")]),
        ("about\u{200e} $5 million", &[Expect::money("$5 million", 5e6, None, "USD", "approximate")]),
        ("$5\u{200b}000 in fees", &[Expect::money("$5\u{200b}000", 5000.0, None, "USD", "exact")]),
        // … but glue no magnitude to a longer word, and make no range of a score
        ("$5\u{200b}millionaires", &[Expect::money("$5", 5.0, None, "USD", "exact")]),
        ("the score was 24\u{2012}17", &[]),
        // qualifiers
        ("spending in excess of $100 million", &[Expect::money("$100 million", 1e8, None, "USD", "more_than")]),
        ("well over $100 million", &[Expect::money("$100 million", 1e8, None, "USD", "more_than")]),
        ("up to $4 billion", &[Expect::money("$4 billion", 4e9, None, "USD", "at_most")]),
        ("$100 million or more", &[Expect::money("$100 million", 1e8, None, "USD", "at_least")]),
        // vague
        ("tens of millions of dollars", &[Expect::money_vague("tens of millions of dollars", 1e7, 1e8, "USD")]),
        (
            "training costs of $5m, and rivals spend hundreds of millions",
            &[
                Expect::money("$5m", 5e6, None, "USD", "exact"),
                Expect::money_vague("hundreds of millions", 1e8, 1e9, "USD"),
            ],
        ),
        // sub-units
        ("20 dollars 43 cents", &[Expect::money("20 dollars 43 cents", 20.43, None, "USD", "exact")]),
        (
            "thirteen dollars and forty-five cents",
            &[Expect::money("thirteen dollars and forty-five cents", 13.45, None, "USD", "exact")],
        ),
        ("3 GBP and one", &[Expect::money("3 GBP and one", 3.01, None, "GBP", "exact")]),
        // vague counts of hundreds with a magnitude after
        (
            "a few hundred thousand dollars",
            &[Expect::money("a few hundred thousand dollars", 3e5, None, "USD", "vague")],
        ),
        ("several hundred million euros", &[Expect::money("several hundred million euros", 3e8, None, "EUR", "vague")]),
        (
            "a couple hundred thousand dollars",
            &[Expect::money("a couple hundred thousand dollars", 2e5, None, "USD", "vague")],
        ),
        // a jiao (mao) is a tenth of a yuan, a fen a hundredth
        ("1 yuan and 5 jiao", &[Expect::money("1 yuan and 5 jiao", 1.5, None, "CNY", "exact")]),
        ("one kuai and five mao", &[Expect::money("one kuai and five mao", 1.5, None, "CNY", "exact")]),
        ("3 yuan 8 fen", &[Expect::money("3 yuan 8 fen", 3.08, None, "CNY", "exact")]),
        ("the cost is $4.25 and 32 is the quantity", &[Expect::money("$4.25", 4.25, None, "USD", "exact")]),
        (
            "50 dollar 40 rmb",
            &[
                Expect::money("50 dollar", 50.0, None, "USD", "exact"),
                Expect::money("40 rmb", 40.0, None, "CNY", "exact"),
            ],
        ),
        (
            "10 $ 30 $",
            &[Expect::money("10 $", 10.0, None, "USD", "exact"), Expect::money("30 $", 30.0, None, "USD", "exact")],
        ),
        // per unit
        ("$2 per GPU hour", &[Expect::money_per("$2", 2.0, "USD", "GPU hour")]),
        ("$2.50 per GPU-hour", &[Expect::money_per("$2.50", 2.5, "USD", "GPU hour")]),
        ("$2 1/2 million", &[Expect::money("$2 1/2 million", 2.5e6, None, "USD", "exact")]),
        ("The price is $US 2 million", &[Expect::money("$US 2 million", 2e6, None, "USD", "exact")]),
        ("$US2.5bn", &[Expect::money("$US2.5bn", 2.5e9, None, "USD", "exact")]),
        ("$10 bn under management", &[Expect::money("$10 bn", 1e10, None, "USD", "exact")]),
        ("the tower is 10 m tall", &[]),
        // a decimal comma is not read, but its digits are no amount of their own
        ("paid 2,50 € for coffee", &[]),
        ("streams in 720p or 1080p", &[]),
        ("A EUR 5bn plan", &[Expect::money("EUR 5bn", 5e9, None, "EUR", "exact")]),
        ("a dollar and 42 cents", &[Expect::money("a dollar and 42 cents", 1.42, None, "USD", "exact")]),
        ("at 10 p.m. and 9p.m. the price was 50p.", &[Expect::money("50p", 0.5, None, "GBP", "exact")]),
        ("shares closed at 450p", &[Expect::money("450p", 4.5, None, "GBP", "exact")]),
        (
            "grew from 2 billion yuan in 2022 to 5 billion yuan in 2023",
            &[
                Expect::money("2 billion yuan", 2e9, None, "CNY", "exact"),
                Expect::money("5 billion yuan", 5e9, None, "CNY", "exact"),
            ],
        ),
        ("$0.40 per million tokens", &[Expect::money_per("$0.40", 0.4, "USD", "million tokens")]),
        ("$70 a share", &[Expect::money_per("$70", 70.0, "USD", "share")]),
        // the "bil" and "mil" of Malaysian and Indian papers
        ("It cost RM1.2bil to build", &[Expect::money("RM1.2bil", 1.2e9, None, "MYR", "exact")]),
        ("a RM2.5 bil project", &[Expect::money("RM2.5 bil", 2.5e9, None, "MYR", "exact")]),
        ("RM500mil in sales", &[Expect::money("RM500mil", 5e8, None, "MYR", "exact")]),
        ("$5 mil for the rights", &[Expect::money("$5 mil", 5e6, None, "USD", "exact")]),
        ("$0.03/kWh by 2030", &[Expect::money_per("$0.03", 0.03, "USD", "kWh")]),
        ("the $0.06/kWh benchmark", &[Expect::money_per("$0.06", 0.06, "USD", "kWh")]),
        ("power at $50/MWh", &[Expect::money_per("$50", 50.0, "USD", "MWh")]),
        ("modules at $0.23/W", &[Expect::money_per("$0.23", 0.23, "USD", "W")]),
        ("$2 per MWh", &[Expect::money_per("$2", 2.0, "USD", "MWh")]),
        ("$5 per Nature's estimate", &[Expect::money("$5", 5.0, None, "USD", "exact")]),
        ("$2.10/GPU-hour rental", &[Expect::money_per("$2.10", 2.1, "USD", "GPU hour")]),
        ("$2 per GPU hour", &[Expect::money_per("$2", 2.0, "USD", "GPU hour")]),
        ("$20 a month", &[Expect::money_per("$20", 20.0, "USD", "month")]),
        // a point in time, not the period of a rate
        ("up from €2.9bn a year earlier", &[Expect::money("€2.9bn", 2.9e9, None, "EUR", "exact")]),
        ("$5 million a decade ago", &[Expect::money("$5 million", 5e6, None, "USD", "exact")]),
        ("$300 a month later", &[Expect::money("$300", 300.0, None, "USD", "exact")]),
        ("$5 a year on average", &[Expect::money_per("$5", 5.0, "USD", "year")]),
        ("cost $294,000 per Nature disclosure", &[Expect::money("$294,000", 294000.0, None, "USD", "exact")]),
        // never money
        ("in 2023", &[]),
        ("October 2022", &[]),
        ("27% of $", &[]),
        ("exactly dollars", &[]),
        ("All 70 of us.", &[]),
        ("ALL 5 solutions are wrong.", &[]),
        ("Silica gel is used to absorb moisture.", &[]),
        ("I tried to call Bob 3 times already.", &[]),
        ("a 5-pound bag of flour", &[]),
        ("10.9 million downloads", &[]),
        ("tens of millions of users", &[]),
        ("Importance: 42/100", &[]),
        ("call 555-1234", &[]),
        ("a $", &[]),
    ];

    /// `dollar_prefix` turns a `$` away unless a letter or dot is right
    /// before it (or one space before): every prefix must end in one.
    #[test]
    fn dollar_prefixes_end_in_a_letter_or_dot() {
        for (p, _, _) in super::DOLLAR_PREFIXES {
            assert!(p.ends_with(|c: char| c.is_ascii_alphabetic() || c == '.'), "{p}");
        }
    }

    /// [`super::dollar_prefix`] compares a `$` with the prefixes that end
    /// in the byte before it; this is the walk through every prefix it
    /// replaced, which must find the same.
    fn dollar_prefix_by_walk(cx: &crate::scan::Ctx<'_>, dollar: usize) -> Option<(usize, &'static str)> {
        let mut best: Option<(usize, &'static str)> = None;
        for (p, iso, spaced) in super::DOLLAR_PREFIXES {
            for gap in [0usize, 1] {
                if gap == 1 && (!spaced || dollar < 1 || cx.b[dollar - 1] != b' ') {
                    continue;
                }
                let end = dollar - gap;
                if end < cx.start + p.len() {
                    continue;
                }
                let s = end - p.len();
                if cx.b[s..end].eq_ignore_ascii_case(p.as_bytes()) && cx.boundary_before(s) {
                    if p.len() == 1 && cx.b[s].is_ascii_lowercase() && gap == 0 && *p != "c" {
                        continue;
                    }
                    if best.is_none_or(|(bs, _)| s < bs) {
                        best = Some((s, iso));
                    }
                }
            }
        }
        best
    }

    #[test]
    fn dollar_prefixes_by_last_byte_find_what_the_walk_found() {
        let befores = [
            "", " ", "x", "raised ", "US", "us ", "U.S.", "u.s ", "HK", "hkd ", "C", "c ", "CA", "can ", "A", "a ",
            "AU", "aud ", "NZ", "nzd ", "S", "s ", "SG", "sgd ", "NT", "r ", "R", "MEX", "mx ", "MXN", "bus ", "Xus",
            ".us", "é", "éUS", "x.US ", "  ", "ca. ", "AUD  ", "Nt ",
        ];
        let mut seen = 0;
        for lead in ["", "a", "Paid ", "1"] {
            for before in befores {
                let text = format!("{lead}{before}$5 million");
                let dollar = text.find('$').unwrap();
                for start in [0, lead.len()] {
                    let cx = crate::scan::Ctx::new(&text, crate::Span::new(start, text.len()));
                    assert_eq!(super::dollar_prefix(&cx, dollar), dollar_prefix_by_walk(&cx, dollar), "{text:?}");
                    seen += usize::from(super::dollar_prefix(&cx, dollar).is_some());
                }
            }
        }
        assert!(seen > 40, "{seen} prefixes found");
    }

    #[test]
    fn corpus() {
        run("money", CORPUS, crate::Kind::Money);
    }
}
