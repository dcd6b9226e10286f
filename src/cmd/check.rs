//! `statusforge check`: validate everything and print every problem.

use super::Format;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (holding `content/`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// How to print problems
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Fail on warnings too (e.g. an incident open for over 7 days)
    #[arg(long)]
    pub deny_warnings: bool,
    /// The clock for time-dependent warnings (RFC 3339); default SOURCE_DATE_EPOCH or now
    #[arg(long)]
    pub now: Option<String>,
}

pub fn run(args: Args) -> super::Exit {
    let now = crate::clock::from_env(args.now.as_deref())?;
    let checked = crate::check(&args.source, now);
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    print!("{}", super::format_diagnostics(&checked.diagnostics, &checked.sources, args.format, ""));
    if args.format == Format::Text && checked.diagnostics.is_empty() {
        let site = &checked.site;
        println!(
            "ok: {} components, {} incidents, {} maintenance windows; no problems",
            site.components.len(),
            site.incidents.len(),
            site.maintenances.len()
        );
    }
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) { 1 } else { 0 })
}
