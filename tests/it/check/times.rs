//! Dates and times that cannot be, or that the site's clock skips.

use super::*;
use crate::common::SiteTest;

fn with_investigating(time: &str) -> SiteTest {
    let body = format!("## Investigating - {time}\nLooking.\n");
    incident(&incident_file("title: x\nimpact: major\ncomponents: [api]\n", &body))
}

#[test]
fn february_the_thirtieth_is_refused_with_the_months_length() {
    let d = only_error(with_investigating("2026-02-30 10:00"), "invalid-time");
    assert_at(&d, INCIDENT, 7, 20);
    assert_eq!(d["end_column"], 36);
    assert_message(&d, "2026-02-30 is not a date: that month has 28 days");
    assert_help_contains(&d, "YYYY-MM-DD HH:MM");
}

#[test]
fn hour_twenty_five_is_refused() {
    let d = only_error(with_investigating("2026-11-20 25:00"), "invalid-time");
    assert_at(&d, INCIDENT, 7, 20);
    assert_message(&d, "25:00:00 is not a time of day: hours run 00-23, minutes and seconds 00-59");
}

#[test]
fn an_impossible_started_time_in_front_matter_is_refused_on_its_line() {
    let text = incident_file("title: x\nimpact: major\ncomponents: [api]\nstarted: 2026-11-20 25:00\n", ONE_UPDATE);
    let d = only_error(incident(&text), "invalid-time");
    assert_at(&d, INCIDENT, 5, 10);
}

#[test]
fn a_local_time_in_the_spring_forward_gap_is_refused() {
    let d = only_error(SiteTest::fixture("bad-dst-gap"), "nonexistent-time");
    assert_at(&d, INCIDENT, 11, 20);
    assert_message(
        &d,
        "2026-03-29 02:30 does not exist in Europe/Berlin: the clocks skip it when daylight saving time starts",
    );
    assert_help_contains(&d, "`2026-03-29 02:30 +01:00`");
}

#[test]
fn the_same_time_with_an_offset_is_accepted() {
    let site = SiteTest::fixture("bad-dst-gap").file(
        INCIDENT,
        "---\ntitle: x\nimpact: major\ncomponents: [api]\n---\n\n## Resolved - 2026-03-29 03:50\nOk.\n\n## Investigating - 2026-03-29 02:30 +01:00\nLooking.\n",
    );
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.all_output());
}

#[test]
fn a_year_the_outputs_cannot_write_is_refused_with_its_line() {
    let body = "## Investigating - 0000-01-01 00:00 +01:00\nLooking.\n";
    let d = only_error(incident(&incident_file("title: T\nimpact: minor\ncomponents: [api]\n", body)), "invalid-time");
    assert_at(&d, INCIDENT, 7, 20);
    assert!(d["message"].as_str().unwrap().contains("outside the years 1970 to 9999"), "{d}");
}
