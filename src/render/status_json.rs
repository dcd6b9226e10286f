//! `status.json`: statusforge's own status document (documented in docs/status-json.md, its
//! JSON Schema in schemas/status.schema.json, also written beside it). Richer than the
//! Statuspage API: per-component uptime and daily history. Decides nothing; `generated_at` is
//! the snapshot's clock, never the wall clock, so builds stay reproducible.

use super::api_v2::json_file;
use super::input::Input;
use crate::compute::{
    ComponentState, DayUptime, IncidentState, MaintenancePhase, MaintenanceState, NoticeState, Snapshot, UpstreamState,
};
use crate::contract::{time, urls};
use crate::model::Instant;
use crate::output::{OutputFile, RelPath};
use serde::Serialize;

/// The schema, embedded so the output always carries the one the document was written for.
pub(crate) const SCHEMA: &str = include_str!("../../schemas/status.schema.json");
pub(crate) const SCHEMA_PATH: &str = "status.schema.json";

#[derive(Debug, Serialize)]
struct Document {
    #[serde(rename = "$schema")]
    schema: String,
    generated_at: String,
    page: Page,
    status: Status,
    components: Vec<Component>,
    groups: Vec<Group>,
    incidents: Vec<Incident>,
    maintenance: Maintenances,
    notices: Vec<Notice>,
    upstream: Vec<Upstream>,
}

/// A third-party component: the vendor's status as last fetched, never in `status`.
#[derive(Debug, Serialize)]
struct Upstream {
    id: String,
    name: String,
    description: Option<String>,
    group: Option<String>,
    /// None before the first fetch.
    status: Option<&'static str>,
    fetched_at: Option<String>,
    outdated: bool,
    source: UpstreamSource,
    incidents: Vec<UpstreamIncident>,
}

#[derive(Debug, Serialize)]
struct UpstreamSource {
    summary_url: String,
    component: Option<String>,
    page_name: Option<String>,
    page_url: Option<String>,
}

#[derive(Debug, Serialize)]
struct UpstreamIncident {
    name: String,
    url: Option<String>,
}

#[derive(Debug, Serialize)]
struct Page {
    name: String,
    url: String,
    time_zone: String,
    updated_at: String,
}

#[derive(Debug, Serialize)]
struct Status {
    indicator: &'static str,
    description: &'static str,
}

#[derive(Debug, Serialize)]
struct Component {
    id: String,
    name: String,
    description: Option<String>,
    group: Option<String>,
    status: &'static str,
    url: String,
    uptime: Uptime,
}

#[derive(Debug, Serialize)]
struct Uptime {
    /// Over the window's days that have data; null if none does.
    percent: Option<f64>,
    /// Length of the window in days (`uptime_days`).
    days: u32,
    /// One entry per day of the window, oldest first, ending today.
    daily: Vec<Day>,
}

#[derive(Debug, Serialize)]
struct Day {
    date: String,
    uptime: Option<f64>,
    worst: Option<&'static str>,
}

#[derive(Debug, Serialize)]
struct Group {
    id: String,
    name: String,
    status: &'static str,
    components: Vec<String>,
}

#[derive(Debug, Serialize)]
struct Incident {
    id: String,
    title: String,
    status: &'static str,
    impact: &'static str,
    started_at: String,
    updated_at: String,
    url: String,
    components: Vec<Affected>,
    /// The changes of its `Components:` lines, oldest first; absent without any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    timeline: Vec<TimelineChange>,
    latest_update: LatestUpdate,
}

#[derive(Debug, Serialize)]
struct TimelineChange {
    at: String,
    id: String,
    old_status: &'static str,
    new_status: &'static str,
}

#[derive(Debug, Serialize)]
struct Affected {
    id: String,
    status: &'static str,
}

#[derive(Debug, Serialize)]
struct LatestUpdate {
    status: &'static str,
    at: String,
    /// Markdown source.
    body: String,
}

#[derive(Debug, Serialize)]
struct Maintenances {
    active: Vec<Maintenance>,
    upcoming: Vec<Maintenance>,
}

#[derive(Debug, Serialize)]
struct Maintenance {
    id: String,
    title: String,
    status: &'static str,
    starts_at: String,
    ends_at: String,
    updated_at: String,
    url: String,
    components: Vec<String>,
}

/// An active notice; it says nothing about status.
#[derive(Debug, Serialize)]
struct Notice {
    id: String,
    title: String,
    starts_at: String,
    ends_at: Option<String>,
    url: String,
    components: Vec<String>,
    /// Markdown source.
    body: String,
}

pub(crate) fn render(input: &Input<'_>) -> Vec<OutputFile> {
    let document = document(input);
    let mut files: Vec<OutputFile> = json_file("status.json", &document, true).into_iter().collect();
    files.extend(RelPath::new(SCHEMA_PATH).ok().map(|path| OutputFile::new(path, SCHEMA)));
    files
}

