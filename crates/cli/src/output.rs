//! Where output goes (stdout or a file written atomically) and how rows
//! are printed in each format.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::args::Format;

/// The temporary file of the `-o` output while it is being written, for
/// [`remove_temporary`].
static TEMPORARY: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Removes the temporary output file, if one is being written: for a
/// run that stops at once (a second Ctrl-C), without the drop that
/// removes it otherwise. The `-o` file itself is never touched before the
/// rename that ends a complete run.
pub fn remove_temporary() {
    if let Some(path) = TEMPORARY.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let _ = std::fs::remove_file(path);
    }
}

/// The output: stdout, a temporary file renamed over FILE at the end, or
/// a FILE that is no regular file (`/dev/null`, a FIFO, a terminal),
/// written as it is: renaming a file over it would destroy it.
pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File { tmp: BufWriter<Temporary>, path: PathBuf },
    Special { out: BufWriter<File>, path: PathBuf },
}

impl Sink {
    /// The output for `-o path`, or stdout. A symbolic link is followed:
    /// the file it points to is replaced, and the link stays.
    /// Standard output that was closed when the process started is an
    /// error ([`stdout_open`]).
    pub fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        let Some(given) = path else {
            stdout_open()?;
            return Ok(Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())));
        };
        let p = &target_of(given)?;
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => anyhow::bail!("cannot write {}: it is a directory", given.display()),
            Ok(m) if !m.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .open(p)
                    .with_context(|| format!("cannot write {}", given.display()))?;
                return Ok(Sink::Special { out: BufWriter::with_capacity(1 << 16, file), path: given.to_path_buf() });
            }
            _ => {}
        }
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".claimex-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a temporary file next to {}", p.display()))?;
        *TEMPORARY.lock().unwrap_or_else(|e| e.into_inner()) = Some(tmp.path().to_path_buf());
        Ok(Sink::File { tmp: BufWriter::with_capacity(1 << 16, Temporary(tmp)), path: p.clone() })
    }

    /// Ends a run that was interrupted: what went to standard output or a
    /// special file is flushed; the temporary `-o` file is dropped
    /// (removed) and the `-o` file is left as it was.
    pub fn interrupted(mut self) {
        match &self {
            Sink::File { path, .. } => eprintln!("claimex: interrupted; {} was left as it was", path.display()),
            Sink::Stdout(_) | Sink::Special { .. } => {
                let _ = self.flush();
                eprintln!("claimex: interrupted");
            }
        }
    }

    /// What the output is, for messages: "standard output", or the file.
    pub fn name(&self) -> String {
        match self {
            Sink::Stdout(_) => "standard output".into(),
            Sink::File { path, .. } => path.display().to_string(),
            Sink::Special { path, .. } => path.display().to_string(),
        }
    }

    /// Flushes, and for a file renames the temporary file into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(Into::into),
            Sink::Special { mut out, .. } => out.flush().map_err(Into::into),
            Sink::File { tmp, path } => {
                let Temporary(tmp) = tmp.into_inner().map_err(|e| e.into_error())?;
                tmp.as_file().sync_all()?;
                // a temporary file is private (0600); give the output the
                // permissions of the file it replaces, or the usual 0644
                let perms = match std::fs::metadata(&path) {
                    Ok(m) => m.permissions(),
                    Err(_) => default_permissions(tmp.as_file())?,
                };
                tmp.as_file().set_permissions(perms)?;
                // the temporary path is the output's name from here on: nothing to remove
                TEMPORARY.lock().unwrap_or_else(|e| e.into_inner()).take();
                tmp.persist(&path).map_err(|e| e.error).with_context(|| format!("cannot write {}", path.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::File { tmp, .. } => tmp.write(buf),
            Sink::Special { out, .. } => out.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { tmp, .. } => tmp.flush(),
            Sink::Special { out, .. } => out.flush(),
        }
    }
}

/// Whether standard output was closed when the process started
/// (`claimex extract articles >&-`), seen before Rust's runtime opens
/// `/dev/null` in its place: from then on every write to it would
/// succeed, and the output would be lost without a word.
#[cfg(any(target_os = "linux", target_os = "android"))]
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Looks at file descriptor 1 before `main`, and before Rust's runtime
/// replaces a closed one with `/dev/null`: the dynamic loader runs the
/// functions of `.init_array` first.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[used]
#[unsafe(link_section = ".init_array")]
static LOOK_AT_STDOUT: extern "C" fn() = {
    extern "C" fn look() {
        // SAFETY: F_GETFD only reads the descriptor's flags; -1 (EBADF) when it is not open
        let closed = unsafe { libc::fcntl(1, libc::F_GETFD) } == -1;
        STDOUT_CLOSED.store(closed, std::sync::atomic::Ordering::Relaxed);
    }
    look
};

