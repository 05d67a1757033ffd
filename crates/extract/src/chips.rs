//! Chip counts: how many AI chips, of which model, from which vendor.
//!
//! Rules, tried at a number:
//!
//! 1. **Count, vendor, model, noun**: "512 Nvidia H800 chips", "more than
//!    16,000 H100 chips", "some 30,000 Blackwell GPUs", "two thousand
//!    accelerators", "8 TPU v5p chips"; the noun may be the model's plural
//!    ("1,024 H800s", "10,000 A100s").
//! 2. **Hyphenated size**: "a 4,096-GPU cluster", "a 24k-GPU cluster".
//! 3. **Chip cluster**: "the 512 chip-cluster of H800 chips".
//! 4. **Ranges**: "between 10,000 and 20,000 GPUs", "10,000-20,000 H100s".
//!
//! Not chip counts: a model with no number ("H100 chips"), the digits of a
//! model name (the 100 in "H100"), a year before a chip noun used as a
//! modifier ("2024 GPU shipments"), counts of anything else ("10.9 million
//! downloads", "1,200 employees", "3 data centers").
//!
//! The vendor is the one written, else the one that makes the model
//! ("H800" → Nvidia, "MI300X" → AMD, "TPU v5p" → Google).

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::number::{self, Form, Num, Opts};
use crate::scan::{Ctx, Found};
use crate::{ChipCount, Qualifier, Value, lexicon, qualifier};

/// Chip models and families, at the start of the haystack.
static MODEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            (?i:grace[\ -](?:hopper|blackwell))
          | (?:GB|GH)\d{3}
          | [HABV]\d{2,3}[A-Z]?
          | L40S?
          | MI\d{3}[XA]?
          | (?i:gaudi)\ ?\d
          | TPU(?:\ ?v?\d+[a-z]?)?
          | (?i:ascend)\ ?\d{3}[A-Z]?
          | (?i:trainium)\ ?\d?
          | (?i:inferentia)\ ?\d?
          | (?i:hopper|blackwell|ampere|volta|rubin)
          | (?i:maia)\ ?\d{3}
          | (?i:kunlun)
          | WSE-?\d
          | (?:GeForce\ )?RTX\ ?\d{4}
        )(s)?(?-u:\b)",
    )
    .expect("chip model regex")
});

/// Words that start a model name without digits ("TPU v5p", "Gaudi 3", "Blackwell").
const FAMILY_WORDS: &[&str] = &[
    "tpu",
    "gaudi",
    "ascend",
    "trainium",
    "inferentia",
    "hopper",
    "blackwell",
    "ampere",
    "volta",
    "rubin",
    "maia",
    "kunlun",
    "grace",
    "geforce",
    "rtx",
    "l40s",
];

/// Vendors as written, with their normalized name.
const VENDORS: &[(&str, &str)] = &[
    ("nvidia", "Nvidia"),
    ("nvidia's", "Nvidia"),
    ("amd", "AMD"),
    ("intel", "Intel"),
    ("google", "Google"),
    ("huawei", "Huawei"),
    ("amazon", "Amazon"),
    ("aws", "Amazon"),
    ("microsoft", "Microsoft"),
    ("cerebras", "Cerebras"),
    ("graphcore", "Graphcore"),
];

/// Nouns that make a count a chip count.
const NOUNS: &[&str] = &[
    "chips",
    "chip",
    "gpus",
    "gpu",
    "accelerators",
    "accelerator",
    "processors",
    "processor",
    "tpus",
    "tpu",
    "superchips",
    "superchip",
    "npus",
];

/// Nouns that count chips only after a model or vendor ("512 H800 units").
const WEAK_NOUNS: &[&str] = &["units", "unit", "cards", "card", "devices", "boards", "equivalents"];

/// Product lines written between a vendor and its model ("AMD Instinct
/// MI250X", "Nvidia Tesla V100"): skipped when a model follows.
const LINES: &[&str] = &["Instinct", "Tesla"];

/// Words allowed between the count and the noun.
const ADJECTIVES: &[&str] = &[
    "ai",
    "equivalent",
    "graphics",
    "advanced",
    "powerful",
    "high-end",
    "top-end",
    "cutting-edge",
    "more",
    "additional",
    "datacenter",
    "data-center",
    "server",
    "training",
    "gaming",
    "specialized",
    "custom",
    "latest",
    "older",
    "newer",
    "new",
    "used",
    "interconnected",
    "export-compliant",
    "processing",
];

/// Words after a chip noun that make the number a year or a modifier
/// ("2024 GPU shipments").
const MODIFIED: &[&str] = &[
    "shipments",
    "shipment",
    "sales",
    "market",
    "demand",
    "exports",
    "export",
    "revenue",
    "prices",
    "price",
    "supply",
    "orders",
    "spending",
    "production",
    "capacity",
    "roadmap",
    "lineup",
    "launch",
    "release",
    "generation",
    "series",
];

