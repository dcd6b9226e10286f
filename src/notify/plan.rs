//! What to send: every update in the new build and not in the old one, and every component
//! whose status changed, oldest first. Pure: two `Published` in, notifications out.

use crate::model::notify::NotifyTarget;
use crate::render::published::{Published, PublishedComponent, PublishedUpdate};
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
pub struct Notification {
    /// Stable across runs: the journal's key.
    pub id: String,
    /// RFC 3339 UTC, for ordering.
    pub at: String,
    pub event: Event,
}

#[derive(Debug, Clone)]
pub enum Event {
    Update(PublishedUpdate),
    Component { component: PublishedComponent, old_status: String },
}

impl Notification {
    /// Component ids the notification is about, for targets limited to some components.
    pub fn components(&self) -> Vec<&str> {
        match &self.event {
            Event::Update(u) => u.components.iter().map(String::as_str).collect(),
            Event::Component { component, .. } => vec![component.id.as_str()],
        }
    }

    /// One line for reports and `--dry-run`.
    pub fn summary(&self) -> String {
        match &self.event {
            Event::Update(u) => format!("{} `{}`: {} at {}", u.kind, u.title, u.status, u.at),
            Event::Component { component, old_status } => {
                format!("component `{}`: {} -> {}", component.name, old_status, component.status)
            }
        }
    }
}

/// Notifications of `new` that `old` did not publish, oldest first; at one instant updates come
/// before the status changes they cause.
pub fn diff(old: &Published, new: &Published) -> Vec<Notification> {
    let seen: BTreeSet<(&str, &str)> = old.updates.iter().map(|u| (u.incident_id.as_str(), u.id.as_str())).collect();
    let mut out: Vec<(u8, Notification)> = new
        .updates
        .iter()
        .filter(|u| !seen.contains(&(u.incident_id.as_str(), u.id.as_str())))
        .map(|u| {
            let id = format!("update:{}:{}", u.incident_id, u.id);
            (0, Notification { id, at: u.at.clone(), event: Event::Update(u.clone()) })
        })
        .collect();
    for component in &new.components {
        let Some(before) = old.components.iter().find(|c| c.id == component.id) else { continue };
        if before.status == component.status {
            continue;
        }
        let at = changed_at(component);
        let id = format!("component:{}:{}:{}:{}", component.id, before.status, component.status, at);
        let event = Event::Component { component: component.clone(), old_status: before.status.clone() };
        out.push((1, Notification { id, at, event }));
    }
    out.sort_by(|a, b| (&a.1.at, a.0, &a.1.id).cmp(&(&b.1.at, b.0, &b.1.id)));
    out.into_iter().map(|(_, n)| n).collect()
}

/// The component's `updated_at` (the newest update touching it) in UTC.
fn changed_at(component: &PublishedComponent) -> String {
    let text = component.api.get("updated_at").and_then(|v| v.as_str()).unwrap_or("");
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|t| crate::render::time::rfc3339(t.with_timezone(&chrono::Utc)))
        .unwrap_or_else(|_| text.to_string())
}

/// A target limited to some components hears only about those.
pub fn wanted(target: &NotifyTarget, notification: &Notification) -> bool {
    target.components.is_empty() || notification.components().iter().any(|c| target.components.iter().any(|t| t == c))
}
