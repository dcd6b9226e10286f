//! The `notify:` key of site.yaml -> `NotifyConfig`. Secrets are never read from the file:
//! only the names of the environment variables that hold them, checked for shape here.

use super::base_url::{normalize, normalize_base_url};
use super::fields::{Fields, FileCheck};
use crate::diag::{self, Diagnostic, Span};
use crate::load::yaml::Node;
use crate::model::notify::{
    EmailTarget, Endpoint, Kind, NotifyConfig, NotifyTarget, NtfyTarget, SmtpSecurity, TargetKind, NTFY_PRIORITIES,
};
use crate::model::{Component, Upstream};

/// The keys of `notify:` that are settings, not lists of targets.
const SETTINGS: &[&str] = &["unsubscribe_url", "remind_before"];

/// Every key `notify:` accepts: its settings, then one list per target kind.
pub(super) fn keys() -> Vec<&'static str> {
    SETTINGS.iter().copied().chain(Kind::ALL.iter().map(|kind| kind.keyword())).collect()
}

/// `components` is None when components.yaml did not parse: ids are then not checked.
pub(super) fn check(
    node: &Node,
    check: &mut FileCheck<'_>,
    components: Option<&[Component]>,
    upstream: &[Upstream],
) -> NotifyConfig {
    let Some(fields) = check.fields(node, &keys(), "`notify`") else { return NotifyConfig::default() };
    let unsubscribe_url =
        check.optional_text(&fields, "unsubscribe_url").and_then(|(url, span)| http_url(check, &url, span));
    let remind_before = check.optional_text(&fields, "remind_before").and_then(|(text, span)| {
        crate::clock::parse_duration(&text)
            .map_err(|problem| {
                check.error("invalid-duration", span, problem).with_label("how long before a window opens").help = Some(
                    "e.g. `remind_before: 24h`: one reminder per maintenance window, that long before it opens".into(),
                );
            })
            .ok()
    });
    let mut reader = Reader { check, components, upstream };
    let mut targets: Vec<(NotifyTarget, Span)> = Vec::new();
    for &kind in Kind::ALL {
        let Some(list) = fields.get(kind.keyword()) else { continue };
        let Some(items) = list.as_seq() else {
            let keyword = kind.keyword();
            reader.check.error("wrong-type", list.span, format!("`notify.{keyword}` must be a list of targets")).help =
                Some(format!("write each target as a list item: `{keyword}: [{}]`", kind.example()));
            continue;
        };
        targets.extend(items.iter().filter_map(|item| Some((reader.target(kind, item)?, item.span))));
    }
    for (i, (target, span)) in targets.iter().enumerate() {
        if targets[..i].iter().any(|(t, _)| t.name == target.name) {
            reader
                .check
                .error("duplicate-target", *span, format!("two notify targets are named `{}`", target.name))
                .help =
                Some("give one of them another `name:`; the delivery journal tells targets apart by name".into());
        }
    }
    NotifyConfig { unsubscribe_url, remind_before, targets: targets.into_iter().map(|(t, _)| t).collect() }
}

struct Reader<'c, 'f, 'k> {
    check: &'c mut FileCheck<'f>,
    components: Option<&'k [Component]>,
    /// Third-party components: named in a filter, they get their own message.
    upstream: &'k [Upstream],
}

