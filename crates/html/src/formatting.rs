//! A linear pre-pass that caps the formatting elements left open before the
//! HTML parser sees the page.
//!
//! The HTML tree builder (html5ever, inside `scraper`) keeps a list of
//! "active formatting elements": `a, b, big, code, em, font, i, nobr, s,
//! small, strike, strong, tt, u` started and not yet ended. When a block
//! such as `<p>` or `</div>` has closed some of them, the next text or
//! inline tag opens a copy of each again ("reconstructs" them), and so in
//! every block that follows. Only copies of identical tags are limited (at
//! most three, the "Noah's Ark" clause), so n unclosed tags that differ in
//! their attributes cost n new elements per block: `<p><b c=1>x<p><b
//! c=2>x...` or `<div><b c=1></div>...` then many blocks is quadratic (a
//! 100 KB page took 14 s and 3 GB). The nesting cap does not help: the tags
//! need not nest, and 512 of them are plenty.
//!
//! This pass follows the list as the tree builder keeps it, and drops a
//! formatting start tag that would make it longer than `max` entries,
//! together with its end tag; the content stays. `<a>` is never dropped: it
//! closes the `a` before it, so the list holds at most one. What it follows:
//!
//! - an end tag removes the last entry of its name after the last marker,
//!   but not one from before a `<table>` opened since (there it is "not in
//!   scope" and stays); `<a>` removes an earlier `a`, and `<nobr>` an
//!   earlier `nobr`, as the tree builder does;
//! - a fourth entry identical to three others (same name, same attribute
//!   text) replaces the earliest of them (Noah's Ark);
//! - table cells and captions (and `<object>`, `<applet>`, `<marquee>`,
//!   `<template>`) add a marker, and closing a cell or caption, by its end
//!   tag or by the tags that close it implicitly, drops the entries back to
//!   the last marker; for that it follows tables, their sections, cells and
//!   captions, `<select>` and SVG and MathML content (as [`crate::attrs`]
//!   does);
//! - inside `<select>` formatting tags are ignored, as the tree builder
//!   ignores them; script content is skipped as the tokenizer reads it
//!   (with its `<!--` and `<script>` escapes), other raw text to its end tag.
//!
//! Where it is unsure it keeps more entries than the tree builder would,
//! never fewer, so the list it follows bounds the real one: it never takes
//! `</object>` (the element may have been closed already) or `</template>`
//! to clear entries, and after a table tag inside SVG or MathML content, or
//! any `<template>`, it stops clearing altogether (a table tag then only
//! adds a marker).
//!
//! Real pages keep a handful of entries: at most 3 on the repository's
//! pages, the article benchmark's 127 and 1,760 other HTML documents
//! (Rust's and Debian's). The extractor's default cap is 16 (`Options::max_formatting`):
//! five times that, and the worst page then costs about ten times a plain
//! page of the same size (a block reopens at most 16 elements). A page under
//! the cap comes back unchanged, borrowed. Browsers put no such cap (only
//! Noah's Ark).
//!
//! Markers lengthen the list too, and the tree builder looks an entry up
//! from the start of the list at each formatting end tag: markers left
//! behind (`<div><object></div>` never clears its marker) cost time in
//! their number at each `</b>`. So `<object>`, `<applet>` and `<marquee>`
//! start tags past the 512th in a page are dropped as well, with their end
//! tags.

use std::borrow::Cow;

use crate::attrs::{BREAKOUT, Markup, is_space, markup_at, raw_text_end, scan_tag};
use crate::nesting::drop_range;

/// The formatting elements, in the tree builder's list.
const FORMATTING: &[&str] =
    &["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"];

/// Index of `a` and `nobr` in [`FORMATTING`].
const A: u8 = 0;
const NOBR: u8 = 7;

