//! `statusforge build`: the whole pipeline, from `content/` to an atomically replaced output folder.

use crate::diag::Format;
use crate::render::RenderOptions;
use crate::{BuildError, BuildOptions};
use std::path::PathBuf;
use std::time::Instant as Stopwatch;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The site folder (holding `content/`)
    #[arg(long, default_value = ".")]
    pub source: PathBuf,
    /// Where to write the site; replaced atomically on success
    #[arg(long, default_value = "public")]
    pub output: PathBuf,
    /// Publish under this URL instead of `base_url` from site.yaml
    #[arg(long)]
    pub base_url: Option<String>,
    /// The build's clock (RFC 3339); default SOURCE_DATE_EPOCH, else the system clock
    #[arg(long)]
    pub now: Option<String>,
    /// Include incidents and maintenance marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Print only errors
    #[arg(long)]
    pub quiet: bool,
    /// Do not write the `_headers` cache and CORS rules file
    #[arg(long)]
    pub no_headers: bool,
}

pub(crate) fn run(args: Args) -> super::Exit {
    let started = Stopwatch::now();
    let options = options(&args)?;
    match crate::build(&options) {
        Ok((built, summary)) => {
            if !args.quiet {
                if !built.warnings.is_empty() {
                    eprint!("{}", built.sources.format_diagnostics(&built.warnings, Format::Text, ""));
                }
                eprintln!(
                    "built {} pages and {} other files ({} KB) into {} in {} ms",
                    summary.pages,
                    summary.files - summary.pages,
                    summary.bytes / 1024,
                    args.output.display(),
                    started.elapsed().as_millis()
                );
            }
            // The process ends here: freeing every source file one by one would only delay the
            // exit, and the OS takes the memory back at once.
            std::mem::forget(built);
            Ok(0)
        }
        Err(BuildError::Content { diagnostics, sources }) => {
            eprint!("{}", sources.format_diagnostics(&diagnostics, Format::Text, "; nothing was written"));
            Ok(1)
        }
        Err(BuildError::Environment(message)) => Err(message),
    }
}

pub(crate) fn options(args: &Args) -> Result<BuildOptions, String> {
    let now = crate::clock::from_env(args.now.as_deref())?;
    let base_url = match &args.base_url {
        Some(url) => Some(
            crate::validate::base_url::normalize(url)
                .map_err(|problem| format!("--base-url {}", problem.message(url)))?,
        ),
        None => None,
    };
    Ok(BuildOptions {
        source: args.source.clone(),
        output: args.output.clone(),
        now,
        drafts: args.drafts,
        render: RenderOptions { base_url, live_reload: false, no_headers: args.no_headers },
    })
}
