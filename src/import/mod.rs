//! `statusforge import statuspage URL`: a statusforge site from a Statuspage-compatible API v2
//! (docs/reference/statuspage-api-v2.md). Reads the page's components, incidents and scheduled
//! maintenances, writes them as `content/` files in the form `new` writes, checks the result
//! in memory as `check` would, and writes every file or none. What the files cannot say is
//! returned as warnings, never dropped silently.

mod api;
mod body;
mod components;
mod fetch;
mod incidents;
mod maintenance;
mod site;
mod updates;
pub(crate) mod upstream;
mod verify;

use crate::load::{COMPONENTS_FILE, INCIDENTS_DIR, MAINTENANCE_DIR, SITE_FILE};
use crate::model::Instant;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use updates::Planned;

/// What an import needs.
pub(crate) struct Options<'a> {
    /// The page (`https://status.example.com`), its `api/v2` folder or one of its files.
    pub url: &'a str,
    /// The site folder to write `content/` into.
    pub root: &'a Path,
    /// The clock the imported site's component statuses are compared with the page's at.
    pub now: Instant,
}

/// What an import wrote, and what it could not carry over.
pub(crate) struct Imported {
    /// Full paths, site.yaml (when written) and components.yaml first.
    pub written: Vec<PathBuf>,
    pub components: usize,
    pub incidents: usize,
    pub maintenances: usize,
    /// Each once, in the order met.
    pub warnings: Vec<String>,
}

/// Reads the API at `options.url` and writes the site; an error (network, the API's replies,
/// a file already there) leaves `options.root` as it was.
pub(crate) fn statuspage(options: &Options<'_>) -> Result<Imported, String> {
    let fetched = fetch::statuspage(options.url)?;
    let mut warnings = fetched.warnings;
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    // Times are written in the site's zone: the site.yaml already there, else the page's.
    let zone = match verify::existing_zone(options.root)? {
        Some(zone) => zone,
        None => {
            let zone = site::zone(&fetched.page, &mut warnings);
            files.push((SITE_FILE.into(), site::yaml(&fetched.page, &fetched.api, zone, &mut warnings)));
            zone
        }
    };
    let (components, ids) = components::convert(&fetched.components, &fetched.api, &mut warnings);
    files.push((COMPONENTS_FILE.into(), components));
    // Oldest first, as they were posted: a second incident of a day and title gets the `-2`.
    let incidents: Vec<Planned> =
        fetched.incidents.iter().rev().filter_map(|i| incidents::convert(i, &ids, zone, &mut warnings)).collect();
    let maintenances: Vec<Planned> =
        fetched.maintenances.iter().rev().filter_map(|m| maintenance::convert(m, &ids, zone, &mut warnings)).collect();
    let counts = (ids.statuses().count(), incidents.len(), maintenances.len());
    files.extend(named(incidents, maintenances));
    let site = verify::check(options.root, &files)?;
    warnings.extend(verify::status_differences(site, options.now, &ids));
    let written = crate::output::create_files(options.root, &files)?;
    let mut seen = BTreeSet::new();
    warnings.retain(|w| seen.insert(w.clone()));
    Ok(Imported { written, components: counts.0, incidents: counts.1, maintenances: counts.2, warnings })
}

/// Each planned file at its path: the stem `new` would give it, `-2`, `-3`... for a second
/// one of the same day and title. Slugs are unique across incidents and maintenance windows,
/// since `update SLUG` looks in both.
fn named(incidents: Vec<Planned>, maintenances: Vec<Planned>) -> Vec<(PathBuf, String)> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let kinds =
        incidents.into_iter().map(|p| (INCIDENTS_DIR, p)).chain(maintenances.into_iter().map(|p| (MAINTENANCE_DIR, p)));
    kinds
        .map(|(dir, planned)| {
            let stem = crate::author::free_stem(&planned.stem, |candidate| taken.contains(candidate));
            taken.insert(stem.clone());
            (Path::new(dir).join(format!("{stem}.md")), planned.text)
        })
        .collect()
}
