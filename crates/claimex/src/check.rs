//! Fixture checks: extraction and reconciliation compared with stored
//! expectations.
//!
//! Every article under a fixture directory has its expected mentions next
//! to it, in `<article>.expected.jsonl` (one mention record per line; the
//! `source` names the article by its file name so that the files do not
//! depend on where the check runs). Every directory that directly holds
//! two or more articles is also a reconciliation set, whose expected
//! report is `reconcile.expected.json` in it (sources named by file name).
//! [`run`] and [`run_sets`] compare; [`bless`] and [`bless_sets`] write
//! what the pipeline gives now as the new expectation, for after a human
//! has reviewed the difference.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{MentionRecord, Pipeline, ingest};

/// Suffix added to an article's file name to name its expectation file.
pub const EXPECTED_SUFFIX: &str = ".expected.jsonl";

/// The expectation file of an article.
pub fn expected_path(article: &Path) -> PathBuf {
    let mut name = article.file_name().unwrap_or_default().to_os_string();
    name.push(EXPECTED_SUFFIX);
    article.with_file_name(name)
}

/// The outcome for one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixture {
    /// The article.
    pub article: PathBuf,
    /// Its expectation file.
    pub expected_path: PathBuf,
    /// The expected lines, or `None` when the file does not exist yet.
    pub expected: Option<Vec<String>>,
    /// What extraction gives now, one JSON record per line.
    pub actual: Vec<String>,
    /// Inputs of the article that failed to read, as `source: reason`.
    pub errors: Vec<String>,
}

impl Fixture {
    /// True when extraction gives exactly the expected lines.
    pub fn passed(&self) -> bool {
        self.errors.is_empty() && self.expected.as_ref() == Some(&self.actual)
    }
}

/// Why a check could not run at all.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Error(String);

/// Extracts from every article under `dir` and compares with the stored
/// expectations.
pub fn run(pipeline: &Pipeline, dir: &Path) -> Result<Vec<Fixture>, Error> {
    let mut out = Vec::new();
    for task in ingest::expand(&[ingest::Input::Path(dir.to_path_buf())]) {
        let Some(task) = fixture_task(task)? else { continue };
        let ingest::Origin::File(path, _) = &task.origin else {
            continue;
        };
        out.push(check_article(pipeline, &task, path));
    }
    Ok(out)
}

/// A task of the walk of a fixture folder: `None` for what the walk
/// skipped on purpose (a symbolic link loop, a FIFO), an error for what
/// stops the check (a folder that cannot be read).
fn fixture_task(task: Result<ingest::Task, ingest::Error>) -> Result<Option<ingest::Task>, Error> {
    match task {
        Ok(task) => Ok(Some(task)),
        Err(e) if e.is_warning() => Ok(None),
        Err(e) => Err(Error(e.to_string())),
    }
}

fn check_article(pipeline: &Pipeline, task: &ingest::Task, path: &Path) -> Fixture {
    let expected_path = expected_path(path);
    let expected = std::fs::read_to_string(&expected_path)
        .ok()
        .map(|s| s.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect());
    let (actual, errors) = actual_lines(pipeline, task, path);
    Fixture { article: path.to_path_buf(), expected_path, expected, actual, errors }
}

