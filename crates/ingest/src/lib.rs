//! Reads claimex inputs into [`Document`]s.
//!
//! An input is a file, a directory, a URL or standard input ([`Input`]).
//! [`expand`] turns inputs into [`Task`]s (a directory becomes its article
//! files, walked recursively in sorted order); [`read`] turns a task into
//! documents: one per plain-text or HTML file, one per record of a JSON or
//! JSON Lines file. Text is decoded from UTF-8 (a UTF-8 or UTF-16 byte
//! order mark is honoured); text that is mostly not UTF-8 is read in a
//! legacy encoding guessed from its bytes, and a few invalid bytes in
//! UTF-8 are replaced ([`decode()`]). Either is reported as a warning on
//! the document, and offsets always refer to the decoded text.
//! Files ending in `.gz` (and gzip on standard input) are decompressed
//! as they are read, every member of a concatenated stream; zero padding
//! or garbage after the gzip data is ignored with a warning, as gzip(1)
//! ignores it. JSON or JSON Lines
//! in UTF-16 (with a byte order mark) is transcoded to UTF-8 as it is
//! read, so that it too is read a record at a time.
//!
//! Bad input never panics: every failure is an [`Error`] that names the
//! input and the reason, and one bad record of a JSON Lines file does not
//! stop the records after it.
//!
//! What it does not do: fetch URLs (the `claimex-fetch` crate does, and
//! hands the bytes to [`read_bytes`]), or find figures in the text.
#![deny(missing_docs)]

mod decode;
mod gzip;
mod json;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

pub use decode::{Decoded, decode};

/// One input as the user gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory.
    Path(PathBuf),
    /// An `http://` or `https://` URL.
    Url(String),
    /// Standard input (`-`).
    Stdin,
}

impl Input {
    /// Reads a command-line argument: `-` is stdin, `http(s)://…` a URL,
    /// anything else a path.
    pub fn parse(arg: &str) -> Input {
        let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
        if arg == "-" {
            Input::Stdin
        } else if lower.starts_with("http://") || lower.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// [`Input::parse`] for an argument as the operating system gave it: a
    /// path that is not UTF-8 is a path still.
    pub fn parse_os(arg: &std::ffi::OsStr) -> Input {
        match arg.to_str() {
            Some(s) => Input::parse(s),
            None => Input::Path(PathBuf::from(arg)),
        }
    }
}

impl fmt::Display for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Input::Path(p) => write!(f, "{}", p.display()),
            Input::Url(u) => f.write_str(u),
            Input::Stdin => f.write_str("-"),
        }
    }
}

/// How the bytes of an input are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (`.txt`, `.text`, `.md`).
    Text,
    /// HTML (`.html`, `.htm`): the article body is extracted.
    Html,
    /// One JSON object, or an array of them, with a `text` or `html` field (`.json`).
    Json,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    JsonLines,
}

/// The file extensions claimex reads, and the format of each.
const EXTENSIONS: [(&str, Format); 10] = [
    ("txt", Format::Text),
    ("text", Format::Text),
    ("md", Format::Text),
    ("markdown", Format::Text),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("json", Format::Json),
    ("jsonl", Format::JsonLines),
    ("ndjson", Format::JsonLines),
];

/// The extensions claimex reads, for messages: ".txt, .text, …".
fn extensions() -> String {
    let list: Vec<String> = EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
    list.join(", ")
}

/// The largest document claimex reads: a file, a decompressed `.gz`,
/// standard input, one line of JSON Lines or one element of a JSON array.
/// News articles are a few KB; this is far beyond any, and bounds the
/// memory of one document.
pub const MAX_DOCUMENT: usize = 256 << 20;

impl Format {
    /// The format a file name implies (a `.gz` suffix is looked through),
    /// or `None` for other files.
    pub fn from_path(path: &Path) -> Option<Format> {
        // asked of every file of a folder: compared ignoring case, no lower-cased copy; on the
        // name's bytes, so that a name that is not UTF-8 ("caf\xe9.txt") still has its extension
        let name = path.file_name()?.as_encoded_bytes();
        let gz = name.len() >= 3 && name[name.len() - 3..].eq_ignore_ascii_case(b".gz");
        let name = if gz { &name[..name.len() - 3] } else { name };
        let ext = &name[name.iter().rposition(|&c| c == b'.')? + 1..];
        EXTENSIONS.iter().find(|(e, _)| ext.eq_ignore_ascii_case(e.as_bytes())).map(|&(_, f)| f)
    }

    /// Guesses the format of bytes of unknown origin (stdin): `<` starts
    /// HTML, `{` JSON Lines, `[` JSON, anything else is text.
    pub fn sniff(bytes: &[u8]) -> Format {
        let first = if let Some(units) = utf16_units(bytes) {
            units.map(|u| u8::try_from(u).unwrap_or(0)).find(|b| !b.is_ascii_whitespace())
        } else {
            let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &bytes[i..]).unwrap_or(b"");
            start.strip_prefix(b"\xef\xbb\xbf").unwrap_or(start).first().copied()
        };
        match first {
            Some(b'<') => Format::Html,
            Some(b'{') => Format::JsonLines,
            Some(b'[') => Format::Json,
            _ => Format::Text,
        }
    }
}

/// The code units after a UTF-16 byte order mark, or `None` without one.
fn utf16_units(bytes: &[u8]) -> Option<impl Iterator<Item = u16> + '_> {
    let from = match bytes {
        [0xff, 0xfe, ..] => u16::from_le_bytes,
        [0xfe, 0xff, ..] => u16::from_be_bytes,
        _ => return None,
    };
    Some(bytes[2..].chunks_exact(2).map(move |p| from([p[0], p[1]])))
}

