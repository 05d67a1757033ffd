//! Sentence-final punctuation: full stops, question and exclamation marks,
//! ellipses, the closing quotes and brackets after them, quotations and
//! parentheses, and the dots that end nothing (inside numbers, versions,
//! URLs and e-mail addresses).
//!
//! Rules, in the order the scanner applies them:
//! - A run of `.`, `!`, `?`, `…` (and spaced dots, ". . .") is one candidate;
//!   closing quotes and brackets after it belong to the same sentence.
//! - A candidate not followed by whitespace ends nothing ("3.14", "v1.2",
//!   "example.com", "Jr.'s"), except a full stop glued to a capitalized
//!   word outside URLs and addresses ("world.Today").
//! - A lowercase next word never starts a sentence ("Yahoo! in", "'Stop!'
//!   she said").
//! - `?` and `!` end the sentence before anything else.
//! - A full stop defers to the abbreviation rules ([`crate::abbrev`]).
//! - Ellipses: "..." and "…" end the sentence before a capital; spaced
//!   ". . ." does not; four dots are an ellipsis plus a full stop; an
//!   ellipsis inside brackets ("[...]") never ends one.
//! - Inside a quotation or parenthesis that closes on the same line, only
//!   the punctuation right before the closing mark can end the sentence.

use memchr::{memchr, memmem};

use crate::abbrev;
use crate::chars::{
    Case, Next, char_before, closers_end, next_word, skip_hspace, space_before, space_len, strip_closers_back,
};

/// What a run of final punctuation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunKind {
    /// A single full stop.
    FullStop,
    /// Contains `?` or `!`.
    Bang,
    /// "..", "...", "…", or ". . ." glued to the word before.
    Ellipsis,
    /// ". . ." standing free between spaces: mid-sentence omission.
    SpacedEllipsis,
    /// Four dots or more after a space or unspaced ("that.... She"): an
    /// ellipsis and then a full stop.
    EllipsisThenStop,
    /// A full stop glued to a word, then a spaced ellipsis ("it. . . .").
    StopThenEllipsis,
    /// An ellipsis inside brackets ("[...]"): an omission, never an end.
    Bracketed,
}

/// A run of final punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Run {
    /// Position of its first character.
    pub start: usize,
    /// Position after its last character (closers not included).
    pub end: usize,
    /// What it is.
    pub kind: RunKind,
}

impl Run {
    /// Where the sentence ends when this run ends it; `after` is the
    /// position after the closing quotes and brackets.
    pub fn split_at(&self, after: usize) -> usize {
        if self.kind == RunKind::StopThenEllipsis { self.start + 1 } else { after }
    }
}

#[inline]
fn is_ellipsis_char(b: &[u8], i: usize) -> bool {
    b.get(i) == Some(&0xE2) && b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6)
}

/// The run of final punctuation that starts at `i`.
pub(crate) fn parse_run(text: &str, i: usize) -> Run {
    let b = text.as_bytes();
    // most runs are one full stop, and a space or a letter after it: told
    // apart without the loop's jump table (one mispredicted jump a stop)
    if b.get(i) == Some(&b'.') {
        let lone = match b.get(i + 1) {
            Some(b'.' | b'!' | b'?' | 0xE2) => false,
            Some(b' ') => b.get(i + 2) != Some(&b'.'),
            _ => true,
        };
        if lone {
            return Run { start: i, end: i + 1, kind: RunKind::FullStop };
        }
    }
    parse_any_run(text, i)
}

/// [`parse_run`] for every run, byte by byte.
fn parse_any_run(text: &str, i: usize) -> Run {
    let b = text.as_bytes();
    let (mut dots, mut bang, mut ell, mut spaced) = (0usize, false, false, false);
    let mut j = i;
    while j - i < 64 {
        match b.get(j) {
            Some(b'.') => {
                dots += 1;
                j += 1;
            }
            Some(b'!' | b'?') => {
                bang = true;
                j += 1;
            }
            Some(0xE2) if is_ellipsis_char(b, j) => {
                ell = true;
                j += 3;
            }
            Some(b' ')
                if dots > 0
                    && !bang
                    && b.get(j + 1) == Some(&b'.')
                    && !b.get(j + 2).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                spaced = true;
                j += 1;
            }
            _ => break,
        }
    }
    let kind = if bang {
        RunKind::Bang
    } else if dots == 1 && !ell {
        RunKind::FullStop
    } else if matches!(char_before(text, i), Some((_, '[' | '('))) || matches!(b.get(j), Some(b']' | b')')) {
        RunKind::Bracketed
    } else if spaced {
        match (space_before(text, i), dots >= 4) {
            (false, true) if b[i] == b'.' => RunKind::StopThenEllipsis,
            (false, true) => RunKind::EllipsisThenStop,
            (false, false) => RunKind::Ellipsis,
            (true, true) => RunKind::EllipsisThenStop,
            (true, false) => RunKind::SpacedEllipsis,
        }
    } else if dots >= 4 || (ell && dots >= 1) {
        RunKind::EllipsisThenStop
    } else {
        RunKind::Ellipsis
    };
    Run { start: i, end: j, kind }
}

