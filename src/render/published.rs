//! `api/statusforge/published.json`: every published incident and maintenance update and
//! every component's status, so `statusforge notify` can tell what a new build adds to the
//! live one. Built from the API v2 objects; decides nothing.
//!
//! The file (version 2) lists each incident and maintenance once as an `Entry` with its updates'
//! statuses and times, oldest first; their ids are the API's (`api_v2::update_id` of the slug
//! and position), so the file does not repeat them. Bodies are in the API objects of recent
//! incidents (`DETAIL_DAYS`). `read` turns either version into `Published`, one flat list of
//! updates, which is what `notify` works on.

use super::api_v2::{self, component_id};
use super::by_allocation::ByAllocation;
use super::{time, urls, Input};
use crate::model::Incident;
use crate::model::Instant;
use crate::output::{OutputFile, RelPath};
use chrono_tz::Tz;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Where the file is written, relative to the site root.
pub const PATH: &str = "api/statusforge/published.json";

/// Bumped when a field changes meaning; `notify` reads this version and the one before.
pub const VERSION: u32 = 2;

/// What `notify` reads from a published file, whichever version it was written in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Published {
    /// The format version the file was written in.
    pub version: u32,
    /// The API v2 `page` and `status` objects.
    pub page: Value,
    /// The API v2 `status` object (indicator and description).
    pub status: Value,
    /// Oldest first (then by incident and update id), so the newest is last.
    pub updates: Vec<PublishedUpdate>,
    /// Components (not groups) in display order.
    pub components: Vec<PublishedComponent>,
    /// API v2 incident objects (maintenances carry `scheduled_for`), each with its updates.
    pub incidents: Vec<Value>,
}

/// One published incident or maintenance update, as `notify` sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedUpdate {
    /// The API's `incident_update.id`: stable while updates are added on top.
    pub id: String,
    /// `incident` or `maintenance`.
    pub kind: String,
    /// The API id of its incident or maintenance.
    pub incident_id: String,
    /// The slug of its incident or maintenance.
    pub slug: String,
    /// The title of its incident or maintenance.
    pub title: String,
    /// As in the API: an incident or maintenance status keyword.
    pub status: String,
    /// RFC 3339 UTC, for ordering; `created_at` is the API's form in the site zone.
    pub at: String,
    /// The API's `created_at`, in the site zone.
    pub created_at: String,
    /// Markdown source; empty for updates of incidents older than `DETAIL_DAYS`.
    pub body: String,
    /// The absolute URL of its incident or maintenance page.
    pub shortlink: String,
    /// Ids (components.yaml) of the components it affects.
    pub components: Vec<String>,
}

/// One component and its status in a published build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishedComponent {
    /// The components.yaml id; `api.id` is the API's id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its status keyword.
    pub status: String,
    /// The API v2 component object.
    pub api: Value,
}

/// The file as written (version 2).
#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    /// Absolute, ending in `/`: the shortlinks of old incidents are made from it.
    base_url: String,
    page: Value,
    status: Value,
    components: Vec<PublishedComponent>,
    incidents: Vec<Value>,
    /// Last, so the entries (serialized one by one, and cached by `serve`) can be appended.
    entries: Vec<Entry>,
}

/// One incident or maintenance and its updates, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    /// `incident` or `maintenance`.
    kind: String,
    slug: String,
    title: String,
    components: Vec<String>,
    /// `(status, RFC 3339 UTC time)` of each update, oldest first.
    updates: Vec<(String, String)>,
}

/// Bodies and full incident objects are kept only for incidents touched in this many days.
pub use crate::compute::DETAIL_DAYS;

/// Serialized entries of the previous rebuild: an incident whose allocation is unchanged (its
/// file was not edited, so the check cache shared it) keeps its entry. Maintenances are few
/// and serialized every time.
#[derive(Debug, Default)]
pub struct Cache {
    incidents: ByAllocation<Incident, Arc<str>>,
}

