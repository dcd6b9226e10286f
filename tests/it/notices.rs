//! Notices (`content/notices/*.md`): shown while active on the pages they concern, in the
//! feeds and in `status.json`, on a page of their own; never changing a status or uptime.

use crate::check::{assert_at, assert_message, check_json, only_error};
use crate::common::{select_texts, SiteTest};

const NOW: &str = "2026-11-25T12:00:00Z";

/// The minimal site with four notices: two active (one about the site, one about `api`), one
/// ended and one still to come.
fn site_with_notices() -> SiteTest {
    SiteTest::fixture("minimal")
        .now(NOW)
        .file(
            "content/notices/sender-ids.md",
            "---\ntitle: New sender ID rules\nfrom: 2026-11-24 10:00\nuntil: 2027-01-31 00:00\n---\n\nRegister your **sender IDs** by January.\n",
        )
        .file(
            "content/notices/carrier-x.md",
            "---\ntitle: Carrier X reports delays in Brazil\ncomponents: [api]\nfrom: 2026-11-25 09:00\n---\n\nCarrier X says receipts are late.\n",
        )
        .file(
            "content/notices/old.md",
            "---\ntitle: Last month's notice\nfrom: 2026-10-01 00:00\nuntil: 2026-10-02 00:00\n---\n\nOver.\n",
        )
        .file(
            "content/notices/future.md",
            "---\ntitle: Not yet\nfrom: 2026-12-10 00:00\n---\n\nLater.\n",
        )
}

fn titles(html: &scraper::Html) -> Vec<String> {
    select_texts(html, "#notices ~ .note h3")
}

#[test]
fn active_notices_show_on_the_pages_they_concern() {
    let site = site_with_notices();
    let built = site.build();
    let index = built.html("index.html");
    assert_eq!(titles(&index), ["Carrier X reports delays in Brazil", "New sender ID rules"]);
    let body = select_texts(&index, ".note .body");
    assert!(body.iter().any(|b| b.contains("Register your sender IDs by January.")), "{body:?}");
    // The component a notice names shows it beside the site-wide one; another shows only that.
    let api = built.html("components/api/index.html");
    assert_eq!(titles(&api), ["Carrier X reports delays in Brazil", "New sender ID rules"]);
    let web = built.html("components/web/index.html");
    assert_eq!(titles(&web), ["New sender ID rules"]);
    // Each published notice keeps a page, the ended one too; the future one has none.
    let old = built.html("notices/old/index.html");
    assert_eq!(select_texts(&old, "h1"), ["Last month's notice"]);
    assert!(select_texts(&old, ".meta").iter().any(|m| m.contains("Ended")));
    assert!(!built.exists("notices/future/index.html"));
    let sitemap = built.text("sitemap.xml");
    assert!(sitemap.contains("/notices/old/") && !sitemap.contains("/notices/future/"));
}

#[test]
fn notices_are_in_status_json_and_the_feeds() {
    let site = site_with_notices();
    let built = site.build();
    let status = built.json("status.json");
    let ids: Vec<&str> = status["notices"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["carrier-x", "sender-ids"]);
    assert_eq!(status["notices"][0]["components"], serde_json::json!(["api"]));
    assert_eq!(status["notices"][0]["ends_at"], serde_json::Value::Null);
    assert_eq!(status["notices"][1]["ends_at"], "2027-01-31T00:00:00Z");

    let atom = feed_rs::parser::parse(built.text("atom.xml").as_bytes()).unwrap();
    let notice_ids: Vec<&str> =
        atom.entries.iter().map(|e| e.id.as_str()).filter(|id| id.contains(":notice/")).collect();
    // Every published notice, ended ones too, never the future one.
    assert_eq!(notice_ids.len(), 3, "{notice_ids:?}");
    let carrier = atom.entries.iter().find(|e| e.id.ends_with("notice/carrier-x")).unwrap();
    assert_eq!(carrier.title.as_ref().unwrap().content, "Notice: Carrier X reports delays in Brazil");
    let content = carrier.content.as_ref().and_then(|c| c.body.clone()).unwrap();
    assert!(content.contains("Carrier X says receipts are late."), "{content}");
    assert_eq!(carrier.links[0].href, "https://status.example.com/notices/carrier-x/");
    // A component's feed has the notices that name it, not the site-wide ones.
    let api = feed_rs::parser::parse(built.text("components/api/atom.xml").as_bytes()).unwrap();
    let api_notices: Vec<&str> =
        api.entries.iter().map(|e| e.id.as_str()).filter(|id| id.contains(":notice/")).collect();
    assert_eq!(api_notices.len(), 1, "{api_notices:?}");
    assert!(api_notices[0].ends_with("notice/carrier-x"));
}

