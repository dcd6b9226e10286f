//! Delivering one notification to one target: HTTP POST (webhooks, chat, ntfy) with ureq,
//! SMTP with lettre. Secrets are read from the environment here and nowhere else, and every
//! error text is scrubbed of them before it leaves this module. A failure says whether trying
//! again can help (`Failure`); what to do about it is `notify::deliver`'s policy, not this
//! module's.

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

/// Why one send did not go through, its text free of secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The receiver refused this message for good: a 4xx other than 408 and 429 (the URL is
    /// gone, the body is refused), or an SMTP 5xx. Sending the same bytes again cannot help.
    Permanent(String),
    /// It may go through later: 408, 429, 5xx, no connection, no answer in time.
    Transient {
        error: String,
        /// The receiver's `Retry-After`, in seconds (RFC 9110 §10.2.3; a date is not read).
        retry_after: Option<Duration>,
        /// The body may have reached the receiver (no answer in time, a connection cut after
        /// sending): trying again at once risks a duplicate, so it waits for the next run.
        maybe_delivered: bool,
    },
    /// The target cannot be reached as configured: a variable site.yaml names is not set.
    Config(String),
}

impl Failure {
    fn transient(error: String, maybe_delivered: bool) -> Failure {
        Failure::Transient { error, retry_after: None, maybe_delivered }
    }

    fn redacted(self, secrets: &[String]) -> Failure {
        match self {
            Failure::Permanent(text) => Failure::Permanent(redact(&text, secrets)),
            Failure::Config(text) => Failure::Config(redact(&text, secrets)),
            Failure::Transient { error, retry_after, maybe_delivered } => {
                Failure::Transient { error: redact(&error, secrets), retry_after, maybe_delivered }
            }
        }
    }
}

/// Sends once, waiting at most `timeout` for each step; the failure names what failed, with
/// secrets replaced by `***`.
pub(crate) fn deliver(
    lang: &'static Lang,
    tag: &str,
    target: &NotifyTarget,
    new: &Published,
    unsubscribe: Option<&str>,
    notification: &Notification,
    timeout: Duration,
) -> Result<(), Failure> {
    let mut secrets = Vec::new();
    let delivery = delivery_id(notification);
    let post = |url: &str, bytes: &[u8], headers: &[(&str, String)]| post(url, bytes, headers, &delivery, timeout);
    let body = message::body(lang, tag, &target.kind, new, unsubscribe, notification);
    // `message::body` gives mail to email targets only and JSON to the rest.
    let json = |body: Body| match body {
        Body::Json(value) => Ok(value),
        Body::Mail(_) => Err(Failure::Permanent(format!("a mail for a `{}` target", target.kind.keyword()))),
    };
    // Every kind, without a catch-all: how each is reached. Secrets are read here only.
    let result = match &target.kind {
        TargetKind::Email(to) => match body {
            Body::Mail(email) => mail(to, email, &notification.id, &mut secrets, timeout),
            Body::Json(_) => Err(Failure::Permanent("a JSON message for an email target".into())),
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
    result.map_err(|failure| failure.redacted(&secrets))
}

/// The environment variables `target` needs that are not set, each with the key naming it:
/// checked before anything is sent to it, so a missing CI secret is a configuration error
/// named once, not a failed send per notification.
pub(crate) fn missing_env(target: &NotifyTarget) -> Vec<(&'static str, &str)> {
    fn url(endpoint: &Endpoint) -> Vec<(&'static str, &str)> {
        match endpoint {
            Endpoint::Env(name) => vec![("url_env", name.as_str())],
            Endpoint::Url(_) => Vec::new(),
        }
    }
    let mut names = match &target.kind {
        TargetKind::Webhook { url: endpoint, secret_env } => {
            let mut names = url(endpoint);
            names.extend(secret_env.as_deref().map(|name| ("secret_env", name)));
            names
        }
        TargetKind::Ntfy(ntfy) => {
            let mut names = url(&ntfy.url);
            names.extend(ntfy.token_env.as_deref().map(|name| ("token_env", name)));
            names
        }
        TargetKind::Slack { url: endpoint }
        | TargetKind::Discord { url: endpoint }
        | TargetKind::Teams { url: endpoint }
        | TargetKind::GoogleChat { url: endpoint }
        | TargetKind::Mattermost { url: endpoint, .. } => url(endpoint),
        TargetKind::Email(email) => {
            let user = email.user_env.as_deref().map(|name| ("user_env", name));
            user.into_iter().chain(email.password_env.as_deref().map(|name| ("password_env", name))).collect()
        }
    };
    names.retain(|(_, name)| std::env::var(name).map_or(true, |value| value.is_empty()));
    names
}

/// ntfy's JSON publish: POST to the server's root, the topic in the body, an access token
/// (when site.yaml names one) as `Authorization: Bearer`.
fn ntfy_publish(
    target: &NtfyTarget,
    mut body: Value,
    secrets: &mut Vec<String>,
    post: impl Fn(&str, &[u8], &[(&str, String)]) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let url = endpoint(&target.url, secrets)?;
    // `check` saw a URL written in site.yaml; one from the environment is first seen here.
    let (root, topic) = crate::validate::notify_config::ntfy_topic(&url)
        .map_err(|problem| Failure::Config(format!("the URL in {}: {problem}", target.url.describe())))?;
    if let Some(object) = body.as_object_mut() {
        object.insert("topic".into(), Value::String(topic.to_string()));
    }
    let token = target.token_env.as_deref().map(|name| env(name, secrets)).transpose()?;
    let authorization = token.map(|token| ("Authorization", format!("Bearer {token}")));
    post(root, &to_bytes(&body)?, authorization.as_slice())
}

fn to_bytes(value: &Value) -> Result<Vec<u8>, Failure> {
    serde_json::to_vec(value).map_err(|e| Failure::Permanent(e.to_string()))
}

/// A required environment variable; its value is remembered as a secret.
fn env(name: &str, secrets: &mut Vec<String>) -> Result<String, Failure> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => {
            secrets.push(value.clone());
            Ok(value)
        }
        _ => Err(Failure::Config(format!("environment variable {name} is not set"))),
    }
}