/// The file as written: `File` with the API objects as they are built, not as JSON values.
#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    base_url: &'a str,
    page: &'a api_v2::types::Page,
    status: &'a api_v2::types::Status,
    components: Vec<ComponentOut<'a>>,
    incidents: Vec<api_v2::types::Incident>,
    entries: [(); 0],
}

#[derive(Serialize)]
struct ComponentOut<'a> {
    id: &'a str,
    name: &'a str,
    status: &'static str,
    api: &'a api_v2::types::Component,
}

/// `render`, taking the serialized entries of unchanged incidents from `cache`.
/// The API objects are the ones `api/v2/` is written from, built once.
pub fn render_cached(objects: &api_v2::Objects<'_>, cache: Option<&mut Cache>) -> Vec<OutputFile> {
    let input = objects.input;
    let snapshot = input.snapshot;
    let previous = cache.as_deref();
    let incidents: Vec<Arc<str>> = snapshot
        .incidents
        .par_iter()
        .map(|state| {
            let i = &state.incident;
            if let Some(json) = previous.and_then(|p| p.incidents.get(i)) {
                return json.clone();
            }
            let components = state.touched().iter().map(|c| c.id.as_str());
            let updates = i.updates.iter().rev().map(|u| (u.status.keyword(), u.at));
            entry_json("incident", &i.slug, &i.title, components, updates).into()
        })
        .collect();
    let maintenances: Vec<String> = snapshot
        .maintenances
        .iter()
        .map(|state| {
            let m = &state.maintenance;
            let components = m.components.iter().map(String::as_str);
            let updates = m.updates.iter().rev().map(|u| (api_v2::api_update_status(u.status), u.at));
            entry_json("maintenance", &m.slug, &m.title, components, updates)
        })
        .collect();
    let mut header = serde_json::to_vec(&header(input, objects)).unwrap_or_default();
    // The header ends `"entries":[]}`: the entries go between the brackets.
    header.truncate(header.len().saturating_sub(2));
    let entries = incidents.iter().map(|json| json.as_bytes()).chain(maintenances.iter().map(String::as_bytes));
    let size = header.len() + entries.clone().map(|json| json.len() + 1).sum::<usize>() + 3;
    let mut bytes = Vec::with_capacity(size);
    bytes.extend_from_slice(&header);
    for (n, json) in entries.enumerate() {
        if n > 0 {
            bytes.push(b',');
        }
        bytes.extend_from_slice(json);
    }
    bytes.extend_from_slice(b"]}\n");
    if let Some(cache) = cache {
        cache.incidents = snapshot.incidents.iter().map(|s| s.incident.clone()).zip(incidents).collect();
    }
    RelPath::new(PATH).ok().map(|path| OutputFile::new(path, bytes)).into_iter().collect()
}

/// One entry as JSON.
fn entry_json<'a>(
    kind: &'static str,
    slug: &str,
    title: &str,
    components: impl Iterator<Item = &'a str>,
    updates: impl Iterator<Item = (&'static str, Instant)>,
) -> String {
    let entry = Entry {
        kind: kind.to_string(),
        slug: slug.to_string(),
        title: title.to_string(),
        components: components.map(str::to_string).collect(),
        updates: updates.map(|(status, at)| (status.to_string(), time::rfc3339(at))).collect(),
    };
    serde_json::to_string(&entry).unwrap_or_default()
}

