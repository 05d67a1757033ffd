//! Bad input: a clear one-line message naming the source, the other inputs
//! still processed, and the exit status of the contract.

#[cfg(unix)]
use crate::util::mkfifo;
use crate::util::{claimex_in, records, scratch, sources, stderr};

#[test]
fn missing_file_fails_but_the_others_are_processed() {
    let dir = scratch(&[("good.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "nope.txt", "good.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: nope.txt: no such file or directory\n");
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn empty_file_is_a_warning_not_a_failure() {
    let dir = scratch(&[("empty.txt", b""), ("blank.md", b"  \n\t\n")]);
    let out = claimex_in(dir.path(), &["extract", "empty.txt", "blank.md"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "claimex: warning: empty.txt: empty document (no text)\nclaimex: warning: blank.md: empty document (no text)\n"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    // mostly UTF-8 ("Café", "naïve"), with two broken bytes
    let bytes = b"Caf\xc3\xa9 and na\xc3\xafve chain \xe9paid \xff$2.5 million for 40 H100 GPUs.".to_vec();
    let dir = scratch(&[("bad.txt", &bytes)]);
    let out = claimex_in(dir.path(), &["extract", "bad.txt"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.starts_with("claimex: warning: bad.txt: invalid UTF-8: 2 characters replaced"), "{err}");
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    // offsets refer to the decoded text
    assert_offsets_into(&String::from_utf8_lossy(&bytes), &recs);
}

/// An article from an older archive, in windows-1252: its euro and pound
/// signs are single bytes that are not UTF-8. Read as windows-1252, with a
/// warning, its figures are all there; a lossy UTF-8 decoding would have
/// lost both currencies.
#[test]
fn windows_1252_text_keeps_its_currency_signs() {
    let dir = scratch(&[("old.txt", b"The caf\xe9 chain paid \x805m, and its rival \xa33m.")]);
    let out = claimex_in(dir.path(), &["extract", "old.txt"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    assert!(err.starts_with("claimex: warning: old.txt: not UTF-8 (3 sequences"), "{err}");
    assert!(err.contains("decoded as windows-1252"), "{err}");
    let recs = records(&out);
    let found: Vec<(&str, &str)> =
        recs.iter().map(|r| (r["text"].as_str().unwrap(), r["value"]["currency"].as_str().unwrap())).collect();
    assert_eq!(found, [("€5m", "EUR"), ("£3m", "GBP")]);
    assert_offsets_into("The café chain paid €5m, and its rival £3m.", &recs);
}

/// Saved web pages from older sites often declare no charset and are not
/// UTF-8. Read as a browser reads them (the encoding guessed from the
/// bytes), with a warning: the pound sign of the Western page and the
/// Cyrillic of the Russian one survive, where UTF-8 would have replaced
/// them all with U+FFFD.
#[test]
fn html_without_a_charset_is_read_in_the_guessed_encoding() {
    let page = |body: &[u8]| {
        [b"<html><head><title>T</title></head><body><article><p>".as_slice(), body, b"</p></article></body></html>"]
            .concat()
    };
    let western = page(b"The caf\xe9 chain paid \xa33m for its rival, its chairman said on Monday.");
    let (russian, _, _) =
        encoding_rs::WINDOWS_1251.encode("Компания заплатила $5m за долю в проекте, сообщил её представитель.");
    let dir = scratch(&[("old.html", &western), ("ru.html", &page(&russian))]);
    let out = claimex_in(dir.path(), &["text", "old.html", "ru.html"], None);
    assert_eq!(out.status.code(), Some(0));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("claimex: warning: old.html: no charset declared, not UTF-8"), "{err}");
    assert!(lines[0].contains("decoded as windows-1252"), "{err}");
    assert!(lines[1].starts_with("claimex: warning: ru.html: no charset declared, not UTF-8"), "{err}");
    assert!(lines[1].contains("decoded as windows-1251"), "{err}");
    let texts: Vec<String> = records(&out).iter().map(|r| r["text"].as_str().unwrap().to_owned()).collect();
    assert_eq!(texts.len(), 2);
    assert!(texts[0].contains("The café chain paid £3m for its rival"), "{texts:?}");
    assert!(texts[1].contains("Компания заплатила $5m за долю"), "{texts:?}");
}

/// Every record's offsets, into `text` (the decoded text), cut out its `text`.
fn assert_offsets_into(text: &str, records: &[serde_json::Value]) {
    for r in records {
        let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], r["text"].as_str().unwrap());
    }
}

#[test]
fn directory_without_articles_fails() {
    let dir = scratch(&[("sub/picture.png", b"\x89PNG")]);
    let out = claimex_in(dir.path(), &["extract", "sub"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "claimex: sub: no articles found (looked for .txt, .text, .md, .markdown, .html, .htm, .xhtml, .json, .jsonl, \
         .ndjson files, each also .gz)\n"
    );
}

#[test]
fn binary_file_fails_and_the_rest_goes_on() {
    let dir = scratch(&[("a.txt", b"PK\x03\x04\x00\x00binary"), ("b.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "."], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: ./a.txt: binary file (not text, HTML or JSON)\n");
    assert_eq!(records(&out).len(), 1);
}

/// A text with NUL bytes (padded with zeros when a download or a crash cut
/// it short, or holding a stray one) used to be "binary" and lost; its
/// NULs now read as spaces, with a warning. Binary data still fails.
#[test]
fn text_with_nul_bytes_is_read_with_a_warning() {
    let padded = [b"It cost $5 million.\n".as_slice(), &[0; 4096]].concat();
    let dir = scratch(&[
        ("a.txt", padded.as_slice()),
        ("b.txt", b"They raised $6 billion.\0\0Then $7 billion."),
        ("c.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ]);
    let out = claimex_in(dir.path(), &["extract", "."], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "claimex: warning: ./a.txt: 4096 NUL bytes read as spaces\n\
         claimex: warning: ./b.txt: 2 NUL bytes read as spaces\n\
         claimex: ./c.txt: binary file (not text, HTML or JSON)\n"
    );
    let texts: Vec<String> = records(&out).iter().map(|r| r["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(texts, ["$5 million", "$6 billion", "$7 billion"]);
}

#[test]
fn broken_json_line_fails_alone() {
    let dir = scratch(&[("in.jsonl", b"{\"text\": \"$1m\"}\n{\"text\": \n{\"text\": \"$3m\"}\n")]);
    let out = claimex_in(dir.path(), &["extract", "in.jsonl"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("claimex: in.jsonl:2: invalid JSON:"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert_eq!(records(&out).len(), 2);
}

/// A `.json` array with a broken element: that element fails alone,
/// named by its place in the array, and the others are read.
#[test]
fn broken_json_array_element_fails_alone() {
    let dir = scratch(&[("in.json", b"[{\"text\": \"$1m\"},\n {\"text\": },\n {\"text\": \"$3m\"}]\n")]);
    let out = claimex_in(dir.path(), &["extract", "in.json"], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.starts_with("claimex: in.json:2: invalid JSON:"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert_eq!(sources(&out), ["in.json:1", "in.json:3"]);
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = scratch(&[]);
    for args in
        [&["extract", "--no-such-flag"][..], &["extract", "--kinds", "apples", "x.txt"][..], &["frobnicate"][..]]
    {
        let out = claimex_in(dir.path(), args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = claimex_in(dir.path(), &["check", "no-such-dir"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unwritable_output_fails_without_touching_stdout() {
    let dir = scratch(&[("a.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "a.txt", "-o", "missing-dir/out.jsonl"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("claimex: cannot create a temporary file next to missing-dir/out.jsonl"));
    assert!(out.stdout.is_empty());
}

#[test]
fn whitespace_only_is_a_warning() {
    let dir = scratch(&[("ws.txt", b" \n\n\t  \n")]);
    let out = claimex_in(dir.path(), &["extract", "ws.txt"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "claimex: warning: ws.txt: empty document (no text)\n");
}

#[test]
fn utf16_with_bom_is_decoded() {
    let mut bytes = vec![0xff, 0xfe];
    for u in "The lab spent €5m training on 512 GPUs.".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let dir = scratch(&[("u16.txt", &bytes)]);
    let out = claimex_in(dir.path(), &["extract", "u16.txt"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["text"], "€5m");
    assert_eq!(recs[0]["value"]["currency"], "EUR");
}

/// JSON Lines and JSON exported by Windows tools often come in UTF-16 with
/// a byte order mark. Each line, and each element of an array, is a
/// record as in UTF-8, from a file and from standard input; a UTF-16 line
/// break was once split into "\n" and a NUL that broke every line after
/// the first.
#[test]
fn utf16_json_lines_and_arrays_are_read_record_by_record() {
    let utf16 = |s: &str, le: bool| -> Vec<u8> {
        let bom: [u8; 2] = if le { [0xff, 0xfe] } else { [0xfe, 0xff] };
        let units = s.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() });
        bom.into_iter().chain(units).collect()
    };
    let lines = "{\"text\": \"Acme paid $5m for the firm.\"}\n{\"text\": \"Globex raised €20 million.\"}\n";
    let array = "[{\"text\": \"Acme paid $5m for the firm.\"}, {\"text\": \"Globex raised €20 million.\"}]";
    let files = [("le.jsonl", utf16(lines, true)), ("be.jsonl", utf16(lines, false)), ("le.json", utf16(array, true))];
    let dir = scratch(&files.iter().map(|(n, b)| (*n, b.as_slice())).collect::<Vec<_>>());
    for (name, bytes) in &files {
        for stdin in [None, Some(bytes.as_slice())] {
            let out = claimex_in(dir.path(), &["extract", if stdin.is_some() { "-" } else { name }], stdin);
            assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), ""), "{name}");
            let found: Vec<(String, String)> = records(&out)
                .iter()
                .map(|r| (r["source"].as_str().unwrap().to_owned(), r["text"].as_str().unwrap().to_owned()))
                .collect();
            let src = if stdin.is_some() { "-" } else { name };
            assert_eq!(
                found,
                [(format!("{src}:1"), "$5m".to_owned()), (format!("{src}:2"), "€20 million".to_owned())],
                "{name}"
            );
        }
    }
}

#[test]
fn a_100_mb_single_line_file_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    // one line, no newline at all: a figure every 640 bytes or so
    let unit = "The lab spent $5m on its servers, and the rest of this long clause is filler text that only \
                pads the line with ordinary words, names like Halcyon or Zephyr, and the odd comma, so that \
                the single line of the file grows to a hundred megabytes without any line break in it; then \
                another clause follows with more words about nothing in particular, just to make the line \
                long, longer and longer still, while the reader waits for the next figure to come along; ";
    let n = 100 * 1024 * 1024 / unit.len() + 1;
    let path = dir.path().join("huge.txt");
    std::fs::write(&path, unit.repeat(n)).unwrap();
    let out = claimex_in(dir.path(), &["extract", "--kinds", "money", "-o", "out.jsonl", "huge.txt"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), n);
    assert!(written.lines().all(|l| l.contains("\"amount\":5000000.0")));
}

#[test]
fn deeply_nested_html_is_read() {
    let mut page = String::from("<html><head><title>Deep</title></head><body><article><p>It cost $5m to train.</p>");
    page.push_str(&"<div>".repeat(100_000));
    page.push_str("<p>The run took 80 hours on 512 H100 GPUs.</p>");
    page.push_str(&"</div>".repeat(100_000));
    page.push_str("</article></body></html>");
    let dir = scratch(&[("deep.html", page.as_bytes())]);
    let out = claimex_in(dir.path(), &["extract", "deep.html"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let texts: Vec<String> = records(&out).iter().map(|r| r["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(texts, ["$5m", "80 hours", "512 H100 GPUs"]);
}

/// Past 100,000 elements the rest of a page is read as text (the parse
/// tree's memory is bounded): the figures and sentences there still count.
#[test]
fn a_page_of_150000_tiny_elements_keeps_its_text() {
    let mut page = String::from("<html><head><title>Long</title></head><body><article><p>It cost $5m to train.</p>");
    for i in 0..150_000 {
        page.push_str(&format!("<p>Item {i}.</p>"));
    }
    page.push_str(
        "<p>The run took 80 hours on 512 H100 GPUs.</p><script>var price = '$9';</script></article></body></html>",
    );
    let dir = scratch(&[("long.html", page.as_bytes())]);
    let out = claimex_in(dir.path(), &["extract", "long.html"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let texts: Vec<String> = records(&out).iter().map(|r| r["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(texts, ["$5m", "80 hours", "512 H100 GPUs"]);
    let out = claimex_in(dir.path(), &["sentences", "long.html"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sentences = records(&out);
    // the title, the first and last paragraphs, and every item
    assert_eq!(sentences.len(), 150_003);
    assert_eq!(sentences[150_001]["text"], "Item 149999.");
}

#[test]
#[cfg(unix)]
fn symlink_loop_is_a_warning_and_files_are_read_once() {
    let dir = scratch(&[("d/a.txt", b"It cost $5m.")]);
    std::os::unix::fs::symlink(dir.path().join("d"), dir.path().join("d/loop")).unwrap();
    let out = claimex_in(dir.path(), &["extract", "d"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("claimex: warning: d/loop: symbolic link loop"), "{err}");
    assert_eq!(records(&out).len(), 1);
}

#[test]
#[cfg(unix)]
fn unreadable_file_fails_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = scratch(&[("locked.txt", b"It cost $5m."), ("open.txt", b"It cost $6m.")]);
    let locked = dir.path().join("locked.txt");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("unreadable_file_fails_alone: skipped (running as root: permissions do not stop reads)");
        return;
    }
    let out = claimex_in(dir.path(), &["extract", "locked.txt", "open.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("claimex: locked.txt: Permission denied"), "{}", stderr(&out));
    assert_eq!(records(&out).len(), 1);
}

#[test]
fn file_deleted_while_the_batch_runs() {
    use std::io::{BufRead, BufReader};
    // 1,500 articles; the first is empty, so its warning says the batch has started
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("in");
    std::fs::create_dir(&articles).unwrap();
    std::fs::write(articles.join("0000.txt"), b"").unwrap();
    write_articles(&articles, 1..1500, 40);
    let mut child = spawn_extract_to_file(dir.path());
    let mut err = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    err.read_line(&mut first).unwrap();
    assert!(first.contains("0000.txt: empty document"), "{first}");
    std::fs::remove_file(articles.join("1499.txt")).unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut err, &mut rest).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{rest}");
    assert_eq!(rest, "claimex: in/1499.txt: no such file or directory\n");
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1498 * 120, "the other articles are all there");
}

#[test]
#[cfg(unix)]
fn interrupted_run_leaves_the_old_output() {
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("in");
    std::fs::create_dir(&articles).unwrap();
    write_articles(&articles, 0..3000, 200);
    std::fs::write(dir.path().join("out.jsonl"), b"previous run\n").unwrap();
    let child = spawn_extract_to_file(dir.path());
    std::thread::sleep(std::time::Duration::from_millis(300));
    let killed = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    match out.status.code() {
        Some(130) => {
            assert_eq!(written, "previous run\n", "an interrupted run leaves the old file");
            assert!(stderr(&out).contains("interrupted"), "{}", stderr(&out));
        }
        Some(0) => assert_eq!(written.lines().count(), 3000 * 600, "a finished run writes the whole file"),
        other => panic!("unexpected status {other:?}: {}", stderr(&out)),
    }
    let leftovers = temporary_files(dir.path());
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// Articles numbered `numbers` (0000.txt on) in `articles`, each a
/// sentence with three figures written `repeat` times.
fn write_articles(articles: &std::path::Path, numbers: std::ops::Range<usize>, repeat: usize) {
    let body = "The lab spent $5m on 512 GPUs over 80 hours. ".repeat(repeat);
    for k in numbers {
        std::fs::write(articles.join(format!("{k:04}.txt")), &body).unwrap();
    }
}

/// `claimex extract -j 1 -o out.jsonl in` started in `dir`, its standard
/// error piped for the test to read.
fn spawn_extract_to_file(dir: &std::path::Path) -> std::process::Child {
    spawn_in(dir, &["extract", "-j", "1", "-o", "out.jsonl", "in"])
}

/// `claimex ARGS` started in `dir`, its standard output and error piped.
fn spawn_in(dir: &std::path::Path, args: &[&str]) -> std::process::Child {
    use std::process::{Command, Stdio};
    Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The temporary output files (`*.tmp`) in `dir`.
fn temporary_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Waits for `child` at most `seconds`, then kills it and fails: a guard
/// against a hang, not a timing.
#[cfg(unix)]
fn wait_or_kill(mut child: std::process::Child, seconds: u64, what: &str) -> std::process::Output {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what}: still running after {seconds} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// A FIFO with an article's name in a folder: opening it would wait for a
/// writer forever and hold up the batch. The walk skips it with a warning,
/// and the rest of the folder is read.
#[test]
#[cfg(unix)]
fn fifo_in_a_folder_is_skipped_with_a_warning() {
    let dir = scratch(&[("d/a.txt", b"It cost $5m."), ("d/c.txt", b"It cost $6m.")]);
    mkfifo(&dir.path().join("d/b.txt"));
    let child = spawn_in(dir.path(), &["extract", "-j", "2", "d"]);
    let out = wait_or_kill(child, 60, "extract on a folder with a FIFO");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "claimex: warning: d/b.txt: a FIFO, not a regular file (skipped in the walk of a folder)\n"
    );
    assert_eq!(sources(&out), ["d/a.txt", "d/c.txt"]);
}

/// A folder with a FIFO `pipe.txt` and the output of a previous run,
/// `out.jsonl`, which holds "previous run".
#[cfg(unix)]
fn fifo_and_an_old_output() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join("pipe.txt"));
    std::fs::write(dir.path().join("out.jsonl"), b"previous run\n").unwrap();
    dir
}

/// `claimex extract -o out.jsonl pipe.txt` in `dir`, once it has begun
/// (the temporary output exists once the signal handler is in place and
/// the run has begun): stuck in its read of the FIFO `pipe.txt`, which
/// nobody writes to.
#[cfg(unix)]
fn spawn_stuck_on_the_fifo(dir: &std::path::Path) -> std::process::Child {
    let child = spawn_in(dir, &["extract", "-o", "out.jsonl", "pipe.txt"]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while temporary_files(dir).is_empty() {
        assert!(std::time::Instant::now() < deadline, "no temporary output file appeared");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

/// A FIFO named on the command line is read, like any file: here nobody
/// writes to it, so the run waits in its read. Ctrl-C lets the documents in
/// flight finish, which this one never does; a second Ctrl-C stops the run
/// at once, and the `-o` file is left as it was, with no temporary file.
#[test]
#[cfg(unix)]
fn a_second_interrupt_stops_a_run_stuck_in_a_read() {
    use std::process::Command;
    let dir = fifo_and_an_old_output();
    let child = spawn_stuck_on_the_fifo(dir.path());
    let temporaries = || temporary_files(dir.path()).len();
    let interrupt =
        || assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
    interrupt();
    std::thread::sleep(std::time::Duration::from_millis(300));
    interrupt();
    let out = wait_or_kill(child, 60, "extract stuck on a FIFO after two interrupts");
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert!(stderr(&out).contains("interrupted again"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap(), "previous run\n");
    assert_eq!(temporaries(), 0, "the temporary output file was removed");
}

/// One Ctrl-C (or SIGTERM, as `timeout` sends) is enough to stop a run
/// whose document in flight never finishes: after a grace of two seconds
/// the run stops without it, and the `-o` file is left as it was.
#[test]
#[cfg(unix)]
fn one_interrupt_stops_a_run_stuck_in_a_read_after_a_grace() {
    use std::process::Command;
    let dir = fifo_and_an_old_output();
    for signal in ["-INT", "-TERM"] {
        let child = spawn_stuck_on_the_fifo(dir.path());
        assert!(Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap().success());
        let out = wait_or_kill(child, 60, "extract stuck on a FIFO after one interrupt");
        assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
        assert!(stderr(&out).contains("did not finish within 2 s"), "{}", stderr(&out));
        assert_eq!(std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap(), "previous run\n");
        assert!(temporary_files(dir.path()).is_empty(), "the temporary output file was removed");
    }
}

/// A file name that is not UTF-8 (a Latin-1 "é" from an old archive): the
/// walk of its folder reads it, and so does naming it on the command line;
/// the records' source shows the name with U+FFFD for the bad byte.
#[test]
#[cfg(target_os = "linux")]
fn a_file_name_that_is_not_utf8_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch(&[("d/a.txt", b"It cost $5m.")]);
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.path().join("d").join(name), b"It cost $6m.").unwrap();
    let out = claimex_in(dir.path(), &["extract", "d"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(sources(&out), ["d/a.txt", "d/caf\u{fffd}.txt"]);
    let path = std::path::Path::new("d").join(name);
    let out = claimex_in(dir.path(), &[std::ffi::OsStr::new("extract"), path.as_os_str()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out)[0]["text"], "$6m");
}

/// A symbolic link to nothing in a folder: one line that says so, if it
/// has an article's name (a failed input: its article cannot be read), and
/// nothing if it has not ("logo.png" would not have been read anyway).
#[test]
#[cfg(unix)]
fn a_broken_link_in_a_folder_fails_alone() {
    let dir = scratch(&[("d/a.txt", b"It cost $5m."), ("d/c.txt", b"It cost $6m.")]);
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("d/b.txt")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.png"), dir.path().join("d/logo.png")).unwrap();
    let out = claimex_in(dir.path(), &["extract", "d"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: d/b.txt: broken symbolic link (its target does not exist)\n");
    assert_eq!(records(&out).len(), 2);
}

/// The output of a previous run written into the folder of the articles,
/// then the same command again: the walk meets the `-o` file, JSON Lines
/// with a `text` field, and must not read it back as articles.
#[test]
fn the_output_file_is_not_read_back_from_the_folder() {
    let dir = scratch(&[("d/a.txt", b"It cost $5m.")]);
    for round in 0..2 {
        let out = claimex_in(dir.path(), &["extract", "d", "-o", "d/out.jsonl"], None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let warned =
            if round == 0 { "" } else { "claimex: warning: d/out.jsonl: the output file of this run (-o), not read\n" };
        assert_eq!(stderr(&out), warned);
        let written = std::fs::read_to_string(dir.path().join("d/out.jsonl")).unwrap();
        assert_eq!(written.lines().count(), 1, "{written}");
        assert!(written.starts_with("{\"source\":\"d/a.txt\""), "{written}");
    }
    // named on the command line, it is not read either: figures are no articles
    let out = claimex_in(dir.path(), &["text", "d/out.jsonl"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "claimex: warning: d/out.jsonl: claimex output (records of figures, sentences or facts), not articles: not read\n"
    );
    assert!(out.stdout.is_empty());
}

/// An earlier run's output saved into the folder of the articles by the
/// shell (`claimex extract d > d/run1.jsonl`), then a second run into
/// another file: the walk meets claimex's own records of figures, whose
/// `text` field would make each figure an article, and skips the file
/// with a warning. The file the run's standard output writes is skipped
/// too, as ripgrep does: the walk would read what the run is writing.
#[test]
#[cfg(target_os = "linux")]
fn earlier_output_and_the_runs_own_stdout_are_not_read_back() {
    let dir = scratch(&[("d/a.txt", b"It cost $5m.")]);
    let run = |name: &str| {
        let file = std::fs::File::create(dir.path().join("d").join(name)).unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimex"))
            .current_dir(dir.path())
            .args(["extract", "d"])
            .stdout(file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        (stderr(&out), std::fs::read_to_string(dir.path().join("d").join(name)).unwrap())
    };
    let (err, written) = run("run1.jsonl");
    assert_eq!(err, "claimex: warning: d/run1.jsonl: the output file of this run (stdout), not read\n");
    assert_eq!(written.lines().count(), 1, "{written}");
    let (err, written) = run("run2.jsonl");
    assert_eq!(
        err,
        "claimex: warning: d/run1.jsonl: claimex output (records of figures, sentences or facts), not articles: not read\n\
         claimex: warning: d/run2.jsonl: the output file of this run (stdout), not read\n"
    );
    assert_eq!(written.lines().count(), 1, "{written}");
    assert!(written.starts_with("{\"source\":\"d/a.txt\""), "{written}");
}

/// `-o` onto a file of articles that the walk of a folder reads would
/// replace the articles with the figures: refused, a usage error, and the
/// file untouched. An earlier run's output there is replaced as before.
#[test]
fn output_onto_articles_of_a_walked_folder_is_refused() {
    let articles = b"{\"text\": \"It cost $5 million.\"}\n";
    let dir = scratch(&[("d/articles.jsonl", articles), ("d/b.txt", b"It cost $7 million.")]);
    let out = claimex_in(dir.path(), &["extract", "d", "-o", "d/articles.jsonl"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("claimex: -o d/articles.jsonl: a file of articles in a folder this run reads"));
    assert_eq!(std::fs::read(dir.path().join("d/articles.jsonl")).unwrap(), articles);
    // the same file named as an INPUT is read whole before the output replaces it
    let out = claimex_in(dir.path(), &["extract", "d/articles.jsonl", "-o", "d/articles.jsonl"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.path().join("d/articles.jsonl")).unwrap().contains("\"text\":\"$5 million\""));
}

/// `-o` onto what is not a regular file writes through it: a device
/// (`/dev/null`) or a FIFO is written as it is, never replaced by a
/// renamed file; a symbolic link is followed, its target replaced
/// atomically, and the link kept.
#[test]
#[cfg(unix)]
fn output_through_a_device_or_a_link() {
    let dir = scratch(&[("a.txt", b"It cost $5m."), ("real.jsonl", b"old\n")]);
    std::os::unix::fs::symlink("real.jsonl", dir.path().join("link.jsonl")).unwrap();
    std::os::unix::fs::symlink("/dev/null", dir.path().join("null")).unwrap();
    let out = claimex_in(dir.path(), &["extract", "a.txt", "-o", "link.jsonl"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(dir.path().join("link.jsonl")).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(dir.path().join("real.jsonl")).unwrap().contains("\"text\":\"$5m\""));
    let out = claimex_in(dir.path(), &["extract", "a.txt", "-o", "null"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::symlink_metadata(dir.path().join("null")).unwrap().file_type().is_symlink());
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    // a FIFO: a reader gets the records, and the FIFO stays one
    mkfifo(&dir.path().join("fifo"));
    let fifo = dir.path().join("fifo");
    let reader = std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap());
    let out = claimex_in(dir.path(), &["extract", "a.txt", "-o", "fifo"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(reader.join().unwrap().contains("\"text\":\"$5m\""));
    assert!(std::fs::symlink_metadata(dir.path().join("fifo")).unwrap().file_type().is_fifo());
}

/// gzip on standard input (`claimex extract < articles.jsonl.gz`) is
/// decompressed as it is read, as a `.gz` file is; it used to be "binary".
#[test]
fn gzip_on_stdin_is_decompressed() {
    use std::io::Write;
    let gz = |data: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    let dir = scratch(&[]);
    let lines = gz(b"{\"text\": \"It cost $5m.\"}\n{\"text\": \"It cost $6m.\"}\n");
    let out = claimex_in(dir.path(), &["extract"], Some(&lines));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(sources(&out), ["-:1", "-:2"]);
    let text = gz(b"It cost $7m.");
    let out = claimex_in(dir.path(), &["extract", "-"], Some(&text));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out)[0]["text"], "$7m");
}

/// A gzip file whose compressed data is followed by zero padding (as tape
/// and `dd` tools write it) or by garbage: its document is read, with a
/// warning naming the file that says what was ignored, as gzip(1) says
/// "trailing garbage ignored". The whole document used to be lost. Every
/// member of a concatenated stream is still read, from a file and from
/// standard input.
#[test]
fn gzip_with_trailing_zeros_or_garbage_keeps_its_document() {
    use std::io::Write;
    let gz = |data: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    };
    let text = [gz(b"It cost $5m. "), gz(b"It took 80 hours.")].concat();
    let lines = [gz(b"{\"text\": \"It cost $6m.\"}\n"), gz(b"{\"text\": \"It cost $7m.\"}\n")].concat();
    let zeros = [0u8; 10240];
    let garbage = b"\x00\x00garbage after the data\n";
    let dir = scratch(&[
        ("a.txt.gz", &[text.as_slice(), &zeros].concat()),
        ("b.txt.gz", &[text.as_slice(), garbage].concat()),
        ("c.jsonl.gz", &[lines.as_slice(), &zeros].concat()),
        ("d.jsonl.gz", &[lines.as_slice(), garbage].concat()),
        ("e.txt.gz", &text),
    ]);
    let zeros_ignored = "trailing zero bytes after the gzip data ignored";
    let garbage_ignored = "trailing garbage after the gzip data ignored";
    let out =
        claimex_in(dir.path(), &["extract", "a.txt.gz", "b.txt.gz", "c.jsonl.gz", "d.jsonl.gz", "e.txt.gz"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "claimex: warning: a.txt.gz: {zeros_ignored}\nclaimex: warning: b.txt.gz: {garbage_ignored}\n\
             claimex: warning: c.jsonl.gz: {zeros_ignored}\nclaimex: warning: d.jsonl.gz: {garbage_ignored}\n"
        )
    );
    let found: Vec<(String, String)> = records(&out)
        .iter()
        .map(|r| (r["source"].as_str().unwrap().to_string(), r["text"].as_str().unwrap().to_string()))
        .collect();
    let pairs =
        |source: &str, texts: &[&str]| texts.iter().map(|t| (source.to_string(), t.to_string())).collect::<Vec<_>>();
    let mut want = Vec::new();
    for source in ["a.txt.gz", "b.txt.gz"] {
        want.extend(pairs(source, &["$5m", "80 hours"]));
    }
    for source in ["c.jsonl.gz", "d.jsonl.gz"] {
        want.extend([(format!("{source}:1"), "$6m".to_string()), (format!("{source}:2"), "$7m".to_string())]);
    }
    want.extend(pairs("e.txt.gz", &["$5m", "80 hours"]));
    assert_eq!(found, want);
    // standard input: plain text and JSON Lines, read whole and a record at a time
    for (bytes, texts, warning) in [
        ([text.as_slice(), &zeros].concat(), ["$5m", "80 hours"], zeros_ignored),
        ([text.as_slice(), garbage].concat(), ["$5m", "80 hours"], garbage_ignored),
        ([lines.as_slice(), &zeros].concat(), ["$6m", "$7m"], zeros_ignored),
        ([lines.as_slice(), garbage].concat(), ["$6m", "$7m"], garbage_ignored),
    ] {
        let out = claimex_in(dir.path(), &["extract"], Some(&bytes));
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stderr(&out), format!("claimex: warning: -: {warning}\n"));
        let found: Vec<_> = records(&out).iter().map(|r| r["text"].as_str().unwrap().to_string()).collect();
        assert_eq!(found, texts);
    }
    // a corrupt member after the first is an error still, not garbage
    let bad = scratch(&[("f.txt.gz", &[text.as_slice(), &[0x1f, 0x8b, 8, 0, 1, 2]].concat())]);
    let out = claimex_in(bad.path(), &["extract", "f.txt.gz"], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("claimex: f.txt.gz: "), "{}", stderr(&out));
}

/// JSON Lines records whose fields claimex does not read hold what
/// serde_json cannot turn into a value (a number out of range, nesting past
/// its limit of 128, a lone surrogate escape): each record is read, for
/// those fields do not matter. A lone surrogate in the text itself is
/// replaced with U+FFFD, with a warning. Each of these lost its record.
#[test]
fn json_records_are_not_lost_to_fields_claimex_does_not_read() {
    let deep = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    let lines = [
        r#"{"text": "It cost $1m.", "score": 1e400}"#.to_string(),
        format!(r#"{{"text": "It cost $2m.", "tree": {deep}}}"#),
        r#"{"text": "It cost $3m.", "note": "\ud800"}"#.to_string(),
        r#"{"text": "It cost \ud800$4m."}"#.to_string(),
    ];
    let dir = scratch(&[("a.jsonl", lines.join("\n").as_bytes())]);
    let out = claimex_in(dir.path(), &["extract", "a.jsonl"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "claimex: warning: a.jsonl:4: invalid JSON string: 1 lone surrogate escape (\\ud800-\\udfff without its pair) \
         replaced with U+FFFD\n"
    );
    let found: Vec<_> = records(&out).iter().map(|r| r["text"].as_str().unwrap().to_string()).collect();
    assert_eq!(found, ["$1m", "$2m", "$3m", "$4m"]);
}

/// A full disk: the message names the output that could not be written
/// (standard output, or the `-o` file), and the run fails.
#[test]
#[cfg(target_os = "linux")]
fn a_full_disk_names_the_output() {
    let dir = scratch(&[("a.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "a.txt", "-o", "/dev/full"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: cannot write /dev/full: No space left on device (os error 28)\n");
    for command in [&["extract", "a.txt"][..], &["reconcile", "a.txt"][..]] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimex"))
            .current_dir(dir.path())
            .args(command)
            .stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{command:?}");
        assert_eq!(
            stderr(&out),
            "claimex: cannot write standard output: No space left on device (os error 28)\n",
            "{command:?}"
        );
    }
}

/// Standard output closed (`claimex extract d >&-`): the records cannot be
/// written anywhere, and the run says so and fails, naming the output. It
/// used to exit 0 with the records lost, for Rust's runtime gives a closed
/// standard output `/dev/null` before `main`. With `-o` standard output
/// is not needed, and a closed one does not matter.
#[test]
#[cfg(target_os = "linux")]
fn a_closed_standard_output_is_an_error() {
    let dir = scratch(&[("d/a.txt", b"It cost $5m.")]);
    let closed = |args: &str| {
        // `>&-` closes file descriptor 1 for the command sh runs
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" {args} >&-"))
            .arg(env!("CARGO_BIN_EXE_claimex"))
            .current_dir(dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    for args in ["extract d", "text d", "sentences d", "reconcile d", "extract --format csv d", "check d"] {
        let out = closed(args);
        assert_eq!(out.status.code(), Some(1), "{args}: {}", stderr(&out));
        assert_eq!(stderr(&out), "claimex: cannot write standard output: Bad file descriptor (os error 9)\n", "{args}");
    }
    let out = closed("extract d -o out.jsonl");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap().contains("\"text\":\"$5m\""));
}

/// A reader that stops reading (`claimex extract d | head -1`): the run
/// stops at the broken pipe quietly, exit status 0, as ripgrep does.
#[test]
#[cfg(unix)]
fn a_broken_pipe_ends_the_run_quietly() {
    use std::io::Read;
    // far more records than a pipe holds
    let dir = scratch(&[("a.txt", "It cost $5m. ".repeat(50_000).as_bytes())]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(["extract", "a.txt"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 1];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // the pipe's only reader is gone
    let out = child.wait_with_output().unwrap();
    assert_eq!(first[0], b'{');
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

/// A document larger than 256 MiB is no article: reading it whole
/// (`/dev/zero` behind a link, a decompression bomb) would exhaust memory.
/// It fails alone after 256 MiB, and the batch goes on.
#[test]
#[cfg(target_os = "linux")]
fn a_document_past_the_size_limit_fails_alone() {
    let dir = scratch(&[("a.txt", b"It cost $5m.")]);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.txt")).unwrap();
    let out = claimex_in(dir.path(), &["extract", "zero.txt", "a.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: zero.txt: larger than the limit of 256 MiB a document: not read\n");
    assert_eq!(sources(&out), ["a.txt"]);
}

/// A file name holding a line break or an escape character: the message
/// that names it stays on one line, the characters written as escapes.
#[test]
#[cfg(unix)]
fn messages_stay_on_one_line_whatever_the_file_name() {
    let dir = scratch(&[("d/bad\nname\u{1b}[31m.txt", b"\x00\x01binary"), ("d/a.txt", b"It cost $5m.")]);
    let out = claimex_in(dir.path(), &["extract", "d"], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "claimex: d/bad\\nname\\u{1b}[31m.txt: binary file (not text, HTML or JSON)\n");
}

/// `--quiet` silences the warnings of the walk of a folder too.
#[test]
#[cfg(unix)]
fn quiet_silences_the_warnings_of_a_walk() {
    let dir = scratch(&[("d/a.txt", b"It cost $5m."), ("d/empty.txt", b"")]);
    std::os::unix::fs::symlink(dir.path().join("d"), dir.path().join("d/loop")).unwrap();
    let loud = claimex_in(dir.path(), &["extract", "d"], None);
    assert_eq!(stderr(&loud).lines().count(), 2, "{}", stderr(&loud));
    let out = claimex_in(dir.path(), &["extract", "-q", "d"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
    assert_eq!(records(&out).len(), 1);
}

/// `reconcile` needs every input before it can write its report: Ctrl-C
/// while a document is still being read lets that document finish, then
/// writes no report, says so, exits 130 and leaves the `-o` file as it
/// was. The article comes through a FIFO the test writes, so the signal
/// lands while the run is surely in its read.
#[test]
#[cfg(unix)]
fn interrupted_reconcile_writes_no_report() {
    use std::io::Write;
    use std::process::Command;
    let dir = fifo_and_an_old_output();
    for (args, said) in [
        (&["reconcile", "-o", "out.jsonl", "pipe.txt"][..], "claimex: interrupted; out.jsonl was left as it was\n"),
        (&["reconcile", "pipe.txt"][..], "claimex: interrupted; no report was written\n"),
    ] {
        let child = spawn_in(dir.path(), args);
        // opening blocks until the run opens the FIFO for reading, after
        // its signal handler is in place
        let mut writer = std::fs::OpenOptions::new().write(true).open(dir.path().join("pipe.txt")).unwrap();
        writer.write_all(b"Acme raised $5m.\n").unwrap();
        assert!(Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap().success());
        std::thread::sleep(std::time::Duration::from_millis(200));
        drop(writer);
        let out = wait_or_kill(child, 60, "reconcile interrupted in its read of a FIFO");
        assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
        assert_eq!(stderr(&out), said);
        assert!(out.stdout.is_empty(), "no report on standard output");
        assert_eq!(std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap(), "previous run\n");
        assert!(temporary_files(dir.path()).is_empty(), "no temporary output file is left");
    }
}
