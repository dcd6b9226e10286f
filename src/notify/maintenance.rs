//! What the clock tells about maintenance windows: a reminder some time before a window opens
//! (`notify: remind_before:`), its opening and its closing. Pure: a build and its clock in,
//! the moments due at that clock out; the journal keeps them told.
//!
//! An update that opens or closes a window (`In progress`, `Completed`, `Cancelled`) is
//! already told as that update, in its author's words, so a moment is due only where the
//! window's own times did it: the window opened at its start with no update before, or
//! closed at its end with none before. A window cancelled or completed before it opened never
//! opened; one already open or finished gets no reminder.

use crate::contract::changes::Changes;
use crate::contract::published::{Published, PublishedMaintenance};
use crate::contract::time;
use crate::model::Instant;
use chrono::{DateTime, Duration, Utc};

/// What happened to a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Moment {
    /// It opens in `remind_before` or less.
    Reminder,
    /// It opened at its start.
    Started,
    /// It closed at its end.
    Completed,
}

impl Moment {
    /// The word in reports, the journal and the webhook's `maintenance_event`.
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Moment::Reminder => "reminder",
            Moment::Started => "started",
            Moment::Completed => "completed",
        }
    }

    /// The maintenance's API status at that moment.
    pub(crate) fn api_status(self) -> &'static str {
        match self {
            Moment::Reminder => "scheduled",
            Moment::Started => "in_progress",
            Moment::Completed => "completed",
        }
    }
}

/// One moment of one window, due at the build's clock.
#[derive(Debug, Clone)]
pub(crate) struct Due {
    /// Stable across runs: the journal's key and the notification's id. A reminder's names
    /// the start it announced, so a window moved later is reminded of again.
    pub id: String,
    /// RFC 3339 UTC, for ordering.
    pub at: String,
    pub moment: Moment,
    pub maintenance: PublishedMaintenance,
}

/// The clock a build was made at: `generated_at` of its changes file. None for a build
/// without one (made before it existed): no reminders are due then.
pub(crate) fn clock(changes: Option<&Changes>) -> Option<Instant> {
    changes.and_then(|c| parse(&c.generated_at))
}

