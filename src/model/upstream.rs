//! Third-party services shown beside the team's own components: a component of
//! `components.yaml` with `upstream:` names another Statuspage-compatible page, and
//! `statusforge upstream fetch` stores what that page said in `content/upstream/<id>.json`.
//! Builds read only the stored snapshot, so they stay deterministic at any clock.

// Not `super::Instant`: the model's root re-exports this file, and files never reach each other.
use super::status::ComponentStatus;
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// A component whose status is a vendor's, never counted in the team's status or uptime.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Upstream {
    /// Unique across groups and components; names its snapshot file.
    pub id: String,
    /// The name shown on the page.
    pub name: String,
    /// The id of its group, if any: the third-party section keeps the groups' order.
    pub group: Option<String>,
    /// Shown under its name, if given.
    pub description: Option<String>,
    /// Where its status is read from.
    pub source: UpstreamSource,
    /// The bytes of its `upstream:` value in components.yaml, where warnings about it point.
    pub declared_at: std::ops::Range<usize>,
    /// What `upstream fetch` stored last; None before the first fetch, or when the stored one
    /// was fetched for another source.
    pub snapshot: Option<UpstreamSnapshot>,
}

/// `upstream: {url, component}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UpstreamSource {
    /// The vendor's `.../api/v2/summary.json`, in normal form.
    pub summary_url: String,
    /// The id (or exact name) of one component there; the whole page's status without it.
    pub component: Option<String>,
}

/// A stored reading of a vendor's `summary.json`, trimmed to what the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UpstreamSnapshot {
    /// When `upstream fetch` read it.
    pub fetched_at: DateTime<Utc>,
    /// The vendor page's name ("Meta", "Twilio").
    pub page_name: String,
    /// The vendor's status page, for readers who want the details (http or https only).
    pub page_url: Option<String>,
    /// The component's status there, or the whole page's indicator in component terms.
    pub status: ComponentStatus,
    /// The vendor's unresolved incidents concerning it, as they named them.
    pub incidents: Vec<UpstreamIncident>,
    /// `content/upstream/<id>.json`.
    pub file: PathBuf,
}

/// One unresolved incident of the vendor's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UpstreamIncident {
    /// Its title on the vendor's page.
    pub name: String,
    /// Its page there (http or https only), if the vendor gave one.
    pub url: Option<String>,
}
