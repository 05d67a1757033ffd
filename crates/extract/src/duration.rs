//! Durations: a length of time.
//!
//! Rules, tried at a number or a number-like word:
//!
//! 1. **Number and unit**: "80 hours", "two months", "3day", "3.5years",
//!    "3 h", "1.5 hrs", "an hour", "another week", "all day", "half an
//!    hour", "a half hour", "1/2 day", "2 more minutes".
//! 2. **Adjectives**: "an 80-hour run", "a 54-day training job", "3-min".
//! 3. **Fractions and combinations**: "a year and a half", "two and a half
//!    hours", "one and three quarters of hours", "1 hour 30 minutes", "1h30", "1
//!    hour and thirty", "2 years, 3 months", "an hour and 45 minutes".
//! 4. **Ranges**: "six to eight weeks", "2-3 days", "between two and three
//!    years", "a year or two".
//! 5. **Vague**: "several weeks", "a few hours", "some days", "a couple of
//!    days", "weeks or months" (value: the lower bound).
//!
//! Not durations: dates and periods named as points ("in 2023", "last
//! year", "in recent months", "the 1990s"), ages ("a 62-year-old", "two
//! years old"), relative offsets ("two years ago", "a year earlier"),
//! frequencies ("24 hours a day", "$2 a day", "every two weeks", "24/7",
//! "five miles a week"), compute ("2.8 million GPU hours", "80 hours of
//! GPU compute"), bare units ("for months", "minutes"), "one day" as
//! "some day" ("could one day replace", "hopes to one day visit", "One
//! day, he left", "you will thank me one day"), one day among others ("a
//! day when"), the day of a date ("November 3—nine days"), ordinals ("a
//! second-term president", "a second, larger round"), names ("the Six-Day War") and reporting
//! periods ("full-year guidance").
//!
//! "Over" before a duration reads as "more than" ("took over 80 hours")
//! unless a verb of doing comes before it ("trained over 90 days").

use crate::lexicon::{NumWord, UnitWord, num_word, unit_word};
use crate::number::{self, Form, Num, Opts};
use crate::scan::{Ctx, Found, Word};
use crate::{Duration, Qualifier, TimeUnit, Value, qualifier};

/// One "number unit" part of a duration.
#[derive(Debug, Clone, Copy)]
struct Part {
    value: f64,
    unit: TimeUnit,
}

/// A duration at candidate position `i`.
pub(crate) fn at(cx: &Ctx<'_>, i: usize) -> Option<Found> {
    let c = cx.at(i)?;
    if c.is_ascii_alphabetic()
        && let Some(f) = vague_pair(cx, i)
    {
        return Some(f);
    }
    if c.is_ascii_digit()
        && let Some(f) = slash_fraction(cx, i)
    {
        return Some(f);
    }
    let num = number::parse(cx, i, Opts::DURATION)?;
    if num.form == Form::Digits && !crate::money::standalone_digits(cx, &num) {
        return None;
    }
    if num.value <= 0.0 {
        return None;
    }
    if num.form == Form::Digits && after_month(cx, num.start) {
        return None;
    }
    if frequency_before(cx, &num) {
        return None;
    }
    if let Some(f) = hours_minutes(cx, &num) {
        return Some(f);
    }
    match unit_after(cx, &num) {
        Some((uw, uend)) => with_unit(cx, num, uw, uend),
        None => range_without_first_unit(cx, num),
    }
}

/// A cheap look at what follows the digits of a candidate that end at
/// `e` (see [`number::digit_run_end`]), before the units-ahead look and
/// the rules: a duration in digits goes on with a unit glued or after a
/// hyphen or slash ("3day", "80-hour", "1/2 day"), a fraction ("2 1/2
/// hours"), a range, or after a space with a unit, a filler ("more",
/// "straight"), a number word ("million") or a joint ("to", "and", "or").
/// It must let through everything [`at`] finds at digits (a test holds it
/// to it).
pub(crate) fn may_follow_digits(cx: &Ctx<'_>, e: usize) -> bool {
    match cx.at(e) {
        Some(c) if c.is_ascii_alphabetic() || c == b'-' || c == b'/' || c >= 0x80 => return true,
        None => return false,
        _ => {}
    }
    let j = cx.skip_ws(e);
    match cx.at(j) {
        Some(b'-') => true,
        Some(c) if c >= 0x80 => true,
        Some(c) if c.is_ascii_alphabetic() => {
            // a unit ("m" too, the glued minute), a joint ("to", "and", "or", "of"), a filler or
            // a number word ("a", "an", "point", "million"): one look-up
            let word = &cx.b[j..cx.letters_end(j)];
            crate::lexicon::entry(word).is_some_and(|en| en.unit.is_some() || en.joint || en.filler || en.num.is_some())
                || word.eq_ignore_ascii_case(b"m")
        }
        _ => number::fraction_may_follow(cx, e),
    }
}

/// Completes "N unit …": fractions, combinations, ranges, qualifiers.
fn with_unit(cx: &Ctx<'_>, num: Num, uw: UnitWord, uend: usize) -> Option<Found> {
    if num.form == Form::Article && ordinal_second(cx, uend) {
        return None;
    }
    if someday(cx, &num, uw, uend) || named(cx, &num, uend) || fiscal_period(cx, &num, uw, uend) {
        return None;
    }
    // "a day when we are not focused", "a year where nothing grew": one
    // day among others, not a length
    if matches!(num.form, Form::Article | Form::Whole)
        && !uw.plural
        && cx.next_word(uend).is_some_and(|w| w.start == uend + 1 && w.is_any(&["when", "where"]))
    {
        return None;
    }
    let mut parts = vec![Part { value: num.value * uw.times, unit: uw.unit }];
    let mut end = uend;
    // "a year and a half", "an hour and half"
    if let Some((f, fe)) = and_half(cx, end) {
        parts[0].value += f * uw.times;
        end = fe;
    } else {
        end = combine(cx, end, &mut parts);
    }
    if rejected_after(cx, end) {
        return None;
    }
    let precision = num.step * uw.times * uw.unit.seconds();
    // "6 weeks to 8 weeks", "two hours or three hours"
    if parts.len() == 1
        && num.form != Form::Vague
        && let Some((hi, hi_end)) = range_tail(cx, num.start, end, true)
        && hi.1 == parts[0].unit
        && hi.0 > parts[0].value
    {
        return Some(make(num.start, hi_end, &parts, Some(hi.0), Qualifier::Range, precision));
    }
    // "a year or two", "an hour or two hours": the article's one up to the number after "or"
    if parts.len() == 1
        && num.form == Form::Article
        && let Some((hi, hi_end)) = article_or(cx, end, uw)
    {
        if rejected_after(cx, hi_end) {
            return None;
        }
        return Some(make(num.start, hi_end, &parts, Some(hi), Qualifier::Range, precision));
    }
    let qual = if num.form == Form::Vague {
        Qualifier::Vague
    } else {
        qualifier::before(cx, num.start, true)
            .map(|q| q.0)
            .or_else(|| qualifier::after(cx, end).map(|q| q.0))
            .unwrap_or(Qualifier::Exact)
    };
    Some(make(num.start, end, &parts, None, qual, precision))
}

