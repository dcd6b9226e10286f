//! What every renderer reads: the snapshot, the choices that are not content, and the site's
//! address.

use super::markdown;
use crate::compute::Snapshot;
use rayon::prelude::*;
use std::sync::Arc;

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
pub(crate) struct Input<'a> {
    pub snapshot: &'a Snapshot,
    /// Absolute, ending in `/`.
    pub base_url: String,
    /// Sanitized HTML of each incident's published updates, same order as in the snapshot
    /// (shared: `serve` keeps an unchanged incident's list from one rebuild to the next).
    pub incident_html: Vec<Arc<[Arc<str>]>>,
    /// Sanitized HTML of each maintenance's published updates.
    pub maintenance_html: Vec<Vec<Arc<str>>>,
    /// Sanitized HTML of each notice's text, same order as in the snapshot.
    pub notice_html: Vec<Arc<str>>,
    pub options: &'a RenderOptions,
}

impl<'a> Input<'a> {
    pub(crate) fn new(snapshot: &'a Snapshot, options: &'a RenderOptions) -> Input<'a> {
        Input::with_cache(snapshot, options, None)
    }

    /// `new`, taking the HTML of bodies seen before from `cache` and adding the new ones.
    pub(crate) fn with_cache(
        snapshot: &'a Snapshot,
        options: &'a RenderOptions,
        cache: Option<&mut markdown::Cache>,
    ) -> Input<'a> {
        let base_url = options.base_url.clone().unwrap_or_else(|| snapshot.config.base_url.clone());
        let seen = cache.as_deref().filter(|c| c.site == base_url);
        let to_html = |body: &String| match seen.and_then(|c| c.bodies.get(body)) {
            Some(html) => html.clone(),
            None => markdown::resolve_images(&markdown::to_html(body), &base_url).into(),
        };
        // An incident seen last time (the same allocation) keeps its HTML whole.
        let known = |i: &crate::compute::IncidentState| seen.and_then(|c| c.incidents.get(&i.incident)).cloned();
        let incident_html: Vec<Arc<[Arc<str>]>> = snapshot
            .incidents
            .par_iter()
            .map(|i| known(i).unwrap_or_else(|| i.incident.updates.iter().map(|u| to_html(&u.body)).collect()))
            .collect();
        let maintenance_html: Vec<Vec<Arc<str>>> = snapshot
            .maintenances
            .par_iter()
            .map(|m| m.maintenance.updates.iter().map(|u| to_html(&u.body)).collect())
            .collect();
        let notice_html: Vec<Arc<str>> = snapshot.notices.iter().map(|n| to_html(&n.notice.body)).collect();
        if let Some(cache) = cache {
            if cache.site != base_url {
                *cache = markdown::Cache { site: base_url.clone(), ..markdown::Cache::default() };
            }
            // Maintenance and notice bodies by source; an incident's HTML is kept whole by its allocation.
            let bodies = snapshot
                .maintenances
                .iter()
                .flat_map(|m| m.maintenance.updates.iter().map(|u| &u.body))
                .chain(snapshot.notices.iter().map(|n| &n.notice.body))
                .zip(maintenance_html.iter().flatten().chain(&notice_html));
            markdown::remember(&mut *cache, bodies);
            let incidents = snapshot.incidents.iter().zip(&incident_html);
            cache.incidents = incidents.map(|(i, html)| (i.incident.clone(), html.clone())).collect();
        }
        Input { snapshot, base_url, incident_html, maintenance_html, notice_html, options }
    }

    /// An absolute URL for a site-relative path such as `incidents/x/`.
    pub(crate) fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }
}
