//! Delivering one notification to one target: HTTP POST (webhooks, chat, ntfy) with ureq,
//! SMTP with lettre. Secrets are read from the environment here and nowhere else, and every
//! error text is scrubbed of them before it leaves this module.

use super::message::{self, Body, Email};
use super::plan::Notification;
use crate::contract::published::Published;
use crate::i18n::Lang;
use crate::model::notify::{EmailTarget, Endpoint, NotifyTarget, NtfyTarget, SmtpSecurity, TargetKind};
use hmac::{Hmac, KeyInit, Mac};
use lettre::message::header::{ContentType, Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::time::Duration;

pub(crate) const SIGNATURE_HEADER: &str = "X-Statusforge-Signature";
const TIMEOUT: Duration = Duration::from_secs(20);

/// Sends once; the error names what failed, with secrets replaced by `***`.
pub(crate) fn deliver(
    lang: &'static Lang,
    target: &NotifyTarget,
    new: &Published,
    unsubscribe: Option<&str>,
    notification: &Notification,
) -> Result<(), String> {
    let mut secrets = Vec::new();
    let delivery = delivery_id(notification);
    let post = |url: &str, bytes: &[u8], headers: &[(&str, String)]| post(url, bytes, headers, &delivery);
    let body = message::body(lang, &target.kind, new, unsubscribe, notification);
    // `message::body` gives mail to email targets only and JSON to the rest.
    let json = |body: Body| match body {
        Body::Json(value) => Ok(value),
        Body::Mail(_) => Err(format!("a mail for a `{}` target", target.kind.keyword())),
    };
    // Every kind, without a catch-all: how each is reached. Secrets are read here only.
    let result = match &target.kind {
        TargetKind::Email(to) => match body {
            Body::Mail(email) => mail(to, email, &notification.id, &mut secrets),
            Body::Json(_) => Err("a JSON message for an email target".into()),
        },
        TargetKind::Webhook { url, secret_env } => json(body).and_then(|value| {
            let bytes = to_bytes(&value)?;
            let url = endpoint(url, &mut secrets)?;
            let secret = secret_env.as_deref().map(|name| env(name, &mut secrets)).transpose()?;
            // Signed over the exact bytes sent.
            let signature = secret.map(|secret| (SIGNATURE_HEADER, signature(&secret, &bytes)));
            post(&url, &bytes, signature.as_slice())
        }),
        TargetKind::Ntfy(ntfy) => json(body).and_then(|value| ntfy_publish(ntfy, value, &mut secrets, post)),
        TargetKind::Slack { url }
        | TargetKind::Discord { url }
        | TargetKind::Teams { url }
        | TargetKind::GoogleChat { url }
        | TargetKind::Mattermost { url, .. } => json(body).and_then(|value| {
            let url = endpoint(url, &mut secrets)?;
            post(&url, &to_bytes(&value)?, &[])
        }),
    };
    result.map_err(|error| redact(&error, &secrets))
}

/// ntfy's JSON publish: POST to the server's root, the topic in the body, an access token
/// (when site.yaml names one) as `Authorization: Bearer`.
fn ntfy_publish(
    target: &NtfyTarget,
    mut body: Value,
    secrets: &mut Vec<String>,
    post: impl Fn(&str, &[u8], &[(&str, String)]) -> Result<(), String>,
) -> Result<(), String> {
    let url = endpoint(&target.url, secrets)?;
    // `check` saw a URL written in site.yaml; one from the environment is first seen here.
    let (root, topic) = crate::validate::notify_config::ntfy_topic(&url)
        .map_err(|problem| format!("the URL in {}: {problem}", target.url.describe()))?;
    if let Some(object) = body.as_object_mut() {
        object.insert("topic".into(), Value::String(topic.to_string()));
    }
    let token = target.token_env.as_deref().map(|name| env(name, secrets)).transpose()?;
    let authorization = token.map(|token| ("Authorization", format!("Bearer {token}")));
    post(root, &to_bytes(&body)?, authorization.as_slice())
}

fn to_bytes(value: &Value) -> Result<Vec<u8>, String> {
    serde_json::to_vec(value).map_err(|e| e.to_string())
}

/// A required environment variable; its value is remembered as a secret.
fn env(name: &str, secrets: &mut Vec<String>) -> Result<String, String> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => {
            secrets.push(value.clone());
            Ok(value)
        }
        _ => Err(format!("environment variable {name} is not set")),
    }
}

