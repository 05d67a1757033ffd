//! Bytes to text: byte order marks, UTF-16, UTF-8, and for text that is
//! not UTF-8, a legacy encoding guessed from the bytes or lossy UTF-8.

use encoding_rs::Encoding;

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
/// - in a legacy encoding, when the sequences that are not UTF-8
///   outnumber the non-ASCII characters that are: an article from an
///   older archive ("\x805m" is "€5m" and "\xa33m" "£3m" in
///   windows-1252), whose signs and letters would all be lost as U+FFFD.
///   The encoding is guessed from the bytes (by chardetng, the detector
///   Firefox uses): a code page of a script other than Latin (Cyrillic,
///   Greek, Hebrew, Arabic, Thai, Japanese, Chinese, Korean) when it
///   guesses one, else windows-1252, even for a Latin guess such as
///   windows-1250, which short texts cannot tell apart from windows-1252
///   and in which "\xa3" is "Ł", not "£";
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
    // NUL bytes in text (a file padded with zeros, a stray NUL) read as
    // spaces: they are never part of a word, and a NUL in every record
    // printed would help nobody
    if let Some(first) = memchr::memchr(0, &bytes) {
        let nuls = 1 + memchr::memchr_iter(0, &bytes[first + 1..]).count();
        bytes.iter_mut().filter(|b| **b == 0).for_each(|b| *b = b' ');
        warnings.push(if nuls == 1 {
            "1 NUL byte read as a space".into()
        } else {
            format!("{nuls} NUL bytes read as spaces")
        });
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
                let enc = legacy_encoding(&bytes);
                let (text, had_errors) = enc.decode_without_bom_handling(&bytes);
                warnings.push(format!(
                    "not UTF-8 ({broken} sequence{} of bytes that are not UTF-8, {fine} non-ASCII character{} that are): \
                     decoded as {}{} (offsets refer to the decoded text)",
                    if broken == 1 { "" } else { "s" },
                    if fine == 1 { "" } else { "s" },
                    enc.name(),
                    if had_errors { ", undecodable bytes replaced with U+FFFD" } else { "" }
                ));
                return Decoded { text: text.into_owned(), warnings };
            }
            // each sequence that is not UTF-8 becomes one U+FFFD (a U+FFFD of the text's own is not counted)
            let text = String::from_utf8_lossy(&bytes).into_owned();
            warnings.push(format!(
                "invalid UTF-8: {broken} character{} replaced with U+FFFD (offsets refer to the decoded text)",
                if broken == 1 { "" } else { "s" }
            ));
            Decoded { text, warnings }
        }
    }
}

/// The legacy encodings a guess may name as they are: those of scripts
/// other than Latin (Cyrillic, Greek, Hebrew, Arabic, Thai, Japanese,
/// Chinese, Korean), whose text windows-1252 would turn into nonsense.
const NON_LATIN: [&Encoding; 19] = [
    encoding_rs::WINDOWS_1251,
    encoding_rs::KOI8_U,
    encoding_rs::KOI8_R,
    encoding_rs::IBM866,
    encoding_rs::X_MAC_CYRILLIC,
    encoding_rs::ISO_8859_5,
    encoding_rs::WINDOWS_1253,
    encoding_rs::ISO_8859_7,
    encoding_rs::WINDOWS_1255,
    encoding_rs::ISO_8859_8,
    encoding_rs::ISO_8859_8_I,
    encoding_rs::WINDOWS_1256,
    encoding_rs::ISO_8859_6,
    encoding_rs::WINDOWS_874,
    encoding_rs::SHIFT_JIS,
    encoding_rs::EUC_JP,
    encoding_rs::EUC_KR,
    encoding_rs::GBK,
    encoding_rs::BIG5,
];

/// How many bytes from its first non-ASCII one [`legacy_encoding`] looks
/// at: tens of times what it needs to tell code pages apart, and a guess
/// that costs a few milliseconds however large the file.
const GUESS_FROM: usize = 64 * 1024;

