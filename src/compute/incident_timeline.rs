//! One incident's component timeline, built once from its published updates (docs/DESIGN.md, "The
//! component timeline"): front matter gives the statuses from the start; an update's
//! `Components:` line changes some from its time, a component named there first joins; a
//! resolving update closes the incident and every component's impact with it; reopening
//! restores the statuses it had. Without `Components:` lines this is the old meaning: each
//! component keeps its front matter status over every open period.

use crate::model::{ComponentStatus, Incident, Instant};

/// What one update changed for one component.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Change {
    /// The component id (components.yaml).
    pub id: String,
    /// The status the incident gave it before (operational for a component joining).
    pub old: ComponentStatus,
    /// The status from this instant on.
    pub new: ComponentStatus,
}

/// A component the incident touched, and what it did to it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Touched {
    /// The component id (components.yaml).
    pub id: String,
    /// The status the incident last gave it: the current one while the incident is open.
    pub status: ComponentStatus,
    /// The worst status the incident gave it while open (its front matter status, for a file
    /// without `Components:` lines).
    pub worst: ComponentStatus,
    /// `(start, end, status)` while the incident was open, oldest first; an open stretch ends
    /// at `now`. Operational stretches are kept: the incident still touched the component
    /// those days, though they cost no uptime.
    pub periods: Vec<(Instant, Instant, ComponentStatus)>,
}

/// Every component an incident touches, and how its status moved over the incident's life.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Timeline {
    /// Front matter components in file order, then each joining component as it joined.
    pub touched: Vec<Touched>,
    /// Per update, aligned with `Incident::updates` (newest first): the changes its
    /// `Components:` line made, leaving out entries that restate the current status.
    pub changes: Vec<Vec<Change>>,
}

/// Builds the timeline of `incident` (its published updates only) from `started_at` to `now`.
pub(super) fn build(incident: &Incident, started_at: Instant, now: Instant) -> Timeline {
    let mut builder = Builder {
        touched: incident
            .components
            .iter()
            .map(|c| Touched { id: c.id.clone(), status: c.status, worst: c.status, periods: Vec::new() })
            .collect(),
        since: vec![started_at; incident.components.len()],
        open: true,
    };
    let mut changes = vec![Vec::new(); incident.updates.len()];
    for (k, update) in incident.updates.iter().enumerate().rev() {
        for set in &update.components {
            if let Some(change) = builder.set(&set.id, set.status, update.at) {
                changes[k].push(change);
            }
        }
        match (builder.open, update.status.is_closed()) {
            (true, true) => builder.close_all(update.at),
            (false, false) => builder.reopen(update.at),
            _ => {}
        }
    }
    if builder.open {
        builder.close_all(now);
    }
    Timeline { touched: builder.touched, changes }
}

struct Builder {
    touched: Vec<Touched>,
    /// Per touched component, when its current stretch began (while open).
    since: Vec<Instant>,
    open: bool,
}

impl Builder {
    fn set(&mut self, id: &str, status: ComponentStatus, at: Instant) -> Option<Change> {
        let n = match self.touched.iter().position(|t| t.id == id) {
            Some(n) => n,
            // Joining as operational changes nothing: the component is not touched.
            None if status == ComponentStatus::Operational => return None,
            None => {
                let status = ComponentStatus::Operational;
                self.touched.push(Touched { id: id.to_string(), status, worst: status, periods: Vec::new() });
                self.since.push(at);
                self.touched.len() - 1
            }
        };
        let old = self.touched[n].status;
        if old == status {
            return None;
        }
        if self.open {
            self.end_stretch(n, at, false);
            self.since[n] = at;
        }
        let touched = &mut self.touched[n];
        touched.status = status;
        touched.worst = touched.worst.max(status);
        Some(Change { id: id.to_string(), old, new: status })
    }

    fn close_all(&mut self, at: Instant) {
        for n in 0..self.touched.len() {
            self.end_stretch(n, at, true);
        }
        self.open = false;
    }

    fn reopen(&mut self, at: Instant) {
        self.since.iter_mut().for_each(|since| *since = at);
        self.open = true;
    }