fn endpoint(endpoint: &Endpoint, secrets: &mut Vec<String>) -> Result<String, Failure> {
    let url = match endpoint {
        Endpoint::Url(url) => url.clone(),
        Endpoint::Env(name) => env(name, secrets)?,
    };
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Failure::Config(format!("the URL in {} is not an http(s) URL", endpoint.describe())));
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

/// POST JSON with `headers`; any status outside 2xx is a failure, classed by `status_failure`.
fn post(url: &str, body: &[u8], headers: &[(&str, String)], delivery: &str, timeout: Duration) -> Result<(), Failure> {
    // Connecting gets its own, shorter limit: a timeout there means nothing was sent, so it
    // is safe to try again; any later one may come after the receiver took the body.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(timeout.min(Duration::from_secs(5))))
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        // A redirect is not followed: the client would resend the message as a GET (losing
        // it while calling it sent) or to another host with our headers.
        .max_redirects(0)
        .build()
        .into();
    let mut request = agent
        .post(url)
        .header("Content-Type", "application/json")
        .header("User-Agent", concat!("statusforge/", env!("CARGO_PKG_VERSION")))
        .header(DELIVERY_HEADER, delivery);
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let mut response = request.send(body).map_err(|e| {
        let before_sending = matches!(
            e,
            ureq::Error::HostNotFound
                | ureq::Error::ConnectionFailed
                | ureq::Error::Timeout(ureq::Timeout::Resolve | ureq::Timeout::Connect)
        ) || matches!(&e, ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused);
        Failure::transient(format!("POST failed: {e}"), !before_sending)
    })?;
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        return Ok(());
    }
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
    if (300..400).contains(&status) {
        let to = header("location").map(|l| excerpt(&l)).unwrap_or_else(|| "nowhere".into());
        return Err(Failure::Permanent(format!(
            "HTTP {status}: the receiver redirects to {to}; point the target at the final address"
        )));
    }
    let retry_after = header("retry-after");
    // What the receiver says is why, often: the first few hundred bytes are enough to tell.
    let mut head = Vec::new();
    let _ = std::io::Read::read_to_end(&mut std::io::Read::take(response.body_mut().as_reader(), 2048), &mut head);
    Err(status_failure(status, retry_after.as_deref(), &String::from_utf8_lossy(&head)))
}