/// A chip count at the number starting at `i`. At digits the scanner asks
/// [`chips_may_follow`] first.
pub(crate) fn at(cx: &Ctx<'_>, i: usize) -> Option<Found> {
    let c = cx.at(i)?;
    if !(c.is_ascii_digit() || c.is_ascii_alphabetic()) {
        return None;
    }
    let num = number::parse(cx, i, Opts::CHIPS)?;
    if num.form == Form::Digits && !crate::money::standalone_digits(cx, &num) {
        return None;
    }
    if !num.is_integer() || num.value < 1.0 || num.value > 1e9 {
        return None;
    }
    if num.is_year_like() && date_preposition_before(cx, num.start) {
        return None;
    }
    if !plausible_tail(cx, &num) {
        return None;
    }
    if let Some(f) = hyphenated(cx, &num) {
        return Some(f);
    }
    // ranges: "10,000-20,000 GPUs", "between 10,000 and 20,000 GPUs"
    if let Some(second) = range_second(cx, &num)
        && let Some(tail) = chip_tail(cx, &second)
        && second.value > num.value
    {
        return Some(found(cx, &num, tail.end, num.value, Some(second.value), tail, Qualifier::Range));
    }
    let tail = chip_tail(cx, &num)?;
    if num.form == Form::Vague {
        let (count, max) = (num.value, num.upper);
        return Some(found(cx, &num, tail.end, count, max, tail, Qualifier::Vague));
    }
    let qual = {
        qualifier::before(cx, num.start, false)
            .map(|q| q.0)
            .or_else(|| qualifier::after(cx, num.end).map(|q| q.0))
            .unwrap_or(Qualifier::Exact)
    };
    Some(found(cx, &num, tail.end, num.value, None, tail, qual))
}

/// Words before a year: "in 2023", "since 2022".
const DATE_PREPOSITIONS: &[&str] = &[
    "in", "since", "by", "from", "until", "till", "through", "during", "before", "after", "of", "early", "late", "mid",
    "year", "fiscal",
];

/// True when the word before `i` makes a four-digit number a year.
pub(crate) fn date_preposition_before(cx: &Ctx<'_>, i: usize) -> bool {
    cx.prev_word(i).is_some_and(|w| w.is_any(DATE_PREPOSITIONS)) || cx.char_before(i) == Some('-')
}

fn found(
    _cx: &Ctx<'_>,
    num: &Num,
    end: usize,
    count: f64,
    max: Option<f64>,
    tail: Tail,
    qualifier: Qualifier,
) -> Found {
    let vendor = tail.vendor.or_else(|| tail.chip.as_deref().and_then(vendor_of));
    Found {
        start: num.start,
        end,
        qualifier,
        value: Value::ChipCount(ChipCount {
            count: count as u64,
            count_max: max.map(|m| m as u64),
            chip: tail.chip,
            vendor,
        }),
        precision: num.step,
        ambiguity: None,
    }
}

fn range_second(cx: &Ctx<'_>, first: &Num) -> Option<Num> {
    let j = cx.skip_ws(first.end);
    let k = match cx.char_at(j)? {
        '-' | '‒' | '–' => cx.skip_ws(j + cx.char_at(j)?.len_utf8()),
        _ => {
            let w = cx.word_at(j)?;
            if w.is("to") || (w.is("and") && cx.prev_word(first.start).is_some_and(|p| p.is("between"))) {
                cx.skip_ws(w.end)
            } else {
                return None;
            }
        }
    };
    let n = number::parse(cx, k, Opts::CHIPS)?;
    (n.form == Form::Digits || n.form == Form::Words).then_some(n)
}

/// What follows a count: vendor, model, noun.
#[derive(Debug, Clone)]
struct Tail {
    end: usize,
    chip: Option<String>,
    vendor: Option<&'static str>,
}

/// A cheap look at what follows digits, before parsing them: a chip count
/// goes on with a vendor, model or model family, a chip noun or adjective
/// (in any case, not any capitalized word), "of", a magnitude, a
/// fraction, "k" or "+" (then the same look), a hyphenated size
/// ("4,096-GPU"), or a range whose second number passes the same look
/// ("10,000-20,000 GPUs"; not the score "24-17" or the "8-inch" of a
/// screen). It must let through everything the rules accept (a test holds
/// it to them).
pub(crate) fn chips_may_follow(cx: &Ctx<'_>, e: usize) -> bool {
    may_follow(cx, e, true)
}

/// [`chips_may_follow`]; `first`: digits that may start a range (the
/// second number of one is looked at once, without its own range).
fn may_follow(cx: &Ctx<'_>, e: usize, first: bool) -> bool {
    match cx.at(e) {
        Some(b'-') => {
            return match cx.at(e + 1) {
                Some(c) if c.is_ascii_alphabetic() => chip_word(cx, e + 1),
                _ => range_may_follow(cx, e + 1, first),
            };
        }
        // "10k GPUs", "10,000+ chips" (not "4Kb", "10kg")
        Some(b'k' | b'K' | b'+') => {
            return !cx.at(e + 1).is_some_and(|c| c.is_ascii_alphabetic()) && may_follow(cx, e + 1, first);
        }
        Some(c) if c.is_ascii_alphabetic() => return false,
        None => return false,
        _ => {}
    }
    // "2½ thousand GPUs", "2 1/2 million accelerators"
    if number::fraction_may_follow(cx, e) {
        return true;
    }
    let j = cx.skip_ws(e);
    match cx.at(j) {
        Some(c) if c.is_ascii_alphabetic() => {
            let w = &cx.text[j..cx.letters_end(j)];
            if w == "to" || w == "and" { range_may_follow(cx, j + w.len(), first) } else { chip_word(cx, j) }
        }
        Some(b'-') => range_may_follow(cx, j + 1, first),
        _ => match crate::money::dash_at(cx, j) {
            Some(n) => range_may_follow(cx, j + n, first),
            None => false,
        },
    }
}

/// A word at `j` that may go on a chip count, in any case: "of", a
/// magnitude, or a word that [`names_chip`]. Not any capitalized word:
/// "2020 Sentra", "53 PM".
fn chip_word(cx: &Ctx<'_>, j: usize) -> bool {
    let w = &cx.b[j..cx.letters_end(j)];
    ["of", "to", "and", "thousand", "million", "hundred"].iter().any(|x| w.eq_ignore_ascii_case(x.as_bytes()))
        || names_chip(cx, j)
}

