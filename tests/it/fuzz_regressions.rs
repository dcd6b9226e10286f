//! Replays inputs that the fuzzers (`fuzz/`) found interesting through the same code paths, on
//! the stable toolchain: the parsers, and a whole site through validate, compute and render.
//! None may panic, and every span must lie inside its file.

use statusforge::load::{front_matter, updates, yaml, SourceFile, SourceSet};
use statusforge::{compute, diag, render, validate};
use std::path::Path;

const SITE: &str = "title: Fuzz\nbase_url: https://status.example.com/\ntimezone: Europe/Berlin\n";
const COMPONENTS: &str = "groups:\n  - id: g\n    name: G\ncomponents:\n  - id: api\n    name: API\n    group: g\n  - id: web\n    name: Web\n";

fn inputs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut inputs: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.display().to_string(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 5, "the regression corpus is missing from {}", dir.display());
    inputs
}

#[test]
fn parsers_survive_every_saved_input() {
    for (name, text) in inputs() {
        if let Ok(split) = front_matter::split(&text) {
            if let Err(error) = yaml::parse(split.yaml, split.yaml_offset) {
                assert!(error.span.end <= text.len() + 1, "{name}");
            }
        }
        let _ = yaml::parse(&text, 0);
        let parsed = updates::parse(&text, 0);
        for update in &parsed.updates {
            assert!(update.time_span.end <= text.len(), "{name}");
            let _ = validate::times::parse_instant(&update.time, chrono_tz::Tz::Europe__Berlin);
        }
        let _ = updates::nesting_depth(&text);
    }
}

#[test]
fn whole_sites_survive_every_saved_input() {
    let theme = render::theme::load(Path::new("/nonexistent"), None, "en").expect("built-in theme");
    for (name, text) in inputs() {
        let file = |path: &str, text: &str| SourceFile { path: path.into(), text: text.into() };
        let sources = SourceSet {
            root: "/nonexistent".into(),
            site: Some(file("content/site.yaml", SITE)),
            components: Some(file("content/components.yaml", COMPONENTS)),
            incidents: vec![file("content/incidents/fuzz.md", &text)],
            ..SourceSet::default()
        };
        let (site, diagnostics) = validate::site(&sources, None);
        for d in &diagnostics {
            if let Some(span) = d.span {
                assert!(span.end <= sources.text(&d.file).unwrap_or("").len(), "{name}: {} {span:?}", d.kind);
            }
            let _ = diag::render_text(d, |p| sources.text(p));
        }
        if diagnostics.iter().any(diag::Diagnostic::is_error) {
            continue;
        }
        let snapshot =
            compute::snapshot(site, "2026-03-29T02:30:00Z".parse().unwrap(), compute::ComputeOptions::default());
        render::site(&snapshot, &theme, &render::RenderOptions::default(), None, &statusforge::output::Discard)
            .unwrap_or_else(|e| panic!("{name}: {e:?}"));
    }
}
