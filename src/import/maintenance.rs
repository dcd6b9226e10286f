//! One API scheduled maintenance as a maintenance file: its window from `scheduled_for` and
//! `scheduled_until`, its components, its updates. A window puts its components under
//! maintenance while it runs, so there is no component timeline to carry over.

use super::api::Incident;
use super::components::Ids;
use super::updates::{one_line, prepare, time, Planned};
use crate::author::{self, heading_word, MaintenanceHead};
use crate::model::{ComponentStatus, MaintenanceStatus};
use chrono_tz::Tz;

/// The file of `maintenance`; None (with a warning) without a window or an update.
pub(crate) fn convert(maintenance: &Incident, ids: &Ids, zone: Tz, warnings: &mut Vec<String>) -> Option<Planned> {
    let title = one_line(&maintenance.name, "Untitled maintenance");
    let what = format!("maintenance \"{title}\"");
    let start = time(maintenance.scheduled_for.as_deref());
    let end = time(maintenance.scheduled_until.as_deref());
    let (Some(start), Some(end)) = (start, end) else {
        warnings.push(format!(
            "{what}: it has no readable window (`scheduled_for`, `scheduled_until`), so it was left out"
        ));
        return None;
    };
    if end <= start {
        warnings.push(format!("{what}: its window ends before it starts, so it was left out"));
        return None;
    }
    let updates = prepare(&what, &maintenance.incident_updates, zone, warnings);
    if updates.is_empty() {
        warnings.push(format!("{what}: it has no update to import, so it was left out"));
        return None;
    }
    let components = components(maintenance, ids, &what, warnings);
    let head = MaintenanceHead { title: &title, components: &components, start, end, zone };
    let mut text = author::maintenance_head(&head);
    for update in updates.iter().rev() {
        let word = match MaintenanceStatus::parse(update.status) {
            Some(status) => heading_word(status.keyword()),
            None => {
                warnings.push(format!(
                    "{what}, update of {}: status `{}` is not a maintenance status; written as `Update`, which \
                     keeps the status before it",
                    author::local_time(update.at, zone),
                    update.status
                ));
                "Update".to_string()
            }
        };
        text.push_str(&author::update_section(&word, update.at, zone, &update.body));
    }
    Some(Planned { stem: author::dated_slug(start, zone, &title), text })
}

/// The components the maintenance names, and those its updates affect, each once, in order.
fn components(maintenance: &Incident, ids: &Ids, what: &str, warnings: &mut Vec<String>) -> Vec<String> {
    let mut list: Vec<String> = Vec::new();
    let named = maintenance.components.iter().map(|c| (c.id.as_str(), "", None));
    let affected = maintenance
        .incident_updates
        .iter()
        .flat_map(|u| u.affected_components.iter().flatten())
        .map(|a| (a.code.as_str(), a.name.as_str(), Some(a.new_status.as_str())));
    for (code, name, status) in named.chain(affected) {
        let Some(id) = ids.component(code, name, what, warnings) else { continue };
        let status = status.and_then(ComponentStatus::parse);
        if status.is_some_and(|s| !matches!(s, ComponentStatus::Operational | ComponentStatus::UnderMaintenance)) {
            warnings.push(format!(
                "{what}: an update sets {name} to {}; a maintenance window can only put its components under \
                 maintenance, so that status was not carried over",
                status.map_or("", ComponentStatus::keyword)
            ));
        }
        if !list.iter().any(|known| known == id) {
            list.push(id.to_string());
        }
    }
    list
}
