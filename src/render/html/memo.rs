//! Pages kept between `serve` rebuilds. Each incident, maintenance, component and history
//! page, the subscribe page and each sitemap file gets a key: a hash of everything it is built from (the snapshot
//! parts it reads, the theme, the site settings). A page whose key is unchanged is taken as it
//! was, without building its context or running Tera; the front page and 404, which read much
//! of the site, are always rendered. `tests/it/incremental.rs` checks the result equals a full
//! build for each kind of edit.
//!
//! The keys are written by hand to mirror what each page reads, so a page that starts reading
//! something new while its key here is left alone would be kept stale. The check mode
//! (`incremental::check`) guards that in debug builds: kept pages are rendered again and
//! compared, and `PageCache::stale` counts the ones that differ, which the incremental tests
//! require to stay at zero. When a page reads something new, add it to its key below.

use super::component::RECENT_INCIDENTS;
use super::shared::Shared;
use crate::compute::{ComponentState, DayUptime, IncidentState, MaintenanceState, Uptime};
use crate::incremental::{key, ByAllocation};
use crate::model::{ComponentStatus, Incident};
use crate::output::OutputFile;
use rayon::prelude::*;
use std::hash::Hash;
use std::sync::Arc;

/// What one rebuild leaves for the next.
#[derive(Debug, Default)]
pub(crate) struct PageCache {
    /// Page path -> (key, file); the file's bytes are shared, not copied.
    pages: foldhash::HashMap<String, (u64, OutputFile)>,
    /// Incident pages by their incident's allocation: found without making their path.
    incident_pages: ByAllocation<Incident, (u64, OutputFile)>,
    /// A hash of each unchanged incident's content, so it is hashed once.
    incidents: ByAllocation<Incident, u64>,
    /// Rebuilds so far: which share of kept pages `verify` checks turns with it.
    generation: u64,
    /// Kept pages found to differ from a fresh render, over every rebuild (see `verify`).
    stale: Vec<String>,
}

impl PageCache {
    pub(crate) fn page(&self, path: &str) -> Option<&(u64, OutputFile)> {
        self.pages.get(path)
    }

    /// The page of this very incident (the same allocation) in the previous rebuild.
    pub(crate) fn incident_page(&self, incident: &Arc<Incident>) -> Option<&(u64, OutputFile)> {
        self.incident_pages.get(incident)
    }

    /// Keeps this rebuild's keyed pages and incident hashes for the next.
    pub(crate) fn replace(
        &mut self,
        pages: impl Iterator<Item = (String, (u64, OutputFile))>,
        incident_pages: impl Iterator<Item = (Arc<Incident>, (u64, OutputFile))>,
        keys: Keys,
    ) {
        self.pages = pages.collect();
        self.incident_pages = incident_pages.collect();
        self.incidents = keys.incidents;
        self.generation += 1;
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// How many pages the previous rebuild kept keys for.
    pub(crate) fn len(&self) -> usize {
        self.pages.len() + self.incident_pages.len()
    }

    /// Records pages a rebuild found stale, and says so: each is a page key that misses an input.
    pub(crate) fn note_stale(&mut self, paths: Vec<String>) {
        if paths.is_empty() {
            return;
        }
        eprintln!(
            "warning: {} kept page(s) differed from a fresh render and were rendered again ({}); \
             a page key in src/render/html/memo.rs misses an input",
            paths.len(),
            paths.join(", ")
        );
        self.stale.extend(paths);
    }

    /// Every kept page found stale so far.
    pub(crate) fn stale(&self) -> &[String] {
        &self.stale
    }

    /// Makes the kept copy of `path` differ from what its inputs render, as a key that misses
    /// an input would leave it.
    #[cfg(test)]
    pub(crate) fn spoil(&mut self, path: &str) {
        let spoilt = |file: &mut OutputFile| file.bytes = Arc::new(b"stale".to_vec());
        if let Some((_, file)) = self.pages.get_mut(path) {
            spoilt(file);
        }
        for (_, file) in self.incident_pages.values_mut() {
            if file.path.as_str() == path {
                spoilt(file);
            }
        }
    }
}

/// The keys of one rebuild.
pub(crate) struct Keys {
    /// What every page reads: theme, settings, language, asset names.
    site: u64,
    /// Per incident: what its summary (in lists) reads.
    summaries: Vec<u64>,
    /// Every component's id and name: an incident page names the components it affects.
    components: u64,
    /// Content hashes of this rebuild's incidents, for the next.
    incidents: ByAllocation<Incident, u64>,
}

impl Keys {
    pub(crate) fn new(shared: &Shared<'_>, theme_fingerprint: u64, previous: Option<&PageCache>) -> Keys {
        let input = shared.ctx.input;
        let snapshot = input.snapshot;
        let settings = format!("{:?}{:?}", snapshot.config, input.options);
        let assets = &shared.assets.urls;
        let site = key((theme_fingerprint, settings, &input.base_url, shared.ctx.lang.code, assets));
        let parts: Vec<(u64, (Arc<Incident>, u64))> = snapshot
            .incidents
            .par_iter()
            .map(|state| {
                // Every field, so a new one cannot be left out of the key unnoticed.
                let IncidentState { incident, status, started_at, resolved_at, monitoring_at, open_periods, timeline } =
                    state;
                // The incident holds the update bodies; their HTML is made from them alone.
                let seen = previous.and_then(|p| p.incidents.get(incident)).copied();
                let content = seen.unwrap_or_else(|| key(&**incident));
                let computed = (status, started_at, resolved_at, monitoring_at, open_periods, timeline);
                let summary = key((content, computed, state.duration_end(snapshot.now)));
                (summary, (incident.clone(), content))
            })
            .collect();
        let (summaries, incidents): (Vec<u64>, Vec<_>) = parts.into_iter().unzip();
        let components =
            key(snapshot.components.iter().map(|c| (&c.component.id, &c.component.name)).collect::<Vec<_>>());
        Keys { site, summaries, components, incidents: incidents.into_iter().collect() }
    }

