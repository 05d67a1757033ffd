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
        self.messages.push(format!("claimex: {message}"));
        self.failed = true;
    }

    /// A warning (a problem that lost nothing), unless `--quiet`.
    fn warning(&mut self, message: impl std::fmt::Display, quiet: bool) {
        if !quiet {
            self.messages.push(format!("claimex: warning: {message}"));
        }
    }

    /// The warning for an input that held no document at all (an empty
    /// JSON Lines file).
    fn no_documents(&mut self, source: &str, quiet: bool) {
        self.warning(format_args!("{source}: no documents (no records with text)"), quiet);
    }
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
    let bar = show_progress.then(|| progress(ingest::tasks(inputs).count(), "inputs"));
    let mut failed = 0usize;
    let feed = Feed {
        tasks: ingest::tasks(inputs),
        output: args.output.as_deref().and_then(|o| OwnOutput::of(o, inputs)),
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

/// The `-o` file of the run, as the walk of a folder would meet it: a
/// previous run's output written into the folder of the articles
/// (`claimex extract articles -o articles/out.jsonl`, run twice) is JSON
/// Lines with a `text` field, which the walk would read back as articles.
struct OwnOutput {
    /// Its file name: the walk's files are compared by name first, so
    /// that only a file of the same name costs a look at its folder.
    name: std::ffi::OsString,
    /// Its folder, canonical.
    dir: std::path::PathBuf,
    /// The files given on the command line, which are read whatever their name.
    given: Vec<std::path::PathBuf>,
}

impl OwnOutput {
    fn of(output: &std::path::Path, inputs: &[ingest::Input]) -> Option<OwnOutput> {
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        let given = inputs
            .iter()
            .filter_map(|i| match i {
                ingest::Input::Path(p) if !p.is_dir() => Some(p.clone()),
                _ => None,
            })
            .collect();
        Some(OwnOutput { name: output.file_name()?.to_owned(), dir: parent.canonicalize().ok()?, given })
    }

    /// True when `path`, met in the walk of a folder, is the output file.
    fn is(&self, path: &std::path::Path) -> bool {
        path.file_name() == Some(self.name.as_os_str())
            && !self.given.iter().any(|g| g == path)
            && path.parent().and_then(|p| p.canonicalize().ok()).is_some_and(|d| d == self.dir)
    }
}

impl<T> Feed<'_, T> {
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
                    Ok(Task { origin: Origin::File(path, _), source })
                        if self.output.as_ref().is_some_and(|o| o.is(&path)) =>
                    {
                        let mut unit = Unit::new();
                        unit.warning(format_args!("{source}: the output file of this run (-o), not read"), self.quiet);
                        return Some(Item { payload: Payload::Ready(unit), ends_input: true });
                    }
                    Ok(task) if reads_whole(&task) => {
                        return Some(Item { payload: Payload::Task(task), ends_input: true });
                    }
                    Ok(task) => match ingest::read(&task) {
                        Ok(docs) => {
                            self.current = Some(docs);
                            self.empty_source = Some(task.source);
                            continue;
                        }
                        Err(e) => return Some(Item { payload: Payload::Failed(e), ends_input: true }),
                    },
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

fn push_docs<T, W>(
    unit: &mut Unit<T>,
    docs: impl IntoIterator<Item = Result<Document, ingest::Error>>,
    work: &W,
    quiet: bool,
) where
    W: Fn(&Document) -> T,
{
    for doc in docs {
        match doc {
            Ok(doc) => {
                for w in &doc.warnings {
                    unit.warning(format_args!("{}: {w}", doc.source), quiet);
                }
                unit.outputs.push(work(&doc));
            }
            Err(e) => unit.error(e),
        }
    }
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
            push_docs(&mut unit, docs, work, quiet);
            if unit.outputs.is_empty() && !unit.failed {
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
