//! Third-party components: the `upstream:` of a component in `components.yaml`, and the
//! snapshots `statusforge upstream fetch` stores in `content/upstream/<id>.json`.

pub(crate) mod snapshot;

use super::fields::FileCheck;
use crate::diag::{Diagnostic, Span};
use crate::load::yaml::Node;
use crate::load::SourceFile;
use crate::model::{Upstream, UpstreamSource};
use std::collections::BTreeMap;

const KEYS: &[&str] = &["url", "component"];
const EXAMPLE: &str = "e.g. `upstream: {url: https://metastatus.com, component: <its component id>}`";

/// The `upstream:` mapping of a component.
pub(super) fn source(node: &Node, check: &mut FileCheck<'_>) -> Option<UpstreamSource> {
    let Some(fields) = check.fields(node, KEYS, "`upstream`") else {
        if let Some(last) = check.diagnostics.last_mut() {
            last.help = Some(format!("name the vendor's status page: {EXAMPLE}"));
        }
        return None;
    };
    let (url, span) = check.required_text(&fields, "url", "`upstream`")?;
    let component = check.optional_text(&fields, "component").map(|(c, _)| c.trim().to_string());
    if let Some(problem) = published_problem(&url) {
        check.error("invalid-upstream-url", span, problem).with_label("published in status.json").help =
            Some(EXAMPLE.into());
        return None;
    }
    match summary_url(&url) {
        Ok(summary_url) => Some(UpstreamSource { summary_url, component }),
        Err(message) => {
            check.error("invalid-upstream-url", span, message).with_label("not a status page's address").help =
                Some(EXAMPLE.into());
            None
        }
    }
}

/// What `url` must not hold, since status.json and the snapshot publish it: credentials, and a
/// query or fragment, which the API's address would silently drop.
fn published_problem(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("the address holds a user name or password, which status.json would publish".into());
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Some(
            "a status page's address has no `?query` or `#fragment`: the API is read from its `/api/v2/`".into(),
        );
    }
    None
}

/// `https://status.example.com/api/v2` for a status page's address, its API folder, or any
/// file in it: how a Statuspage-compatible page is named.
pub(crate) fn api_base(url: &str) -> Result<String, String> {
    let example = "give the status page's address, e.g. https://status.example.com";
    let parsed = url::Url::parse(url.trim()).map_err(|e| format!("`{url}` is not a URL ({e}); {example}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!("`{url}` is not an http(s) address; {example}"));
    }
    let mut base = parsed.clone();
    base.set_query(None);
    base.set_fragment(None);
    let path = parsed.path().trim_end_matches('/');
    let path = match path.find("/api/v2") {
        Some(at) => path[..at].to_string(),
        None => path.to_string(),
    };
    base.set_path(&format!("{path}/api/v2"));
    Ok(base.as_str().to_string())
}

/// The vendor's `summary.json`: the one document a snapshot is made from.
pub(crate) fn summary_url(url: &str) -> Result<String, String> {
    api_base(url).map(|api| format!("{api}/summary.json"))
}

/// A third-party component as declared, before its snapshot is attached.
pub(super) fn declared(
    id: String,
    name: String,
    group: Option<String>,
    description: Option<String>,
    (source, at): (UpstreamSource, Span),
) -> Upstream {
    Upstream { id, name, group, description, source, declared_at: at.start..at.end, snapshot: None }
}

/// Reads every snapshot file and gives each third-party component its own. A file for no
/// such component, or fetched for another source, is a warning: the component shows as not
/// fetched rather than with another page's status.
pub(super) fn attach(files: &[SourceFile], upstream: &mut [Upstream], diagnostics: &mut Vec<Diagnostic>) {
    let by_id: BTreeMap<String, usize> = upstream.iter().enumerate().map(|(i, u)| (u.id.clone(), i)).collect();
    for file in files {
        let mut check = FileCheck { file: &file.path, diagnostics };
        let Some(stored) = snapshot::parse(file, &mut check) else { continue };
        let id = file.path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let Some(component) = by_id.get(id.as_str()).map(|&i| &mut upstream[i]) else {
            diagnostics.push(
                Diagnostic::warning(
                    "unused-upstream-snapshot",
                    &file.path,
                    format!(
                        "no component `{id}` with `upstream:` in content/components.yaml; this snapshot is not shown"
                    ),
                )
                .at(Span::new(0, 1))
                .help("delete the file, or give the component it was fetched for an `upstream:`"),
            );
            continue;
        };
        if stored.source != component.source {
            diagnostics.push(
                Diagnostic::warning(
                    "upstream-source-changed",
                    &file.path,
                    format!(
                        "this snapshot was fetched from {}{}, but `{id}` now names {}{}",
                        stored.source.summary_url,
                        for_component(&stored.source),
                        component.source.summary_url,
                        for_component(&component.source)
                    ),
                )
                .at(stored.source_span)
                .help("run `statusforge upstream fetch`; until then the page shows it as not fetched"),
            );
            continue;
        }
        component.snapshot = Some(stored.snapshot);
    }
}

fn for_component(source: &UpstreamSource) -> String {
    source.component.as_ref().map(|c| format!(" (component `{c}`)")).unwrap_or_default()
}
