//! Watches `content/` and `themes/` with notify and calls back once per burst of changes
//! (100 ms debounce) with the paths that changed. Editor temp files are ignored, so a save
//! never triggers a half-read.
//!
//! The site folder itself is watched too, not recursively: it tells when `content/` or
//! `themes/` is made, removed or swapped for another folder after `serve` started (each is then
//! watched again), and when a file beside them changes (a target of a linked `site.yaml`).

use crate::load::walk::is_ignored_name;
use crate::load::Changes;
use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

const DEBOUNCE: Duration = Duration::from_millis(100);

/// The folders of a site watched with everything under them.
const FOLDERS: [&str; 2] = ["content", "themes"];

/// A live watch on a site's folders; events queue up from the moment it exists.
pub(super) struct Watch {
    // Kept alive for as long as events are wanted, and told of folders made later.
    watcher: notify::RecommendedWatcher,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    /// The site folder, absolute with links resolved (`serve::site_root`): notify reports
    /// paths that start with it as it was given.
    root: PathBuf,
}

/// Watches the site folder `root`, which must be absolute with its links resolved.
pub(super) fn start(root: &Path) -> Result<Watch, String> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender).map_err(|e| format!("cannot watch files: {e}"))?;
    watcher.watch(root, RecursiveMode::NonRecursive).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    let mut watch = Watch { watcher, events, root: root.to_path_buf() };
    for folder in FOLDERS {
        watch.folder(folder)?;
    }
    Ok(watch)
}

impl Watch {
    /// Watches `folder` of the site and everything under it, if it is there.
    fn folder(&mut self, folder: &str) -> Result<(), String> {
        let path = self.root.join(folder);
        if !path.is_dir() {
            return Ok(());
        }
        self.watcher.watch(&path, RecursiveMode::Recursive).map_err(|e| format!("cannot watch {}: {e}", path.display()))
    }

    /// Calls `rebuild` once per burst of relevant changes with what the burst changed, until
    /// the watcher stops.
    pub(super) fn on_change(mut self, mut rebuild: impl FnMut(Changes)) {
        let nothing = || Changes::Paths(BTreeSet::new());
        // Events that start no rebuild (an error of the watcher) still count for the next.
        let mut pending = nothing();
        while let Ok(event) = self.events.recv() {
            self.follow(&event);
            pending.merge(self.changes(&event));
            if !matters(&event) {
                continue;
            }
            // Editors write a file in several steps (temp file, rename, chmod): wait for quiet.
            while let Ok(event) = self.events.recv_timeout(DEBOUNCE) {
                self.follow(&event);
                pending.merge(self.changes(&event));
            }
            rebuild(std::mem::replace(&mut pending, nothing()));
        }
    }

    /// Watches `content/` or `themes/` again when an event names it: made, or swapped for
    /// another folder, it is a folder no watch is on yet (a watch follows the folder it was put
    /// on, wherever it moves). Files made in it before the watch are not missed: the event
    /// names the folder, which covers them. A failure is told and serving goes on: edits
    /// there are not seen.
    fn follow(&mut self, event: &notify::Result<notify::Event>) {
        let Ok(event) = event else { return };
        if event.kind.is_access() {
            return;
        }
        for folder in FOLDERS {
            if event.paths.iter().any(|path| path.parent() == Some(&self.root) && path.ends_with(folder)) {
                if let Err(message) = self.folder(folder) {
                    eprintln!("warning: {message}; edits in it are not seen until serve restarts");
                }
            }
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
            match path.strip_prefix(&self.root) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{DataChange, EventKind, ModifyKind};

    /// notify reports absolute paths: a watch started from a relative `--source` must still
    /// name the changed files, or every change is unknown and each rebuild looks at every file.
    #[test]
    fn a_site_given_as_a_relative_path_gets_its_changes_by_name() {
        let root = super::super::site_root(Path::new("src")).unwrap();
        let watch = start(&root).unwrap();
        let absolute = std::env::current_dir().unwrap().canonicalize().unwrap().join("src/serve/watch.rs");
        let event = notify::Event::new(EventKind::Modify(ModifyKind::Data(DataChange::Any))).add_path(absolute);
        let expected = Changes::Paths(BTreeSet::from([PathBuf::from("serve/watch.rs")]));
        assert_eq!(watch.changes(&Ok(event)), expected);
    }
}