/// True when the word at `j` names a chip or goes right before its noun,
/// in any case: a vendor, a model ("H100": letters glued to digits) or
/// model family ("hopper"), a chip noun or adjective ("high-end" with its
/// hyphen).
pub(crate) fn names_chip(cx: &Ctx<'_>, j: usize) -> bool {
    let e = cx.letters_end(j);
    match cx.at(e) {
        Some(c) if c.is_ascii_digit() => true,
        Some(b'-') if word_with_hyphens(cx, j).is_some_and(|(s, he)| is_chip_word(&cx.b[s..he])) => true,
        _ => is_chip_word(&cx.b[j..e]),
    }
}

/// The words [`names_chip`] knows, in lower case, for one hashed look-up
/// instead of a walk through each list, and their shapes: bit `c` of
/// `shapes[n]` is set when a word of `n` bytes starts with the `c`-th
/// letter. Most words are turned away by their shape alone.
struct ChipWords {
    set: HashSet<&'static [u8], fnv::FnvBuildHasher>,
    shapes: [u32; lexicon::MAX_LEN + 1],
}

static CHIP_WORDS: LazyLock<ChipWords> = LazyLock::new(|| {
    let set: HashSet<&'static [u8], fnv::FnvBuildHasher> = [NOUNS, ADJECTIVES, FAMILY_WORDS]
        .concat()
        .into_iter()
        .chain(VENDORS.iter().map(|v| v.0))
        .map(str::as_bytes)
        .collect();
    let mut shapes = [0u32; lexicon::MAX_LEN + 1];
    for w in &set {
        shapes[w.len()] |= 1 << (w[0] & 31);
    }
    ChipWords { set, shapes }
});

/// True when `word` is one of [`CHIP_WORDS`], ignoring ASCII case.
fn is_chip_word(word: &[u8]) -> bool {
    let words = &*CHIP_WORDS;
    match word.first() {
        Some(&c) if word.len() <= lexicon::MAX_LEN && words.shapes[word.len()] & (1 << (c & 31)) != 0 => {}
        _ => return false,
    }
    let mut buf = [0u8; lexicon::MAX_LEN];
    lexicon::lower(word, &mut buf).is_some_and(|n| words.set.contains(&buf[..n]))
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
        Some(c) if c.is_ascii_alphabetic() => true,
        _ => false,
    }
}

/// A cheap look at what follows a number, before any rule runs: a chip
/// count continues with a capitalized word (vendor, model), a hyphen
/// ("4,096-GPU"), a chip noun or adjective, or a range or "of".
fn plausible_tail(cx: &Ctx<'_>, num: &Num) -> bool {
    if cx.at(num.end) == Some(b'-') {
        return true;
    }
    let j = cx.skip_ws(count_end(cx, num));
    match cx.at(j) {
        Some(c) if c.is_ascii_uppercase() => true,
        Some(c) if c.is_ascii_lowercase() => {
            // "chip-cluster" by its first part, "high-end" whole
            let first_part = &cx.text[j..cx.letters_end(j)];
            let whole = word_with_hyphens(cx, j).map_or(first_part, |(s, e)| &cx.text[s..e]);
            ["of", "to", "and", "chip", "gpu"].contains(&first_part)
                || NOUNS.contains(&first_part)
                || WEAK_NOUNS.contains(&first_part)
                || ADJECTIVES.contains(&first_part)
                || ADJECTIVES.contains(&whole)
        }
        Some(b'-' | 0xe2) => true,
        _ => false,
    }
}

