//! HTML: `claimex_html::extract` (with the default options, and with tight
//! limits that bring the pre-passes into play) on the lossy text and on what
//! `claimex_html::decode` makes of the bytes (with no content type and with
//! one): no panic; the article text is trimmed and has no run of three or
//! more newlines; it then goes through the whole pipeline with the
//! pipeline's invariants. The bytes then go through
//! `claimex_ingest::html_document`, which reads a page that declares no
//! charset and is not UTF-8 in a guessed legacy encoding: never a panic,
//! and it says so in a warning exactly when it did.
#![no_main]

use claimex::Pipeline;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::new);

/// Content types a server might send, one picked by the input's length.
const CONTENT_TYPES: [&str; 4] = [
    "text/html; charset=utf-8",
    "text/html; charset=ISO-8859-1",
    "text/html;charset=\"windows-1252\"",
    "text/html; charset=bogus",
];

fn check_article(html: &str) {
    check_extracted(html, &claimex_html::Options::default());
    // tight limits, so that short inputs reach the pre-passes that cut
    // nesting, formatting elements and markup past the element limit
    let tight = claimex_html::Options { max_elements: 8, max_depth: 4, max_formatting: 2, ..Default::default() };
    check_extracted(html, &tight);
}

fn check_extracted(html: &str, opts: &claimex_html::Options) {
    let article = claimex_html::extract_with(html, opts);
    let text = &article.text;
    assert_eq!(text.as_str(), text.trim(), "article text has surrounding whitespace: {text:?}");
    assert!(!text.contains("\n\n\n"), "article text has a run of 3+ newlines: {text:?}");
    let metadata = [&article.title, &article.published, &article.author, &article.site_name, &article.canonical_url];
    for f in metadata.into_iter().flatten() {
        assert!(!f.contains('\n'), "metadata field with a newline: {f:?}");
    }
    let a = PIPELINE.analyze(text);
    claimex_fuzz::check_analysis(text, &a);
}

fuzz_target!(|data: &[u8]| {
    let lossy = claimex_fuzz::text_of(data);
    check_article(&lossy);

    let decoded = claimex_html::decode(data, None);
    assert!(!decoded.encoding.is_empty(), "decode names no encoding");
    if !decoded.had_errors && decoded.encoding.eq_ignore_ascii_case("UTF-8") {
        let unbommed = data.strip_prefix(b"\xef\xbb\xbf").unwrap_or(data);
        assert_eq!(decoded.text.as_bytes(), unbommed, "error-free UTF-8 decoding changed the text");
    }
    if decoded.text != lossy {
        check_article(&decoded.text);
    }
    let with_type = claimex_html::decode(data, Some(CONTENT_TYPES[data.len() % CONTENT_TYPES.len()]));
    assert!(!with_type.encoding.is_empty(), "decode names no encoding");

    if let Ok(doc) = claimex_ingest::html_document("f.html", data, None) {
        let guessed = doc.warnings.iter().any(|w| w.starts_with("no charset declared"));
        assert_eq!(guessed, !decoded.declared && decoded.had_errors, "{:?}", doc.warnings);
        assert_eq!(doc.text.as_str(), doc.text.trim(), "document text has surrounding whitespace");
    }
});
