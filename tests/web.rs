//! Real web pages: the seed articles wrapped in news pages, and URLs fetched
//! from a small HTTP/1.1 server each test starts on 127.0.0.1 (never the
//! internet).

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::Value;

use crate::util::{claimex, records, root, scratch, stderr};

/// The article of a fixture page, and the seed it wraps.
const PAGE_000: &str = "fixtures/html/000_087a43646b79989b.html";
const PAGE_004: &str = "fixtures/html/004_5097f99194416ce5.html";

/// What a mention is, apart from where it is: kind, text, qualifier, value,
/// subject, attribute.
fn what(r: &Value) -> Value {
    serde_json::json!([r["kind"], r["text"], r["qualifier"], r["value"], r["subject"], r["attribute"]])
}

/// A record without its `source`.
fn sourceless(r: &Value) -> Value {
    let mut r = r.clone();
    r.as_object_mut().unwrap().remove("source");
    r
}

/// The stems (`000_087a43646b79989b`) of the files in `dir` ending in `ext`.
fn stems(dir: &str, ext: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|n| n.strip_suffix(ext).map(str::to_string))
        .collect();
    out.sort();
    out
}

/// Records grouped by the stem of their source (`fixtures/seeds/000_x.txt` -> `000_x`).
fn by_stem(recs: &[Value], ext: &str) -> HashMap<String, Vec<Value>> {
    let mut out: HashMap<String, Vec<Value>> = HashMap::new();
    for r in recs {
        let source = r["source"].as_str().unwrap();
        let name = Path::new(source).file_name().unwrap().to_str().unwrap();
        out.entry(name.strip_suffix(ext).unwrap().to_string()).or_default().push(r.clone());
    }
    out
}