/// "1h30", "2h05": whole hours, a glued "h", two digits of minutes
/// (under 60). Not a clock time after a colon ("10:1h30" is no duration).
fn hours_minutes(cx: &Ctx<'_>, num: &Num) -> Option<Found> {
    if num.form != Form::Digits || !num.is_integer() || !matches!(cx.at(num.end), Some(b'h' | b'H')) {
        return None;
    }
    let m0 = num.end + 1;
    let me = cx.digits_end(m0);
    if me != m0 + 2 || !cx.boundary_after(me) || (num.start > cx.start && cx.b[num.start - 1] == b':') {
        return None;
    }
    let minutes = f64::from((cx.b[m0] - b'0') * 10 + (cx.b[m0 + 1] - b'0'));
    if minutes >= 60.0 {
        return None;
    }
    let parts = [Part { value: num.value, unit: TimeUnit::Hour }, Part { value: minutes, unit: TimeUnit::Minute }];
    let qual = qualifier::before(cx, num.start, true).map(|q| q.0).unwrap_or(Qualifier::Exact);
    Some(make(num.start, me, &parts, None, qual, TimeUnit::Minute.seconds()))
}

/// Modal verbs: "one day" right after one means "some day" ("AI could
/// one day replace…", "we will one day see…"), a time, not a length.
const MODALS: &[&str] = &["can", "could", "may", "might", "will", "would", "shall", "should", "must", "ll"];

/// Words that, after "One day" (and a comma or not) at the start of a
/// sentence, make it a story's "once" ("One day he left", "One day, as I
/// walked…"): a subject, or a clause's first word. "One day later", "One
/// day is enough", "One day, two at most" stay lengths.
const STORY_NEXT: &[&str] = &[
    "i", "he", "she", "we", "they", "you", "it", "the", "my", "his", "her", "our", "their", "there", "as", "when",
    "while",
];

/// Words after "to one day" that keep it a length ("cut to one day in
/// May", "limited to one day only"): [`AFTER_A_SECOND`] and these. Any
/// other word in lower case is a verb: "hopes to one day visit".
const AFTER_TO_ONE_DAY: &[&str] =
    &["only", "off", "long", "old", "early", "late", "ahead", "apart", "away", "instead", "max", "maximum", "total"];

/// True when "one day" (in words, singular) ending at `uend` is a time,
/// not a length: after a modal verb ("could one day replace"), between
/// "to" and a verb ("hopes to one day visit"), or opening a sentence
/// before a subject ("One day, he left").
fn someday(cx: &Ctx<'_>, num: &Num, uw: UnitWord, uend: usize) -> bool {
    if !(num.form == Form::Words && num.value == 1.0 && uw.unit == TimeUnit::Day && !uw.plural) {
        return false;
    }
    match cx.prev_word(num.start) {
        Some(p) if p.is_any(MODALS) => true,
        Some(p) if p.is("to") => cx.next_word(uend).is_some_and(|n| {
            n.start == uend + 1
                && cx.b[n.start].is_ascii_lowercase()
                && !n.is_any(AFTER_A_SECOND)
                && !n.is_any(AFTER_TO_ONE_DAY)
        }),
        _ if opens_sentence(cx, num.start) => {
            let comma = usize::from(cx.at(uend) == Some(b','));
            cx.next_word(uend + comma).is_some_and(|n| n.start == uend + comma + 1 && n.is_any(STORY_NEXT))
        }
        // "you will thank me one day.", "it could overtake the US one day,"
        Some(p) => !p.is_any(TAKES_A_LENGTH) && ends_clause(cx, uend) && hoped_for(cx, num.start),
        None => false,
    }
}

/// Words right before a clause-final "one day" that make it a length even
/// in a clause with a modal verb: prepositions and verbs that take a
/// length ("the strike will last one day", "it could take one day", "we
/// will meet for one day").
const TAKES_A_LENGTH: &[&str] = &[
    "for", "in", "within", "after", "before", "than", "about", "around", "nearly", "almost", "only", "just", "least",
    "most", "over", "under", "by", "of", "up", "last", "lasts", "lasted", "take", "takes", "took", "taken", "wait",
    "waited", "stay", "stayed", "spend", "spent", "run", "runs", "need", "needs", "needed", "be", "is", "was", "were",
    "been", "remain", "remained", "extra", "exactly", "barely",
];

/// True when a clause ends at `i`: the sentence's end, or punctuation
/// that closes a clause.
fn ends_clause(cx: &Ctx<'_>, i: usize) -> bool {
    let j = cx.skip_ws(i);
    j >= cx.end || matches!(cx.char_at(j), Some('.' | ',' | ';' | ':' | '!' | '?' | ')' | '—' | '–' | '"' | '”'))
}

/// True when the clause before `i` holds a modal verb or a hope ("will",
/// "could", "hopes"): what it says of "one day" is a time to come.
fn hoped_for(cx: &Ctx<'_>, i: usize) -> bool {
    let clause = &cx.text[cx.start..i];
    // past the mark that opens the clause (a dash is three bytes)
    let from = clause
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, ',' | ';' | ':' | '—' | '–' | '('))
        .map_or(0, |(k, c)| k + c.len_utf8());
    clause[from..]
        .split(|c: char| !c.is_ascii_alphabetic())
        .any(|w| MODALS.iter().chain(HOPES).any(|m| w.eq_ignore_ascii_case(m)))
}

/// Verbs of hoping and the future's "going to": "one day" in their clause
/// is a time to come ("she hopes to visit Japan one day", "someone is
/// going to find it one day").
const HOPES: &[&str] =
    &["won", "going", "gonna", "hope", "hopes", "hoped", "hoping", "dream", "dreams", "dreamed", "wish", "wishes"];

