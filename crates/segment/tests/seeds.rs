//! The seed articles in `fixtures/seeds`: no split inside or right after
//! "U.S." (every one in the seeds is mid-sentence), no sentence that spans a headline and the
//! paragraph under it, none that spans a blank line, and none made of
//! boilerplate.

use std::path::{Path, PathBuf};

use claimex_segment::{Span, split};

fn seeds() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/seeds");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 5, "expected the five seed articles");
    paths
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p, t)
        })
        .collect()
}

/// The span that holds byte `i`, if any.
fn holding(spans: &[Span], i: usize) -> Option<Span> {
    spans.iter().copied().find(|s| s.start <= i && i < s.end)
}

/// Lines as (start, end) byte offsets, trimmed; blank lines included.
fn lines(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        out.push((start + lead, start + lead + t.len()));
        start += line.len();
    }
    out
}

/// A headline as this test defines it, independently of the segmenter: a
/// line of at most 100 bytes with a letter, without final punctuation,
/// directly followed (no blank line) by a line that starts with a capital
/// letter or a digit.
fn headlines(text: &str) -> Vec<(usize, usize, usize)> {
    let ls = lines(text);
    let mut out = Vec::new();
    for w in ls.windows(2) {
        let ((s, e), (ns, ne)) = (w[0], w[1]);
        let line = &text[s..e];
        let next = &text[ns..ne];
        let Some(last) = line.chars().last() else {
            continue;
        };
        let first = next.chars().next();
        if line.len() <= 100
            && line.chars().any(char::is_alphabetic)
            && !matches!(last, '.' | '!' | '?' | '…' | ':' | '"' | '”' | ')')
            && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            out.push((s, e, ns));
        }
    }
    out
}

#[test]
fn no_split_inside_or_after_us() {
    let mut checked = 0;
    for (path, text) in seeds() {
        let spans = split(&text);
        for (p, _) in text.match_indices("U.S.") {
            checked += 1;
            let s = holding(&spans, p).unwrap_or_else(|| panic!("{}: \"U.S.\" at {p} in no sentence", path.display()));
            assert!(p + 4 <= s.end, "{}: split inside \"U.S.\" at {p}: {:?}", path.display(), s.as_str(&text));
            // Every "U.S." in the seeds is mid-sentence ("U.S. officials",
            // "U.S. AI giant", "the U.S. in October"): the sentence goes on.
            let rest = &text[p + 4..];
            if rest.starts_with(' ') && rest[1..].starts_with(char::is_alphanumeric) {
                assert!(s.end > p + 5, "{}: split after \"U.S.\" at {p}: {:?}", path.display(), s.as_str(&text));
            }
        }
    }
    assert!(checked >= 10, "only {checked} \"U.S.\" found in the seeds");
}

#[test]
fn headlines_stay_apart_from_their_paragraphs() {
    let mut checked = 0;
    for (path, text) in seeds() {
        let spans = split(&text);
        for (s, e, next) in headlines(&text) {
            checked += 1;
            let joined = spans.iter().find(|sp| sp.start < e && next < sp.end);
            assert!(
                joined.is_none(),
                "{}: headline {:?} joined with the line under it: {:?}",
                path.display(),
                &text[s..e],
                joined.map(|sp| sp.as_str(&text))
            );
        }
    }
    // seed 002 alone has seven headings over paragraphs
    assert!(checked >= 7, "only {checked} headlines found in the seeds");
}

#[test]
fn no_sentence_spans_a_blank_line_or_is_boilerplate() {
    for (path, text) in seeds() {
        let spans = split(&text);
        assert!(!spans.is_empty(), "{}: no sentences", path.display());
        let mut prev = 0;
        for sp in &spans {
            let t = sp.as_str(&text);
            assert!(sp.start >= prev && !t.is_empty() && t == t.trim());
            prev = sp.end;
            assert!(
                t.chars().any(char::is_alphanumeric) && !t.contains("-->"),
                "{}: boilerplate sentence {t:?}",
                path.display()
            );
            let blank_inside = t.split('\n').skip(1).any(|l| l.trim().is_empty());
            assert!(!blank_inside, "{}: sentence spans a blank line: {t:?}", path.display());
        }
    }
}

#[test]
fn bullets_are_their_own_sentences() {
    for (path, text) in seeds() {
        let spans = split(&text);
        for (s, e) in lines(&text) {
            if text[s..e].starts_with('•') {
                let sp = holding(&spans, s);
                assert_eq!(
                    sp.map(|sp| sp.as_str(&text)),
                    Some(&text[s..e]),
                    "{}: bullet line is not one sentence",
                    path.display()
                );
            }
        }
    }
}
