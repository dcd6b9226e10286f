//! Compute stage: the validated `Site` at a clock `now` -> a `Snapshot` of everything a reader
//! sees at that moment. Pure functions: no files, no clock, no rendering.

pub(crate) mod incident;
pub(crate) mod incident_timeline;
pub(crate) mod maintenance;
pub(crate) mod next_change;
pub(crate) mod notice;
pub(crate) mod page;
pub(crate) mod state;
pub(crate) mod timeline;
pub(crate) mod upstream;
pub(crate) mod uptime;

pub use incident::IncidentState;
pub use incident_timeline::{Change, Timeline, Touched};
pub use maintenance::{MaintenancePhase, MaintenanceState};
pub use next_change::next_change;
pub use notice::NoticeState;
pub use state::PageStatus;
pub use state::{ComponentState, GroupState, Snapshot, DETAIL_DAYS};
pub use timeline::StatusChange;
pub use upstream::UpstreamState;
pub use uptime::{DayUptime, Uptime};

use crate::model::{Component, ComponentStatus, Group, Instant, Site, SiteConfig};
use chrono::Duration;
use rayon::prelude::*;
use std::collections::HashMap;

/// Options of the computation that are not part of the content.
#[derive(Debug, Clone, Copy, Default)]
pub struct ComputeOptions {
    /// Include incidents, maintenances and notices marked `draft: true`.
    pub drafts: bool,
}

/// Days of daily history kept per component: the uptime window, and at least a year for the
/// monthly calendar.
pub fn history_days(config: &SiteConfig) -> u32 {
    config.uptime_days.max(366)
}

/// Everything a reader sees at `now`: statuses, timelines, uptime, and what is listed where.
pub fn snapshot(site: Site, now: Instant, options: ComputeOptions) -> Snapshot {
    let Site { config, groups, components, incidents, maintenances, notices, upstream } = site;
    let upstream = upstream::states(upstream, now, config.upstream_max_age);
    let incidents = incident::published(incidents, now, options.drafts);
    let maintenances = maintenance::published(maintenances, now, options.drafts);
    let notices = notice::published(notices, now, options.drafts);
    let zone = config.timezone;
    let days = history_days(&config);
    let history_start = uptime::history_start(now, zone, days);
    let touching = touching(&components, &incidents, &maintenances);
    // Components are independent of each other: their timelines and uptime are computed in parallel.
    let component_states: Vec<ComponentState> = components
        .into_par_iter()
        .zip(touching)
        .map(|(component, (incidents_here, maintenances_here))| {
            let these_incidents = || incidents_here.iter().map(|&i| (i, &incidents[i]));
            let these_maintenances = || maintenances_here.iter().map(|&i| (i, &maintenances[i]));
            let status = incident::worst_status(&component.id, these_incidents().map(|(_, i)| i))
                .max(maintenance::status_of(&component.id, these_maintenances().map(|(_, m)| m)));
            let effects = timeline::spans_for(&component.id, these_incidents(), these_maintenances(), history_start);
            let spans = timeline::merge(&effects);
            let uptime = uptime::daily_of_spans(&effects, &spans, component.since, now, zone, days, config.uptime_days);
            let changes = timeline::changes(&spans, now - Duration::days(DETAIL_DAYS), now, status);
            ComponentState {
                component,
                status,
                uptime,
                incidents: incidents_here,
                maintenances: maintenances_here,
                changes,
            }
        })
        .collect();
    // A group of third-party components only is theirs: it names them in their section and is
    // not one of the team's groups (page, API, subscribe page).
    let upstream_groups: Vec<Group> =
        groups.iter().filter(|g| upstream.iter().any(|u| u.upstream.group.as_ref() == Some(&g.id))).cloned().collect();
    let group_states = groups
        .into_iter()
        .filter_map(|group| {
            let members: Vec<usize> = (0..component_states.len())
                .filter(|&i| component_states[i].component.group.as_deref() == Some(group.id.as_str()))
                .collect();
            if members.is_empty() && upstream_groups.iter().any(|u| u.id == group.id) {
                return None;
            }
            let status =
                members.iter().map(|&i| component_states[i].status).max().unwrap_or(ComponentStatus::Operational);
            Some(GroupState { group, status, components: members })
        })
        .collect();
    let page = page::status(&component_states, &incidents, &maintenances);
    let updated_at = incidents
        .iter()
        .map(|i| i.updated_at())
        .chain(maintenances.iter().map(|m| m.updated_at()))
        .max()
        .unwrap_or(now);
    Snapshot {
        now,
        config,
        page,
        groups: group_states,
        components: component_states,
        incidents,
        maintenances,
        notices,
        upstream,
        upstream_groups,
        updated_at,
    }
}

/// For each component, the indices of the incidents and of the maintenances that touch it, in
/// their order: one pass over each list, whatever the number of components.
fn touching(
    components: &[Component],
    incidents: &[IncidentState],
    maintenances: &[MaintenanceState],
) -> Vec<(Vec<usize>, Vec<usize>)> {
    let index: HashMap<&str, usize> = components.iter().enumerate().map(|(n, c)| (c.id.as_str(), n)).collect();
    let mut lists = vec![(Vec::new(), Vec::new()); components.len()];
    for (i, incident) in incidents.iter().enumerate() {
        for affected in incident.touched() {
            if let Some(&n) = index.get(affected.id.as_str()) {
                push_once(&mut lists[n].0, i);
            }
        }
    }
    for (i, m) in maintenances.iter().enumerate() {
        for id in &m.maintenance.components {
            if let Some(&n) = index.get(id.as_str()) {
                push_once(&mut lists[n].1, i);
            }
        }
    }
    lists
}

/// Pushes `i` unless it is already last: an item naming a component twice is listed once.
fn push_once(list: &mut Vec<usize>, i: usize) {
    if list.last() != Some(&i) {
        list.push(i);
    }
}
