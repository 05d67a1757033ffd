//! Qualifiers: the words around a figure that say how exact it is.
//!
//! Before the figure: "about", "more than", "in excess of", "“much more”
//! than", "at least", "up to", "under"… After it: "or more", "or so",
//! "-plus". Quotes between the words are skipped, so a quoted qualifier
//! still counts. The phrase table below is the rule; the corpus at the
//! bottom shows it at work.
//!
//! "Over" before a duration is ambiguous: "took over 80 hours" is more than
//! 80 hours, "trained over 90 days" is a duration of 90 days. The word
//! before "over" decides: after a verb of measuring time ("took",
//! "lasted", "for", "of"…) or at the start of a clause it means "more
//! than"; after any other word ("trained", "GPUs") or a figure ("512
//! H800s", "$5bn") it means "during".

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::Qualifier;
use crate::lexicon::{MAX_LEN, lower};
use crate::scan::{Ctx, Word};

/// Qualifier phrases before a figure, longest first within each word count.
const BEFORE: &[(&[&str], Qualifier)] = {
    use Qualifier::*;
    &[
        (&["on", "the", "order", "of"], Approximate),
        (&["in", "the", "region", "of"], Approximate),
        (&["in", "the", "neighborhood", "of"], Approximate),
        (&["in", "excess", "of"], MoreThan),
        (&["much", "more", "than"], MoreThan),
        (&["far", "more", "than"], MoreThan),
        (&["well", "more", "than"], MoreThan),
        (&["a", "little", "over"], MoreThan),
        (&["no", "less", "than"], AtLeast),
        (&["not", "less", "than"], AtLeast),
        (&["no", "fewer", "than"], AtLeast),
        (&["a", "minimum", "of"], AtLeast),
        (&["no", "more", "than"], AtMost),
        (&["not", "more", "than"], AtMost),
        (&["a", "maximum", "of"], AtMost),
        (&["as", "much", "as"], AtMost),
        (&["as", "many", "as"], AtMost),
        (&["as", "long", "as"], AtMost),
        (&["as", "high", "as"], AtMost),
        (&["a", "little", "under"], LessThan),
        (&["an", "estimated"], Approximate),
        (&["close", "to"], Approximate),
        (&["an", "approximate"], Approximate),
        (&["more", "than"], MoreThan),
        (&["greater", "than"], MoreThan),
        (&["higher", "than"], MoreThan),
        (&["well", "over"], MoreThan),
        (&["well", "above"], MoreThan),
        (&["just", "over"], MoreThan),
        (&["just", "above"], MoreThan),
        (&["upwards", "of"], MoreThan),
        (&["upward", "of"], MoreThan),
        (&["north", "of"], MoreThan),
        (&["at", "least"], AtLeast),
        (&["minimum", "of"], AtLeast),
        (&["less", "than"], LessThan),
        (&["fewer", "than"], LessThan),
        (&["lower", "than"], LessThan),
        (&["just", "under"], LessThan),
        (&["just", "below"], LessThan),
        (&["well", "under"], LessThan),
        (&["well", "below"], LessThan),
        (&["shy", "of"], LessThan),
        (&["short", "of"], LessThan),
        (&["up", "to"], AtMost),
        (&["at", "most"], AtMost),
        (&["maximum", "of"], AtMost),
        (&["a", "mere"], Exact),
        (&["about"], Approximate),
        (&["around"], Approximate),
        (&["roughly"], Approximate),
        (&["nearly"], Approximate),
        (&["almost"], Approximate),
        (&["approximately"], Approximate),
        (&["approx"], Approximate),
        (&["circa"], Approximate),
        (&["some"], Approximate),
        (&["estimated"], Approximate),
        (&["over"], MoreThan),
        (&["above"], MoreThan),
        (&["exceeding"], MoreThan),
        (&["beyond"], MoreThan),
        (&["under"], LessThan),
        (&["below"], LessThan),
        (&["within"], AtMost),
        (&["just"], Exact),
        (&["only"], Exact),
        (&["exactly"], Exact),
        (&["precisely"], Exact),
        (&["mere"], Exact),
    ]
};

