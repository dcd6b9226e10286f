//! statusforge: a static site generator for status pages.
//!
//! One pipeline, each stage a module that hands plain data to the next:
//!
//! ```text
//! content/ -load-> SourceSet -validate-> Site + Vec<Diagnostic> -compute(now)-> Snapshot
//!          -render-> Vec<OutputFile> -output-> public/ (atomic)
//! ```

pub(crate) mod author;
pub mod cli;
pub(crate) mod clock;
pub(crate) mod cmd;
pub mod compute;
pub mod contract;
pub(crate) mod deploy;
pub mod diag;
pub(crate) mod i18n;
pub(crate) mod import;
pub(crate) mod incremental;
pub(crate) mod live;
pub mod load;
pub mod model;
pub(crate) mod notify;
pub mod output;
pub mod render;
pub(crate) mod serve;
pub mod validate;

use diag::Diagnostic;
use model::{Instant, Site};
use std::path::Path;

/// The result of loading and validating a site folder.
pub struct Checked {
    /// The files as read, to draw diagnostics with their lines.
    pub sources: load::SourceSet,
    /// The site built from every file that is valid.
    pub site: Site,
    /// Sorted by file and position; errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// The theme the site names (or the built-in one), its templates parsed; `None` when it has
    /// mistakes, which are among the diagnostics: `check` finds all that `build` would refuse.
    pub theme: Option<render::Theme>,
}

impl Checked {
    /// True when any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What `serve` keeps from one rebuild to the next, so that an edit costs only what it
/// touches: files unchanged on disk, checks of unchanged documents, rendered Markdown, and
/// pages whose inputs are unchanged. A rebuild with caches writes the same bytes as one without.
#[derive(Debug, Default)]
pub struct Caches {
    /// The site folder the memos were made from, as given: another folder's files would pass
    /// for its own where paths or the watcher's changes match.
    root: Option<std::path::PathBuf>,
    files: load::FileCache,
    documents: validate::DocumentCache,
    render: render::RenderCache,
}

impl Caches {
    /// Tells the next rebuild what changed on disk since the previous one, as a file watcher
    /// reports it: with `Changes::Paths`, files not named are taken from memory without
    /// looking at them. Without a note every file is checked by its size, times and inode.
    pub fn note_changes(&mut self, changes: load::Changes) {
        self.files.note(changes);
    }

    /// Pages kept from a previous rebuild that differed from a fresh render and were rendered
    /// again: in debug builds kept pages are checked, and each one here is a bug in a page key.
    pub fn stale_pages(&self) -> &[String] {
        self.render.stale_pages()
    }

    /// The memos of `root`: when they were made from another site folder, they are dropped
    /// with the changes noted, which were changes to that folder.
    fn for_root(&mut self, root: &Path) -> &mut Caches {
        if self.root.as_deref() != Some(root) {
            *self = Caches { root: Some(root.to_path_buf()), ..Caches::default() };
        }
        self
    }
}

/// Load and validate: every problem of every file, and the site built from what is valid.
/// `now` adds the warnings that depend on the clock. With the memo of a previous run
/// (`serve`), unchanged files are neither read nor checked again.
pub fn check(root: &Path, now: Instant, caches: Option<&mut Caches>) -> Checked {
    let (files, documents) = match caches.map(|c| c.for_root(root)) {
        Some(c) => (Some(&mut c.files), Some(&mut c.documents)),
        None => (None, None),
    };
    let (sources, mut diagnostics) = load::site(root, files);
    let (site, more) = validate::site(&sources, documents);
    diagnostics.extend(more);
    diagnostics.extend(validate::warnings(&site, now));
    let theme = match render::theme::load(root, site.config.theme.as_deref(), &site.config.language) {
        Ok(theme) => Some(theme),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    };
    diag::sort(&mut diagnostics);
    Checked { sources, site, diagnostics, theme }
}

/// Renders a checked site without writing it, for the problems only rendering meets: a
/// template that reads a field no page has, divides by zero, or calls `throw`. `check` runs
/// it, so a pull request that passes `check` does not fail `build`; the warnings `build` would
/// print come along (a `_headers` file longer than a host reads). Nothing when the site
/// already has errors.
pub fn render_problems(checked: &Checked, now: Instant) -> Vec<Diagnostic> {
    let Some(theme) = checked.theme.as_ref().filter(|_| !checked.has_errors()) else { return Vec::new() };
    let snapshot = compute::snapshot(checked.site.clone(), now, compute::ComputeOptions::default());
    let options = render::RenderOptions::default();
    render::site(&snapshot, theme, &options, None, &output::Discard).unwrap_or_else(|errors| errors)
}

/// What `build` needs besides the files.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (holding `content/`).
    pub source: std::path::PathBuf,
    /// The output folder, replaced as a whole.
    pub output: std::path::PathBuf,
    /// The build's clock.
    pub now: Instant,
    /// Include incidents and maintenances marked `draft: true`.
    pub drafts: bool,
    /// How to render (base URL override, serve mode).
    pub render: render::RenderOptions,
}