    pub(crate) fn incident(&self, index: usize) -> u64 {
        key((self.site, "incident", self.summaries[index], self.components))
    }

    pub(crate) fn maintenance(&self, shared: &Shared<'_>, index: usize) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        let state: &MaintenanceState = &snapshot.maintenances[index];
        key((self.site, "maintenance", state, component_parts(shared, &state.maintenance.components)))
    }

    /// A component's page: the component, its status, its uptime days (with the title and
    /// address of each incident a day lists), its newest incidents and its maintenances.
    pub(crate) fn component(&self, shared: &Shared<'_>, index: usize) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        // Every field, so a new one cannot be left out of the key unnoticed.
        // `changes` are for notify; the page does not show them.
        let ComponentState { component, status, uptime, incidents, maintenances, changes: _ } =
            &snapshot.components[index];
        let Uptime { days, percent, window_days } = uptime;
        let days: Vec<_> = days
            .iter()
            .map(|day| {
                let DayUptime { date, uptime, worst, downtime_seconds, counted_seconds, incidents, maintenances } = day;
                let listed: Vec<_> = incidents
                    .iter()
                    .map(|&i| snapshot.incidents.get(i).map(|s| (&s.incident.title, &s.incident.slug)))
                    .collect();
                let seconds = (downtime_seconds.to_bits(), counted_seconds.to_bits());
                (date, uptime.map(f64::to_bits), worst, seconds, listed, maintenances)
            })
            .collect();
        let newest: Vec<u64> = incidents.iter().take(RECENT_INCIDENTS).map(|&i| self.summaries[i]).collect();
        let windows: Vec<_> = maintenances
            .iter()
            .map(|&i| {
                let state = &snapshot.maintenances[i];
                (state, component_parts(shared, &state.maintenance.components))
            })
            .collect();
        let uptime = (days, percent.map(f64::to_bits), window_days);
        let notices: Vec<_> = snapshot
            .notices
            .iter()
            .filter(|n| n.active && n.concerns(&component.id))
            .map(|n| (&*n.notice, component_parts(shared, &n.notice.components)))
            .collect();
        key((self.site, "component", component, status, uptime, newest, incidents.len(), windows, notices))
    }

    /// The subscribe page: the groups and components it lists by name, in order (its form
    /// comes from site.yaml, which `site` holds).
    pub(crate) fn subscribe(&self, shared: &Shared<'_>) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        let groups: Vec<_> = snapshot.groups.iter().map(|g| (&g.group, &g.components)).collect();
        let components: Vec<_> = snapshot.components.iter().map(|c| &c.component).collect();
        key((self.site, "subscribe", groups, components))
    }

    /// A page built from `parts` alone besides what every page reads (a sitemap file).
    pub(crate) fn of(&self, parts: impl Hash) -> u64 {
        key((self.site, parts))
    }

    /// A history page: its place in its listing and the summaries it shows.
    pub(crate) fn history(
        &self,
        shared: &Shared<'_>,
        component: Option<&str>,
        total: usize,
        number: usize,
        shown: &[usize],
    ) -> u64 {
        let snapshot = shared.ctx.input.snapshot;
        let parent = component.and_then(|id| snapshot.component(id)).map(|c| (&c.component.name, c.status));
        let summaries: Vec<u64> = shown.iter().map(|&i| self.summaries[i]).collect();
        key((self.site, "history", component, parent, total, number, summaries))
    }
}

/// Name and current status of components, as `Named` shows them.
fn component_parts<'a>(shared: &Shared<'a>, ids: &[String]) -> Vec<Option<(&'a String, ComponentStatus)>> {
    let snapshot = shared.ctx.input.snapshot;
    ids.iter().map(|id| snapshot.component(id).map(|c| (&c.component.name, c.status))).collect()
}
