//! End-to-end tests against a server started by each test on 127.0.0.1.

mod common;

use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use claimex_fetch::{DEFAULT_USER_AGENT, Error, ErrorKind, Fetcher, Options, Page, fetch_all};
use common::{Server, html, respond};

const ARTICLE: &str = "<!doctype html><html><head><title>Chips</title></head>\
    <body><article><p>The company bought 10,000 GPUs for $1.2 billion.</p></article></body></html>";

/// Options that keep tests fast: short timeouts and backoff.
fn fast() -> Options {
    Options {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(5),
        retries: 2,
        backoff_base: Duration::from_millis(10),
        max_retry_wait: Duration::from_secs(5),
        ..Options::default()
    }
}

fn fetch_one(url: &str, opts: &Options) -> Result<Page, Error> {
    let mut out = None;
    let mut calls = 0;
    fetch_all(&[url.to_owned()], opts, |i, r| {
        assert_eq!(i, 0);
        calls += 1;
        out = Some(r);
    });
    assert_eq!(calls, 1, "on_done must be called exactly once per URL");
    out.unwrap()
}

#[test]
fn article_page() {
    let server = Server::start(|_, s| html(s, ARTICLE));
    let url = server.url("/news/chips");
    let page = fetch_one(&url, &fast()).unwrap();
    assert_eq!(page.url, url);
    assert_eq!(page.final_url, url);
    assert_eq!(page.status, 200);
    assert_eq!(page.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(page.charset(), Some("utf-8"));
    assert!(page.is_html());
    assert_eq!(page.body, ARTICLE.as_bytes());
    assert!(!page.from_cache);

    let reqs = server.requests();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].header("user-agent"), Some(DEFAULT_USER_AGENT));
    let accept_encoding = reqs[0].header("accept-encoding").unwrap_or("");
    assert!(accept_encoding.contains("gzip"), "{accept_encoding}");
    assert!(accept_encoding.contains("br"), "{accept_encoding}");
    assert!(reqs[0].header("accept").unwrap().starts_with("text/html"));
}

#[test]
fn plain_text_and_missing_content_type_are_accepted() {
    let server = Server::start(|req, s| match req.path.as_str() {
        "/text" => respond(s, "200 OK", &[("Content-Type", "text/plain")], b"plain"),
        _ => respond(s, "200 OK", &[], b"<p>no type</p>"),
    });
    let page = fetch_one(&server.url("/text"), &fast()).unwrap();
    assert_eq!(page.body, b"plain");
    assert!(!page.is_html());
    let page = fetch_one(&server.url("/none"), &fast()).unwrap();
    assert_eq!(page.content_type, None);
    assert_eq!(page.body, b"<p>no type</p>");
}

#[test]
fn not_found_is_final() {
    let server = Server::start(|_, s| respond(s, "404 Not Found", &[], b"gone"));
    let url = server.url("/missing");
    let err = fetch_one(&url, &fast()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Status(404)), "{err:?}");
    assert_eq!(err.url(), url);
    assert_eq!(err.to_string(), "HTTP status 404 Not Found");
    assert_eq!(server.count("/missing"), 1, "a 404 is not retried");
}

#[test]
fn server_error_then_success_is_retried() {
    let server = Server::start(|req, s| {
        if req.nth_for_path == 0 {
            respond(s, "500 Internal Server Error", &[], b"oops");
        } else {
            html(s, ARTICLE);
        }
    });
    let page = fetch_one(&server.url("/flaky"), &fast()).unwrap();
    assert_eq!(page.body, ARTICLE.as_bytes());
    assert_eq!(server.count("/flaky"), 2);
}

#[test]
fn persistent_server_error_gives_up_after_retries() {
    let server = Server::start(|_, s| respond(s, "503 Service Unavailable", &[], b""));
    let opts = Options { retries: 2, ..fast() };
    let err = fetch_one(&server.url("/down"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Status(503)), "{err:?}");
    assert_eq!(server.count("/down"), 3, "one try plus two retries");
}

#[test]
fn retry_after_is_honoured() {
    let server = Server::start(|req, s| {
        if req.nth_for_path == 0 {
            respond(s, "429 Too Many Requests", &[("Retry-After", "1")], b"");
        } else {
            html(s, ARTICLE);
        }
    });
    // Backoff alone would wait ~10 ms; only Retry-After explains a 1 s gap.
    let page = fetch_one(&server.url("/busy"), &fast()).unwrap();
    assert_eq!(page.status, 200);
    let reqs = server.requests();
    assert_eq!(reqs.len(), 2);
    let gap = reqs[1].at - reqs[0].at;
    assert!(gap >= Duration::from_secs(1), "retried after {gap:?}");
    assert!(gap < Duration::from_secs(4), "retried after {gap:?}");
}

