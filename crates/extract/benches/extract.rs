//! Extraction throughput in MB/s (decimal) on the seed articles repeated to
//! at least 20 MiB. Sentence spans are computed once, outside the timing:
//! this measures the extractor alone, then extraction with attribution
//! (subject and attribute), as the pipeline runs it.

use std::hint::black_box;
use std::time::Duration;

use claimex_extract::{Extractor, Mention};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../../../benches/fixtures.rs"]
mod fixtures;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

fn throughput(c: &mut Criterion) {
    let seeds = fixtures::articles(&fixtures::dir().join("seeds"));
    let text = fixtures::repeated(&seeds, TARGET_BYTES);
    let sentences = claimex_segment::split(&text);
    let ex = Extractor::new();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    let mut out: Vec<Mention> = Vec::new();
    group.bench_function("mentions", |b| {
        b.iter(|| {
            out.clear();
            ex.extract_into(black_box(&text), &sentences, &mut out);
            black_box(out.len())
        })
    });
    group.finish();

    // documents one by one, as the pipeline sees them (attribution works per document)
    let docs: Vec<(String, Vec<claimex_segment::Span>)> =
        seeds.iter().map(|s| (s.clone(), claimex_segment::split(s))).collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let mut group = c.benchmark_group("extract_per_document");
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.bench_function("mentions", |b| {
        b.iter(|| {
            for (t, s) in &docs {
                out.clear();
                ex.extract_into(black_box(t), s, &mut out);
                black_box(out.len());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
