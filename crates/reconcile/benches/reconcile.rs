//! Reconciling a batch: 10,000 synthetic articles of about 3 KB, one in ten
//! a republication of an earlier one, each with 10 claims about 300
//! subjects (three attributes each: cost, chips, duration), stated in
//! varied precisions and qualifiers, with occasional slipped decimal
//! points. Target: the whole `reconcile` (copy detection included) under
//! one second.

use std::hint::black_box;

use claimex_extract::{ChipCount, Duration, Kind, Money, Qualifier, TimeUnit, Value};
use claimex_reconcile::{Claim, CopyOptions, SourceDoc, detect_copies, reconcile};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const ARTICLES: usize = 10_000;
const CLAIMS_PER_ARTICLE: usize = 10;
const SUBJECTS: usize = 300;
const TEXT_BYTES: usize = 3_000;

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

fn vocabulary(rng: &mut Rng) -> Vec<String> {
    const SYLLABLES: [&str; 24] = [
        "ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "di", "ga", "po", "zu", "an", "el", "or", "ti", "be", "co",
        "fa", "hu", "ja", "qu", "ye", "xi",
    ];
    (0..6_000).map(|_| (0..2 + rng.below(3)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()).collect()
}

fn article_text(rng: &mut Rng, words: &[String]) -> String {
    let mut text = String::with_capacity(TEXT_BYTES + 64);
    while text.len() < TEXT_BYTES {
        let len = 12 + rng.below(20);
        for i in 0..len {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(&words[rng.below(words.len())]);
        }
        text.push_str(". ");
        if rng.chance(15) {
            text.push_str("\n\n");
        }
    }
    text
}

/// The true value of attribute `a` of subject `s`.
fn truth(s: usize, a: usize) -> f64 {
    let x = ((s * 7919 + a * 104_729) % 9_000 + 1_000) as f64;
    match a {
        0 => x * 1_000.0, // money: 1M..10M
        1 => x / 2.0,     // chips: 500..5,000
        _ => x * 360.0,   // duration: 100..1,000 hours, in seconds
    }
}

fn claim(rng: &mut Rng, source: &str) -> Claim {
    let s = rng.below(SUBJECTS);
    let a = rng.below(3);
    let mut v = truth(s, a);
    if rng.chance(5) {
        v *= 10.0; // a slipped decimal point
    }
    // state it at some precision: 1, 10 or 100 units of its order of magnitude below the top
    let magnitude = 10f64.powi(v.log10().floor() as i32);
    let precision = magnitude / [1.0, 10.0, 100.0][rng.below(3)];
    let v = (v / precision).round() * precision;
    let qualifier = match rng.below(20) {
        0..=13 => Qualifier::Exact,
        14..=17 => Qualifier::Approximate,
        18 => Qualifier::MoreThan,
        _ => Qualifier::AtLeast,
    };
    let (kind, value, text) = match a {
        0 => (
            Kind::Money,
            Value::Money(Money { amount: v, amount_max: None, currency: "USD", per: None }),
            format!("${:.1} million", v / 1e6),
        ),
        1 => (
            Kind::ChipCount,
            Value::ChipCount(ChipCount {
                count: v as u64,
                count_max: None,
                chip: Some("H800".into()),
                vendor: Some("Nvidia"),
            }),
            format!("{v} H800 chips"),
        ),
        _ => (
            Kind::Duration,
            Value::Duration(Duration {
                seconds: v,
                seconds_max: None,
                amount: v / 3600.0,
                amount_max: None,
                unit: TimeUnit::Hour,
            }),
            format!("{} hours", v / 3600.0),
        ),
    };
    Claim {
        source: source.to_string(),
        subject: format!("Model {s}"),
        attribute: ["training_cost", "training_hardware", "training_duration"][a].to_string(),
        kind,
        qualifier,
        value,
        precision,
        sentence: format!("Model {s} took {text}, the company said."),
        text,
        ambiguity: None,
    }
}

/// Documents, claims, and for each document the original it republishes
/// (itself when it is an original).
fn corpus() -> (Vec<SourceDoc>, Vec<Claim>, Vec<usize>) {
    let mut rng = Rng(0x5EED_CAFE_F00D_D00D);
    let words = vocabulary(&mut rng);
    let mut docs: Vec<SourceDoc> = Vec::with_capacity(ARTICLES);
    let mut claims: Vec<Claim> = Vec::with_capacity(ARTICLES * CLAIMS_PER_ARTICLE);
    let mut origin: Vec<usize> = Vec::with_capacity(ARTICLES);
    for i in 0..ARTICLES {
        let source = format!("article-{i:05}.txt");
        if i > 100 && rng.chance(10) {
            // a republication: new lede, the earlier story's text and claims
            let original = rng.below(i);
            origin.push(origin[original]);
            let text = format!("{}\n\n{}", article_text(&mut rng, &words)[..300].trim_end(), docs[original].text);
            let copied: Vec<Claim> = claims[original * CLAIMS_PER_ARTICLE..(original + 1) * CLAIMS_PER_ARTICLE]
                .iter()
                .map(|c| Claim { source: source.clone(), ..c.clone() })
                .collect();
            claims.extend(copied);
            docs.push(SourceDoc { mentions: CLAIMS_PER_ARTICLE, ..SourceDoc::new(source, text) });
        } else {
            origin.push(i);
            for _ in 0..CLAIMS_PER_ARTICLE {
                claims.push(claim(&mut rng, &source));
            }
            let text = article_text(&mut rng, &words);
            docs.push(SourceDoc { mentions: CLAIMS_PER_ARTICLE, ..SourceDoc::new(source, text) });
        }
    }
    (docs, claims, origin)
}

/// One very disputed fact: 50,000 claims from 5,000 sources about one
/// subject, values spread over two orders of magnitude.
fn one_big_fact() -> (Vec<SourceDoc>, Vec<Claim>) {
    let mut rng = Rng(0xB16_FAC7);
    let docs: Vec<SourceDoc> = (0..5_000).map(|i| SourceDoc::new(format!("s{i}"), "")).collect();
    let claims = (0..50_000)
        .map(|i| {
            let mut c = claim(&mut rng, &format!("s{}", i % 5_000));
            c.subject = "Model 0".into();
            c.attribute = "training_cost".into();
            c.kind = Kind::Money;
            let v = (1_000 + rng.below(100_000)) as f64 * 1_000.0;
            c.value = Value::Money(Money { amount: v, amount_max: None, currency: "USD", per: None });
            c.precision = [1e3, 1e4, 1e5, 1e6][rng.below(4)];
            c
        })
        .collect();
    (docs, claims)
}

fn bench(c: &mut Criterion) {
    let (docs, claims, origin) = corpus();
    let total_text: usize = docs.iter().map(|d| d.text.len()).sum();
    let texts: Vec<&str> = docs.iter().map(|d| d.text.as_str()).collect();
    let bare: Vec<SourceDoc> = docs.iter().map(|d| SourceDoc::new(d.source.clone(), "")).collect();

    // what the corpus holds, for the record
    let report = reconcile(&docs, &claims);
    let pairs = detect_copies(&texts, &CopyOptions::default());
    let mut planted = vec![0usize; ARTICLES];
    for &o in &origin {
        planted[o] += 1;
    }
    let planted_pairs: usize = planted.iter().map(|&n| n * n.saturating_sub(1) / 2).sum();
    let within = pairs.iter().filter(|&&(a, b)| origin[a] == origin[b]).count();
    eprintln!(
        "corpus: {} articles, {:.1} MB of text, {} claims, {} facts ({} in conflict), \
         {} copy pairs found ({} within a planted story, {} planted)",
        docs.len(),
        total_text as f64 / 1e6,
        claims.len(),
        report.facts.len(),
        report.facts.iter().filter(|f| f.status == claimex_reconcile::Status::Conflict).count(),
        pairs.len(),
        within,
        planted_pairs,
    );

    let mut group = c.benchmark_group("reconcile");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total_text as u64));
    group.bench_function("10k_articles_with_copy_detection", |b| {
        b.iter(|| reconcile(black_box(&docs), black_box(&claims)))
    });
    group.bench_function("copy_detection_only", |b| {
        b.iter(|| detect_copies(black_box(&texts), &CopyOptions::default()))
    });
    group.throughput(Throughput::Elements(claims.len() as u64));
    group.bench_function("100k_claims_without_texts", |b| b.iter(|| reconcile(black_box(&bare), black_box(&claims))));
    let (big_docs, big_claims) = one_big_fact();
    group.throughput(Throughput::Elements(big_claims.len() as u64));
    group.bench_function("one_fact_50k_claims", |b| b.iter(|| reconcile(black_box(&big_docs), black_box(&big_claims))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
