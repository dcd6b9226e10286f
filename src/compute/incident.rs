//! An incident at `now`: which updates are out, whether it is open, and when it hurt.

use super::incident_timeline::{self, Change, Timeline, Touched};
use crate::model::{ComponentStatus, Impact, Incident, IncidentStatus, Instant};
use rayon::prelude::*;
use std::sync::Arc;

/// An incident as the site shows it at `now`: its published updates and what they add up to.
#[derive(Debug, Clone, Hash)]
pub struct IncidentState {
    /// The incident with only its published updates (newest first, never empty).
    pub incident: Arc<Incident>,
    /// The status of the latest published update.
    pub status: IncidentStatus,
    /// When impact began: `started`, else the first update.
    pub started_at: Instant,
    /// When it was last resolved, if it is closed now.
    pub resolved_at: Option<Instant>,
    /// When it first went to monitoring, if it did.
    pub monitoring_at: Option<Instant>,
    /// Periods during which it was open, oldest first; an open one ends at `now`.
    pub open_periods: Vec<(Instant, Instant)>,
    /// What it did to each component over time, from its published updates.
    pub timeline: Timeline,
}

impl IncidentState {
    /// True while the incident is open (not resolved) at `now`.
    pub fn is_active(&self) -> bool {
        !self.status.is_closed()
    }

    /// When its first published update was posted.
    pub fn created_at(&self) -> Instant {
        self.incident.updates.last().map(|u| u.at).unwrap_or(self.started_at)
    }

    /// When its latest published update was posted.
    pub fn updated_at(&self) -> Instant {
        self.incident.updates.first().map(|u| u.at).unwrap_or(self.started_at)
    }

    /// The impact written in front matter; without one, the impact of the worst status the
    /// incident gave any component so far (a component joining in an outage raises it).
    pub fn impact(&self) -> Impact {
        if self.incident.impact_written {
            return self.incident.impact;
        }
        let worst = self.touched().iter().map(|t| t.worst.implied_impact()).max();
        worst.map_or(self.incident.impact, |w| w.max(self.incident.impact))
    }

    /// How the incident page lists a component: its status now while the incident is open,
    /// the worst it reached once it is closed.
    pub fn shown_status(&self, touched: &Touched) -> ComponentStatus {
        if self.is_active() {
            touched.status
        } else {
            touched.worst
        }
    }

    /// Every component it touched, with the status it last gave each.
    pub fn touched(&self) -> &[Touched] {
        &self.timeline.touched
    }

    /// The status it last gave `component`: the current one while the incident is open.
    pub fn status_of(&self, component: &str) -> Option<ComponentStatus> {
        self.touched().iter().find(|c| c.id == component).map(|c| c.status)
    }

    /// What the update at `index` (into `incident.updates`, newest first) changed.
    pub fn changes_at(&self, index: usize) -> &[Change] {
        self.timeline.changes.get(index).map_or(&[], Vec::as_slice)
    }

    /// From impact to resolution, or to `now` while open.
    pub fn duration_end(&self, now: Instant) -> Instant {
        self.resolved_at.unwrap_or(now)
    }
}

/// Keeps incidents with at least one update published by `now`, cut down to those updates,
/// newest first.
pub(super) fn published(incidents: Vec<Arc<Incident>>, now: Instant, drafts: bool) -> Vec<IncidentState> {
    let mut states: Vec<IncidentState> = incidents
        .into_par_iter()
        .filter(|i| drafts || !i.draft)
        .filter_map(|mut incident| {
            // Shared with the cache of checked files: copied only when something is cut.
            if incident.updates.iter().any(|u| u.at > now) {
                Arc::make_mut(&mut incident).updates.retain(|u| u.at <= now);
            }
            let latest = incident.updates.first()?;
            let status = latest.status;
            let started_at = incident.started.unwrap_or(incident.updates.last()?.at);
            let open_periods = open_periods(&incident, started_at, now);
            let resolved_at = if status.is_closed() { open_periods.last().map(|p| p.1) } else { None };
            let monitoring_at =
                incident.updates.iter().rev().find(|u| u.status == IncidentStatus::Monitoring).map(|u| u.at);
            let timeline = incident_timeline::build(&incident, started_at, now);
            Some(IncidentState { incident, status, started_at, resolved_at, monitoring_at, open_periods, timeline })
        })
        .collect();
    states.par_sort_by(|a, b| b.started_at.cmp(&a.started_at).then_with(|| a.incident.slug.cmp(&b.incident.slug)));
    states
}

