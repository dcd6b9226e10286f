//! The `notify:` settings of site.yaml: who hears about new updates, and how. Holds names of
//! environment variables, never a secret: secrets are read when `notify` runs.

/// Every target of `notify:`, in file order, plus what all of them share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotifyConfig {
    /// Where a subscriber unsubscribes: `meta.unsubscribe` of webhooks.
    pub unsubscribe_url: Option<String>,
    /// Where notifications go, in file order.
    pub targets: Vec<NotifyTarget>,
}

/// One place notifications go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotifyTarget {
    /// Stable name in the delivery journal and reports: `name:` or made from kind and address.
    pub name: String,
    /// What kind of receiver, and how to reach it.
    pub kind: TargetKind,
    /// Component ids; empty means every component.
    pub components: Vec<String>,
}

/// The receivers `notify` can post to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// JSON POST shaped like the hosted product's subscriber webhooks.
    Webhook {
        /// Where to post.
        url: Endpoint,
        /// The environment variable holding the HMAC signing secret.
        secret_env: Option<String>,
    },
    /// Slack incoming webhook: `{"text": ...}`.
    Slack {
        /// Where to post.
        url: Endpoint,
    },
    /// Discord webhook: `{"content": ...}`.
    Discord {
        /// Where to post.
        url: Endpoint,
    },
    /// Mail through an SMTP server.
    Email(EmailTarget),
}

impl TargetKind {
    /// The key it is written with in site.yaml.
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
    /// Written in site.yaml.
    Url(String),
    /// Read from this environment variable when sending (for secrets).
    Env(String),
}

/// An SMTP server and the list address to mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailTarget {
    /// SMTP host name.
    pub host: String,
    /// SMTP port.
    pub port: u16,
    /// How the connection is encrypted.
    pub security: SmtpSecurity,
    /// The sender address.
    pub from: String,
    /// The list address that fans out to subscribers.
    pub to: String,
    /// The environment variable holding the SMTP user.
    pub user_env: Option<String>,
    /// The environment variable holding the SMTP password.
    pub password_env: Option<String>,
    /// A `https:` or `mailto:` URL for the `List-Unsubscribe` header (RFC 2369).
    pub list_unsubscribe: Option<String>,
}

/// How `notify` talks to the SMTP server.
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
    /// The words site.yaml accepts, in the order help lists them.
    pub const KEYWORDS: &'static [&'static str] = &["starttls", "tls", "none"];

    /// The security a site.yaml word names.
    pub fn parse(text: &str) -> Option<SmtpSecurity> {
        match text.to_ascii_lowercase().as_str() {
            "starttls" => Some(SmtpSecurity::Starttls),
            "tls" => Some(SmtpSecurity::Tls),
            "none" => Some(SmtpSecurity::None),
            _ => None,
        }
    }

    /// The port used when site.yaml gives none.
    pub fn default_port(self) -> u16 {
        match self {
            SmtpSecurity::Starttls => 587,
            SmtpSecurity::Tls => 465,
            SmtpSecurity::None => 25,
        }
    }
}
