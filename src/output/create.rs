//! Creating new files in a site folder, all or none: what `init`, `new` and `import` write.
//! Never replaces a file: an existing one (or one made meanwhile by someone else) is refused.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes each `(relative path, text)` under `root`, creating folders as needed, and returns
/// the full paths written, in the order given. If any path already exists nothing is written
/// and the error names every one of them. A failure part way (a full disk, a file that appeared
/// since the check) removes what this call created, so the folder is left as it was found.
pub(crate) fn create_files(root: &Path, files: &[(PathBuf, String)]) -> Result<Vec<PathBuf>, String> {
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| root.join(path).symlink_metadata().is_ok())
        .map(|(path, _)| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(format!("{} already holds {}; nothing was written", root.display(), existing.join(", ")));
    }
    let mut made = Made::default();
    for (path, text) in files {
        if let Err(error) = made.file(&root.join(path), text) {
            made.undo();
            return Err(format!("{error}; nothing was written"));
        }
    }
    Ok(made.files)
}

/// What one call created, to undo it: files, and the folders made for them (deepest last).
#[derive(Default)]
struct Made {
    files: Vec<PathBuf>,
    folders: Vec<PathBuf>,
}

impl Made {
    fn file(&mut self, path: &Path, text: &str) -> Result<(), String> {
        if let Some(parent) = path.parent() {
            self.folders_for(parent)?;
        }
        // `create_new`: a file made between the check and now is refused, not overwritten.
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .map_err(|e| format!("cannot create {}: {e}", path.display()))?;
        self.files.push(path.to_path_buf());
        file.write_all(text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
    }

    fn folders_for(&mut self, folder: &Path) -> Result<(), String> {
        let missing: Vec<&Path> = folder.ancestors().take_while(|f| !f.as_os_str().is_empty() && !f.exists()).collect();
        for folder in missing.into_iter().rev() {
            fs::create_dir(folder).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
            self.folders.push(folder.to_path_buf());
        }
        Ok(())
    }

    fn undo(&self) {
        for file in &self.files {
            let _ = fs::remove_file(file);
        }
        for folder in self.folders.iter().rev() {
            // Only if empty: something else may have put a file there meanwhile.
            let _ = fs::remove_dir(folder);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(PathBuf, String)> {
        list.iter().map(|(p, t)| (PathBuf::from(p), t.to_string())).collect()
    }

    #[test]
    fn new_files_and_their_folders_are_created() {
        let dir = tempfile::tempdir().unwrap();
        let written = create_files(dir.path(), &files(&[("a/b/c.md", "c"), ("d.yaml", "d")])).unwrap();
        assert_eq!(written, [dir.path().join("a/b/c.md"), dir.path().join("d.yaml")]);
        assert_eq!(fs::read_to_string(dir.path().join("a/b/c.md")).unwrap(), "c");
    }

    #[test]
    fn an_existing_file_is_named_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("d.yaml"), "mine").unwrap();
        let error = create_files(dir.path(), &files(&[("a/c.md", "c"), ("d.yaml", "d")])).unwrap_err();
        assert!(error.ends_with("already holds d.yaml; nothing was written"), "{error}");
        assert_eq!(fs::read_to_string(dir.path().join("d.yaml")).unwrap(), "mine");
        assert!(!dir.path().join("a").exists());
    }

    #[test]
    fn a_failure_part_way_removes_what_was_created() {
        let dir = tempfile::tempdir().unwrap();
        // The second file's folder cannot be made: a file is in its way.
        fs::write(dir.path().join("blocker"), "").unwrap();
        let error = create_files(dir.path(), &files(&[("new/a.md", "a"), ("blocker/x/b.md", "b")])).unwrap_err();
        assert!(error.contains("cannot create"), "{error}");
        assert!(!dir.path().join("new").exists(), "the folder made for the first file is gone too");
    }
}
