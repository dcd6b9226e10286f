//! No input makes the parsers or `check` panic, and every diagnostic points inside its file:
//! random strings and mutated real incident files (byte flips, lost and repeated lines, stray
//! `---`, `##`, `:` and non-ASCII text) go through each stage and through rendering.

use proptest::prelude::*;
use statusforge::diag::{self, Diagnostic};
use statusforge::load::{front_matter, updates, yaml};
use statusforge::validate::times;
use std::path::Path;

const INCIDENT: &str = include_str!("../fixtures/minimal/content/incidents/2026-11-20-api-errors.md");
const MAINTENANCE: &str = include_str!("../fixtures/minimal/content/maintenance/2026-12-01-upgrade.md");
const RICH: &str = "---\ntitle: \"SMS delays: Carrier X\"\nimpact: major\ncomponents:\n  api: partial_outage\n  web: degraded_performance\nstarted: 2026-11-20 13:50 -03:00\n---\n\n## Resolved — 2026-11-20 16:40\nBack to normal.\n\n### Root cause\nA full **queue**.\n\n```\n## not a heading\n```\n\n## Update | 2026-11-20T15:10:00Z\nStill watching.\n\n## Investigating at 2026-11-20 14:02\nDelays of up to 20 minutes — entregas atrasadas ✓.\n";

/// Text an editor in a hurry (or a bad merge) drops into a file.
const PIECES: &[&str] = &[
    "---",
    "##",
    "## ",
    ":",
    ": ",
    "- ",
    "  ",
    "\t",
    "\r\n",
    "\n",
    "é",
    "✓",
    "🙂",
    "\u{feff}",
    "\"",
    "'",
    "[",
    "{",
    "*a",
    "&a",
    "## Resolved - ",
    "## Details",
    "2026-02-30 25:61",
    "title:",
    "components:\n  - x",
    "...",
];

#[derive(Debug, Clone)]
enum Mutation {
    FlipByte(usize, u8),
    DeleteLine(usize),
    DuplicateLine(usize),
    InsertLine(usize, &'static str),
    InsertAt(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let piece = prop::sample::select(PIECES);
    prop_oneof![
        (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Mutation::FlipByte(i, x)),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), piece.clone()).prop_map(|(i, p)| Mutation::InsertLine(i, p)),
        (any::<usize>(), piece).prop_map(|(i, p)| Mutation::InsertAt(i, p)),
    ]
}

fn apply(base: &str, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = base.as_bytes().to_vec();
    for m in mutations {
        let mut lines: Vec<Vec<u8>> = bytes.split_inclusive(|b| *b == b'\n').map(<[u8]>::to_vec).collect();
        match m {
            Mutation::FlipByte(i, x) if !bytes.is_empty() => {
                let at = i % bytes.len();
                bytes[at] ^= x;
                continue;
            }
            Mutation::InsertAt(i, piece) => {
                let at = i % (bytes.len() + 1);
                bytes.splice(at..at, piece.bytes());
                continue;
            }
            Mutation::DeleteLine(i) if !lines.is_empty() => {
                let at = i % lines.len();
                lines.remove(at);
            }
            Mutation::DuplicateLine(i) if !lines.is_empty() => {
                let at = i % lines.len();
                lines.insert(at, lines[at].clone());
            }
            Mutation::InsertLine(i, piece) => {
                let at = i % (lines.len() + 1);
                lines.insert(at, format!("{piece}\n").into_bytes());
            }
            _ => {}
        }
        bytes = lines.concat();
    }
    bytes
}

fn mutated_file() -> impl Strategy<Value = Vec<u8>> {
    (prop::sample::select(&[INCIDENT, MAINTENANCE, RICH][..]), prop::collection::vec(mutation(), 1..6))
        .prop_map(|(base, mutations)| apply(base, &mutations))
}

