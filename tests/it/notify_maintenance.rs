//! Maintenance windows told by the clock, through the publishing job's steps (build at a
//! clock, then `notify --current public` with the journal kept): one reminder
//! `remind_before` ahead, however often the job runs in that period; the window opening and
//! closing, each with the maintenance's title and text; nothing for a window cancelled or
//! already open; and `next-change` waking the job for the reminder.

use crate::common::{SiteTest, BIN};
use crate::notify_support::{http_receiver, Request, Server};
use std::process::Command;

const MAINTENANCE: &str = "content/maintenance/2026-12-01-db.md";

/// A window on web, 2026-12-01 10:00 to 12:00 UTC, announced on 11-28.
const WINDOW: &str = "---\ntitle: Database upgrade\ncomponents: [web]\nwindow:\n  start: 2026-12-01 10:00\n  \
                      end: 2026-12-01 12:00\n---\n\n";
const ANNOUNCED: &str = "## Scheduled - 2026-11-28 09:00\nWe will upgrade the database; logins pause for a minute.\n";

/// The minimal site with only the window `updates` (newest first), telling a webhook
/// (`/hook`) and Slack (`/slack`), with `settings` under `notify:`.
fn site(receiver: &Server<Request>, settings: &str, updates: &str) -> SiteTest {
    let url = receiver.url();
    SiteTest::fixture("minimal")
        .remove("content/incidents/2026-11-20-api-errors.md")
        .remove("content/maintenance/2026-12-01-upgrade.md")
        .file(
            "content/site.yaml",
            &format!(
                "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nnotify:\n{settings}  \
                 webhooks:\n    - url: {url}hook\n  slack:\n    - url: {url}slack\n"
            ),
        )
        .file(MAINTENANCE, &format!("{WINDOW}{updates}"))
}

/// One run of the publishing job at `now`: build, then notify with the journal.
fn publish(test: &SiteTest, now: &str) -> String {
    let build = test.run(&["build", "--now", now, "--output", "public"]);
    assert_eq!(build.code, 0, "{}", build.all_output());
    notify_again(test)
}

fn notify_again(test: &SiteTest) -> String {
    let out = Command::new(BIN).current_dir(test.root()).args(["notify", "--current", "public"]).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{text}");
    text
}

/// What the webhook was told, in order: `name: moment` for a window's moment, `name:
/// status` for an update, `component: old -> new` for a status change.
fn told(receiver: &Server<Request>) -> Vec<String> {
    let hooks = receiver.seen().into_iter().filter(|r| r.path == "/hook");
    hooks
        .map(|r| {
            let body = r.json();
            if let Some(moment) = body["maintenance_event"].as_str() {
                return format!("{}: {moment}", body["incident"]["name"].as_str().unwrap());
            }
            match body.get("incident") {
                Some(i) => {
                    format!("{}: {}", i["name"].as_str().unwrap(), i["incident_updates"][0]["status"].as_str().unwrap())
                }
                None => format!(
                    "{}: {} -> {}",
                    body["component"]["name"].as_str().unwrap(),
                    body["component_update"]["old_status"].as_str().unwrap(),
                    body["component_update"]["new_status"].as_str().unwrap()
                ),
            }
        })
        .collect()
}

