//! Mistakes inside incident and maintenance files: titles, components, statuses, headings.

use super::*;
use crate::common::SiteTest;

#[test]
fn a_missing_title_points_at_the_front_matter() {
    let text = incident_file("impact: major\ncomponents: [api]\n", ONE_UPDATE);
    let d = only_error(incident(&text), "missing-field");
    assert_at(&d, INCIDENT, 2, 1);
    assert_message(&d, "the incident has no `title`");
    assert_eq!(d["label"], "`title:` is required");
}

#[test]
fn an_empty_title_is_refused_whether_quoted_or_bare() {
    for (line, column) in [("title: \"\"", 8), ("title:", 1)] {
        let text = incident_file(&format!("{line}\nimpact: major\ncomponents: [api]\n"), ONE_UPDATE);
        let d = only_error(incident(&text), "missing-field");
        assert_at(&d, INCIDENT, 2, column);
        assert_message(&d, "`title` is empty");
    }
}

#[test]
fn an_unknown_component_in_a_map_suggests_the_closest_and_lists_the_known() {
    let d = only_error(SiteTest::fixture("bad-unknown-component"), "unknown-component");
    assert_at(&d, INCIDENT, 6, 3);
    assert_eq!(d["end_column"], 6);
    assert_message(&d, "no component with id `wbe`");
    assert_eq!(d["help"], "did you mean `web`? known: `api`, `web`, `smpp`");
}

#[test]
fn an_unknown_component_in_a_list_is_underlined_in_the_list() {
    let text = incident_file("title: API errors\nimpact: major\ncomponents: [api, smmp]\n", ONE_UPDATE);
    let d = only_error(incident(&text), "unknown-component");
    assert_at(&d, INCIDENT, 4, 19);
    assert_help_contains(&d, "did you mean `smpp`?");
}

#[test]
fn an_unknown_component_in_a_maintenance_is_reported() {
    let text = "---\ntitle: Upgrade\ncomponents:\n  - web\n  - wbe\nwindow:\n  start: 2026-12-01 02:00\n  end: 2026-12-01 03:00\n---\n\n## Scheduled - 2026-11-24 10:00\nSoon.\n";
    let d = only_error(maintenance(text), "unknown-component");
    assert_at(&d, MAINTENANCE, 5, 5);
    assert_message(&d, "no component with id `wbe`");
    assert_help_contains(&d, "did you mean `web`?");
}

#[test]
fn a_misspelt_update_status_suggests_the_right_one() {
    let body = "## Resovled - 2026-11-20 12:00\nFixed.\n";
    let d =
        only_error(incident(&incident_file("title: x\nimpact: major\ncomponents: [api]\n", body)), "unknown-status");
    assert_at(&d, INCIDENT, 7, 4);
    assert_message(&d, "unknown status `Resovled`");
    assert_help_contains(&d, "did you mean `resolved`?");
}

#[test]
fn an_unknown_impact_lists_the_impacts() {
    let d = only_error(
        incident(&incident_file("title: x\nimpact: huge\ncomponents: [api]\n", ONE_UPDATE)),
        "unknown-impact",
    );
    assert_at(&d, INCIDENT, 3, 9);
    assert_message(&d, "unknown impact `huge`");
    assert_eq!(d["help"], "expected one of: `none`, `minor`, `major`, `critical`");
}

#[test]
fn an_unknown_component_status_suggests_the_full_keyword() {
    let text = incident_file("title: x\ncomponents:\n  api: degraded\n", ONE_UPDATE);
    let d = only_error(incident(&text), "unknown-component-status");
    assert_at(&d, INCIDENT, 4, 8);
    assert_message(&d, "unknown component status `degraded`");
    assert_help_contains(&d, "did you mean `degraded_performance`?");
}

#[test]
fn an_update_heading_without_separator_is_refused_on_its_line() {
    for heading in ["## Resolved 2026-11-20", "## Details"] {
        let body = format!("{heading}\nmore\n\n{ONE_UPDATE}");
        let text = incident_file("title: x\nimpact: major\ncomponents: [api]\n", &body);
        let d = only_error(incident(&text), "bad-update-heading");
        assert_at(&d, INCIDENT, 7, 1);
        assert_eq!(d["end_column"], heading.len() as u64 + 1, "{d:#}");
        assert_message(&d, &format!("`{heading}` is not an update heading"));
        assert_help_contains(&d, "use `###` for headings inside an update");
    }
}

