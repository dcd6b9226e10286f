//! `statusforge notify` end to end: two real builds, real test servers on 127.0.0.1 (an HTTP
//! receiver and an SMTP sink), the real binary. Checks order, signatures, exactly-once, the
//! component filter, `--dry-run`, secrets and fetching the live site over HTTP.

use crate::common::{SiteTest, BIN};
use crate::notify_support::{http_receiver, smtp_sink};
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::path::Path;
use std::process::Command;

const SECRET: &str = "hunter2-very-secret";

/// An smpp incident (investigating 10:00, identified 10:30, resolved 11:00) and a web outage
/// at 11:30. Live build at 10:10: only the first update. New build at 12:00: two smpp updates,
/// smpp back to operational, the web incident, web in major outage.
pub(crate) fn site(notify: &str) -> SiteTest {
    SiteTest::fixture("minimal")
        .file(
            "content/site.yaml",
            &format!("title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nnotify:\n{notify}"),
        )
        .file(
            "content/incidents/2026-11-30-smpp.md",
            "---\ntitle: SMPP binds failing\nimpact: major\ncomponents:\n  smpp: partial_outage\n---\n\n\
             ## Resolved - 2026-11-30 11:00\nAll binds are back.\n\n\
             ## Identified - 2026-11-30 10:30\nA certificate expired.\n\n\
             ## Investigating - 2026-11-30 10:00\nSome SMPP binds fail.\n",
        )
        .file(
            "content/incidents/2026-11-30-web.md",
            "---\ntitle: Web app down\nimpact: critical\ncomponents:\n  web: major_outage\n---\n\n\
             ## Investigating - 2026-11-30 11:30\nThe web app does not load.\n\n![The error page](images/web-error.png)\n",
        )
}

/// Builds the live (10:10) and new (12:00) outputs: (old folder, new folder).
pub(crate) fn builds(test: &SiteTest) -> (std::path::PathBuf, std::path::PathBuf) {
    let old = test.root().join("old");
    let new = test.root().join("public");
    for (now, out) in [("2026-11-30T10:10:00Z", &old), ("2026-11-30T12:00:00Z", &new)] {
        let run = test.run(&["build", "--now", now, "--output", out.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.all_output());
    }
    (old, new)
}

pub(crate) struct Outcome {
    pub(crate) code: i32,
    pub(crate) output: String,
}

pub(crate) fn notify(test: &SiteTest, previous: &str, extra: &[&str], env: &[(&str, &str)]) -> Outcome {
    let mut command = Command::new(BIN);
    command.current_dir(test.root()).args(["notify", "--previous", previous, "--current", "public"]).args(extra);
    for (k, v) in env {
        command.env(k, v);
    }
    let out = command.output().unwrap();
    let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    Outcome { code: out.status.code().unwrap_or(-1), output }
}

fn hmac_hex(body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body);
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a webhook body is about: `incident name: status` or `component: old -> new`.
fn about(body: &serde_json::Value) -> String {
    match body.get("incident") {
        Some(i) => format!("{}: {}", i["name"].as_str().unwrap(), i["incident_updates"][0]["status"].as_str().unwrap()),
        None => format!(
            "{}: {} -> {}",
            body["component"]["name"].as_str().unwrap(),
            body["component_update"]["old_status"].as_str().unwrap(),
            body["component_update"]["new_status"].as_str().unwrap()
        ),
    }
}

const EXPECTED: [&str; 5] = [
    "SMPP binds failing: identified",
    "SMPP binds failing: resolved",
    "SMPP: partial_outage -> operational",
    "Web app down: investigating",
    "Web: operational -> major_outage",
];

#[test]
fn each_new_update_reaches_a_webhook_once_oldest_first_and_signed() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}hook\n      secret_env: HOOK_SECRET\n", receiver.url()));
    let (old, _) = builds(&test);
    let env = [("HOOK_SECRET", SECRET)];
    let first = notify(&test, old.to_str().unwrap(), &[], &env);
    assert_eq!(first.code, 0, "{}", first.output);
    assert!(!first.output.contains(SECRET), "the secret was printed:\n{}", first.output);
    let requests = receiver.seen();
    let bodies: Vec<serde_json::Value> = requests.iter().map(|r| r.json()).collect();
    assert_eq!(bodies.iter().map(about).collect::<Vec<_>>(), EXPECTED);
    for request in &requests {
        assert_eq!(request.path, "/hook");
        let signature = request.header("x-statusforge-signature").expect("signed");
        assert_eq!(signature, format!("sha256={}", hmac_hex(&request.body)));
    }
    let first_update = &bodies[0];
    assert_eq!(first_update["page"]["status_indicator"], "critical");
    assert_eq!(first_update["incident"]["incident_updates"].as_array().unwrap().len(), 2, "updates up to this one");
    assert_eq!(first_update["incident"]["shortlink"], "https://status.example.com/incidents/2026-11-30-smpp/");
    assert!(bodies[2]["component_update"]["component_id"].is_string());

    let again = notify(&test, old.to_str().unwrap(), &[], &env);
    assert_eq!(again.code, 0, "{}", again.output);
    assert_eq!(receiver.seen().len(), 5, "the second run sent again:\n{}", again.output);
}

