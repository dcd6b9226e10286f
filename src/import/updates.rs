//! What incidents and maintenance windows share on import: reading the API's times, titles
//! and updates into the order a file is written in, and the file a conversion plans.

use super::api::{AffectedComponent, IncidentUpdate};
use super::body;
use crate::model::Instant;
use chrono_tz::Tz;

/// One file to write: its stem (`2026-11-20-api-errors`) and its text.
pub(crate) struct Planned {
    pub stem: String,
    pub text: String,
}

/// One update as it will be written.
pub(crate) struct Prepared<'a> {
    pub at: Instant,
    /// As the API says it, e.g. `investigating`; the converter decides what it stands for.
    pub status: &'a str,
    pub body: String,
    pub affected: Option<&'a [AffectedComponent]>,
}

/// An API time (`2026-11-20T14:02:00.000-03:00`), if there is one that reads.
pub(crate) fn time(text: Option<&str>) -> Option<Instant> {
    let parsed = chrono::DateTime::parse_from_rfc3339(text?.trim()).ok()?;
    Some(parsed.with_timezone(&chrono::Utc))
}

/// A title or name on one line: control characters and line breaks become spaces.
pub(crate) fn one_line(text: &str, fallback: &str) -> String {
    let spaced: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let line = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        fallback.to_string()
    } else {
        line
    }
}

/// `updates` (newest first, as the API lists them) oldest first by time, each body made safe
/// to write. `what` names the incident or maintenance in warnings.
pub(crate) fn prepare<'a>(
    what: &str,
    updates: &'a [IncidentUpdate],
    zone: Tz,
    warnings: &mut Vec<String>,
) -> Vec<Prepared<'a>> {
    let mut prepared = Vec::new();
    for update in updates.iter().rev() {
        // `display_at` is when the page says it was posted, which an author may set back.
        let Some(at) = time(update.display_at.as_deref()).or_else(|| time(update.created_at.as_deref())) else {
            warnings.push(format!(
                "{what}: an update without a readable time (`display_at`, `created_at`) was left out: {:?}",
                excerpt(&update.body)
            ));
            continue;
        };
        if let Some(body) = safe_body(what, at, zone, &update.body, warnings) {
            prepared.push(Prepared {
                at,
                status: &update.status,
                body,
                affected: update.affected_components.as_deref(),
            });
        }
    }
    // Files list updates newest first and `check` refuses one older than the update below it.
    // Stable: updates posted at the same instant keep the API's order.
    prepared.sort_by_key(|u| u.at);
    prepared
}

/// `body` made safe to write (`body::safe`), with a warning for each change; None (and a
/// warning) when it cannot be.
pub(crate) fn safe_body(what: &str, at: Instant, zone: Tz, body: &str, warnings: &mut Vec<String>) -> Option<String> {
    let when = crate::author::local_time(at, zone);
    match body::safe(body) {
        Some(safe) => {
            warnings.extend(safe.changes.iter().map(|change| format!("{what}, update of {when}: {change}")));
            Some(safe.text)
        }
        None => {
            warnings.push(format!(
                "{what}, update of {when}: it leaves a code block or HTML block open that no closing line \
                 closes, so it would swallow the updates below it; left out"
            ));
            None
        }
    }
}

/// The start of a text, for a warning that names something without a time.
fn excerpt(text: &str) -> String {
    let line = one_line(text, "");
    match line.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_times_read_with_their_offset() {
        let t = time(Some("2026-11-20T14:02:00.000-03:00")).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-20T17:02:00+00:00");
        assert_eq!(time(Some("yesterday")), None);
        assert_eq!(time(None), None);
    }

    #[test]
    fn titles_are_one_line() {
        assert_eq!(one_line(" API\nerrors\t now ", "x"), "API errors now");
        assert_eq!(one_line("\u{7}", "Untitled"), "Untitled");
    }
}