#[test]
fn text_before_the_first_update_is_refused() {
    let body = format!("We are looking into it.\n\n{ONE_UPDATE}");
    let d = only_error(
        incident(&incident_file("title: x\nimpact: major\ncomponents: [api]\n", &body)),
        "text-before-updates",
    );
    assert_at(&d, INCIDENT, 7, 1);
    assert_eq!(d["end_column"], 24);
}

#[test]
fn updates_out_of_order_point_at_the_newer_looking_one() {
    let body = "## Resolved - 2026-11-20 09:00\nFixed.\n\n## Investigating - 2026-11-20 10:00\nLooking.\n";
    let d = only_error(
        incident(&incident_file("title: x\nimpact: major\ncomponents: [api]\n", body)),
        "updates-out-of-order",
    );
    assert_at(&d, INCIDENT, 7, 15);
    assert_message(&d, "this update is older than the update below it");
}

#[test]
fn listed_components_without_impact_are_refused() {
    let d = only_error(incident(&incident_file("title: x\ncomponents: [api, web]\n", ONE_UPDATE)), "missing-impact");
    assert_at(&d, INCIDENT, 3, 13);
    assert_help_contains(&d, "add `impact: minor|major|critical`");
}

#[test]
fn resolved_without_started_is_refused() {
    let text = incident_file("title: x\nimpact: minor\ncomponents: [api]\nresolved: 2026-11-20 10:00\n", "It broke.\n");
    let d = only_error(incident(&text), "missing-started");
    assert_at(&d, INCIDENT, 5, 11);
    assert_message(&d, "`resolved:` needs `started:` too");
}

#[test]
fn a_window_that_ends_before_it_starts_is_refused_at_its_end() {
    let d = only_error(SiteTest::fixture("bad-window-ends-before-start"), "window-ends-before-start");
    assert_at(&d, MAINTENANCE, 6, 8);
    assert_message(&d, "the window ends before it starts");
    assert_help_contains(&d, "past midnight ends on the next day");
}

#[test]
fn one_file_with_two_independent_mistakes_reports_both() {
    let text = incident_file("title: x\nimpact: huge\ncomponents:\n  wbe: partial_outage\n", ONE_UPDATE);
    let (run, all) = check_json(incident(&text));
    assert_eq!(run.code, 1);
    let kinds: Vec<&str> = all.iter().filter_map(|d| d["kind"].as_str()).collect();
    assert_eq!(kinds, ["unknown-impact", "unknown-component"], "{}", pretty(&all));
    assert_at(&all[0], INCIDENT, 3, 9);
    assert_at(&all[1], INCIDENT, 5, 3);
}

#[test]
fn listed_components_without_impact_still_report_an_unknown_id() {
    let (_, all) = check_json(incident(&incident_file("title: x\ncomponents: [smmp]\n", ONE_UPDATE)));
    let kinds: Vec<&str> = all.iter().filter_map(|d| d["kind"].as_str()).collect();
    assert_eq!(kinds, ["missing-impact", "unknown-component"], "{}", pretty(&all));
}

#[test]
fn updates_out_of_order_are_reported_alongside_text_before_them() {
    let body = "Preamble.\n\n## Resolved - 2026-11-20 09:00\nFixed.\n\n## Investigating - 2026-11-20 10:00\nLooking.\n";
    let (_, all) = check_json(incident(&incident_file("title: x\nimpact: major\ncomponents: [api]\n", body)));
    let kinds: Vec<&str> = all.iter().filter_map(|d| d["kind"].as_str()).collect();
    assert_eq!(kinds, ["text-before-updates", "updates-out-of-order"], "{}", pretty(&all));
}

#[test]
fn smtp_credentials_without_encryption_are_refused() {
    let site = "title: T\nbase_url: https://status.example.com/\nnotify:\n  email:\n    - host: smtp.example.com\n      security: none\n      from: status@example.com\n      to: list@example.com\n      user_env: SMTP_USER\n      password_env: SMTP_PASSWORD\n";
    let d = only_error(SiteTest::fixture("minimal").file("content/site.yaml", site), "credentials-in-the-clear");
    assert_at(&d, "content/site.yaml", 6, 7);
    assert_message(&d, "`security: none` would send the SMTP password unencrypted");
}

#[test]
fn raw_html_nested_a_hundred_thousand_deep_is_refused_before_rendering() {
    let body = format!("## Investigating - 2026-11-20 10:00\n{}\n", "<div>".repeat(100_000));
    let d = only_error(
        incident(&incident_file("title: T\nimpact: minor\ncomponents: [api]\n", &body)),
        "markdown-too-deep",
    );
    assert_at(&d, INCIDENT, 8, 1);
    assert_message(&d, "quotes, lists, emphasis, links or HTML tags nest more than 32 levels deep");
}
