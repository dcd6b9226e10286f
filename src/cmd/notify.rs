//! `statusforge notify`: load the site's `notify:` targets, diff two builds, send what is new.

use crate::notify::{self, journal::Journal, plan, source};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The build that is live now: an output folder, or the site's http(s) base URL
    #[arg(long)]
    pub previous: String,
    /// The new build's output folder
    #[arg(long)]
    pub current: PathBuf,
    /// Print what would be sent; send nothing, record nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The site folder (holding `content/site.yaml` with `notify:`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// The delivery journal: what already went out to whom
    #[arg(long, default_value = ".statusforge-notify.json")]
    pub state: PathBuf,
}

/// Exit 0 when everything went out, 1 when some sends failed, 2 for usage or environment.
pub fn run(args: Args) -> super::Exit {
    let (site, _, _) = super::site_context::load(&args.source)?;
    let config = site.config.notify;
    let current = args.current.to_string_lossy().into_owned();
    let new = source::load(&current)?.ok_or_else(|| {
        format!("{} has no {}: build it with this statusforge first", current, crate::render::published::PATH)
    })?;
    let Some(old) = source::load(&args.previous)? else {
        eprintln!("notify: nothing was published before ({}); sending nothing on a first publish", args.previous);
        return Ok(0);
    };
    let notifications = plan::diff(&old, &new);
    if config.targets.is_empty() {
        eprintln!("notify: {} new notifications, but site.yaml has no `notify:` targets", notifications.len());
        return Ok(0);
    }
    let mut journal = Journal::open(&args.state)?;
    let options = notify::Options { dry_run: args.dry_run, backoff: notify::BACKOFF };
    let mut out = std::io::stdout();
    let report = notify::deliver(&config, &new, &notifications, &mut journal, &options, &mut out)?;
    if args.dry_run {
        eprintln!("notify: dry run; {} notifications found, nothing sent", notifications.len());
        return Ok(0);
    }
    eprintln!("notify: {} sent, {} already sent before, {} failed", report.sent, report.skipped, report.failed.len());
    for (target, id, error) in &report.failed {
        eprintln!("error: {target}: {id}: {error}");
    }
    Ok(if report.failed.is_empty() { 0 } else { 1 })
}
