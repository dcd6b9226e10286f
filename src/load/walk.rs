//! Finds content Markdown files: sorted, skipping hidden files and editor backups, and never
//! following a link out of the site folder.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Editor temp and backup files: a half-saved buffer must never be read as an incident.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swx", ".swo", ".bak", ".tmp", ".orig"].iter().any(|suffix| name.ends_with(suffix))
}

/// Every `*.md` file under `dir`, sorted by path.
pub fn markdown_files(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<PathBuf> {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut files = Vec::new();
    let mut escaping = Vec::new();
    // Only links need the (costly) canonical check; everything else is inside by construction.
    let walker =
        WalkDir::new(dir).follow_links(true).max_depth(16).sort_by_file_name().into_iter().filter_entry(|entry| {
            if entry.depth() > 0 && is_ignored_name(&entry.file_name().to_string_lossy()) {
                return false;
            }
            if entry.path_is_symlink() && escapes(&canonical_root, entry.path()) {
                escaping.push(entry.path().to_path_buf());
                return false;
            }
            true
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") => {
                files.push(entry.path().to_path_buf());
            }
            Ok(_) => {}
            Err(error) => diagnostics.push(walk_error(root, dir, &error)),
        }
    }
    for path in escaping {
        diagnostics.push(
            Diagnostic::error(
                "link-outside-site",
                &super::relative_path(root, &path),
                "symbolic link points outside the site folder; it is not read",
            )
            .help("copy the file into the site instead of linking to it"),
        );
    }
    files
}

fn walk_error(root: &Path, dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = super::relative_path(root, error.path().unwrap_or(dir));
    let message = if error.loop_ancestor().is_some() {
        "symbolic link loop: this folder links back to one of its parents".to_string()
    } else {
        match error.io_error() {
            Some(io) => format!("cannot read: {io}"),
            None => format!("cannot read: {error}"),
        }
    };
    Diagnostic::error("unreadable-file", &path, message)
}

fn escapes(canonical_root: &Path, path: &Path) -> bool {
    match path.canonicalize() {
        Ok(real) => !real.starts_with(canonical_root),
        Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_backups_and_hidden_files_are_ignored() {
        for name in [".x.md", "x.md~", ".x.md.swp", "#x.md#", "x.md.bak"] {
            assert!(is_ignored_name(name), "{name}");
        }
        assert!(!is_ignored_name("2026-11-20-carrier.md"));
    }
}