/// A JSON or JSON Lines stream that starts with a UTF-16 byte order mark,
/// transcoded to UTF-8 as it is read (a unit that is not UTF-16 becomes
/// U+FFFD), so that its lines and elements are found as in UTF-8; any
/// other stream as it is, its bytes decoded a record at a time.
fn utf8_stream(mut reader: BufReader<Box<dyn Read + Send>>) -> io::Result<BufReader<Box<dyn Read + Send>>> {
    if utf16_units(reader.fill_buf()?).is_none() {
        return Ok(reader);
    }
    Ok(BufReader::new(Box::new(encoding_rs_io::DecodeReaderBytesBuilder::new().build(reader))))
}

/// Skipped when walking directories: expectation files of `claimex check`.
fn is_expectation_file(name: &str) -> bool {
    name.contains(".expected.")
}

/// A unit of work: one file, one URL or stdin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// The input as the user gave it, or the file's path under the
    /// directory given.
    pub source: String,
    /// Where to read it from.
    pub origin: Origin,
}

/// Where a [`Task`] reads its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file, in a known format (`None`: given explicitly with an
    /// unknown extension; its content decides).
    File(PathBuf, Option<Format>),
    /// A URL, fetched by the caller.
    Url(String),
    /// Standard input.
    Stdin,
}

/// A document: text, and what is known about where it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The input as the user gave it (a path, a URL, `-`), or for records
    /// of a JSON file the record's `url`, else its `id`, else `FILE:LINE`.
    pub source: String,
    /// The text all offsets refer to (for HTML, the extracted article).
    pub text: String,
    /// The document's URL, when known.
    pub url: Option<String>,
    /// Its title, when known.
    pub title: Option<String>,
    /// When it was published, as written in its metadata.
    pub published: Option<String>,
    /// Its author, when known.
    pub author: Option<String>,
    /// The site that published it, when known.
    pub site_name: Option<String>,
    /// Problems that did not stop reading (lossy decoding, empty text).
    pub warnings: Vec<String>,
}

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{input}: {kind}")]
pub struct Error {
    input: String,
    kind: ErrorKind,
}

impl Error {
    /// An error about `input`.
    pub fn new(input: impl Into<String>, kind: ErrorKind) -> Error {
        Error { input: input.into(), kind }
    }

    /// The input (path, URL, `FILE:LINE`) the error is about.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// True when nothing was lost: the walk of a folder skipped something
    /// on purpose and says so ([`ErrorKind::SymlinkLoop`],
    /// [`ErrorKind::NotRegular`]). A batch reports it as a warning, not a
    /// failed input.
    pub fn is_warning(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::SymlinkLoop
                | ErrorKind::NotRegular(_)
                | ErrorKind::ClaimexOutput
                | ErrorKind::GzipTrailing { .. }
        )
    }
}

/// What went wrong with an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The path does not exist.
    #[error("no such file or directory")]
    NotFound,
    /// Reading failed.
    #[error("{0}")]
    Io(#[from] io::Error),
    /// The file holds binary data, not text.
    #[error("binary file (not text, HTML or JSON)")]
    Binary,
    /// A file whose kind claimex does not read.
    #[error("unsupported file type {0:?} (claimex reads {exts} files, each also .gz)", exts = extensions())]
    Unsupported(String),
    /// A directory without any article file in it.
    #[error("no articles found (looked for {exts} files, each also .gz)", exts = extensions())]
    NoArticles,
    /// A JSON record that does not parse.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A JSON record without `text` or `html`.
    #[error("record has no \"text\" or \"html\" string field")]
    NoText,
    /// HTML input in a build without HTML support.
    #[error("HTML input needs claimex built with the `html` feature")]
    HtmlDisabled,
    /// A symbolic link that leads back to a directory being walked: the
    /// files under it were read once already (a warning, not a failure).
    #[error("symbolic link loop (skipped; the files under it are read once)")]
    SymlinkLoop,
    /// A symbolic link found in the walk of a folder whose target does not
    /// exist.
    #[error("broken symbolic link (its target does not exist)")]
    BrokenLink,
    /// A FIFO, socket or device with an article's name found in the walk
    /// of a folder: opening a FIFO would wait for a writer that may never
    /// come, so the walk skips it (a warning). Named on the command line,
    /// such a file is read like any other (`claimex extract <(command)`).
    #[error("{0}, not a regular file (skipped in the walk of a folder)")]
    NotRegular(&'static str),
    /// A JSON or JSON Lines file of claimex's own records (figures,
    /// sentences, facts), such as an earlier run's output saved into the
    /// folder of the articles: not articles, and not read (a warning).
    #[error("claimex output (records of figures, sentences or facts), not articles: not read")]
    ClaimexOutput,
    /// A document larger than [`MAX_DOCUMENT`]: no article is, and reading
    /// it whole (`/dev/zero`, a decompression bomb) would exhaust memory.
    #[error("larger than the limit of {} MiB a document: not read", MAX_DOCUMENT >> 20)]
    TooLarge,
    /// Bytes after the gzip data of a `.gz` file or of gzip on standard
    /// input that are no gzip member: the zero padding that tape and `dd`
    /// tools add (`zeros`), or other garbage. They are ignored, as gzip(1)
    /// ignores them, and the documents before them kept (a warning, the
    /// last item of the input's documents).
    #[error("{}", if *zeros { "trailing zero bytes after the gzip data ignored" } else { "trailing garbage after the gzip data ignored" })]
    GzipTrailing {
        /// The bytes ignored were all zero.
        zeros: bool,
    },
    /// A failure reported by a caller (a fetch error, say).
    #[error("{0}")]
    Other(String),
}

/// Expands inputs into tasks, in order: a directory becomes its article
/// files (recursively, sorted by path; hidden files and `*.expected.*`
/// files skipped). Inputs that cannot be expanded become errors in place.
///
/// All tasks at once; [`tasks`] gives the same lazily.
pub fn expand(inputs: &[Input]) -> Vec<Result<Task, Error>> {
    tasks(inputs).collect()
}

/// The tasks of the inputs, as [`expand`] lists them, but walked lazily: a
/// folder of a million files costs the memory of one directory listing at
/// a time, not of the whole list.
pub fn tasks(inputs: &[Input]) -> Tasks<'_> {
    tasks_with(inputs, WalkOptions::default())
}