fn document(input: &Input<'_>) -> Document {
    let snapshot = input.snapshot;
    let local = |t: Instant| time::local_rfc3339(t, snapshot.config.timezone);
    let open = |keep: fn(MaintenancePhase) -> bool| -> Vec<Maintenance> {
        snapshot.maintenances.iter().filter(|m| keep(m.phase)).map(|m| maintenance(input, m)).collect()
    };
    Document {
        schema: input.absolute(SCHEMA_PATH),
        generated_at: local(snapshot.now),
        page: Page {
            name: snapshot.config.title.clone(),
            url: input.base_url.clone(),
            time_zone: snapshot.config.timezone.name().to_string(),
            updated_at: local(snapshot.updated_at),
        },
        status: Status { indicator: snapshot.page.indicator.keyword(), description: snapshot.page.description },
        components: snapshot.components.iter().map(|c| component(input, c)).collect(),
        groups: groups(snapshot),
        incidents: snapshot.incidents.iter().filter(|i| i.is_active()).map(|i| incident(input, i)).collect(),
        maintenance: Maintenances {
            active: open(MaintenancePhase::is_active),
            upcoming: open(|p| p == MaintenancePhase::Upcoming),
        },
        notices: snapshot.notices.iter().filter(|n| n.active).map(|n| notice(input, n)).collect(),
        upstream: snapshot.upstream.iter().map(|u| upstream(u, local)).collect(),
    }
}

fn upstream(state: &UpstreamState, local: impl Fn(Instant) -> String) -> Upstream {
    let u = &state.upstream;
    let snapshot = u.snapshot.as_ref();
    Upstream {
        id: u.id.clone(),
        name: u.name.clone(),
        description: u.description.clone(),
        group: u.group.clone(),
        status: snapshot.map(|s| s.status.keyword()),
        fetched_at: snapshot.map(|s| local(s.fetched_at)),
        outdated: state.outdated,
        source: UpstreamSource {
            summary_url: u.source.summary_url.clone(),
            component: u.source.component.clone(),
            page_name: snapshot.map(|s| s.page_name.clone()),
            page_url: snapshot.and_then(|s| s.page_url.clone()),
        },
        incidents: snapshot
            .map(|s| {
                s.incidents.iter().map(|i| UpstreamIncident { name: i.name.clone(), url: i.url.clone() }).collect()
            })
            .unwrap_or_default(),
    }
}

/// Percentages keep four decimals: enough for 99.9999 %, and stable text across platforms.
fn round(percent: f64) -> f64 {
    (percent * 10_000.0).round() / 10_000.0
}

fn day(d: &DayUptime) -> Day {
    Day {
        date: d.date.format("%Y-%m-%d").to_string(),
        uptime: d.uptime.map(round),
        worst: d.worst.map(|s| s.keyword()),
    }
}

fn component(input: &Input<'_>, state: &ComponentState) -> Component {
    let c = &state.component;
    Component {
        id: c.id.clone(),
        name: c.name.clone(),
        description: c.description.clone(),
        group: c.group.clone(),
        status: state.status.keyword(),
        url: input.absolute(&urls::component(&c.id)),
        uptime: Uptime {
            percent: state.uptime.percent.map(round),
            days: state.uptime.window_days,
            daily: state.uptime.window().iter().map(day).collect(),
        },
    }
}

fn groups(snapshot: &Snapshot) -> Vec<Group> {
    snapshot
        .groups
        .iter()
        .map(|g| Group {
            id: g.group.id.clone(),
            name: g.group.name.clone(),
            status: g.status.keyword(),
            components: g
                .components
                .iter()
                .filter_map(|&i| snapshot.components.get(i).map(|c| c.component.id.clone()))
                .collect(),
        })
        .collect()
}

fn incident(input: &Input<'_>, state: &IncidentState) -> Incident {
    let local = |t: Instant| time::local_rfc3339(t, input.snapshot.config.timezone);
    let i = &state.incident;
    let latest = i.updates.first();
    Incident {
        id: i.slug.clone(),
        title: i.title.clone(),
        status: state.status.keyword(),
        impact: state.impact().keyword(),
        started_at: local(state.started_at),
        updated_at: local(state.updated_at()),
        url: input.absolute(&urls::incident(&i.slug)),
        components: state.touched().iter().map(|c| Affected { id: c.id.clone(), status: c.status.keyword() }).collect(),
        timeline: timeline(state, local),
        latest_update: LatestUpdate {
            status: state.status.keyword(),
            at: local(state.updated_at()),
            body: latest.map(|u| u.body.clone()).unwrap_or_default(),
        },
    }
}

fn timeline(state: &IncidentState, local: impl Fn(Instant) -> String) -> Vec<TimelineChange> {
    let updates = state.incident.updates.iter().enumerate().rev();
    updates
        .flat_map(|(i, u)| state.changes_at(i).iter().map(move |c| (u.at, c)))
        .map(|(at, c)| TimelineChange {
            at: local(at),
            id: c.id.clone(),
            old_status: c.old.keyword(),
            new_status: c.new.keyword(),
        })
        .collect()
}

fn maintenance(input: &Input<'_>, state: &MaintenanceState) -> Maintenance {
    let local = |t: Instant| time::local_rfc3339(t, input.snapshot.config.timezone);
    let m = &state.maintenance;
    Maintenance {
        id: m.slug.clone(),
        title: m.title.clone(),
        status: state.phase.keyword(),
        starts_at: local(m.window.start),
        ends_at: local(m.window.end),
        updated_at: local(state.updated_at()),
        url: input.absolute(&urls::maintenance(&m.slug)),
        components: m.components.clone(),
    }
}

fn notice(input: &Input<'_>, state: &NoticeState) -> Notice {
    let local = |t: Instant| time::local_rfc3339(t, input.snapshot.config.timezone);
    let n = &state.notice;
    Notice {
        id: n.slug.clone(),
        title: n.title.clone(),
        starts_at: local(n.from),
        ends_at: n.until.map(local),
        url: input.absolute(&urls::notice(&n.slug)),
        components: n.components.clone(),
        body: n.body.clone(),
    }
}
