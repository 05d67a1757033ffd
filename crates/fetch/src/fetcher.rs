//! The async fetcher: limits, retries, redirects, size cap, cache.

use std::collections::HashMap;
use std::error::Error as StdError;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue, LOCATION, RETRY_AFTER};
use reqwest::{Url, redirect};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use crate::error::one_line;
use crate::{Error, ErrorKind, Options, Page, cache, retry};

/// What we tell servers we can read, most wanted first.
const ACCEPT_VALUE: &str = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1";

/// Fetches pages with the limits of its [`Options`]; the async entry point.
///
/// A `Fetcher` is cheap to clone (clones share the HTTP connection pool,
/// the concurrency limits and the cache), and must be used inside a Tokio
/// runtime. [`fetch_all`](crate::fetch_all) is the blocking wrapper.
///
/// ```no_run
/// # async fn demo() -> Result<(), claimex_fetch::Error> {
/// let fetcher = claimex_fetch::Fetcher::new(claimex_fetch::Options::default())?;
/// let page = fetcher.fetch("https://example.com/news/1").await?;
/// println!("{} bytes of {:?}", page.body.len(), page.content_type);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fetcher").field("options", &self.inner.opts).finish_non_exhaustive()
    }
}

struct Inner {
    client: reqwest::Client,
    opts: Options,
    /// At most `jobs` requests in flight in all.
    global: Semaphore,
    /// At most `per_host` requests in flight per host, one semaphore per
    /// host, made on first use.
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

/// Why a redirect was refused by our policy; found again in reqwest's error
/// chain to give a typed [`ErrorKind`].
#[derive(Debug)]
enum RedirectRefused {
    Scheme(String),
    TooMany(usize),
}

impl std::fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RedirectRefused::Scheme(s) => write!(f, "redirect to unsupported scheme `{s}`"),
            RedirectRefused::TooMany(n) => write!(f, "more than {n} redirects"),
        }
    }
}

impl StdError for RedirectRefused {}

/// The outcome of one attempt that did not give a page.
struct Failure {
    kind: ErrorKind,
    retryable: bool,
    retry_after: Option<Duration>,
}

impl Failure {
    fn fatal(kind: ErrorKind) -> Failure {
        Failure { kind, retryable: false, retry_after: None }
    }
}