/// True when `c` is final punctuation.
#[inline]
pub(crate) fn is_final(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Start of the run of final punctuation that ends at `end`.
pub(crate) fn run_start_back(text: &str, end: usize) -> usize {
    let b = text.as_bytes();
    let mut i = end;
    for _ in 0..64 {
        match char_before(text, i) {
            Some((s, c)) if is_final(c) => i = s,
            Some((s, ' ')) if s > 0 && b[s - 1] == b'.' && b.get(s + 1) == Some(&b'.') => i = s,
            _ => break,
        }
    }
    i
}

/// True when `run`, followed by the word `next`, ends the sentence that
/// started at `sent`; `line_end` when a line break comes between them.
pub(crate) fn ends(text: &str, run: &Run, next: &Next<'_>, line_end: bool, sent: usize) -> bool {
    match run.kind {
        RunKind::Bang => next.case != Case::Lower,
        RunKind::FullStop => abbrev::full_stop_ends(text, run.start, sent, next, line_end),
        RunKind::Ellipsis => next.case == Case::Upper || (line_end && next.case != Case::Lower),
        RunKind::SpacedEllipsis => line_end && next.case != Case::Lower,
        RunKind::EllipsisThenStop | RunKind::StopThenEllipsis => next.case != Case::Lower,
        RunKind::Bracketed => line_end && next.case != Case::Lower,
    }
}

/// For a full stop glued to the next word ("world.Today"), that word, when
/// the glue is a missing space and not a URL, an address or a file name.
pub(crate) fn glued_next<'t>(text: &'t str, run: &Run, after: usize) -> Option<Next<'t>> {
    let b = text.as_bytes();
    if run.kind != RunKind::FullStop || after != run.end || run.start == 0 {
        return None;
    }
    let prev = b[run.start - 1];
    if !(prev.is_ascii_lowercase() || prev.is_ascii_digit())
        || !b.get(after).is_some_and(u8::is_ascii_uppercase)
        || !b.get(after + 1).is_some_and(u8::is_ascii_lowercase)
    {
        return None;
    }
    let mut s = run.start;
    while s > 0 && run.start - s < 64 && space_len(b, s - 1) == 0 && b[s - 1] < 0x80 {
        s -= 1;
    }
    let mut e = after;
    while e < b.len() && e - after < 64 && space_len(b, e) == 0 && b[e] < 0x80 {
        e += 1;
    }
    let token = &b[s..e];
    if token.iter().any(|c| matches!(c, b'@' | b'/' | b':' | b'\\' | b'_' | b'=' | b'#'))
        || token.len() >= 3 && token[..3].eq_ignore_ascii_case(b"www")
    {
        return None;
    }
    next_word(text, after, b.len())
}

/// The closing marks found so far on one line, so that many opening marks
/// before one closing mark (or none) cost one search, not one each.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Closings {
    /// The line these results are for.
    line: usize,
    /// Per kind of mark (`(`, `"`, `“`): `None` when not searched yet, else
    /// the closing mark found (`None` when there is none up to the line
    /// end) and whether it protects.
    found: [Option<Option<(usize, bool)>>; 3],
}

