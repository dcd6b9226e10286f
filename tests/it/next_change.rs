//! `statusforge next-change` on the example, around its maintenance window of 2026-12-08
//! 01:00-03:00 in São Paulo (04:00-06:00 UTC): the instant it prints is when a build first
//! shows something new.

use crate::common::SiteTest;

fn next_change(now: &str) -> String {
    let run = SiteTest::example().run(&["next-change", "--now", now]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    run.stdout.trim().to_string()
}

/// The window's status in the API when built at `now`.
fn window_status(now: &str) -> String {
    let test = SiteTest::example().now(now);
    let built = test.build();
    let api = built.json("api/v2/scheduled-maintenances.json");
    let window = api["scheduled_maintenances"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"].as_str().is_some_and(|n| n.contains("WhatsApp")));
    window.unwrap()["status"].as_str().unwrap().to_string()
}

#[test]
fn before_the_window_the_next_change_is_its_start() {
    let next = next_change("2026-12-08T03:30:00Z");
    assert_eq!(next, "2026-12-08T04:00:00Z");
    assert_eq!(window_status("2026-12-08T03:59:59Z"), "scheduled");
    assert_eq!(window_status(&next), "in_progress");
}

#[test]
fn inside_the_window_the_next_change_is_its_end() {
    let next = next_change("2026-12-08T04:30:00Z");
    assert_eq!(next, "2026-12-08T06:00:00Z");
    assert_eq!(window_status("2026-12-08T05:59:59Z"), "in_progress");
    assert_eq!(window_status(&next), "completed");
}

#[test]
fn after_the_window_the_next_change_is_the_next_local_midnight() {
    // Nothing is scheduled: the next change is the new day's uptime bar, at 00:00 -03:00.
    assert_eq!(next_change("2026-12-08T06:30:00Z"), "2026-12-09T03:00:00Z");
}

#[test]
fn an_update_dated_in_the_future_is_a_change() {
    let test = SiteTest::example().file(
        "content/incidents/2026-12-08-later.md",
        "---\ntitle: Later\ncomponents: {web: degraded_performance}\n---\n\n\
         ## Resolved - 2026-12-08 01:40\nDone.\n\n## Investigating - 2026-12-08 01:20\nSlow.\n",
    );
    let run = test.run(&["next-change", "--now", "2026-12-08T03:30:00Z"]);
    assert_eq!(run.stdout.trim(), "2026-12-08T04:00:00Z", "the window opens first");
    let run = test.run(&["next-change", "--now", "2026-12-08T04:05:00Z"]);
    assert_eq!(run.stdout.trim(), "2026-12-08T04:20:00Z", "the investigating update at 01:20 -03:00");
}

#[test]
fn while_an_incident_is_open_its_page_changes_every_minute() {
    let test = SiteTest::example().file(
        "content/incidents/2026-12-08-open.md",
        "---\ntitle: Open\ncomponents: {web: degraded_performance}\n---\n\n## Investigating - 2026-12-08 00:20\nSlow.\n",
    );
    let run = test.run(&["next-change", "--now", "2026-12-08T03:30:20Z"]);
    assert_eq!(run.stdout.trim(), "2026-12-08T03:31:00Z", "{}", run.all_output());
}

#[test]
fn a_heartbeat_caps_the_wait_so_a_freshness_monitor_stays_quiet() {
    let run = SiteTest::example().run(&["next-change", "--now", "2026-12-08T06:30:00Z", "--heartbeat", "1h"]);
    assert_eq!(run.stdout.trim(), "2026-12-08T07:30:00Z", "{}", run.all_output());
    let bad = SiteTest::example().run(&["next-change", "--heartbeat", "often"]);
    assert_eq!(bad.code, 2);
}