/// Why a build wrote nothing.
#[derive(Debug)]
pub enum BuildError {
    /// Mistakes in the content or theme (exit 1); `sources` lets them be drawn.
    Content {
        /// Every problem found, sorted by file and position.
        diagnostics: Vec<Diagnostic>,
        /// The files as read, to draw the diagnostics with their lines.
        sources: Box<load::SourceSet>,
    },
    /// The environment is wrong: output folder refused, disk error (exit 2).
    Environment(String),
}

/// A site rendered in memory, and the warnings met on the way.
pub struct Rendered {
    /// Every file of the site, sorted by path.
    pub files: Vec<output::OutputFile>,
    /// Warnings met on the way (errors stop the build).
    pub warnings: Vec<Diagnostic>,
    /// The files as read, to draw diagnostics with their lines.
    pub sources: load::SourceSet,
}

/// A site written by `build`: the warnings met on the way, and the sources to draw them.
pub struct Built {
    /// Warnings met on the way (errors stop the build).
    pub warnings: Vec<Diagnostic>,
    /// The files as read, to draw diagnostics with their lines.
    pub sources: load::SourceSet,
}

/// Every stage but the last: load, validate, compute and render, all in memory. With the memo
/// of a previous run (`serve`), only what an edit touched is done again.
pub fn render_site(options: &BuildOptions, caches: Option<&mut Caches>) -> Result<Rendered, BuildError> {
    let files = output::Collect::default();
    let Built { warnings, sources } = render_site_into(options, caches, &files)?;
    Ok(Rendered { files: files.into_files(), warnings, sources })
}

/// Load, validate, compute, and render into `sink`, each file as soon as it is made: a sink
/// that takes its time (a slow disk) holds the renderer back, so memory does not grow with it.
pub fn render_site_into(
    options: &BuildOptions,
    mut caches: Option<&mut Caches>,
    sink: &dyn output::Sink,
) -> Result<Built, BuildError> {
    let checked = check(&options.source, options.now, caches.as_deref_mut());
    let theme = match checked.theme {
        Some(theme) if !checked.has_errors() => theme,
        _ => return Err(BuildError::Content { diagnostics: checked.diagnostics, sources: Box::new(checked.sources) }),
    };
    let compute_options = compute::ComputeOptions { drafts: options.drafts };
    let snapshot = compute::snapshot(checked.site, options.now, compute_options);
    let result = render::site(&snapshot, &theme, &options.render, caches.map(|c| &mut c.render), sink);
    // Freeing a large snapshot (every incident, every string) takes a while; nothing waits on it.
    rayon::spawn(move || drop(snapshot));
    match result {
        Ok(more) => {
            let mut warnings = checked.diagnostics;
            warnings.extend(more);
            Ok(Built { warnings, sources: checked.sources })
        }
        Err(diagnostics) => Err(BuildError::Content { diagnostics, sources: Box::new(checked.sources) }),
    }
}

/// The whole pipeline: render each file straight into a staging folder, then swap it in for
/// the output folder atomically. On any error the output folder is left as it was.
pub fn build(options: &BuildOptions) -> Result<(Built, output::WriteSummary), BuildError> {
    output::OutputGuard { source: options.source.clone() }.check(&options.output).map_err(BuildError::Environment)?;
    output::write_site_with(&options.output, |sink| render_site_into(options, None, sink)).map_err(|failure| {
        match failure {
            output::WriteFailure::Produce(error) => error,
            output::WriteFailure::Io(message) => BuildError::Environment(message),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page kept by `serve` that no longer matches what its inputs render (what a page key
    /// that misses an input leaves) is rendered again and reported, in debug builds.
    #[test]
    fn a_stale_kept_page_is_rendered_again_and_reported() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        let options = BuildOptions {
            source: fixture.clone(),
            output: fixture.join("public"),
            now: "2026-11-25T12:00:00Z".parse().unwrap(),
            drafts: false,
            render: render::RenderOptions::default(),
        };
        let mut caches = Caches::default();
        let full = render_site(&options, None).unwrap_or_else(|_| panic!("the fixture builds"));
        assert!(render_site(&options, Some(&mut caches)).is_ok());
        let incident = "incidents/2026-11-20-api-errors/index.html";
        let component = "components/api/index.html";
        caches.render.spoil(incident);
        caches.render.spoil(component);
        let Ok(again) = render_site(&options, Some(&mut caches)) else { panic!("the rebuild fails") };
        assert_eq!(again.files, full.files, "the stale pages were served");
        assert_eq!(caches.stale_pages(), [component.to_string(), incident.to_string()]);
    }
}