fn endpoint(endpoint: &Endpoint, secrets: &mut Vec<String>) -> Result<String, String> {
    let url = match endpoint {
        Endpoint::Url(url) => url.clone(),
        Endpoint::Env(name) => env(name, secrets)?,
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!("the URL in {} is not an http(s) URL", endpoint.describe()));
    }
    Ok(url)
}

/// Replaces every secret in `text`; a secret never reaches a log, even inside a URL.
pub(crate) fn redact(text: &str, secrets: &[String]) -> String {
    secrets.iter().filter(|s| !s.is_empty()).fold(text.to_string(), |t, s| t.replace(s.as_str(), "***"))
}

/// `sha256=<hex HMAC-SHA256(secret, body)>` (RFC 2104), the GitHub-style signature header.
pub(crate) fn signature(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    let bytes = mac.finalize().into_bytes();
    format!("sha256={}", bytes.iter().map(|b| format!("{b:02x}")).collect::<String>())
}

/// The same for every send of one notification, in every run: a receiver that got it before a
/// crash kept the journal from recording it can drop the resend.
pub(crate) fn delivery_id(notification: &Notification) -> String {
    crate::contract::ids::stable("delivery", &notification.id)
}

/// Names the delivery on every POST (`delivery_id`).
pub(crate) const DELIVERY_HEADER: &str = "X-Statusforge-Delivery";

/// POST JSON with `headers`; any status outside 2xx is a failure (ureq's default).
fn post(url: &str, body: &[u8], headers: &[(&str, String)], delivery: &str) -> Result<(), String> {
    let agent: ureq::Agent = ureq::Agent::config_builder().timeout_global(Some(TIMEOUT)).build().into();
    let mut request = agent
        .post(url)
        .header("Content-Type", "application/json")
        .header("User-Agent", concat!("statusforge/", env!("CARGO_PKG_VERSION")))
        .header(DELIVERY_HEADER, delivery);
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    request.send(body).map(|_| ()).map_err(|e| format!("POST failed: {e}"))
}

/// `Content-Language` (RFC 3282): the language the message is written in.
#[derive(Clone)]
struct ContentLanguage(String);

impl Header for ContentLanguage {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("Content-Language")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ContentLanguage(s.trim().to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe` (RFC 2369): a URL in angle brackets.
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.trim().trim_start_matches('<').trim_end_matches('>').to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

fn mail(target: &EmailTarget, email: Email, id: &str, secrets: &mut Vec<String>) -> Result<(), String> {
    let address = |text: &str| text.parse::<Mailbox>().map_err(|e| format!("bad address `{text}`: {e}"));
    // The same notification always gets the same Message-ID, so a list can drop a resend.
    let digest = Sha256::digest(id.as_bytes());
    let message_id = format!("<{}@statusforge>", digest[..16].iter().map(|b| format!("{b:02x}")).collect::<String>());
    let mut builder = Message::builder()
        .from(address(&target.from)?)
        .to(address(&target.to)?)
        .subject(email.subject)
        .message_id(Some(message_id))
        .header(ContentLanguage(email.language.to_string()));
    if let Some(url) = &target.list_unsubscribe {
        builder = builder.header(ListUnsubscribe(url.clone()));
    }
    let body = MultiPart::alternative()
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(email.text))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(email.html));
    let message = builder.multipart(body).map_err(|e| format!("cannot build the email: {e}"))?;
    let transport = match target.security {
        SmtpSecurity::Starttls => SmtpTransport::starttls_relay(&target.host),
        SmtpSecurity::Tls => SmtpTransport::relay(&target.host),
        SmtpSecurity::None => Ok(SmtpTransport::builder_dangerous(&target.host)),
    }
    .map_err(|e| format!("SMTP setup failed: {e}"))?
    .port(target.port)
    .timeout(Some(TIMEOUT));
    let transport = match (&target.user_env, &target.password_env) {
        (Some(user), Some(password)) => {
            transport.credentials(Credentials::new(env(user, secrets)?, env(password, secrets)?))
        }
        _ => transport,
    };
    transport.build().send(&message).map(|_| ()).map_err(|e| format!("SMTP delivery to {} failed: {e}", target.to))
}
