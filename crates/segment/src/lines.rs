//! Lines: headlines, bylines, bullets and numbered items, wrapped lines,
//! blank lines and the boilerplate lines of scraped pages.
//!
//! Rules for a single line break between two lines of text (the scanner
//! applies them in this order):
//! 1. Blank lines, whitespace-only lines and lines without a letter or
//!    digit (`-->`, `***`, `|`) produce no sentence and always end one.
//! 2. A line that starts with a bullet or a list marker starts a new unit.
//! 3. A line that ends with final punctuation ends a sentence by the
//!    punctuation rules; the line break counts for "U.S." and other
//!    abbreviations that may end a sentence ("…in the U.S.\nChina…").
//! 4. A line ending in a colon ends a unit unless the next line starts in
//!    lowercase.
//! 5. A next line starting in lowercase continues the sentence (a wrap).
//! 6. A line ending mid-phrase (a comma, a dash, an ampersand, or a word
//!    such as "the", "of", "and", "for") continues the sentence.
//! 7. A bullet or list item without final punctuation is its own unit.
//! 8. A hard-wrapped paragraph continues: a line of 50 to 110 bytes, not
//!    in title case, followed by a line no longer than it. When the line is
//!    running text (the sentence began on an earlier line, or earlier on
//!    this one), the next line must end the sentence or be followed by more
//!    text; when the sentence began with the line, the next line break must
//!    be a wrap by rules 5 or 6. Lists of items without final punctuation
//!    look the same by length alone.
//! 9. Otherwise the line is a headline, a byline or a label: its own unit.

use memchr::memchr;

use crate::chars::{Case, char_before, next_word, skip_hspace, strip_closers_back};
use crate::lists::{bullet_len, marker_at};
use crate::terminal::{ends, is_final, parse_run, run_start_back};

/// Words after which a line cannot end a headline or a list item: a line
/// ending in one is wrapped mid-sentence. Words that can end a clause
/// ("the game is over", "as it should be", "he said") are left out.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "and",
    "as",
    "at",
    "because",
    "between",
    "but",
    "by",
    "during",
    "for",
    "from",
    "his",
    "if",
    "in",
    "including",
    "into",
    "its",
    "my",
    "nor",
    "of",
    "on",
    "onto",
    "or",
    "our",
    "per",
    "than",
    "that",
    "the",
    "their",
    "to",
    "until",
    "via",
    "whether",
    "which",
    "whose",
    "with",
    "without",
    "your",
];

/// Words that stay lowercase in a title-case headline.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on", "or", "over", "per",
    "the", "to", "via", "vs", "with",
];

/// True when the line `text[start..end]` holds a letter or a digit.
pub(crate) fn is_content(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let s = skip_hspace(b, start, end);
    if b.get(s).is_some_and(u8::is_ascii_alphanumeric) {
        return true;
    }
    crate::chars::has_alnum(text, s, end)
}

/// Trimmed bounds of the line `text[start..end]`.
fn trim_line(text: &str, start: usize, end: usize) -> (usize, usize) {
    let s = skip_hspace(text.as_bytes(), start, end);
    let mut e = end;
    while e > s {
        match char_before(text, e) {
            Some((p, c)) if c.is_whitespace() => e = p,
            _ => break,
        }
    }
    (s, e)
}

/// A line break between two lines of text.
pub(crate) struct LineBreak {
    /// Start of the line before the break.
    pub line_start: usize,
    /// Position of the `\n`.
    pub newline: usize,
    /// Start of the next line of text.
    pub next_start: usize,
    /// End of the next line of text (its `\n` or the end of the text).
    pub next_end: usize,
    /// Start of the current sentence.
    pub sentence: usize,
    /// True when the current sentence is a bullet or list item.
    pub item: bool,
}

/// True when the line break ends the current sentence (rules 2 to 9).
pub(crate) fn breaks(text: &str, lb: &LineBreak) -> bool {
    let b = text.as_bytes();
    let (s1, e1) = trim_line(text, lb.line_start, lb.newline);
    let (s2, e2) = trim_line(text, lb.next_start, lb.next_end);
    if bullet_len(b, s2).is_some() || marker_at(b, s2).is_some() {
        return true;
    }
    let Some(next) = next_word(text, s2, e2) else {
        return true;
    };
    let t = strip_closers_back(text, s1, e1);
    let last = char_before(text, t).map(|(_, c)| c);
    if last.is_some_and(is_final) {
        let run = parse_run(text, run_start_back(text, t));
        return ends(text, &run, &next, true, lb.sentence.min(run.start));
    }
    if next.case == Case::Lower {
        return false;
    }
    if last == Some(':') {
        return true;
    }
    if ends_mid_phrase(text, s1, e1) {
        return false;
    }
    if lb.item {
        return true;
    }
    !hard_wrapped(text, (s1, e1), (s2, e2), lb.next_end, lb.sentence != s1)
}

