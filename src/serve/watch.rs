//! Watches `content/` and `themes/` with notify and calls back once per burst of changes
//! (100 ms debounce). Editor temp files are ignored, so a save never triggers a half-read.

use crate::load::walk::is_ignored_name;
use notify::{RecursiveMode, Watcher};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

const DEBOUNCE: Duration = Duration::from_millis(100);

/// A live watch on a site's folders; events queue up from the moment it exists.
pub struct Watch {
    // Kept alive for as long as events are wanted.
    _watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
}

pub fn start(source: &Path) -> Result<Watch, String> {
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
    Ok(Watch { _watcher: watcher, events })
}

impl Watch {
    /// Calls `rebuild` once per burst of relevant changes, until the watcher stops.
    pub fn on_change(self, mut rebuild: impl FnMut()) {
        while let Ok(event) = self.events.recv() {
            if !matters(&event) {
                continue;
            }
            // Editors write a file in several steps (temp file, rename, chmod): wait for quiet.
            while self.events.recv_timeout(DEBOUNCE).is_ok() {}
            rebuild();
        }
    }
}

fn matters(event: &notify::Result<notify::Event>) -> bool {
    let Ok(event) = event else { return false };
    if event.kind.is_access() {
        return false;
    }
    event.paths.iter().any(|path| path.file_name().map(|n| !is_ignored_name(&n.to_string_lossy())).unwrap_or(false))
}
