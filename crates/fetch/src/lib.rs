//! Polite, robust fetching of article pages over HTTP(S) for claimex.
//!
//! `claimex-fetch` is the only claimex crate with a network stack; library
//! users who pass text or files never compile it. It takes a list of URLs
//! and returns, for each, either the raw body bytes with the status, final
//! URL and content type ([`Page`]), or a typed [`Error`] whose `Display` is
//! a one-line reason. A failed URL never stops the others.
//!
//! # What it does
//!
//! - **Bounded concurrency**: at most [`Options::jobs`] requests in flight
//!   in all, and at most [`Options::per_host`] (default 2) to any one host.
//! - **Timeouts**: a connect timeout and a total timeout per attempt that
//!   covers the whole exchange, body included.
//! - **Retries** with exponential backoff and jitter on connection errors,
//!   429 and 5xx, waiting at least as long as the server's `Retry-After`
//!   (seconds or HTTP date), capped by [`Options::max_retry_wait`]. Other
//!   statuses (404...) and total timeouts are final at once.
//! - **A size cap** ([`Options::max_body`], default 10 MB) enforced while the
//!   body streams in, on the decompressed bytes: the download stops as soon
//!   as the cap is passed, so a huge or endless body costs at most the cap.
//! - **Redirects**: at most [`Options::max_redirects`] (default 10), and only
//!   to `http`/`https`: a custom redirect policy refuses `file:` and every
//!   other scheme at every hop, not just for the URL given, with
//!   [`ErrorKind::UnsupportedScheme`] (a redirect the HTTP layer will not
//!   even try, such as one to `file:///etc/passwd`, is reported the same
//!   way rather than as a bare 302).
//! - **Content types**: HTML (`text/html`, `application/xhtml+xml`) and
//!   plain text (`text/plain`) are accepted, and a response without a
//!   `Content-Type` is passed through for the caller to sniff; anything else
//!   (PDF, images...) is refused with [`ErrorKind::UnsupportedContentType`]
//!   before its body is read.
//! - gzip and brotli transfer compression, a clear `User-Agent`
//!   (`claimex/<version> (+https://github.com/claimex/claimex)`), and an
//!   `Accept` header that prefers HTML.
//! - **An on-disk cache** ([`Options::cache_dir`]): one file per URL, named
//!   by a hash of the URL, holding status, final URL, content type and body,
//!   written atomically (temporary file + rename). A rerun fetches nothing
//!   it already has. Only successful responses are cached; entries never
//!   expire (delete the directory to refetch).
//!
//! # What it does not do
//!
//! It does not decode text: the body is returned as raw bytes, because the
//! charset may be declared inside the HTML (`<meta charset>`), which this
//! crate does not parse. [`Page::charset`] exposes the `charset` parameter
//! of the `Content-Type` header for the caller's decoder. It does not parse
//! HTML, read `robots.txt`, keep cookies, or run scripts.
//!
//! # Design
//!
//! **A runtime inside.** The HTTP stack ([`reqwest`]) is asynchronous, but
//! the claimex CLI and most pipeline users are synchronous. [`fetch_all`]
//! therefore starts a small single-threaded Tokio runtime on a scoped
//! helper thread, runs all fetches there, and hands each result back over
//! a channel to the calling thread, which runs `on_done`. So callers need
//! no runtime of their own, `on_done` need not be `Send`, runs on the
//! caller's thread, and can do slow work (such as extracting figures from
//! the page) while fetches go on; and `fetch_all` works even when called
//! from inside another Tokio runtime (it never nests `block_on`). One
//! thread is plenty for network-bound work; the cache's file I/O runs on
//! Tokio's blocking pool. Async users take [`Fetcher`] directly.
//!
//! **Per-host limits.** Every URL becomes a task at once; each task first
//! takes a permit from its host's semaphore (one semaphore per host name,
//! made on first use, with `per_host` permits), then a permit from the
//! global semaphore (`jobs` permits) for each attempt. Taking the host
//! permit first means a task waiting for a busy host holds no global slot,
//! so a long run of URLs from one site never starves other sites. The host
//! permit is kept during backoff, so a host that asked us to slow down
//! (429, 503) never gets more than `per_host` requests from us; the global
//! permit is released while sleeping. Tokio's semaphores are fair, so URLs
//! of one host are served in order. Redirects are followed inside one
//! attempt, under the permits of the host first requested. Cache hits take
//! no permits.
//!
//! # Example
//!
//! ```no_run
//! use claimex_fetch::{fetch_all, Options};
//!
//! let urls = vec!["https://example.com/news/1".to_string()];
//! let opts = Options { jobs: 4, ..Options::default() };
//! fetch_all(&urls, &opts, |i, result| match result {
//!     Ok(page) => println!("{}: {} bytes", urls[i], page.body.len()),
//!     Err(e) => eprintln!("claimex: {}: {e}", e.url()),
//! });
//! ```
#![deny(missing_docs)]