/// Raw-text elements (content read as text up to the end tag) in HTML
/// content; `<script>` is read by [`script_end`].
const RAW_TEXT: &[&str] = &["style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Elements that add a marker wherever they start in HTML content.
const MARKER: &[&str] = &["object", "applet", "marquee"];

/// Most [`MARKER`] start tags kept in a page.
const MAX_MARKER_TAGS: usize = 512;

/// Table structure tags, which inside SVG or MathML content stop the pass
/// from clearing entries.
const TABLE_TAGS: &[&str] = &["table", "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th"];

/// An entry of the list: a formatting start tag kept.
struct Entry {
    /// Index in [`FORMATTING`].
    name: u8,
    /// The tag's bytes after its name (its attributes, then `>`).
    attrs: (usize, usize),
}

/// An element the pass follows that changes how the tree builder treats
/// formatting tags.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// A table; its open section (`tbody`, `thead`, `tfoot`: index in
    /// [`SECTIONS`], or none).
    Table(Option<u8>),
    /// A `td` (false) or `th` (true) cell; it added a marker.
    Cell(bool),
    /// A caption; it added a marker.
    Caption,
    /// A `select`: formatting tags inside are ignored.
    Select,
}

/// Table sections.
const SECTIONS: &[&str] = &["tbody", "thead", "tfoot"];

/// An element open, and the length of the list when it started (entries
/// before it are out of its scope).
struct Open {
    kind: Kind,
    from: usize,
}

/// The tree builder's list of active formatting elements, as followed by
/// the pass.
struct Model<'a> {
    b: &'a [u8],
    max: usize,
    /// The entries.
    list: Vec<Entry>,
    /// For each marker, the length of `list` when it was added.
    markers: Vec<usize>,
    /// Tables, cells, captions and selects open.
    opens: Vec<Open>,
    /// Open SVG and MathML elements (0: HTML content).
    foreign: usize,
    /// Unsure of the tables: entries are no longer cleared.
    unsure: bool,
}

/// What to do with a tag.
enum Verdict {
    Keep,
    Drop,
}

