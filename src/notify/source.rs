//! Reading a build's files for `notify`: from an output folder, or over HTTP from the live site.

use crate::contract::changes::{self, Changes};
use crate::contract::published::{self, Published};
use std::path::Path;

/// The published file of `location` (a folder or an http(s) base URL); Ok(None) when there is
/// none yet: a first publish, or a live site built before notify existed.
pub(crate) fn load(location: &str) -> Result<Option<Published>, String> {
    let Some((bytes, name)) = read(location, published::PATH)? else { return Ok(None) };
    published::read(&bytes).map(Some).map_err(|e| format!("{name} is not a published file we can read: {e}"))
}

/// The component changes file of `location`; Ok(None) for a build made before it existed.
pub(crate) fn load_changes(location: &str) -> Result<Option<Changes>, String> {
    let Some((bytes, name)) = read(location, changes::PATH)? else { return Ok(None) };
    changes::read(&bytes).map(Some).map_err(|e| format!("{name} is not a changes file we can read: {e}"))
}

/// The bytes of `path` under `location`, and the name to report it by.
fn read(location: &str, path: &str) -> Result<Option<(Vec<u8>, String)>, String> {
    if location.starts_with("http://") || location.starts_with("https://") {
        let url = format!("{}/{path}", location.trim_end_matches('/'));
        return Ok(crate::live::fetch(&url)?.map(|bytes| (bytes, url)));
    }
    let file = Path::new(location).join(path);
    match read_file(&file) {
        Ok(bytes) => Ok(Some((bytes, file.display().to_string()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", file.display())),
    }
}

/// The most `notify` reads of one file: far above a published file of 100,000 incidents.
const MAX_FILE: u64 = 512 << 20;

/// Reads a regular file of at most `MAX_FILE` bytes. A FIFO or device (a mistyped `--state`,
/// a link to `/dev/zero`) is refused before it is opened, so it can neither hang the run nor
/// fill its memory.
pub(crate) fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read};
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(MAX_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(Error::new(ErrorKind::InvalidData, format!("larger than {} MiB", MAX_FILE >> 20)));
    }
    Ok(bytes)
}
