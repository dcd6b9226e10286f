//! Feeds as a reader sees them: every `feed.xml`, `atom.xml` and `feed.json` parsed back with
//! feed-rs (and serde_json for JSON Feed's exact keys) from sites built by the real binary.

use crate::common::{Built, SiteTest};
use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed};

const NOW: &str = "2026-11-25T12:00:00Z";
const TRICKY_TITLE: &str = "Atraso & <falha> 📉 na operadora São João";
const CARRIER_ID: &str = "tag:status.example.com,2026:incident/2026-11-20-carrier-delay";
const SITE_FEEDS: [&str; 3] = ["feed.xml", "atom.xml", "feed.json"];

fn fixture() -> SiteTest {
    SiteTest::fixture("feeds-basic").now(NOW)
}

fn parse(built: &Built, path: &str) -> Feed {
    feed_rs::parser::parse(built.text(path).as_bytes()).unwrap_or_else(|e| panic!("{path} does not parse: {e}"))
}

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("test time")
}

fn titles(feed: &Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.title.as_ref().map(|t| t.content.clone()).unwrap_or_default()).collect()
}

fn ids(feed: &Feed) -> Vec<String> {
    feed.entries.iter().map(|e| e.id.clone()).collect()
}

/// The entry's HTML, wherever the format puts it (RSS description is feed-rs's summary).
fn html(entry: &Entry) -> String {
    entry
        .content
        .as_ref()
        .and_then(|c| c.body.clone())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
        .unwrap_or_default()
}

fn entry<'a>(feed: &'a Feed, id: &str) -> &'a Entry {
    feed.entries.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("no entry {id} in {:?}", ids(feed)))
}

#[test]
fn site_feeds_list_every_published_entry_newest_first_by_last_update() {
    let site = fixture();
    let built = site.build();
    for path in SITE_FEEDS {
        let feed = parse(&built, path);
        assert_eq!(
            titles(&feed),
            ["Database upgrade", "API gateway move", TRICKY_TITLE, "Slow web dashboard"],
            "{path}"
        );
    }
}

#[test]
fn atom_entries_carry_stable_ids_page_links_and_first_and_last_update() {
    let site = fixture();
    let built = site.build();
    let feed = parse(&built, "atom.xml");
    assert_eq!(feed.id, "https://status.example.com/atom.xml");
    assert_eq!(feed.title.as_ref().map(|t| t.content.as_str()), Some("Feeds Status"));
    assert_eq!(feed.updated, Some(at("2026-11-24T13:00:00Z")), "feed updated is the latest update");
    assert_eq!(feed.authors.first().and_then(|a| a.name.as_deref()), Some("Feeds Status"));
    let carrier = entry(&feed, CARRIER_ID);
    assert_eq!(carrier.links[0].href, "https://status.example.com/incidents/2026-11-20-carrier-delay/");
    assert_eq!(carrier.published, Some(at("2026-11-20T13:00:00Z")));
    assert_eq!(carrier.updated, Some(at("2026-11-20T15:00:00Z")));
    let window = entry(&feed, "tag:status.example.com,2026:maintenance/2026-12-01-database-upgrade");
    assert_eq!(window.links[0].href, "https://status.example.com/maintenance/2026-12-01-database-upgrade/");
}

#[test]
fn rss_items_use_the_tag_id_as_guid_and_the_first_update_as_pub_date() {
    let site = fixture();
    let built = site.build();
    let text = built.text("feed.xml");
    assert!(text.contains(&format!("<guid isPermaLink=\"false\">{CARRIER_ID}</guid>")), "{text}");
    assert!(text.contains("<lastBuildDate>Tue, 24 Nov 2026 13:00:00 +0000</lastBuildDate>"), "{text}");
    assert!(text.contains("<language>pt-BR</language>"), "{text}");
    let feed = parse(&built, "feed.xml");
    let carrier = entry(&feed, CARRIER_ID);
    assert_eq!(carrier.published, Some(at("2026-11-20T13:00:00Z")));
    assert_eq!(carrier.links[0].href, "https://status.example.com/incidents/2026-11-20-carrier-delay/");
}

