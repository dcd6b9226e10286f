//! Entry point: parse the command line, dispatch, exit with the command's code.

use clap::Parser;

fn main() {
    let cli = statusforge::cli::Cli::parse();
    std::process::exit(statusforge::cli::run(cli));
}