    /// Records the stretch of component `n` ending at `end`. An incident resolved the moment
    /// it opened still touched its components that day, so closing keeps an empty stretch; a
    /// status replaced at the instant it began leaves none.
    fn end_stretch(&mut self, n: usize, end: Instant, keep_empty: bool) {
        let start = self.since[n];
        let touched = &mut self.touched[n];
        if end < start || (end == start && !keep_empty) {
            return;
        }
        touched.periods.push((start, end, touched.status));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AffectedComponent, Impact, IncidentStatus, Update};
    use chrono::{TimeZone, Utc};
    use ComponentStatus::*;
    use IncidentStatus::*;

    fn at(h: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap()
    }

    fn set(id: &str, status: ComponentStatus) -> AffectedComponent {
        AffectedComponent { id: id.into(), status }
    }

    /// Updates oldest first: (status, hour, Components line).
    fn incident(start: &[AffectedComponent], updates: &[(IncidentStatus, u32, &[AffectedComponent])]) -> Incident {
        Incident {
            slug: "x".into(),
            title: "X".into(),
            impact: Impact::Major,
            impact_written: true,
            components: start.to_vec(),
            started: None,
            updates: updates
                .iter()
                .rev()
                .map(|(status, h, line)| Update {
                    status: *status,
                    is_note: false,
                    at: at(*h),
                    body: String::new(),
                    components: line.to_vec(),
                })
                .collect(),
            draft: false,
            pinned: false,
            source: "content/incidents/x.md".into(),
        }
    }

    #[test]
    fn without_components_lines_each_component_keeps_its_status_while_open() {
        let i = incident(&[set("api", PartialOutage)], &[(Investigating, 1, &[]), (Resolved, 3, &[])]);
        let t = build(&i, at(1), at(9));
        assert_eq!(t.touched[0].periods, vec![(at(1), at(3), PartialOutage)]);
        assert_eq!(t.touched[0].status, PartialOutage);
        assert!(t.changes.iter().all(Vec::is_empty));
    }

    #[test]
    fn statuses_step_down_and_operational_ends_the_impact_before_resolution() {
        let i = incident(
            &[set("api", MajorOutage)],
            &[
                (Investigating, 1, &[]),
                (Identified, 2, &[set("api", PartialOutage)]),
                (Monitoring, 4, &[set("api", Operational)]),
                (Resolved, 6, &[]),
            ],
        );
        let t = build(&i, at(1), at(9));
        assert_eq!(
            t.touched[0].periods,
            vec![(at(1), at(2), MajorOutage), (at(2), at(4), PartialOutage), (at(4), at(6), Operational)]
        );
        assert_eq!(t.touched[0].status, Operational);
        // Newest first: the monitoring update is second.
        assert_eq!(t.changes[1], vec![Change { id: "api".into(), old: PartialOutage, new: Operational }]);
        assert_eq!(t.changes[2], vec![Change { id: "api".into(), old: MajorOutage, new: PartialOutage }]);
    }

    #[test]
    fn a_component_named_later_joins_from_that_update() {
        let i = incident(
            &[set("api", MajorOutage)],
            &[(Investigating, 1, &[]), (Identified, 3, &[set("web", DegradedPerformance)])],
        );
        let t = build(&i, at(1), at(5));
        assert_eq!(t.touched[1].id, "web");
        assert_eq!(t.touched[1].periods, vec![(at(3), at(5), DegradedPerformance)]);
        assert_eq!(t.changes[0], vec![Change { id: "web".into(), old: Operational, new: DegradedPerformance }]);
    }

    #[test]
    fn reopening_restores_the_statuses_held_at_resolution() {
        let i = incident(
            &[set("api", MajorOutage)],
            &[
                (Investigating, 1, &[]),
                (Identified, 2, &[set("api", PartialOutage)]),
                (Resolved, 3, &[]),
                (Investigating, 5, &[]),
            ],
        );
        let t = build(&i, at(1), at(6));
        assert_eq!(
            t.touched[0].periods,
            vec![(at(1), at(2), MajorOutage), (at(2), at(3), PartialOutage), (at(5), at(6), PartialOutage)]
        );
    }

    #[test]
    fn restating_a_status_is_not_a_change() {
        let i = incident(
            &[set("api", MajorOutage)],
            &[(Investigating, 1, &[]), (Identified, 2, &[set("api", MajorOutage)])],
        );
        let t = build(&i, at(1), at(4));
        assert!(t.changes[0].is_empty());
        assert_eq!(t.touched[0].periods, vec![(at(1), at(4), MajorOutage)]);
    }
}
