//! Segmentation throughput in MB/s on the seed articles, repeated to at least
//! 20 MiB, with Unicode UAX #29 sentence boundaries alone as a baseline.
//! Criterion reports throughput in MB/s (decimal megabytes).

use std::hint::black_box;
use std::time::Duration;

use claimex_segment::{Segmenter, Span};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_segmentation::UnicodeSegmentation;

#[path = "../../../benches/fixtures.rs"]
mod fixtures;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

fn throughput(c: &mut Criterion) {
    let text = fixtures::repeated(&fixtures::articles(&fixtures::dir().join("seeds")), TARGET_BYTES);
    let seg = Segmenter::new();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    let mut out: Vec<Span> = Vec::new();
    group.bench_function("claimex_segment", |b| {
        b.iter(|| {
            out.clear();
            seg.split_into(black_box(&text), &mut out);
            black_box(out.len())
        })
    });
    group.sample_size(10);
    group.bench_function("uax29_baseline", |b| b.iter(|| black_box(&text).split_sentence_bound_indices().count()));
    group.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
