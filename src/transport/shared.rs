//! Reads shared by the concurrent operations of one call (`forkMany`): each distinct
//! key is read once, by whichever operation asks first; the others wait for that
//! read and get its answer. Only answers are kept: when the read fails (or the
//! operation reading it is dropped), the next operation waiting for that key reads
//! it again, so one failed read never fails every fork of a source.
//!
//! Single-threaded (wasm): state behind `RefCell`, waiters woken by their `Waker`.
//! Pure and executor-independent, so the rules are tested natively.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

enum State<V> {
    /// Someone is reading; these operations wait for the outcome.
    Reading(Vec<Waker>),
    /// The answer.
    Ready(V),
}

struct Entry<K, V> {
    key: K,
    state: State<V>,
}

/// Answers by key, for the lifetime of one call (dropped with it).
pub struct SharedReads<K, V> {
    entries: RefCell<Vec<Entry<K, V>>>,
    reads: Cell<u32>,
}

impl<K, V> Default for SharedReads<K, V> {
    fn default() -> Self {
        SharedReads {
            entries: RefCell::new(Vec::new()),
            reads: Cell::new(0),
        }
    }
}

/// What a lookup found.
enum Found<V> {
    Ready(V),
    Reading,
    Missing,
}

impl<K: PartialEq + Clone, V: Clone> SharedReads<K, V> {
    /// An empty set of answers.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many reads were started (the number of `read` futures run).
    pub fn reads_started(&self) -> u32 {
        self.reads.get()
    }

    fn find(&self, key: &K, waker: Option<&Waker>) -> Found<V> {
        let mut entries = self.entries.borrow_mut();
        match entries.iter_mut().find(|e| e.key == *key) {
            None => Found::Missing,
            Some(Entry {
                state: State::Ready(v),
                ..
            }) => Found::Ready(v.clone()),
            Some(Entry {
                state: State::Reading(waiters),
                ..
            }) => {
                if let Some(w) = waker {
                    if !waiters.iter().any(|x| x.will_wake(w)) {
                        waiters.push(w.clone());
                    }
                }
                Found::Reading
            }
        }
    }

    /// Mark `key` as being read (by the caller).
    fn start(&self, key: &K) {
        self.reads.set(self.reads.get() + 1);
        self.entries.borrow_mut().push(Entry {
            key: key.clone(),
            state: State::Reading(Vec::new()),
        });
    }

    /// End the read of `key`: keep `answer` (or forget the key) and wake the waiters.
    fn finish(&self, key: &K, answer: Option<V>) {
        let waiters = {
            let mut entries = self.entries.borrow_mut();
            let Some(at) = entries.iter().position(|e| e.key == *key) else {
                return;
            };
            let waiters = match answer {
                Some(v) => std::mem::replace(&mut entries[at].state, State::Ready(v)),
                None => entries.remove(at).state,
            };
            match waiters {
                State::Reading(w) => w,
                State::Ready(_) => Vec::new(),
            }
        };
        for w in waiters {
            w.wake();
        }
    }

    /// The answer for `key`: a kept one, the one another operation is reading now,
    /// or the outcome of `read()` run by this caller. An `Err` of `read` is returned
    /// to this caller only and not kept.
    pub async fn get_or_read<E, F, Fut>(&self, key: &K, read: F) -> Result<V, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<V, E>>,
    {
        // Wait while another operation reads this key; a kept answer ends the call.
        loop {
            match self.find(key, None) {
                Found::Ready(v) => return Ok(v),
                Found::Reading => Wait { reads: self, key }.await,
                Found::Missing => break,
            }
        }
        // Nobody has it (or the last reader failed): this caller reads it.
        self.start(key);
        // Whatever happens to this future, the key is not left "reading".
        let mut guard = Reading {
            reads: self,
            key,
            done: false,
        };
        let outcome = read().await;
        guard.done = true;
        self.finish(key, outcome.as_ref().ok().cloned());
        outcome
    }
}

/// Forgets an unfinished read when the operation reading it is dropped.
struct Reading<'a, K: PartialEq + Clone, V: Clone> {
    reads: &'a SharedReads<K, V>,
    key: &'a K,
    done: bool,
}

impl<K: PartialEq + Clone, V: Clone> Drop for Reading<'_, K, V> {
    fn drop(&mut self) {
        if !self.done {
            self.reads.finish(self.key, None);
        }
    }
}

/// Ready once `key` is no longer being read by someone else.
struct Wait<'a, K, V> {
    reads: &'a SharedReads<K, V>,
    key: &'a K,
}

