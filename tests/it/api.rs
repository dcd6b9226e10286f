//! The Statuspage-compatible `api/v2/` files: field names, types and value sets of the
//! reference (reference/statuspage-api-v2.md), list contents and order, stable ids, times.

use crate::common::{Built, SiteTest};
use serde_json::Value;

const ENDPOINTS: [(&str, &[&str]); 8] = [
    ("summary.json", &["page", "status", "components", "incidents", "scheduled_maintenances"]),
    ("status.json", &["page", "status"]),
    ("components.json", &["page", "components"]),
    ("incidents.json", &["page", "incidents"]),
    ("incidents/unresolved.json", &["page", "incidents"]),
    ("scheduled-maintenances.json", &["page", "scheduled_maintenances"]),
    ("scheduled-maintenances/upcoming.json", &["page", "scheduled_maintenances"]),
    ("scheduled-maintenances/active.json", &["page", "scheduled_maintenances"]),
];

fn api(built: &Built, name: &str) -> Value {
    built.json(&format!("api/v2/{name}"))
}

fn items<'a>(doc: &'a Value, key: &str) -> &'a Vec<Value> {
    doc[key].as_array().unwrap_or_else(|| panic!("`{key}` is not an array in {doc}"))
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().expect("an object").keys().cloned().collect();
    keys.sort();
    keys
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
    names.sort();
    names
}

fn is_string(v: &Value) -> bool {
    v.is_string()
}

fn is_time_or_null(v: &Value) -> bool {
    v.is_null() || v.as_str().is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok())
}

/// The site and its output: the output lives in the site's temp folder, so both are kept.
fn sao_paulo() -> (SiteTest, Built) {
    let site = SiteTest::fixture("api-saopaulo").now("2026-11-25T12:00:00Z");
    let built = site.build();
    (site, built)
}

