//! Atomic output: the new site is written to a sibling folder, then swapped in by renames, so
//! a failed or killed build never leaves a half-written site. An existing output folder is
//! only replaced if it bears our marker; statusforge never deletes a folder it did not make.

use super::OutputFile;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file that marks a folder as statusforge's output.
pub const MARKER: &str = ".statusforge-output";

const MARKER_TEXT: &str = "This folder is written by statusforge build and replaced on every build.\n";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    pub files: usize,
    pub bytes: u64,
}

/// Where the output may not go: into the sources.
#[derive(Debug, Clone)]
pub struct OutputGuard {
    /// The site folder (holding `content/`).
    pub source: PathBuf,
}

impl OutputGuard {
    /// Refuses an output folder that is the site folder, contains it, or lies inside
    /// `content/` or `themes/`.
    pub fn check(&self, output: &Path) -> Result<(), String> {
        let source = absolute(&self.source);
        let output = absolute(output);
        if output == source || source.starts_with(&output) {
            return Err(format!(
                "the output folder {} would hold the site's own files; choose another --output",
                output.display()
            ));
        }
        for inner in ["content", "themes"] {
            if output.starts_with(source.join(inner)) {
                return Err(format!(
                    "the output folder {} is inside {inner}/; choose a folder outside it",
                    output.display()
                ));
            }
        }
        Ok(())
    }
}

fn absolute(path: &Path) -> PathBuf {
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    // Resolve what exists (symlinks, `..`), keep the rest as written.
    let mut existing = path.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => return path,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Writes `files` as the new content of `output`, replacing the previous build atomically.
pub fn write_site(files: &[OutputFile], output: &Path) -> Result<WriteSummary, String> {
    let output = absolute(output);
    let parent = output.parent().ok_or_else(|| format!("{} has no parent folder", output.display()))?.to_path_buf();
    let name = output.file_name().ok_or("the output folder has no name")?.to_string_lossy().into_owned();
    let staging = parent.join(format!(".{name}.statusforge-new"));
    let backup = parent.join(format!(".{name}.statusforge-old"));
    fs::create_dir_all(&parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    recover(&output, &backup)?;
    refuse_foreign(&output)?;
    remove_ours(&staging)?;
    remove_ours(&backup)?;
    let summary = write_all(files, &staging)?;
    // One atomic exchange where the OS has it: the output folder exists at every instant.
    if output.exists() && exchange(&staging, &output).is_ok() {
        remove_ours(&staging)?;
        return Ok(summary);
    }
    if output.exists() {
        fs::rename(&output, &backup).map_err(|e| format!("cannot move the previous output aside: {e}"))?;
    }
    if let Err(e) = fs::rename(&staging, &output) {
        let _ = fs::rename(&backup, &output);
        return Err(format!("cannot move the new output into place: {e}"));
    }
    remove_ours(&backup)?;
    Ok(summary)
}

/// Swaps two existing folders in one step (Linux renameat2 RENAME_EXCHANGE, macOS renamex_np).
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
    }
    #[cfg(not(any(target_os = "linux", target_os = "macos")))]
    {
        let _ = (a, b);
        Err(std::io::Error::new(std::io::ErrorKind::Unsupported, "no atomic exchange on this system"))
    }
}

/// Where no atomic exchange exists, a build killed between its two renames leaves only the backup: put it back.
fn recover(output: &Path, backup: &Path) -> Result<(), String> {
    if !output.exists() && backup.join(MARKER).is_file() {
        fs::rename(backup, output)
            .map_err(|e| format!("cannot restore the previous output from {}: {e}", backup.display()))?;
    }
    Ok(())
}

fn refuse_foreign(output: &Path) -> Result<(), String> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(format!("{} exists and is not a folder; statusforge will not replace it", output.display()));
    }
    let empty = fs::read_dir(output).map(|mut d| d.next().is_none()).unwrap_or(false);
    if empty || output.join(MARKER).is_file() {
        return Ok(());
    }
    Err(format!(
        "{} exists and was not made by statusforge (no {MARKER} file); refusing to replace it. Choose another --output, or empty the folder yourself",
        output.display()
    ))
}

