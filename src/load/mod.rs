//! Load stage: reads the site folder into memory and splits files into their parts, keeping
//! byte offsets so later stages can point at the user's text. Decides nothing about meaning.

pub(crate) mod cache;
pub(crate) mod components_line;
pub mod front_matter;
mod source;
pub mod updates;
pub(crate) mod walk;
pub mod yaml;

pub use cache::Changes;
pub(crate) use cache::FileCache;
pub use source::{relative_path, SourceFile, SourceSet};

use crate::diag::Diagnostic;
use cache::Stamp;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Files larger than this are refused: no real incident is a megabyte, a hostile one might be.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// Where the site settings live, relative to the site folder.
pub const SITE_FILE: &str = "content/site.yaml";
/// Where components and groups are declared.
pub const COMPONENTS_FILE: &str = "content/components.yaml";
/// The folder of incident files (subfolders allowed).
pub const INCIDENTS_DIR: &str = "content/incidents";
/// The folder of maintenance files (subfolders allowed).
pub const MAINTENANCE_DIR: &str = "content/maintenance";
/// The folder of notice files (subfolders allowed).
pub const NOTICES_DIR: &str = "content/notices";
/// The folder of incident and maintenance templates, for `new --template`.
pub const TEMPLATES_DIR: &str = "content/templates";

/// The folder of third-party snapshots (`<component id>.json`), written by `upstream fetch`.
pub const UPSTREAM_DIR: &str = "content/upstream";

/// Reads a site folder. Problems (missing, unreadable, not UTF-8, empty, too big) become
/// diagnostics and the file is left out, so one run reports all of them.
///
/// With a memo (`serve`), unchanged files are taken from it and it is left holding what this
/// load read; when the changes noted in it are known (`Changes::Paths`) and the previous load
/// was clean, only the changed paths are looked at on disk. Without one nothing is kept.
pub fn site(root: &Path, cache: Option<&mut FileCache>) -> (SourceSet, Vec<Diagnostic>) {
    let Some(cache) = cache else {
        let reader = Reader { root, real_root: real_root(root), previous: None, changed: None };
        let (set, diagnostics, _) = reader.site();
        return (set, diagnostics);
    };
    // As the cache names files (absolute, by their bytes): each file is looked up with one hash.
    let changes = cache.take_changes();
    let changed = match changes.known() {
        Some(paths) if cache.listing(INCIDENTS_DIR).is_some() => {
            Some(paths.iter().map(|p| root.join(p).into_os_string()).collect())
        }
        _ => None,
    };
    let reader = Reader { root, real_root: real_root(root), previous: Some(cache), changed };
    let (set, diagnostics, read) = reader.site();
    let listings = (diagnostics.is_empty() && read.plain).then_some(read.listings);
    cache.replace(read.files.into_iter(), listings);
    (set, diagnostics)
}

/// Reads files, through the cache of the previous load when there is one.
struct Reader<'a> {
    root: &'a Path,
    /// `root` with links resolved, once: every file read must lie under it.
    real_root: PathBuf,
    previous: Option<&'a FileCache>,
    /// The paths changed since the previous load (joined to the root), when a watcher told:
    /// files neither named nor under a folder named are taken from `previous` without looking
    /// at the disk.
    changed: Option<HashSet<OsString>>,
}

/// What a load leaves for the next one (only used when caching).
#[derive(Default)]
struct ReadLog {
    /// Absolute path, stamp and contents of every file read or kept.
    files: Vec<(PathBuf, Stamp, SourceFile)>,
    /// The Markdown files of each content folder.
    listings: HashMap<&'static str, Vec<PathBuf>>,
    /// No folder walk met a link.
    plain: bool,
}

/// One file: its contents if usable, and the stamp it was read at.
type Read = (Option<SourceFile>, Option<Stamp>);