/// Runs every text-level parser on one file's text.
fn parse_all(text: &str) {
    if let Ok(split) = front_matter::split(text) {
        assert_eq!(&text[split.yaml_offset..split.yaml_offset + split.yaml.len()], split.yaml);
        assert_eq!(&text[split.body_offset..], split.body);
        match yaml::parse(split.yaml, split.yaml_offset) {
            Ok(node) => assert!(node.span.end <= text.len(), "{:?} beyond {}", node.span, text.len()),
            Err(error) => assert!(error.span.end <= text.len(), "{:?} beyond {}", error.span, text.len()),
        }
        let body = updates::parse(split.body, split.body_offset);
        for update in &body.updates {
            assert!(update.status_span.end <= text.len() && update.time_span.end <= text.len());
            let _ = times::parse_instant(&update.time, chrono_tz::Europe::Berlin);
        }
        for bad in &body.bad_headings {
            assert!(bad.span.end <= text.len());
        }
    }
    let _ = yaml::parse(text, 0);
    let _ = updates::parse(text, 0);
    let _ = times::parse_instant(text, chrono_tz::America::Sao_Paulo);
}

/// A temp copy of the minimal site with `bytes` as one more incident (or maintenance) file,
/// checked whole: every diagnostic must lie inside its file and render without panicking.
fn check_site_with(relative: &str, bytes: &[u8]) {
    let dir = crate::common::temp_dir();
    copy_minimal(dir.path());
    let path = dir.path().join(relative);
    std::fs::write(&path, bytes).expect("write mutated file");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z").expect("clock").to_utc();
    let checked = statusforge::check(dir.path(), now, None);
    let texts = checked.sources.texts();
    for d in &checked.diagnostics {
        assert_spans_inside(d, &texts);
        let text = diag::render_text(d, |p| texts.get(p).copied());
        assert!(text.contains(d.kind), "{text}");
        let _ = diag::render_github(d, |p| texts.get(p).copied());
    }
    let json = diag::render_json(&checked.diagnostics, |p| texts.get(p).copied());
    assert!(serde_json::from_str::<serde_json::Value>(&json).is_ok(), "{json}");
}

fn assert_spans_inside(d: &Diagnostic, texts: &std::collections::BTreeMap<&Path, &str>) {
    if let (Some(span), Some(text)) = (d.span, texts.get(d.file.as_path())) {
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "{} span {span:?} beyond {} bytes: {d:?}",
            d.kind,
            text.len()
        );
    }
    for note in &d.notes {
        if let (Some(file), Some(span)) = (&note.file, note.span) {
            if let Some(text) = texts.get(file.as_path()) {
                assert!(span.end <= text.len(), "note span {span:?} beyond {} bytes: {d:?}", text.len());
            }
        }
    }
}

fn copy_minimal(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(&from).expect("inside fixture"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_strings_never_panic_a_parser(text in "\\PC{0,200}") {
        parse_all(&text);
    }

    #[test]
    fn random_lines_of_markdown_and_yaml_never_panic_a_parser(
        lines in prop::collection::vec(prop::sample::select(PIECES), 0..30)
    ) {
        parse_all(&lines.concat());
    }

    #[test]
    fn mutated_incident_files_never_panic_a_parser(bytes in mutated_file()) {
        parse_all(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn times_never_panic(text in "[0-9 :T+Z.-]{0,30}") {
        let _ = times::parse_instant(&text, chrono_tz::Europe::Berlin);
    }

    #[test]
    fn checking_a_site_with_a_mutated_file_never_panics(bytes in mutated_file(), as_maintenance in any::<bool>()) {
        let relative = if as_maintenance { "content/maintenance/mutated.md" } else { "content/incidents/mutated.md" };
        check_site_with(relative, &bytes);
    }

    #[test]
    fn checking_a_site_with_mutated_yaml_never_panics(bytes in mutated_file(), components in any::<bool>()) {
        let relative = if components { "content/components.yaml" } else { "content/site.yaml" };
        check_site_with(relative, &bytes);
    }
}
