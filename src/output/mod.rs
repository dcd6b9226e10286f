//! Output stage: writes rendered files to the output folder, all or nothing. Files reach it
//! through a `Sink` as they are rendered, so a large site is never held in memory whole.
//! Also the two ways commands write into a site folder: a new file (`create_files`) and one
//! replaced in a single step (`replace_file`).

mod at;
mod atomic;
pub(crate) mod cache_policy;
mod content_type;
mod create;
pub mod paths;
mod replace;
mod sink;

pub use atomic::{write_site, write_site_with, OutputGuard, WriteFailure, WriteSummary, MARKER};
pub use content_type::content_type;
pub(crate) use create::create_files;
pub use paths::RelPath;
pub(crate) use replace::replace_file;
pub use sink::{Collect, Discard, OutputFile, Sink};
