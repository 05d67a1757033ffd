//! JSON and JSON Lines inputs: objects with a `text` or `html` field.
//!
//! A record's source is its `url`, else its `id`, else `FILE:LINE` (JSON
//! Lines) or `FILE:N` (the N-th element of a JSON array, from 1).

use std::io::BufRead;

use serde_json::Value;

use crate::{Document, Error, ErrorKind, LineRead, MAX_DOCUMENT, RecordMeta, decode, read_line, record_document};

fn string_field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// True when the bytes of a record (the first line of a JSON Lines file,
/// the first element of a JSON array) are one of claimex's own records.
fn is_claimex_output(record: &[u8]) -> bool {
    serde_json::from_slice::<Value>(record).is_ok_and(|v| is_claimex_value(&v))
}

/// True for a record claimex writes and no article is: a figure or a
/// sentence (`source` with the `start` and `end` offsets of a span of
/// another text), a fact (`subject`, `attribute`, `status`,
/// `variants`), or the report of `reconcile --format json` (`sources`
/// and `facts`).
fn is_claimex_value(v: &Value) -> bool {
    let Value::Object(o) = v else { return false };
    let has = |k: &str| o.contains_key(k);
    let span = o.get("source").is_some_and(Value::is_string)
        && o.get("start").is_some_and(Value::is_u64)
        && o.get("end").is_some_and(Value::is_u64);
    span || (has("subject") && has("attribute") && has("status") && has("variants")) || (has("sources") && has("facts"))
}

/// A record's `url` or `id`, when it can name the record's documents as
/// their source: a string that is not blank and holds no control
/// character (a source is printed on one line), or a whole number. An
/// empty `url` would make every such record one source to `reconcile`,
/// and `1e29` or a line break no name at all; the record is then named
/// `FILE:LINE`.
fn name_field(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) if !s.trim().is_empty() && !s.chars().any(char::is_control) => Some(s.clone()),
        Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        _ => None,
    }
}

/// A document from one parsed JSON value; `fallback` is its `FILE:LINE` name.
fn from_value(value: Value, fallback: String) -> Result<Document, Error> {
    let Value::Object(obj) = value else {
        return Err(Error::new(fallback, ErrorKind::Json("not an object".into())));
    };
    let url = string_field(&obj, "url");
    let source = name_field(&obj, "url").or_else(|| name_field(&obj, "id")).unwrap_or(fallback);
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

/// Skips a UTF-8 byte order mark and whitespace, then, if the next byte
/// opens an array, consumes it and returns true. Anything else (an
/// object, a UTF-16 byte order mark, nothing) is left unread: false.
pub(crate) fn array_start<R: BufRead>(reader: &mut R) -> std::io::Result<bool> {
    const BOM: &[u8] = b"\xef\xbb\xbf";
    // how much of a byte order mark was skipped, a byte at a time (a
    // reader may hand out fewer than three bytes); past it, `None`
    let mut bom = Some(0);
    loop {
        let buf = reader.fill_buf()?;
        let Some(&first) = buf.first() else { return Ok(false) };
        if let Some(k) = bom {
            if k < BOM.len() && first == BOM[k] {
                reader.consume(1);
                bom = Some(k + 1);
                continue;
            }
            bom = None;
        }
        let blank = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
        if blank > 0 {
            reader.consume(blank);
            continue;
        }
        if first == b'[' {
            reader.consume(1);
        }
        return Ok(first == b'[');
    }
}

/// The elements of a JSON array, read one at a time, unparsed: a `.json`
/// file of many articles is never in memory whole, and an element that
/// does not parse fails alone, as a broken line of a JSON Lines file
/// does. The reader starts after the array's `[` ([`array_start`]). An
/// element ends at a comma or at the array's `]` outside any string,
/// object or array of its own.
pub(crate) struct Elements<R> {
    source: String,
    reader: R,
    /// How many elements were read.
    count: usize,
    buf: Vec<u8>,
    state: ArrayState,
}

/// Where the reading of an array stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ArrayState {
    /// Inside the array.
    Open,
    /// After its `]`: only whitespace may follow.
    Closed,
    Done,
}

impl<R: BufRead> Elements<R> {
    pub(crate) fn new(source: String, reader: R) -> Elements<R> {
        Elements { source, reader, count: 0, buf: Vec::new(), state: ArrayState::Open }
    }

