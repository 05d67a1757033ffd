//! Scope shifts: a figure whose own descriptor names something other than
//! the sentence's subject.
//!
//! "The $294K excludes $6M spent developing the foundational base model
//! underlying R1": the $6M is spent on the base model, not on R1's
//! training run. Read after the figure: a spending verb ("spent",
//! "spending", "invested", "used"), then what it was spent on ("on",
//! "developing", "to build", "for"), then a noun phrase up to the end of
//! the clause. A base, foundation or underlying model gives the subject
//! "`<model>` base model"; a named entity in the phrase gives that entity.

use claimex_extract::{Kind, Mention};
use claimex_segment::Span;

use crate::entities::Index;

/// The subject (and attribute) a figure's own descriptor gives it.
pub(crate) struct Shift {
    pub subject: String,
    pub attribute: Option<&'static str>,
}

const SPEND: &[&str] = &["spent", "spending", "spend", "invested", "used", "paid", "poured", "put"];
const ON: &[&str] = &["on", "developing", "building", "training", "for", "into"];
const ON_TWO: &[&str] = &["to build", "to develop", "to train", "to create", "to make"];
const BASE: &[&str] =
    &["base model", "foundation", "underlying", "based on", "general-purpose", "predecessor", "pre-train", "pretrain"];

/// True when one of the first six words of the clause that `after`
/// begins is a spending verb ([`SPEND`], any case). A word is a run of
/// ASCII letters, digits and hyphens; the clause ends at the first ";",
/// "—", "(" or ".". Read a byte at a time, and only as far as the sixth
/// word: what [`shift`] asks of every money figure, where decoding the
/// rest of the clause to find its end cost more than the look itself.
fn spends_soon(after: &[u8]) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let (mut i, mut words) = (0, 0);
    while i < after.len() && words < 6 {
        let c = after[i];
        if word(c) {
            let start = i;
            while i < after.len() && word(after[i]) {
                i += 1;
            }
            // every verb begins with one of these: most words need no comparison
            if matches!(c | 0x20, b'i' | b'p' | b's' | b'u')
                && SPEND.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(&after[start..i]))
            {
                return true;
            }
            words += 1;
        } else if matches!(c, b';' | b'(' | b'.') || after[i..].starts_with("—".as_bytes()) {
            return false;
        } else {
            i += 1;
        }
    }
    false
}

/// The scope shift of `m`, if its descriptor names another subject.
pub(crate) fn shift(text: &str, sentence: Span, m: &Mention, all: &[Mention], ix: &Index) -> Option<Shift> {
    if m.kind != Kind::Money {
        return None;
    }
    // the clause after the figure, up to the next figure
    // mentions come in text order: the first one starting after this one
    let k = all.partition_point(|o| o.span.start < m.span.end);
    let next = all.get(k).map(|o| o.span.start).filter(|&s| s < sentence.end);
    let after = &text[m.span.end..next.unwrap_or(sentence.end)];
    // most figures have no spending verb right after them: look before anything else
    if !spends_soon(after.as_bytes()) {
        return None;
    }
    let clause_end = after.find([';', '—', '(', '.']).unwrap_or(after.len());
    let clause = &after[..clause_end];
    let lower = clause.to_ascii_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_ascii_alphanumeric() && c != '-').filter(|w| !w.is_empty()).collect();
    let verb = words.iter().take(6).position(|w| SPEND.contains(w))?;
    // what it was spent on: the rest of the clause after the preposition
    let rest_words = &words[verb + 1..];
    let phrase_start = rest_words.iter().take(3).position(|w| ON.contains(w)).map(|k| k + 1).or_else(|| {
        (0..rest_words.len().saturating_sub(1))
            .take(3)
            .find(|&k| ON_TWO.contains(&format!("{} {}", rest_words[k], rest_words[k + 1]).as_str()))
            .map(|k| k + 2)
    })?;
    let phrase = rest_words[phrase_start.min(rest_words.len())..].join(" ");
    if phrase.is_empty() {
        return None;
    }
    // where the phrase lies in the text, to find the entities in it
    let phrase_text_start = m.span.end;
    let phrase_span = Span::new(phrase_text_start, m.span.end + clause_end);
    let named = ix
        .occs_in(phrase_span)
        .iter()
        .map(|o| o.entity)
        .find(|&e| ix.entities[e].kind == crate::entities::EKind::Model);
    if BASE.iter().any(|b| phrase.contains(b)) {
        let of = named.or(ix.main_model).or(ix.main_org)?;
        let attribute = if phrase.contains("train") { "training_cost" } else { "development_cost" };
        return Some(Shift { subject: format!("{} base model", ix.subject_of(of)), attribute: Some(attribute) });
    }
    let named_any = ix.occs_in(phrase_span).first().map(|o| o.entity)?;
    Some(Shift { subject: ix.subject_of(named_any), attribute: None })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The look a byte at a time finds what splitting the clause into
    /// words finds, on clauses of spending verbs, near misses, clause
    /// ends and other characters.
    #[test]
    fn spends_soon_agrees_with_the_words_of_the_clause() {
        let pieces = [
            " ", " ", "spent", "Spent", "SPENDING", "put", "puts", "used", "paid-", "-", "on", "the", "a", "R1", ";",
            "—", "–", "(", ".", ",", "é", "\u{a0}", "’", "x", "1", "_",
        ];
        for after in crate::generated_texts(13, &pieces, 30_000, 0..=12) {
            let clause_end = after.find([';', '—', '(', '.']).unwrap_or(after.len());
            let want = after[..clause_end]
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .take(6)
                .any(|w| SPEND.iter().any(|v| v.eq_ignore_ascii_case(w)));
            assert_eq!(spends_soon(after.as_bytes()), want, "{after:?}");
        }
    }
}
