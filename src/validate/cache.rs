//! Checked documents kept between `serve` rebuilds: a file whose text and context (zone,
//! components) are unchanged is not parsed and checked again.

use crate::diag::Diagnostic;
use crate::model::{Incident, Maintenance, Notice};
use std::ffi::OsString;
use std::sync::Arc;

/// One file's check: its text then, and what came of it.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    pub text: Arc<str>,
    pub value: Option<T>,
    pub diagnostics: Vec<Diagnostic>,
}

/// By path (its bytes: they hash faster than `Path`'s components). Shared, so an unchanged
/// file's entry moves to the next memo without being copied.
pub(super) type Memo<T> = foldhash::HashMap<OsString, Arc<Checked<T>>>;

#[derive(Debug, Default)]
pub struct DocumentCache {
    /// What every file's check depended on besides its text (see `validate::context_key`).
    pub context: Option<u64>,
    pub incidents: Memo<Arc<Incident>>,
    pub maintenances: Memo<Arc<Maintenance>>,
    pub notices: Memo<Arc<Notice>>,
}
