//! JSON Lines: `claimex_ingest::read_bytes(.., Format::JsonLines, ..)` gives
//! one item per non-blank line, each `Ok` or `Err`, never a panic. Each item
//! is checked against the line it came from, parsed here on its own: a line
//! that is not a JSON object is an `Err` named `f.jsonl:N` (its line
//! number); an object with a `text` string is an `Ok` document holding that
//! text; one with neither `text` nor `html` is an `Err`; an `Ok` document's
//! text passes through the pipeline with its invariants.
//!
//! A line that serde_json cannot read whole as a `Value` may still be a
//! record: the reader parses only the fields claimex reads, so a number
//! out of range (`1e400`), deep nesting or a lone surrogate escape in
//! another field does not fail it, and a lone surrogate in a string it
//! reads is replaced with U+FFFD. Such a line gives either an error named
//! after it or a document; the document's text still passes the pipeline.
//!
//! A file whose first record is one of claimex's own (a figure, a
//! sentence, a fact) gives one warning named after the file, nothing else.
//!
//! Bytes that start with a UTF-16 byte order mark are held to the same
//! model after decoding them whole: the readers transcode them as a
//! stream.
//!
//! The same bytes are then read as a `.json` file (`Format::Json`): never
//! a panic, and when they are UTF-8 and parse whole as an array, the
//! streamed reader gives one item per element, each as the element read on
//! its own says (the text of an object with a `text` string, named after
//! its `url`, `id` or `f.json:K`; an error for an element that is not an
//! object).
#![no_main]

use claimex::Pipeline;
use claimex_ingest::{ErrorKind, Format};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// What a line should give, decided from the line alone.
enum Expect {
    /// Not JSON, or JSON but not an object.
    BadJson,
    /// Not a `Value` (a number out of range, nesting past serde_json's
    /// limit, a lone surrogate escape), but perhaps a record still.
    Lenient,
    /// An object without a `text` or `html` string, named `url`/`id`/`FILE:N`.
    NoText(String),
    /// An object with a `text` string.
    Text(String, String),
    /// An object with an `html` string but no `text` (a page to extract).
    Html(String),
}

/// The non-blank lines of `bytes` with their line numbers, as a JSON Lines
/// reader sees them: split at `\n`, trailing `\r`/`\n` dropped.
fn lines(bytes: &[u8]) -> Vec<(usize, &[u8])> {
    let mut out = Vec::new();
    let mut pieces: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    if bytes.ends_with(b"\n") || bytes.is_empty() {
        pieces.pop();
    }
    for (k, mut line) in pieces.into_iter().enumerate() {
        while let Some(rest) = line.strip_suffix(b"\r") {
            line = rest;
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            out.push((k + 1, line));
        }
    }
    out
}

/// A `url` or `id` that names a record: a string, not blank and on one
/// line, or a whole number.
fn field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.trim().is_empty() && !s.chars().any(char::is_control) => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

fn expect(line: &[u8], fallback: String) -> Expect {
    let line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
    let text = claimex_ingest::decode(line.to_vec()).text;
    let obj = match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(obj)) => obj,
        Ok(_) => return Expect::BadJson,
        Err(_) => return Expect::Lenient,
    };
    let source = field(&obj, "url").or_else(|| field(&obj, "id")).unwrap_or(fallback);
    match (obj.get("text"), obj.get("html")) {
        (Some(Value::String(t)), _) => Expect::Text(source, t.clone()),
        (_, Some(Value::String(_))) => Expect::Html(source),
        _ => Expect::NoText(source),
    }
}

/// True for one of claimex's own records, which make a file claimex
/// output and not articles: a span of a text (`source`, `start`, `end`),
/// a fact, the reconcile report.
fn claimex_record(v: &Value) -> bool {
    let Value::Object(o) = v else { return false };
    let has = |k: &str| o.contains_key(k);
    (o.get("source").is_some_and(Value::is_string)
        && o.get("start").is_some_and(Value::is_u64)
        && o.get("end").is_some_and(Value::is_u64))
        || (has("subject") && has("attribute") && has("status") && has("variants"))
        || (has("sources") && has("facts"))
}

/// When the first record of a file is claimex's own, the reader gives
/// one warning named after the file and nothing more.
fn check_claimex_output(items: &[Result<claimex_ingest::Document, claimex_ingest::Error>], file: &str) {
    assert_eq!(items.len(), 1, "claimex output gives one item");
    match &items[0] {
        Err(e) => {
            assert!(matches!(e.kind(), ErrorKind::ClaimexOutput), "{e}");
            assert!(e.is_warning());
            assert_eq!(e.input(), file);
        }
        Ok(doc) => panic!("claimex output gave a document: {doc:?}"),
    }
}