/// The encoding of bytes that declare none and are not UTF-8, guessed
/// from the bytes by chardetng (the detector Firefox uses for such web
/// pages): a legacy encoding of [`NON_LATIN`] when it guesses one, else
/// windows-1252 (which includes Latin-1).
///
/// A Latin-script guess other than windows-1252 (windows-1250 for
/// central Europe, windows-1257 for the Baltics, ISO-8859-2 and the like)
/// is not taken: on a short text the detector cannot tell those code
/// pages from windows-1252, and in them the pound sign of "\xa3300m" is
/// "Ł". Text in them loses some accented letters instead.
///
/// The detector reads [`GUESS_FROM`] bytes from the first byte that is
/// not ASCII, no more: it reads about 8 MB a second.
pub(crate) fn legacy_encoding(bytes: &[u8]) -> &'static Encoding {
    let first = bytes.iter().position(|b| !b.is_ascii()).unwrap_or(bytes.len());
    let end = bytes.len().min(first + GUESS_FROM);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..end], end == bytes.len());
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    if NON_LATIN.contains(&guess) { guess } else { encoding_rs::WINDOWS_1252 }
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
/// of something that is not UTF-16 (the rule of git and ripgrep), unless
/// what lies between the NULs is plainly text.
///
/// Text with stray NUL bytes, such as an article padded with zeros when a
/// download or a crash cut it short, or a NUL pasted into it, is text: the
/// bytes between its NULs are valid UTF-8 with no control characters but
/// tab, line feed, form feed and carriage return, and its NULs come in a
/// few runs. Binary data has control bytes or bytes that are not UTF-8
/// (images, archives, PDF, executables), or a NUL every few bytes (UTF-16
/// without a byte order mark).
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let sample = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, sample).is_none() {
        return false;
    }
    let cut_short = sample.len() < bytes.len();
    let mut runs = 0;
    for piece in sample.split(|&b| b == 0).filter(|p| !p.is_empty()) {
        runs += 1;
        if runs > MAX_NUL_RUNS || piece.iter().any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r')) {
            return true;
        }
        match std::str::from_utf8(piece) {
            Ok(_) => {}
            // a character cut by the end of the sample is no sign of binary
            Err(e) if cut_short && e.error_len().is_none() && piece.as_ptr_range().end == sample.as_ptr_range().end => {
            }
            Err(_) => return true,
        }
    }
    false
}

