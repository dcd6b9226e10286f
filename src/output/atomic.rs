//! Atomic output: the new site is written to a sibling folder, then swapped in by renames, so
//! a failed or killed build never leaves a half-written site. An existing output folder is
//! only replaced if it bears our marker; statusforge never deletes a folder it did not make.

use super::at;
use super::sink::OutputFile;
use super::sink::Sink;
use rayon::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

/// The file that marks a folder as statusforge's output.
pub const MARKER: &str = ".statusforge-output";

const MARKER_TEXT: &str = "This folder is written by statusforge build and replaced on every build.\n";

/// What a build wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files written.
    pub files: usize,
    /// Files ending `.html`.
    pub pages: usize,
    /// Bytes written.
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

/// The path the OS would reach: each existing part resolved (symbolic links, `..`), and past
/// the first part that does not exist, `..` and `.` taken as written, as creating the folders
/// would take them (`missing/../content` is `content`).
fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
    };
    let mut resolved = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                if let Ok(real) = resolved.canonicalize() {
                    resolved = real;
                }
            }
            root => resolved.push(root.as_os_str()),
        }
    }
    resolved
}

/// Writes `files` as the new content of `output`, replacing the previous build atomically.
pub fn write_site(files: &[OutputFile], output: &Path) -> Result<WriteSummary, String> {
    let written = write_site_with(output, |sink| {
        files.par_iter().for_each(|file| sink.put(file.clone()));
        Ok::<(), String>(())
    });
    match written {
        Ok(((), summary)) => Ok(summary),
        Err(WriteFailure::Produce(message) | WriteFailure::Io(message)) => Err(message),
    }
}

/// Why `write_site_with` left the output folder as it was.
#[derive(Debug)]
pub enum WriteFailure<E> {
    /// The producer's own error (a template mistake, say).
    Produce(E),
    /// The disk: the output folder is refused, or a file or folder could not be written.
    Io(String),
}

/// Calls `produce` with a sink that writes each file into a staging folder as it comes, then
/// swaps the staging folder in for `output` atomically. If `produce` fails or a file cannot be
/// written, the staging folder is removed and `output` is left untouched.
pub fn write_site_with<T, E>(
    output: &Path,
    produce: impl FnOnce(&dyn Sink) -> Result<T, E>,
) -> Result<(T, WriteSummary), WriteFailure<E>> {
    // `L/` and `L/.` name the link's target: look at the link itself, as the swap will.
    let bare: PathBuf = output.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect();
    let dangling = fs::symlink_metadata(&bare).is_ok_and(|m| m.file_type().is_symlink()) && !bare.exists();
    if dangling {
        return Err(io(format!(
            "{} is a symbolic link to a folder that does not exist; create the folder or choose another --output",
            output.display()
        )));
    }
    let output = absolute(output);
    let parent = output.parent().ok_or_else(|| io(format!("{} has no parent folder", output.display())))?.to_path_buf();
    let name = output.file_name().ok_or_else(|| io("the output folder has no name"))?.to_string_lossy().into_owned();
    let staging = parent.join(format!(".{name}.statusforge-new"));
    let backup = parent.join(format!(".{name}.statusforge-old"));
    fs::create_dir_all(&parent).map_err(|e| io(format!("cannot create {}: {e}", parent.display())))?;
    // Builds into one output take turns: they share the staging and backup folders. The lock
    // is the OS's (flock), so a build that is killed releases it.
    if is_mount_point(&output) {
        return Err(io(format!(
            "{} is a mount point: a build replaces its output folder by renaming, which a mount point cannot be; \
             build into a folder inside it (e.g. --output {}/site) and publish that",
            output.display(),
            output.display()
        )));
    }
    let _lock = lock(&parent.join(format!(".{name}.statusforge-lock"))).map_err(io)?;
    recover(&output, &backup).map_err(io)?;
    refuse_foreign(&output).map_err(io)?;
    remove_ours(&staging).map_err(io)?;
    remove_ours(&backup).map_err(io)?;
    let sink = Staging::create(&staging).map_err(io)?;
    let produced = produce(&sink);
    let written = sink.finish();
    let outcome = match produced {
        Err(error) => Err(WriteFailure::Produce(error)),
        Ok(value) => written.map(|summary| (value, summary)).map_err(WriteFailure::Io),
    };
    if outcome.is_err() {
        let _ = remove_ours(&staging);
    }
    let value = outcome?;
    if let Err(message) = swap_in(&staging, &output, &backup) {
        let _ = remove_ours(&staging);
        return Err(io(message));
    }
    Ok(value)
}

