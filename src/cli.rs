//! The command line: one subcommand per module of `cmd`, parsed by clap.

use crate::cmd;
use clap::{Parser, Subcommand};

/// The parsed command line.
#[derive(Debug, Parser)]
#[command(name = "statusforge", version, about = "A static site generator for status pages", propagate_version = true)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// One variant per subcommand; each wraps the `Args` of its module in `cmd`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (default `public/`)
    Build(cmd::build::Args),
    /// Validate every file and print every problem; exit 1 on any error
    Check(cmd::check::Args),
    /// Write a new incident or maintenance file
    New(cmd::new::Args),
    /// Add an update on top of an incident or maintenance
    Update(cmd::update::Args),
    /// Add a resolved (or completed) update on top
    Resolve(cmd::update::ResolveArgs),
    /// Build, serve on localhost and rebuild on every change
    Serve(cmd::serve::Args),
    /// Create a new site with a small example
    Init(cmd::init::Args),
    /// Publish the built output folder to an S3-compatible object store
    Deploy(cmd::deploy::Args),
    /// Tell subscribers (webhooks, chat, ntfy, email) about each new update, exactly once
    Notify(cmd::notify::Args),
    /// Print when the output next changes by the clock alone (RFC 3339 UTC)
    NextChange(cmd::next_change::Args),
    /// Make a new site from another status page: `import statuspage URL`
    Import(cmd::import::Args),
    /// Store third-party components' status from their vendors' pages: `upstream fetch`
    Upstream(cmd::upstream::Args),
}

/// Exit codes: 0 ok, 1 problems in the content, 2 usage or environment errors.
pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Build(args) => cmd::build::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Update(args) => cmd::update::run(args),
        Command::Resolve(args) => cmd::update::resolve(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Init(args) => cmd::init::run(args),
        Command::Deploy(args) => cmd::deploy::run(args),
        Command::Notify(args) => cmd::notify::run(args),
        Command::NextChange(args) => cmd::next_change::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Upstream(args) => cmd::upstream::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            2
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
