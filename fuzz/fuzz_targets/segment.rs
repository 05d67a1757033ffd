//! Any bytes, as lossy UTF-8, split into sentences: spans ordered,
//! non-overlapping, non-empty, on char boundaries, trimmed, inside the text;
//! the iterator and `split_into` (into a non-empty buffer) agree with `split`.
#![no_main]

use claimex_segment::{Segmenter, Span};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = claimex_fuzz::text_of(data);
    let spans = claimex_segment::split(&text);
    claimex_fuzz::check_sentences(&text, &spans);
    for s in &spans {
        assert!(s.as_str(&text).chars().any(char::is_alphanumeric), "sentence {s:?} has no letter or digit");
    }
    let iterated: Vec<Span> = claimex_segment::sentences(&text).collect();
    assert_eq!(iterated, spans, "the iterator and split differ");
    let mut out = vec![Span::new(0, 0)];
    Segmenter::new().split_into(&text, &mut out);
    assert_eq!(&out[1..], &spans[..], "split_into and split differ");
});