fn vendor_at(cx: &Ctx<'_>, i: usize) -> Option<(&'static str, usize)> {
    if !cx.at(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let w = cx.word_at(i)?;
    if w.s.len() < 3 || w.s.len() > 9 {
        return None;
    }
    let mut end = w.end;
    if cx.starts_with_ic(end, "'s") || cx.starts_with_ic(end, "’s") {
        end += if cx.at(end) == Some(b'\'') { 2 } else { 4 };
    }
    // a word is letters only: it never equals "nvidia's", whose stem is listed before it
    VENDORS.iter().find(|(v, _)| w.is(v)).map(|(_, name)| (*name, end))
}

/// A model at `i`: its normalized name, its end, and whether it was plural.
fn model_at(cx: &Ctx<'_>, i: usize) -> Option<(String, usize, bool)> {
    if !cx.at(i).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // only a token with digits ("H800") or a family name can be a model
    let mut e = i;
    while e < cx.end && cx.b[e].is_ascii_alphanumeric() {
        e += 1;
    }
    match letter_and_digits(&cx.b[i..e], cx.at(e)) {
        Some(found) => {
            found.map(|(len, plural)| (cx.text[i..i + len].to_string(), i + len + usize::from(plural), plural))
        }
        None => model_by_regex(cx, i, e),
    }
}

/// [`model_at`] by the regex, at `i`, where a run of ASCII letters and
/// digits ends at `e`.
fn model_by_regex(cx: &Ctx<'_>, i: usize, e: usize) -> Option<(String, usize, bool)> {
    let token = &cx.b[i..e];
    if !token.iter().any(u8::is_ascii_digit) && !FAMILY_WORDS.iter().any(|f| token.eq_ignore_ascii_case(f.as_bytes())) {
        return None;
    }
    let hay_end = crate::scan::floor_boundary(cx.text, cx.end.min(i + 40));
    let hay = &cx.text[i..hay_end];
    let m = MODEL.find(hay)?;
    // the plural "s" is the regex's optional last group: a lower-case s after the name
    let plural = m.as_str().ends_with('s') && m.as_str().len() > 1;
    let raw = &hay[..m.end() - usize::from(plural)];
    Some((normalize_model(raw), i + m.end(), plural))
}

/// [`MODEL`] without the regex on the most common model names, a capital
/// and two or three digits ("H800", "A100s", "H20", "B200A"): `token` is
/// the run of ASCII letters and digits at the place looked at and `next`
/// the byte after it in the sentence. `None` when `token` does not begin
/// with one of H, A, B and V and a digit, or a byte that is not ASCII
/// follows it (the regex's `\d` takes other digits too): the regex is
/// asked then. Else what the regex finds, which no other of its names
/// can begin that way: the name's length without a plural "s" and
/// whether one follows, when the whole run reads `[HABV]\d{2,3}[A-Z]?s?`
/// and a word boundary follows it (not '_'), or no name. Such a name is
/// normalized already (upper case, no space). A test holds this to the
/// regex.
#[allow(clippy::option_option)]
fn letter_and_digits(token: &[u8], next: Option<u8>) -> Option<Option<(usize, bool)>> {
    let (&[b'H' | b'A' | b'B' | b'V', d], rest) = token.split_first_chunk::<2>()? else {
        return None;
    };
    if !d.is_ascii_digit() || next.is_some_and(|c| !c.is_ascii()) {
        return None;
    }
    let digits = 1 + rest.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut len = 1 + digits;
    if token.get(len).is_some_and(u8::is_ascii_uppercase) {
        len += 1;
    }
    let plural = token.get(len) == Some(&b's');
    let whole = len + usize::from(plural) == token.len() && next != Some(b'_');
    Some(((2..=3).contains(&digits) && whole).then_some((len, plural)))
}

/// "tpu v5p" → "TPU v5p", "ascend 910b" → "Ascend 910B", "blackwell" → "Blackwell".
fn normalize_model(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    for (prefix, name) in [
        ("grace hopper", "Grace Hopper"),
        ("grace-hopper", "Grace Hopper"),
        ("grace blackwell", "Grace Blackwell"),
        ("grace-blackwell", "Grace Blackwell"),
    ] {
        if lower == prefix {
            return name.to_string();
        }
    }
    if let Some(rest) = lower.strip_prefix("tpu") {
        let rest = rest.trim();
        return if rest.is_empty() {
            "TPU".to_string()
        } else if rest.starts_with('v') {
            format!("TPU {rest}")
        } else {
            format!("TPU v{rest}")
        };
    }
    for (prefix, name) in [("gaudi", "Gaudi"), ("ascend", "Ascend"), ("maia", "Maia")] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return format!("{name} {}", rest.trim().to_ascii_uppercase());
        }
    }
    if lower == "kunlun" {
        return "Kunlun".to_string();
    }
    for (prefix, name) in [("trainium", "Trainium"), ("inferentia", "Inferentia")] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            return format!("{name}{}", rest.trim());
        }
    }
    for family in ["hopper", "blackwell", "ampere", "volta", "rubin"] {
        if lower == family {
            let mut s = family.to_string();
            s[..1].make_ascii_uppercase();
            return s;
        }
    }
    if let Some(rest) = lower.strip_prefix("geforce ") {
        return format!("GeForce {}", rest.to_ascii_uppercase().replace("RTX", "RTX "))
            .replace("  ", " ")
            .trim()
            .to_string();
    }
    raw.to_ascii_uppercase().replace(' ', "")
}

/// Who makes a chip, by the start of its model name (upper case; tried
/// in order).
const VENDOR_PREFIXES: &[(&str, &str)] = &[
    ("H1", "Nvidia"),
    ("H2", "Nvidia"),
    ("H8", "Nvidia"),
    ("A1", "Nvidia"),
    ("A8", "Nvidia"),
    ("A4", "Nvidia"),
    ("V1", "Nvidia"),
    ("B1", "Nvidia"),
    ("B2", "Nvidia"),
    ("GB", "Nvidia"),
    ("GH", "Nvidia"),
    ("L40", "Nvidia"),
    ("RTX", "Nvidia"),
    ("GEFORCE", "Nvidia"),
    ("MI", "AMD"),
    ("GAUDI", "Intel"),
    ("TPU", "Google"),
    ("ASCEND", "Huawei"),
    ("TRAINIUM", "Amazon"),
    ("INFERENTIA", "Amazon"),
    ("MAIA", "Microsoft"),
    ("WSE", "Cerebras"),
    ("KUNLUN", "Baidu"),
];

/// Nvidia's architectures, named as chips ("Hopper GPUs"), whole names.
const NVIDIA_ARCHITECTURES: &[&str] =
    &["HOPPER", "BLACKWELL", "AMPERE", "VOLTA", "RUBIN", "GRACE HOPPER", "GRACE BLACKWELL"];

/// The vendor that makes a model.
pub fn vendor_of(model: &str) -> Option<&'static str> {
    // compared without an upper-case copy: this runs for every chip name of every document
    let m = model.as_bytes();
    let starts = |p: &str| m.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()));
    if NVIDIA_ARCHITECTURES.iter().any(|a| m.eq_ignore_ascii_case(a.as_bytes())) {
        return Some("Nvidia");
    }
    VENDOR_PREFIXES.iter().find(|(p, _)| starts(p)).map(|(_, v)| *v)
}

/// Where the count ends, past a plus glued to it ("100K+ GPUs": the plus
/// is read as a qualifier after the count).
fn count_end(cx: &Ctx<'_>, num: &Num) -> usize {
    num.end + usize::from(cx.at(num.end) == Some(b'+'))
}

