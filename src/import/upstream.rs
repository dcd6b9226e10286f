//! `statusforge upstream fetch`: reads each third-party component's vendor `summary.json` and
//! stores what the page shows of it in `content/upstream/<id>.json`, so builds read a file in
//! the repository, never the network, and stay deterministic at any clock. A vendor that
//! cannot be read keeps its previous snapshot (and `check` says how old it is).

use super::api::{Incident, SummaryDocument};
use crate::load::UPSTREAM_DIR;
use crate::model::{ComponentStatus, Instant, Upstream};
use crate::validate::upstream::snapshot::{is_web_address, IncidentFile, PageFile, SnapshotFile, SourceEntry};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A snapshot lists at most this many of the vendor's open incidents: the page links the rest.
const MAX_INCIDENTS: usize = 10;
/// Names longer than this are cut: with ten incidents a snapshot stays a few KB, far below the
/// loader's limit, whatever the vendor sends (a snapshot the build refused would stop it).
const MAX_NAME: usize = 250;
/// Addresses longer than this are dropped rather than cut (a cut address leads elsewhere).
const MAX_URL: usize = 2000;

/// What a fetch wrote, and what it could not.
#[derive(Debug, Default)]
pub(crate) struct Fetched {
    /// Full paths of the snapshots written.
    pub written: Vec<PathBuf>,
    /// One line per component whose snapshot was left as it was, saying why.
    pub failed: Vec<String>,
}

/// Fetches every vendor page once and writes one snapshot per third-party component.
pub(crate) fn fetch(root: &Path, upstream: &[Upstream], now: Instant) -> Fetched {
    let mut pages: BTreeMap<&str, Result<SummaryDocument, String>> = BTreeMap::new();
    let mut fetched = Fetched::default();
    for component in upstream {
        let url = component.source.summary_url.as_str();
        let summary = pages.entry(url).or_insert_with(|| read_summary(url));
        let snapshot = summary.as_ref().map_err(Clone::clone).and_then(|s| snapshot_of(component, s, now));
        let written = snapshot.and_then(|file| write(root, &component.id, &file));
        match written {
            Ok(path) => fetched.written.push(path),
            Err(why) => fetched.failed.push(format!("`{}`: {why}", component.id)),
        }
    }
    fetched
}

fn read_summary(url: &str) -> Result<SummaryDocument, String> {
    super::fetch::get::<SummaryDocument>(url)?
        .ok_or_else(|| format!("{url} does not exist (HTTP 404): is the `upstream: url` a Statuspage-compatible page?"))
}

/// The snapshot file of one component from its vendor's summary.
fn snapshot_of(component: &Upstream, summary: &SummaryDocument, now: Instant) -> Result<SnapshotFile, String> {
    let url = &component.source.summary_url;
    let (status, incidents): (ComponentStatus, Vec<&Incident>) = match &component.source.component {
        None => (page_status(&summary.status.indicator)?, summary.incidents.iter().collect()),
        Some(wanted) => {
            let found = summary
                .components
                .iter()
                .filter(|c| !c.group)
                .find(|c| &c.id == wanted)
                .or_else(|| summary.components.iter().filter(|c| !c.group).find(|c| &c.name == wanted))
                .ok_or_else(|| unknown_component(wanted, url, summary))?;
            let status = ComponentStatus::parse(&found.status)
                .ok_or_else(|| format!("{url}: component `{wanted}` has an unknown status `{}`", found.status))?;
            let concerning = summary.incidents.iter().filter(|i| i.components.iter().any(|c| c.id == found.id));
            (status, concerning.collect())
        }
    };
    Ok(SnapshotFile {
        source: SourceEntry { url: url.clone(), component: component.source.component.clone() },
        fetched_at: now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        page: PageFile {
            name: Some(plain(&summary.page.name)).filter(|n| !n.is_empty()).unwrap_or_else(|| host(url)),
            url: link(&summary.page.url),
        },
        status: status.keyword(),
        incidents: incidents
            .into_iter()
            .map(|i| IncidentFile { name: plain(&i.name), url: link(&i.shortlink) })
            .filter(|i| !i.name.is_empty())
            .take(MAX_INCIDENTS)
            .collect(),
    })
}

/// The page-wide indicator in component terms, as the hosted product words them.
fn page_status(indicator: &str) -> Result<ComponentStatus, String> {
    Ok(match indicator {
        "none" => ComponentStatus::Operational,
        "minor" => ComponentStatus::DegradedPerformance,
        "major" => ComponentStatus::PartialOutage,
        "critical" => ComponentStatus::MajorOutage,
        "maintenance" => ComponentStatus::UnderMaintenance,
        other => {
            return Err(format!(
                "the page's `status.indicator` is `{other}`, not none/minor/major/critical/maintenance"
            ))
        }
    })
}

fn unknown_component(wanted: &str, url: &str, summary: &SummaryDocument) -> String {
    let known: Vec<String> =
        summary.components.iter().filter(|c| !c.group).map(|c| format!("`{}` ({})", c.id, c.name)).collect();
    let known = if known.is_empty() { "it lists none".to_string() } else { format!("it lists {}", known.join(", ")) };
    format!("{url} has no component with id or name `{wanted}`; {known}")
}

/// A vendor's text as one line of plain text: no control or direction-override characters
/// (they would hide or reorder what the page says around it), cut at `MAX_NAME` characters.
fn plain(text: &str) -> String {
    let kept: String =
        text.chars().filter(|&c| !crate::validate::forbidden_character(c) && !is_bidi_control(c)).collect();
    let words = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    match words.char_indices().nth(MAX_NAME) {
        Some((at, _)) => format!("{}…", words[..at].trim_end()),
        None => words,
    }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A vendor's link, kept only when it is a plain http(s) address of sensible length.
fn link(url: &str) -> Option<String> {
    Some(url.trim().to_string()).filter(|u| u.len() <= MAX_URL && is_web_address(u))
}

fn host(url: &str) -> String {
    url::Url::parse(url).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_else(|| url.to_string())
}

/// Writes `content/upstream/<id>.json` in place of the previous one, whole or not at all.
fn write(root: &Path, id: &str, file: &SnapshotFile) -> Result<PathBuf, String> {
    let dir = root.join(UPSTREAM_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let path = dir.join(format!("{id}.json"));
    let mut text = serde_json::to_string_pretty(file).map_err(|e| e.to_string())?;
    text.push('\n');
    crate::output::replace_file(&path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}
