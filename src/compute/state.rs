//! What a reader sees at one moment: the `Snapshot` and its parts, shared by every step of
//! compute.

use super::incident::IncidentState;
use super::maintenance::MaintenanceState;
use super::notice::NoticeState;
use super::timeline::StatusChange;
use super::uptime::Uptime;
use crate::model::{Component, ComponentStatus, Group, Indicator, Instant, SiteConfig};
use chrono::Duration;

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
    /// Notices whose `from` has come: active ones first, each newest first.
    pub notices: Vec<NoticeState>,
    /// Third-party components, in file order: shown apart from the team's own.
    pub upstream: Vec<super::upstream::UpstreamState>,
    /// The groups third-party components are in, in file order: their section's headings. A
    /// group of vendors only is here and not in `groups`.
    pub upstream_groups: Vec<crate::model::Group>,
    /// The latest published update of an incident or maintenance (notices are not updates), or `now` on a site with none.
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

/// The page's overall status, as the banner and the API's `status` object give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageStatus {
    /// The API's indicator: none, minor, major, critical or maintenance.
    pub indicator: Indicator,
    /// "All Systems Operational", ... (English; the theme translates by indicator).
    pub description: &'static str,
    /// Key of the description for translation, e.g. `partially_degraded`.
    pub description_key: &'static str,
}
