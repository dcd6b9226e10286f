//! Validate stage: the loaded files -> the typed `Site`, with every problem as a diagnostic.
//! A broken file is left out of the site and reported; the rest is still checked, so one
//! run shows every mistake.

pub(crate) mod base_url;
pub(crate) mod cache;
pub(crate) mod components;
pub(crate) mod components_line;
pub(crate) mod document;
pub(crate) mod fields;
pub(crate) mod incident;
pub(crate) mod maintenance;
pub(crate) mod notice;
pub(crate) mod notify_config;
pub(crate) mod site_config;
pub(crate) mod stale;
pub(crate) mod subscribe_config;
pub(crate) mod template;
pub mod times;
pub(crate) mod upstream;

pub use stale::{publishing_warnings, warnings};

pub(crate) use cache::DocumentCache;
pub(crate) use fields::{describe as describe_character, first_forbidden_character, forbidden as forbidden_character};

use crate::diag::{Diagnostic, Span};
use crate::load::{SourceFile, SourceSet};
use crate::model::{Site, SiteConfig};
use cache::{Checked, Memo};
use chrono_tz::Tz;
use document::Context;
use fields::FileCheck;
use rayon::prelude::*;
use site_config::DEFAULT_UPSTREAM_MAX_AGE;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The site, and every problem found. The site is only fit to build when no diagnostic is an error.
/// With a memo (`serve`), the checks of unchanged files are reused from it and it is left
/// holding this run's; without one nothing is kept.
pub fn site(sources: &SourceSet, mut cache: Option<&mut DocumentCache>) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (groups, components, mut upstream) = match &sources.components {
        Some(file) => components::check(file, &mut FileCheck { file: &file.path, diagnostics: &mut diagnostics }),
        None => (Vec::new(), Vec::new(), Vec::new()),
    };
    upstream::attach(&sources.upstream, &mut upstream, &mut diagnostics);
    // Mistakes that drop every component: references to them are not checked then, so one
    // mistake is not followed by an "unknown component" for every incident.
    let components_parsed = sources.components.is_some()
        && !diagnostics.iter().any(|d| matches!(d.kind, "invalid-yaml" | "control-character" | "too-many-components"));
    // Components first: site.yaml's `notify:` targets name component ids, `subscribe:` group ids.
    let config = sources.site.as_ref().and_then(|file| {
        let known = components_parsed.then_some(components.as_slice());
        let groups = components_parsed.then_some(groups.as_slice());
        let check = &mut FileCheck { file: &file.path, diagnostics: &mut diagnostics };
        site_config::check(file, check, known, groups, &upstream)
    });
    // Without a valid zone, times are still checked in UTC so their other mistakes show up.
    let zone = config.as_ref().map(|c| c.timezone).unwrap_or(Tz::UTC);
    let components_known = components_parsed;
    let context = Context { zone, components: &components, components_known, upstream: &upstream };
    // Checks made in another context (zone, components) cannot be reused.
    let key = context_key(&context);
    if let Some(cache) = cache.as_deref_mut().filter(|c| c.context != Some(key)) {
        *cache = DocumentCache { context: Some(key), ..DocumentCache::default() };
    }
    let (incidents, incident_diagnostics) =
        each_file(&sources.incidents, cache.as_deref_mut().map(|c| &mut c.incidents), |file, check| {
            incident::check(file, &context, check).map(Arc::new)
        });
    let (maintenances, maintenance_diagnostics) =
        each_file(&sources.maintenances, cache.as_deref_mut().map(|c| &mut c.maintenances), |file, check| {
            maintenance::check(file, &context, check).map(Arc::new)
        });
    let (notices, notice_diagnostics) = each_file(&sources.notices, cache.map(|c| &mut c.notices), |file, check| {
        notice::check(file, &context, check).map(Arc::new)
    });
    diagnostics.extend(incident_diagnostics);
    diagnostics.extend(maintenance_diagnostics);
    diagnostics.extend(notice_diagnostics);
    diagnostics.extend(duplicate_slugs(incidents.iter().map(|i| (&i.slug, &i.source)), sources));
    diagnostics.extend(duplicate_slugs(maintenances.iter().map(|m| (&m.slug, &m.source)), sources));
    diagnostics.extend(duplicate_slugs(notices.iter().map(|n| (&n.slug, &n.source)), sources));
    let site = Site {
        config: config.unwrap_or_else(|| placeholder_config(zone)),
        groups,
        components,
        incidents,
        maintenances,
        notices,
        upstream,
    };
    (site, diagnostics)
}

