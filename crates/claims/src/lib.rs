//! Says what each figure is about: a subject ("DeepSeek R1") and an
//! attribute (`training_cost`) for every mention, from its sentence and its
//! document.
//!
//! # Design
//!
//! One document at a time. First an entity index of the whole
//! text: organizations, models and facilities, where each occurs and how
//! salient each is (the headline weighs three times, the first paragraph
//! twice); the most salient organization and model are the document's
//! *main* ones. Then, for each mention, in order:
//!
//! 1. **Scope shift.** A figure whose own descriptor names something else
//!    belongs to that ("…excludes $6M spent developing the foundational base
//!    model underlying R1" → `DeepSeek R1 base model`, `development_cost`).
//! 2. **Anaphora.** "The $294K", "the $294,000 figure" refer back to an
//!    earlier mention of the same value and take its subject and attribute.
//! 3. **Nearest subject in the sentence.** Candidates are the entities of
//!    the sentence, pronouns and definite descriptions ("it", "the
//!    company", "its R1 model"), and generic descriptions ("U.S. rivals",
//!    "large-language models"). The nearest wins, preferring what comes
//!    before the figure and what lies in the same clause.
//! 4. **Resolution and normalization.** A model is named with its maker
//!    ("DeepSeek R1", "OpenAI GPT-4"); a model from another organization
//!    than the main one, mentioned once in passing, is named by its maker
//!    alone ("OpenAI"), since that is the level at which such comparisons
//!    line up across sources; pronouns go to the main organization,
//!    descriptions of a model to the main model; "U.S. rivals" to the most
//!    salient U.S. developer in the text (else "U.S. AI developers"); an
//!    organization with a training attribute to its main model.
//! 5. **Fallback.** With no candidate in the sentence: the main model for
//!    training attributes, else the main organization. The main
//!    organization is named twice, or in the headline or first paragraph:
//!    one named once in passing further on is what that sentence is about,
//!    not the document, and the figure keeps no subject. Nor does a figure
//!    (other than a training one) whose sentence names something else
//!    that the index does not know ("Satechi's $29 charger" in a piece
//!    about Apple).
//!
//! The attribute comes from the cue words of the sentence ([`cues`]).
//!
//! Each thread keeps the vectors attribution and the entity index fill
//! for every document, and a pool of the subject and name strings its
//! last document gave back: a batch that reuses its attribution vector
//! from one document to the next ([`attribute_into`]) allocates almost
//! nothing per document. What is kept is bounded (vectors of up to 4,096
//! items, 1,024 strings of up to 256 bytes), whatever the documents.
//!
//! What it does not do: parse syntax, or know entities beyond its small
//! knowledge base of AI developers, chip vendors and model families (other
//! organizations are found by cue phrases such as "startup X").
#![deny(missing_docs)]

pub mod cues;
mod descriptions;
mod entities;
mod knowledge;
mod leads;
mod scope;
mod spare;

use std::sync::LazyLock;

use claimex_extract::{Mention, Value};
use claimex_segment::{Span, bytes};
use regex::Regex;

pub use entities::Names;
use entities::{EKind, Index};

/// What a mention is about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    /// The subject, normalized so that sources line up ("DeepSeek R1"), or
    /// `None` when the text gives none.
    pub subject: Option<String>,
    /// What the figure says about it (`training_cost`, `training_hardware`,
    /// `training_duration`, `funding`, …), or `None`.
    pub attribute: Option<&'static str>,
}

/// Subject and attribute of every mention of a document, in mention order.
/// `sentences` and `mentions` are the document's, as the pipeline gives
/// them (each mention's `sentence` indexes `sentences`).
pub fn attribute(text: &str, sentences: &[Span], mentions: &[Mention]) -> Vec<Attribution> {
    attribute_with(text, sentences, mentions, &Names::default())
}

/// [`attribute`], with more names known than the knowledge base holds:
/// `known` are names found in other articles of the same story
/// ([`names`]), so that "Zephyr raised $45 million" is Zephyr's in an
/// article that never calls Zephyr a startup.
pub fn attribute_with(text: &str, sentences: &[Span], mentions: &[Mention], known: &Names) -> Vec<Attribution> {
    let mut out = Vec::new();
    attribute_into(text, sentences, mentions, known, &mut out);
    out
}

