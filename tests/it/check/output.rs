//! How `check` prints: compiler-style text, GitHub annotations, JSON; exit codes and warnings.

use super::*;
use crate::common::SiteTest;

/// The lines of a text diagnostic block starting with `error[kind]`.
fn block<'a>(stdout: &'a str, kind: &str) -> Vec<&'a str> {
    let head = format!("error[{kind}]");
    let start = stdout.find(&head).unwrap_or_else(|| panic!("no {head} in:\n{stdout}"));
    stdout[start..].lines().take_while(|l| !l.is_empty()).collect()
}

/// The column (1-based, in characters) where `^` starts in a snippet line, and how many.
fn underline(line: &str) -> (usize, usize) {
    let text = line.split_once(" | ").map(|(_, t)| t).unwrap_or_else(|| panic!("no gutter: {line:?}"));
    let start = text.find('^').unwrap_or_else(|| panic!("no ^ in {line:?}"));
    let width = text[start..].chars().take_while(|c| *c == '^').count();
    (start + 1, width)
}

#[test]
fn text_underlines_an_unknown_component_and_gives_help() {
    let run = SiteTest::fixture("bad-unknown-component").check();
    assert_eq!(run.code, 1);
    let lines = block(&run.stdout, "unknown-component");
    assert_eq!(lines[0], "error[unknown-component]: no component with id `wbe`");
    assert_eq!(lines[1].trim_start(), format!("--> {INCIDENT}:6:3"));
    assert_eq!(lines[3], "6 |   wbe: degraded_performance");
    assert_eq!(underline(lines[4]), (3, 3), "{lines:#?}");
    assert!(lines[4].ends_with("^^^ not declared in content/components.yaml"), "{lines:#?}");
    assert_eq!(lines[5], "   = help: did you mean `web`? known: `api`, `web`, `smpp`");
    assert!(run.stdout.ends_with("error: 1 problem in 1 file\n"), "{}", run.stdout);
}

#[test]
fn text_underlines_the_whole_bad_time_in_a_heading() {
    let run = SiteTest::fixture("bad-dst-gap").check();
    let lines = block(&run.stdout, "nonexistent-time");
    assert_eq!(lines[3], "11 | ## Investigating - 2026-03-29 02:30");
    assert_eq!(underline(lines[4]), (20, 16), "{lines:#?}");
    assert!(lines.iter().any(|l| l.starts_with("   = help: use a time after the clocks moved forward")), "{lines:#?}");
}

#[test]
fn text_underlines_by_characters_not_bytes() {
    let text = incident_file("title: Atualização\nimpact: grave\ncomponents: [api]\n", ONE_UPDATE);
    let run = incident(&text).check();
    let lines = block(&run.stdout, "unknown-impact");
    assert_eq!(lines[3], "3 | impact: grave");
    assert_eq!(underline(lines[4]), (9, 5), "{lines:#?}");
    let text = incident_file("title: x\nimpact: major\ncomponents: {api: ótimo}\n", ONE_UPDATE);
    let run = incident(&text).check();
    let lines = block(&run.stdout, "unknown-component-status");
    assert!(lines[1].ends_with(":4:19"), "{lines:#?}");
    assert_eq!(underline(lines[4]), (19, 5), "{lines:#?}");
}

#[test]
fn duplicate_slug_text_names_both_files() {
    let run = SiteTest::fixture("bad-duplicate-slug").check();
    let lines = block(&run.stdout, "duplicate-slug");
    assert!(lines[1].ends_with("content/incidents/2026-11-22-smpp-binds.md:4:7"), "{lines:#?}");
    assert!(
        lines.contains(&"   = note: content/incidents/2026-11-21-web-slow.md:3:7: `same` first used here"),
        "{lines:#?}"
    );
}

#[test]
fn mistakes_in_three_files_are_all_printed_with_their_places() {
    let run = SiteTest::fixture("bad-three-files").check();
    assert_eq!(run.code, 1, "{}", run.all_output());
    let places: Vec<&str> = run.stdout.lines().filter_map(|l| l.trim_start().strip_prefix("--> ")).collect();
    assert_eq!(places, ["content/components.yaml:10:12", format!("{INCIDENT}:8:4").as_str(), "content/site.yaml:4:1"]);
    assert!(run.stdout.ends_with("error: 3 problems in 3 files\n"), "{}", run.stdout);
}

#[test]
fn mistakes_in_three_files_become_three_github_annotations() {
    let run = SiteTest::fixture("bad-three-files").arg("--format").arg("github").check();
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    assert!(lines[0].starts_with("::error file=content/components.yaml,line=10,col=12,endColumn=15,title=unknown-group::no group with id `api`%0Ahelp: did you mean `apis`?"), "{}", lines[0]);
    assert!(
        lines[1].starts_with(&format!(
            "::error file={INCIDENT},line=8,col=4,endColumn=12,title=unknown-status::unknown status `Resovled`"
        )),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("::error file=content/site.yaml,line=4,col=1,endColumn=12,title=unknown-key::"),
        "{}",
        lines[2]
    );
}

#[test]
fn json_output_parses_and_carries_positions_for_every_problem() {
    let (run, all) = check_json(SiteTest::fixture("bad-three-files"));
    assert_eq!(run.code, 1);
    assert_eq!(all.len(), 3);
    for d in &all {
        for key in ["line", "column", "end_line", "end_column"] {
            assert!(d[key].as_u64().is_some_and(|n| n >= 1), "{key} in {d:#}");
        }
        assert!(d["file"].as_str().is_some_and(|f| f.starts_with("content/")), "{d:#}");
        assert!(!d["message"].as_str().unwrap_or("").contains("Some("), "Debug output in {d:#}");
    }
}

#[test]
fn a_clean_site_exits_zero_and_says_so() {
    let run = SiteTest::fixture("minimal").check();
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(run.stdout.starts_with("ok: "), "{}", run.stdout);
    let (run, all) = check_json(SiteTest::fixture("minimal"));
    assert_eq!((run.code, all.len()), (0, 0), "{}", pretty(&all));
}

fn open_for_eight_days() -> SiteTest {
    let body = "## Investigating - 2026-11-17 10:00\nLooking.\n";
    incident(&incident_file("title: x\nimpact: major\ncomponents: [api]\n", body)).now("2026-11-25T12:00:00Z")
}

#[test]
fn an_incident_open_for_eight_days_warns_but_exits_zero() {
    let (run, all) = check_json(open_for_eight_days());
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert_eq!(all.len(), 1, "{}", pretty(&all));
    assert_eq!((all[0]["severity"].as_str(), all[0]["kind"].as_str()), (Some("warning"), Some("stale-incident")));
    assert_eq!(all[0]["file"], INCIDENT);
    assert_message(&all[0], "incident `2026-11-20-api-errors` has been open for 8 days");
    let run = open_for_eight_days().check();
    assert!(run.stdout.contains("warning[stale-incident]"), "{}", run.stdout);
}

#[test]
fn deny_warnings_makes_a_warning_fail() {
    let run = open_for_eight_days().arg("--deny-warnings").check();
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(run.stdout.contains("warning[stale-incident]"), "{}", run.stdout);
}

#[test]
fn an_incident_open_for_six_days_does_not_warn() {
    let (run, all) = check_json(open_for_eight_days().now("2026-11-23T09:00:00Z"));
    assert_eq!((run.code, all.len()), (0, 0), "{}", pretty(&all));
}