/// The type of [`BY_LAST_WORD`].
type ByLastWord = HashMap<&'static [u8], (Vec<usize>, usize), fnv::FnvBuildHasher>;

/// The phrases of [`BEFORE`] by their last word, in lower case: their
/// places in [`BEFORE`] (in its order) and how many words before the last
/// one must be read to match any of them. Most figures have no qualifier,
/// and the word before them rules every phrase out at one look-up; the
/// others are compared with the few phrases that end in it.
static BY_LAST_WORD: LazyLock<ByLastWord> = LazyLock::new(|| {
    let mut map = ByLastWord::default();
    for (k, (phrase, _)) in BEFORE.iter().enumerate() {
        let last = phrase[phrase.len() - 1];
        assert!(last.len() <= MAX_LEN && last.bytes().all(|c| c.is_ascii_lowercase()), "{last}");
        let entry = map.entry(last.as_bytes()).or_default();
        entry.0.push(k);
        // "over" before a duration reads the word before it ([`MEASURING`])
        let more = if last == "over" { phrase.len().max(2) } else { phrase.len() } - 1;
        entry.1 = entry.1.max(more);
    }
    map
});

/// Words after which "over" before a duration means "more than" ("took over
/// 80 hours", "for over a year"); after any other word it means "during"
/// ("trained over 90 days", "on 4,096 GPUs over 54 days").
const MEASURING: &[&str] = &[
    "took", "take", "takes", "taking", "lasted", "last", "lasts", "lasting", "spent", "spend", "needed", "need",
    "needs", "required", "require", "requires", "is", "was", "were", "are", "be", "been", "of", "for", "in", "after",
    "than", "just", "well", "ran", "runs", "run",
];

/// Reads the words before `i` into `out`, the nearest first, as many as it
/// holds, skipping whitespace and quote marks.
fn words_before<'t>(cx: &Ctx<'t>, mut i: usize, out: &mut [Option<Word<'t>>]) {
    for slot in out.iter_mut() {
        loop {
            let j = cx.skip_ws_back(i);
            match cx.char_before(j) {
                Some(c @ ('"' | '\'' | '“' | '”' | '‘' | '’')) => i = j - c.len_utf8(),
                _ => {
                    i = j;
                    break;
                }
            }
        }
        let mut s = i;
        while s > cx.start && cx.b[s - 1].is_ascii_alphabetic() {
            s -= 1;
        }
        if s == i || !cx.boundary_before(s) {
            *slot = None;
            return;
        }
        *slot = Some(Word { start: s, end: i, s: &cx.text[s..i] });
        i = s;
    }
}

