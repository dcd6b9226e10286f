//! The checked content model: plain types, no I/O, no parsing. Everything here is valid by
//! construction, because `validate` is the only producer.

pub mod notify;
mod status;
pub mod subscribe;
mod upstream;

pub use notify::NotifyConfig;
pub use status::{
    heading_word, ComponentStatus, FeedEntries, Impact, IncidentStatus, Indicator, MaintenanceStatus, Robots,
};
pub use subscribe::{ListLabel, ListOption, Subscribe, SubscribeForm};
pub use upstream::{Upstream, UpstreamIncident, UpstreamSnapshot, UpstreamSource};

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use std::path::PathBuf;

/// An instant; every time in the model is UTC and converted to the site zone only for display.
pub type Instant = DateTime<Utc>;

/// A whole site after validation, in display order.
#[derive(Debug, Clone)]
pub struct Site {
    /// `site.yaml`.
    pub config: SiteConfig,
    /// Component groups, in file order.
    pub groups: Vec<Group>,
    /// Components, in file order.
    pub components: Vec<Component>,
    /// Shared: `serve` keeps the incidents of unchanged files between rebuilds without
    /// copying them.
    pub incidents: Vec<std::sync::Arc<Incident>>,
    /// Maintenance windows, in no set order (compute sorts them).
    /// Shared like incidents: `serve` keeps unchanged files' maintenances between rebuilds.
    pub maintenances: Vec<std::sync::Arc<Maintenance>>,
    /// Informational notices, in no set order (compute sorts them). They never change a
    /// status or uptime.
    pub notices: Vec<std::sync::Arc<Notice>>,
    /// Third-party components (`upstream:`), in file order: shown apart, never in the
    /// team's status, uptime, feeds or API.
    pub upstream: Vec<Upstream>,
}

/// `content/site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The site's name, in the header and the title of every page and feed.
    pub title: String,
    /// Absolute http(s) URL that always ends with `/`.
    pub base_url: String,
    /// One sentence about the site, for search engines and feeds.
    pub description: String,
    /// The language readers get (pages, feeds, calendar, badges, notifications): the tag of a
    /// built-in language (`en`, `pt-BR`, `ar`, ...) as `i18n::LANGUAGES` spells it, or a
    /// regional tag of one (`de-DE`, `pt-PT`) in BCP 47 case, whose words are its language's
    /// (`i18n::lang`) and which pages and feeds name as written.
    pub language: String,
    /// The IANA time zone times are written and shown in.
    pub timezone: Tz,
    /// How many days of uptime the page shows.
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
    /// `robots: noindex` keeps the site out of search engines (a staging build).
    pub robots: Robots,
    /// `upstream: {max_age: ...}`: a vendor snapshot older than this is shown as outdated
    /// and `check` warns.
    pub upstream_max_age: chrono::Duration,
    /// `subscribe:`: a list provider's sign-up form for the subscribe page.
    pub subscribe: Subscribe,
}

/// A named link in the page's header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Link {
    /// The text of the link.
    pub name: String,
    /// Where it points.
    pub url: String,
}

/// A group of components, shown together.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    /// Unique across groups and components; `[a-z0-9-]`.
    pub id: String,
    /// The name shown on the page.
    pub name: String,
    /// Shown under its name, if given.
    pub description: Option<String>,
}

/// One component of the service.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Component {
    /// Unique across groups and components; `[a-z0-9-]`; what incidents name.
    pub id: String,
    /// The name shown on the page.
    pub name: String,
    /// The id of its group, if any.
    pub group: Option<String>,
    /// Shown under its name, if given.
    pub description: Option<String>,
    /// Uptime is not counted before this day (site time zone).
    pub since: Option<NaiveDate>,
}

/// One incident file.
#[derive(Debug, Clone, Hash)]
pub struct Incident {
    /// The file name without `.md`: the page's path and the id in feeds and the API.
    pub slug: String,
    /// One line saying what is wrong, as customers read it.
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
    /// Left out of builds unless `--drafts`.
    pub draft: bool,
    /// Kept on the front page after it resolves.
    pub pinned: bool,
    /// Relative path of the source file, e.g. `content/incidents/x.md`.
    pub source: PathBuf,
}

/// A component and the status an incident gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AffectedComponent {
    /// The component's id.
    pub id: String,
    /// The status it gives the component.
    pub status: ComponentStatus,
}

/// One scheduled maintenance file.
#[derive(Debug, Clone, Hash)]
pub struct Maintenance {
    /// The file name without `.md`: the page's path and the id in feeds and the API.
    pub slug: String,
    /// One line saying what work is planned.
    pub title: String,
    /// Ids of the components under maintenance during the window.
    pub components: Vec<String>,
    /// When the work is scheduled.
    pub window: Window,
    /// Newest first, as written in the file.
    pub updates: Vec<Update<MaintenanceStatus>>,
    /// Left out of builds unless `--drafts`.
    pub draft: bool,
    /// Relative path of the source file.
    pub source: PathBuf,
}

/// One notice file: a message with no outage ("Carrier X reports delays in Brazil", "our
/// sender ID rules change"), shown while it runs and kept in the feeds after.
#[derive(Debug, Clone, Hash)]
pub struct Notice {
    /// The file name without `.md` (or `slug:`): the page's path and the id in feeds.
    pub slug: String,
    /// One line saying what readers should know.
    pub title: String,
    /// Ids of the components it concerns; empty for the whole site.
    pub components: Vec<String>,
    /// When it is published and starts being shown.
    pub from: Instant,
    /// When it stops being shown; shown until removed without one.
    pub until: Option<Instant>,
    /// Markdown source of the text, trimmed.
    pub body: String,
    /// Left out of builds unless `--drafts`.
    pub draft: bool,
    /// Relative path of the source file.
    pub source: PathBuf,
}

/// A scheduled maintenance window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    /// When it opens.
    pub start: Instant,
    /// When it is planned to close.
    pub end: Instant,
}

/// One `## Status - time` section of an incident or maintenance.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Update<S> {
    /// The status in effect after this update; an `Update` heading keeps the previous one.
    pub status: S,
    /// True when the heading said `Update`: shown as "Update", the status carried over.
    pub is_note: bool,
    /// When the update was posted.
    pub at: Instant,
    /// Markdown source of the body, trimmed, without its `Components:` line.
    pub body: String,
    /// The statuses its `Components: id=status, ...` line sets from `at`, in written order;
    /// empty without one (always, for maintenance).
    pub components: Vec<AffectedComponent>,
}
