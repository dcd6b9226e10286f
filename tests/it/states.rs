//! One hand-made site built at several clocks: component statuses, the page indicator and its
//! description, and maintenance states follow DESIGN.md (src/compute/page.rs and
//! maintenance.rs), as read back from api/v2/summary.json and status.json.

use crate::common::SiteTest;
use serde_json::Value;

/// What a reader sees at one clock.
struct Seen {
    indicator: String,
    description: String,
    /// Component (by name) -> status, from the API's summary.
    api: Vec<(String, String)>,
    summary: Value,
    status_json: Value,
}

impl Seen {
    fn component(&self, name: &str) -> &str {
        self.api.iter().find(|(n, _)| n == name).map(|(_, s)| s.as_str()).unwrap_or("<absent>")
    }

    /// The same component in our own status.json, by id.
    fn own_status(&self, id: &str) -> &str {
        let components = self.status_json["components"].as_array().expect("components");
        components.iter().find(|c| c["id"] == id).and_then(|c| c["status"].as_str()).unwrap_or("<absent>")
    }

    fn page(&self) -> (&str, &str) {
        (self.indicator.as_str(), self.description.as_str())
    }

    fn count(&self, key: &str) -> usize {
        self.summary[key].as_array().map_or(0, Vec::len)
    }
}

fn site() -> SiteTest {
    SiteTest::fixture("states-basic")
}

fn seen(site: SiteTest, now: &str) -> Seen {
    let site = site.now(now);
    let built = site.build();
    let summary = built.json("api/v2/summary.json");
    let status_json = built.json("status.json");
    let api = summary["components"]
        .as_array()
        .expect("components")
        .iter()
        .map(|c| (c["name"].as_str().unwrap_or("").to_string(), c["status"].as_str().unwrap_or("").to_string()))
        .collect();
    let indicator = summary["status"]["indicator"].as_str().unwrap_or("").to_string();
    let description = summary["status"]["description"].as_str().unwrap_or("").to_string();
    // Our own document must say the same as the API at every clock.
    assert_eq!(status_json["status"], summary["status"], "status.json and the API disagree at {now}");
    Seen { indicator, description, api, summary, status_json }
}

fn incident(impact: &str, components: &str, updates: &str) -> String {
    format!("---\ntitle: Trouble\nimpact: {impact}\ncomponents:\n{components}---\n\n{updates}")
}

const PHASES: &str = "## Resolved - 2026-11-20 12:00\nFixed.\n\n## Monitoring - 2026-11-20 11:00\nWatching.\n\n\
                      ## Investigating - 2026-11-20 10:00\nLooking.\n";

#[test]
fn an_incident_affects_status_while_investigating_and_monitoring_but_not_once_resolved() {
    let with = || site().file("content/incidents/trouble.md", &incident("major", "  api: partial_outage\n", PHASES));
    let before = seen(with(), "2026-11-20T09:00:00Z");
    assert_eq!(before.component("API"), "operational");
    assert_eq!(before.page(), ("none", "All Systems Operational"));
    assert_eq!(before.count("incidents"), 0, "an incident is absent before its first update");

    for now in ["2026-11-20T10:30:00Z", "2026-11-20T11:30:00Z"] {
        let during = seen(with(), now);
        assert_eq!(during.component("API"), "partial_outage", "at {now}");
        assert_eq!(during.component("APIs"), "partial_outage", "the group shows its worst child at {now}");
        assert_eq!(during.component("Web"), "operational");
        assert_eq!(during.own_status("api"), "partial_outage");
        assert_eq!(during.page(), ("major", "Partial System Outage"), "at {now}");
        assert_eq!(during.count("incidents"), 1);
    }

    let after = seen(with(), "2026-11-20T12:30:00Z");
    assert_eq!(after.component("API"), "operational");
    assert_eq!(after.page(), ("none", "All Systems Operational"));
    assert_eq!(after.count("incidents"), 0, "summary lists only unresolved incidents");
}

#[test]
fn two_overlapping_incidents_on_one_component_show_the_worst() {
    let site = || {
        site()
            .file(
                "content/incidents/slow.md",
                &incident(
                    "minor",
                    "  api: degraded_performance\n",
                    "## Resolved - 2026-11-20 14:00\nOk.\n\n## Investigating - 2026-11-20 10:00\nSlow.\n",
                ),
            )
            .file(
                "content/incidents/down.md",
                &incident(
                    "critical",
                    "  api: major_outage\n",
                    "## Resolved - 2026-11-20 12:00\nOk.\n\n## Investigating - 2026-11-20 11:00\nDown.\n",
                ),
            )
    };
    let both = seen(site(), "2026-11-20T11:30:00Z");
    assert_eq!(both.component("API"), "major_outage");
    assert_eq!(both.page(), ("critical", "Major System Outage"), "a critical incident reads as a major outage");
    let one = seen(site(), "2026-11-20T12:30:00Z");
    assert_eq!(one.component("API"), "degraded_performance");
    assert_eq!(one.page(), ("minor", "Minor Service Outage"));
}

const WINDOW: &str =
    "---\ntitle: Upgrade\ncomponents: [web]\nwindow:\n  start: 2026-12-01 02:00\n  end: 2026-12-01 03:00\n---\n\n";

