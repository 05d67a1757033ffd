//! Segmentation throughput in MB/s on the seed articles, repeated to at least
//! 20 MiB, with Unicode UAX #29 sentence boundaries alone as a baseline.
//! Criterion reports throughput in MB/s (decimal megabytes).

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use claimex_segment::{Segmenter, Span};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_segmentation::UnicodeSegmentation;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

/// The seed articles, joined by blank lines and repeated to `TARGET_BYTES`.
fn corpus() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let seeds: Vec<String> =
        paths.iter().map(|p| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))).collect();
    assert!(!seeds.is_empty(), "no seed articles in {}", dir.display());
    let mut text = String::with_capacity(TARGET_BYTES + 64 * 1024);
    while text.len() < TARGET_BYTES {
        for s in &seeds {
            text.push_str(s);
            text.push_str("\n\n");
        }
    }
    text
}

fn throughput(c: &mut Criterion) {
    let text = corpus();
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