/// [`attribute_with`] into a vector the caller keeps (cleared first): a
/// batch that reuses one vector for all its documents allocates it once,
/// and the subjects it held are reused for the new ones.
pub fn attribute_into(text: &str, sentences: &[Span], mentions: &[Mention], known: &Names, out: &mut Vec<Attribution>) {
    // the last document's subjects become this one's
    for subject in out.drain(..).filter_map(|a| a.subject) {
        spare::give_back(subject);
    }
    if mentions.is_empty() {
        return;
    }
    let ix = Index::build(text, sentences, known);
    out.reserve(mentions.len());
    let mut room = ROOM.take();
    // per sentence, read once for all its figures: cue words and candidate subjects
    let mut here: Option<(usize, cues::Words<'_>)> = None;
    // the mentions of the same sentence, lo..hi: mentions come in text
    // order, so a sentence's are a run, found once for the run (a binary
    // search per mention missed the cache on every step in a long document)
    let (mut lo, mut hi) = (0, 0);
    for (k, m) in mentions.iter().enumerate() {
        if k >= hi {
            lo = k;
            hi = k + 1 + mentions[k + 1..].iter().take_while(|o| o.sentence == m.sentence).count();
        }
        if here.as_ref().is_none_or(|h| h.0 != m.sentence)
            && let Some(&sentence) = sentences.get(m.sentence)
        {
            // the walk over the words for cue words also finds the literals of the subject patterns
            let cues = here.take().map_or_else(|| std::mem::take(&mut room.cues), |(_, words)| words.into_room());
            here = Some((m.sentence, cues::Words::new(text, sentence, cues, &mut room.literals)));
            sentence_candidates(text, sentence, &ix, &mentions[lo..hi], &mut room);
        }
        // an anaphor refers back a few figures at most
        let back = k.saturating_sub(ANAPHORA_REACH);
        let a = match sentences.get(m.sentence) {
            Some(&sentence) => {
                let (_, words) = here.as_ref().expect("read for this sentence");
                let context = Context { text, sentence, words, cands: &room.cands, in_sentence: &mentions[lo..hi] };
                one(&context, m, (&mentions[back..k], &out[back..k]), &ix)
            }
            None => Attribution::default(),
        };
        out.push(a);
    }
    document_defaults(&ix, out);
    ix.recycle();
    if let Some((_, words)) = here {
        room.cues = words.into_room();
    }
    room.keep();
}

/// The vectors attribution fills for every sentence with figures, kept
/// from one sentence to the next and, per thread, from one document to
/// the next: a batch allocates them once, not a few times a sentence.
#[derive(Default)]
struct Room {
    /// The candidate subjects of the sentence.
    cands: Vec<Located>,
    /// The literals the sentence's subject patterns turn on.
    literals: descriptions::Literals,
    /// Where the descriptions and pronouns may start.
    starts: Vec<usize>,
    /// The descriptions or pronouns found.
    spans: Vec<(usize, usize)>,
    /// The cue words of the sentence.
    cues: Vec<(usize, usize, u16)>,
}

/// True when vectors with room for these many items are worth keeping
/// for the thread's next document: none grew past 4,096 items (as for a
/// sentence of a huge one-line file). [`Room`] and the entity index's
/// vectors share this bound.
fn worth_keeping(capacities: &[usize]) -> bool {
    capacities.iter().all(|&n| n <= 4_096)
}

impl Room {
    /// Puts the vectors back for this thread's next document, unless one
    /// grew too large to keep.
    fn keep(self) {
        let capacities = [
            self.cands.capacity(),
            self.literals.capacity(),
            self.starts.capacity(),
            self.spans.capacity(),
            self.cues.capacity(),
        ];
        if worth_keeping(&capacities) {
            ROOM.set(self);
        }
    }
}

thread_local! {
    /// This thread's [`Room`] between documents.
    static ROOM: std::cell::Cell<Room> = std::cell::Cell::default();
}

/// The names `text` gives that the knowledge base lacks: organizations
/// named with a cue ("AI startup Zephyr", "Halcyon Labs"), models by
/// their hyphenated names ("Breeze-2"). Give them to [`attribute_with`]
/// for the other articles of the same story.
pub fn names(text: &str, sentences: &[Span]) -> Names {
    let mut ix = Index::build(text, sentences, &Names::default());
    let names = std::mem::take(&mut ix.names);
    ix.recycle();
    names
}

/// `rounds` texts, each of a number of pieces in `counts` drawn from
/// `pieces` and joined, from a fixed seed: the texts the tests hold a
/// hand-written finder to the code it replaces on. A count that can
/// only be one number is not drawn.
#[cfg(test)]
pub(crate) fn generated_texts(
    seed: u64,
    pieces: &[&str],
    rounds: usize,
    counts: std::ops::RangeInclusive<usize>,
) -> impl Iterator<Item = String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..rounds).map(move |_| {
        let count = if counts.start() == counts.end() { *counts.start() } else { rng.usize(counts.clone()) };
        (0..count).map(|_| pieces[rng.usize(..pieces.len())]).collect()
    })
}

/// Every UTF-8 file under `fixtures/<under>` (all of them for `""`),
/// recursively, with its path, in path order: the texts the tests hold
/// the fast paths to.
#[cfg(test)]
pub(crate) fn fixture_files(under: &str) -> Vec<(std::path::PathBuf, String)> {
    let mut dirs = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(under)];
    let mut files = Vec::new();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                files.push((path, text));
            }
        }
    }
    files.sort();
    files
}

/// A plain "cost" of the document's main subject, in a document that
/// states the main model's training cost, is that training cost ("the
/// headline cost, US$4.6mn, covers the final run").
fn document_defaults(ix: &Index, out: &mut [Attribution]) {
    let Some(model) = ix.main_model.map(|m| ix.subject_of(m)) else { return };
    let org = ix.main_org.map(|o| ix.subject_of(o));
    let trained = out.iter().any(|a| a.attribute == Some("training_cost") && a.subject.as_deref() == Some(&model));
    if trained {
        for a in out.iter_mut() {
            let main = a.subject.as_deref() == Some(&model) || a.subject.is_some() && a.subject == org;
            if a.attribute == Some("cost") && main {
                if let Some(old) = a.subject.replace(spare::copy(&model)) {
                    spare::give_back(old);
                }
                a.attribute = Some("training_cost");
            }
        }
    }
    spare::give_back(model);
    if let Some(org) = org {
        spare::give_back(org);
    }
}

