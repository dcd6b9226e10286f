//! A maintenance window at `now`: upcoming, in progress, verifying, completed or cancelled.

use crate::model::{ComponentStatus, Instant, Maintenance, MaintenanceStatus};
use std::sync::Arc;

/// Where a window stands at `now`, as readers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MaintenancePhase {
    /// The window has not opened yet.
    Upcoming,
    /// The window is open, or an update says work is under way.
    InProgress,
    /// Work is done and being verified.
    Verifying,
    /// Finished: the window closed or an update said completed.
    Completed,
    /// Called off; it affects nothing.
    Cancelled,
}

impl MaintenancePhase {
    /// The Statuspage API has no cancelled status: a cancelled window reads as completed.
    pub fn api_status(self) -> MaintenanceStatus {
        match self {
            MaintenancePhase::Upcoming => MaintenanceStatus::Scheduled,
            MaintenancePhase::InProgress => MaintenanceStatus::InProgress,
            MaintenancePhase::Verifying => MaintenanceStatus::Verifying,
            MaintenancePhase::Completed | MaintenancePhase::Cancelled => MaintenanceStatus::Completed,
        }
    }

    /// The snake_case keyword used in the API and feeds.
    pub fn keyword(self) -> &'static str {
        match self {
            MaintenancePhase::Upcoming => "upcoming",
            MaintenancePhase::InProgress => "in_progress",
            MaintenancePhase::Verifying => "verifying",
            MaintenancePhase::Completed => "completed",
            MaintenancePhase::Cancelled => "cancelled",
        }
    }

    /// True while the maintenance puts its components under maintenance.
    pub fn is_active(self) -> bool {
        matches!(self, MaintenancePhase::InProgress | MaintenancePhase::Verifying)
    }
}

/// A maintenance window as the site shows it at `now`.
#[derive(Debug, Clone, Hash)]
pub struct MaintenanceState {
    /// The window with only its published updates (newest first, never empty).
    pub maintenance: Arc<Maintenance>,
    /// Where it stands at `now`.
    pub phase: MaintenancePhase,
    /// When components are (or were) under maintenance; None if it never began.
    pub active_period: Option<(Instant, Instant)>,
}

impl MaintenanceState {
    /// When its first published update was posted.
    pub fn created_at(&self) -> Instant {
        self.maintenance.updates.last().map(|u| u.at).unwrap_or(self.maintenance.window.start)
    }

    /// When its latest published update was posted.
    pub fn updated_at(&self) -> Instant {
        self.maintenance.updates.first().map(|u| u.at).unwrap_or(self.maintenance.window.start)
    }
}

pub(super) fn published(maintenances: Vec<Arc<Maintenance>>, now: Instant, drafts: bool) -> Vec<MaintenanceState> {
    let mut states: Vec<MaintenanceState> = maintenances
        .into_iter()
        .filter(|m| drafts || !m.draft)
        .filter_map(|mut maintenance| {
            // Shared with the cache of checked files: copied only when something is cut.
            if maintenance.updates.iter().any(|u| u.at > now) {
                Arc::make_mut(&mut maintenance).updates.retain(|u| u.at <= now);
            }
            maintenance.updates.first()?;
            let (phase, active_period) = phase(&maintenance, now);
            Some(MaintenanceState { maintenance, phase, active_period })
        })
        .collect();
    // Open windows soonest first, then finished ones newest first.
    states.sort_by(|a, b| {
        let finished =
            |s: &MaintenanceState| matches!(s.phase, MaintenancePhase::Completed | MaintenancePhase::Cancelled);
        finished(a)
            .cmp(&finished(b))
            .then_with(|| {
                if finished(a) {
                    b.maintenance.window.start.cmp(&a.maintenance.window.start)
                } else {
                    a.maintenance.window.start.cmp(&b.maintenance.window.start)
                }
            })
            .then_with(|| a.maintenance.slug.cmp(&b.maintenance.slug))
    });
    states
}

