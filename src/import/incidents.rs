//! One API incident as an incident file: its updates, impact and component timeline
//! (docs/DESIGN.md, "The component timeline"). The oldest update's `affected_components` give
//! the front matter's statuses; each later one's become that update's `Components:` line.

use super::api::Incident;
use super::components::Ids;
use super::updates::{one_line, prepare, safe_body, time, Planned, Prepared};
use crate::author::{self, heading_word, IncidentHead};
use crate::model::{AffectedComponent, ComponentStatus, Impact, IncidentStatus};
use chrono_tz::Tz;

/// The file of `incident`; None (with a warning) when it has no update to write.
pub(crate) fn convert(incident: &Incident, ids: &Ids, zone: Tz, warnings: &mut Vec<String>) -> Option<Planned> {
    let title = one_line(&incident.name, "Untitled incident");
    let what = format!("incident \"{title}\"");
    let mut updates = prepare(&what, &incident.incident_updates, zone, warnings);
    if let Some(postmortem) = postmortem(incident, &what, zone, warnings) {
        updates.push(postmortem);
        updates.sort_by_key(|u| u.at);
    }
    let Some(first) = updates.first() else {
        warnings.push(format!("{what}: it has no update to import, so it was left out"));
        return None;
    };
    let impact = impact(incident, &what, warnings);
    let (start, lines) = timeline(incident, &updates, ids, impact, &what, zone, warnings);
    let started = time(incident.started_at.as_deref()).filter(|t| *t < first.at);
    let head = IncidentHead { title: &title, impact, started, components: &start, zone };
    let mut text = author::incident_head(&head);
    for (update, line) in updates.iter().zip(&lines).rev() {
        let word = match IncidentStatus::parse(update.status) {
            Some(status) => heading_word(status.keyword()),
            None => {
                warnings.push(format!(
                    "{what}, update of {}: status `{}` is not an incident status; written as `Update`, which keeps \
                     the status before it",
                    author::local_time(update.at, zone),
                    update.status
                ));
                "Update".to_string()
            }
        };
        let line: Vec<(&str, &str)> = line.iter().map(|c| (c.id.as_str(), c.status.keyword())).collect();
        text.push_str(&author::update_section_with_components(&word, update.at, zone, &update.body, &line));
    }
    Some(Planned { stem: author::dated_slug(started.unwrap_or(first.at), zone, &title), text })
}

/// The impact as written; an unknown one is left to follow the components.
fn impact(incident: &Incident, what: &str, warnings: &mut Vec<String>) -> Option<Impact> {
    let impact = Impact::parse(&incident.impact);
    if impact.is_none() && !incident.impact.is_empty() {
        warnings.push(format!(
            "{what}: impact `{}` is not an incident impact; its impact follows its components",
            incident.impact
        ));
    }
    impact
}

/// A published postmortem is the incident's last word: statusforge writes it as a
/// `Postmortem` update, unless the API already lists one.
fn postmortem<'a>(incident: &'a Incident, what: &str, zone: Tz, warnings: &mut Vec<String>) -> Option<Prepared<'a>> {
    let text = incident.postmortem_body.trim();
    if text.is_empty() || incident.incident_updates.iter().any(|u| u.status == "postmortem") {
        return None;
    }
    let Some(at) = time(incident.postmortem_published_at.as_deref()) else {
        warnings.push(format!("{what}: its postmortem has no `postmortem_published_at`, so it was left out"));
        return None;
    };
    let body = safe_body(what, at, zone, text, warnings)?;
    Some(Prepared { at, status: "postmortem", body, affected: None })
}

/// The front matter's components and each update's `Components:` line (aligned with
/// `updates`, oldest first; the first is always empty: the front matter says it).
fn timeline(
    incident: &Incident,
    updates: &[Prepared<'_>],
    ids: &Ids,
    impact: Option<Impact>,
    what: &str,
    zone: Tz,
    warnings: &mut Vec<String>,
) -> (Vec<AffectedComponent>, Vec<Vec<AffectedComponent>>) {
    // The statuses the timeline gives, including joiners: what a line's entry changes.
    let mut current: Vec<AffectedComponent> = Vec::new();
    let mut start: Vec<AffectedComponent> = Vec::new();
    let mut lines = Vec::new();
    let mut status = None;
    for (n, update) in updates.iter().enumerate() {
        status = IncidentStatus::parse(update.status).or(status);
        let closed = status.is_some_and(IncidentStatus::is_closed);
        let mut line: Vec<AffectedComponent> = Vec::new();
        for entry in update.affected.unwrap_or_default() {
            let Some(id) = ids.component(&entry.code, &entry.name, what, warnings) else { continue };
            let Some(new) = ComponentStatus::parse(&entry.new_status) else {
                warnings.push(format!(
                    "{what}: status `{}` of {} is not a component status; left out",
                    entry.new_status, entry.name
                ));
                continue;
            };
            if n == 0 {
                set(&mut start, id, new);
                continue;
            }
            let old = current.iter().find(|c| c.id == id).map(|c| c.status);
            // A joiner that is operational changes nothing (compute/incident_timeline.rs).
            if old == Some(new) || (old.is_none() && new == ComponentStatus::Operational) {
                continue;
            }
            if closed && new != ComponentStatus::Operational {
                warnings.push(format!(
                    "{what}, update of {}: {} is set to {new} while the incident is closed, which leaves every \
                     component operational in statusforge; left out",
                    author::local_time(update.at, zone),
                    entry.name
                ));
                continue;
            }
            set(&mut current, id, new);
            set(&mut line, id, new);
        }
        if n == 0 {
            current = start.clone();
        }
        lines.push(line);
    }
    add_unrecorded(incident, &mut start, &current, ids, impact, what, warnings);
    (start, lines)
}

/// Sets `id`'s status in `list`, adding it at the end when it is not there.
fn set(list: &mut Vec<AffectedComponent>, id: &str, status: ComponentStatus) {
    match list.iter_mut().find(|c| c.id == id) {
        Some(entry) => entry.status = status,
        None => list.push(AffectedComponent { id: id.to_string(), status }),
    }
}

/// Components the incident names that no update's `affected_components` mentions: linked
/// without a status change (operational), or, when no update records any change, given the
/// status the impact implies, as statusforge reads a list of components without statuses.
fn add_unrecorded(
    incident: &Incident,
    start: &mut Vec<AffectedComponent>,
    touched: &[AffectedComponent],
    ids: &Ids,
    impact: Option<Impact>,
    what: &str,
    warnings: &mut Vec<String>,
) {
    let recorded = incident.incident_updates.iter().any(|u| u.affected_components.is_some());
    let status = match recorded {
        true => ComponentStatus::Operational,
        false => impact.unwrap_or(Impact::None).implied_status(),
    };
    let mut added = Vec::new();
    for component in &incident.components {
        let Some(id) = ids.component(&component.id, "", what, warnings) else { continue };
        if !start.iter().chain(touched).any(|c| c.id == id) {
            start.push(AffectedComponent { id: id.to_string(), status });
            added.push(id.to_string());
        }
    }
    if !recorded && !added.is_empty() {
        warnings.push(format!(
            "{what}: no update says how its components' statuses changed (`affected_components` is missing), so \
             `{}` take the status its impact implies ({status}) while it is open",
            added.join("`, `")
        ));
    }
}
