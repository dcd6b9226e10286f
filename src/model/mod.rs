//! The checked content model: plain types, no I/O, no parsing. Everything here is valid by
//! construction, because `validate` is the only producer.

pub mod notify;
mod status;

pub use notify::NotifyConfig;
pub use status::{ComponentStatus, FeedEntries, Impact, IncidentStatus, Indicator, MaintenanceStatus};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::path::PathBuf;

/// An instant; every time in the model is UTC and converted to the site zone only for display.
pub type Instant = DateTime<Utc>;

/// A whole site after validation, in display order.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    pub groups: Vec<Group>,
    pub components: Vec<Component>,
    /// Shared: `serve` keeps the incidents of unchanged files between rebuilds without
    /// copying them.
    pub incidents: Vec<std::sync::Arc<Incident>>,
    pub maintenances: Vec<Maintenance>,
}

/// `content/site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    /// Absolute http(s) URL that always ends with `/`.
    pub base_url: String,
    pub description: String,
    pub language: String,
    pub timezone: Tz,
    pub uptime_days: u32,
    /// How many days of past incidents the front page lists.
    pub recent_days: u32,
    /// Named links (support, website, ...), in file order.
    pub links: Vec<Link>,
    /// Folder name under `themes/` whose files override the built-in theme.
    pub theme: Option<String>,
    /// `notify:`: subscribers told about new updates by `statusforge notify`.
    pub notify: NotifyConfig,
    /// `feeds: {entries: ...}`: one feed entry per incident (the default) or per update.
    pub feed_entries: FeedEntries,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    pub name: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Component {
    pub id: String,
    pub name: String,
    pub group: Option<String>,
    pub description: Option<String>,
    /// Uptime is not counted before this day (site time zone).
    pub since: Option<NaiveDate>,
}

/// One incident file.
#[derive(Debug, Clone, Hash)]
pub struct Incident {
    pub slug: String,
    pub title: String,
    /// As written, else derived from the front matter components' statuses.
    pub impact: Impact,
    /// True when front matter says `impact:`; a derived one also counts later outages.
    pub impact_written: bool,
    /// Affected components and their status from the incident's start, in file order. Updates
    /// may change them later (`Update::components`): `compute` builds the timeline.
    pub components: Vec<AffectedComponent>,
    /// When impact began, if earlier than the first update.
    pub started: Option<Instant>,
    /// Newest first, as written in the file.
    pub updates: Vec<Update<IncidentStatus>>,
    pub draft: bool,
    pub pinned: bool,
    /// Relative path of the source file, e.g. `content/incidents/x.md`.
    pub source: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AffectedComponent {
    pub id: String,
    pub status: ComponentStatus,
}

/// One scheduled maintenance file.
#[derive(Debug, Clone, Hash)]
pub struct Maintenance {
    pub slug: String,
    pub title: String,
    pub components: Vec<String>,
    pub window: Window,
    /// Newest first, as written in the file.
    pub updates: Vec<Update<MaintenanceStatus>>,
    pub draft: bool,
    pub source: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    pub start: Instant,
    pub end: Instant,
}

/// One `## Status - time` section of an incident or maintenance.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Update<S> {
    /// The status in effect after this update; an `Update` heading keeps the previous one.
    pub status: S,
    /// True when the heading said `Update`: shown as "Update", the status carried over.
    pub is_note: bool,
    pub at: Instant,
    /// Markdown source of the body, trimmed, without its `Components:` line.
    pub body: String,
    /// The statuses its `Components: id=status, ...` line sets from `at`, in written order;
    /// empty without one (always, for maintenance).
    pub components: Vec<AffectedComponent>,
}
