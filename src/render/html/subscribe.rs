//! `subscribe/`: every way to follow the site on one page: the site's feeds, the maintenance
//! calendar, how to bring the feed into chat, each component's feeds by group, the JSON for
//! programs, and the list provider's sign-up form when site.yaml has one. The form posts
//! straight to the provider (no script), so this page alone lets `form-action` reach its
//! origin; every other page keeps `form-action 'none'`.

use super::scripts;
use super::shared::{Job, Shared};
use crate::contract::urls;
use crate::model::{ListLabel, SubscribeForm};
use serde::Serialize;

/// A feed or calendar: its link from the page and the absolute address readers copy.
#[derive(Serialize)]
struct Address {
    /// Site-relative, as every link of the theme (`site.root` goes before it).
    url: String,
    absolute: String,
}

#[derive(Serialize)]
struct ComponentFeeds {
    name: String,
    /// The component's page.
    url: String,
    rss: String,
    atom: String,
    json: String,
}

#[derive(Serialize)]
struct GroupFeeds {
    name: String,
    components: Vec<ComponentFeeds>,
}

#[derive(Serialize)]
struct Checkbox {
    /// The input's `id`, which its label names.
    id: String,
    field: String,
    value: String,
    label: String,
    /// The group's components, so a reader knows what the list covers; "" for a free label.
    detail: String,
    checked: bool,
}

#[derive(Serialize)]
struct FormView<'a> {
    action: &'a str,
    email_field: &'a str,
    name_field: Option<&'a str>,
    fields: &'a [(String, String)],
    lists: Vec<Checkbox>,
    /// "Your address is sent to lists.example.com, ...".
    privacy: String,
}

#[derive(Serialize)]
struct SubscribePage<'a> {
    rss: Address,
    atom: Address,
    json: Address,
    calendar: Address,
    /// The calendar as `webcal://`, which opens a subscription in calendar apps.
    webcal: Option<String>,
    groups: Vec<GroupFeeds>,
    form: Option<FormView<'a>>,
}

pub(super) const PATH: &str = "subscribe/index.html";

pub(super) fn page(shared: &Shared<'_>) -> Job {
    let input = shared.ctx.input;
    let address = |path: &str| Address { url: path.to_string(), absolute: input.absolute(path) };
    let calendar = address("maintenance.ics");
    let form = input.snapshot.config.subscribe.form.as_ref();
    let view = SubscribePage {
        rss: address("feed.xml"),
        atom: address("atom.xml"),
        json: address("feed.json"),
        webcal: webcal(&calendar.absolute),
        calendar,
        groups: groups(shared),
        form: form.map(|form| form_view(shared, form)),
    };
    let dir = urls::subscribe();
    // Only this page may post a form, and only to the provider's origin.
    let csp = scripts::content_security_policy_with_form(form.map(|f| f.origin.as_str()));
    let mut chrome = shared.chrome(&dir, Some(shared.lang().get("subscribe")));
    chrome.csp = &csp;
    let chrome = chrome.described(Some(shared.lang().get("subscribe_intro").to_string()));
    shared.job(PATH.to_string(), "subscribe.html", &chrome, &view)
}

/// `https://status.example.com/maintenance.ics` -> `webcal://status.example.com/maintenance.ics`:
/// the scheme calendar apps (Apple Calendar, Outlook) take as "subscribe to this", fetching
/// the same address over http(s).
fn webcal(absolute: &str) -> Option<String> {
    let rest = absolute.strip_prefix("https://").or_else(|| absolute.strip_prefix("http://"))?;
    Some(format!("webcal://{rest}"))
}

/// Components by group in display order, then those outside any group, as the front page
/// shows them.
fn groups(shared: &Shared<'_>) -> Vec<GroupFeeds> {
    let snapshot = shared.ctx.input.snapshot;
    let feeds = |index: usize| {
        let component = &snapshot.components[index].component;
        let dir = urls::component(&component.id);
        ComponentFeeds {
            name: component.name.clone(),
            rss: format!("{dir}feed.xml"),
            atom: format!("{dir}atom.xml"),
            json: format!("{dir}feed.json"),
            url: dir,
        }
    };
    let mut groups: Vec<GroupFeeds> = snapshot
        .groups
        .iter()
        .map(|g| GroupFeeds {
            name: g.group.name.clone(),
            components: g.components.iter().map(|&i| feeds(i)).collect(),
        })
        .collect();
    let loose: Vec<ComponentFeeds> = snapshot.ungrouped().map(|(i, _)| feeds(i)).collect();
    if !loose.is_empty() {
        let key = if groups.is_empty() { "components" } else { "other_components" };
        groups.push(GroupFeeds { name: shared.lang().get(key).to_string(), components: loose });
    }
    groups
}

fn form_view<'a>(shared: &Shared<'_>, form: &'a SubscribeForm) -> FormView<'a> {
    let snapshot = shared.ctx.input.snapshot;
    let comma = shared.lang().comma();
    let lists = form
        .lists
        .iter()
        .enumerate()
        .map(|(i, option)| {
            let (label, detail) = match &option.label {
                ListLabel::Name(name) => (name.clone(), String::new()),
                ListLabel::Group(id) => match snapshot.groups.iter().find(|g| g.group.id == *id) {
                    Some(g) => {
                        let names: Vec<&str> =
                            g.components.iter().map(|&c| snapshot.components[c].component.name.as_str()).collect();
                        (g.group.name.clone(), names.join(comma))
                    }
                    // Validation refuses an unknown group; its id is the best label left.
                    None => (id.clone(), String::new()),
                },
            };
            Checkbox {
                id: format!("list-{}", i + 1),
                field: option.field.clone(),
                value: option.value.clone(),
                label,
                detail,
                checked: option.checked,
            }
        })
        .collect();
    FormView {
        action: &form.action,
        email_field: &form.email_field,
        name_field: form.name_field.as_deref(),
        fields: &form.fields,
        lists,
        privacy: shared.lang().count("subscribe_privacy", &form.host),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_calendar_opens_as_webcal_at_the_same_address() {
        assert_eq!(
            webcal("https://status.example.com/s/maintenance.ics").as_deref(),
            Some("webcal://status.example.com/s/maintenance.ics")
        );
        assert_eq!(
            webcal("http://localhost:1111/maintenance.ics").as_deref(),
            Some("webcal://localhost:1111/maintenance.ics")
        );
    }
}
