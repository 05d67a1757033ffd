//! The on-disk page cache.
//!
//! One file per URL, named by the SHA-256 of the (normalized) URL in hex
//! with the extension `.page`. A file is a short text header followed by
//! the raw body:
//!
//! ```text
//! claimex-fetch-cache 1
//! url <requested URL, normalized>
//! final_url <URL after redirects>
//! status <code>
//! content_type <Content-Type header>     (line absent when there was none)
//! body_len <bytes>
//!
//! <body bytes>
//! ```
//!
//! Files are written to a temporary file in the same directory and renamed
//! into place, so a reader never sees half a file, even if the process is
//! killed. A file that cannot be read or parsed, or that belongs to another
//! URL, is treated as missing. Only successful (2xx, supported content
//! type, within the size limit) responses are stored; entries never expire.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

const MAGIC: &str = "claimex-fetch-cache 1";

/// A cached response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub(crate) final_url: String,
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// The file that holds `url`'s entry in `dir`.
pub(crate) fn path_for(dir: &Path, url: &str) -> PathBuf {
    let digest = Sha256::digest(url.as_bytes());
    let mut name = String::with_capacity(64 + 5);
    for b in digest {
        name.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        name.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    name.push_str(".page");
    dir.join(name)
}

/// Reads `url`'s entry, if there is a valid one.
pub(crate) fn load(dir: &Path, url: &str) -> Option<Entry> {
    let bytes = std::fs::read(path_for(dir, url)).ok()?;
    decode(&bytes, url)
}

/// Writes `url`'s entry atomically (temporary file, then rename).
pub(crate) fn store(dir: &Path, url: &str, entry: &Entry) -> std::io::Result<()> {
    let encoded = encode(url, entry)
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "a header value holds a line break"))?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".tmp-").suffix(".page").tempfile_in(dir)?;
    tmp.write_all(&encoded)?;
    tmp.as_file().sync_data()?;
    tmp.persist(path_for(dir, url)).map_err(|e| e.error)?;
    Ok(())
}

/// The file contents for an entry; `None` when a header value would break
/// the line format (URLs and header values cannot hold line breaks, so this
/// is only a guard).
fn encode(url: &str, entry: &Entry) -> Option<Vec<u8>> {
    let bad = |s: &str| s.contains(['\n', '\r']);
    if bad(url) || bad(&entry.final_url) || entry.content_type.as_deref().is_some_and(bad) {
        return None;
    }
    let mut out = Vec::with_capacity(entry.body.len() + 256);
    let _ = writeln!(out, "{MAGIC}");
    let _ = writeln!(out, "url {url}");
    let _ = writeln!(out, "final_url {}", entry.final_url);
    let _ = writeln!(out, "status {}", entry.status);
    if let Some(ct) = &entry.content_type {
        let _ = writeln!(out, "content_type {ct}");
    }
    let _ = writeln!(out, "body_len {}", entry.body.len());
    out.push(b'\n');
    out.extend_from_slice(&entry.body);
    Some(out)
}

/// Parses file contents; `None` unless they are complete and for `url`.
fn decode(bytes: &[u8], url: &str) -> Option<Entry> {
    let split = bytes.windows(2).position(|w| w == b"\n\n")?;
    let header = std::str::from_utf8(&bytes[..split]).ok()?;
    let body = &bytes[split + 2..];
    let mut lines = header.lines();
    if lines.next()? != MAGIC {
        return None;
    }
    let (mut stored_url, mut final_url, mut status, mut content_type, mut body_len) = (None, None, None, None, None);
    for line in lines {
        let (key, value) = line.split_once(' ')?;
        match key {
            "url" => stored_url = Some(value),
            "final_url" => final_url = Some(value.to_owned()),
            "status" => status = Some(value.parse::<u16>().ok()?),
            "content_type" => content_type = Some(value.to_owned()),
            "body_len" => body_len = Some(value.parse::<usize>().ok()?),
            _ => {} // unknown keys from a later minor version are ignored
        }
    }
    if stored_url? != url || body_len? != body.len() {
        return None;
    }
    Some(Entry { final_url: final_url?, status: status?, content_type, body: body.to_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(ct: Option<&str>, body: &[u8]) -> Entry {
        Entry {
            final_url: "https://example.com/final".into(),
            status: 200,
            content_type: ct.map(str::to_owned),
            body: body.to_vec(),
        }
    }

    #[test]
    fn round_trip_including_binary_bodies() {
        let dir = tempfile::tempdir().unwrap();
        let url = "https://example.com/a?b=c";
        let cases = [
            entry(Some("text/html; charset=utf-8"), b"<p>hello</p>"),
            entry(None, b""),
            // a body that itself looks like a header and holds "\n\n"
            entry(Some("text/plain"), b"url x\n\nstatus 500\n\n\xff\x00\xe9"),
        ];
        for e in cases {
            store(dir.path(), url, &e).unwrap();
            assert_eq!(load(dir.path(), url), Some(e));
        }
        // one file, no temporary files left behind
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|d| d.unwrap().file_name().into_string().unwrap()).collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(names[0].ends_with(".page") && names[0].len() == 64 + 5);
    }

    #[test]
    fn keyed_by_url() {
        let dir = tempfile::tempdir().unwrap();
        store(dir.path(), "http://a.test/", &entry(None, b"a")).unwrap();
        assert_eq!(load(dir.path(), "http://b.test/"), None);
        assert_ne!(path_for(dir.path(), "http://a.test/"), path_for(dir.path(), "http://b.test/"));
    }

    #[test]
    fn damaged_files_are_misses() {
        let dir = tempfile::tempdir().unwrap();
        let url = "http://a.test/";
        store(dir.path(), url, &entry(None, b"0123456789")).unwrap();
        let path = path_for(dir.path(), url);
        let good = std::fs::read(&path).unwrap();
        // truncated body
        std::fs::write(&path, &good[..good.len() - 1]).unwrap();
        assert_eq!(load(dir.path(), url), None);
        // wrong magic
        let mut bad = good.clone();
        bad[0] = b'X';
        std::fs::write(&path, &bad).unwrap();
        assert_eq!(load(dir.path(), url), None);
        // a file that belongs to another URL (as after a hash collision)
        let other = encode("http://other.test/", &entry(None, b"0123456789")).unwrap();
        std::fs::write(&path, other).unwrap();
        assert_eq!(load(dir.path(), url), None);
        // garbage
        std::fs::write(&path, b"\xff\xfe").unwrap();
        assert_eq!(load(dir.path(), url), None);
    }

    #[test]
    fn refuses_line_breaks_in_header_values() {
        let dir = tempfile::tempdir().unwrap();
        let e = entry(Some("text/html\nstatus 500"), b"x");
        assert!(store(dir.path(), "http://a.test/", &e).is_err());
        assert_eq!(load(dir.path(), "http://a.test/"), None);
    }
}
