//! `statusforge import statuspage URL`: sites made from a Statuspage-compatible API v2 served
//! on 127.0.0.1, checked, built and read back; what cannot be carried over is reported; a
//! failed import writes nothing.

use crate::common::{fixtures, Run, SiteTest, StaticServer};
use serde_json::{json, Value};
use std::fs;

/// The clock of the recorded hosted page (`tests/fixtures/statuspage-hosted/`): 13:00 in Berlin.
const HOSTED_CLOCK: &str = "2026-03-10T12:00:00Z";

fn import(site: &SiteTest, url: &str, clock: &str) -> Run {
    site.run(&["import", "statuspage", url, "--now", clock])
}

fn hosted() -> StaticServer {
    StaticServer::serve(fixtures().join("statuspage-hosted"))
}

fn read(site: &SiteTest, path: &str) -> String {
    fs::read_to_string(site.root().join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// An API document with every id (and the shortlink, made from the slug) left out, and a
/// group's list of children by id reduced to its length: what must survive an import.
fn without_ids(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(key, _)| {
                    !matches!(key.as_str(), "id" | "incident_id" | "page_id" | "code" | "group_id" | "shortlink")
                })
                .map(|(key, value)| match value {
                    Value::Array(ids) if key == "components" && ids.iter().all(Value::is_string) => {
                        (key, json!(ids.len()))
                    }
                    value => (key, without_ids(value)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_ids).collect()),
        other => other,
    }
}

#[test]
fn an_imported_example_site_builds_the_same_api_as_the_original() {
    let clock = "2026-11-25T12:00:00Z";
    let original = SiteTest::example().now(clock).build();
    let server = StaticServer::serve(original.root.clone());
    let imported = SiteTest::empty().now(clock);
    let run = import(&imported, &server.url, clock);
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(!run.stderr.contains("warning:"), "everything a statusforge API says is carried over:\n{}", run.stderr);
    assert!(run.stderr.contains("imported 10 components, 18 incidents and 5 maintenance windows"), "{}", run.stderr);
    let check = imported.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
    let rebuilt = imported.build();
    for file in ["summary.json", "status.json", "components.json", "incidents.json", "scheduled-maintenances.json"] {
        let (before, after) = (original.json(&format!("api/v2/{file}")), rebuilt.json(&format!("api/v2/{file}")));
        assert_eq!(without_ids(after), without_ids(before), "{file}: names, statuses, updates, times and impacts");
    }
    // Not a comparison of two empty lists: the history and its timeline are there.
    let incidents = rebuilt.json("api/v2/incidents.json");
    let outage = incidents["incidents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Platform-wide outage of the API, Web Interface and SMPP")
        .expect("the network outage");
    assert_eq!(outage["incident_updates"].as_array().unwrap().len(), 6);
    assert_eq!(outage["incident_updates"][3]["affected_components"][0]["name"], "SMPP");
}

#[test]
fn a_hosted_page_imports_with_its_timeline_and_says_what_was_left_behind() {
    let server = hosted();
    let site = SiteTest::empty().now(HOSTED_CLOCK);
    let run = import(&site, &format!("{}/api/v2/", server.url), HOSTED_CLOCK);
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert_eq!(run.stdout.lines().count(), 8, "site.yaml, components.yaml, 4 incidents, 2 windows:\n{}", run.stdout);
    let components = read(&site, "content/components.yaml");
    assert_eq!(
        components.split_once("\n\n").unwrap().1,
        "groups:\n  - id: core-platform\n    name: Core Platform\n  - id: regions\n    name: Regions\n    \
         description: Where your workloads run.\n\ncomponents:\n  - id: api\n    name: API\n    group: core-platform\n    \
         description: REST and GraphQL endpoints at api.nimbus.example.\n\n  - id: dashboard\n    name: Dashboard\n    \
         group: core-platform\n    description: \"The web console where you manage projects, keys and billing.\"\n    \
         since: 2024-05-02\n\n  - id: webhooks\n    name: Webhooks\n    description: Event deliveries to your endpoints.\n    \
         since: 2025-01-15\n\n  - id: eu-frankfurt\n    name: EU (Frankfurt)\n    group: regions\n\n  - id: us-virginia\n    \
         name: US (Virginia)\n    group: regions\n"
    );
    let site_yaml = read(&site, "content/site.yaml");
    assert!(
        site_yaml.ends_with("title: Nimbus Cloud\nbase_url: https://status.nimbus.example/\ntimezone: Europe/Berlin\n")
    );

    let login = read(&site, "content/incidents/2026-03-02-dashboard-login-failures.md");
    for expected in [
        "impact: major\nstarted: 2026-03-02 08:40\ncomponents:\n  dashboard: partial_outage\n---\n",
        // The published postmortem is the last update; its `##` headings would start updates.
        "## Postmortem - 2026-03-04 15:00\n### What happened\nThe certificate",
        "## Monitoring - 2026-03-02 09:45\nComponents: dashboard=operational\n\nA new certificate",
        "## Resolved - 2026-03-02 10:30\nLogins work again.\n",
    ] {
        assert!(login.contains(expected), "{expected:?} in\n{login}");
    }
    let jobs = read(&site, "content/incidents/2026-01-15-scheduled-job-delays.md");
    assert!(jobs.contains("## Identified - 2026-01-15 09:00:50\n"), "seconds keep two updates in order:\n{jobs}");
    assert!(jobs.contains("## Resolved - 2026-01-15 09:30\nComponents: api=operational\n"), "{jobs}");
    let webhooks = read(&site, "content/incidents/2026-02-20-webhook-delivery-delays.md");
    assert!(webhooks.contains("## Investigating - 2026-02-20 14:00\n"), "display_at, not created_at:\n{webhooks}");
    let window = read(&site, "content/maintenance/2026-03-10-us-region-network-upgrade.md");
    assert!(window.contains("components: [us-virginia]\nwindow:\n  start: 2026-03-10 12:00\n  end: 2026-03-10 16:00\n"));

    let warnings: Vec<&str> = run.stderr.lines().filter_map(|l| l.strip_prefix("warning: ")).collect();
    for expected in [
        "(`only_show_if_degraded`): Webhooks;",
        "(`showcase: false`): Dashboard;",
        "incident \"Webhook delivery delays\": no update says how its components' statuses changed (`affected_components` is missing), so `webhooks` take the status its impact implies (degraded_performance)",
        "incident \"Dashboard login failures\", update of 2026-03-04 15:00: its level-2 headings became level-3",
        "incident \"Dashboard login failures\": names the component `zzz999legacy` (Legacy SSO), which components.json does not list; left out",
        "incident \"Dashboard login failures\", update of 2026-03-02 10:30: Webhooks is set to degraded_performance while the incident is closed",
        "incident \"Elevated API error rates\", update of 2026-03-10 10:55: status `acknowledged` is not an incident status; written as `Update`",
        "maintenance \"Database upgrade\": an update sets API to degraded_performance; a maintenance window can only put its components under maintenance",
        "component EU (Frankfurt): the page says partial_outage, the imported site says operational at 2026-03-10 13:00",
    ] {
        assert!(warnings.iter().any(|w| w.contains(expected)), "no warning {expected:?} in\n{}", run.stderr);
    }
    assert_eq!(warnings.len(), 10, "{}", run.stderr);

    let check = site.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
    let built = site.build();
    let summary = built.json("api/v2/summary.json");
    assert_eq!(summary["page"]["name"], "Nimbus Cloud");
    let statuses: Vec<(&str, &str)> = summary["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["group"] == false)
        .map(|c| (c["name"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        [
            ("API", "degraded_performance"),
            ("Dashboard", "operational"),
            ("Webhooks", "operational"),
            ("EU (Frankfurt)", "operational"),
            ("US (Virginia)", "under_maintenance"),
        ]
    );
    assert_eq!(summary["incidents"][0]["name"], "Elevated API error rates");
    assert_eq!(summary["scheduled_maintenances"][0]["status"], "in_progress");
    let incidents = built.json("api/v2/incidents.json");
    let login =
        incidents["incidents"].as_array().unwrap().iter().find(|i| i["name"] == "Dashboard login failures").unwrap();
    assert_eq!(login["status"], "postmortem");
    assert_eq!(login["started_at"], "2026-03-02T08:40:00.000+01:00");
}

#[test]
fn import_refuses_to_overwrite_and_writes_nothing() {
    let server = hosted();
    for existing in ["content/components.yaml", "content/incidents/2026-03-10-elevated-api-error-rates.md"] {
        let site = SiteTest::empty().file(existing, "mine\n");
        let run = import(&site, &server.url, HOSTED_CLOCK);
        assert_eq!(run.code, 2, "{}", run.all_output());
        assert!(run.stderr.contains(&format!("already holds {existing}; nothing was written")), "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(read(&site, existing), "mine\n");
        let files: Vec<_> = walkdir::WalkDir::new(site.root())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
    }
}

#[test]
fn an_existing_site_yaml_is_kept_and_its_time_zone_used() {
    let server = hosted();
    let settings = "title: Ours\nbase_url: https://status.ours.example/\ntimezone: UTC\n";
    let site = SiteTest::empty().file("content/site.yaml", settings).now(HOSTED_CLOCK);
    let run = import(&site, &server.url, HOSTED_CLOCK);
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(!run.stdout.contains("site.yaml"), "{}", run.stdout);
    assert_eq!(read(&site, "content/site.yaml"), settings);
    let api = read(&site, "content/incidents/2026-03-10-elevated-api-error-rates.md");
    assert!(api.contains("## Investigating - 2026-03-10 09:48:05\n"), "10:48:05 in Berlin is 09:48:05 UTC:\n{api}");
    assert_eq!(site.check().code, 0, "{}", site.check().all_output());
}

/// A server on 127.0.0.1 answering every request with `reply(path and query)`, until dropped.
struct Replies {
    server: std::sync::Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
    url: String,
}

impl Replies {
    fn new(reply: impl Fn(&str) -> (u16, String) + Send + 'static) -> Replies {
        let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let url = format!("http://{}", server.server_addr().to_ip().unwrap());
        let serving = server.clone();
        let thread = std::thread::spawn(move || {
            for request in serving.incoming_requests() {
                let (status, body) = reply(request.url());
                let _ = request.respond(tiny_http::Response::from_string(body).with_status_code(status));
            }
        });
        Replies { server, thread: Some(thread), url }
    }
}

impl Drop for Replies {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[test]
fn network_failures_http_errors_and_non_json_are_clear_errors() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let failing = Replies::new(|_| (500, "Internal Server Error".into()));
    let html = Replies::new(|_| (200, "<!DOCTYPE html><html><body>Status</body></html>".into()));
    let shapeless = Replies::new(|_| (200, "{\"components\": \"none\"}".into()));
    let missing = Replies::new(|_| (404, String::new()));
    let cases = [
        (closed_url.clone(), format!("cannot fetch {closed_url}/api/v2/components.json")),
        (failing.url.clone(), format!("cannot fetch {}/api/v2/components.json: HTTP 500", failing.url)),
        (html.url.clone(), format!("{}/api/v2/components.json is not JSON", html.url)),
        (shapeless.url.clone(), "is JSON but not a Statuspage API v2 document".into()),
        (missing.url.clone(), "components.json and summary.json do not exist (HTTP 404)".into()),
        ("status.example.com".into(), "`status.example.com` is not a URL".into()),
    ];
    for (url, expected) in cases {
        let site = SiteTest::empty();
        let run = import(&site, &url, HOSTED_CLOCK);
        assert_eq!(run.code, 2, "{url}: {}", run.all_output());
        assert!(run.stderr.starts_with("error: ") && run.stderr.contains(&expected), "{url}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(fs::read_dir(site.root()).unwrap().count(), 0, "{url}: nothing was written");
    }
}

#[test]
fn a_paged_list_is_followed_and_a_full_unpaged_one_is_reported() {
    let incident = |n: u32| {
        json!({"id": format!("inc{n}"), "name": format!("Incident {n}"), "impact": "minor",
               "incident_updates": [{"status": "resolved", "body": "Fixed.",
                                     "created_at": format!("2026-02-{n:02}T10:00:00.000Z")}]})
    };
    let window = |n: u32| {
        json!({"id": format!("mnt{n}"), "name": format!("Window {n}"), "impact": "maintenance",
               "scheduled_for": "2026-01-10T01:00:00.000Z", "scheduled_until": "2026-01-10T02:00:00.000Z",
               "incident_updates": [{"status": "completed", "body": "Done.", "created_at": "2026-01-10T02:00:00.000Z"}]})
    };
    let windows: Vec<Value> = (1..=50).map(window).collect();
    let server = Replies::new(move |url| {
        let body = match url {
            "/api/v2/components.json" => {
                json!({"page": {"name": "Paged", "url": "https://status.paged.example", "time_zone": "Etc/UTC"},
                                                "components": [{"id": "c1", "name": "API", "status": "operational"}]})
            }
            "/api/v2/incidents.json" => {
                json!({"incidents": [incident(3), incident(2)], "pagination": {"next_page": 2}})
            }
            "/api/v2/incidents.json?page=2" => json!({"incidents": [incident(1)], "pagination": {"next_page": null}}),
            "/api/v2/scheduled-maintenances.json" => json!({"scheduled_maintenances": windows}),
            _ => return (404, String::new()),
        };
        (200, body.to_string())
    });
    let site = SiteTest::empty().now("2026-03-01T00:00:00Z");
    let run = import(&site, &server.url, "2026-03-01T00:00:00Z");
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(run.stderr.contains("imported 1 components, 3 incidents and 50 maintenance windows"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning: scheduled-maintenances.json lists 50 scheduled maintenances, the most the API gives"),
        "{}",
        run.stderr
    );
    assert!(site.root().join("content/incidents/2026-02-01-incident-1.md").is_file());
    assert_eq!(site.check().code, 0, "{}", site.check().all_output());
}