#[test]
fn retry_after_is_capped() {
    let server = Server::start(|req, s| {
        if req.nth_for_path == 0 {
            respond(s, "503 Service Unavailable", &[("Retry-After", "3600")], b"");
        } else {
            html(s, ARTICLE);
        }
    });
    let opts = Options { max_retry_wait: Duration::from_millis(200), ..fast() };
    let start = Instant::now();
    fetch_one(&server.url("/later"), &opts).unwrap();
    assert!(start.elapsed() < Duration::from_secs(3), "{:?}", start.elapsed());
    let reqs = server.requests();
    assert!(reqs[1].at - reqs[0].at >= Duration::from_millis(200));
}

#[test]
fn slow_response_times_out_without_retry() {
    let server = Server::start(|_, s| {
        std::thread::sleep(Duration::from_secs(3));
        html(s, ARTICLE);
    });
    let opts = Options { timeout: Duration::from_millis(300), ..fast() };
    let start = Instant::now();
    let err = fetch_one(&server.url("/slow"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Timeout(_)), "{err:?}");
    assert_eq!(err.to_string(), "timed out after 300ms");
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    assert_eq!(server.count("/slow"), 1);
}

#[test]
fn slow_body_times_out() {
    // Headers at once, then the body trickles: the total timeout covers it.
    let server = Server::start(|_, s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<p>");
        for _ in 0..30 {
            std::thread::sleep(Duration::from_millis(100));
            if s.write_all(b"x").is_err() {
                return;
            }
        }
    });
    let opts = Options { timeout: Duration::from_millis(400), ..fast() };
    let start = Instant::now();
    let err = fetch_one(&server.url("/trickle"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Timeout(_)), "{err:?}");
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
}

#[test]
fn body_cap_is_enforced_while_streaming() {
    const TOTAL: u64 = 256 * 1024 * 1024;
    let sent = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicBool::new(false));
    let (sent2, done2) = (sent.clone(), done.clone());
    let server = Server::start(move |_, s| {
        // No Content-Length: the client cannot know the size up front.
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n");
        let chunk = vec![b'a'; 64 * 1024];
        let mut n = 0u64;
        while n < TOTAL {
            if s.write_all(&chunk).is_err() {
                break;
            }
            n += chunk.len() as u64;
            sent2.store(n, Ordering::SeqCst);
        }
        done2.store(true, Ordering::SeqCst);
    });
    let opts = Options { max_body: 100_000, ..fast() };
    let err = fetch_one(&server.url("/endless"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLarge(100_000)), "{err:?}");
    assert_eq!(err.to_string(), "response body larger than the limit of 100000 bytes");
    // The client hung up: the server's writes fail long before the end.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done.load(Ordering::SeqCst) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(done.load(Ordering::SeqCst), "server still writing");
    let sent = sent.load(Ordering::SeqCst);
    assert!(sent < TOTAL / 8, "server managed to send {sent} bytes");
    assert_eq!(server.count("/endless"), 1, "too large is not retried");
}

#[test]
fn announced_length_over_the_cap_is_refused_before_reading() {
    let server = Server::start(|_, s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000000000\r\n\r\n<p>");
    });
    let err = fetch_one(&server.url("/huge"), &fast()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLarge(_)), "{err:?}");
}

#[test]
fn body_exactly_at_the_cap_is_accepted() {
    let server = Server::start(|_, s| respond(s, "200 OK", &[("Content-Type", "text/plain")], &[b'z'; 1000]));
    let opts = Options { max_body: 1000, ..fast() };
    assert_eq!(fetch_one(&server.url("/fits"), &opts).unwrap().body.len(), 1000);
    let opts = Options { max_body: 999, ..fast() };
    let err = fetch_one(&server.url("/fits"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLarge(999)), "{err:?}");
}

#[test]
fn decompressed_size_counts_against_the_cap() {
    // 8 MB of zeros gzip to a few KB: the cap applies to what is inflated.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(&vec![0u8; 8 * 1024 * 1024]).unwrap();
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 100_000);
    let server = Server::start(move |_, s| {
        respond(s, "200 OK", &[("Content-Type", "text/plain"), ("Content-Encoding", "gzip")], &bomb)
    });
    let opts = Options { max_body: 1024 * 1024, ..fast() };
    let err = fetch_one(&server.url("/bomb"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooLarge(_)), "{err:?}");
}