/// True when `path` is a folder on another file system than its parent, or (Linux) listed in
/// the mount table, as a bind mount of a folder of the same file system is: a mount point.
#[cfg(unix)]
fn is_mount_point(path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let parent = path.parent().unwrap_or(path);
    match (fs::metadata(path), fs::metadata(parent)) {
        (Ok(here), Ok(above)) => here.is_dir() && (here.dev() != above.dev() || in_mount_table(path)),
        _ => false,
    }
}

/// Whether `/proc/self/mountinfo` lists `path` as a mount point (Linux; false elsewhere).
#[cfg(unix)]
fn in_mount_table(path: &Path) -> bool {
    let Ok(real) = path.canonicalize() else { return false };
    let Ok(table) = fs::read_to_string("/proc/self/mountinfo") else { return false };
    // The fifth field is the mount point, with spaces and the like written as octal escapes.
    table.lines().filter_map(|line| line.split(' ').nth(4)).any(|point| Path::new(&unescape_octal(point)) == real)
}

#[cfg(unix)]
fn unescape_octal(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let digits = bytes.get(i + 1..i + 4).filter(|d| d.iter().all(|b| (b'0'..=b'7').contains(b)));
        match (bytes[i], digits) {
            (b'\\', Some(d)) => {
                out.push(d.iter().fold(0u8, |n, b| n.wrapping_mul(8).wrapping_add(b - b'0')));
                i += 4;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(not(unix))]
fn is_mount_point(_path: &Path) -> bool {
    false
}

/// An exclusive lock on `path` (created if need be), waiting for another build to finish.
fn lock(path: &Path) -> Result<fs::File, String> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| format!("cannot create the build lock {}: {e}", path.display()))?;
    if file.try_lock().is_err() {
        eprintln!("waiting for another build into the same output folder to finish...");
        file.lock().map_err(|e| format!("cannot lock {}: {e}", path.display()))?;
    }
    Ok(file)
}

fn io<E>(message: impl Into<String>) -> WriteFailure<E> {
    WriteFailure::Io(message.into())
}

/// Puts the finished staging folder in place of `output`.
fn swap_in(staging: &Path, output: &Path, backup: &Path) -> Result<(), String> {
    // One atomic exchange where the OS has it: the output folder exists at every instant.
    if output.exists() && exchange(staging, output).is_ok() {
        return remove_ours(staging);
    }
    if output.exists() {
        fs::rename(output, backup).map_err(|e| format!("cannot move the previous output aside: {e}"))?;
    }
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(backup, output);
        return Err(format!("cannot move the new output into place: {e}"));
    }
    remove_ours(backup)
}

/// The staging folder as a sink: each file is written as it arrives, its folder made first.
/// The first failure is kept (and later files skipped) for `finish` to report.
struct Staging {
    root: at::Folder,
    files: AtomicUsize,
    pages: AtomicUsize,
    bytes: AtomicU64,
    failure: Mutex<Option<String>>,
}

impl Staging {
    fn create(root: &Path) -> Result<Staging, String> {
        fs::create_dir_all(root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
        // The marker goes first, so even a half-written staging folder is recognised as ours.
        fs::write(root.join(MARKER), MARKER_TEXT).map_err(|e| format!("cannot write the output marker: {e}"))?;
        Ok(Staging {
            root: at::Folder::open(root).map_err(|e| format!("cannot open {}: {e}", root.display()))?,
            files: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            failure: Mutex::new(None),
        })
    }

    fn write(&self, file: &OutputFile) -> Result<(), String> {
        // `create_file` refuses an existing file: two outputs at one path would be a bug,
        // never a silent overwrite.
        self.root
            .create_file(file.path.as_str(), &file.bytes)
            .map_err(|e| format!("cannot write {}: {e}", file.path.under(self.root.path()).display()))
    }

    fn finish(self) -> Result<WriteSummary, String> {
        match self.failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
            Some(message) => Err(message),
            None => Ok(WriteSummary {
                files: self.files.into_inner(),
                pages: self.pages.into_inner(),
                bytes: self.bytes.into_inner(),
            }),
        }
    }
}