/// For an opening quotation mark or parenthesis at `i`, the position of
/// its closing mark before `line_end`, when the quotation is part of a
/// longer sentence: it ends without final punctuation ("…,” he said",
/// "(see p. 5)") or a lowercase word follows it ("'Stop!' she said"). Final
/// punctuation inside such a quotation ends nothing. A quotation that ends
/// its sentence ("He said: “It works. We are happy.” Then…") is not
/// protected: the sentences inside it are sentences.
pub(crate) fn protected_until(
    text: &str,
    i: usize,
    line_start: usize,
    line_end: usize,
    cache: &mut Closings,
) -> Option<usize> {
    let b = text.as_bytes();
    let end = line_end.min(b.len());
    let (kind, open_len, close_mark): (usize, usize, &[u8]) = match b.get(i)? {
        b'(' => (0, 1, b")"),
        b'"' => {
            let opens = match char_before(text, i) {
                None => true,
                Some((_, c)) => c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '“' | '‘'),
            };
            let followed = b.get(i + 1).is_some_and(|_| space_len(b, i + 1) == 0);
            if !(opens && followed) {
                return None;
            }
            (1, 1, b"\"")
        }
        // “ … ”
        0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0x9C) => (2, 3, "”".as_bytes()),
        _ => return None,
    };
    if cache.line != line_start {
        *cache = Closings { line: line_start, ..Closings::default() };
    }
    match cache.found[kind] {
        Some(None) => return None,
        Some(Some((close, protects))) if close > i => return protects.then_some(close),
        _ => {}
    }
    let from = i + open_len;
    let Some(close) = b
        .get(from..end)
        .and_then(|hay| match close_mark {
            [one] => memchr(*one, hay),
            [0xE2, 0x80, 0x9D] => right_quote(hay),
            _ => memmem::find(hay, close_mark),
        })
        .map(|k| from + k)
    else {
        cache.found[kind] = Some(None);
        return None;
    };
    // A closing mark sticks to the word before it; one after a space opens
    // the next quotation ("…?” said Hill. "And he said…").
    let inner_end = strip_closers_back(text, from, close);
    let ends_final = char_before(text, inner_end).is_some_and(|(_, c)| is_final(c));
    let protects = !space_before(text, close)
        && (!ends_final || {
            let after = skip_hspace(b, closers_end(b, close + close_mark.len()), end);
            next_word(text, after, end).is_some_and(|n| n.case == Case::Lower)
        });
    cache.found[kind] = Some(Some((close, protects)));
    protects.then_some(close)
}

/// Where the first "”" (E2 80 9D) of `hay` starts: its last byte found
/// with `memchr`, the two before it compared. `memmem::find` builds a
/// searcher at each call (about 380 instructions), more than the search
/// itself costs on the rest of a line.
fn right_quote(hay: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = memchr(0x9D, &hay[from..]) {
        let at = from + k;
        if at >= 2 && hay[at - 2] == 0xE2 && hay[at - 1] == 0x80 {
            return Some(at - 2);
        }
        from = at + 1;
    }
    None
}

/// Decimals and amounts, versions, URLs and e-mail addresses.
#[cfg(test)]
pub(crate) const TOKENS: crate::Examples = &[
    ("The bag holds $250.75 in cash.", &["The bag holds $250.75 in cash."]),
    ("The bag holds $250.75. It is red.", &["The bag holds $250.75.", "It is red."]),
    (
        "It cost $7.3 million, or 3.14 times more than 0.5 units.",
        &["It cost $7.3 million, or 3.14 times more than 0.5 units."],
    ),
    (
        "Revenue rose 4.5% to €1.2 billion. Profit fell 2.1%.",
        &["Revenue rose 4.5% to €1.2 billion.", "Profit fell 2.1%."],
    ),
    ("Version v1.2.3 is out. Python 3.12 runs it.", &["Version v1.2.3 is out.", "Python 3.12 runs it."]),
    ("The model cost $294,000. 512 chips were used.", &["The model cost $294,000.", "512 chips were used."]),
    (
        "Write to Max.Mustermann@example.org. He replies fast.",
        &["Write to Max.Mustermann@example.org.", "He replies fast."],
    ),
    (
        "Read https://news.example.com/2025/09/Story.html. Then call us.",
        &["Read https://news.example.com/2025/09/Story.html.", "Then call us."],
    ),
    (
        "See www.Example.com or example.org/a?id=5 for more. Thanks.",
        &["See www.Example.com or example.org/a?id=5 for more.", "Thanks."],
    ),
    ("It runs on Node.js and ASP.NET servers.", &["It runs on Node.js and ASP.NET servers."]),
    ("It sits at N°. 12.40.7. That is the spot.", &["It sits at N°. 12.40.7.", "That is the spot."]),
    (
        "The day was long.Today is better.They sold 2,000.That is a lot.",
        &["The day was long.", "Today is better.", "They sold 2,000.", "That is a lot."],
    ),
];

/// Ellipses.
#[cfg(test)]
pub(crate) const ELLIPSES: crate::Examples = &[
    ("I never said that.... She walked out.", &["I never said that....", "She walked out."]),
    ("He paused... Then he spoke.", &["He paused...", "Then he spoke."]),
    ("Wait… What happened?", &["Wait…", "What happened?"]),
    ("It was ... well, it was... fine . . . I think.", &["It was ... well, it was... fine . . . I think."]),
    (
        "The rule ends with a full stop . . . . Then more follows.",
        &["The rule ends with a full stop . . . .", "Then more follows."],
    ),
    ("He wrote that it was “simpler than it looks. . . .”", &["He wrote that it was “simpler than it looks. . . .”"]),
    (
        "The habit faded . . . and was gone. . . . The craft survived. . . .",
        &["The habit faded . . . and was gone.", ". . . The craft survived. . . ."],
    ),
    ("The report said costs fell [...]\nPrices rose.", &["The report said costs fell [...]", "Prices rose."]),
    (
        "\"Bohr [...] compared it to a stair [...]\" (Lee 12).",
        &["\"Bohr [...] compared it to a stair [...]\" (Lee 12)."],
    ),
];

