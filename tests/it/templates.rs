//! Templates (`content/templates/<name>.md`): `new --template NAME --var k=v` fills one into a
//! file that checks and builds; `check` reports a template's mistakes on its own lines.

use crate::check::{assert_at, assert_message, check_json, only_error};
use crate::common::{select_texts, Run, SiteTest};
use std::fs;

const DELAY: &str = "content/templates/carrier-delay.md";
const DELAY_TEXT: &str = "---\ntitle: \"SMS delays through {{carrier}}\"\nstatus: identified\nimpact: minor\ncomponents:\n  api: degraded_performance\n---\n\nMessages sent through {{carrier}} to {{country}} are late.\nWe are working with {{ carrier }}.\n";
const UPGRADE: &str = "content/templates/upgrade.md";
const UPGRADE_TEXT: &str =
    "---\nkind: maintenance\ntitle: 'Upgrade of {{gateway}}'\ncomponents: [smpp]\n---\n\nWe will upgrade {{gateway}}.\n";

fn site() -> SiteTest {
    SiteTest::fixture("minimal").now("2026-11-25T14:00:00Z").file(DELAY, DELAY_TEXT).file(UPGRADE, UPGRADE_TEXT)
}

fn new_from(test: &SiteTest, args: &[&str]) -> Run {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--now", "2026-11-25T13:05:00Z"]);
    test.run(&all)
}

#[test]
fn an_incident_from_a_template_is_filled_checked_and_built() {
    let test = site();
    let run = new_from(
        &test,
        &["incident", "--template", "carrier-delay", "--var", "carrier=Vivo \"SP\" #2", "--var", "country=Brazil"],
    );
    assert_eq!(run.code, 0, "{}", run.all_output());
    let path = test.root().join("content/incidents/2026-11-25-sms-delays-through-vivo-sp-2.md");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}: {}", run.all_output()));
    assert_eq!(
        text,
        "---\ntitle: \"SMS delays through Vivo \\\"SP\\\" #2\"\nimpact: minor\ncomponents:\n  api: degraded_performance\n---\n\n## Identified - 2026-11-25 13:05\nMessages sent through Vivo \"SP\" #2 to Brazil are late.\nWe are working with Vivo \"SP\" #2.\n"
    );
    let check = test.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
    let built = test.build();
    let page = built.html("incidents/2026-11-25-sms-delays-through-vivo-sp-2/index.html");
    assert_eq!(select_texts(&page, "h1"), ["SMS delays through Vivo \"SP\" #2"]);
    let summary = built.json("api/v2/summary.json");
    let api = summary["components"].as_array().unwrap().iter().find(|c| c["name"] == "API").unwrap();
    assert_eq!(api["status"], "degraded_performance");
}

