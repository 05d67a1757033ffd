//! The entities of one document: organizations, models and facilities,
//! where each occurs, and how salient each is.
//!
//! Organizations come from the knowledge base, or from cue phrases for
//! ones it does not know ("AI startup Zephyr", "Zephyr Labs", "Gannett
//! Co.", "Tyvak Nano-Satellite Systems, Inc.", "Home Depot (NYSE: HD)",
//! "shares of Home Depot"); facilities
//! from the knowledge base ("Colossus") or from a city and a noun ("the
//! Memphis cluster"). Models come
//! from known families ("GPT-4", "Llama 3.1 405B", "Mixtral 8x22B") and from
//! short codes tied to an organization somewhere in the text
//! ("DeepSeek-R1", "DeepSeek's V3 model"; afterwards a bare "R1" counts
//! too). Salience counts occurrences, weighted: the headline three times,
//! the first paragraph twice.

use std::cell::RefCell;
use std::sync::LazyLock;

use claimex_segment::Span;
use regex_automata::meta::Cache;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::descriptions::word_starts;
use crate::knowledge::{self, FACILITIES, FAMILIES, ORGS};
use crate::leads::Leads;

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

/// Names a text gives that the knowledge base lacks: organizations found
/// by cue ("AI startup Zephyr"), models found by their hyphenated names
/// ("Breeze-2", named twice or called a model). What one article of a
/// story establishes, the others can use ([`crate::attribute_with`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names {
    /// Canonical organization names (corporate suffix dropped), in order of finding.
    pub organizations: Vec<String>,
    /// Model names, in order of finding.
    pub models: Vec<String>,
}

impl Names {
    /// Adds the names of `other` this set lacks, keeping order.
    pub fn extend(&mut self, other: Names) {
        for o in other.organizations {
            if !self.organizations.contains(&o) {
                self.organizations.push(o);
            }
        }
        for m in other.models {
            if !self.models.contains(&m) {
                self.models.push(m);
            }
        }
    }

    /// True when no name is known.
    pub fn is_empty(&self) -> bool {
        self.organizations.is_empty() && self.models.is_empty()
    }
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
    /// The names this text gives that the knowledge base lacks.
    pub names: Names,
}

fn alternation<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut v: Vec<&str> = items.collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.len()));
    v.iter().map(|s| regex::escape(s)).collect::<Vec<_>>().join("|")
}

/// Everything a literal with a capital or a digit leads: model families,
/// known organizations, chip names, named facilities (word bounded);
/// corporate suffixes (not). The lower-case words that make an entity of
/// a name beside them (cue words before it, facility nouns after it) are
/// looked for around the names instead ([`cue_before`],
/// [`facility_after`]): searched for on their own, those common words
/// cost a pass over every text of their own, for the few places where a
/// name stands beside them.
pub(crate) fn all_pattern() -> String {
    let families = FAMILIES.iter().map(|(p, _)| format!("(?:{p})")).collect::<Vec<_>>().join("|");
    let orgs = alternation(ORGS.iter().flat_map(|o| o.aliases.iter().copied()));
    let chips = CHIPS.join("|");
    let named = alternation(FACILITIES.iter().map(|(n, _)| *n));
    format!(
        r"(?-u:\b)(?:{families}|{orgs}|(?:{chips})s?|{named})(?-u:\b)| Labs| Technologies| Inc\.?| Corp\.?| Ltd\.?| Co\.|{TICKERS}"
    )
}

/// A stock exchange's ticker after a company's name: "Home Depot (NYSE:
/// HD)", "Nvidia (NASDAQ:NVDA)". Each begins with a capital right after
/// its bracket, so the walk over capitals finds it.
const TICKERS: &str = r"\((?:NYSE|NASDAQ|Nasdaq|TSX|LSE|ASX|OTC|NYSE American)\s?:";

/// [`all_pattern`], searched from its literals.
static ALL: LazyLock<Leads> = LazyLock::new(|| Leads::new(&all_pattern()));

thread_local! {
    /// The search cache of [`ALL`] for this thread.
    static ALL_CACHE: RefCell<Cache> = RefCell::new(ALL.create_cache());
}

