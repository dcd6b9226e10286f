//! One module per subcommand: each owns its `Args` and a `run` that returns the exit code.
//! No business rules live here; commands call the library's stages.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod deploy;
pub(crate) mod init;
pub(crate) mod new;
pub(crate) mod next_change;
pub(crate) mod notify;
pub(crate) mod serve;
mod site_context;
pub(crate) mod update;

use crate::diag::{self, Diagnostic};
use crate::load::SourceSet;

/// What a command returns: its exit code (0 ok, 1 problems in the content), or an
/// environment or usage error as text, which `cli::run` prints and maps to exit code 2.
pub(crate) type Exit = Result<i32, String>;

/// How diagnostics are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Compiler-style text with the source line underlined
    #[default]
    Text,
    /// GitHub Actions annotations (`::error file=...,line=...::`)
    Github,
    /// A JSON array, for editors and bots
    Json,
}

/// Diagnostics in the chosen format, ending with a summary line for text.
pub(crate) fn format_diagnostics(
    diagnostics: &[Diagnostic],
    sources: &SourceSet,
    format: Format,
    consequence: &str,
) -> String {
    let texts = sources.texts();
    let source = |path: &std::path::Path| texts.get(path).copied();
    match format {
        Format::Json => diag::render_json(diagnostics, source),
        Format::Github => diagnostics.iter().map(|d| diag::render_github(d, source)).collect(),
        Format::Text => {
            let mut out: String = diagnostics.iter().map(|d| diag::render_text(d, source) + "\n").collect();
            if let Some(line) = diag::summary_line(diagnostics, consequence) {
                out.push_str(&line);
                out.push('\n');
            }
            out
        }
    }
}
