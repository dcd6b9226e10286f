//! `statusforge build`: not built yet; it arrives with its own issue.

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> super::check::anyhow_free::Result {
    Err("`statusforge build` is not available in this version yet".into())
}
