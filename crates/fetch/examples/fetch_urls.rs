//! Fetches the URLs given as arguments (or listed in the file given with
//! `--list FILE`) and prints one line per URL, in the order given:
//! `<url>: <status> <content type> <bytes> bytes` or `claimex: <url>: <reason>`.
//!
//! `cargo run -p claimex-fetch --example fetch_urls -- https://example.com/`

use claimex_fetch::{Options, Page, fetch_all, read_url_list};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut urls = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--list" {
            let Some(path) = args.next() else {
                eprintln!("claimex: --list needs a file");
                std::process::exit(2);
            };
            match read_url_list(&path) {
                Ok(list) => urls.extend(list),
                Err(e) => {
                    eprintln!("claimex: {}: {e}", e.url());
                    std::process::exit(2);
                }
            }
        } else {
            urls.push(arg);
        }
    }
    let mut results: Vec<Option<Result<Page, claimex_fetch::Error>>> = (0..urls.len()).map(|_| None).collect();
    fetch_all(&urls, &Options::default(), |i, r| results[i] = Some(r));
    let mut failed = false;
    for result in results.into_iter().flatten() {
        match result {
            Ok(p) => println!(
                "{}: {} {} {} bytes{}",
                p.url,
                p.status,
                p.content_type.as_deref().unwrap_or("-"),
                p.body.len(),
                if p.from_cache { " (cached)" } else { "" }
            ),
            Err(e) => {
                failed = true;
                eprintln!("claimex: {}: {e}", e.url());
            }
        }
    }
    std::process::exit(i32::from(failed));
}