/// How many earlier figures an anaphor ("the $294K") may refer back to.
const ANAPHORA_REACH: usize = 64;

/// What one figure's attribution reads: its sentence, read once.
struct Context<'a, 't> {
    text: &'t str,
    sentence: Span,
    words: &'a cues::Words<'t>,
    cands: &'a [Located],
    in_sentence: &'a [Mention],
}

fn one(cx: &Context<'_, '_>, m: &Mention, (earlier, done): (&[Mention], &[Attribution]), ix: &Index) -> Attribution {
    let (text, sentence) = (cx.text, cx.sentence);
    let mut attr = cues::attribute(cx.words, m);
    if let Some(shift) = scope::shift(text, sentence, m, cx.in_sentence, ix) {
        return Attribution { subject: Some(shift.subject), attribute: shift.attribute.or(attr) };
    }
    if anaphoric(text, sentence, m)
        && let Some(k) = earlier.iter().rposition(|p| p.kind == m.kind && same_value(&p.value, &m.value))
        && done[k].subject.is_some()
    {
        let Attribution { subject, attribute } = &done[k];
        return Attribution { subject: subject.as_deref().map(spare::copy), attribute: *attribute };
    }
    let subject = nearest_subject(text, sentence, m, ix, cx.cands, attr);
    if subject.is_none() && attr.is_none() {
        attr = None;
    }
    Attribution { subject, attribute: attr }
}

fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Money(x), Value::Money(y)) => x.currency == y.currency && x.amount == y.amount,
        (Value::ChipCount(x), Value::ChipCount(y)) => x.count == y.count,
        (Value::Duration(x), Value::Duration(y)) => x.seconds == y.seconds,
        _ => false,
    }
}

/// Words after a figure that make it refer back ("the $294,000 figure").
const BACK_NOUNS: &[&str] = &["figure", "sum", "price", "amount", "total", "estimate", "number", "bill", "tally"];

/// "The $294K excludes…", "the $294,000 figure", "this $6 million".
fn anaphoric(text: &str, sentence: Span, m: &Mention) -> bool {
    let before = text[sentence.start..m.span.start].trim_end();
    let last = before.rsplit(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    if ["the", "this", "that"].iter().any(|w| last.eq_ignore_ascii_case(w)) && before.ends_with(last) {
        return true;
    }
    let after = text[m.span.end..sentence.end].trim_start();
    let next = after.split(|c: char| !c.is_ascii_alphabetic()).next().unwrap_or("");
    BACK_NOUNS.iter().any(|w| next.eq_ignore_ascii_case(w))
}

/// A candidate subject with its byte span.
type Located = (usize, usize, Cand);

/// A candidate subject in the sentence.
#[derive(Debug, Clone, Copy)]
enum Cand {
    Entity(usize),
    /// it, its, the company, the startup…
    Pronoun,
    /// the model, its R1 model, its hit AI model
    ModelDescription,
    /// U.S. rivals, US giants (with the first organization of a "like X and Y" list, if any)
    GenericUs(Option<usize>),
    /// large-language models, LLMs
    GenericModels,
}

static GENERIC_US_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:U\.S\.|US|American|Western)\s+(?:AI\s+|tech\s+|technology\s+)?(?:giants?|rivals?|firms?|companies|developers|labs|competitors|counterparts|models?)(?-u:\b)(?:\s+(?:like|such\s+as|including)\s+)?",
    )
    .expect("generic regex")
});
static GENERIC_MODELS_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:large[- ]language|AI|frontier|foundation|language)\s+models(?-u:\b)|(?-u:\b)LLMs(?-u:\b)")
        .expect("models regex")
});

/// Words that make a model description ("the model") mean another model
/// than the article's ("its base model", "a language model") or no model
/// at all ("its business model", "a role model"): compared ignoring case.
const NOT_THE_MODEL: [&str; 6] = ["base", "foundation", "underlying", "language", "business", "role"];