impl Reader<'_, '_, '_> {
    fn target(&mut self, kind: Kind, item: &Node) -> Option<NotifyTarget> {
        let fields = self.check.fields(item, kind.keys(), &format!("a `notify.{}` target", kind.keyword()))?;
        let components = self.components(&fields);
        let span = item.span;
        // Every kind, without a catch-all: a kind added to the table must be read here.
        let target = match kind {
            Kind::Webhook => {
                let url = self.endpoint(&fields, span, kind);
                let secret_env = self.env_name(&fields, "secret_env");
                TargetKind::Webhook { url: url?, secret_env }
            }
            Kind::Slack => TargetKind::Slack { url: self.endpoint(&fields, span, kind)? },
            Kind::Discord => TargetKind::Discord { url: self.endpoint(&fields, span, kind)? },
            Kind::Teams => TargetKind::Teams { url: self.endpoint(&fields, span, kind)? },
            Kind::GoogleChat => TargetKind::GoogleChat { url: self.endpoint(&fields, span, kind)? },
            Kind::Mattermost => {
                let url = self.endpoint(&fields, span, kind);
                let username =
                    self.check.optional_text(&fields, "username").map(|(name, _)| name).filter(|name| !name.is_empty());
                TargetKind::Mattermost { url: url?, username }
            }
            Kind::Ntfy => TargetKind::Ntfy(self.ntfy(&fields, span)?),
            Kind::Email => TargetKind::Email(self.email(&fields)?),
        };
        let default_name = format!("{}:{}", kind.name_prefix(), target.address());
        let name = self.check.optional_text(&fields, "name").map_or(default_name, |(n, _)| n);
        Some(NotifyTarget { name, kind: target, components: components? })
    }

    /// An ntfy topic URL (`https://ntfy.sh/acme-status`), an optional token variable and an
    /// optional priority (1 to 5, or ntfy's words for them).
    fn ntfy(&mut self, fields: &Fields<'_>, span: Span) -> Option<NtfyTarget> {
        let url = self.endpoint(fields, span, Kind::Ntfy).filter(|url| {
            let Endpoint::Url(text) = url else { return true };
            // The topic is the URL's last segment: a URL without one names no topic.
            let problem = ntfy_topic(text).err();
            if let (Some(problem), Some(node)) = (problem, fields.get("url")) {
                self.check
                    .error("invalid-url", node.span, problem)
                    .with_label("expected e.g. https://ntfy.sh/acme-status");
            }
            problem.is_none()
        });
        let token_env = self.env_name(fields, "token_env");
        let priority = match self.check.optional_text(fields, "priority") {
            None => Some(None),
            Some((text, span)) => match ntfy_priority(&text) {
                Some(p) => Some(Some(p)),
                None => {
                    self.check.error("invalid-value", span, format!("`{text}` is not an ntfy priority")).help =
                        Some(format!("use 1 to 5, or one of: {}", NTFY_PRIORITIES.join(", ")));
                    None
                }
            },
        };
        Some(NtfyTarget { url: url?, token_env, priority: priority? })
    }

    /// Exactly one of `url` (http(s)) and `url_env` (a variable name).
    fn endpoint(&mut self, fields: &Fields<'_>, span: Span, kind: Kind) -> Option<Endpoint> {
        let url = self.check.optional_text(fields, "url");
        let env = self.env_name(fields, "url_env");
        match (url, env) {
            // Said before the URL's shape: `is not an absolute http(s) URL` would not say why.
            (Some((url, span)), None) if kind == Kind::Ntfy && url.contains(['?', '#']) => {
                let problem = ntfy_topic(&url).err().unwrap_or_default();
                self.check
                    .error("invalid-url", span, problem)
                    .with_label("expected e.g. https://ntfy.sh/acme-status")
                    .help = Some("a message's priority is the target's `priority:`; its token, `token_env:`".into());
                None
            }
            (Some((url, span)), None) => {
                let url = http_url(self.check, &url, span)?;
                plain_http_warning(self.check, &url, span);
                Some(Endpoint::Url(url))
            }
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
                    .help = Some(if kind.url_is_secret() {
                    format!(
                        "this URL is a secret: put it in an environment variable and name it, e.g. `{}`",
                        kind.example()
                    )
                } else {
                    format!("e.g. `{}`", kind.example())
                });
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
            if self.upstream.iter().any(|u| u.id == id) {
                self.check
                    .error("upstream-component-named", item.span, format!("`{id}` is a third-party component"))
                    .with_label("its changes are not notified")
                    .help =
                    Some("notify tells of the team's own components; name the one the vendor's problem affects".into());
                ok = false;
                continue;
            }
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

/// An absolute http(s) URL a request goes to. Unlike a base URL it may carry a query (many
/// webhook URLs hold a token there); a fragment is never sent, so one is a mistake.
fn http_url(check: &mut FileCheck<'_>, url: &str, span: Span) -> Option<String> {
    let trimmed = url.trim();
    let before_query = trimmed.split_once('?').map_or(trimmed, |(base, _)| base);
    let problem = if trimmed.contains('#') {
        format!("`{url}` has a #fragment, which is never sent to the server")
    } else {
        match normalize(before_query) {
            Ok(_) => return Some(trimmed.to_string()),
            Err(problem) => problem.message(url),
        }
    };
    check.error("invalid-url", span, problem).with_label("expected e.g. https://hooks.example.com/status");
    None
}

/// Warns of a target reached over plain `http://`: what it is told (and a webhook's
/// signature, an ntfy token) crosses the network readable by anyone on the way. A receiver on
/// this machine (tests, a local relay) is fine.
fn plain_http_warning(check: &mut FileCheck<'_>, url: &str, span: Span) {
    let Some(rest) = url.get(..7).filter(|scheme| scheme.eq_ignore_ascii_case("http://")).map(|_| &url[7..]) else {
        return;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit('@').next().unwrap_or("");
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    if ["localhost", "127.0.0.1", "::1"].iter().any(|local| host.eq_ignore_ascii_case(local)) {
        return;
    }
    let mut warning =
        Diagnostic::warning("insecure-url", check.file, format!("`{url}` is not encrypted (http, not https)")).at(span);
    warning.with_label("notifications sent here can be read and changed on the way").help =
        Some("use the receiver's https:// URL".into());
    check.push(warning);
}

/// An ntfy topic URL split into the server's root (with its trailing `/`) and the topic: the
/// last path segment, which ntfy allows to be 1 to 64 letters, digits, `-` and `_`. `notify`
/// publishes JSON to the root, naming the topic inside (docs.ntfy.sh, "Publish as JSON").
pub(crate) fn ntfy_topic(url: &str) -> Result<(&str, &str), &'static str> {
    // The topic must end the URL: a query or fragment would be dropped without a word (the
    // publish goes to the root), or hide the topic (`https://ntfy.sh/?topic=x`).
    if url.contains(['?', '#']) {
        return Err("an ntfy URL has no `?query` or `#fragment`: it ends with its topic, and ntfy's \
                    options are keys of the target (`priority`, `token_env`)");
    }
    let bare = url;
    let host = bare.find("://").map_or(0, |at| at + 3);
    let (root, topic) = bare[host..].rfind('/').map_or(("", ""), |at| bare.split_at(host + at + 1));
    let ok =
        (1..=64).contains(&topic.len()) && topic.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok((root, topic))
    } else {
        Err("an ntfy URL ends with its topic: 1 to 64 letters, digits, `-` or `_`")
    }
}

/// `1` to `5`, or ntfy's words for them (`min` ... `max`).
fn ntfy_priority(text: &str) -> Option<u8> {
    let word = NTFY_PRIORITIES.iter().position(|w| w.eq_ignore_ascii_case(text)).map(|i| i as u8 + 1);
    word.or_else(|| text.parse::<u8>().ok().filter(|p| (1..=5).contains(p)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ntfy_topics_are_the_last_segment_of_the_url() {
        assert_eq!(ntfy_topic("https://ntfy.sh/acme-status"), Ok(("https://ntfy.sh/", "acme-status")));
        assert_eq!(ntfy_topic("https://example.com/ntfy/acme_2"), Ok(("https://example.com/ntfy/", "acme_2")));
        for bad in ["https://ntfy.sh/", "https://ntfy.sh", "https://ntfy.sh/a.b", "https://ntfy.sh/a/"] {
            assert!(ntfy_topic(bad).is_err(), "{bad}");
        }
        for query in ["https://ntfy.sh/acme?x=1", "https://ntfy.sh/?topic=acme", "https://ntfy.sh/acme#t"] {
            assert!(ntfy_topic(query).unwrap_err().contains("no `?query`"), "{query}");
        }
    }

    #[test]
    fn ntfy_priorities_are_numbers_or_words() {
        assert_eq!(ntfy_priority("max"), Some(5));
        assert_eq!(ntfy_priority("Low"), Some(2));
        assert_eq!(ntfy_priority("3"), Some(3));
        assert_eq!(ntfy_priority("6"), None);
        assert_eq!(ntfy_priority("urgent"), None);
    }
}
