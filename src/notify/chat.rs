//! Chat and push messages, one function per service, each in the markup that service reads:
//! Slack's mrkdwn, Discord's and Mattermost's Markdown, Google Chat's own markup, a Teams
//! Adaptive Card, an ntfy notification. Text from content is made inert where a service would
//! read it as a mention of everyone (`@everyone`, `@channel`, `<users/all>`): a title must
//! never ping a whole channel.

use super::maintenance::Moment;
use super::parts::{excerpt, Parts};
use super::plan::{Event, Notification};
use crate::i18n::Lang;
use serde_json::{json, Value};

/// Slack incoming webhook: `{"text": ...}` with Slack's `*bold*` and `<url|label>` links.
pub(crate) fn slack(lang: &'static Lang, parts: &Parts) -> Value {
    // Slack reads `&`, `<` and `>` as markup: they must be escaped (Slack "Formatting text").
    let esc = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let (colon, details) = (lang.colon(), esc(lang.get("notify.details")));
    let (status, title, link) = (&parts.status, esc(&parts.title), &parts.link);
    json!({ "text": format!("*{status}*{colon}{title}\n{}\n<{link}|{details}>", esc(&parts.short())) })
}

/// Discord webhook: `{"content": ...}`, under Discord's 2,000-character limit.
pub(crate) fn discord(lang: &'static Lang, parts: &Parts) -> Value {
    let (status, colon, title, link) = (&parts.status, lang.colon(), &parts.title, &parts.link);
    // `allowed_mentions` with nothing to parse: `@everyone` in a title must not ping anyone.
    json!({
        "content": format!("**{status}**{colon}{title}\n{}\n{link}", parts.short()),
        "allowed_mentions": { "parse": [] },
    })
}

/// Microsoft Teams through a Power Automate "Workflows" webhook ("Post to a channel when a
/// webhook request is received"), which takes a message carrying one Adaptive Card (1.4, the
/// version Teams renders): the heading, the lead, the text, and a button to the page. Cards
/// mention only through `msteams.entities`, which this never sends.
pub(crate) fn teams(lang: &'static Lang, parts: &Parts) -> Value {
    let mut body = vec![json!({
        "type": "TextBlock", "text": parts.heading(lang), "weight": "Bolder", "size": "Medium", "wrap": true,
    })];
    if let Some(lead) = &parts.lead {
        body.push(json!({ "type": "TextBlock", "text": lead, "isSubtle": true, "spacing": "Small", "wrap": true }));
    }
    let text = excerpt(&parts.text);
    if !text.is_empty() {
        body.push(json!({ "type": "TextBlock", "text": text, "wrap": true }));
    }
    json!({
        "type": "message",
        "attachments": [{
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": null,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "lang": lang.code,
                "body": body,
                "actions": [{ "type": "Action.OpenUrl", "title": lang.get("notify.details"), "url": parts.link }],
            },
        }],
    })
}

/// Google Chat incoming webhook: `{"text": ...}` in Chat's markup, `*bold*` and
/// `<url|label>` links (Google Chat "Format messages").
pub(crate) fn google_chat(lang: &'static Lang, parts: &Parts) -> Value {
    // `<users/all>` mentions everyone and `<url|text>` is a link: a zero-width space after
    // each `<` of content keeps both as the text they are.
    let inert = |t: &str| t.replace('<', "<\u{200b}");
    let (status, colon, title, link) = (&parts.status, lang.colon(), inert(&parts.title), &parts.link);
    let details = inert(lang.get("notify.details"));
    json!({ "text": format!("*{status}*{colon}{title}\n{}\n<{link}|{details}>", inert(&parts.short())) })
}

/// Mattermost incoming webhook: `{"text": ...}` in Markdown, and `username` when site.yaml
/// names one (the server must allow webhooks to set it, else it is ignored).
pub(crate) fn mattermost(lang: &'static Lang, parts: &Parts, username: Option<&str>) -> Value {
    // `@channel`, `@all` and `@here` notify everyone: a zero-width space after each `@` of
    // content stops Mattermost from reading a mention.
    let inert = |t: &str| t.replace('@', "@\u{200b}");
    let (status, colon, title, link) = (&parts.status, lang.colon(), inert(&parts.title), &parts.link);
    let details = lang.get("notify.details");
    let mut body =
        json!({ "text": format!("**{status}**{colon}{title}\n{}\n[{details}]({link})", inert(&parts.short())) });
    if let (Some(name), Some(object)) = (username, body.as_object_mut()) {
        object.insert("username".into(), json!(name));
    }
    body
}

/// ntfy, published as JSON (docs.ntfy.sh, "Publish as JSON"): the title, the short text as
/// the message, a tag ntfy shows as an emoji, the priority and the page to open on a tap.
/// `topic` is added by `send`, which is where a URL from the environment is read.
pub(crate) fn ntfy(lang: &'static Lang, parts: &Parts, notification: &Notification, priority: Option<u8>) -> Value {
    let (tag, usual) = tone(notification);
    let short = parts.short();
    // An empty message would be published as "triggered".
    let message = if short.is_empty() { parts.title.clone() } else { short };
    json!({
        "title": parts.heading(lang),
        "message": message,
        "tags": [tag],
        "priority": priority.unwrap_or(usual),
        "click": parts.link,
    })
}

/// ntfy's emoji tag and priority for a notification: 4 (high) while something is wrong,
/// 3 (default) for what is over or planned.
fn tone(notification: &Notification) -> (&'static str, u8) {
    const FINE: (&str, u8) = ("white_check_mark", 3);
    const WRONG: (&str, u8) = ("warning", 4);
    const WORK: (&str, u8) = ("wrench", 3);
    // Called off: not a check mark, which would say the work was done.
    const CANCELLED: (&str, u8) = ("x", 3);
    match &notification.event {
        Event::Update(u) if u.cancels => CANCELLED,
        Event::Update(u) if u.kind == "maintenance" => {
            if u.status == "completed" {
                FINE
            } else {
                WORK
            }
        }
        Event::Update(u) if matches!(u.status.as_str(), "resolved" | "postmortem") => FINE,
        Event::Update(_) => WRONG,
        Event::Component { component, .. } => match component.status.as_str() {
            "operational" => FINE,
            "under_maintenance" => WORK,
            _ => WRONG,
        },
        Event::Maintenance { moment, maintenance } => match moment {
            Moment::Reminder => ("calendar", 3),
            Moment::Started => WORK,
            Moment::Completed if maintenance.cancelled => CANCELLED,
            Moment::Completed => FINE,
        },
    }
}