/// The vectors [`Index::build`] fills for every document, kept per
/// thread from one document to the next: a batch allocates them once.
#[derive(Default)]
struct BuildRoom {
    /// Where the entity pattern's matches may begin.
    starts: Vec<usize>,
    /// The pattern's matches, then sorted by what they are.
    found: Vec<(usize, usize)>,
    /// Known organizations: start, end, name and [`Seen`] slot.
    orgs: Vec<(usize, usize, &'static str, usize)>,
    /// Model family names: start, end and [`Seen`] slot.
    families: Vec<(usize, usize, usize)>,
    /// Chip names: start, end and [`Seen`] slot.
    chips: Vec<(usize, usize, usize)>,
    /// The distinct texts the pattern matched, classified once.
    distinct: Vec<Seen>,
    /// The short codes ("R1", "V3"): their starts and ends.
    codes: Vec<(usize, usize)>,
    cues: Vec<usize>,
    suffixes: Vec<(usize, usize)>,
    /// The city's start, the noun's start and its end.
    facility_nouns: Vec<(usize, usize, usize)>,
    named_facilities: Vec<(usize, usize)>,
    /// The occurrences [`Index::settle`] keeps.
    kept: Vec<Occ>,
    /// The vectors of the last index, given back by [`Index::recycle`].
    occs: Vec<Occ>,
    entities: Vec<Entity>,
}

impl BuildRoom {
    /// Puts the vectors back for this thread's next document, unless one
    /// grew too large to keep. The index's own vectors are not among them
    /// (the index holds them until [`Index::recycle`] gives them back).
    fn keep(self) {
        let capacities = [self.starts.capacity(), self.found.capacity(), self.kept.capacity(), self.orgs.capacity()];
        if crate::worth_keeping(&capacities) {
            BUILD_ROOM.set(self);
        }
    }
}

thread_local! {
    /// This thread's [`BuildRoom`] between documents.
    static BUILD_ROOM: RefCell<BuildRoom> = RefCell::default();
}

/// What a name the entity pattern matched is (the corporate suffixes and
/// tickers aside, which depend on what follows them).
#[derive(Debug, Clone, Copy)]
enum Class {
    /// A named facility ([`FACILITIES`]).
    Facility,
    /// A known organization, by its subject name.
    Org(&'static str),
    /// A chip ([`CHIPS`], perhaps plural).
    Chip,
    /// A name of a model family ([`FAMILIES`]).
    Family,
}

impl Class {
    /// The class of the name `t`.
    fn of(t: &str) -> Class {
        if FACILITIES.iter().any(|(n, _)| *n == t) {
            Class::Facility
        } else if let Some(org) = knowledge::org_by_alias(t) {
            Class::Org(org.name)
        } else if CHIPS.contains(&t.strip_suffix('s').unwrap_or(t)) {
            Class::Chip
        } else {
            Class::Family
        }
    }
}

/// A distinct name the entity pattern matched in a document: a seed
/// article holds about 27 names of known organizations, models and chips,
/// most of them the same few again, and each name is classified
/// ([`Class::of`], a hash look-up among the aliases) and looked up among
/// the entities ([`Index::entity`]) once, not at every occurrence.
#[derive(Debug, Clone, Copy)]
struct Seen {
    /// [`name_key`] of the name: most other names differ in it.
    key: u64,
    /// Where the name first occurs.
    start: usize,
    /// Where that occurrence ends.
    end: usize,
    /// What the name is.
    class: Class,
    /// The entity the name is, once its loop in [`Index::build`] has
    /// looked it up.
    entity: Option<usize>,
}

impl Seen {
    /// The place in `distinct` (the names of the document so far) of the
    /// name at `p..e` of `text`: classified at its first occurrence only.
    /// Kept out of [`Index::build`]: with this loop in line, the walk over
    /// the text there was compiled worse (1,000 news documents took 0.2
    /// million instructions more).
    #[inline(never)]
    fn slot(distinct: &mut Vec<Seen>, text: &str, p: usize, e: usize) -> usize {
        let b = text.as_bytes();
        let t = &b[p..e];
        let key = name_key(t);
        match distinct.iter().position(|s| s.key == key && b[s.start..s.end] == *t) {
            Some(slot) => slot,
            None => {
                distinct.push(Seen { key, start: p, end: e, class: Class::of(&text[p..e]), entity: None });
                distinct.len() - 1
            }
        }
    }
}

/// A key of a name, compared before the name itself: its length and its
/// first, middle and last bytes.
fn name_key(t: &[u8]) -> u64 {
    let n = t.len();
    let byte = |i: usize| u64::from(t.get(i).copied().unwrap_or(0));
    (n as u64) | byte(0) << 32 | byte(n / 2) << 40 | byte(n.wrapping_sub(1)) << 48
}

/// Chip models named on their own ("H100 rentals", "Nvidia's H100").
const CHIPS: &[&str] = &[
    "H100", "H200", "H800", "H20", "A100", "A800", "V100", "B100", "B200", "GB200", "GH200", "L40S", "MI250X",
    "MI300X", "MI325X",
];

/// Words before the name of an organization the knowledge base may not know.
const ORG_CUES: &[&str] = &[
    "startup",
    "start-up",
    "company",
    "firm",
    "developer",
    "lab",
    "maker",
    "unicorn",
    "group",
    "rival",
    "Rival",
    // "Sacramento-based McClatchy"
    "based",
];

/// The prefix literals of every model family ([`FAMILIES`]), each with
/// its family's maker, at most four bytes long: every name a family
/// matches begins with one of its family's literals, and no literal
/// begins another family's (a test holds both), so a name's first bytes
/// tell its family. The regex of each family, tried in turn on every name
/// found (10 of them on average in the fixtures), cost 4,000 instructions
/// a name and 11 million to build.
static FAMILY_LEADS: LazyLock<Vec<(Vec<u8>, &'static str)>> = LazyLock::new(|| {
    let mut extractor = Extractor::new();
    extractor.kind(ExtractKind::Prefix).limit_literal_len(4);
    let mut leads = Vec::new();
    for (pattern, org) in FAMILIES {
        let hir = regex_syntax::parse(pattern).expect("family");
        let seq = extractor.extract(&hir);
        for lit in seq.literals().expect("a family's names begin with literals") {
            leads.push((lit.as_bytes().to_vec(), *org));
        }
    }
    leads.sort_unstable();
    leads.dedup();
    leads
});

/// The maker of the model family whose name `found` is (a match of a
/// family's pattern in the entity pattern), by its first bytes
/// ([`FAMILY_LEADS`]).
fn family_org(found: &str) -> Option<&'static str> {
    let t = found.as_bytes();
    FAMILY_LEADS
        .iter()
        .find(|(lit, _)| lit.len() <= t.len() && lit.first() == t.first() && lit.iter().zip(t).all(|(x, y)| x == y))
        .map(|(_, org)| *org)
}

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
    "AI",
    "His",
    "Her",
    "CEO",
    "CFO",
    "CTO",
    "Chief",
    "President",
    "Founder",
];

/// Capitalized words that never continue the name of an organization
/// found by cue: titles and reporting verbs at a sentence's start (days
/// and months too: [`claimex_extract::MONTHS`], [`claimex_extract::WEEKDAYS`]).
const NAME_STOPS: &[&str] = &[
    "Chief",
    "President",
    "Chairman",
    "Chairwoman",
    "Founder",
    "Director",
    "Executive",
    "Head",
    "Senior",
    "Vice",
    "Said",
    "Says",
];

/// Hyphenated names that are never models.
const NOT_MODELS: &[&str] = &["Covid", "Sars", "Boeing", "Airbus", "Windows"];

/// Corporate suffixes dropped from the names of organizations found by cue
/// ("Halcyon Labs" and "Halcyon" are one subject, "Halcyon").
const SUFFIXES: &[&str] = &[
    " Labs",
    ", Inc.",
    ", Inc",
    " Inc.",
    " Inc",
    " Corp.",
    " Corp",
    " Ltd.",
    " Ltd",
    " Co.",
    " Co",
    " Technologies",
    " AI",
];

impl Index {
    fn entity(&mut self, name: &str, kind: EKind) -> usize {
        if let Some(i) = self.entities.iter().position(|e| e.kind == kind && e.name == name) {
            return i;
        }
        // only an organization asks the knowledge base (a hash look-up)
        let known = if kind == EKind::Org { knowledge::org_by_name(name) } else { None };
        let (us_lab, vendor) = known.map_or((false, false), |o| (o.us_lab, o.vendor));
        let name = crate::spare::copy(name);
        self.entities.push(Entity { name, kind, org: None, us_lab, vendor, salience: 0.0, count: 0 });
        self.entities.len() - 1
    }

    fn add(&mut self, start: usize, end: usize, entity: usize) {
        // `sentence` holds the finding order until `settle` resolves overlaps
        let rank = self.occs.len();
        self.occs.push(Occ { start, end, sentence: rank, entity });
    }

    /// Sorts the occurrences and drops overlapping ones: the first finder
    /// of a span wins (finders run from the most to the least specific).
    /// `kept` is room to work in; it ends holding the vector `occs` held.
    fn settle(&mut self, kept: &mut Vec<Occ>) {
        self.occs.sort_by_key(|o| (o.start, o.sentence));
        kept.clear();
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
        // kept in order of start already: each one pushed starts at or after every one before it
        debug_assert!(kept.is_sorted_by_key(|o| o.start));
        std::mem::swap(&mut self.occs, kept);
    }

