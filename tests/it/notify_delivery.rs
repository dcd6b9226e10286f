//! What `notify` does when a receiver refuses, fails, answers late or cannot be reached as
//! configured: refusals for good are dropped and the rest goes on, failures for now wait for
//! the next run (and are dropped after a day of them), late answers are not resent in the same
//! run, targets run side by side, and an unset variable is a configuration error (exit 2).

use crate::notify::{builds, notify, site};
use crate::notify_support::{http_receiver, scripted_receiver};
use std::time::Duration;

/// What a webhook body is about: `incident name: status`, or the component's name.
fn about(body: &serde_json::Value) -> String {
    match body.get("incident") {
        Some(i) => format!("{}: {}", i["name"].as_str().unwrap(), i["incident_updates"][0]["status"].as_str().unwrap()),
        None => body["component"]["name"].as_str().unwrap().to_string(),
    }
}

fn journal(test: &crate::common::SiteTest) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(test.root().join(".statusforge-notify.json")).unwrap()).unwrap()
}

#[test]
fn a_message_refused_for_good_is_dropped_once_and_the_later_ones_still_go_out() {
    let receiver = scripted_receiver(|request, _| {
        if about(&request.json()) == "SMPP binds failing: identified" {
            (422, "{\"error\": \"invalid_payload\",\n \"field\": \"incident\"}".into(), Duration::ZERO)
        } else {
            (200, "ok".into(), Duration::ZERO)
        }
    });
    let test = site(&format!("  webhooks:\n    - url: {}\n      name: hook\n", receiver.url()));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 1, "a dropped message fails the run:\n{}", run.output);
    let warning =
        run.output.lines().find(|l| l.starts_with("warning: hook:")).unwrap_or_else(|| panic!("{}", run.output));
    assert!(warning.contains("SMPP binds failing") && warning.contains("identified"), "{warning}");
    assert!(warning.contains("HTTP 422: {\"error\": \"invalid_payload\", \"field\": \"incident\"}"), "{warning}");
    let seen: Vec<String> = receiver.seen().iter().map(|r| about(&r.json())).collect();
    assert_eq!(seen.len(), 5, "tried once, not three times, and the rest went out: {seen:?}");
    assert_eq!(seen[0], "SMPP binds failing: identified");
    let dropped = &journal(&test)["dropped"];
    assert!(dropped.is_null(), "the baseline moved on, so nothing is left to drop: {dropped}");

    let again = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!((again.code, receiver.seen().len()), (0, 5), "never sent again:\n{}", again.output);
}

#[test]
fn a_refusal_is_remembered_while_another_target_still_holds_the_baseline_back() {
    let refusing = scripted_receiver(|_, _| (404, "no such hook".into(), Duration::ZERO));
    let failing = http_receiver(usize::MAX, None);
    let test = site(&format!(
        "  webhooks:\n    - url: {}\n      name: gone\n    - url: {}\n      name: down\n",
        refusing.url(),
        failing.url()
    ));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 1, "{}", run.output);
    assert_eq!(refusing.seen().len(), 5, "each refused once, none blocks the next");
    assert_eq!(failing.seen().len(), 3, "the first tried three times, the rest wait");
    assert_eq!(journal(&test)["dropped"]["gone"].as_object().map(|o| o.len()), Some(5));
    assert_eq!(journal(&test)["failing"]["down"]["runs"], 1);
    let rerun = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(rerun.code, 1, "{}", rerun.output);
    assert_eq!(refusing.seen().len(), 5, "a dropped message is not tried again:\n{}", rerun.output);
    assert_eq!(failing.seen().len(), 6);
    assert!(rerun.output.contains("error: down: incident `SMPP binds failing`: identified"), "{}", rerun.output);
    assert!(rerun.output.contains("HTTP 500: try again; the next run tries again"), "{}", rerun.output);
}

#[test]
fn a_target_failing_for_five_runs_over_a_day_has_its_messages_dropped() {
    let receiver = scripted_receiver(|_, _| (503, "maintenance".into(), Duration::ZERO));
    let test = site(&format!("  webhooks:\n    - url: {}\n      name: down\n", receiver.url()));
    let (old, _) = builds(&test);
    for run in 1..=5 {
        let out = notify(&test, old.to_str().unwrap(), &[], &[]);
        assert_eq!(out.code, 1, "{}", out.output);
        assert!(!out.output.contains("dropped, never"), "run {run} is within the day:\n{}", out.output);
    }
    let later = test.run(&["build", "--now", "2026-12-01T12:30:00Z", "--output", "public"]);
    assert_eq!(later.code, 0, "{}", later.all_output());
    let out = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(out.code, 1, "{}", out.output);
    // The five of the first build, and the maintenance window the day opened and closed.
    let dropped = out.output.lines().filter(|l| l.starts_with("warning: down:")).count();
    assert_eq!(dropped, 7, "{}", out.output);
    assert!(
        out.output.contains("HTTP 503: maintenance (failing in 6 runs since 2026-11-30T12:00:00Z)"),
        "{}",
        out.output
    );
    let seen = receiver.seen().len();
    let quiet = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!((quiet.code, receiver.seen().len()), (0, seen), "{}", quiet.output);
}

