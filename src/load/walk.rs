//! Finds content Markdown files: sorted, skipping hidden files and editor backups, and never
//! following a link out of the site folder.

use crate::diag::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// Editor temp and backup files: a half-saved buffer must never be read as an incident.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || [".swp", ".swx", ".swo", ".bak", ".tmp", ".orig"].iter().any(|suffix| name.ends_with(suffix))
}

/// How deep below a content folder files are looked for.
pub(crate) const MAX_DEPTH: usize = 16;

/// The Markdown files of a content folder.
pub(crate) struct Listing {
    /// Sorted by path.
    pub files: Vec<PathBuf>,
    /// No link was met: the listing changes only by files created, removed or renamed in it.
    pub plain: bool,
}

/// Every `*.md` file under `dir`, sorted by path.
pub(crate) fn markdown_files(root: &Path, dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Listing {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut walk = Walk { root, canonical_root, files: Vec::new(), escaping: Vec::new(), linked: false, diagnostics };
    // A content folder that is itself a link (inside the site) is walked through it; one that
    // leads outside is refused by the same check as any other link.
    walk.folder(dir, dir.is_symlink());
    let Walk { mut files, escaping, linked, diagnostics, .. } = walk;
    // Linked folders were walked after the rest: by path is the walk's order.
    files.sort();
    for (path, problem) in escaping {
        let relative = super::source::relative_path(root, &path);
        diagnostics.push(match problem {
            LinkProblem::Outside => Diagnostic::error(
                "link-outside-site",
                &relative,
                "symbolic link points outside the site folder; it is not read",
            )
            .help("copy the file into the site instead of linking to it"),
            LinkProblem::Broken => Diagnostic::error(
                "broken-link",
                &relative,
                "symbolic link leads nowhere (its target is missing, or it loops); it is not read",
            )
            .help("point it at a file inside the site, or remove it"),
        });
    }
    Listing { files, plain: !linked }
}

struct Walk<'a> {
    root: &'a Path,
    canonical_root: PathBuf,
    files: Vec<PathBuf>,
    /// Links that lead out of the site folder or nowhere: reported, never read.
    escaping: Vec<(PathBuf, LinkProblem)>,
    /// A symbolic link was met (followed or not).
    linked: bool,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Walks `dir` in name order. Without following links the walk takes file types from the
    /// folder listing, with no `stat` per file (thousands of incidents); the rare link is
    /// looked at on its own, and a linked folder walked following links (`follow`).
    fn folder(&mut self, dir: &Path, follow: bool) {
        let canonical_root = &self.canonical_root;
        let mut escaping = Vec::new();
        let mut links = Vec::new();
        let walker =
            WalkDir::new(dir).follow_links(follow).max_depth(MAX_DEPTH).sort_by_file_name().into_iter().filter_entry(
                |entry| {
                    if entry.depth() > 0 && is_ignored_name(&entry.file_name().to_string_lossy()) {
                        return false;
                    }
                    if let Some(problem) =
                        entry.path_is_symlink().then(|| link_problem(canonical_root, entry.path())).flatten()
                    {
                        escaping.push((entry.path().to_path_buf(), problem));
                        return false;
                    }
                    true
                },
            );
        for entry in walker {
            match entry {
                Ok(entry) if !follow && entry.file_type().is_symlink() => links.push(entry.into_path()),
                // FIFOs and devices named `*.md` are listed too, so reading refuses them by name.
                Ok(entry) if !entry.file_type().is_dir() && is_markdown(entry.path()) => {
                    self.files.push(entry.path().to_path_buf());
                }
                Ok(_) => {}
                Err(error) => self.diagnostics.push(walk_error(self.root, dir, &error)),
            }
        }
        self.linked |= follow || !links.is_empty() || !escaping.is_empty();
        self.escaping.extend(escaping);
        for link in links {
            self.link(dir, &link);
        }
    }

    /// A link inside the site: a Markdown file is read, a folder walked, a link back to a
    /// folder being walked reported as a loop.
    fn link(&mut self, dir: &Path, link: &Path) {
        let unreadable = |message: String| {
            Diagnostic::error("unreadable-file", &super::source::relative_path(self.root, link), message)
        };
        match std::fs::metadata(link) {
            Ok(meta) if meta.is_dir() => {
                let target = link.canonicalize().unwrap_or_else(|_| link.to_path_buf());
                let walking = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
                if walking.starts_with(&target) {
                    let message = "symbolic link loop: this folder links back to one of its parents".to_string();
                    self.diagnostics.push(unreadable(message));
                } else {
                    self.folder(link, true);
                }
            }
            Ok(meta) if !meta.is_dir() && is_markdown(link) => self.files.push(link.to_path_buf()),
            Ok(_) => {}
            Err(error) => self.diagnostics.push(unreadable(format!("cannot read: {error}"))),
        }
    }
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

fn walk_error(root: &Path, dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = super::source::relative_path(root, error.path().unwrap_or(dir));
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

/// Why a link is not followed.
enum LinkProblem {
    Outside,
    Broken,
}

fn link_problem(canonical_root: &Path, path: &Path) -> Option<LinkProblem> {
    match path.canonicalize() {
        Ok(real) if real.starts_with(canonical_root) => None,
        Ok(_) => Some(LinkProblem::Outside),
        Err(_) => Some(LinkProblem::Broken),
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
