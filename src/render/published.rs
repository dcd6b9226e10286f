//! `api/statusforge/published.json`: every published incident and maintenance update, oldest
//! first, and every component's status, so `statusforge notify` can tell what a new build
//! adds to the live one. Built from the API v2 objects; decides nothing.

use super::api_v2::types::Incident;
use super::api_v2::{self, component_id, json_file};
use super::{time, urls, Input};
use crate::model::Instant;
use crate::output::OutputFile;
use rayon::prelude::*;
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
    let objects = api_v2::Objects::new(input);
    let snapshot = input.snapshot;
    let since = snapshot.now - chrono::Duration::days(DETAIL_DAYS);
    // Each incident's part is built on its own (in parallel), then put in one order.
    let incident_parts = snapshot.incidents.par_iter().map(|state| {
        let i = &state.incident;
        let ids: Vec<String> = i.components.iter().map(|c| c.id.clone()).collect();
        let entry = Entry { kind: "incident", slug: &i.slug, title: &i.title, components: &ids };
        let mut updates = Vec::with_capacity(i.updates.len());
        if state.is_active() || state.updated_at() >= since {
            let object = objects.incident(state);
            entry.detailed(&object, i.updates.iter().map(|u| u.at), &mut updates);
            (updates, serde_json::to_value(&object).ok())
        } else {
            let id = api_v2::incident_id(&i.slug);
            entry.terse(input, &id, i.updates.iter().map(|u| (u.at, u.status.keyword())), &mut updates);
            (updates, None)
        }
    });
    let maintenance_parts = snapshot.maintenances.par_iter().map(|state| {
        let m = &state.maintenance;
        let entry = Entry { kind: "maintenance", slug: &m.slug, title: &m.title, components: &m.components };
        let mut updates = Vec::with_capacity(m.updates.len());
        if state.phase.is_active() || state.updated_at() >= since || m.window.end >= since {
            let object = objects.maintenance(state);
            entry.detailed(&object, m.updates.iter().map(|u| u.at), &mut updates);
            (updates, serde_json::to_value(&object).ok())
        } else {
            let id = api_v2::maintenance_id(&m.slug);
            let statuses = m.updates.iter().map(|u| (u.at, api_v2::api_update_status(u.status)));
            entry.terse(input, &id, statuses, &mut updates);
            (updates, None)
        }
    });
    let parts: Vec<(Vec<PublishedUpdate>, Option<Value>)> = incident_parts.chain(maintenance_parts).collect();
    let mut updates = Vec::with_capacity(parts.iter().map(|(u, _)| u.len()).sum());
    let mut incidents = Vec::new();
    for (part, object) in parts {
        updates.extend(part);
        incidents.extend(object);
    }
    // (at, incident, update id) is unique, so the unstable sort gives one order.
    updates.par_sort_unstable_by(|a, b| (&a.at, &a.incident_id, &a.id).cmp(&(&b.at, &b.incident_id, &b.id)));
    let components = snapshot
        .components
        .iter()
        .filter_map(|state| {
            let api = objects.components.list.iter().find(|c| c.id == component_id(&state.component.id))?;
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

/// What every update of one incident or maintenance shares.
struct Entry<'a> {
    kind: &'static str,
    slug: &'a str,
    title: &'a str,
    components: &'a [String],
}

impl Entry<'_> {
    /// Updates of a recent incident, from its API object (newest first, like `times`).
    fn detailed(&self, object: &Incident, times: impl Iterator<Item = Instant>, out: &mut Vec<PublishedUpdate>) {
        for (update, at) in object.incident_updates.iter().zip(times) {
            let created_at = update.created_at.clone();
            let terse = self.update(&update.id, &object.id, update.status, at, created_at, &object.shortlink);
            out.push(PublishedUpdate { body: update.body.clone(), ..terse });
        }
    }

    /// Updates of an old incident without bodies, built without its API object: the same ids,
    /// statuses and times the object would hold.
    fn terse(
        &self,
        input: &Input,
        incident_id: &str,
        updates: impl ExactSizeIterator<Item = (Instant, &'static str)>,
        out: &mut Vec<PublishedUpdate>,
    ) {
        let count = updates.len();
        let shortlink = input.absolute(&self.page_url());
        let zone = input.snapshot.config.timezone;
        for (i, (at, status)) in updates.enumerate() {
            let id = api_v2::update_id(self.slug, count - i);
            out.push(self.update(&id, incident_id, status, at, time::api(at, zone), &shortlink));
        }
    }

    fn page_url(&self) -> String {
        if self.kind == "incident" {
            urls::incident(self.slug)
        } else {
            urls::maintenance(self.slug)
        }
    }

    fn update(
        &self,
        id: &str,
        incident_id: &str,
        status: &str,
        at: Instant,
        created_at: String,
        shortlink: &str,
    ) -> PublishedUpdate {
        PublishedUpdate {
            id: id.to_string(),
            kind: self.kind.to_string(),
            incident_id: incident_id.to_string(),
            slug: self.slug.to_string(),
            title: self.title.to_string(),
            status: status.to_string(),
            at: time::rfc3339(at),
            created_at,
            body: String::new(),
            shortlink: shortlink.to_string(),
            components: self.components.to_vec(),
        }
    }
}