/// Rule 6: the line ends with a comma, dash or the like, or with a function
/// word, and is long enough to be part of a paragraph.
fn ends_mid_phrase(text: &str, s: usize, e: usize) -> bool {
    let Some((p, c)) = char_before(text, e) else {
        return false;
    };
    if matches!(c, ',' | ';' | '-' | '–' | '—' | '&' | '(' | '/' | '+' | '=' | '“' | '[' | '{') {
        return true;
    }
    if e - s < 20 || !c.is_ascii_lowercase() {
        return false;
    }
    let b = text.as_bytes();
    let mut w = p;
    while w > s && b[w - 1].is_ascii_alphabetic() {
        w -= 1;
    }
    let word = &b[w..e];
    FUNCTION_WORDS.iter().any(|f| f.as_bytes() == word)
}

/// True when most words of the line are capitalized ("DeepSeek Reveals
/// Detailed Cost Breakdown in Nature").
fn title_case(line: &str) -> bool {
    let (mut words, mut caps) = (0u32, 0u32);
    for w in line.split_whitespace() {
        let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(c) = w.chars().next() else { continue };
        if !c.is_alphabetic() {
            continue;
        }
        let letters = w.find(|c: char| !c.is_alphabetic()).map_or(w, |e| &w[..e]);
        if SMALL_WORDS.iter().any(|s| s.eq_ignore_ascii_case(letters)) {
            continue;
        }
        words += 1;
        if c.is_uppercase() {
            caps += 1;
        }
    }
    words >= 2 && caps * 4 >= words * 3
}

/// Rule 8: the line is one of several wrapped at a fixed width. `running`
/// when the sentence did not begin at the start of the line.
fn hard_wrapped(text: &str, l1: (usize, usize), l2: (usize, usize), next_end: usize, running: bool) -> bool {
    let len1 = l1.1 - l1.0;
    let len2 = l2.1 - l2.0;
    if !(50..=110).contains(&len1) || len2 > len1 + 20 {
        return false;
    }
    if text.get(l1.0..l1.1).is_none_or(title_case) {
        return false;
    }
    let t = strip_closers_back(text, l2.0, l2.1);
    let l2_final = char_before(text, t).is_some_and(|(_, c)| is_final(c));
    if running && l2_final {
        return true;
    }
    // the line after the next one must be text too
    let b = text.as_bytes();
    if next_end >= b.len() {
        return false;
    }
    let s3 = next_end + 1;
    let e3 = memchr(b'\n', &b[s3..]).map_or(b.len(), |k| s3 + k);
    if !is_content(text, s3, e3) {
        return false;
    }
    if running {
        return true;
    }
    // A paragraph's first line: only when the next line break is a wrap
    // by the stronger rules 5 and 6, so a list of items stays apart.
    let (s3, e3) = trim_line(text, s3, e3);
    !l2_final && (next_word(text, s3, e3).is_some_and(|n| n.case == Case::Lower) || ends_mid_phrase(text, l2.0, l2.1))
}

