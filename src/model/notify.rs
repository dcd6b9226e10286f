//! The `notify:` settings of site.yaml: who hears about new updates, and how. Holds names of
//! environment variables, never a secret: secrets are read when `notify` runs.

/// Every target of `notify:`, in file order, plus what all of them share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotifyConfig {
    /// Where a subscriber unsubscribes: `meta.unsubscribe` of webhooks.
    pub unsubscribe_url: Option<String>,
    pub targets: Vec<NotifyTarget>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyTarget {
    /// Stable name in the delivery journal and reports: `name:` or made from kind and address.
    pub name: String,
    pub kind: TargetKind,
    /// Component ids; empty means every component.
    pub components: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// JSON POST shaped like the hosted product's subscriber webhooks.
    Webhook {
        url: Endpoint,
        secret_env: Option<String>,
    },
    /// Slack incoming webhook: `{"text": ...}`.
    Slack {
        url: Endpoint,
    },
    /// Discord webhook: `{"content": ...}`.
    Discord {
        url: Endpoint,
    },
    Email(EmailTarget),
}

impl TargetKind {
    pub fn keyword(&self) -> &'static str {
        match self {
            TargetKind::Webhook { .. } => "webhooks",
            TargetKind::Slack { .. } => "slack",
            TargetKind::Discord { .. } => "discord",
            TargetKind::Email(_) => "email",
        }
    }
}

/// An http(s) URL written in site.yaml, or the name of the environment variable holding it
/// (chat webhook URLs carry their own secret, so they belong in the environment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    Url(String),
    Env(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTarget {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub from: String,
    /// The list address that fans out to subscribers.
    pub to: String,
    pub user_env: Option<String>,
    pub password_env: Option<String>,
    /// A `https:` or `mailto:` URL for the `List-Unsubscribe` header (RFC 2369).
    pub list_unsubscribe: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// Plain connection upgraded with STARTTLS (RFC 3207), usually port 587.
    Starttls,
    /// TLS from the first byte (RFC 8314), usually port 465.
    Tls,
    /// No encryption: only for a relay on the same host or tests.
    None,
}

impl SmtpSecurity {
    pub const KEYWORDS: &'static [&'static str] = &["starttls", "tls", "none"];

    pub fn parse(text: &str) -> Option<SmtpSecurity> {
        match text.to_ascii_lowercase().as_str() {
            "starttls" => Some(SmtpSecurity::Starttls),
            "tls" => Some(SmtpSecurity::Tls),
            "none" => Some(SmtpSecurity::None),
            _ => None,
        }
    }

    pub fn default_port(self) -> u16 {
        match self {
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        }
    }
}
