//! The component timeline end to end: incidents whose statuses change through `Components:`
//! lines, built with the real binary at several clocks, and every output read back.

use crate::common;

use crate::common::{select_texts, SiteTest};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

const SITE: &str = "title: Timeline Status\nbase_url: https://status.example.com/\ntimezone: UTC\n";
const COMPONENTS: &str =
    "components:\n  - id: api\n    name: API\n  - id: web\n    name: Web\n  - id: smpp\n    name: SMPP\n";

fn site(incidents: &[(&str, &str)]) -> SiteTest {
    site_with(SITE, incidents)
}

fn site_with(site_yaml: &str, incidents: &[(&str, &str)]) -> SiteTest {
    let mut test = SiteTest::empty().file("content/site.yaml", site_yaml).file("content/components.yaml", COMPONENTS);
    for (slug, text) in incidents {
        test = test.file(&format!("content/incidents/{slug}.md"), text);
    }
    test
}

/// API major at 10:00, partial from 12:00, operational from 14:00 while monitoring, resolved 16:00.
const STEPPING: &str = "---\ntitle: API errors\ncomponents:\n  api: major_outage\n---\n\n\
## Resolved - 2026-11-20 16:00\nAll good.\n\n\
## Monitoring - 2026-11-20 14:00\nComponents: api=operational\n\nErrors stopped; watching.\n\n\
## Identified - 2026-11-20 12:00\nComponents: api=partial_outage\n\nHalf the servers are back.\n\n\
## Investigating - 2026-11-20 10:00\nThe API is down.\n";

fn status_at(test: SiteTest, now: &str, id: &str) -> String {
    let built_site = test.now(now);
    let built = built_site.build();
    let components = built.json("api/v2/components.json");
    let found = components["components"].as_array().unwrap().iter().find(|c| c["name"] == name_of(id)).cloned();
    found.unwrap_or_else(|| panic!("no {id} in {components}"))["status"].as_str().unwrap().to_string()
}

fn name_of(id: &str) -> &'static str {
    match id {
        "api" => "API",
        "web" => "Web",
        _ => "SMPP",
    }
}