mod cache;
mod error;
mod fetcher;
mod retry;

use std::path::{Path, PathBuf};
use std::time::Duration;

pub use error::{Error, ErrorKind};
pub use fetcher::Fetcher;

/// The `User-Agent` sent by default.
pub const DEFAULT_USER_AGENT: &str =
    concat!("claimex/", env!("CARGO_PKG_VERSION"), " (+https://github.com/claimex/claimex)");

/// How to fetch: limits, timeouts, retries, cache.
///
/// Build one from [`Options::default`] and change what you need:
/// `Options { jobs: 16, cache_dir: Some(dir), ..Options::default() }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Requests in flight at once, over all hosts (default 8; 0 means 1).
    pub jobs: usize,
    /// Requests in flight at once to one host name (default 2; 0 means 1).
    pub per_host: usize,
    /// Time allowed to open a connection, TLS included (default 10 s).
    pub connect_timeout: Duration,
    /// Time allowed for one whole attempt, from connecting to the last
    /// byte of the body, redirects included (default 30 s).
    pub timeout: Duration,
    /// Extra attempts after a connection error, a 429 or a 5xx (default 3).
    pub retries: u32,
    /// Largest body accepted, in bytes, after decompression (default
    /// 10 MB = 10 485 760 bytes).
    pub max_body: u64,
    /// Redirects followed at most (default 10).
    pub max_redirects: usize,
    /// The `User-Agent` header (default [`DEFAULT_USER_AGENT`]).
    pub user_agent: String,
    /// Where to cache successful responses; `None` (default) for no cache.
    pub cache_dir: Option<PathBuf>,
    /// The first retry waits about this long, each next one twice as long,
    /// with jitter (default 500 ms).
    pub backoff_base: Duration,
    /// The longest wait before a retry, for backoff and for a server's
    /// `Retry-After` alike (default 30 s).
    pub max_retry_wait: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            jobs: 8,
            per_host: 2,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            retries: 3,
            max_body: 10 * 1024 * 1024,
            max_redirects: 10,
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            cache_dir: None,
            backoff_base: Duration::from_millis(500),
            max_retry_wait: Duration::from_secs(30),
        }
    }
}

/// A fetched page: the raw body and what the server said about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The URL as requested (exactly the string given).
    pub url: String,
    /// The URL after redirects (normalized).
    pub final_url: String,
    /// The HTTP status (always 2xx: other statuses are errors).
    pub status: u16,
    /// The `Content-Type` header as sent, if any.
    pub content_type: Option<String>,
    /// The body, decompressed but not decoded: bytes exactly as served.
    pub body: Vec<u8>,
    /// Whether the page came from the on-disk cache.
    pub from_cache: bool,
}

impl Page {
    /// The media type of the `Content-Type`, lowercased, without
    /// parameters (`text/html`), if there was a `Content-Type`.
    pub fn media_type(&self) -> Option<String> {
        self.content_type.as_deref().map(media_type)
    }

    /// Whether the content type says HTML (`text/html` or
    /// `application/xhtml+xml`). `false` when there is no content type.
    pub fn is_html(&self) -> bool {
        matches!(self.media_type().as_deref(), Some("text/html" | "application/xhtml+xml"))
    }

    /// The `charset` parameter of the `Content-Type` header, unquoted, as
    /// given (`Some("ISO-8859-1")`), if there is one. The body may still
    /// declare its own charset in a `<meta>` tag; decoding is the caller's.
    pub fn charset(&self) -> Option<&str> {
        charset(self.content_type.as_deref()?)
    }
}

/// `text/html` from `Text/HTML; charset=utf-8`.
pub(crate) fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
}

/// Whether this crate hands over bodies of this media type.
pub(crate) fn is_supported_media_type(media: &str) -> bool {
    matches!(media, "text/html" | "application/xhtml+xml" | "text/plain")
}

/// The `charset` parameter of a `Content-Type` value, unquoted.
fn charset(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim();
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value).trim();
        (!value.is_empty()).then_some(value)
    })
}

/// Fetches every URL and calls `on_done(index, result)` on the calling
/// thread as each one finishes, in completion order (`index` is the URL's
/// position in `urls`; the caller reorders if it needs to). Blocks until
/// all are done. Every URL gets exactly one call; a failure never stops the
/// others.
///
/// Runs its own Tokio runtime on a helper thread (see the crate docs), so
/// it can be called from any thread, with or without a runtime. If the
/// runtime or the HTTP client cannot be set up, every URL gets that error.
pub fn fetch_all<F>(urls: &[String], opts: &Options, mut on_done: F)
where
    F: FnMut(usize, Result<Page, Error>),
{
    if urls.is_empty() {
        return;
    }
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Result<Page, Error>)>();
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let fail_all = |kind: &dyn Fn() -> ErrorKind| {
                for (i, url) in urls.iter().enumerate() {
                    let _ = tx.send((i, Err(Error::new(url.as_str(), kind()))));
                }
            };
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(rt) => rt,
                Err(e) => {
                    let msg = format!("cannot start the async runtime: {e}");
                    return fail_all(&|| ErrorKind::Other(msg.clone()));
                }
            };
            let fetcher = match Fetcher::new(opts.clone()) {
                Ok(f) => f,
                Err(e) => {
                    let msg = e.to_string();
                    return fail_all(&|| ErrorKind::Other(msg.clone()));
                }
            };
            runtime.block_on(fetcher.fetch_all(urls, |i, result| {
                // The receiver lives until every sender is gone.
                let _ = tx.send((i, result));
            }));
        });
        for (i, result) in rx {
            on_done(i, result);
        }
    });
}

