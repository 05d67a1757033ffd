//! The single-pass scanner behind [`Sentences`].
//!
//! The scanner walks the bytes once. It skips the bytes that cannot end or
//! start a unit sixteen at a time ([`crate::chars`]), and stops only at full stops,
//! question and exclamation marks, ellipses, line breaks, opening quotes and
//! parentheses, and bullets. At each stop a rule module decides, looking a
//! few bytes back and ahead: [`crate::terminal`] and [`crate::abbrev`] for
//! punctuation, [`crate::lines`] for line breaks, [`crate::lists`] for
//! bullets and list items.

use memchr::memchr;

use crate::Span;
use crate::chars::{closers_end, has_alnum, next_interesting, next_word, skip_hspace, space_before, space_len};
use crate::lines::{LineBreak, breaks, is_content};
use crate::lists::{bullet_len, marker_at, next_item};
use crate::terminal::{Closings, ends, glued_next, parse_run, protected_until};

/// The sentence being scanned.
#[derive(Debug, Clone, Copy)]
struct Current {
    /// Its first non-whitespace byte.
    start: usize,
    /// True when it starts with a bullet or a list marker.
    item: bool,
    /// Where the next item of its list starts on this line.
    next_item: Option<usize>,
}

/// An iterator over the sentence spans of a text, in order.
///
/// Created by [`crate::Segmenter::sentences`] or [`crate::sentences`]. It
/// borrows the text and allocates nothing.
#[derive(Debug, Clone)]
pub struct Sentences<'t> {
    text: &'t str,
    /// Scanning position.
    pos: usize,
    /// Start of the current line.
    line_start: usize,
    /// End of the current line (its `\n` or the end of the text), or
    /// [`UNKNOWN`] until something needs it ([`Sentences::line_end`]):
    /// most lines are read to their end by the scan itself.
    line_end: usize,
    current: Option<Current>,
    /// Closing mark of the quotation or parenthesis being scanned.
    protect: Option<usize>,
    /// Closing marks found on the current line.
    closings: Closings,
    /// A sentence held back until the next one is known (punctuation-only
    /// pieces are merged into it).
    pending: Option<Span>,
}

/// A line end not looked for yet.
const UNKNOWN: usize = usize::MAX;

