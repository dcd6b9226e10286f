//! What each chat or push service accepts, as the checks of `service_receiver`: the request a
//! real Teams Workflows webhook, Google Chat or Mattermost incoming webhook or ntfy server
//! takes, and the status it answers (or refuses with). Written from each service's own
//! documentation, not from statusforge's code, so a message of the wrong shape fails here.

use super::Request;
use serde_json::Value;

/// The access token the ntfy receiver's topic is protected with.
pub(crate) const NTFY_TOKEN: &str = "tk_0123456789abcdefghijklmnopq";

type Verdict = Result<u16, (u16, String)>;

fn refuse(reason: impl Into<String>) -> Verdict {
    Err((400, reason.into()))
}

/// The JSON body of a POST sent as `application/json`.
fn json_body(request: &Request) -> Result<Value, (u16, String)> {
    if request.method != "POST" {
        return Err((405, format!("{} is not POST", request.method)));
    }
    let content_type = request.header("content-type").unwrap_or("");
    if !content_type.starts_with("application/json") {
        return Err((415, format!("content type {content_type:?}")));
    }
    serde_json::from_slice(&request.body).map_err(|e| (400, format!("not JSON: {e}")))
}

/// Keys outside `known` are refused, as Google's APIs refuse unknown fields.
fn only_keys(body: &Value, known: &[&str]) -> Result<(), (u16, String)> {
    let object = body.as_object().ok_or((400, "not an object".to_string()))?;
    match object.keys().find(|k| !known.contains(&k.as_str())) {
        Some(key) => Err((400, format!("unknown field {key:?}"))),
        None => Ok(()),
    }
}

fn is_http_url(value: &Value) -> bool {
    value.as_str().is_some_and(|u| u.starts_with("https://") || u.starts_with("http://"))
}

/// A Power Automate "Workflows" webhook posting to Teams: a `message` whose attachments are
/// Adaptive Cards (contentType `application/vnd.microsoft.card.adaptive`), each a card of a
/// version Teams renders (up to 1.5) with TextBlocks and `Action.OpenUrl` buttons. It answers
/// 202 Accepted.
pub(crate) fn teams(request: &Request) -> Verdict {
    let body = json_body(request)?;
    if body["type"] != "message" {
        return refuse("`type` is not \"message\"");
    }
    let Some(attachments) = body["attachments"].as_array().filter(|a| !a.is_empty()) else {
        return refuse("no attachments");
    };
    for attachment in attachments {
        if attachment["contentType"] != "application/vnd.microsoft.card.adaptive" {
            return refuse("an attachment is not an Adaptive Card");
        }
        if !attachment.get("contentUrl").is_some_and(Value::is_null) {
            return refuse("`contentUrl` must be null for an inline card");
        }
        let card = &attachment["content"];
        if card["type"] != "AdaptiveCard" || card["$schema"] != "http://adaptivecards.io/schemas/adaptive-card.json" {
            return refuse("`content` is not an AdaptiveCard");
        }
        if !matches!(card["version"].as_str(), Some("1.0" | "1.1" | "1.2" | "1.3" | "1.4" | "1.5")) {
            return refuse(format!("card version {} is not one Teams renders", card["version"]));
        }
        let Some(elements) = card["body"].as_array().filter(|b| !b.is_empty()) else {
            return refuse("the card has no body");
        };
        if elements.iter().any(|e| card_text(e).is_none_or(|t| t.is_empty())) {
            return refuse("a body element is not a TextBlock with text or a RichTextBlock of TextRuns");
        }
        let actions = card["actions"].as_array().cloned().unwrap_or_default();
        if actions.iter().any(|a| a["type"] != "Action.OpenUrl" || !is_http_url(&a["url"]) || !a["title"].is_string()) {
            return refuse("an action is not an Action.OpenUrl with a title and URL");
        }
    }
    Ok(202)
}

/// A Google Chat incoming webhook: a Message resource; a text message is `{"text": ...}`.
/// Unknown fields are refused with 400 ("Invalid JSON payload received. Unknown name").
pub(crate) fn google_chat(request: &Request) -> Verdict {
    let body = json_body(request)?;
    only_keys(&body, &["text", "cardsV2", "thread", "accessoryWidgets", "privateMessageViewer"])?;
    match body["text"].as_str() {
        Some(text) if !text.trim().is_empty() && text.chars().count() <= 4096 => Ok(200),
        _ => refuse("`text` is missing, empty or over 4,096 characters"),
    }
}

/// A Mattermost incoming webhook: `text` (Markdown) unless there are attachments; optional
/// `username`, `icon_url`, `channel`. It answers 200 "ok".
pub(crate) fn mattermost(request: &Request) -> Verdict {
    let body = json_body(request)?;
    only_keys(
        &body,
        &["text", "username", "icon_url", "icon_emoji", "channel", "attachments", "props", "type", "priority"],
    )?;
    if body["text"].as_str().is_none_or(|t| t.trim().is_empty()) {
        return refuse("`text` is missing or empty");
    }
    if body.get("username").is_some_and(|u| !u.is_string()) {
        return refuse("`username` is not a string");
    }
    Ok(200)
}

/// An ntfy server whose topics need `NTFY_TOKEN`: a JSON publish is a POST to the root with
/// `topic` (1-64 of `[-_A-Za-z0-9]`) and optional `title`, `message`, `tags` (strings),
/// `priority` (1-5) and `click` (a URL). Without the token: 403, with another: 401.
pub(crate) fn ntfy(request: &Request) -> Verdict {
    match request.header("authorization") {
        None => return Err((403, "forbidden: the topic needs a token".into())),
        Some(value) if value != format!("Bearer {NTFY_TOKEN}") => return Err((401, "unauthorized".into())),
        Some(_) => {}
    }
    if request.path != "/" {
        return Err((404, format!("a JSON publish goes to the root, not {}", request.path)));
    }
    let body = json_body(request)?;
    only_keys(
        &body,
        &[
            "topic", "message", "title", "tags", "priority", "click", "actions", "attach", "markdown", "icon",
            "filename", "delay", "email", "call",
        ],
    )?;
    let topic = body["topic"].as_str().unwrap_or("");
    if topic.is_empty() || topic.len() > 64 || !topic.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return refuse(format!("invalid topic {topic:?}"));
    }
    if body.get("tags").is_some_and(|t| !t.as_array().is_some_and(|a| a.iter().all(Value::is_string))) {
        return refuse("`tags` is not a list of strings");
    }
    if body.get("priority").is_some_and(|p| !p.as_u64().is_some_and(|p| (1..=5).contains(&p))) {
        return refuse("`priority` is not 1 to 5");
    }
    if body.get("click").is_some_and(|c| !is_http_url(c)) {
        return refuse("`click` is not a URL");
    }
    for field in ["title", "message"] {
        if body.get(field).is_some_and(|v| !v.is_string()) {
            return refuse(format!("`{field}` is not a string"));
        }
    }
    Ok(200)
}

/// The text of a card's body element: a TextBlock's (Markdown), or a RichTextBlock's
/// TextRuns' (plain, card 1.2) joined; None for anything else.
pub(crate) fn card_text(element: &Value) -> Option<String> {
    match element["type"].as_str()? {
        "TextBlock" => element["text"].as_str().map(str::to_string),
        "RichTextBlock" => {
            let inlines = element["inlines"].as_array()?;
            let runs: Option<Vec<&str>> =
                inlines.iter().map(|r| if r["type"] == "TextRun" { r["text"].as_str() } else { None }).collect();
            Some(runs?.concat())
        }
        _ => None,
    }
}
