//! The one test runner for every rule family's corpus.
//!
//! A corpus is a table of `(text, expected mentions)`. The runner extracts
//! from the text (as one sentence), keeps the mentions of the family's kind
//! and compares them, in order, with the expectations. All failures of a
//! table are reported together.

use crate::{Extractor, Kind, Value};

/// One expected mention.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Expect {
    pub text: &'static str,
    pub value: f64,
    pub value_max: Option<f64>,
    /// currency, chip model, or time unit name
    pub unit: Option<&'static str>,
    pub qualifier: &'static str,
    /// money: per; chips: vendor
    pub extra: Option<&'static str>,
}

impl Expect {
    pub(crate) const fn money(
        text: &'static str,
        amount: f64,
        max: Option<f64>,
        currency: &'static str,
        qualifier: &'static str,
    ) -> Expect {
        Expect { text, value: amount, value_max: max, unit: Some(currency), qualifier, extra: None }
    }

    pub(crate) const fn money_per(
        text: &'static str,
        amount: f64,
        currency: &'static str,
        per: &'static str,
    ) -> Expect {
        Expect { text, value: amount, value_max: None, unit: Some(currency), qualifier: "exact", extra: Some(per) }
    }

    pub(crate) const fn chips(
        text: &'static str,
        count: f64,
        chip: Option<&'static str>,
        vendor: Option<&'static str>,
        qualifier: &'static str,
    ) -> Expect {
        Expect { text, value: count, value_max: None, unit: chip, qualifier, extra: vendor }
    }

    pub(crate) const fn chips_range(text: &'static str, count: f64, max: f64, chip: Option<&'static str>) -> Expect {
        Expect { text, value: count, value_max: Some(max), unit: chip, qualifier: "range", extra: None }
    }

    pub(crate) const fn duration(
        text: &'static str,
        seconds: f64,
        unit: &'static str,
        qualifier: &'static str,
    ) -> Expect {
        Expect { text, value: seconds, value_max: None, unit: Some(unit), qualifier, extra: None }
    }

    pub(crate) const fn duration_vague(text: &'static str, seconds: f64, max: f64, unit: &'static str) -> Expect {
        Expect { text, value: seconds, value_max: Some(max), unit: Some(unit), qualifier: "vague", extra: None }
    }

    pub(crate) const fn money_vague(text: &'static str, amount: f64, max: f64, currency: &'static str) -> Expect {
        Expect { text, value: amount, value_max: Some(max), unit: Some(currency), qualifier: "vague", extra: None }
    }

    pub(crate) const fn chips_vague(text: &'static str, count: f64, max: f64) -> Expect {
        Expect { text, value: count, value_max: Some(max), unit: None, qualifier: "vague", extra: None }
    }