/// Everything but the entries: the page, status and components, and the API objects (with
/// bodies) of recent and open incidents and maintenances.
fn header<'a>(input: &'a Input<'_>, objects: &'a api_v2::Objects<'_>) -> FileOut<'a> {
    let snapshot = input.snapshot;
    let since = snapshot.now - chrono::Duration::days(DETAIL_DAYS);
    let recent_incidents = snapshot
        .incidents
        .iter()
        .filter(|state| state.is_active() || state.updated_at() >= since)
        .map(|state| objects.incident(state));
    let recent_maintenances = snapshot
        .maintenances
        .iter()
        .filter(|s| s.phase.is_active() || s.updated_at() >= since || s.maintenance.window.end >= since)
        .map(|state| objects.maintenance(state));
    let components = snapshot
        .components
        .iter()
        .filter_map(|state| {
            let api = objects.components.list.iter().find(|c| c.id == component_id(&state.component.id))?;
            Some(ComponentOut {
                id: &state.component.id,
                name: &state.component.name,
                status: state.status.keyword(),
                api,
            })
        })
        .collect();
    FileOut {
        version: VERSION,
        base_url: &input.base_url,
        page: &objects.page,
        status: &objects.status,
        components,
        entries: [],
        incidents: recent_incidents.chain(recent_maintenances).collect(),
    }
}

/// A published file of version 1 or 2, as one flat list of updates.
pub fn read(bytes: &[u8]) -> Result<Published, String> {
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    let version: Version = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    match version.version {
        1 => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
        2 => serde_json::from_slice::<File>(bytes).map(flatten).map_err(|e| e.to_string()),
        other => Err(format!("it has version {other}; this statusforge reads versions 1 and {VERSION}")),
    }
}

/// Version 2 as the flat list version 1 held: ids, shortlinks and the API's `created_at`
/// rebuilt as the renderer made them; bodies from the API objects where the file has them.
fn flatten(file: File) -> Published {
    let objects: HashMap<&str, &Value> =
        file.incidents.iter().filter_map(|i| Some((i.get("id")?.as_str()?, i))).collect();
    let zone: Tz = file.page.get("time_zone").and_then(Value::as_str).and_then(|z| z.parse().ok()).unwrap_or(Tz::UTC);
    let mut updates = Vec::new();
    for entry in &file.entries {
        let (incident_id, path) = match entry.kind.as_str() {
            "maintenance" => (api_v2::maintenance_id(&entry.slug), urls::maintenance(&entry.slug)),
            _ => (api_v2::incident_id(&entry.slug), urls::incident(&entry.slug)),
        };
        let object = objects.get(incident_id.as_str());
        let details: HashMap<&str, &Value> = object
            .and_then(|o| o.get("incident_updates")?.as_array())
            .into_iter()
            .flatten()
            .filter_map(|u| Some((u.get("id")?.as_str()?, u)))
            .collect();
        let shortlink = object
            .and_then(|o| o.get("shortlink")?.as_str())
            .map_or_else(|| format!("{}{path}", file.base_url), str::to_string);
        for (n, (status, at)) in entry.updates.iter().enumerate() {
            let id = api_v2::update_id(&entry.slug, n + 1);
            let detail = details.get(id.as_str());
            let text = |field: &str| detail.and_then(|d| d.get(field)?.as_str()).map(str::to_string);
            let created_at = text("created_at").unwrap_or_else(|| api_time(at, zone));
            updates.push(PublishedUpdate {
                body: text("body").unwrap_or_default(),
                id,
                kind: entry.kind.clone(),
                incident_id: incident_id.clone(),
                slug: entry.slug.clone(),
                title: entry.title.clone(),
                status: status.clone(),
                at: at.clone(),
                created_at,
                shortlink: shortlink.clone(),
                components: entry.components.clone(),
            });
        }
    }
    // (at, incident, update id) is unique, so the unstable sort gives one order.
    updates.sort_unstable_by(|a, b| (&a.at, &a.incident_id, &a.id).cmp(&(&b.at, &b.incident_id, &b.id)));
    Published {
        version: file.version,
        page: file.page,
        status: file.status,
        updates,
        components: file.components,
        incidents: file.incidents,
    }
}

/// An RFC 3339 UTC time in the API's form in `zone`; unparseable text is kept as it is.
pub(crate) fn api_time(at: &str, zone: Tz) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| time::api(t.with_timezone(&chrono::Utc), zone))
        .unwrap_or_else(|_| at.to_string())
}