#[test]
fn a_receiver_that_fails_twice_still_gets_each_update_exactly_once() {
    let receiver = http_receiver(2, None);
    let test = site(&format!("  webhooks:\n    - url: {}\n", receiver.url()));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 0, "{}", run.output);
    let accepted: Vec<String> =
        receiver.seen().iter().filter(|r| r.answered == 200).map(|r| about(&r.json())).collect();
    assert_eq!(accepted, EXPECTED);
    assert_eq!(receiver.seen().len(), 7, "two failures, then one success each");
    let first_three: Vec<Option<String>> =
        receiver.seen()[..3].iter().map(|r| r.header("x-statusforge-delivery").map(str::to_string)).collect();
    assert!(first_three[0].is_some() && first_three.iter().all(|id| *id == first_three[0]), "{first_three:?}");
    assert!(receiver.seen().iter().all(|r| r.header("x-statusforge-signature").is_none()), "no secret, no signature");
}

#[test]
fn a_down_target_is_reported_and_does_not_stop_the_others_and_a_rerun_sends_only_the_rest() {
    let receiver = http_receiver(0, None);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://127.0.0.1:{}/", closed.local_addr().unwrap().port());
    drop(closed);
    let test = site(&format!(
        "  webhooks:\n    - url: {dead_url}\n      name: dead\n    - url: {}\n      name: live\n",
        receiver.url()
    ));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 1, "{}", run.output);
    assert!(run.output.contains("dead"), "{}", run.output);
    assert_eq!(receiver.seen().len(), 5);
    let journal: serde_json::Value =
        serde_json::from_slice(&std::fs::read(test.root().join(".statusforge-notify.json")).unwrap()).unwrap();
    assert_eq!(journal["sent"]["live"].as_array().unwrap().len(), 5);
    assert!(journal["sent"].get("dead").is_none());
    let rerun = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(rerun.code, 1);
    assert_eq!(receiver.seen().len(), 5, "the live target got nothing twice");
}

#[test]
fn email_reaches_the_list_with_both_parts_and_a_list_unsubscribe_header() {
    let sink = smtp_sink();
    let test = site(&format!(
        "  email:\n    - host: 127.0.0.1\n      port: {}\n      security: none\n      from: status@example.com\n      \
         to: subscribers@lists.example.com\n      list_unsubscribe: https://example.com/unsubscribe\n      components: [web]\n",
        sink.port
    ));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 0, "{}", run.output);
    let mails = sink.seen();
    assert_eq!(mails.len(), 2, "only the web incident and web's status change:\n{}", run.output);
    let first = &mails[0];
    assert_eq!(first.to, vec!["<subscribers@lists.example.com>".to_string()]);
    let header = |name: &str| {
        first.data.lines().find_map(|l| l.strip_prefix(&format!("{name}: "))).map(str::to_string).unwrap_or_default()
    };
    assert_eq!(header("Subject"), "[Minimal Status] Investigating: Web app down");
    assert_eq!(header("To"), "subscribers@lists.example.com");
    assert_eq!(header("List-Unsubscribe"), "<https://example.com/unsubscribe>");
    assert!(first.data.contains("Content-Type: text/plain"), "{}", first.data);
    assert!(first.data.contains("Content-Type: text/html"), "{}", first.data);
    assert!(first.data.contains("The web app does not load."));
    let html = quoted_printable(first.data.split("Content-Type: text/html").nth(1).unwrap_or(""));
    assert!(html.contains("<p>The web app does not load.</p>"), "{html}");
    // An image in the update is the site's, as on the page.
    assert!(html.contains("src=\"https://status.example.com/images/web-error.png\""), "{html}");
    assert!(html.contains("alt=\"The error page\""), "{html}");
    assert!(html.contains("<a href=\"https://status.example.com/incidents/2026-11-30-web/\">"), "{html}");
    assert!(first.data.contains("https://status.example.com/incidents/2026-11-30-web/"));
    assert!(mails[1].data.contains("Subject: [Minimal Status] Major outage: Web"), "{}", mails[1].data);
}

