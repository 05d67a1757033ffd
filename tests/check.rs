//! `claimex check`: fixtures compared with their stored expectations.

#[cfg(unix)]
use crate::util::mkfifo;
use crate::util::{claimex, claimex_in, root, stdout};

#[test]
fn the_seed_fixtures_pass() {
    let out = claimex(&["check", "fixtures/seeds"]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(stdout(&out).contains("ok    fixtures/seeds (reconciliation)"));
    assert!(stdout(&out).ends_with("6 fixture(s), 6 passed, 0 failed\n"));
}

#[test]
fn a_difference_fails_with_a_diff_and_bless_rewrites() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("fixtures/seeds/004_5097f99194416ce5.txt");
    std::fs::copy(&src, dir.path().join("a.txt")).unwrap();
    let expected =
        std::fs::read_to_string(root().join("fixtures/seeds/004_5097f99194416ce5.txt.expected.jsonl")).unwrap();
    // expectation with one figure changed
    let changed = expected.replacen("\"count\":512", "\"count\":513", 1).replace("004_5097f99194416ce5.txt", "a.txt");
    assert_ne!(changed, expected);
    std::fs::write(dir.path().join("a.txt.expected.jsonl"), &changed).unwrap();

    let out = claimex_in(dir.path(), &["check", "."], None);
    assert_eq!(out.status.code(), Some(1));
    let report = stdout(&out);
    assert!(report.contains("FAIL  ./a.txt"), "{report}");
    assert!(report.contains("-{\"source\":\"a.txt\",\"kind\":\"chip_count\""), "{report}");
    assert!(report.contains("\"count\":513"), "{report}");
    assert!(report.contains("+{\"source\":\"a.txt\",\"kind\":\"chip_count\""), "{report}");

    let bless = claimex_in(dir.path(), &["check", ".", "--bless"], None);
    assert!(bless.status.success());
    let again = claimex_in(dir.path(), &["check", "."], None);
    assert!(again.status.success(), "{}", stdout(&again));
}

/// What the walk of a folder skips on purpose (a symbolic link loop, a
/// FIFO with an article's name) does not stop a check: the fixtures beside
/// it are checked as usual.
#[test]
#[cfg(unix)]
fn a_check_goes_past_what_the_walk_skips() {
    let dir = tempfile::tempdir().unwrap();
    let name = "004_5097f99194416ce5.txt";
    std::fs::copy(root().join("fixtures/seeds").join(name), dir.path().join(name)).unwrap();
    let expected = format!("{name}.expected.jsonl");
    std::fs::copy(root().join("fixtures/seeds").join(&expected), dir.path().join(&expected)).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    mkfifo(&dir.path().join("pipe.txt"));
    let out = claimex_in(dir.path(), &["check", "."], None);
    assert!(out.status.success(), "{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).ends_with("1 fixture(s), 1 passed, 0 failed\n"), "{}", stdout(&out));
}
