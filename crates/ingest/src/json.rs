//! JSON and JSON Lines inputs: objects with a `text` or `html` field.
//!
//! A record's source is its `url`, else its `id`, else `FILE:LINE` (JSON
//! Lines) or `FILE:N` (the N-th element of a JSON array, from 1).

use std::io::BufRead;

use serde_json::Value;

use crate::{Document, Error, ErrorKind, RecordMeta, decode, read_line, record_document};

fn string_field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A document from one parsed JSON value; `fallback` is its `FILE:LINE` name.
fn from_value(value: Value, fallback: String) -> Result<Document, Error> {
    let Value::Object(obj) = value else {
        return Err(Error::new(fallback, ErrorKind::Json("not an object".into())));
    };
    let url = string_field(&obj, "url");
    let source = url.clone().or_else(|| string_field(&obj, "id")).unwrap_or(fallback);
    let text = match obj.get("text") {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    let html = match obj.get("html") {
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    let meta = RecordMeta {
        url,
        title: string_field(&obj, "title"),
        published: string_field(&obj, "published").or_else(|| string_field(&obj, "date")),
    };
    record_document(source, text, html, meta)
}

/// All records of a `.json` file: one object, or an array of objects.
pub(crate) fn records_of_json(source: &str, bytes: Vec<u8>) -> Vec<Result<Document, Error>> {
    let decoded = decode(bytes);
    match serde_json::from_str::<Value>(&decoded.text) {
        Ok(Value::Array(items)) => {
            items.into_iter().enumerate().map(|(k, v)| from_value(v, format!("{source}:{}", k + 1))).collect()
        }
        Ok(v) => vec![from_value(v, source.to_string())],
        Err(e) => vec![Err(Error::new(source, ErrorKind::Json(e.to_string())))],
    }
}

/// The records of a JSON Lines stream, read one line at a time.
pub(crate) struct Lines<R> {
    source: String,
    reader: R,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(source: String, reader: R) -> Lines<R> {
        Lines { source, reader, line: 0, buf: Vec::new(), done: false }
    }
}

impl<R: BufRead> Lines<R> {
    /// The next non-blank line, unparsed: its name (`SOURCE:LINE`) and
    /// bytes. Parsing is left to [`parse_line`], so that a batch can read
    /// lines in order on one thread and parse them on many.
    pub(crate) fn next_raw(&mut self) -> Option<Result<(String, Vec<u8>), Error>> {
        while !self.done {
            self.line += 1;
            match read_line(&mut self.reader, &mut self.buf) {
                Ok(false) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::new(format!("{}:{}", self.source, self.line), ErrorKind::Io(e))));
                }
                Ok(true) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let line = self.buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&self.buf);
                    return Some(Ok((format!("{}:{}", self.source, self.line), line.to_vec())));
                }
            }
        }
        None
    }
}

/// The document of one JSON Lines record; `name` is `SOURCE:LINE`.
pub(crate) fn parse_line(name: String, line: Vec<u8>) -> Result<Document, Error> {
    let decoded = decode(line);
    let doc = serde_json::from_str::<Value>(&decoded.text)
        .map_err(|e| Error::new(name.clone(), ErrorKind::Json(e.to_string())))
        .and_then(|v| from_value(v, name));
    doc.map(|mut d| {
        d.warnings.extend(decoded.warnings);
        d
    })
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_raw().map(|r| r.and_then(|(name, line)| parse_line(name, line)))
    }
}