/// Decodes a quoted-printable part (RFC 2045 §6.7): soft line breaks and `=XX` bytes.
pub(crate) fn quoted_printable(text: &str) -> String {
    let joined = text.replace("=\r\n", "").replace("=\n", "");
    let mut out = Vec::new();
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn a_target_limited_to_components_gets_only_theirs_and_chat_gets_short_text() {
    let receiver = http_receiver(0, None);
    let test = site(&format!(
        "  slack:\n    - url_env: SLACK_URL\n      components: [smpp]\n  discord:\n    - url: {}discord\n      components: [web]\n",
        receiver.url()
    ));
    let (old, _) = builds(&test);
    let slack_url = format!("{}slack/T000/SECRETPATH", receiver.url());
    let run = notify(&test, old.to_str().unwrap(), &[], &[("SLACK_URL", &slack_url)]);
    assert_eq!(run.code, 0, "{}", run.output);
    assert!(!run.output.contains("SECRETPATH"), "a secret URL was printed:\n{}", run.output);
    let seen = receiver.seen();
    let slack: Vec<String> = seen
        .iter()
        .filter(|r| r.path.starts_with("/slack"))
        .map(|r| r.json()["text"].as_str().unwrap().into())
        .collect();
    let discord: Vec<String> =
        seen.iter().filter(|r| r.path == "/discord").map(|r| r.json()["content"].as_str().unwrap().into()).collect();
    assert_eq!(slack.len(), 3, "{slack:?}");
    assert!(slack[0].starts_with("*Identified*: SMPP binds failing\nA certificate expired."), "{}", slack[0]);
    assert!(slack[0].ends_with("<https://status.example.com/incidents/2026-11-30-smpp/|Details>"));
    assert_eq!(discord.len(), 2, "{discord:?}");
    assert!(discord[0].starts_with("**Investigating**: Web app down"), "{}", discord[0]);
}

#[test]
fn dry_run_sends_nothing_and_names_what_it_would_send() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}\n      secret_env: HOOK_SECRET\n", receiver.url()));
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &["--dry-run"], &[("HOOK_SECRET", SECRET)]);
    assert_eq!(run.code, 0, "{}", run.output);
    assert!(receiver.seen().is_empty());
    assert_eq!(run.output.matches("would send").count(), 5, "{}", run.output);
    assert!(run.output.contains("SMPP binds failing"));
    assert!(!run.output.contains(SECRET));
    assert!(!test.root().join(".statusforge-notify.json").exists(), "a dry run records nothing");
}

#[test]
fn the_previous_build_can_be_the_live_site_over_http() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}hook\n", receiver.url()));
    let (old, _) = builds(&test);
    let live = http_receiver(0, Some(old.clone()));
    let run = notify(&test, &live.url(), &[], &[]);
    assert_eq!(run.code, 0, "{}", run.output);
    assert!(live.seen().iter().any(|r| r.method == "GET" && r.path == "/api/statusforge/published.json"));
    assert_eq!(receiver.seen().iter().map(|r| about(&r.json())).collect::<Vec<_>>(), EXPECTED);
}