/// The tasks of the inputs, as [`tasks`] gives them, with folders walked
/// as `opts` says.
pub fn tasks_with(inputs: &[Input], opts: WalkOptions) -> Tasks<'_> {
    Tasks { inputs: inputs.iter(), walk: None, opts }
}

/// How the folders among the inputs are walked.
///
/// ```
/// let mut opts = claimex_ingest::WalkOptions::default();
/// opts.hidden = true;
/// let tasks = claimex_ingest::tasks_with(&[], opts);
/// assert_eq!(tasks.count(), 0);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WalkOptions {
    /// Also read hidden files and the files of hidden folders (their names
    /// start with a dot). By default they are skipped, as ripgrep and most
    /// tools that walk folders skip them: `.git`, editor back-ups, caches.
    pub hidden: bool,
}

impl WalkOptions {
    /// The filter of the walk's entries.
    fn filter(self) -> fn(&walkdir::DirEntry) -> bool {
        if self.hidden { any_entry } else { not_hidden }
    }
}

/// The iterator of [`tasks`].
pub struct Tasks<'a> {
    inputs: std::slice::Iter<'a, Input>,
    walk: Option<Walk>,
    opts: WalkOptions,
}

/// The walk of one directory input.
struct Walk {
    shown: String,
    entries: walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>,
    /// Items given so far (articles and errors): none means "no articles".
    given: usize,
}

/// Skipped when walking directories: hidden files and folders (their
/// names start with a dot). The folder the walk starts from is read
/// whatever its name.
fn not_hidden(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !is_hidden(e.file_name())
}

/// Every entry, with [`WalkOptions::hidden`].
fn any_entry(_: &walkdir::DirEntry) -> bool {
    true
}

/// A hidden file or folder's name: it starts with a dot.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// Whether the walk of the folder `dir` ([`tasks`]) would read the file
/// `path` as an article, were it a regular file: `path` lies under `dir`,
/// no folder or file on the way down from `dir` is hidden, it is no
/// `*.expected.*` file, and its name has an extension claimex reads
/// ([`Format::from_path`]). The rules are the walk's own.
///
/// Only the names are compared, nothing is looked up on disk: give both
/// paths in the same form (both canonical, say), or a path that reaches
/// the same file another way is not seen to lie under `dir`.
pub fn walk_reads(dir: &Path, path: &Path) -> bool {
    walk_reads_with(dir, path, WalkOptions::default())
}

/// Whether the walk of the folder `dir` with `opts` ([`tasks_with`]) would
/// read the file `path` as an article, as [`walk_reads`] says it for the
/// default walk.
pub fn walk_reads_with(dir: &Path, path: &Path, opts: WalkOptions) -> bool {
    let Ok(rest) = path.strip_prefix(dir) else { return false };
    let Some(name) = rest.file_name() else { return false };
    (opts.hidden || !rest.components().any(|c| is_hidden(c.as_os_str())))
        && !is_expectation_file(&name.to_string_lossy())
        && Format::from_path(rest).is_some()
}

impl Iterator for Tasks<'_> {
    type Item = Result<Task, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(walk) = &mut self.walk {
                match walk.next_item() {
                    Some(item) => {
                        walk.given += 1;
                        return Some(item);
                    }
                    None => {
                        let walk = self.walk.take()?;
                        if walk.given == 0 {
                            return Some(Err(Error::new(walk.shown, ErrorKind::NoArticles)));
                        }
                        continue;
                    }
                }
            }
            match self.inputs.next()? {
                Input::Stdin => return Some(Ok(Task { source: "-".into(), origin: Origin::Stdin })),
                Input::Url(u) => return Some(Ok(Task { source: u.clone(), origin: Origin::Url(u.clone()) })),
                Input::Path(p) => match start_path(p, self.opts) {
                    Ok(walk) => self.walk = Some(walk),
                    Err(item) => return Some(item),
                },
            }
        }
    }
}

impl fmt::Debug for Tasks<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tasks")
    }
}

/// A file input's task (or the error of a missing path), or the walk of a
/// directory.
fn start_path(path: &Path, opts: WalkOptions) -> Result<Walk, Result<Task, Error>> {
    let shown = path.display().to_string();
    // a dangling symlink is "not found" too
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) => return Err(Err(io_error(&shown, e))),
    };
    if !meta.is_dir() {
        return Err(Ok(Task { source: shown, origin: Origin::File(path.to_path_buf(), Format::from_path(path)) }));
    }
    let entries = walkdir::WalkDir::new(path)
        .follow_links(true)
        // siblings share their parent's path: comparing whole paths orders
        // them by name without parsing each path for its last component
        .sort_by(|a, b| a.path().as_os_str().cmp(b.path().as_os_str()))
        .into_iter()
        .filter_entry(opts.filter());
    Ok(Walk { shown, entries, given: 0 })
}

