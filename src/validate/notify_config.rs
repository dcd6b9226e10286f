//! The `notify:` key of site.yaml -> `NotifyConfig`. Secrets are never read from the file:
//! only the names of the environment variables that hold them, checked for shape here.

use super::base_url::normalize_base_url;
use super::fields::{Fields, FileCheck};
use crate::diag::{self, Span};
use crate::load::yaml::Node;
use crate::model::notify::{EmailTarget, Endpoint, NotifyConfig, NotifyTarget, SmtpSecurity, TargetKind};
use crate::model::Component;

pub(super) const KEYS: &[&str] = &["unsubscribe_url", "webhooks", "slack", "discord", "email"];
const WEBHOOK_KEYS: &[&str] = &["name", "url", "url_env", "secret_env", "components"];
const CHAT_KEYS: &[&str] = &["name", "url", "url_env", "components"];
const EMAIL_KEYS: &[&str] =
    &["name", "host", "port", "security", "from", "to", "user_env", "password_env", "list_unsubscribe", "components"];

/// `components` is None when components.yaml did not parse: ids are then not checked.
pub(super) fn check(node: &Node, check: &mut FileCheck<'_>, components: Option<&[Component]>) -> NotifyConfig {
    let Some(fields) = check.fields(node, KEYS, "`notify`") else { return NotifyConfig::default() };
    let unsubscribe_url =
        check.optional_text(&fields, "unsubscribe_url").and_then(|(url, span)| http_url(check, &url, span));
    let mut reader = Reader { check, components };
    let mut targets = Vec::new();
    for kind in ["webhooks", "slack", "discord", "email"] {
        let Some(list) = fields.get(kind) else { continue };
        let Some(items) = list.as_seq() else {
            reader.check.error("wrong-type", list.span, format!("`notify.{kind}` must be a list of targets"));
            continue;
        };
        targets.extend(items.iter().filter_map(|item| reader.target(kind, item)));
    }
    for (i, target) in targets.iter().enumerate() {
        if targets[..i].iter().any(|t| t.name == target.name) {
            let span = fields.key_span("webhooks").unwrap_or(fields.span);
            reader
                .check
                .error("duplicate-target", span, format!("two notify targets are named `{}`", target.name))
                .help =
                Some("give one of them another `name:`; the delivery journal tells targets apart by name".into());
        }
    }
    NotifyConfig { unsubscribe_url, targets }
}

struct Reader<'c, 'f, 'k> {
    check: &'c mut FileCheck<'f>,
    components: Option<&'k [Component]>,
}

