//! Compute stage: the validated `Site` at a clock `now` -> a `Snapshot` of everything a reader
//! sees at that moment. Pure functions: no files, no clock, no rendering.

pub(crate) mod incident;
pub(crate) mod incident_timeline;
pub(crate) mod maintenance;
pub(crate) mod next_change;
pub(crate) mod page;
pub(crate) mod timeline;
pub(crate) mod uptime;

pub use incident::IncidentState;
pub use incident_timeline::{Change, Timeline, Touched};
pub use maintenance::{MaintenancePhase, MaintenanceState};
pub use next_change::next_change;
pub use page::PageStatus;
pub use timeline::StatusChange;
pub use uptime::{DayUptime, Uptime};

use crate::model::{Component, ComponentStatus, Group, Instant, Site, SiteConfig};
use chrono::Duration;
use rayon::prelude::*;
use std::collections::HashMap;

/// Everything the site says at `now`. Incidents and maintenances hold only updates published
/// by then; ones with none published are absent.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The clock the snapshot was computed at.
    pub now: Instant,
    /// `site.yaml`, as validated.
    pub config: SiteConfig,
    /// The whole page's status (the banner).
    pub page: PageStatus,
    /// Component groups in display order.
    pub groups: Vec<GroupState>,
    /// Every component in display order.
    pub components: Vec<ComponentState>,
    /// Newest first (by when the incident began), then by slug.
    pub incidents: Vec<IncidentState>,
    /// Soonest window first for upcoming and active ones, newest first for the rest.
    pub maintenances: Vec<MaintenanceState>,
    /// The latest published update anywhere, or `now` on a site with none.
    pub updated_at: Instant,
}

/// A component group and its worst status.
#[derive(Debug, Clone)]
pub struct GroupState {
    /// The group as declared.
    pub group: Group,
    /// The worst status of its components.
    pub status: ComponentStatus,
    /// Indices into `Snapshot::components`, in display order.
    pub components: Vec<usize>,
}

/// A component at `now`: its status, uptime and what affected it.
#[derive(Debug, Clone)]
pub struct ComponentState {
    /// The component as declared.
    pub component: Component,
    /// Its status at `now`, the worst of open incidents and active maintenance.
    pub status: ComponentStatus,
    /// Daily uptime over the site's `uptime_days`.
    pub uptime: Uptime,
    /// Indices into `Snapshot::incidents` of the incidents that affect it, newest first.
    pub incidents: Vec<usize>,
    /// Indices into `Snapshot::maintenances` that touch it.
    pub maintenances: Vec<usize>,
    /// Its status changes in the last `DETAIL_DAYS` before `now`, oldest first, for `notify`.
    pub changes: Vec<StatusChange>,
}

/// Incidents touched in this many days (and open ones) keep their full detail in the file
/// `notify` reads: notifications go out for new updates, which are recent, and keeping the whole
/// history would make the file grow with every incident ever written.
pub const DETAIL_DAYS: i64 = 30;

/// Options of the computation that are not part of the content.
#[derive(Debug, Clone, Copy, Default)]
pub struct ComputeOptions {
    /// Include incidents and maintenances marked `draft: true`.
    pub drafts: bool,
}

/// Days of daily history kept per component: the uptime window, and at least a year for the
/// monthly calendar.
pub fn history_days(config: &SiteConfig) -> u32 {
    config.uptime_days.max(366)
}

/// Everything a reader sees at `now`: statuses, timelines, uptime, and what is listed where.
pub fn snapshot(site: Site, now: Instant, options: ComputeOptions) -> Snapshot {
    let Site { config, groups, components, incidents, maintenances } = site;
    let incidents = incident::published(incidents, now, options.drafts);
    let maintenances = maintenance::published(maintenances, now, options.drafts);
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
    let group_states = groups
        .into_iter()
        .map(|group| {
            let members: Vec<usize> = (0..component_states.len())
                .filter(|&i| component_states[i].component.group.as_deref() == Some(group.id.as_str()))
                .collect();
            let status =
                members.iter().map(|&i| component_states[i].status).max().unwrap_or(ComponentStatus::Operational);
            GroupState { group, status, components: members }
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

impl Snapshot {
    /// Incidents to list on the front page: active ones and those with an update in the last
    /// `recent_days`, newest first.
    pub fn recent_incidents(&self) -> impl Iterator<Item = &IncidentState> {
        let since = self.now - Duration::days(i64::from(self.config.recent_days));
        self.incidents.iter().filter(move |i| i.is_active() || i.updated_at() >= since)
    }

    /// The component with this id.
    pub fn component(&self, id: &str) -> Option<&ComponentState> {
        self.components.iter().find(|c| c.component.id == id)
    }

    /// Components outside any group, in display order.
    pub fn ungrouped(&self) -> impl Iterator<Item = (usize, &ComponentState)> {
        self.components.iter().enumerate().filter(|(_, c)| c.component.group.is_none())
    }
}