/// The candidate subjects of a sentence (outside its figures), computed
/// once for all the figures in it, into `room.cands` (cleared first).
/// `room.literals` must hold the sentence's literals already
/// ([`cues::Words::new`] finds them).
fn sentence_candidates(text: &str, sentence: Span, ix: &Index, in_sentence: &[Mention], room: &mut Room) {
    let Room { cands, literals, starts, spans, .. } = room;
    let s = &text[sentence.start..sentence.end];
    let at = |p: usize| sentence.start + p;
    // mentions come in text order: the first one ending after `a` decides
    let in_mention = |a: usize, b: usize| {
        let k = in_sentence.partition_point(|o| o.span.end <= a);
        in_sentence.get(k).is_some_and(|o| o.span.start < b)
    };
    cands.clear();
    for o in ix.occs_in(sentence) {
        if !in_mention(o.start, o.end) {
            cands.push((o.start, o.end, Cand::Entity(o.entity)));
        }
    }
    // the literals every pattern needs: most sentences are turned away before a regex runs
    for g in literals.generic_us.then(|| GENERIC_US_RE.find_iter(s)).into_iter().flatten() {
        let (a, mut b) = (at(g.start()), at(g.end()));
        let mut first = None;
        if g.as_str().ends_with(' ') || g.as_str().ends_with(char::is_whitespace) {
            // "U.S. giants like OpenAI and Anthropic": the list belongs to the description
            for o in ix.occs_in(Span::new(b, sentence.end)) {
                let gap = text[b.min(o.start)..o.start].trim();
                if !(gap.is_empty() || gap == "and" || gap == "," || gap == ", and") {
                    break;
                }
                b = o.end;
                first = first.or(Some(o.entity));
            }
            cands.retain(|c| !(c.0 >= at(g.end()) && c.1 <= b));
        }
        cands.push((a, b, Cand::GenericUs(first)));
    }
    for g in literals.generic_models.then(|| GENERIC_MODELS_RE.find_iter(s)).into_iter().flatten() {
        cands.push((at(g.start()), at(g.end()), Cand::GenericModels));
    }
    descriptions::model_descriptions(s, literals, starts, spans);
    for &(ga, gb) in spans.iter() {
        let t = &s.as_bytes()[ga..gb];
        if NOT_THE_MODEL.iter().any(|w| t.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w.as_bytes()))) {
            continue;
        }
        // "its R1 model" is the named model already
        let (a, b) = (at(ga), at(gb));
        if ix.occs_in(Span::new(a, b)).iter().any(|o| o.end <= b) {
            continue;
        }
        cands.push((a, b, Cand::ModelDescription));
    }
    // pronouns where no other candidate is (cands sorted by start; none is longer than a sentence)
    cands.sort_by_key(|c| c.0);
    // pronouns go after the sorted candidates, and are checked against those only
    let sorted = cands.len();
    descriptions::pronouns(s, literals, starts, spans);
    for &(a, b) in spans.iter() {
        let (a, b) = (at(a), at(b));
        let k = cands[..sorted].partition_point(|c| c.0 < b);
        let overlaps = cands[..k].iter().rev().take(8).any(|c| a < c.1);
        if !overlaps {
            cands.push((a, b, Cand::Pronoun));
        }
    }
    cands.retain(|c| !in_mention(c.0, c.1));
    cands.sort_by_key(|c| c.0);
}

/// The subject of a mention from the candidates of its sentence, or the
/// document's main subject.
fn nearest_subject(
    text: &str,
    sentence: Span,
    m: &Mention,
    ix: &Index,
    cands: &[Located],
    attr: Option<&'static str>,
) -> Option<String> {
    // only candidates near the figure can win (see the limits below): a
    // window keeps long sentences linear; those before the figure, then
    // those after it
    let split = cands.partition_point(|c| c.0 < m.span.start);
    let lo = cands[..split].partition_point(|c| c.0 + 400 < m.span.start);
    let hi = split + cands[split..].partition_point(|c| c.0 <= m.span.end + 160);
    // the lowest score, the first of equals; a candidate whose score cannot
    // beat the best so far (or pass the limit) is not scored in full. The
    // candidates are visited from the figure outwards, those before it
    // first: the nearest usually win, and the farther ones, whose gaps are
    // the longest to read, are then turned away by their floor.
    let mut best: Option<(i64, usize, Cand)> = None;
    for t in lo..hi {
        // lo..split backwards, then split..hi: a candidate before the figure
        // that ties with the best comes earlier in the sentence, and wins
        let before = t < split;
        let c = &cands[if before { split - 1 - (t - lo) } else { t }];
        // a chip is the subject of its own price, not of what was done with it
        if let Cand::Entity(e) = c.2
            && ix.entities[e].kind == EKind::Chip
            && !matches!(attr, Some("price" | "cost"))
        {
            continue;
        }
        // a candidate only reachable across clauses is no better than none
        let limit = if c.0 >= m.span.end { 150 } else { 220 };
        let floor = score_floor(m.span, c.0, c.1, c.2);
        // the score is at least its floor
        if floor > limit || best.is_some_and(|(b, _, _)| floor > b || floor == b && !before) {
            continue;
        }
        let mut s = score(text, sentence, m.span, c.0, c.1, c.2);
        debug_assert!(s >= floor, "the floor of a score is below it");
        // "raised $2bn from Google", "investors including Microsoft": a party to the deal, not its subject
        if matches!(attr, Some("funding" | "total_funding" | "valuation"))
            && matches!(c.2, Cand::Entity(_))
            && introduced_as_party(text, sentence, c.0)
        {
            s += 150;
        }
        if s <= limit && best.is_none_or(|(b, _, _)| s < b || s == b && before) {
            best = Some((s, c.0, c.2));
        }
    }
    let best = best.map(|(_, at, c)| (at, c));
    let model_level = attr.is_some_and(cues::is_model_level);
    let main_subject = || {
        if model_level {
            ix.main_model.or(ix.main_org).map(|e| ix.subject_of(e))
        } else {
            ix.main_org.or(ix.main_model).map(|e| ix.subject_of(e))
        }
    };
    // "Rival Zephyr AI trained its own model…": "its" is the organization named before it
    let antecedent = |at: usize| {
        ix.occs_in(Span::new(sentence.start, at))
            .iter()
            .rev()
            .map(|o| o.entity)
            .find(|&e| ix.entities[e].kind == EKind::Org && !ix.entities[e].vendor)
            .filter(|&e| Some(e) != ix.main_org)
    };
    match best {
        // a price with nothing named in its sentence is the price of something unnamed ("oil tops $80 a barrel")
        None if attr == Some("price") => None,
        // a figure in a sentence that names something else is that thing's,
        // not the document's: "Satechi's $29 car charger" in a piece about
        // Apple is not Apple's (a training figure still goes to the main
        // model: "the run, Reuters reported, cost $5m")
        None if !model_level && names_another(text, sentence, ix) => None,
        None => main_subject(),
        Some((_, Cand::Entity(e))) => Some(entity_subject(ix, e, model_level)),
        Some((at, Cand::Pronoun)) => match antecedent(at) {
            Some(org) => Some(ix.subject_of(org)),
            // "Boeing said it would cut costs by $200 million": "it" is the
            // name the index does not know, not the document's main subject
            None if !model_level && unknown_name_before(text, sentence, at, ix) => None,
            None => main_subject(),
        },
        Some((at, Cand::ModelDescription)) => match antecedent(at) {
            Some(org) => Some(ix.subject_of(org)),
            None => ix.main_model.or(ix.main_org).map(|e| ix.subject_of(e)),
        },
        Some((_, Cand::GenericUs(first))) => Some(match first.or_else(|| ix.main_us_lab()) {
            Some(e) => entity_subject(ix, e, false),
            None => "U.S. AI developers".to_string(),
        }),
        Some((_, Cand::GenericModels)) => Some("large language models".to_string()),
    }
}

