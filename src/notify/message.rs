//! What each kind of target receives for one notification: the webhook JSON (shaped like the
//! hosted product's subscriber webhooks), chat text for Slack and Discord, and the email parts.

use super::plan::{Event, Notification};
use crate::contract::ids;
use crate::contract::published::{Published, PublishedUpdate};
use crate::render::theme::escape;
use serde_json::{json, Value};

/// The webhook body: `meta`, `page`, then `incident` or `component_update` + `component`.
pub(crate) fn webhook(new: &Published, unsubscribe: Option<&str>, notification: &Notification) -> Value {
    let page = json!({
        "id": new.page.id,
        "status_indicator": new.status.indicator,
        "status_description": new.status.description,
    });
    let meta = json!({ "unsubscribe": unsubscribe, "documentation": new.page.url });
    match &notification.event {
        Event::Update(update) => json!({ "meta": meta, "page": page, "incident": incident_at(new, update) }),
        Event::Component { component, old_status } => json!({
            "meta": meta,
            "page": page,
            "component_update": {
                "created_at": component.api.get("updated_at"),
                "new_status": component.status,
                "old_status": old_status,
                "id": ids::stable("component_update", &notification.id),
                "component_id": component.api.get("id"),
            },
            "component": component.api,
        }),
    }
}

/// The incident as it stood at `update`: its updates up to that one (newest first), its
/// status that update's. A subscriber catching up on several updates sees each moment.
fn incident_at(new: &Published, update: &PublishedUpdate) -> Value {
    let found = new.incidents.iter().find(|i| i.get("id").and_then(Value::as_str) == Some(&update.incident_id));
    let Some(mut incident) = found.cloned() else {
        // An old incident (see `published::DETAIL_DAYS`): rebuild what the file still has.
        let mut history: Vec<Value> = new
            .updates
            .iter()
            .filter(|u| u.incident_id == update.incident_id && u.at <= update.at)
            .map(|u| {
                json!({ "id": u.id, "status": u.status, "body": u.body, "incident_id": u.incident_id,
                              "created_at": u.created_at, "updated_at": u.created_at, "display_at": u.created_at })
            })
            .collect();
        history.reverse();
        return json!({ "id": update.incident_id, "name": update.title, "status": update.status,
                       "shortlink": update.shortlink, "updated_at": update.created_at, "incident_updates": history });
    };
    if let Some(Value::Array(updates)) = incident.get_mut("incident_updates") {
        if let Some(at) = updates.iter().position(|u| u.get("id").and_then(Value::as_str) == Some(&update.id)) {
            updates.drain(..at);
        }
    }
    if let Some(object) = incident.as_object_mut() {
        object.insert("status".into(), json!(update.status));
        object.insert("updated_at".into(), json!(update.created_at));
    }
    incident
}

/// A status keyword in words ("Degraded performance"), from the language tables. Messages are
/// in English, like the sentences around the words.
fn words(family: &str, keyword: &str) -> String {
    crate::i18n::EN.word(family, keyword).to_string()
}

/// The first paragraph of a body, at most ~280 characters: chat messages stay short.
fn excerpt(body: &str) -> String {
    let first = body.split("\n\n").next().unwrap_or("").replace('\n', " ");
    if first.chars().count() <= 280 {
        return first;
    }
    first.chars().take(279).collect::<String>() + "…"
}

/// (title, status, text, link) of a notification, for chat and email.
fn parts(new: &Published, notification: &Notification) -> (String, String, String, String) {
    match &notification.event {
        Event::Update(u) => (u.title.clone(), words(&u.kind, &u.status), u.body.clone(), u.shortlink.clone()),
        Event::Component { component, old_status } => (
            component.name.clone(),
            words("component", &component.status),
            format!(
                "{} is now {} (was {}).",
                component.name,
                words("component", &component.status).to_lowercase(),
                words("component", old_status).to_lowercase()
            ),
            new.page.url.clone(),
        ),
    }
}

/// Slack incoming webhook: `{"text": ...}` with Slack's `*bold*` and `<url|label>` links.
pub(crate) fn slack(new: &Published, notification: &Notification) -> Value {
    let (title, status, text, link) = parts(new, notification);
    // Slack reads `&`, `<` and `>` as markup: they must be escaped (Slack "Formatting text").
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    json!({ "text": format!("*{status}*: {}\n{}\n<{link}|Details>", esc(&title), esc(&excerpt(&text))) })
}

/// Discord webhook: `{"content": ...}`, under Discord's 2,000-character limit.
pub(crate) fn discord(new: &Published, notification: &Notification) -> Value {
    let (title, status, text, link) = parts(new, notification);
    // `allowed_mentions` with nothing to parse: `@everyone` in a title must not ping anyone.
    json!({
        "content": format!("**{status}**: {title}\n{}\n{link}", excerpt(&text)),
        "allowed_mentions": { "parse": [] },
    })
}

pub(crate) struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub(crate) fn email(new: &Published, notification: &Notification) -> Email {
    let (title, status, body, link) = parts(new, notification);
    let site = if new.page.name.is_empty() { "Status" } else { new.page.name.as_str() };
    // An image with a relative address is the site's, as on the page (`url` has no trailing `/`).
    let markdown_html = crate::render::markdown::to_html(&body);
    let html_body = crate::render::markdown::resolve_images(&markdown_html, &format!("{}/", new.page.url));
    Email {
        subject: format!("[{site}] {status}: {title}"),
        text: format!("{status}: {title}\n\n{body}\n\nDetails: {link}\n"),
        html: format!(
            "<!DOCTYPE html><html><body><h1>{}: {}</h1>{html_body}<p><a href=\"{}\">Details</a></p></body></html>",
            escape(&status),
            escape(&title),
            escape(&link)
        ),
    }
}
