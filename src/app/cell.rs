//! A cell for the layout caches that sit behind an `Arc`: a session moves
//! between threads, so what an `Arc` holds must be `Sync`, which `RefCell`
//! is not. A `Mutex` used like a `RefCell`: one session is used by one thread
//! at a time, so the lock is never contended. Unlike `RefCell`, a second
//! borrow while one is held would wait instead of panicking: every borrow is
//! dropped at the end of its statement or block, before the next.

use std::sync::{Mutex, MutexGuard, PoisonError};

#[derive(Debug, Default)]
pub struct LockCell<T>(Mutex<T>);

impl<T> LockCell<T> {
    pub fn new(value: T) -> LockCell<T> {
        LockCell(Mutex::new(value))
    }

    pub fn borrow(&self) -> MutexGuard<'_, T> {
        // A panic while borrowed leaves a cache that is at worst incomplete.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn borrow_mut(&self) -> MutexGuard<'_, T> {
        self.borrow()
    }
}