/// Capitalized words that name no one, besides months and days
/// ([`claimex_extract::MONTHS`], [`claimex_extract::WEEKDAYS`]): words that
/// often open a clause, and seasons and holidays.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "Its",
    "Our",
    "Their",
    "His",
    "Her",
    "But",
    "And",
    "For",
    "With",
    "After",
    "Before",
    "While",
    "When",
    "Now",
    "New",
    "Black",
    "Prime",
    "Christmas",
    "Thanksgiving",
    "Easter",
];

/// True when `sentence` names something other than the document's main
/// organization and model: a capitalized word of three letters or more
/// ("Satechi", "Logitech", "Ferro"), not the sentence's first word, not a
/// month, a day or one of [`NOT_NAMES`], and not part of a name of the
/// main subject.
fn names_another(text: &str, sentence: Span, ix: &Index) -> bool {
    let occs = ix.occs_in(sentence);
    let main = |at: usize| {
        occs.iter()
            .any(|o| o.start <= at && at < o.end && (Some(o.entity) == ix.main_org || Some(o.entity) == ix.main_model))
    };
    let body = &text[sentence.start..sentence.end];
    let b = body.as_bytes();
    let first = b.iter().position(u8::is_ascii_alphanumeric);
    // only the capitals are looked at, found sixteen bytes at a time
    for (block, capitals, _) in bytes::capitals_and_digits(b) {
        let mut bits = capitals;
        while bits != 0 {
            let k = block + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if k > 0 && b[k - 1].is_ascii_alphanumeric() {
                continue;
            }
            let mut e = k + 1;
            while e < b.len() && (b[e].is_ascii_alphanumeric() || b[e] >= 0x80) {
                e += 1;
            }
            let word = &body[k..e];
            // a sentence's first word is a name when it owns something: "Satechi's charger"
            let owns = || body[e..].starts_with("'s") || body[e..].starts_with("’s");
            let named = (first != Some(k) || owns()) && is_name_word(word) && !main(sentence.start + k);
            if named {
                return true;
            }
        }
    }
    false
}

