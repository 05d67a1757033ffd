//! Conformance: the English Golden Rules for sentence boundaries (from
//! pragmatic_segmenter, as kept in pySBD's tests), dev part, read from the
//! shared peer suites. Prints the pass rate; fails below 98% or on any
//! failure not listed in `KNOWN_FAILURES`.

use std::path::Path;

/// Rules this segmenter is known to fail, with the reason. A listed rule
/// that passes fails the test too, so the list stays true.
const KNOWN_FAILURES: &[(u64, &str)] = &[];

const SUITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/peer-suites/golden-rules-en.jsonl");

#[test]
fn golden_rules_en() {
    let path = Path::new(SUITE);
    let Ok(data) = std::fs::read_to_string(path) else {
        println!("skipped: golden rules suite not found at {SUITE}");
        return;
    };
    let (mut passed, mut total) = (0usize, 0usize);
    let mut unexpected = Vec::new();
    for (lineno, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{SUITE}:{}: {e}", lineno + 1));
        let text = case["text"].as_str().expect("case has text");
        let rule = case["rule"].as_u64().unwrap_or(0);
        let name = case["rule_name"].as_str().unwrap_or("");
        let want: Vec<&str> = case["sentences"]
            .as_array()
            .expect("case has sentences")
            .iter()
            .map(|s| s.as_str().expect("sentence is a string").trim())
            .collect();
        let got: Vec<&str> = claimex_segment::split(text).iter().map(|s| s.as_str(text).trim()).collect();
        total += 1;
        let ok = got == want;
        passed += usize::from(ok);
        let known = KNOWN_FAILURES.iter().find(|(r, _)| *r == rule);
        match (ok, known) {
            (true, Some(_)) => {
                unexpected.push(format!("rule {rule} ({name}) passes now: remove it from KNOWN_FAILURES"))
            }
            (false, Some((_, why))) => println!("known failure, rule {rule} ({name}): {why}"),
            (false, None) => {
                unexpected.push(format!("rule {rule} ({name}): {text:?}\n    want {want:?}\n    got  {got:?}"))
            }
            (true, None) => {}
        }
    }
    assert!(total > 0, "no cases in {SUITE}");
    let rate = 100.0 * passed as f64 / total as f64;
    println!("golden rules (en, dev): {passed}/{total} passed = {rate:.2}%");
    assert!(unexpected.is_empty(), "unexpected results:\n{}", unexpected.join("\n"));
    assert!(rate >= 98.0, "pass rate {rate:.2}% is below 98%");
}
