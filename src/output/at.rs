//! Files and folders named relative to an open folder (`openat`, `mkdirat`, `unlinkat`) where
//! the OS has them. A build creates and removes tens of thousands of entries a few levels
//! below the output's parent; naming each from the root made the kernel walk every component
//! of every path again. Elsewhere the same operations go through `std::fs` with full paths.

use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// A folder that files are written into, by paths relative to it.
pub(super) struct Folder {
    path: PathBuf,
    #[cfg(target_os = "linux")]
    fd: rustix::fd::OwnedFd,
}

impl Folder {
    pub(super) fn open(path: &Path) -> io::Result<Folder> {
        Ok(Folder {
            path: path.to_path_buf(),
            #[cfg(target_os = "linux")]
            fd: open_folder(rustix::fs::CWD, path)?,
        })
    }

    /// Creates `relative` (a `/`-separated path below the folder) with `bytes`, and the
    /// folders it needs. An existing file is an error, never overwritten.
    pub(super) fn create_file(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        if let Some((parent, _)) = relative.rsplit_once('/') {
            self.create_folders(parent)?;
        }
        self.write_new(relative, bytes)
    }

    #[cfg(target_os = "linux")]
    fn create_folders(&self, relative: &str) -> io::Result<()> {
        use rustix::fs::{mkdirat, Mode};
        match mkdirat(&self.fd, relative, Mode::from_raw_mode(0o777)) {
            Ok(()) => Ok(()),
            Err(rustix::io::Errno::EXIST) => Ok(()),
            Err(rustix::io::Errno::NOENT) => {
                let (parent, _) = relative.rsplit_once('/').ok_or(io::ErrorKind::NotFound)?;
                self.create_folders(parent)?;
                match mkdirat(&self.fd, relative, Mode::from_raw_mode(0o777)) {
                    Ok(()) | Err(rustix::io::Errno::EXIST) => Ok(()),
                    Err(error) => Err(error.into()),
                }
            }
            Err(error) => Err(error.into()),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn create_folders(&self, relative: &str) -> io::Result<()> {
        std::fs::create_dir_all(self.path.join(relative))
    }

    #[cfg(target_os = "linux")]
    fn write_new(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        use rustix::fs::{openat, Mode, OFlags};
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::CLOEXEC;
        let fd = openat(&self.fd, relative, flags, Mode::from_raw_mode(0o666))?;
        std::io::Write::write_all(&mut std::fs::File::from(fd), bytes)
    }

    #[cfg(not(target_os = "linux"))]
    fn write_new(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(self.path.join(relative))?;
        std::io::Write::write_all(&mut file, bytes)
    }

    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

/// Removes everything in `folder` but the entry named `keep`, each folder's entries in
/// parallel (a large site has a folder per incident). Links are removed, never followed.
pub(super) fn remove_contents(folder: &Path, keep: Option<&str>) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        let fd = open_folder(rustix::fs::CWD, folder)?;
        remove_contents_at(&fd, keep)
    }
    #[cfg(not(target_os = "linux"))]
    {
        let mut entries = std::fs::read_dir(folder)?.collect::<io::Result<Vec<_>>>()?;
        entries.retain(|entry| keep.is_none_or(|keep| entry.file_name() != keep));
        entries.par_iter().try_for_each(|entry| {
            if entry.file_type()?.is_dir() {
                remove_contents(&entry.path(), None)?;
                std::fs::remove_dir(entry.path())
            } else {
                std::fs::remove_file(entry.path())
            }
        })
    }
}

#[cfg(target_os = "linux")]
fn open_folder(at: impl rustix::fd::AsFd, path: impl rustix::path::Arg) -> io::Result<rustix::fd::OwnedFd> {
    use rustix::fs::{openat, Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    Ok(openat(at, path, flags, Mode::empty())?)
}

#[cfg(target_os = "linux")]
fn remove_contents_at(folder: &rustix::fd::OwnedFd, keep: Option<&str>) -> io::Result<()> {
    use rustix::fs::{unlinkat, AtFlags, Dir, FileType};
    let mut entries = Vec::new();
    // Reads through a duplicate: `Dir` owns the descriptor it reads.
    let mut dir = Dir::new(rustix::io::dup(folder)?)?;
    while let Some(entry) = dir.read() {
        let entry = entry?;
        let name = entry.file_name();
        if name == c"." || name == c".." || keep.is_some_and(|keep| name.to_bytes() == keep.as_bytes()) {
            continue;
        }
        entries.push((name.to_owned(), entry.file_type()));
    }
    entries.par_iter().try_for_each(|(name, kind)| {
        let is_folder = match kind {
            FileType::Directory => true,
            FileType::Unknown => rustix::fs::statat(folder, name.as_c_str(), AtFlags::SYMLINK_NOFOLLOW)
                .map(|stat| FileType::from_raw_mode(stat.st_mode) == FileType::Directory)?,
            _ => false,
        };
        if is_folder {
            let inner = open_folder(folder, name.as_c_str())?;
            remove_contents_at(&inner, None)?;
            unlinkat(folder, name.as_c_str(), AtFlags::REMOVEDIR)?;
        } else {
            unlinkat(folder, name.as_c_str(), AtFlags::empty())?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn files_are_created_with_their_folders_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let folder = Folder::open(dir.path()).unwrap();
        folder.create_file("a/b/c.html", b"deep").unwrap();
        folder.create_file("a/d.html", b"beside").unwrap();
        assert_eq!(fs::read(dir.path().join("a/b/c.html")).unwrap(), b"deep");
        assert_eq!(fs::read(dir.path().join("a/d.html")).unwrap(), b"beside");
        let again = folder.create_file("a/d.html", b"other").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read(dir.path().join("a/d.html")).unwrap(), b"beside");
    }

    #[cfg(unix)]
    #[test]
    fn removal_keeps_the_named_entry_and_never_follows_links() {
        let dir = tempfile::tempdir().unwrap();
        let outside = dir.path().join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("precious.txt"), "keep").unwrap();
        let site = dir.path().join("site");
        fs::create_dir_all(site.join("incidents/x")).unwrap();
        fs::write(site.join("incidents/x/index.html"), "page").unwrap();
        fs::write(site.join(".marker"), "ours").unwrap();
        std::os::unix::fs::symlink(&outside, site.join("link")).unwrap();
        remove_contents(&site, Some(".marker")).unwrap();
        let left: Vec<_> = fs::read_dir(&site).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from(".marker")]);
        assert_eq!(fs::read_to_string(outside.join("precious.txt")).unwrap(), "keep");
    }
}