impl Fetcher {
    /// A fetcher with these options. Fails only when the HTTP client cannot
    /// be set up (for example, the user agent is not a valid header value,
    /// or TLS cannot be initialized).
    pub fn new(opts: Options) -> Result<Fetcher, Error> {
        let max_redirects = opts.max_redirects;
        let policy = redirect::Policy::custom(move |attempt| {
            let scheme = attempt.url().scheme();
            if scheme != "http" && scheme != "https" {
                let scheme = scheme.to_owned();
                attempt.error(RedirectRefused::Scheme(scheme))
            } else if attempt.previous().len() > max_redirects {
                // `previous` starts with the URL first requested, so its
                // length is the number of redirects followed so far plus one.
                attempt.error(RedirectRefused::TooMany(max_redirects))
            } else {
                attempt.follow()
            }
        });
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE));
        let client = reqwest::Client::builder()
            .user_agent(opts.user_agent.as_str())
            .default_headers(headers)
            .connect_timeout(opts.connect_timeout)
            .timeout(opts.timeout)
            .redirect(policy)
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| Error::new("", ErrorKind::Other(format!("HTTP client setup failed: {}", detail(&e)))))?;
        let jobs = opts.jobs.max(1);
        Ok(Fetcher {
            inner: Arc::new(Inner { client, global: Semaphore::new(jobs), hosts: Mutex::new(HashMap::new()), opts }),
        })
    }

    /// The options this fetcher was made with.
    pub fn options(&self) -> &Options {
        &self.inner.opts
    }

    /// Fetches one URL: from the cache if it holds it, otherwise over the
    /// network within the fetcher's limits, retrying transient failures.
    pub async fn fetch(&self, url: &str) -> Result<Page, Error> {
        self.fetch_inner(url).await.map_err(|kind| Error::new(url, kind))
    }

    /// Fetches every URL concurrently (within the limits) and calls
    /// `on_done(index, result)` as each one finishes, in completion order;
    /// `index` is the URL's position in `urls`. A failure never stops the
    /// other URLs. Returns when all are done.
    pub async fn fetch_all<F>(&self, urls: &[String], mut on_done: F)
    where
        F: FnMut(usize, Result<Page, Error>),
    {
        let mut tasks = JoinSet::new();
        let mut index_of = HashMap::with_capacity(urls.len());
        for (i, url) in urls.iter().enumerate() {
            let fetcher = self.clone();
            let url = url.clone();
            let handle = tasks.spawn(async move { fetcher.fetch(&url).await });
            index_of.insert(handle.id(), i);
        }
        while let Some(joined) = tasks.join_next_with_id().await {
            match joined {
                Ok((id, result)) => {
                    if let Some(i) = index_of.remove(&id) {
                        on_done(i, result);
                    }
                }
                Err(e) => {
                    if let Some(i) = index_of.remove(&e.id()) {
                        let kind = ErrorKind::Other(format!("fetch task failed: {}", one_line(&e.to_string())));
                        on_done(i, Err(Error::new(urls[i].as_str(), kind)));
                    }
                }
            }
        }
    }

    async fn fetch_inner(&self, raw: &str) -> Result<Page, ErrorKind> {
        let url = parse_url(raw)?;
        let opts = &self.inner.opts;
        // The fragment is never sent to the server: not part of the key.
        let key = {
            let mut k = url.clone();
            k.set_fragment(None);
            k.to_string()
        };

        if let Some(dir) = &opts.cache_dir {
            let (dir, k) = (dir.clone(), key.clone());
            if let Ok(Some(hit)) = tokio::task::spawn_blocking(move || cache::load(&dir, &k)).await {
                return Ok(Page {
                    url: raw.to_owned(),
                    final_url: hit.final_url,
                    status: hit.status,
                    content_type: hit.content_type,
                    body: hit.body,
                    from_cache: true,
                });
            }
        }

        // The host permit is taken first and held across retries, so that a
        // struggling host never sees more than `per_host` requests from us,
        // even while we back off. The global permit is taken per attempt and
        // released during backoff, so waiting does not block other hosts.
        let host_sem = self.host_semaphore(url.host_str().unwrap_or_default());
        let _host_permit = host_sem.acquire_owned().await.map_err(|_| ErrorKind::Other("fetcher shut down".into()))?;

        let mut attempt = 0u32;
        loop {
            let result = {
                let _permit =
                    self.inner.global.acquire().await.map_err(|_| ErrorKind::Other("fetcher shut down".into()))?;
                self.attempt(&url).await
            };
            match result {
                Ok(mut page) => {
                    page.url = raw.to_owned();
                    if let Some(dir) = &opts.cache_dir {
                        let dir = dir.clone();
                        let entry = cache::Entry {
                            final_url: page.final_url.clone(),
                            status: page.status,
                            content_type: page.content_type.clone(),
                            body: page.body,
                        };
                        // A cache that cannot be written only costs a
                        // refetch next time; the page itself is fine.
                        let joined = tokio::task::spawn_blocking(move || {
                            let _ = cache::store(&dir, &key, &entry);
                            entry.body
                        })
                        .await;
                        page.body = match joined {
                            Ok(body) => body,
                            Err(e) => {
                                return Err(ErrorKind::Other(format!(
                                    "cache task failed: {}",
                                    one_line(&e.to_string())
                                )));
                            }
                        };
                    }
                    return Ok(page);
                }
                Err(f) if f.retryable && attempt < opts.retries => {
                    let wait = retry::delay(attempt, opts.backoff_base, opts.max_retry_wait, f.retry_after);
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(f) => return Err(f.kind),
            }
        }
    }

    fn host_semaphore(&self, host: &str) -> Arc<Semaphore> {
        let per_host = self.inner.opts.per_host.max(1);
        // A poisoned lock only means another task panicked while inserting;
        // the map itself is still usable.
        let mut hosts = self.inner.hosts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        hosts.entry(host.to_ascii_lowercase()).or_insert_with(|| Arc::new(Semaphore::new(per_host))).clone()
    }

    /// One request, following redirects, reading at most `max_body` bytes.
    async fn attempt(&self, url: &Url) -> Result<Page, Failure> {
        let opts = &self.inner.opts;
        let mut resp = self.inner.client.get(url.clone()).send().await.map_err(|e| self.classify(&e))?;

        let status = resp.status().as_u16();
        if resp.status().is_redirection() {
            // The redirect layer hands a redirect back unfollowed when it
            // cannot even express the target as an HTTP URI, as with
            // `file:///etc/passwd`; name the scheme instead of the status.
            let target = resp
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|loc| resp.url().join(loc.trim()).ok());
            if let Some(target) = target
                && !matches!(target.scheme(), "http" | "https")
            {
                return Err(Failure::fatal(ErrorKind::UnsupportedScheme(target.scheme().to_owned())));
            }
        }
        if !resp.status().is_success() {
            let retry_after = resp
                .headers()
                .get(RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| retry::parse_retry_after(v, SystemTime::now()));
            return Err(Failure {
                kind: ErrorKind::Status(status),
                retryable: retry::status_is_retryable(status),
                retry_after,
            });
        }

        let content_type = resp
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
            .filter(|v| !v.is_empty());
        if let Some(ct) = &content_type {
            let media = crate::media_type(ct);
            if !crate::is_supported_media_type(&media) {
                return Err(Failure::fatal(ErrorKind::UnsupportedContentType(media)));
            }
        }

        // Refuse early when the server announces too much; otherwise (no
        // length, or a compressed body) count while reading.
        if resp.content_length().is_some_and(|n| n > opts.max_body) {
            return Err(Failure::fatal(ErrorKind::TooLarge(opts.max_body)));
        }
        let cap = usize::try_from(opts.max_body).unwrap_or(usize::MAX);
        let initial = resp.content_length().and_then(|n| usize::try_from(n).ok()).unwrap_or(16 * 1024).min(cap);
        let mut body = Vec::with_capacity(initial);
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len().saturating_add(chunk.len()) > cap {
                        // Dropping `resp` here closes the connection: the
                        // rest of the body is never read.
                        return Err(Failure::fatal(ErrorKind::TooLarge(opts.max_body)));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => {
                    let kind = if e.is_timeout() {
                        ErrorKind::Timeout(opts.timeout)
                    } else {
                        ErrorKind::Other(format!("reading the response body failed: {}", detail(&e)))
                    };
                    // A body cut off mid-way is usually transient.
                    return Err(Failure { retryable: !e.is_timeout(), kind, retry_after: None });
                }
            }
        }

        Ok(Page {
            url: String::new(), // filled in by the caller
            final_url: resp.url().as_str().to_owned(),
            status,
            content_type,
            body,
            from_cache: false,
        })
    }

    /// Maps a reqwest error from sending the request to a typed failure.
    fn classify(&self, e: &reqwest::Error) -> Failure {
        let opts = &self.inner.opts;
        if e.is_redirect() {
            let mut source = e.source();
            while let Some(s) = source {
                if let Some(refused) = s.downcast_ref::<RedirectRefused>() {
                    return Failure::fatal(match refused {
                        RedirectRefused::Scheme(scheme) => ErrorKind::UnsupportedScheme(scheme.clone()),
                        RedirectRefused::TooMany(n) => ErrorKind::TooManyRedirects(*n),
                    });
                }
                source = s.source();
            }
        }
        if e.is_connect() {
            // Connect timeouts count as connection failures: retried.
            let what = if e.is_timeout() {
                format!("no connection within {}", crate::error::seconds(opts.connect_timeout))
            } else {
                detail(e)
            };
            return Failure { kind: ErrorKind::Connect(what), retryable: true, retry_after: None };
        }
        if e.is_timeout() {
            // The server is answering, just too slowly: another try would
            // most likely be as slow, so the timeout is final.
            return Failure::fatal(ErrorKind::Timeout(opts.timeout));
        }
        if e.is_request() {
            // Typically a pooled connection closed by the server just as we
            // reused it, or a reset: worth another try.
            return Failure { kind: ErrorKind::Connect(detail(e)), retryable: true, retry_after: None };
        }
        Failure::fatal(ErrorKind::Other(detail(e)))
    }
}

