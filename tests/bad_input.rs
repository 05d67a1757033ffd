//! Bad input: a clear one-line message naming the source, the other inputs
//! still processed, and the exit status of the contract.

use crate::util::{claimex_in, records, scratch, stderr};

#[test]
fn missing_file_fails_but_the_others_are_processed() {
    let dir = scratch(&[("good.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "nope.txt", "good.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: nope.txt: no such file or directory\n");
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn empty_file_is_a_warning_not_a_failure() {
    let dir = scratch(&[("empty.txt", b""), ("blank.md", b"  \n\t\n")]);
    let out = claimex_in(dir.path(), &["extract", "empty.txt", "blank.md"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "claimex: warning: empty.txt: empty document (no text)\nclaimex: warning: blank.md: empty document (no text)\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = scratch(&[("bad.txt", b"Caf\xe9 chain paid \xff$2.5 million for 40 H100 GPUs.")]);
    let out = claimex_in(dir.path(), &["extract", "bad.txt"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.starts_with("claimex: warning: bad.txt: invalid UTF-8: 2 characters replaced"), "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    // offsets refer to the decoded text
    let text = String::from_utf8_lossy(b"Caf\xe9 chain paid \xff$2.5 million for 40 H100 GPUs.").into_owned();
    for r in &recs {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
    }
}

#[test]
fn directory_without_articles_fails() {
    let dir = scratch(&[("sub/picture.png", b"\x89PNG")]);
    let out = claimex_in(dir.path(), &["extract", "sub"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "claimex: sub: no articles found (looked for .txt, .text, .md, .html, .htm, .json, .jsonl files)\n"
    );
}

#[test]
fn binary_file_fails_and_the_rest_goes_on() {
    let dir = scratch(&[("a.txt", b"PK\x03\x04\x00\x00binary"), ("b.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "."], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: ./a.txt: binary file (not text, HTML or JSON)\n");
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn broken_json_line_fails_alone() {
    let dir = scratch(&[("in.jsonl", b"{\"text\": \"$1m\"}\n{\"text\": \n{\"text\": \"$3m\"}\n")]);
    let out = claimex_in(dir.path(), &["extract", "in.jsonl"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("claimex: in.jsonl:2: invalid JSON:"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = scratch(&[]);
    for args in
        [&["extract", "--no-such-flag"][..], &["extract", "--kinds", "apples", "x.txt"][..], &["frobnicate"][..]]
    {
        let out = claimex_in(dir.path(), args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = claimex_in(dir.path(), &["check", "no-such-dir"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unwritable_output_fails_without_touching_stdout() {
    let dir = scratch(&[("a.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "a.txt", "-o", "missing-dir/out.jsonl"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("claimex: cannot create a temporary file next to missing-dir/out.jsonl"));
    assert!(out.stdout.is_empty());
}
