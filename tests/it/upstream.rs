//! Third-party components (`upstream:` in components.yaml): `statusforge upstream fetch`
//! stores each vendor's status from a Statuspage-shaped `summary.json` served on 127.0.0.1,
//! builds show it in its own section as of its fetch and never in the team's status, uptime
//! or API, and `check` reports stale snapshots and every mistake with its file and line.

use crate::check::{assert_at, assert_help_contains, assert_message, check_json, only_error};
use crate::common::{copy_dir, fixtures, select_texts, temp_dir, SiteTest, StaticServer};
use serde_json::Value;
use std::fs;

const FETCHED: &str = "2026-12-03T08:00:00Z";

/// The vendor page of `tests/fixtures/upstream-vendor`, served from a copy a test may change.
struct Vendor {
    dir: tempfile::TempDir,
    server: StaticServer,
}

impl Vendor {
    fn start() -> Vendor {
        let dir = temp_dir();
        copy_dir(&fixtures().join("upstream-vendor"), dir.path());
        let server = StaticServer::serve(dir.path().to_path_buf());
        Vendor { dir, server }
    }

    fn summary_path(&self) -> std::path::PathBuf {
        self.dir.path().join("api/v2/summary.json")
    }
}

/// The minimal site with three third-party components of one vendor: one by component id (in
/// a group of its own), one by component name, one for the whole page.
fn components(vendor_url: &str) -> String {
    format!(
        "groups:\n  - id: apis\n    name: APIs\n  - id: carriers\n    name: Carriers\ncomponents:\n  \
         - id: api\n    name: API\n    group: apis\n  - id: web\n    name: Web\n    group: apis\n  \
         - id: smpp\n    name: SMPP\n  \
         - id: norcel-brazil\n    name: Norcel Brazil\n    group: carriers\n    upstream:\n      url: {vendor_url}\n      component: 0l2p9nhqnxpd\n  \
         - id: norcel-argentina\n    name: Norcel Argentina\n    group: carriers\n    upstream: {{url: {vendor_url}, component: Argentina SMS delivery}}\n  \
         - id: norcel\n    name: Norcel (whole page)\n    upstream:\n      url: {vendor_url}/api/v2/summary.json\n"
    )
}

/// A third-party component read from a page no test serves: for checks, and snapshots given.
pub(crate) const VENDOR: &str =
    "  - id: vendor\n    name: Vendor\n    upstream: {url: https://status.vendor.example}\n";

/// The minimal site's own components (the ones its incidents name), then `vendor`: the YAML
/// of one more entry of `components:`, from its `- id:` line. Its first line is line 8.
pub(crate) fn minimal_with(vendor: &str) -> SiteTest {
    let own = "components:\n  - id: api\n    name: API\n  - id: web\n    name: Web\n  - id: smpp\n    name: SMPP\n";
    SiteTest::fixture("minimal").file("content/components.yaml", &format!("{own}{vendor}"))
}

fn site(vendor: &Vendor) -> SiteTest {
    SiteTest::fixture("minimal").file("content/components.yaml", &components(&vendor.server.url))
}

fn fetch(site: &SiteTest, now: &str) -> crate::common::Run {
    site.run(&["upstream", "fetch", "--now", now])
}