/// Uptime of `id` on `date` from status.json.
fn uptime_on(built: &common::Built, id: &str, date: &str) -> f64 {
    let status = built.json("status.json");
    let component = status["components"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    let day = component["uptime"]["daily"].as_array().unwrap().iter().find(|d| d["date"] == date).unwrap().clone();
    day["uptime"].as_f64().unwrap()
}

#[test]
fn statuses_step_down_to_operational_before_the_resolution() {
    let clocks = [
        ("2026-11-20T11:00:00Z", "major_outage"),
        ("2026-11-20T12:00:00Z", "partial_outage"),
        ("2026-11-20T13:00:00Z", "partial_outage"),
        ("2026-11-20T15:00:00Z", "operational"),
        ("2026-11-20T17:00:00Z", "operational"),
    ];
    for (now, expected) in clocks {
        assert_eq!(status_at(site(&[("api-errors", STEPPING)]), now, "api"), expected, "at {now}");
    }
    // Between two updates the incident is still open, and the page says so.
    let built_site = site(&[("api-errors", STEPPING)]).now("2026-11-20T15:00:00Z");
    let built = built_site.build();
    let summary = built.json("api/v2/summary.json");
    assert_eq!(summary["incidents"].as_array().unwrap().len(), 1);
    assert_eq!(summary["incidents"][0]["status"], "monitoring");
}

#[test]
fn uptime_counts_each_stretch_at_its_own_status() {
    let built_site = site(&[("api-errors", STEPPING)]).now("2026-11-21T12:00:00Z");
    let built = built_site.build();
    // 2 h major + 2 h partial at 30 % = 156 minutes down of 1,440.
    let expected = 100.0 * (1.0 - 156.0 / 1440.0);
    assert!(
        (uptime_on(&built, "api", "2026-11-20") - expected).abs() < 1e-3,
        "{}",
        uptime_on(&built, "api", "2026-11-20")
    );
    let status = built.json("status.json");
    let api = status["components"].as_array().unwrap().iter().find(|c| c["id"] == "api").unwrap().clone();
    let day = api["uptime"]["daily"].as_array().unwrap().iter().find(|d| d["date"] == "2026-11-20").unwrap().clone();
    assert_eq!(day["worst"], "major_outage");
}

#[test]
fn the_api_lists_each_updates_changes_and_never_the_line_as_text() {
    let built_site = site(&[("api-errors", STEPPING)]).now("2026-11-21T12:00:00Z");
    let built = built_site.build();
    let incidents = built.json("api/v2/incidents.json");
    let updates = incidents["incidents"][0]["incident_updates"].as_array().unwrap().clone();
    let changes: Vec<Value> = updates.iter().map(|u| u["affected_components"].clone()).collect();
    assert!(changes[0].is_null(), "the resolution has no line: {}", changes[0]);
    let change = |i: usize| {
        let c = &changes[i][0];
        (c["name"].as_str().unwrap().to_string(), c["old_status"].as_str().unwrap(), c["new_status"].as_str().unwrap())
    };
    assert_eq!(change(1), ("API".into(), "partial_outage", "operational"));
    assert_eq!(change(2), ("API".into(), "major_outage", "partial_outage"));
    assert_eq!(change(3), ("API".into(), "operational", "major_outage"));
    assert!(changes[1][0]["code"].is_string());
    for update in &updates {
        assert!(!update["body"].as_str().unwrap().contains("Components:"), "{update}");
    }
    assert_eq!(updates[1]["body"], "Errors stopped; watching.");
}

#[test]
fn the_incident_page_shows_what_each_update_changed() {
    let built_site = site(&[("api-errors", STEPPING)]).now("2026-11-21T12:00:00Z");
    let built = built_site.build();
    let page = built.html("incidents/api-errors/index.html");
    let changes = select_texts(&page, ".timeline .changes");
    assert_eq!(changes, ["API : Partial outage → Operational", "API : Major outage → Partial outage"]);
    let bodies = select_texts(&page, ".timeline .body");
    assert!(bodies.iter().all(|b| !b.contains("Components")), "{bodies:?}");
    // Resolved: the worst status it reached.
    assert_eq!(select_texts(&page, ".affected li"), ["API Major outage"]);
    let text = built.text("incidents/api-errors/index.html");
    assert!(!text.contains("Components:"), "the line leaked into the page");
}

#[test]
fn feeds_say_the_changes_in_each_update() {
    let built_site = site(&[("api-errors", STEPPING)]).now("2026-11-21T12:00:00Z");
    let built = built_site.build();
    let feed = feed_rs::parser::parse(built.text("atom.xml").as_bytes()).unwrap();
    let content = feed.entries[0].content.as_ref().and_then(|c| c.body.clone()).unwrap();
    assert!(content.contains("API: Major outage → Partial outage"), "{content}");
    assert!(content.contains("API: Partial outage → Operational"), "{content}");
    assert!(!content.contains("Components:"), "{content}");
}

#[test]
fn a_component_joins_from_the_update_that_names_it() {
    let text = "---\ntitle: API errors\ncomponents:\n  api: partial_outage\n---\n\n\
                ## Identified - 2026-11-20 12:00\nComponents: web=degraded_performance\n\nThe web app is slow too.\n\n\
                ## Investigating - 2026-11-20 10:00\nThe API fails.\n";
    let before_site = site(&[("api-errors", text)]).now("2026-11-20T11:00:00Z");
    let before = before_site.build();
    let names = |built: &common::Built| -> Vec<String> {
        let incidents = built.json("api/v2/incidents.json");
        let components = incidents["incidents"][0]["components"].as_array().unwrap().clone();
        components.iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(&before), ["API"]);
    assert_eq!(status_at(site(&[("api-errors", text)]), "2026-11-20T11:00:00Z", "web"), "operational");
    let after_site = site(&[("api-errors", text)]).now("2026-11-20T13:00:00Z");
    let after = after_site.build();
    assert_eq!(names(&after), ["API", "Web"]);
    assert_eq!(status_at(site(&[("api-errors", text)]), "2026-11-20T13:00:00Z", "web"), "degraded_performance");
    let joined = &after.json("api/v2/incidents.json")["incidents"][0]["incident_updates"][0]["affected_components"][0];
    assert_eq!(
        (joined["old_status"].as_str(), joined["new_status"].as_str()),
        (Some("operational"), Some("degraded_performance"))
    );
    // The web component's page lists the incident it joined.
    assert!(!select_texts(&after.html("components/web/index.html"), "a[href$='incidents/api-errors/']").is_empty());
    let status = after.json("status.json");
    let timeline = status["incidents"][0]["timeline"].as_array().unwrap().clone();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0]["id"], "web");
    assert_eq!(timeline[0]["at"], "2026-11-20T12:00:00Z");
}

