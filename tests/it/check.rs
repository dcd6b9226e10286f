//! `statusforge check` on bad input: every planted mistake is refused with its kind, message,
//! file, line and column, through the real binary. Cases live in `tests/check/*.rs`.

#[path = "check/content.rs"]
mod content;
#[path = "check/files.rs"]
mod files;
#[path = "check/output.rs"]
mod output;
#[path = "check/site_yaml.rs"]
mod site_yaml;
#[path = "check/timeline.rs"]
mod timeline;
#[path = "check/times.rs"]
mod times;

use crate::common::{Run, SiteTest};
use serde_json::Value;

/// The incident file of the `minimal` fixture.
pub(crate) const INCIDENT: &str = "content/incidents/2026-11-20-api-errors.md";
pub(crate) const MAINTENANCE: &str = "content/maintenance/2026-12-01-upgrade.md";

/// `check --format json`: the run and its parsed diagnostics.
pub(crate) fn check_json(site: SiteTest) -> (Run, Vec<Value>) {
    let run = site.arg("--format").arg("json").check();
    let value: Value = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("--format json printed no JSON ({e}):\n{}", run.all_output()));
    let items = value.as_array().unwrap_or_else(|| panic!("not an array: {value}")).clone();
    (run, items)
}

/// The only error `check` reports, which must be of `kind`; the run must exit 1.
pub(crate) fn only_error(site: SiteTest, kind: &str) -> Value {
    let (run, all) = check_json(site);
    let errors: Vec<&Value> = all.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "expected exactly one error, got:\n{}", pretty(&all));
    assert_eq!(errors[0]["kind"], kind, "{}", pretty(&all));
    assert_eq!(run.code, 1, "an error must exit 1:\n{}", run.all_output());
    errors[0].clone()
}

/// Asserts file, line and column of a JSON diagnostic.
#[track_caller]
pub(crate) fn assert_at(d: &Value, file: &str, line: u64, column: u64) {
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some(file), Some(line), Some(column)),
        "{d:#}"
    );
}

#[track_caller]
pub(crate) fn assert_message(d: &Value, message: &str) {
    assert_eq!(d["message"], message, "{d:#}");
}

#[track_caller]
pub(crate) fn assert_help_contains(d: &Value, part: &str) {
    let help = d["help"].as_str().unwrap_or_else(|| panic!("no help: {d:#}"));
    assert!(help.contains(part), "help {help:?} lacks {part:?}");
}

pub(crate) fn pretty(all: &[Value]) -> String {
    serde_json::to_string_pretty(all).unwrap_or_default()
}

/// The minimal site with its incident replaced.
pub(crate) fn incident(text: &str) -> SiteTest {
    SiteTest::fixture("minimal").file(INCIDENT, text)
}

/// The minimal site with its maintenance replaced.
pub(crate) fn maintenance(text: &str) -> SiteTest {
    SiteTest::fixture("minimal").file(MAINTENANCE, text)
}

/// An incident file: front matter lines, then the body.
pub(crate) fn incident_file(front: &str, body: &str) -> String {
    format!("---\n{front}---\n\n{body}")
}

/// A body with one good update.
pub(crate) const ONE_UPDATE: &str = "## Resolved - 2026-11-20 12:00\nFixed.\n";
