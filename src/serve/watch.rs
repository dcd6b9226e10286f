//! Watches `content/` and `themes/` with notify and calls back once per burst of changes
//! (100 ms debounce) with the paths that changed. Editor temp files are ignored, so a save
//! never triggers a half-read.

use crate::load::walk::is_ignored_name;
use crate::load::Changes;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

const DEBOUNCE: Duration = Duration::from_millis(100);

/// A live watch on a site's folders; events queue up from the moment it exists.
pub(super) struct Watch {
    // Kept alive for as long as events are wanted.
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    /// The site folder, as the watched paths were given: event paths start with it.
    source: PathBuf,
}

pub(super) fn start(source: &Path) -> Result<Watch, String> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).map_err(|e| format!("cannot watch files: {e}"))?;
    for folder in ["content", "themes"] {
        let path = source.join(folder);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", path.display()))?;
        }
    }
    Ok(Watch { _watcher: watcher, events, source: source.to_path_buf() })
}

impl Watch {
    /// Calls `rebuild` once per burst of relevant changes with what the burst changed, until
    /// the watcher stops.
    pub(super) fn on_change(self, mut rebuild: impl FnMut(Changes)) {
        let nothing = || Changes::Paths(BTreeSet::new());
        // Events that start no rebuild (an error of the watcher) still count for the next.
        let mut pending = nothing();
        while let Ok(event) = self.events.recv() {
            pending.merge(self.changes(&event));
            if !matters(&event) {
                continue;
            }
            // Editors write a file in several steps (temp file, rename, chmod): wait for quiet.
            while let Ok(event) = self.events.recv_timeout(DEBOUNCE) {
                pending.merge(self.changes(&event));
            }
            rebuild(std::mem::replace(&mut pending, nothing()));
        }
    }

    /// The site-relative paths an event names; `Unknown` when the watcher lost track (an
    /// error, a queue overflow) or names a path outside the site.
    fn changes(&self, event: &notify::Result<notify::Event>) -> Changes {
        let Ok(event) = event else { return Changes::Unknown };
        if event.need_rescan() {
            return Changes::Unknown;
        }
        // Reading a file (the rebuild itself does) changes nothing.
        if event.kind.is_access() {
            return Changes::Paths(BTreeSet::new());
        }
        let mut paths = BTreeSet::new();
        for path in &event.paths {
            match path.strip_prefix(&self.source) {
                Ok(relative) => paths.insert(relative.to_path_buf()),
                Err(_) => return Changes::Unknown,
            };
        }
        Changes::Paths(paths)
    }
}

fn matters(event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else { return false };
    if event.kind.is_access() {
        return false;
    }
    event.paths.iter().any(|path| path.file_name().map(|n| !is_ignored_name(&n.to_string_lossy())).unwrap_or(false))
}