/// Deletes a staging or backup folder, but only one that carries our marker.
fn remove_ours(folder: &Path) -> Result<(), String> {
    if !folder.exists() {
        return Ok(());
    }
    if !folder.join(MARKER).is_file() && fs::read_dir(folder).map(|mut d| d.next().is_some()).unwrap_or(true) {
        return Err(format!("{} is in the way and was not made by statusforge; remove it by hand", folder.display()));
    }
    remove_tree(folder).map_err(|e| format!("cannot remove {}: {e}", folder.display()))
}

fn write_all(files: &[OutputFile], root: &Path) -> Result<WriteSummary, String> {
    fs::create_dir_all(root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    // The marker goes first, so even a half-written staging folder is recognised as ours.
    fs::write(root.join(MARKER), MARKER_TEXT).map_err(|e| format!("cannot write the output marker: {e}"))?;
    create_folders(files, root)?;
    // Creating thousands of small files is bound by system calls; spread them over the cores.
    files.par_iter().try_for_each(|file| {
        let path = file.path.under(root);
        fs::File::create(&path)
            .and_then(|mut handle| handle.write_all(&file.bytes))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    })?;
    let bytes = files.iter().map(|f| f.bytes.len() as u64).sum();
    Ok(WriteSummary { files: files.len(), bytes })
}

/// Every folder the files go in, a level at a time (parents first) and each level in
/// parallel: a large site has one folder per incident.
fn create_folders(files: &[OutputFile], root: &Path) -> Result<(), String> {
    let mut levels: Vec<BTreeSet<&str>> = Vec::new();
    for file in files {
        let path = file.path.as_str();
        for (depth, (at, _)) in path.match_indices('/').enumerate() {
            if levels.len() <= depth {
                levels.push(BTreeSet::new());
            }
            levels[depth].insert(&path[..at]);
        }
    }
    levels.iter().try_for_each(|level| {
        level.par_iter().try_for_each(|folder| {
            let path = root.join(folder);
            fs::create_dir(&path).map_err(|e| format!("cannot create {}: {e}", path.display()))
        })
    })
}

/// `remove_dir_all`, with each folder's entries removed in parallel: the previous build of a
/// large site has tens of thousands of files in as many folders. Symbolic links are removed,
/// never followed.
fn remove_tree(folder: &Path) -> std::io::Result<()> {
    let entries = fs::read_dir(folder)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            remove_tree(&entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(folder)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::RelPath;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile::new(RelPath::new(path).unwrap(), text)
    }

    #[test]
    fn a_second_build_replaces_the_first_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&[file("a.html", "1"), file("old/x.html", "x")], &out).unwrap();
        write_site(&[file("a.html", "2")], &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "2");
        assert!(!out.join("old").exists());
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn a_folder_statusforge_did_not_make_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("precious.txt"), "keep me").unwrap();
        let error = write_site(&[file("a.html", "1")], &out).unwrap_err();
        assert!(error.contains("not made by statusforge"), "{error}");
        assert_eq!(fs::read_to_string(out.join("precious.txt")).unwrap(), "keep me");
    }

    #[test]
    fn a_build_killed_between_renames_is_recovered() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&[file("a.html", "1")], &out).unwrap();
        fs::rename(&out, dir.path().join(".public.statusforge-old")).unwrap();
        fs::create_dir_all(dir.path().join(".public.statusforge-new")).unwrap();
        fs::write(dir.path().join(".public.statusforge-new").join(MARKER), "").unwrap();
        write_site(&[file("a.html", "2")], &out).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "2");
    }

    #[test]
    fn output_inside_the_sources_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard { source: dir.path().to_path_buf() };
        assert!(guard.check(dir.path()).is_err());
        assert!(guard.check(&dir.path().join("content/public")).is_err());
        assert!(guard.check(dir.path().parent().unwrap()).is_err());
        assert!(guard.check(&dir.path().join("public")).is_ok());
    }
}
