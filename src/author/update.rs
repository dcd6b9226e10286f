//! The rules of adding an update to an existing incident or maintenance: which file a slug
//! names, which heading a status gives, what a message may hold, what `resolve` posts, and
//! the edit itself, checked against the whole site in memory before anything is written.

use super::{edit, heading_word, to_the_minute, update_section_with_components};
use crate::diag::Diagnostic;
use crate::load::SourceSet;
use crate::model::{ComponentStatus, IncidentStatus, Instant, MaintenanceStatus, Site};
use std::path::PathBuf;

/// What a slug names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Incident,
    Maintenance,
}

/// The incident or maintenance a slug names, and its file (relative to the site folder).
pub(crate) fn find(site: &Site, slug: &str) -> Result<(Kind, PathBuf), String> {
    if let Some(i) = site.incidents.iter().find(|i| i.slug == slug) {
        return Ok((Kind::Incident, i.source.clone()));
    }
    if let Some(m) = site.maintenances.iter().find(|m| m.slug == slug) {
        return Ok((Kind::Maintenance, m.source.clone()));
    }
    let slugs = site.incidents.iter().map(|i| i.slug.as_str()).chain(site.maintenances.iter().map(|m| m.slug.as_str()));
    Err(match crate::diag::closest(slug, slugs) {
        Some(best) => format!("no incident or maintenance with slug `{slug}`; did you mean `{best}`?"),
        None => {
            format!("no incident or maintenance with slug `{slug}` (or its file has errors: run `statusforge check`)")
        }
    })
}

/// What `resolve` posts: the closing status and the message used when none is given.
pub(crate) fn resolution(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Incident => ("resolved", "This incident has been resolved."),
        Kind::Maintenance => ("completed", "The scheduled maintenance has been completed."),
    }
}

/// The heading word of an update with `status` (a keyword, or `update` for a note).
pub(crate) fn heading(kind: Kind, status: &str) -> Result<String, String> {
    if status.eq_ignore_ascii_case("update") {
        return Ok("Update".to_string());
    }
    let keyword = match kind {
        Kind::Incident => IncidentStatus::parse_or_error(status)?.keyword(),
        Kind::Maintenance => MaintenanceStatus::parse_or_error(status)?.keyword(),
    };
    Ok(heading_word(keyword))
}

/// `--component ID:STATUS` values as `(id, status keyword)`, each id once, in the order given.
pub(crate) fn component_changes<'a>(
    kind: Kind,
    site: &Site,
    specs: &'a [String],
) -> Result<Vec<(&'a str, &'static str)>, String> {
    if kind == Kind::Maintenance && !specs.is_empty() {
        return Err(
            "--component sets incident component statuses; a maintenance window puts its components under maintenance"
                .into(),
        );
    }
    let mut changes: Vec<(&str, &str)> = Vec::new();
    for spec in specs {
        let (id, status) = spec
            .split_once(':')
            .or_else(|| spec.split_once('='))
            .ok_or_else(|| format!("--component `{spec}`: write ID:STATUS, e.g. api:major_outage"))?;
        let id = id.trim();
        check_component(site, id)?;
        let status = ComponentStatus::parse_or_error(status)?;
        if changes.iter().any(|(seen, _)| *seen == id) {
            return Err(format!("--component names `{id}` twice; give each component one status"));
        }
        changes.push((id, status.keyword()));
    }
    Ok(changes)
}

/// "no component with id `x`; known: a, b" unless the site declares `id`.
pub(crate) fn check_component(site: &Site, id: &str) -> Result<(), String> {
    if site.components.iter().any(|c| c.id == id) {
        return Ok(());
    }
    if site.upstream.iter().any(|u| u.id == id) {
        return Err(format!(
            "`{id}` is a third-party component: its status comes from the vendor's page; name the component of \
             yours that the vendor's problem affects"
        ));
    }
    let known: Vec<&str> = site.components.iter().map(|c| c.id.as_str()).collect();
    Err(format!("no component with id `{id}`; {}", crate::diag::suggestion(id, &known, "known")))
}

/// Refuses a message that would be more than the body of one update.
pub(crate) fn check_message(message: &str, has_component_changes: bool) -> Result<(), String> {
    let headings = crate::load::updates::parse(message, 0);
    let heading = headings.updates.first().map(|u| format!("{} - {}", u.status, u.time));
    if let Some(text) = heading.or_else(|| headings.bad_headings.first().map(|b| b.text.clone())) {
        return Err(format!(
            "--message holds the level-2 heading `{text}`, which would start another update; \
             one command adds one update (use `###` for a heading inside it)"
        ));
    }
    if !has_component_changes && crate::load::components_line::split(message.trim(), 0).is_some() {
        return Err("--message starts with a `Components:` line, which would change statuses; \
                    give the changes with --component ID:STATUS and the text with --message"
            .into());
    }
    Ok(())
}

/// One new update: what it says, and when.
pub(crate) struct NewUpdate<'a> {
    pub word: &'a str,
    /// Written to the minute.
    pub at: Instant,
    pub message: &'a str,
    pub components: &'a [(&'a str, &'static str)],
}

/// The file's new text with `update` on top, checked with the rest of the site in memory:
/// an edit that would leave the file with an error is refused and nothing is written.
pub(crate) fn edited_text(
    site: &Site,
    sources: &SourceSet,
    relative: &std::path::Path,
    update: &NewUpdate<'_>,
) -> Result<String, String> {
    let original = sources.text(relative).ok_or_else(|| format!("{} was not read", relative.display()))?;
    let at = to_the_minute(update.at);
    let section =
        update_section_with_components(update.word, at, site.config.timezone, update.message, update.components);
    let text = edit::insert_update(original, &section)?;
    let mut edited = sources.clone();
    for file in edited.incidents.iter_mut().chain(edited.maintenances.iter_mut()) {
        if file.path == relative {
            file.text = text.as_str().into();
        }
    }
    let (_, diagnostics) = crate::validate::site(&edited, None);
    let broken: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error() && d.file == relative).collect();
    if let Some(first) = broken.first() {
        return Err(format!(
            "the update would make {} invalid ({}); the file was left as it was",
            relative.display(),
            first.message
        ));
    }
    Ok(text)
}