/// A refused POST by its status: 408 (Request Timeout), 429 (Too Many Requests) and 5xx
/// may pass later (RFC 9110 §15.5.9, RFC 6585 §4); every other 4xx says this request is
/// wrong or its URL gone, and resending the same bytes cannot help. (A 3xx never gets here:
/// `post` reports it as the target's wrong address.)
pub(crate) fn status_failure(status: u16, retry_after: Option<&str>, body: &str) -> Failure {
    let excerpt = excerpt(body);
    let error = if excerpt.is_empty() { format!("HTTP {status}") } else { format!("HTTP {status}: {excerpt}") };
    if (400..500).contains(&status) && status != 408 && status != 429 {
        return Failure::Permanent(error);
    }
    let retry_after = retry_after.and_then(|v| v.trim().parse::<u64>().ok()).map(Duration::from_secs);
    Failure::Transient { error, retry_after, maybe_delivered: false }
}

/// A receiver's answer on one line of at most 200 characters, without control characters.
fn excerpt(body: &str) -> String {
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean: String = line.chars().filter(|c| !c.is_control()).collect();
    if clean.chars().count() <= 200 {
        return clean;
    }
    clean.chars().take(199).collect::<String>() + "…"
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

fn mail(
    target: &EmailTarget,
    email: Email,
    id: &str,
    secrets: &mut Vec<String>,
    timeout: Duration,
) -> Result<(), Failure> {
    let address =
        |text: &str| text.parse::<Mailbox>().map_err(|e| Failure::Permanent(format!("bad address `{text}`: {e}")));
    // The same notification always gets the same Message-ID, so a list can drop a resend.
    let digest = Sha256::digest(id.as_bytes());
    let message_id = format!("<{}@statusforge>", digest[..16].iter().map(|b| format!("{b:02x}")).collect::<String>());
    let mut builder = Message::builder()
        .from(address(&target.from)?)
        .to(address(&target.to)?)
        .subject(email.subject)
        .message_id(Some(message_id))
        .header(ContentLanguage(email.language.clone()));
    if let Some(url) = &target.list_unsubscribe {
        builder = builder.header(ListUnsubscribe(url.clone()));
    }
    let body = MultiPart::alternative()
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(email.text))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(email.html));
    let message = builder.multipart(body).map_err(|e| Failure::Permanent(format!("cannot build the email: {e}")))?;
    let transport = match target.security {
        SmtpSecurity::Starttls => SmtpTransport::starttls_relay(&target.host),
        SmtpSecurity::Tls => SmtpTransport::relay(&target.host),
        SmtpSecurity::None => Ok(SmtpTransport::builder_dangerous(&target.host)),
    }
    .map_err(|e| Failure::Config(format!("SMTP setup failed: {e}")))?
    .port(target.port)
    .timeout(Some(timeout));
    let transport = match (&target.user_env, &target.password_env) {
        (Some(user), Some(password)) => {
            transport.credentials(Credentials::new(env(user, secrets)?, env(password, secrets)?))
        }
        _ => transport,
    };
    transport.build().send(&message).map(|_| ()).map_err(|e| {
        let error = format!("SMTP delivery to {} failed: {e}", target.to);
        // A 5xx reply refuses this message for good (RFC 5321 §4.2.1); a timeout may come
        // after the server took it.
        if e.is_permanent() {
            Failure::Permanent(error)
        } else {
            Failure::transient(error, e.is_timeout())
        }
    })
}
