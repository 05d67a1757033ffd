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
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let mut warnings = Vec::new();
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        let enc = if bytes[0] == 0xff { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let (text, _, had_errors) = enc.decode(&bytes);
        if had_errors {
            warnings.push(format!("invalid {}: undecodable characters replaced", enc.name()));
        }
        return Decoded { text: text.into_owned(), warnings };
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    // validated with SIMD and copied out (a copy costs less than std's
    // byte-by-byte validation of non-ASCII text, and needs no `unsafe`)
    match simdutf8::basic::from_utf8(body) {
        Ok(text) => Decoded { text: text.to_owned(), warnings },
        Err(_) => {
            let text = String::from_utf8_lossy(body).into_owned();
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
    bytes[..bytes.len().min(8192)].contains(&0)
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