impl<'t> Sentences<'t> {
    pub(crate) fn new(text: &'t str) -> Sentences<'t> {
        Sentences {
            text,
            pos: 0,
            line_start: 0,
            line_end: UNKNOWN,
            current: None,
            protect: None,
            closings: Closings::default(),
            pending: None,
        }
    }

    /// The next raw unit: trimmed, maybe without a letter or a digit.
    fn raw_next(&mut self) -> Option<Span> {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        loop {
            let Some(cur) = self.current else {
                if self.pos >= n {
                    return None;
                }
                self.begin();
                continue;
            };
            let limit = cur.next_item.unwrap_or(n).min(n);
            let i = next_interesting(b, self.pos, limit);
            if i >= limit {
                let span = self.close(limit, limit);
                if span.is_some() {
                    return span;
                }
                continue;
            }
            let span = match b[i] {
                b'\n' => self.newline(i),
                b'.' | b'!' | b'?' => self.terminal(i, cur.start),
                b'"' | b'(' => {
                    self.open(i);
                    self.pos = i + 1;
                    None
                }
                _ => match (b.get(i + 1), b.get(i + 2)) {
                    // …
                    (Some(0x80), Some(0xA6)) => self.terminal(i, cur.start),
                    // “
                    (Some(0x80), Some(0x9C)) => {
                        self.open(i);
                        self.pos = i + 3;
                        None
                    }
                    // "’", "”", "—" and the rest of general punctuation but the
                    // bullets "•" and "‣" ([`bullet_len`]): nothing to do
                    (Some(0x80), Some(c)) if !matches!(c, 0xA2 | 0xA3) => {
                        self.pos = i + 3;
                        None
                    }
                    _ if i > cur.start && bullet_len(b, i).is_some() && space_before(text, i) => self.close(i, i),
                    _ => {
                        self.pos = i + 3;
                        None
                    }
                },
            };
            if span.is_some() {
                return span;
            }
        }
    }

    /// Starts a sentence at the first non-whitespace byte from `pos`, past
    /// its bullet, list marker or leading initial.
    fn begin(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let mut p = skip_hspace(b, self.pos, n);
        if p >= n {
            self.pos = n;
            return;
        }
        if b[p] == b'\n' {
            let (s, e, _) = self.next_text_line(p);
            self.move_to_line(s, e);
            return;
        }
        let start = p;
        let mut item = false;
        let mut next = None;
        if let Some(l) = bullet_len(b, p) {
            item = true;
            p = skip_hspace(b, p + l, n);
        }
        if let Some(m) = marker_at(b, p) {
            item = true;
            next = next_item(b, &m, p + m.len, self.line_end());
            p += m.len;
        } else if crate::abbrev::initial_at(text, p) {
            p += text[p..].chars().next().map_or(1, char::len_utf8) + 1;
        }
        self.current = Some(Current { start, item, next_item: next });
        self.protect = None;
        self.pos = p;
    }

    /// Ends the current sentence at `end`; scanning resumes at `resume`.
    fn close(&mut self, end: usize, resume: usize) -> Option<Span> {
        let cur = self.current.take()?;
        self.pos = resume;
        self.protect = None;
        // most sentences start with a letter and end with punctuation, both
        // ASCII: nothing to trim and no character to decode
        let b = self.text.as_bytes();
        if cur.start < end && b[cur.start].is_ascii_graphic() && b.get(end - 1).is_some_and(u8::is_ascii_graphic) {
            return Some(Span::new(cur.start, end));
        }
        let s = self.text.get(cur.start..end);
        debug_assert!(s.is_some(), "bad sentence bounds {}..{end}", cur.start);
        let s = s?.trim_end();
        let t = s.trim_start();
        if t.is_empty() {
            return None;
        }
        let start = cur.start + (s.len() - t.len());
        Some(Span::new(start, start + t.len()))
    }

    /// The next line holding a letter or a digit after the `\n` at `nl`:
    /// its start and end ([`UNKNOWN`] when it was not needed), and whether
    /// blank or boilerplate lines came first.
    fn next_text_line(&self, nl: usize) -> (usize, usize, bool) {
        let b = self.text.as_bytes();
        let n = b.len();
        let mut s = nl + 1;
        let mut skipped = false;
        while s < n {
            // a blank line, and a line that starts with an ASCII letter or
            // digit, are told without looking for their end
            let p = skip_hspace(b, s, n);
            match b.get(p) {
                None => return (n, n, true),
                Some(b'\n') => {
                    skipped = true;
                    s = p + 1;
                    continue;
                }
                Some(c) if c.is_ascii_alphanumeric() => return (s, UNKNOWN, skipped),
                Some(_) => {}
            }
            let e = line_end_from(b, p);
            if is_content(self.text, s, e) {
                return (s, e, skipped);
            }
            skipped = true;
            s = e + 1;
        }
        (n, n, skipped)
    }

    /// Moves the scan to the line `start..end` (`end` may be [`UNKNOWN`]).
    fn move_to_line(&mut self, start: usize, end: usize) {
        self.line_start = start;
        self.line_end = end;
        self.pos = start;
    }

    /// End of the current line: its `\n` or the end of the text.
    fn line_end(&mut self) -> usize {
        if self.line_end == UNKNOWN {
            self.line_end = line_end_from(self.text.as_bytes(), self.line_start);
        }
        self.line_end
    }

    /// A line break at `nl`.
    fn newline(&mut self, nl: usize) -> Option<Span> {
        let n = self.text.len();
        let (s2, mut e2, skipped) = self.next_text_line(nl);
        let Some(cur) = self.current else {
            self.move_to_line(s2, e2);
            return None;
        };
        let brk = skipped || s2 >= n || !has_alnum(self.text, cur.start, nl) || {
            if e2 == UNKNOWN {
                e2 = line_end_from(self.text.as_bytes(), s2);
            }
            breaks(
                self.text,
                &LineBreak {
                    line_start: self.line_start,
                    newline: nl,
                    next_start: s2,
                    next_end: e2,
                    sentence: cur.start,
                    item: cur.item,
                },
            )
        };
        self.move_to_line(s2, e2);
        if brk { self.close(nl, s2) } else { None }
    }

    /// Final punctuation at `i` in the sentence that started at `start`.
    fn terminal(&mut self, i: usize, start: usize) -> Option<Span> {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let run = parse_run(text, i);
        let after = closers_end(b, run.end);
        if let Some(close) = self.protect {
            if i < close && after <= close {
                self.pos = run.end;
                return None;
            }
        }
        if after >= n {
            self.pos = n;
            return None;
        }
        if space_len(b, after) == 0 {
            if let Some(next) = glued_next(text, &run, after) {
                if ends(text, &run, &next, false, start) {
                    return self.close(after, after);
                }
            }
            self.pos = after;
            return None;
        }
        let k = skip_hspace(b, after, n);
        if k >= n || b[k] == b'\n' {
            self.pos = k;
            return None;
        }
        // the line's end bounds only a look past punctuation and spaces: a
        // letter or a digit at `k` is the next word, wherever the line ends
        let end = if b[k].is_ascii_alphanumeric() { k + 1 } else { self.line_end() };
        match next_word(text, k, end) {
            Some(next) if ends(text, &run, &next, false, start) => {
                let at = run.split_at(after);
                self.close(at, at)
            }
            Some(_) => {
                self.pos = after;
                None
            }
            None => {
                self.pos = k;
                None
            }
        }
    }

    /// An opening quotation mark or parenthesis at `i`.
    fn open(&mut self, i: usize) {
        if let Some(close) = self.protect {
            if i < close {
                return;
            }
            if i == close {
                self.protect = None;
                return;
            }
        }
        let line_end = self.line_end();
        self.protect = protected_until(self.text, i, self.line_start, line_end, &mut self.closings);
    }

    /// Takes a raw unit: a unit without a letter or a digit is merged into
    /// the sentence before it on the same line, or dropped.
    fn accept(&mut self, raw: Span) -> Option<Span> {
        // most units start with an ASCII letter or digit: answered without a call
        let b = self.text.as_bytes();
        if b[raw.start].is_ascii_alphanumeric() || has_alnum(self.text, raw.start, raw.end) {
            return self.pending.replace(raw);
        }
        if let Some(p) = &mut self.pending {
            let gap = &self.text.as_bytes()[p.end..raw.start];
            if memchr(b'\n', gap).is_none() {
                p.end = raw.end;
            }
        }
        None
    }
}

/// The end of the line that holds `i`: its `\n` or the end of `b`.
fn line_end_from(b: &[u8], i: usize) -> usize {
    memchr(b'\n', &b[i..]).map_or(b.len(), |k| i + k)
}

impl Iterator for Sentences<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            match self.raw_next() {
                Some(raw) => {
                    if let Some(out) = self.accept(raw) {
                        return Some(out);
                    }
                }
                None => return self.pending.take(),
            }
        }
    }
}

impl std::iter::FusedIterator for Sentences<'_> {}
