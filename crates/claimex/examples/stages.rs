//! Where the time of `claimex extract` goes, stage by stage, over the
//! documents of one folder (read into memory first; files directly in DIR):
//!
//! ```sh
//! cargo run --release -p claimex --example stages -- DIR [REPEAT]
//! ```
//!
//! Prints milliseconds per pass, share and MB/s for segmentation,
//! extraction, attribution and JSON serialization: for each stage its
//! fastest pass of REPEAT (the least disturbed on a shared machine).
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: stages DIR [REPEAT]");
    let repeat: usize = args.next().map_or(3, |r| r.parse().expect("REPEAT"));
    let mut docs = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths {
        docs.push(std::fs::read_to_string(p).unwrap());
    }
    let bytes: usize = docs.iter().map(|d| d.len()).sum();
    let seg = claimex::Segmenter::default();
    let ex = claimex::extract::Extractor::new();
    let _ = claimex::extract_text("warm up the regexes: $5 million, 512 H800 chips, 80 hours, OpenAI");
    // the fastest pass of each stage: on a shared machine the minimum is the
    // best estimate of what the stage costs undisturbed
    let mut best = [Duration::MAX; 4];
    let mut n = 0;
    for _ in 0..repeat {
        let mut t = [Duration::ZERO; 4];
        for d in &docs {
            let a = Instant::now();
            let sentences = seg.split(d);
            let b = Instant::now();
            let mut mentions = Vec::new();
            ex.extract_into(d, &sentences, &mut mentions);
            let c = Instant::now();
            let attrs = claimex::claims::attribute(d, &sentences, &mentions);
            let e = Instant::now();
            let mut buf = Vec::new();
            for (m, at) in mentions.iter().zip(&attrs) {
                claimex::MentionRecord::with_attribution("x", d, m, at).write_json(&mut buf);
                buf.push(b'\n');
            }
            let f = Instant::now();
            n += buf.len();
            t[0] += b - a;
            t[1] += c - b;
            t[2] += e - c;
            t[3] += f - e;
        }
        for (b, t) in best.iter_mut().zip(t) {
            *b = (*b).min(t);
        }
    }
    let total: Duration = best.iter().sum();
    let mbs = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    for (name, d) in ["segment", "extract", "attribute", "serialize"].iter().zip(best) {
        println!(
            "{name:10} {:6.1} ms/pass {:5.1}% {:7.1} MB/s",
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            mbs(d)
        );
    }
    println!(
        "total      {:6.1} ms/pass        {:7.1} MB/s ({} bytes out)",
        total.as_secs_f64() * 1e3,
        mbs(total),
        n / repeat
    );
}
