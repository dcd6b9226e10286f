//! `statusforge serve`: build, serve on localhost, rebuild on change, reload the browser.

use crate::serve::{self, ServeOptions};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (holding `content/`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// Address to listen on; keep 127.0.0.1 unless you mean to share the preview
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Port; 0 picks a free one
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// A fixed clock for the preview (RFC 3339); default: the time of each rebuild
    #[arg(long)]
    pub now: Option<String>,
    /// Include drafts
    #[arg(long)]
    pub drafts: bool,
}

pub(crate) fn run(args: Args) -> super::Exit {
    let now = match args.now.as_deref() {
        Some(text) => Some(crate::clock::resolve(Some(text), None)?),
        None => None,
    };
    serve::run(ServeOptions { source: args.source, bind: args.bind, port: args.port, now, drafts: args.drafts })?;
    Ok(0)
}