#[test]
fn redirect_loop_stops_after_ten() {
    let server = Server::start(|req, s| {
        let to = if req.path == "/a" { "/b" } else { "/a" };
        respond(s, "302 Found", &[("Location", to)], b"");
    });
    let err = fetch_one(&server.url("/a"), &fast()).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooManyRedirects(10)), "{err:?}");
    assert_eq!(err.to_string(), "too many redirects (more than 10)");
    assert_eq!(server.requests().len(), 11, "the request plus 10 redirects");
}

#[test]
fn ten_redirects_are_followed() {
    // /r/N redirects to /r/N-1; /r/0 is the page.
    let server = Server::start(|req, s| {
        let n: u32 = req.path.trim_start_matches("/r/").parse().unwrap();
        if n == 0 {
            html(s, ARTICLE);
        } else {
            respond(s, "301 Moved Permanently", &[("Location", &format!("/r/{}", n - 1))], b"");
        }
    });
    let page = fetch_one(&server.url("/r/10"), &fast()).unwrap();
    assert_eq!(page.url, server.url("/r/10"));
    assert_eq!(page.final_url, server.url("/r/0"));
    assert_eq!(page.body, ARTICLE.as_bytes());

    let opts = Options { max_redirects: 3, ..fast() };
    let err = fetch_one(&server.url("/r/4"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::TooManyRedirects(3)), "{err:?}");
    assert_eq!(fetch_one(&server.url("/r/3"), &opts).unwrap().final_url, server.url("/r/0"));
}

#[test]
fn redirect_to_other_schemes_is_refused() {
    let server = Server::start(|req, s| {
        let to = match req.path.as_str() {
            "/file" => "file:///etc/passwd",
            "/ftp" => "ftp://127.0.0.1/pub/x",
            "/gopher" => "gopher://127.0.0.1:70/1",
            "/hop" => "/file", // an http hop first, then file:
            _ => "javascript:alert(1)",
        };
        respond(s, "302 Found", &[("Location", to)], b"");
    });
    let table: &[(&str, &str, usize)] = &[
        ("/file", "file", 1),
        ("/ftp", "ftp", 1),
        ("/gopher", "gopher", 1),
        ("/hop", "file", 2),
        ("/js", "javascript", 1),
    ];
    for &(path, scheme, requests) in table {
        let before = server.requests().len();
        let err = fetch_one(&server.url(path), &fast()).unwrap_err();
        match err.kind() {
            ErrorKind::UnsupportedScheme(s) => assert_eq!(s, scheme, "{path}"),
            other => panic!("{path}: expected UnsupportedScheme, got {other:?}"),
        }
        assert_eq!(err.url(), server.url(path));
        // Requests made (not retried), all to the test server.
        assert_eq!(server.requests().len() - before, requests, "{path}");
    }
}

#[test]
fn non_http_urls_are_refused_without_a_request() {
    let table: &[(&str, &str)] = &[
        ("file:///etc/passwd", "unsupported URL scheme `file` (only http and https are fetched)"),
        ("ftp://127.0.0.1/x", "unsupported URL scheme `ftp` (only http and https are fetched)"),
        ("data:text/html,hi", "unsupported URL scheme `data` (only http and https are fetched)"),
        ("not a url", "invalid URL: relative URL without a base"),
    ];
    for &(url, want) in table {
        let err = fetch_one(url, &fast()).unwrap_err();
        assert_eq!(err.url(), url);
        assert_eq!(err.to_string(), want);
    }
}

#[test]
fn latin1_page_without_charset_is_returned_intact() {
    let body: &[u8] = b"<html><body><p>Caf\xe9 cr\xe8me co\xfbte 5 \xa3, na\xefve r\xe9sum\xe9</p></body></html>";
    let server = Server::start(move |_, s| respond(s, "200 OK", &[("Content-Type", "text/html")], body));
    let page = fetch_one(&server.url("/latin1"), &fast()).unwrap();
    assert_eq!(page.body, body);
    assert_eq!(page.charset(), None);
    assert!(page.is_html());
}

#[test]
fn gzip_response_is_decoded() {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(ARTICLE.as_bytes()).unwrap();
    let gz = enc.finish().unwrap();
    assert_ne!(gz, ARTICLE.as_bytes());
    let server = Server::start(move |_, s| {
        respond(s, "200 OK", &[("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")], &gz)
    });
    let page = fetch_one(&server.url("/gz"), &fast()).unwrap();
    assert_eq!(page.body, ARTICLE.as_bytes());
}

