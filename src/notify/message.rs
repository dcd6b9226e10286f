//! What each kind of target receives for one notification (`body`): the webhook JSON (shaped
//! like the hosted product's subscriber webhooks), a chat message (`chat.rs`) or an email.
//! People read chat and email, so their words are in the site's language; the webhook JSON
//! is for programs and keeps the API's keywords.

use super::chat;
use super::parts::parts;
use super::plan::{Event, Notification};
use crate::contract::ids;
use crate::contract::published::{Published, PublishedUpdate};
use crate::i18n::Lang;
use crate::model::notify::TargetKind;
use crate::render::markdown;
use crate::render::theme::escape;
use serde_json::{json, Value};

/// A message ready to go: JSON to POST, or the parts of an email.
pub(crate) enum Body {
    Json(Value),
    Mail(Email),
}

/// The message a target of `kind` gets for `notification`. Every kind, without a catch-all:
/// a kind added to `model::notify::Kind` gets its message here or does not compile. An ntfy
/// body lacks its `topic`, which `send` adds once it has read the URL.
/// `tag` is site.yaml's `language` as written (`de-DE`), which mail names; `lang` its words.
pub(crate) fn body(
    lang: &'static Lang,
    tag: &str,
    kind: &TargetKind,
    new: &Published,
    unsubscribe: Option<&str>,
    notification: &Notification,
) -> Body {
    let parts = || parts(lang, new, notification);
    match kind {
        TargetKind::Webhook { .. } => Body::Json(webhook(new, unsubscribe, notification)),
        TargetKind::Slack { .. } => Body::Json(chat::slack(lang, &parts())),
        TargetKind::Discord { .. } => Body::Json(chat::discord(lang, &parts())),
        TargetKind::Teams { .. } => Body::Json(chat::teams(lang, &parts())),
        TargetKind::GoogleChat { .. } => Body::Json(chat::google_chat(lang, &parts())),
        TargetKind::Mattermost { username, .. } => Body::Json(chat::mattermost(lang, &parts(), username.as_deref())),
        TargetKind::Ntfy(ntfy) => Body::Json(chat::ntfy(lang, &parts(), notification, ntfy.priority)),
        TargetKind::Email(_) => Body::Mail(email(lang, tag, new, notification)),
    }
}

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
        // A window's moment, as the hosted product posts the incident when a window it runs
        // starts, ends or is reminded of; `maintenance_event` says which.
        Event::Maintenance { moment, maintenance } => {
            let found = new.incidents.iter().find(|i| i.get("id").and_then(Value::as_str) == Some(&maintenance.id));
            let mut incident = found.cloned().unwrap_or_else(
                || json!({ "id": maintenance.id, "name": maintenance.title, "shortlink": maintenance.shortlink }),
            );
            if let Some(object) = incident.as_object_mut() {
                object.insert("status".into(), json!(moment.api_status()));
            }
            json!({ "meta": meta, "page": page, "incident": incident, "maintenance_event": moment.keyword() })
        }
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

pub(crate) struct Email {
    /// The BCP 47 tag of the text as site.yaml writes it (`de-DE`), for `Content-Language`
    /// (RFC 3282) and the HTML part's `lang`, as the pages name it.
    pub language: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub(crate) fn email(lang: &'static Lang, tag: &str, new: &Published, notification: &Notification) -> Email {
    let parts = parts(lang, new, notification);
    let site = if new.page.name.is_empty() { lang.get("notify.site") } else { new.page.name.as_str() };
    // Mail is read away from the site: `parts` made the Markdown's relative links absolute (as
    // for chat); raw HTML in it is resolved here the same way, links as on its page (`url` has
    // no trailing `/`), images as the site's, the rule of the feeds.
    let site_url = format!("{}/", new.page.url);
    let page = if parts.link.ends_with('/') { parts.link.clone() } else { format!("{}/", parts.link) };
    let markdown_html = markdown::to_html(&parts.text);
    let html_body = markdown::absolutize(&markdown::resolve_images(&markdown_html, &site_url), &page);
    let text_body = &parts.text;
    let (colon, details) = (lang.colon(), lang.get("notify.details"));
    let lead_text = parts.lead.as_ref().map(|lead| format!("{lead}\n\n")).unwrap_or_default();
    let lead_html = parts.lead.as_ref().map(|lead| format!("<p>{}</p>", escape(lead))).unwrap_or_default();
    let (status, title, link) = (&parts.status, &parts.title, &parts.link);
    Email {
        language: tag.to_string(),
        subject: format!("[{site}] {status}{colon}{title}"),
        text: format!("{status}{colon}{title}\n\n{lead_text}{text_body}\n\n{details}{colon}{link}\n"),
        // `lang` and `dir` as on the pages: a mail client lays out an Arabic message from the right.
        html: format!(
            "<!DOCTYPE html><html lang=\"{}\" dir=\"{}\"><body><h1>{}{}{}</h1>{lead_html}{html_body}<p><a href=\"{}\">{}</a></p></body></html>",
            escape(tag),
            lang.dir.as_str(),
            escape(status),
            escape(colon),
            escape(title),
            escape(link),
            escape(details)
        ),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::contract::published::{Page, PublishedComponent, Status};

    /// A published site whose `web` went from operational to a major outage, and that change.
    pub(in crate::notify) fn component_change() -> (Published, Notification) {
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
            maintenances: Vec::new(),
        };
        let event = Event::Component { component: web, old_status: "operational".into() };
        (new, Notification { id: "c".into(), at: "2026-11-30T11:30:00Z".into(), event })
    }

    #[test]
    fn a_status_change_is_a_sentence_of_the_sites_language() {
        let (new, notification) = component_change();
        let text = |code: &str| email(crate::i18n::lang(code), code, &new, &notification).text;
        assert!(text("en").starts_with("Major outage: Web\n\nWeb changed from operational to major outage.\n"));
        assert!(text("de").contains("Web: Status jetzt „Schwerer Ausfall“ (vorher „Betriebsbereit“)."));
        assert!(text("fr").ends_with("Détails\u{a0}: https://status.example.com/components/web/\n"), "{}", text("fr"));
    }

    #[test]
    fn an_arabic_email_is_laid_out_right_to_left() {
        let (new, notification) = component_change();
        let mail = email(crate::i18n::lang("ar"), "ar", &new, &notification);
        assert!(mail.html.starts_with("<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\">"), "{}", mail.html);
        assert_eq!(mail.subject, "[Acme] انقطاع كبير: Web");
        assert_eq!(mail.language, "ar");
    }
}
