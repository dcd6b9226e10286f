//! `content/components.yaml` -> groups and components, in display order, with unique ids.

use super::fields::FileCheck;
use crate::diag::{self, Diagnostic, Span};
use crate::load::yaml::{self, Node};
use crate::load::SourceFile;
use crate::model::{Component, Group, Upstream};
use std::collections::BTreeMap;

const TOP_KEYS: &[&str] = &["groups", "components"];
const GROUP_KEYS: &[&str] = &["id", "name", "description"];
const COMPONENT_KEYS: &[&str] = &["id", "name", "group", "description", "since", "upstream"];

/// What `components.yaml` declares: groups, the team's own components, and third-party ones.
pub(super) type Declared = (Vec<Group>, Vec<Component>, Vec<Upstream>);

/// One entry of `components:`: the team's own, or a vendor's (`upstream:`).
enum Entry {
    Own(Component),
    Upstream(Upstream),
}

impl Entry {
    fn id(&self) -> &String {
        match self {
            Entry::Own(c) => &c.id,
            Entry::Upstream(u) => &u.id,
        }
    }
}

/// Above this many components the page stops being a status page; refuse rather than slow down.
pub(super) const MAX_COMPONENTS: usize = 500;

pub(super) fn check(file: &SourceFile, check: &mut FileCheck<'_>) -> Declared {
    if !super::fields::no_control_characters(&file.text, check) {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let root = match yaml::parse(&file.text, 0) {
        Ok(root) => root,
        Err(error) => {
            check.error("invalid-yaml", error.span, error.message).with_label("here");
            return (Vec::new(), Vec::new(), Vec::new());
        }
    };
    if !super::fields::no_control_characters_in_values(&root, check) {
        return (Vec::new(), Vec::new(), Vec::new());
    }
    let Some(fields) = check.fields(&root, TOP_KEYS, "components.yaml") else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    let groups: Vec<Group> = first_of_each(
        list(fields.get("groups"), "groups", check).iter().filter_map(|node| group(node, check, &mut seen)),
        |g| &g.id,
    );
    let component_nodes = list(fields.get("components"), "components", check);
    if component_nodes.len() > MAX_COMPONENTS {
        check
            .error(
                "too-many-components",
                root.span,
                format!("{} components; the limit is {MAX_COMPONENTS}", component_nodes.len()),
            )
            .help = Some(format!(
            "a status page lists at most {MAX_COMPONENTS} components; group related ones into one component"
        ));
        return (groups, Vec::new(), Vec::new());
    }
    let group_ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    let entries = first_of_each(
        component_nodes.iter().filter_map(|node| component(node, check, &mut seen, &group_ids)),
        Entry::id,
    );
    let mut components = Vec::new();
    let mut upstream = Vec::new();
    for entry in entries {
        match entry {
            Entry::Own(c) => components.push(c),
            Entry::Upstream(u) => upstream.push(u),
        }
    }
    (groups, components, upstream)
}

/// Drops later items whose id repeats an earlier one (already reported as `duplicate-id`).
fn first_of_each<T>(items: impl Iterator<Item = T>, id: impl Fn(&T) -> &String) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    for item in items {
        if !kept.iter().any(|k| id(k) == id(&item)) {
            kept.push(item);
        }
    }
    kept
}

fn list<'n>(node: Option<&'n Node>, key: &str, check: &mut FileCheck<'_>) -> &'n [Node] {
    match node {
        None => &[],
        Some(node) => node.as_seq().unwrap_or_else(|| {
            check.error("wrong-type", node.span, format!("`{key}` must be a list of `- id: ...` entries"));
            &[]
        }),
    }
}

/// Checks an id for shape and uniqueness across groups and components.
fn unique_id(
    fields: &super::fields::Fields<'_>,
    check: &mut FileCheck<'_>,
    seen: &mut BTreeMap<String, Span>,
    what: &str,
) -> Option<String> {
    let (text, span) = check.required_text(fields, "id", what)?;
    let id = check.id(&text, span, &format!("{what} id"))?;
    if let Some(first) = seen.get(&id) {
        let first = *first;
        let file = check.file.to_path_buf();
        check.push(
            Diagnostic::error("duplicate-id", check.file, format!("id `{id}` is used twice"))
                .at(span)
                .label("second use")
                .note(&file, Some(first), "first used here")
                .help("ids must be unique across groups and components"),
        );
        // Still returned: the first of each list is kept (see `first_of_each`), so files that
        // name the id are not also told it is unknown.
        return Some(id);
    }
    seen.insert(id.clone(), span);
    Some(id)
}

fn group(node: &Node, check: &mut FileCheck<'_>, seen: &mut BTreeMap<String, Span>) -> Option<Group> {
    let fields = check.fields(node, GROUP_KEYS, "a group")?;
    let id = unique_id(&fields, check, seen, "group");
    let name = check.required_text(&fields, "name", "a group");
    let description = check.optional_text(&fields, "description").map(|(d, _)| d).filter(|d| !d.is_empty());
    Some(Group { id: id?, name: name?.0, description })
}

fn component(
    node: &Node,
    check: &mut FileCheck<'_>,
    seen: &mut BTreeMap<String, Span>,
    groups: &[&str],
) -> Option<Entry> {
    let fields = check.fields(node, COMPONENT_KEYS, "a component")?;
    let id = unique_id(&fields, check, seen, "component");
    let name = check.required_text(&fields, "name", "a component");
    let description = check.optional_text(&fields, "description").map(|(d, _)| d).filter(|d| !d.is_empty());
    // A component with a bad group or date is still declared: keeping it (the file's error
    // already stops the build) spares every incident that names it an "unknown component".
    let group = check.optional_text(&fields, "group").and_then(|(g, span)| {
        if !groups.contains(&g.as_str()) {
            let help = if groups.is_empty() {
                "declare it under `groups:` first".to_string()
            } else {
                diag::suggestion(&g, groups, "known groups")
            };
            check
                .error("unknown-group", span, format!("no group with id `{g}`"))
                .with_label("not declared under `groups:`")
                .help = Some(help);
            return None;
        }
        Some(g)
    });
    let since = match check.optional_text(&fields, "since") {
        None => None,
        Some((text, span)) => match super::times::parse_date(&text) {
            Ok(date) => Some(date),
            Err(message) => {
                check.error("invalid-date", span, message).with_label("expected YYYY-MM-DD");
                None
            }
        },
    };
    let upstream = fields.get("upstream").map(|node| super::upstream::source(node, check).map(|s| (s, node.span)));
    match upstream {
        None => Some(Entry::Own(Component { id: id?, name: name?.0, group, description, since })),
        Some(source) => {
            if let Some(span) = fields.key_span("since").filter(|_| since.is_some()) {
                check
                    .error("since-on-upstream", span, "`since` has no meaning on a third-party component")
                    .with_label("third-party components have no uptime")
                    .help = Some("remove `since:`; only the team's own components count uptime".into());
            }
            Some(Entry::Upstream(super::upstream::declared(id?, name?.0, group, description, source?)))
        }
    }
}
