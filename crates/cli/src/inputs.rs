//! From INPUT arguments to per-document work, in input order: local files
//! are read on all cores, URLs are fetched first (politely, with the fetch
//! crate's limits) and their pages handed to the same work.

use std::io::{self, IsTerminal};
use std::time::Duration;

use claimex::Document;
use claimex::ingest::{self, Format, Origin, Task};

use crate::Usage;
use crate::args::InputArgs;

/// What one input produced: a result per document, lines for stderr, and
/// whether anything failed.
pub struct Unit<T> {
    pub outputs: Vec<T>,
    pub messages: Vec<String>,
    pub failed: bool,
}

impl<T> Unit<T> {
    fn new() -> Unit<T> {
        Unit { outputs: Vec::new(), messages: Vec::new(), failed: false }
    }

    fn error(&mut self, message: impl std::fmt::Display) {
        self.messages.push(one_line(format!("claimex: {message}")));
        self.failed = true;
    }

    /// A warning (a problem that lost nothing), unless `--quiet`.
    fn warning(&mut self, message: impl std::fmt::Display, quiet: bool) {
        if !quiet {
            self.messages.push(one_line(format!("claimex: warning: {message}")));
        }
    }

    /// The warning for an input that held no document at all (an empty
    /// JSON Lines file).
    fn no_documents(&mut self, source: &str, quiet: bool) {
        self.warning(format_args!("{source}: no documents (no records with text)"), quiet);
    }
}

/// A message on one line, as the contract wants it, and safe for a
/// terminal: the control characters a file name or a URL may hold (a line
/// break, an escape sequence) are written as escapes ("\n", "\u{1b}").
fn one_line(message: String) -> String {
    if !message.chars().any(char::is_control) {
        return message;
    }
    message.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// The inputs the user gave: INPUT arguments and `--urls FILE`, or stdin.
pub fn inputs(args: &InputArgs) -> anyhow::Result<Vec<ingest::Input>> {
    let mut inputs: Vec<ingest::Input> = args.inputs.iter().map(|a| ingest::Input::parse_os(a)).collect();
    if let Some(list) = &args.urls {
        let urls = claimex_fetch::read_url_list(list)
            .map_err(|e| Usage(format!("{}: cannot read the URL list: {}", list.display(), e.kind())))?;
        inputs.extend(urls.into_iter().map(ingest::Input::Url));
    }
    if inputs.is_empty() {
        if io::stdin().is_terminal() {
            return Err(Usage("no INPUT given (and standard input is a terminal)".into()).into());
        }
        inputs.push(ingest::Input::Stdin);
    }
    Ok(inputs)
}

/// Runs `work` on every document of every input and hands each input's
/// unit to `emit` in input order. Returns the number of failed inputs.
pub fn for_each<T, W, E>(args: &InputArgs, inputs: &[ingest::Input], work: W, mut emit: E) -> usize
where
    T: Send,
    W: Fn(&Document) -> T + Sync,
    E: FnMut(Unit<T>) + Send,
{
    let quiet = args.quiet;
    let jobs = args.jobs.map_or_else(claimex::batch::default_jobs, usize::from);
    let several = inputs.len() > 1 || inputs.iter().any(|i| matches!(i, ingest::Input::Path(p) if p.is_dir()));
    let show_progress = !quiet && io::stderr().is_terminal() && several;

    // URLs first: fetched concurrently, each page turned into its unit as it arrives.
    let mut fetched: Vec<Option<Unit<T>>> = inputs.iter().map(|_| None).collect();
    let url_tasks: Vec<(usize, String)> = inputs
        .iter()
        .enumerate()
        .filter_map(|(k, i)| match i {
            ingest::Input::Url(u) => Some((k, u.clone())),
            _ => None,
        })
        .collect();
    if !url_tasks.is_empty() {
        let urls: Vec<String> = url_tasks.iter().map(|(_, u)| u.clone()).collect();
        let opts = fetch_options(args);
        let bar = show_progress.then(|| progress(urls.len(), "fetched"));
        let mut failed = 0;
        claimex_fetch::fetch_all(&urls, &opts, |i, result| {
            let (k, url) = &url_tasks[i];
            let unit = page_unit(url, result, &work, quiet);
            failed += usize::from(unit.failed);
            fetched[*k] = Some(unit);
            if let Some(b) = &bar {
                b.inc(1);
                b.set_message(format!("({failed} failed)"));
            }
        });
        if let Some(b) = bar {
            b.finish_and_clear();
        }
    }

    // the files of folders are walked lazily; the bar's length costs one more walk
    let bar = show_progress.then(|| progress(ingest::tasks_with(inputs, walk_options(args)).count(), "inputs"));
    let mut failed = 0usize;
    let feed = Feed {
        tasks: ingest::tasks_with(inputs, walk_options(args)),
        output: OwnOutput::of(args.output.as_deref(), inputs),
        fetched: fetched.into_iter().flatten().collect(),
        current: None,
        peeked: None,
        empty_source: None,
        quiet,
    };
    claimex::batch::ordered(
        feed,
        jobs,
        |item: Item<T>| {
            let unit = match item.payload {
                Payload::Doc(pending) => {
                    let mut unit = Unit::new();
                    push_docs(&mut unit, [pending.resolve()], &work, quiet);
                    unit
                }
                Payload::Task(task) => file_unit(&task, &work, quiet),
                Payload::Failed(e) => {
                    let mut unit = Unit::new();
                    unit.error(e);
                    unit
                }
                Payload::Ready(unit) => unit,
            };
            (unit, item.ends_input)
        },
        |(unit, ends_input): (Unit<T>, bool)| {
            let print = || unit.messages.iter().for_each(|m| eprintln!("{m}"));
            match &bar {
                Some(b) => b.suspend(print),
                None => print(),
            }
            failed += usize::from(unit.failed);
            if let Some(b) = &bar {
                if ends_input {
                    b.inc(1);
                }
                if failed > 0 {
                    b.set_message(format!("({failed} failed)"));
                }
            }
            emit(unit);
        },
    );
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    failed
}

/// One unit of work for the batch: a document read from an input, a
/// failure to read, or a unit already made (a fetched page).
struct Item<T> {
    payload: Payload<T>,
    /// The last item of its input (for the progress bar).
    ends_input: bool,
}

enum Payload<T> {
    /// A document of a multi-document input, read in order by the feed
    /// and parsed by a worker.
    Doc(ingest::Pending),
    /// A whole single-document file (text, HTML, unknown extension): a
    /// worker reads, decodes and extracts it, so the feed's lock covers
    /// no more than walking the task list.
    Task(Task),
    Failed(ingest::Error),
    Ready(Unit<T>),
}

/// Reads the inputs one document at a time, in order, for the batch's
/// workers to pull from: only the documents in flight are in memory.
struct Feed<'a, T> {
    tasks: ingest::Tasks<'a>,
    /// The units of the URL inputs, fetched already, in input order.
    fetched: std::collections::VecDeque<Unit<T>>,
    current: Option<ingest::Documents>,
    peeked: Option<Payload<T>>,
    /// The source of the current input, until it has produced a document.
    empty_source: Option<String>,
    quiet: bool,
    /// The `-o` file, not to be read back in the walk of a folder.
    output: Option<OwnOutput>,
}

