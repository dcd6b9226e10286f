//! Reading a build's published file: from an output folder, or over HTTP from the live site.

use crate::render::published::{self, Published};
use std::path::Path;

/// The published file of `location` (a folder or an http(s) base URL); Ok(None) when there is
/// none yet: a first publish, or a live site built before notify existed.
pub fn load(location: &str) -> Result<Option<Published>, String> {
    let (bytes, name) = if location.starts_with("http://") || location.starts_with("https://") {
        let url = format!("{}/{}", location.trim_end_matches('/'), published::PATH);
        (crate::live::fetch(&url)?, url)
    } else {
        let path = Path::new(location).join(published::PATH);
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        };
        (bytes, path.display().to_string())
    };
    let Some(bytes) = bytes else { return Ok(None) };
    published::read(&bytes).map(Some).map_err(|e| format!("{name} is not a published file we can read: {e}"))
}