/// After a count: `[vendor] [model] [adjectives] noun`, or a plural model.
fn chip_tail(cx: &Ctx<'_>, num: &Num) -> Option<Tail> {
    let after = count_end(cx, num);
    let mut j = cx.skip_ws(after);
    if j == after {
        return None;
    }
    if let Some(of) = cx.word_at(j)
        && of.is("of")
    {
        let k = cx.skip_ws(of.end);
        if num.form == Form::Vague {
            j = k;
        } else if num.value >= 2.0 {
            // "485,000 of Nvidia's Hopper chips", "10,000 of its H100s": a part of a stock, counted
            let possessive = vendor_at(cx, k).zip(cx.word_at(k)).is_some_and(|((_, e), w)| e > w.end);
            if possessive {
                j = k;
            } else if let Some(d) = cx.word_at(k)
                && d.is_any(&["its", "their", "the"])
            {
                j = cx.skip_ws(d.end);
            }
        }
    }
    let mut vendor = None;
    let mut chip = None;
    let mut end = None;
    if let Some((v, e)) = vendor_at(cx, j) {
        vendor = Some(v);
        end = Some(e);
        j = cx.skip_ws(e);
        // "AMD Instinct MI250X": the product line, when a model follows it
        if let Some(line) = cx.word_at(j)
            && line.is_any(LINES)
            && model_at(cx, cx.skip_ws(line.end)).is_some()
        {
            j = cx.skip_ws(line.end);
        }
    }
    if let Some((m, e, plural)) = model_at(cx, j) {
        chip = Some(m);
        end = Some(e);
        if plural {
            return tail_ok(cx, num, Tail { end: e, chip, vendor }, e);
        }
        j = cx.skip_ws(e);
        // "H100-equivalent GPUs": the hyphen joins the model to the adjective
        if j == e && cx.at(e) == Some(b'-') && cx.word_at(e + 1).is_some_and(|w| w.is("equivalent")) {
            j = e + 1;
        }
    }
    // "the 512 chip-cluster of H800 chips"
    if let Some(t) = cluster_of(cx, j) {
        return Some(Tail { end: t.end, chip: t.chip.or(chip), vendor: t.vendor.or(vendor) });
    }
    let mut adjectives = 0;
    loop {
        let w = word_with_hyphens(cx, j)?;
        let s = &cx.text[w.0..w.1];
        if NOUNS.iter().any(|n| s.eq_ignore_ascii_case(n))
            || (chip.is_some() || vendor.is_some()) && WEAK_NOUNS.iter().any(|n| s.eq_ignore_ascii_case(n))
        {
            let singular = !s.as_bytes().last().is_some_and(|c| c.eq_ignore_ascii_case(&b's'));
            if singular && num.value != 1.0 {
                return None;
            }
            // "graphics processing units"
            let mut e = w.1;
            if s.eq_ignore_ascii_case("processing")
                && let Some(u) = cx.next_word(e)
                && u.is_any(&["units", "unit"])
            {
                e = u.end;
            }
            return tail_ok(cx, num, Tail { end: e, chip, vendor }, e);
        }
        if s.eq_ignore_ascii_case("graphics")
            && let Some(p) = cx.next_word(w.1)
            && p.is("processing")
            && let Some(u) = cx.next_word(p.end)
            && u.is_any(&["units", "unit"])
        {
            return tail_ok(cx, num, Tail { end: u.end, chip, vendor }, u.end);
        }
        if adjectives < 3 && ADJECTIVES.iter().any(|a| s.eq_ignore_ascii_case(a)) {
            adjectives += 1;
            j = cx.skip_ws(w.1);
            continue;
        }
        break;
    }
    // a model with no noun: "trained on 2,048 H800 and ..." (count + model is enough)
    if chip.is_some()
        && let Some(e) = end
    {
        return tail_ok(cx, num, Tail { end: e, chip, vendor }, e);
    }
    None
}

/// How long a word with hyphens [`word_with_hyphens`] reads at most:
/// twice as long as any word it is compared with (the words of
/// [`CHIP_WORDS`] fit the lexicon's [`MAX_LEN`](lexicon::MAX_LEN)).
const HYPHENATED_MAX: usize = 2 * lexicon::MAX_LEN;

/// A word that may contain hyphens ("high-end"), as a byte range. A
/// chain of hyphenated words longer than [`HYPHENATED_MAX`] bytes is cut
/// after the part that crosses it: what the rules compare it with is
/// shorter anyway, and a chain such as "two-two-two-…", a number word at
/// every part, is not read to its end from each of them (which was
/// quadratic in its length).
fn word_with_hyphens(cx: &Ctx<'_>, i: usize) -> Option<(usize, usize)> {
    let mut e = cx.letters_end(i);
    if e == i {
        return None;
    }
    while cx.at(e) == Some(b'-') && cx.at(e + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
        e = cx.letters_end(e + 1);
        if e - i > HYPHENATED_MAX {
            return Some((i, e));
        }
    }
    cx.boundary_after(e).then_some((i, e))
}

/// Rejects a year or modifier reading: "2024 GPU shipments".
fn tail_ok(cx: &Ctx<'_>, num: &Num, tail: Tail, end: usize) -> Option<Tail> {
    if let Some(w) = cx.next_word(end)
        && w.is_any(MODIFIED)
        && (num.is_year_like() || num.form == Form::Digits)
    {
        return None;
    }
    if num.is_year_like() && cx.char_at(end).is_some_and(|c| c == '-') {
        return None;
    }
    Some(tail)
}

