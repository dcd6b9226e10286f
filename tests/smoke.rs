mod common;
use common::SiteTest;

#[test]
fn the_minimal_fixture_checks_clean() {
    let run = SiteTest::fixture("minimal").check();
    assert_eq!(run.code, 0, "{}", run.all_output());
    assert!(run.stdout.contains("ok: 3 components, 1 incident, 1 maintenance window"), "{}", run.stdout);
}

#[test]
fn the_example_site_checks_clean() {
    let run = SiteTest::example().check();
    assert_eq!(run.code, 0, "{}", run.all_output());
}
