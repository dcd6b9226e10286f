//! `statusforge init [DIR]`: a new site that builds at once, with a CI workflow. Never
//! overwrites: if any file it would write exists, it writes nothing.

use crate::author::scaffold::{self, Host};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to create the site (default: the current folder)
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The page title
    #[arg(long, default_value = "Example Status")]
    pub title: String,
    /// IANA time zone for the site
    #[arg(long, default_value = "UTC")]
    pub timezone: String,
    /// The clock for the example's dates (RFC 3339); default now
    #[arg(long)]
    pub now: Option<String>,
    /// Where the site is published: the workflow (and host config) to write
    #[arg(long, value_enum, default_value_t = Host::GithubPages)]
    pub host: Host,
}

pub(crate) fn run(args: Args) -> super::Exit {
    let now = crate::clock::from_env(args.now.as_deref())?;
    let zone: chrono_tz::Tz = args.timezone.parse().map_err(|_| format!("unknown time zone `{}`", args.timezone))?;
    let files = scaffold::files(&args.title, now, zone, args.host);
    let files: Vec<(PathBuf, String)> = files.into_iter().map(|(path, text)| (PathBuf::from(path), text)).collect();
    // Paths a command creates go to standard output, like `new`'s.
    for path in crate::output::create_files(&args.dir, &files)? {
        println!("{}", path.display());
    }
    eprintln!(
        "a new site is ready in {}: run `statusforge serve` there and open the address it prints; \
         before publishing to {}, read the steps in .github/workflows/status.yml",
        args.dir.display(),
        args.host.keyword()
    );
    Ok(0)
}
