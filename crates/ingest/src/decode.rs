//! Bytes to text: byte order marks, UTF-16, lossy UTF-8.

/// Text decoded from bytes, with what had to be repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Problems met on the way ("invalid UTF-8 …").
    pub warnings: Vec<String>,
}

/// Decodes bytes as text: a UTF-8 byte order mark is dropped, a UTF-16 one
/// selects UTF-16, and invalid UTF-8 is replaced by U+FFFD with a warning
/// that says how many characters were replaced.
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
        let d = decode(b"a\xffb".to_vec());
        assert_eq!(d.text, "a\u{fffd}b");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("1 character replaced"));
    }

    /// The SIMD validator must agree with std on every input: generated
    /// byte strings mixing ASCII, valid multi-byte characters, and broken,
    /// truncated or overlong sequences, at lengths up to 200 bytes (three of its 64-byte blocks).
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
        let (mut valid, mut invalid) = (0, 0);
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
            assert_eq!(d.text, String::from_utf8_lossy(&bytes), "{bytes:?}");
            let ok = std::str::from_utf8(&bytes).is_ok();
            assert_eq!(d.warnings.is_empty(), ok, "{bytes:?}");
            if ok { valid += 1 } else { invalid += 1 }
        }
        assert!(valid > 1000 && invalid > 1000, "{valid} valid, {invalid} invalid");
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