#[test]
fn a_live_site_still_on_the_version_1_file_gets_only_the_new_updates() {
    use statusforge::contract::published;
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}hook\n", receiver.url()));
    let (old, _) = builds(&test);
    // Version 1 was the flat list `Published` still is in memory: write the live file that way.
    let file = old.join(published::PATH);
    let mut flat = published::read(&std::fs::read(&file).unwrap()).unwrap();
    assert!(!flat.updates.is_empty());
    flat.version = 1;
    std::fs::write(&file, serde_json::to_vec(&flat).unwrap()).unwrap();
    assert_eq!(published::read(&std::fs::read(&file).unwrap()).unwrap().updates, flat.updates);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 0, "{}", run.output);
    assert_eq!(receiver.seen().iter().map(|r| about(&r.json())).collect::<Vec<_>>(), EXPECTED);
}

#[test]
fn a_published_file_of_an_unknown_version_is_refused_with_its_name() {
    let test = site("  webhooks:\n    - url: http://127.0.0.1:9/hook\n");
    let (old, _) = builds(&test);
    std::fs::write(old.join("api/statusforge/published.json"), r#"{"version":99}"#).unwrap();
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 2, "{}", run.output);
    assert!(run.output.contains("published.json is not a published file we can read"), "{}", run.output);
    assert!(run.output.contains("version 99"), "{}", run.output);
}

#[test]
fn a_first_publish_sends_nothing_and_says_so() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}hook\n", receiver.url()));
    builds(&test);
    let empty_site = http_receiver(0, Some(test.root().join("nothing-here")));
    for previous in [test.root().join("missing").to_str().unwrap().to_string(), empty_site.url()] {
        let _ = std::fs::remove_file(test.root().join(".statusforge-notify.json"));
        let run = notify(&test, &previous, &[], &[]);
        assert_eq!(run.code, 0, "{}", run.output);
        assert!(run.output.contains("is recorded as told; nothing sent"), "{}", run.output);
        // The journal now holds what was published: the next run has nothing to tell.
        let again = notify(&test, &previous, &[], &[]);
        assert_eq!(again.code, 0, "{}", again.output);
        assert!(again.output.contains("0 sent"), "{}", again.output);
    }
    assert!(receiver.seen().is_empty());
}

#[test]
fn mistakes_in_notify_settings_point_at_their_line() {
    let test = site(
        "  webhoks: []\n  webhooks:\n    - url: ftp://x.example.com/\n      secret_env: my-secret-value\n      \
         components: [wbe]\n",
    );
    let run = test.check();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let out = run.all_output();
    for expected in [
        "unknown key `webhoks`",
        "did you mean `webhooks`?",
        "`ftp://x.example.com/` is not an absolute http(s) URL",
        "`secret_env` must name an environment variable",
        "no component with id `wbe`",
        "did you mean `web`?",
        "content/site.yaml:5:",
        "content/site.yaml:8:",
    ] {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
    assert!(!Path::new(&test.root().join("public")).exists());
}

/// A host or List-Unsubscribe value with spaces or line breaks could only garble the mail:
/// each is refused at its line.
#[test]
fn email_settings_with_line_breaks_are_refused() {
    let test = site(
        "  email:\n    - host: \"smtp\\r\\n.example.com\"\n      from: status@example.com\n      \
         to: list@example.com\n      list_unsubscribe: \"mailto:x@example.com\\r\\nX-Injected: yes\"\n",
    );
    let run = test.check();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let out = run.all_output();
    for expected in
        ["is not a host name", "content/site.yaml:6:", "is not an http(s) or mailto URL", "content/site.yaml:9:"]
    {
        assert!(out.contains(expected), "missing `{expected}` in:\n{out}");
    }
}

/// An API incident stepping major -> partial -> operational before its resolution, all
/// between two runs: each step is its own `component_update` with the right old and new
/// status, at the update that made it, and each incident webhook carries that update's
/// affected components.
#[test]
fn each_step_of_a_component_timeline_is_told_with_its_old_and_new_status() {
    let receiver = http_receiver(0, None);
    let test = SiteTest::fixture("minimal")
        .file(
            "content/site.yaml",
            &format!(
                "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nnotify:\n  webhooks:\n    - url: {}\n",
                receiver.url()
            ),
        )
        .file(
            "content/incidents/2026-11-30-api.md",
            "---\ntitle: API down\nimpact: critical\ncomponents:\n  api: major_outage\n---\n\n\
             ## Resolved - 2026-11-30 11:30\nDone.\n\n\
             ## Monitoring - 2026-11-30 11:00\nComponents: api=operational\n\nWatching.\n\n\
             ## Identified - 2026-11-30 10:30\nComponents: api=partial_outage\n\nHalf back.\n\n\
             ## Investigating - 2026-11-30 10:00\nDown.\n",
        );
    let (old, _) = builds(&test);
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 0, "{}", run.output);
    let bodies: Vec<serde_json::Value> = receiver.seen().iter().map(|r| r.json()).collect();
    assert_eq!(
        bodies.iter().map(about).collect::<Vec<_>>(),
        [
            "API down: identified",
            "API: major_outage -> partial_outage",
            "API down: monitoring",
            "API: partial_outage -> operational",
            "API down: resolved",
        ]
    );
    let identified = &bodies[0]["incident"]["incident_updates"][0];
    assert_eq!(identified["status"], "identified");
    assert_eq!(identified["affected_components"][0]["old_status"], "major_outage");
    assert_eq!(identified["affected_components"][0]["new_status"], "partial_outage");
    assert_eq!(bodies[1]["component"]["status"], "partial_outage", "the component as it stood at that step");
    let identified_at = identified["created_at"].clone();
    assert_eq!(bodies[1]["component_update"]["created_at"], identified_at);
}

