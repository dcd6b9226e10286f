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

/// `30m`, `2h`, `90s`, `1d` (or a combination such as `1h30m`).
pub(crate) fn parse_duration(text: &str) -> Result<chrono::Duration, String> {
    let bad = || format!("`{text}` is not a duration such as 30m, 2h, 1h30m or 1d");
    // Seconds, checked: a duration longer than a century is a mistake, not an overflow.
    const MAX_SECONDS: i64 = 100 * 366 * 24 * 3600;
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: i64 = number.parse().map_err(|_| bad())?;
        number.clear();
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(bad()),
        };
        total = n.checked_mul(unit).and_then(|s| total.checked_add(s)).filter(|&s| s <= MAX_SECONDS).ok_or_else(bad)?;
    }
    if !number.is_empty() || total <= 0 {
        return Err(bad());
    }
    Ok(chrono::Duration::seconds(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_units_and_combinations() {
        assert_eq!(parse_duration("30m"), Ok(chrono::Duration::minutes(30)));
        assert_eq!(parse_duration("1h30m"), Ok(chrono::Duration::minutes(90)));
        assert_eq!(parse_duration("2d"), Ok(chrono::Duration::days(2)));
        for bad in ["", "30", "m", "5x", "0m", "-5m", "99999999999999d", "106751991167d106751991167d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
