//! Batches: many inputs on all cores, results in input order.
//!
//! [`ordered`] runs a function over a list of items on `jobs` worker
//! threads (scoped std threads pulling the next item from a shared
//! iterator, so a slow item never holds up the others) and hands each
//! result to a callback in input order. The worker that finishes the
//! result the output is waiting for emits it, and any results already
//! waiting behind it, under the output lock: no thread does nothing but
//! collect, and a document costs no wake-up of another thread. At most
//! `window` results wait for their turn: a worker that runs ahead blocks
//! until the output catches up, so memory stays bounded by a few
//! documents, not by the size of the batch. Results come out in input
//! order whatever the thread count, so the same inputs always give
//! byte-identical output.
//!
//! Why not rayon: its parallel iterators either collect everything
//! (unbounded memory) or need chunking with a barrier per chunk (a slow
//! document stalls all cores). The worker pool here is a few dozen lines
//! and has neither problem.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// The number of worker threads to use when the user did not say: the
/// available parallelism.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// The output side of a batch: results waiting for their turn, and the
/// callback that takes them in order.
struct Output<T, E> {
    /// The index of the next result to emit.
    next: usize,
    /// `ready[i]` is the result of item `next + i`, once finished.
    ready: VecDeque<Option<T>>,
    emit: E,
    /// Workers blocked until `next` moves.
    waiting: usize,
    /// A worker panicked: the others stop instead of waiting for its result.
    aborted: bool,
}

fn lock<X>(m: &Mutex<X>) -> MutexGuard<'_, X> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Marks the batch aborted if a worker unwinds, so no other worker waits
/// for a result that will never come; the panic itself reaches the caller
/// when the threads are joined.
struct AbortOnPanic<'a, T, E> {
    out: &'a Mutex<Output<T, E>>,
    turn: &'a Condvar,
}

impl<T, E> Drop for AbortOnPanic<'_, T, E> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            lock(self.out).aborted = true;
            self.turn.notify_all();
        }
    }
}

/// Runs `work` on every item with up to `jobs` threads and calls `emit`
/// with the results in the order of `items`.
///
/// Items are pulled lazily from the iterator (under a lock, by whichever
/// worker is free), so a producer that reads files one document at a time
/// never holds more than a window of `4 × jobs` documents in memory,
/// whatever the size of the batch. `emit` runs on the worker threads, one
/// call at a time.
pub fn ordered<I, T, W, E>(items: impl IntoIterator<Item = I, IntoIter: Send>, jobs: usize, work: W, mut emit: E)
where
    I: Send,
    T: Send,
    W: Fn(I) -> T + Sync,
    E: FnMut(T) + Send,
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
    let out = Mutex::new(Output { next: 0, ready: VecDeque::with_capacity(window), emit, waiting: 0, aborted: false });
    let turn = Condvar::new();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let (source, out, turn, work) = (&source, &out, &turn, &work);
            scope.spawn(move || {
                let _guard = AbortOnPanic { out, turn };
                loop {
                    let (k, item) = {
                        let mut src = lock(source);
                        let k = src.0;
                        // wait for the output to catch up before reading more
                        {
                            let mut o = lock(out);
                            while k >= o.next + window && !o.aborted {
                                o.waiting += 1;
                                o = turn.wait(o).unwrap_or_else(PoisonError::into_inner);
                                o.waiting -= 1;
                            }
                            if o.aborted {
                                return;
                            }
                        }
                        match src.1.next() {
                            Some(item) => {
                                src.0 += 1;
                                (k, item)
                            }
                            None => return,
                        }
                    };
                    let result = work(item);
                    let mut o = lock(out);
                    if o.aborted {
                        return;
                    }
                    let slot = k - o.next;
                    if o.ready.len() <= slot {
                        o.ready.resize_with(slot + 1, || None);
                    }
                    o.ready[slot] = Some(result);
                    let before = o.next;
                    while let Some(Some(_)) = o.ready.front() {
                        if let Some(Some(r)) = o.ready.pop_front() {
                            (o.emit)(r);
                            o.next += 1;
                        }
                    }
                    if o.next != before && o.waiting > 0 {
                        turn.notify_all();
                    }
                }
            });
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
    fn a_panicking_item_stops_the_batch_instead_of_hanging_it() {
        let mut emitted = Vec::new();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            ordered(
                0..1000u32,
                2,
                |i| {
                    assert_ne!(i, 3, "item 3 fails");
                    i
                },
                |r| emitted.push(r),
            )
        }));
        assert!(result.is_err(), "the panic reaches the caller");
        assert_eq!(emitted, [0, 1, 2], "results before the failed item came out in order, none after it");
    }

    #[test]
    fn one_job_and_no_items() {
        let mut out = Vec::new();
        ordered(vec![3, 1, 2], 1, |i| i, |r| out.push(r));
        assert_eq!(out, [3, 1, 2]);
        ordered(Vec::<u8>::new(), 8, |i| i, |_| panic!("no items"));
    }
}