/// The window opens at its start (or an earlier "in progress" update) and closes at its end
/// (or an earlier "completed" update). docs/DESIGN.md: in progress inside it until completed,
/// completed after it.
fn phase(m: &Maintenance, now: Instant) -> (MaintenancePhase, Option<(Instant, Instant)>) {
    let latest = m.updates[0].status;
    let oldest_first = || m.updates.iter().rev();
    let opened = oldest_first().find(|u| u.status == MaintenanceStatus::InProgress).map(|u| u.at);
    let start = opened.map_or(m.window.start, |t| t.min(m.window.start));
    let closed = oldest_first()
        .find(|u| matches!(u.status, MaintenanceStatus::Completed | MaintenanceStatus::Cancelled))
        .map(|u| u.at);
    let end = closed.map_or(m.window.end, |t| t.min(m.window.end));
    let period = |until: Instant| if until > start { Some((start, until)) } else { None };
    if latest == MaintenanceStatus::Cancelled {
        return (MaintenancePhase::Cancelled, period(end.min(now)));
    }
    if latest == MaintenanceStatus::Completed || now >= end {
        return (MaintenancePhase::Completed, period(end.min(now)));
    }
    if now >= start {
        let phase = if latest == MaintenanceStatus::Verifying {
            MaintenancePhase::Verifying
        } else {
            MaintenancePhase::InProgress
        };
        return (phase, period(now));
    }
    (MaintenancePhase::Upcoming, None)
}

/// `under_maintenance` while a window touching the component is open, else operational.
pub(super) fn status_of<'a>(
    component: &str,
    maintenances: impl IntoIterator<Item = &'a MaintenanceState>,
) -> ComponentStatus {
    let active = maintenances
        .into_iter()
        .any(|m| m.phase.is_active() && m.maintenance.components.iter().any(|c| c == component));
    if active {
        ComponentStatus::UnderMaintenance
    } else {
        ComponentStatus::Operational
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Update, Window};
    use chrono::{TimeZone, Utc};

    fn at(h: u32) -> Instant {
        Utc.with_ymd_and_hms(2026, 1, 1, h, 0, 0).unwrap()
    }

    fn window(updates: &[(MaintenanceStatus, u32)]) -> Arc<Maintenance> {
        Arc::new(Maintenance {
            slug: "m".into(),
            title: "M".into(),
            components: vec!["smpp".into()],
            window: Window { start: at(10), end: at(12) },
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
            source: "content/maintenance/m.md".into(),
        })
    }

    fn phase_at(updates: &[(MaintenanceStatus, u32)], now: u32) -> MaintenancePhase {
        published(vec![window(updates)], at(now), false)[0].phase
    }

    #[test]
    fn phases_follow_the_window_and_the_updates() {
        use MaintenanceStatus::*;
        let scheduled = [(Scheduled, 1)];
        assert_eq!(phase_at(&scheduled, 9), MaintenancePhase::Upcoming);
        assert_eq!(phase_at(&scheduled, 10), MaintenancePhase::InProgress);
        assert_eq!(phase_at(&scheduled, 12), MaintenancePhase::Completed);
        assert_eq!(phase_at(&[(Scheduled, 1), (Verifying, 11)], 11), MaintenancePhase::Verifying);
        assert_eq!(phase_at(&[(Scheduled, 1), (Completed, 11)], 11), MaintenancePhase::Completed);
        assert_eq!(phase_at(&[(Scheduled, 1), (Cancelled, 5)], 11), MaintenancePhase::Cancelled);
        assert_eq!(phase_at(&[(Scheduled, 1), (InProgress, 9)], 9), MaintenancePhase::InProgress);
    }

    #[test]
    fn components_are_under_maintenance_only_while_the_window_is_open() {
        use MaintenanceStatus::*;
        let states = |now| published(vec![window(&[(Scheduled, 1)])], at(now), false);
        assert_eq!(status_of("smpp", &states(9)), ComponentStatus::Operational);
        assert_eq!(status_of("smpp", &states(11)), ComponentStatus::UnderMaintenance);
        assert_eq!(status_of("web", &states(11)), ComponentStatus::Operational);
        assert_eq!(status_of("smpp", &states(13)), ComponentStatus::Operational);
    }

    #[test]
    fn an_early_completion_closes_the_window() {
        use MaintenanceStatus::*;
        let state = &published(vec![window(&[(Scheduled, 1), (Completed, 11)])], at(13), false)[0];
        assert_eq!(state.active_period, Some((at(10), at(11))));
    }

    #[test]
    fn a_cancelled_window_never_opens() {
        use MaintenanceStatus::*;
        let state = &published(vec![window(&[(Scheduled, 1), (Cancelled, 5)])], at(13), false)[0];
        assert_eq!(state.active_period, None);
        assert_eq!(state.phase.api_status(), Completed);
    }
}