impl Reader<'_, '_, '_> {
    fn target(&mut self, kind: &str, item: &Node) -> Option<NotifyTarget> {
        let keys = match kind {
            "webhooks" => WEBHOOK_KEYS,
            "email" => EMAIL_KEYS,
            _ => CHAT_KEYS,
        };
        let fields = self.check.fields(item, keys, &format!("a `notify.{kind}` target"))?;
        let components = self.components(&fields);
        let (kind, default_name) = match kind {
            "webhooks" => {
                let url = self.endpoint(&fields, item.span);
                let secret_env = self.env_name(&fields, "secret_env");
                let url = url?;
                let name = format!("webhook:{}", url.describe());
                (TargetKind::Webhook { url, secret_env }, name)
            }
            "slack" => self
                .endpoint(&fields, item.span)
                .map(|url| (format!("slack:{}", url.describe()), url))
                .map(|(name, url)| (TargetKind::Slack { url }, name))?,
            "discord" => self
                .endpoint(&fields, item.span)
                .map(|url| (format!("discord:{}", url.describe()), url))
                .map(|(name, url)| (TargetKind::Discord { url }, name))?,
            _ => {
                let email = self.email(&fields)?;
                let name = format!("email:{}", email.to);
                (TargetKind::Email(email), name)
            }
        };
        let name = self.check.optional_text(&fields, "name").map_or(default_name, |(n, _)| n);
        Some(NotifyTarget { name, kind, components: components? })
    }

    /// Exactly one of `url` (http(s)) and `url_env` (a variable name).
    fn endpoint(&mut self, fields: &Fields<'_>, span: Span) -> Option<Endpoint> {
        let url = self.check.optional_text(fields, "url");
        let env = self.env_name(fields, "url_env");
        match (url, env) {
            (Some((url, span)), None) => http_url(self.check, &url, span).map(Endpoint::Url),
            (None, Some(env)) => Some(Endpoint::Env(env)),
            (Some((_, span)), Some(_)) => {
                self.check.error("conflicting-keys", span, "give either `url` or `url_env`, not both");
                None
            }
            (None, None) if fields.key_span("url_env").is_some() => None,
            (None, None) => {
                self.check
                    .error("missing-field", Span::new(span.start, span.start + 1), "this target has no `url`")
                    .with_label("`url:` or `url_env:` is required")
                    .help = Some(
                    "put a chat webhook URL in an environment variable and name it with `url_env:`; it is a secret"
                        .into(),
                );
                None
            }
        }
    }

    /// An environment variable name: `[A-Z_][A-Z0-9_]*`, the portable shape (POSIX.1-2017 8.1).
    fn env_name(&mut self, fields: &Fields<'_>, key: &str) -> Option<String> {
        let (name, span) = self.check.optional_text(fields, key)?;
        let ok = name.starts_with(|c: char| c.is_ascii_uppercase() || c == '_')
            && name.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
        if ok {
            return Some(name);
        }
        self.check
            .error("invalid-env-name", span, format!("`{key}` must name an environment variable, not hold a value"))
            .with_label("expected e.g. STATUS_WEBHOOK_SECRET")
            .help = Some(
            "secrets never go in site.yaml: set them in the environment (CI secrets) and name the variable here".into(),
        );
        None
    }

    fn components(&mut self, fields: &Fields<'_>) -> Option<Vec<String>> {
        let Some(node) = fields.get("components") else { return Some(Vec::new()) };
        let Some(items) = node.as_seq() else {
            self.check.error("wrong-type", node.span, "`components` must be a list of component ids");
            return None;
        };
        let mut ids = Vec::new();
        let mut ok = true;
        for item in items {
            let Some(id) = self.check.text(item, "a component id") else {
                ok = false;
                continue;
            };
            if let Some(known) = self.components {
                if !known.iter().any(|c| c.id == id) {
                    let names: Vec<&str> = known.iter().map(|c| c.id.as_str()).collect();
                    self.check
                        .error("unknown-component", item.span, format!("no component with id `{id}`"))
                        .with_label("not declared in content/components.yaml")
                        .help = Some(diag::suggestion(&id, &names, "known"));
                    ok = false;
                    continue;
                }
            }
            ids.push(id);
        }
        ok.then_some(ids)
    }

    fn email(&mut self, fields: &Fields<'_>) -> Option<EmailTarget> {
        let host = self.check.required_text(fields, "host", "an email target").filter(|(host, span)| {
            // A host name has no spaces or line breaks; one with them could never be reached.
            let ok = !host.is_empty() && !host.chars().any(|c| c.is_whitespace() || c.is_control());
            if !ok {
                self.check.error("invalid-value", *span, format!("`{}` is not a host name", host.escape_debug()));
            }
            ok
        });
        let security = match self.check.optional_text(fields, "security") {
            None => Some(SmtpSecurity::Starttls),
            Some((text, span)) => SmtpSecurity::parse(&text).or_else(|| {
                self.check.error("invalid-value", span, format!("unknown SMTP security `{text}`")).help =
                    Some(diag::suggestion(&text, SmtpSecurity::KEYWORDS, "expected one of"));
                None
            }),
        };
        let port = self.check.integer(fields, "port", 1..=65535);
        let from = self.address(fields, "from");
        let to = self.address(fields, "to");
        let user_env = self.env_name(fields, "user_env");
        let password_env = self.env_name(fields, "password_env");
        let list_unsubscribe = self.check.optional_text(fields, "list_unsubscribe").and_then(|(url, span)| {
            // A header value: no spaces or line breaks, which would only garble it.
            let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
            let ok = clean
                && (normalize_base_url(&url).is_some() || url.strip_prefix("mailto:").is_some_and(|a| a.contains('@')));
            if !ok {
                let shown = url.escape_debug();
                self.check.error("invalid-url", span, format!("`{shown}` is not an http(s) or mailto URL"));
            }
            ok.then_some(url)
        });
        let security = security?;
        if security == SmtpSecurity::None && (user_env.is_some() || password_env.is_some()) {
            let span = fields.key_span("security").unwrap_or(fields.span);
            self.check
                .error("credentials-in-the-clear", span, "`security: none` would send the SMTP password unencrypted")
                .with_label("no TLS")
                .help = Some(
                "use `security: starttls` or `tls` with credentials; `none` is for a local relay without login".into(),
            );
            return None;
        }
        Some(EmailTarget {
            host: host?.0,
            port: port.map_or(security.default_port(), |p| p as u16),
            security,
            from: from?,
            to: to?,
            user_env,
            password_env,
            list_unsubscribe,
        })
    }

    fn address(&mut self, fields: &Fields<'_>, key: &str) -> Option<String> {
        let (text, span) = self.check.required_text(fields, key, "an email target")?;
        if text.parse::<lettre::message::Mailbox>().is_ok() {
            return Some(text);
        }
        self.check
            .error("invalid-address", span, format!("`{text}` is not an email address"))
            .with_label("expected e.g. status@example.com or \"Acme Status\" <status@example.com>");
        None
    }
}

fn http_url(check: &mut FileCheck<'_>, url: &str, span: Span) -> Option<String> {
    if normalize_base_url(url).is_some() {
        return Some(url.trim().to_string());
    }
    check
        .error("invalid-url", span, format!("`{url}` is not an absolute http(s) URL"))
        .with_label("expected e.g. https://hooks.example.com/status");
    None
}

impl Endpoint {
    /// How the endpoint is named in the journal and in reports: the URL as written in
    /// site.yaml (public), or `$VAR` (its value may hold a secret).
    pub fn describe(&self) -> String {
        match self {
            Endpoint::Url(url) => url.clone(),
            Endpoint::Env(name) => format!("${name}"),
        }
    }
}