    pub(crate) const fn duration_range(text: &'static str, seconds: f64, max: f64, unit: &'static str) -> Expect {
        Expect { text, value: seconds, value_max: Some(max), unit: Some(unit), qualifier: "range", extra: None }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn check(text: &str, m: &crate::Mention, e: &Expect) -> Result<(), String> {
    let got_text = m.text(text);
    if got_text != e.text {
        return Err(format!("text {got_text:?} != {:?}", e.text));
    }
    if m.qualifier.as_str() != e.qualifier {
        return Err(format!("{got_text:?}: qualifier {} != {}", m.qualifier, e.qualifier));
    }
    let (value, max, unit, extra): (f64, Option<f64>, Option<String>, Option<String>) = match &m.value {
        Value::Money(v) => (v.amount, v.amount_max, Some(v.currency.to_string()), v.per.clone()),
        Value::ChipCount(v) => (
            v.count as f64,
            v.count_max.map(|c| c as f64),
            v.chip.clone(),
            if e.extra.is_some() { v.vendor.map(str::to_string) } else { None },
        ),
        Value::Duration(v) => (v.seconds, v.seconds_max, Some(v.unit.as_str().to_string()), None),
    };
    if !close(value, e.value) {
        return Err(format!("{got_text:?}: value {value} != {}", e.value));
    }
    match (max, e.value_max) {
        (None, None) => {}
        (Some(a), Some(b)) if close(a, b) => {}
        _ => {
            return Err(format!("{got_text:?}: upper end {max:?} != {:?}", e.value_max));
        }
    }
    if unit.as_deref() != e.unit {
        return Err(format!("{got_text:?}: unit {unit:?} != {:?}", e.unit));
    }
    if extra.as_deref() != e.extra {
        return Err(format!("{got_text:?}: {extra:?} != {:?}", e.extra));
    }
    Ok(())
}

/// Runs a corpus: every text must give exactly the expected mentions of `kind`.
pub(crate) fn run(family: &str, corpus: &[(&str, &[Expect])], kind: Kind) {
    let ex = Extractor::new();
    let mut failures = Vec::new();
    for (text, expected) in corpus {
        let got: Vec<_> = ex.extract_sentence(text).into_iter().filter(|m| m.kind == kind).collect();
        if got.len() != expected.len() {
            failures.push(format!(
                "{text:?}: want {} mention(s) {:?}, got {:?}",
                expected.len(),
                expected.iter().map(|e| e.text).collect::<Vec<_>>(),
                got.iter().map(|m| (m.text(text), &m.value)).collect::<Vec<_>>()
            ));
            continue;
        }
        for (m, e) in got.iter().zip(expected.iter()) {
            if let Err(why) = check(text, m, e) {
                failures.push(format!("{text:?}: {why}"));
            }
        }
    }
    assert!(failures.is_empty(), "{family} corpus: {} failure(s):\n{}", failures.len(), failures.join("\n"));
}

/// The joints of [`gate_texts`]'s generated phrases that every family's
/// gate test puts between a number and what follows it: nothing, spaces,
/// hyphens and dashes (bare and spaced), invisible format characters, and
/// the words that join the two ends of a range or a list. Each family adds
/// its own ([`joints`]).
pub(crate) const JOINTS: &[&str] = &[
    "",
    " ",
    "-",
    " - ",
    "–",
    " – ",
    " — ",
    "\u{2012}",
    " \u{2012} ",
    "\u{200b}",
    "\u{ad} ",
    " to ",
    " and ",
    " or ",
    " of ",
    ", ",
];

/// [`JOINTS`] and a family's own joints after them, as a list of
/// [`gate_texts`]'s parts.
pub(crate) fn joints<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    JOINTS.iter().chain(extra).copied().collect()
}

/// Texts for checking a cheap look of the scanner (a "gate": a test that
/// turns a candidate away before its rule runs) against the rule it stands
/// in front of: the texts of `corpus`, every plain-text fixture article,
/// the texts of the peer suites beside the repository when present, and
/// `generated` phrases built at random (with a fixed seed) from `parts`:
/// a lead-in, a number, a joint, a middle and a tail, each picked from its
/// list, so that every joint meets every kind of number and tail.
pub(crate) fn gate_texts(corpus: &[&str], parts: &[Vec<&str>], generated: usize) -> Vec<String> {
    let mut texts: Vec<String> = corpus.iter().map(|t| t.to_string()).collect();
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut folders = vec![std::path::PathBuf::from(format!("{root}/fixtures"))];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).expect("fixtures").flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "txt")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                texts.push(text);
            }
        }
    }
    let suites = format!("{root}/../shared/peer-suites");
    for entry in std::fs::read_dir(&suites).into_iter().flatten().flatten() {
        if entry.path().extension().is_some_and(|e| e == "jsonl") {
            let lines = std::fs::read_to_string(entry.path()).expect("peer suite");
            for line in lines.lines() {
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(line)
                    && let Some(t) = v["text"].as_str()
                {
                    texts.push(t.to_string());
                }
            }
        }
    }
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..generated {
        let text: String = parts.iter().map(|list| list[rng.usize(..list.len())]).collect();
        texts.push(text);
    }
    texts
}

/// Where the scanner asks the digit gates: a digit that starts a token.
pub(crate) fn digit_token_start(cx: &crate::scan::Ctx<'_>, i: usize) -> bool {
    cx.b[i].is_ascii_digit() && (i == cx.start || !cx.b[i - 1].is_ascii_alphanumeric())
}

/// Holds a gate to its rule in every text, one sentence at a time, at
/// every char boundary where `at` says the scanner asks: wherever the rule
/// finds something, the gate must let the candidate through. Fails with
/// the finds the gate turned away, each with its sentence, or when the
/// rule found `min_found` things or fewer (a test that checks a handful
/// checks nothing).
pub(crate) fn assert_gate(
    what: &str,
    texts: &[String],
    min_found: usize,
    at: impl Fn(&crate::scan::Ctx<'_>, usize) -> bool,
    gate: impl Fn(&crate::scan::Ctx<'_>, usize) -> bool,
    rule: impl Fn(&crate::scan::Ctx<'_>, usize) -> Option<crate::scan::Found>,
) {
    let mut found = 0;
    let mut misses = Vec::new();
    for text in texts {
        for sentence in claimex_segment::split(text) {
            let cx = crate::scan::Ctx::new(text, sentence);
            for i in (sentence.start..sentence.end).filter(|&i| text.is_char_boundary(i) && at(&cx, i)) {
                if let Some(f) = rule(&cx, i) {
                    found += 1;
                    if !gate(&cx, i) {
                        let (f, s) = (&text[f.start..f.end], &text[sentence.start..sentence.end]);
                        misses.push(format!("{f:?} in {s:?}"));
                    }
                }
            }
        }
    }
    assert!(found > min_found, "{what}: only {found} found");
    let some = misses[..misses.len().min(40)].join("\n");
    assert!(misses.is_empty(), "{what}: {} miss(es), among them:\n{some}", misses.len());
}
