//! One module per subcommand: each owns its `Args` and a `run` that returns the exit code.
//! No business rules live here; commands call the library's stages.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod deploy;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod next_change;
pub(crate) mod notify;
pub(crate) mod serve;
mod site_context;
pub(crate) mod update;
pub(crate) mod upstream;

/// What a command returns: its exit code (0 ok, 1 problems in the content), or an
/// environment or usage error as text, which `cli::run` prints and maps to exit code 2.
pub(crate) type Exit = Result<i32, String>;
