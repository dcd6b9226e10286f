//! The check mode: kept pages rendered again and compared, so a key that misses an input shows
//! as a page that differs instead of a stale page in `serve`.

use super::key::key;
use std::sync::Mutex;

/// Whether a kept page is rendered again and compared. Debug builds check every page of a
/// site of up to 2,000 pages and a turning sixteenth of a larger one (all of it over 16
/// rebuilds); release builds trust the keys, which is what makes `serve` fast.
pub(crate) fn verify(path: &str, generation: u64, kept_pages: usize) -> bool {
    cfg!(debug_assertions) && (kept_pages <= 2_000 || key(path) % 16 == generation % 16)
}

/// Kept pages a rebuild found to differ from a fresh render, from any thread.
#[derive(Default)]
pub(crate) struct Stale(Mutex<Vec<String>>);

impl Stale {
    pub(crate) fn note(&self, path: &str) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(path.to_string());
    }

    /// Every page noted, sorted.
    pub(crate) fn take(self) -> Vec<String> {
        let mut paths = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        paths.sort();
        paths
    }
}
