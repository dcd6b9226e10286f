//! The API's flat `components` array as `content/components.yaml`: groups and components in
//! the hosted page's order, ids made from names, and the map from the API's ids to ours that
//! incidents and maintenance windows are converted with.

use super::api::Component;
use super::updates::one_line;
use crate::author::{free_stem, yaml_string};
use crate::validate::fields::slugify;
use std::collections::{BTreeMap, BTreeSet};

/// The API's component ids and what became of them.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    /// API id -> (our id, name, the status the API gives it), for components.
    components: BTreeMap<String, (String, String, String)>,
    /// API ids of groups, with their names: incidents may not name them.
    groups: BTreeMap<String, String>,
}

impl Ids {
    /// Our id of the component the API calls `code`. A group or an id components.json does
    /// not list gives None and a warning (`name` is what the incident calls it).
    pub(crate) fn component(&self, code: &str, name: &str, what: &str, warnings: &mut Vec<String>) -> Option<&str> {
        if let Some((id, _, _)) = self.components.get(code) {
            return Some(id);
        }
        let named = if name.is_empty() { format!("`{code}`") } else { format!("`{code}` ({name})") };
        warnings.push(match self.groups.get(code) {
            Some(group) => {
                format!("{what}: names the group {group}; statusforge's incidents name components, so it was left out")
            }
            None => format!("{what}: names the component {named}, which components.json does not list; left out"),
        });
        None
    }

    /// (our id, name, the API's status) of every component.
    pub(crate) fn statuses(&self) -> impl Iterator<Item = (&str, &str, &str)> {
        self.components.values().map(|(id, name, status)| (id.as_str(), name.as_str(), status.as_str()))
    }
}

/// One entry of the file: a group and its components, or a component without a group.
struct Section<'a> {
    group: Option<&'a Component>,
    components: Vec<&'a Component>,
}

/// components.yaml's text and the ids it gives. `source` (the API's address) goes in a comment.
pub(crate) fn convert(list: &[Component], source: &str, warnings: &mut Vec<String>) -> (String, Ids) {
    let sections = sections(list, warnings);
    let mut ids = Ids::default();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut id_for = |name: &str| {
        let id = free_stem(&slugify(name), |candidate| taken.contains(candidate));
        taken.insert(id.clone());
        id
    };
    let mut groups = String::new();
    let mut components = String::new();
    for section in &sections {
        let group_id = section.group.map(|group| {
            let name = one_line(&group.name, "Unnamed group");
            let id = id_for(&name);
            groups.push_str(&format!("  - id: {id}\n    name: {}\n", yaml_string(&name)));
            push_description(&mut groups, &group.description);
            ids.groups.insert(group.id.clone(), name);
            id
        });
        for component in &section.components {
            let name = one_line(&component.name, "Unnamed component");
            let id = id_for(&name);
            components.push_str(&format!("  - id: {id}\n    name: {}\n", yaml_string(&name)));
            if let Some(group) = &group_id {
                components.push_str(&format!("    group: {group}\n"));
            }
            push_description(&mut components, &component.description);
            if let Some(since) = since(component, &name, warnings) {
                components.push_str(&format!("    since: {since}\n"));
            }
            components.push('\n');
            ids.components.insert(component.id.clone(), (id, name, component.status.clone()));
        }
    }
    not_carried_over(list, warnings);
    let mut text = format!(
        "# Groups and components, in display order, imported from {source}.\n\
         # Ids were made from the names; incidents and maintenance windows refer to components by id.\n\n"
    );
    if !groups.is_empty() {
        text.push_str(&format!("groups:\n{groups}\n"));
    }
    match components.is_empty() {
        true => text.push_str("components: []\n"),
        false => text.push_str(&format!("components:\n{}", components.trim_end_matches('\n').to_owned() + "\n")),
    }
    (text, ids)
}

fn push_description(text: &mut String, description: &str) {
    let description = description.trim();
    if !description.is_empty() {
        text.push_str(&format!("    description: {}\n", yaml_string(description)));
    }
}

/// `start_date` as `since`, when it is a date.
fn since(component: &Component, name: &str, warnings: &mut Vec<String>) -> Option<String> {
    let date = component.start_date.as_deref()?;
    match crate::validate::times::parse_date(date) {
        Ok(date) => Some(date.format("%Y-%m-%d").to_string()),
        Err(_) => {
            warnings
                .push(format!("component {name}: `start_date` {date:?} is not a date; uptime counts from its start"));
            None
        }
    }
}