/// True when only whitespace, opening quotes or brackets stand between
/// the sentence's start and `i`.
fn opens_sentence(cx: &Ctx<'_>, i: usize) -> bool {
    cx.text[cx.start..i].chars().all(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«'))
}

/// True when the digits at `i` are the day of a date: a capitalized month
/// name stands right before them ("on November 3—nine days before", "Nov.
/// 3-5 days"), the month's own figure, not the start of a duration.
fn after_month(cx: &Ctx<'_>, i: usize) -> bool {
    let mut j = cx.skip_ws_back(i);
    if j > cx.start && cx.b[j - 1] == b'.' {
        j -= 1;
    }
    if j == i {
        return false;
    }
    cx.prev_word(j).is_some_and(|w| w.end == j && cx.b[w.start].is_ascii_uppercase() && w.is_any(crate::MONTHS))
}

/// True when a number in words and its unit, both capitalized and joined
/// by a hyphen, begin a name with a capitalized word after them: "the
/// Six-Day War", "the Hundred-Year Flood". A headline in title case ("A
/// Two-Year Deal For Acme") keeps its duration.
fn named(cx: &Ctx<'_>, num: &Num, uend: usize) -> bool {
    if num.form != Form::Words || !cx.b[num.start].is_ascii_uppercase() {
        return false;
    }
    let Some(hyphen) = cx.b[num.start..uend].iter().rposition(|&c| c == b'-') else { return false };
    if !cx.at(num.start + hyphen + 1).is_some_and(|c| c.is_ascii_uppercase()) {
        return false;
    }
    cx.next_word(uend).is_some_and(|w| w.start == uend + 1 && cx.b[w.start].is_ascii_uppercase()) && !title_case(cx)
}

/// True when most words of four letters or more in the sentence begin with
/// a capital: a headline in title case.
fn title_case(cx: &Ctx<'_>) -> bool {
    let (mut words, mut capitals) = (0usize, 0usize);
    for w in cx.text[cx.start..cx.end].split(|c: char| !c.is_ascii_alphabetic()) {
        if w.len() >= 4 {
            words += 1;
            capitals += usize::from(w.as_bytes()[0].is_ascii_uppercase());
        }
    }
    words > 0 && capitals * 10 >= words * 7
}

/// True when "full-year" or "half-year" ending at `uend`, with no article
/// before it, names a company's reporting period: "cut full-year sales
/// guidance", "its half-year profit". With an article it is a length: "a
/// full-year subscription", "a full-day workshop".
fn fiscal_period(cx: &Ctx<'_>, num: &Num, uw: UnitWord, uend: usize) -> bool {
    if uw.unit != TimeUnit::Year || uw.plural || !matches!(num.form, Form::Whole | Form::Fraction) {
        return false;
    }
    let written = &cx.b[num.start..uend];
    if !(written.eq_ignore_ascii_case(b"full-year") || written.eq_ignore_ascii_case(b"half-year")) {
        return false;
    }
    !cx.prev_word(num.start).is_some_and(|p| p.is_any(&["a", "an", "one", "another"]))
}

/// True when "a second" ending at `end` is the ordinal: a word other
/// than a function word follows ("a second motor", "a second look", "for
/// a second time"; not "wait a second, …", "a second later", "a second or
/// two"), or a hyphen joins it to one ("a second-term president", "a
/// second-hand car"; not "a second-long pause").
fn ordinal_second(cx: &Ctx<'_>, end: usize) -> bool {
    if end < 6 || !cx.b[end - 6..end].eq_ignore_ascii_case(b"second") {
        return false;
    }
    if cx.at(end) == Some(b'-') {
        return cx.word_at(end + 1).is_some_and(|w| !w.is("long"));
    }
    if cx.at(end) == Some(b',') && second_adjective(cx, end + 1) {
        return true;
    }
    let Some(next) = cx.next_word(end) else { return false };
    if next.start != end + 1 || !cx.b[next.start].is_ascii_lowercase() {
        return false;
    }
    !next.is_any(AFTER_A_SECOND)
}

/// True when an adjective and a noun follow the comma of "a second,"
/// (ending at `i`): "a second, R-rated spin-off", "a second, larger
/// round". The adjective is hyphenated or a comparative; the word after
/// it is not a function word ("wait a second, longer than that" stays a
/// length).
fn second_adjective(cx: &Ctx<'_>, i: usize) -> bool {
    let j = cx.skip_ws(i);
    if j != i + 1 {
        return false;
    }
    // the adjective: letters, hyphens and letters ("R-rated", "full-length")
    let mut e = cx.letters_end(j);
    let mut hyphenated = false;
    while e > j && cx.at(e) == Some(b'-') && cx.at(e + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
        e = cx.letters_end(e + 1);
        hyphenated = true;
    }
    let word = &cx.text[j..e];
    let comparative = word.len() > 4 && (word.ends_with("er") || word.ends_with("est"));
    if !(hyphenated || comparative) || cx.at(e) != Some(b' ') {
        return false;
    }
    cx.word_at(e + 1).is_some_and(|n| cx.boundary_after(n.end) && !n.is_any(AFTER_A_SECOND))
}

/// Words after "a second" the duration: prepositions, conjunctions,
/// pronouns, and words of time.
const AFTER_A_SECOND: &[&str] = &[
    "or", "and", "but", "to", "of", "in", "for", "at", "on", "by", "with", "without", "from", "into", "before",
    "after", "later", "ago", "earlier", "longer", "more", "less", "too", "then", "there", "here", "now", "when",
    "while", "until", "till", "as", "so", "than", "that", "the", "a", "an", "this", "it", "he", "she", "they", "we",
    "i", "you", "his", "her", "their", "my", "our", "your", "is", "was", "per", "each", "every", "please", "just",
];

/// After "a year" ending at `end`: "or two" (or "or two years", the same
/// unit again), giving the upper end in `uw`'s unit and where it ends.
fn article_or(cx: &Ctx<'_>, end: usize, uw: UnitWord) -> Option<(f64, usize)> {
    let or = cx.next_word(end)?;
    if !or.is("or") || or.start - end > 1 {
        return None;
    }
    let n = number::parse(
        cx,
        cx.skip_ws(or.end),
        Opts { articles: false, vague: false, fractions: false, ..Opts::DURATION },
    )?;
    if !matches!(n.form, Form::Digits | Form::Words) || n.value <= 1.0 || n.value > 12.0 || !n.is_integer() {
        return None;
    }
    let n_end = match unit_after(cx, &n) {
        Some((u2, e2)) if u2.unit == uw.unit && u2.times == uw.times => e2,
        Some(_) => return None,
        None => n.end,
    };
    Some((n.value * uw.times, n_end))
}

/// "six to eight weeks", "2-3 days", "between two and three years", "two
/// or three days": the first number has no unit of its own.
fn range_without_first_unit(cx: &Ctx<'_>, num: Num) -> Option<Found> {
    if !matches!(num.form, Form::Digits | Form::Words) {
        return None;
    }
    let ((hi, unit), end) = range_tail(cx, num.start, num.end, false)?;
    if hi <= num.value || rejected_after(cx, end) {
        return None;
    }
    let parts = [Part { value: num.value, unit }];
    Some(make(num.start, end, &parts, Some(hi), Qualifier::Range, num.step * unit.seconds()))
}

/// Connector, number and unit after `end`: " to eight weeks", "-3 days".
/// With `repeat_unit`, the connector follows a first unit already read.
fn range_tail(cx: &Ctx<'_>, start: usize, end: usize, repeat_unit: bool) -> Option<((f64, TimeUnit), usize)> {
    let j = cx.skip_ws(end);
    let k = match cx.char_at(j)? {
        '-' | '‒' | '–' | '—' => {
            if repeat_unit {
                return None;
            }
            cx.skip_ws(j + cx.char_at(j)?.len_utf8())
        }
        _ => {
            let w = cx.word_at(j)?;
            let ok = w.is("to")
                || (w.is("or") && !repeat_unit)
                || (w.is("and") && cx.prev_word(start).is_some_and(|p| p.is("between")));
            if !ok {
                return None;
            }
            cx.skip_ws(w.end)
        }
    };
    let n = number::parse(cx, k, Opts { articles: false, vague: false, fractions: false, ..Opts::DURATION })?;
    if !matches!(n.form, Form::Digits | Form::Words) {
        return None;
    }
    let (uw, uend) = unit_after(cx, &n)?;
    Some(((n.value * uw.times, uw.unit), uend))
}

/// Words allowed between a number and its unit.
pub(crate) const FILLERS: &[&str] =
    &["more", "less", "additional", "extra", "further", "business", "straight", "consecutive", "full"];

/// The unit right after a number, and where it ends.
fn unit_after(cx: &Ctx<'_>, num: &Num) -> Option<(UnitWord, usize)> {
    let e = num.end;
    // glued: "3day", "3.5years", "2ys", "10D", "2m"
    if cx.at(e).is_some_and(|c| c.is_ascii_alphabetic()) {
        if num.form != Form::Digits {
            return None;
        }
        let le = cx.letters_end(e);
        if !cx.boundary_after(le) {
            return None;
        }
        let w = &cx.text[e..le];
        let uw = if w == "m" {
            UnitWord { unit: TimeUnit::Minute, times: 1.0, plural: false, short: true }
        } else {
            unit_word(w)?
        };
        if le - e == 1 && word_follows(cx, le) {
            // "3D printing", "24h news"
            return None;
        }
        // "i5-9300H", "RTX-4090D": the end of a product code (a word with letters before the hyphen; "2-3h" is a range)
        if num.start >= cx.start + 2 && cx.b[num.start - 1] == b'-' {
            let mut code = cx.b[cx.start..num.start - 1].iter().rev().take_while(|c| c.is_ascii_alphanumeric());
            if code.any(u8::is_ascii_alphabetic) {
                return None;
            }
        }
        if w == "m" && !ends_phrase(cx, le) {
            return None;
        }
        return Some((uw, le));
    }
    let mut j;
    let hyphen = cx.at(e) == Some(b'-') && cx.at(e + 1).is_some_and(|c| c.is_ascii_alphabetic());
    if hyphen {
        j = e + 1;
    } else {
        j = cx.skip_ws(e);
        if j == e || cx.gap_wider(e, j, 3) {
            return None;
        }
    }
    // "half an hour", "couple of weeks" (of already read), "three quarters of hours"
    for _ in 0..2 {
        let w = cx.word_at(j)?;
        let filler = (w.is_any(&["a", "an"]) && num.form == Form::Fraction)
            || (w.is("of") && matches!(num.form, Form::Words | Form::Fraction | Form::Vague))
            || (w.is_any(FILLERS) && !hyphen);
        if !filler {
            break;
        }
        j = cx.skip_ws(w.end);
        if j == w.end {
            return None;
        }
    }
    let w = cx.word_at(j)?;
    if !cx.boundary_after(w.end) && cx.at(w.end) != Some(b'-') {
        return None;
    }
    let uw = unit_word(w.s)?;
    match num.form {
        Form::Article | Form::Whole | Form::Fraction => {
            if uw.plural || uw.short {
                return None;
            }
        }
        Form::Vague => {
            if !uw.plural {
                return None;
            }
        }
        Form::Words => {
            if uw.short && w.s.len() == 1 {
                return None;
            }
        }
        Form::Digits => {
            if uw.short && w.s.len() == 1 && (cx.gap_wider(e, j, 1) || word_follows(cx, w.end)) {
                return None;
            }
        }
    }
    Some((uw, w.end))
}

/// True when a letter word follows `i` after optional spaces.
fn word_follows(cx: &Ctx<'_>, i: usize) -> bool {
    cx.at(cx.skip_ws(i)).is_some_and(|c| c.is_ascii_alphabetic())
}

/// True when nothing but punctuation or the sentence end follows `i`.
fn ends_phrase(cx: &Ctx<'_>, i: usize) -> bool {
    let j = cx.skip_ws(i);
    match cx.at(j) {
        None => true,
        Some(c) => {
            matches!(c, b',' | b';' | b')' | b'!' | b'?')
                || (c == b'.' && !cx.at(j + 1).is_some_and(|d| d.is_ascii_digit()))
        }
    }
}

/// " and a half", " and half", " and a quarter" after a unit.
fn and_half(cx: &Ctx<'_>, end: usize) -> Option<(f64, usize)> {
    let (f, fe) = number::and_fraction(cx, end)?;
    // "an hour and a half hour" is not a thing; "and a half" must end here
    if cx.next_word(fe).is_some_and(|w| unit_word(w.s).is_some()) {
        return None;
    }
    Some((f, fe))
}

/// "1 hour 30 minutes", "2 years, 3 months", "1 year, 2 days, 3 hours and
/// 4 seconds", "1 hour and thirty", "2 hours ten". Returns the new end.
fn combine(cx: &Ctx<'_>, mut end: usize, parts: &mut Vec<Part>) -> usize {
    loop {
        let mut k = cx.skip_ws(end);
        let comma = cx.at(k) == Some(b',');
        if comma {
            k = cx.skip_ws(k + 1);
        }
        let mut and = false;
        if let Some(w) = cx.word_at(k)
            && w.is("and")
        {
            k = cx.skip_ws(w.end);
            and = true;
        }
        if k == end {
            return end;
        }
        let Some(n) = number::parse(cx, k, Opts { vague: false, fractions: false, ..Opts::DURATION }) else {
            return end;
        };
        if n.form == Form::Digits && !crate::money::standalone_digits(cx, &n) {
            return end;
        }
        if let Some((uw, ue)) = unit_after(cx, &n) {
            let form_ok = matches!(n.form, Form::Digits | Form::Words) || (n.form == Form::Article && and);
            if parts.iter().any(|p| p.unit == uw.unit) || !form_ok {
                return end;
            }
            parts.push(Part { value: n.value * uw.times, unit: uw.unit });
            end = ue;
            continue;
        }
        // a bare number after hours or minutes: the next smaller unit
        let last = parts.last().map(|p| p.unit);
        let smaller = match last {
            Some(TimeUnit::Hour) => TimeUnit::Minute,
            Some(TimeUnit::Minute) => TimeUnit::Second,
            _ => return end,
        };
        if comma
            || !matches!(n.form, Form::Digits | Form::Words)
            || !n.is_integer()
            || n.value >= 60.0
            || parts.len() > 1
            || cx.next_word(n.end).is_some_and(|w| {
                num_word(w.s).is_some_and(|x| !matches!(x, NumWord::Article)) || unit_word(w.s).is_some()
            })
        {
            return end;
        }
        parts.push(Part { value: n.value, unit: smaller });
        return n.end;
    }
}

/// Builds the found duration from its parts (a range's upper end in the
/// first part's unit).
fn make(start: usize, end: usize, parts: &[Part], hi: Option<f64>, qualifier: Qualifier, precision: f64) -> Found {
    // years with months count twelve months each ("2 years and 3 months" = 27 months)
    let has_month = parts.iter().any(|p| p.unit == TimeUnit::Month);
    let secs_of = |p: &Part| {
        if has_month && p.unit == TimeUnit::Year {
            p.value * 12.0 * TimeUnit::Month.seconds()
        } else {
            p.value * p.unit.seconds()
        }
    };
    let seconds: f64 = parts.iter().map(secs_of).sum();
    let unit = parts.iter().map(|p| p.unit).min().unwrap_or(TimeUnit::Second);
    let amount = round9(seconds / unit.seconds());
    let (seconds_max, amount_max) = match hi {
        Some(h) => (Some(h * parts[0].unit.seconds()), Some(round9(h * parts[0].unit.seconds() / unit.seconds()))),
        None => (None, None),
    };
    Found {
        start,
        end,
        qualifier,
        value: Value::Duration(Duration { seconds, seconds_max, amount, amount_max, unit }),
        precision,
        ambiguity: None,
    }
}

fn round9(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

/// Words after a duration that make it a point in time, an age or compute.
fn rejected_after(cx: &Ctx<'_>, end: usize) -> bool {
    if cx.at(end) == Some(b'-')
        && let Some(w) = cx.word_at(end + 1)
        && w.is_any(&["old", "on", "over", "to", "end", "ago"])
    {
        return true;
    }
    // frequencies joined by hyphens: "24-hours-a-day", "8-hours-per-shift"
    if cx.at(end) == Some(b'-')
        && let Some(w) = cx.word_at(end + 1)
        && cx.at(w.end) == Some(b'-')
        && let Some(u) = cx.word_at(w.end + 1)
        && per_period(&w, &u)
    {
        return true;
    }
    let Some(w) = cx.next_word(end) else {
        return false;
    };
    // "ago", "earlier": points in time; "old": ages; "read": reading times ("3 min read")
    if w.is_any(&["ago", "earlier", "old", "prior", "read", "listen", "watch"]) {
        return true;
    }
    // frequencies: "24 hours a day", "80 hours per week"
    if let Some(u) = cx.next_word(w.end)
        && per_period(&w, &u)
    {
        return true;
    }
    // compute: "80 hours of GPU time", "hours of compute"
    if w.is("of")
        && let Some(n) = cx.next_word(w.end)
        && n.is_any(&[
            "compute",
            "computing",
            "gpu",
            "gpus",
            "cpu",
            "tpu",
            "accelerator",
            "chip",
            "h100",
            "h800",
            "a100",
        ])
    {
        return true;
    }
    false
}

/// "every two weeks", "once a month", "$2 a day", "24 hours a day".
fn frequency_before(cx: &Ctx<'_>, num: &Num) -> bool {
    if let Some(p) = cx.prev_word(num.start)
        && p.is_any(&["every", "each", "per", "once", "twice", "thrice", "times"])
    {
        return true;
    }
    if matches!(num.form, Form::Article | Form::Whole) {
        // something that is itself a figure right before "a" (or "-a-"): "$2 a day", "24 hours
        // a day", "$10bn a year", "a $10bn-a-year business", "24-hours-a-day"
        let mut j = cx.skip_ws_back(num.start);
        if j > cx.start && cx.b[j - 1] == b'-' {
            j -= 1;
        }
        if let Some(c) = cx.char_before(j)
            && (c == '$' || c == '%')
        {
            return true;
        }
        // a token with a digit: "2", "$10bn", "24"
        let mut s = j;
        while s > cx.start && cx.b[s - 1].is_ascii_alphanumeric() {
            s -= 1;
        }
        if cx.b[s..j].iter().any(u8::is_ascii_digit) {
            return true;
        }
        if let Some(p) = cx.prev_word(j)
            && (unit_word(p.s).is_some() || num_word(p.s).is_some_and(|n| matches!(n, NumWord::Magnitude(_))))
        {
            return true;
        }
        // a count of things right before "a": "five miles a week", "three meals a day",
        // "10,000 new units a month"
        if num.form == Form::Article
            && let Some(noun) = cx.prev_word(j).filter(|w| w.end == j && plural_noun(w.s))
        {
            return counted(cx, noun.start);
        }
    }
    false
}

/// Plural nouns that do not end in "s".
const IRREGULAR_PLURALS: &[&str] = &["people", "children", "men", "women", "feet", "teeth", "mice", "geese"];

/// True for a lower-case word that reads as a plural noun: "miles",
/// "meals", "people" (not "is", "was", "this", "across").
fn plural_noun(w: &str) -> bool {
    let b = w.as_bytes();
    b.iter().all(u8::is_ascii_lowercase)
        && ((b.len() >= 4 && b.ends_with(b"s") && !b.ends_with(b"ss") && !b.ends_with(b"us") && !b.ends_with(b"is"))
            || IRREGULAR_PLURALS.contains(&w))
}

/// Words that count things like a number does: "a few pages a day".
const COUNTING: &[&str] = &["few", "several", "many", "more", "dozens", "hundreds", "thousands", "millions"];

/// True when a count stands before the noun at `i`, next to it or with
/// one word between: "five miles", "10,000 steps", "three new cases",
/// "several pages".
fn counted(cx: &Ctx<'_>, i: usize) -> bool {
    let is_count = |at: usize| {
        let e = cx.skip_ws_back(at);
        if e > cx.start && cx.b[e - 1].is_ascii_digit() {
            return true;
        }
        cx.prev_word(at).is_some_and(|w| {
            w.is_any(COUNTING) || num_word(w.s).is_some_and(|n| !matches!(n, NumWord::Unit(0) | NumWord::Unit(1)))
        })
    };
    if is_count(i) {
        return true;
    }
    cx.prev_word(i).filter(|w| w.s.bytes().all(|c| c.is_ascii_lowercase())).is_some_and(|w| is_count(w.start))
}

/// "a day", "per week", "each shift": the period of a frequency, `per`
/// then `period`.
fn per_period(per: &Word<'_>, period: &Word<'_>) -> bool {
    per.is_any(&["a", "an", "per", "each", "every"])
        && (unit_word(period.s).is_some_and(|u| !u.plural) || period.is_any(&["night", "shift"]))
}

/// "1/2 h", "1/2 day", "3/4 hour".
fn slash_fraction(cx: &Ctx<'_>, i: usize) -> Option<Found> {
    let ne = cx.digits_end(i);
    if cx.at(ne) != Some(b'/') || !cx.boundary_before(i) {
        return None;
    }
    let de = cx.digits_end(ne + 1);
    if de == ne + 1 || de - ne > 2 {
        return None;
    }
    let numerator: f64 = cx.text[i..ne].parse().ok()?;
    let denominator: f64 = cx.text[ne + 1..de].parse().ok()?;
    if !(2.0..=4.0).contains(&denominator) || numerator >= denominator {
        return None;
    }
    let num = Num {
        start: i,
        end: de,
        value: numerator / denominator,
        step: 1.0 / denominator,
        form: Form::Digits,
        magnitude: 1.0,
        decimals: true,
        plain: false,
        upper: None,
    };
    let (uw, uend) = unit_after(cx, &num)?;
    if uw.plural && !uw.short {
        return None;
    }
    with_unit(cx, num, uw, uend)
}

/// "weeks or months", "days or weeks", "months or years": vague, from two
/// of the smaller unit up to (not including) twelve of the larger.
fn vague_pair(cx: &Ctx<'_>, i: usize) -> Option<Found> {
    let w = cx.word_at(i)?;
    let a = unit_word(w.s)?;
    if !a.plural || a.short {
        return None;
    }
    let or = cx.next_word(w.end)?;
    if !or.is_any(&["or", "to"]) {
        return None;
    }
    let mut next = cx.next_word(or.end)?;
    if next.is("even") {
        next = cx.next_word(next.end)?;
    }
    let b = unit_word(next.s)?;
    if !b.plural || b.short || b.unit.seconds() * b.times <= a.unit.seconds() * a.times {
        return None;
    }
    // the lower end: two of the smaller unit; the upper: a dozen of the larger
    let parts = [Part { value: 2.0 * a.times, unit: a.unit }];
    let upper = 12.0 * b.times * b.unit.seconds() / a.unit.seconds();
    Some(make(w.start, next.end, &parts, Some(upper), Qualifier::Vague, a.unit.seconds() * a.times))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Ctx, at};
    use crate::corpus::{Expect, run};

    const H: f64 = 3600.0;
    const D: f64 = 86400.0;

    pub(crate) const CORPUS: &[(&str, &[Expect])] = &[
        ("trained for a total of 80 hours", &[Expect::duration("80 hours", 80.0 * H, "hour", "exact")]),
        ("two months", &[Expect::duration("two months", 60.0 * D, "month", "exact")]),
        // "one day" after a modal verb is "some day"; after any other word, a length
        ("AI could one day replace radiologists", &[]),
        ("she hopes it will one day pay off, and that we'll one day see it", &[]),
        ("the strike will last one day", &[Expect::duration("one day", D, "day", "exact")]),
        ("it could take one day", &[Expect::duration("one day", D, "day", "exact")]),
        // between "to" and a verb, "some day" too; before anything else, a length
        ("we would love to one day buy a house", &[]),
        ("she hopes to one day visit Japan", &[]),
        ("the trial was cut to one day.", &[Expect::duration("one day", D, "day", "exact")]),
        ("visits are limited to one day only", &[Expect::duration("one day", D, "day", "exact")]),
        ("it was reduced to one day in 2024", &[Expect::duration("one day", D, "day", "exact")]),
        // opening a sentence before a subject, with a comma or not: a story's "once"
        ("One day, he will return.", &[]),
        ("One day there was a knock", &[]),
        ("“One day the phone rang,” she said.", &[]),
        ("One day later, the deal was off.", &[Expect::duration("One day", D, "day", "exact")]),
        ("One day is enough.", &[Expect::duration("One day", D, "day", "exact")]),
        ("He left. One day, two at most.", &[Expect::duration("One day", D, "day", "exact")]),
        // at the end of a clause with a modal verb or a hope: "some day"; after a verb that takes a length, a length
        ("You will thank me one day.", &[]),
        ("Later — you will thank me one day.", &[]),
        ("Later – it will last one day.", &[Expect::duration("one day", D, "day", "exact")]),
        ("someone will find your login one day—and then", &[]),
        ("someone's going to uncover your password one day", &[]),
        ("China could overtake the US one day, analysts say", &[]),
        ("she hopes to visit Japan one day", &[]),
        ("the strike will last one day.", &[Expect::duration("one day", D, "day", "exact")]),
        ("the deal could close in one day, they said", &[Expect::duration("one day", D, "day", "exact")]),
        ("we worked there one day.", &[Expect::duration("one day", D, "day", "exact")]),
        // "a day when", "a year where": one day among others
        ("every day lost is a day when we are not focused", &[]),
        ("it was a year where nothing grew", &[]),
        ("we waited a day when the road closed", &[]),
        ("it took three days when it rained", &[Expect::duration("three days", 3.0 * D, "day", "exact")]),
        // the day of a date before a dash or a range is not the start of a duration
        ("on November 3—nine days before the announcement", &[Expect::duration("nine days", 9.0 * D, "day", "exact")]),
        ("since Oct. 3, five days", &[Expect::duration("five days", 5.0 * D, "day", "exact")]),
        ("it took 3-5 days", &[Expect::duration_range("3-5 days", 3.0 * D, 5.0 * D, "day")]),
        ("in May 2 days passed", &[]),
        // a name: the number and the unit capitalized and hyphenated, a capitalized word after
        ("the 1967 Six-Day War", &[]),
        ("the Six-Day War began", &[]),
        ("a six-day war", &[Expect::duration("six-day", 6.0 * D, "day", "exact")]),
        ("Acme Signs A Two-Year Deal With Nvidia", &[Expect::duration("Two-Year", 2.0 * 365.0 * D, "year", "exact")]),
        // "full-year" without an article: a company's reporting period
        ("the company cut full-year sales guidance", &[]),
        ("its half-year profit rose", &[]),
        ("a full-year subscription", &[Expect::duration("full-year", 365.0 * D, "year", "exact")]),
        ("a full-day workshop", &[Expect::duration("full-day", D, "day", "exact")]),
        // rates, with or without hyphens: no duration
        ("a $10bn a year business", &[]),
        ("a $10bn-a-year business", &[]),
        ("a $5-a-month plan", &[]),
        ("it costs 10m a year", &[]),
        ("open 24-hours-a-day", &[]),
        ("a 10-hour-a-day job", &[]),
        // "a second" the ordinal, before a noun; the duration otherwise
        ("but a second motor could be installed", &[]),
        ("it took a second look", &[]),
        ("for a second time", &[]),
        ("a second-term president", &[]),
        ("a second-hand car", &[]),
        ("Paramount is working on a second, R-rated Star Trek film", &[]),
        ("it raised a second, larger round", &[]),
        ("wait a second, longer than that", &[Expect::duration("a second", 1.0, "second", "exact")]),
        ("wait a second, he said", &[Expect::duration("a second", 1.0, "second", "exact")]),
        ("after a second-long pause", &[Expect::duration("a second", 1.0, "second", "exact")]),
        ("wait a second, he said", &[Expect::duration("a second", 1.0, "second", "exact")]),
        ("a second later it fell", &[Expect::duration("a second", 1.0, "second", "exact")]),
        ("pause for a second before you answer", &[Expect::duration("a second", 1.0, "second", "exact")]),
        ("it lasted one second longer", &[Expect::duration("one second", 1.0, "second", "exact")]),
        // the article's one up to the number after "or"
        ("sparks a year or two of fury", &[Expect::duration_range("a year or two", 365.0 * D, 730.0 * D, "year")]),
        ("wait a day or two", &[Expect::duration_range("a day or two", D, 2.0 * D, "day")]),
        ("an hour or two hours", &[Expect::duration_range("an hour or two hours", H, 2.0 * H, "hour")]),
        ("a week or two ago", &[]),
        ("a year or 2", &[Expect::duration_range("a year or 2", 365.0 * D, 730.0 * D, "year")]),
        (
            "an hour or two days",
            &[Expect::duration("an hour", H, "hour", "exact"), Expect::duration("two days", 2.0 * D, "day", "exact")],
        ),
        ("an 80-hour run", &[Expect::duration("80-hour", 80.0 * H, "hour", "exact")]),
        ("a 54-day training job", &[Expect::duration("54-day", 54.0 * D, "day", "exact")]),
        ("3day", &[Expect::duration("3day", 3.0 * D, "day", "exact")]),
        ("3.5years", &[Expect::duration("3.5years", 3.5 * 365.0 * D, "year", "exact")]),
        ("3 h", &[Expect::duration("3 h", 3.0 * H, "hour", "exact")]),
        ("1.5 hrs", &[Expect::duration("1.5 hrs", 5400.0, "hour", "exact")]),
        ("twenty min", &[Expect::duration("twenty min", 1200.0, "minute", "exact")]),
        ("a month", &[Expect::duration("a month", 30.0 * D, "month", "exact")]),
        ("for an hour", &[Expect::duration("an hour", H, "hour", "exact")]),
        ("another week", &[Expect::duration("another week", 7.0 * D, "week", "exact")]),
        ("all-day", &[Expect::duration("all-day", D, "day", "exact")]),
        ("half an hour", &[Expect::duration("half an hour", 1800.0, "hour", "exact")]),
        ("a half hour", &[Expect::duration("a half hour", 1800.0, "hour", "exact")]),
        ("1/2 day", &[Expect::duration("1/2 day", 43200.0, "day", "exact")]),
        ("a year and a half", &[Expect::duration("a year and a half", 1.5 * 365.0 * D, "year", "exact")]),
        ("two and a half months", &[Expect::duration("two and a half months", 75.0 * D, "month", "exact")]),
        (
            "one and three quarters of hours",
            &[Expect::duration("one and three quarters of hours", 6300.0, "hour", "exact")],
        ),
        ("1 hour 30 minutes", &[Expect::duration("1 hour 30 minutes", 5400.0, "minute", "exact")]),
        ("the match lasted 1h30", &[Expect::duration("1h30", 5400.0, "minute", "exact")]),
        ("a 2h05 run", &[Expect::duration("2h05", 7500.0, "minute", "exact")]),
        ("about 3h45.", &[Expect::duration("3h45", 13500.0, "minute", "approximate")]),
        ("1h75", &[]),
        ("1h300", &[]),
        ("a two-and-a-half-year project", &[Expect::duration("two-and-a-half-year", 2.5 * 365.0 * D, "year", "exact")]),
        ("1 hour and thirty", &[Expect::duration("1 hour and thirty", 5400.0, "minute", "exact")]),
        ("an hour and 45 minutes", &[Expect::duration("an hour and 45 minutes", 6300.0, "minute", "exact")]),
        ("2 years and 3 months", &[Expect::duration("2 years and 3 months", 27.0 * 30.0 * D, "month", "exact")]),
        (
            "1 year, 2 days, 3 hours and 4 seconds",
            &[Expect::duration("1 year, 2 days, 3 hours and 4 seconds", 31_719_604.0, "second", "exact")],
        ),
        ("six to eight weeks", &[Expect::duration_range("six to eight weeks", 42.0 * D, 56.0 * D, "week")]),
        ("2-3 days", &[Expect::duration_range("2-3 days", 2.0 * D, 3.0 * D, "day")]),
        ("under six weeks", &[Expect::duration("six weeks", 42.0 * D, "week", "less_than")]),
        ("almost three weeks", &[Expect::duration("three weeks", 21.0 * D, "week", "approximate")]),
        ("more than a year", &[Expect::duration("a year", 365.0 * D, "year", "more_than")]),
        ("it took over 80 hours", &[Expect::duration("80 hours", 80.0 * H, "hour", "more_than")]),
        ("R1 was trained over 90 days", &[Expect::duration("90 days", 90.0 * D, "day", "exact")]),
        ("several weeks", &[Expect::duration("several weeks", 21.0 * D, "week", "vague")]),
        ("Dell G3 15 Intel Core i5-9300H 15\" laptop", &[]),
        ("it took 2-3h.", &[Expect::duration_range("2-3h", 2.0 * H, 3.0 * H, "hour")]),
        // a figure dash joins a range; invisible format characters stand for whitespace
        ("2\u{2012}3 weeks", &[Expect::duration_range("2\u{2012}3 weeks", 14.0 * D, 21.0 * D, "week")]),
        ("it took 3\u{200b} hours", &[Expect::duration("3\u{200b} hours", 3.0 * H, "hour", "exact")]),
        ("for 5\u{ad}days", &[Expect::duration("5\u{ad}days", 5.0 * D, "day", "exact")]),
        ("a 2\u{200c} year run", &[Expect::duration("2\u{200c} year", 365.0 * 2.0 * D, "year", "exact")]),
        ("it took about\u{200e} 80 hours", &[Expect::duration("80 hours", 80.0 * H, "hour", "approximate")]),
        (
            "six\u{2060} to eight weeks",
            &[Expect::duration_range("six\u{2060} to eight weeks", 42.0 * D, 56.0 * D, "week")],
        ),
        // a whole number and a fraction
        ("2 1/2 months", &[Expect::duration("2 1/2 months", 75.0 * D, "month", "exact")]),
        ("1½ hours", &[Expect::duration("1½ hours", 1.5 * 3600.0, "hour", "exact")]),
        ("open 24/7 for 3 days", &[Expect::duration("3 days", 3.0 * D, "day", "exact")]),
        ("a couple of days", &[Expect::duration("a couple of days", 2.0 * D, "day", "vague")]),
        ("for weeks or months", &[Expect::duration_vague("weeks or months", 14.0 * D, 360.0 * D, "week")]),
        ("it could take weeks to months", &[Expect::duration_vague("weeks to months", 14.0 * D, 360.0 * D, "week")]),
        ("2 more minutes", &[Expect::duration("2 more minutes", 120.0, "minute", "exact")]),
        ("three weekends", &[Expect::duration("three weekends", 6.0 * D, "day", "exact")]),
        // not durations
        ("in 2023", &[]),
        ("October 2022", &[]),
        ("mid-2023", &[]),
        ("the 1990s", &[]),
        ("on Tuesday", &[]),
        ("last year", &[]),
        ("in recent months", &[]),
        ("a 62-year-old engineer", &[]),
        ("she is 62 years old", &[]),
        ("two years ago", &[]),
        ("24 hours a day", &[]),
        ("it costs $2 a day", &[]),
        // a count of things before "a <unit>": the period of a rate
        ("he runs five miles a week", &[]),
        ("she works two shifts a day", &[]),
        ("it ships 10,000 units a month", &[]),
        ("five new cases a day", &[]),
        ("a few pages a day", &[]),
        ("it sees 300 people a day", &[]),
        ("she read 20 pages in a week", &[Expect::duration("a week", 7.0 * D, "week", "exact")]),
        ("the two sides met a week later", &[Expect::duration("a week", 7.0 * D, "week", "exact")]),
        ("its costs a year later", &[Expect::duration("a year", 365.0 * D, "year", "exact")]),
        ("every two weeks", &[]),
        ("open 24/7", &[]),
        ("2.8 million GPU hours", &[]),
        ("for months", &[]),
        ("minutes", &[]),
        ("I second that", &[]),
        ("at 5 p.m.", &[]),
        ("3D printing", &[]),
        ("Posted 19 Mar 2025 · 3 min read", &[]),
        ("call 555-1234", &[]),
        ("a 62\u{200b}-year-old engineer", &[]),
        ("in 2022\u{2012}2023", &[]),
    ];

    #[test]
    fn corpus() {
        run("duration", CORPUS, crate::Kind::Duration);
    }

    /// The scanner tries these rules only where a unit word lies ahead
    /// (`scan::next_unit`): no duration may start where none does. Checked
    /// at every position of the corpus, the fixture articles, the peer
    /// suites and generated phrases.
    #[test]
    fn every_duration_has_a_unit_ahead() {
        let units: Vec<&str> = crate::lexicon::UNIT_WORDS.iter().map(|u| u.0).collect();
        let parts = [
            vec!["", "took ", "for ", "between ", "about ", "a ", "In "],
            vec!["10", "2.5", "2 1/2", "2½", "1/2", "five", "an", "a few", "several", "1h", "24"],
            crate::corpus::joints(&[" and a half ", " more ", " long "]),
            vec!["", "20 ", "six ", "million ", "hour ", "year and ", "straight ", "full ", "GPU "],
            units,
        ];
        let texts = crate::corpus::gate_texts(&CORPUS.iter().map(|c| c.0).collect::<Vec<_>>(), &parts, 50_000);
        let mut found = 0;
        for t in &texts {
            let cx = Ctx::new(t, crate::Span::new(0, t.len()));
            for i in (0..t.len()).filter(|&i| t.is_char_boundary(i)) {
                if let Some(f) = at(&cx, i) {
                    found += 1;
                    let unit = crate::scan::next_unit(&cx, i);
                    assert!(unit.is_some_and(|u| u < f.end), "{:?} at {i} in {t:?}", &t[f.start..f.end]);
                }
            }
        }
        assert!(found > 10_000, "only {found} durations");
        // and the look at what follows digits
        crate::corpus::assert_gate(
            "durations after digits",
            &texts,
            5_000,
            crate::corpus::digit_token_start,
            |cx, i| super::may_follow_digits(cx, crate::number::digit_run_end(cx, i)),
            at,
        );
    }
}
