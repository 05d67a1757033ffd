//! `claimex reconcile`: extract claims from every input, reconcile them,
//! print the report as a table, JSON, JSON Lines, CSV or Markdown.

use std::io::Write;
use std::process::ExitCode;

use claimex::reconcile::{Fact, Report, Status, Variant};
use claimex::{Pipeline, Qualifier, Value};

use crate::args::{ReconcileArgs, ReportFormat};
use crate::cells::value_words;
use crate::inputs;
use crate::output::{Sink, write_table};

pub fn reconcile(args: &ReconcileArgs) -> anyhow::Result<ExitCode> {
    let inputs = inputs::inputs(&args.input)?;
    match &args.input.output {
        Some(output) => inputs::check_output(output, &inputs, inputs::walk_options(&args.input))?,
        // the output is opened once every input is read: a closed one is said at once
        None => crate::output::stdout_open()?,
    }
    let pipeline = Pipeline::new();
    let mut articles = Vec::new();
    let failed = inputs::for_each(
        &args.input,
        &inputs,
        |doc| (doc.clone(), pipeline.analyze(&doc.text)),
        |unit| articles.extend(unit.outputs),
    );
    // The report needs every input: an interrupted run writes none, and
    // leaves an `-o` file as it was (a signal during the reconciliation
    // itself is seen before anything is written).
    let stop = || {
        match &args.input.output {
            Some(path) => eprintln!("claimex: interrupted; {} was left as it was", path.display()),
            None => eprintln!("claimex: interrupted; no report was written"),
        }
        Ok(ExitCode::from(crate::INTERRUPTED_STATUS))
    };
    if crate::interrupted() {
        return stop();
    }
    let (sources, claims) = claimex::story_claims(&articles);
    // the sources hold the texts copy detection needs: the documents and
    // their analyses are not needed past this point
    drop(articles);
    let report = claimex::reconcile::reconcile(&sources, &claims);
    if crate::interrupted() {
        return stop();
    }
    let mut sink = Sink::open(args.input.output.as_deref())?;
    let name = sink.name();
    let written = (|| -> anyhow::Result<()> {
        match args.format {
            ReportFormat::Table => table(&mut sink, &report)?,
            ReportFormat::Json => {
                serde_json::to_writer_pretty(&mut sink, &report)?;
                writeln!(sink)?;
            }
            ReportFormat::Jsonl => {
                for fact in &report.facts {
                    serde_json::to_writer(&mut sink, fact)?;
                    writeln!(sink)?;
                }
            }
            ReportFormat::Csv => csv(&mut sink, &report)?,
            ReportFormat::Md => markdown(&mut sink, &report)?,
        }
        sink.finish()
    })();
    written.map_err(|e| e.context(format!("cannot write {name}")))?;
    Ok(if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// A value with its qualifier in words: "more than 100,000,000 USD".
fn qualified(value: &Value, q: Qualifier) -> String {
    let v = value_words(value);
    match q {
        Qualifier::Exact | Qualifier::Range => v,
        Qualifier::Approximate => format!("about {v}"),
        Qualifier::MoreThan => format!("more than {v}"),
        Qualifier::AtLeast => format!("at least {v}"),
        Qualifier::LessThan => format!("less than {v}"),
        Qualifier::AtMost => format!("at most {v}"),
        Qualifier::Vague => format!("vaguely {v}"),
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn table(out: &mut impl Write, report: &Report) -> anyhow::Result<()> {
    let copies: Vec<String> = report
        .sources
        .iter()
        .flat_map(|s| s.copies.iter().filter(move |c| s.source < **c).map(move |c| format!("{} = {}", s.source, c)))
        .collect();
    writeln!(out, "{} read; {} stated.", count(report.sources.len(), "source"), count(report.facts.len(), "fact"))?;
    if !copies.is_empty() {
        writeln!(out, "Sources sharing copied text (counted once): {}", copies.join("; "))?;
    }
    writeln!(out)?;
    let header = ["subject", "attribute", "kind", "status", "consensus", "sources", "independent"];
    let rows: Vec<Vec<String>> = report
        .facts
        .iter()
        .map(|f| {
            vec![
                f.subject.clone(),
                f.attribute.clone(),
                f.kind.to_string(),
                f.status.as_str().to_string(),
                qualified(&f.value, f.qualifier),
                f.sources.len().to_string(),
                f.independent.to_string(),
            ]
        })
        .collect();
    write_table(out, &header, &rows)?;
    let conflicts: Vec<&Fact> = report.facts.iter().filter(|f| f.status == Status::Conflict).collect();
    if !conflicts.is_empty() {
        writeln!(out, "\nConflicts:")?;
        for f in conflicts {
            writeln!(out, "  {} / {} ({}):", f.subject, f.attribute, f.kind)?;
            for v in &f.variants {
                writeln!(
                    out,
                    "    {} — {} ({} independent): {}",
                    qualified(&v.value, v.qualifier),
                    count(v.sources.len(), "source"),
                    v.independent,
                    v.sources.join(", ")
                )?;
            }
        }
    }
    Ok(())
}

fn csv(out: &mut impl Write, report: &Report) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "subject",
        "attribute",
        "kind",
        "status",
        "variant",
        "consensus",
        "qualifier",
        "value",
        "value_max",
        "unit",
        "sources",
        "independent",
        "texts",
    ])?;
    for f in &report.facts {
        for (k, v) in f.variants.iter().enumerate() {
            let unit = match &v.value {
                Value::Money(m) => m.currency.to_string(),
                Value::ChipCount(c) => c.chip.clone().unwrap_or_default(),
                Value::Duration(_) => "second".to_string(),
            };
            w.write_record([
                f.subject.as_str(),
                f.attribute.as_str(),
                f.kind.as_str(),
                f.status.as_str(),
                &(k + 1).to_string(),
                if k == 0 { "true" } else { "false" },
                v.qualifier.as_str(),
                &v.value.magnitude().to_string(),
                &v.value.magnitude_max().map(|m| m.to_string()).unwrap_or_default(),
                &unit,
                &v.sources.join(";"),
                &v.independent.to_string(),
                &v.texts.join(" | "),
            ])?;
        }
    }
    out.write_all(&w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
    Ok(())
}

/// Escapes a table cell of Markdown.
fn md(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn markdown(out: &mut impl Write, report: &Report) -> anyhow::Result<()> {
    writeln!(out, "# Reconciliation report\n")?;
    let conflicts = report.facts.iter().filter(|f| f.status == Status::Conflict).count();
    writeln!(
        out,
        "{} read, {} found, {} in conflict.\n",
        count(report.sources.len(), "source"),
        count(report.facts.len(), "fact"),
        conflicts
    )?;
    writeln!(out, "## Sources\n")?;
    writeln!(out, "| source | title | published | mentions | shares copied text with |")?;
    writeln!(out, "| --- | --- | --- | ---: | --- |")?;
    for s in &report.sources {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            md(&s.source),
            md(s.title.as_deref().unwrap_or("")),
            md(s.published.as_deref().unwrap_or("")),
            s.mentions,
            md(&s.copies.join(", "))
        )?;
    }
    writeln!(out, "\n## Facts\n")?;
    writeln!(out, "| subject | attribute | status | consensus | sources | independent |")?;
    writeln!(out, "| --- | --- | --- | --- | ---: | ---: |")?;
    for f in &report.facts {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md(&f.subject),
            md(&f.attribute),
            f.status.as_str(),
            md(&qualified(&f.value, f.qualifier)),
            f.sources.len(),
            f.independent
        )?;
    }
    for f in &report.facts {
        writeln!(out, "\n### {} — {} ({})\n", f.subject, f.attribute, f.status.as_str())?;
        writeln!(
            out,
            "Consensus: **{}**, {} ({} independent).\n",
            qualified(&f.value, f.qualifier),
            count(f.sources.len(), "source"),
            f.independent
        )?;
        for (k, v) in f.variants.iter().enumerate() {
            variant_md(out, k, v)?;
        }
    }
    Ok(())
}

fn variant_md(out: &mut impl Write, k: usize, v: &Variant) -> anyhow::Result<()> {
    let texts: Vec<String> = v.texts.iter().map(|t| format!("`{t}`")).collect();
    let flags = if v.ambiguous.is_empty() {
        String::new()
    } else {
        format!(
            " — unit uncertain: {}",
            v.ambiguous.iter().map(|a| format!("{a:?}").to_lowercase()).collect::<Vec<_>>().join(", ")
        )
    };
    writeln!(
        out,
        "{}. **{}** — {} ({} independent), written {}{}",
        k + 1,
        qualified(&v.value, v.qualifier),
        count(v.sources.len(), "source"),
        v.independent,
        texts.join(", "),
        flags
    )?;
    let mut seen = std::collections::HashSet::new();
    for e in &v.evidence {
        if seen.insert((&e.source, &e.sentence)) {
            let sentence = e.sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            writeln!(out, "   - “{}” — *{}*", sentence, md(&e.source))?;
        }
    }
    writeln!(out)?;
    Ok(())
}
