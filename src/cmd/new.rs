//! `statusforge new incident|maintenance "Title" ...`: writes a new file in the canonical form,
//! first update at now in the site's time zone, refusing unknown component ids.

use super::site_context;
use crate::author::{self, NewIncident, NewMaintenance};
use crate::model::{AffectedComponent, ComponentStatus, Impact, IncidentStatus, Window};
use crate::validate::template::{self, FillError, Filled};
use crate::validate::times;
use std::collections::BTreeMap;
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
    /// Start from `content/templates/NAME.md`; the options given here replace its values
    #[arg(long, value_name = "NAME")]
    pub template: Option<String>,
    /// A value for the template's `{{NAME}}` (repeat for each)
    #[arg(long = "var", value_name = "NAME=VALUE", requires = "template")]
    pub vars: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct IncidentArgs {
    /// What customers see, e.g. "SMS delays through Carrier X" (a template may give it)
    #[arg(required_unless_present = "template")]
    pub title: Option<String>,
    /// An affected component, as ID or ID:STATUS (status defaults to what --impact implies)
    #[arg(long = "component", value_name = "ID[:STATUS]")]
    pub components: Vec<String>,
    /// none, minor, major or critical; derived from the components when left out
    #[arg(long)]
    pub impact: Option<String>,
    /// The first update's status [default: investigating]
    #[arg(long)]
    pub status: Option<String>,
    /// The first update's text [default: "We are investigating this issue and will post an update soon."]
    #[arg(long)]
    pub message: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, clap::Args)]
pub struct MaintenanceArgs {
    /// What work is planned (a template may give it)
    #[arg(required_unless_present = "template")]
    pub title: Option<String>,
    /// An affected component id (repeat for several)
    #[arg(long = "component", value_name = "ID")]
    pub components: Vec<String>,
    /// Window start, `YYYY-MM-DD HH:MM` in the site time zone or with an offset
    #[arg(long)]
    pub start: String,
    /// Window end
    #[arg(long)]
    pub end: String,
    /// The announcement [default: "We will perform scheduled maintenance during this window."]
    #[arg(long)]
    pub message: Option<String>,
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
    let (site, sources, _) = site_context::load(&args.common.source)?;
    let template = match from_template(&args.common, &sources, &site, now, None)? {
        Some(Filled::Incident(incident)) => Some(incident),
        Some(Filled::Maintenance(_)) => return Err(wrong_kind(&args.common, "maintenance", "incident")),
        None => None,
    };
    let impact = match args.impact.as_deref() {
        Some(text) => Some(Impact::parse_or_error(text)?),
        None => template.as_ref().filter(|t| t.impact_written).map(|t| t.impact),
    };
    let first = template.as_ref().and_then(|t| t.updates.last());
    let status = match (args.status.as_deref(), first) {
        (Some(text), _) => IncidentStatus::parse_or_error(text)?,
        (None, Some(update)) => update.status,
        (None, None) => IncidentStatus::Investigating,
    };
    let mut components = Vec::new();
    for spec in &args.components {
        let (id, status) = match spec.split_once(':') {
            Some((id, status)) => (id, ComponentStatus::parse_or_error(status)?),
            None => (spec.as_str(), impact.map_or(ComponentStatus::DegradedPerformance, Impact::implied_status)),
        };
        crate::author::update::check_component(&site, id)?;
        components.push(AffectedComponent { id: id.to_string(), status });
    }
    if components.is_empty() {
        components = template.as_ref().map(|t| t.components.clone()).unwrap_or_default();
    }
    let title = args.title.or_else(|| template.as_ref().map(|t| t.title.clone())).unwrap_or_default();
    let message = args.message.or_else(|| first.map(|u| u.body.clone())).unwrap_or_else(|| DEFAULT_INCIDENT.into());
    let zone = site.config.timezone;
    let taken: Vec<&str> = site.incidents.iter().map(|i| i.slug.as_str()).collect();
    let path =
        free_path(&args.common.source, crate::load::INCIDENTS_DIR, &author::dated_slug(now, zone, &title), &taken);
    let text = author::incident_file(&NewIncident {
        title: &title,
        impact,
        components: &components,
        status,
        message: &message,
        at: now,
        zone,
    });
    write_new(&args.common.source, &path, &text)
}

