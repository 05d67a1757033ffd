//! Extracts articles from HTML files (plain or gzipped) given as arguments
//! and prints one JSON object per file: `{"source", "title", "published",
//! "author", "site_name", "canonical_url", "language", "text"}`.

use std::io::Read;

fn main() {
    for path in std::env::args().skip(1) {
        let mut bytes = Vec::new();
        let read = std::fs::File::open(&path).and_then(|mut f| {
            if path.ends_with(".gz") {
                flate2::read::GzDecoder::new(f).read_to_end(&mut bytes)
            } else {
                f.read_to_end(&mut bytes)
            }
        });
        if let Err(e) = read {
            eprintln!("{path}: {e}");
            continue;
        }
        let html = claimex_html::decode(&bytes, None).text;
        let a = claimex_html::extract(&html);
        let row = serde_json::json!({
            "source": path, "title": a.title, "published": a.published, "author": a.author,
            "site_name": a.site_name, "canonical_url": a.canonical_url,
            "language": a.language, "text": a.text,
        });
        println!("{row}");
    }
}