    /// Gives this index's vectors to the next document's [`Index::build`]
    /// on this thread.
    pub(crate) fn recycle(self) {
        let (occs, mut entities) = (self.occs, self.entities);
        for e in entities.drain(..) {
            crate::spare::give_back(e.name);
        }
        if crate::worth_keeping(&[occs.capacity(), entities.capacity()]) {
            BUILD_ROOM.with_borrow_mut(|room| (room.occs, room.entities) = (occs, entities));
        }
    }

    /// Builds the index of `text` split into `sentences`.
    ///
    /// Two regexes with literal prefixes (known organizations, model
    /// families, chip names, cue words) find the candidates; everything
    /// else is a cheap look around them, so the index costs a few passes
    /// over the text, not one per pattern.
    /// `also`: names the knowledge base lacks, known from elsewhere (other
    /// articles of the same story): its organizations are found in this
    /// text like names found by cue, its models like names called models.
    pub(crate) fn build(text: &str, sentences: &[Span], also: &Names) -> Index {
        let mut room = BUILD_ROOM.take();
        let mut ix = Index {
            occs: std::mem::take(&mut room.occs),
            entities: std::mem::take(&mut room.entities),
            ..Index::default()
        };
        ix.occs.clear();
        ix.entities.clear();
        let BuildRoom {
            starts,
            found,
            orgs,
            families,
            chips,
            distinct,
            codes,
            cues,
            suffixes,
            facility_nouns,
            named_facilities,
            ..
        } = &mut room;
        for v in [&mut *found, &mut *codes, &mut *suffixes, &mut *named_facilities] {
            v.clear();
        }
        orgs.clear();
        distinct.clear();
        families.clear();
        chips.clear();
        cues.clear();
        facility_nouns.clear();
        let b = text.as_bytes();
        // one walk over the capitals and digits finds every literal-led candidate, and at the
        // names and the digits after a capital, the cue words, facility nouns and short codes;
        // the rest is classification
        ALL_CACHE.with(|cache| {
            ALL.find_all(&mut cache.borrow_mut(), starts, text, found, |a| {
                if name_start(b, a) {
                    if may_be_beside(b, a) {
                        cues.extend(cue_before(b, a));
                        facility_nouns.extend(facility_after(b, a));
                    }
                } else if code_digit(b, a) {
                    codes.extend(code_through(b, a));
                }
            });
        });
        for &(p, e) in found.iter() {
            let t = &text[p..e];
            if t.starts_with('(') {
                // a ticker: the name before it, like a corporate suffix
                suffixes.push((p, e));
            } else if t.starts_with(' ') {
                if !b.get(e).is_some_and(|c| c.is_ascii_alphanumeric()) {
                    suffixes.push((p, e));
                }
            } else {
                let slot = Seen::slot(distinct, text, p, e);
                match distinct[slot].class {
                    Class::Facility => named_facilities.push((p, e)),
                    Class::Org(name) => orgs.push((p, e, name, slot)),
                    Class::Chip => chips.push((p, e, slot)),
                    Class::Family => families.push((p, e, slot)),
                }
            }
        }
        // organizations followed by a model code first: "DeepSeek-R1", "DeepSeek's V3"
        let mut bound_codes: Vec<(String, usize)> = Vec::new();
        for &(_, end, name, _) in orgs.iter() {
            if let Some((cs, ce)) = code_after_org(text, end) {
                let oi = ix.entity(name, EKind::Org);
                let mi = ix.entity(&text[cs..ce], EKind::Model);
                ix.entities[mi].org = Some(oi);
                if !bound_codes.iter().any(|(c, _)| c == &text[cs..ce]) {
                    bound_codes.push((text[cs..ce].to_string(), oi));
                }
            }
        }
        // each distinct name is looked up at its first occurrence; the others take its entity
        for &(p, e, slot) in families.iter() {
            let mi = match distinct[slot].entity {
                Some(mi) => mi,
                None => {
                    let found = &text[p..e];
                    let name = found.split_whitespace().collect::<Vec<_>>().join(" ");
                    let mi = ix.entity(&name, EKind::Model);
                    if let Some(o) = family_org(found) {
                        let oi = ix.entity(o, EKind::Org);
                        ix.entities[mi].org = Some(oi);
                    }
                    distinct[slot].entity = Some(mi);
                    mi
                }
            };
            ix.add(p, e, mi);
        }
        for &(start, end, name, slot) in orgs.iter() {
            let oi = *distinct[slot].entity.get_or_insert_with(|| ix.entity(name, EKind::Org));
            ix.add(start, end, oi);
        }
        // organizations found by cue, then every occurrence of their names
        // (full name as written, canonical name without corporate suffix)
        let mut unknown: Vec<(String, String)> = Vec::new();
        let consider = |unknown: &mut Vec<(String, String)>, name: &str| {
            let name = name.trim_end_matches('.').to_string();
            let first = name.split([' ', '-']).next().unwrap_or("");
            if NOT_NAMES.contains(&first)
                || knowledge::org_by_alias(&name).is_some()
                || knowledge::org_by_alias(first).is_some()
            {
                return;
            }
            let canonical = SUFFIXES.iter().find_map(|s| name.strip_suffix(s)).unwrap_or(&name).to_string();
            if NOT_NAMES.contains(&canonical.as_str()) || canonical.is_empty() {
                return;
            }
            if !unknown.iter().any(|(n, _)| *n == name) {
                unknown.push((name, canonical));
            }
        };
        for &e in cues.iter() {
            if let Some(name_end) = name_after_cue(b, e) {
                consider(&mut unknown, text[e..name_end].trim_start());
            }
        }
        for &(p, e) in suffixes.iter() {
            if b[p] == b'(' {
                // "Home Depot (NYSE: HD)": the name is what stands before the bracket
                let q = p - b[..p].iter().rev().take_while(|&&c| c == b' ').count();
                if q < p
                    && let Some(s) = capitalized_words_before(b, q, 3)
                {
                    consider(&mut unknown, &text[s..q]);
                }
            } else if let Some(s) = capitalized_words_before(b, p, 3) {
                consider(&mut unknown, &text[s..e]);
            }
        }
        let found_here = unknown.len();
        for name in &also.organizations {
            consider(&mut unknown, name);
        }
        for (_, canonical) in &unknown[..found_here] {
            if !ix.names.organizations.contains(canonical) {
                ix.names.organizations.push(canonical.clone());
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
        // model codes: bound ones everywhere; others only when called a model ("R1 reasoning model")
        // each with its entity, once looked up
        let mut model_codes: Vec<(&str, Option<usize>)> = bound_codes.iter().map(|(c, _)| (c.as_str(), None)).collect();
        for &(s, e) in codes.iter() {
            // a code known already ("R1" after "DeepSeek-R1") needs no look at the words after it
            if !model_codes.iter().any(|(c, _)| *c == &text[s..e]) && followed_by_model(text, e, 2) {
                model_codes.push((&text[s..e], None));
            }
        }
        if !model_codes.is_empty() {
            for &(s, e) in codes.iter() {
                let code = &text[s..e];
                if let Some((_, entity)) = model_codes.iter_mut().find(|(c, _)| *c == code) {
                    let mi = *entity.get_or_insert_with(|| ix.entity(code, EKind::Model));
                    ix.add(s, e, mi);
                }
            }
        }
        // hyphenated names: models when called a model or named twice
        let mut seen: Vec<(&str, usize, bool)> = Vec::new();
        for p in memchr::memchr_iter(b'-', b) {
            if let Some((s, e)) = hyphen_name_at(b, p) {
                let name = &text[s..e];
                // a name called a model once is one: the words after its other occurrences need no look
                match seen.iter_mut().find(|x| x.0 == name) {
                    Some(x) => {
                        x.1 += 1;
                        x.2 = x.2 || followed_by_model(text, e, 1);
                    }
                    None => seen.push((name, 1, followed_by_model(text, e, 1))),
                }
            }
        }
        for (name, n, called) in seen {
            let stem = name.split('-').next().unwrap_or("");
            if NOT_MODELS.contains(&stem) || ix.entities.iter().any(|e| e.name == stem && e.kind == EKind::Org) {
                continue;
            }
            let here = n >= 2 || called;
            if here || also.models.iter().any(|m| m == name) {
                if here {
                    ix.names.models.push(name.to_string());
                }
                let mi = ix.entity(name, EKind::Model);
                for (s, e) in word_matches(text, name) {
                    ix.add(s, e, mi);
                }
            }
        }
        for &(p, e, slot) in chips.iter() {
            let ci = match distinct[slot].entity {
                Some(ci) => ci,
                None => {
                    let name = text[p..e].strip_suffix('s').unwrap_or(&text[p..e]);
                    let ci = ix.entity(name, EKind::Chip);
                    if let Some(v) = claimex_extract::chips::vendor_of(name) {
                        let vi = ix.entity(v, EKind::Org);
                        ix.entities[ci].org = Some(vi);
                    }
                    distinct[slot].entity = Some(ci);
                    ci
                }
            };
            ix.add(p, e, ci);
        }
        // facilities: "the Memphis cluster", and named ones ("Colossus")
        for &(city, p, e) in facility_nouns.iter() {
            let name = format!("{} {}", text[city..p].trim_end(), &text[p..e]);
            let fi = ix.entity(&name, EKind::Facility);
            ix.add(city - 4, e, fi);
        }
        for &(p, e) in named_facilities.iter() {
            let named = &text[p..e];
            if let Some((_, owner)) = FACILITIES.iter().find(|(n, _)| *n == named) {
                let fi = ix.entity(named, EKind::Facility);
                let oi = ix.entity(owner, EKind::Org);
                ix.entities[fi].org = Some(oi);
                ix.add(p, e, fi);
            }
        }
        ix.settle(&mut room.kept);
        room.keep();
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
        // an organization named once in passing, past the first paragraph ("…and the
        // recreational vehicle-maker Winnebago are among retailers that…"), is not what
        // the document is about
        let main = |e: &Entity| e.kind == EKind::Org && e.salience >= MAIN_SALIENCE;
        ix.main_org = best(&ix.entities, |e| main(e) && !e.vendor).or_else(|| best(&ix.entities, main));
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
            (EKind::Org, _) | (_, None) => crate::spare::copy(&e.name),
            (_, Some(o)) => {
                let org = &self.entities[o].name;
                if e.name.starts_with(org.as_str()) {
                    return crate::spare::copy(&e.name);
                }
                // a string given back by an earlier document, or one allocation (format! costs ten times as much)
                let mut s = crate::spare::string();
                s.reserve(org.len() + 1 + e.name.len());
                s.push_str(org);
                s.push(' ');
                s.push_str(&e.name);
                s
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

/// The least salience of a document's main organization: two mentions,
/// or one in the first paragraph (each weighs two) or the headline.
const MAIN_SALIENCE: f64 = 2.0;

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

/// The end of the cue word ([`ORG_CUES`]) just before the name that
/// begins at `a` (a [`name_start`]), with only white space
/// between them: "startup Zephyr", "Sacramento-based McClatchy". The cue
/// stands as a whole word: neither an ASCII letter, a digit nor '_' just
/// before it (as `(?-u:\b)` would have it).
///
/// Asked at every name of a text: most words before a name ("said",
/// "and", "the") are turned away by their last two letters first.
#[inline]
fn cue_before(b: &[u8], a: usize) -> Option<usize> {
    let mut e = a;
    while e > 0 && b[e - 1].is_ascii_whitespace() {
        e -= 1;
    }
    if e < 2 || CUE_ENDS[usize::from(b[e - 1] & 31)] & 1 << (b[e - 2] & 31) == 0 {
        return None;
    }
    cue_ending_at(b, e)
}

/// The end of a cue word that ends at `e`, or `None`.
#[cold]
fn cue_ending_at(b: &[u8], e: usize) -> Option<usize> {
    let mut s = e;
    while s > 0 && b[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    // "start-up": the word before the hyphen is part of the cue
    if &b[s..e] == b"up" && b[..s].ends_with(b"start-") {
        s -= b"start-".len();
    }
    let word = &b[s..e];
    // "shares of Home Depot", "Shares of Gannett": a listed company
    if word == b"of" {
        let before = b[..s].strip_suffix(b" ")?;
        let shares = before.strip_suffix(b"shares").or_else(|| before.strip_suffix(b"Shares"))?;
        return (!shares.last().is_some_and(|c| c.is_ascii_alphanumeric())).then_some(e);
    }
    (word_starts(b, s) && ORG_CUES.iter().any(|c| c.as_bytes() == word)).then_some(e)
}

/// The last two letters of every cue word: for each last letter (its
/// code & 31), a bit for each letter that comes before it (its code & 31);
/// and of "of", for "shares of".
const CUE_ENDS: [u32; 32] = {
    let mut ends = [0u32; 32];
    ends[(b'f' & 31) as usize] |= 1 << (b'o' & 31);
    let mut k = 0;
    while k < ORG_CUES.len() {
        let w = ORG_CUES[k].as_bytes();
        ends[(w[w.len() - 1] & 31) as usize] |= 1 << (w[w.len() - 2] & 31);
        k += 1;
    }
    ends
};

/// True when the name that begins at `a` (a [`name_start`]) may have a
/// cue word or "the " just before it ([`cue_before`], [`facility_after`]):
/// the two bytes before its white space end a cue word or "the" (looked
/// up by their codes & 31, so in any case), or the white space is longer
/// than one byte. Most names ("said Nvidia", "in March") are turned away
/// here by one look-up, before either look.
#[inline]
fn may_be_beside(b: &[u8], a: usize) -> bool {
    if a < 3 {
        return true;
    }
    let (x, y) = (b[a - 3], b[a - 2]);
    y.is_ascii_whitespace() || BESIDE_ENDS[usize::from(y & 31)] & 1 << (x & 31) != 0
}

/// [`CUE_ENDS`] with the last two letters of "the" ([`facility_after`]).
const BESIDE_ENDS: [u32; 32] = {
    let mut ends = CUE_ENDS;
    ends[(b'e' & 31) as usize] |= 1 << (b'h' & 31);
    ends
};

/// The nouns that make a facility of the city before them ("the Memphis
/// cluster").
const FACILITY_NOUNS: &[&str] = &["cluster", "supercomputer", "data center", "data centre"];

/// A facility named by its city: "the", the capitalized word that begins
/// at `a` (ASCII letters only) and a [`FACILITY_NOUNS`] word after one
/// space ("the Memphis cluster"), as `(a, noun start, noun end)`.
#[inline]
fn facility_after(b: &[u8], a: usize) -> Option<(usize, usize, usize)> {
    // "the " in any case, four bytes at once: the case bit set on the three letters, the space as it is
    let the = a >= 4 && b[a - 4..a].first_chunk().is_some_and(|w| u32::from_le_bytes(*w) | 0x0020_2020 == THE);
    if !the || !word_starts(b, a - 4) {
        return None;
    }
    facility_from(b, a)
}

/// "the " as four bytes read little-endian.
const THE: u32 = u32::from_le_bytes(*b"the ");

/// The rest of [`facility_after`], past "the".
#[cold]
fn facility_from(b: &[u8], a: usize) -> Option<(usize, usize, usize)> {
    let w = a + b[a..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if b.get(w) != Some(&b' ') {
        return None;
    }
    let p = w + 1;
    let noun = FACILITY_NOUNS.iter().find(|n| b[p..].starts_with(n.as_bytes()))?;
    let e = p + noun.len();
    (!b.get(e).is_some_and(u8::is_ascii_alphanumeric)).then_some((a, p, e))
}

/// The end of an organization's name right after a cue word ending at `e`:
/// spaces, a capitalized word, and an optional "AI", "Labs" or
/// "Technologies" ("startup Halcyon Labs").
fn name_after_cue(b: &[u8], e: usize) -> Option<usize> {
    let mut i = e;
    while b.get(i).is_some_and(|c| c.is_ascii_whitespace()) {
        i += 1;
    }
    if i == e || !b.get(i).is_some_and(u8::is_ascii_uppercase) {
        return None;
    }
    i += 1;
    while b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        i += 1;
    }
    // "firm JP Morgan", "developer Tequila Works": up to two more capitalized words, not a
    // title or a day ("company Zephyr Chief Executive…", "firm Zephyr Monday")
    for _ in 0..2 {
        if b.get(i) != Some(&b' ') || !b.get(i + 1).is_some_and(u8::is_ascii_uppercase) {
            break;
        }
        let mut j = i + 2;
        while b.get(j).is_some_and(u8::is_ascii_lowercase) {
            j += 1;
        }
        let word = &b[i + 1..j];
        let whole = !b.get(j).is_some_and(u8::is_ascii_alphanumeric);
        let stop = |list: &[&str]| list.iter().any(|w| w.as_bytes() == word);
        if j == i + 2 || !whole || stop(NAME_STOPS) || stop(claimex_extract::MONTHS) || stop(claimex_extract::WEEKDAYS)
        {
            break;
        }
        i = j;
    }
    for tail in [&b" AI"[..], b"-AI", b" Labs", b" Technologies"] {
        if b[i..].starts_with(tail) && !b.get(i + tail.len()).is_some_and(u8::is_ascii_alphanumeric) {
            return Some(i + tail.len());
        }
    }
    // "group Doctors for Camp Closure", "the Delhi-based Council on Energy": the name goes on
    // through a linking word to the capitalized words after it
    for link in [&b" of "[..], b" on ", b" for "] {
        if b[i..].starts_with(link) && b.get(i + link.len()).is_some_and(u8::is_ascii_uppercase) {
            let mut end = i + link.len();
            loop {
                while b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    end += 1;
                }
                if b.get(end) == Some(&b' ') && b.get(end + 1).is_some_and(u8::is_ascii_uppercase) {
                    end += 1;
                } else {
                    break;
                }
            }
            return Some(end);
        }
    }
    Some(i)
}

/// Where `word` occurs in `text` as a whole word.
fn word_matches<'a>(text: &'a str, word: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    // the SIMD substring search of memchr; like `str::match_indices`, occurrences do not overlap
    memchr::memmem::find_iter(text.as_bytes(), word.as_bytes()).filter_map(move |s| {
        let e = s + word.len();
        let before_ok = text[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[e..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '-');
        (before_ok && after_ok).then_some((s, e))
    })
}

/// A model code right after an organization's name ending at `end`:
/// "-R1", " R1", "'s V3", "’s reasoning-focused R1" (up to three lower-case
/// words between). Returns the code's span.
fn code_after_org(text: &str, end: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut i = end;
    match b.get(i)? {
        b'-' => i += 1,
        b' ' => i += 1,
        b'\'' if b.get(i + 1) == Some(&b's') => i += 2,
        0xe2 if text[i..].starts_with("’s") => i += "’s".len(),
        _ => return None,
    }
    for _ in 0..4 {
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        // a code begins with a capital: the lower-case words between need no call
        if b.get(i).is_some_and(u8::is_ascii_uppercase)
            && let Some(e) = code_at(b, i)
        {
            return Some((i, e));
        }
        // a lower-case word between ("reasoning-focused")
        let s = i;
        while b.get(i).is_some_and(|c| c.is_ascii_lowercase() || *c == b'-') {
            i += 1;
        }
        if i == s || b.get(i) != Some(&b' ') {
            return None;
        }
    }
    None
}

/// A short model code at `i` ("R1", "V3", "V2.5", "K2"): one or two capitals,
/// digits, an optional decimal, and a word boundary on both sides.
fn code_at(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut j = i;
    while j < b.len() && j - i < 2 && b[j].is_ascii_uppercase() {
        j += 1;
    }
    if j == i || !b.get(j).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let d = j;
    while b.get(j).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    if j - d > 1 {
        return None;
    }
    if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        j += 2;
    }
    (!b.get(j).is_some_and(u8::is_ascii_alphanumeric)).then_some(j)
}

/// True when the capital at `a` begins a word after white space: where
/// a name begins in running text ("startup Zephyr", "the Memphis
/// cluster"), not at a line's start nor inside a word.
#[inline]
fn name_start(b: &[u8], a: usize) -> bool {
    a > 0 && b[a].is_ascii_uppercase() && b[a - 1].is_ascii_whitespace()
}

/// True when the byte at `a` is a digit right after a capital: where a
/// short code's digits begin ("R1", "GB200").
#[inline]
fn code_digit(b: &[u8], a: usize) -> bool {
    a > 0 && b[a].is_ascii_digit() && b[a - 1].is_ascii_uppercase()
}

/// The short code whose digits begin at `d` (a [`code_digit`]), from its
/// one or two capitals.
#[inline]
fn code_through(b: &[u8], d: usize) -> Option<(usize, usize)> {
    let start = if d >= 2 && b[d - 2].is_ascii_uppercase() { d - 2 } else { d - 1 };
    code_at(b, start).map(|e| (start, e))
}

/// True when "model" or "models" comes within `words` + 1 words after `end`
/// (words split at white space, trailing ",.;:" ignored): byte by byte
/// over ASCII, [`followed_by_model_chars`] as soon as a non-ASCII byte
/// (perhaps a no-break space) comes up.
fn followed_by_model(text: &str, end: usize, words: usize) -> bool {
    // the ASCII characters `char::is_whitespace` accepts: tab to carriage return, space
    let space = |c: u8| matches!(c, b'\t'..=b'\r' | b' ');
    let b = text.as_bytes();
    let mut i = end;
    for _ in 0..=words {
        while i < b.len() && space(b[i]) {
            i += 1;
        }
        let s = i;
        while i < b.len() && !space(b[i]) {
            if !b[i].is_ascii() {
                return followed_by_model_chars(text, end, words);
            }
            i += 1;
        }
        if s == i {
            return false;
        }
        let mut w = &b[s..i];
        while let [rest @ .., b',' | b'.' | b';' | b':'] = w {
            w = rest;
        }
        if w.eq_ignore_ascii_case(b"model") || w.eq_ignore_ascii_case(b"models") {
            return true;
        }
    }
    false
}

/// [`followed_by_model`] over characters: Unicode white space splits words.
fn followed_by_model_chars(text: &str, end: usize, words: usize) -> bool {
    text[end..].split_whitespace().take(words + 1).any(|w| {
        let w = w.trim_end_matches([',', '.', ';', ':']);
        w.eq_ignore_ascii_case("model") || w.eq_ignore_ascii_case("models")
    })
}

/// A hyphenated name whose hyphen is at `p`: "Aurora-2", "Breeze-3.5":
/// a capitalized word of three letters or more, then digits.
fn hyphen_name_at(b: &[u8], p: usize) -> Option<(usize, usize)> {
    let mut e = p + 1;
    if !b.get(e).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    while b.get(e).is_some_and(u8::is_ascii_digit) {
        e += 1;
    }
    if b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit) {
        e += 1;
        while b.get(e).is_some_and(u8::is_ascii_digit) {
            e += 1;
        }
    }
    if b.get(e).is_some_and(u8::is_ascii_lowercase) && !b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric) {
        e += 1;
    }
    if b.get(e).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-') {
        return None;
    }
    let mut s = p;
    while s > 0 && b[s - 1].is_ascii_lowercase() {
        s -= 1;
    }
    if s == 0 || p - s < 2 || !b[s - 1].is_ascii_uppercase() {
        return None;
    }
    s -= 1;
    if s > 0 && b[s - 1].is_ascii_alphanumeric() {
        return None;
    }
    Some((s, e))
}

/// The start of up to `n` capitalized words ending right before `p` (with
/// one space before `p`, or a comma: "Tyvak Systems, Inc."): "Halcyon" in
/// "Halcyon Labs". A word may join capitalized parts with hyphens
/// ("Tyvak Nano-Satellite Systems").
fn capitalized_words_before(b: &[u8], p: usize, n: usize) -> Option<usize> {
    let mut start = None;
    let mut i = if p > 0 && b[p - 1] == b',' { p - 1 } else { p };
    for _ in 0..n {
        if i > 0 && b[i - 1] == b' ' && start.is_some() {
            i -= 1;
        } else if start.is_some() {
            break;
        }
        let e = i;
        loop {
            let part_end = i;
            while i > 0 && b[i - 1].is_ascii_alphabetic() {
                i -= 1;
            }
            if i == part_end || !b[i].is_ascii_uppercase() {
                i = part_end;
                break;
            }
            // "Nano-Satellite": another capitalized part before a hyphen
            if i >= 2 && b[i - 1] == b'-' && b[i - 2].is_ascii_alphabetic() {
                let before = i;
                let mut k = i - 1;
                while k > 0 && b[k - 1].is_ascii_alphabetic() {
                    k -= 1;
                }
                if !b[k].is_ascii_uppercase() {
                    i = before;
                    break;
                }
                i -= 1;
                continue;
            }
            break;
        }
        if i == e || !b[i].is_ascii_uppercase() || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            break;
        }
        start = Some(i);
    }
    start
}

