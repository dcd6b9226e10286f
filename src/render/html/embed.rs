//! Pages made to be framed in a customer's own dashboard: `embed/` (the whole page's status,
//! what is wrong now, every component) and `components/<id>/embed/` (one component). No header,
//! footer or script; light or dark with the reader's setting; links open the status page in a
//! new tab. `_headers` lets other sites frame these pages and no other.

use super::shared::{Job, Shared};
use super::view::{IncidentSummary, MaintenanceSummary};
use crate::compute::MaintenancePhase;
use crate::contract::urls;
use crate::model::ComponentStatus;
use serde::Serialize;

/// The folder of the site's embed, and of each component's under its page.
pub(crate) const EMBED_DIR: &str = "embed/";

#[derive(Serialize)]
struct Status {
    indicator: &'static str,
    description: &'static str,
}

#[derive(Serialize)]
struct Row {
    name: String,
    url: String,
    status: &'static str,
    status_text: &'static str,
}

#[derive(Serialize)]
struct EmbedPage {
    /// The status shown on top: the page's, or the one component's.
    status: Status,
    /// What is wrong now: open incidents and windows in progress, of the page or the component.
    incidents: Vec<IncidentSummary>,
    maintenances: Vec<MaintenanceSummary>,
    /// Every component (the site's embed) or the one (a component's).
    components: Vec<Row>,
}

/// `embed/index.html`: the page's status.
pub(super) fn page(shared: &Shared<'_>) -> Job {
    let snapshot = shared.ctx.input.snapshot;
    let lang = shared.lang();
    let view = EmbedPage {
        status: Status {
            indicator: snapshot.page.indicator.keyword(),
            description: lang.word("page", snapshot.page.description_key),
        },
        incidents: now_wrong(shared, |_| true),
        maintenances: in_progress(shared, |_| true),
        components: (0..snapshot.components.len()).map(|i| row(shared, i)).collect(),
    };
    job(shared, EMBED_DIR.to_string(), None, &view)
}

/// `components/<id>/embed/index.html`: one component's status.
pub(super) fn component(shared: &Shared<'_>, index: usize) -> Job {
    let snapshot = shared.ctx.input.snapshot;
    let state = &snapshot.components[index];
    let id = &state.component.id;
    let view = EmbedPage {
        status: Status {
            indicator: indicator_of(state.status),
            description: shared.lang().word("component", state.status.keyword()),
        },
        incidents: now_wrong(shared, |i| state.incidents.contains(&i)),
        maintenances: in_progress(shared, |m| state.maintenances.contains(&m)),
        components: vec![row(shared, index)],
    };
    job(shared, format!("{}{EMBED_DIR}", urls::component(id)), Some(&state.component.name), &view)
}

/// The page indicator a component's status shows as, so both embeds share the banner colours.
fn indicator_of(status: ComponentStatus) -> &'static str {
    match status {
        ComponentStatus::Operational => "none",
        ComponentStatus::UnderMaintenance => "maintenance",
        ComponentStatus::DegradedPerformance => "minor",
        ComponentStatus::PartialOutage => "major",
        ComponentStatus::MajorOutage => "critical",
    }
}

fn job(shared: &Shared<'_>, dir: String, heading: Option<&str>, view: &EmbedPage) -> Job {
    let chrome = shared.chrome(&dir, heading);
    shared.job(format!("{dir}index.html"), "embed.html", &chrome, view)
}

fn now_wrong(shared: &Shared<'_>, concerns: impl Fn(usize) -> bool) -> Vec<IncidentSummary> {
    let snapshot = shared.ctx.input.snapshot;
    (0..snapshot.incidents.len())
        .filter(|&i| snapshot.incidents[i].is_active() && concerns(i))
        .map(|i| shared.ctx.incident_summary(i))
        .collect()
}

fn in_progress(shared: &Shared<'_>, concerns: impl Fn(usize) -> bool) -> Vec<MaintenanceSummary> {
    let snapshot = shared.ctx.input.snapshot;
    (0..snapshot.maintenances.len())
        .filter(|&i| {
            matches!(snapshot.maintenances[i].phase, MaintenancePhase::InProgress | MaintenancePhase::Verifying)
        })
        .filter(|&i| concerns(i))
        .map(|i| shared.ctx.maintenance_summary(i))
        .collect()
}

fn row(shared: &Shared<'_>, index: usize) -> Row {
    let state = &shared.ctx.input.snapshot.components[index];
    Row {
        name: state.component.name.clone(),
        url: urls::component(&state.component.id),
        status: state.status.keyword(),
        status_text: shared.lang().word("component", state.status.keyword()),
    }
}
