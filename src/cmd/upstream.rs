//! `statusforge upstream fetch [--source DIR] [--now TIME]`: stores each third-party
//! component's vendor status in `content/upstream/`, for builds to read. Prints the files it
//! wrote; exit 2 when a vendor could not be read (its previous snapshot is kept).

use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// Read every `upstream:` page's summary.json into content/upstream/<id>.json
    Fetch(FetchArgs),
}

#[derive(Debug, clap::Args)]
pub struct FetchArgs {
    /// The site folder (holding `content/`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// The time written as `fetched_at` (RFC 3339); default SOURCE_DATE_EPOCH, else now
    #[arg(long)]
    pub now: Option<String>,
}

pub(crate) fn run(args: Args) -> super::Exit {
    let Action::Fetch(args) = args.action;
    let now = crate::clock::from_env(args.now.as_deref())?;
    let (site, _, _) = super::site_context::load(&args.source)?;
    if site.upstream.is_empty() {
        eprintln!(
            "no third-party components: give a component `upstream: {{url: https://status.vendor.com}}` in \
             content/components.yaml"
        );
        return Ok(0);
    }
    let fetched = crate::import::upstream::fetch(&args.source, &site.upstream, now);
    for path in &fetched.written {
        println!("{}", path.display());
    }
    for why in &fetched.failed {
        eprintln!("error: {why}; its previous snapshot is kept");
    }
    eprintln!("fetched {} of {} third-party components", fetched.written.len(), site.upstream.len());
    // A vendor out of reach is the environment, not the content: exit 2, like other network failures.
    Ok(if fetched.failed.is_empty() { 0 } else { 2 })
}