const DEFAULT_INCIDENT: &str = "We are investigating this issue and will post an update soon.";
const DEFAULT_MAINTENANCE: &str = "We will perform scheduled maintenance during this window.";

/// The template `--template` names, filled with `--var`s, as the file it makes; None without
/// `--template`.
fn from_template(
    common: &Common,
    sources: &crate::load::SourceSet,
    site: &crate::model::Site,
    now: crate::model::Instant,
    window: Option<Window>,
) -> Result<Option<Filled>, String> {
    let Some(name) = common.template.as_deref() else { return Ok(None) };
    let mut values = BTreeMap::new();
    for var in &common.vars {
        let Some((key, value)) = var.split_once('=').filter(|(key, _)| !key.trim().is_empty()) else {
            return Err(format!("--var `{var}`: write it as NAME=VALUE"));
        };
        if values.insert(key.trim().to_string(), value.to_string()).is_some() {
            return Err(format!("--var {key} is given twice"));
        }
    }
    let window = window.unwrap_or(Window { start: now, end: now + chrono::Duration::hours(1) });
    match template::fill_named(sources, site, name, &values, now, window) {
        Ok(filled) => Ok(Some(filled)),
        Err(FillError::Message(message)) => Err(format!("template `{name}`: {message}")),
        Err(FillError::Invalid { text, diagnostics }) => {
            let drawn = crate::diag::format(&diagnostics, |_| Some(text.as_str()), crate::diag::Format::Text, "");
            Err(format!("template `{name}` does not make a valid file with these values:\n{drawn}"))
        }
    }
}

fn wrong_kind(common: &Common, is: &str, asked: &str) -> String {
    let name = common.template.as_deref().unwrap_or_default();
    let article = if is.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("template `{name}` makes {article} {is}; use `statusforge new {is} --template {name}`, not `new {asked}`")
}

fn maintenance(args: MaintenanceArgs) -> super::Exit {
    let now = crate::clock::from_env(args.common.now.as_deref())?;
    let (site, sources, _) = site_context::load(&args.common.source)?;
    for id in &args.components {
        crate::author::update::check_component(&site, id)?;
    }
    let zone = site.config.timezone;
    let start = times::parse_instant(&args.start, zone).map_err(|e| format!("--start: {e}"))?;
    let end = times::parse_instant(&args.end, zone).map_err(|e| format!("--end: {e}"))?;
    if end <= start {
        return Err("--end must be after --start".into());
    }
    let template = match from_template(&args.common, &sources, &site, now, Some(Window { start, end }))? {
        Some(Filled::Maintenance(maintenance)) => Some(maintenance),
        Some(Filled::Incident(_)) => return Err(wrong_kind(&args.common, "incident", "maintenance")),
        None => None,
    };
    let components = match (&template, args.components.is_empty()) {
        (Some(t), true) => t.components.clone(),
        _ => args.components.clone(),
    };
    let title = args.title.or_else(|| template.as_ref().map(|t| t.title.clone())).unwrap_or_default();
    let first = template.as_ref().and_then(|t| t.updates.last());
    let message = args.message.or_else(|| first.map(|u| u.body.clone())).unwrap_or_else(|| DEFAULT_MAINTENANCE.into());
    let taken: Vec<&str> = site.maintenances.iter().map(|m| m.slug.as_str()).collect();
    let path =
        free_path(&args.common.source, crate::load::MAINTENANCE_DIR, &author::dated_slug(start, zone, &title), &taken);
    let text = author::maintenance_file(&NewMaintenance {
        title: &title,
        components: &components,
        start,
        end,
        message: &message,
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
