//! `RelPath`: a path inside the output folder. It cannot be absolute or contain `..`, so no
//! slug or id can make the build write outside the output.

use std::fmt;
use std::path::{Path, PathBuf};

/// A path relative to the output folder, checked to stay inside it: no `..`, no absolute part, no empty segment.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelPath(String);

impl RelPath {
    /// A `/`-separated relative path whose every segment is a plain name.
    pub fn new(path: &str) -> Result<RelPath, String> {
        if path.is_empty() || path.starts_with('/') || path.ends_with('/') {
            return Err(format!("`{path}` is not a relative file path"));
        }
        for segment in path.split('/') {
            let plain = !segment.is_empty()
                && segment != "."
                && segment != ".."
                && !segment.contains(['\\', ':', '\0'])
                && !segment.chars().any(char::is_control);
            if !plain {
                return Err(format!("`{path}` has a segment that could leave the output folder"));
            }
        }
        Ok(RelPath(path.to_string()))
    }

    /// The path with `/` separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file's place under `root`.
    pub fn under(&self, root: &Path) -> PathBuf {
        self.0.split('/').fold(root.to_path_buf(), |path, segment| path.join(segment))
    }

    /// How many folders deep the file is, for relative links back to the root.
    pub fn depth(&self) -> usize {
        self.0.matches('/').count()
    }
}

impl fmt::Display for RelPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_escape_are_refused() {
        for bad in ["", "/etc/passwd", "../x", "a/../../x", "a//b", "a/./b", "c:\\x", "a\\..\\b", "dir/"] {
            assert!(RelPath::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn plain_paths_are_kept_and_placed_under_the_root() {
        let path = RelPath::new("incidents/carrier-delays/index.html").unwrap();
        assert_eq!(path.depth(), 2);
        assert_eq!(path.under(Path::new("/out")), Path::new("/out/incidents/carrier-delays/index.html"));
    }
}
