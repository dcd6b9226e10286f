//! RSS 2.0 (`feed.xml`), written with the `rss` crate from the shared feed entries.

use super::entry::{Entry, Feed, GENERATOR};
use crate::contract::time;
use rss::extension::{Extension, ExtensionMap};
use rss::{Category, Channel, Guid, Item};
use std::collections::BTreeMap;

const ATOM_NS: &str = "http://www.w3.org/2005/Atom";

pub(crate) fn document(feed: &Feed<'_>) -> Vec<u8> {
    let channel = Channel {
        title: feed.title.clone(),
        link: feed.home_url.clone(),
        description: feed.description.clone(),
        language: Some(feed.language.clone()),
        // The data's last update, never the wall clock, so the same input gives the same bytes.
        last_build_date: Some(time::rfc2822(feed.updated)),
        generator: Some(GENERATOR.to_string()),
        docs: Some("https://www.rssboard.org/rss-specification".to_string()),
        items: feed.entries.iter().map(|e| item(e)).collect(),
        extensions: self_link(&feed.self_url),
        namespaces: BTreeMap::from([("atom".to_string(), ATOM_NS.to_string())]),
        ..Channel::default()
    };
    // Writing into a Vec cannot fail on I/O; an empty file would fail every check loudly.
    channel.write_to(Vec::new()).unwrap_or_default()
}

fn item(entry: &Entry) -> Item {
    Item {
        title: Some(entry.title.clone()),
        link: Some(entry.url.clone()),
        description: Some(entry.content_html.clone()),
        // The tag URI is no URL, so the guid says it is not a permalink (RSS 2.0, <guid>).
        guid: Some(Guid { value: entry.id.clone(), permalink: false }),
        // RSS has one date per item: when it was first published; the channel's
        // lastBuildDate and the content carry later updates.
        pub_date: Some(time::rfc2822(entry.published)),
        categories: entry.tags.iter().map(|t| Category { name: t.clone(), domain: None }).collect(),
        ..Item::default()
    }
}

/// `<atom:link href="…" rel="self" type="application/rss+xml"/>`, which the RSS Advisory
/// Board recommends so readers know the feed's own address.
fn self_link(href: &str) -> ExtensionMap {
    let attrs = BTreeMap::from([
        ("href".to_string(), href.to_string()),
        ("rel".to_string(), "self".to_string()),
        ("type".to_string(), "application/rss+xml".to_string()),
    ]);
    let link = Extension { name: "atom:link".to_string(), value: None, attrs, children: BTreeMap::new() };
    BTreeMap::from([("atom".to_string(), BTreeMap::from([("link".to_string(), vec![link])]))])
}
