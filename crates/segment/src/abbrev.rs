//! Abbreviations, titles, initials and clock times: whether a full stop
//! after a word ends the sentence, given the word after it.
//!
//! The word before the stop is sorted into a [`Class`]; the class and the
//! next word (its case, and whether it is a word that typically starts a
//! sentence) decide. The hard case is an abbreviation that really does end
//! the sentence ("…made in the U.S. The company said…"): for the classes
//! that can end a sentence, a following sentence starter ("The", "It",
//! "How"…) or a line break ends it, any other capitalized word ("U.S.
//! Government") does not.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::chars::{Case, Next, char_at, char_before, word_start};

/// How a word before a full stop behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Titles and prepositive abbreviations ("Mr.", "Dr.", "Gen.", "e.g."):
    /// never end a sentence.
    Title,
    /// Abbreviations that come before a number ("No. 5", "p. 55", "Fig. 2"):
    /// do not end before a digit; otherwise an ordinary word.
    Numeric,
    /// Months ("Jan. 5"): do not end before a digit; otherwise ambiguous.
    Month,
    /// Abbreviations that may end a sentence ("U.S.", "Inc.", "Co.", "etc.",
    /// "Jr."): end before a sentence starter or at a line break.
    Ambiguous,
    /// "a.m." and "p.m.": end before a capital unless it names a day, month
    /// or time zone, or the sentence so far is only a fronted time phrase.
    Time,
    /// A single capital letter ("J."): an initial unless a sentence starter
    /// follows, or it is the pronoun "I" after a lowercase word.
    Initial,
    /// Any other word: a stop before a capital or a digit ends the sentence.
    Ordinary,
}

/// Titles and prepositive abbreviations, lowercase, without the final stop.
const TITLES: &[&str] = &[
    "adm", "a.k.a", "amb", "approx", "asst", "atty", "brig", "ca", "capt", "cdr", "cf", "cmdr", "col", "cpl", "det",
    "dr", "drs", "e.g", "esp", "fr", "gen", "gov", "govs", "hon", "i.e", "incl", "insp", "lt", "maj", "messrs", "mmes",
    "mr", "mrs", "ms", "msgr", "mt", "pres", "prof", "profs", "pvt", "rep", "reps", "rev", "rt", "sen", "sens", "sgt",
    "supt", "v", "viz", "vs",
];

/// Abbreviations that precede numbers, lowercase, without the final stop
/// (including currency abbreviations: "Rs. 20", "Fr. 50").
const NUMERIC: &[&str] = &[
    "art", "arts", "ch", "chap", "eq", "eqs", "est", "ext", "fig", "figs", "n°", "nº", "no", "nos", "p", "para",
    "paras", "pp", "pt", "pts", "ref", "refs", "rs", "sec", "secs", "tel", "ver", "vol", "vols",
];

/// Month abbreviations, lowercase, without the final stop.
const MONTHS: &[&str] = &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"];

/// Abbreviations that can end a sentence, lowercase, without the final stop.
/// (Multi-period abbreviations such as "U.S." or "Ph.D." need no entry.)
const AMBIGUOUS: &[&str] = &[
    "al", "assn", "ave", "blvd", "bros", "co", "corp", "cos", "dept", "esq", "etc", "ft", "govt", "hwy", "inc", "intl",
    "jr", "llc", "ltd", "mfg", "natl", "plc", "rd", "sr", "st", "univ",
];

/// Abbreviations that can end a sentence only as written here (capitalized):
/// U.S. states, which are also English words in lowercase. States that are
/// also common names ("Mo.", "Del.", "Penn.") and weekdays ("Sun.", "Wed.")
/// are left out: as names they end sentences.
const AMBIGUOUS_CASED: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill", "Kan", "Kans", "Ky", "La", "Mass", "Md", "Mich",
    "Minn", "Miss", "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis",
    "Wisc", "Wyo",
];

/// Clock-time abbreviations, lowercase, without the final stop.
const TIMES: &[&str] = &["a.m", "p.m"];