/// The `.json` reading of `data`, held to serde_json's reading of the
/// whole array where there is one.
fn check_json_array(data: &[u8]) {
    let items: Vec<_> = claimex_ingest::read_bytes("f.json", data.to_vec(), Format::Json, None).collect();
    let data = &as_read(data);
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(Value::Array(elements)) = serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) else {
        return;
    };
    if elements.first().is_some_and(claimex_record) {
        return check_claimex_output(&items, "f.json");
    }
    assert_eq!(items.len(), elements.len(), "one item per element of the array");
    for (k, (item, element)) in items.iter().zip(elements).enumerate() {
        let name = format!("f.json:{}", k + 1);
        match (item, element) {
            (Ok(doc), Value::Object(obj)) => {
                let source = field(&obj, "url").or_else(|| field(&obj, "id")).unwrap_or(name);
                assert_eq!(doc.source, source, "element {k}: document source");
                if let Some(Value::String(t)) = obj.get("text") {
                    assert_eq!(&doc.text, t, "element {k}: document text is the record's");
                }
            }
            (Err(_), Value::Object(obj)) => {
                assert!(!matches!(obj.get("text"), Some(Value::String(_))), "element {k} with a text field failed")
            }
            (Err(e), _) => assert_eq!(e.input(), name, "a bad element's error is named FILE:K"),
            (Ok(doc), other) => panic!("element {k} ({other}) gave a document: {doc:?}"),
        }
    }
}

/// The bytes as the readers split them: UTF-16 after its byte order mark
/// is transcoded to UTF-8 first (decoded whole here, streamed there).
fn as_read(data: &[u8]) -> Vec<u8> {
    if data.starts_with(&[0xff, 0xfe]) || data.starts_with(&[0xfe, 0xff]) {
        claimex_ingest::decode(data.to_vec()).text.into_bytes()
    } else {
        data.to_vec()
    }
}

fuzz_target!(|data: &[u8]| {
    check_json_array(data);
    let items: Vec<_> = claimex_ingest::read_bytes("f.jsonl", data.to_vec(), Format::JsonLines, None).collect();
    let data = &as_read(data);
    let lines = lines(data);
    let first = lines.first().map(|(_, l)| l.strip_prefix(b"\xef\xbb\xbf").unwrap_or(l));
    if first.is_some_and(|l| serde_json::from_slice::<Value>(l).is_ok_and(|v| claimex_record(&v))) {
        return check_claimex_output(&items, "f.jsonl");
    }
    assert_eq!(items.len(), lines.len(), "one item per non-blank line");
    for (item, (n, line)) in items.iter().zip(lines) {
        let name = format!("f.jsonl:{n}");
        match (item, expect(line, name.clone())) {
            // an error (named after the record's url or id, maybe) or a document
            (_, Expect::Lenient) => {}
            (Err(e), Expect::BadJson) => {
                assert_eq!(e.input(), name, "a bad line's error is named FILE:LINE");
                assert!(matches!(e.kind(), ErrorKind::Json(_)), "line {n}: {e}");
            }
            (Err(e), Expect::NoText(source)) => {
                assert_eq!(e.input(), source, "line {n}: error named after url/id/FILE:LINE");
                assert!(matches!(e.kind(), ErrorKind::NoText), "line {n}: {e}");
            }
            (Ok(doc), Expect::Text(source, text)) => {
                assert_eq!(doc.source, source, "line {n}: document source");
                assert_eq!(doc.text, text, "line {n}: document text is the record's");
            }
            (Ok(doc), Expect::Html(source)) => {
                assert_eq!(doc.source, source, "line {n}: document source");
                assert!(!doc.text.contains("\n\n\n"), "line {n}: page text with a run of 3+ newlines");
            }
            (Err(e), Expect::Html(source)) => {
                assert_eq!(e.input(), source, "line {n}: error named after url/id/FILE:LINE");
            }
            (Ok(doc), _) => panic!("line {n} gave a document from a record without text: {doc:?}"),
            (Err(e), _) => panic!("line {n} with a text field gave an error: {e}"),
        }
        if let Ok(doc) = item {
            if doc.text.trim().is_empty() {
                assert!(!doc.warnings.is_empty(), "line {n}: empty document without a warning");
            }
            let a = PIPELINE.analyze(&doc.text);
            claimex_fuzz::check_analysis(&doc.text, &a);
        }
    }
});
