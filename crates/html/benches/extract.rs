//! Extraction throughput in bytes of HTML per second, on the
//! article-extraction benchmark's pages when the peer suites are there (else
//! on a generated page of realistic shape), next to the HTML parse alone.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::io::Read;

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/peer-suites/article-extraction/html");

/// The benchmark pages, or one generated page when they are absent.
fn pages() -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(PAGES) {
        let mut paths: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let mut s = String::new();
            if let Ok(f) = std::fs::File::open(&p)
                && flate2::read::GzDecoder::new(f).read_to_string(&mut s).is_ok()
            {
                out.push(s);
            }
        }
    }
    if out.is_empty() {
        eprintln!("peer suite not found: benchmarking a generated page");
        out.push(generated_page());
    }
    out
}

/// A page shaped like a news article: head with metadata and scripts,
/// navigation, an article of 30 paragraphs, a sidebar, comments, a footer.
fn generated_page() -> String {
    let mut s = String::from(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>Chipmaker ships GPUs - Example News</title>\
         <meta property=\"og:title\" content=\"Chipmaker ships GPUs\">\
         <script>window.dataLayer=[];function f(a,b){return a<b}</script>\
         <style>.a{color:red}.b{margin:0}</style></head><body><nav><ul>",
    );
    for i in 0..40 {
        s += &format!("<li class=\"menu-item\"><a href=\"/s/{i}\">Section {i}</a></li>");
    }
    s += "</ul></nav><main><article><h1>Chipmaker ships GPUs</h1><div class=\"article-body\">";
    for i in 0..30 {
        s += &format!(
            "<p>Paragraph {i}: the company shipped <a href=\"/x/{i}\">2,000 H800 GPUs</a> \
             in March, a spokesperson said, and training took 55 days at a cost of about \
             $5.6 million, according to the paper, which was published on Tuesday.</p>"
        );
        if i % 6 == 5 {
            s += "<div class=\"ad-slot\"><script>ad()</script>Advertisement</div>";
        }
    }
    s += "</div></article><aside class=\"sidebar\">";
    for i in 0..20 {
        s += &format!("<div class=\"teaser\"><a href=\"/t/{i}\">Other story {i}</a></div>");
    }
    s += "</aside><section class=\"comments\">";
    for i in 0..20 {
        s += &format!("<div class=\"comment\"><p>Comment {i}, I think this is great.</p></div>");
    }
    s += "</section></main><footer><p>Copyright</p></footer>";
    s += &"<script>var x = 1; /* tracking */</script>".repeat(20);
    s += "</body></html>";
    s
}

fn bench(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("extract", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(claimex_html::extract(black_box(p)));
            }
        })
    });
    g.bench_function("parse_only", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(scraper::Html::parse_document(black_box(p)));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