/// Closing quotes and brackets, quotations, question and exclamation marks.
#[cfg(test)]
pub(crate) const QUOTES: crate::Examples = &[
    ("She said, \"It works.\" Then she left.", &["She said, \"It works.\"", "Then she left."]),
    ("She turned round, \"It works.\" she added.", &["She turned round, \"It works.\" she added."]),
    ("He looked up, 'It works.' he said.", &["He looked up, 'It works.' he said."]),
    (
        "“We are pleased,” the CEO said. “This is a milestone.”",
        &["“We are pleased,” the CEO said.", "“This is a milestone.”"],
    ),
    (
        "“It trained for 80 hours. It cost $294,000,” he said. Others doubt it.",
        &["“It trained for 80 hours. It cost $294,000,” he said.", "Others doubt it."],
    ),
    ("He said: “It works. We are happy.” Then he left.", &["He said: “It works.", "We are happy.”", "Then he left."]),
    ("\"Is it done? Not yet!\" she asked and left.", &["\"Is it done? Not yet!\" she asked and left."]),
    (
        "\"Peer review is good. Claims need checks.\"\nThe paper was long.",
        &["\"Peer review is good.", "Claims need checks.\"", "The paper was long."],
    ),
    ("He said: “It works.” The room went quiet.", &["He said: “It works.”", "The room went quiet."]),
    (
        "The cost was low (about $6 million.) Analysts agreed.",
        &["The cost was low (about $6 million.)", "Analysts agreed."],
    ),
    (
        "He teaches (He was an engineer for 5 years.) at the school.",
        &["He teaches (He was an engineer for 5 years.) at the school."],
    ),
    ("The firm (see p. 5. Also see Fig. 2.) grew fast.", &["The firm (see p. 5. Also see Fig. 2.) grew fast."]),
    (
        "What is this? It is a test. Really?! Yes!! Who knows?? Nobody.",
        &["What is this?", "It is a test.", "Really?!", "Yes!!", "Who knows??", "Nobody."],
    ),
    ("She works at Yahoo! in the sales team.", &["She works at Yahoo! in the sales team."]),
    ("“Why?” she asked. 'Is it done?' he asked. 'Yes.'", &["“Why?” she asked.", "'Is it done?' he asked.", "'Yes.'"]),
    ("That is JFK Jr.'s car. It is red.", &["That is JFK Jr.'s car.", "It is red."]),
    ("He called it \"great.\" It was.", &["He called it \"great.\"", "It was."]),
    ("\"Who said so?” asked Hill. \"He did.\" She left.", &["\"Who said so?” asked Hill.", "\"He did.\"", "She left."]),
    ("A 12\" screen. A \"bad\" idea.", &["A 12\" screen.", "A \"bad\" idea."]),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// [`right_quote`] finds what `memmem::find` finds, among the other
    /// characters whose UTF-8 holds 0x9D or 0xE2 0x80.
    #[test]
    fn right_quote_finds_what_memmem_finds() {
        const PIECES: &[&str] =
            &["\u{201D}", "\u{201C}", "\u{2019}", "\u{15D}", "\u{75D}", "\u{209D}", "a", " ", "\u{2014}"];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            texts = texts.iter().flat_map(|t| PIECES.iter().map(move |p| format!("{t}{p}"))).collect();
        }
        for t in &texts {
            let b = t.as_bytes();
            for from in 0..b.len() {
                let want = memchr::memmem::find(&b[from..], "\u{201D}".as_bytes());
                assert_eq!(right_quote(&b[from..]), want, "{t:?} from {from}");
            }
        }
    }

    /// The short way for a lone full stop reads every run as the byte loop
    /// does: a full stop, or a bracket and a full stop, before every
    /// sequence of three characters that matter to a run.
    #[test]
    fn a_lone_full_stop_is_read_as_the_loop_reads_it() {
        const NEXT: &[&str] = &[".", "!", "?", "…", " ", "a", "A", "1", ")", "]", "”", "\"", "\n", "é", "\u{2019}"];
        let mut runs = 0;
        for before in ["x", "(", "x ", "["] {
            for a in NEXT {
                for b in NEXT {
                    for c in NEXT {
                        let text = format!("{before}.{a}{b}{c}");
                        let i = before.len();
                        assert_eq!(parse_run(&text, i), parse_any_run(&text, i), "{text:?}");
                        runs += 1;
                    }
                }
            }
            let end = format!("{before}.");
            assert_eq!(parse_run(&end, before.len()), parse_any_run(&end, before.len()));
        }
        assert!(runs > 10_000);
    }
}