#[test]
fn options_given_on_the_command_line_replace_the_templates_values() {
    let test = site();
    let run = new_from(
        &test,
        &[
            "incident",
            "Norcel is down",
            "--template",
            "carrier-delay",
            "--var",
            "carrier=Norcel",
            "--var",
            "country=Chile",
            "--status",
            "investigating",
            "--component",
            "smpp:major_outage",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all_output());
    let text = fs::read_to_string(test.root().join("content/incidents/2026-11-25-norcel-is-down.md")).unwrap();
    assert!(
        text.starts_with("---\ntitle: Norcel is down\nimpact: minor\ncomponents:\n  smpp: major_outage\n---\n"),
        "{text}"
    );
    assert!(text.contains("## Investigating - 2026-11-25 13:05\nMessages sent through Norcel to Chile"), "{text}");
}

#[test]
fn a_maintenance_from_a_template_gets_its_window() {
    let test = site();
    let run = new_from(
        &test,
        &[
            "maintenance",
            "--template",
            "upgrade",
            "--var",
            "gateway=O'Brien-2",
            "--start",
            "2026-12-10 01:00",
            "--end",
            "2026-12-10 03:00",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.all_output());
    let text = fs::read_to_string(test.root().join("content/maintenance/2026-12-10-upgrade-of-o-brien-2.md")).unwrap();
    assert!(text.contains("title: \"Upgrade of O'Brien-2\"\n"), "{text}");
    assert!(text.contains("window:\n  start: 2026-12-10 01:00\n  end: 2026-12-10 03:00\n"), "{text}");
    assert!(text.contains("## Scheduled - 2026-11-25 13:05\nWe will upgrade O'Brien-2.\n"), "{text}");
    let built = test.build();
    let ics = built.text("maintenance.ics");
    assert!(ics.contains("SUMMARY:Upgrade of O'Brien-2"), "{ics}");
}

#[test]
fn a_missing_or_unknown_variable_is_refused_and_nothing_is_written() {
    let test = site();
    let before = fs::read_dir(test.root().join("content/incidents")).unwrap().count();
    let missing = new_from(&test, &["incident", "--template", "carrier-delay", "--var", "carrier=Norcel"]);
    assert_eq!(missing.code, 2, "{}", missing.all_output());
    assert!(
        missing
            .stderr
            .contains("template `carrier-delay`: the template needs --var for `country`; it uses `carrier`, `country`"),
        "{}",
        missing.stderr
    );
    let unknown = new_from(
        &test,
        &["incident", "--template", "carrier-delay", "--var", "carrier=N", "--var", "country=B", "--var", "region=X"],
    );
    assert_eq!(unknown.code, 2);
    assert!(
        unknown.stderr.contains("the template has no `region`; it uses `carrier`, `country`"),
        "{}",
        unknown.stderr
    );
    let no_such = new_from(&test, &["incident", "--template", "carier-delay"]);
    assert_eq!(no_such.code, 2);
    assert!(no_such.stderr.contains("no template `carier-delay`"), "{}", no_such.stderr);
    assert!(no_such.stderr.contains("known: carrier-delay, upgrade"), "{}", no_such.stderr);
    let wrong_kind = new_from(&test, &["incident", "--template", "upgrade", "--var", "gateway=g"]);
    assert_eq!(wrong_kind.code, 2);
    assert!(wrong_kind.stderr.contains("template `upgrade` makes a maintenance"), "{}", wrong_kind.stderr);
    let no_template = test.run(&["new", "incident", "X", "--var", "a=b"]);
    assert_ne!(no_template.code, 0, "--var needs --template");
    assert_eq!(fs::read_dir(test.root().join("content/incidents")).unwrap().count(), before);
}

#[test]
fn a_value_that_makes_an_invalid_file_is_refused_with_the_problem() {
    let test = SiteTest::fixture("minimal")
        .file("content/templates/t.md", "---\ntitle: \"Down: {{what}}\"\nimpact: {{impact}}\n---\n\nText.\n");
    let run = new_from(&test, &["incident", "--template", "t", "--var", "what=API", "--var", "impact=huge"]);
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("does not make a valid file with these values"), "{}", run.stderr);
    assert!(run.stderr.contains("huge"), "{}", run.stderr);
    // The same template checks: a placeholder may stand for any impact until it is filled.
    let check = test.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
    let ok = new_from(&test, &["incident", "--template", "t", "--var", "what=API", "--var", "impact=major"]);
    assert_eq!(ok.code, 0, "{}", ok.all_output());
}

#[test]
fn check_reports_an_unknown_component_in_a_template_on_its_line() {
    let site = SiteTest::fixture("minimal").file(
        "content/templates/t.md",
        "---\ntitle: \"{{x}} down\"\ncomponents:\n  apii: major_outage\n---\n\n{{x}} is down.\n",
    );
    let d = only_error(site, "unknown-component");
    assert_at(&d, "content/templates/t.md", 4, 3);
}

#[test]
fn check_reports_a_bad_status_and_an_unclosed_placeholder() {
    let path = "content/templates/t.md";
    let site = SiteTest::fixture("minimal")
        .file(path, "---\ntitle: \"T\"\nstatus: resolved\n---\n\nWe see {{carrier delays.\n");
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1, "{}", run.all_output());
    let status = all.iter().find(|d| d["kind"] == "invalid-status").unwrap_or_else(|| panic!("{all:?}"));
    assert_message(status, "`resolved` is not the status an incident opens with");
    assert_at(status, path, 3, 9);
    let open = all.iter().find(|d| d["kind"] == "invalid-placeholder").unwrap_or_else(|| panic!("{all:?}"));
    assert_message(open, "this `{{` is not closed on its line");
    assert_at(open, path, 6, 8);
}

