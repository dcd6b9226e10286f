//! `statusforge import statuspage URL [--source DIR]`: a new site from a Statuspage-compatible
//! API v2. Prints the files it writes, then what it could not carry over.

use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub from: From,
}

#[derive(Debug, clap::Subcommand)]
pub enum From {
    /// A page's public status API v2: `import statuspage https://status.example.com`
    Statuspage(StatuspageArgs),
}

#[derive(Debug, clap::Args)]
pub struct StatuspageArgs {
    /// The status page's address (or its `api/v2` folder)
    pub url: String,
    /// The site folder to write `content/` into; no file there is ever replaced
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// The clock the imported statuses are compared with the page's at (RFC 3339); default
    /// SOURCE_DATE_EPOCH, else now
    #[arg(long)]
    pub now: Option<String>,
}

pub(crate) fn run(args: Args) -> super::Exit {
    let From::Statuspage(args) = args.from;
    let now = crate::clock::from_env(args.now.as_deref())?;
    let options = crate::import::Options { url: &args.url, root: &args.source, now };
    let imported = crate::import::statuspage(&options)?;
    for path in &imported.written {
        println!("{}", path.display());
    }
    eprintln!(
        "imported {} components, {} incidents and {} maintenance windows into {}",
        imported.components,
        imported.incidents,
        imported.maintenances,
        args.source.display()
    );
    if !imported.warnings.is_empty() {
        eprintln!("not carried over ({}):", imported.warnings.len());
        for warning in &imported.warnings {
            eprintln!("warning: {warning}");
        }
    }
    eprintln!("next: `statusforge check`, then `statusforge serve` to look at it");
    Ok(0)
}
