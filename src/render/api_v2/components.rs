//! The flat `components` array: groups and components in display order, with positions,
//! parent links and the times documented in docs/status-json.md.

use super::types::Component;
use crate::compute::uptime::day_start;
use crate::compute::{ComponentState, GroupState, Snapshot};
use crate::contract::ids::component_id;
use crate::contract::time;
use crate::model::Instant;
use std::collections::BTreeMap;

/// The API's components, plus where each model id (group or component) sits in the list.
pub(crate) struct Components {
    pub list: Vec<Component>,
    pub index: BTreeMap<String, usize>,
}

impl Components {
    pub(crate) fn get(&self, model_id: &str) -> Option<&Component> {
        self.index.get(model_id).and_then(|&i| self.list.get(i))
    }
}

/// One display slot: a group header or a component (index into the snapshot).
enum Slot {
    Group(usize),
    Component(usize),
}

/// Walks components in file order; a group takes its place just before its first component,
/// so the flat list reads like the page. Groups without components come last.
fn display_order(snapshot: &Snapshot) -> Vec<Slot> {
    let mut slots = Vec::new();
    let mut placed = vec![false; snapshot.groups.len()];
    for (i, state) in snapshot.components.iter().enumerate() {
        let group = state.component.group.as_deref();
        if let Some(g) = snapshot.groups.iter().position(|g| Some(g.group.id.as_str()) == group) {
            if !placed[g] {
                placed[g] = true;
                slots.push(Slot::Group(g));
            }
        }
        slots.push(Slot::Component(i));
    }
    slots.extend((0..snapshot.groups.len()).filter(|&g| !placed[g]).map(Slot::Group));
    slots
}

/// `created_at`: midnight (site zone) of `since`, else the oldest published update of the
/// site, else `now`. `updated_at`: the newest published update of an incident or maintenance
/// that touches the component, never before `created_at`.
fn times(snapshot: &Snapshot, oldest: Instant, state: &ComponentState) -> (Instant, Instant) {
    let zone = snapshot.config.timezone;
    let created = state.component.since.map_or(oldest, |d| day_start(d, zone));
    let touched = state
        .incidents
        .iter()
        .filter_map(|&i| snapshot.incidents.get(i).map(|s| s.updated_at()))
        .chain(state.maintenances.iter().filter_map(|&m| snapshot.maintenances.get(m).map(|s| s.updated_at())))
        .max();
    (created, touched.map_or(created, |t| t.max(created)))
}

pub(super) fn build(snapshot: &Snapshot, page_id: &str) -> Components {
    let oldest = snapshot
        .incidents
        .iter()
        .map(|i| i.created_at())
        .chain(snapshot.maintenances.iter().map(|m| m.created_at()))
        .min()
        .unwrap_or(snapshot.now);
    let spans: Vec<(Instant, Instant)> = snapshot.components.iter().map(|c| times(snapshot, oldest, c)).collect();
    let list: Vec<Component> = display_order(snapshot)
        .into_iter()
        .enumerate()
        .map(|(n, slot)| match slot {
            Slot::Component(i) => component(snapshot, &snapshot.components[i], spans[i], n + 1, page_id),
            Slot::Group(g) => group(snapshot, &snapshot.groups[g], &spans, n + 1, page_id),
        })
        .collect();
    let index = list_index(snapshot, &list);
    Components { list, index }
}

/// `span`: the component's (created, updated) times (see `times`).
fn component(
    snapshot: &Snapshot,
    state: &ComponentState,
    span: (Instant, Instant),
    position: usize,
    page_id: &str,
) -> Component {
    let zone = snapshot.config.timezone;
    let (created, updated) = span;
    Component {
        id: component_id(&state.component.id),
        name: state.component.name.clone(),
        status: state.status.keyword(),
        created_at: time::api(created, zone),
        updated_at: time::api(updated, zone),
        position,
        description: state.component.description.clone(),
        showcase: true,
        start_date: state.component.since.map(|d| d.format("%Y-%m-%d").to_string()),
        group_id: state.component.group.as_deref().map(component_id),
        page_id: page_id.to_string(),
        group: false,
        only_show_if_degraded: false,
        components: None,
    }
}

/// A group's times span its components': the oldest creation, the newest update.
fn group(
    snapshot: &Snapshot,
    state: &GroupState,
    component_spans: &[(Instant, Instant)],
    position: usize,
    page_id: &str,
) -> Component {
    let zone = snapshot.config.timezone;
    let children: Vec<&ComponentState> = state.components.iter().filter_map(|&i| snapshot.components.get(i)).collect();
    let spans: Vec<(Instant, Instant)> =
        state.components.iter().filter_map(|&i| component_spans.get(i).copied()).collect();
    let created = spans.iter().map(|s| s.0).min().unwrap_or(snapshot.now);
    let updated = spans.iter().map(|s| s.1).max().unwrap_or(created);
    Component {
        id: component_id(&state.group.id),
        name: state.group.name.clone(),
        status: state.status.keyword(),
        created_at: time::api(created, zone),
        updated_at: time::api(updated, zone),
        position,
        description: state.group.description.clone(),
        showcase: true,
        start_date: None,
        group_id: None,
        page_id: page_id.to_string(),
        group: true,
        only_show_if_degraded: false,
        components: Some(children.iter().map(|c| component_id(&c.component.id)).collect()),
    }
}

fn list_index(snapshot: &Snapshot, list: &[Component]) -> BTreeMap<String, usize> {
    let model_ids = snapshot
        .components
        .iter()
        .map(|c| c.component.id.clone())
        .chain(snapshot.groups.iter().map(|g| g.group.id.clone()));
    model_ids.filter_map(|id| list.iter().position(|c| c.id == component_id(&id)).map(|i| (id, i))).collect()
}
