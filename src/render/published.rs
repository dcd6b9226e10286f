//! `api/statusforge/published.json`: every published incident and maintenance update, oldest
//! first, and every component's status, so `statusforge notify` can tell what a new build
//! adds to the live one. Built from the API v2 objects; decides nothing.

use super::api_v2::{self, component_id, json_file};
use super::{time, Input};
use crate::output::OutputFile;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const PATH: &str = "api/statusforge/published.json";

/// Bumped when a field changes meaning; `notify` refuses versions it does not know.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Published {
    pub version: u32,
    /// The API v2 `page` and `status` objects.
    pub page: Value,
    pub status: Value,
    /// Oldest first (then by incident and update id), so the newest is last.
    pub updates: Vec<PublishedUpdate>,
    /// Components (not groups) in display order.
    pub components: Vec<PublishedComponent>,
    /// API v2 incident objects (maintenances carry `scheduled_for`), each with its updates.
    pub incidents: Vec<Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedUpdate {
    /// The API's `incident_update.id`: stable while updates are added on top.
    pub id: String,
    /// `incident` or `maintenance`.
    pub kind: String,
    pub incident_id: String,
    pub slug: String,
    pub title: String,
    /// As in the API: an incident or maintenance status keyword.
    pub status: String,
    /// RFC 3339 UTC, for ordering; `created_at` is the API's form in the site zone.
    pub at: String,
    pub created_at: String,
    /// Markdown source.
    pub body: String,
    pub shortlink: String,
    /// Ids (components.yaml) of the components it affects.
    pub components: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublishedComponent {
    /// The components.yaml id; `api.id` is the API's id.
    pub id: String,
    pub name: String,
    pub status: String,
    /// The API v2 component object.
    pub api: Value,
}

pub fn render(input: &Input) -> Vec<OutputFile> {
    json_file(PATH, &published(input), false).into_iter().collect()
}

/// Bodies and full incident objects are kept only for incidents touched in this many days (and
/// open ones): notifications go out for new updates, which are recent, and keeping the whole
/// history would make the file grow with every incident ever written (43 MB for 10,000).
/// An older update still gets its id and status, so it is never sent twice, only tersely.
pub const DETAIL_DAYS: i64 = 30;

pub fn published(input: &Input) -> Published {
    let objects = api_v2::objects(input);
    let snapshot = input.snapshot;
    let since = snapshot.now - chrono::Duration::days(DETAIL_DAYS);
    let incident_updates = snapshot.incidents.iter().map(|state| {
        let i = &state.incident;
        let ids = i.components.iter().map(|c| c.id.clone()).collect();
        let detailed = state.is_active() || state.updated_at() >= since;
        ("incident", i.slug.as_str(), i.updates.iter().map(|u| u.at).collect::<Vec<_>>(), ids, detailed)
    });
    let maintenance_updates = snapshot.maintenances.iter().map(|state| {
        let m = &state.maintenance;
        let detailed = state.phase.is_active() || state.updated_at() >= since || m.window.end >= since;
        ("maintenance", m.slug.as_str(), m.updates.iter().map(|u| u.at).collect(), m.components.clone(), detailed)
    });
    let mut updates = Vec::new();
    let mut incidents = Vec::new();
    // Objects list incidents, then maintenances, in snapshot order: zip them back.
    for ((kind, slug, times, components, detailed), object) in
        incident_updates.chain(maintenance_updates).zip(&objects.incidents)
    {
        if detailed {
            incidents.extend(serde_json::to_value(object).ok());
        }
        for (update, at) in object.incident_updates.iter().zip(times) {
            updates.push(PublishedUpdate {
                id: update.id.clone(),
                kind: kind.to_string(),
                incident_id: object.id.clone(),
                slug: slug.to_string(),
                title: object.name.clone(),
                status: update.status.to_string(),
                at: time::rfc3339(at),
                created_at: update.created_at.clone(),
                body: if detailed { update.body.clone() } else { String::new() },
                shortlink: object.shortlink.clone(),
                components: components.clone(),
            });
        }
    }
    updates.sort_by(|a, b| (&a.at, &a.incident_id, &a.id).cmp(&(&b.at, &b.incident_id, &b.id)));
    let components = snapshot
        .components
        .iter()
        .filter_map(|state| {
            let api = objects.components.iter().find(|c| c.id == component_id(&state.component.id))?;
            Some(PublishedComponent {
                id: state.component.id.clone(),
                name: state.component.name.clone(),
                status: state.status.keyword().to_string(),
                api: serde_json::to_value(api).ok()?,
            })
        })
        .collect();
    Published {
        version: VERSION,
        page: serde_json::to_value(&objects.page).unwrap_or(Value::Null),
        status: serde_json::to_value(&objects.status).unwrap_or(Value::Null),
        updates,
        components,
        incidents,
    }
}
