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

/// Exit 0 when everything went out, 1 when some sends failed, 2 for usage or environment.
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
    let options = notify::Options { lang, dry_run: args.dry_run, backoff: notify::BACKOFF };
    let mut out = std::io::stdout();
    let report = notify::deliver(&config, &new, &notifications, &mut journal, &options, &mut out)?;
    if args.dry_run {
        eprintln!("notify: dry run; {} notifications found, nothing sent", notifications.len());
        return Ok(0);
    }
    if config.targets.is_empty() {
        eprintln!("notify: {} new notifications, but site.yaml has no `notify:` targets", notifications.len());
    } else {
        eprintln!(
            "notify: {} sent, {} already sent before, {} failed, {} left for the next run",
            report.sent,
            report.skipped,
            report.failed.len(),
            report.deferred
        );
    }
    for (target, id, error) in &report.failed {
        eprintln!("error: {target}: {id}: {error}");
    }
    if !report.failed.is_empty() {
        // The baseline stays: the next run plans these again and sends what is still missing.
        eprintln!("notify: the failed sends will be retried by the next run");
        return Ok(1);
    }
    journal.advance(Baseline::of(&new, changes.as_ref(), remind_before))?;
    Ok(0)
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