/// Open from impact until a resolving update; reopened by a later unresolved update.
fn open_periods(incident: &Incident, started_at: Instant, now: Instant) -> Vec<(Instant, Instant)> {
    let mut periods = Vec::new();
    let mut open = Some(started_at);
    for update in incident.updates.iter().rev() {
        match (update.status.is_closed(), open) {
            (true, Some(since)) => {
                periods.push((since, update.at.max(since)));
                open = None;
            }
            (false, None) => open = Some(update.at),
            _ => {}
        }
    }
    if let Some(since) = open {
        periods.push((since, now.max(since)));
    }
    periods
}

/// The worst status that open incidents give a component now.
pub(super) fn worst_status<'a>(
    component: &str,
    incidents: impl IntoIterator<Item = &'a IncidentState>,
) -> ComponentStatus {
    incidents
        .into_iter()
        .filter(|i| i.is_active())
        .filter_map(|i| i.status_of(component))
        .max()
        .unwrap_or(ComponentStatus::Operational)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AffectedComponent, Update};
    use chrono::{TimeZone, Utc};

    fn at(h: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap()
    }

    fn incident(updates: &[(IncidentStatus, u32)]) -> Incident {
        Incident {
            slug: "x".into(),
            title: "X".into(),
            impact: Impact::Major,
            impact_written: true,
            components: vec![AffectedComponent { id: "api".into(), status: ComponentStatus::PartialOutage }],
            started: None,
            updates: updates
                .iter()
                .rev()
                .map(|&(status, h)| Update {
                    status,
                    is_note: false,
                    at: at(h),
                    body: String::new(),
                    components: Vec::new(),
                })
                .collect(),
            draft: false,
            pinned: false,
            source: "content/incidents/x.md".into(),
        }
    }

    #[test]
    fn updates_after_now_are_not_published() {
        use IncidentStatus::*;
        let states = published(vec![Arc::new(incident(&[(Investigating, 1), (Resolved, 5)]))], at(3), false);
        assert_eq!(states[0].incident.updates.len(), 1);
        assert_eq!(states[0].status, Investigating);
        assert_eq!(states[0].open_periods, vec![(at(1), at(3))]);
        assert_eq!(worst_status("api", &states), ComponentStatus::PartialOutage);
    }

    #[test]
    fn an_incident_whose_first_update_is_after_now_does_not_appear() {
        let states = published(vec![Arc::new(incident(&[(IncidentStatus::Investigating, 5)]))], at(3), false);
        assert!(states.is_empty());
    }

    #[test]
    fn a_resolved_incident_no_longer_affects_status() {
        use IncidentStatus::*;
        let states =
            published(vec![Arc::new(incident(&[(Investigating, 1), (Monitoring, 2), (Resolved, 4)]))], at(6), false);
        assert_eq!(states[0].resolved_at, Some(at(4)));
        assert_eq!(states[0].monitoring_at, Some(at(2)));
        assert_eq!(worst_status("api", &states), ComponentStatus::Operational);
    }

    #[test]
    fn a_reopened_incident_has_two_open_periods() {
        use IncidentStatus::*;
        let states =
            published(vec![Arc::new(incident(&[(Investigating, 1), (Resolved, 2), (Investigating, 4)]))], at(6), false);
        assert_eq!(states[0].open_periods, vec![(at(1), at(2)), (at(4), at(6))]);
        assert!(states[0].is_active());
    }

    #[test]
    fn started_moves_the_beginning_of_impact_earlier() {
        use IncidentStatus::*;
        let mut i = incident(&[(Investigating, 2), (Resolved, 4)]);
        i.started = Some(at(1));
        let states = published(vec![Arc::new(i)], at(6), false);
        assert_eq!(states[0].open_periods, vec![(at(1), at(4))]);
    }

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let mut i = incident(&[(IncidentStatus::Investigating, 1)]);
        i.draft = true;
        assert!(published(vec![Arc::new(i.clone())], at(3), false).is_empty());
        assert_eq!(published(vec![Arc::new(i)], at(3), true).len(), 1);
    }
}
