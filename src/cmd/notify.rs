//! `statusforge notify`: load the site's `notify:` targets, diff two builds, send what is new.

use crate::notify::journal::{Baseline, Journal};
use crate::notify::{self, plan, source};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The new build's output folder
    #[arg(long)]
    pub current: PathBuf,
    /// Only when the journal has no baseline yet (a site moving from a statusforge before 0.2):
    /// the build subscribers were last told about, an output folder or the site's http(s)
    /// base URL. The journal is the record from then on.
    #[arg(long)]
    pub previous: Option<String>,
    /// Print what would be sent; send nothing, record nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The site folder (holding `content/site.yaml` with `notify:`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// The delivery journal: what subscribers were told, and what already went out to whom
    #[arg(long, default_value = ".statusforge-notify.json")]
    pub state: PathBuf,
}

/// Exit 0 when everything went out, 1 when some send failed (retried by the next run, or
/// dropped), 2 for usage or environment (a target's variable not set).
pub(crate) fn run(args: Args) -> super::Exit {
    let (site, _, _) = super::site_context::load(&args.source)?;
    let lang = crate::i18n::lang(&site.config.language);
    let config = site.config.notify;
    let remind_before = config.remind_before;
    let current = args.current.to_string_lossy().into_owned();
    let new = source::load(&current)?.ok_or_else(|| {
        format!("{} has no {}: build it with this statusforge first", current, crate::contract::published::PATH)
    })?;
    let changes = source::load_changes(&current)?;
    let mut journal = Journal::open(&args.state)?;
    if !args.dry_run {
        journal.check_writable()?;
    }
    let Some(baseline) = baseline(&journal, args.previous.as_deref(), remind_before)? else {
        if !args.dry_run {
            journal.advance(Baseline::of(&new, changes.as_ref(), remind_before))?;
        }
        let recorded = if args.dry_run { "would be recorded" } else { "is recorded" };
        eprintln!(
            "notify: no delivery journal yet ({}): what {current} publishes {recorded} as told; nothing sent",
            args.state.display()
        );
        return Ok(0);
    };
    let notifications = plan::diff(&baseline, &new, changes.as_ref(), remind_before);
    let options = notify::Options {
        lang,
        tag: &site.config.language,
        dry_run: args.dry_run,
        backoff: notify::BACKOFF,
        timeout: request_timeout(),
        clock: notify::maintenance::clock(changes.as_ref()),
    };
    let mut out = std::io::stdout();
    let report = notify::deliver(&config, &new, &notifications, &mut journal, &options, &mut out)?;
    if args.dry_run {
        eprintln!("notify: dry run; {} notifications found, nothing sent", notifications.len());
        return Ok(0);
    }
    if config.targets.is_empty() {
        eprintln!("notify: {} new notifications, but site.yaml has no `notify:` targets", notifications.len());
    } else {
        let dropped = report.failed.iter().filter(|f| f.outcome == notify::Outcome::Dropped).count();
        eprintln!(
            "notify: {} sent, {} already sent before, {} failed ({dropped} dropped), {} left for the next run",
            report.sent,
            report.skipped,
            report.failed.len(),
            report.deferred
        );
    }
    for failed in &report.failed {
        let (target, what, error) = (&failed.target, &failed.what, &failed.error);
        match failed.outcome {
            notify::Outcome::Dropped => {
                eprintln!("warning: {target}: {what}: dropped, never sent again: {error}");
            }
            notify::Outcome::Retry => eprintln!("error: {target}: {what}: {error}; the next run tries again"),
            notify::Outcome::Config => eprintln!("error: notify target `{target}`: {error}"),
        }
    }
    if report.pending() {
        // The baseline stays: the next run plans these again and sends what is still missing.
        eprintln!("notify: what failed is sent by the next run");
    } else {
        journal.advance(Baseline::of(&new, changes.as_ref(), remind_before))?;
    }
    // A target the environment does not configure is a usage error, like any other missing
    // setting; a receiver that failed or refused is the run's failure.
    if report.failed.iter().any(|f| f.outcome == notify::Outcome::Config) {
        return Ok(2);
    }
    Ok(if report.failed.is_empty() { 0 } else { 1 })
}

/// The most one request may take: `notify::TIMEOUT`. `STATUSFORGE_NOTIFY_TIMEOUT_MS` shortens
/// it for the tests of slow receivers, which would otherwise wait seconds per case; it is
/// not documented for users, who have no reason to wait longer or less.
fn request_timeout() -> std::time::Duration {
    std::env::var("STATUSFORGE_NOTIFY_TIMEOUT_MS")
        .ok()
        .and_then(|ms| ms.parse::<u64>().ok())
        .filter(|ms| (1..=notify::TIMEOUT.as_millis() as u64).contains(ms))
        .map_or(notify::TIMEOUT, std::time::Duration::from_millis)
}

/// What subscribers know: the journal's baseline, else (once, when moving from a journal
/// without one) what `previous` published; None when there is neither.
fn baseline(
    journal: &Journal,
    previous: Option<&str>,
    remind_before: Option<chrono::Duration>,
) -> Result<Option<Baseline>, String> {
    if let Some(baseline) = journal.baseline() {
        if previous.is_some() {
            eprintln!("notify: the delivery journal is the record; --previous is ignored");
        }
        return Ok(Some(baseline.clone()));
    }
    let Some(location) = previous else { return Ok(None) };
    let Some(published) = source::load(location)? else { return Ok(None) };
    Ok(Some(Baseline::of(&published, source::load_changes(location)?.as_ref(), remind_before)))
}