#[test]
fn a_notice_never_changes_a_status_or_uptime() {
    let (site, plain) = (site_with_notices(), SiteTest::fixture("minimal").now(NOW));
    let (with, without) = (site.build(), plain.build());
    for file in ["api/v2/summary.json", "api/v2/components.json", "api/v2/incidents.json", "badge.svg"] {
        assert_eq!(with.text(file), without.text(file), "{file} changed with notices");
    }
    let (a, b) = (with.json("status.json"), without.json("status.json"));
    assert_eq!(a["status"], b["status"]);
    assert_eq!(a["components"], b["components"]);
}

#[test]
fn next_change_is_when_a_notice_starts_or_ends() {
    let site = SiteTest::fixture("minimal")
        .now("2026-12-05T12:00:00Z")
        .file("content/notices/n.md", "---\ntitle: N\nfrom: 2026-12-05 15:30\n---\n\nText.\n");
    let run = site.run(&["next-change", "--now", "2026-12-05T12:00:00Z"]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert_eq!(run.stdout.trim(), "2026-12-05T15:30:00Z");
}

const NOTICE: &str = "content/notices/n.md";

#[test]
fn a_notice_without_from_is_refused_at_its_front_matter() {
    let site = SiteTest::fixture("minimal").file(NOTICE, "---\ntitle: N\n---\n\nText.\n");
    let d = only_error(site, "missing-field");
    assert_message(&d, "the notice has no `from`");
    assert_at(&d, NOTICE, 2, 1);
}

#[test]
fn a_notice_that_ends_before_it_starts_is_refused_at_until() {
    let site = SiteTest::fixture("minimal")
        .file(NOTICE, "---\ntitle: N\nfrom: 2026-11-20 10:00\nuntil: 2026-11-20 09:00\n---\n\nText.\n");
    let d = only_error(site, "until-before-from");
    assert_message(&d, "the notice ends before it starts");
    assert_at(&d, NOTICE, 4, 8);
}

#[test]
fn a_notice_naming_an_unknown_component_is_refused_at_the_id() {
    let site = SiteTest::fixture("minimal")
        .file(NOTICE, "---\ntitle: N\ncomponents: [api, smtp]\nfrom: 2026-11-20 10:00\n---\n\nText.\n");
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1);
    let d = all.iter().find(|d| d["kind"] == "unknown-component").unwrap_or_else(|| panic!("{all:?}"));
    assert_at(d, NOTICE, 3, 19);
    assert!(d["help"].as_str().unwrap_or("").contains("smpp"), "{d}");
}

#[test]
fn an_empty_notice_and_an_unknown_key_are_both_reported() {
    let site = SiteTest::fixture("minimal")
        .file(NOTICE, "---\ntitle: N\nfrom: 2026-11-20 10:00\nuntill: 2026-11-21 10:00\n---\n")
        .file("content/notices/empty.md", "---\ntitle: E\nfrom: 2026-11-20 10:00\n---\n\n");
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1);
    let unknown = all.iter().find(|d| d["kind"] == "unknown-key").unwrap_or_else(|| panic!("{all:?}"));
    assert_at(unknown, NOTICE, 4, 1);
    assert!(unknown["message"].as_str().unwrap().contains("untill"), "{unknown}");
    let empty: Vec<_> = all.iter().filter(|d| d["kind"] == "empty-notice").collect();
    // Both files are empty below their front matter; each is named.
    assert_eq!(empty.len(), 2, "{all:?}");
    let empty = empty.iter().find(|d| d["file"] == "content/notices/empty.md").unwrap();
    assert_at(empty, "content/notices/empty.md", 2, 1);
}
