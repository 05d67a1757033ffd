//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Find the figures news articles state (money, AI chip counts, durations),
/// say what each is about, and reconcile what different sources say.
#[derive(Debug, Parser)]
#[command(name = "claimex", version, about, long_about = None)]
#[command(
    after_help = "INPUT is a file (.txt .text .md .markdown .html .htm .xhtml .json .jsonl .ndjson, optionally .gz), a directory \
(walked recursively in sorted order), an http(s) URL, or - for standard input (the default when no INPUT is \
given and stdin is not a terminal).\n\nExit status: 0 when every input was processed, 1 when at least one \
failed (the others are still processed), 2 for usage errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print one record per mention found (money, chip_count, duration).
    Extract(ExtractArgs),
    /// Reconcile claims across sources: agreed facts, conflicts, who said what.
    Reconcile(ReconcileArgs),
    /// Print one record per sentence, with byte offsets.
    Sentences(ListArgs),
    /// Print each document's text and metadata (for HTML: the article body).
    Text(ListArgs),
    /// Compare extraction on every fixture in DIR with its stored expectation.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories, URLs, or - for stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<std::ffi::OsString>,
    /// Write the output to FILE (atomically: a temporary file renamed into place).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Number of inputs processed in parallel (default: all cores).
    #[arg(short = 'j', long = "jobs", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No warnings and no progress bar on stderr (errors are still printed).
    #[arg(short, long)]
    pub quiet: bool,
    /// Also read hidden files and folders (names starting with a dot) in the folders walked.
    #[arg(long)]
    pub hidden: bool,
    /// Also read the URLs listed in FILE (one per line; blank lines and `#` comments skipped).
    #[arg(long, value_name = "FILE")]
    pub urls: Option<PathBuf>,
    /// Cache fetched pages in DIR, so a rerun fetches nothing twice.
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Give up on a URL after SECS seconds per attempt (default 30).
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ReconcileArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format: a table to read, the JSON report, one fact per line,
    /// CSV, or a Markdown report that quotes the evidence.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Facts as an aligned table; conflicts list each variant with its sources.
    Table,
    /// The report as one JSON object ({"sources": [...], "facts": [...]}).
    Json,
    /// One JSON object per fact.
    Jsonl,
    /// One row per variant, comma-separated.
    Csv,
    /// A Markdown report quoting the evidence sentences.
    Md,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// Kinds to report, comma-separated (money, chip_count, duration).
    #[arg(long, value_delimiter = ',', value_name = "KINDS", value_parser = parse_kind)]
    pub kinds: Vec<claimex::Kind>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Directory of fixtures: articles with `<article>.expected.jsonl` beside them.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Rewrite the expected files from the current output (review the diff first).
    #[arg(long)]
    pub bless: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// One JSON array.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// An aligned table for reading.
    Table,
}

fn parse_kind(s: &str) -> Result<claimex::Kind, String> {
    claimex::Kind::parse(s).ok_or_else(|| format!("unknown kind {s:?} (expected money, chip_count or duration)"))
}
