//! Output stage: writes rendered files to the output folder, all or nothing.

mod atomic;
mod content_type;
pub mod paths;

pub use atomic::{write_site, OutputGuard, WriteSummary, MARKER};
pub use content_type::content_type;
pub use paths::RelPath;
use std::sync::Arc;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: RelPath,
    /// Shared, so an unchanged page can be kept from one `serve` rebuild to the next (and
    /// served) without copying it.
    pub bytes: Arc<Vec<u8>>,
}

impl OutputFile {
    pub fn new(path: RelPath, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile { path, bytes: Arc::new(bytes.into()) }
    }
}
