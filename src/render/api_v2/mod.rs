//! `api/v2/*.json`: the hosted product's public status API v2 as static files, with the same
//! field names, types and value sets (docs/reference/statuspage-api-v2.md), so existing clients
//! read a statusforge page unchanged. Decides nothing: every status comes from the snapshot.

mod components;
mod incidents;
pub(crate) mod types;

pub(crate) use incidents::api_update_status;

use crate::compute::{MaintenancePhase, Snapshot};
use crate::contract::{ids, time};
use crate::output::{OutputFile, RelPath};
use crate::render::input::Input;
use serde::Serialize;
use types::{Document, Incident, Page, Status};

/// Statuspage's `incidents.json` and `scheduled-maintenances.json` hold the 50 newest, unpaged.
pub(crate) const LIST_LIMIT: usize = 50;

/// The page id: stable for a given public URL.
pub(crate) fn page_id(input: &Input<'_>) -> String {
    ids::stable("page", &input.base_url)
}

pub(crate) fn page(input: &Input<'_>) -> Page {
    let snapshot = input.snapshot;
    Page {
        id: page_id(input),
        name: snapshot.config.title.clone(),
        url: input.base_url.trim_end_matches('/').to_string(),
        time_zone: snapshot.config.timezone.name().to_string(),
        updated_at: time::api(snapshot.updated_at, snapshot.config.timezone),
    }
}

pub(crate) fn status(snapshot: &Snapshot) -> Status {
    Status { indicator: snapshot.page.indicator.keyword(), description: snapshot.page.description }
}

/// The API's page, status and components, from which any incident object can be built, for
/// outputs beyond `api/v2/` (the notify feed): the same values `api/v2/` holds, built the same
/// way. Incident objects are built on demand: a long history has far more than any file holds.
pub(crate) struct Objects<'a> {
    pub(crate) input: &'a Input<'a>,
    pub page: Page,
    pub status: Status,
    pub components: components::Components,
}

impl<'a> Objects<'a> {
    pub(crate) fn new(input: &'a Input<'a>) -> Objects<'a> {
        let page = page(input);
        let components = components::build(input.snapshot, &page.id);
        Objects { input, status: status(input.snapshot), components, page }
    }

    fn context(&self) -> incidents::Context<'_> {
        incidents::Context { input: self.input, page_id: &self.page.id, components: &self.components }
    }

    pub(crate) fn incident(&self, state: &crate::compute::IncidentState) -> Incident {
        self.context().incident(state)
    }

    pub(crate) fn maintenance(&self, state: &crate::compute::MaintenanceState) -> Incident {
        self.context().maintenance(state)
    }
}

pub(crate) fn render(input: &Input<'_>) -> Vec<OutputFile> {
    render_with(&Objects::new(input))
}

/// `render`, from the page, status and components built once for every output that needs them.
pub(crate) fn render_with(objects: &Objects<'_>) -> Vec<OutputFile> {
    let snapshot = objects.input.snapshot;
    let (page, status, components) = (&objects.page, &objects.status, &objects.components);
    let context = objects.context();
    // Snapshot order is newest first (by when impact began). Only the objects some file holds
    // are built: the newest and the unresolved.
    let newest: Vec<Incident> = snapshot.incidents.iter().take(LIST_LIMIT).map(|i| context.incident(i)).collect();
    let older_unresolved: Vec<Incident> =
        snapshot.incidents.iter().skip(LIST_LIMIT).filter(|i| i.is_active()).map(|i| context.incident(i)).collect();
    let unresolved: Vec<&Incident> = snapshot
        .incidents
        .iter()
        .zip(&newest)
        .filter(|(state, _)| state.is_active())
        .map(|(_, api)| api)
        .chain(&older_unresolved)
        .collect();
    let mut maintenances: Vec<(MaintenancePhase, Incident)> =
        snapshot.maintenances.iter().map(|m| (m.phase, context.maintenance(m))).collect();
    // Newest first: the latest window first, as for incidents.
    maintenances.sort_by(|a, b| b.1.scheduled_for.cmp(&a.1.scheduled_for).then_with(|| a.1.id.cmp(&b.1.id)));
    let with_phase = |keep: fn(MaintenancePhase) -> bool| -> Vec<&Incident> {
        maintenances.iter().filter(|(phase, _)| keep(*phase)).map(|(_, m)| m).collect()
    };
    let upcoming = with_phase(|p| p == MaintenancePhase::Upcoming);
    let active = with_phase(MaintenancePhase::is_active);
    let open = with_phase(|p| p == MaintenancePhase::Upcoming || p.is_active());
    let newest_maintenances: Vec<&Incident> = maintenances.iter().take(LIST_LIMIT).map(|(_, m)| m).collect();

    let doc = || Document::new(page);
    let files: Vec<(&str, Document<'_>)> = vec![
        (
            "summary.json",
            Document {
                status: Some(status),
                components: Some(&components.list),
                incidents: Some(unresolved.clone()),
                scheduled_maintenances: Some(open),
                ..doc()
            },
        ),
        ("status.json", Document { status: Some(status), ..doc() }),
        ("components.json", Document { components: Some(&components.list), ..doc() }),
        ("incidents.json", Document { incidents: Some(newest.iter().collect()), ..doc() }),
        ("incidents/unresolved.json", Document { incidents: Some(unresolved), ..doc() }),
        ("scheduled-maintenances.json", Document { scheduled_maintenances: Some(newest_maintenances), ..doc() }),
        ("scheduled-maintenances/upcoming.json", Document { scheduled_maintenances: Some(upcoming), ..doc() }),
        ("scheduled-maintenances/active.json", Document { scheduled_maintenances: Some(active), ..doc() }),
    ];
    files.into_iter().filter_map(|(name, doc)| json_file(&format!("api/v2/{name}"), &doc, false)).collect()
}

/// Serializes a value to a file; compact like the hosted API unless `pretty`. Our types always
/// serialize, so an error (impossible in practice) leaves the file out rather than panicking.
pub(crate) fn json_file(path: &str, value: &impl Serialize, pretty: bool) -> Option<OutputFile> {
    let mut bytes = if pretty { serde_json::to_vec_pretty(value) } else { serde_json::to_vec(value) }.ok()?;
    bytes.push(b'\n');
    Some(OutputFile::new(RelPath::new(path).ok()?, bytes))
}
