//! Properties that hold for any input: extraction and decoding never panic,
//! and the text is always well formed (no surrounding whitespace, no more
//! than one blank line, no runs of spaces).

use proptest::prelude::*;

/// Tag soup: fragments of markup, entities and text in any order.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<br>".to_string()),
        Just("<li>".to_string()),
        Just("<ul>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<script>x<y</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<pre>  a\n b</pre>".to_string()),
        Just("<div class=\"sidebar\">".to_string()),
        Just("<article>".to_string()),
        Just("<h1>Title</h1>".to_string()),
        Just("<title>T - Site</title>".to_string()),
        Just(
            "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"articleBody\":\"&lt;p&gt;x\"}</script>"
                .to_string()
        ),
        Just("&amp;&lt;&#x41;&bogus;&".to_string()),
        Just("<meta property=og:title content=\"Hi\">".to_string()),
        "[ -~]{0,20}",
        "\\PC{0,10}",
        Just("\u{0}\u{feff}\r\n\t".to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

fn well_formed(text: &str) {
    assert_eq!(text, text.trim(), "surrounding whitespace: {text:?}");
    assert!(!text.contains("\n\n\n"), "two blank lines: {text:?}");
    assert!(!text.contains("  ") || text.contains('\n'), "double space: {text:?}");
}

proptest! {
    #[test]
    fn extract_any_soup(html in soup()) {
        let a = claimex_html::extract(&html);
        well_formed(&a.text);
    }

    #[test]
    fn extract_any_string(html in "\\PC{0,300}") {
        let a = claimex_html::extract(&html);
        well_formed(&a.text);
    }

    #[test]
    fn decode_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300),
                        ct in prop::option::of("[ -~]{0,40}")) {
        let d = claimex_html::decode(&bytes, ct.as_deref());
        prop_assert!(!d.encoding.is_empty());
        let _ = claimex_html::looks_like_html(&d.text);
    }
}
