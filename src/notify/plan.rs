//! What to send: every update in the new build that subscribers were not told of, every
//! component whose status changed since, and every maintenance moment due (`maintenance`),
//! oldest first. Pure: the journal's baseline and the new build's files in, notifications out.

use super::journal::{change_key, update_keys, Baseline};
use super::maintenance::{self, Moment};
use crate::contract::changes::{Change as ChangeEntry, Changes};
use crate::contract::published::{Published, PublishedComponent, PublishedMaintenance, PublishedUpdate};
use crate::model::notify::NotifyTarget;
use chrono_tz::Tz;
use serde_json::Value;

#[derive(Debug, Clone)]
pub(crate) struct Notification {
    /// Stable across runs: the journal's key.
    pub id: String,
    /// RFC 3339 UTC, for ordering.
    pub at: String,
    pub event: Event,
}

#[derive(Debug, Clone)]
pub(crate) enum Event {
    Update(PublishedUpdate),
    Component {
        component: PublishedComponent,
        old_status: String,
    },
    /// A window's reminder, or its opening or closing by the clock.
    Maintenance {
        moment: Moment,
        maintenance: PublishedMaintenance,
    },
}

impl Notification {
    /// Component ids the notification is about, for targets limited to some components.
    pub(crate) fn components(&self) -> Vec<&str> {
        match &self.event {
            Event::Update(u) => u.components.iter().map(String::as_str).collect(),
            Event::Component { component, .. } => vec![component.id.as_str()],
            Event::Maintenance { maintenance, .. } => maintenance.components.iter().map(String::as_str).collect(),
        }
    }

    /// One line for reports and `--dry-run`.
    /// Titles and names come from content: control characters and `::` are neutralized, so a
    /// title cannot start a workflow command (`::set-output`, `::add-mask`) in a CI log.
    pub(crate) fn summary(&self) -> String {
        match &self.event {
            Event::Update(u) => {
                let status = if u.cancels { "cancelled" } else { u.status.as_str() };
                format!("{} `{}`: {} at {}", u.kind, plain(&u.title), status, u.at)
            }
            Event::Component { component, old_status } => {
                format!("component `{}`: {} -> {}", plain(&component.name), old_status, component.status)
            }
            Event::Maintenance { moment, maintenance } => {
                let moment = match moment {
                    Moment::Completed if maintenance.cancelled => "cancelled",
                    other => other.keyword(),
                };
                format!("maintenance `{}`: {} at {}", plain(&maintenance.title), moment, self.at)
            }
        }
    }
}

/// `text` on one line, without control characters, and with `::` broken up.
fn plain(text: &str) -> String {
    let one_line: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    one_line.replace("::", ":\u{200b}:")
}

/// Notifications of `new` beyond what subscribers know (`old`), oldest first; at one instant
/// updates and maintenance moments come before the status changes they cause. A component's
/// changes come from the new build's `changes` (each step with its own old and new status)
/// when subscribers were told of a build that had them, else as one step. `remind_before`
/// (site.yaml) says which maintenance reminders are due at the build's clock.
pub(crate) fn diff(
    old: &Baseline,
    new: &Published,
    changes: Option<&Changes>,
    remind_before: Option<chrono::Duration>,
) -> Vec<Notification> {
    let mut out: Vec<(u8, Notification)> = new
        .updates
        .iter()
        .zip(update_keys(&new.updates))
        .filter(|(u, key)| !old.updates.contains(&(u.incident_id.clone(), key.clone())))
        .map(|(u, key)| {
            let id = format!("update:{}:{key}", u.incident_id);
            (0, Notification { id, at: u.at.clone(), event: Event::Update(u.clone()) })
        })
        .collect();
    // A journal from before maintenance moments were told knows none: they wait for a baseline.
    if let Some(told) = &old.maintenance {
        let due = maintenance::due(new, maintenance::clock(changes), remind_before);
        // A window announced in this very run needs no reminder beside its announcement (a
        // pull request merged inside the reminder period); the run records it as told.
        let first_update = |id: &str| new.updates.iter().find(|u| u.incident_id == id).map(|u| &u.id);
        let announced_now: Vec<&str> = out
            .iter()
            .filter_map(|(_, n)| match &n.event {
                Event::Update(u) if u.kind == "maintenance" && first_update(&u.incident_id) == Some(&u.id) => {
                    Some(u.incident_id.as_str())
                }
                _ => None,
            })
            .collect();
        let untold = |d: &maintenance::Due| {
            let beside_announcement =
                d.moment == maintenance::Moment::Reminder && announced_now.contains(&d.maintenance.id.as_str());
            !told.contains(&d.id) && !beside_announcement
        };
        let due: Vec<maintenance::Due> = due.into_iter().filter(untold).collect();
        out.extend(due.into_iter().map(|d| {
            let event = Event::Maintenance { moment: d.moment, maintenance: d.maintenance };
            (0, Notification { id: d.id, at: d.at, event })
        }));
    }
    for component in &new.components {
        let Some(before) = old.components.get(&component.id) else { continue };
        // Without the changes of both builds (one made before they were written), the only
        // step is from the status last told to the new one.
        let steps = match (changes, &old.changes) {
            (Some(changes), Some(known)) => unknown_changes(component, changes, known),
            _ => Vec::new(),
        };
        let notifications = chain(new, component, before, steps);
        out.extend(notifications.into_iter().map(|n| (1, n)));
    }
    out.sort_by(|a, b| (&a.1.at, a.0, &a.1.id).cmp(&(&b.1.at, b.0, &b.1.id)));
    out.into_iter().map(|(_, n)| n).collect()
}

