//! A feed and its entries as every format writes them: built once, then RSS, Atom and JSON Feed
//! each write it.

use crate::model::Instant;
use crate::render::input::Input;

/// Names this generator in the feeds' `generator` elements.
pub(super) const GENERATOR: &str = "statusforge";

/// One incident or maintenance window, ready for any feed format.
#[derive(Debug, Clone, Hash)]
pub(crate) struct Entry {
    /// A tag URI (RFC 4151) that never changes when the entry gets an update.
    pub id: String,
    /// Absolute URL of the incident or maintenance page.
    pub url: String,
    pub title: String,
    /// The first published update.
    pub published: Instant,
    /// The last published update.
    pub updated: Instant,
    /// Sanitized HTML: the published updates, newest first.
    pub content_html: String,
    /// Names of the affected components.
    pub tags: Vec<String>,
}

/// One feed, in any format: its channel data and its entries, newest first.
#[derive(Hash)]
pub(crate) struct Feed<'a> {
    pub title: String,
    pub description: String,
    pub language: String,
    /// The page the feed is about (home page or component page), absolute.
    pub home_url: String,
    /// Absolute URL of this very file; also the Atom feed id, which must never change.
    pub self_url: String,
    pub updated: Instant,
    /// Atom requires an author; the site's title names who publishes the page.
    pub author: String,
    pub entries: Vec<&'a Entry>,
}

pub(super) fn component_name(input: &Input<'_>, id: &str) -> String {
    input.snapshot.component(id).map_or_else(|| id.to_string(), |c| c.component.name.clone())
}

/// `tag:status.example.com,2026:incident/<slug>` (RFC 4151): the host of `base_url`, the year
/// of the first update and the path under the base. None of them changes when an update is
/// added, so readers never show an updated incident as a new one.
pub(super) fn tag_uri(base_url: &str, first: Instant, specific: &str) -> String {
    let (host, path) = host_and_path(base_url);
    format!("tag:{host},{}:{path}{specific}", first.format("%Y"))
}

/// The host (no port, no user) and the path after it of an absolute `http(s)://` base URL.
pub(crate) fn host_and_path(base_url: &str) -> (String, &str) {
    let rest = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name,
        _ => host,
    };
    (host.to_ascii_lowercase(), path)
}
