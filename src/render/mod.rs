//! Render stage: a `Snapshot` -> the files of the site, sorted by path. Decides no status:
//! everything shown was computed before. HTML comes from the theme's Tera templates; feeds,
//! JSON, the calendar and badges from typed structs.

pub mod api_v2;
pub mod assets;
pub mod badge;
pub mod feeds;
pub mod headers;
pub mod html;
pub mod i18n;
pub mod ics;
pub mod ids;
pub mod markdown;
pub mod published;
pub mod status_json;
pub mod theme;
mod theme_words;
pub mod time;
pub mod urls;

use crate::compute::Snapshot;
use crate::diag::Diagnostic;
use crate::output::OutputFile;
use rayon::prelude::*;

pub use theme::Theme;

/// Choices that are not part of the content.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Replaces `base_url` from site.yaml (`--base-url`).
    pub base_url: Option<String>,
    /// `serve` mode: pages get a small script that reloads them after a rebuild.
    pub live_reload: bool,
    /// Leave out the `_headers` file (`build --no-headers`), for hosts that do not read it.
    pub no_headers: bool,
}

/// What every renderer reads: the snapshot plus the work done once for all outputs.
pub struct Input<'a> {
    pub snapshot: &'a Snapshot,
    /// Absolute, ending in `/`.
    pub base_url: String,
    /// Sanitized HTML of each incident's published updates, same order as in the snapshot.
    pub incident_html: Vec<Vec<String>>,
    /// Sanitized HTML of each maintenance's published updates.
    pub maintenance_html: Vec<Vec<String>>,
    pub options: &'a RenderOptions,
}

impl<'a> Input<'a> {
    pub fn new(snapshot: &'a Snapshot, options: &'a RenderOptions) -> Input<'a> {
        let incident_html = snapshot
            .incidents
            .par_iter()
            .map(|i| i.incident.updates.iter().map(|u| markdown::to_html(&u.body)).collect())
            .collect();
        let maintenance_html = snapshot
            .maintenances
            .par_iter()
            .map(|m| m.maintenance.updates.iter().map(|u| markdown::to_html(&u.body)).collect())
            .collect();
        let base_url = options.base_url.clone().unwrap_or_else(|| snapshot.config.base_url.clone());
        Input { snapshot, base_url, incident_html, maintenance_html, options }
    }

    /// An absolute URL for a site-relative path such as `incidents/x/`.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}

/// Renders the whole site. Template errors come back as diagnostics naming the template.
pub fn site(snapshot: &Snapshot, theme: &Theme, options: &RenderOptions) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let input = Input::new(snapshot, options);
    let assets = assets::render(theme);
    let mut files = html::render(&input, theme, &assets)?;
    files.extend(assets.files.clone());
    files.extend(feeds::render(&input));
    files.extend(ics::render(&input));
    files.extend(status_json::render(&input));
    files.extend(api_v2::render(&input));
    files.extend(badge::render(&input));
    files.extend(published::render(&input));
    if !options.no_headers {
        files.extend(headers::render(&files));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Ok(files)
}
