//! `claimex reconcile`: the facts the seeds and the planted fixture sets
//! must give (issue 5's must-shows), checked field by field.

use serde_json::Value;

use crate::util::{claimex, stderr, stdout};

fn report(dir: &str) -> Value {
    let out = claimex(&["reconcile", "--format", "json", dir]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).expect("report is JSON")
}

fn fact<'a>(r: &'a Value, subject: &str, attribute: &str) -> &'a Value {
    r["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["subject"] == subject && f["attribute"] == attribute)
        .unwrap_or_else(|| panic!("no fact {subject} / {attribute}"))
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().rsplit('/').next().unwrap().to_string()).collect()
}

fn short(v: &[String]) -> Vec<&str> {
    v.iter().map(|s| &s[..3]).collect()
}

#[test]
fn seeds_agree_on_the_r1_figures_and_never_conflict() {
    let r = report("fixtures/seeds");
    assert!(r["facts"].as_array().unwrap().iter().all(|f| f["status"] != "conflict"), "no conflict at all");

    let cost = fact(&r, "DeepSeek R1", "training_cost");
    assert_eq!(cost["status"], "agreed");
    assert_eq!(cost["value"], serde_json::json!({"amount": 294000.0, "currency": "USD"}));
    assert_eq!(short(&names(&cost["sources"])), ["000", "001", "002", "003", "004"]);
    assert_eq!(cost["independent"], 4, "000 and 002 share Reuters text");

    let hw = fact(&r, "DeepSeek R1", "training_hardware");
    assert_eq!(hw["value"], serde_json::json!({"count": 512, "chip": "H800", "vendor": "Nvidia"}));
    assert_eq!(hw["sources"].as_array().unwrap().len(), 5);

    let dur = fact(&r, "DeepSeek R1", "training_duration");
    assert_eq!(dur["value"]["seconds"], 288000.0);
    assert_eq!(short(&names(&dur["sources"])), ["000", "001", "002", "004"]);

    let base = fact(&r, "DeepSeek R1 base model", "development_cost");
    assert_eq!(base["value"]["amount"], 6e6);
    assert_eq!(base["status"], "single");

    let openai = fact(&r, "OpenAI", "training_cost");
    assert_eq!(openai["qualifier"], "more_than");
    assert_eq!(openai["value"]["amount"], 1e8);
    assert_eq!(short(&names(&openai["sources"])), ["000", "001", "002", "004"]);

    // the $6M and $100M are never R1's cost
    for v in cost["variants"].as_array().unwrap() {
        let amount = v["value"]["amount"].as_f64().unwrap();
        assert!(amount < 1e6, "{v}");
    }
}

#[test]
fn only_the_reuters_pair_are_copies() {
    let r = report("fixtures/seeds");
    for s in r["sources"].as_array().unwrap() {
        let me = names(&serde_json::json!([s["source"]]))[0].clone();
        let copies = names(&s["copies"]);
        match &me[..3] {
            "000" => assert_eq!(short(&copies), ["002"]),
            "002" => assert_eq!(short(&copies), ["000"]),
            _ => assert!(copies.is_empty(), "{me}: {copies:?}"),
        }
    }
}

/// The conflict of a fact: its variants' values and source prefixes.
fn variants(f: &Value) -> Vec<(f64, Vec<String>)> {
    f["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            let value = match &v["value"] {
                x if x.get("amount").is_some() && x.get("seconds").is_none() => x["amount"].as_f64().unwrap(),
                x if x.get("count").is_some() => x["count"].as_f64().unwrap(),
                x => x["seconds"].as_f64().unwrap(),
            };
            (value, names(&v["sources"]).iter().map(|s| s[..2].to_string()).collect())
        })
        .collect()
}