/// Capitalized words that typically start a sentence (pronouns, articles,
/// conjunctions, sentence adverbs); after an ambiguous abbreviation or an
/// initial they mean the sentence ended.
const STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "Afterwards",
    "Again",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "Did",
    "Do",
    "Does",
    "Dr",
    "During",
    "Each",
    "Earlier",
    "Either",
    "Even",
    "Every",
    "Few",
    "Following",
    "For",
    "From",
    "Further",
    "Furthermore",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Indeed",
    "Instead",
    "Is",
    "It",
    "Its",
    "Just",
    "Last",
    "Later",
    "Let",
    "Many",
    "Meanwhile",
    "More",
    "Moreover",
    "Most",
    "Mr",
    "Mrs",
    "Ms",
    "Much",
    "My",
    "Neither",
    "Nevertheless",
    "No",
    "None",
    "Nor",
    "Not",
    "Now",
    "On",
    "Once",
    "Only",
    "Or",
    "Other",
    "Others",
    "Our",
    "Overall",
    "Perhaps",
    "Please",
    "Previously",
    "Several",
    "She",
    "Should",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Too",
    "Unlike",
    "Until",
    "Was",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Whose",
    "Why",
    "With",
    "Without",
    "Would",
    "Yes",
    "Yesterday",
    "Yet",
    "You",
    "Your",
];

/// Capitalized words that continue a clock time ("5 p.m. Monday", "9 a.m.
/// ET"): days, months and time zones.
const TIME_WORDS: &[&str] = &[
    "AEDT",
    "AEST",
    "April",
    "Apr",
    "Aug",
    "August",
    "BST",
    "CDT",
    "CEST",
    "CET",
    "CST",
    "Central",
    "Dec",
    "December",
    "EDT",
    "EST",
    "ET",
    "Eastern",
    "Feb",
    "February",
    "Fri",
    "Friday",
    "GMT",
    "HKT",
    "IST",
    "Jan",
    "January",
    "JST",
    "Jul",
    "July",
    "Jun",
    "June",
    "MDT",
    "MST",
    "Mar",
    "March",
    "May",
    "Mon",
    "Monday",
    "Mountain",
    "Nov",
    "November",
    "Oct",
    "October",
    "PDT",
    "PST",
    "PT",
    "Pacific",
    "Sat",
    "Saturday",
    "Sept",
    "Sep",
    "September",
    "Sun",
    "Sunday",
    "Thu",
    "Thursday",
    "Tue",
    "Tuesday",
    "UTC",
    "Wed",
    "Wednesday",
];

/// Lowercase first words of a fronted time phrase ("At 5 a.m. Mr. Smith…").
const FRONTING: &[&str] = &[
    "about",
    "after",
    "approximately",
    "around",
    "at",
    "before",
    "by",
    "from",
    "near",
    "roughly",
    "shortly",
    "since",
    "till",
    "until",
];

type Set = HashSet<&'static [u8], fnv::FnvBuildHasher>;

struct Tables {
    /// The shapes of the words of `uncased` and `cased` ([`shape`]): a
    /// word whose shape is not here is in neither, and is not hashed.
    shapes: [u64; 13 * 32],
    uncased: HashMap<&'static [u8], Class, fnv::FnvBuildHasher>,
    cased: Set,
    starters: Set,
    time_words: Set,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut uncased = HashMap::default();
    for (list, class) in [
        (TITLES, Class::Title),
        (NUMERIC, Class::Numeric),
        (MONTHS, Class::Month),
        (AMBIGUOUS, Class::Ambiguous),
        (TIMES, Class::Time),
    ] {
        for w in list {
            uncased.insert(w.as_bytes(), class);
        }
    }
    let set = |l: &[&'static str]| l.iter().map(|w| w.as_bytes()).collect::<Set>();
    let cased = set(AMBIGUOUS_CASED);
    let mut shapes = [0u64; 13 * 32];
    for w in uncased.keys().chain(cased.iter()) {
        let (row, bit) = shape(w).expect("listed words have 1 to 12 bytes");
        shapes[row] |= bit;
    }
    Tables { shapes, uncased, cased, starters: set(STARTERS), time_words: set(TIME_WORDS) }
});