/// Reads a list of URLs: one per line, surrounding whitespace trimmed,
/// blank lines and lines starting with `#` skipped. The URLs are not
/// checked here; a bad one fails on its own when fetched.
///
/// The error's [`Error::url`] is the path of the list.
pub fn read_url_list(path: impl AsRef<Path>) -> Result<Vec<String>, Error> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::new(path.display().to_string(), ErrorKind::Io(e)))?;
    Ok(parse_url_list(&text))
}

/// The URLs in the text of a URL list (see [`read_url_list`]).
pub fn parse_url_list(text: &str) -> Vec<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().map(str::trim).filter(|line| !line.is_empty() && !line.starts_with('#')).map(str::to_owned).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(ct: Option<&str>) -> Page {
        Page {
            url: "http://a.test/".into(),
            final_url: "http://a.test/".into(),
            status: 200,
            content_type: ct.map(str::to_owned),
            body: Vec::new(),
            from_cache: false,
        }
    }

    #[test]
    fn content_type_parts() {
        // Content-Type -> (media type, charset, is_html)
        type Row = (Option<&'static str>, Option<&'static str>, Option<&'static str>, bool);
        let table: &[Row] = &[
            (Some("text/html"), Some("text/html"), None, true),
            (Some("text/html; charset=utf-8"), Some("text/html"), Some("utf-8"), true),
            (Some("Text/HTML;Charset=\"ISO-8859-1\""), Some("text/html"), Some("ISO-8859-1"), true),
            (
                Some("application/xhtml+xml; q=1; charset=windows-1252"),
                Some("application/xhtml+xml"),
                Some("windows-1252"),
                true,
            ),
            (Some("text/plain; charset=us-ascii"), Some("text/plain"), Some("us-ascii"), false),
            (Some("text/html; charset="), Some("text/html"), None, true),
            (Some("text/html; charset"), Some("text/html"), None, true),
            (Some("application/pdf"), Some("application/pdf"), None, false),
            (None, None, None, false),
        ];
        for &(ct, media, cs, html) in table {
            let p = page(ct);
            assert_eq!(p.media_type().as_deref(), media, "{ct:?}");
            assert_eq!(p.charset(), cs, "{ct:?}");
            assert_eq!(p.is_html(), html, "{ct:?}");
        }
    }

    #[test]
    fn supported_media_types() {
        let table: &[(&str, bool)] = &[
            ("text/html", true),
            ("application/xhtml+xml", true),
            ("text/plain", true),
            ("application/pdf", false),
            ("image/png", false),
            ("application/json", false),
            ("text/csv", false),
            ("application/octet-stream", false),
        ];
        for &(media, want) in table {
            assert_eq!(is_supported_media_type(media), want, "{media}");
        }
    }

    #[test]
    fn url_list_parsing() {
        let text = "\u{feff}# news to check\nhttps://a.test/1\n\n   \n  https://b.test/2  \r\n#https://skipped.test/\n  # indented comment\nnot a url\n";
        assert_eq!(parse_url_list(text), ["https://a.test/1", "https://b.test/2", "not a url"]);
        assert!(parse_url_list("").is_empty());
        assert!(parse_url_list("# only\n\n").is_empty());
    }

    #[test]
    fn read_url_list_reports_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.txt");
        let err = read_url_list(&missing).unwrap_err();
        assert!(matches!(err.kind(), ErrorKind::Io(_)));
        assert_eq!(err.url(), missing.display().to_string());

        let list = dir.path().join("urls.txt");
        std::fs::write(&list, "# x\nhttp://a.test/\n").unwrap();
        assert_eq!(read_url_list(&list).unwrap(), ["http://a.test/"]);
    }

    #[test]
    fn default_user_agent_names_the_project() {
        assert!(DEFAULT_USER_AGENT.starts_with("claimex/0."));
        assert!(DEFAULT_USER_AGENT.ends_with(" (+https://github.com/claimex/claimex)"));
        assert_eq!(Options::default().user_agent, DEFAULT_USER_AGENT);
        assert_eq!(Options::default().max_body, 10 * 1024 * 1024);
    }
}
