//! Mistakes in the `Components: id=status, ...` line that opens an update.

use super::*;

const FRONT: &str = "title: API errors\nimpact: major\ncomponents:\n  api: major_outage\n";

/// The minimal site's incident with `line` opening its second (monitoring) update, which is on
/// line 12 of the file.
fn with_line(line: &str) -> SiteTest {
    let body = format!(
        "## Resolved - 2026-11-20 12:00\nFixed.\n\n## Monitoring - 2026-11-20 11:00\n{line}\n\nWatching.\n\n## Investigating - 2026-11-20 10:00\nLooking.\n"
    );
    incident(&incident_file(FRONT, &body))
}

const LINE: u64 = 12;

#[test]
fn an_unknown_component_is_pointed_at_with_a_suggestion() {
    let d = only_error(with_line("Components: api=operational, smmp=degraded_performance"), "unknown-component");
    assert_at(&d, INCIDENT, LINE, 30);
    assert_message(&d, "no component with id `smmp`");
    assert_help_contains(&d, "did you mean `smpp`?");
}

#[test]
fn an_unknown_status_suggests_the_closest() {
    let d = only_error(with_line("components: api=degraded"), "unknown-component-status");
    assert_at(&d, INCIDENT, LINE, 17);
    assert_message(&d, "unknown component status `degraded`");
    assert_help_contains(&d, "did you mean `degraded_performance`?");
}

#[test]
fn a_component_named_twice_in_one_line_is_refused_at_the_second() {
    let d = only_error(
        with_line("Components: api=partial_outage, web=operational, api=operational"),
        "duplicate-component",
    );
    assert_at(&d, INCIDENT, LINE, 50);
    assert_message(&d, "component `api` is named twice in this line");
}

#[test]
fn an_entry_without_an_equals_sign_is_malformed() {
    let d = only_error(with_line("Components: api: operational"), "malformed-components-line");
    assert_at(&d, INCIDENT, LINE, 13);
    assert_message(&d, "`api: operational` is not `id=status`");
    assert_help_contains(&d, "write `api=operational`");
}

/// Prose after `Components:` was text before the timeline and stays text: no `=`, no change.
#[test]
fn a_line_without_any_id_status_entry_stays_text() {
    for line in ["COMPONENTS:", "Components: SMS API, Web dashboard"] {
        let run = with_line(line).check();
        assert_eq!(run.code, 0, "{line}: {}", run.all_output());
    }
}

#[test]
fn every_mistake_of_a_line_is_reported_in_one_run() {
    let (run, all) = check_json(with_line("Components: wbe=operational, api=broken, , web"));
    // `web` has no `=` and the empty entry is between two commas: two malformed entries.
    let kinds: Vec<&str> = all.iter().filter(|d| d["severity"] == "error").filter_map(|d| d["kind"].as_str()).collect();
    assert_eq!(run.code, 1);
    assert!(kinds.contains(&"unknown-component"), "{kinds:?}");
    assert!(kinds.contains(&"unknown-component-status"), "{kinds:?}");
    assert_eq!(kinds.iter().filter(|k| **k == "malformed-components-line").count(), 2, "{kinds:?}");
}

#[test]
fn a_resolving_update_may_only_return_components_to_operational() {
    let body = "## Resolved - 2026-11-20 12:00\nComponents: api=operational, web=partial_outage\n\nFixed.\n\n## Investigating - 2026-11-20 10:00\nLooking.\n";
    let d = only_error(incident(&incident_file(FRONT, body)), "status-after-resolution");
    assert_at(&d, INCIDENT, 9, 34);
    assert_message(&d, "`web` cannot be partial_outage once the incident is resolved");
    let fine = "## Resolved - 2026-11-20 12:00\nComponents: api=operational\n\nFixed.\n\n## Investigating - 2026-11-20 10:00\nLooking.\n";
    assert_eq!(incident(&incident_file(FRONT, fine)).check().code, 0);
}

#[test]
fn a_components_line_further_down_is_only_text() {
    let site = with_line("Watching closely.\nComponents: nothing=here");
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.all_output());
}

#[test]
fn a_resolving_line_is_reported_even_when_a_heading_is_wrong_too() {
    let body = "## Details\nText.\n\n## Resolved - 2026-11-20 12:00\nComponents: api=major_outage\n\nFixed.\n\n\
                ## Investigating - 2026-11-20 10:00\nLooking.\n";
    let (_, all) = check_json(incident(&incident_file(FRONT, body)));
    let kinds: Vec<&str> = all.iter().filter_map(|d| d["kind"].as_str()).collect();
    assert!(kinds.contains(&"bad-update-heading"), "{kinds:?}");
    assert!(kinds.contains(&"status-after-resolution"), "{kinds:?}");
}

#[test]
fn a_line_of_thousands_of_mistakes_reports_a_bounded_few() {
    let line =
        format!("Components: {}", (0..900).map(|i| format!("nope{i}=operational")).collect::<Vec<_>>().join(", "));
    let (run, all) = check_json(with_line(&line));
    assert_eq!(run.code, 1);
    assert!(all.len() <= 22, "{} diagnostics", all.len());
    assert!(all.iter().any(|d| d["message"].as_str().is_some_and(|m| m.ends_with("more mistakes in this line"))));
    let text = with_line(&line).check();
    assert!(text.stdout.len() < 40_000, "{} bytes of output", text.stdout.len());
}
