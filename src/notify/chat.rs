//! Chat and push messages, one function per service, each in the markup that service reads:
//! Slack's mrkdwn, Discord's and Mattermost's Markdown, Google Chat's own markup, a Teams
//! Adaptive Card, an ntfy notification. Text from content is made inert where a service would
//! read it as a mention of everyone (`@everyone`, `@channel`, `<users/all>`): a title must
//! never ping a whole channel. Titles and component names are plain text: each service gets
//! them with its markup escaped, so `[click](https://evil.example)` in a title is no link and
//! `*bold*` no bold. The text of an update is its author's Markdown: as written where the
//! service reads Markdown, in mrkdwn for Slack and Google Chat (`chat_markup`).

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
    let text =
        if parts.plain_text { esc(&parts.short()) } else { super::chat_markup::from_markdown(&parts.short(), esc) };
    json!({ "text": format!("*{status}*{colon}{title}\n{text}\n<{link}|{details}>") })
}

/// CommonMark's backslash escapes (any ASCII punctuation may be escaped, CommonMark 0.31
/// §2.4), which Discord and Mattermost both honour: the text shows as written.
fn markdown_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_{}[]()#+-.!|~<>&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The short text, escaped with `plain` when it was made from names rather than written.
fn short(parts: &Parts, plain: impl Fn(&str) -> String) -> String {
    if parts.plain_text {
        plain(&parts.short())
    } else {
        parts.short()
    }
}

/// Discord webhook: `{"content": ...}`, under Discord's 2,000-character limit.
pub(crate) fn discord(lang: &'static Lang, parts: &Parts) -> Value {
    let (status, colon, title, link) = (&parts.status, lang.colon(), markdown_plain(&parts.title), &parts.link);
    // `allowed_mentions` with nothing to parse: `@everyone` in a title must not ping anyone.
    json!({
        "content": format!("**{status}**{colon}{title}\n{}\n{link}", short(parts, markdown_plain)),
        "allowed_mentions": { "parse": [] },
    })
}

/// Microsoft Teams through a Power Automate "Workflows" webhook ("Post to a channel when a
/// webhook request is received"), which takes a message carrying one Adaptive Card (1.4, the
/// version Teams renders): the heading, the lead, the text, and a button to the page. Cards
/// mention only through `msteams.entities`, which this never sends. A TextBlock reads
/// Markdown, and Teams honours backslash escapes on some clients only (microsoft/AdaptiveCards
/// #5590), so the heading and text made from names are a RichTextBlock's TextRun (card 1.2),
/// which reads none.
pub(crate) fn teams(lang: &'static Lang, parts: &Parts) -> Value {
    let run = |text: String, style: Value| {
        let mut run = json!({ "type": "TextRun", "text": text });
        if let (Some(run), Some(style)) = (run.as_object_mut(), style.as_object()) {
            run.extend(style.clone());
        }
        json!({ "type": "RichTextBlock", "inlines": [run] })
    };
    let mut body = vec![run(parts.heading(lang), json!({ "weight": "Bolder", "size": "Medium" }))];
    if let Some(lead) = &parts.lead {
        body.push(json!({ "type": "TextBlock", "text": lead, "isSubtle": true, "spacing": "Small", "wrap": true }));
    }
    let text = excerpt(&parts.text);
    if parts.plain_text && !text.is_empty() {
        body.push(run(text, json!({})));
    } else if !text.is_empty() {
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
    // Chat has no escape character, and reads `*bold*`, `_italic_`, `~strike~` and `` `code` ``
    // only between word boundaries: a zero-width space on each side of a marker in a title
    // leaves it none.
    let plain = |t: &str| {
        let mut out = String::with_capacity(t.len());
        for c in inert(t).chars() {
            if matches!(c, '*' | '_' | '~' | '`') {
                out.extend(['\u{200b}', c, '\u{200b}']);
            } else {
                out.push(c);
            }
        }
        out
    };
    let (status, colon, title, link) = (&parts.status, lang.colon(), plain(&parts.title), &parts.link);
    let details = inert(lang.get("notify.details"));
    let text =
        if parts.plain_text { plain(&parts.short()) } else { super::chat_markup::from_markdown(&parts.short(), inert) };
    json!({ "text": format!("*{status}*{colon}{title}\n{text}\n<{link}|{details}>") })
}

/// Mattermost incoming webhook: `{"text": ...}` in Markdown, and `username` when site.yaml
/// names one (the server must allow webhooks to set it, else it is ignored).
pub(crate) fn mattermost(lang: &'static Lang, parts: &Parts, username: Option<&str>) -> Value {
    // `@channel`, `@all` and `@here` notify everyone: a zero-width space after each `@` of
    // content stops Mattermost from reading a mention.
    let inert = |t: &str| t.replace('@', "@\u{200b}");
    let plain = |t: &str| inert(&markdown_plain(t));
    let (status, colon, title, link) = (&parts.status, lang.colon(), plain(&parts.title), &parts.link);
    let details = lang.get("notify.details");
    let text = inert(&short(parts, markdown_plain));
    let mut body = json!({ "text": format!("**{status}**{colon}{title}\n{text}\n[{details}]({link})") });
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
        // An update's text is its author's Markdown: ntfy renders it where its apps can.
        "markdown": !parts.plain_text,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_in_a_name_is_escaped_to_show_as_written() {
        assert_eq!(markdown_plain("[a](b) *c* _d_"), r"\[a\]\(b\) \*c\* \_d\_");
        assert_eq!(markdown_plain("SMPP gateway 2"), "SMPP gateway 2");
    }
}