fn parse(text: &str) -> Option<Instant> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// Every moment of `new`'s windows that is due at `now`, in file order.
pub(crate) fn due(new: &Published, now: Option<Instant>, remind_before: Option<Duration>) -> Vec<Due> {
    let mut out = Vec::new();
    for m in &new.maintenances {
        let (Some(start), Some(end)) = (parse(&m.start), parse(&m.end)) else { continue };
        // Its published updates, oldest first (the file's order), as (API status, time).
        let updates: Vec<(&str, Instant)> = new
            .updates
            .iter()
            .filter(|u| u.incident_id == m.id)
            .filter_map(|u| Some((u.status.as_str(), parse(&u.at)?)))
            .collect();
        let first = |status: &str| updates.iter().find(|(s, _)| *s == status).map(|&(_, at)| at);
        // The API reads a cancelling update as `completed`, which closes the window the same way.
        let (opened, closed) = (first("in_progress"), first("completed"));
        let announced = updates.first().map(|&(_, at)| at);
        let mut push = |moment: Moment, key: String, at: Instant| {
            out.push(Due { id: key, at: time::rfc3339(at), moment, maintenance: m.clone() });
        };
        if let (Some(now), Some(before)) = (now, remind_before) {
            let remind_at = start - before;
            // `scheduled` is the API's upcoming: not open, not cancelled, not finished. A window
            // announced inside the reminder period was just told; a reminder would repeat it.
            if m.status == "scheduled" && now >= remind_at && announced.is_some_and(|a| a < remind_at) {
                push(Moment::Reminder, format!("maintenance:{}:reminder:{}", m.id, m.start), remind_at);
            }
        }
        let by_update_before = |t: Option<Instant>, limit: Instant| t.is_some_and(|t| t <= limit);
        if m.status != "scheduled" && !by_update_before(opened, start) && !by_update_before(closed, start) {
            push(Moment::Started, format!("maintenance:{}:started", m.id), start);
        }
        if m.status == "completed" && !by_update_before(closed, end) {
            push(Moment::Completed, format!("maintenance:{}:completed", m.id), end);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::contract::published::{Page, PublishedUpdate, Status};

    pub(crate) fn at(text: &str) -> Instant {
        parse(&format!("2026-12-{text}:00Z")).unwrap()
    }

    /// A window 01 10:00 to 12:00 with updates `(status, "DDTHH:MM")` and the API status.
    pub(crate) fn build(status: &str, updates: &[(&str, &str)]) -> Published {
        let maintenance = PublishedMaintenance {
            id: "m1".into(),
            title: "Upgrade".into(),
            components: vec!["web".into()],
            start: "2026-12-01T10:00:00Z".into(),
            end: "2026-12-01T12:00:00Z".into(),
            status: status.into(),
            cancelled: false,
            body: "We upgrade.".into(),
            shortlink: "https://status.example.com/maintenance/m/".into(),
        };
        let updates = updates
            .iter()
            .enumerate()
            .map(|(n, (status, when))| PublishedUpdate {
                id: format!("u{n}"),
                kind: "maintenance".into(),
                incident_id: "m1".into(),
                slug: "m".into(),
                title: "Upgrade".into(),
                status: (*status).into(),
                at: time::rfc3339(at(when)),
                created_at: String::new(),
                body: String::new(),
                shortlink: String::new(),
                components: vec!["web".into()],
                cancels: false,
            })
            .collect();
        Published {
            version: 2,
            page: Page::default(),
            status: Status::default(),
            updates,
            components: Vec::new(),
            incidents: Vec::new(),
            maintenances: vec![maintenance],
        }
    }

    fn moments(new: &Published, now: &str, remind: Option<i64>) -> Vec<&'static str> {
        due(new, Some(at(now)), remind.map(Duration::hours)).iter().map(|d| d.moment.keyword()).collect()
    }

    #[test]
    fn a_reminder_is_due_inside_its_period_only_for_an_upcoming_window_announced_before() {
        let scheduled = build("scheduled", &[("scheduled", "01T01:00")]);
        assert!(moments(&scheduled, "01T01:30", Some(2)).is_empty(), "before the period");
        assert_eq!(moments(&scheduled, "01T08:00", Some(2)), ["reminder"]);
        assert_eq!(moments(&scheduled, "01T09:59", Some(2)), ["reminder"]);
        assert!(moments(&scheduled, "01T09:00", None).is_empty(), "no remind_before, no reminder");
        let late = build("scheduled", &[("scheduled", "01T09:00")]);
        assert!(moments(&late, "01T09:30", Some(2)).is_empty(), "announced inside the period");
        let cancelled = build("completed", &[("scheduled", "01T01:00"), ("completed", "01T08:30")]);
        assert!(moments(&cancelled, "01T09:00", Some(2)).is_empty(), "cancelled before it opened");
    }

    #[test]
    fn the_clock_opens_and_closes_a_window_nobody_updated() {
        let quiet = build("in_progress", &[("scheduled", "01T01:00")]);
        assert_eq!(moments(&quiet, "01T10:00", Some(2)), ["started"]);
        let done = build("completed", &[("scheduled", "01T01:00")]);
        assert_eq!(moments(&done, "01T12:00", None), ["started", "completed"]);
        let ids: Vec<String> = due(&done, Some(at("01T12:00")), None).into_iter().map(|d| d.id).collect();
        assert_eq!(ids, ["maintenance:m1:started", "maintenance:m1:completed"]);
    }

    #[test]
    fn an_update_that_opens_or_closes_a_window_is_its_own_message() {
        let opened = build("in_progress", &[("scheduled", "01T01:00"), ("in_progress", "01T09:55")]);
        assert!(moments(&opened, "01T10:30", None).is_empty());
        let finished = build("completed", &[("scheduled", "01T01:00"), ("completed", "01T11:00")]);
        assert_eq!(moments(&finished, "01T12:30", None), ["started"]);
        let late_update = build("in_progress", &[("scheduled", "01T01:00"), ("in_progress", "01T10:20")]);
        assert_eq!(moments(&late_update, "01T10:30", None), ["started"], "the window opened at 10:00");
    }
}
