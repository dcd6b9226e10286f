//! `api/statusforge/published.json`, as `notify` reads it: every published incident and
//! maintenance update and every component's status, so `notify` can tell what a new build adds
//! to the live one. `render::published` writes it; both sides use the types here.
//!
//! The file (version 2) lists each incident and maintenance once as an `Entry` with its updates'
//! statuses and times, oldest first; their ids are the API's (`ids::update_id` of the slug
//! and position), so the file does not repeat them. Bodies are in the API objects of recent
//! incidents. `read` turns either version into `Published`, one flat list of updates, which
//! is what `notify` works on.

use super::ids::{incident_id, maintenance_id, update_id};
use super::{time, urls};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// Where the file is written, relative to the site root.
pub const PATH: &str = "api/statusforge/published.json";

/// Bumped when a field changes meaning; `notify` reads this version and the one before.
pub const VERSION: u32 = 2;

/// What `notify` reads from a published file, whichever version it was written in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Published {
    /// The format version the file was written in.
    pub version: u32,
    /// The API v2 `page` object.
    pub page: Page,
    /// The API v2 `status` object.
    pub status: Status,
    /// Oldest first (then by incident and update id), so the newest is last.
    pub updates: Vec<PublishedUpdate>,
    /// Components (not groups) in display order.
    pub components: Vec<PublishedComponent>,
    /// API v2 incident objects (maintenances carry `scheduled_for`), each with its updates.
    pub incidents: Vec<Value>,
    /// The maintenance windows the file has API objects of (upcoming, open and recent ones),
    /// in file order: what `notify` needs to tell a window's reminder, start and end. Empty
    /// for a version 1 file.
    #[serde(default)]
    pub maintenances: Vec<PublishedMaintenance>,
}

/// A maintenance window as the build published it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedMaintenance {
    /// The API id (`incident_id` of its updates).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Ids (components.yaml) of the components it puts under maintenance.
    pub components: Vec<String>,
    /// When the window opens, RFC 3339 UTC.
    pub start: String,
    /// When the window is planned to close, RFC 3339 UTC.
    pub end: String,
    /// Its API status at the build's clock: `scheduled` until it opens, `in_progress`,
    /// `verifying`, then `completed` (cancelled windows too: the API has no `cancelled`).
    pub status: String,
    /// Its latest update cancelled it: people are told "Cancelled", never "Completed".
    #[serde(default)]
    pub cancelled: bool,
    /// Markdown of its latest update that has any: what the maintenance is about.
    pub body: String,
    /// The absolute URL of its page.
    pub shortlink: String,
}

/// The API v2 `page` object, as far as `notify` reads it. Every field may be missing from an
/// old or foreign file, so each defaults to empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Page {
    /// The page's API id.
    pub id: String,
    /// The site's title.
    pub name: String,
    /// The page's URL without a trailing slash.
    pub url: String,
    /// IANA name of the site's time zone.
    pub time_zone: String,
    /// When the page last changed, in the API's time form.
    pub updated_at: String,
}

/// The API v2 `status` object: the page-wide roll-up.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Status {
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    pub indicator: String,
    /// "All Systems Operational", and the like.
    pub description: String,
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
    /// A maintenance update that cancelled its window: `status` is the API's `completed`, and
    /// stays so, since the journal names updates by it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cancels: bool,
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
pub(crate) struct File {
    pub(crate) version: u32,
    /// Absolute, ending in `/`: the shortlinks of old incidents are made from it.
    pub(crate) base_url: String,
    pub(crate) page: Page,
    pub(crate) status: Status,
    pub(crate) components: Vec<PublishedComponent>,
    pub(crate) incidents: Vec<Value>,
    /// Last, so the entries (serialized one by one, and cached by `serve`) can be appended.
    pub(crate) entries: Vec<Entry>,
}

/// One incident or maintenance and its updates, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// `incident` or `maintenance`.
    pub(crate) kind: String,
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) components: Vec<String>,
    /// `(status, RFC 3339 UTC time)` of each update, oldest first.
    pub(crate) updates: Vec<(String, String)>,
    /// Positions in `updates` of the maintenance updates that cancelled their window: the API
    /// status there is `completed`, which would tell people the work was done. A file without
    /// the field (before it existed) reads as having none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) cancelled: Vec<usize>,
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
    let zone: Tz = file.page.time_zone.parse().unwrap_or(Tz::UTC);
    let mut updates = Vec::new();
    let mut maintenances = Vec::new();
    for entry in &file.entries {
        let (incident_id, path) = match entry.kind.as_str() {
            "maintenance" => (maintenance_id(&entry.slug), urls::maintenance(&entry.slug)),
            _ => (incident_id(&entry.slug), urls::incident(&entry.slug)),
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
        if entry.kind == "maintenance" {
            maintenances.extend(object.and_then(|o| maintenance(o, entry, &incident_id, &shortlink)));
        }
        for (n, (status, at)) in entry.updates.iter().enumerate() {
            let id = update_id(&entry.slug, n + 1);
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
                cancels: entry.cancelled.contains(&n),
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
        maintenances,
    }
}

/// The window of a maintenance's API object; None when its times do not read.
fn maintenance(object: &Value, entry: &Entry, id: &str, shortlink: &str) -> Option<PublishedMaintenance> {
    let text = |field: &str| object.get(field)?.as_str();
    let utc = |field: &str| {
        let t = chrono::DateTime::parse_from_rfc3339(text(field)?).ok()?;
        Some(time::rfc3339(t.with_timezone(&chrono::Utc)))
    };
    // Newest first in the API: the first update with words says what the work is.
    let updates = object.get("incident_updates").and_then(Value::as_array);
    let body = updates
        .into_iter()
        .flatten()
        .filter_map(|u| u.get("body")?.as_str())
        .find(|b| !b.trim().is_empty())
        .unwrap_or("");
    Some(PublishedMaintenance {
        id: id.to_string(),
        title: entry.title.clone(),
        components: entry.components.clone(),
        start: utc("scheduled_for")?,
        end: utc("scheduled_until")?,
        status: text("status")?.to_string(),
        cancelled: entry.updates.len().checked_sub(1).is_some_and(|last| entry.cancelled.contains(&last)),
        body: body.to_string(),
        shortlink: shortlink.to_string(),
    })
}

/// An RFC 3339 UTC time in the API's form in `zone`; unparseable text is kept as it is.
pub(crate) fn api_time(at: &str, zone: Tz) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| time::api(t.with_timezone(&chrono::Utc), zone))
        .unwrap_or_else(|_| at.to_string())
}