#[test]
fn overlapping_incidents_give_the_worst_status_at_each_instant() {
    // A: major 10:00, degraded from 12:00, resolved 14:00. B: partial 11:00, operational 13:00, resolved 15:00.
    let a = "---\ntitle: A\ncomponents:\n  api: major_outage\n---\n\n\
             ## Resolved - 2026-11-20 14:00\nDone.\n\n\
             ## Identified - 2026-11-20 12:00\nComponents: api=degraded_performance\n\nMostly back.\n\n\
             ## Investigating - 2026-11-20 10:00\nDown.\n";
    let b = "---\ntitle: B\ncomponents:\n  api: partial_outage\n---\n\n\
             ## Resolved - 2026-11-20 15:00\nDone.\n\n\
             ## Monitoring - 2026-11-20 13:00\nComponents: api=operational\n\nWatching.\n\n\
             ## Investigating - 2026-11-20 11:00\nSome errors.\n";
    let incidents = [("a", a), ("b", b)];
    for (now, expected) in [
        ("2026-11-20T11:30:00Z", "major_outage"),
        ("2026-11-20T12:30:00Z", "partial_outage"),
        ("2026-11-20T13:30:00Z", "degraded_performance"),
        ("2026-11-20T14:30:00Z", "operational"),
    ] {
        assert_eq!(status_at(site(&incidents), now, "api"), expected, "at {now}");
    }
    let built_site = site(&incidents).now("2026-11-21T12:00:00Z");
    let built = built_site.build();
    // 10-12 major (120 min) + 12-13 partial (B, 18 min); 13-14 degraded costs nothing.
    let expected = 100.0 * (1.0 - 138.0 / 1440.0);
    assert!((uptime_on(&built, "api", "2026-11-20") - expected).abs() < 1e-3);
}

#[test]
fn a_change_dated_after_a_daylight_saving_jump_applies_at_its_real_instant() {
    // Berlin springs forward on 2026-03-29 at 02:00 CET to 03:00 CEST: 01:30 CET is 00:30Z,
    // 03:30 CEST is 01:30Z, one real hour later though the wall clock moved two.
    let site_yaml = "title: T\nbase_url: https://status.example.com/\ntimezone: Europe/Berlin\n";
    let text = "---\ntitle: Night outage\ncomponents:\n  api: major_outage\n---\n\n\
                ## Resolved - 2026-03-29 05:00\nDone.\n\n\
                ## Monitoring - 2026-03-29 03:30\nComponents: api=operational\n\nBack.\n\n\
                ## Investigating - 2026-03-29 01:30\nDown.\n";
    let incidents = [("night", text)];
    assert_eq!(status_at(site_with(site_yaml, &incidents), "2026-03-29T01:15:00Z", "api"), "major_outage");
    assert_eq!(status_at(site_with(site_yaml, &incidents), "2026-03-29T01:45:00Z", "api"), "operational");
    let built_site = site_with(site_yaml, &incidents).now("2026-03-30T12:00:00Z");
    let built = built_site.build();
    // One hour down in a 23-hour day.
    let expected = 100.0 * (1.0 - 60.0 / (23.0 * 60.0));
    assert!(
        (uptime_on(&built, "api", "2026-03-29") - expected).abs() < 1e-3,
        "{}",
        uptime_on(&built, "api", "2026-03-29")
    );
}