/// "chip-cluster of H800 chips", "GPU cluster of Nvidia A100s".
fn cluster_of(cx: &Ctx<'_>, j: usize) -> Option<Tail> {
    let (ws, we) = word_with_hyphens(cx, j)?;
    let w = &cx.text[ws..we];
    let is_any = |lits: &[&str]| lits.iter().any(|l| w.eq_ignore_ascii_case(l));
    let end_cluster = match () {
        _ if is_any(&["chip-cluster", "gpu-cluster", "chip-strong", "gpu-strong"]) => we,
        _ if is_any(&["chip", "gpu"]) => {
            let c = cx.next_word(we)?;
            if !c.is("cluster") {
                return None;
            }
            c.end
        }
        _ => return None,
    };
    let mut tail = Tail { end: end_cluster, chip: None, vendor: None };
    let Some(of) = cx.next_word(end_cluster) else {
        return Some(tail);
    };
    if !of.is("of") {
        return Some(tail);
    }
    let mut k = cx.skip_ws(of.end);
    if let Some((v, e)) = vendor_at(cx, k) {
        tail.vendor = Some(v);
        k = cx.skip_ws(e);
    }
    if let Some((m, e, plural)) = model_at(cx, k) {
        tail.chip = Some(m);
        tail.end = e;
        if !plural
            && let Some(n) = cx.next_word(e)
            && n.is_any(NOUNS)
        {
            tail.end = n.end;
        }
    }
    Some(tail)
}

