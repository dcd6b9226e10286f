//! Pages kept between `serve` rebuilds. Each incident, maintenance and history page gets a key:
//! a hash of everything its view is built from (the snapshot parts it reads, the theme, the
//! site settings). A page whose key is unchanged is taken as it was, without building its
//! context or running Tera; the front page, 404, sitemap and component pages, which read much
//! of the site, are always rendered. `tests/incremental.rs` checks the result equals a full
//! build for each kind of edit.

use super::Shared;
use crate::compute::{IncidentState, MaintenanceState};
use crate::model::ComponentStatus;
use crate::output::OutputFile;
use rayon::prelude::*;
use std::hash::Hash;

/// Page path -> (key, file) of the previous rebuild; the file's bytes are shared, not copied.
pub type PageCache = foldhash::HashMap<String, (u64, OutputFile)>;

/// A key of `value`. Keys are compared only within one `serve` process, so a fast hash with a
/// fixed seed does; foldhash's quality variant keeps 64-bit keys well spread.
pub fn hash(value: impl Hash) -> u64 {
    use std::hash::BuildHasher;
    foldhash::quality::FixedState::with_seed(0x5eed).hash_one(value)
}

/// The keys of one rebuild.
pub struct Keys {
    /// What every page reads: theme, settings, language, asset names.
    site: u64,
    /// Per incident: what its summary (in lists) reads.
    summaries: Vec<u64>,
}

impl Keys {
    pub fn new(shared: &Shared, theme_fingerprint: u64) -> Keys {
        let input = shared.ctx.input;
        let snapshot = input.snapshot;
        let settings = format!("{:?}{:?}", snapshot.config, input.options);
        let assets = &shared.assets.urls;
        let site = hash((theme_fingerprint, settings, &input.base_url, shared.ctx.lang.code, assets));
        let summaries = (0..snapshot.incidents.len())
            .into_par_iter()
            .map(|i| {
                // The state holds the update bodies; their HTML is made from them alone.
                let state = &snapshot.incidents[i];
                hash((state, state.duration_end(snapshot.now)))
            })
            .collect();
        Keys { site, summaries }
    }

    pub fn incident(&self, shared: &Shared, index: usize) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        let state: &IncidentState = &snapshot.incidents[index];
        let names: Vec<Option<&String>> =
            state.incident.components.iter().map(|c| snapshot.component(&c.id).map(|s| &s.component.name)).collect();
        hash((self.site, "incident", self.summaries[index], names))
    }

    pub fn maintenance(&self, shared: &Shared, index: usize) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        let state: &MaintenanceState = &snapshot.maintenances[index];
        hash((self.site, "maintenance", state, component_parts(shared, &state.maintenance.components)))
    }

    /// The sitemap: the address and last change of every page.
    pub fn sitemap(&self, shared: &Shared) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        let incidents: Vec<_> = snapshot.incidents.iter().map(|s| (&s.incident.slug, s.updated_at())).collect();
        let maintenances: Vec<_> =
            snapshot.maintenances.iter().map(|s| (&s.maintenance.slug, s.updated_at())).collect();
        let components: Vec<_> = snapshot.components.iter().map(|c| (&c.component.id, c.incidents.len())).collect();
        hash((self.site, "sitemap", snapshot.updated_at, incidents, maintenances, components))
    }

    /// A history page: its place in its listing and the summaries it shows.
    pub fn history(
        &self,
        shared: &Shared,
        component: Option<&str>,
        total: usize,
        number: usize,
        shown: &[usize],
    ) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        let parent = component.and_then(|id| snapshot.component(id)).map(|c| (&c.component.name, c.status));
        let summaries: Vec<u64> = shown.iter().map(|&i| self.summaries[i]).collect();
        hash((self.site, "history", component, parent, total, number, summaries))
    }
}

/// Name and current status of components, as `Named` shows them.
fn component_parts<'a>(shared: &Shared<'a>, ids: &[String]) -> Vec<Option<(&'a String, ComponentStatus)>> {
    let snapshot = shared.ctx.input.snapshot;
    ids.iter().map(|id| snapshot.component(id).map(|c| (&c.component.name, c.status))).collect()
}
