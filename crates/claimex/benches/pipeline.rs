//! The whole pipeline in MB/s (decimal), as `claimex extract` runs it on a
//! folder: every plain-text fixture article (the seeds and the reconcile
//! sets) is one document, read from memory, segmented, extracted,
//! attributed and serialized to JSON Lines. `one core` runs the documents
//! in a loop on this thread; `batch` runs them through
//! [`claimex::batch::ordered`] on every core, output in input order.
//!
//! File reading is left out (see `scripts/bench.py` for the end-to-end
//! figure on a folder, reading and writing included).

use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use claimex::{MentionRecord, Pipeline};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[path = "../../../benches/fixtures.rs"]
mod fixtures;

/// The corpus is the fixture articles repeated to at least this size.
const TARGET_BYTES: usize = 8 * 1024 * 1024;

fn corpus() -> Vec<(String, String)> {
    let mut found = fixtures::articles(&fixtures::dir().join("seeds"));
    found.extend(fixtures::articles(&fixtures::dir().join("reconcile")));
    let mut docs = Vec::new();
    let mut size = 0;
    while size < TARGET_BYTES {
        for text in &found {
            size += text.len();
            docs.push((format!("doc-{}.txt", docs.len()), text.clone()));
        }
    }
    docs
}

/// The JSON Lines of one document, as the command writes them.
fn jsonl(pipeline: &Pipeline, source: &str, text: &str, buf: &mut Vec<u8>) {
    let analysis = pipeline.analyze(text);
    for (m, a) in analysis.mentions.iter().zip(&analysis.attributions) {
        let r = MentionRecord::with_attribution(source, text, m, a);
        r.write_json(buf);
        buf.push(b'\n');
    }
}

fn pipeline(c: &mut Criterion) {
    let docs = corpus();
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let p = Pipeline::new();
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::BytesDecimal(bytes as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("one core", |b| {
        let mut out = Vec::with_capacity(bytes);
        b.iter(|| {
            out.clear();
            for (source, text) in &docs {
                jsonl(&p, source, text, &mut out);
            }
            black_box(out.len())
        })
    });
    let jobs = claimex::batch::default_jobs();
    group.bench_function(format!("batch, {jobs} jobs"), |b| {
        b.iter(|| {
            let mut sink = std::io::sink();
            claimex::batch::ordered(
                docs.iter(),
                jobs,
                |(source, text)| {
                    let mut buf = Vec::new();
                    jsonl(&p, source, text, &mut buf);
                    buf
                },
                |buf| sink.write_all(&buf).expect("sink"),
            );
        })
    });
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
