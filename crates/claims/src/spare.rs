//! Strings given back for reuse: the subjects of one document's figures
//! and the names of its entities become the next document's, on the same
//! thread, instead of being freed and allocated again (a dozen or two a
//! document).
//!
//! Only strings of up to [`LONGEST`] bytes are kept, [`MOST`] at a time,
//! so the pool holds at most 256 KiB a thread. A caller that keeps the
//! attributions it gets gives nothing back, and strings are then
//! allocated as usual.

use std::cell::RefCell;

/// The longest string kept (a subject is a name or two).
const LONGEST: usize = 256;
/// The most strings kept per thread.
const MOST: usize = 1_024;

thread_local! {
    static SPARE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// An empty string, with room from one given back if there is one.
pub(crate) fn string() -> String {
    SPARE.with_borrow_mut(Vec::pop).unwrap_or_default()
}

/// `s` copied into a string from the pool.
pub(crate) fn copy(s: &str) -> String {
    let mut out = string();
    out.push_str(s);
    out
}

/// Keeps `s` for reuse (emptied), unless it is too long or the pool full.
pub(crate) fn give_back(mut s: String) {
    if s.capacity() == 0 || s.capacity() > LONGEST {
        return;
    }
    s.clear();
    SPARE.with_borrow_mut(|pool| {
        if pool.len() < MOST {
            pool.push(s);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_empty_and_long_ones_are_not_kept() {
        give_back(String::from("DeepSeek R1"));
        let s = string();
        assert!(s.is_empty() && s.capacity() >= "DeepSeek R1".len());
        assert_eq!(copy("OpenAI"), "OpenAI");
        give_back("x".repeat(LONGEST + 1));
        assert_eq!(string().capacity(), 0, "a long string is not kept");
    }
}