#[test]
fn check_reports_problems_in_the_first_update_on_the_templates_lines() {
    let path = "content/templates/t.md";
    // A level-two heading in the text would start a second update: it is drawn where written.
    let site = SiteTest::fixture("minimal").file(path, "---\ntitle: T\n---\n\nFirst line.\n\n## Later\nMore.\n");
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1, "{}", run.all_output());
    let errors: Vec<_> = all.iter().filter(|d| d["severity"] == "error").collect();
    assert!(!errors.is_empty(), "{all:?}");
    assert!(errors.iter().all(|d| d["file"] == path && d["line"] == 7), "{errors:?}");
}

#[test]
fn a_maintenance_template_with_a_window_and_an_unquoted_title_are_reported() {
    let path = "content/templates/m.md";
    let site = SiteTest::fixture("minimal").file(
        path,
        "---\nkind: maintenance\ntitle: Upgrade of {{gateway}}\nwindow:\n  start: 2026-12-10 01:00\n  end: 2026-12-10 02:00\n---\n\nText.\n",
    );
    let (run, all) = check_json(site);
    assert_eq!(run.code, 1, "{}", run.all_output());
    let window = all.iter().find(|d| d["kind"] == "unknown-key").unwrap_or_else(|| panic!("{all:?}"));
    assert_message(window, "a maintenance template has no `window`");
    assert_at(window, path, 4, 1);
    let unquoted = all.iter().find(|d| d["kind"] == "unquoted-placeholder").unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(unquoted["severity"], "warning");
    assert_at(unquoted, path, 3, 19);
}

#[test]
fn a_broken_template_never_stops_a_build() {
    let site = SiteTest::fixture("minimal").file("content/templates/t.md", "no front matter {{\n");
    assert_eq!(site.check().code, 1);
    let built = site.build();
    assert!(built.exists("index.html"));
}

#[test]
fn a_value_cannot_start_a_second_update_and_a_heading_takes_no_placeholder() {
    let test = SiteTest::fixture("minimal").file("content/templates/t.md", "---\ntitle: T\n---\n\n{{summary}}\n");
    let run = new_from(&test, &["incident", "--template", "t", "--var", "summary=## Resolved - 2026-01-01 10:00"]);
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(run.stderr.contains("a value may not start an update"), "{}", run.stderr);
    let path = "content/templates/h.md";
    let site = SiteTest::fixture("minimal").file(path, "---\ntitle: T\n---\n\nText.\n\n## Cause {{cause}}\n");
    let (_, all) = check_json(site);
    let d = all.iter().find(|d| d["message"] == "a placeholder cannot be in an update heading");
    assert_at(d.unwrap_or_else(|| panic!("{all:?}")), path, 7, 10);
}

