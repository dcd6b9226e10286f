//! The imported site checked in memory before anything is written, with the same stages
//! `check` runs: a file the converter got wrong stops the import instead of landing on disk.
//! Then computed at the clock, to say which component statuses come out differently from the
//! page's (statusforge derives them from incidents; the hosted product lets authors set them).

use super::components::Ids;
use crate::load::{self, SourceFile, SourceSet};
use crate::model::{ComponentStatus, Instant, Site};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

/// The site made of `files` (relative path, text) and, when it is not among them, the
/// `site.yaml` already in `root`; an error drawing every problem when `check` would refuse it.
pub(crate) fn check(root: &Path, files: &[(PathBuf, String)]) -> Result<Site, String> {
    let mut set = SourceSet { root: root.to_path_buf(), ..SourceSet::default() };
    set.site = existing_site_yaml(root)?;
    for (path, text) in files {
        if text.len() as u64 > load::MAX_FILE_BYTES {
            return Err(format!(
                "{} would be larger than {} bytes, which statusforge refuses; nothing was written",
                path.display(),
                load::MAX_FILE_BYTES
            ));
        }
        let file = SourceFile { path: path.clone(), text: text.as_str().into() };
        match path {
            p if p == Path::new(load::SITE_FILE) => set.site = Some(file),
            p if p == Path::new(load::COMPONENTS_FILE) => set.components = Some(file),
            p if p.starts_with(load::INCIDENTS_DIR) => set.incidents.push(file),
            _ => set.maintenances.push(file),
        }
    }
    let (site, diagnostics) = crate::validate::site(&set, None);
    let errors: Vec<_> = diagnostics.into_iter().filter(|d| d.is_error()).collect();
    if errors.is_empty() {
        return Ok(site);
    }
    let drawn = set.format_diagnostics(&errors, crate::diag::Format::Text, "");
    Err(format!(
        "the imported site would not pass `statusforge check`, so nothing was written (a statusforge bug: \
         please report it with the page's address):\n{drawn}"
    ))
}

/// The time zone of the `site.yaml` already in `root`, which imported times must be written
/// in; None when there is none. An error when it has mistakes: they would hide the zone.
pub(crate) fn existing_zone(root: &Path) -> Result<Option<Tz>, String> {
    let Some(file) = existing_site_yaml(root)? else { return Ok(None) };
    let set = SourceSet { root: root.to_path_buf(), site: Some(file), ..SourceSet::default() };
    let (site, diagnostics) = crate::validate::site(&set, None);
    let errors: Vec<_> =
        diagnostics.into_iter().filter(|d| d.is_error() && d.file == Path::new(load::SITE_FILE)).collect();
    if !errors.is_empty() {
        let drawn = set.format_diagnostics(&errors, crate::diag::Format::Text, "");
        return Err(format!("fix {} first; nothing was written:\n{drawn}", load::SITE_FILE));
    }
    Ok(Some(site.config.timezone))
}

fn existing_site_yaml(root: &Path) -> Result<Option<SourceFile>, String> {
    let path = root.join(load::SITE_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok(Some(SourceFile { path: load::SITE_FILE.into(), text: text.into() }))
}

/// A warning for each component whose status at `now` differs from the one the API gave.
pub(crate) fn status_differences(site: Site, now: Instant, ids: &Ids) -> Vec<String> {
    let zone = site.config.timezone;
    let snapshot = crate::compute::snapshot(site, now, crate::compute::ComputeOptions::default());
    let mut warnings = Vec::new();
    for (id, name, hosted) in ids.statuses() {
        let Some(state) = snapshot.components.iter().find(|c| c.component.id == id) else { continue };
        let ours = state.status.keyword();
        match ComponentStatus::parse(hosted) {
            Some(status) if status.keyword() == ours => {}
            Some(_) => warnings.push(format!(
                "component {name}: the page says {hosted}, the imported site says {ours} at {}; statusforge \
                 derives a component's status from open incidents and maintenance windows",
                crate::author::local_time(now, zone)
            )),
            None if hosted.is_empty() => {}
            None => warnings
                .push(format!("component {name}: status `{hosted}` has no equivalent; the imported site says {ours}")),
        }
    }
    warnings
}