/// The shape of a word of 1 to 12 bytes, in any ASCII case: a row of
/// [`Tables::shapes`] for its length and first byte, and a bit for its
/// last byte. Bytes share rows and bits (only the low five or six bits
/// are kept), so a word may share its shape with a listed word and still
/// be unlisted; a word whose shape no listed word has is unlisted.
fn shape(word: &[u8]) -> Option<(usize, u64)> {
    let (&first, &last) = (word.first()?, word.last()?);
    (word.len() <= 12).then(|| {
        let row = word.len() * 32 + usize::from(first.to_ascii_lowercase() & 31);
        (row, 1u64 << (last.to_ascii_lowercase() & 63))
    })
}

/// The class of `word`, the text between the previous space and the stop.
pub(crate) fn classify(word: &[u8]) -> Class {
    let Some((row, bit)) = shape(word) else {
        return Class::Ordinary;
    };
    let t = &*TABLES;
    // most words before a stop ("said", "year") have no listed word's shape
    if t.shapes[row] & bit != 0 {
        let mut low = [0u8; 12];
        for (d, s) in low.iter_mut().zip(word) {
            *d = s.to_ascii_lowercase();
        }
        if let Some(&c) = t.uncased.get(&low[..word.len()]) {
            return c;
        }
        if t.cased.contains(word) {
            return Class::Ambiguous;
        }
    }
    // one character: at most four bytes
    if word.len() <= 4
        && let Ok(s) = std::str::from_utf8(word)
    {
        let mut cs = s.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            if c.is_uppercase() {
                return Class::Initial;
            }
        }
    }
    // "U.S", "U.S.A", "Ph.D", "N.Y": letters in dotted groups of one or two
    if word.contains(&b'.')
        && word.split(|&c| c == b'.').all(|g| (1..=2).contains(&g.len()) && g.iter().all(u8::is_ascii_alphabetic))
    {
        return Class::Ambiguous;
    }
    Class::Ordinary
}

/// True when `word` typically starts a sentence.
pub(crate) fn is_starter(word: &[u8]) -> bool {
    TABLES.starters.contains(word)
}

fn is_time_word(word: &[u8]) -> bool {
    TABLES.time_words.contains(word)
}

/// True when the sentence from `sent` up to `word` is a short fronted time
/// phrase such as "At 5" (so "At 5 a.m." cannot be a sentence by itself).
fn fronted_time(text: &str, sent: usize, word: usize) -> bool {
    let Some(head) = text.get(sent..word) else {
        return false;
    };
    let mut tokens = head.split_whitespace();
    let Some(first) = tokens.next() else {
        return false;
    };
    tokens.take(3).count() <= 2 && FRONTING.iter().any(|f| first.eq_ignore_ascii_case(f))
}

/// True when the word before `word` (within the sentence) starts lowercase.
fn previous_word_lower(text: &str, word: usize, sent: usize) -> bool {
    let mut end = word;
    while end > sent {
        match char_before(text, end) {
            Some((s, c)) if c.is_whitespace() && s >= sent => end = s,
            _ => break,
        }
    }
    if end <= sent {
        return false;
    }
    word_start(text, end, sent)
        .and_then(|s| text.get(s..end))
        .and_then(|w| w.chars().find(|c| c.is_alphanumeric()))
        .is_some_and(char::is_lowercase)
}

/// True when the full stop at `dot` ends the sentence that started at
/// `sent`, given the next word; `line_end` when a line break follows.
pub(crate) fn full_stop_ends(text: &str, dot: usize, sent: usize, next: &Next<'_>, line_end: bool) -> bool {
    if next.case == Case::Lower {
        return false;
    }
    let floor = sent.min(dot);
    let Some(ws) = word_start(text, dot, floor) else {
        return true;
    };
    let word = &text.as_bytes()[ws..dot];
    let class = classify(word);
    if next.case == Case::Digit {
        return !matches!(class, Class::Title | Class::Numeric | Class::Month);
    }
    match class {
        Class::Title => false,
        Class::Numeric | Class::Ordinary => true,
        Class::Initial => {
            if next.initial {
                false
            } else if word == b"I" && previous_word_lower(text, ws, floor) {
                true
            } else {
                is_starter(next.word)
            }
        }
        Class::Ambiguous | Class::Month => line_end || is_starter(next.word),
        Class::Time => !(is_time_word(next.word) || fronted_time(text, floor, ws)),
    }
}