/// True when the last capitalized word before the pronoun at `at` is a
/// name ([`is_name_word`]) the index does not know ("Boeing said it…",
/// "Planemaker Boeing said it…"), not inside an occurrence of a known
/// entity ("DeepSeek said it…").
fn unknown_name_before(text: &str, sentence: Span, at: usize, ix: &Index) -> bool {
    let body = &text[sentence.start..at];
    let Some(word) =
        body.split(|c: char| !c.is_alphanumeric()).rev().find(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
    else {
        return false;
    };
    // where the word starts: it is the last one of its shape in `body`
    let Some(k) = body.rfind(word) else { return false };
    let start = sentence.start + k;
    is_name_word(word) && !ix.occs_in(sentence).iter().any(|o| o.start <= start && start < o.end)
}

/// True when a capitalized `word` may be a name: three letters or more,
/// a lower-case letter after its first ("Satechi", not "GPU" or "A"),
/// and not a month, a day or one of [`NOT_NAMES`].
fn is_name_word(word: &str) -> bool {
    word.len() >= 3
        && word.bytes().skip(1).any(|c| c.is_ascii_lowercase())
        && !NOT_NAMES.contains(&word)
        && !claimex_extract::MONTHS.contains(&word)
        && !claimex_extract::WEEKDAYS.contains(&word)
}

/// Words that introduce the other party of a deal: "raised $2bn from
/// Google", "led by Thrive", "investors including Microsoft and Nvidia".
const PARTY_WORDS: &[&str] = &["from", "by", "including", "like"];

/// True when the name starting at `start` is one of a list (names,
/// "and", commas) that one of [`PARTY_WORDS`] introduces.
fn introduced_as_party(text: &str, sentence: Span, start: usize) -> bool {
    for token in text[window_start(text, sentence, start, 80)..start].split_whitespace().rev() {
        let word = token.trim_end_matches(',');
        if word == "and" || word == "&" || word.is_empty() || word.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        return PARTY_WORDS.contains(&word);
    }
    false
}

/// The start of a look back of about `len` bytes from `at`, inside the
/// sentence and on a character boundary.
fn window_start(text: &str, sentence: Span, at: usize, len: usize) -> usize {
    let mut from = at.saturating_sub(len).max(sentence.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    from
}

/// The subject an entity stands for.
fn entity_subject(ix: &Index, e: usize, model_level: bool) -> String {
    let ent = &ix.entities[e];
    match ent.kind {
        EKind::Model if ix.is_peripheral(e) => ix.subject_of(ent.org.expect("peripheral models have a maker")),
        EKind::Org if model_level && Some(e) == ix.main_org => {
            ix.main_model.map_or_else(|| spare::copy(&ent.name), |mm| ix.subject_of(mm))
        }
        _ => ix.subject_of(e),
    }
}

/// Clause marks in the text between a candidate and a figure, in one pass:
/// (a strong break ";", "—", " – ", " - ", brackets; a list separator
/// "·", "•", " | "; a comma).
fn gap_marks(g: &[u8]) -> (bool, bool, bool) {
    let (mut strong, mut list, mut comma) = (false, false, false);
    for (k, &c) in g.iter().enumerate() {
        match c {
            b';' | b'(' | b')' => strong = true,
            b',' => comma = true,
            b'-' | b'|' if k > 0 && g[k - 1] == b' ' && g.get(k + 1) == Some(&b' ') => {
                if c == b'-' {
                    strong = true
                } else {
                    list = true
                }
            }
            0xe2 => match (g.get(k + 1), g.get(k + 2)) {
                (Some(0x80), Some(0x94)) => strong = true,
                (Some(0x80), Some(0x93)) if k > 0 && g[k - 1] == b' ' => strong = true,
                (Some(0x80), Some(0xa2)) => list = true,
                _ => {}
            },
            0xc2 if g.get(k + 1) == Some(&0xb7) => list = true,
            _ => {}
        }
    }
    (strong, list, comma)
}

/// What [`score`] gives at the least, from the positions alone: the
/// length of the gap, the cost of coming after the figure and that of the
/// candidate's kind (every other term only adds).
fn score_floor(m: Span, a: usize, b: usize, c: Cand) -> i64 {
    let (gap, after) = if b <= m.start { (m.start - b, 0) } else { (a.max(m.end) - m.end, 40) };
    gap as i64 + after + kind_cost(c)
}

/// How far a kind of candidate is from a name: a name costs nothing, a pronoun most.
fn kind_cost(c: Cand) -> i64 {
    match c {
        Cand::Entity(_) => 0,
        Cand::GenericUs(_) => 0,
        Cand::ModelDescription => 5,
        Cand::GenericModels => 5,
        Cand::Pronoun => 25,
    }
}

/// Lower is better: distance in bytes, more for what comes after the figure
/// or lies in another clause, adjusted by the kind of candidate.
fn score(text: &str, sentence: Span, m: Span, a: usize, b: usize, c: Cand) -> i64 {
    let (gap_start, gap_end, after) = if b <= m.start { (b, m.start, false) } else { (m.end, a.max(m.end), true) };
    let gap = &text[gap_start.min(gap_end)..gap_end];
    let mut d = gap.len() as i64;
    let (strong, list, comma) = gap_marks(gap.as_bytes());
    // items of a list of headlines or links are separate statements
    if list {
        d += 1000;
    }
    if after {
        d += 40;
        if strong || comma {
            d += 150;
        }
    } else if strong {
        d += 150;
    } else if comma {
        d += 20;
    }
    // inside a relative clause before the figure: "Moonshot AI, which is backed by Alibaba, was valued at…"
    if !after && comma {
        let head = &text[window_start(text, sentence, a, 200)..a];
        // the last ", ": its comma found from the end (a substring search costs a searcher a call)
        let h = head.as_bytes();
        if let Some(p) = memchr::memrchr_iter(b',', h).find(|&p| h.get(p + 1) == Some(&b' '))
            && opens_relative_clause(&h[p + 1..])
        {
            d += 150;
        }
    }
    d + kind_cost(c)
}

/// Words that put what follows them in a relative clause or a list of
/// backers: "…, which is backed by", "…, led by".
const RELATIVE_WORDS: [&[u8]; 5] = [b"which", b"who", b"whose", b"like", b"including"];
/// The same, of two words.
const RELATIVE_PAIRS: [(&[u8], &[u8]); 2] = [(b"backed", b"by"), (b"led", b"by")];

/// True when `clause` holds one of [`RELATIVE_WORDS`] or [`RELATIVE_PAIRS`]
/// with a space on either side (" which ", " backed by "), read in one
/// pass over its space-separated pieces: a piece has a space on either
/// side when it is neither the first nor the last.
fn opens_relative_clause(clause: &[u8]) -> bool {
    // at each piece, the two before it: both have a space after them, and
    // (being past the first piece) the one just before has one before it too
    let (mut before, mut last): (Option<&[u8]>, Option<&[u8]>) = (None, None);
    for (k, piece) in clause.split(|&c| c == b' ').enumerate() {
        if k >= 2
            && let Some(w) = last
        {
            if RELATIVE_WORDS.contains(&w) {
                return true;
            }
            if k >= 3 && before.is_some_and(|v| RELATIVE_PAIRS.contains(&(v, w))) {
                return true;
            }
        }
        (before, last) = (last, Some(piece));
    }
    false
}

impl Attribution {
    /// True when both subject and attribute are known: the mention is a
    /// claim that can be reconciled.
    pub fn is_claim(&self) -> bool {
        self.subject.is_some() && self.attribute.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimex_extract::Extractor;

    /// The one pass over a clause's words finds what looking for each
    /// spaced word in it finds, on clauses of those words and their
    /// near misses, single and double spaces.
    #[test]
    fn relative_clause_words_are_found_in_one_pass() {
        let pieces = [
            " ",
            " ",
            "which",
            "who",
            "whose",
            "like",
            "including",
            "backed",
            "led",
            "by",
            "whom",
            "liked",
            "a",
            ",",
            "Which",
            "bybacked",
        ];
        for clause in generated_texts(11, &pieces, 20_000, 0..=9) {
            let want = [" which ", " who ", " whose ", " backed by ", " led by ", " like ", " including "]
                .iter()
                .any(|w| clause.contains(w));
            assert_eq!(opens_relative_clause(clause.as_bytes()), want, "{clause:?}");
        }
    }

    /// A pronoun whose antecedent is a name the index does not know is
    /// that name's, not the document's main organization's; one whose
    /// last name before it is the main organization's stays its.
    #[test]
    fn a_pronoun_after_an_unknown_name_is_not_the_main_organization() {
        let text = "Amazon will invest $1.3 billion in its Kentucky plant, the company said.\n\n\
                    Boeing said it would cut costs by $200 million.\n\n\
                    Planemaker Boeing said it would save $500 million.\n\n\
                    In March, Amazon said it would spend $2 billion.";
        let sentences = claimex_segment::split(text);
        let mentions = Extractor::new().extract(text, &sentences);
        let subjects: Vec<Option<String>> =
            attribute(text, &sentences, &mentions).into_iter().map(|a| a.subject).collect();
        let amazon = Some("Amazon".to_string());
        assert_eq!(subjects, [amazon.clone(), None, None, amazon]);
    }

    /// Attribution with everything reused (the caller's vector, this
    /// thread's vectors and strings, all holding an earlier document's)
    /// gives what a thread that never attributed anything gives, document
    /// after document, in three orders.
    #[test]
    fn reused_vectors_and_strings_change_nothing() {
        let texts: Vec<String> = fixture_files("")
            .into_iter()
            .filter(|(path, _)| path.extension().is_some_and(|e| e == "txt"))
            .map(|(_, text)| text)
            .collect();
        assert!(texts.len() >= 16, "{} fixture texts", texts.len());
        let analyses: Vec<(Vec<Span>, Vec<Mention>)> = texts
            .iter()
            .map(|t| {
                let sentences = claimex_segment::split(t);
                let mentions = Extractor::new().extract(t, &sentences);
                (sentences, mentions)
            })
            .collect();
        let fresh: Vec<Vec<Attribution>> = texts
            .iter()
            .zip(&analyses)
            .map(|(t, (s, m))| std::thread::scope(|scope| scope.spawn(|| attribute(t, s, m)).join().unwrap()))
            .collect();
        assert!(fresh.iter().map(Vec::len).sum::<usize>() > 50);
        let n = texts.len();
        let mut out = Vec::new();
        for order in [(0..n).collect::<Vec<_>>(), (0..n).rev().collect(), (0..n).map(|k| k * 7 % n).collect()] {
            for k in order {
                let (sentences, mentions) = &analyses[k];
                attribute_into(&texts[k], sentences, mentions, &Names::default(), &mut out);
                assert_eq!(out, fresh[k], "fixture {k}");
            }
        }
    }

    fn attributions(text: &str) -> Vec<(String, Option<String>, Option<&'static str>)> {
        let sentences = claimex_segment::split(text);
        let mentions = Extractor::new().extract(text, &sentences);
        let attrs = attribute(text, &sentences, &mentions);
        mentions.iter().zip(attrs).map(|(m, a)| (m.text(text).to_string(), a.subject, a.attribute)).collect()
    }

    /// (mention text, subject, attribute)
    type Expected = (&'static str, &'static str, &'static str);

    /// Corpus: a small document → (mention, subject, attribute) for each mention.
    const CORPUS: &[(&str, &[Expected])] = &[
        (
            "China's DeepSeek says its hit AI model cost just $294,000 to train\n\n\
             DeepSeek said it spent $294,000 on training its R1 model. R1 was trained for 80 hours on 512 Nvidia H800 chips.",
            &[
                ("$294,000", "DeepSeek R1", "training_cost"),
                ("$294,000", "DeepSeek R1", "training_cost"),
                ("80 hours", "DeepSeek R1", "training_duration"),
                ("512 Nvidia H800 chips", "DeepSeek R1", "training_hardware"),
            ],
        ),
        (
            "DeepSeek's R1 training cost $294,000. The $294K excludes $6M spent developing the foundational base model underlying R1.",
            &[
                ("$294,000", "DeepSeek R1", "training_cost"),
                ("$294K", "DeepSeek R1", "training_cost"),
                ("$6M", "DeepSeek R1 base model", "development_cost"),
            ],
        ),
        (
            "DeepSeek trained its R1 model for $294,000. Sam Altman, CEO of U.S. AI giant OpenAI, said that foundational model training had cost \"much more\" than $100 million.",
            &[("$294,000", "DeepSeek R1", "training_cost"), ("$100 million", "OpenAI", "training_cost")],
        ),
        (
            "DeepSeek trained its R1 model for $294,000. OpenAI's Sam Altman said training GPT-4 had cost well over $100 million. DeepSeek's R1 is open.",
            &[("$294,000", "DeepSeek R1", "training_cost"), ("$100 million", "OpenAI", "training_cost")],
        ),
        (
            "The startup Zephyr raised $40 million from investors. Zephyr trained its Breeze model on 2,048 H100 GPUs.",
            &[("$40 million", "Zephyr", "funding"), ("2,048 H100 GPUs", "Zephyr", "training_hardware")],
        ),
        (
            "Anthropic raised $4bn from Amazon and $2bn from Google.",
            &[("$4bn", "Anthropic", "funding"), ("$2bn", "Anthropic", "funding")],
        ),
        (
            "OpenAI raised $6.6 billion from investors including Microsoft and Nvidia at a $157 billion valuation.",
            &[("$6.6 billion", "OpenAI", "funding"), ("$157 billion", "OpenAI", "valuation")],
        ),
        // an organization named once in passing, past the first paragraph, is not the
        // document's subject: figures with none of their own keep none
        (
            "Tariffs hurt farmers.\n\nExports fell to $9.1 billion in 2018. Prices rose. Costs rose. \
             Retailers such as the recreational vehicle-maker Winnebago said they raised prices. \
             The tariffs cost $28 billion over two years.",
            &[("$9.1 billion", "-", "-"), ("$28 billion", "-", "cost"), ("two years", "-", "duration")],
        ),
        // a figure in a sentence that names something else is not the main organization's; one in a
        // sentence that names nothing else is
        (
            "Apple unveiled a MacBook.\n\nApple said the MacBook sells well. Satechi's awesome $29 car charger \
             is black. Docks start at $199. The Apple dock is $99. Logitech's mouse costs $99.",
            &[("$29", "-", "-"), ("$199", "Apple", "-"), ("$99", "Apple", "-"), ("$99", "-", "cost")],
        ),
        // organizations the knowledge base lacks, found by a ticker, "shares of" or a corporate suffix
        (
            "Home Depot (NYSE: HD) cut its forecast. Home Depot reported revenue of $27.2 billion.",
            &[("$27.2 billion", "Home Depot", "revenue")],
        ),
        ("Shares of Gannett rose. Gannett paid $1.4 billion for the chain.", &[("$1.4 billion", "Gannett", "cost")]),
        (
            "Tyvak Nano-Satellite Systems, Inc. won a contract. Tyvak Nano-Satellite Systems will spend $2 million.",
            &[("$2 million", "Tyvak Nano-Satellite Systems", "cost")],
        ),
        // named in the first paragraph, it is
        (
            "The startup Zephyr closed a round.\n\nPrices rose. Costs rose. Demand rose. The round totaled $45 million.",
            &[("$45 million", "Zephyr", "funding")],
        ),
        (
            "Meta trained Llama 3.1 405B on 16,384 H100 GPUs over 54 days, the company said.",
            &[
                ("16,384 H100 GPUs", "Meta Llama 3.1 405B", "training_hardware"),
                ("54 days", "Meta Llama 3.1 405B", "training_duration"),
            ],
        ),
    ];

    #[test]
    fn corpus() {
        let mut failures = Vec::new();
        for (doc, want) in CORPUS {
            let got = attributions(doc);
            let got_view: Vec<(&str, &str, &str)> =
                got.iter().map(|(t, s, a)| (t.as_str(), s.as_deref().unwrap_or("-"), a.unwrap_or("-"))).collect();
            if got_view != *want {
                failures.push(format!("{doc:?}\n  want {want:?}\n  got  {got_view:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