#[test]
fn a_reopened_incident_takes_up_the_statuses_it_had() {
    let text = "---\ntitle: Flapping\ncomponents:\n  api: major_outage\n---\n\n\
                ## Investigating - 2026-11-20 14:00\nIt is back.\n\n\
                ## Resolved - 2026-11-20 13:00\nFixed.\n\n\
                ## Identified - 2026-11-20 11:00\nComponents: api=degraded_performance\n\nMostly fine.\n\n\
                ## Investigating - 2026-11-20 10:00\nDown.\n";
    assert_eq!(status_at(site(&[("flap", text)]), "2026-11-20T13:30:00Z", "api"), "operational");
    assert_eq!(status_at(site(&[("flap", text)]), "2026-11-20T14:30:00Z", "api"), "degraded_performance");
}

#[test]
fn update_with_component_writes_the_line_and_leaves_the_front_matter_alone() {
    let open = "---\ntitle: API errors\ncomponents:\n  api: major_outage\n---\n\n## Investigating - 2026-11-20 10:00\nThe API is down.\n";
    let test = site(&[("api-errors", open)]);
    let path = test.root().join("content/incidents/api-errors.md");
    let run = test.run(&[
        "update",
        "api-errors",
        "--status",
        "identified",
        "--message",
        "Half the servers are back.",
        "--component",
        "api:partial_outage",
        "--component",
        "web:degraded_performance",
        "--now",
        "2026-11-20T12:00:00Z",
    ]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let text = std::fs::read_to_string(&path).unwrap();
    let front_end = open.find("\n---\n").unwrap() + 5;
    assert_eq!(&text[..front_end], &open[..front_end], "the front matter changed");
    assert!(
        text[front_end..].starts_with(
            "\n## Identified - 2026-11-20 12:00\nComponents: api=partial_outage, web=degraded_performance\n\nHalf the servers are back.\n"
        ),
        "{text}"
    );
    assert!(text.ends_with("## Investigating - 2026-11-20 10:00\nThe API is down.\n"));
    assert_eq!(status_at(site(&[("api-errors", &text)]), "2026-11-20T12:30:00Z", "api"), "partial_outage");

    let resolve = test.run(&["resolve", "api-errors", "--now", "2026-11-20T13:00:00Z"]);
    assert_eq!(resolve.code, 0, "{}", resolve.all_output());
    let resolved = std::fs::read_to_string(&path).unwrap();
    assert_eq!(&resolved[..front_end], &open[..front_end]);
    assert_eq!(resolved.matches("Components:").count(), 1, "resolve needs no line:\n{resolved}");
    assert_eq!(status_at(site(&[("api-errors", &resolved)]), "2026-11-20T13:30:00Z", "api"), "operational");
}

#[test]
fn update_refuses_a_component_named_twice_and_a_resolution_with_an_outage() {
    let open =
        "---\ntitle: API errors\ncomponents:\n  api: major_outage\n---\n\n## Investigating - 2026-11-20 10:00\nDown.\n";
    let test = site(&[("api-errors", open)]);
    let path = test.root().join("content/incidents/api-errors.md");
    let twice = test.run(&[
        "update",
        "api-errors",
        "--status",
        "identified",
        "--message",
        "x",
        "--component",
        "api:partial_outage",
        "--component",
        "api:operational",
        "--now",
        "2026-11-20T12:00:00Z",
    ]);
    assert_ne!(twice.code, 0);
    assert!(twice.all_output().contains("names `api` twice"), "{}", twice.all_output());
    let outage = test.run(&[
        "update",
        "api-errors",
        "--status",
        "resolved",
        "--message",
        "x",
        "--component",
        "api:partial_outage",
        "--now",
        "2026-11-20T12:00:00Z",
    ]);
    assert_ne!(outage.code, 0);
    assert!(
        outage.all_output().contains("cannot be partial_outage once the incident is resolved"),
        "{}",
        outage.all_output()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), open, "a refused update must leave the file as it was");
}

