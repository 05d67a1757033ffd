//! The entities of one document: organizations, models and facilities,
//! where each occurs, and how salient each is.
//!
//! Organizations come from the knowledge base, or from cue phrases for
//! ones it does not know ("AI startup Zephyr", "Zephyr Labs"). Models come
//! from known families ("GPT-4", "Llama 3.1 405B", "Mixtral 8x22B") and from
//! short codes tied to an organization somewhere in the text
//! ("DeepSeek-R1", "DeepSeek's V3 model"; afterwards a bare "R1" counts
//! too). Salience counts occurrences, weighted: the headline three times,
//! the first paragraph twice.

use std::collections::HashMap;
use std::sync::LazyLock;

use claimex_segment::Span;
use regex::Regex;

use crate::knowledge::{self, FACILITIES, FAMILIES, ORGS};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EKind {
    Org,
    Model,
    Facility,
    /// A chip model named outside a chip count ("H100 rentals").
    Chip,
}

/// One entity of the document.
#[derive(Debug, Clone)]
pub(crate) struct Entity {
    pub name: String,
    pub kind: EKind,
    /// For models and facilities: the organization that makes or owns it.
    pub org: Option<usize>,
    pub us_lab: bool,
    pub vendor: bool,
    pub salience: f64,
    pub count: usize,
}

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Occ {
    pub start: usize,
    pub end: usize,
    pub sentence: usize,
    pub entity: usize,
}

/// The entity index of a document.
#[derive(Debug, Default)]
pub(crate) struct Index {
    pub entities: Vec<Entity>,
    /// Sorted by start.
    pub occs: Vec<Occ>,
    pub main_org: Option<usize>,
    pub main_model: Option<usize>,
}

fn alternation<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = items.collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|")
}

static ORG_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts = alternation(ORGS.iter().flat_map(|o| o.aliases.iter().copied()));
    Regex::new(&format!(r"(?-u:\b)(?:{alts})(?-u:\b)")).expect("org regex")
});

static FAMILY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts = FAMILIES.iter().map(|(p, _)| format!("(?:{p})")).collect::<Vec<_>>().join("|");
    Regex::new(&format!(r"(?-u:\b)(?:{alts})(?-u:\b)")).expect("family regex")
});

static FAMILY_EACH: LazyLock<Vec<(Regex, &'static str)>> =
    LazyLock::new(|| FAMILIES.iter().map(|(p, o)| (Regex::new(&format!("^(?:{p})$")).expect("family"), *o)).collect());

/// An organization followed by a model code: "DeepSeek-R1", "DeepSeek R1",
/// "DeepSeek's V3 model", "DeepSeek’s reasoning-focused R1".
static ORG_CODE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let alts = alternation(ORGS.iter().flat_map(|o| o.aliases.iter().copied()));
    Regex::new(&format!(
        r"(?-u:\b)({alts})(?:-|\s+|(?:'s|’s)\s+(?:[a-z][\w-]*\s+){{0,3}}?)([A-Z]{{1,2}}\d+(?:\.\d+)?)(?-u:\b)"
    ))
    .expect("org code regex")
});

/// A short model code ("R1", "V3", "K2").
static CODE_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[A-Z]{1,2}\d(?:\.\d)?(?-u:\b)").expect("code regex"));

/// A code followed by "model" within a few words: "R1 reasoning model".
static CODE_MODEL_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)([A-Z]{1,2}\d(?:\.\d)?)\s+(?:[a-z][\w-]*\s+){0,2}?models?(?-u:\b)").expect("code model regex")
});

/// Cue phrases that name an organization the knowledge base does not know.
static UNKNOWN_ORG_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:(?-u:\b)(?:startup|start-up|company|firm|developer|lab|maker|unicorn|group|[Rr]ival)\s+
           ([A-Z][A-Za-z0-9]+(?:[\ -](?:AI|Labs|Technologies|[A-Z][a-z]+AI))?))
      | (?-u:\b)([A-Z][A-Za-z]+(?:\ [A-Z][A-Za-z]+)?\ (?:Labs|Technologies|AI|Inc\.?|Corp\.?|Ltd\.?))(?:\W|$)",
    )
    .expect("unknown org regex")
});

