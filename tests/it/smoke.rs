use crate::common;
use crate::common::SiteTest;

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

#[test]
fn a_clock_the_outputs_cannot_write_is_refused_not_a_panic() {
    let test = common::SiteTest::fixture("minimal");
    for now in ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00Z"] {
        let run = test.run(&["build", "--now", now]);
        assert_eq!(run.code, 2, "{now}: {}", run.all_output());
        assert!(run.stderr.contains("outside 1970-01-01T00:00Z to 9999-12-30T00:00Z"), "{}", run.stderr);
    }
    let out = std::process::Command::new(common::BIN)
        .args(["build"])
        .current_dir(test.root())
        .env("SOURCE_DATE_EPOCH", "-62167219201")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}