impl Walk {
    /// The next article file or error of the walk.
    fn next_item(&mut self) -> Option<Result<Task, Error>> {
        loop {
            match self.entries.next()? {
                Ok(e) => {
                    if e.file_type().is_dir() || is_expectation_file(&e.file_name().to_string_lossy()) {
                        continue;
                    }
                    if let Some(format) = Format::from_path(e.path()) {
                        // links are followed: the type is the target's
                        if !e.file_type().is_file() {
                            let kind = ErrorKind::NotRegular(special_kind(e.file_type()));
                            return Some(Err(Error::new(e.path().display().to_string(), kind)));
                        }
                        let path = e.into_path();
                        return Some(Ok(Task {
                            source: path.to_string_lossy().into_owned(),
                            origin: Origin::File(path, Some(format)),
                        }));
                    }
                }
                Err(err) => {
                    let at = err.path().map(|p| p.display().to_string()).unwrap_or_else(|| self.shown.clone());
                    let dangling = err.io_error().is_some_and(|io| io.kind() == io::ErrorKind::NotFound)
                        && err.path().is_some_and(|p| p.is_symlink());
                    if dangling && err.path().is_some_and(|p| Format::from_path(p).is_none()) {
                        // a link to no file, that would not have been read anyway ("logo.png")
                        continue;
                    }
                    let reason = if err.loop_ancestor().is_some() {
                        ErrorKind::SymlinkLoop
                    } else if dangling {
                        ErrorKind::BrokenLink
                    } else {
                        match err.into_io_error() {
                            Some(io) => ErrorKind::Io(io),
                            None => ErrorKind::Other("cannot walk directory".into()),
                        }
                    };
                    return Some(Err(Error::new(at, reason)));
                }
            }
        }
    }
}

/// What a file that is neither a regular file nor a directory is.
fn special_kind(t: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() {
            return "a character device";
        }
        if t.is_block_device() {
            return "a block device";
        }
    }
    let _ = t;
    "a special file"
}

/// The documents of one task, read lazily (a JSON Lines file is read one
/// line at a time). URLs cannot be read here: fetch them and call
/// [`read_bytes`].
pub fn read(task: &Task) -> Result<Documents, Error> {
    match &task.origin {
        Origin::Url(u) => Err(Error::new(u.clone(), ErrorKind::Other("URLs are fetched by the caller".into()))),
        Origin::Stdin => read_stdin(&task.source),
        Origin::File(path, format) => read_file(&task.source, path, *format),
    }
}

/// Standard input (gzip decompressed as it is read): JSON Lines and JSON
/// arrays a record at a time, as
/// from a file (`zcat articles.jsonl.gz | claimex extract` holds one
/// record in memory, not the stream), anything else read whole. The
/// format is sniffed from the first bytes the stream gives; when they are
/// all whitespace, from the whole.
fn read_stdin(source: &str) -> Result<Documents, Error> {
    let io = |e| Error::new(source, ErrorKind::Io(e));
    let mut reader: BufReader<Box<dyn Read + Send>> = BufReader::new(Box::new(io::stdin()));
    let mut trailing = None;
    if reader.fill_buf().map_err(io)?.starts_with(&[0x1f, 0x8b]) {
        // gzip (`claimex extract < articles.jsonl.gz`): decompressed as it is read
        let (gunzip, after) = gzip::Gunzip::new(reader);
        reader = BufReader::new(Box::new(gunzip));
        trailing = Some(after);
    }
    let first = reader.fill_buf().map_err(io)?;
    let blank = match utf16_units(first) {
        Some(mut units) => units.all(|u| u8::try_from(u).is_ok_and(|b| b.is_ascii_whitespace())),
        None => first.iter().all(u8::is_ascii_whitespace),
    };
    let format = (!blank).then(|| Format::sniff(first));
    let docs = match format {
        Some(Format::JsonLines) => {
            let reader = utf8_stream(reader).map_err(io)?;
            Documents::of(Inner::Lines(json::Lines::new(source.to_string(), reader)))
        }
        Some(Format::Json) => json_documents(source, reader)?,
        _ => {
            let bytes = read_bounded(source, reader)?;
            let format = format.unwrap_or_else(|| Format::sniff(&bytes));
            read_bytes(source, bytes, format, None)
        }
    };
    Ok(docs.after_gzip(source, trailing))
}

fn io_error(source: &str, e: io::Error) -> Error {
    let kind = if e.kind() == io::ErrorKind::NotFound { ErrorKind::NotFound } else { ErrorKind::Io(e) };
    Error::new(source, kind)
}

/// A `.gz` file, decompressed as it is read.
fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// A file's bytes, decompressed as they are read when it is a `.gz` file
/// (then with what says, once it is read, what was ignored after its
/// gzip data).
fn open_file(source: &str, path: &Path) -> Result<(Box<dyn Read + Send>, Option<gzip::Trailing>), Error> {
    let file = File::open(path).map_err(|e| io_error(source, e))?;
    if !is_gzip(path) {
        return Ok((Box::new(file), None));
    }
    let (gunzip, trailing) = gzip::Gunzip::new(file);
    Ok((Box::new(gunzip), Some(trailing)))
}