/// The mention records of an article as JSON lines, with sources relative
/// to the article's directory.
fn actual_lines(pipeline: &Pipeline, task: &ingest::Task, path: &Path) -> (Vec<String>, Vec<String>) {
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let shown = task.source.as_str();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let docs = match ingest::read(task) {
        Ok(d) => d,
        Err(e) => return (lines, vec![e.to_string()]),
    };
    for doc in docs {
        match doc {
            Ok(doc) => {
                let source = match doc.source.strip_prefix(shown) {
                    Some(rest) => format!("{name}{rest}"),
                    None => doc.source.clone(),
                };
                let analysis = pipeline.analyze(&doc.text);
                for (m, a) in analysis.mentions.iter().zip(&analysis.attributions) {
                    let record = MentionRecord::with_attribution(&source, &doc.text, m, a);
                    lines.push(serde_json::to_string(&record).expect("records serialize"));
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    (lines, errors)
}

/// Writes the actual lines of every failed fixture as its expectation
/// (atomically: a temporary file renamed over the old one). Returns how
/// many files were written.
pub fn bless(fixtures: &[Fixture]) -> io::Result<usize> {
    let mut n = 0;
    for f in fixtures.iter().filter(|f| !f.passed() && f.errors.is_empty()) {
        let dir = f.expected_path.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        for line in &f.actual {
            writeln!(tmp, "{line}")?;
        }
        tmp.persist(&f.expected_path).map_err(|e| e.error)?;
        n += 1;
    }
    Ok(n)
}

/// File name of a reconciliation set's expectation.
pub const SET_EXPECTED: &str = "reconcile.expected.json";

/// The outcome for one reconciliation set (a directory of articles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetFixture {
    /// The directory.
    pub dir: PathBuf,
    /// Its expectation file.
    pub expected_path: PathBuf,
    /// The expected report, or `None` when the file does not exist yet.
    pub expected: Option<String>,
    /// The report reconciliation gives now (pretty JSON).
    pub actual: String,
    /// Inputs that failed to read, as `source: reason`.
    pub errors: Vec<String>,
}

impl SetFixture {
    /// True when reconciliation gives exactly the expected report.
    pub fn passed(&self) -> bool {
        self.errors.is_empty() && self.expected.as_deref().map(str::trim_end) == Some(self.actual.trim_end())
    }
}

/// Reconciles every directory under `dir` that holds two or more articles
/// and compares with its stored report.
pub fn run_sets(pipeline: &Pipeline, dir: &Path) -> Result<Vec<SetFixture>, Error> {
    let mut by_dir: BTreeMap<PathBuf, Vec<ingest::Task>> = BTreeMap::new();
    for task in ingest::expand(&[ingest::Input::Path(dir.to_path_buf())]) {
        let Some(task) = fixture_task(task)? else { continue };
        if let ingest::Origin::File(path, _) = &task.origin {
            let parent = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            by_dir.entry(parent).or_default().push(task);
        }
    }
    let mut out = Vec::new();
    for (set_dir, tasks) in by_dir.into_iter().filter(|(_, t)| t.len() >= 2) {
        let mut articles = Vec::new();
        let mut errors = Vec::new();
        for task in &tasks {
            let ingest::Origin::File(path, _) = &task.origin else { continue };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            match ingest::read(task) {
                Ok(docs) => {
                    for doc in docs {
                        match doc {
                            Ok(mut doc) => {
                                if let Some(rest) = doc.source.strip_prefix(task.source.as_str()) {
                                    doc.source = format!("{name}{rest}");
                                }
                                let analysis = pipeline.analyze(&doc.text);
                                articles.push((doc, analysis));
                            }
                            Err(e) => errors.push(e.to_string()),
                        }
                    }
                }
                Err(e) => errors.push(e.to_string()),
            }
        }
        let (sources, claims) = crate::story_claims(&articles);
        let report = crate::reconcile::reconcile(&sources, &claims);
        let actual = serde_json::to_string_pretty(&report).expect("reports serialize") + "\n";
        let expected_path = set_dir.join(SET_EXPECTED);
        let expected = std::fs::read_to_string(&expected_path).ok();
        out.push(SetFixture { dir: set_dir, expected_path, expected, actual, errors });
    }
    Ok(out)
}

/// Writes the actual report of every failed set as its expectation
/// (atomically). Returns how many files were written.
pub fn bless_sets(sets: &[SetFixture]) -> io::Result<usize> {
    let mut n = 0;
    for f in sets.iter().filter(|f| !f.passed() && f.errors.is_empty()) {
        let mut tmp = tempfile::NamedTempFile::new_in(&f.dir)?;
        tmp.write_all(f.actual.as_bytes())?;
        tmp.persist(&f.expected_path).map_err(|e| e.error)?;
        n += 1;
    }
    Ok(n)
}
