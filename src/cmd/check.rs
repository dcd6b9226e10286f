//! `statusforge check`: validate everything and print every problem.

use crate::diag::Format;
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
    /// The site is about to be published: also warn about what `init` left (a placeholder
    /// `base_url`, the sample incident)
    #[arg(long)]
    pub publishing: bool,
    /// Instead of the files: check that the site published at this URL was generated within
    /// `--max-age` (exit 1 when older), for a monitor or a scheduled job
    #[arg(long, value_name = "URL")]
    pub live: Option<String>,
    /// With `--live`: the oldest acceptable generation time, e.g. 30m, 2h, 1d
    #[arg(long, default_value = "30m", requires = "live")]
    pub max_age: String,
}

pub(crate) fn run(args: Args) -> super::Exit {
    if let Some(url) = &args.live {
        // The real clock (or --now), never SOURCE_DATE_EPOCH: a monitor with that variable set
        // for reproducible builds would never see a stale site.
        let now = crate::clock::resolve(args.now.as_deref(), None)?;
        return live(url, &args.max_age, now);
    }
    let now = crate::clock::from_env(args.now.as_deref())?;
    let mut checked = crate::check(&args.source, now, None);
    let render_problems = crate::render_problems(&checked, now);
    checked.diagnostics.extend(render_problems);
    checked.diagnostics.extend(crate::validate::templates(&checked.sources, &checked.site));
    crate::diag::sort(&mut checked.diagnostics);
    if args.publishing {
        checked.diagnostics.extend(crate::validate::publishing_warnings(&checked.site));
    }
    crate::diag::sort(&mut checked.diagnostics);
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    print!("{}", checked.sources.format_diagnostics(&checked.diagnostics, args.format, ""));
    if args.format == Format::Text && checked.diagnostics.is_empty() {
        let site = &checked.site;
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        // Most sites have no notices or templates: the line stays as it was for them.
        let optional =
            |n: usize, one: &str, many: &str| if n == 0 { String::new() } else { format!(", {}", count(n, one, many)) };
        println!(
            "ok: {}, {}, {}{}{}; no problems",
            count(site.components.len(), "component", "components"),
            count(site.incidents.len(), "incident", "incidents"),
            count(site.maintenances.len(), "maintenance window", "maintenance windows"),
            optional(site.notices.len(), "notice", "notices"),
            optional(checked.sources.templates.len(), "template", "templates"),
        );
    }
    Ok(if errors > 0 || (args.deny_warnings && warnings > 0) { 1 } else { 0 })
}

/// `check --live URL`: 0 when the live site is fresh, 1 when it is older than `max_age`.
fn live(url: &str, max_age: &str, now: crate::model::Instant) -> super::Exit {
    let max_age = crate::clock::parse_duration(max_age)?;
    let generated = crate::live::generated_at(url)?;
    let age = now - generated;
    let minutes = age.num_minutes();
    // A few minutes of clock skew between hosts are normal; more is a wrong clock somewhere.
    if age < -chrono::Duration::minutes(5) {
        println!(
            "wrong clock: {url} says it was generated at {}, {} minutes in the future",
            generated.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            -minutes
        );
        return Ok(1);
    }
    if age > max_age {
        println!(
            "stale: {url} was generated at {} ({minutes} minutes ago), more than the {} minutes allowed; is the publishing job running?",
            generated.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            max_age.num_minutes()
        );
        return Ok(1);
    }
    println!(
        "fresh: {url} was generated at {} ({minutes} minutes ago)",
        generated.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    );
    Ok(0)
}