/// The publishing job as the workflow runs it, step by step: build, deploy, notify with the
/// journal kept between runs. The live site plays no part: only the journal says what
/// subscribers were told.
#[test]
fn the_ci_sequence_tells_each_update_exactly_once_whatever_fails() {
    // Three tries per send: the first send fails outright, as if the receiver were down.
    let receiver = http_receiver(3, None);
    let test = empty_site_notifying("webhooks", receiver.url());
    let updates = [
        ("Investigating", "10:00", "Down."),
        ("Identified", "10:30", "Found it."),
        ("Monitoring", "11:00", "Fixed; watching."),
        ("Resolved", "11:30", "Done."),
    ];
    // Publishes the first `n` updates: writes the file, builds at the last one's time.
    let publish = |n: usize| {
        let mut body = String::new();
        for (status, time, text) in updates[..n].iter().rev() {
            body.push_str(&format!("## {status} - 2026-11-30 {time}\n{text}\n\n"));
        }
        let file = format!("---\ntitle: API down\nimpact: critical\ncomponents:\n  api: major_outage\n---\n\n{body}");
        std::fs::write(test.root().join("content/incidents/2026-11-30-api.md"), file).unwrap();
        let now = format!("2026-11-30T{}:00Z", updates[n - 1].1);
        let run = test.run(&["build", "--now", &now, "--output", "public"]);
        assert_eq!(run.code, 0, "{}", run.all_output());
    };
    let notify = || {
        let out = Command::new(BIN).current_dir(test.root()).args(["notify", "--current", "public"]).output().unwrap();
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    };
    let told =
        || -> Vec<String> { receiver.seen().iter().filter(|r| r.answered == 200).map(|r| about(&r.json())).collect() };

    // Run 1, the first publish: no journal yet, so nothing is sent and the state is recorded.
    publish(1);
    let (code, output) = notify();
    assert_eq!((code, told().len()), (0, 0), "{output}");
    assert!(test.root().join(".statusforge-notify.json").is_file());

    // Run 2: the receiver is down. The job fails; the journal keeps the baseline.
    publish(2);
    let (code, output) = notify();
    assert_eq!(code, 1, "{output}");
    assert_eq!(receiver.seen().len(), 3, "three tries, all refused");
    assert!(told().is_empty());

    // Run 3, same content (say a rerun of the failed job): sent once.
    let (code, output) = notify();
    assert_eq!(code, 0, "{output}");
    assert_eq!(told(), ["API down: identified"]);

    // Run 4 deploys the monitoring update and is killed before notify.
    publish(3);

    // Run 5 publishes the resolution and tells both updates, and the component's recovery.
    publish(4);
    let (code, output) = notify();
    assert_eq!(code, 0, "{output}");
    assert_eq!(
        told(),
        ["API down: identified", "API down: monitoring", "API down: resolved", "API: major_outage -> operational"]
    );

    // A rerun tells nothing more.
    let (code, output) = notify();
    assert_eq!(code, 0, "{output}");
    assert_eq!(told().len(), 4, "{output}");
}

