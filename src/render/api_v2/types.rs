//! The objects of the hosted product's public status API v2, field for field
//! (docs/reference/statuspage-api-v2.md). Serialization only: nothing here decides a value.

use serde::Serialize;

/// `page`: the same object in every endpoint.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Page {
    pub id: String,
    pub name: String,
    /// The page's URL without a trailing slash, as Statuspage sends it.
    pub url: String,
    /// IANA name.
    pub time_zone: String,
    pub updated_at: String,
}

/// `status`: the page-wide roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Status {
    pub indicator: &'static str,
    pub description: &'static str,
}

/// One entry of the flat `components` array; a group is an entry with `group: true`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Component {
    pub id: String,
    pub name: String,
    pub status: &'static str,
    pub created_at: String,
    pub updated_at: String,
    /// 1-based place in the flat display order.
    pub position: usize,
    pub description: Option<String>,
    pub showcase: bool,
    /// `YYYY-MM-DD` or null.
    pub start_date: Option<String>,
    pub group_id: Option<String>,
    pub page_id: String,
    pub group: bool,
    pub only_show_if_degraded: bool,
    /// Ids of the children; only groups carry the key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<Vec<String>>,
}

/// One `{code, name, old_status, new_status}` entry of an update's `affected_components`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AffectedComponent {
    pub code: String,
    pub name: String,
    pub old_status: &'static str,
    pub new_status: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IncidentUpdate {
    pub id: String,
    pub status: &'static str,
    /// The Markdown source, never HTML: clients show it as text.
    pub body: String,
    pub incident_id: String,
    pub created_at: String,
    pub updated_at: String,
    pub display_at: String,
    pub affected_components: Option<Vec<AffectedComponent>>,
    pub deliver_notifications: bool,
    pub custom_tweet: Option<String>,
    pub tweet_id: Option<String>,
}

/// An incident, or a scheduled maintenance when `scheduled_for`/`scheduled_until` are set.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Incident {
    pub id: String,
    pub name: String,
    pub status: &'static str,
    pub impact: &'static str,
    pub created_at: String,
    pub updated_at: String,
    pub monitoring_at: Option<String>,
    pub resolved_at: Option<String>,
    pub started_at: String,
    pub shortlink: String,
    pub page_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_for: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_until: Option<String>,
    /// Newest first.
    pub incident_updates: Vec<IncidentUpdate>,
    /// Full objects of the affected components, as they stand now.
    pub components: Vec<Component>,
}

/// One endpoint's document: `page` plus the members that endpoint carries.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Document<'a> {
    pub page: &'a Page,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub components: Option<&'a [Component]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub incidents: Option<Vec<&'a Incident>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_maintenances: Option<Vec<&'a Incident>>,
}

impl<'a> Document<'a> {
    pub(crate) fn new(page: &'a Page) -> Document<'a> {
        Document { page, status: None, components: None, incidents: None, scheduled_maintenances: None }
    }
}