/// Parses and checks a URL: absolute, `http` or `https`, with a host.
pub(crate) fn parse_url(raw: &str) -> Result<Url, ErrorKind> {
    let url = Url::parse(raw.trim()).map_err(|e| ErrorKind::InvalidUrl(e.to_string()))?;
    match url.scheme() {
        "http" | "https" => {}
        other => return Err(ErrorKind::UnsupportedScheme(other.to_owned())),
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(ErrorKind::InvalidUrl("no host".into()));
    }
    Ok(url)
}

/// The most specific message in an error chain, on one line: reqwest's own
/// message is generic ("error sending request"), the root cause says what
/// happened ("Connection refused (os error 111)").
fn detail(e: &reqwest::Error) -> String {
    let mut last: &dyn StdError = e;
    while let Some(next) = last.source() {
        last = next;
    }
    let msg = last.to_string();
    let top = e.to_string();
    if std::ptr::addr_eq(last, e as &dyn StdError) || msg.is_empty() { one_line(&top) } else { one_line(&msg) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_checks() {
        // input -> Ok(normalized) or the error kind's display
        let table: &[(&str, Result<&str, &str>)] = &[
            ("https://example.com", Ok("https://example.com/")),
            ("  http://EXAMPLE.com/a b\n", Ok("http://example.com/a%20b")),
            ("http://127.0.0.1:8080/x?y=1#z", Ok("http://127.0.0.1:8080/x?y=1#z")),
            ("file:///etc/passwd", Err("unsupported URL scheme `file` (only http and https are fetched)")),
            ("ftp://example.com/", Err("unsupported URL scheme `ftp` (only http and https are fetched)")),
            ("javascript:alert(1)", Err("unsupported URL scheme `javascript` (only http and https are fetched)")),
            ("example.com/news", Err("invalid URL: relative URL without a base")),
            ("", Err("invalid URL: relative URL without a base")),
            ("http://", Err("invalid URL: empty host")),
            ("http://exa mple.com/", Err("invalid URL: invalid international domain name")),
        ];
        for &(input, want) in table {
            let got = parse_url(input).map(|u| u.to_string()).map_err(|k| k.to_string());
            assert_eq!(got.as_ref().map(String::as_str).map_err(String::as_str), want, "{input:?}");
        }
    }
}
