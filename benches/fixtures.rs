//! The fixture articles, for the crates' benchmarks: each bench includes
//! this file with `#[path = "../../../benches/fixtures.rs"] mod fixtures;`
//! (paths are resolved from the including crate's directory).

// each bench uses what it needs of this module
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository's `fixtures/` folder.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures")
}

/// Every `*.txt` article under `dir`, sub-folders included, in path order.
pub fn articles(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    collect(dir, &mut out);
    assert!(!out.is_empty(), "no articles under {}", dir.display());
    out
}

fn collect(dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())));
        }
    }
}

/// The articles joined by blank lines, repeated to at least `bytes`.
pub fn repeated(articles: &[String], bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 64 * 1024);
    while text.len() < bytes {
        for a in articles {
            text.push_str(a);
            text.push_str("\n\n");
        }
    }
    text
}