fn conflicts(r: &Value) -> Vec<String> {
    r["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["status"] == "conflict")
        .map(|f| format!("{} / {}", f["subject"].as_str().unwrap(), f["attribute"].as_str().unwrap()))
        .collect()
}

#[test]
fn halcyon_chip_count_conflict_and_cost_agreement() {
    let r = report("fixtures/reconcile/halcyon");
    assert_eq!(conflicts(&r), ["Halcyon Aurora-2 / training_hardware"]);
    let hw = fact(&r, "Halcyon Aurora-2", "training_hardware");
    assert_eq!(variants(hw), [(4096.0, vec!["01".into(), "02".into(), "03".into()]), (8192.0, vec!["04".to_string()])]);
    let cost = fact(&r, "Halcyon Aurora-2", "training_cost");
    assert_eq!(cost["status"], "agreed");
    let texts: Vec<&str> =
        cost["variants"][0]["texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    assert_eq!(texts, ["$12.4 million", "US$12.38 million", "$12 million"]);
    assert_eq!(cost["sources"].as_array().unwrap().len(), 4);
    assert_eq!(cost["independent"], 3, "the blog pastes the wire story");
    // distractors stay with their own subjects
    assert_eq!(fact(&r, "Zephyr", "training_hardware")["status"], "single");
    assert_eq!(fact(&r, "Halcyon", "funding")["value"]["amount"], 3e8);
}

#[test]
fn mixtral_typo_is_a_conflict() {
    let r = report("fixtures/reconcile/mixtral");
    assert_eq!(conflicts(&r), ["Mistral AI Mixtral 8x22B / training_cost"]);
    let cost = fact(&r, "Mistral AI Mixtral 8x22B", "training_cost");
    assert_eq!(variants(cost), [(6.5e6, vec!["01".into(), "02".into()]), (6.5e7, vec!["03".to_string()])]);
    assert_eq!(fact(&r, "Mistral AI Mixtral 8x22B", "training_duration")["status"], "agreed", "three weeks = 21 days");
    assert_eq!(fact(&r, "Mistral AI Mixtral 8x22B", "training_hardware")["sources"].as_array().unwrap().len(), 3);
    // a round and the total raised are different attributes, not a conflict
    assert_eq!(fact(&r, "Mistral AI", "funding")["status"], "single");
    assert_eq!(fact(&r, "Mistral AI", "total_funding")["status"], "single");
}

#[test]
fn kimi_duration_conflict() {
    let r = report("fixtures/reconcile/kimi");
    assert_eq!(conflicts(&r), ["Moonshot AI Kimi K2 / training_duration"]);
    let d = fact(&r, "Moonshot AI Kimi K2", "training_duration");
    let v = variants(d);
    assert_eq!(v[0].1, ["01", "02", "04"]);
    assert_eq!(v[1], (80.0 * 86400.0, vec!["03".to_string()]));
    let cost = fact(&r, "Moonshot AI Kimi K2", "training_cost");
    assert_eq!((cost["sources"].as_array().unwrap().len(), cost["independent"].as_u64().unwrap()), (4, 3));
    // a comparison in passing is DeepSeek's, not Moonshot's
    assert_eq!(fact(&r, "DeepSeek", "training_cost")["value"]["amount"], 294000.0);
}

#[test]
fn table_and_markdown_reports() {
    let table = stdout(&claimex(&["reconcile", "fixtures/reconcile/kimi"]));
    assert!(table.contains("Conflicts:"), "{table}");
    assert!(
        table.contains("80 day (6,912,000 s) — 1 source (1 independent): fixtures/reconcile/kimi/03_blog.txt"),
        "{table}"
    );
    let md = stdout(&claimex(&["reconcile", "--format", "md", "fixtures/seeds"]));
    assert!(md.starts_with("# Reconciliation report\n"));
    assert!(md.contains("### DeepSeek R1 — training_cost (agreed)"));
    assert!(md.contains("   - “The Nature article, which listed Liang as one of the co-authors, said DeepSeek’s reasoning-focused R1 model cost $294,000 to train and used 512 Nvidia H800 chips.”"), "{md}");
}

/// A name one article establishes ("AI startup Zephyr", "Breeze-2" named
/// twice) holds in the other articles of the story: the third article
/// never calls Zephyr a startup and names Breeze-2 once, and its figures
/// still go to Zephyr and Breeze-2 (they had no subject before).
#[test]
fn names_one_article_establishes_hold_in_the_others() {
    let dir = crate::util::scratch(&[
        (
            "a.txt",
            b"Zephyr raises $40 million\n\nParis-based AI startup Zephyr said it had raised $40 million. \
              The company trained its Breeze-2 model on 2,048 Nvidia H100 GPUs over 45 days.\n",
        ),
        ("b.txt", b"Zephyr lands funding\n\nThe lab said Breeze-2 was trained on 2,048 H100s. Breeze-2 is small.\n"),
        (
            "c.txt",
            b"Zephyr's new funding\n\nZephyr raised $45 million, people said. Breeze-2 took two months to train.\n",
        ),
    ]);
    let r = report(dir.path().to_str().unwrap());
    let funding = fact(&r, "Zephyr", "funding");
    assert_eq!(funding["status"], "conflict");
    let c_says: Vec<&Value> =
        funding["variants"].as_array().unwrap().iter().filter(|v| names(&v["sources"]) == ["c.txt"]).collect();
    assert_eq!(c_says.len(), 1, "{funding}");
    assert_eq!(c_says[0]["value"]["amount"], 45e6);
    let duration = fact(&r, "Zephyr Breeze-2", "training_duration");
    assert!(names(&duration["sources"]).contains(&"c.txt".to_string()), "{duration}");
}
