//! Copy detection calibrated on the seed articles: 000 (a Reuters story)
//! and 002 (a blog pasting whole Reuters sentences) copy each other; 001
//! and 004 paraphrase the same story, and 003 is a scraped page quoting
//! short phrases, so no other pair may be reported.

use std::path::Path;

use claimex_reconcile::{CopyOptions, SourceDoc, detect_copies, reconcile};

fn seeds() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("seed directory")
        .map(|e| e.expect("seed entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy()[..3].to_string();
            (name, std::fs::read_to_string(&p).expect("seed text"))
        })
        .collect()
}

#[test]
fn only_the_reuters_paste_is_a_copy() {
    let seeds = seeds();
    let names: Vec<&str> = seeds.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["000", "001", "002", "003", "004"]);
    let texts: Vec<&str> = seeds.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(detect_copies(&texts, &CopyOptions::default()), vec![(0, 2)]);
}

#[test]
fn seed_sources_report_their_copies() {
    let docs: Vec<SourceDoc> = seeds().into_iter().map(|(name, text)| SourceDoc::new(name, text)).collect();
    let report = reconcile(&docs, &[]);
    let copies: Vec<(&str, Vec<&str>)> =
        report.sources.iter().map(|s| (s.source.as_str(), s.copies.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        copies,
        [("000", vec!["002"]), ("001", vec![]), ("002", vec!["000"]), ("003", vec![]), ("004", vec![]),]
    );
}