impl Reader<'_> {
    fn site(&self) -> (SourceSet, Vec<Diagnostic>, ReadLog) {
        let root = self.root;
        let mut diagnostics = Vec::new();
        let mut log = ReadLog { plain: true, ..ReadLog::default() };
        let mut set = SourceSet { root: root.to_path_buf(), ..SourceSet::default() };
        let content = root.join("content");
        let inside = content.canonicalize().is_ok_and(|real| real.starts_with(&self.real_root));
        if content.is_dir() && !inside {
            diagnostics.push(Diagnostic::error(
                "link-outside-site",
                Path::new("content"),
                "`content/` is a link to a folder outside the site; statusforge reads only files inside it",
            ));
            return (set, diagnostics, log);
        }
        if !content.is_dir() {
            diagnostics.push(
                Diagnostic::error(
                    "missing-content",
                    Path::new("content"),
                    format!("no `content/` folder in {}", root.display()),
                )
                .help(
                    "run statusforge in the site folder, pass `--source DIR`, or create a site with `statusforge init`",
                ),
            );
            return (set, diagnostics, log);
        }
        set.site = self.read_required(SITE_FILE, &mut diagnostics, &mut log);
        set.components = self.read_required(COMPONENTS_FILE, &mut diagnostics, &mut log);
        set.incidents = self.read_markdown_dir(INCIDENTS_DIR, &mut diagnostics, &mut log);
        set.maintenances = self.read_markdown_dir(MAINTENANCE_DIR, &mut diagnostics, &mut log);
        set.notices = self.read_markdown_dir(NOTICES_DIR, &mut diagnostics, &mut log);
        set.templates = self.read_markdown_dir(TEMPLATES_DIR, &mut diagnostics, &mut log);
        set.upstream = self.read_snapshots(&mut diagnostics, &mut log);
        set.undecodable = undecodable(root, &mut diagnostics);
        (set, diagnostics, log)
    }

    fn read_required(
        &self,
        relative: &str,
        diagnostics: &mut Vec<Diagnostic>,
        log: &mut ReadLog,
    ) -> Option<SourceFile> {
        let path = self.root.join(relative);
        // A link's target may lie where no watch sees it change: a link is looked at (its
        // target's stamp) on every load, never taken on the watcher's word. One `lstat` each for
        // two files; a link among the Markdown files makes the walk say so (`ReadLog::plain`),
        // and then every file is looked at.
        if let Some(kept) = self.unchanged(&path).filter(|_| !path.is_symlink()) {
            return log.keep(&path, kept);
        }
        if !path.exists() {
            diagnostics.push(Diagnostic::error(
                "missing-file",
                Path::new(relative),
                format!("`{relative}` is missing"),
            ));
            return None;
        }
        let read = self.read(&path, diagnostics);
        log.keep(&path, read)
    }

    fn read_markdown_dir(
        &self,
        relative: &'static str,
        diagnostics: &mut Vec<Diagnostic>,
        log: &mut ReadLog,
    ) -> Vec<SourceFile> {
        let dir = self.root.join(relative);
        let known = self.changed.as_ref().and_then(|changed| {
            let previous = self.previous?.listing(relative)?;
            cache::apply_changes(self.root, relative, previous, changed)
        });
        let paths = match known {
            Some(paths) => paths,
            None if !dir.is_dir() => Vec::new(),
            None => {
                let listing = walk::markdown_files(self.root, &dir, diagnostics);
                log.plain &= listing.plain;
                listing.files
            }
        };
        // Reading is parallel (thousands of small files); results keep the walk's sorted order.
        let read: Vec<(Read, Vec<Diagnostic>)> = paths
            .par_iter()
            .map(|path| {
                let mut found = Vec::new();
                let read = self.unchanged(path).unwrap_or_else(|| self.read(path, &mut found));
                (read, found)
            })
            .collect();
        let mut files = Vec::with_capacity(read.len());
        for (path, (read, found)) in paths.iter().zip(read) {
            diagnostics.extend(found);
            files.extend(log.keep(path, read));
        }
        log.listings.insert(relative, paths);
        files
    }

    /// `content/upstream/*.json`, sorted: one flat folder of a few files, listed on every load.
    fn read_snapshots(&self, diagnostics: &mut Vec<Diagnostic>, log: &mut ReadLog) -> Vec<SourceFile> {
        let Ok(entries) = std::fs::read_dir(self.root.join(UPSTREAM_DIR)) else { return Vec::new() };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter(|p| p.file_name().is_some_and(|n| !walk::is_ignored_name(&n.to_string_lossy())))
            .collect();
        paths.sort();
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            // A link's target may change where no watch sees it: looked at on every load, as
            // `read_required` does for site.yaml and components.yaml.
            let kept = self.unchanged(&path).filter(|_| !path.is_symlink());
            let read = kept.unwrap_or_else(|| self.read(&path, diagnostics));
            files.extend(log.keep(&path, read));
        }
        files
    }

    /// A file the watcher did not report since the previous load, as that load read it. A
    /// folder reported covers every file under it: it may have been swapped for another of
    /// the same name (`mv new incidents`), whose files the watcher does not name one by one.
    fn unchanged(&self, path: &Path) -> Option<Read> {
        let changed = self.changed.as_ref()?;
        // Every path here is the root joined to more: its ancestors longer than the root are
        // the folders under the root that hold it, and the file itself.
        let root = self.root.as_os_str().len();
        let mut named = path.ancestors().take_while(|p| p.as_os_str().len() > root);
        if named.any(|p| changed.contains(p.as_os_str())) {
            return None;
        }
        let (stamp, file) = self.previous?.file(path)?;
        Some((Some(file.clone()), Some(stamp.clone())))
    }

    /// One file: from the cache if it is unchanged on disk, else read.
    fn read(&self, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Read {
        let Some(previous) = self.previous else {
            return (read_file(self.root, &self.real_root, path, diagnostics), None);
        };
        let stamp = std::fs::metadata(path).ok().map(|meta| Stamp::of(&meta));
        let cached = stamp.as_ref().and_then(|stamp| previous.get(path, stamp)).cloned();
        (cached.or_else(|| read_file(self.root, &self.real_root, path, diagnostics)), stamp)
    }
}

