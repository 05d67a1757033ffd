//! The `claimex` command. It parses arguments, runs the library, and
//! prints; everything else lives in the `claimex` crate.

mod args;
mod cells;
mod inputs;
mod output;
mod report;

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use claimex::{Document, KindSet, MentionRecord, Pipeline, SentenceRecord, TextRecord};
use clap::Parser;

use args::{CheckArgs, Cli, Command, Format, InputArgs};
use output::{Printer, Row, Sink};

/// Set by the Ctrl-C handler: stop reading inputs, write nothing more, and
/// leave any `-o` file as it was.
static INTERRUPTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// True once the user pressed Ctrl-C (or the process got SIGINT/SIGTERM).
pub(crate) fn interrupted() -> bool {
    INTERRUPTED.load(std::sync::atomic::Ordering::Relaxed)
}

/// The exit status of an interrupted run: 130, as shells give a process
/// that SIGINT ended.
pub(crate) const INTERRUPTED_STATUS: u8 = 130;

fn main() -> ExitCode {
    // An interrupted run must not leave a half-written output behind: the
    // handler only raises a flag; the batch stops and the temporary output
    // file is removed instead of renamed into place. The documents in
    // flight finish first, and one may never finish (a read from a FIFO
    // named on the command line that no one writes to) or take long (a
    // huge file): a second signal, or the end of GRACE after the first,
    // removes the temporary file and exits at once.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            stop_now("interrupted again; stopped without waiting for the documents in flight");
        }
        std::thread::spawn(|| {
            std::thread::sleep(GRACE);
            stop_now(&format!(
                "interrupted; the documents in flight did not finish within {} s: stopped without them",
                GRACE.as_secs()
            ));
        });
    });
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("claimex: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// How long an interrupted run waits for the documents in flight before
/// it stops without them.
const GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Stops the process now, status [`INTERRUPTED_STATUS`]: the temporary output file is
/// removed (the `-o` file is left as it was); what stdout was given stays,
/// and what was still buffered is dropped.
fn stop_now(why: &str) -> ! {
    output::remove_temporary();
    eprintln!("claimex: {why}");
    std::process::exit(INTERRUPTED_STATUS.into());
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| e.downcast_ref::<io::Error>().is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe))
}

/// Errors in the use of the command: exit status 2.
#[derive(Debug)]
pub(crate) struct Usage(pub(crate) String);

impl std::fmt::Display for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let result = match cli.command {
        Command::Extract(a) => {
            let kinds = if a.kinds.is_empty() { KindSet::ALL } else { a.kinds.iter().copied().collect() };
            process(&a.input, a.format, Job::Extract(Pipeline::new().kinds(kinds)))
        }
        Command::Reconcile(a) => report::reconcile(&a),
        Command::Sentences(a) => process(&a.input, a.format, Job::Sentences(Pipeline::new())),
        Command::Text(a) => process(&a.input, a.format, Job::Text),
        Command::Check(a) => check(&a),
    };
    match result {
        Err(e) if e.downcast_ref::<Usage>().is_some() => {
            eprintln!("claimex: {e}");
            eprintln!("Try 'claimex --help' for more information.");
            Ok(ExitCode::from(2))
        }
        other => other,
    }
}

/// What to do with each document.
enum Job {
    Extract(Pipeline),
    Sentences(Pipeline),
    Text,
}

impl Job {
    fn header(&self, format: Format) -> &'static [&'static str] {
        match self {
            Job::Extract(_) if format == Format::Table => cells::MENTION_TABLE_HEADER,
            Job::Extract(_) => cells::MENTION_HEADER,
            Job::Sentences(_) => cells::SENTENCE_HEADER,
            Job::Text => cells::TEXT_HEADER,
        }
    }
}

