//! `content/upstream/<id>.json`: the file `statusforge upstream fetch` writes and builds read.
//! JSON, so it diffs line by line in a pull request; read through the YAML reader (JSON is
//! YAML), so a hand edit gone wrong is reported at its line and column like any other file.

use super::super::fields::{Fields, FileCheck};
use crate::diag::Span;
use crate::load::yaml;
use crate::load::SourceFile;
use crate::model::{ComponentStatus, UpstreamIncident, UpstreamSnapshot, UpstreamSource};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// The file as written; field order is the file's.
#[derive(Debug, Serialize)]
pub(crate) struct SnapshotFile {
    /// What was fetched: a snapshot of another source is not shown.
    pub source: SourceEntry,
    /// RFC 3339, UTC, to the second.
    pub fetched_at: String,
    pub page: PageFile,
    /// A component status keyword.
    pub status: &'static str,
    pub incidents: Vec<IncidentFile>,
}

/// `source` of a snapshot file.
#[derive(Debug, Serialize)]
pub(crate) struct SourceEntry {
    pub url: String,
    pub component: Option<String>,
}

/// `page` of a snapshot file.
#[derive(Debug, Serialize)]
pub(crate) struct PageFile {
    pub name: String,
    pub url: Option<String>,
}

/// One of `incidents` in a snapshot file.
#[derive(Debug, Serialize)]
pub(crate) struct IncidentFile {
    pub name: String,
    pub url: Option<String>,
}

/// What a snapshot file holds, and where its `source` is written (for warnings about it).
pub(super) struct Stored {
    pub source: UpstreamSource,
    pub source_span: Span,
    pub snapshot: UpstreamSnapshot,
}

const TOP_KEYS: &[&str] = &["source", "fetched_at", "page", "status", "incidents"];
const WHAT: &str = "an upstream snapshot";

/// Reads one snapshot file, reporting every problem in it.
pub(super) fn parse(file: &SourceFile, check: &mut FileCheck<'_>) -> Option<Stored> {
    if !super::super::fields::no_control_characters(&file.text, check) {
        return None;
    }
    let root = match yaml::parse(&file.text, 0) {
        Ok(root) => root,
        Err(error) => {
            check.error("invalid-upstream-snapshot", error.span, error.message).with_label("here").help =
                Some("run `statusforge upstream fetch` to write it again".into());
            return None;
        }
    };
    // JSON escapes (`\u0000`) decode to what the text does not show.
    if !super::super::fields::no_control_characters_in_values(&root, check) {
        return None;
    }
    let fields = check.fields(&root, TOP_KEYS, WHAT)?;
    let source = fields.get("source").and_then(|node| {
        let fields = check.fields(node, &["url", "component"], "`source`")?;
        let (url, _) = check.required_text(&fields, "url", "`source`")?;
        let component = check.optional_text(&fields, "component").map(|(c, _)| c);
        Some((UpstreamSource { summary_url: url, component }, node.span))
    });
    if source.is_none() && fields.get("source").is_none() {
        check.required_text(&fields, "source", WHAT);
    }
    let fetched_at = check.required_text(&fields, "fetched_at", WHAT).and_then(|(text, span)| {
        let parsed = DateTime::parse_from_rfc3339(&text).map(|t| t.with_timezone(&Utc));
        parsed
            .map_err(|e| {
                check.error("invalid-time", span, format!("`fetched_at` is not an RFC 3339 time: {e}")).help =
                    Some("e.g. `\"fetched_at\": \"2026-12-03T08:00:00Z\"`".into());
            })
            .ok()
    });
    let status = check.required_text(&fields, "status", WHAT).and_then(|(text, span)| {
        ComponentStatus::parse(&text).or_else(|| {
            check.error("unknown-component-status", span, format!("unknown component status `{text}`")).help =
                Some(ComponentStatus::help(&text));
            None
        })
    });
    let page = page(&fields, check);
    let incidents = incidents(&fields, check);
    let (source, source_span) = source?;
    let (page_name, page_url) = page?;
    let snapshot = UpstreamSnapshot {
        fetched_at: fetched_at?,
        page_name,
        page_url,
        status: status?,
        incidents: incidents?,
        file: file.path.clone(),
    };
    Some(Stored { source, source_span, snapshot })
}

fn page(fields: &Fields<'_>, check: &mut FileCheck<'_>) -> Option<(String, Option<String>)> {
    let Some(node) = fields.get("page") else {
        check.required_text(fields, "page", WHAT);
        return None;
    };
    let fields = check.fields(node, &["name", "url"], "`page`")?;
    let name = check.required_text(&fields, "name", "`page`")?.0;
    Some((name, web_address(&fields, check)?))
}

fn incidents(fields: &Fields<'_>, check: &mut FileCheck<'_>) -> Option<Vec<UpstreamIncident>> {
    let Some(node) = fields.get("incidents") else { return Some(Vec::new()) };
    let Some(items) = node.as_seq() else {
        check.error("wrong-type", node.span, "`incidents` must be a list of `{name, url}` objects");
        return None;
    };
    let mut incidents = Vec::with_capacity(items.len());
    let mut complete = true;
    for item in items {
        let read = check.fields(item, &["name", "url"], "an incident").and_then(|fields| {
            let name = check.required_text(&fields, "name", "an incident")?.0;
            Some(UpstreamIncident { name, url: web_address(&fields, check)? })
        });
        complete &= read.is_some();
        incidents.extend(read);
    }
    complete.then_some(incidents)
}

/// An optional `url` that readers may follow: http(s) only, since the page links it.
fn web_address(fields: &Fields<'_>, check: &mut FileCheck<'_>) -> Option<Option<String>> {
    let Some((url, span)) = check.optional_text(fields, "url") else { return Some(None) };
    if is_web_address(&url) {
        return Some(Some(url));
    }
    check.error("invalid-url", span, format!("`{url}` is not an http(s) address")).with_label("linked from the page");
    None
}

/// An absolute http(s) URL with a host: the only links a snapshot may put on the page.
pub(crate) fn is_web_address(url: &str) -> bool {
    url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
}