#[test]
fn a_template_with_crlf_line_endings_makes_a_file_with_one_kind_of_line_ending() {
    let crlf = "---\r\ntitle: \"Delays at {{carrier}}\"\r\nimpact: minor\r\ncomponents:\r\n  api: degraded_performance\r\n---\r\n\r\nFirst paragraph about {{carrier}}.\r\n\r\nSecond paragraph.\r\n";
    let test = site().file("content/templates/crlf.md", crlf);
    let run = new_from(&test, &["incident", "--template", "crlf", "--var", "carrier=Norcel"]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let text = fs::read_to_string(test.root().join("content/incidents/2026-11-25-delays-at-norcel.md")).unwrap();
    assert_eq!(
        text,
        "---\ntitle: Delays at Norcel\nimpact: minor\ncomponents:\n  api: degraded_performance\n---\n\n## Investigating - 2026-11-25 13:05\nFirst paragraph about Norcel.\n\nSecond paragraph.\n"
    );
}

#[test]
fn a_value_with_a_hash_is_quoted_where_it_is_a_whole_value_and_refused_inside_one() {
    let test = SiteTest::fixture("minimal")
        .file("content/templates/alone.md", "---\ntitle: {{title}}\nimpact: minor\n---\n\nText.\n")
        .file("content/templates/inside.md", "---\ntitle: Delays at {{carrier}}\nimpact: minor\n---\n\nText.\n");
    let run = new_from(&test, &["incident", "--template", "alone", "--var", "title=Outage #2"]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    let text = fs::read_to_string(test.root().join("content/incidents/2026-11-25-outage-2.md"))
        .unwrap_or_else(|e| panic!("{e}: {}", run.all_output()));
    assert!(text.starts_with("---\ntitle: \"Outage #2\"\n") || text.starts_with("---\ntitle: 'Outage #2'\n"), "{text}");
    let run = new_from(&test, &["incident", "--template", "inside", "--var", "carrier=Vivo #2"]);
    assert_eq!(run.code, 2, "{}", run.all_output());
    assert!(
        run.stderr.contains(
            "--var carrier: `Vivo #2` holds a ` #`, which would end the unquoted YAML value on line 2 of the template"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("`title: \"... {{carrier}} ...\"`"), "{}", run.stderr);
}

/// A value standing alone as a plain YAML value is written as text, whatever YAML would make
/// of it unquoted: quotes kept, no anchor, tag, list or mapping.
#[test]
fn a_value_yaml_would_read_otherwise_is_quoted_as_text() {
    for value in ["'quoted'", "&anc x", "!!binary aGVsbG8=", "*alias", "[a, b]", "{a: b}", "x: y", "@at"] {
        let test = SiteTest::fixture("minimal")
            .file("content/templates/alone.md", "---\ntitle: {{title}}\nimpact: minor\n---\n\nText.\n");
        let run = new_from(&test, &["incident", "--template", "alone", "--var", &format!("title={value}")]);
        assert_eq!(run.code, 0, "{value}: {}", run.all_output());
        let built = test.now("2026-11-26T00:00:00Z").build();
        let index = built.json("api/v2/incidents.json");
        let names: Vec<&str> =
            index["incidents"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
        assert!(names.contains(&value), "{value}: {names:?}");
    }
}

#[test]
fn a_placeholder_for_the_status_is_refused_as_one() {
    let path = "content/templates/t.md";
    let site = SiteTest::fixture("minimal").file(path, "---\ntitle: \"T\"\nstatus: {{st}}\n---\n\nText.\n");
    let d = only_error(site, "invalid-placeholder");
    assert_message(&d, "`status` cannot be a placeholder");
    assert_at(&d, path, 3, 9);
}

/// A template's file name is its name for `--template`, not a page's slug: one with spaces or
/// capitals is checked and used like any other (it was refused as an invalid slug).
#[test]
fn a_template_named_freely_is_checked_and_used() {
    let test = SiteTest::fixture("minimal").file(
        "content/templates/Carrier Delay.md",
        "---\ntitle: \"Delays at {{carrier}}\"\nimpact: minor\n---\n\nText.\n",
    );
    let check = test.check();
    assert_eq!(check.code, 0, "{}", check.all_output());
    let run = new_from(&test, &["incident", "--template", "Carrier Delay", "--var", "carrier=Vivo"]);
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(test.root().join("content/incidents/2026-11-25-delays-at-vivo.md").exists(), "{}", run.all_output());
}