/// "the Memphis cluster", "the Abilene data center".
static FACILITY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let named = alternation(FACILITIES.iter().map(|(n, _)| *n));
    Regex::new(&format!(
        r"(?-u:\b)(?:the\s+([A-Z][a-z]+)\s+(cluster|supercomputer|data cent(?:er|re))|({named}))(?-u:\b)"
    ))
    .expect("facility regex")
});

/// A hyphenated model name ("Aurora-2", "Breeze-3.5"): a model when the
/// text calls it one or names it twice.
static HYPHEN_MODEL_RE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)([A-Z][a-z]{2,}-\d+(?:\.\d+)?[a-z]?)(?-u:\b)").expect("hyphen model regex"));

/// Chip models named on their own ("H100 rentals", "Nvidia's H100").
static CHIP_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(H100|H200|H800|H20|A100|A800|V100|B100|B200|GB200|GH200|L40S|MI250X|MI300X|MI325X)s?(?-u:\b)")
        .expect("chip regex")
});

/// Capitalized words that are never organization names found by cue.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "Its",
    "It",
    "Chinese",
    "American",
    "French",
    "US",
    "U",
    "Generative",
    "Artificial",
    "Responsible",
    "Conversational",
    "Agentic",
    "Open",
    "Enterprise",
    "Sovereign",
    "Physical",
    "Rival",
    "Rivals",
    "Our",
    "Their",
    "His",
    "Her",
];

/// Hyphenated names that are never models.
const NOT_MODELS: &[&str] = &["Covid", "Sars", "Boeing", "Airbus", "Windows"];

/// Corporate suffixes dropped from the names of organizations found by cue
/// ("Halcyon Labs" and "Halcyon" are one subject, "Halcyon").
const SUFFIXES: &[&str] = &[" Labs", " Inc.", " Inc", " Corp.", " Corp", " Ltd.", " Ltd", " Technologies", " AI"];

impl Index {
    fn entity(&mut self, name: &str, kind: EKind) -> usize {
        if let Some(i) = self.entities.iter().position(|e| e.name == name && e.kind == kind) {
            return i;
        }
        let (us_lab, vendor) = match knowledge::org_by_name(name) {
            Some(o) if kind == EKind::Org => (o.us_lab, o.vendor),
            _ => (false, false),
        };
        self.entities.push(Entity { name: name.to_string(), kind, org: None, us_lab, vendor, salience: 0.0, count: 0 });
        self.entities.len() - 1
    }

    fn add(&mut self, start: usize, end: usize, entity: usize) {
        // `sentence` holds the finding order until `settle` resolves overlaps
        let rank = self.occs.len();
        self.occs.push(Occ { start, end, sentence: rank, entity });
    }

    /// Sorts the occurrences and drops overlapping ones: the first finder
    /// of a span wins (finders run from the most to the least specific).
    fn settle(&mut self) {
        self.occs.sort_by_key(|o| (o.start, o.sentence));
        let mut kept: Vec<Occ> = Vec::with_capacity(self.occs.len());
        for o in self.occs.drain(..) {
            // every kept occurrence that overlaps `o` must be found later than it for `o` to win
            let overlapping = kept.iter().rev().take_while(|k| k.end > o.start).filter(|k| k.start < o.end).count();
            if overlapping == 0 {
                kept.push(o);
                continue;
            }
            let earlier_finder = kept.iter().rev().take_while(|k| k.end > o.start).any(|k| k.sentence < o.sentence);
            if !earlier_finder {
                kept.retain(|k| !(k.start < o.end && o.start < k.end));
                kept.push(o);
            }
        }
        kept.sort_by_key(|o| o.start);
        self.occs = kept;
    }

