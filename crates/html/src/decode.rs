//! Bytes to text: charset detection and decoding, and HTML sniffing.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Text decoded from bytes, with the encoding that was used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text (malformed sequences replaced by U+FFFD).
    pub text: String,
    /// The WHATWG name of the encoding used, such as `"UTF-8"` or `"windows-1252"`.
    pub encoding: &'static str,
    /// True when malformed byte sequences were replaced.
    pub had_errors: bool,
    /// True when the encoding was declared (a byte order mark, the
    /// `charset` of the `Content-Type`, a `<meta>` in the first 4 KB);
    /// false when UTF-8 was assumed, which a caller may then question
    /// if [`Decoded::had_errors`] is set.
    pub declared: bool,
}

/// How many leading bytes are searched for a `<meta>` charset declaration.
const PRESCAN_BYTES: usize = 4096;

/// Decodes a page's bytes to text.
///
/// The encoding is, in order: the byte order mark; the `charset` parameter of
/// `content_type` (an HTTP `Content-Type` header value); a `<meta charset>` or
/// `<meta http-equiv="Content-Type" content="...; charset=...">` in the first
/// 4 KB; else UTF-8 (and [`Decoded::declared`] is false). Labels are resolved as the WHATWG Encoding Standard says
/// (so `iso-8859-1` and `latin1` decode as windows-1252, as browsers do).
/// Never fails: malformed input is replaced and flagged in
/// [`Decoded::had_errors`].
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let (encoding, body, declared) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..], true),
        None => {
            let enc = content_type
                .and_then(charset_param)
                .and_then(|label| Encoding::for_label(label.as_bytes()))
                .or_else(|| prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]));
            (enc.unwrap_or(UTF_8), bytes, enc.is_some())
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    Decoded { text: text.into_owned(), encoding: encoding.name(), had_errors, declared }
}

/// The value of a `charset=` parameter in a `Content-Type`-like string.
fn charset_param(value: &str) -> Option<&str> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = value[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace()).unwrap_or(rest.len());
    let label = &rest[..end];
    (!label.is_empty()).then_some(label)
}

/// The encoding declared by a `<meta>` element in `head` (the WHATWG prescan,
/// simplified: attributes are read from each `<meta ...>` tag).
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(off) = memchr::memmem::find(&head[i..], b"<") {
        let j = i + off;
        i = j + 1;
        let rest = &head[j..];
        if rest.starts_with(b"<!--") {
            match memchr::memmem::find(&head[j + 4..], b"-->") {
                Some(e) => i = j + 4 + e + 3,
                None => return None,
            }
            continue;
        }
        if rest.len() < 6
            || !rest[1..5].eq_ignore_ascii_case(b"meta")
            || !(rest[5].is_ascii_whitespace() || rest[5] == b'/')
        {
            continue;
        }
        let end = memchr::memchr(b'>', rest).unwrap_or(rest.len());
        let tag = String::from_utf8_lossy(&rest[5..end]);
        let attrs = crate::dom::parse_attrs(&tag);
        let get = |name: &str| attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str());
        let label = match get("charset") {
            Some(c) => Some(c.trim()),
            None => match (get("http-equiv"), get("content")) {
                (Some(h), Some(c)) if h.trim().eq_ignore_ascii_case("content-type") => charset_param(c),
                _ => None,
            },
        };
        if let Some(enc) = label.and_then(|l| Encoding::for_label(l.as_bytes())) {
            // A page that reached us as bytes in an ASCII-compatible stream
            // cannot really be UTF-16; the standard says to use UTF-8 then.
            return Some(match enc.name() {
                "UTF-16LE" | "UTF-16BE" => UTF_8,
                "x-user-defined" => WINDOWS_1252,
                _ => enc,
            });
        }
        i = j + end.max(1);
    }
    None
}

/// Tags whose presence near the start of a text marks it as HTML.
const HTML_TAGS: &[&str] = &[
    "<p>", "<p ", "</p>", "<div", "</div>", "<br>", "<br/>", "<br />", "<a href", "</a>", "<span", "<table", "<h1",
    "<h2", "<h3", "<ul>", "<li>", "<meta ", "<title>", "<script", "<link ", "<article", "<section", "<img ",
    "<strong>", "<em>", "<b>", "<i>",
];

