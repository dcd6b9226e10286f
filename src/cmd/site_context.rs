//! What authoring commands need from a site: its settings and components, valid.

use crate::diag::Diagnostic;
use crate::load::{self, SourceSet};
use crate::model::Site;
use std::path::Path;

/// Loads and validates the site; refuses when site.yaml or components.yaml has an error,
/// since new files could not be checked against them.
pub(super) fn load(source: &Path) -> Result<(Site, SourceSet, Vec<Diagnostic>), String> {
    let (sources, mut diagnostics) = load::site(source, None);
    let (site, more) = crate::validate::site(&sources, None);
    diagnostics.extend(more);
    let broken = diagnostics.iter().any(|d| {
        d.is_error()
            && (d.file == Path::new(load::SITE_FILE)
                || d.file == Path::new(load::COMPONENTS_FILE)
                || d.file == Path::new("content"))
    });
    if broken {
        let text = sources.format_diagnostics(&diagnostics, crate::diag::Format::Text, "");
        return Err(format!("fix the site settings first:\n{text}"));
    }
    Ok((site, sources, diagnostics))
}