impl Sink for Staging {
    fn put(&self, file: OutputFile) {
        if self.failure.lock().unwrap_or_else(|e| e.into_inner()).is_some() {
            return;
        }
        match self.write(&file) {
            Ok(()) => {
                self.files.fetch_add(1, Ordering::Relaxed);
                self.bytes.fetch_add(file.bytes.len() as u64, Ordering::Relaxed);
                if file.path.as_str().ends_with(".html") {
                    self.pages.fetch_add(1, Ordering::Relaxed);
                }
            }
            Err(message) => {
                self.failure.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert(message);
            }
        }
    }
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
    // The marker goes last: a removal cut short (a killed build) leaves a folder that is still
    // recognised as ours, and removed by the next build.
    let removed = at::remove_contents(folder, Some(MARKER))
        .and_then(|()| fs::remove_file(folder.join(MARKER)).or_else(ignore_missing))
        .and_then(|()| fs::remove_dir(folder));
    removed.map_err(|e| format!("cannot remove {}: {e}", folder.display()))
}

fn ignore_missing(error: std::io::Error) -> std::io::Result<()> {
    if error.kind() == std::io::ErrorKind::NotFound {
        Ok(())
    } else {
        Err(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::RelPath;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile::new(RelPath::new(path).unwrap(), text)
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_mount_point_is_refused_before_anything_is_written() {
        assert!(is_mount_point(Path::new("/proc")));
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_mount_point(dir.path()));
        let result = write_site(&[], Path::new("/proc"));
        assert!(result.is_err_and(|e| e.contains("is a mount point")));
        assert!(!Path::new("/.proc.statusforge-new").exists());
    }

    #[cfg(unix)]
    #[test]
    fn mount_table_paths_are_unescaped() {
        assert_eq!(unescape_octal("/srv/my\\040site"), "/srv/my site");
        assert_eq!(unescape_octal("/a\\134b"), "/a\\b");
        assert_eq!(unescape_octal("/plain\\04"), "/plain\\04");
    }

    /// No staging or previous-output folder beside `public`; the empty lock file stays.
    fn assert_only_the_output_is_left(parent: &Path) {
        let mut left: Vec<_> = fs::read_dir(parent).unwrap().map(|e| e.unwrap().file_name()).collect();
        left.sort();
        let expected: Vec<std::ffi::OsString> = vec![".public.statusforge-lock".into(), "public".into()];
        assert_eq!(left, expected);
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
        assert_only_the_output_is_left(dir.path());
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
    fn a_file_that_cannot_be_written_fails_the_build_and_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&[file("a.html", "1")], &out).unwrap();
        // Two files at one path: the second cannot be created, and nothing is swapped in.
        let failed = write_site_with(&out, |sink| {
            sink.put(file("b.html", "new"));
            sink.put(file("x/c.html", "first"));
            sink.put(file("x/c.html", "second"));
            Ok::<(), String>(())
        });
        match failed {
            Err(WriteFailure::Io(message)) => assert!(message.contains("x/c.html"), "{message}"),
            other => panic!("expected a write failure, got {other:?}"),
        }
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
        assert!(!out.join("b.html").exists());
        assert_only_the_output_is_left(dir.path());
    }

    #[test]
    fn a_producer_error_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&[file("a.html", "1")], &out).unwrap();
        let failed = write_site_with(&out, |sink| {
            sink.put(file("a.html", "half a site"));
            Err::<(), _>("a template broke")
        });
        assert!(matches!(failed, Err(WriteFailure::Produce("a template broke"))));
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "1");
        assert_only_the_output_is_left(dir.path());
    }

    #[test]
    fn output_inside_the_sources_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let guard = OutputGuard { source: dir.path().to_path_buf() };
        assert!(guard.check(dir.path()).is_err());
        assert!(guard.check(&dir.path().join("content/public")).is_err());
        assert!(guard.check(dir.path().parent().unwrap()).is_err());
        assert!(guard.check(&dir.path().join("public")).is_ok());
        // `..` after a folder that does not exist yet is taken as creating the folders takes it.
        fs::create_dir(dir.path().join("content")).unwrap();
        assert!(guard.check(&dir.path().join("missing/../content/public")).is_err());
        assert!(guard.check(&dir.path().join("missing/./../themes/x")).is_err());
        assert!(guard.check(&dir.path().join("missing/../public")).is_ok());
    }
}
