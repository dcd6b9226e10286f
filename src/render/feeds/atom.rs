//! Atom 1.0 (`atom.xml`, RFC 4287), written with `atom_syndication` from the shared entries.

use super::entry::{Entry, Feed as FeedData, GENERATOR};
use crate::model::Instant;
use atom_syndication::{Category, Content, Entry as AtomEntry, Feed, FixedDateTime, Generator, Link, Person, Text};

pub(crate) fn document(feed: &FeedData<'_>) -> Vec<u8> {
    let atom = Feed {
        title: Text::plain(feed.title.clone()),
        // RFC 4287 §4.2.6: a permanent, universally unique id; the feed's own URL is one.
        id: feed.self_url.clone(),
        updated: fixed(feed.updated),
        // §4.1.1: a feed without an author on every entry must name one itself.
        authors: vec![Person { name: feed.author.clone(), uri: Some(feed.home_url.clone()), ..Person::default() }],
        links: vec![
            link(&feed.self_url, "self", "application/atom+xml"),
            link(&feed.home_url, "alternate", "text/html"),
        ],
        subtitle: Some(Text::plain(feed.description.clone())),
        generator: Some(Generator { value: GENERATOR.to_string(), ..Generator::default() }),
        lang: Some(feed.language.clone()),
        entries: feed.entries.iter().map(|e| entry(e)).collect(),
        ..Feed::default()
    };
    // Writing into a Vec cannot fail on I/O; an empty file would fail every check loudly.
    atom.write_to(Vec::new()).unwrap_or_default()
}

fn entry(entry: &Entry) -> AtomEntry {
    AtomEntry {
        title: Text::plain(entry.title.clone()),
        id: entry.id.clone(),
        updated: fixed(entry.updated),
        published: Some(fixed(entry.published)),
        links: vec![link(&entry.url, "alternate", "text/html")],
        categories: entry.tags.iter().map(|t| Category { term: t.clone(), ..Category::default() }).collect(),
        content: Some(Content {
            value: Some(entry.content_html.clone()),
            content_type: Some("html".to_string()),
            ..Content::default()
        }),
        ..AtomEntry::default()
    }
}

fn link(href: &str, rel: &str, mime_type: &str) -> Link {
    Link { href: href.to_string(), rel: rel.to_string(), mime_type: Some(mime_type.to_string()), ..Link::default() }
}

fn fixed(t: Instant) -> FixedDateTime {
    t.fixed_offset()
}