/// How the run walks folders.
pub fn walk_options(args: &InputArgs) -> ingest::WalkOptions {
    let mut opts = ingest::WalkOptions::default();
    opts.hidden = args.hidden;
    opts
}

/// Refuses an `-o` file that the walk of a folder of this run would read
/// as articles: the run would replace them with its output. An earlier
/// run's output there (claimex's own records, or nothing) is fine: the
/// walk skips it, and it is replaced. A file named as an INPUT is not
/// refused: reading it whole comes before the output replaces it, as
/// with `sort -o`.
pub fn check_output(
    output: &std::path::Path,
    inputs: &[ingest::Input],
    opts: ingest::WalkOptions,
) -> anyhow::Result<()> {
    let Ok(out) = output.canonicalize() else { return Ok(()) };
    let Some(format) = Format::from_path(&out) else { return Ok(()) };
    if !out.is_file() {
        return Ok(());
    }
    let walked = inputs.iter().any(|i| match i {
        ingest::Input::Path(p) if p.is_dir() => {
            p.canonicalize().is_ok_and(|dir| ingest::walk_reads_with(&dir, &out, opts))
        }
        _ => false,
    });
    if !walked {
        return Ok(());
    }
    let task = Task { source: output.display().to_string(), origin: Origin::File(out.clone(), Some(format)) };
    let first = ingest::read(&task).ok().and_then(|mut docs| docs.next());
    let articles = match first {
        None => false,
        Some(Err(e)) => !matches!(e.kind(), ingest::ErrorKind::ClaimexOutput),
        Some(Ok(doc)) => !doc.text.trim().is_empty(),
    };
    if articles {
        return Err(Usage(format!(
            "-o {}: a file of articles in a folder this run reads; the output would replace it (choose another file)",
            output.display()
        ))
        .into());
    }
    Ok(())
}