impl<K: PartialEq + Clone, V: Clone> Future for Wait<'_, K, V> {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        match self.reads.find(self.key, Some(cx.waker())) {
            Found::Reading => Poll::Pending,
            Found::Ready(_) | Found::Missing => Poll::Ready(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::join::{join_all, LocalFuture};
    use std::sync::Arc;
    use std::task::Wake;

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    /// A read that finishes when `gate` is opened (polled again after that).
    struct Gate<'a> {
        open: &'a Cell<bool>,
    }
    impl Future for Gate<'_> {
        type Output = ();
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
            if self.open.get() {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        }
    }

    fn run<T>(fut: &mut LocalFuture<'_, T>, polls: usize) -> Option<T> {
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        for _ in 0..polls {
            if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
                return Some(v);
            }
        }
        None
    }

    #[test]
    fn concurrent_askers_of_one_key_share_one_read() {
        let reads: SharedReads<&str, u32> = SharedReads::new();
        let open = Cell::new(false);
        let started = Cell::new(0);
        let ask = |n: u32| {
            let (reads, open, started) = (&reads, &open, &started);
            Box::pin(async move {
                reads
                    .get_or_read(&"pg", || async move {
                        started.set(started.get() + 1);
                        Gate { open }.await;
                        Ok::<u32, ()>(n)
                    })
                    .await
            }) as LocalFuture<Result<u32, ()>>
        };
        let mut all: LocalFuture<Vec<Result<u32, ()>>> =
            Box::pin(join_all(vec![ask(1), ask(2), ask(3)]));
        assert_eq!(run(&mut all, 3), None);
        open.set(true);
        // Everyone gets the first asker's answer; one read in all.
        assert_eq!(run(&mut all, 3), Some(vec![Ok(1), Ok(1), Ok(1)]));
        assert_eq!(started.get(), 1);
        assert_eq!(reads.reads_started(), 1);
        // Later askers get the kept answer without reading.
        let mut later: LocalFuture<Result<u32, ()>> = Box::pin(async {
            reads
                .get_or_read(&"pg", || async { Ok::<u32, ()>(9) })
                .await
        });
        assert_eq!(run(&mut later, 1), Some(Ok(1)));
        assert_eq!(reads.reads_started(), 1);
    }

    #[test]
    fn distinct_keys_are_read_separately() {
        let reads: SharedReads<String, String> = SharedReads::new();
        let ask = |k: &'static str| {
            let reads = &reads;
            Box::pin(async move {
                let key = k.to_string();
                reads
                    .get_or_read(&key, || async move { Ok::<String, ()>(k.to_uppercase()) })
                    .await
            }) as LocalFuture<Result<String, ()>>
        };
        let mut all: LocalFuture<Vec<Result<String, ()>>> =
            Box::pin(join_all(vec![ask("pg"), ask("mysql"), ask("pg")]));
        assert_eq!(
            run(&mut all, 2),
            Some(vec![Ok("PG".into()), Ok("MYSQL".into()), Ok("PG".into())])
        );
        assert_eq!(reads.reads_started(), 2);
    }

    #[test]
    fn a_failed_read_is_not_kept_and_a_waiter_reads_again() {
        let reads: SharedReads<&str, u32> = SharedReads::new();
        let open = Cell::new(false);
        let first = {
            let (reads, open) = (&reads, &open);
            Box::pin(async move {
                reads
                    .get_or_read(&"pg", || async move {
                        Gate { open }.await;
                        Err::<u32, &str>("dropped")
                    })
                    .await
            }) as LocalFuture<Result<u32, &str>>
        };
        let second = Box::pin(async {
            reads
                .get_or_read(&"pg", || async { Ok::<u32, &str>(7) })
                .await
        }) as LocalFuture<Result<u32, &str>>;
        let mut all: LocalFuture<Vec<Result<u32, &str>>> = Box::pin(join_all(vec![first, second]));
        assert_eq!(run(&mut all, 2), None);
        open.set(true);
        assert_eq!(run(&mut all, 3), Some(vec![Err("dropped"), Ok(7)]));
        assert_eq!(reads.reads_started(), 2);
    }

    #[test]
    fn a_dropped_reader_hands_the_read_to_a_waiter() {
        let reads: SharedReads<&str, u32> = SharedReads::new();
        let never = Cell::new(false);
        let mut first: LocalFuture<Result<u32, ()>> = Box::pin(async {
            reads
                .get_or_read(&"pg", || async {
                    Gate { open: &never }.await;
                    Ok::<u32, ()>(1)
                })
                .await
        });
        let mut second: LocalFuture<Result<u32, ()>> = Box::pin(async {
            reads
                .get_or_read(&"pg", || async { Ok::<u32, ()>(2) })
                .await
        });
        assert_eq!(run(&mut first, 1), None);
        assert_eq!(run(&mut second, 1), None);
        drop(first);
        assert_eq!(run(&mut second, 1), Some(Ok(2)));
        assert_eq!(reads.reads_started(), 2);
    }
}
