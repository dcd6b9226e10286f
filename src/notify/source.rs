//! Reading a build's published file: from an output folder, or over HTTP from the live site.

use crate::render::published::{self, Published};
use std::path::Path;
use std::time::Duration;

/// Larger than any realistic history (the example's 18 incidents take 140 KB).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The published file of `location` (a folder or an http(s) base URL); Ok(None) when there is
/// none yet: a first publish, or a live site built before notify existed.
pub fn load(location: &str) -> Result<Option<Published>, String> {
    let (bytes, name) = if location.starts_with("http://") || location.starts_with("https://") {
        let url = format!("{}/{}", location.trim_end_matches('/'), published::PATH);
        (fetch(&url)?, url)
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

/// GET; 404 and 410 mean "nothing published yet", any other failure is an error, since
/// guessing "nothing" there could resend the whole history.
fn fetch(url: &str) -> Result<Option<Vec<u8>>, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .build()
        .into();
    let response = agent.get(url).call().map_err(|e| format!("cannot fetch {url}: {e}"))?;
    match response.status().as_u16() {
        200 => {}
        404 | 410 => return Ok(None),
        other => return Err(format!("cannot fetch {url}: HTTP {other}")),
    }
    let bytes = response
        .into_body()
        .with_config()
        .limit(MAX_BYTES)
        .read_to_vec()
        .map_err(|e| format!("cannot read {url}: {e}"))?;
    Ok(Some(bytes))
}