/// The output files of the run, as the walk of a folder would meet them:
/// the `-o` file, where a previous run's output written into the folder of
/// the articles (`claimex extract articles -o articles/out.jsonl`, run
/// twice) is JSON Lines with a `text` field, which the walk would read
/// back as articles; and standard output when it is a file there
/// (`claimex extract articles > articles/out.jsonl`), which the walk would
/// read while the run writes it.
struct OwnOutput {
    /// Each file's name (the walk's files are compared by name first, so
    /// that only a file of the same name costs a look at its folder), its
    /// folder (canonical), and what it is to the run ("-o", "stdout").
    files: Vec<(std::ffi::OsString, std::path::PathBuf, &'static str)>,
    /// The files given on the command line, which are read whatever their name.
    given: Vec<std::path::PathBuf>,
}

impl OwnOutput {
    fn of(output: Option<&std::path::Path>, inputs: &[ingest::Input]) -> Option<OwnOutput> {
        let place = |file: &std::path::Path, what| {
            let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
            Some((file.file_name()?.to_owned(), parent.canonicalize().ok()?, what))
        };
        let mut files: Vec<_> = output.and_then(|o| place(o, "-o")).into_iter().collect();
        files.extend(stdout_file().and_then(|f| place(&f, "stdout")));
        if files.is_empty() {
            return None;
        }
        let given = inputs
            .iter()
            .filter_map(|i| match i {
                ingest::Input::Path(p) if !p.is_dir() => Some(p.clone()),
                _ => None,
            })
            .collect();
        Some(OwnOutput { files, given })
    }

    /// What `path`, met in the walk of a folder, is to the run, if it is
    /// one of its output files.
    fn is(&self, path: &std::path::Path) -> Option<&'static str> {
        let name = path.file_name()?;
        let (_, dir, what) = self.files.iter().find(|(n, ..)| n == name)?;
        let theirs = !self.given.iter().any(|g| g == path)
            && path.parent().and_then(|p| p.canonicalize().ok()).is_some_and(|d| d == *dir);
        theirs.then_some(*what)
    }
}

/// The file standard output writes, when it is a regular file.
#[cfg(target_os = "linux")]
fn stdout_file() -> Option<std::path::PathBuf> {
    let path = std::fs::canonicalize("/proc/self/fd/1").ok()?;
    path.is_file().then_some(path)
}

#[cfg(not(target_os = "linux"))]
fn stdout_file() -> Option<std::path::PathBuf> {
    None
}

impl<T> Feed<'_, T> {
    /// What a file task is to the run ("-o", "stdout") when it is one of
    /// the run's own output files ([`OwnOutput::is`]).
    fn own_output(&self, task: &Task) -> Option<&'static str> {
        match &task.origin {
            Origin::File(path, _) => self.output.as_ref()?.is(path),
            _ => None,
        }
    }

    /// The next payload of the current input, if any.
    fn next_in_current(&mut self) -> Option<Payload<T>> {
        let docs = self.current.as_mut()?;
        match docs.next_pending() {
            Some(p) => Some(Payload::Doc(p)),
            None => {
                self.current = None;
                None
            }
        }
    }
}

impl<T> Iterator for Feed<'_, T> {
    type Item = Item<T>;

    fn next(&mut self) -> Option<Item<T>> {
        if crate::interrupted() {
            // Ctrl-C: read nothing more; the documents in flight finish
            return None;
        }
        loop {
            let payload = match self.peeked.take().or_else(|| self.next_in_current()) {
                Some(p) => p,
                None if self.empty_source.is_some() => {
                    // an input that held no document at all (an empty JSON Lines file)
                    let source = self.empty_source.take().unwrap_or_default();
                    let mut unit = Unit::new();
                    unit.no_documents(&source, self.quiet);
                    return Some(Item { payload: Payload::Ready(unit), ends_input: true });
                }
                None => match self.tasks.next()? {
                    Ok(Task { origin: Origin::Url(url), .. }) => {
                        let unit = self.fetched.pop_front().unwrap_or_else(|| {
                            let mut unit = Unit::new();
                            unit.error(format_args!("{url}: not fetched"));
                            unit
                        });
                        return Some(Item { payload: Payload::Ready(unit), ends_input: true });
                    }
                    Err(e) if e.is_warning() => {
                        let mut unit = Unit::new();
                        unit.warning(e, self.quiet);
                        return Some(Item { payload: Payload::Ready(unit), ends_input: true });
                    }
                    Err(e) => return Some(Item { payload: Payload::Failed(e), ends_input: true }),
                    Ok(task) => {
                        if let Some(what) = self.own_output(&task) {
                            let mut unit = Unit::new();
                            unit.warning(
                                format_args!("{}: the output file of this run ({what}), not read", task.source),
                                self.quiet,
                            );
                            return Some(Item { payload: Payload::Ready(unit), ends_input: true });
                        }
                        if reads_whole(&task) {
                            return Some(Item { payload: Payload::Task(task), ends_input: true });
                        }
                        match ingest::read(&task) {
                            Ok(docs) => {
                                self.current = Some(docs);
                                self.empty_source = Some(task.source);
                                continue;
                            }
                            Err(e) => return Some(Item { payload: Payload::Failed(e), ends_input: true }),
                        }
                    }
                },
            };
            self.empty_source = None;
            self.peeked = self.next_in_current();
            let ends_input = self.peeked.is_none();
            return Some(Item { payload, ends_input });
        }
    }
}

