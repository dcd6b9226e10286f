//! Render stage: a `Snapshot` -> the files of the site, sorted by path. Decides no status:
//! everything shown was computed before. HTML comes from the theme's Tera templates; feeds,
//! JSON, the calendar and badges from typed structs.

pub(crate) mod api_v2;
pub(crate) mod assets;
pub(crate) mod badge;
pub(crate) mod changes_json;
pub(crate) mod embed_js;
pub(crate) mod feeds;
pub(crate) mod headers;
pub(crate) mod html;
pub(crate) mod ics;
pub(crate) mod input;
pub mod markdown;
pub(crate) mod markdown_links;
pub(crate) mod published;
pub(crate) mod status_json;
pub mod theme;

use crate::compute::Snapshot;
use crate::diag::Diagnostic;
use crate::output::{Collect, OutputFile, Sink};
use rayon::prelude::*;

pub(crate) use input::Input;
pub use input::RenderOptions;
pub use theme::Theme;

/// Feeds, calendar, JSON status files, the API (from `api`, built once for it and
/// published.json) and badges.
fn data_files(input: &Input<'_>, api: &api_v2::Objects<'_>, feeds: Option<&mut feeds::Cache>) -> Vec<OutputFile> {
    let renderers: [fn(&Input<'_>) -> Vec<OutputFile>; 5] =
        [ics::render, status_json::render, badge::render, changes_json::render, embed_js::render];
    let (mut files, (api, others)) = rayon::join(
        || feeds::render(input, feeds),
        || {
            rayon::join(
                || api_v2::render_with(api),
                || renderers.par_iter().flat_map_iter(|render| render(input)).collect::<Vec<_>>(),
            )
        },
    );
    files.extend(api);
    files.extend(others);
    files
}

/// What `serve` keeps between rebuilds of the render stage.
#[derive(Debug, Default)]
pub struct RenderCache {
    markdown: markdown::Cache,
    pages: html::PageCache,
    published: published::Cache,
    feeds: feeds::Cache,
}

/// How long each part of the render stage takes on its own, with the files it makes, for
/// finding where a build spends its time (`examples/stages.rs`). Renders the site piece by
/// piece, so it costs more than `site`.
pub fn profile(
    snapshot: &Snapshot,
    theme: &Theme,
    options: &RenderOptions,
) -> Result<Vec<(&'static str, std::time::Duration, usize)>, Vec<Diagnostic>> {
    let mut parts = Vec::new();
    let mut time = |name, work: &mut dyn FnMut() -> Result<usize, Vec<Diagnostic>>| {
        let started = std::time::Instant::now();
        let files = work()?;
        parts.push((name, started.elapsed(), files));
        Ok::<(), Vec<Diagnostic>>(())
    };
    let mut input = None;
    time("markdown", &mut || {
        input = Some(Input::new(snapshot, options));
        Ok(0)
    })?;
    let input = input.expect("set above");
    let assets = assets::render(theme);
    time("html", &mut || html::render(&input, theme, &assets, None, &Collect::default()).map(|paths| paths.len()))?;
    time("feeds", &mut || Ok(feeds::render(&input, None).len()))?;
    time("ics+json", &mut || Ok(ics::render(&input).len() + status_json::render(&input).len()))?;
    time("api_v2", &mut || Ok(api_v2::render(&input).len()))?;
    Ok(parts)
}

impl RenderCache {
    /// Pages `serve` kept from a previous rebuild that turned out to differ from a fresh render
    /// (checked in debug builds; see `html::memo`): each is a page key that misses an input.
    pub fn stale_pages(&self) -> &[String] {
        self.pages.stale()
    }

    /// See `PageCache::spoil`.
    #[cfg(test)]
    pub(crate) fn spoil(&mut self, path: &str) {
        self.pages.spoil(path);
    }
}

/// Renders the whole site into `sink` (`output::Collect` keeps it in memory), each file as soon
/// as it is made. With a memo (`serve`), what it holds of the previous rebuild is reused where
/// the inputs are unchanged, and it is left holding this run's: the same files, byte for byte,
/// with or without. Template errors come back as diagnostics naming the template; after an
/// error, what reached the sink is not a site. On success, the warnings met (a `_headers` file
/// longer than a host reads).
pub fn site(
    snapshot: &Snapshot,
    theme: &Theme,
    options: &RenderOptions,
    cache: Option<&mut RenderCache>,
    sink: &dyn Sink,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let (markdown, pages, published, feeds) = match cache {
        Some(c) => (Some(&mut c.markdown), Some(&mut c.pages), Some(&mut c.published), Some(&mut c.feeds)),
        None => (None, None, None, None),
    };
    let input = Input::with_cache(snapshot, options, markdown);
    let assets = assets::render(theme);
    // The data files are built beside the pages: each is one pass over the snapshot.
    let (pages, (data, published)) = rayon::join(
        || html::render(&input, theme, &assets, pages, sink),
        || {
            let api = api_v2::Objects::new(&input);
            rayon::join(|| data_files(&input, &api, feeds), || published::render(&api, published))
        },
    );
    let mut paths = pages?;
    for file in assets.files.iter().cloned().chain(data).chain(published) {
        paths.push(file.path.clone());
        sink.put(file);
    }
    let mut warnings = Vec::new();
    if !options.no_headers {
        let (file, warning) = headers::render(&paths, snapshot.config.robots == crate::model::Robots::NoIndex);
        sink.put(file);
        warnings.extend(warning);
    }
    Ok(warnings)
}
