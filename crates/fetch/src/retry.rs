//! When to retry and how long to wait: exponential backoff with jitter, and
//! the `Retry-After` header (seconds or an HTTP date).

use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// Whether a response status is worth another try: 429 Too Many Requests
/// and every 5xx.
pub(crate) fn status_is_retryable(code: u16) -> bool {
    code == 429 || (500..=599).contains(&code)
}

/// The wait before retry number `attempt + 1` (`attempt` counts from 0):
/// `base * 2^attempt`, capped at `cap`, with jitter drawn uniformly from
/// the upper half (`[d/2, d]`) so that clients that failed together do not
/// retry together, and never less than what the server asked for in
/// `Retry-After` (itself capped at `cap`).
pub(crate) fn delay(attempt: u32, base: Duration, cap: Duration, retry_after: Option<Duration>) -> Duration {
    let exp = base.checked_mul(1u32.checked_shl(attempt.min(31)).unwrap_or(u32::MAX)).unwrap_or(cap).min(cap);
    let half = exp / 2;
    let jittered = half + half.mul_f64(unit_random());
    match retry_after {
        Some(asked) => jittered.max(asked.min(cap)),
        None => jittered,
    }
}

/// Parses a `Retry-After` value: a number of seconds, or an HTTP date
/// (a date in the past means "now"). `None` for anything else.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Huge numbers saturate; the caller caps the wait anyway.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A number in `[0, 1)`, different on every call. Jitter needs no strong
/// randomness: std's randomly keyed hasher over a counter is enough.
fn unit_random() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_values() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        // input -> expected wait
        let table: &[(&str, Option<Duration>)] = &[
            ("1", Some(Duration::from_secs(1))),
            ("  120 ", Some(Duration::from_secs(120))),
            ("0", Some(Duration::ZERO)),
            ("99999999999999999999999", Some(Duration::from_secs(u64::MAX))),
            ("Wed, 21 Oct 2015 07:28:30 GMT", Some(Duration::from_secs(30))),
            // obsolete RFC 850 and asctime forms are allowed by HTTP too
            ("Wednesday, 21-Oct-15 07:29:00 GMT", Some(Duration::from_secs(60))),
            ("Wed Oct 21 07:28:05 2015", Some(Duration::from_secs(5))),
            // a date in the past: retry now
            ("Wed, 21 Oct 2015 07:00:00 GMT", Some(Duration::ZERO)),
            // negatives
            ("", None),
            ("-5", None),
            ("1.5", None),
            ("soon", None),
            ("Wed, 32 Oct 2015 07:28:00 GMT", None),
        ];
        for &(input, want) in table {
            assert_eq!(parse_retry_after(input, now), want, "Retry-After: {input:?}");
        }
    }

    #[test]
    fn retryable_statuses() {
        let table: &[(u16, bool)] = &[
            (429, true),
            (500, true),
            (502, true),
            (503, true),
            (599, true),
            (200, false),
            (301, false),
            (400, false),
            (403, false),
            (404, false),
            (410, false),
            (600, false),
        ];
        for &(code, want) in table {
            assert_eq!(status_is_retryable(code), want, "status {code}");
        }
    }

    #[test]
    fn backoff_grows_exponentially_within_jitter_bounds() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(5);
        for attempt in 0..8u32 {
            let full = (base * 2u32.pow(attempt)).min(cap);
            for _ in 0..50 {
                let d = delay(attempt, base, cap, None);
                assert!(d >= full / 2 && d <= full, "attempt {attempt}: {d:?}");
            }
        }
        // very large attempt numbers saturate at the cap instead of overflowing
        let d = delay(1000, base, cap, None);
        assert!(d >= cap / 2 && d <= cap);
    }

    #[test]
    fn jitter_varies() {
        let base = Duration::from_secs(1);
        let cap = Duration::from_secs(60);
        let draws: std::collections::HashSet<Duration> = (0..20).map(|_| delay(3, base, cap, None)).collect();
        assert!(draws.len() > 10, "jitter produced {draws:?}");
    }

    #[test]
    fn retry_after_is_a_floor_and_is_capped() {
        let base = Duration::from_millis(10);
        let cap = Duration::from_secs(30);
        let asked = Duration::from_secs(2);
        assert!(delay(0, base, cap, Some(asked)) >= asked);
        // a server asking for an hour gets the cap
        let d = delay(0, base, cap, Some(Duration::from_secs(3600)));
        assert_eq!(d, cap);
        // backoff longer than Retry-After wins
        let d = delay(10, Duration::from_secs(1), cap, Some(Duration::from_secs(1)));
        assert!(d >= cap / 2);
    }
}