impl Model<'_> {
    /// Index in `list` from which an end tag may remove entries.
    fn scope_start(&self) -> usize {
        let marker = self.markers.last().copied().unwrap_or(0);
        let table = self.opens.iter().rev().find(|o| matches!(o.kind, Kind::Table(_))).map_or(0, |o| o.from);
        marker.max(table)
    }

    /// Removes the last entry named `name` at or after `from`.
    fn remove_last(&mut self, name: u8, from: usize) -> bool {
        let from = from.min(self.list.len());
        match self.list[from..].iter().rposition(|e| e.name == name) {
            Some(k) => {
                self.list.remove(from + k);
                true
            }
            None => false,
        }
    }

    /// A formatting start tag: returns whether it is kept.
    fn start(&mut self, name: u8, attrs: (usize, usize)) -> Verdict {
        let marker = self.markers.last().copied().unwrap_or(0);
        let removed = match name {
            // An earlier `a` after the last marker is closed and removed.
            A => self.remove_last(A, marker),
            // An earlier `nobr` in scope is closed.
            NOBR => {
                let from = if self.unsure { marker } else { self.scope_start() };
                self.remove_last(NOBR, from)
            }
            _ => false,
        };
        // Noah's Ark: a fourth identical entry replaces the earliest.
        let text = &self.b[attrs.0..attrs.1];
        let same = |e: &Entry| e.name == name && &self.b[e.attrs.0..e.attrs.1] == text;
        let tail = &self.list[marker.min(self.list.len())..];
        if tail.iter().filter(|e| same(e)).count() >= 3 {
            let first = tail.iter().position(same).map(|k| marker + k);
            if let Some(k) = first {
                self.list.remove(k);
            }
        } else if !removed && name != A && self.list.len() >= self.max {
            return Verdict::Drop;
        }
        self.list.push(Entry { name, attrs });
        Verdict::Keep
    }

    /// A formatting end tag.
    fn end(&mut self, name: u8) {
        let from = if self.unsure { self.markers.last().copied().unwrap_or(0) } else { self.scope_start() };
        self.remove_last(name, from);
    }

    fn marker(&mut self) {
        self.markers.push(self.list.len());
    }

    /// Closes the cell or caption on top of `opens`: the entries back to
    /// the last marker go.
    fn close_cell(&mut self) {
        self.opens.pop();
        if let Some(at) = self.markers.pop() {
            self.list.truncate(at);
        }
    }

    /// The innermost table's section, and whether a select is open in it.
    fn top(&self) -> Option<Kind> {
        self.opens.last().map(|o| o.kind)
    }

    fn in_table(&self) -> bool {
        self.opens.iter().any(|o| matches!(o.kind, Kind::Table(_)))
    }

    fn set_section(&mut self, section: Option<u8>) {
        if let Some(Open { kind: Kind::Table(s), .. }) = self.opens.last_mut() {
            *s = section;
        }
    }

    fn section(&self) -> Option<u8> {
        self.opens.iter().rev().find_map(|o| match o.kind {
            Kind::Table(s) => Some(s),
            _ => None,
        })?
    }

    /// A table structure start tag (`table`, `caption`, `colgroup`, `col`,
    /// `tbody`, `thead`, `tfoot`, `tr`, `td`, `th`), in HTML content.
    fn table_start(&mut self, name: &[u8]) {
        loop {
            match self.top() {
                Some(Kind::Select) => {
                    // In a select in a table these close the select (`col`
                    // and `colgroup` are ignored); elsewhere all are ignored.
                    if self.in_table() && name != b"col" && name != b"colgroup" {
                        self.opens.pop();
                        continue;
                    }
                    return;
                }
                Some(Kind::Cell(_)) | Some(Kind::Caption) => {
                    if name == b"table" {
                        break; // a table inside the cell or caption
                    }
                    self.close_cell();
                    continue;
                }
                Some(Kind::Table(section)) => {
                    match name {
                        b"table" => {
                            // A table in a table ends it.
                            self.opens.pop();
                            continue;
                        }
                        b"td" | b"th" => {
                            if section.is_none() {
                                self.set_section(Some(0));
                            }
                            self.marker();
                            let from = self.list.len();
                            self.opens.push(Open { kind: Kind::Cell(name == b"th"), from });
                        }
                        b"tr" if section.is_none() => self.set_section(Some(0)),
                        b"caption" => {
                            self.set_section(None);
                            self.marker();
                            let from = self.list.len();
                            self.opens.push(Open { kind: Kind::Caption, from });
                        }
                        b"col" | b"colgroup" => self.set_section(None),
                        _ => {
                            if let Some(s) = SECTIONS.iter().position(|s| s.as_bytes() == name) {
                                self.set_section(Some(s as u8));
                            }
                        }
                    }
                    return;
                }
                None => {
                    if name != b"table" {
                        return; // ignored outside tables
                    }
                    break;
                }
            }
        }
        let from = self.list.len();
        self.opens.push(Open { kind: Kind::Table(None), from });
    }

    /// A table structure end tag, in HTML content.
    fn table_end(&mut self, name: &[u8]) {
        let section = SECTIONS.iter().position(|s| s.as_bytes() == name).map(|s| s as u8);
        loop {
            match self.top() {
                Some(Kind::Select) => {
                    // In a select in a table, an end tag of an element
                    // open in table scope closes the select.
                    let below = self.opens.len().checked_sub(2).map(|k| self.opens[k].kind);
                    let acts = match below {
                        Some(Kind::Cell(th)) => {
                            name == b"table"
                                || name == b"tr"
                                || (name == b"td" && !th)
                                || (name == b"th" && th)
                                || (section.is_some() && section == self.section())
                        }
                        Some(Kind::Caption) => name == b"table" || name == b"caption",
                        Some(Kind::Table(_)) => name == b"table",
                        _ => false,
                    };
                    if !acts {
                        return;
                    }
                    self.opens.pop();
                }
                Some(Kind::Cell(th)) => {
                    let closes = name == b"table"
                        || name == b"tr"
                        || (name == b"td" && !th)
                        || (name == b"th" && th)
                        || (section.is_some() && section == self.section());
                    if !closes {
                        return;
                    }
                    self.close_cell();
                    if name == b"td" || name == b"th" {
                        return;
                    }
                }
                Some(Kind::Caption) => {
                    if name != b"caption" && name != b"table" {
                        return;
                    }
                    self.close_cell();
                    if name == b"caption" {
                        return;
                    }
                }
                Some(Kind::Table(s)) => {
                    if name == b"table" {
                        self.opens.pop();
                    } else if section.is_some() && section == s {
                        self.set_section(None);
                    }
                    return;
                }
                None => return,
            }
        }
    }
}