/// Standard output can be written: an error ("cannot write standard
/// output: Bad file descriptor") when it was closed when the process
/// started. On systems other than Linux a closed standard output is not
/// seen (Rust's runtime gives it `/dev/null`).
pub fn stdout_open() -> anyhow::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(
            anyhow::Error::new(io::Error::from_raw_os_error(libc::EBADF)).context("cannot write standard output")
        );
    }
    Ok(())
}

/// The temporary file of an `-o` output, written through its `File`: the
/// errors of `NamedTempFile`'s own writes name the temporary path ("No
/// space left on device ... at path \"out/.claimex-U1lnnN.tmp\""), a file
/// the user never asked for and that is gone by the time they read it.
pub struct Temporary(tempfile::NamedTempFile);

impl Write for Temporary {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.as_file_mut().write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.as_file_mut().flush()
    }
}

/// The file `-o path` writes: `path`, or what its chain of symbolic links
/// ends at (which need not exist yet). A link that loops is an error.
fn target_of(path: &Path) -> anyhow::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let link = std::fs::read_link(&p).with_context(|| format!("cannot read the link {}", p.display()))?;
                p = match p.parent() {
                    Some(dir) if link.is_relative() => dir.join(link),
                    _ => link,
                };
            }
            _ => return Ok(p),
        }
    }
    anyhow::bail!("cannot write {}: too many levels of symbolic links", path.display())
}

#[cfg(unix)]
fn default_permissions(_file: &File) -> io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &File) -> io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

/// Output rows: JSON records already serialized (one or more, joined as
/// the format joins them: a line each for JSON Lines, `,` and an indent
/// between the items of a JSON array), JSON records serialized only when
/// their turn comes, a chunk at a time, or the flat cells of one record
/// (CSV and tables).
pub enum Row {
    Json {
        bytes: Vec<u8>,
        count: usize,
    },
    /// Chunks of JSON records, each as [`Row::Json`] holds them: a document
    /// with very many figures keeps no serialized copy of them all.
    Deferred(Box<dyn Iterator<Item = (Vec<u8>, usize)> + Send>),
    Cells(Vec<String>),
}

/// Writes rows in a format; tables are held until the end to align them.
pub struct Printer {
    format: Format,
    header: &'static [&'static str],
    rows: usize,
    table: Vec<Vec<String>>,
}

impl Printer {
    pub fn new(format: Format, header: &'static [&'static str]) -> Printer {
        Printer { format, header, rows: 0, table: Vec::new() }
    }

    pub fn begin(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Format::Json => out.write_all(b"["),
            Format::Csv => out.write_all(&csv_line(self.header)?),
            _ => Ok(()),
        }
    }

    pub fn row(&mut self, out: &mut impl Write, row: Row) -> io::Result<()> {
        match (self.format, row) {
            (_, Row::Deferred(chunks)) => {
                for (bytes, count) in chunks {
                    self.row(out, Row::Json { bytes, count })?;
                }
            }
            (Format::Jsonl, Row::Json { bytes, count }) => {
                out.write_all(&bytes)?;
                self.rows += count;
            }
            (Format::Json, Row::Json { bytes, count }) => {
                out.write_all(if self.rows == 0 { b"\n  " } else { b",\n  " })?;
                out.write_all(&bytes)?;
                self.rows += count;
            }
            (Format::Csv, Row::Cells(cells)) => {
                out.write_all(&csv_line(&cells)?)?;
                self.rows += 1;
            }
            (Format::Table, Row::Cells(cells)) => {
                self.table.push(cells);
                self.rows += 1;
            }
            _ => unreachable!("row built for another format"),
        }
        Ok(())
    }

    pub fn end(&mut self, out: &mut impl Write) -> io::Result<()> {
        match self.format {
            Format::Json => out.write_all(if self.rows == 0 { b"]\n" } else { b"\n]\n" }),
            Format::Table => write_table(out, self.header, &self.table),
            _ => Ok(()),
        }
    }
}

/// One CSV record (quoted as RFC 4180 requires), with its line end.
fn csv_line<I, T>(fields: I) -> io::Result<Vec<u8>>
where
    I: IntoIterator<Item = T>,
    T: AsRef<[u8]>,
{
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(fields).map_err(io::Error::other)?;
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// Prints rows as aligned columns; long cells are cut to keep lines readable.
pub fn write_table(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    const MAX: usize = 60;
    let clip = |s: &str| -> String {
        let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if one_line.chars().count() > MAX {
            let mut t: String = one_line.chars().take(MAX - 1).collect();
            t.push('…');
            t
        } else {
            one_line
        }
    };
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clip(c)).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in &cells {
        for (k, c) in r.iter().enumerate() {
            if k < widths.len() {
                widths[k] = widths[k].max(c.chars().count());
            }
        }
    }
    let line = |out: &mut dyn Write, r: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (k, c) in r.iter().enumerate() {
            if k + 1 == r.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.extend(std::iter::repeat_n(' ', widths[k] - c.chars().count() + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    line(out, &head)?;
    for r in &cells {
        line(out, r)?;
    }
    Ok(())
}
