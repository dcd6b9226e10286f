//! The site's files as read: each one's text and its path relative to the site.

use crate::diag::{self, Diagnostic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One file of the site, read and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Relative to the site folder, with `/` separators, e.g. `content/incidents/x.md`.
    pub path: PathBuf,
    /// Shared: `serve` keeps unchanged files between rebuilds without copying them.
    pub text: Arc<str>,
}

/// Everything under `content/` that the later stages read.
#[derive(Debug, Clone, Default)]
pub struct SourceSet {
    /// The site folder (holding `content/`).
    pub root: PathBuf,
    /// `content/site.yaml`, if it could be read.
    pub site: Option<SourceFile>,
    /// `content/components.yaml`, if it could be read.
    pub components: Option<SourceFile>,
    /// Sorted by path.
    pub incidents: Vec<SourceFile>,
    /// Sorted by path.
    pub maintenances: Vec<SourceFile>,
    /// Sorted by path.
    pub notices: Vec<SourceFile>,
    /// Templates for `new --template`, sorted by path: only `check` and `new` read them, so a
    /// broken template never stops a build.
    pub templates: Vec<SourceFile>,
    /// Third-party snapshots (`content/upstream/*.json`), sorted by path.
    pub upstream: Vec<SourceFile>,
    /// Files refused as not UTF-8, decoded lossily: only so their diagnostic can show the line.
    pub undecodable: Vec<SourceFile>,
}

impl SourceSet {
    /// The text of a loaded file, for drawing diagnostics.
    pub fn text(&self, path: &Path) -> Option<&str> {
        self.all_files().chain(self.undecodable.iter()).find(|f| f.path == path).map(|f| &*f.text)
    }

    /// Every file read, in the order diagnostics are sorted.
    pub fn all_files(&self) -> impl Iterator<Item = &SourceFile> {
        self.site
            .iter()
            .chain(self.components.iter())
            .chain(self.incidents.iter())
            .chain(self.maintenances.iter())
            .chain(self.notices.iter())
            .chain(self.templates.iter())
            .chain(self.upstream.iter())
    }

    /// Path -> text, for code that renders many diagnostics.
    pub fn texts(&self) -> BTreeMap<&Path, &str> {
        self.all_files().chain(self.undecodable.iter()).map(|f| (f.path.as_path(), &*f.text)).collect()
    }

    /// `diagnostics` drawn against these files (`diag::format`).
    pub fn format_diagnostics(&self, diagnostics: &[Diagnostic], format: diag::Format, consequence: &str) -> String {
        let texts = self.texts();
        diag::format(diagnostics, |path| texts.get(path).copied(), format, consequence)
    }
}

/// `root/content/x.md` -> `content/x.md`, always with `/`.
pub fn relative_path(root: &Path, path: &Path) -> PathBuf {
    let relative = path.strip_prefix(root).unwrap_or(path);
    PathBuf::from(relative.to_string_lossy().replace('\\', "/"))
}
