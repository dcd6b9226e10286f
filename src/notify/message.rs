//! What each kind of target receives for one notification: the webhook JSON (shaped like the
//! hosted product's subscriber webhooks), chat text for Slack and Discord, and the email parts.
//! People read chat and email, so their words are in the site's language; the webhook JSON
//! is for programs and keeps the API's keywords.

use super::plan::{Event, Notification};
use crate::contract::ids;
use crate::contract::published::{Published, PublishedUpdate};
use crate::i18n::Lang;
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

/// The first paragraph of a body, at most ~280 characters: chat messages stay short.
fn excerpt(body: &str) -> String {
    let first = body.split("\n\n").next().unwrap_or("").replace('\n', " ");
    if first.chars().count() <= 280 {
        return first;
    }
    first.chars().take(279).collect::<String>() + "…"
}

/// (title, status, text, link) of a notification, for chat and email. Status keywords are
/// put in words from the tables ("Degraded performance", "Panne partielle").
fn parts(lang: &'static Lang, new: &Published, notification: &Notification) -> (String, String, String, String) {
    match &notification.event {
        Event::Update(u) => {
            (u.title.clone(), lang.word(&u.kind, &u.status).into(), u.body.clone(), u.shortlink.clone())
        }
        Event::Component { component, old_status } => {
            let (now, was) = (lang.word("component", &component.status), lang.word("component", old_status));
            let (now_lower, was_lower) = (now.to_lowercase(), was.to_lowercase());
            let values = [
                ("component", component.name.as_str()),
                ("new", now),
                ("old", was),
                ("new_lower", &now_lower),
                ("old_lower", &was_lower),
            ];
            let text = lang.fill("notify.component_changed", &values);
            (component.name.clone(), now.into(), text, new.page.url.clone())
        }
    }
}

/// Slack incoming webhook: `{"text": ...}` with Slack's `*bold*` and `<url|label>` links.
pub(crate) fn slack(lang: &'static Lang, new: &Published, notification: &Notification) -> Value {
    let (title, status, text, link) = parts(lang, new, notification);
    // Slack reads `&`, `<` and `>` as markup: they must be escaped (Slack "Formatting text").
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let (colon, details) = (lang.colon(), esc(lang.get("notify.details")));
    json!({ "text": format!("*{status}*{colon}{}\n{}\n<{link}|{details}>", esc(&title), esc(&excerpt(&text))) })
}

/// Discord webhook: `{"content": ...}`, under Discord's 2,000-character limit.
pub(crate) fn discord(lang: &'static Lang, new: &Published, notification: &Notification) -> Value {
    let (title, status, text, link) = parts(lang, new, notification);
    let colon = lang.colon();
    // `allowed_mentions` with nothing to parse: `@everyone` in a title must not ping anyone.
    json!({
        "content": format!("**{status}**{colon}{title}\n{}\n{link}", excerpt(&text)),
        "allowed_mentions": { "parse": [] },
    })
}

pub(crate) struct Email {
    /// The BCP 47 tag of the text, for `Content-Language` (RFC 3282).
    pub language: &'static str,
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub(crate) fn email(lang: &'static Lang, new: &Published, notification: &Notification) -> Email {
    let (title, status, body, link) = parts(lang, new, notification);
    let site = if new.page.name.is_empty() { lang.get("notify.site") } else { new.page.name.as_str() };
    // An image with a relative address is the site's, as on the page (`url` has no trailing `/`).
    let markdown_html = crate::render::markdown::to_html(&body);
    let html_body = crate::render::markdown::resolve_images(&markdown_html, &format!("{}/", new.page.url));
    let (colon, details) = (lang.colon(), lang.get("notify.details"));
    Email {
        language: lang.code,
        subject: format!("[{site}] {status}{colon}{title}"),
        text: format!("{status}{colon}{title}\n\n{body}\n\n{details}{colon}{link}\n"),
        // `lang` and `dir` as on the pages: a mail client lays out an Arabic message from the right.
        html: format!(
            "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><body><h1>{}{}{}</h1>{html_body}<p><a href=\"{}\">{}</a></p></body></html>",
            lang.code,
            lang.dir.as_str(),
            escape(&status),
            escape(colon),
            escape(&title),
            escape(&link),
            escape(details)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::published::{Page, PublishedComponent, Status};

    fn component_change() -> (Published, Notification) {
        let web =
            PublishedComponent { id: "web".into(), name: "Web".into(), status: "major_outage".into(), api: json!({}) };
        let page = Page { name: "Acme".into(), url: "https://status.example.com".into(), ..Page::default() };
        let new = Published {
            version: 2,
            page,
            status: Status::default(),
            updates: Vec::new(),
            components: vec![web.clone()],
            incidents: Vec::new(),
        };
        let event = Event::Component { component: web, old_status: "operational".into() };
        (new, Notification { id: "c".into(), at: "2026-11-30T11:30:00Z".into(), event })
    }

    #[test]
    fn a_status_change_is_a_sentence_of_the_sites_language() {
        let (new, notification) = component_change();
        let text = |code: &str| email(crate::i18n::lang(code), &new, &notification).text;
        assert!(text("en").starts_with("Major outage: Web\n\nWeb is now major outage (was operational).\n"));
        assert!(text("de").contains("Web: Status jetzt „Schwerer Ausfall“ (vorher „Betriebsbereit“)."));
        assert!(text("fr").ends_with("Détails\u{a0}: https://status.example.com\n"), "{}", text("fr"));
    }

    #[test]
    fn an_arabic_email_is_laid_out_right_to_left() {
        let (new, notification) = component_change();
        let mail = email(crate::i18n::lang("ar"), &new, &notification);
        assert!(mail.html.starts_with("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"), "{}", mail.html);
        assert_eq!(mail.subject, "[Acme] انقطاع كبير: Web");
        assert_eq!(mail.language, "ar");
    }
}
