//! Fuzzes a whole site in memory: the input is an incident file beside a fixed site.yaml,
//! components.yaml and maintenance file; it goes through validate, compute and render. No
//! input may panic, and every diagnostic's span must lie inside its file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statusforge::load::{SourceFile, SourceSet};
use statusforge::{compute, diag, render, validate};
use std::sync::OnceLock;

const SITE: &str = "title: Fuzz\nbase_url: https://status.example.com/\ntimezone: Europe/Berlin\n";
const COMPONENTS: &str = "groups:\n  - id: g\n    name: G\ncomponents:\n  - id: api\n    name: API\n    group: g\n  - id: web\n    name: Web\n";
const MAINTENANCE: &str = "---\ntitle: M\ncomponents: [web]\nwindow:\n  start: 2026-03-29 01:00\n  end: 2026-03-29 04:00\n---\n\n## Scheduled - 2026-03-20 10:00\nx\n";

fn theme() -> &'static render::Theme {
    static THEME: OnceLock<render::Theme> = OnceLock::new();
    THEME.get_or_init(|| render::theme::load(std::path::Path::new("/nonexistent"), None, "en").expect("built-in theme"))
}

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile { path: path.into(), text: text.into() }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sources = SourceSet {
        root: "/nonexistent".into(),
        site: Some(file("content/site.yaml", SITE)),
        components: Some(file("content/components.yaml", COMPONENTS)),
        incidents: vec![file("content/incidents/fuzz.md", text)],
        maintenances: vec![file("content/maintenance/m.md", MAINTENANCE)],
        ..SourceSet::default()
    };
    let (site, diagnostics) = validate::site(&sources, None);
    for d in &diagnostics {
        let file_text = sources.text(&d.file).unwrap_or("");
        if let Some(span) = d.span {
            assert!(span.end <= file_text.len(), "{} span {:?} outside {}", d.kind, span, file_text.len());
        }
        let _ = diag::render_text(d, |p| sources.text(p));
    }
    if diagnostics.iter().any(diag::Diagnostic::is_error) {
        return;
    }
    let now = "2026-03-29T02:30:00Z".parse().expect("clock");
    let snapshot = compute::snapshot(site, now, compute::ComputeOptions::default());
    let _ = render::site(&snapshot, theme(), &render::RenderOptions::default(), None, &statusforge::output::Discard);
});