#[test]
fn brotli_response_is_decoded() {
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
        w.write_all(ARTICLE.as_bytes()).unwrap();
    }
    assert_ne!(br, ARTICLE.as_bytes());
    let server = Server::start(move |_, s| {
        respond(s, "200 OK", &[("Content-Type", "text/html"), ("Content-Encoding", "br")], &br)
    });
    let page = fetch_one(&server.url("/br"), &fast()).unwrap();
    assert_eq!(page.body, ARTICLE.as_bytes());
}

#[test]
fn pdf_is_an_unsupported_content_type() {
    let server = Server::start(|_, s| {
        respond(s, "200 OK", &[("Content-Type", "Application/PDF")], b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    });
    let err = fetch_one(&server.url("/report.pdf"), &fast()).unwrap_err();
    match err.kind() {
        ErrorKind::UnsupportedContentType(t) => assert_eq!(t, "application/pdf"),
        other => panic!("expected UnsupportedContentType, got {other:?}"),
    }
    assert_eq!(err.to_string(), "unsupported content type `application/pdf` (only HTML and plain text are read)");
    assert_eq!(server.count("/report.pdf"), 1);
}

fn slow_server() -> Server {
    Server::start(|_, s| {
        std::thread::sleep(Duration::from_millis(150));
        html(s, ARTICLE);
    })
}

#[test]
fn per_host_limit_is_respected() {
    let server = slow_server();
    let urls: Vec<String> = (0..8).map(|i| server.url(&format!("/p/{i}"))).collect();
    let opts = Options { jobs: 8, per_host: 2, ..fast() };
    let mut ok = 0;
    fetch_all(&urls, &opts, |_, r| {
        r.unwrap();
        ok += 1;
    });
    assert_eq!(ok, 8);
    assert_eq!(server.requests().len(), 8);
    // Never more than 2 at once, and the 2 were used (8 x 150 ms in pairs).
    assert_eq!(server.max_in_flight(), 2);
}

#[test]
fn global_job_limit_is_respected_across_hosts() {
    // 127.0.0.1 and localhost are two host names for one server: the
    // per-host limit (2 each) would allow 4 at once, `jobs` allows 3.
    let server = slow_server();
    let port = server.addr.port();
    let mut urls = Vec::new();
    for i in 0..6 {
        urls.push(format!("http://127.0.0.1:{port}/g/{i}"));
        urls.push(format!("http://localhost:{port}/g/{i}"));
    }
    let opts = Options { jobs: 3, per_host: 2, ..fast() };
    let mut ok = 0;
    fetch_all(&urls, &opts, |i, r| {
        let page = r.unwrap_or_else(|e| panic!("{}: {e}", urls[i]));
        assert_eq!(page.url, urls[i]);
        ok += 1;
    });
    assert_eq!(ok, 12);
    assert_eq!(server.max_in_flight(), 3);
}

#[test]
fn cache_second_run_makes_no_request() {
    let server = Server::start(|req, s| match req.path.as_str() {
        "/old" => respond(s, "301 Moved Permanently", &[("Location", "/new")], b""),
        "/new" => html(s, ARTICLE),
        _ => respond(s, "404 Not Found", &[], b""),
    });
    let dir = tempfile::tempdir().unwrap();
    let opts = Options { cache_dir: Some(dir.path().join("cache")), ..fast() };
    let urls = vec![server.url("/old"), server.url("/missing")];
    let run = || {
        let mut results: Vec<Option<Result<Page, Error>>> = vec![None, None];
        fetch_all(&urls, &opts, |i, r| results[i] = Some(r));
        results.into_iter().map(Option::unwrap).collect::<Vec<_>>()
    };

    let first = run();
    let page1 = first[0].as_ref().unwrap();
    assert!(!page1.from_cache);
    assert_eq!(page1.final_url, server.url("/new"));
    assert_eq!(server.requests().len(), 3); // /old, /new, /missing

    let second = run();
    let page2 = second[0].as_ref().unwrap();
    assert!(page2.from_cache);
    assert_eq!(page2.url, server.url("/old"));
    assert_eq!(page2.final_url, page1.final_url);
    assert_eq!(page2.status, page1.status);
    assert_eq!(page2.content_type, page1.content_type);
    assert_eq!(page2.body, page1.body);
    // The page came from disk; the 404 was not cached and is asked again.
    assert_eq!(server.count("/old"), 1);
    assert_eq!(server.count("/new"), 1);
    assert_eq!(server.count("/missing"), 2);
    assert!(matches!(second[1].as_ref().unwrap_err().kind(), ErrorKind::Status(404)));

    // One file per cached URL, no temporary files left.
    let files: Vec<_> = std::fs::read_dir(dir.path().join("cache")).unwrap().collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn a_failed_url_never_stops_the_others() {
    let server = Server::start(|req, s| match req.path.as_str() {
        "/ok1" | "/ok2" => html(s, ARTICLE),
        "/pdf" => respond(s, "200 OK", &[("Content-Type", "application/pdf")], b"%PDF"),
        _ => respond(s, "404 Not Found", &[], b""),
    });
    // A port that refuses connections.
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        format!("http://127.0.0.1:{port}/")
    };
    let urls = vec![
        server.url("/ok1"),
        server.url("/nope"),
        "file:///etc/passwd".to_owned(),
        refused,
        "::not a url::".to_owned(),
        server.url("/pdf"),
        server.url("/ok2"),
    ];
    let mut results: Vec<Option<Result<Page, Error>>> = (0..urls.len()).map(|_| None).collect();
    fetch_all(&urls, &fast(), |i, r| {
        assert!(results[i].is_none(), "index {i} reported twice");
        results[i] = Some(r);
    });
    let results: Vec<_> = results.into_iter().map(|r| r.expect("every URL reported")).collect();
    assert!(results[0].is_ok());
    assert!(matches!(results[1].as_ref().unwrap_err().kind(), ErrorKind::Status(404)));
    assert!(matches!(results[2].as_ref().unwrap_err().kind(), ErrorKind::UnsupportedScheme(_)));
    assert!(matches!(results[3].as_ref().unwrap_err().kind(), ErrorKind::Connect(_)));
    assert!(matches!(results[4].as_ref().unwrap_err().kind(), ErrorKind::InvalidUrl(_)));
    assert!(matches!(results[5].as_ref().unwrap_err().kind(), ErrorKind::UnsupportedContentType(_)));
    assert!(results[6].is_ok());
    for (url, r) in urls.iter().zip(&results) {
        match r {
            Ok(page) => assert_eq!(&page.url, url),
            Err(e) => {
                assert_eq!(e.url(), url);
                assert!(!e.to_string().contains('\n'));
            }
        }
    }
}

#[test]
fn connection_refused_is_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let opts = Options { retries: 2, backoff_base: Duration::from_millis(100), ..fast() };
    let start = Instant::now();
    let err = fetch_one(&format!("http://127.0.0.1:{port}/"), &opts).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::Connect(_)), "{err:?}");
    assert!(err.to_string().starts_with("connection failed: "), "{err}");
    // Two backoffs of at least 50 ms and 100 ms (jitter keeps the upper half).
    assert!(start.elapsed() >= Duration::from_millis(150), "{:?}", start.elapsed());
}

