//! claimex finds the figures news articles state — money, AI chip counts,
//! durations — normalizes them, and says what each is about.
//!
//! This crate is the one pipeline users depend on. It ties the stages
//! together (reading sources with [`ingest`], splitting sentences with
//! [`segment`], finding figures with [`extract`]) and defines the JSON
//! records the `claimex` command prints, so a program that calls the
//! library gets exactly what the command line gives.
//!
//! ```
//! let text = "DeepSeek said it spent $294,000 on training its R1 model. \
//!             R1 was trained for 80 hours on 512 Nvidia H800 chips.";
//! let mentions = claimex::extract_text(text);
//! let found: Vec<&str> = mentions.iter().map(|m| m.text(text)).collect();
//! assert_eq!(found, ["$294,000", "80 hours", "512 Nvidia H800 chips"]);
//!
//! // A pipeline is built once and reused for every document.
//! let pipeline = claimex::Pipeline::new().kinds([claimex::Kind::Money].into_iter().collect());
//! let analysis = pipeline.analyze(text);
//! assert_eq!(analysis.sentences.len(), 2);
//! assert_eq!(analysis.mentions.len(), 1);
//! assert_eq!(analysis.mentions[0].sentence, 0);
//! ```
//!
//! What it does not do: fetch URLs (the `claimex-fetch` crate does; the
//! command line wires it in) or print anything.
#![deny(missing_docs)]

pub mod batch;
pub mod check;
mod hidden;
mod records;

pub use claimex_claims as claims;
pub use claimex_claims::Attribution;
pub use claimex_extract as extract;
pub use claimex_extract::{
    Ambiguity, ChipCount, Duration, Extractor, Kind, KindSet, Mention, Money, Qualifier, TimeUnit, Value,
};
pub use claimex_ingest as ingest;
pub use claimex_ingest::{Document, Input};
pub use claimex_reconcile as reconcile;
pub use claimex_segment as segment;
pub use claimex_segment::{Segmenter, Span};
pub use records::{MentionRecord, SentenceRecord, TextRecord};

/// The sentences and mentions of one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Sentence spans, in order.
    pub sentences: Vec<Span>,
    /// Mentions, in text order; `sentence` indexes [`Analysis::sentences`].
    pub mentions: Vec<Mention>,
    /// Subject and attribute of each mention (same order as `mentions`).
    pub attributions: Vec<Attribution>,
}

/// The whole pipeline from text to mentions. Build it once and share it:
/// it holds no per-document state and is `Send + Sync`.
#[derive(Debug, Clone, Default)]
pub struct Pipeline {
    segmenter: Segmenter,
    extractor: Extractor,
}

impl Pipeline {
    /// A pipeline that reports every kind of figure.
    pub fn new() -> Pipeline {
        Pipeline::default()
    }

    /// The same pipeline, reporting only `kinds`.
    pub fn kinds(mut self, kinds: KindSet) -> Pipeline {
        self.extractor = Extractor::with_kinds(kinds);
        self
    }

    /// Splits `text` into sentences, finds its mentions and says what each
    /// is about.
    pub fn analyze(&self, text: &str) -> Analysis {
        let mut out = Analysis::default();
        self.analyze_into(text, &mut out);
        out
    }

    /// Like [`Pipeline::analyze`], reusing the buffers of `out`.
    ///
    /// A soft hyphen, zero-width space or word joiner inside a word or a
    /// number ("mil\u{ad}lion", "$1,\u{200b}000") reads as nothing: the
    /// stages run on a copy without them, and the spans are mapped back to
    /// `text`, so a mention's text is still its slice of `text`.
    pub fn analyze_into(&self, text: &str, out: &mut Analysis) {
        match hidden::Hidden::find(text) {
            None => self.analyze_visible(text, out),
            Some(h) => {
                self.analyze_visible(&h.text, out);
                for s in &mut out.sentences {
                    *s = h.original(*s);
                }
                for m in &mut out.mentions {
                    m.span = h.original(m.span);
                }
            }
        }
    }

    /// [`Pipeline::analyze_into`] on a text with no hidden characters
    /// inside its words.
    fn analyze_visible(&self, text: &str, out: &mut Analysis) {
        out.sentences.clear();
        out.mentions.clear();
        // news averages a sentence per 100-150 bytes: one allocation, not a series of regrowths
        out.sentences.reserve(text.len() / 96 + 4);
        self.segmenter.split_into(text, &mut out.sentences);
        self.extractor.extract_into(text, &out.sentences, &mut out.mentions);
        claimex_claims::attribute_into(
            text,
            &out.sentences,
            &out.mentions,
            &claimex_claims::Names::default(),
            &mut out.attributions,
        );
    }