fn check_component(c: &Value) {
    let mut expected = vec![
        "id",
        "name",
        "status",
        "created_at",
        "updated_at",
        "position",
        "description",
        "showcase",
        "start_date",
        "group_id",
        "page_id",
        "group",
        "only_show_if_degraded",
    ];
    if c["group"] == true {
        expected.push("components");
    }
    assert_eq!(keys(c), sorted(&expected), "{c}");
    assert!(is_string(&c["id"]) && is_string(&c["name"]) && is_string(&c["page_id"]));
    assert!(c["position"].is_u64() && c["showcase"].is_boolean() && c["only_show_if_degraded"] == false);
    assert!(c["description"].is_string() || c["description"].is_null());
    assert!(c["group_id"].is_string() || c["group_id"].is_null());
    assert!(is_time_or_null(&c["created_at"]) && is_time_or_null(&c["updated_at"]) && !c["created_at"].is_null());
    let start_ok = c["start_date"].is_null() || c["start_date"].as_str().is_some_and(|s| s.len() == 10);
    assert!(start_ok, "{c}");
    let statuses = ["operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];
    assert!(statuses.contains(&c["status"].as_str().unwrap_or("")), "{c}");
}

fn check_incident(i: &Value, maintenance: bool) {
    let mut expected = vec![
        "id",
        "name",
        "status",
        "impact",
        "created_at",
        "updated_at",
        "monitoring_at",
        "resolved_at",
        "started_at",
        "shortlink",
        "page_id",
        "incident_updates",
        "components",
    ];
    if maintenance {
        expected.extend(["scheduled_for", "scheduled_until"]);
    }
    assert_eq!(keys(i), sorted(&expected), "{i}");
    for field in ["created_at", "updated_at", "monitoring_at", "resolved_at", "started_at"] {
        assert!(is_time_or_null(&i[field]), "{field} of {i}");
    }
    let (statuses, impacts): (&[&str], &[&str]) = if maintenance {
        (&["scheduled", "in_progress", "verifying", "completed"], &["maintenance"])
    } else {
        (
            &["investigating", "identified", "monitoring", "resolved", "postmortem"],
            &["none", "minor", "major", "critical"],
        )
    };
    assert!(statuses.contains(&i["status"].as_str().unwrap_or("")), "{i}");
    assert!(impacts.contains(&i["impact"].as_str().unwrap_or("")), "{i}");
    assert!(i["shortlink"].as_str().is_some_and(|s| s.starts_with("https://")), "{i}");
    items(i, "components").iter().for_each(check_component);
    let updates = items(i, "incident_updates");
    assert!(!updates.is_empty());
    for u in updates {
        let expected = [
            "id",
            "status",
            "body",
            "incident_id",
            "created_at",
            "updated_at",
            "display_at",
            "affected_components",
            "deliver_notifications",
            "custom_tweet",
            "tweet_id",
        ];
        assert_eq!(keys(u), sorted(&expected), "{u}");
        assert_eq!(u["incident_id"], i["id"]);
        assert!(statuses.contains(&u["status"].as_str().unwrap_or("")), "{u}");
        assert!(u["custom_tweet"].is_null() && u["tweet_id"].is_null() && u["deliver_notifications"] == true);
        assert!(is_string(&u["body"]) && is_time_or_null(&u["display_at"]));
    }
}

#[test]
fn every_endpoint_has_the_reference_keys_fields_and_value_sets() {
    let (_site, built) = sao_paulo();
    for (name, members) in ENDPOINTS {
        let doc = api(&built, name);
        assert_eq!(keys(&doc), sorted(members), "{name}");
        assert_eq!(keys(&doc["page"]), sorted(&["id", "name", "url", "time_zone", "updated_at"]), "{name}");
        if let Some(components) = doc["components"].as_array() {
            components.iter().for_each(check_component);
        }
        if let Some(incidents) = doc["incidents"].as_array() {
            incidents.iter().for_each(|i| check_incident(i, false));
        }
        if let Some(maintenances) = doc["scheduled_maintenances"].as_array() {
            maintenances.iter().for_each(|m| check_incident(m, true));
        }
    }
    let status = &api(&built, "status.json")["status"];
    assert!(["none", "minor", "major", "critical", "maintenance"].contains(&status["indicator"].as_str().unwrap()));
    assert_eq!(status, &api(&built, "summary.json")["status"]);
}

#[test]
fn the_example_site_gives_well_formed_endpoints_too() {
    let site = SiteTest::example();
    let built = site.build();
    let incidents = api(&built, "incidents.json");
    assert_eq!(items(&incidents, "incidents").len(), 18);
    items(&incidents, "incidents").iter().for_each(|i| check_incident(i, false));
    let maintenances = api(&built, "scheduled-maintenances.json");
    items(&maintenances, "scheduled_maintenances").iter().for_each(|m| check_incident(m, true));
    assert_eq!(items(&api(&built, "components.json"), "components").len(), 14);
}

#[test]
fn times_have_milliseconds_and_the_sao_paulo_offset() {
    let (_site, built) = sao_paulo();
    let summary = api(&built, "summary.json");
    assert_eq!(summary["page"]["time_zone"], "America/Sao_Paulo");
    assert_eq!(summary["page"]["updated_at"], "2026-11-25T08:00:00.000-03:00");
    let incidents = api(&built, "incidents.json");
    let incident = &items(&incidents, "incidents")[1];
    assert_eq!(incident["name"], "SMS delays");
    assert_eq!(incident["created_at"], "2026-11-20T14:02:00.000-03:00");
    assert_eq!(incident["monitoring_at"], "2026-11-20T15:10:00.000-03:00");
    assert_eq!(incident["resolved_at"], "2026-11-20T16:40:00.000-03:00");
    let maintenance = &items(&summary, "scheduled_maintenances")[0];
    assert_eq!(maintenance["scheduled_for"], "2026-12-01T02:00:00.000-03:00");
    assert_eq!(maintenance["scheduled_until"], "2026-12-01T03:00:00.000-03:00");
}

#[test]
fn page_is_the_same_in_every_file_and_its_url_has_no_trailing_slash() {
    let (_site, built) = sao_paulo();
    let page = api(&built, "summary.json")["page"].clone();
    assert_eq!(page["url"], "https://status.example.com.br/status");
    assert_eq!(page["name"], "Sao Paulo Status");
    for (name, _) in ENDPOINTS {
        assert_eq!(api(&built, name)["page"], page, "{name}");
    }
}

#[test]
fn groups_list_their_children_and_children_point_back_in_display_order() {
    let (_site, built) = sao_paulo();
    let components = api(&built, "components.json");
    let list = items(&components, "components");
    let names: Vec<&str> = list.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Messaging", "SMS", "WhatsApp", "Dashboard"]);
    let positions: Vec<u64> = list.iter().map(|c| c["position"].as_u64().unwrap()).collect();
    assert_eq!(positions, [1, 2, 3, 4]);
    let group = &list[0];
    assert_eq!(group["group"], true);
    assert_eq!(group["group_id"], Value::Null);
    assert_eq!(group["components"], serde_json::json!([list[1]["id"], list[2]["id"]]));
    assert_eq!(list[1]["group_id"], group["id"]);
    assert_eq!(list[2]["group_id"], group["id"]);
    assert_eq!(list[3]["group_id"], Value::Null);
    assert_eq!(list[3]["group"], false);
    assert!(list[3].get("components").is_none(), "only groups carry `components`");
    assert_eq!(list[1]["start_date"], "2026-01-15");
    assert_eq!(list[1]["created_at"], "2026-01-15T00:00:00.000-03:00");
    assert_eq!(list[2]["start_date"], Value::Null);
    // The group shows its worst child: WhatsApp is under maintenance.
    assert_eq!(group["status"], "under_maintenance");
    assert_eq!(items(&api(&built, "summary.json"), "components"), list);
}

#[test]
fn unresolved_upcoming_and_active_hold_exactly_what_their_names_say() {
    let (_site, built) = sao_paulo();
    let names = |file: &str, key: &str| -> Vec<String> {
        items(&api(&built, file), key).iter().map(|i| i["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names("incidents.json", "incidents"), ["Dashboard unavailable", "SMS delays"]);
    assert_eq!(names("incidents/unresolved.json", "incidents"), ["Dashboard unavailable"]);
    assert_eq!(names("summary.json", "incidents"), ["Dashboard unavailable"]);
    assert_eq!(names("scheduled-maintenances/upcoming.json", "scheduled_maintenances"), ["SMS gateway upgrade"]);
    assert_eq!(names("scheduled-maintenances/active.json", "scheduled_maintenances"), ["WhatsApp queue move"]);
    assert_eq!(
        names("summary.json", "scheduled_maintenances"),
        ["SMS gateway upgrade", "WhatsApp queue move"],
        "summary holds upcoming and in-progress windows, newest first"
    );
    assert_eq!(
        names("scheduled-maintenances.json", "scheduled_maintenances"),
        ["SMS gateway upgrade", "WhatsApp queue move", "Old database work"]
    );
}

#[test]
fn updates_are_newest_first_with_markdown_bodies_and_affected_components_on_the_first() {
    let (_site, built) = sao_paulo();
    let incidents = api(&built, "incidents.json");
    let incident = &items(&incidents, "incidents")[1];
    let updates = items(incident, "incident_updates");
    let statuses: Vec<&str> = updates.iter().map(|u| u["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["resolved", "monitoring", "investigating"]);
    assert_eq!(updates[0]["body"], "All **delayed** messages were delivered.");
    assert!(updates[0]["affected_components"].is_null());
    let affected = &updates[2]["affected_components"];
    assert_eq!(affected[0]["name"], "SMS");
    assert_eq!(affected[0]["old_status"], "operational");
    assert_eq!(affected[0]["new_status"], "partial_outage");
    assert_eq!(affected[1]["new_status"], "degraded_performance");
    let components = api(&built, "components.json");
    assert_eq!(affected[0]["code"], items(&components, "components")[1]["id"]);
    let affected_names: Vec<&str> = items(incident, "components").iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(affected_names, ["SMS", "WhatsApp"]);
    assert_eq!(incident["shortlink"], "https://status.example.com.br/status/incidents/2026-11-20-sms-delays/");
    assert_eq!(incident["impact"], "major");
}

#[test]
fn ids_are_stable_across_builds_at_different_clocks() {
    let ids = |now: &str| -> Vec<String> {
        let site = SiteTest::fixture("api-saopaulo").now(now);
        let built = site.build();
        let mut ids = vec![api(&built, "status.json")["page"]["id"].as_str().unwrap().to_string()];
        for c in items(&api(&built, "components.json"), "components") {
            ids.push(c["id"].as_str().unwrap().to_string());
        }
        let incidents = api(&built, "incidents.json");
        let sms = items(&incidents, "incidents").iter().find(|i| i["name"] == "SMS delays").unwrap();
        ids.push(sms["id"].as_str().unwrap().to_string());
        // The oldest update keeps its id while newer ones are published on top of it.
        ids.push(items(sms, "incident_updates").last().unwrap()["id"].as_str().unwrap().to_string());
        ids
    };
    let early = ids("2026-11-20T17:30:00Z");
    let late = ids("2026-12-05T00:00:00Z");
    assert_eq!(early, late);
    assert!(early.iter().all(|id| id.len() == 12 && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())));
}

#[test]
fn incidents_json_holds_the_fifty_newest_newest_first() {
    let mut site = SiteTest::fixture("minimal").now("2026-11-25T12:00:00Z");
    for n in 1..=60 {
        let text = format!(
            "---\ntitle: Incident {n}\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - 2026-{m:02}-{d:02} 11:00\nFixed.\n\n## Investigating - 2026-{m:02}-{d:02} 10:00\nLooking.\n",
            m = 1 + (n - 1) / 28,
            d = 1 + (n - 1) % 28
        );
        site = site.file(&format!("content/incidents/bulk-{n:02}.md"), &text);
    }
    let built = site.build();
    let incidents = api(&built, "incidents.json");
    let list = items(&incidents, "incidents");
    assert_eq!(list.len(), 50);
    // The fixture's own incident (2026-11-20) is the newest; then bulk 60 down to bulk 12.
    assert_eq!(list[0]["name"], "API errors");
    assert_eq!(list[1]["name"], "Incident 60");
    assert_eq!(list[49]["name"], "Incident 12");
    let created: Vec<chrono::DateTime<chrono::FixedOffset>> =
        list.iter().map(|i| chrono::DateTime::parse_from_rfc3339(i["created_at"].as_str().unwrap()).unwrap()).collect();
    assert!(created.windows(2).all(|w| w[0] >= w[1]), "newest first");
}

/// `api/statusforge/published.json`, read as `notify` reads it: every update of every
/// incident and maintenance once, with the API's ids; bodies and times of the recent ones as
/// the API objects hold them; older ones with their status, time and a shortlink.
#[test]
fn the_notify_file_holds_every_update_under_its_api_id() {
    use statusforge::contract::published;
    let site = SiteTest::example().now("2026-11-25T12:00:00Z");
    let built = site.build();
    let bytes = std::fs::read(built.root.join(published::PATH)).unwrap();
    let file: Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(file["version"], 2);
    let read = published::read(&bytes).unwrap();

    let model = statusforge::check(site.root(), "2026-11-25T12:00:00Z".parse().unwrap(), None).site;
    let written: usize = model.incidents.iter().map(|i| i.updates.len()).sum::<usize>()
        + model.maintenances.iter().map(|m| m.updates.len()).sum::<usize>();
    assert_eq!(read.updates.len(), written, "one entry per update in content/");
    let ids: std::collections::BTreeSet<_> = read.updates.iter().map(|u| (&u.incident_id, &u.id)).collect();
    assert_eq!(ids.len(), written, "ids are unique");
    assert!(read.updates.windows(2).all(|w| w[0].at <= w[1].at), "oldest first");

    // The newest incidents are in the API with their updates: same ids, bodies and times.
    let api_incidents = items(&api(&built, "incidents.json"), "incidents").clone();
    let recent = api_incidents.iter().filter(|i| i["updated_at"].as_str().unwrap() >= "2026-10-26");
    let mut checked = 0;
    for incident in recent {
        for update in items(incident, "incident_updates") {
            let found = read.updates.iter().find(|u| u.id == update["id"].as_str().unwrap()).expect("listed");
            assert_eq!(found.incident_id, incident["id"].as_str().unwrap());
            assert_eq!(found.body, update["body"].as_str().unwrap());
            assert_eq!(found.created_at, update["created_at"].as_str().unwrap());
            assert_eq!(found.status, update["status"].as_str().unwrap());
            assert_eq!(found.shortlink, incident["shortlink"].as_str().unwrap());
            checked += 1;
        }
    }
    assert!(checked >= 3, "recent incidents were checked");
    // An old one: no body, but the API's id, its time in the site zone and its page.
    let old =
        api_incidents.iter().find(|i| i["name"] == "SMPP bind failures on one gateway").expect("the 2025 incident");
    let first = items(old, "incident_updates").last().unwrap();
    let found = read.updates.iter().find(|u| u.id == first["id"].as_str().unwrap()).expect("old update listed");
    assert_eq!((found.body.as_str(), found.status.as_str()), ("", first["status"].as_str().unwrap()));
    assert_eq!(found.created_at, first["created_at"].as_str().unwrap());
    assert_eq!(found.shortlink, old["shortlink"].as_str().unwrap());
    assert!(found.shortlink.ends_with("/incidents/2025-06-18-smpp-bind-failures/"));
}
