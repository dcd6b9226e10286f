//! statusforge: a static site generator for status pages.
//!
//! One pipeline, each stage a module that hands plain data to the next:
//!
//! ```text
//! content/ -load-> SourceSet -validate-> Site + Vec<Diagnostic> -compute(now)-> Snapshot
//!          -render-> Vec<OutputFile> -output-> public/ (atomic)
//! ```

pub mod cli;
pub mod clock;
pub mod cmd;
pub mod compute;
pub mod diag;
pub mod load;
pub mod model;
pub mod validate;

use diag::Diagnostic;
use model::{Instant, Site};
use std::path::Path;

/// The result of loading and validating a site folder.
pub struct Checked {
    pub sources: load::SourceSet,
    pub site: Site,
    /// Sorted by file and position; errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Load and validate: every problem of every file, and the site built from what is valid.
/// `now` adds the warnings that depend on the clock.
pub fn check(root: &Path, now: Instant) -> Checked {
    let (sources, mut diagnostics) = load::site(root);
    let (site, more) = validate::site(&sources);
    diagnostics.extend(more);
    diagnostics.extend(validate::warnings(&site, now));
    diag::sort(&mut diagnostics);
    Checked { sources, site, diagnostics }
}