/// Guesses whether `text` of unknown type is HTML.
///
/// True when it starts (after a BOM, whitespace and comments) with a doctype,
/// `<html>`, `<head>` or `<body>`, or when its first 4 KB hold at least three
/// different common HTML tags. Plain text and Markdown with a stray tag are
/// not HTML.
pub fn looks_like_html(text: &str) -> bool {
    let mut t = text.trim_start_matches('\u{feff}').trim_start();
    // Leading comments and an XML declaration say nothing either way.
    loop {
        if let Some(rest) = t.strip_prefix("<!--") {
            match rest.find("-->") {
                Some(e) => t = rest[e + 3..].trim_start(),
                None => return false,
            }
        } else if t.starts_with("<?xml") {
            match t.find("?>") {
                Some(e) => t = t[e + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let start = prefix(t, 64).to_ascii_lowercase();
    if ["<!doctype html", "<html", "<head", "<body"].iter().any(|p| start.starts_with(p)) {
        return true;
    }
    let head = prefix(t, PRESCAN_BYTES).to_ascii_lowercase();
    if !head.contains('<') {
        return false;
    }
    HTML_TAGS.iter().filter(|tag| head.contains(*tag)).count() >= 3
}

/// The longest prefix of `s` of at most `n` bytes that ends on a char boundary.
fn prefix(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut end = n;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        /// Bytes, content type, expected text, expected encoding, declared.
        type Case = (&'static [u8], Option<&'static str>, &'static str, &'static str, bool);
        let cases: &[Case] = &[
            (b"caf\xc3\xa9", None, "caf\u{e9}", "UTF-8", false),
            // BOM beats the header
            (b"\xef\xbb\xbfcaf\xc3\xa9", Some("text/html; charset=iso-8859-1"), "caf\u{e9}", "UTF-8", true),
            (b"\xff\xfeh\x00i\x00", None, "hi", "UTF-16LE", true),
            // header charset
            (b"caf\xe9", Some("text/html; charset=ISO-8859-1"), "caf\u{e9}", "windows-1252", true),
            (b"caf\xe9", Some("text/html; charset=\"latin1\""), "caf\u{e9}", "windows-1252", true),
            // header beats meta
            (
                b"<meta charset=\"iso-8859-1\">\xc3\xa9",
                Some("text/html; charset=utf-8"),
                "<meta charset=\"iso-8859-1\">\u{e9}",
                "UTF-8",
                true,
            ),
            // <meta charset>
            (
                b"<html><head><meta charset=\"iso-8859-1\"><title>Caf\xe9</title>",
                None,
                "<html><head><meta charset=\"iso-8859-1\"><title>Caf\u{e9}</title>",
                "windows-1252",
                true,
            ),
            // http-equiv
            (
                b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1251'>\xcf",
                None,
                "<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=windows-1251'>\u{41f}",
                "windows-1251",
                true,
            ),
            // a meta charset inside a comment does not count
            (
                b"<!-- <meta charset=\"iso-8859-1\"> -->caf\xc3\xa9",
                None,
                "<!-- <meta charset=\"iso-8859-1\"> -->caf\u{e9}",
                "UTF-8",
                false,
            ),
            // meta claiming UTF-16 on an ASCII-compatible page means UTF-8
            (b"<meta charset=utf-16>caf\xc3\xa9", None, "<meta charset=utf-16>caf\u{e9}", "UTF-8", true),
            // unknown label: fall through to UTF-8
            (b"caf\xc3\xa9", Some("text/html; charset=bogus"), "caf\u{e9}", "UTF-8", false),
        ];
        for &(bytes, ct, text, enc, declared) in cases {
            let d = decode(bytes, ct);
            assert_eq!(d.text, text, "{bytes:?} {ct:?}");
            assert_eq!(d.encoding, enc, "{bytes:?} {ct:?}");
            assert_eq!(d.declared, declared, "{bytes:?} {ct:?}");
            assert!(!d.had_errors);
        }
    }

    #[test]
    fn malformed_utf8_is_flagged() {
        let d = decode(b"a\xffb", None);
        assert_eq!(d.text, "a\u{fffd}b");
        assert!(d.had_errors);
        assert!(!d.declared);
    }

    #[test]
    fn sniffing() {
        let cases: &[(&str, bool)] = &[
            ("<!DOCTYPE html><html><body>x</body></html>", true),
            ("\u{feff}  <html lang=en>", true),
            ("<!-- saved --><!doctype HTML>", true),
            ("<?xml version=\"1.0\"?><html xmlns=\"x\">", true),
            ("<div><p>One</p><p>Two <a href=\"/x\">x</a></p></div>", true),
            ("Plain text with no markup at all.", false),
            ("Price is <5 dollars and >3 euros.", false),
            ("# Title\n\nSome markdown with a <br> in it.", false),
            ("", false),
        ];
        for &(text, want) in cases {
            assert_eq!(looks_like_html(text), want, "{text:?}");
        }
    }
}