    /// Builds the index of `text` split into `sentences`.
    pub(crate) fn build(text: &str, sentences: &[Span]) -> Index {
        let mut ix = Index::default();
        // organizations followed by a model code first: "DeepSeek-R1"
        let mut bound_codes: HashMap<String, usize> = HashMap::new();
        for c in ORG_CODE_RE.captures_iter(text) {
            let (o, m) = (c.get(1).expect("org"), c.get(2).expect("code"));
            let org_name = knowledge::org_by_alias(o.as_str()).map_or(o.as_str(), |k| k.name);
            let oi = ix.entity(org_name, EKind::Org);
            let mi = ix.entity(m.as_str(), EKind::Model);
            ix.entities[mi].org = Some(oi);
            bound_codes.insert(m.as_str().to_string(), oi);
        }
        for m in FAMILY_RE.find_iter(text) {
            let name = m.as_str().split_whitespace().collect::<Vec<_>>().join(" ");
            let org = FAMILY_EACH.iter().find(|(re, _)| re.is_match(m.as_str())).map(|(_, o)| *o);
            let mi = ix.entity(&name, EKind::Model);
            if let Some(o) = org {
                let oi = ix.entity(o, EKind::Org);
                ix.entities[mi].org = Some(oi);
            }
            ix.add(m.start(), m.end(), mi);
        }
        for m in ORG_RE.find_iter(text) {
            let name = knowledge::org_by_alias(m.as_str()).map_or(m.as_str(), |k| k.name);
            let oi = ix.entity(name, EKind::Org);
            ix.add(m.start(), m.end(), oi);
        }
        // organizations found by cue, then every occurrence of their names
        // (full name as written, canonical name without corporate suffix)
        let mut unknown: Vec<(String, String)> = Vec::new();
        for c in UNKNOWN_ORG_RE.captures_iter(text) {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else { continue };
            let name = m.as_str().trim_end_matches('.').to_string();
            let first = name.split([' ', '-']).next().unwrap_or("");
            if NOT_NAMES.contains(&first) || knowledge::org_by_alias(&name).is_some() || ORG_RE.is_match(&name) {
                continue;
            }
            let canonical = SUFFIXES.iter().find_map(|s| name.strip_suffix(s)).unwrap_or(&name).to_string();
            if NOT_NAMES.contains(&canonical.as_str()) || canonical.is_empty() {
                continue;
            }
            if !unknown.iter().any(|(n, _)| *n == name) {
                unknown.push((name, canonical));
            }
        }
        // longest written forms first, then the bare canonical names
        let mut forms: Vec<(String, String)> = unknown.clone();
        for (_, canonical) in &unknown {
            if !forms.iter().any(|(n, _)| n == canonical) {
                forms.push((canonical.clone(), canonical.clone()));
            }
        }
        forms.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
        for (written, canonical) in &forms {
            let oi = ix.entity(canonical, EKind::Org);
            for (s, e) in word_matches(text, written) {
                ix.add(s, e, oi);
            }
        }
        // model codes: bound ones everywhere; others only when called a model
        let mut model_codes: Vec<String> = bound_codes.keys().cloned().collect();
        for c in CODE_MODEL_RE.captures_iter(text) {
            let code = c.get(1).expect("code").as_str().to_string();
            if !model_codes.contains(&code) {
                model_codes.push(code);
            }
        }
        for m in CODE_RE.find_iter(text) {
            if model_codes.iter().any(|c| c == m.as_str()) {
                let mi = ix.entity(m.as_str(), EKind::Model);
                ix.add(m.start(), m.end(), mi);
            }
        }
        // hyphenated names: models when called a model or named twice
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for c in HYPHEN_MODEL_RE.captures_iter(text) {
            *seen.entry(c.get(1).expect("name").as_str()).or_default() += 1;
        }
        for (name, n) in seen {
            let stem = name.split('-').next().unwrap_or("");
            if NOT_MODELS.contains(&stem) || ix.entities.iter().any(|e| e.name == stem && e.kind == EKind::Org) {
                continue;
            }
            let called_model = text.match_indices(name).any(|(p, _)| {
                let after = text[p + name.len()..].trim_start();
                let next: Vec<&str> = after.split_whitespace().take(2).collect();
                next.iter().any(|w| w.trim_end_matches([',', '.', ';']).eq_ignore_ascii_case("model"))
            });
            if n >= 2 || called_model {
                let mi = ix.entity(name, EKind::Model);
                for (s, e) in word_matches(text, name) {
                    ix.add(s, e, mi);
                }
            }
        }
        for c in CHIP_RE.captures_iter(text) {
            let (m, name) = (c.get(0).expect("match"), c.get(1).expect("chip").as_str());
            let ci = ix.entity(name, EKind::Chip);
            if let Some(v) = claimex_extract::chips::vendor_of(name) {
                let vi = ix.entity(v, EKind::Org);
                ix.entities[ci].org = Some(vi);
            }
            ix.add(m.start(), m.end(), ci);
        }
        for c in FACILITY_RE.captures_iter(text) {
            let m = c.get(0).expect("match");
            let name = match (c.get(1), c.get(2), c.get(3)) {
                (Some(city), Some(noun), _) => format!("{} {}", city.as_str(), noun.as_str()),
                (_, _, Some(named)) => named.as_str().to_string(),
                _ => continue,
            };
            let fi = ix.entity(&name, EKind::Facility);
            if let Some((_, owner)) = FACILITIES.iter().find(|(n, _)| *n == name) {
                let oi = ix.entity(owner, EKind::Org);
                ix.entities[fi].org = Some(oi);
            }
            ix.add(m.start(), m.end(), fi);
        }
        ix.settle();
        for o in &mut ix.occs {
            o.sentence = sentence_of(sentences, o.start);
            let w = match o.sentence {
                0 => 3.0,
                1..=3 => 2.0,
                _ => 1.0,
            };
            let e = &mut ix.entities[o.entity];
            e.salience += w;
            e.count += 1;
        }
        // a model's occurrences also make its organization salient
        for k in 0..ix.entities.len() {
            if ix.entities[k].kind == EKind::Chip {
                continue;
            }
            if let Some(oi) = ix.entities[k].org {
                let s = ix.entities[k].salience * 0.5;
                ix.entities[oi].salience += s;
            }
        }
        ix.main_org = best(&ix.entities, |e| e.kind == EKind::Org && !e.vendor)
            .or_else(|| best(&ix.entities, |e| e.kind == EKind::Org));
        let main_org = ix.main_org;
        for e in &mut ix.entities {
            if matches!(e.kind, EKind::Model | EKind::Facility) && e.org.is_none() {
                e.org = main_org;
            }
        }
        ix.main_model = best(&ix.entities, |e| e.kind == EKind::Model && e.count > 0 && e.org == main_org)
            .or_else(|| best(&ix.entities, |e| e.kind == EKind::Model && e.count > 0));
        ix
    }

