//! Files kept between `serve` rebuilds: a file whose size, modification time and inode are
//! unchanged is taken from memory instead of being read and decoded again.

use super::SourceFile;
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

/// Files read by the previous load, by absolute path.
#[derive(Debug, Default)]
pub struct FileCache {
    files: foldhash::HashMap<PathBuf, (Stamp, SourceFile)>,
}

impl FileCache {
    /// The cached file, if it was read at exactly this version.
    pub fn get(&self, path: &Path, stamp: &Stamp) -> Option<&SourceFile> {
        self.files.get(path).filter(|(seen, _)| seen == stamp).map(|(_, file)| file)
    }

    /// Replaces the cache with what this load read: deleted files drop out.
    pub fn replace(&mut self, files: foldhash::HashMap<PathBuf, (Stamp, SourceFile)>) {
        self.files = files;
    }
}
