//! The front page, one page per incident and per maintenance window, the 404 page and the
//! sitemap: each a view struct filled from the snapshot.

use super::notice::NoticeSummary;
use super::shared::{Job, Shared};
use super::view::{ComponentRow, IncidentSummary, MaintenanceSummary, Named, TimeView, UpdateView};
use crate::contract::urls;
use crate::render::markdown;
use serde::Serialize;

#[derive(Serialize)]
struct Banner {
    indicator: &'static str,
    description: &'static str,
    /// The latest update anywhere on the site; None on a site without any.
    updated: Option<TimeView>,
    /// The build's clock: a page whose CI stopped says how old it is. Only the front page
    /// shows it, so a rebuild does not rewrite every other page.
    generated: TimeView,
}

#[derive(Serialize)]
struct GroupView {
    name: String,
    description: Option<String>,
    status: &'static str,
    status_text: &'static str,
    components: Vec<ComponentRow>,
}

#[derive(Serialize)]
struct IndexPage {
    banner: Banner,
    active_incidents: Vec<IncidentSummary>,
    /// Active notices, newest first.
    notices: Vec<NoticeSummary>,
    maintenances: Vec<MaintenanceSummary>,
    groups: Vec<GroupView>,
    /// Third-party components, shown apart: never in the banner's status.
    upstream: Vec<super::upstream::UpstreamGroupView>,
    recent_incidents: Vec<IncidentSummary>,
    uptime_days: u32,
}

pub(super) fn index(shared: &Shared<'_>) -> Job {
    let snapshot = shared.ctx.input.snapshot;
    let ctx = &shared.ctx;
    let page = &snapshot.page;
    let active_incidents =
        (0..snapshot.incidents.len()).filter(|&i| snapshot.incidents[i].is_active()).map(|i| ctx.incident_summary(i));
    let maintenances = (0..snapshot.maintenances.len())
        .filter(|&i| {
            use crate::compute::MaintenancePhase::*;
            matches!(snapshot.maintenances[i].phase, Upcoming | InProgress | Verifying)
        })
        .map(|i| ctx.maintenance_summary(i));
    let recent_incidents = snapshot
        .recent_incidents()
        .filter(|i| !i.is_active())
        .filter_map(|i| snapshot.incidents.iter().position(|s| s.incident.slug == i.incident.slug))
        .map(|i| ctx.incident_summary(i));
    let view = IndexPage {
        banner: Banner {
            indicator: page.indicator.keyword(),
            description: shared.lang().word("page", page.description_key),
            updated: (!snapshot.incidents.is_empty()
                || !snapshot.maintenances.is_empty()
                || !snapshot.notices.is_empty())
            .then(|| ctx.time(snapshot.updated_at)),
            generated: ctx.time(snapshot.now),
        },
        active_incidents: active_incidents.collect(),
        notices: ctx.active_notices(None),
        maintenances: maintenances.collect(),
        groups: groups(shared),
        upstream: super::upstream::groups(ctx),
        recent_incidents: recent_incidents.collect(),
        uptime_days: snapshot.config.uptime_days,
    };
    let chrome = shared.chrome("", None);
    shared.job("index.html".into(), "index.html", &chrome, &view)
}

/// Groups in display order, then the components outside any group.
fn groups(shared: &Shared<'_>) -> Vec<GroupView> {
    let ctx = &shared.ctx;
    let snapshot = ctx.input.snapshot;
    let mut groups: Vec<GroupView> = snapshot
        .groups
        .iter()
        .map(|g| GroupView {
            name: g.group.name.clone(),
            description: g.group.description.clone(),
            status: g.status.keyword(),
            status_text: ctx.component_status(g.status),
            components: g.components.iter().map(|&i| ctx.component_row(i)).collect(),
        })
        .collect();
    let loose: Vec<ComponentRow> = snapshot.ungrouped().map(|(i, _)| ctx.component_row(i)).collect();
    if !loose.is_empty() {
        let worst =
            snapshot.ungrouped().map(|(_, c)| c.status).max().unwrap_or(crate::model::ComponentStatus::Operational);
        let key = if groups.is_empty() { "components" } else { "other_components" };
        groups.push(GroupView {
            name: shared.lang().get(key).to_string(),
            description: None,
            status: worst.keyword(),
            status_text: ctx.component_status(worst),
            components: loose,
        });
    }
    groups
}

#[derive(Serialize)]
struct IncidentPage {
    incident: IncidentSummary,
    /// Its latest update: a page says when it last changed, not when the site did, so an
    /// update to one incident leaves every other page as it was.
    updated: TimeView,
    components: Vec<Named>,
    updates: Vec<UpdateView>,
}

pub(super) fn incident(shared: &Shared<'_>, index: usize) -> Job {
    let ctx = &shared.ctx;
    let state = &ctx.input.snapshot.incidents[index];
    let components = state.touched().iter().map(|c| ctx.named(&c.id, Some(state.shown_status(c)))).collect();
    let view = IncidentPage {
        incident: ctx.incident_summary(index),
        updated: ctx.time(state.updated_at()),
        components,
        updates: ctx.incident_updates(index),
    };
    let dir = urls::incident(&state.incident.slug);
    let latest = shared.ctx.input.incident_html[index].first().map(|html| markdown::summary(html, 200));
    let chrome = shared.chrome(&dir, Some(&state.incident.title)).described(latest).article();
    shared.job(incident_path(shared, index), "incident.html", &chrome, &view)
}

fn incident_path(shared: &Shared<'_>, index: usize) -> String {
    format!("{}index.html", urls::incident(&shared.ctx.input.snapshot.incidents[index].incident.slug))
}

pub(super) fn maintenance_path(shared: &Shared<'_>, index: usize) -> String {
    format!("{}index.html", urls::maintenance(&shared.ctx.input.snapshot.maintenances[index].maintenance.slug))
}

#[derive(Serialize)]
struct MaintenancePage {
    maintenance: MaintenanceSummary,
    updated: TimeView,
    updates: Vec<UpdateView>,
}

pub(super) fn maintenance(shared: &Shared<'_>, index: usize) -> Job {
    let ctx = &shared.ctx;
    let state = &ctx.input.snapshot.maintenances[index];
    let view = MaintenancePage {
        maintenance: ctx.maintenance_summary(index),
        updated: ctx.time(state.updated_at()),
        updates: ctx.maintenance_updates(index),
    };
    let dir = urls::maintenance(&state.maintenance.slug);
    let latest = shared.ctx.input.maintenance_html[index].first().map(|html| markdown::summary(html, 200));
    let chrome = shared.chrome(&dir, Some(&state.maintenance.title)).described(latest).article();
    shared.job(maintenance_path(shared, index), "maintenance.html", &chrome, &view)
}

#[derive(Serialize)]
struct NotFoundPage {}

/// Hosts serve `404.html` at whatever address was asked for, so its links start from the
/// base URL's path (`/status/`) instead of being relative.
pub(super) fn not_found(shared: &Shared<'_>) -> Job {
    let chrome = shared.chrome_at(base_path(&shared.ctx.input.base_url), None, Some(shared.lang().get("not_found")));
    shared.job("404.html".into(), "404.html", &chrome, &NotFoundPage {})
}

/// `https://host/status/` -> `/status/`.
fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    match after_scheme.find('/') {
        Some(at) => after_scheme[at..].to_string(),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_base_path_is_the_url_path() {
        assert_eq!(base_path("https://example.github.io/status/"), "/status/");
        assert_eq!(base_path("https://status.example.com/"), "/");
        assert_eq!(base_path("https://status.example.com"), "/");
    }
}