fn read_file(source: &str, path: &Path, format: Option<Format>) -> Result<Documents, Error> {
    if format == Some(Format::JsonLines) {
        let (file, trailing) = open_file(source, path)?;
        let reader = utf8_stream(BufReader::new(file)).map_err(|e| io_error(source, e))?;
        return Ok(
            Documents::of(Inner::Lines(json::Lines::new(source.to_string(), reader))).after_gzip(source, trailing)
        );
    }
    if format == Some(Format::Json) {
        let (file, trailing) = open_file(source, path)?;
        return Ok(json_documents(source, BufReader::new(file))?.after_gzip(source, trailing));
    }
    let (bytes, trailing) = if is_gzip(path) {
        let (file, trailing) = open_file(source, path)?;
        (read_bounded(source, file)?, trailing)
    } else {
        (read_whole(path).map_err(|e| io_error(source, e))?, None)
    };
    if bytes.len() > MAX_DOCUMENT {
        return Err(Error::new(source, ErrorKind::TooLarge));
    }
    let format = match format {
        Some(f) => f,
        None => {
            if decode::looks_binary(&bytes) {
                return Err(Error::new(source, ErrorKind::Binary));
            }
            Format::sniff(&bytes)
        }
    };
    Ok(read_bytes(source, bytes, format, None).after_gzip(source, trailing))
}

/// What a file's first read asks for: articles fit, so most files take
/// open, read, read (end of file), close, without a `stat`; a larger file
/// is then sized from its metadata, as `std::fs::read` would.
const FIRST_READ: usize = 16 * 1024;

