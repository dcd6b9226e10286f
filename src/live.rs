//! Reading the live site over HTTP: the file `notify` can start from, and the generation time
//! that `check --live` compares with a maximum age.

use crate::model::Instant;
use std::time::Duration;

/// Larger than any realistic history (the example's 18 incidents take 140 KB).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// GET `url`; Ok(None) for 404 and 410 ("nothing there yet"). Any other failure is an error,
/// since guessing "nothing" there could resend a whole history or hide a dead site.
pub(crate) fn fetch(url: &str) -> Result<Option<Vec<u8>>, String> {
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

/// When the site at `base_url` was generated: `generated_at` of its `status.json`.
pub(crate) fn generated_at(base_url: &str) -> Result<Instant, String> {
    // A page's address (`.../index.html`) stands for its folder.
    let base = match base_url.rsplit_once('/') {
        Some((folder, page)) if page.ends_with(".html") => folder,
        _ => base_url.trim_end_matches('/'),
    };
    let url = format!("{base}/status.json");
    let bytes = fetch(&url)?.ok_or_else(|| format!("{url} does not exist: is this a statusforge site?"))?;
    let document: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| format!("{url} is not JSON: {e}"))?;
    let text =
        document.get("generated_at").and_then(|v| v.as_str()).ok_or_else(|| format!("{url} has no `generated_at`"))?;
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|e| format!("{url}: `generated_at` {text:?} is not an RFC 3339 time: {e}"))
}
