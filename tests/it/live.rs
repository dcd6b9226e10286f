//! `check --live URL --max-age D`: the live site's generation time, read from its status.json
//! over HTTP, against a maximum age.

use crate::common;

use crate::common::{SiteTest, StaticServer as Static};

fn live_check(built_at: &str, now: &str, max_age: &str) -> common::Run {
    let test = SiteTest::fixture("minimal").now(built_at);
    let built = test.build();
    let site = Static::serve(built.root.clone());
    test.run(&["check", "--live", &format!("{}/", site.url), "--max-age", max_age, "--now", now])
}

#[test]
fn a_site_generated_within_the_maximum_age_is_fresh() {
    let run = live_check("2026-11-25T12:00:00Z", "2026-11-25T12:20:00Z", "30m");
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(run.stdout.contains("fresh"), "{}", run.stdout);
}

#[test]
fn a_site_generated_longer_ago_is_stale_and_says_when() {
    let run = live_check("2026-11-25T12:00:00Z", "2026-11-25T13:00:00Z", "30m");
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(run.stdout.contains("stale") && run.stdout.contains("2026-11-25T12:00:00Z"), "{}", run.stdout);
    assert!(run.stdout.contains("60 minutes ago"), "{}", run.stdout);
}

#[test]
fn a_bad_duration_or_a_missing_site_is_a_usage_error() {
    let run = live_check("2026-11-25T12:00:00Z", "2026-11-25T12:10:00Z", "soon");
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not a duration"), "{}", run.stderr);
    let empty = Static::serve(crate::common::temp_dir().keep());
    let run = SiteTest::empty().run(&["check", "--live", &format!("{}/", empty.url)]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("status.json does not exist"), "{}", run.stderr);
}

#[test]
fn a_site_generated_in_the_future_means_a_wrong_clock() {
    let run = live_check("2026-11-25T14:00:00Z", "2026-11-25T12:00:00Z", "30m");
    assert_eq!(run.code, 1, "{}", run.all_output());
    assert!(run.stdout.contains("wrong clock"), "{}", run.stdout);
}