/// True when a single capital letter and a stop start the text at `i`
/// ("J. R. R. Tolkien…"): a sentence never is one letter long.
pub(crate) fn initial_at(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    char_at(text, i).is_some_and(|c| {
        c.is_uppercase() && {
            let after = i + c.len_utf8();
            b.get(after) == Some(&b'.') && crate::chars::space_len(b, after + 1) > 0
        }
    })
}

/// Abbreviations and titles: input and expected sentences.
#[cfg(test)]
pub(crate) const ABBREVIATIONS: crate::Examples = &[
    ("Mr. Smith paid Mrs. Jones.", &["Mr. Smith paid Mrs. Jones."]),
    (
        "Dr. Lee met Prof. Chan and Gen. Milley. Ms. Wu stayed.",
        &["Dr. Lee met Prof. Chan and Gen. Milley.", "Ms. Wu stayed."],
    ),
    ("Sen. Warren and Rep. Khanna spoke to Gov. Newsom.", &["Sen. Warren and Rep. Khanna spoke to Gov. Newsom."]),
    ("It beat U.S. rivals. Then it fell.", &["It beat U.S. rivals.", "Then it fell."]),
    (
        "Most chips are made in the U.S. The company said so.",
        &["Most chips are made in the U.S.", "The company said so."],
    ),
    ("Sam Altman, CEO of U.S. AI giant OpenAI, spoke.", &["Sam Altman, CEO of U.S. AI giant OpenAI, spoke."]),
    ("She briefed the U.S. Commerce Department on it.", &["She briefed the U.S. Commerce Department on it."]),
    ("The U.K. and the U.N. agreed. So did the E.U.", &["The U.K. and the U.N. agreed.", "So did the E.U."]),
    ("He moved to the U.S.A. in May. He stayed.", &["He moved to the U.S.A. in May.", "He stayed."]),
    (
        "Exports to the U.S. rose. U.S. officials were pleased.",
        &["Exports to the U.S. rose.", "U.S. officials were pleased."],
    ),
    ("Sales grew in the U.S. In China they fell.", &["Sales grew in the U.S.", "In China they fell."]),
    ("He works for Apple Inc. The company makes phones.", &["He works for Apple Inc.", "The company makes phones."]),
    ("Apple Inc. Chief Executive Tim Cook spoke.", &["Apple Inc. Chief Executive Tim Cook spoke."]),
    ("Shares of Acme Corp. and Foo Co. Ltd. rose.", &["Shares of Acme Corp. and Foo Co. Ltd. rose."]),
    ("Ask Tom and co. They will know.", &["Ask Tom and co.", "They will know."]),
    ("Martin Luther King Jr. Day is a holiday.", &["Martin Luther King Jr. Day is a holiday."]),
    ("The talk is by Bob Smith Jr. It starts soon.", &["The talk is by Bob Smith Jr.", "It starts soon."]),
    (
        "He lives on Main St. The shop is near. St. Paul is far.",
        &["He lives on Main St.", "The shop is near.", "St. Paul is far."],
    ),
    (
        "It opened on Jan. 5 and closed Sept. 30. Prices rose.",
        &["It opened on Jan. 5 and closed Sept. 30.", "Prices rose."],
    ),
    ("The deal closed in Dec. The stock rose.", &["The deal closed in Dec.", "The stock rose."]),
    ("It ranked No. 1 and Fig. 3 on p. 55 shows it.", &["It ranked No. 1 and Fig. 3 on p. 55 shows it."]),
    ("The fee is Rs. 20 per ticket.", &["The fee is Rs. 20 per ticket."]),
    ("I said no. The answer stands.", &["I said no.", "The answer stands."]),
    ("Texas vs. California, Roe v. Wade: big cases.", &["Texas vs. California, Roe v. Wade: big cases."]),
    (
        "Apples, pears, etc. are fruit. We bought apples, pears, etc. The bill was high.",
        &["Apples, pears, etc. are fruit.", "We bought apples, pears, etc.", "The bill was high."],
    ),
    (
        "Some fruit, e.g. apples, is sweet; some tools, i.e. Python, are free.",
        &["Some fruit, e.g. apples, is sweet; some tools, i.e. Python, are free."],
    ),
    ("The study by Smith et al. The results were clear.", &["The study by Smith et al.", "The results were clear."]),
    (
        "He earned a Ph.D. in physics in Sacramento, Calif. The job came later.",
        &["He earned a Ph.D. in physics in Sacramento, Calif.", "The job came later."],
    ),
    ("The meeting runs from 9 a.m. to 5 p.m. on Friday.", &["The meeting runs from 9 a.m. to 5 p.m. on Friday."]),
    ("The meeting starts at 9 a.m. The CEO speaks first.", &["The meeting starts at 9 a.m.", "The CEO speaks first."]),
    (
        "Trading resumed at 10 a.m. Monday and at 9:30 a.m. ET on Tuesday.",
        &["Trading resumed at 10 a.m. Monday and at 9:30 a.m. ET on Tuesday."],
    ),
    (
        "By 7 a.m. Ms. Lee was at work. She left at 8 P.M. Mr. Lee then arrived.",
        &["By 7 a.m. Ms. Lee was at work.", "She left at 8 P.M.", "Mr. Lee then arrived."],
    ),
    (
        "The model is influential, says Sun. Almost all work cites it.",
        &["The model is influential, says Sun.", "Almost all work cites it."],
    ),
    ("He owns a Ph.D. His wife owns two.", &["He owns a Ph.D.", "His wife owns two."]),
];