impl ReadLog {
    /// Remembers a file for the next load, and hands back its contents.
    fn keep(&mut self, path: &Path, (file, stamp): Read) -> Option<SourceFile> {
        if let (Some(file), Some(stamp)) = (&file, stamp) {
            self.files.push((path.to_path_buf(), stamp, file.clone()));
        }
        file
    }
}

/// Lossy copies of the files refused as not UTF-8, with their diagnostics pointed at the first
/// bad byte: the replacement character stands where it was, so line and column stay true.
fn undecodable(root: &Path, diagnostics: &mut [Diagnostic]) -> Vec<SourceFile> {
    let mut files = Vec::new();
    for diagnostic in diagnostics.iter_mut().filter(|d| d.kind == "not-utf8") {
        let Ok(bytes) = std::fs::read(root.join(&diagnostic.file)) else { continue };
        let Err(error) = std::str::from_utf8(&bytes) else { continue };
        let at = error.valid_up_to();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let end = text[at..].chars().next().map(|c| at + c.len_utf8()).unwrap_or(at);
        diagnostic.span = Some(crate::diag::Span::new(at, end));
        diagnostic.label = "not UTF-8".into();
        files.push(SourceFile { path: diagnostic.file.clone(), text: text.into() });
    }
    files
}

/// The one rule for every file statusforge reads, content and theme alike: a regular file
/// (not a FIFO, device or socket, which could block or never end) whose real path, links
/// resolved, is inside the site folder. The refusal quotes nothing of the file.
/// `real_root` is the site folder with its links resolved (`real_root`).
pub fn check_readable(real_root: &Path, path: &Path) -> Result<(), (&'static str, String)> {
    let meta = std::fs::metadata(path).map_err(|e| ("unreadable-file", format!("cannot read file: {e}")))?;
    if !meta.is_file() {
        return Err(("not-a-file", "not a regular file (a folder, FIFO, device or socket); it is not read".into()));
    }
    match path.canonicalize() {
        Ok(real) if real.starts_with(real_root) => Ok(()),
        Ok(_) => Err((
            "link-outside-site",
            "a link to a file outside the site folder; statusforge reads only files inside it".into(),
        )),
        Err(e) => Err(("unreadable-file", format!("cannot read file: {e}"))),
    }
}

