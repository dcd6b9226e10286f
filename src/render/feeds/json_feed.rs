//! JSON Feed 1.1 (`feed.json`, <https://jsonfeed.org/version/1.1>) from typed structs: only
//! keys of the specification, so validators that refuse unknown keys accept it.

use super::entry::{Entry, Feed};
use crate::contract::time;
use serde::Serialize;

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    authors: Vec<Author<'a>>,
    items: Vec<Item<'a>>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct Item<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    content_html: &'a str,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: &'a Vec<String>,
}

pub(crate) fn document(feed: &Feed<'_>) -> Vec<u8> {
    let json = JsonFeed {
        version: VERSION,
        title: &feed.title,
        home_page_url: &feed.home_url,
        feed_url: &feed.self_url,
        description: &feed.description,
        language: &feed.language,
        authors: vec![Author { name: &feed.author, url: &feed.home_url }],
        items: feed.entries.iter().map(|e| item(e)).collect(),
    };
    // Serializing plain strings cannot fail; an empty file would fail every check loudly.
    let mut bytes = serde_json::to_vec_pretty(&json).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn item(entry: &Entry) -> Item<'_> {
    Item {
        id: &entry.id,
        url: &entry.url,
        title: &entry.title,
        content_html: &entry.content_html,
        date_published: time::rfc3339(entry.published),
        date_modified: time::rfc3339(entry.updated),
        tags: &entry.tags,
    }
}
