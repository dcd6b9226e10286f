//! The front page's third-party section: each vendor's stored status, where it came from and
//! when it was read. Grouped as `components.yaml` groups them, ungrouped ones last.

use super::view::{Ctx, TimeView};
use crate::compute::UpstreamState;
use serde::Serialize;

#[derive(Serialize)]
pub(super) struct UpstreamGroupView {
    /// None for the components outside any group.
    name: Option<String>,
    rows: Vec<UpstreamRow>,
}

#[derive(Serialize)]
struct UpstreamRow {
    name: String,
    description: Option<String>,
    /// A component status keyword, or `unknown` before the first fetch.
    status: &'static str,
    status_text: &'static str,
    /// The vendor's page name and address; None before the first fetch.
    page_name: Option<String>,
    page_url: Option<String>,
    fetched: Option<TimeView>,
    outdated: bool,
    incidents: Vec<IncidentLink>,
}

#[derive(Serialize)]
struct IncidentLink {
    name: String,
    url: Option<String>,
}

/// The section's groups, in the groups' order; empty on a site without third-party components.
pub(super) fn groups(ctx: &Ctx<'_>) -> Vec<UpstreamGroupView> {
    let snapshot = ctx.input.snapshot;
    let upstream = &snapshot.upstream;
    let declared = snapshot.upstream_groups.iter().map(|g| (Some(g.id.as_str()), Some(g.name.clone())));
    declared
        .chain(std::iter::once((None, None)))
        .map(|(id, name)| UpstreamGroupView {
            name,
            rows: upstream.iter().filter(|u| u.upstream.group.as_deref() == id).map(|u| row(ctx, u)).collect(),
        })
        .filter(|g| !g.rows.is_empty())
        .collect()
}

fn row(ctx: &Ctx<'_>, state: &UpstreamState) -> UpstreamRow {
    let upstream = &state.upstream;
    let snapshot = upstream.snapshot.as_ref();
    let (status, status_text) = match snapshot {
        Some(s) => (s.status.keyword(), ctx.component_status(s.status)),
        None => ("unknown", ctx.lang.get("upstream_unknown")),
    };
    UpstreamRow {
        name: upstream.name.clone(),
        description: upstream.description.clone(),
        status,
        status_text,
        page_name: snapshot.map(|s| s.page_name.clone()),
        page_url: snapshot.and_then(|s| s.page_url.clone()),
        fetched: snapshot.map(|s| ctx.time(s.fetched_at)),
        outdated: state.outdated,
        incidents: snapshot
            .map(|s| s.incidents.iter().map(|i| IncidentLink { name: i.name.clone(), url: i.url.clone() }).collect())
            .unwrap_or_default(),
    }
}