/// The site folder with its links resolved, the prefix every file's real path must have.
pub fn real_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}

/// Reads one file, refusing what cannot be a real content file.
pub fn read_file(root: &Path, real_root: &Path, path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let relative = relative_path(root, path);
    let refuse = |kind: &'static str, message: String| Diagnostic::error(kind, &relative, message);
    if let Err((kind, message)) = check_readable(real_root, path) {
        diagnostics.push(refuse(kind, message));
        return None;
    }
    // One open, then the size from the open file: a path is looked up once.
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) => {
            diagnostics.push(refuse("unreadable-file", format!("cannot read file: {error}")));
            return None;
        }
    };
    let len = match file.metadata() {
        Ok(meta) if meta.len() > MAX_FILE_BYTES => {
            diagnostics.push(refuse(
                "file-too-large",
                format!("file is {} bytes; the limit is {} (1 MiB)", meta.len(), MAX_FILE_BYTES),
            ));
            return None;
        }
        Ok(meta) => meta.len() as usize,
        Err(error) => {
            diagnostics.push(refuse("unreadable-file", format!("cannot read file: {error}")));
            return None;
        }
    };
    // The size can change while reading: the limit applies to what is read too.
    let mut bytes = Vec::with_capacity(len + 1);
    if let Err(error) = std::io::Read::read_to_end(&mut std::io::Read::take(&mut file, MAX_FILE_BYTES + 1), &mut bytes)
    {
        diagnostics.push(refuse("unreadable-file", format!("cannot read file: {error}")));
        return None;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        diagnostics.push(refuse("file-too-large", format!("file is over the limit of {MAX_FILE_BYTES} bytes (1 MiB)")));
        return None;
    }
    match decode(bytes) {
        Ok(text) if text.trim().is_empty() => {
            diagnostics.push(refuse("empty-file", "file is empty".into()).help("delete it, or give it content"));
            None
        }
        Ok(text) => Some(SourceFile { path: relative, text: text.into() }),
        Err((valid_prefix, bad_offset)) => {
            let (line, column) = crate::diag::LineIndex::new(&valid_prefix).line_col(&valid_prefix, bad_offset);
            diagnostics.push(
                refuse("not-utf8", format!("file is not valid UTF-8 (first bad byte at line {line}, column {column})"))
                    .help("save the file as UTF-8"),
            );
            None
        }
    }
}

/// UTF-8 text without a byte-order mark, or the valid part and where decoding failed.
fn decode(bytes: Vec<u8>) -> Result<String, (String, usize)> {
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                // Keep offsets stable: a BOM becomes a space-free nothing by replacing it
                // in place would shift spans, so strip it and accept the 3-byte shift.
                text.drain(..3);
            }
            Ok(text)
        }
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let prefix = String::from_utf8_lossy(&bytes[..valid]).into_owned();
            Err((prefix, valid))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xef\xbb\xbfhi".to_vec()).unwrap(), "hi");
    }

    #[test]
    fn invalid_utf8_reports_where() {
        let (prefix, at) = decode(b"ok\nab\xff".to_vec()).unwrap_err();
        assert_eq!(prefix, "ok\nab");
        assert_eq!(at, 5);
    }
}