/// Whether a task is read as a whole by a worker: a local file with one
/// document (text, HTML) or of a format its content decides. JSON and
/// JSON Lines files are read by the feed, a record at a time.
fn reads_whole(task: &Task) -> bool {
    matches!(&task.origin, Origin::File(_, f) if !matches!(f, Some(Format::Json | Format::JsonLines)))
}

fn progress(n: usize, what: &str) -> indicatif::ProgressBar {
    let pb = indicatif::ProgressBar::new(n as u64);
    let template = format!("{{bar:40}} {{pos}}/{{len}} {what} {{msg}} [{{elapsed_precise}}]");
    pb.set_style(indicatif::ProgressStyle::with_template(&template).expect("progress template"));
    pb
}

fn fetch_options(args: &InputArgs) -> claimex_fetch::Options {
    let mut opts = claimex_fetch::Options::default();
    if let Some(j) = args.jobs {
        opts.jobs = usize::from(j);
    }
    if let Some(t) = args.timeout {
        opts.timeout = Duration::from_secs_f64(t);
    }
    opts.cache_dir = args.cache.clone();
    opts
}

/// Does the work of each document into `unit`; returns how many items
/// (documents, errors and warnings) there were.
fn push_docs<T, W>(
    unit: &mut Unit<T>,
    docs: impl IntoIterator<Item = Result<Document, ingest::Error>>,
    work: &W,
    quiet: bool,
) -> usize
where
    W: Fn(&Document) -> T,
{
    let mut items = 0;
    for doc in docs {
        items += 1;
        match doc {
            Ok(doc) => {
                for w in &doc.warnings {
                    unit.warning(format_args!("{}: {w}", doc.source), quiet);
                }
                unit.outputs.push(work(&doc));
            }
            Err(e) if e.is_warning() => unit.warning(e, quiet),
            Err(e) => unit.error(e),
        }
    }
    items
}

/// The unit of a whole local file, read, decoded and parsed here (on a
/// worker).
fn file_unit<T, W>(task: &Task, work: &W, quiet: bool) -> Unit<T>
where
    W: Fn(&Document) -> T,
{
    let mut unit = Unit::new();
    match ingest::read(task) {
        Ok(docs) => {
            if push_docs(&mut unit, docs, work, quiet) == 0 {
                unit.no_documents(&task.source, quiet);
            }
        }
        Err(e) => unit.error(e),
    }
    unit
}

fn page_unit<T, W>(
    url: &str,
    result: Result<claimex_fetch::Page, claimex_fetch::Error>,
    work: &W,
    quiet: bool,
) -> Unit<T>
where
    W: Fn(&Document) -> T,
{
    let mut unit = Unit::new();
    let page = match result {
        Ok(p) => p,
        Err(e) => {
            unit.error(format_args!("{url}: {e}"));
            return unit;
        }
    };
    let format = match page.media_type().as_deref() {
        Some("text/plain") => Format::Text,
        Some(_) => Format::Html,
        None => Format::sniff(&page.body),
    };
    let final_url = page.final_url.clone();
    let docs = ingest::read_bytes(url, page.body, format, page.content_type.as_deref()).map(|d| {
        d.map(|mut doc| {
            doc.url.get_or_insert_with(|| final_url.clone());
            doc
        })
    });
    push_docs(&mut unit, docs, work, quiet);
    unit
}
