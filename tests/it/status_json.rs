//! Our own `status.json`: valid against `schemas/status.schema.json` (formats asserted), the
//! schema shipped beside it, the build clock as `generated_at`, and uptime per day.

use crate::common::SiteTest;
use serde_json::Value;

fn schema() -> Value {
    let text = include_str!("../../schemas/status.schema.json");
    serde_json::from_str(text).expect("the schema is JSON")
}

/// The schema compiled with formats asserted. boon checks it against its metaschema first.
struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Validator {
    fn errors(&self, doc: &Value) -> Option<String> {
        self.schemas.validate(doc, self.index).err().map(|e| format!("{e:#}"))
    }

    fn is_valid(&self, doc: &Value) -> bool {
        self.errors(doc).is_none()
    }
}

fn compile(schema: Value) -> Result<Validator, String> {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    let url = "https://statusforge.invalid/status.schema.json";
    compiler.add_resource(url, schema).map_err(|e| e.to_string())?;
    let index = compiler.compile(url, &mut schemas).map_err(|e| format!("{e:#}"))?;
    Ok(Validator { schemas, index })
}

fn validator() -> Validator {
    compile(schema()).expect("the schema compiles")
}

fn assert_valid(doc: &Value) {
    if let Some(errors) = validator().errors(doc) {
        panic!("status.json is invalid: {errors}");
    }
}

#[test]
fn the_schema_is_a_valid_2020_12_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    // Compiling checks the schema against the 2020-12 metaschema: a broken one is refused.
    compile(schema.clone()).expect("the schema compiles");
    let mut broken = schema;
    broken["type"] = 5.into();
    assert!(compile(broken).is_err(), "the metaschema check is live");
}

#[test]
fn status_json_of_the_example_site_validates_against_its_schema() {
    let site = SiteTest::example();
    let built = site.build();
    assert_valid(&built.json("status.json"));
}

#[test]
fn status_json_with_active_incidents_and_maintenance_validates_against_its_schema() {
    let site = SiteTest::fixture("api-saopaulo").now("2026-11-25T12:00:00Z");
    let built = site.build();
    let doc = built.json("status.json");
    assert_eq!(doc["incidents"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["maintenance"]["active"].as_array().map(Vec::len), Some(1));
    assert_eq!(doc["maintenance"]["upcoming"].as_array().map(Vec::len), Some(1));
    assert_valid(&doc);
}

#[test]
fn the_schema_rejects_a_document_that_breaks_it() {
    let site = SiteTest::fixture("api-saopaulo");
    let built = site.build();
    let doc = built.json("status.json");
    assert!(validator().is_valid(&doc));
    let mut bad_status = doc.clone();
    bad_status["components"][0]["status"] = "broken".into();
    assert!(!validator().is_valid(&bad_status));
    let mut bad_time = doc.clone();
    bad_time["generated_at"] = "yesterday".into();
    assert!(!validator().is_valid(&bad_time), "date-time formats are asserted");
    let mut extra = doc;
    extra["surprise"] = true.into();
    assert!(!validator().is_valid(&extra));
}

#[test]
fn the_output_carries_the_schema_and_points_at_it() {
    let site = SiteTest::fixture("api-saopaulo");
    let built = site.build();
    assert_eq!(built.json("status.schema.json"), schema());
    assert_eq!(built.json("status.json")["$schema"], "https://status.example.com.br/status/status.schema.json");
}

#[test]
fn generated_at_is_the_build_clock_in_the_site_zone() {
    let site = SiteTest::fixture("api-saopaulo").now("2026-11-25T12:00:00Z");
    let built = site.build();
    let doc = built.json("status.json");
    assert_eq!(doc["generated_at"], "2026-11-25T09:00:00-03:00");
    assert_eq!(doc["page"]["time_zone"], "America/Sao_Paulo");
    assert_eq!(doc["page"]["updated_at"], "2026-11-25T08:00:00-03:00");
    assert_eq!(doc["page"]["url"], "https://status.example.com.br/status/");
}

#[test]
fn two_builds_at_one_clock_write_identical_status_json() {
    let first = SiteTest::fixture("api-saopaulo");
    let second = SiteTest::fixture("api-saopaulo");
    assert_eq!(first.build().text("status.json"), second.build().text("status.json"));
}

fn daily(doc: &Value, id: &str) -> Vec<Value> {
    let component = doc["components"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    component["uptime"]["daily"].as_array().unwrap().clone()
}

#[test]
fn uptime_lists_each_day_of_the_window_with_null_before_since() {
    let site = SiteTest::fixture("api-saopaulo")
        .file("content/site.yaml", "title: T\nbase_url: https://s.example.com/\ntimezone: America/Sao_Paulo\nuptime_days: 30\n")
        .file(
            "content/components.yaml",
            "groups:\n  - id: messaging\n    name: Messaging\ncomponents:\n  - id: sms\n    name: SMS\n    group: messaging\n    since: 2026-11-10\n  - id: whatsapp\n    name: WhatsApp\n    group: messaging\n  - id: dashboard\n    name: Dashboard\n",
        )
        .now("2026-11-25T12:00:00Z");
    let built = site.build();
    let doc = built.json("status.json");
    let sms = daily(&doc, "sms");
    assert_eq!(sms.len(), 30);
    assert_eq!(sms[0]["date"], "2026-10-27");
    assert_eq!(sms[29]["date"], "2026-11-25");
    let before_since = sms.iter().find(|d| d["date"] == "2026-11-09").unwrap();
    assert!(before_since["uptime"].is_null() && before_since["worst"].is_null());
    // 14:02 to 16:40 in partial outage: 158 min × 30% of 1440 min is downtime.
    let outage_day = sms.iter().find(|d| d["date"] == "2026-11-20").unwrap();
    assert_eq!(outage_day["worst"], "partial_outage");
    let expected = (1440.0 - 158.0 * 0.3) / 1440.0 * 100.0;
    assert!((outage_day["uptime"].as_f64().unwrap() - expected).abs() < 1e-3, "{outage_day}");
    let components = doc["components"].as_array().unwrap();
    let sms_uptime = &components.iter().find(|c| c["id"] == "sms").unwrap()["uptime"];
    assert_eq!(sms_uptime["days"], 30);
    assert!(sms_uptime["percent"].as_f64().is_some_and(|p| p < 100.0 && p > 99.0), "{sms_uptime}");
}
