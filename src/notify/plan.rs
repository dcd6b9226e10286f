//! What to send: every update in the new build that subscribers were not told of, and every
//! component whose status changed since, oldest first. Pure: the journal's baseline and a
//! `Published` in, notifications out.

use super::journal::Baseline;
use crate::model::notify::NotifyTarget;
use crate::render::published::{Published, PublishedComponent, PublishedUpdate};
use serde_json::Value;
use std::collections::BTreeMap;

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

/// Notifications of `new` beyond what subscribers know (`old`), oldest first; at one instant
/// updates come before the status changes they cause.
pub fn diff(old: &Baseline, new: &Published) -> Vec<Notification> {
    let mut out: Vec<(u8, Notification)> = new
        .updates
        .iter()
        .filter(|u| !old.updates.contains(&(u.incident_id.clone(), u.id.clone())))
        .map(|u| {
            let id = format!("update:{}:{}", u.incident_id, u.id);
            (0, Notification { id, at: u.at.clone(), event: Event::Update(u.clone()) })
        })
        .collect();
    let fresh: Vec<&PublishedUpdate> = out
        .iter()
        .filter_map(|(_, n)| match &n.event {
            Event::Update(u) if u.kind == "incident" => Some(u),
            _ => None,
        })
        .collect();
    let announced = announced_changes(new, &fresh);
    let mut changes = Vec::new();
    for component in &new.components {
        let Some(before) = old.components.get(&component.id) else { continue };
        let steps = component.api.get("id").and_then(Value::as_str).and_then(|id| announced.get(id));
        changes.extend(component_changes(component, before, steps.map_or(&[][..], Vec::as_slice)));
    }
    out.extend(changes.into_iter().map(|n| (1, n)));
    out.sort_by(|a, b| (&a.1.at, a.0, &a.1.id).cmp(&(&b.1.at, b.0, &b.1.id)));
    out.into_iter().map(|(_, n)| n).collect()
}

/// One status change announced by an update's `affected_components`: its time in UTC (for
/// ordering) and in the API's form, and the new status.
type Step = (String, String, String);

/// The steps each component (by API id) took in `updates`, oldest first.
fn announced_changes(new: &Published, updates: &[&PublishedUpdate]) -> BTreeMap<String, Vec<Step>> {
    let mut steps: BTreeMap<String, Vec<Step>> = BTreeMap::new();
    for update in updates {
        let object = new.incidents.iter().find(|i| i.get("id").and_then(Value::as_str) == Some(&update.incident_id));
        let affected = object
            .and_then(|o| o.get("incident_updates")?.as_array())
            .and_then(|list| list.iter().find(|u| u.get("id").and_then(Value::as_str) == Some(&update.id)))
            .and_then(|u| u.get("affected_components")?.as_array());
        for change in affected.into_iter().flatten() {
            let (Some(code), Some(status)) =
                (change.get("code").and_then(Value::as_str), change.get("new_status").and_then(Value::as_str))
            else {
                continue;
            };
            let step = (update.at.clone(), update.created_at.clone(), status.to_string());
            steps.entry(code.to_string()).or_default().push(step);
        }
    }
    for list in steps.values_mut() {
        list.sort();
    }
    steps
}

/// The notifications taking `component` from its status in the live site, `before`, to its
/// status in the new build: one per step the new updates announced on the way (so a
/// component that went major -> partial -> operational between two runs is told twice), then
/// one for what is left (a resolution, a maintenance window) if the steps do not end there.
fn component_changes(component: &PublishedComponent, before: &str, steps: &[Step]) -> Vec<Notification> {
    let mut out = Vec::new();
    let mut status = before.to_string();
    let mut last_at = String::new();
    for (at, created_at, new_status) in steps {
        if *new_status != status {
            out.push(change(component, &status, new_status, at.clone(), created_at));
            status.clone_from(new_status);
        }
        last_at.clone_from(at);
    }
    if status != component.status {
        let at = changed_at(component).max(last_at);
        out.push(change(component, &status, &component.status, at, ""));
    }
    out
}

/// A change to `new_status`; the component object is the new build's, set to that status as
/// of `created_at` (API form) when this is a step on the way.
fn change(
    component: &PublishedComponent,
    old_status: &str,
    new_status: &str,
    at: String,
    created_at: &str,
) -> Notification {
    let id = format!("component:{}:{old_status}:{new_status}:{at}", component.id);
    let mut component = component.clone();
    if component.status != new_status {
        component.status = new_status.to_string();
        if let Some(api) = component.api.as_object_mut() {
            api.insert("status".into(), Value::String(new_status.to_string()));
            api.insert("updated_at".into(), Value::String(created_at.to_string()));
        }
    }
    Notification { id, at, event: Event::Component { component, old_status: old_status.to_string() } }
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