    /// The sentence spans of `text`.
    pub fn sentences(&self, text: &str) -> Vec<Span> {
        match hidden::Hidden::find(text) {
            None => self.segmenter.split(text),
            Some(h) => self.segmenter.split(&h.text).into_iter().map(|s| h.original(s)).collect(),
        }
    }
}

/// The mentions of a text, with the default pipeline.
pub fn extract_text(text: &str) -> Vec<Mention> {
    Pipeline::new().analyze(text).mentions
}

/// The source and the claims of one analyzed document, ready for
/// [`reconcile::reconcile`]: every mention whose subject and attribute are
/// known, with its sentence as evidence.
pub fn claims_of(doc: &Document, analysis: &Analysis) -> (reconcile::SourceDoc, Vec<reconcile::Claim>) {
    claims_with(doc, analysis, &analysis.attributions)
}

/// The sources and claims of the articles of one story, ready for
/// [`reconcile::reconcile`], in article order. An organization that one
/// article names with a cue ("AI startup Zephyr") is known in all of
/// them, and so is a model that one article names twice or calls a model
/// ([`claims::names`], [`claims::attribute_with`]): an article that only
/// writes "Zephyr raised $45 million" still says it of Zephyr.
pub fn story_claims(articles: &[(Document, Analysis)]) -> (Vec<reconcile::SourceDoc>, Vec<reconcile::Claim>) {
    // each article's copy without hidden characters and its sentences in
    // that copy, found once for both passes (none for nearly every article)
    let hidden: Vec<Option<(hidden::Hidden, Vec<Span>)>> = articles
        .iter()
        .map(|(doc, analysis)| {
            hidden::Hidden::find(&doc.text).map(|h| {
                let sentences = analysis.sentences.iter().map(|&s| h.cleaned(s)).collect();
                (h, sentences)
            })
        })
        .collect();
    let mut names = claims::Names::default();
    for ((doc, analysis), hidden) in articles.iter().zip(&hidden) {
        match hidden {
            None => names.extend(claims::names(&doc.text, &analysis.sentences)),
            Some((h, sentences)) => names.extend(claims::names(&h.text, sentences)),
        }
    }
    let mut sources = Vec::with_capacity(articles.len());
    let mut all = Vec::new();
    for ((doc, analysis), hidden) in articles.iter().zip(&hidden) {
        let (source, claims) = if names.is_empty() || analysis.mentions.is_empty() {
            claims_of(doc, analysis)
        } else {
            let attributions = match hidden {
                None => claims::attribute_with(&doc.text, &analysis.sentences, &analysis.mentions, &names),
                Some((h, sentences)) => {
                    let mut mentions = analysis.mentions.clone();
                    for m in &mut mentions {
                        m.span = h.cleaned(m.span);
                    }
                    claims::attribute_with(&h.text, sentences, &mentions, &names)
                }
            };
            claims_with(doc, analysis, &attributions)
        };
        sources.push(source);
        all.extend(claims);
    }
    (sources, all)
}

/// [`claims_of`] with the attributions given.
fn claims_with(
    doc: &Document,
    analysis: &Analysis,
    attributions: &[Attribution],
) -> (reconcile::SourceDoc, Vec<reconcile::Claim>) {
    let source = reconcile::SourceDoc {
        source: doc.source.clone(),
        title: doc.title.clone(),
        published: doc.published.clone(),
        text: doc.text.clone(),
        mentions: analysis.mentions.len(),
    };
    let claims = analysis
        .mentions
        .iter()
        .zip(attributions)
        .filter_map(|(m, a)| {
            let (subject, attribute) = (a.subject.as_ref()?, a.attribute?);
            let sentence = analysis.sentences.get(m.sentence).map_or("", |s| s.as_str(&doc.text));
            Some(reconcile::Claim {
                source: doc.source.clone(),
                subject: subject.clone(),
                attribute: attribute.to_string(),
                kind: m.kind,
                qualifier: m.qualifier,
                value: m.value.clone(),
                precision: m.precision,
                text: m.text(&doc.text).to_string(),
                sentence: sentence.to_string(),
                ambiguity: m.ambiguity,
            })
        })
        .collect();
    (source, claims)
}