/// The runs of text between NUL bytes that the first 8 KB of a text may
/// hold: UTF-16 without a byte order mark has thousands.
const MAX_NUL_RUNS: usize = 16;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nul_bytes_read_as_spaces() {
        let d = decode(b"It cost $5 million.\0\0Then $6 billion.\0".to_vec());
        assert_eq!(d.text, "It cost $5 million.  Then $6 billion. ");
        assert_eq!(d.warnings, ["3 NUL bytes read as spaces"]);
        // UTF-16 keeps its NULs: they are half its characters
        assert_eq!(decode(b"\xff\xfeH\0i\0".to_vec()).text, "Hi");
    }

    #[test]
    fn utf8_bom_and_lossy() {
        assert_eq!(decode(b"\xef\xbb\xbfHi".to_vec()).text, "Hi");
        // more UTF-8 than not: the broken byte is replaced
        let d = decode(["Café, naïve: ab".as_bytes(), b"\xff"].concat());
        assert_eq!(d.text, "Café, naïve: ab\u{fffd}");
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].contains("1 character replaced"), "{:?}", d.warnings);
        // a U+FFFD the text holds itself is no replacement
        let d = decode(["Café \u{fffd} naïve: ab".as_bytes(), b"\xff"].concat());
        assert!(d.warnings[0].contains(": 1 character replaced"), "{:?}", d.warnings);
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

    /// Text in the legacy encoding of a script other than Latin is read in
    /// it; Latin text in any code page is read as windows-1252, which keeps
    /// its currency signs.
    #[test]
    fn legacy_encodings_are_guessed() {
        let cases: &[(&str, &Encoding, &str)] = &[
            ("Компания заплатила 5 млн долларов за долю в проекте.", encoding_rs::WINDOWS_1251, "windows-1251"),
            ("Компания заплатила 5 млн долларов за долю в проекте.", encoding_rs::KOI8_U, "KOI8-U"),
            ("Η εταιρεία πλήρωσε 5 εκατομμύρια ευρώ για το μερίδιο.", encoding_rs::WINDOWS_1253, "windows-1253"),
            ("同社は株式の取得に500万ドルを支払ったと発表した。", encoding_rs::SHIFT_JIS, "Shift_JIS"),
            ("该公司表示，它为这笔股份支付了500万美元。", encoding_rs::GBK, "GBK"),
            // the detector's guess for this is windows-1250, where 0xA3 is "Ł"
            ("The firm paid £300m for the stake.", encoding_rs::WINDOWS_1252, "windows-1252"),
            // Czech in windows-1250: read as windows-1252, its figures whole
            ("Společnost zaplatila 5 milionů korun, řekl mluvčí.", encoding_rs::WINDOWS_1250, "windows-1252"),
        ];
        for &(text, enc, read_as) in cases {
            let (bytes, _, unmappable) = enc.encode(text);
            assert!(!unmappable, "{text} in {}", enc.name());
            let d = decode(bytes.to_vec());
            assert_eq!(d.warnings.len(), 1, "{text}");
            assert!(d.warnings[0].contains(&format!("decoded as {read_as} ")), "{text}: {:?}", d.warnings);
            if read_as == enc.name() {
                assert_eq!(d.text, text);
            } else {
                // "Spoleènost zaplatila 5 milionù korun": some letters lost, the figures whole
                assert_eq!(d.text, encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes).0);
                assert!(d.text.contains("5 milion"), "{}", d.text);
            }
        }
        assert_eq!(
            decode(encoding_rs::WINDOWS_1252.encode("The firm paid £300m.").0.to_vec()).text,
            "The firm paid £300m."
        );
        // the guess starts at the first byte that is not ASCII, however far in, and reads a part of a long text
        let long =
            format!("{}{}", "The firm said. ".repeat(10_000), "Компания заплатила 5 млн долларов. ".repeat(5_000));
        let d = decode(encoding_rs::WINDOWS_1251.encode(&long).0.to_vec());
        assert!(long.len() > 2 * GUESS_FROM && d.text == long, "{:?}", d.warnings);
    }

    /// The SIMD validator must agree with std on every input: generated
    /// byte strings mixing ASCII, valid multi-byte characters, and broken,
    /// truncated or overlong sequences, at lengths up to 200 bytes (three of its 64-byte blocks).
    /// Where they are not UTF-8, the choice between a lossy decoding and
    /// a legacy encoding is held to one made from std's lossy decoding.
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
                legacy_encoding(&bytes).decode_without_bom_handling(&bytes).0.into_owned()
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
        // text with NULs: padded, or a stray one
        assert!(!looks_binary(&[b"It cost $5 million.\n".as_slice(), &[0; 10_000]].concat()));
        assert!(!looks_binary("Caf\u{e9} \0 au lait\r\n\x0c".as_bytes()));
        // binary: control bytes, bytes that are not UTF-8, UTF-16 without a BOM
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"));
        assert!(looks_binary(b"text\x00\xff\xfe more"));
        assert!(looks_binary(&"It cost $5 million.".bytes().flat_map(|b| [b, 0]).collect::<Vec<u8>>()));
        // a character cut by the end of the 8 KB sample is no sign of binary
        let long = [b"a\0b".as_slice(), "\u{e9}".repeat(5000).as_bytes()].concat();
        assert!(long.len() > 8192 && !looks_binary(&long));
    }
}