/// Initials and names: input and expected sentences.
#[cfg(test)]
pub(crate) const INITIALS: crate::Examples = &[
    // names whose second letter is a capital start sentences like other names
    (
        "It trained on 25,000 GPUs.\nxAI's Colossus has more.",
        &["It trained on 25,000 GPUs.", "xAI's Colossus has more."],
    ),
    (
        "Sales grew. iPhone revenue fell. eBay paid $5 million.",
        &["Sales grew.", "iPhone revenue fell.", "eBay paid $5 million."],
    ),
    // a lower-case word does not
    ("It rose. the next day it fell.", &["It rose. the next day it fell."]),
    ("My name is Anna K. Berg.", &["My name is Anna K. Berg."]),
    ("J. R. R. Tolkien wrote it. It is long.", &["J. R. R. Tolkien wrote it.", "It is long."]),
    ("The book is by J. R. R. Tolkien. It sold well.", &["The book is by J. R. R. Tolkien.", "It sold well."]),
    ("Donald J. Trump spoke. Then he left.", &["Donald J. Trump spoke.", "Then he left."]),
    ("George W. Bush met John F. Kennedy Jr. in 1999.", &["George W. Bush met John F. Kennedy Jr. in 1999."]),
    ("It was written by A. B. Smith in 1999.", &["It was written by A. B. Smith in 1999."]),
    ("She and I. Then we left. Meet Henry I. Ford.", &["She and I.", "Then we left.", "Meet Henry I. Ford."]),
    ("The plan needs vitamin D. It is cheap.", &["The plan needs vitamin D.", "It is cheap."]),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The class the tables give a word of at most twelve bytes, without
    /// the shape filter in front of them.
    fn listed(word: &[u8]) -> Option<Class> {
        let t = &*TABLES;
        let low = word.to_ascii_lowercase();
        t.uncased.get(low.as_slice()).copied().or_else(|| t.cased.contains(word).then_some(Class::Ambiguous))
    }

    #[test]
    fn the_shape_filter_lets_every_listed_word_through() {
        let t = &*TABLES;
        let words = t.uncased.keys().chain(t.cased.iter());
        for &w in words {
            let title = [&w[..1].to_ascii_uppercase()[..], &w[1..]].concat();
            for v in [w.to_vec(), w.to_ascii_uppercase(), title] {
                if let Some(class) = listed(&v) {
                    assert_eq!(classify(&v), class, "{}", String::from_utf8_lossy(&v));
                }
            }
        }
    }

    #[test]
    fn unlisted_words_keep_their_class() {
        for (word, class) in [
            (&b"said"[..], Class::Ordinary),
            (b"year", Class::Ordinary),
            (b"I", Class::Initial),
            ("É".as_bytes(), Class::Initial),
            (b"U.S", Class::Ambiguous),
            (b"Ph.D", Class::Ambiguous),
            (b"a.b.c.d.e.f.g", Class::Ordinary),
            (b"", Class::Ordinary),
        ] {
            assert_eq!(listed(word), None);
            assert_eq!(classify(word), class, "{}", String::from_utf8_lossy(word));
        }
    }
}
