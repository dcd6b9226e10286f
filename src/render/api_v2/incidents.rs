//! Incidents and scheduled maintenances as the API's incident objects, updates newest first.

use super::components::Components;
use super::types::{AffectedComponent, Incident, IncidentUpdate};
use crate::compute::{IncidentState, MaintenancePhase, MaintenanceState};
use crate::contract::ids::{component_id, incident_id, maintenance_id, update_id};
use crate::contract::{time, urls};
use crate::model::{ComponentStatus, Instant, MaintenanceStatus, Update};
use crate::render::input::Input;

/// What every incident object shares, from the input.
pub(super) struct Context<'a> {
    pub input: &'a Input<'a>,
    pub page_id: &'a str,
    pub components: &'a Components,
}

impl Context<'_> {
    fn fmt(&self, t: Instant) -> String {
        time::api(t, self.input.snapshot.config.timezone)
    }

    /// `(id, old, new)` as the API's affected component objects.
    fn affected<'s>(
        &self,
        changes: impl IntoIterator<Item = (&'s str, ComponentStatus, ComponentStatus)>,
    ) -> Vec<AffectedComponent> {
        changes
            .into_iter()
            .map(|(id, old, new)| AffectedComponent {
                code: component_id(id),
                name: self.components.get(id).map_or_else(|| id.to_string(), |c| c.name.clone()),
                old_status: old.keyword(),
                new_status: new.keyword(),
            })
            .collect()
    }

    /// Update objects, newest first. Ids count from the oldest update, so adding an update on
    /// top (the usual edit) leaves every earlier id unchanged. `affected(i)` gives update `i`'s
    /// `affected_components`.
    fn updates<S: Copy>(
        &self,
        incident_id: &str,
        slug: &str,
        updates: &[Update<S>],
        keyword: impl Fn(S) -> &'static str,
        affected: impl Fn(usize) -> Option<Vec<AffectedComponent>>,
    ) -> Vec<IncidentUpdate> {
        let count = updates.len();
        updates
            .iter()
            .enumerate()
            .map(|(i, u)| {
                let at = self.fmt(u.at);
                IncidentUpdate {
                    id: update_id(slug, count - i),
                    status: keyword(u.status),
                    body: u.body.clone(),
                    incident_id: incident_id.to_string(),
                    created_at: at.clone(),
                    updated_at: at.clone(),
                    display_at: at,
                    affected_components: affected(i),
                    deliver_notifications: true,
                    custom_tweet: None,
                    tweet_id: None,
                }
            })
            .collect()
    }

    /// What update `i` of an incident did to components, as the hosted product records it: the
    /// first update takes each front matter component from operational to its starting status
    /// (and applies its own `Components:` line); a later one lists its line's changes, and has
    /// none (`null`) without one.
    fn incident_affected(&self, state: &IncidentState, i: usize) -> Option<Vec<AffectedComponent>> {
        let changes = state.changes_at(i);
        if i + 1 != state.incident.updates.len() {
            return (!changes.is_empty()).then(|| self.affected(changes.iter().map(|c| (c.id.as_str(), c.old, c.new))));
        }
        let mut start: Vec<(&str, ComponentStatus)> =
            state.incident.components.iter().map(|c| (c.id.as_str(), c.status)).collect();
        for change in changes {
            match start.iter_mut().find(|(id, _)| *id == change.id) {
                Some(entry) => entry.1 = change.new,
                None => start.push((&change.id, change.new)),
            }
        }
        Some(self.affected(start.into_iter().map(|(id, new)| (id, ComponentStatus::Operational, new))))
    }

    fn component_objects<'s>(&self, ids: impl Iterator<Item = &'s String>) -> Vec<super::types::Component> {
        ids.filter_map(|id| self.components.get(id).cloned()).collect()
    }

    pub(super) fn incident(&self, state: &IncidentState) -> Incident {
        let incident = &state.incident;
        let id = incident_id(&incident.slug);
        Incident {
            name: incident.title.clone(),
            status: state.status.keyword(),
            impact: state.impact().keyword(),
            created_at: self.fmt(state.created_at()),
            updated_at: self.fmt(state.updated_at()),
            monitoring_at: state.monitoring_at.map(|t| self.fmt(t)),
            resolved_at: state.resolved_at.map(|t| self.fmt(t)),
            started_at: self.fmt(state.started_at),
            shortlink: self.input.absolute(&urls::incident(&incident.slug)),
            page_id: self.page_id.to_string(),
            scheduled_for: None,
            scheduled_until: None,
            incident_updates: self.updates(
                &id,
                &incident.slug,
                &incident.updates,
                |s| s.keyword(),
                |i| self.incident_affected(state, i),
            ),
            components: self.component_objects(state.touched().iter().map(|c| &c.id)),
            id,
        }
    }

    pub(super) fn maintenance(&self, state: &MaintenanceState) -> Incident {
        let m = &state.maintenance;
        let id = maintenance_id(&m.slug);
        let finished = matches!(state.phase, MaintenancePhase::Completed | MaintenancePhase::Cancelled);
        // Closed by the first completed/cancelled update, else by the end of the window.
        let closed_at = m
            .updates
            .iter()
            .rev()
            .find(|u| matches!(u.status, MaintenanceStatus::Completed | MaintenanceStatus::Cancelled))
            .map_or(m.window.end, |u| u.at);
        Incident {
            name: m.title.clone(),
            status: state.phase.api_status().keyword(),
            impact: "maintenance",
            created_at: self.fmt(state.created_at()),
            updated_at: self.fmt(state.updated_at()),
            monitoring_at: None,
            resolved_at: finished.then(|| self.fmt(closed_at)),
            started_at: self.fmt(state.active_period.map_or(m.window.start, |p| p.0)),
            shortlink: self.input.absolute(&urls::maintenance(&m.slug)),
            page_id: self.page_id.to_string(),
            scheduled_for: Some(self.fmt(m.window.start)),
            scheduled_until: Some(self.fmt(m.window.end)),
            // The first update lists each component going under maintenance.
            incident_updates: self.updates(&id, &m.slug, &m.updates, api_update_status, |i| {
                (i + 1 == m.updates.len()).then(|| {
                    let under = ComponentStatus::UnderMaintenance;
                    self.affected(m.components.iter().map(|c| (c.as_str(), ComponentStatus::Operational, under)))
                })
            }),
            components: self.component_objects(m.components.iter()),
            id,
        }
    }
}

/// Statuspage has no `cancelled`: a cancelling update reads as `completed`, like the window.
pub(crate) fn api_update_status(status: MaintenanceStatus) -> &'static str {
    match status {
        MaintenanceStatus::Cancelled => MaintenanceStatus::Completed.keyword(),
        other => other.keyword(),
    }
}
