//! Times in the site's zone as readers and programs read them back, where the zone is odd:
//! an offset with seconds (local mean time), which RFC 3339 cannot write.

use crate::common::SiteTest;
use chrono::{DateTime, TimeZone, Utc};
use scraper::Selector;

/// Liberia kept local mean time (-00:44:30) until 1972. An update at 11:00 on its clock is
/// 11:44:30 UTC: every machine-readable time must name that instant, not one 30 s off.
#[test]
fn an_offset_with_seconds_gives_machine_readable_times_of_the_right_instant() {
    let test = SiteTest::empty()
        .file("content/site.yaml", "title: Old\nbase_url: https://status.example.com/\ntimezone: Africa/Monrovia\n")
        .file("content/components.yaml", "components:\n  - id: api\n    name: API\n")
        .file(
            "content/incidents/1971-06-01-old.md",
            "---\ntitle: Old\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - 1971-06-01 12:00\nFixed.\n\n\
             ## Investigating - 1971-06-01 11:00\nLooking.\n",
        )
        .now("1971-06-02T12:00:00Z");
    let built = test.build();
    let started = Utc.with_ymd_and_hms(1971, 6, 1, 11, 44, 30).unwrap();
    let page = built.html("incidents/1971-06-01-old/index.html");
    let times: Vec<(String, String)> = page
        .select(&Selector::parse("time[datetime]").unwrap())
        .map(|t| (t.value().attr("datetime").unwrap_or("").to_string(), t.text().collect()))
        .collect();
    let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"));
    let first = times.iter().find(|(_, text)| text.contains("11:00")).expect("the first update's time");
    assert_eq!(at(&first.0), started, "{first:?}");
    assert!(first.1.ends_with("11:00\u{a0}MMT"), "the page shows the local clock and its zone: {first:?}");
    let status = built.json("status.json");
    assert_eq!(at(status["generated_at"].as_str().unwrap()), Utc.with_ymd_and_hms(1971, 6, 2, 12, 0, 0).unwrap());
    let api = built.json("api/v2/incidents.json");
    let updates = api["incidents"][0]["incident_updates"].as_array().unwrap();
    assert_eq!(at(updates.last().unwrap()["created_at"].as_str().unwrap()), started);
}