/// The minimal site without its incident and window, telling one `kind` target at `url`.
pub(crate) fn empty_site_notifying(kind: &str, url: impl std::fmt::Display) -> SiteTest {
    SiteTest::fixture("minimal")
        .remove("content/incidents/2026-11-20-api-errors.md")
        .remove("content/maintenance/2026-12-01-upgrade.md")
        .file(
            "content/site.yaml",
            &format!(
                "title: Minimal Status\nbase_url: https://status.example.com/\ntimezone: UTC\nnotify:\n  {kind}:\n    - url: {url}\n"
            ),
        )
}

/// Builds `old` at `then` and `public` at `now` from the same minimal site with a webhook to
/// nowhere, and returns what `notify --dry-run` would send, in order.
fn dry_run_between(incidents: &[(&str, &str)], then: &str, now: &str, later: &[(&str, &str)]) -> Vec<String> {
    let mut test = empty_site_notifying("webhooks", "http://127.0.0.1:9/");
    for (slug, text) in incidents {
        test = test.file(&format!("content/incidents/{slug}.md"), text);
    }
    let old = test.run(&["build", "--now", then, "--output", "old"]);
    assert_eq!(old.code, 0, "{}", old.all_output());
    for (slug, text) in later {
        std::fs::write(test.root().join(format!("content/incidents/{slug}.md")), text).unwrap();
    }
    let new = test.run(&["build", "--now", now, "--output", "public"]);
    assert_eq!(new.code, 0, "{}", new.all_output());
    let out = Command::new(BIN)
        .current_dir(test.root())
        .args(["notify", "--previous", "old", "--current", "public", "--dry-run"])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).lines().map(|l| l.trim_start_matches("would send to ").to_string()).collect()
}

#[test]
fn a_milder_incident_on_a_component_already_down_changes_nothing_to_tell() {
    let a = "---\ntitle: A\ncomponents: {api: major_outage}\n---\n\n## Investigating - 2026-11-30 10:00\nDown.\n";
    let c = "---\ntitle: C\ncomponents: {api: degraded_performance}\n---\n\n\
             ## Monitoring - 2026-11-30 11:20\nComponents: api=operational\n\nFine here.\n\n\
             ## Investigating - 2026-11-30 11:10\nSlow too.\n";
    let sent = dry_run_between(&[("a", a)], "2026-11-30T11:00:00Z", "2026-11-30T11:30:00Z", &[("c", c)]);
    assert!(sent.iter().all(|s| !s.contains("component `API`")), "API stayed in major outage:\n{sent:#?}");
    assert_eq!(sent.len(), 2, "{sent:#?}");
}

#[test]
fn steps_in_one_minute_are_told_as_the_page_showed_them() {
    let before =
        "---\ntitle: A\ncomponents: {api: partial_outage}\n---\n\n## Investigating - 2026-11-30 10:00\nErrors.\n";
    let after = "---\ntitle: A\ncomponents: {api: partial_outage}\n---\n\n\
                 ## Monitoring - 2026-11-30 11:10\nComponents: api=degraded_performance\n\nBetter.\n\n\
                 ## Identified - 2026-11-30 11:10\nComponents: api=major_outage\n\nWorse.\n\n\
                 ## Investigating - 2026-11-30 10:00\nErrors.\n";
    let sent = dry_run_between(&[("a", before)], "2026-11-30T10:30:00Z", "2026-11-30T11:30:00Z", &[("a", after)]);
    let components: Vec<&String> = sent.iter().filter(|s| s.contains("component `API`")).collect();
    assert_eq!(components.len(), 1, "{sent:#?}");
    assert!(components[0].contains("partial_outage -> degraded_performance"), "{sent:#?}");
}