/// Returns `html` with formatting start tags that would make the list of
/// active formatting elements longer than `max` (and their end tags)
/// removed, and `<object>`, `<applet>` and `<marquee>` start tags past the
/// 512th; borrows when nothing had to change.
pub(crate) fn limit_formatting(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    // Cheap exit: fewer tags than the limit cannot exceed it.
    if memchr::memchr_iter(b'<', b).take(max + 1).count() <= max {
        return Cow::Borrowed(html);
    }
    let mut m = Model { b, max, list: Vec::new(), markers: Vec::new(), opens: Vec::new(), foreign: 0, unsure: false };
    let mut marker_tags = 0usize; // `<object>`, `<applet>`, `<marquee>` kept
    let mut dropped = [0usize; 14]; // formatting start tags dropped, by name, whose end tags are to come
    let mut dropped_markers = [0usize; 3]; // and marker start tags
    let mut out: Option<String> = None;
    let mut copied = 0usize; // bytes of `html` already copied into `out`
    let mut i = 0usize;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let j = i + off;
        let (closing, name_start, name_end) = match markup_at(b, j, m.foreign > 0) {
            Markup::Tag { closing, name_start, name_end } => (closing, name_start, name_end),
            Markup::Comment { end } | Markup::Cdata { end } | Markup::Text { end } => {
                i = end;
                continue;
            }
        };
        let tag = scan_tag(b, name_end, usize::MAX);
        i = tag.end;
        // Lowercase the name (names longer than any listed one match nothing).
        let raw = &b[name_start..name_end];
        let mut buf = [0u8; 10];
        let name: &[u8] = if raw.len() <= buf.len() {
            for (d, s) in buf.iter_mut().zip(raw) {
                *d = s.to_ascii_lowercase();
            }
            &buf[..raw.len()]
        } else {
            b""
        };
        let is = |list: &[&str]| list.iter().any(|t| t.as_bytes() == name);
        let fmt = FORMATTING.iter().position(|t| t.as_bytes() == name).map(|k| k as u8);
        let in_select = !m.unsure && m.top() == Some(Kind::Select);

        if closing {
            if let Some(f) = fmt {
                if dropped[f as usize] > 0 {
                    dropped[f as usize] -= 1;
                    drop_range(html, &mut out, &mut copied, j, tag.end);
                } else if m.foreign == 0 && !in_select {
                    m.end(f);
                }
                continue;
            }
            if let Some(k) = MARKER.iter().position(|t| t.as_bytes() == name) {
                if dropped_markers[k] > 0 {
                    dropped_markers[k] -= 1;
                    drop_range(html, &mut out, &mut copied, j, tag.end);
                }
                continue;
            }
            if m.foreign > 0 {
                if is(&["svg", "math"]) {
                    m.foreign -= 1;
                } else if is(&["p", "br"]) {
                    m.foreign = 0;
                } else if is(TABLE_TAGS) {
                    m.unsure = true;
                }
                continue;
            }
            if m.unsure {
                continue;
            }
            if name == b"select" {
                if in_select {
                    m.opens.pop();
                }
            } else if is(TABLE_TAGS) {
                m.table_end(name);
            }
            continue;
        }

        // Start tags.
        if m.foreign > 0 {
            if is(BREAKOUT) {
                m.foreign = 0; // breaks out to HTML content
            } else if is(TABLE_TAGS) || name == b"template" {
                m.unsure = true;
            }
        }
        if m.foreign > 0 {
            // Foreign content: `a` is an SVG element; `font` may break out.
            if is(&["svg", "math"]) && !tag.self_closing {
                m.foreign += 1;
            } else if let Some(f) = fmt.filter(|&f| f != A) {
                if let Verdict::Drop = m.start(f, (name_end, tag.end)) {
                    dropped[f as usize] += 1;
                    drop_range(html, &mut out, &mut copied, j, tag.end);
                }
            } else if let Some(k) = MARKER.iter().position(|t| t.as_bytes() == name) {
                if marker_tags >= MAX_MARKER_TAGS {
                    dropped_markers[k] += 1;
                    drop_range(html, &mut out, &mut copied, j, tag.end);
                } else {
                    marker_tags += 1;
                    m.marker();
                }
            } else if m.unsure && is(TABLE_TAGS) {
                m.marker();
            }
            continue;
        }
        if in_select {
            match name {
                b"select" => {
                    m.opens.pop();
                }
                b"input" | b"keygen" => {
                    m.opens.pop();
                }
                b"textarea" => {
                    m.opens.pop();
                    i = raw_text_end(b, i, name);
                }
                b"script" => i = script_end(b, i),
                _ if is(TABLE_TAGS) => m.table_start(name),
                b"template" => {
                    m.unsure = true;
                    m.marker();
                }
                _ => {}
            }
            continue;
        }
        if let Some(f) = fmt {
            if let Verdict::Drop = m.start(f, (name_end, tag.end)) {
                dropped[f as usize] += 1;
                drop_range(html, &mut out, &mut copied, j, tag.end);
            }
            continue;
        }
        if let Some(k) = MARKER.iter().position(|t| t.as_bytes() == name) {
            if marker_tags >= MAX_MARKER_TAGS {
                dropped_markers[k] += 1;
                drop_range(html, &mut out, &mut copied, j, tag.end);
            } else {
                marker_tags += 1;
                m.marker();
            }
            continue;
        }
        match name {
            b"template" => {
                m.unsure = true;
                m.marker();
            }
            b"svg" | b"math" => m.foreign += usize::from(!tag.self_closing),
            b"select" if !m.unsure => {
                let from = m.list.len();
                m.opens.push(Open { kind: Kind::Select, from });
            }
            b"select" => m.marker(),
            b"script" => i = script_end(b, i),
            b"plaintext" => break, // the rest of the page is text
            _ if is(TABLE_TAGS) => {
                if m.unsure {
                    if is(&["table", "td", "th", "caption"]) {
                        m.marker();
                    }
                } else {
                    m.table_start(name);
                }
            }
            _ if is(RAW_TEXT) => i = raw_text_end(b, i, name),
            _ => {}
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// Position of the `</script` that ends a script whose content starts at
/// `from`, as the tokenizer reads it: after `<!--`, a `<script` starts an
/// "escaped" script whose `</script` does not end the element, until `-->`.
fn script_end(b: &[u8], from: usize) -> usize {
    #[derive(PartialEq)]
    enum State {
        Data,
        Escaped,
        DoubleEscaped,
    }
    let script_at = |k: usize| {
        b.len() >= k + 6
            && b[k..k + 6].eq_ignore_ascii_case(b"script")
            && b.get(k + 6).is_some_and(|&c| is_space(c) || c == b'/' || c == b'>')
    };
    let mut state = State::Data;
    let mut k = from;
    while let Some(off) = memchr::memchr2(b'<', b'-', &b[k..]) {
        let p = k + off;
        let rest = &b[p..];
        if rest[0] == b'-' {
            if state != State::Data && rest.starts_with(b"-->") {
                state = State::Data;
                k = p + 3;
            } else {
                k = p + 1;
            }
            continue;
        }
        if state == State::Data && rest.starts_with(b"<!--") {
            state = State::Escaped;
            k = p + 2; // `<!-->` ends at once
            continue;
        }
        if rest.get(1) == Some(&b'/') && script_at(p + 2) {
            if state == State::DoubleEscaped {
                state = State::Escaped;
                k = p + 8;
                continue;
            }
            return p;
        }
        if state == State::Escaped && script_at(p + 1) {
            state = State::DoubleEscaped;
            k = p + 7;
            continue;
        }
        k = p + 1;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        // (input, max entries, expected output)
        let cases: &[(&str, usize, &str)] = &[
            // at or under the limit: unchanged
            ("<b>a<i>b</i></b>", 2, "<b>a<i>b</i></b>"),
            // over it: the start tag goes, and its end tag, the text stays
            ("<b c=1><b c=2><b c=3>x<p>y", 2, "<b c=1><b c=2>x<p>y"),
            ("<b c=1><i c=2><u c=3>x</u>y</i></b>", 2, "<b c=1><i c=2>xy</i></b>"),
            // end tags remove entries; uppercase names are the same
            ("<b>1</b><i>2</i><U>3</u><B C=1><B C=2>x</B>", 1, "<b>1</b><i>2</i><U>3</u><B C=1>x"),
            // a block closing them leaves them in the list (reopened in each block)
            ("<div><b c=1></div><div><b c=2></div><p><i>x</i>", 2, "<div><b c=1></div><div><b c=2></div><p>x"),
            ("<p><b c=1>1<p><b c=2>2<p><b c=3>3", 2, "<p><b c=1>1<p><b c=2>2<p>3"),
            // a fourth identical entry replaces the first (Noah's Ark) ...
            ("<p><b>1<p><b>2<p><b>3<p><b>4<p><i>5", 4, "<p><b>1<p><b>2<p><b>3<p><b>4<p><i>5"),
            ("<p><b>1<p><b>2<p><b>3<p><b>4<p><i>5", 3, "<p><b>1<p><b>2<p><b>3<p><b>4<p>5"),
            // ... attribute text and all
            ("<p><b c=1>1<p><b c=1 >2<p><i>5", 2, "<p><b c=1>1<p><b c=1 >2<p>5"),
            // `<a>` closes an earlier `a`, and is never dropped
            ("<a href=1>x<a href=2>y<a href=3>z", 1, "<a href=1>x<a href=2>y<a href=3>z"),
            ("<b c=1><a href=1>x</a><i>y", 1, "<b c=1><a href=1>x</a>y"),
            // closing a table cell or caption clears the entries in it,
            // by its end tag or implicitly
            ("<table><tr><td><b c=1>x<td><b c=2>y</table><i>z", 1, "<table><tr><td><b c=1>x<td><b c=2>y</table><i>z"),
            (
                "<table><tr><td><b c=1>a</tr><tr><th><b c=2>b</th></table><i>",
                1,
                "<table><tr><td><b c=1>a</tr><tr><th><b c=2>b</th></table><i>",
            ),
            (
                "<table><caption><b c=1>a</caption><tbody><tr><td><b c=2>b</tbody></table><i>",
                1,
                "<table><caption><b c=1>a</caption><tbody><tr><td><b c=2>b</tbody></table><i>",
            ),
            // but a cell end tag of another name, a `<td>` outside a table
            // or a section not open does not close it
            ("<table><tr><td><b c=1>a</th><b c=2>b", 1, "<table><tr><td><b c=1>a</th>b"),
            ("<b c=1><td><b c=2>x", 1, "<b c=1><td>x"),
            ("<table><thead><tr><td><b c=1>a</tbody><b c=2>b", 1, "<table><thead><tr><td><b c=1>a</tbody>b"),
            // outside cells, in a table, formatting tags stay in the list
            ("<table><tr><b c=1><td>x</td></table><i>", 1, "<table><tr><b c=1><td>x</td></table>"),
            // an end tag does not reach past a table opened since (not in
            // scope), nor a marker
            ("<div><b c=1><table></b></table></div><i>x", 1, "<div><b c=1><table></b></table></div>x"),
            ("<div><b c=1><object></b></object></div><i>x", 1, "<div><b c=1><object></b></object></div>x"),
            // inside <select> formatting tags are ignored
            ("<select><b c=1><b c=2></select><i>x", 1, "<select><b c=1><b c=2></select><i>x"),
            ("<div><b c=1></div><select></b></select><i>x", 1, "<div><b c=1></div><select></b></select>x"),
            // tags in comments, scripts (escapes read as the tokenizer does)
            // and other raw text are text
            (
                "<!-- <b c=1><b c=2> --><script>'<b c=3>'</script><b>x",
                1,
                "<!-- <b c=1><b c=2> --><script>'<b c=3>'</script><b>x",
            ),
            ("<title><b c=1><b c=2></title><b>x", 1, "<title><b c=1><b c=2></title><b>x"),
            (
                "<b c=1><script><!--<script></script></b></script><i>x",
                1,
                "<b c=1><script><!--<script></script></b></script>x",
            ),
            ("<b c=1><script><!--</script></b><i>x", 1, "<b c=1><script><!--</script></b><i>x"),
            // SVG: `a` is an SVG element there; `b` breaks out of it
            ("<svg><a>x</a></svg><b c=1><b c=2>", 1, "<svg><a>x</a></svg><b c=1>"),
            ("<b c=1><svg></b><b c=2>x", 1, "<b c=1><svg></b>x"),
            // a table tag inside SVG: cells no longer clear the list
            (
                "<table><tr><td><svg><td></svg><b c=1></td><td><b c=2>",
                1,
                "<table><tr><td><svg><td></svg><b c=1></td><td>",
            ),
            // non-ASCII attributes and text, unfinished tag
            ("<b c=é><b c=ü>ö</b>", 1, "<b c=é>ö"),
            ("<b c=1><b c=2", 1, "<b c=1>"),
        ];
        for &(input, max, want) in cases {
            assert_eq!(limit_formatting(input, max), want, "input {input:?}");
        }
    }

    #[test]
    fn borrows_when_unchanged() {
        let page = "<p><b>a</b> <i>b</i> <a href=x>c</a></p>".repeat(20);
        assert!(matches!(limit_formatting(&page, 16), Cow::Borrowed(_)));
    }

    /// The repository's HTML fixtures (real news pages) pass unchanged.
    #[test]
    fn real_pages_unchanged() {
        crate::assert_real_pages_unchanged(limit_formatting, 16);
    }

    /// 10,000 paragraphs, each opening a `<b>` of its own: the first `max`
    /// stay, the text all stays.
    #[test]
    fn formatting_bomb_is_cut_to_the_limit() {
        let html: String = (0..10_000).map(|i| format!("<p><b c={i}>x{i}")).collect();
        let cut = limit_formatting(&html, 16);
        assert_eq!(cut.matches("<b ").count(), 16);
        assert_eq!(cut.matches("<p>").count(), 10_000);
        assert!(cut.contains("<p><b c=15>x15<p>x16<p>x17<p>"), "{}", &cut[..300]);
        assert!(cut.ends_with("<p>x9998<p>x9999"), "{}", &cut[cut.len() - 40..]);
    }

    /// `<object>`, `<applet>` and `<marquee>` start tags past the 512th go,
    /// with their end tags.
    #[test]
    fn markers_are_capped() {
        let html = "<div><object></div></object>".repeat(600);
        let cut = limit_formatting(&html, 16);
        assert_eq!(cut.matches("<object>").count(), MAX_MARKER_TAGS);
        assert_eq!(cut.matches("</object>").count(), MAX_MARKER_TAGS);
    }
}