    /// The next element, unparsed: its name (`SOURCE:N`) and bytes, for
    /// [`parse_line`]. Errors name the element, or the file for what
    /// follows the array.
    pub(crate) fn next_raw(&mut self) -> Option<Result<(String, Vec<u8>), Error>> {
        match self.state {
            ArrayState::Done => None,
            ArrayState::Closed => {
                self.state = ArrayState::Done;
                self.trailing().map(|what| Err(Error::new(self.source.clone(), ErrorKind::Json(what))))
            }
            ArrayState::Open => {
                let element = self.element();
                self.count += 1;
                let name = format!("{}:{}", self.source, self.count);
                match element {
                    Err(e) => {
                        self.state = ArrayState::Done;
                        Some(Err(Error::new(name, ErrorKind::Io(e))))
                    }
                    // "[]": no element at all
                    Ok(()) if self.count == 1 && self.state == ArrayState::Closed && self.blank() => self.next_raw(),
                    Ok(()) if self.state == ArrayState::Done => {
                        let what =
                            if self.blank() { "the array is not closed" } else { "the file ends inside this element" };
                        Some(Err(Error::new(name, ErrorKind::Json(what.into()))))
                    }
                    Ok(()) if self.blank() => Some(Err(Error::new(name, ErrorKind::Json("empty element".into())))),
                    Ok(()) if self.buf.len() > MAX_DOCUMENT => {
                        self.state = ArrayState::Done;
                        Some(Err(Error::new(name, ErrorKind::TooLarge)))
                    }
                    Ok(()) if self.count == 1 && is_claimex_output(&self.buf) => {
                        self.state = ArrayState::Done;
                        Some(Err(Error::new(self.source.clone(), ErrorKind::ClaimexOutput)))
                    }
                    Ok(()) => Some(Ok((name, std::mem::take(&mut self.buf)))),
                }
            }
        }
    }

    fn blank(&self) -> bool {
        self.buf.iter().all(u8::is_ascii_whitespace)
    }

    /// Reads one element into `buf`, through the comma or `]` that ends it
    /// (the state becomes `Closed` after the `]`, `Done` at the end of
    /// the file).
    fn element(&mut self) -> std::io::Result<()> {
        self.buf.clear();
        let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                self.state = ArrayState::Done;
                return Ok(());
            }
            let mut end = None;
            for (k, &c) in chunk.iter().enumerate() {
                if in_string {
                    if escaped {
                        escaped = false;
                    } else if c == b'\\' {
                        escaped = true;
                    } else if c == b'"' {
                        in_string = false;
                    }
                    continue;
                }
                match c {
                    b'"' => in_string = true,
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' if depth > 0 => depth -= 1,
                    b',' if depth == 0 => {
                        end = Some((k, false));
                        break;
                    }
                    b']' if depth == 0 => {
                        end = Some((k, true));
                        break;
                    }
                    _ => {}
                }
            }
            match end {
                Some((k, closes)) => {
                    self.buf.extend_from_slice(&chunk[..k]);
                    self.reader.consume(k + 1);
                    if closes {
                        self.state = ArrayState::Closed;
                    }
                    return Ok(());
                }
                None => {
                    let n = chunk.len();
                    self.buf.extend_from_slice(chunk);
                    self.reader.consume(n);
                    if self.buf.len() > MAX_DOCUMENT {
                        // no article is this long: the element fails, and the rest of the file with it
                        return Ok(());
                    }
                }
            }
        }
    }

    /// What follows the array's `]` that is not whitespace, said in a few words.
    fn trailing(&mut self) -> Option<String> {
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) => return Some(e.to_string()),
            };
            if chunk.is_empty() {
                return None;
            }
            if !chunk.iter().all(u8::is_ascii_whitespace) {
                return Some("trailing characters after the array".into());
            }
            let n = chunk.len();
            self.reader.consume(n);
        }
    }
}

/// All records of a `.json` file: one object, or an array of objects.
pub(crate) fn records_of_json(source: &str, bytes: Vec<u8>) -> Vec<Result<Document, Error>> {
    let decoded = decode(bytes);
    let docs = match serde_json::from_str::<Value>(&decoded.text) {
        Ok(v) if is_claimex_value(&v) => vec![Err(Error::new(source, ErrorKind::ClaimexOutput))],
        Ok(Value::Array(items)) => {
            items.into_iter().enumerate().map(|(k, v)| from_value(v, format!("{source}:{}", k + 1))).collect()
        }
        Ok(v) => vec![from_value(v, source.to_string())],
        Err(e) => vec![Err(Error::new(source, ErrorKind::Json(e.to_string())))],
    };
    // how the file was decoded is said on each of its documents, as for a line of JSON Lines
    docs.into_iter()
        .map(|doc| {
            doc.map(|mut d| {
                d.warnings.extend(decoded.warnings.iter().cloned());
                d
            })
        })
        .collect()
}