/// A title written to ping everyone and to inject a workflow command into the CI log.
#[test]
fn hostile_titles_ping_nobody_and_command_nothing() {
    let receiver = http_receiver(0, None);
    let test = empty_site_notifying("discord", format!("{}discord", receiver.url()));
    let title = "\"@everyone ::add-mask::x\"";
    let before = "---\ntitle: Quiet\ncomponents: {api: degraded_performance}\n---\n\n## Investigating - 2026-11-30 10:00\nSlow.\n";
    std::fs::write(test.root().join("content/incidents/a.md"), before).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T10:10:00Z", "--output", "old"]).code, 0);
    let after = format!("---\ntitle: {title}\ncomponents: {{api: degraded_performance}}\n---\n\n## Investigating - 2026-11-30 10:00\nSlow.\n");
    std::fs::write(test.root().join("content/incidents/b.md"), after).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T10:20:00Z", "--output", "public"]).code, 0);
    let run = notify(&test, "old", &[], &[]);
    assert_eq!(run.code, 0, "{}", run.output);
    assert!(!run.output.contains("::add-mask::"), "a workflow command reached the log:\n{}", run.output);
    let bodies: Vec<serde_json::Value> = receiver.seen().iter().map(|r| r.json()).collect();
    assert_eq!(bodies.len(), 1, "{bodies:?}");
    assert_eq!(bodies[0]["allowed_mentions"]["parse"], serde_json::json!([]));
}

/// Pull requests merged out of order: an update dated between two told ones is told, and
/// nothing already told is told again. Every send carries a delivery id that a resend repeats.
#[test]
fn an_update_inserted_below_the_newest_is_told_once_and_nothing_else() {
    let receiver = http_receiver(0, None);
    let test = empty_site_notifying("webhooks", receiver.url());
    let file = |sections: &str| format!("---\ntitle: API down\ncomponents: {{api: major_outage}}\n---\n\n{sections}");
    let path = test.root().join("content/incidents/a.md");
    let first = "## Identified - 2026-11-30 11:00\nFound it.\n\n## Investigating - 2026-11-30 10:00\nDown.\n";
    std::fs::write(&path, file("## Investigating - 2026-11-30 10:00\nDown.\n")).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T10:05:00Z", "--output", "public"]).code, 0);
    assert_eq!(notify(&test, "public", &[], &[]).code, 0);
    std::fs::write(&path, file(first)).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T11:05:00Z", "--output", "public"]).code, 0);
    assert_eq!(notify(&test, "public", &[], &[]).code, 0);
    let inserted = first.replace("## Investigating", "## Update - 2026-11-30 10:30\nStill down.\n\n## Investigating");
    std::fs::write(&path, file(&inserted)).unwrap();
    assert_eq!(test.run(&["build", "--now", "2026-11-30T11:10:00Z", "--output", "public"]).code, 0);
    let run = notify(&test, "public", &[], &[]);
    assert_eq!(run.code, 0, "{}", run.output);
    let seen = receiver.seen();
    let told: Vec<String> = seen
        .iter()
        .map(|r| {
            let body = r.json();
            format!(
                "{} {}",
                body["incident"]["incident_updates"][0]["status"], body["incident"]["incident_updates"][0]["body"]
            )
        })
        .collect();
    assert_eq!(told, ["\"identified\" \"Found it.\"", "\"investigating\" \"Still down.\""], "{told:?}");
    let ids: std::collections::BTreeSet<&str> =
        seen.iter().map(|r| r.header("x-statusforge-delivery").expect("a delivery id")).collect();
    assert_eq!(ids.len(), 2, "one delivery id per notification");
}

/// An incident opened with a time a few minutes before the last build (`new incident` stamps
/// the current minute): its component change is dated before that build, and is still told.
#[test]
fn a_change_dated_before_the_last_build_is_still_told() {
    let quiet = "---\ntitle: Old\ncomponents: {api: degraded_performance}\n---\n\n## Resolved - 2026-11-30 09:00\nDone.\n\n## Investigating - 2026-11-30 08:00\nSlow.\n";
    let web = "---\ntitle: Web app down\ncomponents: {web: major_outage}\n---\n\n## Investigating - 2026-11-30 13:30\nDown.\n";
    let sent = dry_run_between(&[("old", quiet)], "2026-11-30T13:35:00Z", "2026-11-30T13:40:00Z", &[("web", web)]);
    assert!(sent.iter().any(|s| s.contains("component `Web`: operational -> major_outage")), "{sent:#?}");
}

