//! Gzip streams, decompressed as they are read.
//!
//! Every member of a stream of concatenated members is read, as
//! `flate2::read::MultiGzDecoder` reads them. What follows the last member
//! and is no gzip member — the zero padding that tape and `dd` tools add
//! to fill a block, or any other trailing garbage — is ignored, as
//! gzip(1) ignores it ("decompression OK, trailing garbage ignored"): the
//! document is kept, and [`Trailing`] says what was ignored, for a
//! warning. Bytes that start like a member (`1f 8b`) and are no valid
//! member are an error still, as a truncated or corrupt member is.

use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

/// The two bytes every gzip member starts with.
const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// How much of what follows the last member is looked at to tell zero
/// padding (a tape block is 10 KiB) from garbage.
const LOOKED_AT: usize = 1 << 20;

/// What followed the last member of a gzip stream, once it was read to its
/// end; shared between the reader and whoever reports on it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trailing(Arc<AtomicU8>);

/// What [`Trailing`] holds: 0 until something is ignored, then one of these.
const ZEROS: u8 = 1;
const GARBAGE: u8 = 2;

impl Trailing {
    /// The warning for what was ignored after the gzip data, if anything was.
    pub(crate) fn warning(&self) -> Option<crate::ErrorKind> {
        match self.0.load(Ordering::Relaxed) {
            ZEROS => Some(crate::ErrorKind::GzipTrailing { zeros: true }),
            GARBAGE => Some(crate::ErrorKind::GzipTrailing { zeros: false }),
            _ => None,
        }
    }

    fn set(&self, what: u8) {
        self.0.store(what, Ordering::Relaxed);
    }
}

/// A gzip stream's decompressed bytes: each member in turn, and nothing of
/// what follows the last one when it is no member ([`Trailing`]).
pub(crate) struct Gunzip<R> {
    /// The member being read; `None` once the stream has ended.
    member: Option<flate2::bufread::GzDecoder<Peek<R>>>,
    trailing: Trailing,
}

impl<R: Read> Gunzip<R> {
    /// The decompression of `compressed`, and the handle that says, once
    /// it has been read to its end, what was ignored after its members.
    pub(crate) fn new(compressed: R) -> (Gunzip<R>, Trailing) {
        let trailing = Trailing::default();
        let member = flate2::bufread::GzDecoder::new(Peek::new(compressed));
        (Gunzip { member: Some(member), trailing: trailing.clone() }, trailing)
    }
}

impl<R: Read> Read for Gunzip<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(member) = &mut self.member else { return Ok(0) };
            if out.is_empty() {
                return Ok(0);
            }
            let n = member.read(out)?;
            if n > 0 {
                return Ok(n);
            }
            // the member ended (its checksum verified): another follows, or
            // the stream ends, or what follows is no gzip data
            let Some(member) = self.member.take() else { return Ok(0) };
            let mut rest = member.into_inner();
            let next = rest.fill_at_least(MAGIC.len())?;
            if next.is_empty() {
                return Ok(0);
            }
            if next.starts_with(&MAGIC) {
                self.member = Some(flate2::bufread::GzDecoder::new(rest));
                continue;
            }
            self.trailing.set(if only_zeros(&mut rest)? { ZEROS } else { GARBAGE });
            return Ok(0);
        }
    }
}

/// Whether the rest of `r` is zero bytes (at most [`LOOKED_AT`] of them
/// are looked at; past that it is called garbage, whatever it is).
fn only_zeros(r: &mut impl BufRead) -> io::Result<bool> {
    let mut seen = 0;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(true);
        }
        if chunk.iter().any(|&b| b != 0) || seen + chunk.len() > LOOKED_AT {
            return Ok(false);
        }
        let n = chunk.len();
        seen += n;
        r.consume(n);
    }
}

/// A buffered reader that can be asked to hold at least a few bytes, so
/// that the start of what follows a member can be looked at whole even
/// when it lies across two reads.
struct Peek<R> {
    inner: R,
    buf: Box<[u8]>,
    pos: usize,
    end: usize,
}

impl<R: Read> Peek<R> {
    fn new(inner: R) -> Peek<R> {
        Peek { inner, buf: vec![0; 64 * 1024].into_boxed_slice(), pos: 0, end: 0 }
    }

    /// The buffered bytes, at least `n` of them unless the stream ends first.
    fn fill_at_least(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.pos < n {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
            while self.end < n {
                match self.inner.read(&mut self.buf[self.end..]) {
                    Ok(0) => break,
                    Ok(k) => self.end += k,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(&self.buf[self.pos..self.end])
    }
}

impl<R: Read> Read for Peek<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for Peek<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos == self.end {
            self.pos = 0;
            self.end = 0;
            self.fill_at_least(1)?;
        }
        Ok(&self.buf[self.pos..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.pos = (self.pos + n).min(self.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(text: &str) -> Vec<u8> {
        let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        w.write_all(text.as_bytes()).unwrap();
        w.finish().unwrap()
    }

    /// What [`Gunzip`] makes of `bytes`, read `chunk` bytes at a time from
    /// the source: the text, and what was ignored after it.
    fn gunzip(bytes: &[u8], chunk: usize) -> io::Result<(String, Option<String>)> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(out.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let (mut reader, trailing) = Gunzip::new(Trickle(bytes, chunk));
        let mut text = String::new();
        reader.read_to_string(&mut text)?;
        Ok((text, trailing.warning().map(|w| w.to_string())))
    }

    const ZEROS_IGNORED: &str = "trailing zero bytes after the gzip data ignored";
    const GARBAGE_IGNORED: &str = "trailing garbage after the gzip data ignored";

    #[test]
    fn members_are_all_read_and_what_follows_them_is_ignored() {
        let two = [gz("It cost $5m. "), gz("It took 80 hours.")].concat();
        let both = "It cost $5m. It took 80 hours.".to_string();
        for chunk in [1, 2, 3, 7, 1 << 20] {
            assert_eq!(gunzip(&two, chunk).unwrap(), (both.clone(), None), "{chunk}");
            let padded = [two.as_slice(), &[0; 10240]].concat();
            assert_eq!(gunzip(&padded, chunk).unwrap(), (both.clone(), Some(ZEROS_IGNORED.into())), "{chunk}");
            for garbage in [&b"garbage\n"[..], b"\x1f", b"\x1f\x00", b"\x00\x00x", b"\x8b\x1f"] {
                let bytes = [two.as_slice(), garbage].concat();
                assert_eq!(
                    gunzip(&bytes, chunk).unwrap(),
                    (both.clone(), Some(GARBAGE_IGNORED.into())),
                    "{chunk} {garbage:?}"
                );
            }
            // zeros for longer than is looked at are called garbage
            let long = [two.as_slice(), &vec![0; LOOKED_AT + 1]].concat();
            assert_eq!(gunzip(&long, chunk).unwrap().1.as_deref(), Some(GARBAGE_IGNORED));
        }
    }

    /// What starts like a member and is none, a truncated member, and
    /// bytes that are no gzip at all are errors, as before.
    #[test]
    fn broken_members_are_errors() {
        let one = gz("It cost $5m.");
        for bad in [
            [one.as_slice(), &[0x1f, 0x8b, 0, 0]].concat(),
            [one.as_slice(), &one[..one.len() - 3]].concat(),
            one[..one.len() - 1].to_vec(),
            b"plain text".to_vec(),
        ] {
            assert!(gunzip(&bad, 5).is_err(), "{bad:?}");
        }
    }
}
