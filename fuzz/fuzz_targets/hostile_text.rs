//! Fuzzes hostile text where readers meet it: the first line is an incident title (its
//! backslashes kept as YAML escapes), the second a component name, the rest the update's body. Any input either is refused by validation or
//! builds a site whose every text file is free of control characters (tab and line breaks
//! aside), so no XML, JSON, HTML or calendar output can be malformed by them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use statusforge::load::{SourceFile, SourceSet};
use statusforge::{compute, render, validate};
use std::sync::OnceLock;

fn theme() -> &'static render::Theme {
    static THEME: OnceLock<render::Theme> = OnceLock::new();
    THEME.get_or_init(|| render::theme::load(std::path::Path::new("/nonexistent"), None, "en").expect("built-in theme"))
}

fn file(path: &str, text: &str) -> SourceFile {
    SourceFile { path: path.into(), text: text.into() }
}

/// A YAML double-quoted scalar of `text`, escaping only what YAML needs escaped: everything
/// else, control characters included, reaches the validator as it was written.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A YAML double-quoted scalar in which the input's backslashes stay YAML escapes: `\u0000`,
/// `\e` and `\x07` in the input decode to control characters in the value.
fn escaped(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\\\""))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut parts = text.splitn(3, '\n');
    let (title, name, body) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let site = "title: Fuzz\nbase_url: https://status.example.com/\nfeeds:\n  entries: per_update\n";
    let components = format!("components:\n  - id: api\n    name: {}\n", quoted(name));
    let incident = format!(
        "---\ntitle: {}\ncomponents:\n  api: major_outage\n---\n\n## Investigating - 2026-11-20 10:00\n{body}\n",
        escaped(title)
    );
    let sources = SourceSet {
        root: "/nonexistent".into(),
        site: Some(file("content/site.yaml", site)),
        components: Some(file("content/components.yaml", &components)),
        incidents: vec![file("content/incidents/fuzz.md", &incident)],
        ..SourceSet::default()
    };
    let (site, diagnostics) = validate::site(&sources, None);
    if diagnostics.iter().any(statusforge::diag::Diagnostic::is_error) {
        return;
    }
    let now = "2026-11-20T12:00:00Z".parse().expect("clock");
    let snapshot = compute::snapshot(site, now, compute::ComputeOptions::default());
    let collect = statusforge::output::Collect::default();
    render::site(&snapshot, theme(), &render::RenderOptions::default(), None, &collect).expect("renders");
    let files = collect.into_files();
    for f in &files {
        let Ok(text) = std::str::from_utf8(&f.bytes) else { continue };
        let bad = text
            .chars()
            .find(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}'));
        assert!(bad.is_none(), "{} holds the control character {:?}", f.path.as_str(), bad);
    }
});
