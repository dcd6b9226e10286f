//! `new`, `update`, `resolve` and `init`, run as an on-call engineer would.

use crate::common::{Run, SiteTest};
use std::fs;

/// `statusforge update SLUG --status STATUS --message MESSAGE --now NOW [EXTRA...]`.
fn update(test: &SiteTest, slug: &str, status: &str, message: &str, now: &str, extra: &[&str]) -> Run {
    let mut args = vec!["update", slug, "--status", status, "--message", message, "--now", now];
    args.extend_from_slice(extra);
    test.run(&args)
}

fn incident_files(test: &SiteTest) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> =
        fs::read_dir(test.root().join("content/incidents")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[test]
fn a_file_from_new_passes_check_and_reads_as_written() {
    let test = SiteTest::fixture("minimal").now("2026-11-25T14:00:00Z");
    let run = test.run(&[
        "new",
        "incident",
        "Atraso: operadora São João & <x>",
        "--component",
        "api:major_outage",
        "--component",
        "web",
        "--impact",
        "critical",
        "--message",
        "Messages are delayed.",
        "--now",
        "2026-11-25T13:05:00Z",
    ]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let path = test.root().join("content/incidents/2026-11-25-atraso-operadora-sao-joao-x.md");
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(
        text,
        "---\ntitle: \"Atraso: operadora São João & <x>\"\nimpact: critical\ncomponents:\n  api: major_outage\n  web: major_outage\n---\n\n## Investigating - 2026-11-25 13:05\nMessages are delayed.\n"
    );
    let check = test.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
}

#[test]
fn new_refuses_an_unknown_component_and_lists_the_known_ones() {
    let test = SiteTest::fixture("minimal");
    let run = test.run(&["new", "incident", "X", "--component", "apii"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no component with id `apii`; did you mean `api`?"), "{}", run.stderr);
    assert!(run.stderr.contains("`smpp`"), "{}", run.stderr);
    assert_eq!(incident_files(&test).len(), 1, "nothing was written");
}

#[test]
fn new_maintenance_writes_a_window_that_checks() {
    let test = SiteTest::fixture("minimal");
    let run = test.run(&[
        "new",
        "maintenance",
        "Gateway upgrade",
        "--component",
        "smpp",
        "--start",
        "2026-12-10 01:00",
        "--end",
        "2026-12-10 03:00",
        "--now",
        "2026-11-25T10:00:00Z",
    ]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let text = fs::read_to_string(test.root().join("content/maintenance/2026-12-10-gateway-upgrade.md")).unwrap();
    assert!(text.contains("window:\n  start: 2026-12-10 01:00\n  end: 2026-12-10 03:00\n"), "{text}");
    assert!(text.contains("## Scheduled - 2026-11-25 10:00\n"), "{text}");
    assert_eq!(test.check().code, 0);
}

#[test]
fn update_and_resolve_change_only_the_top_of_the_file() {
    let test = SiteTest::fixture("minimal")
        .file(
            "content/incidents/2026-11-24-open.md",
            "---\r\ntitle: Open one\r\ncomponents:\r\n  web: partial_outage\r\n---\r\n\r\n## Investigating - 2026-11-24 10:00\r\nLooking.  \r\n",
        )
        .now("2026-11-25T12:00:00Z");
    let path = test.root().join("content/incidents/2026-11-24-open.md");
    let before = fs::read(&path).unwrap();
    let run = update(&test, "2026-11-24-open", "identified", "Found it.", "2026-11-24T11:00:00Z", &[]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let run = test.run(&["resolve", "2026-11-24-open", "--now", "2026-11-24T12:30:00Z"]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let after = fs::read(&path).unwrap();
    let front = b"---\r\ntitle: Open one\r\ncomponents:\r\n  web: partial_outage\r\n---\r\n";
    // The file's own CRLF line endings are kept in what is added.
    let added = b"\r\n## Resolved - 2026-11-24 12:30\r\nThis incident has been resolved.\r\n\r\n## Identified - 2026-11-24 11:00\r\nFound it.\r\n";
    assert_eq!(&after[..front.len()], front);
    assert_eq!(&after[front.len()..front.len() + added.len()], added);
    assert_eq!(&after[front.len() + added.len()..], &before[front.len()..], "the old body is untouched, byte for byte");
    let check = test.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
}

#[test]
fn resolve_reads_as_resolved_in_the_checked_site() {
    let test = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-24-open.md",
        "---\ntitle: Open one\ncomponents:\n  web: partial_outage\n---\n\n## Investigating - 2026-11-24 10:00\nLooking.\n",
    );
    assert_eq!(test.run(&["resolve", "2026-11-24-open", "--now", "2026-11-24T12:00:00Z"]).code, 0);
    let checked = statusforge::check(test.root(), "2026-11-25T00:00:00Z".parse().unwrap(), None);
    let incident = checked.site.incidents.iter().find(|i| i.slug == "2026-11-24-open").unwrap();
    assert_eq!(incident.updates[0].status, statusforge::model::IncidentStatus::Resolved);
    assert_eq!(incident.updates.len(), 2);
}

/// The statuses change from the new update on: the front matter keeps the starting ones.
#[test]
fn update_with_a_component_adds_a_components_line_and_nothing_else() {
    let test = SiteTest::fixture("minimal");
    let path = test.root().join("content/incidents/2026-11-20-api-errors.md");
    let before = fs::read_to_string(&path).unwrap();
    let run = update(
        &test,
        "2026-11-20-api-errors",
        "investigating",
        "Worse.",
        "2026-11-20T12:30:00Z",
        &["--component", "api:major_outage"],
    );
    assert_eq!(run.code, 0, "{}", run.all_output());
    let after = fs::read_to_string(&path).unwrap();
    let expected = before.replace(
        "  api: partial_outage\n---\n",
        "  api: partial_outage\n---\n\n## Investigating - 2026-11-20 12:30\nComponents: api=major_outage\n\nWorse.\n",
    );
    assert_eq!(after, expected);
}

#[test]
fn an_update_that_would_break_the_file_is_refused_and_undone() {
    let test = SiteTest::fixture("minimal");
    let path = test.root().join("content/incidents/2026-11-20-api-errors.md");
    let before = fs::read(&path).unwrap();
    // Older than the newest update: the file would list updates out of order.
    let run = update(&test, "2026-11-20-api-errors", "monitoring", "x", "2026-11-20T11:00:00Z", &[]);
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("left as it was"), "{}", run.stderr);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn init_makes_a_site_that_checks_and_builds() {
    let test = SiteTest::empty();
    let run = test.run(&["init", ".", "--timezone", "America/Sao_Paulo", "--now", "2026-11-25T12:00:00Z"]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    for file in [".gitignore", ".github/workflows/status.yml", "content/site.yaml", "content/components.yaml"] {
        assert!(test.root().join(file).is_file(), "{file}");
    }
    let workflow = fs::read_to_string(test.root().join(".github/workflows/status.yml")).unwrap();
    assert!(workflow.contains("statusforge check --format github"));
    assert!(workflow.contains("statusforge next-change"), "the schedule publishes only when due");
    assert!(workflow.contains("statusforge notify --current public"));
    assert_eq!(test.check().code, 0, "{}", test.check().all_output());
    test.build();
}

#[test]
fn init_over_existing_files_refuses_and_writes_nothing() {
    let test = SiteTest::empty().file("content/site.yaml", "title: mine\n");
    let run = test.run(&["init", "."]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("already holds content/site.yaml"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(test.root().join("content/site.yaml")).unwrap(), "title: mine\n");
    assert!(!test.root().join("content/components.yaml").exists());
}

#[test]
fn check_publishing_warns_about_what_init_left_behind() {
    let test = SiteTest::empty();
    assert_eq!(test.run(&["init", ".", "--now", "2026-11-25T12:00:00Z"]).code, 0);
    let plain = test.run(&["check", "--now", "2026-11-25T12:00:00Z"]);
    assert!(!plain.all_output().contains("placeholder"), "only when publishing:\n{}", plain.all_output());
    let run = test.run(&["check", "--publishing", "--format", "json", "--now", "2026-11-25T12:00:00Z"]);
    assert_eq!(run.code, 0, "warnings do not fail:\n{}", run.all_output());
    let all: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let kinds: Vec<&str> = all.iter().filter_map(|d| d["kind"].as_str()).collect();
    assert_eq!(kinds, ["sample-incident", "sample-maintenance", "placeholder-base-url"], "{all:#?}");
    assert_eq!(all[0]["file"], "content/incidents/example-api-errors.md");
    assert_eq!(all[2]["file"], "content/site.yaml");
    let strict = test.run(&["check", "--publishing", "--deny-warnings", "--now", "2026-11-25T12:00:00Z"]);
    assert_eq!(strict.code, 1);
}

#[test]
fn update_refuses_a_message_that_would_start_a_second_update() {
    let test = SiteTest::fixture("minimal");
    let path = test.root().join("content/incidents/2026-11-20-api-errors.md");
    let before = fs::read_to_string(&path).unwrap();
    for message in ["Fixed.\n\n## Resolved - 2026-11-20 13:00\nAll good.", "Fixed.\n\nDetails\n--------\nmore"] {
        let run = update(&test, "2026-11-20-api-errors", "update", message, "2026-11-20T12:30:00Z", &[]);
        assert_eq!(run.code, 2, "{}", run.all_output());
        assert!(run.stderr.contains("would start another update"), "{}", run.stderr);
        assert_eq!(fs::read_to_string(&path).unwrap(), before);
    }
}

/// A fence, HTML block or comment left open would turn every older update into its text.
#[test]
fn update_refuses_a_message_that_leaves_a_block_open() {
    let test = SiteTest::fixture("minimal");
    let path = test.root().join("content/incidents/2026-11-20-api-errors.md");
    let before = fs::read_to_string(&path).unwrap();
    for message in ["Fix deployed.\n```", "Fix deployed.\n<!-- note", "Fix deployed.\n<pre>"] {
        let run = update(&test, "2026-11-20-api-errors", "monitoring", message, "2026-11-20T12:30:00Z", &[]);
        assert_eq!(run.code, 2, "{message:?}: {}", run.all_output());
        assert!(run.stderr.contains("swallow the updates below it"), "{}", run.stderr);
        assert_eq!(fs::read_to_string(&path).unwrap(), before, "the file changed");
    }
}

#[test]
fn update_edits_a_file_that_starts_with_a_byte_order_mark() {
    let test = SiteTest::fixture("minimal");
    let path = test.root().join("content/incidents/2026-11-20-api-errors.md");
    let original = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("\u{feff}{original}")).unwrap();
    let run = update(&test, "2026-11-20-api-errors", "postmortem", "Why it happened.", "2026-11-21T10:00:00Z", &[]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("\u{feff}---\n"), "{text:?}");
    assert!(text.contains("## Postmortem - 2026-11-21 10:00\nWhy it happened.\n"), "{text}");
}

/// Two `update` commands on one incident at the same moment: each either adds its update or
/// refuses because the file changed under it; no update is ever lost.
#[test]
fn concurrent_updates_never_lose_one() {
    for round in 0..4 {
        let test = SiteTest::fixture("minimal");
        let path = test.root().join("content/incidents/2026-11-20-api-errors.md");
        let spawn = |message: &str| {
            std::process::Command::new(crate::common::BIN)
                .current_dir(test.root())
                .args(["update", "2026-11-20-api-errors", "--status", "update", "--message", message])
                .args(["--now", "2026-11-20T12:30:00Z"])
                .output()
                .unwrap()
        };
        let (a, b) = std::thread::scope(|s| {
            let a = s.spawn(|| spawn("First note."));
            let b = s.spawn(|| spawn("Second note."));
            (a.join().unwrap(), b.join().unwrap())
        });
        let text = fs::read_to_string(&path).unwrap();
        for (out, message) in [(&a, "First note."), (&b, "Second note.")] {
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                assert!(text.contains(message), "round {round}: `{message}` was reported added but is lost:\n{text}");
            } else {
                assert!(stderr.contains("changed while the update was being made"), "round {round}: {stderr}");
            }
        }
        assert!(a.status.success() || b.status.success(), "round {round}: neither update was added");
    }
}