/// The changes of `component` in the new build that the journal does not know, oldest first:
/// new ones, and ones dated in the past by an incident written after the fact.
fn unknown_changes<'c>(
    component: &PublishedComponent,
    changes: &'c Changes,
    known: &std::collections::BTreeSet<String>,
) -> Vec<&'c ChangeEntry> {
    let listed = changes.components.iter().find(|c| c.id == component.id);
    listed.map_or_else(Vec::new, |c| {
        c.changes.iter().filter(|c| !known.contains(&change_key(&component.id, c))).collect()
    })
}

/// The steps that lead on from what subscribers were told (`before`): a change starting from
/// another status rewrites history they did not hear (an incident backdated over one they
/// did), so it is passed over; whatever is left to reach the new status is one last step.
fn chain(new: &Published, component: &PublishedComponent, before: &str, steps: Vec<&ChangeEntry>) -> Vec<Notification> {
    let mut out = Vec::new();
    let mut told = before.to_string();
    let mut last_at = String::new();
    for step in steps {
        if step.old_status == told && step.new_status != told {
            out.push(change(new, component, &step.old_status, &step.new_status, &step.at));
            told.clone_from(&step.new_status);
            last_at.clone_from(&step.at);
        }
    }
    if told != component.status {
        let at = changed_at(component).max(last_at);
        out.push(change(new, component, &told, &component.status, &at));
    }
    out
}

/// `component` going from `old_status` to `new_status` at `at` (RFC 3339 UTC). The component
/// object is the new build's, set to that status as of then.
fn change(
    new: &Published,
    component: &PublishedComponent,
    old_status: &str,
    new_status: &str,
    at: &str,
) -> Notification {
    let id = format!("component:{}:{old_status}:{new_status}:{at}", component.id);
    let mut component = component.clone();
    let zone = new.page.time_zone.parse().unwrap_or(Tz::UTC);
    component.status = new_status.to_string();
    if let Some(api) = component.api.as_object_mut() {
        api.insert("status".into(), Value::String(new_status.to_string()));
        // The change's own time: a window opening changes the status with no update posted.
        api.insert("updated_at".into(), Value::String(crate::contract::published::api_time(at, zone)));
    }
    let event = Event::Component { component, old_status: old_status.to_string() };
    Notification { id, at: at.to_string(), event }
}

/// The component's `updated_at` (the newest update touching it) in UTC.
fn changed_at(component: &PublishedComponent) -> String {
    let text = component.api.get("updated_at").and_then(|v| v.as_str()).unwrap_or("");
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| crate::contract::time::rfc3339(t.with_timezone(&chrono::Utc)))
        .unwrap_or_else(|_| text.to_string())
}

/// A target limited to some components hears only about those.
pub(crate) fn wanted(target: &NotifyTarget, notification: &Notification) -> bool {
    target.components.is_empty() || notification.components().iter().any(|c| target.components.iter().any(|t| t == c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::changes::Changes;
    use crate::notify::maintenance::tests::build;

    /// Journals written before maintenance moments were told know none of them: the first run
    /// after takes the due ones as told instead of sending a month of past windows at once.
    #[test]
    fn a_journal_from_before_maintenance_moments_sends_none_until_its_baseline_knows_them() {
        let new = build("completed", &[("scheduled", "01T01:00")]);
        let changes = Changes { version: 1, generated_at: "2026-12-01T12:30:00Z".into(), components: Vec::new() };
        let mut old = Baseline::of(&new, Some(&changes), None);
        let ids = |old: &Baseline| -> Vec<String> {
            diff(old, &new, Some(&changes), None).into_iter().map(|n| n.id).collect()
        };
        assert!(ids(&old).is_empty(), "all told");
        old.maintenance = Some(Default::default());
        assert_eq!(ids(&old), ["maintenance:m1:started", "maintenance:m1:completed"]);
        old.maintenance = None;
        assert!(ids(&old).is_empty(), "a journal from before tells none");
    }
}