/// The page's order: groups and ungrouped components by `position`; in a group, its children
/// as the group lists them, then any other that names it by `group_id`.
fn sections<'a>(list: &'a [Component], warnings: &mut Vec<String>) -> Vec<Section<'a>> {
    let by_position = |entries: &mut Vec<(usize, &'a Component)>| entries.sort_by_key(|(i, c)| (c.position, *i));
    let group_ids: BTreeSet<&str> = list.iter().filter(|c| c.group).map(|c| c.id.as_str()).collect();
    let mut parent: BTreeMap<&str, &str> = BTreeMap::new();
    for group in list.iter().filter(|c| c.group) {
        for child in &group.components {
            if !group_ids.contains(child.as_str()) {
                parent.entry(child.as_str()).or_insert(group.id.as_str());
            }
        }
    }
    for component in list.iter().filter(|c| !c.group) {
        let Some(group) = component.group_id.as_deref() else { continue };
        if group_ids.contains(group) {
            parent.entry(component.id.as_str()).or_insert(group);
        } else if !parent.contains_key(component.id.as_str()) {
            warnings.push(format!(
                "component {}: its group `{group}` is not in components.json; imported without a group",
                component.name
            ));
        }
    }
    let mut top: Vec<(usize, &Component)> =
        list.iter().enumerate().filter(|(_, c)| c.group || !parent.contains_key(c.id.as_str())).collect();
    by_position(&mut top);
    let mut sections = Vec::new();
    for (_, entry) in top {
        if !entry.group {
            sections.push(Section { group: None, components: vec![entry] });
            continue;
        }
        let listed = |c: &Component| entry.components.iter().position(|id| *id == c.id).unwrap_or(usize::MAX);
        let mut children: Vec<(usize, &Component)> = list
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.group && parent.get(c.id.as_str()) == Some(&entry.id.as_str()))
            .collect();
        by_position(&mut children);
        children.sort_by_key(|(_, c)| listed(c));
        if children.is_empty() {
            warnings.push(format!("group {}: it has no components, so it was left out", entry.name));
            continue;
        }
        sections.push(Section { group: Some(entry), components: children.into_iter().map(|(_, c)| c).collect() });
    }
    sections
}

/// Settings of the hosted page that statusforge has no equivalent for.
fn not_carried_over(list: &[Component], warnings: &mut Vec<String>) {
    let names = |keep: &dyn Fn(&Component) -> bool| -> String {
        list.iter().filter(|c| !c.group && keep(c)).map(|c| c.name.as_str()).collect::<Vec<_>>().join(", ")
    };
    let hidden = names(&|c| c.only_show_if_degraded);
    if !hidden.is_empty() {
        warnings.push(format!(
            "components shown only while degraded (`only_show_if_degraded`): {hidden}; statusforge shows every component"
        ));
    }
    let no_bars = names(&|c| c.showcase == Some(false));
    if !no_bars.is_empty() {
        warnings.push(format!(
            "components without uptime bars (`showcase: false`): {no_bars}; statusforge shows uptime for every component"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn component(id: &str, name: &str, position: i64, group: Option<&str>) -> Component {
        serde_json::from_value(serde_json::json!({"id": id, "name": name, "position": position, "group_id": group}))
            .unwrap()
    }

    fn group(id: &str, name: &str, position: i64, children: &[&str]) -> Component {
        serde_json::from_value(
            serde_json::json!({"id": id, "name": name, "position": position, "group": true, "components": children}),
        )
        .unwrap()
    }

    #[test]
    fn groups_keep_the_page_order_and_ids_come_from_names() {
        let list = vec![
            component("c3", "Web", 2, Some("g1")),
            group("g1", "APIs", 1, &["c2", "c3"]),
            component("c2", "API", 1, Some("g1")),
            component("c4", "API", 3, None),
        ];
        let mut warnings = Vec::new();
        let (text, ids) = convert(&list, "https://x/api/v2", &mut warnings);
        let body = text.split_once("\n\n").unwrap().1;
        assert_eq!(
            body,
            "groups:\n  - id: apis\n    name: APIs\n\ncomponents:\n  - id: api\n    name: API\n    group: apis\n\n  \
             - id: web\n    name: Web\n    group: apis\n\n  - id: api-2\n    name: API\n"
        );
        assert_eq!(ids.component("c4", "", "x", &mut warnings), Some("api-2"));
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(ids.component("g1", "", "incident X", &mut warnings), None);
        assert!(warnings[0].contains("names the group APIs"), "{warnings:?}");
    }
}
