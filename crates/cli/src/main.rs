//! The `claimex` command. It parses arguments, runs the library, and
//! prints; everything else lives in the `claimex` crate.

mod args;
mod cells;
mod inputs;
mod output;

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use claimex::{Document, KindSet, MentionRecord, Pipeline, SentenceRecord, TextRecord};
use clap::Parser;

use args::{CheckArgs, Cli, Command, CommonArgs, Format};
use output::{Printer, Row, Sink};

fn main() -> ExitCode {
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
            process(&a.common, Job::Extract(Pipeline::new().kinds(kinds)))
        }
        Command::Sentences(a) => process(&a, Job::Sentences(Pipeline::new())),
        Command::Text(a) => process(&a, Job::Text),
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

fn process(args: &CommonArgs, job: Job) -> anyhow::Result<ExitCode> {
    let inputs = inputs::inputs(args)?;
    let mut sink = Sink::open(args.output.as_deref())?;
    let mut printer = Printer::new(args.format, job.header(args.format));
    let format = args.format;
    printer.begin(&mut sink)?;
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
    if let Some(e) = write_error {
        return Err(anyhow::Error::new(e).context("cannot write output"));
    }
    printer.end(&mut sink)?;
    sink.finish()?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn json<T: serde::Serialize>(record: &T) -> Row {
    Row::Json(serde_json::to_string(record).expect("records serialize"))
}

fn document_rows(job: &Job, doc: &Document, format: Format, rows: &mut Vec<Row>) {
    let as_json = matches!(format, Format::Jsonl | Format::Json);
    match job {
        Job::Extract(p) => {
            let analysis = p.analyze(&doc.text);
            for (m, a) in analysis.mentions.iter().zip(&analysis.attributions) {
                let r = MentionRecord::with_attribution(&doc.source, &doc.text, m, a);
                rows.push(match format {
                    Format::Table => Row::Cells(cells::mention_table(&r)),
                    Format::Csv => Row::Cells(cells::mention(&r)),
                    _ => json(&r),
                });
            }
        }
        Job::Sentences(p) => {
            for (k, s) in p.sentences(&doc.text).into_iter().enumerate() {
                let r = SentenceRecord::new(&doc.source, &doc.text, k, s);
                rows.push(if as_json { json(&r) } else { Row::Cells(cells::sentence(&r)) });
            }
        }
        Job::Text => {
            let r = TextRecord::new(doc);
            rows.push(if as_json { json(&r) } else { Row::Cells(cells::text(&r)) });
        }
    }
}

fn check(args: &CheckArgs) -> anyhow::Result<ExitCode> {
    if !args.dir.is_dir() {
        return Err(Usage(format!("{}: not a directory", args.dir.display())).into());
    }
    let pipeline = Pipeline::new();
    let fixtures =
        claimex::check::run(&pipeline, &args.dir).with_context(|| format!("cannot check {}", args.dir.display()))?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for f in &fixtures {
        if f.passed() {
            writeln!(out, "ok    {}", f.article.display())?;
            continue;
        }
        failed += 1;
        writeln!(out, "FAIL  {}", f.article.display())?;
        for e in &f.errors {
            writeln!(out, "      error: {e}")?;
        }
        match &f.expected {
            None => {
                writeln!(out, "      no expected file {} (run with --bless after review)", f.expected_path.display())?
            }
            Some(expected) => {
                let old = expected.join("\n") + "\n";
                let new = f.actual.join("\n") + "\n";
                let diff = similar::TextDiff::from_lines(&old, &new);
                let expected_name = f.expected_path.display().to_string();
                write!(out, "{}", diff.unified_diff().context_radius(1).header(&expected_name, "actual"))?;
            }
        }
    }
    writeln!(out, "{} fixture(s), {} passed, {} failed", fixtures.len(), fixtures.len() - failed, failed)?;
    out.flush()?;
    if args.bless && failed > 0 {
        let n = claimex::check::bless(&fixtures)?;
        writeln!(out, "blessed: rewrote {n} expected file(s)")?;
        return Ok(ExitCode::SUCCESS);
    }
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