/// The records of a JSON Lines stream, read one line at a time.
pub(crate) struct Lines<R> {
    source: String,
    reader: R,
    line: usize,
    /// How many records (non-blank lines) were read.
    records: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Lines<R> {
    pub(crate) fn new(source: String, reader: R) -> Lines<R> {
        Lines { source, reader, line: 0, records: 0, buf: Vec::new(), done: false }
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
                Ok(LineRead::End) => self.done = true,
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::new(format!("{}:{}", self.source, self.line), ErrorKind::Io(e))));
                }
                Ok(LineRead::TooLong) => {
                    self.records += 1;
                    return Some(Err(Error::new(format!("{}:{}", self.source, self.line), ErrorKind::TooLarge)));
                }
                Ok(LineRead::Line) => {
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let line = self.buf.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&self.buf);
                    self.records += 1;
                    if self.records == 1 && is_claimex_output(line) {
                        self.done = true;
                        return Some(Err(Error::new(self.source.clone(), ErrorKind::ClaimexOutput)));
                    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufReader, Cursor};

    /// What [`Elements`] gives for `text` (after its `[`), read through a
    /// buffer of `capacity` bytes: each element's name and its bytes
    /// trimmed, or the error's name and message.
    fn elements(text: &str, capacity: usize) -> Vec<Result<(String, String), (String, String)>> {
        let mut reader = BufReader::with_capacity(capacity, Cursor::new(text.as_bytes().to_vec()));
        assert!(array_start(&mut reader).unwrap(), "{text:?} opens an array");
        let mut it = Elements::new("f.json".into(), reader);
        std::iter::from_fn(|| it.next_raw())
            .map(|r| match r {
                Ok((name, bytes)) => Ok((name, String::from_utf8(bytes).unwrap().trim().to_string())),
                Err(e) => Err((e.input().to_string(), e.kind().to_string())),
            })
            .collect()
    }

    /// A record is named after its `url` or `id` only when that can name
    /// it: not blank, on one line, a whole number.
    #[test]
    fn records_are_named_after_a_usable_url_or_id() {
        let cases = [
            (r#"{"text":"a","url":"https://x.test/a","id":"7"}"#, "https://x.test/a"),
            (r#"{"text":"a","id":42}"#, "42"),
            (r#"{"text":"a","url":"","id":"b7"}"#, "b7"),
            (r#"{"text":"a","url":"  "}"#, "f.jsonl:3"),
            (r#"{"text":"a","url":"a\nb"}"#, "f.jsonl:3"),
            (r#"{"text":"a","id":1.5e29}"#, "f.jsonl:3"),
            (r#"{"text":"a","url":5}"#, "5"),
        ];
        for (record, name) in cases {
            let doc = parse_line("f.jsonl:3".into(), record.as_bytes().to_vec()).unwrap();
            assert_eq!(doc.source, name, "{record}");
        }
    }

    /// claimex's own records are told from articles: figures and
    /// sentences (spans of another text), facts, the reconcile report.
    #[test]
    fn claimex_output_is_told_from_articles() {
        let ours = [
            r#"{"source":"a.txt","kind":"money","text":"$5m","start":8,"end":11,"sentence":0}"#,
            r#"{"source":"a.txt","index":0,"start":0,"end":12,"text":"It cost $5m."}"#,
            r#"{"subject":"Acme","attribute":"cost","kind":"money","status":"single","variants":[]}"#,
            r#"{"sources":[],"facts":[]}"#,
        ];
        let articles = [
            r#"{"text":"It cost $5m.","source":"Reuters"}"#,
            r#"{"text":"It cost $5m.","start":"2024-01-01","end":"2024-02-01","source":"Reuters"}"#,
            r#"{"url":"https://x.test/a","html":"<p>It cost $5m.</p>"}"#,
            r#"[1, 2]"#,
            "not json",
        ];
        for r in ours {
            assert!(is_claimex_output(r.as_bytes()), "{r}");
        }
        for r in articles {
            assert!(!is_claimex_output(r.as_bytes()), "{r}");
        }
    }

    /// A `.json` object that is not UTF-8 is decoded whole, and its
    /// document says how, as a line of JSON Lines does.
    #[test]
    fn a_json_object_says_how_it_was_decoded() {
        let docs = records_of_json("old.json", b"{\"text\": \"The caf\xe9 paid \x805m.\"}".to_vec());
        let doc = docs[0].as_ref().unwrap();
        assert_eq!(doc.text, "The café paid €5m.");
        assert_eq!(doc.warnings.len(), 1);
        assert!(doc.warnings[0].contains("decoded as windows-1252"), "{:?}", doc.warnings);
    }

    #[test]
    fn an_array_is_split_into_its_elements() {
        for capacity in [1, 2, 3, 7, 64, 8192] {
            let got = elements(
                "\u{feff} [ {\"text\": \"a, b ] } [\\\"q\\\" \\\\\"}, [1, [2]], {\"x\": {\"y\": \",\"}}\n]  \n",
                capacity,
            );
            assert_eq!(
                got,
                [
                    Ok(("f.json:1".into(), "{\"text\": \"a, b ] } [\\\"q\\\" \\\\\"}".into())),
                    Ok(("f.json:2".into(), "[1, [2]]".into())),
                    Ok(("f.json:3".into(), "{\"x\": {\"y\": \",\"}}".into())),
                ],
                "capacity {capacity}"
            );
        }
    }

    #[test]
    fn what_an_array_can_get_wrong_fails_alone() {
        let err = |name: &str, what: &str| Err((name.to_string(), format!("invalid JSON: {what}")));
        assert_eq!(elements("[]", 4), []);
        assert_eq!(elements("\u{feff} [ ]\n", 1), []);
        assert_eq!(elements("[{}, ]", 2), [Ok(("f.json:1".into(), "{}".into())), err("f.json:2", "empty element")]);
        assert_eq!(elements("[{}, {\"a\": [1, 2}", 3)[1], err("f.json:2", "the file ends inside this element"));
        assert_eq!(elements("[{},", 3)[1], err("f.json:2", "the array is not closed"));
        assert_eq!(elements("[{}] x", 3)[1], err("f.json", "trailing characters after the array"));
        // an element that does not parse is still one element: the next is read
        let docs: Vec<_> = crate::read_bytes(
            "f.json",
            br#"[{"text": "A"}, {"text": }, {"text": "C"}]"#.to_vec(),
            crate::Format::Json,
            None,
        )
        .collect();
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0].as_ref().unwrap().text, "A");
        assert_eq!(docs[1].as_ref().unwrap_err().input(), "f.json:2");
        assert_eq!(docs[2].as_ref().unwrap().text, "C");
    }

    /// Arrays of generated records whose strings hold every character the
    /// splitter watches (commas, brackets, braces, quotes, backslashes),
    /// written by serde_json: the elements come out as serde_json reads
    /// the whole array, through buffers of every small size.
    #[test]
    fn generated_arrays_split_as_serde_json_reads_them() {
        let pieces = ["a", ",", "]", "[", "{", "}", "\"", "\\", "\\\"", "é", "€", " ", "\n", "$5m"];
        let mut rng = fastrand::Rng::with_seed(0x5eed_a77a_1234_0042);
        for round in 0..2_000 {
            let records: Vec<Value> = (0..rng.usize(0..6))
                .map(|_| {
                    let text: String = (0..rng.usize(0..12)).map(|_| pieces[rng.usize(..pieces.len())]).collect();
                    let nested: Vec<Value> = (0..rng.usize(0..3)).map(|k| Value::from(vec![k; k])).collect();
                    serde_json::json!({"text": text, "tags": nested, "meta": {"n": round, "s": text}})
                })
                .collect();
            let written = if round % 2 == 0 {
                serde_json::to_string(&records).unwrap()
            } else {
                serde_json::to_string_pretty(&records).unwrap()
            };
            let got = elements(&written, 1 + round % 9);
            assert_eq!(got.len(), records.len(), "{written}");
            for (k, (element, record)) in got.iter().zip(&records).enumerate() {
                let (name, bytes) = element.as_ref().unwrap();
                assert_eq!(name, &format!("f.json:{}", k + 1));
                assert_eq!(&serde_json::from_str::<Value>(bytes).unwrap(), record, "{written}");
            }
        }
    }
}
