//! `claimex extract`, `text` and `sentences` on the seed fixtures.

use std::collections::HashMap;

use crate::util::{claimex, claimex_in, records, scratch, sources, stderr, stdout};

/// Document text per source, as `claimex text` prints it.
fn texts(args: &[&str]) -> HashMap<String, String> {
    let out = claimex(&[&["text"], args].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    records(&out)
        .into_iter()
        .map(|r| (r["source"].as_str().unwrap().to_string(), r["text"].as_str().unwrap().to_string()))
        .collect()
}

#[test]
fn every_record_text_is_its_slice_of_the_document() {
    let docs = texts(&["fixtures/seeds"]);
    let out = claimex(&["extract", "fixtures/seeds"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    assert!(recs.len() > 30, "the seeds state many figures, got {}", recs.len());
    for r in &recs {
        let doc = &docs[r["source"].as_str().unwrap()];
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&doc[s..e], r["text"].as_str().unwrap(), "{r}");
    }
}

#[test]
fn records_carry_the_contract_fields() {
    let out = claimex(&["extract", "fixtures/seeds/000_087a43646b79989b.txt"]);
    let recs = records(&out);
    let keys: Vec<&str> = recs[0].as_object().unwrap().keys().map(String::as_str).collect();
    // serde_json's map is sorted; the order on the wire is checked by the library's tests
    for k in ["source", "kind", "text", "start", "end", "sentence", "qualifier", "value", "subject", "attribute"] {
        assert!(keys.contains(&k), "missing {k}");
    }
    assert_eq!(recs[0]["source"], "fixtures/seeds/000_087a43646b79989b.txt");
}

#[test]
fn seed_figures_are_normalized() {
    let out = claimex(&["extract", "fixtures/seeds"]);
    let recs = records(&out);
    let find = |text: &str| recs.iter().find(|r| r["text"] == text).unwrap_or_else(|| panic!("{text} not found"));
    assert_eq!(find("$294K")["value"], serde_json::json!({"amount": 294000.0, "currency": "USD"}));
    assert_eq!(find("US$294,000")["value"], serde_json::json!({"amount": 294000.0, "currency": "USD"}));
    assert_eq!(
        find("512 Nvidia H800 chips")["value"],
        serde_json::json!({"count": 512, "chip": "H800", "vendor": "Nvidia"})
    );
    assert_eq!(find("80 hours")["value"]["seconds"], 288000.0);
    assert_eq!(find("US$100 million")["qualifier"], "more_than");
    // never a date, a year, a size, a score or a download count
    for r in &recs {
        let t = r["text"].as_str().unwrap();
        for bad in ["2022", "2023", "2025", "2026", "42/100", "8 KB", "10.9 million"] {
            assert!(!t.contains(bad), "{t:?} is not a figure");
        }
    }
}

#[test]
fn kinds_filter_and_formats() {
    let out = claimex(&["extract", "--kinds", "chip_count", "fixtures/seeds"]);
    let recs = records(&out);
    assert!(!recs.is_empty());
    assert!(recs.iter().all(|r| r["kind"] == "chip_count"));

    let json = claimex(&["extract", "--format", "json", "fixtures/seeds/004_5097f99194416ce5.txt"]);
    let arr: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(arr.as_array().unwrap().len(), 4);

    let csv = stdout(&claimex(&["extract", "--format", "csv", "fixtures/seeds/004_5097f99194416ce5.txt"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("source,kind,text,start,end,sentence,qualifier,amount"));
    assert_eq!(lines.len(), 5);

    let table = stdout(&claimex(&["extract", "--format", "table", "fixtures/seeds/004_5097f99194416ce5.txt"]));
    assert!(table.contains("512 × H800 (Nvidia)"), "{table}");
}

#[test]
fn output_file_is_written_whole_and_replaces_the_old_one() {
    let dir = scratch(&[("a.txt", b"It cost $5m."), ("out.jsonl", b"old content\n")]);
    let out = claimex_in(dir.path(), &["extract", "a.txt", "-o", "out.jsonl"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1);
    assert!(written.contains("\"amount\":5000000.0"));
    // no temporary file is left behind
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn stdin_is_read_when_no_input_is_given_or_with_dash() {
    let dir = scratch(&[]);
    for args in [&["extract"][..], &["extract", "-"][..]] {
        let out = claimex_in(dir.path(), args, Some("It raised $6.5B over 18 months.".as_bytes()));
        assert!(out.status.success(), "{}", stderr(&out));
        let recs = records(&out);
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0]["source"], "-");
        assert_eq!(recs[0]["value"]["amount"], 6.5e9);
        assert_eq!(recs[1]["kind"], "duration");
    }
}

/// Standard input in every format it is sniffed as: JSON Lines and JSON
/// arrays read a record at a time (a broken record fails alone, named
/// `-:N`), text and HTML whole, with offsets into the whole text even
/// when it starts with whitespace.
#[test]
fn stdin_in_each_format() {
    let dir = scratch(&[]);
    let run = |input: &[u8]| claimex_in(dir.path(), &["extract"], Some(input));
    let out = run(b"{\"text\": \"It cost $1m.\"}\n{\"text\": \n{\"text\": \"It cost $3m.\"}\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("claimex: -:2: invalid JSON"), "{}", stderr(&out));
    assert_eq!(sources(&out), ["-:1", "-:3"]);
    let out = run(b"\n [{\"text\": \"It cost $1m.\"}, {\"text\": \"It cost $2m.\"}]");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&out), ["-:1", "-:2"]);
    let out = run(b"\n\n  It cost $4m.");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!((records(&out)[0]["start"].as_u64(), records(&out)[0]["text"].as_str()), (Some(12), Some("$4m")));
    let out = run(b"<p>It cost $5m.</p>");
    assert_eq!(sources(&out), ["-"]);
}

#[test]
fn jsonl_inputs_use_url_then_id_then_file_line() {
    let dir = scratch(&[(
        "batch.jsonl",
        b"{\"url\": \"https://example.com/a\", \"text\": \"It cost $1m.\"}\n{\"id\": \"case-7\", \"text\": \"It cost $2m.\"}\n{\"text\": \"It cost $3m.\"}\n",
    )]);
    let out = claimex_in(dir.path(), &["extract", "batch.jsonl"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&out), ["https://example.com/a", "case-7", "batch.jsonl:3"]);
}

#[test]
fn sentences_are_trimmed_slices() {
    let docs = texts(&["fixtures/seeds/002_2f2dc4b0e48d62cc.txt"]);
    let doc = docs.values().next().unwrap();
    let out = claimex(&["sentences", "fixtures/seeds/002_2f2dc4b0e48d62cc.txt"]);
    let recs = records(&out);
    assert_eq!(recs[0]["text"], "Key takeaways", "a heading is its own sentence");
    for (k, r) in recs.iter().enumerate() {
        assert_eq!(r["index"], k);
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        let t = &doc[s..e];
        assert_eq!(t, r["text"].as_str().unwrap());
        assert_eq!(t, t.trim());
    }
}

#[test]
fn same_input_gives_identical_output_whatever_the_job_count() {
    let one = claimex(&["extract", "-j", "1", "fixtures/seeds"]);
    let many = claimex(&["extract", "-j", "4", "fixtures/seeds"]);
    assert_eq!(one.stdout, many.stdout);
}

/// A document with more figures than a worker keeps room for (4,096) is
/// written when its turn comes, a chunk at a time, not held as JSON: its
/// records are the same, in order, between the documents around it, in
/// JSON Lines and in a JSON array.
#[test]
fn a_document_with_thousands_of_figures_is_written_in_order() {
    let n = 5_000;
    let table: String = (0..n).map(|i| format!("Lot {i} sold for ${}.\n", i + 1)).collect();
    let dir = scratch(&[
        ("a.txt", b"The chip cost $40,000." as &[u8]),
        ("b.txt", table.as_bytes()),
        ("c.txt", b"The run took 55 days."),
    ]);
    let jsonl = claimex_in(dir.path(), &["extract", "-j", "2", "a.txt", "b.txt", "c.txt"], None);
    assert!(jsonl.status.success(), "{}", stderr(&jsonl));
    let lines = records(&jsonl);
    assert_eq!(lines.len(), n + 2);
    assert_eq!(lines[0]["text"], "$40,000");
    assert_eq!(lines[n + 1]["text"], "55 days");
    for (i, r) in lines[1..=n].iter().enumerate() {
        assert_eq!((r["source"].as_str(), r["value"]["amount"].as_f64()), (Some("b.txt"), Some((i + 1) as f64)));
    }
    let json = claimex_in(dir.path(), &["extract", "-j", "2", "--format", "json", "a.txt", "b.txt", "c.txt"], None);
    assert!(json.status.success(), "{}", stderr(&json));
    let array: Vec<serde_json::Value> = serde_json::from_slice(&json.stdout).expect("one JSON array");
    assert_eq!(array, lines);
}

/// Hidden files and folders are skipped in a walk, as ripgrep skips them,
/// and read with `--hidden`.
#[test]
fn hidden_files_are_read_with_hidden() {
    let dir = scratch(&[
        ("in/a.txt", b"The chip cost $40,000." as &[u8]),
        ("in/.b.txt", b"The run took 55 days."),
        ("in/.cache/c.txt", b"It raised $6 million."),
    ]);
    let out = claimex_in(dir.path(), &["extract", "in"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&out), ["in/a.txt"]);
    let out = claimex_in(dir.path(), &["extract", "--hidden", "in"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(sources(&out), ["in/.b.txt", "in/.cache/c.txt", "in/a.txt"]);
}