#[test]
fn json_feed_uses_only_version_1_1_keys_and_rfc3339_dates() {
    let site = fixture();
    let built = site.build();
    let json = built.json("feed.json");
    assert_eq!(json["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(json["feed_url"], "https://status.example.com/feed.json");
    assert_eq!(json["home_page_url"], "https://status.example.com/");
    let top: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    let known = ["version", "title", "home_page_url", "feed_url", "description", "language", "authors", "items"];
    assert!(top.iter().all(|k| known.contains(k)), "{top:?}");
    let carrier = json["items"].as_array().unwrap().iter().find(|i| i["id"] == CARRIER_ID).expect("carrier item");
    assert_eq!(carrier["date_published"], "2026-11-20T13:00:00Z");
    assert_eq!(carrier["date_modified"], "2026-11-20T15:00:00Z");
    assert_eq!(carrier["tags"], serde_json::json!(["API"]));
    let item_keys = ["id", "url", "title", "content_html", "date_published", "date_modified", "tags"];
    assert!(carrier.as_object().unwrap().keys().all(|k| item_keys.contains(&k.as_str())), "{carrier}");
}

#[test]
fn component_feeds_hold_only_the_entries_that_affect_the_component() {
    let site = fixture();
    let built = site.build();
    for format in ["feed.xml", "atom.xml", "feed.json"] {
        let api = parse(&built, &format!("components/api/{format}"));
        assert_eq!(titles(&api), ["API gateway move", TRICKY_TITLE], "api {format}");
        let web = parse(&built, &format!("components/web/{format}"));
        assert_eq!(titles(&web), ["Database upgrade", "Slow web dashboard"], "web {format}");
        let smpp = parse(&built, &format!("components/smpp/{format}"));
        assert!(smpp.entries.is_empty(), "smpp {format} is a valid, empty feed");
    }
    let api = parse(&built, "components/api/atom.xml");
    assert_eq!(api.id, "https://status.example.com/components/api/atom.xml");
    assert_eq!(api.updated, Some(at("2026-11-22T12:00:00Z")), "a component feed dates from its own entries");
}

#[test]
fn entry_ids_do_not_change_when_an_update_is_added() {
    let early_site = fixture().now("2026-11-20T13:30:00Z");
    let early = early_site.build();
    let early_feeds: Vec<Feed> = SITE_FEEDS.iter().map(|p| parse(&early, p)).collect();
    let late_site = fixture();
    let late = late_site.build();
    for (path, before) in SITE_FEEDS.iter().zip(&early_feeds) {
        let after = parse(&late, path);
        let (old, new) = (entry(before, CARRIER_ID), entry(&after, CARRIER_ID));
        // The fixture is a pt-BR site: status words are in its language.
        assert!(html(old).contains("Investigando") && !html(old).contains("Resolvido"), "{path}");
        assert!(html(new).contains("Resolvido"), "{path}");
        if *path != "feed.xml" {
            assert_eq!(old.updated, Some(at("2026-11-20T13:00:00Z")), "{path}");
            assert_eq!(new.updated, Some(at("2026-11-20T15:00:00Z")), "{path}");
        }
    }
}

#[test]
fn an_update_dated_after_now_is_absent_from_every_feed() {
    let site = fixture();
    let built = site.build();
    let feeds = SITE_FEEDS.iter().copied().chain([
        "components/api/feed.xml",
        "components/api/atom.xml",
        "components/api/feed.json",
    ]);
    for path in feeds {
        let carrier = html(entry(&parse(&built, path), CARRIER_ID));
        assert!(carrier.contains("Delivery is back to normal."), "{path}: {carrier}");
        assert!(!carrier.contains("NOT-YET-PUBLISHED"), "{path}: {carrier}");
        assert!(!carrier.contains("Postmortem"), "{path}: {carrier}");
    }
}

#[test]
fn a_title_with_markup_characters_emoji_and_accents_survives_exactly() {
    let site = fixture();
    let built = site.build();
    for path in SITE_FEEDS.iter().copied().chain([
        "components/api/feed.xml",
        "components/api/atom.xml",
        "components/api/feed.json",
    ]) {
        let feed = parse(&built, path);
        let title = entry(&feed, CARRIER_ID).title.as_ref().map(|t| t.content.clone());
        assert_eq!(title.as_deref(), Some(TRICKY_TITLE), "{path}");
    }
    let json = built.json("feed.json");
    let items = json["items"].as_array().unwrap();
    assert!(items.iter().any(|i| i["title"] == TRICKY_TITLE), "{json}");
}

#[test]
fn updates_appear_newest_first_with_their_status_and_site_time() {
    let site = fixture();
    let built = site.build();
    for path in SITE_FEEDS {
        let carrier = html(entry(&parse(&built, path), CARRIER_ID));
        // Status words in the site's language (pt-BR).
        // Times as the pages write them, in the site's language and zone.
        let resolved = carrier.find("<strong>Resolvido</strong> – <small>20 nov. 2026, 12:00\u{a0}-03</small>");
        let investigating = carrier.find("<strong>Investigando</strong> – <small>20 nov. 2026, 10:00\u{a0}-03</small>");
        assert!(resolved.is_some() && investigating.is_some(), "{path}: {carrier}");
        assert!(resolved < investigating, "{path}: newest update first: {carrier}");
        assert!(carrier.contains("<p>Messages to the carrier are delayed.</p>"), "{path}: {carrier}");
    }
}

#[test]
fn maintenance_entries_state_their_window_in_site_time() {
    let site = fixture();
    let built = site.build();
    let feed = parse(&built, "atom.xml");
    let window = html(entry(&feed, "tag:status.example.com,2026:maintenance/2026-12-01-database-upgrade"));
    let expected = "Janela programada: de 1 dez. 2026, 02:00\u{a0}-03 a 1 dez. 2026, 03:30\u{a0}-03";
    assert!(window.contains(expected), "{window}");
    let cancelled = html(entry(&feed, "tag:status.example.com,2026:maintenance/2026-11-15-api-gateway-move"));
    assert!(
        cancelled.find("<strong>Cancelada</strong>") < cancelled.find("<strong>Programada</strong>"),
        "{cancelled}"
    );
}

#[test]
fn site_and_component_feeds_keep_only_the_fifty_newest_entries() {
    let mut site = SiteTest::fixture("feeds-basic").now(NOW);
    for day in 1..=55 {
        let (month, dom) = if day <= 30 { (9, day) } else { (10, day - 30) };
        let text = format!(
            "---\ntitle: Old incident {day}\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - 2026-{month:02}-{dom:02} 10:00\nDone.\n"
        );
        site = site.file(&format!("content/incidents/old-{day:02}.md"), &text);
    }
    let built = site.build();
    for path in SITE_FEEDS.iter().copied().chain([
        "components/api/feed.xml",
        "components/api/atom.xml",
        "components/api/feed.json",
    ]) {
        let feed = parse(&built, path);
        assert_eq!(feed.entries.len(), 50, "{path}");
        let titles = titles(&feed);
        assert!(titles.contains(&TRICKY_TITLE.to_string()), "{path}: the newest are kept");
        assert!(titles.contains(&"Old incident 55".to_string()), "{path}");
        assert!(!titles.contains(&"Old incident 1".to_string()), "{path}: the oldest are left out");
    }
}

#[test]
fn two_builds_at_one_clock_write_identical_feeds() {
    let (one, two) = (fixture(), fixture());
    let (first, second) = (one.build(), two.build());
    for path in SITE_FEEDS.iter().copied().chain([
        "components/web/feed.xml",
        "components/web/atom.xml",
        "components/web/feed.json",
    ]) {
        assert_eq!(first.text(path), second.text(path), "{path}");
    }
}

/// A relative link in an update points at the site in every feed, where readers show the
/// text away from the page.
#[test]
fn relative_links_in_updates_are_absolute_in_feeds() {
    let site = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-21-links.md",
        "---\ntitle: Links\nimpact: minor\ncomponents: [api]\n---\n\n## Investigating - 2026-11-21 10:00\n\
         See [the earlier incident](../2026-11-20-api-errors/) and [status](/status.json).\n",
    );
    let built = site.build();
    for path in ["feed.xml", "atom.xml", "feed.json", "components/api/feed.json"] {
        let feed = parse(&built, path);
        let text: String = feed.entries.iter().map(html).collect();
        assert!(
            text.contains("href=\"https://status.example.com/incidents/2026-11-20-api-errors/\""),
            "{path}: {text}"
        );
        assert!(text.contains("href=\"https://status.example.com/status.json\""), "{path}: {text}");
    }
}
