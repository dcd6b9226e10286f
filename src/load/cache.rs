//! Files kept between `serve` rebuilds. A file whose size, modification time and inode are
//! unchanged is taken from memory instead of being read and decoded again; and when a file
//! watcher says which paths changed (`Changes::Paths`), the other files are taken from memory
//! without even that look at the disk.

use super::source::SourceFile;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What identifies one version of a file on disk without reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    /// Inode and change time: a file replaced by a rename (as editors save) gets a new inode.
    #[cfg(unix)]
    inode: (u64, i64, i64),
}

impl Stamp {
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
            #[cfg(unix)]
            inode: (meta.ino(), meta.ctime(), meta.ctime_nsec()),
        }
    }
}

/// What changed in the site folder since the previous load.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Changes {
    /// Anything may have changed: every file is checked against its stamp.
    #[default]
    Unknown,
    /// Only these paths (relative to the site folder, e.g. `content/incidents/x.md`) were
    /// created, written, removed or renamed, as a file watcher reports them.
    Paths(BTreeSet<PathBuf>),
}

impl Changes {
    /// The changed paths, when they are known and name nothing that holds `content/`: the site
    /// folder or `content/` itself named (swapped for another of the same name, say) may have
    /// changed every file, as if nothing were known.
    pub(super) fn known(&self) -> Option<&BTreeSet<PathBuf>> {
        let Changes::Paths(paths) = self else { return None };
        let content = Path::new("content");
        (!paths.iter().any(|path| content.starts_with(path))).then_some(paths)
    }

    /// Both sets of changes, as one.
    pub fn merge(&mut self, other: Changes) {
        match (&mut *self, other) {
            (Changes::Paths(mine), Changes::Paths(theirs)) => mine.extend(theirs),
            _ => *self = Changes::Unknown,
        }
    }
}

/// Files read by the previous load (by absolute path: its bytes hash fast), and what it
/// found in each Markdown folder.
#[derive(Debug, Default)]
pub struct FileCache {
    files: HashMap<OsString, (Stamp, SourceFile), foldhash::fast::RandomState>,
    /// The Markdown files found under each content folder (by its site-relative path) by the
    /// previous load, kept only when that load met no link and no problem: the listing that
    /// known changes are applied to instead of walking the folder again.
    listings: Option<HashMap<&'static str, Vec<PathBuf>>>,
    /// Reported since the previous load (None: nothing was, so anything may have changed);
    /// taken by the next load.
    changes: Option<Changes>,
}

impl FileCache {
    /// The cached file, if it was read at exactly this version.
    pub fn get(&self, path: &Path, stamp: &Stamp) -> Option<&SourceFile> {
        self.file(path).filter(|(seen, _)| seen == stamp).map(|(_, file)| file)
    }

    /// The cached file and the stamp it was read at, whatever the disk holds now.
    pub fn file(&self, path: &Path) -> Option<&(Stamp, SourceFile)> {
        self.files.get(path.as_os_str())
    }

    /// Notes changes made since the previous load (see `Changes`).
    pub fn note(&mut self, changes: Changes) {
        match &mut self.changes {
            Some(noted) => noted.merge(changes),
            None => self.changes = Some(changes),
        }
    }

    /// The changes noted since the previous load, `Unknown` if none were.
    pub fn take_changes(&mut self) -> Changes {
        self.changes.take().unwrap_or_default()
    }

    pub fn listing(&self, folder: &str) -> Option<&[PathBuf]> {
        self.listings.as_ref()?.get(folder).map(Vec::as_slice)
    }

    /// Replaces the cache with what this load read: deleted files drop out. `listings` is
    /// None when the load met a link or a problem, so the next load walks the folders.
    pub fn replace(
        &mut self,
        files: impl Iterator<Item = (PathBuf, Stamp, SourceFile)>,
        listings: Option<HashMap<&'static str, Vec<PathBuf>>>,
    ) {
        self.files = files.map(|(path, stamp, file)| (path.into_os_string(), (stamp, file))).collect();
        self.listings = listings;
    }
}

/// Applies known changes (absolute paths) to a folder's previous listing (absolute paths,
/// sorted as the walk sorts). None when a change could add or remove more than single Markdown
/// files (a folder created, removed or renamed; a link): then the folder must be walked again.
pub(super) fn apply_changes(
    root: &Path,
    folder: &str,
    previous: &[PathBuf],
    changed: &HashSet<OsString>,
) -> Option<Vec<PathBuf>> {
    let folder = root.join(folder);
    let mut files = previous.to_vec();
    for path in changed.iter().map(Path::new) {
        if folder.starts_with(path) {
            return None;
        }
        let Ok(inside) = path.strip_prefix(&folder) else { continue };
        let names: Vec<&OsStr> = inside.iter().collect();
        if names.len() > super::walk::MAX_DEPTH {
            return None;
        }
        let ignored = |name: &&OsStr| super::walk::is_ignored_name(&name.to_string_lossy());
        if names.iter().any(ignored) {
            // The walk never enters ignored folders nor reads ignored files.
            continue;
        }
        let markdown = path.extension().is_some_and(|e| e == "md");
        let found = files.binary_search_by(|listed| listed.as_path().cmp(path));
        match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_file() && markdown => {
                if let Err(at) = found {
                    files.insert(at, path.to_path_buf());
                }
            }
            // Another kind of file changed: nothing to read.
            Ok(meta) if meta.is_file() => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                // Gone: a file drops out; a folder that held listed files needs a walk.
                match found {
                    Ok(at) => {
                        files.remove(at);
                    }
                    Err(_) if previous.iter().any(|p| p.starts_with(path)) => return None,
                    Err(_) => {}
                }
            }
            // A folder, a link, or a file that cannot be looked at.
            _ => return None,
        }
    }
    Some(files)
}