    /// The subject name of an entity: organization, "Org Model", "Org Facility".
    pub(crate) fn subject_of(&self, entity: usize) -> String {
        let e = &self.entities[entity];
        match (e.kind, e.org) {
            (EKind::Org, _) | (_, None) => e.name.clone(),
            (_, Some(o)) => {
                let org = &self.entities[o].name;
                if e.name.starts_with(org.as_str()) { e.name.clone() } else { format!("{org} {}", e.name) }
            }
        }
    }

    /// True for a model mentioned once and made by another organization
    /// than the document's main one: a comparison in passing, named at the
    /// level of its organization.
    pub(crate) fn is_peripheral(&self, entity: usize) -> bool {
        let e = &self.entities[entity];
        e.kind == EKind::Model && e.count <= 1 && e.org.is_some() && e.org != self.main_org
    }

    /// The most salient U.S. model developer other than the main organization.
    pub(crate) fn main_us_lab(&self) -> Option<usize> {
        let main = self.main_org;
        self.entities
            .iter()
            .enumerate()
            .filter(|(i, e)| e.kind == EKind::Org && e.us_lab && e.count > 0 && Some(*i) != main)
            .max_by(|a, b| a.1.salience.total_cmp(&b.1.salience))
            .map(|(i, _)| i)
    }

