//! `api/statusforge/published.json`: every published incident and maintenance update and
//! every component's status, so `statusforge notify` can tell what a new build adds to the
//! live one. Built from the API v2 objects; decides nothing.
//!
//! The file (version 2) lists each incident and maintenance once as an `Entry` with its updates'
//! statuses and times, oldest first; their ids are the API's (`contract::ids::update_id` of the slug
//! and position), so the file does not repeat them. Bodies are in the API objects of recent
//! incidents (`DETAIL_DAYS`). `read` turns either version into `Published`, one flat list of
//! updates, which is what `notify` works on.

use super::api_v2;
use super::input::Input;
use crate::contract::ids::component_id;
use crate::contract::published::{Entry, PATH, VERSION};
use crate::contract::time;
use crate::incremental::ByAllocation;
use crate::model::{Incident, Instant, MaintenanceStatus};
use crate::output::{OutputFile, RelPath};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// Bodies and full incident objects are kept only for incidents touched in this many days.
pub(crate) use crate::compute::DETAIL_DAYS;

/// Serialized entries of the previous rebuild: an incident whose allocation is unchanged (its
/// file was not edited, so the check cache shared it) keeps its entry. Maintenances are few
/// and serialized every time.
#[derive(Debug, Default)]
pub(crate) struct Cache {
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

/// `published.json` from the API objects `api/v2/` is written from, built once. With a memo
/// (`serve`), the serialized entries of unchanged incidents are taken from it.
pub(crate) fn render(objects: &api_v2::Objects<'_>, cache: Option<&mut Cache>) -> Vec<OutputFile> {
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
            entry_json("incident", &i.slug, &i.title, components, updates, Vec::new()).into()
        })
        .collect();
    let maintenances: Vec<String> = snapshot
        .maintenances
        .iter()
        .map(|state| {
            let m = &state.maintenance;
            let components = m.components.iter().map(String::as_str);
            let updates = m.updates.iter().rev().map(|u| (api_v2::api_update_status(u.status), u.at));
            // The API says `completed` for a cancelling update; `notify` must say cancelled.
            let cancelled = m.updates.iter().rev().enumerate();
            let cancelled =
                cancelled.filter(|(_, u)| u.status == MaintenanceStatus::Cancelled).map(|(n, _)| n).collect();
            entry_json("maintenance", &m.slug, &m.title, components, updates, cancelled)
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
    cancelled: Vec<usize>,
) -> String {
    let entry = Entry {
        kind: kind.to_string(),
        slug: slug.to_string(),
        title: title.to_string(),
        components: components.map(str::to_string).collect(),
        updates: updates.map(|(status, at)| (status.to_string(), time::rfc3339(at))).collect(),
        cancelled,
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
