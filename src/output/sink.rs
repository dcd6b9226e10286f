//! A rendered file and the `Sink` it goes to: a staging folder being written, or memory.

use super::paths::RelPath;
use std::sync::{Arc, Mutex};

/// Where rendered files go, one by one and from any thread: a staging folder being written
/// (`build`), or memory (`serve`, tests). Failing to store a file is the sink's to report
/// when the render is over, so renderers never deal with disks.
pub trait Sink: Sync {
    /// Stores one file; failures are reported when the render is over.
    fn put(&self, file: OutputFile);
}

/// A sink that drops every file: for rendering only to find template errors (`check`).
#[derive(Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _file: OutputFile) {}
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct Collect {
    files: Mutex<Vec<OutputFile>>,
}

impl Sink for Collect {
    fn put(&self, file: OutputFile) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).push(file);
    }
}

impl Collect {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Where it goes, relative to the output folder.
    pub path: RelPath,
    /// Shared, so an unchanged page can be kept from one `serve` rebuild to the next (and
    /// served) without copying it.
    pub bytes: Arc<Vec<u8>>,
}

impl OutputFile {
    /// A file at `path` holding `bytes`.
    pub fn new(path: RelPath, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile { path, bytes: Arc::new(bytes.into()) }
    }
}