/// Two runs on one journal would both send: the second refuses before sending anything.
#[test]
fn a_second_notify_on_the_same_journal_refuses_at_once() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}\n", receiver.url()));
    let (old, _) = builds(&test);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(test.root().join("..statusforge-notify.json.lock"))
        .unwrap();
    lock.lock().unwrap();
    let run = notify(&test, old.to_str().unwrap(), &[], &[]);
    assert_eq!(run.code, 2, "{}", run.output);
    assert!(run.output.contains("another `statusforge notify` is using the delivery journal"), "{}", run.output);
    assert!(receiver.seen().is_empty());
    drop(lock);
    assert_eq!(notify(&test, old.to_str().unwrap(), &[], &[]).code, 0);
}

/// An update taken out of a build (a revert, an old commit rebuilt) and put back later was
/// already told: it is not told again.
#[test]
fn an_update_removed_and_restored_is_not_told_twice() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}\n", receiver.url()));
    let path = test.root().join("content/incidents/2026-11-30-smpp.md");
    let full = std::fs::read_to_string(&path).unwrap();
    let publish = |now: &str| {
        let run = test.run(&["build", "--now", now, "--output", "public"]);
        assert_eq!(run.code, 0, "{}", run.all_output());
        Command::new(BIN).current_dir(test.root()).args(["notify", "--current", "public"]).output().unwrap()
    };
    publish("2026-11-30T10:45:00Z");
    let without = full.replace("## Identified - 2026-11-30 10:30\nA certificate expired.\n\n", "");
    assert_ne!(without, full);
    std::fs::write(&path, &without).unwrap();
    publish("2026-11-30T10:50:00Z");
    std::fs::write(&path, &full).unwrap();
    publish("2026-11-30T10:55:00Z");
    assert!(receiver.seen().is_empty(), "{:?}", receiver.seen().iter().map(|r| about(&r.json())).collect::<Vec<_>>());
}

/// A journal or published file that is a FIFO or a device would hang the run or fill its
/// memory: each is refused at once, by name, before anything is sent.
#[cfg(unix)]
#[test]
fn a_fifo_or_device_in_place_of_a_file_is_refused_at_once() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}hook\n", receiver.url()));
    let (old, _) = builds(&test);
    let fifo = test.root().join("journal.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let started = std::time::Instant::now();
    let out = notify(&test, old.to_str().unwrap(), &["--state", fifo.to_str().unwrap()], &[]);
    assert_eq!(out.code, 2, "{}", out.output);
    assert!(out.output.contains("not a regular file"), "{}", out.output);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "the run waited on the FIFO");
    let published = test.root().join("public/api/statusforge/published.json");
    std::fs::remove_file(&published).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &published).unwrap();
    let out = notify(&test, old.to_str().unwrap(), &["--dry-run"], &[]);
    assert_eq!(out.code, 2, "{}", out.output);
    assert!(out.output.contains("published.json") && out.output.contains("not a regular file"), "{}", out.output);
    assert!(receiver.seen().is_empty(), "something was sent");
}

/// A link planted at the journal's temporary name (another user, in a shared folder) must not
/// make notify write through it.
#[cfg(unix)]
#[test]
fn a_link_planted_at_the_journals_temporary_name_is_not_followed() {
    let receiver = http_receiver(0, None);
    let test = site(&format!("  webhooks:\n    - url: {}hook\n", receiver.url()));
    let (old, _) = builds(&test);
    let victim = test.root().join("victim.txt");
    std::fs::write(&victim, "precious\n").unwrap();
    let state = test.root().join("journal.json");
    // `exec` keeps the shell's process id, which names the temporary file.
    let script = format!(
        "ln -s '{}' '{}/.journal.json.'$$'.tmp' && exec '{}' notify --previous '{}' --current public --state '{}'",
        victim.display(),
        test.root().display(),
        BIN,
        old.display(),
        state.display()
    );
    let out = Command::new("sh").arg("-c").arg(&script).current_dir(test.root()).output().unwrap();
    let output = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious\n", "written through the link:\n{output}");
    assert!(state.is_file() || out.status.code() == Some(2), "{output}");
}