/// Index of the sentence that holds byte `pos`.
pub(crate) fn sentence_of(sentences: &[Span], pos: usize) -> usize {
    sentences.partition_point(|s| s.end <= pos).min(sentences.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    /// The byte scan gives what the character scan gives, on generated
    /// texts of words, punctuation, ASCII and Unicode white space.
    #[test]
    fn followed_by_model_agrees_with_its_character_version() {
        let pieces = [
            "model",
            "Models",
            "MODEL.",
            "model,;",
            "modelx",
            "the",
            "R1",
            " ",
            "  ",
            "\t",
            "\n",
            "\u{b}",
            "\u{a0}",
            "\u{2009}",
            "é",
            ",",
            ".",
            "-",
            "reasoning",
            "x",
        ];
        for text in crate::generated_texts(0x9e37_79b9_7f4a_7c15, &pieces, 20_000, 0..=8) {
            for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                for words in 0..3 {
                    assert_eq!(
                        super::followed_by_model(&text, end, words),
                        super::followed_by_model_chars(&text, end, words),
                        "{text:?} from {end}, {words} words"
                    );
                }
            }
        }
    }

    use super::*;
    use regex::Regex;

    /// A family's maker is told by its first bytes: no literal begins
    /// another of a different maker (so the literals that begin a name all
    /// give one maker), and every match of the entity pattern that [`Index::build`] takes
    /// for a model family gets the maker of the first family whose regex
    /// matches it whole, as the regexes tried in turn gave it. On every
    /// fixture and on generated text of family names, their pieces and
    /// near misses.
    #[test]
    fn a_family_is_told_by_its_first_bytes() {
        for (a, org_a) in FAMILY_LEADS.iter() {
            assert!(!a.is_empty(), "an empty literal");
            for (b, org_b) in FAMILY_LEADS.iter() {
                if a != b && b.starts_with(a) {
                    assert_eq!(org_a, org_b, "{:?} begins {:?}", a.escape_ascii(), b.escape_ascii());
                }
            }
        }
        let each: Vec<(Regex, &str)> =
            FAMILIES.iter().map(|(p, o)| (Regex::new(&format!("^(?:{p})$")).unwrap(), *o)).collect();
        let mut families = 0;
        let mut check = |text: &str| {
            let mut found = Vec::new();
            ALL_CACHE.with(|cache| ALL.find_all(&mut cache.borrow_mut(), &mut Vec::new(), text, &mut found, |_| {}));
            for (p, e) in found {
                let t = &text[p..e];
                let other = t.starts_with(' ')
                    || FACILITIES.iter().any(|(n, _)| *n == t)
                    || knowledge::org_by_alias(t).is_some()
                    || CHIPS.contains(&t.strip_suffix('s').unwrap_or(t));
                if !other {
                    let want = each.iter().find(|(re, _)| re.is_match(t)).map(|(_, o)| *o);
                    assert_eq!(family_org(t), want, "{t:?} in {text:?}");
                    families += 1;
                }
            }
        };
        for (_, text) in crate::fixture_files("") {
            check(&text);
        }
        let pieces: Vec<&str> = [
            "GPT-4",
            "GPT-4o",
            "GPT4",
            "GPT-3.5 Turbo",
            "GPT-4 mini",
            "ChatGPT",
            "o1",
            "o3-mini",
            "o4-pro",
            "Sora",
            "Claude",
            "Claude 3.5 Sonnet",
            "Claude Opus 4",
            "Gemini",
            "Gemini 1.5 Pro",
            "Gemma",
            "Gemma 2",
            "PaLM 2",
            "Llama",
            "LLaMA",
            "Llama 3.1 405B",
            "Mixtral 8x22B",
            "Mistral Large",
            "Mistral 7B",
            "Mistral",
            "Grok",
            "Grok 3",
            "Qwen",
            "Qwen2.5-72B-Max",
            "Phi-3",
            "Phi-3.5-mini",
            "ERNIE 4.0",
            "Kimi",
            "Kimi K2",
            "GLM-4",
            "Falcon 180B",
            "DBRX",
            "Nemotron-4",
            "Gem",
            "GP",
            "G",
            "1",
            ".5",
            "-",
            " ",
            "x",
            "B",
            "Turbo",
            "mini",
            "Pro",
            ",",
            "é",
        ]
        .to_vec();
        for text in crate::generated_texts(0x0fa3_11e5, &pieces, 20_000, 1..=6) {
            check(&text);
        }
        assert!(families > 10_000, "{families} family names");
    }

    /// The literal-led search finds what the plain regex finds, match for
    /// match, on every fixture and on generated text made of the pieces
    /// the pattern turns on (names and their parts, capitals and digits
    /// that anchor literals, lower-case cue words inside other words).
    #[test]
    fn the_entity_search_finds_what_the_plain_regex_finds() {
        let plain = Regex::new(&all_pattern()).unwrap();
        // one room for every text: each search must clear what the last one left
        let mut starts = Vec::new();
        let mut check = |text: &str| {
            let mut found = Vec::new();
            ALL_CACHE.with(|cache| ALL.find_all(&mut cache.borrow_mut(), &mut starts, text, &mut found, |_| {}));
            let want: Vec<(usize, usize)> = plain.find_iter(text).map(|m| (m.start(), m.end())).collect();
            assert_eq!(found, want, "{text:?}");
        };
        let mut files = 0;
        for (_, text) in crate::fixture_files("") {
            check(&text);
            files += 1;
        }
        assert!(files > 30, "{files} fixture files");
        const PIECES: &[&str] = &[
            "Google",
            "Google DeepMind",
            "Goo",
            "GPT",
            "GPT-4",
            "GPT-4o",
            "4",
            "-",
            "o1",
            "o3-mini",
            "xAI",
            "AI",
            "01.AI",
            "01",
            " Labs",
            "Labs",
            " Inc",
            " Inc.",
            " Corp.",
            "Ltd",
            "cluster",
            "super",
            "data center",
            "data centre",
            "company",
            "startup",
            "start-up",
            "H100",
            "H100s",
            "s",
            "Claude 3.5 Sonnet",
            "Claude",
            "Mistral",
            "Mistral Large",
            "Llama 3.1 405B",
            "LLaMA",
            "Meta",
            "Rival",
            "rival",
            "based",
            "Colossus",
            "Open AI",
            "OpenAI",
            "Nvidia",
            "A",
            "Z",
            "the",
            " ",
            " ",
            ".",
            ",",
            "'s",
            "’s",
            "é",
            "_",
            "\n",
        ];
        for text in crate::generated_texts(0x9e37_79b9_7f4a_7c15, PIECES, 30_000, 12..=12) {
            check(&text);
        }
    }

    /// The entity pattern has no literal without a capital or a digit: a
    /// lower-case one (a cue word, a facility noun) would bring back a
    /// search of its own over every text (see [`all_pattern`]).
    #[test]
    fn every_entity_literal_is_led_by_a_capital_or_a_digit() {
        assert!(ALL.all_anchored());
    }

    /// The cue words and facility nouns found around the names are the
    /// ones a plain search for them finds where a name stands beside
    /// them: a cue word followed by white space and a capital (which
    /// `name_after_cue` asks for), a facility noun after "the" and one
    /// capitalized word. The names are those [`Index::build`] looks
    /// beside: those [`may_be_beside`] lets through. On the fixtures and
    /// on generated text of cue words, their pieces and neighbours glued
    /// to them.
    #[test]
    fn cues_and_facility_nouns_are_found_beside_the_names() {
        let cue_re = Regex::new(&format!(r"(?-u:\b)(?:{})(?-u:\b)", ORG_CUES.join("|"))).unwrap();
        let nouns: Vec<String> = FACILITY_NOUNS.iter().map(|n| regex::escape(n)).collect();
        let facility_re = Regex::new(&format!(r"(?-u:\b)(?i:the) ([A-Z][A-Za-z]*) ({})", nouns.join("|"))).unwrap();
        let (mut starts, mut names, mut found) = (Vec::new(), Vec::new(), Vec::new());
        let (mut cues_seen, mut facilities_seen) = (0, 0);
        let mut check = |text: &str| {
            let b = text.as_bytes();
            found.clear();
            names.clear();
            ALL_CACHE.with(|cache| {
                ALL.find_all(&mut cache.borrow_mut(), &mut starts, text, &mut found, |a| {
                    if name_start(b, a) && may_be_beside(b, a) {
                        names.push(a);
                    }
                });
            });
            let cues: Vec<usize> = names.iter().filter_map(|&a| cue_before(b, a)).collect();
            let want: Vec<usize> = cue_re
                .find_iter(text)
                .map(|m| m.end())
                .filter(|&e| b.get(e).is_some_and(u8::is_ascii_whitespace) && name_after_cue(b, e).is_some())
                .collect();
            assert_eq!(cues, want, "cues of {text:?}");
            cues_seen += cues.len();
            let facilities: Vec<_> = names.iter().filter_map(|&a| facility_after(b, a)).collect();
            let want: Vec<_> = facility_re
                .captures_iter(text)
                .filter(|c| !b.get(c[0].len() + c.get(0).unwrap().start()).is_some_and(u8::is_ascii_alphanumeric))
                .map(|c| (c.get(1).unwrap().start(), c.get(2).unwrap().start(), c.get(2).unwrap().end()))
                .collect();
            assert_eq!(facilities, want, "facilities of {text:?}");
            facilities_seen += facilities.len();
        };
        for (_, text) in crate::fixture_files("") {
            check(&text);
        }
        // every cue word and facility noun, then their near misses and neighbours
        let pieces: Vec<&str> = ORG_CUES
            .iter()
            .chain(FACILITY_NOUNS)
            .copied()
            .chain([
                "start",
                "up",
                "labs",
                "clusters",
                "-",
                "_",
                "9",
                "the",
                "The",
                "THE",
                "bathe",
                "Memphis",
                "Zephyr",
                "H100",
                "said",
                "and",
                " ",
                " ",
                "\n",
                "\t",
                ".",
                "é",
                "X",
                "the Memphis ",
                "The Santa ",
                "startup ",
                "based ",
                " Zephyr",
            ])
            .collect();
        for text in crate::generated_texts(0x0c0e_5eed, &pieces, 30_000, 10..=10) {
            check(&text);
        }
        // glued to what may not stand before them
        for before in ["_", "9", "x", "-", " "] {
            check(&format!("{before}the Memphis cluster; {before}startup Zephyr; {before}start-up X"));
        }
        assert!(cues_seen > 1_000 && facilities_seen > 50, "{cues_seen} cues, {facilities_seen} facilities");
    }

    /// "the Memphis cluster": a facility of the document's organization.
    /// The look for its noun once began at the noun, not at the space
    /// before it, and never found a city (it found one only in "the
    /// Memphiscluster").
    #[test]
    fn a_city_and_a_facility_noun_name_a_facility() {
        let ix = index("xAI said the Memphis cluster cost $5 billion. The Santa data center is new.");
        let f = ix.entities.iter().position(|e| e.name == "Memphis cluster" && e.kind == EKind::Facility).unwrap();
        assert_eq!(ix.subject_of(f), "xAI Memphis cluster");
        assert!(ix.entities.iter().any(|e| e.name == "Santa data center" && e.kind == EKind::Facility));
        let glued = index("xAI said the Memphiscluster cost $5 billion.");
        assert!(!glued.entities.iter().any(|e| e.kind == EKind::Facility), "{:?}", glued.entities);
    }

    fn index(text: &str) -> Index {
        Index::build(text, &claimex_segment::split(text), &Names::default())
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

    /// Names of one key ([`name_key`]: "GB200" and "GH200" share length,
    /// first, middle and last bytes) stay apart, and every occurrence of
    /// a name takes the entity its first one found.
    #[test]
    fn names_of_one_key_are_apart() {
        assert_eq!(name_key(b"GB200"), name_key(b"GH200"));
        let ix = index("Nvidia sold GB200 and GH200 chips. GH200 units, GB200s and the GH200 shipped.");
        let chip = |name: &str| ix.entities.iter().position(|e| e.name == name && e.kind == EKind::Chip).unwrap();
        let (gb, gh) = (chip("GB200"), chip("GH200"));
        assert_ne!(gb, gh);
        assert_eq!((ix.entities[gb].count, ix.entities[gh].count), (2, 3));
        assert_eq!(ix.entities[gb].org, ix.entities[gh].org);
        assert_eq!(ix.subject_of(gh), "Nvidia GH200");
    }

    #[test]
    fn unknown_orgs_by_cue() {
        let ix = index("French AI startup Zephyr said on Monday it trained Breeze-2. Zephyr spent $12 million.");
        assert!(ix.entities.iter().any(|e| e.name == "Zephyr" && e.kind == EKind::Org));
        assert_eq!(ix.entities[ix.main_org.unwrap()].name, "Zephyr");
        // "X-based Name", and names that go on through "of", "on", "for"
        let ix = index("Sacramento-based McClatchy reported a loss. McClatchy owns 30 papers.");
        assert_eq!(ix.entities[ix.main_org.unwrap()].name, "McClatchy");
        let ix = index("A recently formed group Doctors for Camp Closure offered shots. It said so.");
        assert_eq!(ix.entities[ix.main_org.unwrap()].name, "Doctors for Camp Closure");
        // names of more than one word, up to a title or a day
        let ix = index("Global financial firm JP Morgan had called it. JP Morgan said so.");
        assert_eq!(ix.entities[ix.main_org.unwrap()].name, "JP Morgan");
        let ix = index("The startup Zephyr Chief Executive Jane Doe spoke. Zephyr agreed.");
        assert_eq!(ix.entities[ix.main_org.unwrap()].name, "Zephyr");
        let ix = index("The firm Zephyr Monday said it raised money. Zephyr agreed.");
        assert_eq!(ix.entities[ix.main_org.unwrap()].name, "Zephyr");
        let ix = index("Its company CEO Andy Vesey spoke.");
        assert!(ix.entities.iter().all(|e| e.kind != EKind::Org), "{:?}", ix.entities);
        let ix = index("The cloud-based AI tools are based in London.");
        assert!(ix.entities.iter().all(|e| e.kind != EKind::Org), "{:?}", ix.entities);
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

    /// The short codes the index's walk over the capitals and digits finds.
    fn short_codes(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut codes = Vec::new();
        ALL_CACHE.with(|cache| {
            ALL.find_all(&mut cache.borrow_mut(), &mut Vec::new(), text, &mut Vec::new(), |a| {
                if code_digit(b, a) {
                    codes.extend(code_through(b, a));
                }
            });
        });
        codes
    }

    #[test]
    fn short_codes_are_every_capital_that_starts_a_code() {
        // the scan they replace: every capital, skipping past each code found
        fn by_capitals(b: &[u8]) -> Vec<(usize, usize)> {
            let mut out = Vec::new();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_uppercase()
                    && let Some(e) = code_at(b, i)
                {
                    out.push((i, e));
                    i = e;
                    continue;
                }
                i += 1;
            }
            out
        }
        const PIECES: &[&str] =
            &["R", "V", "K", "AB", "ABC", "1", "2", "12", ".", ".5", " ", "-", "a", "é", "_", "x", "H100"];
        for text in crate::generated_texts(0x2545_f491_4f6c_dd1d, PIECES, 20_000, 10..=10) {
            assert_eq!(short_codes(&text), by_capitals(text.as_bytes()), "{text:?}");
        }
    }

    #[test]
    fn short_codes_need_a_tie_to_be_models() {
        let ix = index("Sales rose in Q3 and H1. The F1 team won.");
        assert!(ix.entities.iter().all(|e| e.kind != EKind::Model));
    }
}