/// Whitespace collapsed, list bullets dropped: a seed line as a paragraph.
fn normalize(line: &str) -> String {
    let line = line.trim().trim_start_matches('\u{2022}').trim();
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn fixture_pages_give_exactly_the_mentions_of_their_seeds() {
    let seeds = stems("fixtures/seeds", ".txt");
    assert_eq!(seeds.len(), 5);
    assert_eq!(stems("fixtures/html", ".html"), seeds, "one page per seed");

    let from_seeds = claimex(&["extract", "fixtures/seeds"]);
    let from_pages = claimex(&["extract", "fixtures/html"]);
    assert_eq!(from_pages.status.code(), Some(0), "{}", stderr(&from_pages));
    assert_eq!(stderr(&from_pages), "");
    let (seed_recs, page_recs) = (by_stem(&records(&from_seeds), ".txt"), by_stem(&records(&from_pages), ".html"));
    for stem in &seeds {
        let want: Vec<Value> = seed_recs[stem].iter().map(what).collect();
        let got: Vec<Value> = page_recs.get(stem).map(|v| v.iter().map(what).collect()).unwrap_or_default();
        assert!(!want.is_empty());
        assert_eq!(got, want, "{stem}: the page's mentions differ from the seed's");
    }
}

#[test]
fn fixture_pages_hold_the_headline_and_the_seed_text_only() {
    let out = claimex(&["text", "fixtures/html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = records(&out);
    assert_eq!(docs.len(), 5);
    for doc in &docs {
        let source = doc["source"].as_str().unwrap();
        let stem = Path::new(source).file_stem().unwrap().to_str().unwrap();
        let seed = std::fs::read_to_string(root().join("fixtures/seeds").join(format!("{stem}.txt"))).unwrap();
        let lines: Vec<String> = seed.lines().map(normalize).filter(|l| !l.is_empty()).collect();
        let title = doc["title"].as_str().unwrap();
        let text = doc["text"].as_str().unwrap();
        let mut paragraphs = text.split("\n\n");
        assert_eq!(paragraphs.next(), Some(title), "{source}: the headline comes first");
        // Where the seed has a headline line, it is the page's headline.
        if lines.iter().any(|l| l == title) {
            assert_eq!(lines[0], title, "{source}");
        }
        // Every other paragraph is a line of the seed, in the seed's order:
        // nothing from menus, sidebars, related lists, comments or footers.
        let mut next = 0;
        for p in paragraphs {
            match lines[next..].iter().position(|l| l == p) {
                Some(k) => next += k + 1,
                None => panic!("{source}: paragraph not in the seed (or out of order): {p:?}"),
            }
        }
        assert!(next > lines.len() / 2, "{source}: most of the seed is extracted");
    }
}

#[test]
fn text_of_a_page_carries_its_metadata() {
    // (page, canonical URL, title, published)
    let cases = [
        (
            PAGE_000,
            "https://www.reuters.com/world/china/chinas-deepseek-says-its-hit-ai-model-cost-just-294000-train-2025-09-18/",
            "China\u{2019}s DeepSeek says its hit AI model cost just $294,000 to train",
            "2025-09-18T10:26:44Z",
        ),
        (
            // the headline from og:title without its " – Europe Tech Daily" suffix
            PAGE_004,
            "https://www.europetechdaily.example/2025/09/22/deepseek-sheds-new-light-on-the-economics-of-the-ai-race/",
            "DeepSeek sheds new light on the economics of the AI race",
            "2025-09-22T07:45:12+00:00",
        ),
        (
            // the body from the JSON-LD articleBody of a paywalled page
            "fixtures/html/002_2f2dc4b0e48d62cc.html",
            "https://www.asiatechreview.example/ai/deepseek-r1-training-cost-nature-paper",
            "DeepSeek reveals what it cost to train its R1 reasoning model",
            "2025-09-18T14:05:00+08:00",
        ),
    ];
    for (page, url, title, published) in cases {
        let out = claimex(&["text", page]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let recs = records(&out);
        assert_eq!(recs.len(), 1);
        let r = recs[0].as_object().unwrap();
        let keys: Vec<&str> = r.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 5, "{keys:?}");
        assert_eq!(r["source"], page);
        assert_eq!(r["url"], url, "{page}");
        assert_eq!(r["title"], title, "{page}");
        assert_eq!(r["published"], published, "{page}");
        let text = r["text"].as_str().unwrap();
        assert!(text.starts_with(&format!("{title}\n\n")), "{page}: {text:.200}");
    }
    let seed = std::fs::read_to_string(root().join("fixtures/seeds/000_087a43646b79989b.txt")).unwrap();
    assert_eq!(seed.lines().next(), Some(cases[0].2), "the headline is the seed's");
}

// ---------------------------------------------------------------------------
// A tiny HTTP/1.1 server
// ---------------------------------------------------------------------------

/// A canned response.
#[derive(Clone)]
struct Reply {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn ok(content_type: &str, body: Vec<u8>) -> Reply {
        Reply { status: "200 OK", headers: vec![("Content-Type", content_type.to_string())], body }
    }
}

/// A server on 127.0.0.1 answering from a table of paths; anything else is
/// a 404. It counts the requests it has read.
struct Server {
    port: u16,
    requests: Arc<AtomicUsize>,
}

impl Server {
    fn start(routes: HashMap<&'static str, Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let routes = Arc::new(routes);
        let count = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let (routes, count) = (Arc::clone(&routes), Arc::clone(&count));
                std::thread::spawn(move || {
                    let _ = serve(stream, &routes, &count);
                });
            }
        });
        Server { port, requests }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Answers one request on `stream`: the whole head is read (and a body of
/// `Content-Length` bytes), then the reply is sent with `Connection: close`.
fn serve(stream: TcpStream, routes: &HashMap<&'static str, Reply>, count: &AtomicUsize) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line)? == 0 {
        return Ok(());
    }
    let mut content_length = 0u64;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            content_length = value.trim().parse().unwrap_or(0);
        }
    }
    std::io::copy(&mut reader.by_ref().take(content_length), &mut std::io::sink())?;
    count.fetch_add(1, Ordering::SeqCst);

    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let not_found = Reply {
        status: "404 Not Found",
        headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
        body: b"<html><body><h1>Not found</h1></body></html>".to_vec(),
    };
    let reply = routes.get(target).unwrap_or(&not_found);
    let mut head = format!("HTTP/1.1 {}\r\n", reply.status);
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\nConnection: close\r\n\r\n", reply.body.len()));
    let mut stream = stream;
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&reply.body)?;
    }
    stream.flush()?;
    stream.shutdown(Shutdown::Write)
}

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

