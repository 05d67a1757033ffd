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

/// The fields of a JSON record that claimex reads. The parse of a record
/// reads these and skips every other field unparsed
/// ([`serde::de::IgnoredAny`]): a field claimex does not read cannot fail
/// the record, whatever it holds — a number out of `f64`'s range
/// (`1e400`), nesting of any depth (skipped without recursion, so
/// without a depth limit and without a risk to the stack), a lone
/// surrogate escape (`"\ud800"`). The same in a field claimex reads fails
/// the record, but for a lone surrogate, which [`parse_line`] replaces.
/// Of a field given twice, the last counts, as in a [`Value`].
#[derive(Default)]
struct Record {
    text: Option<String>,
    html: Option<String>,
    url: Field,
    id: Field,
    title: Field,
    published: Field,
    date: Field,
}

/// A JSON record: an object, or another value (which is no record).
enum Parsed {
    Object(Record),
    NotObject,
}

/// A metadata field's value, as far as claimex reads it.
#[derive(Default)]
enum Field {
    #[default]
    Absent,
    String(String),
    Number(serde_json::Number),
    /// `null`, `true`, an array, an object: not read.
    Other,
}

impl Field {
    /// The field as a string: a string, or a number written out.
    fn string(&self) -> Option<String> {
        match self {
            Field::String(s) => Some(s.clone()),
            Field::Number(n) => Some(n.to_string()),
            Field::Absent | Field::Other => None,
        }
    }

    /// The field when it can name a record ([`name_field`]).
    fn name(&self) -> Option<String> {
        match self {
            Field::String(s) if !s.trim().is_empty() && !s.chars().any(char::is_control) => Some(s.clone()),
            Field::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
            _ => None,
        }
    }
}

/// The fields [`Record`] reads, told apart without allocating the key.
enum Key {
    Text,
    Html,
    Url,
    Id,
    Title,
    Published,
    Date,
    Other,
}

impl<'de> serde::Deserialize<'de> for Key {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl serde::de::Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "text" => Key::Text,
                    "html" => Key::Html,
                    "url" => Key::Url,
                    "id" => Key::Id,
                    "title" => Key::Title,
                    "published" => Key::Published,
                    "date" => Key::Date,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// Skips the rest of an array or object, unparsed.
fn skip_seq<'de, A: serde::de::SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_map<'de, A: serde::de::MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?.is_some() {}
    Ok(())
}

/// Implements the visits of the values that are not the one a visitor
/// wants: each gives `$other`, and an array or object is skipped unparsed.
macro_rules! other_values {
    ($de:lifetime, $other:expr) => {
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok($other)
        }
        fn visit_seq<A: serde::de::SeqAccess<$de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            skip_seq(seq).map(|()| $other)
        }
    };
}

/// A field's value as a string, or `None` for any other value.
struct Text(Option<String>);

impl<'de> serde::Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text(Some(s.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text(Some(s)))
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Text, E> {
                Ok(Text(None))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Text, A::Error> {
                skip_map(map).map(|()| Text(None))
            }
            other_values!('de, Text(None));
        }
        d.deserialize_any(TextVisitor)
    }
}

