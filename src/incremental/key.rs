//! The one hash every memo key is made with.

use std::hash::{BuildHasher, Hash};

/// A key of `value`. Keys are compared only within one `serve` process, so a fast hash with a
/// fixed seed does; foldhash's quality variant keeps 64-bit keys well spread.
pub(crate) fn key(value: impl Hash) -> u64 {
    KEYS.hash_one(value)
}

const KEYS: foldhash::quality::FixedState = foldhash::quality::FixedState::with_seed(0x5eed);
