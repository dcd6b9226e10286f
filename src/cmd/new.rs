//! `statusforge new incident|maintenance "Title" ...`: writes a new file in the canonical form,
//! first update at now in the site's time zone, refusing unknown component ids.

use super::site_context;
use crate::author::{self, NewIncident, NewMaintenance};
use crate::model::{AffectedComponent, ComponentStatus, Impact, IncidentStatus};
use crate::validate::times;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub kind: Kind,
}

#[derive(Debug, clap::Subcommand)]
pub enum Kind {
    /// A new incident: `new incident "API errors" --component api:partial_outage`
    Incident(IncidentArgs),
    /// A new maintenance window: `new maintenance "DB upgrade" --component api --start ... --end ...`
    Maintenance(MaintenanceArgs),
}

#[derive(Debug, clap::Args)]
pub struct Common {
    /// The site folder (holding `content/`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// The time of the update it writes (RFC 3339); default SOURCE_DATE_EPOCH, else now
    #[arg(long)]
    pub now: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct IncidentArgs {
    /// What customers see, e.g. "SMS delays through Carrier X"
    pub title: String,
    /// An affected component, as ID or ID:STATUS (status defaults to what --impact implies)
    #[arg(long = "component", value_name = "ID[:STATUS]")]
    pub components: Vec<String>,
    /// none, minor, major or critical; derived from the components when left out
    #[arg(long)]
    pub impact: Option<String>,
    /// The first update's status
    #[arg(long, default_value = "investigating")]
    pub status: String,
    /// The first update's text
    #[arg(long, default_value = "We are investigating this issue and will post an update soon.")]
    pub message: String,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, clap::Args)]
pub struct MaintenanceArgs {
    pub title: String,
    /// An affected component id (repeat for several)
    #[arg(long = "component", value_name = "ID")]
    pub components: Vec<String>,
    /// Window start, `YYYY-MM-DD HH:MM` in the site time zone or with an offset
    #[arg(long)]
    pub start: String,
    /// Window end
    #[arg(long)]
    pub end: String,
    /// The announcement
    #[arg(long, default_value = "We will perform scheduled maintenance during this window.")]
    pub message: String,
    #[command(flatten)]
    pub common: Common,
}

pub(crate) fn run(args: Args) -> super::Exit {
    match args.kind {
        Kind::Incident(args) => incident(args),
        Kind::Maintenance(args) => maintenance(args),
    }
}

fn incident(args: IncidentArgs) -> super::Exit {
    let now = crate::clock::from_env(args.common.now.as_deref())?;
    let (site, _, _) = site_context::load(&args.common.source)?;
    let impact = args.impact.as_deref().map(Impact::parse_or_error).transpose()?;
    let status = IncidentStatus::parse_or_error(&args.status)?;
    let mut components = Vec::new();
    for spec in &args.components {
        let (id, status) = match spec.split_once(':') {
            Some((id, status)) => (id, ComponentStatus::parse_or_error(status)?),
            None => (spec.as_str(), impact.map_or(ComponentStatus::DegradedPerformance, Impact::implied_status)),
        };
        crate::author::update::check_component(&site, id)?;
        components.push(AffectedComponent { id: id.to_string(), status });
    }
    let zone = site.config.timezone;
    let taken: Vec<&str> = site.incidents.iter().map(|i| i.slug.as_str()).collect();
    let path =
        free_path(&args.common.source, crate::load::INCIDENTS_DIR, &author::dated_slug(now, zone, &args.title), &taken);
    let text = author::incident_file(&NewIncident {
        title: &args.title,
        impact,
        components: &components,
        status,
        message: &args.message,
        at: now,
        zone,
    });
    write_new(&args.common.source, &path, &text)
}

fn maintenance(args: MaintenanceArgs) -> super::Exit {
    let now = crate::clock::from_env(args.common.now.as_deref())?;
    let (site, _, _) = site_context::load(&args.common.source)?;
    for id in &args.components {
        crate::author::update::check_component(&site, id)?;
    }
    let zone = site.config.timezone;
    let start = times::parse_instant(&args.start, zone).map_err(|e| format!("--start: {e}"))?;
    let end = times::parse_instant(&args.end, zone).map_err(|e| format!("--end: {e}"))?;
    if end <= start {
        return Err("--end must be after --start".into());
    }
    let taken: Vec<&str> = site.maintenances.iter().map(|m| m.slug.as_str()).collect();
    let path = free_path(
        &args.common.source,
        crate::load::MAINTENANCE_DIR,
        &author::dated_slug(start, zone, &args.title),
        &taken,
    );
    let text = author::maintenance_file(&NewMaintenance {
        title: &args.title,
        components: &args.components,
        start,
        end,
        message: &args.message,
        at: now,
        zone,
    });
    write_new(&args.common.source, &path, &text)
}

/// `<dir>/<stem>.md` (relative to the site folder), or `<stem>-2.md`... when the file or the
/// slug is taken.
fn free_path(source: &Path, dir: &str, stem: &str, taken: &[&str]) -> PathBuf {
    let path = |stem: &str| Path::new(dir).join(format!("{stem}.md"));
    path(&author::free_stem(stem, |candidate| taken.contains(&candidate) || source.join(path(candidate)).exists()))
}

fn write_new(source: &Path, path: &Path, text: &str) -> super::Exit {
    let written = crate::output::create_files(source, &[(path.to_path_buf(), text.to_string())])?;
    for path in written {
        println!("{}", path.display());
        eprintln!("wrote {}; edit it if needed, then run `statusforge check`", path.display());
    }
    Ok(0)
}