impl<'de> serde::Deserialize<'de> for Field {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Field, D::Error> {
        struct FieldVisitor;
        impl<'de> serde::de::Visitor<'de> for FieldVisitor {
            type Value = Field;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a value")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Field, E> {
                Ok(Field::String(s.to_owned()))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Field, E> {
                Ok(Field::String(s))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Field, E> {
                Ok(Field::Number(n.into()))
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<Field, E> {
                Ok(Field::Number(n.into()))
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<Field, E> {
                Ok(serde_json::Number::from_f64(n).map_or(Field::Other, Field::Number))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Field, A::Error> {
                skip_map(map).map(|()| Field::Other)
            }
            other_values!('de, Field::Other);
        }
        d.deserialize_any(FieldVisitor)
    }
}

impl<'de> serde::Deserialize<'de> for Parsed {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Parsed, D::Error> {
        struct RecordVisitor;
        impl<'de> serde::de::Visitor<'de> for RecordVisitor {
            type Value = Parsed;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
                let mut r = Record::default();
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Text => r.text = map.next_value::<Text>()?.0,
                        Key::Html => r.html = map.next_value::<Text>()?.0,
                        Key::Url => r.url = map.next_value()?,
                        Key::Id => r.id = map.next_value()?,
                        Key::Title => r.title = map.next_value()?,
                        Key::Published => r.published = map.next_value()?,
                        Key::Date => r.date = map.next_value()?,
                        Key::Other => {
                            map.next_value::<serde::de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(Parsed::Object(r))
            }
            fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<Parsed, E> {
                Ok(Parsed::NotObject)
            }
            fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<Parsed, E> {
                Ok(Parsed::NotObject)
            }
            fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<Parsed, E> {
                Ok(Parsed::NotObject)
            }
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Parsed, E> {
                Ok(Parsed::NotObject)
            }
            other_values!('de, Parsed::NotObject);
        }
        d.deserialize_any(RecordVisitor)
    }
}

/// A document from one parsed record; `fallback` is its `FILE:LINE` name.
fn from_record(parsed: Parsed, fallback: String) -> Result<Document, Error> {
    let Parsed::Object(r) = parsed else {
        return Err(Error::new(fallback, ErrorKind::Json("not an object".into())));
    };
    let source = r.url.name().or_else(|| r.id.name()).unwrap_or(fallback);
    let meta = RecordMeta {
        url: r.url.string(),
        title: r.title.string(),
        published: r.published.string().or_else(|| r.date.string()),
    };
    record_document(source, r.text, r.html, meta)
}

/// Replaces each lone surrogate escape of JSON text (`\ud800` not followed
/// by the escape of a low surrogate, or a low one alone), which no string
/// can hold, with `\ufffd` (as long: in place); returns how many there
/// were. Escapes are found as JSON reads them, so `\\ud800` (a backslash,
/// then "ud800") is left alone.
fn replace_lone_surrogates(json: &mut [u8]) -> usize {
    fn unit(json: &[u8], at: usize) -> Option<u16> {
        let hex = json.get(at..at + 6)?.strip_prefix(b"\\u")?;
        u16::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()
    }
    let (mut replaced, mut i) = (0, 0);
    // `i` may pass the end: after a backslash that ends the text
    while let Some(k) = json.get(i..).and_then(|rest| memchr::memchr(b'\\', rest)) {
        let at = i + k;
        i = at + 2;
        let Some(u) = unit(json, at) else { continue };
        i = at + 6;
        let lone = match u {
            0xd800..=0xdbff => match unit(json, at + 6) {
                Some(0xdc00..=0xdfff) => {
                    i = at + 12;
                    false
                }
                _ => true,
            },
            0xdc00..=0xdfff => true,
            _ => false,
        };
        if lone {
            json[at..at + 6].copy_from_slice(b"\\ufffd");
            replaced += 1;
        }
    }
    replaced
}

/// The document of a record's JSON text, named `name` unless its `url` or
/// `id` names it. A record that does not parse because a string in it
/// holds a lone surrogate escape is parsed again with each replaced by
/// U+FFFD, with a warning: the text is kept, as invalid UTF-8 is.
fn parse_record(text: String, name: String) -> Result<Document, Error> {
    let first = match serde_json::from_str::<Parsed>(&text) {
        Ok(parsed) => return from_record(parsed, name),
        Err(e) => e,
    };
    let mut bytes = text.into_bytes();
    let n = replace_lone_surrogates(&mut bytes);
    let retried = (n > 0).then(|| serde_json::from_slice::<Parsed>(&bytes));
    match retried {
        Some(Ok(parsed)) => from_record(parsed, name).map(|mut doc| {
            doc.warnings.push(format!(
                "invalid JSON string: {n} lone surrogate escape{} (\\ud800-\\udfff without its pair) replaced with U+FFFD",
                if n == 1 { "" } else { "s" }
            ));
            doc
        }),
        Some(Err(e)) => Err(Error::new(name, ErrorKind::Json(e.to_string()))),
        None => Err(Error::new(name, ErrorKind::Json(first.to_string()))),
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
        // a value that does not parse whole may still be a record whose
        // unread fields hold what a `Value` cannot (`1e400`, deep nesting)
        Err(_) => vec![parse_record(decoded.text.clone(), source.to_string())],
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
/// Only the fields claimex reads are parsed ([`Record`]).
pub(crate) fn parse_line(name: String, line: Vec<u8>) -> Result<Document, Error> {
    let decoded = decode(line);
    parse_record(decoded.text, name).map(|mut d| {
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

    /// A field claimex does not read cannot fail a record: a number out of
    /// range, nesting far past serde_json's limit of 128 (skipped without
    /// recursion), a lone surrogate. They used to lose the record.
    #[test]
    fn fields_claimex_does_not_read_do_not_fail_a_record() {
        let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let deep_objects = format!("{}{}", "{\"a\":".repeat(100_000), "}".repeat(100_000)).replacen('}', "1}", 1);
        let cases = [
            r#"{"text":"It cost $5m.","score":1e400}"#.to_string(),
            r#"{"score":-1e400,"text":"It cost $5m.","m":{"a":[1e999,{"b":"\udc00"}]}}"#.to_string(),
            format!(r#"{{"tree":{deep},"text":"It cost $5m.","more":{deep_objects}}}"#),
            r#"{"text":"It cost $5m.","note":"\ud800 alone"}"#.to_string(),
            // a field claimex reads that holds something else is left unread
            format!(r#"{{"text":"It cost $5m.","title":{deep},"url":{{"x":1e400}}}}"#),
        ];
        for line in cases {
            let doc = parse_line("f.jsonl:1".into(), line.clone().into_bytes())
                .unwrap_or_else(|e| panic!("{}: {e}", &line[..line.len().min(80)]));
            assert_eq!((doc.text.as_str(), doc.source.as_str()), ("It cost $5m.", "f.jsonl:1"));
            assert_eq!((doc.title, doc.url), (None, None));
            assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
        }
        // a whole `.json` object too
        let docs = records_of_json("a.json", br#"{"text": "It cost $5m.", "score": 1e400}"#.to_vec());
        assert_eq!(docs[0].as_ref().unwrap().text, "It cost $5m.");
        // a number out of range where claimex reads a string fails the record still
        let err = parse_line("f.jsonl:1".into(), br#"{"text":"It cost $5m.","title":1e400}"#.to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("f.jsonl:1: invalid JSON: number out of range"), "{err}");
        // and so does a record that is not one
        let err = parse_line("f.jsonl:1".into(), format!("[{deep}]").into_bytes()).unwrap_err();
        assert_eq!(err.to_string(), "f.jsonl:1: invalid JSON: not an object");
    }

    /// A lone surrogate escape in a string claimex reads (which no string
    /// can hold) is replaced with U+FFFD, with a warning, as a byte that
    /// is not UTF-8 is: the record is kept. A pair is a character, and an
    /// escaped backslash before "ud800" is no escape.
    #[test]
    fn a_lone_surrogate_in_the_text_is_replaced_with_a_warning() {
        let line = br#"{"text":"It cost \ud800$5m.\uDC00 \ud83d\ude00 \\ud800","title":"a\udbffb"}"#;
        let doc = parse_line("f.jsonl:1".into(), line.to_vec()).unwrap();
        assert_eq!(doc.text, "It cost \u{fffd}$5m.\u{fffd} \u{1f600} \\ud800");
        assert_eq!(doc.title.as_deref(), Some("a\u{fffd}b"));
        assert_eq!(
            doc.warnings,
            ["invalid JSON string: 3 lone surrogate escapes (\\ud800-\\udfff without its pair) replaced with U+FFFD"]
        );
        // a record broken otherwise still fails, with what else is wrong
        let err = parse_line("f.jsonl:1".into(), br#"{"text":"\ud800",}"#.to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("f.jsonl:1: invalid JSON: trailing comma"), "{err}");
        for (json, want, n) in [
            (&br#""\ud800\ud800\udc00""#[..], &br#""\ufffd\ud800\udc00""#[..], 1),
            (br#""\udc00\ud800""#, br#""\ufffd\ufffd""#, 2),
            (br#""\ud800"#, br#""\ufffd"#, 1),
            (br#""\ud8"#, br#""\ud8"#, 0),
            (br#""\\\ud800\\ud800""#, br#""\\\ufffd\\ud800""#, 1),
            (br#""\u00e9\n\"""#, br#""\u00e9\n\"""#, 0),
            // a backslash that ends the text (found by the jsonl fuzz target: it panicked)
            (br#"{"text":"\"#, br#"{"text":"\"#, 0),
            (br#""\ud800\"#, br#""\ufffd\"#, 1),
            (br#"\"#, br#"\"#, 0),
        ] {
            let mut bytes = json.to_vec();
            assert_eq!(replace_lone_surrogates(&mut bytes), n, "{}", String::from_utf8_lossy(json));
            assert_eq!(bytes, want, "{}", String::from_utf8_lossy(json));
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
