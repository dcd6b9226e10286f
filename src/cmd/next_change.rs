//! `statusforge next-change`: when the output next changes by the clock alone, for a scheduled
//! job that should rebuild only then.

use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (holding `content/`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// The clock (RFC 3339); default SOURCE_DATE_EPOCH, else the system clock
    #[arg(long)]
    pub now: Option<String>,
    /// Rebuild at least this often (e.g. 1h), so the page's "generated" time stays recent for
    /// a monitor running `check --live --max-age`
    #[arg(long, value_name = "DURATION")]
    pub heartbeat: Option<String>,
}

/// Prints the instant as RFC 3339 UTC (`2026-12-01T01:00:00Z`), which `date -d` reads.
pub(crate) fn run(args: Args) -> super::Exit {
    let now = crate::clock::from_env(args.now.as_deref())?;
    let (site, _, diagnostics) = super::site_context::load(&args.source)?;
    if diagnostics.iter().any(|d| d.is_error()) {
        eprintln!("next-change: some files have errors (run `statusforge check`); they are left out");
    }
    let heartbeat = args.heartbeat.as_deref().map(crate::clock::parse_duration).transpose()?;
    let at = crate::compute::next_change(&site, now);
    let at = heartbeat.map_or(at, |beat| at.min(now + beat));
    println!("{}", at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    Ok(0)
}
