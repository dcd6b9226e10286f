//! The documents of a Statuspage-compatible API v2 (docs/reference/statuspage-api-v2.md) as
//! `import` reads them: only the fields it carries over or reports on. Unknown fields are
//! ignored (serde's default, unlike our own `deny_unknown_fields` content), since the hosted
//! product sends many that statusforge never writes; a field sent as `null` reads as absent.

use serde::{Deserialize, Deserializer};

/// `null` and a missing key both give the default: the hosted product sends `null` for empty
/// lists and texts as readily as it leaves keys out.
fn nullable<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// `page`: the same object in every document.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct Page {
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub url: String,
    /// IANA name.
    #[serde(default, deserialize_with = "nullable")]
    pub time_zone: String,
}

/// `components.json` (and `summary.json`, which holds the same list).
#[derive(Debug, Deserialize)]
pub(crate) struct ComponentsDocument {
    #[serde(default, deserialize_with = "nullable")]
    pub page: Page,
    pub components: Vec<Component>,
}

/// `incidents.json` or `scheduled-maintenances.json`: one of the two lists is there.
#[derive(Debug, Deserialize)]
pub(crate) struct IncidentsDocument {
    #[serde(default, deserialize_with = "nullable")]
    pub incidents: Vec<Incident>,
    #[serde(default, deserialize_with = "nullable")]
    pub scheduled_maintenances: Vec<Incident>,
    /// Sent by some compatible services (not the hosted product, whose lists stop at 50).
    #[serde(default, deserialize_with = "nullable")]
    pub pagination: Option<Pagination>,
}

/// `pagination` of a compatible service's list: the number of the next page, if any.
#[derive(Debug, Deserialize)]
pub(crate) struct Pagination {
    #[serde(default, deserialize_with = "nullable")]
    pub next_page: Option<u64>,
}

/// `summary.json`: what `upstream fetch` reads of a vendor's page.
#[derive(Debug, Deserialize)]
pub(crate) struct SummaryDocument {
    #[serde(default, deserialize_with = "nullable")]
    pub page: Page,
    #[serde(default, deserialize_with = "nullable")]
    pub status: PageStatus,
    #[serde(default, deserialize_with = "nullable")]
    pub components: Vec<Component>,
    /// Unresolved incidents only.
    #[serde(default, deserialize_with = "nullable")]
    pub incidents: Vec<Incident>,
}

/// `status` of `summary.json`: the page-wide indicator.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct PageStatus {
    /// `none`, `minor`, `major`, `critical` or `maintenance`.
    #[serde(default, deserialize_with = "nullable")]
    pub indicator: String,
}

/// One entry of the flat `components` array; a group is an entry with `group: true`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Component {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub status: String,
    /// 1-based display order.
    #[serde(default, deserialize_with = "nullable")]
    pub position: i64,
    #[serde(default, deserialize_with = "nullable")]
    pub description: String,
    #[serde(default, deserialize_with = "nullable")]
    pub group: bool,
    #[serde(default, deserialize_with = "nullable")]
    pub group_id: Option<String>,
    /// A group's children, by id.
    #[serde(default, deserialize_with = "nullable")]
    pub components: Vec<String>,
    /// False: the hosted page hides the component's uptime bars.
    #[serde(default, deserialize_with = "nullable")]
    pub showcase: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    pub only_show_if_degraded: bool,
    /// `YYYY-MM-DD`: no uptime before it.
    #[serde(default, deserialize_with = "nullable")]
    pub start_date: Option<String>,
}

/// An incident, or a scheduled maintenance (`scheduled_for`, `scheduled_until`).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Incident {
    pub id: String,
    pub name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub impact: String,
    #[serde(default, deserialize_with = "nullable")]
    pub started_at: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub scheduled_for: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub scheduled_until: Option<String>,
    /// Newest first.
    #[serde(default, deserialize_with = "nullable")]
    pub incident_updates: Vec<IncidentUpdate>,
    /// The affected components, as full objects: only their ids are read.
    #[serde(default, deserialize_with = "nullable")]
    pub components: Vec<ComponentRef>,
    #[serde(default, deserialize_with = "nullable")]
    pub postmortem_body: String,
    /// A short link to the incident's page.
    #[serde(default, deserialize_with = "nullable")]
    pub shortlink: String,
    #[serde(default, deserialize_with = "nullable")]
    pub postmortem_published_at: Option<String>,
}

impl Incident {
    /// The API marks a maintenance by its window, and by its impact.
    pub(crate) fn is_maintenance(&self) -> bool {
        self.scheduled_for.is_some() || self.impact == "maintenance"
    }
}

/// A component object inside an incident.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ComponentRef {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct IncidentUpdate {
    #[serde(default, deserialize_with = "nullable")]
    pub status: String,
    /// Markdown source.
    #[serde(default, deserialize_with = "nullable")]
    pub body: String,
    #[serde(default, deserialize_with = "nullable")]
    pub created_at: Option<String>,
    /// When the page shows it was posted; may be set back from `created_at`.
    #[serde(default, deserialize_with = "nullable")]
    pub display_at: Option<String>,
    /// What the update did to components; `None` where the API sends null or nothing.
    #[serde(default, deserialize_with = "nullable")]
    pub affected_components: Option<Vec<AffectedComponent>>,
}

/// `{code, name, old_status, new_status}`: `code` is the component's id.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct AffectedComponent {
    pub code: String,
    #[serde(default, deserialize_with = "nullable")]
    pub name: String,
    #[serde(default, deserialize_with = "nullable")]
    pub new_status: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_ignored_and_nulls_read_as_absent() {
        let json = r#"{"page": {"id": "x", "name": "Acme", "url": null, "time_zone": "Etc/UTC", "extra": 1},
            "components": [{"id": "a", "name": "API", "status": "operational", "description": null,
                            "group_id": null, "components": null, "showcase": false, "automation_email": "x"}]}"#;
        let doc: ComponentsDocument = serde_json::from_str(json).unwrap();
        assert_eq!(doc.page.name, "Acme");
        assert_eq!(doc.page.url, "");
        assert_eq!(doc.components[0].description, "");
        assert_eq!(doc.components[0].showcase, Some(false));
        assert!(doc.components[0].components.is_empty());
    }
}
