//! Entry point: parse the command line, dispatch, exit with the command's code.

use clap::Parser;

// A build allocates millions of small strings across threads (template contexts, pages);
// mimalloc handles that several times better than the system allocator here.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = statusforge::cli::Cli::parse();
    std::process::exit(statusforge::cli::run(cli));
}