    /// Occurrences that start inside `span`.
    pub(crate) fn occs_in(&self, span: Span) -> &[Occ] {
        let lo = self.occs.partition_point(|o| o.start < span.start);
        let hi = self.occs.partition_point(|o| o.start < span.end);
        &self.occs[lo..hi]
    }
}

fn best(entities: &[Entity], keep: impl Fn(&Entity) -> bool) -> Option<usize> {
    let mut out: Option<usize> = None;
    for (i, e) in entities.iter().enumerate() {
        if !keep(e) || e.salience <= 0.0 {
            continue;
        }
        if out.is_none_or(|b| e.salience > entities[b].salience) {
            out = Some(i);
        }
    }
    out
}

/// Where `word` occurs in `text` as a whole word.
fn word_matches<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    text.match_indices(word).filter_map(move |(s, _)| {
        let e = s + word.len();
        let before_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '-');
        (before_ok && after_ok).then_some((s, e))
    })
}

/// Index of the sentence that holds byte `pos`.
pub(crate) fn sentence_of(sentences: &[Span], pos: usize) -> usize {
    sentences.partition_point(|s| s.end <= pos).min(sentences.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(text: &str) -> Index {
        Index::build(text, &claimex_segment::split(text))
    }

    #[test]
    fn finds_orgs_models_and_the_main_ones() {
        let ix = index(
            "DeepSeek says its R1 model cost $294,000.\n\nDeepSeek-R1 was trained on Nvidia chips. \
             OpenAI's GPT-4 cost more. R1 is open.",
        );
        let main = ix.main_org.unwrap();
        assert_eq!(ix.entities[main].name, "DeepSeek");
        assert_eq!(ix.subject_of(ix.main_model.unwrap()), "DeepSeek R1");
        let gpt = ix.entities.iter().position(|e| e.name == "GPT-4").unwrap();
        assert_eq!(ix.subject_of(gpt), "OpenAI GPT-4");
        assert!(ix.is_peripheral(gpt));
    }

    #[test]
    fn unknown_orgs_by_cue() {
        let ix = index("French AI startup Zephyr said on Monday it trained Breeze-2. Zephyr spent $12 million.");
        assert!(ix.entities.iter().any(|e| e.name == "Zephyr" && e.kind == EKind::Org));
        assert_eq!(ix.entities[ix.main_org.unwrap()].name, "Zephyr");
    }

    #[test]
    fn headline_words_are_not_organizations() {
        let ix = index("DeepSeek Trains R1 AI Model for $294K, Stirring Global Debate\n\nIts R1 AI model was cheap.");
        assert!(ix.entities.iter().all(|e| e.name != "Trains R1 AI" && e.name != "R1 AI"), "{:?}", ix.entities);
    }

    #[test]
    fn unknown_orgs_are_one_subject_with_or_without_suffix() {
        let ix = index("Halcyon Labs trained Aurora-2. Halcyon said Aurora-2 cost little. Rival Zephyr AI did too.");
        let names: Vec<&str> = ix.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Halcyon") && names.contains(&"Zephyr") && names.contains(&"Aurora-2"), "{names:?}");
        assert!(!names.contains(&"Halcyon Labs"));
        let aurora = ix.entities.iter().position(|e| e.name == "Aurora-2").unwrap();
        assert_eq!(ix.subject_of(aurora), "Halcyon Aurora-2");
    }

    #[test]
    fn short_codes_need_a_tie_to_be_models() {
        let ix = index("Sales rose in Q3 and H1. The F1 team won.");
        assert!(ix.entities.iter().all(|e| e.kind != EKind::Model));
    }
}