/// Every problem of the templates in `content/templates/`, each checked as the file it makes
/// (see `template`). `check` runs it; `build` does not read templates.
pub fn templates(sources: &SourceSet, site: &Site) -> Vec<Diagnostic> {
    let context = Context {
        zone: site.config.timezone,
        components: &site.components,
        components_known: sources.components.is_some(),
        upstream: &site.upstream,
    };
    template::check_all(&sources.templates, &context)
}

/// One file's value and diagnostics, and its memo entry when memoizing.
type FileResult<T> = (Option<T>, Vec<Diagnostic>, Option<Arc<Checked<T>>>);

/// Everything a document's check reads besides its own text.
fn context_key(context: &Context<'_>) -> u64 {
    // Upstream ids only: a new snapshot changes no document's check.
    let upstream: Vec<&str> = context.upstream.iter().map(|u| u.id.as_str()).collect();
    crate::incremental::key((context.zone, context.components, context.components_known, upstream))
}

/// Checks files in parallel; results keep the files' (sorted) order. With a memo, a file
/// whose text is unchanged keeps its previous result, and the memo is left holding this run's.
fn each_file<T: Send + Sync + Clone>(
    files: &[SourceFile],
    memo: Option<&mut Memo<T>>,
    check_one: impl Fn(&SourceFile, &mut FileCheck<'_>) -> Option<T> + Sync,
) -> (Vec<T>, Vec<Diagnostic>) {
    let previous = memo.as_deref();
    let keep = memo.is_some();
    let results: Vec<FileResult<T>> = files
        .par_iter()
        .map(|file| {
            let seen = previous
                .and_then(|m| m.get(file.path.as_os_str()))
                .filter(|c| Arc::ptr_eq(&c.text, &file.text) || c.text == file.text);
            if let Some(checked) = seen {
                return (checked.value.clone(), checked.diagnostics.clone(), Some(checked.clone()));
            }
            let mut diagnostics = Vec::new();
            let value = check_one(file, &mut FileCheck { file: &file.path, diagnostics: &mut diagnostics });
            // A file with any error is left out whole, even if a value came back.
            let value = value.filter(|_| !diagnostics.iter().any(Diagnostic::is_error));
            let checked = keep.then(|| {
                Arc::new(Checked { text: file.text.clone(), value: value.clone(), diagnostics: diagnostics.clone() })
            });
            (value, diagnostics, checked)
        })
        .collect();
    let mut next = Memo::with_capacity_and_hasher(if keep { files.len() } else { 0 }, Default::default());
    let mut values = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (file, (value, file_diagnostics, checked)) in files.iter().zip(results) {
        values.extend(value);
        diagnostics.extend(file_diagnostics);
        if let Some(checked) = checked {
            next.insert(file.path.clone().into_os_string(), checked);
        }
    }
    if let Some(memo) = memo {
        *memo = next;
    }
    (values, diagnostics)
}

/// Two files with one slug would write one page: name both.
fn duplicate_slugs<'a>(items: impl Iterator<Item = (&'a String, &'a PathBuf)>, sources: &SourceSet) -> Vec<Diagnostic> {
    let mut first: foldhash::HashMap<&str, &Path> = foldhash::HashMap::default();
    let mut diagnostics = Vec::new();
    for (slug, path) in items {
        match first.get(slug.as_str()) {
            None => {
                first.insert(slug, path);
            }
            Some(other) => diagnostics.push(
                Diagnostic::error("duplicate-slug", path, format!("slug `{slug}` is also used by {}", other.display()))
                    .at(slug_span(sources.text(path), slug))
                    .label("same slug, same page")
                    .note(other, Some(slug_span(sources.text(other), slug)), format!("`{slug}` first used here"))
                    .help("give one of them another `slug:` in its front matter, or rename the file"),
            ),
        }
    }
    diagnostics
}

fn slug_span(text: Option<&str>, slug: &str) -> Span {
    let text = text.unwrap_or("");
    match text.find(&format!("slug: {slug}")) {
        Some(at) => Span::new(at + 6, at + 6 + slug.len()),
        None => Span::new(0, 3),
    }
}

fn placeholder_config(zone: Tz) -> SiteConfig {
    SiteConfig {
        title: String::new(),
        base_url: "https://example.invalid/".into(),
        description: String::new(),
        language: "en".into(),
        timezone: zone,
        uptime_days: 90,
        recent_days: 14,
        links: Vec::new(),
        theme: None,
        notify: Default::default(),
        feed_entries: Default::default(),
        robots: Default::default(),
        upstream_max_age: DEFAULT_UPSTREAM_MAX_AGE,
        subscribe: Default::default(),
    }
}