/// "a 4,096-GPU cluster", "a 24k-GPU cluster", "a 10,000-chip supercomputer".
fn hyphenated(cx: &Ctx<'_>, num: &Num) -> Option<Found> {
    if cx.at(num.end) != Some(b'-') {
        return None;
    }
    let (ws, we) = word_with_hyphens(cx, num.end + 1)?;
    let first_end = cx.letters_end(ws);
    let w = &cx.text[ws..first_end];
    if !["gpu", "chip", "accelerator", "tpu"].iter().any(|n| w.eq_ignore_ascii_case(n)) {
        // "a 512-H800 cluster"
        let (m, e, _) = model_at(cx, num.end + 1)?;
        let n = cx.next_word(e)?;
        if !n.is_any(&["cluster", "supercomputer", "system", "systems", "pod", "setup", "farm"]) {
            return None;
        }
        let tail = Tail { end: e, chip: Some(m), vendor: None };
        let q = qualifier::before(cx, num.start, false).map_or(Qualifier::Exact, |q| q.0);
        return Some(found(cx, num, e, num.value, None, tail, q));
    }
    let _ = we;
    let mut tail = Tail { end: first_end, chip: None, vendor: None };
    // "a 24k-GPU cluster of H100s"
    if let Some(c) = cx.next_word(first_end)
        && c.is_any(&["cluster", "supercomputer", "system", "pod"])
        && let Some(of) = cx.next_word(c.end)
        && of.is("of")
    {
        let mut k = cx.skip_ws(of.end);
        if let Some((v, e)) = vendor_at(cx, k) {
            tail.vendor = Some(v);
            k = cx.skip_ws(e);
        }
        if let Some((m, _, _)) = model_at(cx, k) {
            tail.chip = Some(m);
        }
    }
    let q = qualifier::before(cx, num.start, false).map_or(Qualifier::Exact, |q| q.0);
    Some(found(cx, num, first_end, num.value, None, tail, q))
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::corpus::{Expect, assert_gate, digit_token_start, gate_texts, run};

    /// `is_chip_word` lower-cases into the lexicon's buffer of `MAX_LEN`
    /// bytes and looks the result up: every listed word must fit and be
    /// listed in lower case, or it could never be found.
    #[test]
    fn chip_words_are_lower_case_and_fit_the_buffer() {
        for w in super::CHIP_WORDS.set.iter() {
            assert!(w.len() <= crate::lexicon::MAX_LEN, "{}", String::from_utf8_lossy(w));
            assert_eq!(w.to_ascii_lowercase(), *w, "{}", String::from_utf8_lossy(w));
            assert!(super::is_chip_word(&w.to_ascii_uppercase()));
        }
        assert!(!super::is_chip_word(b"Sentra") && !super::is_chip_word(b"PM"));
    }

    /// The common model names are read without the regex
    /// ([`letter_and_digits`](super::letter_and_digits)): at every letter
    /// of generated texts, [`model_at`](super::model_at) must find what
    /// the regex finds.
    #[test]
    fn model_names_without_the_regex_are_what_the_regex_finds() {
        let pieces = [
            "H",
            "A",
            "B",
            "V",
            "G",
            "h",
            "1",
            "0",
            "8",
            "9",
            "X",
            "s",
            "S",
            "_",
            " ",
            "-",
            "é",
            "\u{663}",
            "H800",
            "A100s",
            "B200",
            "GB200",
            "MI300X",
            "Blackwell",
            "TPU v5p",
            ".",
        ];
        let mut rng = fastrand::Rng::with_seed(0x5eed_c41b);
        for _ in 0..30_000 {
            let text: String = (0..1 + rng.usize(..8)).map(|_| pieces[rng.usize(..pieces.len())]).collect();
            let end = text.len() - rng.usize(..2.min(text.len())) * usize::from(text.is_char_boundary(text.len() - 1));
            let cx = crate::scan::Ctx::new(&text, crate::Span::new(0, end));
            for i in (0..end).filter(|&i| text.as_bytes()[i].is_ascii_alphabetic()) {
                let mut e = i;
                while e < end && text.as_bytes()[e].is_ascii_alphanumeric() {
                    e += 1;
                }
                assert_eq!(super::model_at(&cx, i), super::model_by_regex(&cx, i, e), "{text:?} at {i}, to {end}");
            }
        }
    }

    /// A chain of hyphenated words is read no further than
    /// [`HYPHENATED_MAX`](super::HYPHENATED_MAX) bytes: from every "two" of
    /// "two-two-…" the chips rules would otherwise read it to its end
    /// (quadratic in its length). Words up to that length are read whole.
    #[test]
    fn a_chain_of_hyphenated_words_is_read_only_so_far() {
        let text = format!("{}GPUs", "two-".repeat(10_000));
        let cx = crate::scan::Ctx::new(&text, crate::Span::new(0, text.len()));
        let (s, e) = super::word_with_hyphens(&cx, 0).expect("a word");
        assert!(s == 0 && e > super::HYPHENATED_MAX && e <= super::HYPHENATED_MAX + 4, "{e}");
        for whole in ["high-end", "export-compliant", "state-of-the-art-in-every-way"] {
            let cx = crate::scan::Ctx::new(whole, crate::Span::new(0, whole.len()));
            assert_eq!(super::word_with_hyphens(&cx, 0), Some((0, whole.len())));
        }
    }

    /// The scanner turns digits away with `chips_may_follow` before the
    /// rules run: wherever they find a chip count, the look must let the
    /// digits through. Checked at every digit of the corpus, the fixtures,
    /// the peer suites and generated phrases that put every kind of joint,
    /// vendor, model, adjective and noun after a number.
    #[test]
    fn every_chip_count_passes_the_cheap_look() {
        let mut tails: Vec<&str> = [super::NOUNS, super::WEAK_NOUNS, super::ADJECTIVES, super::FAMILY_WORDS].concat();
        tails.extend(super::VENDORS.iter().map(|v| v.0));
        tails.extend([
            "GPUs",
            "H100s",
            "H800 chips",
            "A100s",
            "TPU v5p chips",
            "MI300X",
            "B200",
            "-GPU",
            "people",
            "%",
            ".",
        ]);
        tails.extend(["GW", "inch", "Salt Lake", "chip-cluster", "k-GPU", ""]);
        // model families in lower case, before a noun or a cluster word
        for family in super::FAMILY_WORDS {
            for after in [" GPUs", " chips", " cluster", " 3 cluster", " v5p pod", " system"] {
                tails.push(Box::leak(format!("{family}{after}").into_boxed_str()));
            }
        }
        let parts = [
            vec!["", "used ", "between ", "from ", "about ", "In ", "a ", "more than "],
            vec!["10", "1,000", "10,000", "2.5", "1\u{202f}000", "24", "2024", "512", "2 1/2", "2½", "24k"],
            crate::corpus::joints(&["k ", "K ", "+ "]),
            vec![
                "",
                "20,000 ",
                "20,000",
                "thousand ",
                "million ",
                "hundred ",
                "Nvidia ",
                "AMD ",
                "Google ",
                "more ",
                "advanced ",
                "of the ",
                "of its ",
                "of Nvidia's ",
                "H100 ",
                "Nvidia H800 ",
                "A100-",
                "AI ",
                "high-end ",
                "additional ",
                "8-",
                "Instinct ",
                "Tesla ",
            ],
            tails,
        ];
        let texts = gate_texts(&CORPUS.iter().map(|c| c.0).collect::<Vec<_>>(), &parts, 200_000);
        assert_gate(
            "chip counts after digits",
            &texts,
            5_000,
            digit_token_start,
            |cx, i| super::chips_may_follow(cx, crate::number::digit_run_end(cx, i)),
            super::at,
        );
    }

    pub(crate) const CORPUS: &[(&str, &[Expect])] = &[
        // a hyphenated adjective right after the number
        ("They bought 2,000 high-end GPUs.", &[Expect::chips("2,000 high-end GPUs", 2000.0, None, None, "exact")]),
        ("It runs 5,000 data-center chips.", &[Expect::chips("5,000 data-center chips", 5000.0, None, None, "exact")]),
        // a capitalized word that is no vendor, model or chip word
        ("The 2020 Sentra sold 300 units.", &[]),
        // a fraction before the magnitude
        ("They used 2 1/2 thousand GPUs.", &[Expect::chips("2 1/2 thousand GPUs", 2500.0, None, None, "exact")]),
        ("They used 2½ thousand GPUs.", &[Expect::chips("2½ thousand GPUs", 2500.0, None, None, "exact")]),
        // a part of a stock: "N of Nvidia's …", "N of its …"
        (
            "Microsoft bought 485,000 of Nvidia's Hopper chips",
            &[Expect::chips("485,000 of Nvidia's Hopper chips", 485000.0, Some("Hopper"), Some("Nvidia"), "exact")],
        ),
        ("it moved 10,000 of its H100s", &[Expect::chips("10,000 of its H100s", 10000.0, Some("H100"), None, "exact")]),
        ("two of the GPUs failed", &[Expect::chips("two of the GPUs", 2.0, None, None, "exact")]),
        ("one of the chips failed", &[]),
        ("20 of the company's chips", &[]),
        (
            "used 512 Nvidia H800 chips",
            &[Expect::chips("512 Nvidia H800 chips", 512.0, Some("H800"), Some("Nvidia"), "exact")],
        ),
        (
            "a cluster of 512 Nvidia H800 GPUs",
            &[Expect::chips("512 Nvidia H800 GPUs", 512.0, Some("H800"), Some("Nvidia"), "exact")],
        ),
        (
            "512 Nvidia H800 graphics chips",
            &[Expect::chips("512 Nvidia H800 graphics chips", 512.0, Some("H800"), Some("Nvidia"), "exact")],
        ),
        // a product line between vendor and model; counts of "equivalents"
        (
            "4,608 AMD Instinct MI250X accelerators",
            &[Expect::chips("4,608 AMD Instinct MI250X accelerators", 4608.0, Some("MI250X"), Some("AMD"), "exact")],
        ),
        (
            "10,000 Nvidia Tesla V100 GPUs",
            &[Expect::chips("10,000 Nvidia Tesla V100 GPUs", 10000.0, Some("V100"), Some("Nvidia"), "exact")],
        ),
        ("bought 100 Tesla cars", &[]),
        (
            "600,000 Nvidia H100-equivalent GPUs",
            &[Expect::chips("600,000 Nvidia H100-equivalent GPUs", 600000.0, Some("H100"), Some("Nvidia"), "exact")],
        ),
        (
            "35,000 H100 equivalents",
            &[Expect::chips("35,000 H100 equivalents", 35000.0, Some("H100"), Some("Nvidia"), "exact")],
        ),
        // a plus after the count, a chip family of Baidu's, bare TPUs
        ("has 100K+ GPUs", &[Expect::chips("100K+ GPUs", 1e5, None, None, "at_least")]),
        ("has 10,000+ H100s", &[Expect::chips("10,000+ H100s", 1e4, Some("H100"), Some("Nvidia"), "at_least")]),
        ("he is 40+ years old", &[]),
        (
            "a cluster of 10,000 Kunlun chips",
            &[Expect::chips("10,000 Kunlun chips", 1e4, Some("Kunlun"), Some("Baidu"), "exact")],
        ),
        ("4,096 TPU chips", &[Expect::chips("4,096 TPU chips", 4096.0, Some("TPU"), Some("Google"), "exact")]),
        (
            "the 512 chip-cluster of H800 chips",
            &[Expect::chips("512 chip-cluster of H800 chips", 512.0, Some("H800"), Some("Nvidia"), "exact")],
        ),
        ("1,024 H800s", &[Expect::chips("1,024 H800s", 1024.0, Some("H800"), Some("Nvidia"), "exact")]),
        ("10,000 A100s", &[Expect::chips("10,000 A100s", 10000.0, Some("A100"), Some("Nvidia"), "exact")]),
        ("a 4,096-GPU cluster", &[Expect::chips("4,096-GPU", 4096.0, None, None, "exact")]),
        ("a 24k-GPU cluster", &[Expect::chips("24k-GPU", 24000.0, None, None, "exact")]),
        (
            "more than 16,000 H100 chips",
            &[Expect::chips("16,000 H100 chips", 16000.0, Some("H100"), Some("Nvidia"), "more_than")],
        ),
        (
            "some 30,000 Blackwell GPUs",
            &[Expect::chips("30,000 Blackwell GPUs", 30000.0, Some("Blackwell"), Some("Nvidia"), "approximate")],
        ),
        ("two thousand accelerators", &[Expect::chips("two thousand accelerators", 2000.0, None, None, "exact")]),
        (
            "8,960 TPU v5p chips",
            &[Expect::chips("8,960 TPU v5p chips", 8960.0, Some("TPU v5p"), Some("Google"), "exact")],
        ),
        (
            "4,000 Ascend 910B chips",
            &[Expect::chips("4,000 Ascend 910B chips", 4000.0, Some("Ascend 910B"), Some("Huawei"), "exact")],
        ),
        (
            "1,500 AMD MI300X GPUs",
            &[Expect::chips("1,500 AMD MI300X GPUs", 1500.0, Some("MI300X"), Some("AMD"), "exact")],
        ),
        (
            "100,000 Trainium2 chips",
            &[Expect::chips("100,000 Trainium2 chips", 100000.0, Some("Trainium2"), Some("Amazon"), "exact")],
        ),
        ("between 10,000 and 20,000 GPUs", &[Expect::chips_range("10,000 and 20,000 GPUs", 10000.0, 20000.0, None)]),
        ("tens of thousands of GPUs", &[Expect::chips_vague("tens of thousands of GPUs", 10000.0, 100000.0)]),
        // a figure dash joins a range; invisible format characters stand for whitespace
        ("10\u{2012}20 GPUs", &[Expect::chips_range("10\u{2012}20 GPUs", 10.0, 20.0, None)]),
        (
            "2,000\u{200b} Nvidia\u{200b}H100 GPUs",
            &[Expect::chips("2,000\u{200b} Nvidia\u{200b}H100 GPUs", 2000.0, Some("H100"), Some("Nvidia"), "exact")],
        ),
        (
            "512\u{ad} H800 chips",
            &[Expect::chips("512\u{ad} H800 chips", 512.0, Some("H800"), Some("Nvidia"), "exact")],
        ),
        ("two\u{feff} thousand GPUs", &[Expect::chips("two\u{feff} thousand GPUs", 2000.0, None, None, "exact")]),
        // not chip counts
        ("H100 chips", &[]),
        ("the H100 and A100 AI chips", &[]),
        ("2024 GPUs shipments", &[]),
        ("2024 GPU shipments", &[]),
        ("10.9 million downloads", &[]),
        ("1,200 employees", &[]),
        ("3 data centers", &[]),
        ("in 2023 chips were scarce", &[]),
        ("512 GPU", &[]),
    ];

    #[test]
    fn corpus() {
        run("chips", CORPUS, crate::Kind::ChipCount);
    }

    #[test]
    fn vendors() {
        assert_eq!(super::vendor_of("H800"), Some("Nvidia"));
        assert_eq!(super::vendor_of("MI325X"), Some("AMD"));
        assert_eq!(super::vendor_of("Gaudi 3"), Some("Intel"));
        assert_eq!(super::vendor_of("Grace Blackwell"), Some("Nvidia"));
        assert_eq!(super::vendor_of("GeForce RTX 4090"), Some("Nvidia"));
        assert_eq!(super::vendor_of("tpu v5p"), Some("Google"));
        assert_eq!(super::vendor_of("Blackwells"), None);
        assert_eq!(super::vendor_of("widget"), None);
    }
}
