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
use std::path::{Path, PathBuf};
use std::time::Duration;

use claimex::{MentionRecord, Pipeline};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// The corpus is the fixture articles repeated to at least this size.
const TARGET_BYTES: usize = 8 * 1024 * 1024;

fn articles(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            articles(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())));
        }
    }
}

fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut found = Vec::new();
    articles(&root.join("seeds"), &mut found);
    articles(&root.join("reconcile"), &mut found);
    assert!(!found.is_empty(), "no fixture articles under {}", root.display());
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
        serde_json::to_writer(&mut *buf, &r).expect("records serialize");
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
