//! One component's history as non-overlapping spans, each with the worst status in force, so
//! overlapping incidents are never counted twice.

use super::incident::IncidentState;
use super::maintenance::MaintenanceState;
use crate::model::{ComponentStatus, Instant};

/// A stretch of time with one status, and what caused it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub start: Instant,
    pub end: Instant,
    pub status: ComponentStatus,
}

/// A raw interval before merging: one incident's or window's effect on the component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Effect {
    pub start: Instant,
    pub end: Instant,
    pub status: ComponentStatus,
    /// `incidents/<slug>` or `maintenance/<slug>`, for listing per day.
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Source {
    Incident(usize),
    Maintenance(usize),
}

/// Every effect on one component that lasts until `from` or later, oldest first, from the
/// incidents and maintenances (with their indices) that may touch it. Older effects cannot
/// change a day of the history, and a long history has years of them.
pub(super) fn spans_for<'a>(
    component: &str,
    incidents: impl IntoIterator<Item = (usize, &'a IncidentState)>,
    maintenances: impl IntoIterator<Item = (usize, &'a MaintenanceState)>,
    from: Instant,
) -> Vec<Effect> {
    let mut effects = Vec::new();
    for (i, incident) in incidents {
        if let Some(touched) = incident.touched().iter().find(|t| t.id == component) {
            for &(start, end, status) in touched.periods.iter().filter(|(_, end, _)| *end >= from) {
                effects.push(Effect { start, end, status, source: Source::Incident(i) });
            }
        }
    }
    for (i, m) in maintenances {
        let period = m.active_period.filter(|(_, end)| *end >= from);
        if let (true, Some((start, end))) = (m.maintenance.components.iter().any(|c| c == component), period) {
            effects.push(Effect {
                start,
                end,
                status: ComponentStatus::UnderMaintenance,
                source: Source::Maintenance(i),
            });
        }
    }
    effects.sort_by(|a, b| (a.start, a.end, &a.source).cmp(&(b.start, b.end, &b.source)));
    effects
}

/// Merges overlapping effects into spans of the worst status at each instant (a sweep over
/// start and end points with a count per status).
pub(super) fn merge(effects: &[Effect]) -> Vec<Span> {
    let mut points: Vec<(Instant, bool, ComponentStatus)> = Vec::with_capacity(effects.len() * 2);
    for e in effects.iter().filter(|e| e.end > e.start && e.status != ComponentStatus::Operational) {
        points.push((e.start, true, e.status));
        points.push((e.end, false, e.status));
    }
    points.sort();
    let mut counts = [0usize; 5];
    let mut spans: Vec<Span> = Vec::new();
    let mut previous: Option<Instant> = None;
    for (at, opens, status) in points {
        if let (Some(from), Some(worst)) = (previous, worst(&counts)) {
            if at > from {
                match spans.last_mut() {
                    Some(last) if last.end == from && last.status == worst => last.end = at,
                    _ => spans.push(Span { start: from, end: at, status: worst }),
                }
            }
        }
        let slot = &mut counts[status as usize];
        if opens {
            *slot += 1;
        } else {
            *slot = slot.saturating_sub(1);
        }
        previous = Some(at);
    }
    spans
}

/// A change of a component's status, worst of everything in force, at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    /// When the status changed.
    pub at: Instant,
    /// The status before.
    pub old: ComponentStatus,
    /// The status after.
    pub new: ComponentStatus,
}

/// The changes of the status that `spans` (merged: sorted, apart, non-operational) give after
/// `from`, up to and including `now`, where the status is `at_now`. Spans of what is still
/// open end at `now`, so the last change is read from `at_now`, not from where spans end.
/// One pass over the spans.
pub(super) fn changes(spans: &[Span], from: Instant, now: Instant, at_now: ComponentStatus) -> Vec<StatusChange> {
    // Each span's start and end, with the status in force from there on.
    let steps = spans.iter().enumerate().flat_map(|(i, span)| {
        let next = spans.get(i + 1).filter(|n| n.start == span.end).map_or(ComponentStatus::Operational, |n| n.status);
        [(span.start, span.status), (span.end, next)]
    });
    let mut out = Vec::new();
    let mut current = ComponentStatus::Operational;
    for (at, status) in steps.take_while(|&(at, _)| at < now) {
        if at > from && status != current {
            out.push(StatusChange { at, old: current, new: status });
        }
        current = status;
    }
    if at_now != current {
        out.push(StatusChange { at: now, old: current, new: at_now });
    }
    out
}

fn worst(counts: &[usize; 5]) -> Option<ComponentStatus> {
    ComponentStatus::ALL.iter().rev().copied().find(|s| counts[*s as usize] > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use ComponentStatus::*;

    fn at(h: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap()
    }

    fn effect(start: u32, end: u32, status: ComponentStatus) -> Effect {
        Effect { start: at(start), end: at(end), status, source: Source::Incident(0) }
    }

    #[test]
    fn overlapping_effects_take_the_worst_status_at_each_instant() {
        let spans = merge(&[effect(1, 5, DegradedPerformance), effect(2, 3, MajorOutage)]);
        assert_eq!(
            spans,
            vec![
                Span { start: at(1), end: at(2), status: DegradedPerformance },
                Span { start: at(2), end: at(3), status: MajorOutage },
                Span { start: at(3), end: at(5), status: DegradedPerformance },
            ]
        );
    }

    #[test]
    fn two_identical_outages_count_once() {
        let spans = merge(&[effect(1, 3, MajorOutage), effect(1, 3, MajorOutage)]);
        assert_eq!(spans, vec![Span { start: at(1), end: at(3), status: MajorOutage }]);
    }

    #[test]
    fn changes_are_read_at_span_boundaries_and_not_at_now() {
        let spans = merge(&[effect(1, 5, DegradedPerformance), effect(2, 3, MajorOutage), effect(6, 8, PartialOutage)]);
        let changes = changes(&spans, at(0), at(8), PartialOutage);
        let seen: Vec<(u32, ComponentStatus)> =
            changes.iter().map(|c| (chrono::Timelike::hour(&c.at), c.new)).collect();
        assert_eq!(
            seen,
            [
                (1, DegradedPerformance),
                (2, MajorOutage),
                (3, DegradedPerformance),
                (5, Operational),
                (6, PartialOutage)
            ]
        );
    }

    #[test]
    fn a_status_beginning_or_ending_at_now_is_read_from_the_status_now() {
        let open = merge(&[effect(1, 4, MajorOutage)]);
        assert_eq!(changes(&open, at(0), at(4), MajorOutage).len(), 1, "still open at 4: no change there");
        let resolved_now = changes(&open, at(0), at(4), Operational);
        assert_eq!(resolved_now.last().map(|c| (c.at, c.new)), Some((at(4), Operational)));
        let started_now = changes(&[], at(0), at(4), PartialOutage);
        assert_eq!(started_now.last().map(|c| (c.at, c.new)), Some((at(4), PartialOutage)));
    }

    #[test]
    fn adjacent_spans_of_one_status_join() {
        let spans = merge(&[effect(1, 2, PartialOutage), effect(2, 4, PartialOutage)]);
        assert_eq!(spans, vec![Span { start: at(1), end: at(4), status: PartialOutage }]);
    }
}