#[test]
fn maintenance_goes_from_upcoming_to_in_progress_to_completed() {
    let with = || {
        site().file("content/maintenance/upgrade.md", &format!("{WINDOW}## Scheduled - 2026-11-24 10:00\nPlanned.\n"))
    };
    let upcoming = seen(with(), "2026-11-25T12:00:00Z");
    assert_eq!(upcoming.component("Web"), "operational");
    assert_eq!(upcoming.page(), ("none", "All Systems Operational"));
    assert_eq!(upcoming.summary["scheduled_maintenances"][0]["status"], "scheduled");
    assert_eq!(upcoming.status_json["maintenance"]["upcoming"][0]["id"], "upgrade");
    assert_eq!(upcoming.status_json["maintenance"]["active"], serde_json::json!([]));

    let during = seen(with(), "2026-12-01T02:30:00Z");
    assert_eq!(during.component("Web"), "under_maintenance");
    assert_eq!(during.component("APIs"), "under_maintenance");
    assert_eq!(during.component("API"), "operational");
    assert_eq!(during.page(), ("maintenance", "Service Under Maintenance"));
    assert_eq!(during.summary["scheduled_maintenances"][0]["status"], "in_progress");
    assert_eq!(during.status_json["maintenance"]["active"][0]["status"], "in_progress");

    let site = with().now("2026-12-01T04:00:00Z");
    let built = site.build();
    let summary = built.json("api/v2/summary.json");
    assert_eq!(summary["status"]["indicator"], "none");
    assert_eq!(summary["scheduled_maintenances"], serde_json::json!([]));
    let all = built.json("api/v2/scheduled-maintenances.json");
    assert_eq!(all["scheduled_maintenances"][0]["status"], "completed");
    assert_eq!(all["scheduled_maintenances"][0]["resolved_at"], "2026-12-01T03:00:00.000Z");
}

#[test]
fn a_cancelled_window_never_puts_components_under_maintenance_and_reads_as_completed() {
    let text =
        format!("{WINDOW}## Cancelled - 2026-11-30 10:00\nCalled off.\n\n## Scheduled - 2026-11-24 10:00\nPlanned.\n");
    let site = site().file("content/maintenance/upgrade.md", &text).now("2026-12-01T02:30:00Z");
    let built = site.build();
    let summary = built.json("api/v2/summary.json");
    assert_eq!(summary["status"]["indicator"], "none");
    assert_eq!(summary["scheduled_maintenances"], serde_json::json!([]));
    let web = summary["components"].as_array().unwrap().iter().find(|c| c["name"] == "Web").unwrap().clone();
    assert_eq!(web["status"], "operational");
    let all = built.json("api/v2/scheduled-maintenances.json");
    let window = &all["scheduled_maintenances"][0];
    assert_eq!(window["status"], "completed", "the API has no `cancelled`");
    let update_statuses: Vec<&str> =
        window["incident_updates"].as_array().unwrap().iter().map(|u| u["status"].as_str().unwrap()).collect();
    assert_eq!(update_statuses, ["completed", "scheduled"]);
    assert_eq!(built.json("status.json")["maintenance"]["active"], serde_json::json!([]));
}

#[test]
fn an_incident_during_maintenance_wins_over_it() {
    let site = site()
        .file("content/maintenance/upgrade.md", &format!("{WINDOW}## Scheduled - 2026-11-24 10:00\nPlanned.\n"))
        .file(
            "content/incidents/web-down.md",
            &incident(
                "major",
                "  web: major_outage\n",
                "## Investigating - 2026-12-01 02:15\nThe upgrade went wrong.\n",
            ),
        );
    let seen = seen(site, "2026-12-01T02:30:00Z");
    assert_eq!(seen.component("Web"), "major_outage");
    assert_eq!(seen.own_status("web"), "major_outage");
    assert_eq!(seen.page(), ("major", "Partial System Outage"));
}

#[test]
fn every_component_in_major_outage_is_a_major_system_outage() {
    let components = "  api: major_outage\n  web: major_outage\n  smpp: major_outage\n";
    let site = site().file(
        "content/incidents/all-down.md",
        &incident("major", components, "## Investigating - 2026-11-20 10:00\nEverything is down.\n"),
    );
    let seen = seen(site, "2026-11-20T11:00:00Z");
    assert_eq!(seen.component("SMPP"), "major_outage");
    assert_eq!(seen.page(), ("critical", "Major System Outage"));
}

#[test]
fn one_component_in_major_outage_is_only_a_partial_system_outage() {
    let site = site().file(
        "content/incidents/smpp-down.md",
        &incident("none", "  smpp: major_outage\n", "## Investigating - 2026-11-20 10:00\nSMPP is down.\n"),
    );
    let seen = seen(site, "2026-11-20T11:00:00Z");
    assert_eq!(seen.page(), ("major", "Partial System Outage"));
}

#[test]
fn a_minor_incident_is_a_minor_service_outage() {
    let site = site().file(
        "content/incidents/slow.md",
        &incident("minor", "  api: degraded_performance\n", "## Identified - 2026-11-20 10:00\nSlow.\n"),
    );
    let seen = seen(site, "2026-11-20T11:00:00Z");
    assert_eq!(seen.component("API"), "degraded_performance");
    assert_eq!(seen.page(), ("minor", "Minor Service Outage"));
}

#[test]
fn a_degraded_component_without_incident_impact_is_partially_degraded_service() {
    let site = site().file(
        "content/incidents/slow.md",
        &incident("none", "  web: degraded_performance\n", "## Investigating - 2026-11-20 10:00\nSlow.\n"),
    );
    let seen = seen(site, "2026-11-20T11:00:00Z");
    assert_eq!(seen.component("Web"), "degraded_performance");
    assert_eq!(seen.page(), ("minor", "Partially Degraded Service"));
}
