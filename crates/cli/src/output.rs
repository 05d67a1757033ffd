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

/// The output: stdout, or a temporary file renamed over FILE at the end.
pub enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File { tmp: BufWriter<tempfile::NamedTempFile>, path: PathBuf },
}

impl Sink {
    pub fn open(path: Option<&Path>) -> anyhow::Result<Sink> {
        Ok(match path {
            None => Sink::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
            Some(p) => {
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
                Sink::File { tmp: BufWriter::with_capacity(1 << 16, tmp), path: p.to_path_buf() }
            }
        })
    }

    /// Flushes, and for a file renames the temporary file into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(Into::into),
            Sink::File { tmp, path } => {
                let tmp = tmp.into_inner().map_err(|e| e.into_error())?;
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
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::File { tmp, .. } => tmp.flush(),
        }
    }
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
/// between the items of a JSON array), or the flat cells of one record
/// (CSV and tables).
pub enum Row {
    Json { bytes: Vec<u8>, count: usize },
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