#[test]
fn per_update_feed_entries_link_to_each_update_on_the_page() {
    let site_yaml = format!("{SITE}feeds:\n  entries: per_update\n");
    let built_site = site_with(&site_yaml, &[("api-errors", STEPPING)]).now("2026-11-21T12:00:00Z");
    let built = built_site.build();
    let page = built.html("incidents/api-errors/index.html");
    for path in ["feed.json", "atom.xml", "feed.xml", "components/api/atom.xml", "components/api/feed.xml"] {
        let feed = feed_rs::parser::parse(built.text(path).as_bytes()).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(feed.entries.len(), 4, "{path}: one entry per update");
        let ids: std::collections::BTreeSet<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), 4, "{path}: ids are unique");
        let newest = &feed.entries[0];
        assert!(newest.title.as_ref().unwrap().content.starts_with("Resolved"), "{path}: {:?}", newest.title);
        for entry in &feed.entries {
            let link = &entry.links[0].href;
            let anchor = link.split_once('#').map(|(_, a)| a).unwrap_or_else(|| panic!("{path}: {link} has no anchor"));
            assert!(link.starts_with("https://status.example.com/incidents/api-errors/#"), "{link}");
            let selector = scraper::Selector::parse(&format!("#{anchor}")).unwrap();
            assert_eq!(page.select(&selector).count(), 1, "{path}: no #{anchor} on the page");
        }
    }
    // Ids stay when an update is added on top.
    let first = feed_rs::parser::parse(built.text("atom.xml").as_bytes()).unwrap();
    let postmortem = STEPPING.replace("## Resolved", "## Postmortem - 2026-11-22 10:00\nWhy.\n\n## Resolved");
    let later_site = site_with(&site_yaml, &[("api-errors", &postmortem)]).now("2026-11-23T12:00:00Z");
    let later = later_site.build();
    let second = feed_rs::parser::parse(later.text("atom.xml").as_bytes()).unwrap();
    assert_eq!(second.entries.len(), 5);
    let old_ids: Vec<&str> = first.entries.iter().map(|e| e.id.as_str()).collect();
    let new_ids: Vec<&str> = second.entries[1..].iter().map(|e| e.id.as_str()).collect();
    assert_eq!(old_ids, new_ids);
}

#[test]
fn an_unknown_feed_entries_value_is_reported_with_its_line() {
    let site_yaml = format!("{SITE}feeds:\n  entries: per_day\n");
    let run = site_with(&site_yaml, &[("api-errors", STEPPING)]).arg("--format").arg("json").check();
    let all: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let d = all.iter().find(|d| d["kind"] == "unknown-feed-entries").unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("content/site.yaml"), Some(5), Some(12))
    );
    assert!(d["help"].as_str().unwrap().contains("per_update"), "{d}");
    assert_eq!(run.code, 1);
}

/// The example without its `Components:` incidents, at two clocks, byte for byte as pinned in
/// `tests/fixtures/pinned-output/` (SHA-256 per file). First pinned with the release before
/// the timeline (063da08): the timeline changed none of these files but `status.schema.json`,
/// which documents the optional `timeline`. Since then, only deliberate changes, each pinned
/// again with `scripts/pin-example-output` in the commit that makes it (the banner's "Last
/// update posted" and "Page generated" changed `index.html`).
#[test]
fn a_site_without_components_lines_builds_byte_for_byte_as_pinned() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for date in ["2026-09-01", "2026-12-01"] {
        let mut test = SiteTest::example().now(&format!("{date}T12:00:00Z"));
        let mut rewritten = 0;
        for entry in std::fs::read_dir(root.join("content/incidents")).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            if text.lines().any(|l| l.to_ascii_lowercase().starts_with("components:") && l.contains('=')) {
                test = test.remove(&format!("content/incidents/{}", path.file_name().unwrap().to_string_lossy()));
                rewritten += 1;
            }
        }
        assert!(rewritten >= 3, "the example should show the timeline in at least three incidents");
        let built = test.build();
        let manifest =
            std::fs::read_to_string(root.join(format!("tests/fixtures/pinned-output/{date}.sha256"))).unwrap();
        let expected: Vec<(&str, &str)> =
            manifest.lines().map(|l| l.split_once("  ").map(|(hash, path)| (path, hash)).unwrap()).collect();
        let files = built.files();
        let paths: Vec<&str> = expected.iter().map(|(p, _)| *p).collect();
        let repin = "if the change is deliberate, run scripts/pin-example-output and say why in the commit";
        assert_eq!(files, paths, "{date}: the set of files changed; {repin}");
        for (path, hash) in expected {
            let bytes = std::fs::read(built.root.join(path)).unwrap();
            let actual: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(actual, hash, "{date}: {path} is not byte-identical to before; {repin}");
        }
    }
}