/// A French page in ISO-8859-1, declared only in `<meta charset>`.
const LATIN1_PAGE: &str = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"iso-8859-1\">\
<title>Café chain sold for £13 million</title></head><body>\
<nav><a href=\"/\">Accueil</a> <a href=\"/eco\">Économie</a></nav><article><h1>Café chain sold for £13 million</h1>\
<p>The café chain Pâtisserie Valérie was sold for £13 million, its administrators said on Friday.</p>\
<p>The buyer, a Zürich fund, said the crème brûlée recipe and most of the shops would stay.</p></article>\
<footer>© 2025 Le Café Économique</footer></body></html>";

fn latin1(s: &str) -> Vec<u8> {
    s.chars().map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 character")).collect()
}

/// The routes every test's server answers.
fn routes() -> HashMap<&'static str, Reply> {
    let html = "text/html; charset=utf-8";
    HashMap::from([
        ("/a", Reply::ok(html, fixture(PAGE_000))),
        ("/b", Reply::ok(html, fixture(PAGE_004))),
        ("/report.pdf", Reply::ok("application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n".to_vec())),
        (
            "/passwd",
            Reply {
                status: "302 Found",
                headers: vec![("Location", "file:///etc/passwd".into()), ("Content-Type", html.into())],
                body: b"<a href=\"file:///etc/passwd\">moved</a>".to_vec(),
            },
        ),
        ("/latin1", Reply::ok("text/html", latin1(LATIN1_PAGE))),
    ])
}

/// Runs `claimex ARGS` in the workspace root, with no proxy from the
/// environment (requests must reach 127.0.0.1 directly).
fn run(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_claimex"));
    cmd.args(args).current_dir(root()).stdin(Stdio::null());
    for var in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
        cmd.env_remove(var);
    }
    cmd.env("NO_PROXY", "127.0.0.1,localhost");
    cmd.output().expect("run claimex")
}

/// A local port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

#[test]
fn a_url_gives_the_same_mentions_as_the_file() {
    let server = Server::start(routes());
    let url = server.url("/a");
    let from_url = run(&["extract", "--timeout", "5", &url]);
    assert_eq!(from_url.status.code(), Some(0), "{}", stderr(&from_url));
    assert_eq!(stderr(&from_url), "");
    let from_file = run(&["extract", PAGE_000]);
    let (got, want) = (records(&from_url), records(&from_file));
    assert!(!want.is_empty());
    assert!(got.iter().all(|r| r["source"] == url.as_str()), "source is the URL as given");
    // same texts, values, offsets and sentences
    assert_eq!(got.iter().map(sourceless).collect::<Vec<_>>(), want.iter().map(sourceless).collect::<Vec<_>>());
    assert_eq!(server.requests(), 1);

    // `text` of the URL: the page's canonical URL, title and date
    let text = run(&["text", "--timeout", "5", &url]);
    let page = &records(&text)[0];
    let file = &records(&run(&["text", PAGE_000]))[0];
    assert_eq!(page["source"], url.as_str());
    for field in ["url", "title", "published", "text"] {
        assert_eq!(page[field], file[field], "{field}");
    }
}

#[test]
fn failed_urls_get_one_line_each_and_the_good_one_is_complete() {
    let server = Server::start(routes());
    let good = server.url("/a");
    let missing = server.url("/no-such-page");
    let pdf = server.url("/report.pdf");
    let redirect = server.url("/passwd");
    let unreachable = format!("http://127.0.0.1:{}/a", closed_port());
    let out = run(&["extract", "--timeout", "2", &missing, &good, &pdf, &redirect, &unreachable]);
    assert_eq!(out.status.code(), Some(1));

    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    // (url, what its reason says), in input order
    let expected = [
        (&missing, "HTTP status 404 Not Found"),
        (&pdf, "unsupported content type `application/pdf`"),
        (&redirect, "unsupported URL scheme `file`"),
        (&unreachable, "connection failed"),
    ];
    for (line, (url, reason)) in lines.iter().zip(expected) {
        let rest = line.strip_prefix(&format!("claimex: {url}: ")).unwrap_or_else(|| panic!("{line}"));
        assert!(rest.starts_with(reason), "{line}");
    }

    let recs = records(&out);
    assert!(recs.iter().all(|r| r["source"] == good.as_str()), "only the good URL has output");
    let want = records(&run(&["extract", PAGE_000]));
    assert_eq!(recs.iter().map(sourceless).collect::<Vec<_>>(), want.iter().map(sourceless).collect::<Vec<_>>());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"), "no local file is read");
}

