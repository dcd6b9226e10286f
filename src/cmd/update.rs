//! `statusforge update SLUG --status S --message TEXT [--component ID:STATUS]` and
//! `statusforge resolve SLUG`: add an update on top of an incident or maintenance, changing no
//! other byte of the file. Component changes go in the new update's `Components:` line, so
//! the front matter keeps the statuses the incident started with.

use super::site_context;
use crate::author;
use crate::model::{ComponentStatus, IncidentStatus, MaintenanceStatus, Site};
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The incident's or maintenance's slug (its file name without date folder and `.md`)
    pub slug: String,
    /// The new status: investigating, identified, monitoring, resolved, postmortem, update;
    /// for maintenance: in_progress, verifying, completed, cancelled, update
    #[arg(long)]
    pub status: String,
    /// What changed, for customers
    #[arg(long)]
    pub message: String,
    /// Change a component's status from this update on: ID:STATUS (repeat for several); it is
    /// written as the update's `Components:` line
    #[arg(long = "component", value_name = "ID:STATUS")]
    pub components: Vec<String>,
    #[command(flatten)]
    pub common: super::new::Common,
}

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The incident's or maintenance's slug (its file name without date folder and `.md`)
    pub slug: String,
    /// What customers should know now
    #[arg(long)]
    pub message: Option<String>,
    #[command(flatten)]
    pub common: super::new::Common,
}

pub(crate) fn run(args: Args) -> super::Exit {
    add_update(&args.common, &args.slug, &args.status, &args.message, &args.components)
}

pub(crate) fn resolve(args: ResolveArgs) -> super::Exit {
    let (site, _, _) = site_context::load(&args.common.source)?;
    let (status, default) = match find(&site, &args.slug) {
        Some((Kind::Incident, _)) => ("resolved", "This incident has been resolved."),
        Some((Kind::Maintenance, _)) => ("completed", "The scheduled maintenance has been completed."),
        None => return Err(not_found(&site, &args.slug)),
    };
    add_update(&args.common, &args.slug, status, args.message.as_deref().unwrap_or(default), &[])
}

enum Kind {
    Incident,
    Maintenance,
}

fn find(site: &Site, slug: &str) -> Option<(Kind, PathBuf)> {
    if let Some(i) = site.incidents.iter().find(|i| i.slug == slug) {
        return Some((Kind::Incident, i.source.clone()));
    }
    site.maintenances.iter().find(|m| m.slug == slug).map(|m| (Kind::Maintenance, m.source.clone()))
}

fn not_found(site: &Site, slug: &str) -> String {
    let slugs: Vec<&str> = site
        .incidents
        .iter()
        .map(|i| i.slug.as_str())
        .chain(site.maintenances.iter().map(|m| m.slug.as_str()))
        .collect();
    match crate::diag::closest(slug, slugs.iter().copied()) {
        Some(best) => format!("no incident or maintenance with slug `{slug}`; did you mean `{best}`?"),
        None => {
            format!("no incident or maintenance with slug `{slug}` (or its file has errors: run `statusforge check`)")
        }
    }
}

fn add_update(
    common: &super::new::Common,
    slug: &str,
    status: &str,
    message: &str,
    components: &[String],
) -> super::Exit {
    let now = crate::clock::from_env(common.now.as_deref())?;
    let (site, _, _) = site_context::load(&common.source)?;
    let (kind, relative) = find(&site, slug).ok_or_else(|| not_found(&site, slug))?;
    let word = match kind {
        Kind::Incident if status.eq_ignore_ascii_case("update") => "Update".to_string(),
        Kind::Incident => IncidentStatus::parse_or_error(status).map(|s| author::heading_word(s.keyword()))?,
        Kind::Maintenance if status.eq_ignore_ascii_case("update") => "Update".to_string(),
        Kind::Maintenance => MaintenanceStatus::parse_or_error(status).map(|s| author::heading_word(s.keyword()))?,
    };
    if matches!(kind, Kind::Maintenance) && !components.is_empty() {
        return Err(
            "--component sets incident component statuses; a maintenance window puts its components under maintenance"
                .into(),
        );
    }
    let components = component_changes(&site, components)?;
    let headings = crate::load::updates::parse(message, 0);
    let heading = headings.updates.first().map(|u| format!("{} - {}", u.status, u.time));
    if let Some(text) = heading.or_else(|| headings.bad_headings.first().map(|b| b.text.clone())) {
        return Err(format!(
            "--message holds the level-2 heading `{text}`, which would start another update; \
             one command adds one update (use `###` for a heading inside it)"
        ));
    }
    if components.is_empty() && crate::load::components_line::split(message.trim(), 0).is_some() {
        return Err("--message starts with a `Components:` line, which would change statuses; \
                    give the changes with --component ID:STATUS and the text with --message"
            .into());
    }
    let path = common.source.join(&relative);
    let original = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let section = author::update_section_with_components(&word, now, site.config.timezone, message, &components);
    let text = author::insert_update(&original, &section)?;
    write_checked(&common.source, &path, &relative, &original, &text)?;
    println!("{}", path.display());
    eprintln!("added `{word}` to {}", relative.display());
    Ok(0)
}

/// `--component ID:STATUS` values as `(id, status keyword)`, each id once, in the order given.
fn component_changes<'a>(site: &Site, specs: &'a [String]) -> Result<Vec<(&'a str, &'static str)>, String> {
    let mut changes: Vec<(&str, &str)> = Vec::new();
    for spec in specs {
        let (id, status) = spec
            .split_once(':')
            .or_else(|| spec.split_once('='))
            .ok_or_else(|| format!("--component `{spec}`: write ID:STATUS, e.g. api:major_outage"))?;
        let id = id.trim();
        site_context::check_component(site, id)?;
        let status = ComponentStatus::parse_or_error(status)?;
        if changes.iter().any(|(seen, _)| *seen == id) {
            return Err(format!("--component names `{id}` twice; give each component one status"));
        }
        changes.push((id, status.keyword()));
    }
    Ok(changes)
}

/// Writes the edit, then checks the site; a file the edit broke is put back as it was.
fn write_checked(source: &Path, path: &Path, relative: &Path, original: &str, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    let (_, _, diagnostics) = site_context::load(source)?;
    let broken: Vec<_> = diagnostics.iter().filter(|d| d.is_error() && d.file == relative).collect();
    if let Some(first) = broken.first() {
        std::fs::write(path, original).map_err(|e| format!("cannot restore {}: {e}", path.display()))?;
        return Err(format!(
            "the update would make {} invalid ({}); the file was left as it was",
            relative.display(),
            first.message
        ));
    }
    Ok(())
}
