//! `serve`: build in memory, serve over HTTP on localhost, rebuild on every change to
//! `content/` or `themes/`, and reload open pages. On an error the last good build stays up
//! and the diagnostics show in the terminal and over the page.

mod reload;
mod server;
mod state;
mod watch;

use crate::model::Instant;
use crate::render::RenderOptions;
use crate::{BuildError, BuildOptions};
use state::Shared;
use std::path::PathBuf;
use std::sync::Arc;

/// What `statusforge serve` was asked for.
#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub source: PathBuf,
    pub bind: String,
    pub port: u16,
    /// A fixed clock; None reads the system clock at each rebuild.
    pub now: Option<Instant>,
    pub drafts: bool,
}

pub(crate) fn run(mut options: ServeOptions) -> Result<(), String> {
    options.source = site_root(&options.source)?;
    let shared: Shared = Arc::default();
    let server = server::bind(&options.bind, options.port)?;
    let base_url = format!("http://{}/", server.address());
    // Watch before the first build, so no change made after it can be missed.
    let watch = watch::start(&options.source)?;
    // Kept between rebuilds: an edit re-reads, re-checks and re-renders only what it touches.
    let mut caches = crate::Caches::default();
    rebuild(&options, &base_url, &shared, &mut caches);
    println!("serving {} at {base_url} (Ctrl-C to stop)", options.source.display());
    let serving = {
        let shared = shared.clone();
        std::thread::spawn(move || server.serve(&shared))
    };
    watch.on_change(|changes| {
        caches.note_changes(changes);
        rebuild(&options, &base_url, &shared, &mut caches)
    });
    let _ = serving.join();
    Ok(())
}

/// The site folder as one absolute path with its links resolved, used for the watch and every
/// rebuild alike: notify reports absolute paths, which only a root of that form can be
/// stripped from (`--source .` could not, and each change was unknown), and the rebuilds'
/// memo is kept for one root.
fn site_root(source: &std::path::Path) -> Result<PathBuf, String> {
    source.canonicalize().map_err(|e| format!("cannot serve {}: {e}", source.display()))
}

/// Renders the site in memory and swaps it in; on errors keeps the old files.
fn rebuild(options: &ServeOptions, base_url: &str, shared: &Shared, caches: &mut crate::Caches) {
    let started = std::time::Instant::now();
    let now = options.now.unwrap_or_else(chrono::Utc::now);
    let build = BuildOptions {
        source: options.source.clone(),
        output: options.source.join("public"),
        now,
        drafts: options.drafts,
        render: RenderOptions { base_url: Some(base_url.to_string()), live_reload: true, no_headers: true },
    };
    let result = crate::render_site(&build, Some(caches));
    let mut state = shared.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    state.version += 1;
    match result {
        Ok(rendered) => {
            state.files = rendered.files.into_iter().map(|f| (f.path.as_str().to_string(), f.bytes)).collect();
            state.errors = None;
            eprintln!("built {} files in {} ms", state.files.len(), started.elapsed().as_millis());
        }
        Err(BuildError::Content { diagnostics, sources }) => {
            // Before the first good build there is none to fall back on: every address
            // answers with a page that waits for one (`server::WAITING_PAGE`).
            let consequence = if state.files.is_empty() {
                "; no build to serve yet: pages show these problems until they are fixed"
            } else {
                "; still serving the last good build"
            };
            let text = sources.format_diagnostics(&diagnostics, crate::diag::Format::Text, consequence);
            eprint!("{text}");
            state.errors = Some(text);
        }
        Err(BuildError::Environment(message)) => {
            eprintln!("error: {message}");
            state.errors = Some(message);
        }
    }
}
