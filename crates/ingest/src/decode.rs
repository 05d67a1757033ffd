//! Bytes to text: byte order marks, UTF-16, UTF-8, and for text that is
//! not UTF-8, windows-1252 or lossy UTF-8.

/// Text decoded from bytes, with what had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Problems met on the way ("invalid UTF-8 …").
    pub warnings: Vec<String>,
}

/// Decodes bytes as text: a UTF-8 byte order mark is dropped, a UTF-16 one
/// selects UTF-16. Bytes that are not UTF-8 are read one of two ways, with
/// a warning that says which:
/// - as windows-1252 (which includes Latin-1), when the sequences that are
///   not UTF-8 outnumber the non-ASCII characters that are: an article
///   from an older archive ("\x805m" is "€5m", "\xa33m" "£3m"), whose
///   signs and accents would all be lost as U+FFFD;
/// - as UTF-8 with each bad sequence replaced by U+FFFD, otherwise: a
///   UTF-8 file with a few broken bytes.
pub fn decode(mut bytes: Vec<u8>) -> Decoded {
    let mut warnings = Vec::new();
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let enc = if bytes[0] == 0xff { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _, had_errors) = enc.decode(&bytes);
        if had_errors {
            warnings.push(format!("invalid {}: undecodable characters replaced", enc.name()));
        }
        return Decoded { text: text.into_owned(), warnings };
    }
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    // validated with SIMD, and the bytes become the text where they are:
    // `String::from_utf8` would validate them again byte by byte wherever
    // they are not ASCII, and a copy into a new string costs an
    // allocation and a pass over every byte (1 % of a batch of news)
    match simdutf8::basic::from_utf8(&bytes) {
        // SAFETY: `simdutf8::basic::from_utf8` has just found these very
        // bytes to be valid UTF-8, and nothing changed them since
        Ok(_) => Decoded { text: unsafe { String::from_utf8_unchecked(bytes) }, warnings },
        Err(_) => {
            let (fine, broken) = utf8_census(&bytes);
            if broken > fine {
                // every byte is a character in windows-1252: nothing is replaced
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
                warnings.push(format!(
                    "not UTF-8 ({broken} sequence{} of bytes that are not UTF-8, {fine} non-ASCII character{} that are): \
                     decoded as windows-1252 (offsets refer to the decoded text)",
                    if broken == 1 { "" } else { "s" },
                    if fine == 1 { "" } else { "s" }
                ));
                return Decoded { text: text.into_owned(), warnings };
            }
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let n = text.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
            warnings.push(format!(
                "invalid UTF-8: {n} character{} replaced with U+FFFD (offsets refer to the decoded text)",
                if n == 1 { "" } else { "s" }
            ));
            Decoded { text, warnings }
        }
    }
}

/// Of bytes that are not all UTF-8: how many non-ASCII characters are
/// valid UTF-8, and how many sequences are not (each a U+FFFD in a lossy
/// decoding).
fn utf8_census(bytes: &[u8]) -> (usize, usize) {
    let (mut fine, mut broken) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        fine += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    (fine, broken)
}

/// True when the bytes look like binary data: a NUL byte in the first 8 KB
/// of something that is not UTF-16.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_and_lossy() {
        assert_eq!(decode(b"\xef\xbb\xbfHi".to_vec()).text, "Hi");
        // more UTF-8 than not: the broken byte is replaced
        let d = decode(["Café, naïve: ab".as_bytes(), b"\xff"].concat());
        assert_eq!(d.text, "Café, naïve: ab\u{fffd}");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("1 character replaced"), "{:?}", d.warnings);
    }

    #[test]
    fn text_that_is_not_utf8_is_read_as_windows_1252() {
        // an older archive's article: euro and pound signs, accents, curly quotes, a dash
        let d = decode(b"It cost \x805m and \xa33m, the caf\xe9 said \x93so\x94 \x96 in 2004.".to_vec());
        assert_eq!(d.text, "It cost €5m and £3m, the café said “so” – in 2004.");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("decoded as windows-1252"), "{:?}", d.warnings);
        // a lone bad byte in ASCII text: windows-1252 too, which keeps it as a character
        assert_eq!(decode(b"a\xffb".to_vec()).text, "aÿb");
        // a tie goes to UTF-8
        assert_eq!(decode(["é".as_bytes(), b"\xff"].concat()).text, "é\u{fffd}");
    }

    /// The SIMD validator must agree with std on every input: generated
    /// byte strings mixing ASCII, valid multi-byte characters, and broken,
    /// truncated or overlong sequences, at lengths up to 200 bytes (three of its 64-byte blocks).
    /// Where they are not UTF-8, the choice between a lossy decoding and
    /// windows-1252 is held to one made from std's lossy decoding.
    #[test]
    fn agrees_with_std_on_valid_and_invalid_utf8() {
        let pieces: &[&[u8]] = &[
            b"a",
            b" ",
            b"$5",
            "é".as_bytes(),
            "€".as_bytes(),
            "’".as_bytes(),
            "😀".as_bytes(),
            b"\xff",
            b"\xc3",
            b"\xe2\x82",
            b"\xf0\x9f\x98",
            b"\xc0\xaf",
            b"\xed\xa0\x80",
            b"\x80",
            b"\xf4\x90\x80\x80",
        ];
        let mut rng = fastrand::Rng::with_seed(0x2545_f491_4f6c_dd1d);
        let (mut valid, mut invalid, mut legacy) = (0, 0, 0);
        for round in 0..20_000 {
            let mut bytes = Vec::new();
            while bytes.len() < round % 200 {
                // mostly ASCII, as articles are, so that runs of it reach the SIMD path
                let piece = if rng.usize(..4) == 0 { pieces[rng.usize(..pieces.len())] } else { b"word " };
                bytes.extend_from_slice(piece);
            }
            if bytes.starts_with(&[0xff, 0xfe])
                || bytes.starts_with(&[0xfe, 0xff])
                || bytes.starts_with(b"\xef\xbb\xbf")
            {
                continue;
            }
            let d = decode(bytes.clone());
            // std's lossy decoding, unless its replacements outnumber the
            // non-ASCII characters it kept (the pieces hold no U+FFFD of their own)
            let lossy = String::from_utf8_lossy(&bytes);
            let replaced = lossy.chars().filter(|&c| c == char::REPLACEMENT_CHARACTER).count();
            let kept = lossy.chars().filter(|c| !c.is_ascii()).count() - replaced;
            legacy += usize::from(replaced > kept);
            let want = if replaced > kept {
                bytes
                    .iter()
                    .map(|&b| encoding_rs::WINDOWS_1252.decode_without_bom_handling(&[b]).0.into_owned())
                    .collect()
            } else {
                lossy.into_owned()
            };
            assert_eq!(d.text, want, "{bytes:?}");
            let ok = std::str::from_utf8(&bytes).is_ok();
            assert_eq!(d.warnings.is_empty(), ok, "{bytes:?}");
            if ok { valid += 1 } else { invalid += 1 }
        }
        assert!(valid > 1000 && invalid > 1000, "{valid} valid, {invalid} invalid");
        assert!(legacy > 1000 && invalid - legacy > 1000, "{legacy} of {invalid} read as windows-1252");
    }

    #[test]
    fn utf16() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "$5m".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(bytes);
        assert_eq!(d.text, "$5m");
        assert!(d.warnings.is_empty());
        assert!(!looks_binary(&[0xff, 0xfe, b'a', 0]));
        assert!(looks_binary(b"PK\x03\x04\x00"));
    }
}