/// The whole content of a file.
fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    let mut file = File::open(path)?;
    let mut bytes = Vec::with_capacity(FIRST_READ);
    (&mut file).take(FIRST_READ as u64).read_to_end(&mut bytes)?;
    if bytes.len() == FIRST_READ {
        let size = file.metadata().map_or(0, |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        bytes.reserve_exact(size.min(MAX_DOCUMENT + 1).saturating_sub(FIRST_READ));
        file.take((MAX_DOCUMENT + 1 - FIRST_READ) as u64).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// All of `reader`, up to [`MAX_DOCUMENT`] bytes; more is
/// [`ErrorKind::TooLarge`].
fn read_bounded(source: &str, reader: impl Read) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    reader.take(MAX_DOCUMENT as u64 + 1).read_to_end(&mut bytes).map_err(|e| Error::new(source, ErrorKind::Io(e)))?;
    if bytes.len() > MAX_DOCUMENT {
        return Err(Error::new(source, ErrorKind::TooLarge));
    }
    Ok(bytes)
}

/// Documents from bytes already in memory (stdin, a fetched page).
/// `content_type` is the `Content-Type` the bytes came with (an HTTP
/// header), whose charset is honoured for HTML.
pub fn read_bytes(source: &str, bytes: Vec<u8>, format: Format, content_type: Option<&str>) -> Documents {
    let one = |r: Result<Document, Error>| Documents::of(Inner::Many(vec![r].into_iter()));
    match format {
        Format::Text => one(text_document(source, bytes)),
        Format::Html => one(html_document(source, &bytes, content_type)),
        Format::Json => json_documents(source, BufReader::new(Box::new(io::Cursor::new(bytes))))
            .unwrap_or_else(|e| Documents::of(Inner::Many(vec![Err(e)].into_iter()))),
        Format::JsonLines => {
            // its lines found in UTF-8, as [`utf8_stream`] does for a file
            let bytes = if utf16_units(&bytes).is_some() { decode(bytes).text.into_bytes() } else { bytes };
            Documents::of(Inner::Lines(json::Lines::new(
                source.to_string(),
                BufReader::new(Box::new(io::Cursor::new(bytes))),
            )))
        }
    }
}

/// The documents of a `.json` input: the elements of an array one at a
/// time ([`json::Elements`]), or one object read whole.
fn json_documents(source: &str, reader: BufReader<Box<dyn Read + Send>>) -> Result<Documents, Error> {
    let io = |e| Error::new(source, ErrorKind::Io(e));
    let mut reader = utf8_stream(reader).map_err(io)?;
    if json::array_start(&mut reader).map_err(io)? {
        return Ok(Documents::of(Inner::Elements(json::Elements::new(source.to_string(), reader))));
    }
    let bytes = read_bounded(source, reader)?;
    Ok(Documents::of(Inner::Many(json::records_of_json(source, bytes).into_iter())))
}

fn text_document(source: &str, bytes: Vec<u8>) -> Result<Document, Error> {
    if decode::looks_binary(&bytes) {
        return Err(Error::new(source, ErrorKind::Binary));
    }
    let decoded = decode(bytes);
    let mut doc =
        Document { source: source.to_string(), text: decoded.text, warnings: decoded.warnings, ..Document::default() };
    warn_if_empty(&mut doc);
    Ok(doc)
}

fn warn_if_empty(doc: &mut Document) {
    const EMPTY: &str = "empty document (no text)";
    if doc.text.trim().is_empty() && !doc.warnings.iter().any(|w| w == EMPTY) {
        doc.warnings.push(EMPTY.into());
    }
}

/// An HTML page as a document: the charset comes from a byte order mark,
/// then `content_type`, then `<meta charset>`, else UTF-8, or for a page
/// that is not UTF-8 and declares none, what [`decode()`] makes of a text
/// file that is not UTF-8 (a legacy encoding guessed from the bytes, or
/// lossy UTF-8, with a warning that says which); the text is the
/// headline and the article body; title, date, author, site and canonical
/// URL come from the page's metadata. Without the `html` feature this is
/// an error.
#[cfg(feature = "html")]
pub fn html_document(source: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Document, Error> {
    if decode::looks_binary(bytes) {
        return Err(Error::new(source, ErrorKind::Binary));
    }
    let decoded = claimex_html::decode(bytes, content_type);
    if !decoded.declared && decoded.had_errors {
        // no charset declared, and not UTF-8: read as a text file is, in a
        // legacy encoding guessed from the bytes or as lossy UTF-8
        let guessed = decode(bytes.to_vec());
        let mut doc = html_text_document(source, &guessed.text);
        doc.warnings.splice(0..0, guessed.warnings.into_iter().map(|w| format!("no charset declared, {w}")));
        return Ok(doc);
    }
    let mut doc = html_text_document(source, &decoded.text);
    if decoded.had_errors {
        doc.warnings.push(format!("invalid {}: undecodable characters replaced with U+FFFD", decoded.encoding));
    }
    Ok(doc)
}

/// An HTML page as a document (see the `html` feature).
#[cfg(not(feature = "html"))]
pub fn html_document(source: &str, bytes: &[u8], content_type: Option<&str>) -> Result<Document, Error> {
    let _ = (bytes, content_type);
    Err(Error::new(source, ErrorKind::HtmlDisabled))
}

#[cfg(feature = "html")]
fn html_text_document(source: &str, html: &str) -> Document {
    let article = claimex_html::extract(html);
    let mut doc = Document {
        source: source.to_string(),
        text: article.text,
        url: article.canonical_url,
        title: article.title,
        published: article.published,
        author: article.author,
        site_name: article.site_name,
        warnings: Vec::new(),
    };
    warn_if_empty(&mut doc);
    doc
}

/// A document from the fields of a JSON record.
pub(crate) fn record_document(
    source: String,
    text: Option<String>,
    html: Option<String>,
    meta: RecordMeta,
) -> Result<Document, Error> {
    let mut doc = match (text, html) {
        (Some(text), _) => Document { source, text, ..Document::default() },
        (None, Some(html)) => html_document(&source, html.as_bytes(), Some("text/html; charset=utf-8"))?,
        (None, None) => return Err(Error::new(source, ErrorKind::NoText)),
    };
    doc.url = meta.url.or(doc.url);
    doc.title = meta.title.or(doc.title);
    doc.published = meta.published.or(doc.published);
    warn_if_empty(&mut doc);
    Ok(doc)
}

/// Metadata fields of a JSON record.
#[derive(Debug, Default)]
pub(crate) struct RecordMeta {
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
}

/// The documents of one task, in order; a failed record is an `Err` item
/// and the records after it still come. Of a gzip stream with zero
/// padding or garbage after its gzip data, the last item is a warning
/// ([`ErrorKind::GzipTrailing`]).
pub struct Documents {
    inner: Inner,
    /// The source of a gzip stream, and what will say, once it is read,
    /// what was ignored after its gzip data.
    gzip: Option<(String, gzip::Trailing)>,
}

enum Inner {
    Many(std::vec::IntoIter<Result<Document, Error>>),
    Lines(json::Lines<BufReader<Box<dyn Read + Send>>>),
    Elements(json::Elements<BufReader<Box<dyn Read + Send>>>),
}

impl Documents {
    fn of(inner: Inner) -> Documents {
        Documents { inner, gzip: None }
    }

    /// These documents, read from the gzip stream of `source`: the warning
    /// of what was ignored after its gzip data comes after them.
    fn after_gzip(self, source: &str, trailing: Option<gzip::Trailing>) -> Documents {
        Documents { gzip: trailing.map(|t| (source.to_string(), t)), ..self }
    }

    /// The next document, possibly not yet parsed: a batch reads documents
    /// in order on one thread with this, and resolves them
    /// ([`Pending::resolve`]) on many. `next()` is
    /// `next_pending().map(Pending::resolve)`.
    pub fn next_pending(&mut self) -> Option<Pending> {
        let next = match &mut self.inner {
            Inner::Many(it) => it.next().map(|r| Pending(PendingInner::Ready(r))),
            Inner::Lines(lines) => lines.next_raw().map(Pending::raw),
            Inner::Elements(elements) => elements.next_raw().map(Pending::raw),
        };
        next.or_else(|| {
            // the stream is read: what was ignored after its gzip data, once
            let (source, trailing) = self.gzip.take()?;
            let kind = trailing.warning()?;
            Some(Pending(PendingInner::Ready(Err(Error::new(source, kind)))))
        })
    }
}

impl Iterator for Documents {
    type Item = Result<Document, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_pending().map(Pending::resolve)
    }
}

/// A document read but maybe not yet parsed (a JSON Lines record or an
/// element of a `.json` array is kept as its raw bytes until resolved).
/// Resolving costs the parsing, HTML extraction included, and can run on
/// any thread.
pub struct Pending(PendingInner);

enum PendingInner {
    Ready(Result<Document, Error>),
    Line(String, Vec<u8>),
}

impl Pending {
    /// A JSON record read but not parsed, or the error reading it met.
    fn raw(read: Result<(String, Vec<u8>), Error>) -> Pending {
        Pending(match read {
            Ok((name, record)) => PendingInner::Line(name, record),
            Err(e) => PendingInner::Ready(Err(e)),
        })
    }

    /// Parses the document (or gives the error reading it met).
    pub fn resolve(self) -> Result<Document, Error> {
        match self.0 {
            PendingInner::Ready(r) => r,
            PendingInner::Line(name, line) => json::parse_line(name, line),
        }
    }
}

impl fmt::Debug for Pending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            PendingInner::Ready(r) => f.debug_tuple("Pending").field(r).finish(),
            PendingInner::Line(name, line) => write!(f, "Pending({name}, {} bytes unparsed)", line.len()),
        }
    }
}

impl fmt::Debug for Documents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Documents")
    }
}

/// What [`read_line`] read.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum LineRead {
    /// The end of the stream.
    End,
    /// A line, in the buffer without its line break.
    Line,
    /// A line longer than [`MAX_DOCUMENT`], skipped to its end (the
    /// buffer holds nothing of it).
    TooLong,
}

