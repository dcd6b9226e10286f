//! A feed and its entries as every format writes them: built once, then RSS, Atom and JSON Feed
//! each write it.

use crate::model::Instant;

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