#[test]
fn empty_url_list_calls_nothing() {
    let mut calls = 0;
    fetch_all(&[], &fast(), |_, _| calls += 1);
    assert_eq!(calls, 0);
}

#[test]
fn bad_user_agent_fails_every_url_without_panicking() {
    let opts = Options { user_agent: "bad\nagent".into(), ..fast() };
    let urls = vec!["http://127.0.0.1:1/a".to_owned(), "http://127.0.0.1:1/b".to_owned()];
    let mut seen = Vec::new();
    fetch_all(&urls, &opts, |i, r| {
        let e = r.unwrap_err();
        assert_eq!(e.url(), urls[i]);
        assert!(matches!(e.kind(), ErrorKind::Other(_)), "{e:?}");
        seen.push(i);
    });
    seen.sort();
    assert_eq!(seen, [0, 1]);
}

#[tokio::test]
async fn async_api_shares_limits_and_works_in_a_runtime() {
    let server = slow_server();
    let fetcher = Fetcher::new(Options { per_host: 1, ..fast() }).unwrap();
    let (x, y) = (server.url("/x"), server.url("/y"));
    let (a, b) = tokio::join!(fetcher.fetch(&x), fetcher.fetch(&y));
    assert_eq!(a.unwrap().body, ARTICLE.as_bytes());
    assert_eq!(b.unwrap().body, ARTICLE.as_bytes());
    assert_eq!(server.max_in_flight(), 1);
    let reqs = server.requests();
    let gap = reqs[1].at - reqs[0].at;
    assert!(gap >= Duration::from_millis(140), "second request after {gap:?}");
}

#[tokio::test]
async fn blocking_api_can_be_called_from_inside_a_runtime() {
    let server = Server::start(|_, s| html(s, ARTICLE));
    let url = server.url("/inside");
    let page = fetch_one(&url, &fast()).unwrap();
    assert_eq!(page.body, ARTICLE.as_bytes());
}
