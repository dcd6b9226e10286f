//! The `notify:` settings of site.yaml: who hears about new updates, and how. Holds names of
//! environment variables, never a secret: secrets are read when `notify` runs.

/// Every target of `notify:`, in file order, plus what all of them share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotifyConfig {
    /// Where a subscriber unsubscribes: `meta.unsubscribe` of webhooks.
    pub unsubscribe_url: Option<String>,
    /// `remind_before:` how long before a maintenance window opens its reminder is due; no
    /// reminders without it.
    pub remind_before: Option<chrono::Duration>,
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

/// Declares `Kind` and `Kind::ALL` from one table, so the list can miss no kind.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $keyword:literal, $prefix:literal, $example:literal;)*) => {
        /// Every kind of notify target, declared once: site.yaml's keys under `notify:`, what
        /// `check` accepts (`validate/notify_config.rs`), the help it gives, the message each
        /// receives (`notify/message.rs`) and how it is sent (`notify/send.rs`) all come from
        /// here, each through a `match` without a catch-all, so a kind added here and not
        /// there does not compile.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in the order site.yaml's lists are read and help names them.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The key under `notify:` that lists targets of this kind.
            pub fn keyword(self) -> &'static str {
                match self {
                    $(Kind::$variant => $keyword,)*
                }
            }

            /// What a target's default name starts with (`slack:$SLACK_WEBHOOK_URL`): journal
            /// keys, so never renamed.
            pub fn name_prefix(self) -> &'static str {
                match self {
                    $(Kind::$variant => $prefix,)*
                }
            }

            /// One valid target of this kind as a YAML flow mapping, for help text (and the
            /// test that every kind parses, validates and gets a message).
            pub fn example(self) -> &'static str {
                match self {
                    $(Kind::$variant => $example,)*
                }
            }
        }
    };
}

kinds! {
    /// JSON POST shaped like the hosted product's subscriber webhooks.
    Webhook = "webhooks", "webhook", "{url: https://hooks.example.com/status, secret_env: STATUS_WEBHOOK_SECRET}";
    /// Slack incoming webhook.
    Slack = "slack", "slack", "{url_env: SLACK_WEBHOOK_URL}";
    /// Discord webhook.
    Discord = "discord", "discord", "{url_env: DISCORD_WEBHOOK_URL}";
    /// Microsoft Teams, through a Power Automate "Workflows" webhook.
    Teams = "teams", "teams", "{url_env: TEAMS_WEBHOOK_URL}";
    /// Google Chat incoming webhook.
    GoogleChat = "google_chat", "google_chat", "{url_env: GOOGLE_CHAT_WEBHOOK_URL}";
    /// Mattermost incoming webhook.
    Mattermost = "mattermost", "mattermost", "{url_env: MATTERMOST_WEBHOOK_URL, username: Status}";
    /// An ntfy topic (ntfy.sh or a server of one's own).
    Ntfy = "ntfy", "ntfy", "{url_env: NTFY_TOPIC_URL, token_env: NTFY_TOKEN}";
    /// Mail through an SMTP server.
    Email = "email", "email", "{host: smtp.example.com, from: status@example.com, to: list@example.com}";
}

impl Kind {
    /// The keys a target of this kind accepts, for `check` and its suggestions.
    pub fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Webhook => &["name", "url", "url_env", "secret_env", "components"],
            Kind::Slack | Kind::Discord | Kind::Teams | Kind::GoogleChat => &["name", "url", "url_env", "components"],
            Kind::Mattermost => &["name", "url", "url_env", "username", "components"],
            Kind::Ntfy => &["name", "url", "url_env", "token_env", "priority", "components"],
            Kind::Email => &[
                "name",
                "host",
                "port",
                "security",
                "from",
                "to",
                "user_env",
                "password_env",
                "list_unsubscribe",
                "components",
            ],
        }
    }

    /// Kinds whose `url` is a chat webhook's: a secret in its path, so `url_env` is advised.
    pub fn url_is_secret(self) -> bool {
        match self {
            Kind::Webhook | Kind::Email => false,
            Kind::Slack | Kind::Discord | Kind::Teams | Kind::GoogleChat | Kind::Mattermost | Kind::Ntfy => true,
        }
    }
}

/// The receivers `notify` can post to, with what each needs.
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
    /// Microsoft Teams "Workflows" webhook: a message with one Adaptive Card.
    Teams {
        /// Where to post.
        url: Endpoint,
    },
    /// Google Chat incoming webhook: `{"text": ...}` in Google Chat's markup.
    GoogleChat {
        /// Where to post.
        url: Endpoint,
    },
    /// Mattermost incoming webhook: `{"text": ...}` in Markdown.
    Mattermost {
        /// Where to post.
        url: Endpoint,
        /// Shown as the poster, where the server allows webhooks to set it.
        username: Option<String>,
    },
    /// An ntfy topic.
    Ntfy(NtfyTarget),
    /// Mail through an SMTP server.
    Email(EmailTarget),
}

impl TargetKind {
    /// Which kind it is.
    pub fn kind(&self) -> Kind {
        match self {
            TargetKind::Webhook { .. } => Kind::Webhook,
            TargetKind::Slack { .. } => Kind::Slack,
            TargetKind::Discord { .. } => Kind::Discord,
            TargetKind::Teams { .. } => Kind::Teams,
            TargetKind::GoogleChat { .. } => Kind::GoogleChat,
            TargetKind::Mattermost { .. } => Kind::Mattermost,
            TargetKind::Ntfy(_) => Kind::Ntfy,
            TargetKind::Email(_) => Kind::Email,
        }
    }

    /// The key it is written with in site.yaml.
    pub fn keyword(&self) -> &'static str {
        self.kind().keyword()
    }

    /// Where it goes, as its default name and reports show it: a URL as written, `$VARIABLE`
    /// for one read from the environment, or the list address.
    pub fn address(&self) -> String {
        match self {
            TargetKind::Webhook { url, .. }
            | TargetKind::Slack { url }
            | TargetKind::Discord { url }
            | TargetKind::Teams { url }
            | TargetKind::GoogleChat { url }
            | TargetKind::Mattermost { url, .. } => url.describe(),
            TargetKind::Ntfy(ntfy) => ntfy.url.describe(),
            TargetKind::Email(email) => email.to.clone(),
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

/// An ntfy topic and how to publish to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NtfyTarget {
    /// The topic's URL, as ntfy's apps subscribe to it: `https://ntfy.sh/acme-status`.
    pub url: Endpoint,
    /// The environment variable holding an access token (`Authorization: Bearer`).
    pub token_env: Option<String>,
    /// 1 (min) to 5 (max); None: chosen per notification.
    pub priority: Option<u8>,
}

/// ntfy's priority words (docs.ntfy.sh/publish, "Message priority"), 1 to 5.
pub const NTFY_PRIORITIES: &[&str] = &["min", "low", "default", "high", "max"];

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