/// What Slack was told, in order.
fn slack(receiver: &Server<Request>) -> Vec<String> {
    let posts = receiver.seen().into_iter().filter(|r| r.path == "/slack");
    posts.map(|r| r.json()["text"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_window_is_reminded_of_once_then_told_as_it_opens_and_closes_with_its_text() {
    let receiver = http_receiver(0, None);
    let test = site(&receiver, "  remind_before: 24h\n", ANNOUNCED);
    // The first run records what is published and sends nothing.
    publish(&test, "2026-11-29T12:00:00Z");
    assert!(told(&receiver).is_empty());
    // Twice inside the reminder period, and a rerun of the second: one reminder.
    publish(&test, "2026-11-30T10:30:00Z");
    assert_eq!(told(&receiver), ["Database upgrade: reminder"]);
    publish(&test, "2026-11-30T20:00:00Z");
    notify_again(&test);
    assert_eq!(told(&receiver), ["Database upgrade: reminder"]);
    // At its start, and at its end.
    publish(&test, "2026-12-01T10:00:00Z");
    publish(&test, "2026-12-01T12:00:00Z");
    let expected = [
        "Database upgrade: reminder",
        "Database upgrade: started",
        "Web: operational -> under_maintenance",
        "Database upgrade: completed",
        "Web: under_maintenance -> operational",
    ];
    assert_eq!(told(&receiver), expected);
    notify_again(&test);
    assert_eq!(told(&receiver).len(), expected.len(), "a rerun tells nothing");

    let texts = slack(&receiver);
    let body = "We will upgrade the database; logins pause for a minute.";
    assert!(texts[0].starts_with("*Scheduled maintenance*: Database upgrade\nScheduled window: "), "{}", texts[0]);
    assert!(texts[0].contains(body), "{}", texts[0]);
    assert!(texts[1].starts_with("*In progress*: Database upgrade\n") && texts[1].contains(body), "{}", texts[1]);
    assert!(texts[3].starts_with("*Completed*: Database upgrade\n") && texts[3].contains(body), "{}", texts[3]);
    assert!(texts[0].ends_with("<https://status.example.com/maintenance/2026-12-01-db/|Details>"), "{}", texts[0]);

    let hooks: Vec<serde_json::Value> =
        receiver.seen().iter().filter(|r| r.path == "/hook").map(Request::json).collect();
    assert_eq!(hooks[0]["incident"]["status"], "scheduled");
    assert_eq!(hooks[1]["incident"]["status"], "in_progress");
    assert_eq!(hooks[3]["incident"]["status"], "completed");
    assert!(hooks[0]["incident"]["scheduled_for"].is_string(), "{}", hooks[0]);
}

#[test]
fn a_window_cancelled_before_it_opens_gets_no_reminder_and_never_starts() {
    let receiver = http_receiver(0, None);
    let cancelled = format!("## Cancelled - 2026-11-30 09:00\nPostponed to next week.\n\n{ANNOUNCED}");
    let test = site(&receiver, "  remind_before: 24h\n", &cancelled);
    publish(&test, "2026-11-29T12:00:00Z");
    // The cancellation is an update, told in its own words; no reminder follows.
    publish(&test, "2026-11-30T10:30:00Z");
    publish(&test, "2026-12-01T10:30:00Z");
    publish(&test, "2026-12-01T12:30:00Z");
    // The webhook keeps the API's word (it has no `cancelled`); people read "Cancelled".
    assert_eq!(told(&receiver), ["Database upgrade: completed"]);
    let text = &slack(&receiver)[0];
    assert!(text.starts_with("*Cancelled*: Database upgrade\n"), "{text}");
    assert!(text.contains("Postponed to next week.") && !text.contains("Completed"), "{text}");
}

#[test]
fn a_window_already_open_when_the_job_runs_gets_no_reminder() {
    let receiver = http_receiver(0, None);
    let test = site(&receiver, "  remind_before: 24h\n", ANNOUNCED);
    publish(&test, "2026-11-29T12:00:00Z");
    publish(&test, "2026-12-01T10:30:00Z");
    assert_eq!(told(&receiver), ["Database upgrade: started", "Web: operational -> under_maintenance"]);
}

#[test]
fn an_update_that_opens_the_window_is_told_in_its_own_words_and_not_again() {
    let receiver = http_receiver(0, None);
    let opened = format!("## In progress - 2026-12-01 09:55\nStarting a little early.\n\n{ANNOUNCED}");
    let test = site(&receiver, "", &opened);
    publish(&test, "2026-11-29T12:00:00Z");
    publish(&test, "2026-12-01T10:30:00Z");
    assert_eq!(told(&receiver), ["Database upgrade: in_progress", "Web: operational -> under_maintenance"]);
    assert!(slack(&receiver)[0].contains("Starting a little early."));
}

#[test]
fn next_change_wakes_the_job_for_a_reminder() {
    let receiver = http_receiver(0, None);
    let next = |settings: &str| {
        let test = site(&receiver, settings, ANNOUNCED);
        let run = test.run(&["next-change", "--now", "2026-12-01T00:30:00Z"]);
        assert_eq!(run.code, 0, "{}", run.all_output());
        run.stdout.trim().to_string()
    };
    assert_eq!(next(""), "2026-12-01T10:00:00Z");
    assert_eq!(next("  remind_before: 2h\n"), "2026-12-01T08:00:00Z");
}