/// Headlines, bylines, bullets, numbered items and wrapped lines.
#[cfg(test)]
pub(crate) const LINES: crate::Examples = &[
    ("Key takeaways\nChinese developer DeepSeek said so.", &["Key takeaways", "Chinese developer DeepSeek said so."]),
    (
        "Revolutionary training approach\nThe paper, which lists Liang, says so.",
        &["Revolutionary training approach", "The paper, which lists Liang, says so."],
    ),
    (
        "Chip Maker Reveals Cost Breakdown in Nature Journal Paper\nIn the paper, the firm lists costs.",
        &["Chip Maker Reveals Cost Breakdown in Nature Journal Paper", "In the paper, the firm lists costs."],
    ),
    (
        "Hit AI model cost just $294,000 to train, says Chinese developer\nBy Jane Doe\n\nBEIJING (Reuters) - The firm said so.",
        &[
            "Hit AI model cost just $294,000 to train, says Chinese developer",
            "By Jane Doe",
            "BEIJING (Reuters) - The firm said so.",
        ],
    ),
    ("A headline\n\nBody text starts here. It goes on.", &["A headline", "Body text starts here.", "It goes on."]),
    ("A line without a stop\n\nanother after a blank line", &["A line without a stop", "another after a blank line"]),
    (
        "The firm said the model cost far less than\nU.S. rivals had spent on theirs.",
        &["The firm said the model cost far less than\nU.S. rivals had spent on theirs."],
    ),
    (
        "The firm said the model cost less,\nNvidia said, than rivals spent.",
        &["The firm said the model cost less,\nNvidia said, than rivals spent."],
    ),
    ("Revenue rose sharply\nin the third quarter.", &["Revenue rose sharply\nin the third quarter."]),
    (
        "Chinese AI developer DeepSeek said on Wednesday that its reasoning\nmodel cost $294,000 to train. It said the reasoning-focused model\nR1 cost far less than what rivals spent on theirs, about\n$100 million.",
        &[
            "Chinese AI developer DeepSeek said on Wednesday that its reasoning\nmodel cost $294,000 to train.",
            "It said the reasoning-focused model\nR1 cost far less than what rivals spent on theirs, about\n$100 million.",
        ],
    ),
    (
        "The figure was confirmed in an interview by the firm's\nspokeswoman on Wednesday, and by the company's Chief Executive\nLiang Wenfeng, who declined to comment further.",
        &[
            "The figure was confirmed in an interview by the firm's\nspokeswoman on Wednesday, and by the company's Chief Executive\nLiang Wenfeng, who declined to comment further.",
        ],
    ),
    (
        "BEIJING (Reuters) - Chinese AI developer DeepSeek said it spent\n$294,000 on training its R1 model, much lower than figures reported for\nU.S. rivals.",
        &[
            "BEIJING (Reuters) - Chinese AI developer DeepSeek said it spent\n$294,000 on training its R1 model, much lower than figures reported for\nU.S. rivals.",
        ],
    ),
    (
        "New headphone chip gives a faster wireless connection to your devices\nCharges quickly in the case\nSweat and water resistant",
        &[
            "New headphone chip gives a faster wireless connection to your devices",
            "Charges quickly in the case",
            "Sweat and water resistant",
        ],
    ),
    (
        "You build your website in its own little corner of the internet\nSearch engines find it at the moment that it goes live\nPeople begin to use it",
        &[
            "You build your website in its own little corner of the internet",
            "Search engines find it at the moment that it goes live",
            "People begin to use it",
        ],
    ),
    (
        "First paragraph ends here.\nSecond paragraph starts here.",
        &["First paragraph ends here.", "Second paragraph starts here."],
    ),
    ("Chips were made in the U.S.\nChina bought them.", &["Chips were made in the U.S.", "China bought them."]),
    (
        "He spoke to Mr.\nSmith and then to the U.S.\nofficials.",
        &["He spoke to Mr.\nSmith and then to the U.S.\nofficials."],
    ),
    (
        "• First point\n• Second point\n- Third point\n* Fourth point",
        &["• First point", "• Second point", "- Third point", "* Fourth point"],
    ),
    (
        "1. Install it\n2. Run it\n3) Check it\n(4) Ship it",
        &["1. Install it", "2. Run it", "3) Check it", "(4) Ship it"],
    ),
    ("Key points:\n• Cost was low.\n• Chips were few", &["Key points:", "• Cost was low.", "• Chips were few"]),
    ("Note: costs\nexclude staff.", &["Note: costs\nexclude staff."]),
    (
        "• A bullet point that wraps onto\nthe next line.\n• Another point\nLatest articles",
        &["• A bullet point that wraps onto\nthe next line.", "• Another point", "Latest articles"],
    ),
    ("  • Indented bullet one.\n  • Indented bullet two.", &["• Indented bullet one.", "• Indented bullet two."]),
    ("Skip to content\nLongterm Wiki\nBack", &["Skip to content", "Longterm Wiki", "Back"]),
];

/// Whitespace and boilerplate lines of scraped pages.
#[cfg(test)]
pub(crate) const BOILERPLATE: crate::Examples = &[
    ("", &[]),
    ("   \n \n\t\n  ", &[]),
    ("-->\n |\n***", &[]),
    ("Intro line.\n \n   \n -->\n \nBody.", &["Intro line.", "Body."]),
    (
        "Advertisement \n -->\n Chinese AI developer DeepSeek said so.",
        &["Advertisement", "Chinese AI developer DeepSeek said so."],
    ),
    ("-->\nText here.", &["Text here."]),
    ("No stop here\n -->\nbut a new unit here", &["No stop here", "but a new unit here"]),
    ("Hello.\n\n\n\n\nWorld.", &["Hello.", "World."]),
    ("Title\r\n\r\nBody text.\r\nMore.\r\n", &["Title", "Body text.", "More."]),
    ("\u{a0}Hello world.\u{2003}\u{3000}", &["Hello world."]),
    ("...", &[]),
    ("It ended. ...", &["It ended. ..."]),
];