#[test]
fn a_resolved_incident_lists_the_worst_each_component_reached() {
    let built_site = site(&[("api-errors", STEPPING)]).now("2026-11-21T12:00:00Z");
    let built = built_site.build();
    assert_eq!(select_texts(&built.html("incidents/api-errors/index.html"), ".affected li"), ["API Major outage"]);
    let open_site = site(&[("api-errors", STEPPING)]).now("2026-11-20T13:00:00Z");
    let open = open_site.build();
    assert_eq!(select_texts(&open.html("incidents/api-errors/index.html"), ".affected li"), ["API Partial outage"]);
}

#[test]
fn without_a_written_impact_a_component_joining_in_an_outage_raises_it() {
    let text = "---\ntitle: API errors\ncomponents:\n  api: degraded_performance\n---\n\n\
                ## Identified - 2026-11-20 10:30\nComponents: web=major_outage\n\nThe web app is down too.\n\n\
                ## Investigating - 2026-11-20 10:00\nSlow.\n";
    for (now, impact, indicator) in
        [("2026-11-20T10:15:00Z", "minor", "minor"), ("2026-11-20T10:45:00Z", "critical", "critical")]
    {
        let test = site(&[("api-errors", text)]).now(now);
        let built = test.build();
        let summary = built.json("api/v2/summary.json");
        assert_eq!(summary["incidents"][0]["impact"], impact, "at {now}");
        assert_eq!(summary["status"]["indicator"], indicator, "at {now}");
    }
}

#[test]
fn a_line_that_only_looks_like_a_components_line_is_warned_about() {
    let text = "---\ntitle: API errors\ncomponents:\n  api: major_outage\n---\n\n\
                ## Monitoring - 2026-11-20 12:00\n**Component:** api=operational\n\nWatching.\n\n\
                ## Investigating - 2026-11-20 10:00\nDown.\nComponents: api=partial_outage\n";
    let test = site(&[("api-errors", text)]).arg("--format").arg("json");
    let run = test.check();
    assert_eq!(run.code, 0, "warnings only:\n{}", run.all_output());
    let all: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let lines: Vec<u64> =
        all.iter().filter(|d| d["kind"] == "components-line-ignored").map(|d| d["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [8, 14], "{all:#?}");
}

#[test]
fn per_update_entry_ids_survive_an_update_inserted_between_two_others() {
    let site_yaml = format!("{SITE}feeds:\n  entries: per_update\n");
    let ids = |text: &str| -> Vec<String> {
        let test = site_with(&site_yaml, &[("api-errors", text)]).now("2026-11-21T12:00:00Z");
        let built = test.build();
        let feed = feed_rs::parser::parse(built.text("atom.xml").as_bytes()).unwrap();
        feed.entries.iter().map(|e| e.id.clone()).collect()
    };
    let before = ids(STEPPING);
    let inserted = STEPPING.replace("## Identified", "## Update - 2026-11-20 13:00\nStill at half.\n\n## Identified");
    let after = ids(&inserted);
    assert_eq!(after.len(), before.len() + 1);
    for id in &before {
        assert!(after.contains(id), "{id} changed when an update was inserted: {after:?}");
    }
}
