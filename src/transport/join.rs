//! Run several futures of one kind at once on a single thread and collect their
//! outputs in order (a small `join_all`, so the crate needs no futures library).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A boxed future that may borrow (`'a`) and need not be `Send` (wasm is single-threaded).
pub type LocalFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Polls every future until all are done; outputs keep the input order.
pub struct JoinAll<'a, T> {
    pending: Vec<Option<LocalFuture<'a, T>>>,
    done: Vec<Option<T>>,
}

/// Run `futures` concurrently.
pub fn join_all<T>(futures: Vec<LocalFuture<'_, T>>) -> JoinAll<'_, T> {
    let done = futures.iter().map(|_| None).collect();
    JoinAll {
        pending: futures.into_iter().map(Some).collect(),
        done,
    }
}

// Outputs are moved out, never pinned; the futures are boxed. So moving the
// joiner is fine whatever `T` is.
impl<T> Unpin for JoinAll<'_, T> {}

impl<T> Future for JoinAll<'_, T> {
    type Output = Vec<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<T>> {
        let this = &mut *self;
        for (slot, out) in this.pending.iter_mut().zip(this.done.iter_mut()) {
            if let Some(fut) = slot {
                if let Poll::Ready(v) = fut.as_mut().poll(cx) {
                    *out = Some(v);
                    *slot = None;
                }
            }
        }
        if this.pending.iter().all(Option::is_none) {
            Poll::Ready(this.done.iter_mut().filter_map(Option::take).collect())
        } else {
            Poll::Pending
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::sync::Arc;
    use std::task::{Wake, Waker};

    struct Noop;
    impl Wake for Noop {
        fn wake(self: Arc<Self>) {}
    }

    /// Ready after `n` polls, recording the order of completion.
    struct After<'a> {
        n: u32,
        id: u32,
        log: &'a RefCell<Vec<u32>>,
    }
    impl Future for After<'_> {
        type Output = u32;
        fn poll(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {
            if self.n == 0 {
                self.log.borrow_mut().push(self.id);
                Poll::Ready(self.id)
            } else {
                self.n -= 1;
                Poll::Pending
            }
        }
    }

    #[test]
    fn runs_all_and_keeps_input_order() {
        let log = RefCell::new(Vec::new());
        let futs: Vec<LocalFuture<u32>> = vec![
            Box::pin(After {
                n: 3,
                id: 1,
                log: &log,
            }),
            Box::pin(After {
                n: 0,
                id: 2,
                log: &log,
            }),
            Box::pin(After {
                n: 1,
                id: 3,
                log: &log,
            }),
        ];
        let mut j = join_all(futs);
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        let mut polls = 0;
        let out = loop {
            polls += 1;
            if let Poll::Ready(v) = Pin::new(&mut j).poll(&mut cx) {
                break v;
            }
        };
        assert_eq!(out, vec![1, 2, 3]);
        assert_eq!(*log.borrow(), vec![2, 3, 1]);
        assert_eq!(polls, 4);
    }

    #[test]
    fn empty_is_ready() {
        let mut j = join_all::<u8>(Vec::new());
        let waker = Waker::from(Arc::new(Noop));
        let mut cx = Context::from_waker(&waker);
        assert_eq!(Pin::new(&mut j).poll(&mut cx), Poll::Ready(vec![]));
    }
}
