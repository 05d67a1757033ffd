//! Reconciliation corpus: small sets of claims, written as the sentences
//! that state them, with the facts they must give. One generic runner.

use super::*;
use claimex_extract::Extractor;

/// A claim written as a sentence: (source, subject, attribute, sentence).
/// The figure is the first mention the extractor finds in the sentence.
type Said = (&'static str, &'static str, &'static str, &'static str);

/// An expected fact: (subject, attribute, status, sources of each variant,
/// consensus first).
type Want = (&'static str, &'static str, Status, &'static [&'static [&'static str]]);

fn claim((source, subject, attribute, sentence): Said) -> Claim {
    let mentions = Extractor::new().extract_sentence(sentence);
    let m = mentions.first().unwrap_or_else(|| panic!("no figure in {sentence:?}"));
    Claim {
        source: source.into(),
        subject: subject.into(),
        attribute: attribute.into(),
        kind: m.kind,
        qualifier: m.qualifier,
        value: m.value.clone(),
        precision: m.precision,
        text: m.text(sentence).into(),
        sentence: sentence.into(),
        ambiguity: m.ambiguity,
    }
}

fn sources_of(claims: &[Claim]) -> Vec<SourceDoc> {
    let mut names: Vec<&str> = claims.iter().map(|c| c.source.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.into_iter().map(|n| SourceDoc::new(n, "")).collect()
}

const R1: &str = "DeepSeek R1";
const COST: &str = "training_cost";
const HW: &str = "training_hardware";
const TIME: &str = "training_duration";

#[allow(clippy::type_complexity)]
fn corpus() -> Vec<(&'static str, Vec<Said>, Vec<Want>)> {
    use Status::*;
    vec![
        ("one source", vec![("a", R1, COST, "R1 cost $294,000 to train.")], vec![(R1, COST, Single, &[&["a"]])]),
        (
            "one source saying it twice is still single",
            vec![("a", R1, COST, "R1 cost $294,000 to train."), ("a", R1, COST, "The $294K figure covers R1 only.")],
            vec![(R1, COST, Single, &[&["a"]])],
        ),
        (
            "same figure, different formats",
            vec![
                ("a", R1, COST, "R1 cost $294,000 to train."),
                ("b", R1, COST, "R1 was trained for $294K."),
                ("c", R1, COST, "Training R1 cost $0.3 million."),
            ],
            vec![(R1, COST, Agreed, &[&["a", "b", "c"]])],
        ),
        (
            "rounded and approximate figures agree",
            vec![
                ("a", R1, COST, "The model cost $12.4 million."),
                ("b", R1, COST, "The model cost about $12 million."),
                ("c", R1, COST, "The model cost US$12.38 million."),
            ],
            vec![(R1, COST, Agreed, &[&["a", "b", "c"]])],
        ),
        (
            "about a round figure agrees with a precise one nearby",
            vec![("a", R1, COST, "R1 cost about $300,000 to train."), ("b", R1, COST, "R1 cost $294,000 to train.")],
            vec![(R1, COST, Agreed, &[&["a", "b"]])],
        ),
        (
            "without about, it does not",
            vec![("a", R1, COST, "R1 cost $300,000 to train."), ("b", R1, COST, "R1 cost $294,000 to train.")],
            // a tie (one source each, same precision): the lower variant comes first
            vec![(R1, COST, Conflict, &[&["b"], &["a"]])],
        ),
        (
            "an open bound agrees with what it admits",
            vec![
                ("a", R1, COST, "Training cost more than $100 million."),
                ("b", R1, COST, "Training cost $150 million."),
            ],
            vec![(R1, COST, Agreed, &[&["a", "b"]])],
        ),
        (
            "a vague figure agrees with what it spans",
            vec![
                ("a", R1, COST, "Training cost tens of millions of dollars."),
                ("b", R1, COST, "Training cost $60 million."),
            ],
            vec![(R1, COST, Agreed, &[&["a", "b"]])],
        ),
        (
            "a 10x typo conflicts",
            vec![
                ("a", R1, COST, "R1 cost $294,000 to train."),
                ("b", R1, COST, "R1 was trained for $294K."),
                ("c", R1, COST, "R1 cost $2.94 million to train."),
            ],
            vec![(R1, COST, Conflict, &[&["a", "b"], &["c"]])],
        ),
        (
            "about $12 million is not $120 million",
            vec![
                ("a", R1, COST, "The model cost about $12 million."),
                ("b", R1, COST, "The model cost $120 million."),
                ("c", R1, COST, "The model cost $12.4 million."),
            ],
            vec![(R1, COST, Conflict, &[&["a", "c"], &["b"]])],
        ),
        (
            "a different chip count conflicts",
            vec![
                ("a", R1, HW, "R1 was trained on 512 Nvidia H800 chips."),
                ("b", R1, HW, "R1 was trained on 2,048 Nvidia H800 chips."),
                ("c", R1, HW, "It used 512 H800 GPUs."),
            ],
            vec![(R1, HW, Conflict, &[&["a", "c"], &["b"]])],
        ),
        (
            "a different duration conflicts",
            vec![
                ("a", R1, TIME, "R1 was trained for 80 hours."),
                ("b", R1, TIME, "R1 was trained for 2 months."),
                ("c", R1, TIME, "Training took 80 hours."),
            ],
            vec![(R1, TIME, Conflict, &[&["a", "c"], &["b"]])],
        ),
        (
            "the same duration in other units agrees",
            vec![("a", R1, TIME, "R1 was trained for 80 hours."), ("b", R1, TIME, "R1 was trained for about 3 days.")],
            vec![(R1, TIME, Agreed, &[&["a", "b"]])],
        ),
        (
            "different currencies are not compared",
            vec![("a", R1, COST, "R1 cost $294,000 to train."), ("b", R1, COST, "R1 cost €294,000 to train.")],
            vec![(R1, COST, Conflict, &[&["a"], &["b"]])],
        ),
        (
            "distractor: a different subject never conflicts",
            vec![
                ("a", R1, COST, "R1 cost $294,000 to train."),
                ("b", "DeepSeek V3", COST, "V3 cost $6 million to train."),
                ("c", R1, COST, "R1 was trained for $294K."),
            ],
            vec![(R1, COST, Agreed, &[&["a", "c"]]), ("DeepSeek V3", COST, Single, &[&["b"]])],
        ),
        (
            "distractor: a different attribute never conflicts",
            vec![
                ("a", R1, COST, "R1 cost $294,000 to train."),
                ("a", R1, "base_model_cost", "The base model cost $6 million."),
                ("b", R1, "base_model_cost", "Its base model cost $6M."),
            ],
            vec![(R1, "base_model_cost", Agreed, &[&["a", "b"]]), (R1, COST, Single, &[&["a"]])],
        ),
        (
            "a source contradicting itself is a conflict",
            vec![
                ("a", R1, HW, "R1 was trained on 512 Nvidia H800 chips."),
                ("a", R1, HW, "R1 was trained on 2,048 Nvidia H800 chips."),
            ],
            vec![(R1, HW, Conflict, &[&["a"], &["a"]])],
        ),
    ]
}

#[test]
fn reconciliation_corpus() {
    let mut failures = Vec::new();
    for (what, said, want) in corpus() {
        let claims: Vec<Claim> = said.into_iter().map(claim).collect();
        let report = reconcile(&sources_of(&claims), &claims);
        let got: Vec<(String, String, Status, Vec<Vec<String>>)> = report
            .facts
            .iter()
            .map(|f| {
                (
                    f.subject.clone(),
                    f.attribute.clone(),
                    f.status,
                    f.variants.iter().map(|v| v.sources.clone()).collect(),
                )
            })
            .collect();
        let want: Vec<(String, String, Status, Vec<Vec<String>>)> = want
            .iter()
            .map(|(s, a, st, vs)| {
                (
                    s.to_string(),
                    a.to_string(),
                    *st,
                    vs.iter().map(|v| v.iter().map(|x| x.to_string()).collect()).collect(),
                )
            })
            .collect();
        if got != want {
            failures.push(format!("{what}:\n  got  {got:?}\n  want {want:?}"));
        }
        // the fact's own sources are its first (consensus) variant's
        for f in &report.facts {
            if f.sources != f.variants[0].sources || f.independent != f.variants[0].independent {
                failures.push(format!("{what}: fact and consensus differ"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_consensus_is_shown_by_its_most_precise_value() {
    let claims: Vec<Claim> = [
        ("a", R1, COST, "The model cost $12.4 million."),
        ("b", R1, COST, "The model cost about $12 million."),
        ("c", R1, COST, "The model cost US$12.38 million."),
    ]
    .into_iter()
    .map(claim)
    .collect();
    let report = reconcile(&sources_of(&claims), &claims);
    let fact = &report.facts[0];
    assert_eq!(fact.value.magnitude(), 12.38e6);
    assert_eq!(fact.qualifier, Qualifier::Exact);
    assert_eq!(fact.independent, 3);
    let v = &fact.variants[0];
    assert_eq!(v.texts, ["$12.4 million", "$12 million", "US$12.38 million"]);
    assert_eq!(v.evidence.len(), 3);
    assert_eq!(v.evidence[1].source, "b");
    assert_eq!(v.evidence[1].sentence, "The model cost about $12 million.");
    // the shared interval is within the most precise claim's
    assert!(v.interval.contains(12.38e6) && v.interval.width() <= 1e4 + 1.0);
}

/// Copies: (source, text) documents, then who says what.
#[test]
fn copies_do_not_outvote_independent_reports() {
    let wire = "BEIJING - The company said it spent $2.94 million on training its model, much lower \
        than figures reported for rivals, in a paper that is likely to reignite debate over the race. \
        The rare update from the company, the first estimate it has released of training costs, \
        appeared in a peer-reviewed article in an academic journal published on Wednesday.";
    let mut docs: Vec<SourceDoc> =
        (0..10).map(|i| SourceDoc::new(format!("wire{i}"), format!("Republished by outlet {i}. {wire}"))).collect();
    docs.push(SourceDoc::new("x", "An independent report: the model cost $294,000 to train, its paper says."));
    docs.push(SourceDoc::new("y", "Another outlet writes that training took $294K, far below what rivals spend."));
    let mut claims: Vec<Claim> = (0..10)
        .map(|i| Claim {
            source: format!("wire{i}"),
            ..claim(("", R1, COST, "The company said it spent $2.94 million on training its model."))
        })
        .collect();
    claims.push(claim(("x", R1, COST, "The model cost $294,000 to train.")));
    claims.push(claim(("y", R1, COST, "Training took $294K.")));
    let report = reconcile(&docs, &claims);
    // every republication lists the nine others; the independent ones list none
    for s in &report.sources[..10] {
        assert_eq!(s.copies.len(), 9, "{}: {:?}", s.source, s.copies);
        assert!(!s.copies.contains(&s.source));
    }
    assert!(report.sources[10].copies.is_empty() && report.sources[11].copies.is_empty());
    let fact = &report.facts[0];
    assert_eq!(fact.status, Status::Conflict);
    assert_eq!(fact.sources, ["x", "y"]);
    assert_eq!(fact.independent, 2);
    assert_eq!(fact.variants[1].sources.len(), 10);
    assert_eq!(fact.variants[1].independent, 1);

    // without the copied text, the ten would win
    let blind: Vec<SourceDoc> = docs.iter().map(|d| SourceDoc::new(d.source.clone(), "")).collect();
    let report = reconcile(&blind, &claims);
    assert_eq!(report.facts[0].variants[0].sources.len(), 10);
    assert_eq!(report.facts[0].variants[0].independent, 10);
}

#[test]
fn copying_reduces_independent_within_an_agreement() {
    let wire = "The company said it spent $294,000 on training its model, much lower than figures \
        reported for rivals, in a paper that is likely to reignite debate over the race to develop \
        artificial intelligence. The rare update from the company, the first estimate it has released \
        of training costs, appeared in a peer-reviewed article in an academic journal on Wednesday.";
    let docs = [
        SourceDoc::new("a", wire),
        SourceDoc::new("b", format!("From the wires: {wire} More soon.")),
        SourceDoc::new("c", "Its own reporting: R1 was trained for $294K."),
    ];
    let claims: Vec<Claim> = [
        ("a", R1, COST, "The company said it spent $294,000 on training its model."),
        ("b", R1, COST, "The company said it spent $294,000 on training its model."),
        ("c", R1, COST, "R1 was trained for $294K."),
    ]
    .into_iter()
    .map(claim)
    .collect();
    let report = reconcile(&docs, &claims);
    assert_eq!(report.sources[0].copies, ["b"]);
    assert_eq!(report.sources[1].copies, ["a"]);
    let fact = &report.facts[0];
    assert_eq!(fact.status, Status::Agreed);
    assert_eq!(fact.sources, ["a", "b", "c"]);
    assert_eq!(fact.independent, 2);
}

#[test]
fn ambiguous_units_are_flagged_not_silently_merged() {
    let mut unsure = claim(("b", R1, COST, "R1 cost $294,000 to train."));
    unsure.ambiguity = Some(Ambiguity::Dollar);
    let claims = vec![claim(("a", R1, COST, "R1 cost $294,000 to train.")), unsure];
    let report = reconcile(&sources_of(&claims), &claims);
    let fact = &report.facts[0];
    assert_eq!(fact.status, Status::Agreed);
    assert_eq!(fact.variants[0].ambiguous, [Ambiguity::Dollar]);
    assert_eq!(fact.ambiguous, [Ambiguity::Dollar]);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["facts"][0]["variants"][0]["ambiguous"], serde_json::json!(["dollar"]));
    // without it, nothing is flagged
    let certain = vec![claims[0].clone()];
    let report = reconcile(&sources_of(&certain), &certain);
    assert!(report.facts[0].variants[0].ambiguous.is_empty());
}

#[test]
fn the_json_follows_the_contract() {
    let claims: Vec<Claim> =
        [("a.txt", R1, COST, "R1 cost $294,000 to train."), ("b.txt", R1, COST, "R1 was trained for $294K.")]
            .into_iter()
            .map(claim)
            .collect();
    let sources = [
        SourceDoc { title: Some("DeepSeek R1".into()), mentions: 7, ..SourceDoc::new("a.txt", "") },
        SourceDoc::new("b.txt", ""),
    ];
    let json = serde_json::to_value(reconcile(&sources, &claims)).unwrap();
    let s = &json["sources"][0];
    assert_eq!(s["source"], "a.txt");
    assert_eq!(s["title"], "DeepSeek R1");
    assert_eq!(s["mentions"], 7);
    assert_eq!(s["copies"], serde_json::json!([]));
    assert_eq!(json["sources"][1]["title"], serde_json::Value::Null);
    let f = &json["facts"][0];
    assert_eq!(f["subject"], R1);
    assert_eq!(f["attribute"], COST);
    assert_eq!(f["kind"], "money");
    assert_eq!(f["status"], "agreed");
    assert_eq!(f["value"], serde_json::json!({"amount": 294000.0, "currency": "USD"}));
    assert_eq!(f["qualifier"], "exact");
    assert_eq!(f["sources"], serde_json::json!(["a.txt", "b.txt"]));
    assert_eq!(f["independent"], 2);
    let v = &f["variants"][0];
    assert_eq!(v["value"], serde_json::json!({"amount": 294000.0, "currency": "USD"}));
    assert_eq!(v["qualifier"], "exact");
    assert_eq!(v["sources"], serde_json::json!(["a.txt", "b.txt"]));
    assert_eq!(v["independent"], 2);
    assert_eq!(v["texts"], serde_json::json!(["$294,000", "$294K"]));
    assert_eq!(v["interval"], serde_json::json!({"lo": 293500.0, "hi": 294500.0, "lo_open": false, "hi_open": false}));
    assert_eq!(f["variants"].as_array().unwrap().len(), 1);
}

#[test]
fn output_does_not_depend_on_claim_order() {
    let said: Vec<Said> = vec![
        ("a", R1, COST, "R1 cost $294,000 to train."),
        ("b", R1, COST, "R1 cost $2.94 million to train."),
        ("c", R1, COST, "R1 cost more than $100,000."),
        ("d", R1, HW, "R1 was trained on 512 Nvidia H800 chips."),
        ("e", R1, HW, "R1 was trained on 2,048 Nvidia H800 chips."),
        ("f", "DeepSeek V3", COST, "V3 cost about $6 million."),
        ("g", R1, COST, "R1 was trained for $294K."),
        ("h", R1, TIME, "R1 was trained for 80 hours."),
    ];
    let claims: Vec<Claim> = said.into_iter().map(claim).collect();
    let sources = sources_of(&claims);
    let expected = serde_json::to_string(&reconcile(&sources, &claims)).unwrap();
    let mut shuffled = claims.clone();
    for step in [3usize, 5, 7] {
        shuffled.rotate_left(step);
        shuffled.swap(0, step);
        let got = serde_json::to_string(&reconcile(&sources, &shuffled)).unwrap();
        assert_eq!(got, expected);
    }
    // facts sorted by subject, attribute, kind
    let report = reconcile(&sources, &claims);
    let keys: Vec<(&str, &str)> = report.facts.iter().map(|f| (f.subject.as_str(), f.attribute.as_str())).collect();
    assert_eq!(keys, [(R1, COST), (R1, TIME), (R1, HW), ("DeepSeek V3", COST)]);
}

#[test]
fn unlisted_sources_and_duplicates_are_kept() {
    let claims = vec![
        claim(("known", R1, COST, "R1 cost $294,000 to train.")),
        claim(("unlisted", R1, COST, "R1 was trained for $294K.")),
    ];
    let sources = [SourceDoc::new("known", ""), SourceDoc { mentions: 99, ..SourceDoc::new("known", "") }];
    let report = reconcile(&sources, &claims);
    let names: Vec<&str> = report.sources.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(names, ["known", "unlisted"]);
    assert_eq!(report.sources[0].mentions, 0);
    assert_eq!(report.facts[0].independent, 2);
}

#[test]
fn degenerate_input_does_not_panic() {
    let mut odd = claim(("a", R1, COST, "R1 cost $294,000 to train."));
    odd.precision = f64::NAN;
    let mut nan = odd.clone();
    nan.source = "b".into();
    nan.value = Value::Money(claimex_extract::Money { amount: f64::NAN, amount_max: None, currency: "USD", per: None });
    let mut mismatched = claim(("c", R1, COST, "R1 was trained on 512 Nvidia H800 chips."));
    mismatched.kind = Kind::Money;
    let claims = vec![odd, nan, mismatched];
    let report = reconcile(&[], &claims);
    assert_eq!(report.facts.len(), 1);
    assert_eq!(report.facts[0].status, Status::Conflict);
    assert_eq!(report.facts[0].variants.len(), 3);
    assert!(reconcile(&[], &[]).facts.is_empty());
}
