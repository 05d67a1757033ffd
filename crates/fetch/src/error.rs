//! Typed errors: an [`Error`] names the URL and an [`ErrorKind`] says why.

use std::time::Duration;

/// Why fetching one URL failed, together with that URL.
///
/// `Display` prints only the reason, on one line, so that a command-line
/// tool can print `claimex: <url>: <reason>` with [`Error::url`].
#[derive(Debug, thiserror::Error)]
#[error("{kind}")]
pub struct Error {
    url: String,
    kind: ErrorKind,
}

impl Error {
    /// An error for `url` (for [`read_url_list`](crate::read_url_list), the
    /// path of the list file).
    pub fn new(url: impl Into<String>, kind: ErrorKind) -> Error {
        Error { url: url.into(), kind }
    }

    /// The URL as it was requested (for [`read_url_list`](crate::read_url_list),
    /// the path of the list file; empty when the error concerns no URL, such
    /// as a client that could not be set up).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Why it failed.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Splits the error into its URL and its kind.
    pub fn into_parts(self) -> (String, ErrorKind) {
        (self.url, self.kind)
    }
}

/// The reason a fetch failed.
///
/// Every variant displays as one line. New variants may be added.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The URL could not be parsed, or has no host.
    #[error("invalid URL: {0}")]
    InvalidUrl(String),
    /// The URL, or a redirect target, uses a scheme other than `http` or
    /// `https` (the scheme is given).
    #[error("unsupported URL scheme `{0}` (only http and https are fetched)")]
    UnsupportedScheme(String),
    /// The server answered with a status other than 2xx (after any
    /// retries, for 429 and 5xx).
    #[error("HTTP status {}", status_text(*.0))]
    Status(u16),
    /// No complete response arrived within the time limit.
    #[error("timed out after {}", seconds(*.0))]
    Timeout(Duration),
    /// The connection could not be made or was dropped (DNS, refused,
    /// reset, TLS); the detail comes from the network stack.
    #[error("connection failed: {0}")]
    Connect(String),
    /// The body is larger than the size limit (in bytes). Reading stops as
    /// soon as the limit is passed.
    #[error("response body larger than the limit of {0} bytes")]
    TooLarge(u64),
    /// More redirects than the limit (given) were needed.
    #[error("too many redirects (more than {0})")]
    TooManyRedirects(usize),
    /// The content type is neither HTML (`text/html`,
    /// `application/xhtml+xml`) nor plain text (`text/plain`); the media
    /// type is given.
    #[error("unsupported content type `{0}` (only HTML and plain text are read)")]
    UnsupportedContentType(String),
    /// Reading a local file (a URL list) failed.
    #[error("I/O error: {0}")]
    Io(std::io::Error),
    /// Anything else, with a one-line description.
    #[error("{0}")]
    Other(String),
}

/// `404 Not Found`, or just the number for an unknown code.
fn status_text(code: u16) -> String {
    match reqwest::StatusCode::from_u16(code).ok().and_then(|s| s.canonical_reason()) {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    }
}

/// `1.5s`, `30s`, `250ms`.
pub(crate) fn seconds(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{}ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

/// Makes a message safe to print on one line.
pub(crate) fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind's one-line reason, as the CLI shows it after `<url>: `.
    #[test]
    fn display_is_one_clear_line() {
        let table: Vec<(ErrorKind, &str)> = vec![
            (ErrorKind::InvalidUrl("relative URL without a base".into()), "invalid URL: relative URL without a base"),
            (
                ErrorKind::UnsupportedScheme("file".into()),
                "unsupported URL scheme `file` (only http and https are fetched)",
            ),
            (ErrorKind::Status(404), "HTTP status 404 Not Found"),
            (ErrorKind::Status(503), "HTTP status 503 Service Unavailable"),
            (ErrorKind::Status(599), "HTTP status 599"),
            (ErrorKind::Timeout(Duration::from_secs(30)), "timed out after 30s"),
            (ErrorKind::Timeout(Duration::from_millis(250)), "timed out after 250ms"),
            (ErrorKind::Timeout(Duration::from_millis(1500)), "timed out after 1.5s"),
            (
                ErrorKind::Connect("Connection refused (os error 111)".into()),
                "connection failed: Connection refused (os error 111)",
            ),
            (ErrorKind::TooLarge(10_485_760), "response body larger than the limit of 10485760 bytes"),
            (ErrorKind::TooManyRedirects(10), "too many redirects (more than 10)"),
            (
                ErrorKind::UnsupportedContentType("application/pdf".into()),
                "unsupported content type `application/pdf` (only HTML and plain text are read)",
            ),
            (
                ErrorKind::Io(std::io::Error::new(std::io::ErrorKind::NotFound, "no such file")),
                "I/O error: no such file",
            ),
        ];
        for (kind, want) in table {
            let err = Error::new("http://example.com/", kind);
            let got = err.to_string();
            assert_eq!(got, want);
            assert!(!got.contains('\n'));
            assert_eq!(err.url(), "http://example.com/");
        }
    }

    #[test]
    fn one_line_collapses_whitespace() {
        assert_eq!(one_line("a\n  b\r\n\tc "), "a b c");
        assert_eq!(one_line(""), "");
    }
}
