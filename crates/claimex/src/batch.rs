//! Batches: many inputs on all cores, results in input order.
//!
//! [`ordered`] runs a function over a list of items on `jobs` worker
//! threads (scoped std threads pulling the next index from an atomic
//! counter, so a slow item never holds up the others) and hands each
//! result to a callback on the calling thread, in input order. At most
//! `window` results wait for their turn: a worker that runs ahead blocks
//! until the output catches up, so memory stays bounded by a few
//! documents, not by the size of the batch. Results come out in input
//! order whatever the thread count, so the same inputs always give
//! byte-identical output.
//!
//! Why not rayon: its parallel iterators either collect everything
//! (unbounded memory) or need chunking with a barrier per chunk (a slow
//! document stalls all cores). The worker pool here is forty lines and
//! has neither problem.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, mpsc};

/// The number of worker threads to use when the user did not say: the
/// available parallelism.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` on every item with up to `jobs` threads and calls `emit`
/// with the results in the order of `items`.
///
/// Items are pulled lazily from the iterator (under a lock, by whichever
/// worker is free), so a producer that reads files one document at a time
/// never holds more than a window of `4 × jobs` documents in memory,
/// whatever the size of the batch.
pub fn ordered<I, T, W, E>(items: impl IntoIterator<Item = I, IntoIter: Send>, jobs: usize, work: W, mut emit: E)
where
    I: Send,
    T: Send,
    W: Fn(I) -> T + Sync,
    E: FnMut(T),
{
    let mut items = items.into_iter();
    let jobs = jobs.max(1);
    if jobs == 1 {
        for item in items {
            emit(work(item));
        }
        return;
    }
    let window = jobs * 4;
    // the next index to hand out, and the iterator, under one lock
    let source = Mutex::new((0usize, &mut items));
    let emitted = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (source, emitted, work) = (&source, &emitted, &work);
            scope.spawn(move || {
                loop {
                    let (k, item) = {
                        let mut guard = source.lock().unwrap_or_else(|e| e.into_inner());
                        let k = guard.0;
                        // wait for the output to catch up before reading more
                        {
                            let (lock, cvar) = emitted;
                            let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                            while k >= *done + window {
                                done = cvar.wait(done).unwrap_or_else(|e| e.into_inner());
                            }
                        }
                        match guard.1.next() {
                            Some(item) => {
                                guard.0 += 1;
                                (k, item)
                            }
                            None => break,
                        }
                    };
                    if tx.send((k, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0usize;
        for (k, out) in rx {
            pending.insert(k, out);
            while let Some(out) = pending.remove(&want) {
                emit(out);
                want += 1;
                let (lock, cvar) = &emitted;
                *lock.lock().unwrap_or_else(|e| e.into_inner()) = want;
                cvar.notify_all();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_with_many_threads() {
        let items: Vec<u64> = (0..500).collect();
        let mut out = Vec::new();
        ordered(
            items,
            4,
            |i| {
                // uneven work so threads finish out of order
                std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                i * 2
            },
            |r| out.push(r),
        );
        assert_eq!(out, (0..500).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn pulls_lazily_within_the_window() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let pulled = AtomicUsize::new(0);
        let mut max_ahead = 0;
        let mut emitted = 0;
        let items = (0..200).inspect(|_| {
            pulled.fetch_add(1, Ordering::SeqCst);
        });
        ordered(
            items,
            2,
            |i| i,
            |_| {
                emitted += 1;
                max_ahead = max_ahead.max(pulled.load(Ordering::SeqCst) - emitted);
            },
        );
        assert_eq!(emitted, 200);
        assert!(max_ahead <= 2 * 4 + 2, "read {max_ahead} items ahead of the output");
    }

    #[test]
    fn one_job_and_no_items() {
        let mut out = Vec::new();
        ordered(vec![3, 1, 2], 1, |i| i, |r| out.push(r));
        assert_eq!(out, [3, 1, 2]);
        ordered(Vec::<u8>::new(), 8, |i| i, |_| panic!("no items"));
    }
}