/// Reads one line into `buf` (cleared first), without its `\n` or `\r\n`.
pub(crate) fn read_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>) -> io::Result<LineRead> {
    read_line_within(r, buf, MAX_DOCUMENT)
}

/// [`read_line`] for lines of at most `limit` bytes, their line break included.
fn read_line_within<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, limit: usize) -> io::Result<LineRead> {
    buf.clear();
    let n = r.take(limit as u64 + 1).read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(LineRead::End);
    }
    if n > limit {
        // no record is this long: the rest of the line is skipped, a MiB at a time
        while !buf.ends_with(b"\n") {
            buf.clear();
            if r.take(1 << 20).read_until(b'\n', buf)? == 0 {
                break;
            }
        }
        buf.clear();
        return Ok(LineRead::TooLong);
    }
    while buf.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        buf.pop();
    }
    Ok(LineRead::Line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A line past the limit is skipped to its end, whatever its length,
    /// and the lines after it are read as usual.
    #[test]
    fn a_line_past_the_limit_is_skipped_whole() {
        for long in [9, 10, 3 << 20] {
            let text = format!("short\n{}\r\nnext\n\nlast", "x".repeat(long));
            let mut r = io::BufReader::with_capacity(4, text.as_bytes());
            let mut buf = Vec::new();
            let mut got = Vec::new();
            loop {
                match read_line_within(&mut r, &mut buf, 10).unwrap() {
                    LineRead::End => break,
                    LineRead::Line => got.push(String::from_utf8(buf.clone()).unwrap()),
                    LineRead::TooLong => got.push("(too long)".into()),
                }
            }
            // "x" * 9 and "\r\n" is 11 bytes: past the limit of 10, as the longer ones
            assert_eq!(got, ["short", "(too long)", "next", "", "last"], "{long}");
        }
    }

    #[test]
    fn whole_files_are_read_whatever_their_size_around_the_first_read() {
        let dir = tempfile::tempdir().unwrap();
        for n in [0, 1, FIRST_READ - 1, FIRST_READ, FIRST_READ + 1, 3 * FIRST_READ + 7] {
            let want: Vec<u8> = (0..n).map(|k| b'a' + (k % 26) as u8).collect();
            let path = dir.path().join(format!("{n}.txt"));
            std::fs::write(&path, &want).unwrap();
            assert_eq!(read_whole(&path).unwrap(), want, "{n} bytes");
        }
        assert_eq!(read_whole(&dir.path().join("missing")).unwrap_err().kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn inputs() {
        assert_eq!(Input::parse("-"), Input::Stdin);
        assert_eq!(Input::parse("https://x.org/a"), Input::Url("https://x.org/a".into()));
        assert_eq!(Input::parse("HTTP://x.org"), Input::Url("HTTP://x.org".into()));
        assert_eq!(Input::parse("a/b.txt"), Input::Path("a/b.txt".into()));
    }

    #[test]
    fn formats() {
        assert_eq!(Format::from_path(Path::new("a.TXT")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.html.gz")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("a.jsonl")), Some(Format::JsonLines));
        assert_eq!(Format::from_path(Path::new("a.png")), None);
        assert_eq!(Format::from_path(Path::new("B.HTML.GZ")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("notes.Md")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.gz")), None);
        assert_eq!(Format::from_path(Path::new("été.gz")), None);
        assert_eq!(Format::from_path(Path::new("données.NDJSON")), Some(Format::JsonLines));
        assert_eq!(Format::from_path(Path::new("a.tar")), None);
        assert_eq!(Format::from_path(Path::new("txt")), None);
        assert_eq!(Format::from_path(Path::new(".txt")), Some(Format::Text));
        #[cfg(unix)]
        {
            // a name that is not UTF-8 still has an extension
            use std::os::unix::ffi::OsStrExt;
            let name = std::ffi::OsStr::from_bytes(b"caf\xe9.TXT");
            assert_eq!(Format::from_path(Path::new(name)), Some(Format::Text));
            assert_eq!(Format::from_path(Path::new(std::ffi::OsStr::from_bytes(b"\xff.gz"))), None);
            assert_eq!(Input::parse_os(name), Input::Path(PathBuf::from(name)));
            assert_eq!(Input::parse_os(std::ffi::OsStr::new("-")), Input::Stdin);
        }
        assert_eq!(Format::sniff(b"  <html>"), Format::Html);
        assert_eq!(Format::sniff(b"{\"text\": 1}"), Format::JsonLines);
        // after a UTF-16 byte order mark, the first character that is not whitespace
        assert_eq!(Format::sniff(b"\xff\xfe \x00\n\x00[\x00"), Format::Json);
        assert_eq!(Format::sniff(b"\xfe\xff\x00{"), Format::JsonLines);
        assert_eq!(Format::sniff(b"\xff\xfe<\x00h\x00"), Format::Html);
        assert_eq!(Format::sniff(b"\xff\xfe{\x04"), Format::Text);
        assert_eq!(Format::sniff(b"Hello"), Format::Text);
    }

    #[test]
    fn walks_sorted_and_skips_others() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.txt", "a.md", "c.png", ".hidden.txt", "a.txt.expected.jsonl"] {
            File::create(dir.path().join(name)).unwrap().write_all(b"x").unwrap();
        }
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        File::create(dir.path().join("sub/z.txt")).unwrap().write_all(b"x").unwrap();
        let tasks = expand(&[Input::Path(dir.path().to_path_buf())]);
        let names: Vec<String> = tasks
            .iter()
            .map(|t| Path::new(&t.as_ref().unwrap().source).strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.md", "b.txt", "sub/z.txt"]);
    }

    /// [`walk_reads`] says of a path what the walk does with it.
    #[test]
    fn walk_reads_what_the_walk_reads() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "b.txt",
            "a.md",
            "c.png",
            ".hidden.txt",
            "a.txt.expected.jsonl",
            "sub/z.HTML.gz",
            ".git/x.txt",
            "sub/.cache/y.jsonl",
        ];
        for name in names {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            File::create(path).unwrap().write_all(b"x").unwrap();
        }
        let walked: Vec<PathBuf> = expand(&[Input::Path(dir.path().to_path_buf())])
            .into_iter()
            .map(|t| PathBuf::from(t.unwrap().source))
            .collect();
        for name in names {
            let path = dir.path().join(name);
            assert_eq!(walk_reads(dir.path(), &path), walked.contains(&path), "{name}");
        }
        assert_eq!(walked.len(), 3);
        // with hidden files and folders
        let hidden = WalkOptions { hidden: true };
        let walked: Vec<PathBuf> = tasks_with(&[Input::Path(dir.path().to_path_buf())], hidden)
            .map(|t| PathBuf::from(t.unwrap().source))
            .collect();
        for name in names {
            let path = dir.path().join(name);
            assert_eq!(walk_reads_with(dir.path(), &path, hidden), walked.contains(&path), "{name}");
        }
        assert_eq!(walked.len(), 6);
        // the folder itself, and paths outside it, are not read by its walk
        assert!(!walk_reads(dir.path(), dir.path()));
        assert!(!walk_reads(&dir.path().join("sub"), &dir.path().join("b.txt")));
        // a hidden folder is walked when it is the one given
        assert!(walk_reads(&dir.path().join(".git"), &dir.path().join(".git/x.txt")));
    }

    #[test]
    fn empty_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let tasks = expand(&[Input::Path(dir.path().to_path_buf())]);
        assert!(matches!(tasks[0].as_ref().unwrap_err().kind(), ErrorKind::NoArticles));
    }

    #[test]
    fn jsonl_sources_and_broken_lines() {
        let data = b"{\"url\": \"https://a\", \"text\": \"A\"}\nnot json\n\n{\"id\": 7, \"text\": \"B\"}\n{\"text\": \"C\"}\n{\"title\": \"no text\"}\n";
        let docs: Vec<_> = read_bytes("f.jsonl", data.to_vec(), Format::JsonLines, None).collect();
        assert_eq!(docs.len(), 5);
        assert_eq!(docs[0].as_ref().unwrap().source, "https://a");
        assert_eq!(docs[0].as_ref().unwrap().url.as_deref(), Some("https://a"));
        assert_eq!(docs[1].as_ref().unwrap_err().input(), "f.jsonl:2");
        assert_eq!(docs[2].as_ref().unwrap().source, "7");
        assert_eq!(docs[3].as_ref().unwrap().source, "f.jsonl:5");
        assert!(matches!(docs[4].as_ref().unwrap_err().kind(), ErrorKind::NoText));
    }

    #[test]
    fn json_array_and_object() {
        let docs: Vec<_> =
            read_bytes("f.json", br#"[{"text": "A"}, {"id": "x", "text": "B"}]"#.to_vec(), Format::Json, None)
                .collect();
        assert_eq!(docs[0].as_ref().unwrap().source, "f.json:1");
        assert_eq!(docs[1].as_ref().unwrap().source, "x");
        let docs: Vec<_> =
            read_bytes("f.json", br#"{"text": "A", "title": "T"}"#.to_vec(), Format::Json, None).collect();
        assert_eq!(docs[0].as_ref().unwrap().source, "f.json");
        assert_eq!(docs[0].as_ref().unwrap().title.as_deref(), Some("T"));
    }

    #[test]
    #[cfg(feature = "html")]
    fn html_pages_become_their_article() {
        let page = br#"<html><head><title>Chips - Example News</title>
<meta property="article:published_time" content="2025-09-18"></head>
<body><nav><a href="/">Home</a> <a href="/deals">Deals from $5</a></nav><article><h1>Chips</h1>
<p>The lab trained its model on 512 GPUs for 80 hours, the company said on Wednesday in a statement.</p>
<p>It spent $294,000 on the run, a fraction of what rivals reportedly spend on their own systems.</p></article>
<footer>Copyright 2025</footer></body></html>"#;
        let doc = read_bytes("p.html", page.to_vec(), Format::Html, None).next().unwrap().unwrap();
        assert!(doc.text.starts_with("Chips\n\n"), "{:?}", doc.text);
        assert!(doc.text.contains("$294,000"));
        assert!(!doc.text.contains("Deals from"));
        assert_eq!(doc.published.as_deref(), Some("2025-09-18"));
    }

    #[test]
    fn text_warnings() {
        let doc = read_bytes("e.txt", b"  \n".to_vec(), Format::Text, None).next().unwrap().unwrap();
        assert_eq!(doc.warnings, ["empty document (no text)"]);
        let bad = read_bytes("b.txt", b"a\x00\x01b".to_vec(), Format::Text, None).next().unwrap();
        assert!(matches!(bad.unwrap_err().kind(), ErrorKind::Binary));
        // a stray NUL in text is read as a space
        let nul = read_bytes("n.txt", b"a\x00b".to_vec(), Format::Text, None).next().unwrap().unwrap();
        assert_eq!(
            (nul.text.as_str(), nul.warnings.as_slice()),
            ("a b", ["1 NUL byte read as a space".to_string()].as_slice())
        );
    }
}