/// The qualifier written before a figure that starts at `start`, with the
/// start of the qualifier phrase. `duration` turns on the "over" rule.
pub(crate) fn before(cx: &Ctx<'_>, start: usize, duration: bool) -> Option<(Qualifier, usize)> {
    // symbols glued to the figure: ~$5m, >100, <10
    if let Some(c) = cx.char_before(start) {
        match c {
            '~' | '≈' => return Some((Qualifier::Approximate, start - c.len_utf8())),
            '>' => return Some((Qualifier::MoreThan, start - 1)),
            '<' => return Some((Qualifier::LessThan, start - 1)),
            '≥' => return Some((Qualifier::AtLeast, start - c.len_utf8())),
            '≤' => return Some((Qualifier::AtMost, start - c.len_utf8())),
            _ => {}
        }
    }
    // most figures have no qualifier: rule them out on the last word alone
    let mut words: [Option<Word<'_>>; 4] = [None; 4];
    words_before(cx, start, &mut words[..1]);
    let last = words[0]?;
    let mut buf = [0u8; MAX_LEN];
    let n = lower(last.s.as_bytes(), &mut buf)?;
    let (phrases, more) = BY_LAST_WORD.get(&buf[..n])?;
    words_before(cx, last.start, &mut words[1..=*more]);
    for &k in phrases {
        let (phrase, q) = &BEFORE[k];
        let n = phrase.len();
        // the last word is known to match
        let matched = (0..n - 1).all(|k| matches!(words[n - 1 - k], Some(w) if w.is(phrase[k])));
        if !matched {
            continue;
        }
        let first = words[n - 1].expect("matched");
        if duration && n == 1 && phrase[0] == "over" {
            // "trained over 90 days": during, not more than
            let during = match words[1] {
                Some(verb) => !verb.is_any(MEASURING),
                // no word before: "over" opens a clause ("The run, over 80 hours"), or it follows
                // a figure or a code ("512 H800s over two months", "$5bn over four years"): during
                None => cx.char_before(cx.skip_ws_back(first.start)).is_some_and(char::is_alphanumeric),
            };
            if during {
                return None;
            }
        }
        return Some((*q, first.start));
    }
    None
}

/// True when a number or a currency sign comes next after `i` (past
/// whitespace): "plus" before it adds an amount ("plus $50", "plus €5"),
/// not "or more". The signs are those the money rules read before a
/// number ([`crate::money::is_symbol_start`]).
fn amount_follows(cx: &Ctx<'_>, i: usize) -> bool {
    let j = cx.skip_ws(i);
    let rest = &cx.b[j..cx.end];
    rest.first().is_some_and(|&c| c.is_ascii_digit() || c == b'$') || crate::money::is_symbol_start(rest)
}

/// A qualifier written after a figure that ends at `end` ("or more", "or
/// so", "-plus", "+"), with the end of the phrase.
pub(crate) fn after(cx: &Ctx<'_>, end: usize) -> Option<(Qualifier, usize)> {
    if cx.at(end) == Some(b'+') && cx.boundary_after(end + 1) {
        return Some((Qualifier::AtLeast, end + 1));
    }
    if cx.starts_with_ic(end, "-plus") && cx.boundary_after(end + 5) {
        return Some((Qualifier::AtLeast, end + 5));
    }
    let w = cx.next_word(end)?;
    if w.is("plus") && !amount_follows(cx, w.end) {
        // "$100 million plus", but "$549 plus $50 in credit" is a sum
        return Some((Qualifier::AtLeast, w.end));
    }
    if !w.is("or") {
        return None;
    }
    let n = cx.next_word(w.end)?;
    let q = if n.is_any(&["more", "above", "higher", "greater"]) {
        Qualifier::AtLeast
    } else if n.is_any(&["so", "thereabouts"]) {
        Qualifier::Approximate
    } else if n.is_any(&["less", "fewer", "below", "lower"]) {
        Qualifier::AtMost
    } else {
        return None;
    };
    Some((q, n.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    /// Corpus: the figure is marked with `#`; the qualifier read before (and, when no
    /// qualifier comes before, after) it.
    const CORPUS: &[(&str, Option<Qualifier>)] = {
        use Qualifier::*;
        &[
            ("cost about #$5m", Some(Approximate)),
            ("cost “much more” than #$100 million", Some(MoreThan)),
            ("cost well over #$100 million", Some(MoreThan)),
            ("spending in excess of #$100 million", Some(MoreThan)),
            ("at least #$1.42", Some(AtLeast)),
            ("no more than #7 euros", Some(AtMost)),
            ("up to #$4 billion", Some(AtMost)),
            ("cost just #$294,000", Some(Exact)),
            ("an estimated #$5m", Some(Approximate)),
            ("some #30,000 Blackwell GPUs", Some(Approximate)),
            ("less than #7 EUR", Some(LessThan)),
            ("~#$5m", Some(Approximate)),
            ("took over #80 hours", Some(MoreThan)),
            ("for over #80 hours", Some(MoreThan)),
            ("trained over #90 days", None),
            ("trained on 4,096 GPUs over #54 days", None),
            ("trained on 2,048 H800s over #60 days", None),
            ("will spend $100bn-$500bn over #90 days", None),
            ("The run, over #80 hours", Some(MoreThan)),
            ("over #90 days", Some(MoreThan)),
            ("the #$5m", None),
            ("it said #$5m", None),
        ]
    };

    #[test]
    fn corpus() {
        let mut failures = Vec::new();
        for &(input, want) in CORPUS {
            let at = input.find('#').unwrap();
            let text = input.replacen('#', "", 1);
            let cx = Ctx::new(&text, Span::new(0, text.len()));
            let got = before(&cx, at, text.contains("hours") || text.contains("days")).map(|q| q.0);
            if got != want {
                failures.push(format!("{input:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// [`before`] as it was written first: the last word looked for among
    /// all the phrases' last words, then every phrase of [`BEFORE`] tried.
    fn before_by_walk(cx: &Ctx<'_>, start: usize, duration: bool) -> Option<(Qualifier, usize)> {
        if let Some(c) = cx.char_before(start)
            && matches!(c, '~' | '≈' | '>' | '<' | '≥' | '≤')
        {
            return before(cx, start, duration);
        }
        let mut words: [Option<Word<'_>>; 4] = [None; 4];
        words_before(cx, start, &mut words[..1]);
        let last = words[0]?;
        if !BEFORE.iter().any(|(p, _)| last.is(p[p.len() - 1])) {
            return None;
        }
        words_before(cx, last.start, &mut words[1..]);
        for (phrase, q) in BEFORE {
            let n = phrase.len();
            if !(0..n).all(|k| matches!(words[n - 1 - k], Some(w) if w.is(phrase[k]))) {
                continue;
            }
            let first = words[n - 1].expect("matched");
            if duration && n == 1 && phrase[0] == "over" {
                let during = match words[1] {
                    Some(verb) => !verb.is_any(MEASURING),
                    None => cx.char_before(cx.skip_ws_back(first.start)).is_some_and(char::is_alphanumeric),
                };
                if during {
                    return None;
                }
            }
            return Some((*q, first.start));
        }
        None
    }

    #[test]
    fn phrases_by_their_last_word_read_what_every_phrase_read() {
        let mut texts = Vec::new();
        for lead in ["", "It took ", "trained ", "the ", "a ", "cost “", "512 H800s ", "as ", "not ", "in the "] {
            for (phrase, _) in BEFORE {
                for joint in [" ", " “", "” "] {
                    let words = phrase.join(joint);
                    texts.push(format!("{lead}{words} #$5m"));
                    texts.push(format!("{lead}{} #80 hours", words.to_uppercase()));
                    // the phrase without its first word, and with a word too many
                    texts.push(format!("{lead}{} #$5m", phrase[1..].join(" ")));
                    texts.push(format!("{lead}{words} more #5 days"));
                }
            }
        }
        let mut found = 0;
        for input in &texts {
            let at = input.find('#').unwrap();
            let text = input.replacen('#', "", 1);
            let cx = Ctx::new(&text, Span::new(0, text.len()));
            for duration in [false, true] {
                let got = before(&cx, at, duration);
                assert_eq!(got, before_by_walk(&cx, at, duration), "{input:?}");
                found += usize::from(got.is_some());
            }
        }
        assert!(found > 1000, "{found} qualifiers read");
    }

    #[test]
    fn after_the_figure() {
        for (text, end, want) in [
            ("$100 million or more", 12, Some(Qualifier::AtLeast)),
            ("$5 million or so", 10, Some(Qualifier::Approximate)),
            ("100+ GPUs", 3, Some(Qualifier::AtLeast)),
            ("$100 million-plus", 12, Some(Qualifier::AtLeast)),
            ("$5 million or $6 million", 10, None),
            ("$100 million plus", 12, Some(Qualifier::AtLeast)),
            ("$100 million plus, in cash", 12, Some(Qualifier::AtLeast)),
            // a sum, not "or more"
            ("$549 Plus $50 Dell eGift Card", 4, None),
            ("€5m plus €2m in fees", 5, None),
            ("$5 million plus 20% of sales", 10, None),
        ] {
            let cx = Ctx::new(text, Span::new(0, text.len()));
            assert_eq!(after(&cx, end).map(|q| q.0), want, "{text}");
        }
    }
}