fn snapshot(site: &SiteTest, id: &str) -> Value {
    let path = site.root().join(format!("content/upstream/{id}.json"));
    serde_json::from_str(&fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

fn fetched_site() -> (Vendor, SiteTest) {
    let vendor = Vendor::start();
    let site = site(&vendor);
    let run = fetch(&site, FETCHED);
    assert_eq!(run.code, 0, "{}", run.all_output());
    (vendor, site)
}

#[test]
fn fetch_stores_each_vendor_status_as_a_dated_snapshot() {
    let (vendor, site) = fetched_site();
    let brazil = snapshot(&site, "norcel-brazil");
    assert_eq!(brazil["fetched_at"], FETCHED);
    assert_eq!(brazil["status"], "partial_outage");
    assert_eq!(brazil["source"]["url"], format!("{}/api/v2/summary.json", vendor.server.url));
    assert_eq!(brazil["page"]["name"], "Norcel Carrier Services");
    assert_eq!(brazil["page"]["url"], "https://status.norcel.example");
    // Only the vendor's incidents about that component.
    let names: Vec<&str> =
        brazil["incidents"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Delayed delivery to Vivo handsets"]);
    assert_eq!(brazil["incidents"][0]["url"], "https://stspg.io/p31zjtct2jer");
    // Found by its name; operational, nothing open about it.
    let argentina = snapshot(&site, "norcel-argentina");
    assert_eq!(argentina["status"], "operational");
    assert_eq!(argentina["incidents"], serde_json::json!([]));
    // The whole page: its indicator in component terms, every open incident; a link that is
    // not http(s) is dropped, never stored.
    let page = snapshot(&site, "norcel");
    assert_eq!(page["status"], "partial_outage", "indicator `major`");
    assert_eq!(page["incidents"].as_array().unwrap().len(), 2);
    assert_eq!(page["incidents"][1]["name"], "Portal login slow");
    assert_eq!(page["incidents"][1]["url"], Value::Null);
}

#[test]
fn the_page_shows_vendors_apart_and_never_counts_them() {
    let (_vendor, site) = fetched_site();
    let built = site.now("2026-12-03T09:00:00Z").build();
    let index = built.html("index.html");
    let section = "section[aria-labelledby=upstream]";
    assert_eq!(
        select_texts(&index, &format!("{section} .row .name")),
        ["Norcel Brazil", "Norcel Argentina", "Norcel (whole page)"]
    );
    assert_eq!(
        select_texts(&index, &format!("{section} .row .st")),
        ["Partial outage", "Operational", "Partial outage"]
    );
    assert_eq!(select_texts(&index, &format!("{section} h3")), ["Carriers"], "grouped as components.yaml groups them");
    let source = select_texts(&index, &format!("{section} .src"));
    assert!(source[0].starts_with("Reported by: Norcel Carrier Services · as of "), "{source:?}");
    assert!(!source[0].contains("out of date"));
    let times: Vec<_> = index
        .select(&scraper::Selector::parse(&format!("{section} .src time")).unwrap())
        .map(|t| t.value().attr("datetime").unwrap().to_string())
        .collect();
    assert_eq!(times[0], "2026-12-03T08:00:00Z");
    let links: Vec<_> = index
        .select(&scraper::Selector::parse(&format!("{section} a")).unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(links.contains(&"https://stspg.io/p31zjtct2jer".to_string()), "{links:?}");
    assert!(links.iter().all(|l| l.starts_with("https://")), "{links:?}");
    // The team's own section holds no group of vendors only, and the banner stays green.
    assert_eq!(select_texts(&index, "section[aria-labelledby=components] h3"), ["APIs", "Other components"]);
    let status = built.json("status.json");
    assert_eq!(status["status"]["indicator"], "none", "a vendor's outage is not ours");
    let ids: Vec<&str> = status["components"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["api", "web", "smpp"]);
    let upstream = status["upstream"].as_array().unwrap();
    assert_eq!(upstream.len(), 3);
    assert_eq!(upstream[0]["status"], "partial_outage");
    assert_eq!(upstream[0]["fetched_at"], "2026-12-03T08:00:00Z", "in the site zone, UTC here");
    assert_eq!(upstream[0]["outdated"], false);
    assert_eq!(upstream[0]["group"], "carriers");
    // Not in the Statuspage API, not a page, badge or feed of its own.
    let summary = built.json("api/v2/summary.json");
    assert!(summary["components"].as_array().unwrap().iter().all(|c| !c["name"].as_str().unwrap().contains("Norcel")));
    assert!(!built.exists("components/norcel-brazil/index.html"));
    // A group of vendors only is theirs: not a group of the API, status.json or subscribe page.
    let groups = built.json("api/v2/components.json");
    let names: Vec<&str> =
        groups["components"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(!names.contains(&"Carriers"), "{names:?}");
    assert!(status["groups"].as_array().unwrap().iter().all(|g| g["id"] != "carriers"));
    let subscribe = built.html("subscribe/index.html");
    assert!(!select_texts(&subscribe, "h2, h3").iter().any(|h| h == "Carriers"));
    assert!(!built.exists("components/norcel-brazil/badge.svg"));
}

#[test]
fn an_old_snapshot_is_marked_outdated_and_check_warns() {
    let (_vendor, site) = fetched_site();
    let site = site.file(
        "content/site.yaml",
        "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nupstream:\n  max_age: 2h\n",
    );
    // The build then changes at fetch + 2h: a scheduled job knows to rebuild.
    let next = site.run(&["next-change", "--now", "2026-12-03T08:30:00Z"]);
    assert_eq!(next.stdout.trim(), "2026-12-03T10:00:00Z", "{}", next.all_output());
    let (run, fresh) = check_json(site.clone().now("2026-12-03T09:59:00Z"));
    assert_eq!(run.code, 0);
    assert!(fresh.iter().all(|d| d["kind"] != "upstream-outdated"), "{fresh:?}");
    let late = site.now("2026-12-03T10:00:00Z");
    let (_, diagnostics) = check_json(late.clone());
    let outdated: Vec<&Value> = diagnostics.iter().filter(|d| d["kind"] == "upstream-outdated").collect();
    assert_eq!(outdated.len(), 3, "{diagnostics:?}");
    let page = outdated.iter().find(|d| d["file"] == "content/upstream/norcel.json").expect("the page's snapshot");
    assert_eq!(page["severity"], "warning");
    assert_message(page, "the snapshot of `norcel` was fetched 2 h ago, longer than `upstream: {max_age}` (2 h); the page marks it outdated");
    let built = late.build();
    let index = built.html("index.html");
    assert_eq!(select_texts(&index, ".row.upstream .outdated"), ["may be out of date"; 3]);
    assert_eq!(built.json("status.json")["upstream"][0]["outdated"], true);
}

#[test]
fn a_component_never_fetched_shows_unknown_and_check_says_how_to_fetch() {
    let vendor = Vendor::start();
    let site = site(&vendor)
        .file("content/upstream/gone.json", &fs::read_to_string(fixtures().join("upstream-snapshot.json")).unwrap());
    let (run, diagnostics) = check_json(site.clone().now(FETCHED));
    assert_eq!(run.code, 0, "warnings only: {}", run.all_output());
    let kinds: Vec<&str> = diagnostics.iter().map(|d| d["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "upstream-not-fetched").count(), 3, "{kinds:?}");
    let brazil = diagnostics
        .iter()
        .find(|d| d["kind"] == "upstream-not-fetched" && d["message"].as_str().unwrap().contains("`norcel-brazil`"))
        .expect("norcel-brazil");
    assert_at(brazil, "content/components.yaml", 19, 7);
    let unused = diagnostics.iter().find(|d| d["kind"] == "unused-upstream-snapshot").expect("unused snapshot");
    assert_at(unused, "content/upstream/gone.json", 1, 1);
    let built = site.now(FETCHED).build();
    let index = built.html("index.html");
    assert_eq!(select_texts(&index, ".row.upstream .st"), ["Unknown"; 3]);
    assert_eq!(select_texts(&index, ".row.upstream .src"), ["Status not fetched yet"; 3]);
    assert_eq!(built.json("status.json")["upstream"][0]["status"], Value::Null);
}

/// A build at a clock before the fetch reproduces the page as it stood then.
#[test]
fn a_build_before_the_fetch_shows_the_vendor_as_not_fetched() {
    let (_vendor, site) = fetched_site();
    let built = site.now("2026-12-03T07:59:59Z").build();
    let index = built.html("index.html");
    assert_eq!(select_texts(&index, ".row.upstream .src"), ["Status not fetched yet"; 3]);
    assert_eq!(built.json("status.json")["upstream"][0]["fetched_at"], Value::Null);
}

#[test]
fn a_snapshot_of_another_source_is_not_shown() {
    let (vendor, site) = fetched_site();
    let moved = components(&vendor.server.url).replace("component: 0l2p9nhqnxpd", "component: 8l4ygp009s5s");
    let site = site.file("content/components.yaml", &moved).now("2026-12-03T09:00:00Z");
    let (_, diagnostics) = check_json(site.clone());
    let changed = diagnostics.iter().find(|d| d["kind"] == "upstream-source-changed").expect("source changed");
    assert_at(changed, "content/upstream/norcel-brazil.json", 2, 13);
    assert_help_contains(changed, "statusforge upstream fetch");
    let index = site.build().html("index.html");
    assert_eq!(select_texts(&index, ".row.upstream .st")[0], "Unknown");
}

#[test]
fn a_vendor_out_of_reach_keeps_the_previous_snapshot() {
    let (vendor, site) = fetched_site();
    let before = fs::read_to_string(site.root().join("content/upstream/norcel.json")).unwrap();
    fs::remove_file(vendor.summary_path()).unwrap();
    let run = fetch(&site, "2026-12-03T09:00:00Z");
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("does not exist (HTTP 404)"), "{}", run.stderr);
    assert!(run.stderr.contains("its previous snapshot is kept"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(site.root().join("content/upstream/norcel.json")).unwrap(), before);
}

#[test]
fn an_unknown_vendor_component_is_named_with_the_ones_there() {
    let vendor = Vendor::start();
    let site = minimal_with(&format!(
        "  - id: x\n    name: X\n    upstream: {{url: {}, component: nope}}\n",
        vendor.server.url
    ));
    let run = fetch(&site, FETCHED);
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("no component with id or name `nope`"), "{}", run.stderr);
    assert!(run.stderr.contains("`0l2p9nhqnxpd` (Brazil SMS delivery)"), "{}", run.stderr);
    assert!(!site.root().join("content/upstream/x.json").exists());
}

#[test]
fn hostile_vendor_text_is_escaped() {
    let vendor = Vendor::start();
    let text = fs::read_to_string(vendor.summary_path()).unwrap();
    fs::write(vendor.summary_path(), text.replace("Delayed delivery to Vivo handsets", "<img src=x onerror=alert(1)>"))
        .unwrap();
    let site = site(&vendor);
    assert_eq!(fetch(&site, FETCHED).code, 0);
    let built = site.now(FETCHED).build();
    let html = built.text("index.html");
    assert!(!html.contains("<img src=x"), "vendor text must be escaped");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

#[test]
fn an_upstream_url_with_credentials_or_a_query_is_refused() {
    let with = |url: &str| minimal_with(&format!("  - id: x\n    name: X\n    upstream:\n      url: {url}\n"));
    let d = only_error(with("https://user:secret@status.vendor.example"), "invalid-upstream-url");
    assert_at(&d, "content/components.yaml", 11, 12);
    assert_message(&d, "the address holds a user name or password, which status.json would publish");
    let d = only_error(with("https://status.vendor.example/?token=abc"), "invalid-upstream-url");
    assert!(d["message"].as_str().unwrap().contains("no `?query` or `#fragment`"), "{d}");
}

/// A vendor's page name of megabytes, or with control and direction-override characters,
/// becomes one short line of plain text: a snapshot the loader refused would stop the build.
#[test]
fn vendor_text_is_kept_short_and_plain() {
    let vendor = Vendor::start();
    let text = fs::read_to_string(vendor.summary_path()).unwrap();
    let huge = format!("Evil\\u0000\\u0007 Vendor\\u202e{}", "A".repeat(2_000_000));
    fs::write(vendor.summary_path(), text.replace("Norcel Carrier Services", &huge)).unwrap();
    let site = site(&vendor);
    assert_eq!(fetch(&site, FETCHED).code, 0);
    let stored = snapshot(&site, "norcel");
    let name = stored["page"]["name"].as_str().unwrap();
    assert!(name.starts_with("Evil Vendor") && name.ends_with('…'), "{}", &name[..40]);
    assert!(name.chars().count() <= 251);
    assert!(!name.chars().any(|c| c.is_control() || c == '\u{202e}'));
    let check = site.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
}

#[test]
fn a_bad_upstream_url_is_reported_at_its_line() {
    let site = minimal_with("  - id: x\n    name: X\n    upstream:\n      url: ftp://status.vendor.example\n");
    let d = only_error(site, "invalid-upstream-url");
    assert_at(&d, "content/components.yaml", 11, 12);
    assert_message(&d, "`ftp://status.vendor.example` is not an http(s) address; give the status page's address, e.g. https://status.example.com");
}

#[test]
fn since_on_a_third_party_component_is_refused() {
    let site = minimal_with(
        "  - id: x\n    name: X\n    since: 2026-01-01\n    upstream: {url: https://status.vendor.example}\n",
    );
    let d = only_error(site, "since-on-upstream");
    assert_at(&d, "content/components.yaml", 10, 5);
}

#[test]
fn an_incident_cannot_set_a_third_party_component() {
    let site = minimal_with(VENDOR).file(
            "content/incidents/2026-11-24-vendor.md",
            "---\ntitle: Vendor down\ncomponents:\n  vendor: major_outage\n---\n\n## Investigating - 2026-11-24 10:00\n\nLooking.\n",
        );
    let d = only_error(site, "upstream-component-named");
    assert_at(&d, "content/incidents/2026-11-24-vendor.md", 4, 3);
    assert_message(&d, "`vendor` is a third-party component");
}

#[test]
fn a_broken_snapshot_is_reported_at_its_line() {
    let snapshot = fs::read_to_string(fixtures().join("upstream-snapshot.json")).unwrap();
    let site = minimal_with(&VENDOR.replace("id: vendor", "id: gone"))
        .file("content/upstream/gone.json", &snapshot.replace("\"partial_outage\"", "\"on_fire\""));
    let d = only_error(site.clone(), "unknown-component-status");
    assert_at(&d, "content/upstream/gone.json", 11, 13);
    let site = site.file("content/upstream/gone.json", "{\"source\": {\"url\": \"x\"},\n  \"fetched_at\": yesterday\n");
    let (_, all) = check_json(site);
    let d = all.iter().find(|d| d["kind"] == "invalid-upstream-snapshot").expect("syntax error");
    assert_eq!(d["file"], "content/upstream/gone.json");
    assert!(d["line"].as_u64().unwrap() >= 2, "{d}");
}

#[test]
fn a_bad_max_age_is_reported_at_its_line() {
    let site = SiteTest::fixture("minimal").file(
        "content/site.yaml",
        "title: Minimal Status\nbase_url: https://status.example.com/\nupstream:\n  max_age: soon\n",
    );
    let d = only_error(site, "invalid-duration");
    assert_at(&d, "content/site.yaml", 4, 12);
}

/// A third-party component named where only the team's own belong is told so, in site.yaml's
/// notify filters and on `new`'s command line.
#[test]
fn a_vendor_named_in_a_notify_filter_or_by_new_is_told_it_is_third_party() {
    let site = minimal_with(VENDOR).file(
        "content/site.yaml",
        "title: Minimal Status\nbase_url: https://status.example.com/\nnotify:\n  slack:\n    - url: https://hooks.slack.com/x\n      components: [api, vendor]\n",
    );
    let d = only_error(site.clone(), "upstream-component-named");
    assert_at(&d, "content/site.yaml", 6, 25);
    let run = site.run(&["new", "incident", "Vendor down", "--component", "vendor:major_outage", "--now", FETCHED]);
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("`vendor` is a third-party component"), "{}", run.stderr);
}