#[test]
fn a_receiver_answering_after_the_timeout_gets_each_message_once_per_run() {
    let slow = scripted_receiver(|_, _| (200, "ok".into(), Duration::from_millis(900)));
    let test = site(&format!("  webhooks:\n    - url: {}\n      name: slow\n", slow.url()));
    let (old, _) = builds(&test);
    let env = [("STATUSFORGE_NOTIFY_TIMEOUT_MS", "300")];
    let run = notify(&test, old.to_str().unwrap(), &[], &env);
    assert_eq!(run.code, 1, "{}", run.output);
    assert!(run.output.contains("timeout"), "{}", run.output);
    // Let the receiver take any resend still queued before counting.
    std::thread::sleep(Duration::from_millis(2_000));
    let seen = slow.seen();
    assert_eq!(seen.len(), 1, "the body was sent; a resend in the same run would duplicate it");
    let next = notify(&test, old.to_str().unwrap(), &[], &env);
    assert_eq!(next.code, 1, "{}", next.output);
    std::thread::sleep(Duration::from_millis(2_000));
    let delivery = |r: &crate::notify_support::Request| r.header("x-statusforge-delivery").map(str::to_string);
    let again = slow.seen();
    assert_eq!(again.len(), 2, "once more in the next run");
    assert_eq!(delivery(&again[0]), delivery(&again[1]), "the same delivery id, so the receiver can drop it");
}

#[test]
fn targets_are_sent_to_side_by_side() {
    // The first target accepts only once the second has had all five: one after the other,
    // the second's sends would come only after the first gave up.
    let second = http_receiver(0, None);
    let seen = second.seen.clone();
    let first = scripted_receiver(move |_, _| {
        let waited = std::time::Instant::now();
        while seen.lock().unwrap().len() < 5 {
            if waited.elapsed() > Duration::from_secs(3) {
                return (503, "the second target was not sent to meanwhile".into(), Duration::ZERO);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        (200, "ok".into(), Duration::ZERO)
    });
    let test = site(&format!(
        "  webhooks:\n    - url: {}\n      name: first\n    - url: {}\n      name: second\n",
        first.url(),
        second.url()
    ));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[("STATUSFORGE_NOTIFY_TIMEOUT_MS", "4000")]);
    assert_eq!(run.code, 0, "{}", run.output);
    assert_eq!((first.seen().len(), second.seen().len()), (5, 5));
    let sent: Vec<&str> = run.output.lines().filter(|l| l.starts_with("sent to first:")).collect();
    assert_eq!(sent.len(), 5, "{}", run.output);
    assert!(sent[0].contains("identified") && sent[1].contains("resolved"), "in order: {sent:?}");
}

#[test]
fn an_unset_url_variable_is_a_configuration_error_naming_it_and_its_target() {
    let receiver = http_receiver(0, None);
    let test = site(&format!(
        "  slack:\n    - url_env: SF_TEST_UNSET_SLACK_URL\n  webhooks:\n    - url: {}\n      name: hook\n",
        receiver.url()
    ));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 2, "{}", run.output);
    let line = "error: notify target `slack:$SF_TEST_UNSET_SLACK_URL`: environment variable SF_TEST_UNSET_SLACK_URL \
                (its `url_env`) is not set; nothing was sent to it";
    assert!(run.output.contains(line), "{}", run.output);
    assert_eq!(receiver.seen().len(), 5, "the other target is told");
}

/// A receiver that redirects is a target configured at the wrong address: the client would
/// resend the message as a GET (or to another host with our headers) and call it sent. Each
/// message is POSTed once, never followed, and reported with what to change.
#[test]
fn a_redirecting_receiver_is_reported_not_followed() {
    let receiver = scripted_receiver(|_, _| (302, String::new(), Duration::ZERO));
    let test = site(&format!("  webhooks:\n    - url: {}\n      name: hook\n", receiver.url()));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 1, "{}", run.output);
    assert!(!run.output.contains("sent to hook"), "nothing reached the receiver:\n{}", run.output);
    let warning =
        run.output.lines().find(|l| l.starts_with("warning: hook:")).unwrap_or_else(|| panic!("{}", run.output));
    assert!(warning.contains("HTTP 302") && warning.contains("point the target at the final address"), "{warning}");
    let seen = receiver.seen();
    assert!(seen.iter().all(|r| r.method == "POST"), "a redirect was followed");
    assert_eq!(seen.len(), 5, "each message once, not retried");
}

/// A journal written by a newer statusforge is left as it is: rewriting it would drop what it
/// recorded and send again what it sent.
#[test]
fn a_journal_from_a_newer_version_is_refused_untouched() {
    let receiver = scripted_receiver(|_, _| (200, "ok".into(), Duration::ZERO));
    let test = site(&format!("  webhooks:\n    - url: {}\n      name: hook\n", receiver.url()));
    let (old, _) = builds(&test);
    let newer = "{\"version\": 99, \"future_field\": [1, 2, 3]}\n";
    std::fs::write(test.root().join(".statusforge-notify.json"), newer).unwrap();
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 2, "{}", run.output);
    assert!(run.output.contains("written by a newer statusforge (format 99"), "{}", run.output);
    assert!(receiver.seen().is_empty(), "nothing may be sent");
    assert_eq!(std::fs::read_to_string(test.root().join(".statusforge-notify.json")).unwrap(), newer);
}