fn process(args: &InputArgs, format: Format, job: Job) -> anyhow::Result<ExitCode> {
    let inputs = inputs::inputs(args)?;
    if let Some(output) = &args.output {
        inputs::check_output(output, &inputs, inputs::walk_options(args))?;
    }
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut printer = Printer::new(format, job.header(format));
    printer.begin(&mut sink).with_context(|| format!("cannot write {}", sink.name()))?;
    let mut write_error: Option<io::Error> = None;
    let failed = inputs::for_each(
        args,
        &inputs,
        |doc| {
            let mut rows = Vec::new();
            document_rows(&job, doc, format, &mut rows);
            rows
        },
        |unit| {
            for row in unit.outputs.into_iter().flatten() {
                if write_error.is_some() {
                    break;
                }
                if let Err(e) = printer.row(&mut sink, row) {
                    write_error = Some(e);
                }
            }
        },
    );
    let name = sink.name();
    if let Some(e) = write_error {
        return Err(anyhow::Error::new(e).context(format!("cannot write {name}")));
    }
    if interrupted() {
        sink.interrupted();
        return Ok(ExitCode::from(INTERRUPTED_STATUS));
    }
    printer
        .end(&mut sink)
        .map_err(anyhow::Error::new)
        .and_then(|()| sink.finish())
        .map_err(|e| e.context(format!("cannot write {name}")))?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The JSON records of one document, serialized into one buffer (no
/// allocation per record) and joined as the format joins them.
struct JsonRows {
    bytes: Vec<u8>,
    count: usize,
    array: bool,
}

impl JsonRows {
    fn new(format: Format) -> JsonRows {
        JsonRows { bytes: Vec::new(), count: 0, array: format == Format::Json }
    }

    fn push<T: serde::Serialize>(&mut self, record: &T) {
        self.push_with(|bytes| serde_json::to_writer(bytes, record).expect("records serialize"));
    }

    /// One record, written by `write` in compact JSON.
    fn push_with(&mut self, write: impl FnOnce(&mut Vec<u8>)) {
        if self.array && self.count > 0 {
            self.bytes.extend_from_slice(b",\n  ");
        }
        write(&mut self.bytes);
        if !self.array {
            self.bytes.push(b'\n');
        }
        self.count += 1;
    }

    /// The mention records of `mentions`, with their attributions, in one
    /// allocation (a record is 250 to 300 bytes).
    fn push_mentions(
        &mut self,
        source: &str,
        text: &str,
        mentions: &[claimex::Mention],
        attributions: &[claimex::Attribution],
    ) {
        self.bytes.reserve(mentions.len() * 320);
        for (m, a) in mentions.iter().zip(attributions) {
            let r = MentionRecord::with_attribution(source, text, m, a);
            self.push_with(|bytes| r.write_json(bytes));
        }
    }

    fn finish(self, rows: &mut Vec<Row>) {
        if self.count > 0 {
            rows.push(Row::Json { bytes: self.bytes, count: self.count });
        }
    }
}

/// The mention records of a document with very many figures, serialized
/// a chunk at a time when the output takes them.
struct DeferredMentions {
    source: String,
    text: String,
    analysis: claimex::Analysis,
    /// The first mention not yet serialized.
    next: usize,
    format: Format,
}

impl DeferredMentions {
    /// Mention records serialized into one chunk.
    const CHUNK: usize = 4_096;
}

impl Iterator for DeferredMentions {
    type Item = (Vec<u8>, usize);

    fn next(&mut self) -> Option<(Vec<u8>, usize)> {
        let a = &self.analysis;
        let end = a.mentions.len().min(self.next + Self::CHUNK);
        if self.next >= end {
            return None;
        }
        let mut json = JsonRows::new(self.format);
        let attributions = a.attributions.get(self.next..).unwrap_or_default();
        json.push_mentions(&self.source, &self.text, &a.mentions[self.next..end], attributions);
        self.next = end;
        Some((json.bytes, json.count))
    }
}

/// The most sentences whose room a worker keeps from one document to the
/// next (a long article has a few hundred).
const KEPT_SENTENCES: usize = 16_384;
/// The most mentions whose room a worker keeps from one document to the next.
const KEPT_MENTIONS: usize = 4_096;

thread_local! {
    /// Each worker's analysis buffers, reused from document to document:
    /// their sentences, mentions and attributions are allocated once per
    /// thread, not once per document.
    static ANALYSIS: std::cell::RefCell<claimex::Analysis> = std::cell::RefCell::default();
}

fn document_rows(job: &Job, doc: &Document, format: Format, rows: &mut Vec<Row>) {
    let mut json = matches!(format, Format::Jsonl | Format::Json).then(|| JsonRows::new(format));
    match job {
        Job::Extract(p) => ANALYSIS.with_borrow_mut(|analysis| {
            p.analyze_into(&doc.text, analysis);
            if json.is_some() && analysis.mentions.len() > KEPT_MENTIONS {
                // Too many figures to hold their JSON until the document's
                // turn (a 21 MB table of prices gives 190 MB of it): keep the
                // analysis instead, and write it then. The worker would not
                // have kept these buffers for its next document anyway.
                let deferred = DeferredMentions {
                    source: doc.source.clone(),
                    text: doc.text.clone(),
                    analysis: std::mem::take(analysis),
                    next: 0,
                    format,
                };
                rows.push(Row::Deferred(Box::new(deferred)));
                return;
            }
            match &mut json {
                Some(j) => j.push_mentions(&doc.source, &doc.text, &analysis.mentions, &analysis.attributions),
                None => {
                    for (m, a) in analysis.mentions.iter().zip(&analysis.attributions) {
                        let r = MentionRecord::with_attribution(&doc.source, &doc.text, m, a);
                        rows.push(Row::Cells(match format {
                            Format::Table => cells::mention_table(&r),
                            _ => cells::mention(&r),
                        }));
                    }
                }
            }
            // a huge document (a 100 MB one-line file) does not keep its
            // buffers for the rest of the batch
            if analysis.sentences.capacity() > KEPT_SENTENCES || analysis.mentions.capacity() > KEPT_MENTIONS {
                *analysis = claimex::Analysis::default();
            }
        }),
        Job::Sentences(p) => {
            for (k, s) in p.sentences(&doc.text).into_iter().enumerate() {
                let r = SentenceRecord::new(&doc.source, &doc.text, k, s);
                match &mut json {
                    Some(j) => j.push(&r),
                    None => rows.push(Row::Cells(cells::sentence(&r))),
                }
            }
        }
        Job::Text => {
            let r = TextRecord::new(doc);
            match &mut json {
                Some(j) => j.push(&r),
                None => rows.push(Row::Cells(cells::text(&r))),
            }
        }
    }
    if let Some(j) = json {
        j.finish(rows);
    }
}

fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if !args.dir.is_dir() {
        return Err(Usage(format!("{}: not a directory", args.dir.display())).into());
    }
    output::stdout_open()?;
    let pipeline = Pipeline::new();
    let fixtures =
        claimex::check::run(&pipeline, &args.dir).with_context(|| format!("cannot check {}", args.dir.display()))?;
    let sets = claimex::check::run_sets(&pipeline, &args.dir)
        .with_context(|| format!("cannot check {}", args.dir.display()))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for f in &fixtures {
        let what = f.article.display().to_string();
        failed += usize::from(!report_one(
            &mut out,
            &what,
            f.passed(),
            &f.errors,
            &f.expected_path,
            f.expected.as_ref().map(|e| e.join("\n") + "\n"),
            &(f.actual.join("\n") + "\n"),
        )?);
    }
    for s in &sets {
        let what = format!("{} (reconciliation)", s.dir.display());
        failed += usize::from(!report_one(
            &mut out,
            &what,
            s.passed(),
            &s.errors,
            &s.expected_path,
            s.expected.clone(),
            &s.actual,
        )?);
    }
    let total = fixtures.len() + sets.len();
    writeln!(out, "{total} fixture(s), {} passed, {failed} failed", total - failed)?;
    out.flush()?;
    if args.bless && failed > 0 {
        let n = claimex::check::bless(&fixtures)? + claimex::check::bless_sets(&sets)?;
        writeln!(out, "blessed: rewrote {n} expected file(s)")?;
        return Ok(ExitCode::SUCCESS);
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Prints one fixture's outcome (and its diff); returns whether it passed.
fn report_one(
    out: &mut impl Write,
    what: &str,
    passed: bool,
    errors: &[String],
    expected_path: &std::path::Path,
    expected: Option<String>,
    actual: &str,
) -> io::Result<bool> {
    if passed {
        writeln!(out, "ok    {what}")?;
        return Ok(true);
    }
    writeln!(out, "FAIL  {what}")?;
    for e in errors {
        writeln!(out, "      error: {e}")?;
    }
    match expected {
        None => writeln!(out, "      no expected file {} (run with --bless after review)", expected_path.display())?,
        Some(expected) => {
            let diff = similar::TextDiff::from_lines(expected.as_str(), actual);
            let name = expected_path.display().to_string();
            write!(out, "{}", diff.unified_diff().context_radius(1).header(&name, "actual"))?;
        }
    }
    Ok(false)
}