#[test]
fn urls_from_a_list_file() {
    let server = Server::start(routes());
    let (a, b) = (server.url("/a"), server.url("/b"));
    let list = format!("# pages to check\n\n{a}\n   \n  # the WordPress page\n  {b}  \n");
    let dir = scratch(&[("urls.txt", list.as_bytes())]);
    let list_path = dir.path().join("urls.txt");
    let out = run(&["extract", "--timeout", "5", "--urls", list_path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(server.requests(), 2);

    let recs = records(&out);
    let sources: Vec<&str> = recs.iter().map(|r| r["source"].as_str().unwrap()).collect();
    let (n_a, n_b) = (records(&run(&["extract", PAGE_000])).len(), records(&run(&["extract", PAGE_004])).len());
    let mut want = vec![a.as_str(); n_a];
    want.extend(vec![b.as_str(); n_b]);
    assert_eq!(sources, want, "every mention of both pages, in list order");
}

#[test]
fn a_cache_makes_a_second_run_fetch_nothing() {
    let server = Server::start(routes());
    let (a, b) = (server.url("/a"), server.url("/b"));
    let cache = tempfile::tempdir().unwrap();
    let cache_dir = cache.path().to_str().unwrap();
    let first = run(&["extract", "--timeout", "5", "--cache", cache_dir, &a, &b]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(server.requests(), 2);
    assert!(std::fs::read_dir(cache.path()).unwrap().count() > 0, "pages are cached");

    let second = run(&["extract", "--timeout", "5", "--cache", cache_dir, &a, &b]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    assert_eq!(server.requests(), 2, "the second run issued no request");
    assert_eq!(second.stdout, first.stdout);
    assert!(!records(&second).is_empty());
}

#[test]
fn a_latin1_page_with_a_meta_charset_decodes() {
    let server = Server::start(routes());
    let url = server.url("/latin1");
    let out = run(&["text", "--timeout", "5", &url]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "", "no decoding warning");
    let doc = &records(&out)[0];
    assert_eq!(doc["title"], "Café chain sold for £13 million");
    assert_eq!(
        doc["text"],
        "Café chain sold for £13 million\n\n\
         The café chain Pâtisserie Valérie was sold for £13 million, its administrators said on Friday.\n\n\
         The buyer, a Zürich fund, said the crème brûlée recipe and most of the shops would stay."
    );

    let recs = records(&run(&["extract", "--timeout", "5", &url]));
    let pounds: Vec<&Value> = recs.iter().filter(|r| r["text"] == "£13 million").collect();
    assert_eq!(pounds.len(), 2, "{recs:?}");
    assert_eq!(pounds[1]["value"], serde_json::json!({"amount": 13_000_000.0, "currency": "GBP"}));
}

#[test]
fn json_lines_records_with_html_are_extracted_like_the_page() {
    let page_a = String::from_utf8(fixture(PAGE_000)).unwrap();
    let page_b = String::from_utf8(fixture(PAGE_004)).unwrap();
    let lines = [
        serde_json::json!({"url": "https://example.org/deepseek", "html": page_a}).to_string(),
        serde_json::json!({"id": "wp-48213", "html": page_b}).to_string(),
    ];
    let dir = scratch(&[("pages.jsonl", (lines.join("\n") + "\n").as_bytes())]);
    let file = dir.path().join("pages.jsonl");
    let out = run(&["extract", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut got: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for r in records(&out) {
        got.entry(r["source"].as_str().unwrap().to_string()).or_default().push(sourceless(&r));
    }
    for (source, page) in [("https://example.org/deepseek", PAGE_000), ("wp-48213", PAGE_004)] {
        let want: Vec<Value> = records(&run(&["extract", page])).iter().map(sourceless).collect();
        assert!(!want.is_empty());
        assert_eq!(got.get(source), Some(&want), "{source}");
    }

    // metadata: the record's url wins; without one, the page's canonical URL
    let text = records(&run(&["text", file.to_str().unwrap()]));
    assert_eq!(text[0]["url"], "https://example.org/deepseek");
    assert_eq!(text[1]["url"], records(&run(&["text", PAGE_004]))[0]["url"]);
    assert_eq!(text[1]["title"], "DeepSeek sheds new light on the economics of the AI race");
}
