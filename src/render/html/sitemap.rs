//! `sitemap.xml` (sitemaps.org protocol): every page but the 404, with absolute URLs. A file may
//! hold 50,000 URLs; a site with more than `PART` gets `sitemap.xml` as a sitemap index of
//! `sitemaps/<n>.xml`, each of `PART` URLs. Small parts also let `serve` re-render only the
//! part an edit touches.

use super::memo::Keys;
use super::shared::{Job, Shared};
use crate::contract::{time, urls};
use crate::model::Instant;
use serde::Serialize;

/// URLs per sitemap file of a site that needs more than one.
pub(crate) const PART: usize = 1_000;

pub(crate) const INDEX_PATH: &str = "sitemap.xml";

/// One page of the sitemap before its URL is written; what its entry is made from.
#[derive(Debug, Clone, Copy, Hash)]
pub(crate) enum Place<'a> {
    Home(Instant),
    Incident(&'a str, Instant),
    Maintenance(&'a str, Instant),
    Notice(&'a str, Instant),
    Component(&'a str),
    Subscribe,
    History(usize),
    ComponentHistory(&'a str, usize),
}

impl Place<'_> {
    fn lastmod(&self) -> Option<Instant> {
        match self {
            Place::Home(at) | Place::Incident(_, at) | Place::Maintenance(_, at) | Place::Notice(_, at) => Some(*at),
            _ => None,
        }
    }

    fn path(&self) -> String {
        match self {
            Place::Home(_) => String::new(),
            Place::Incident(slug, _) => urls::incident(slug),
            Place::Maintenance(slug, _) => urls::maintenance(slug),
            Place::Notice(slug, _) => urls::notice(slug),
            Place::Component(id) => urls::component(id),
            Place::Subscribe => urls::subscribe(),
            Place::History(n) => urls::history(*n),
            Place::ComponentHistory(id, n) => urls::component_history(id, *n),
        }
    }
}

/// Every page but the 404, in the sitemap's order.
pub(crate) fn places<'a>(shared: &Shared<'a>) -> Vec<Place<'a>> {
    let snapshot = shared.ctx.input.snapshot;
    let mut places = vec![Place::Home(snapshot.updated_at)];
    places.extend(snapshot.incidents.iter().map(|i| Place::Incident(&i.incident.slug, i.updated_at())));
    places.extend(snapshot.maintenances.iter().map(|m| Place::Maintenance(&m.maintenance.slug, m.updated_at())));
    places.extend(snapshot.notices.iter().map(|n| Place::Notice(&n.notice.slug, n.notice.from)));
    places.extend(snapshot.components.iter().map(|c| Place::Component(&c.component.id)));
    places.push(Place::Subscribe);
    places.extend((1..=super::history::page_count(snapshot.incidents.len())).map(Place::History));
    for c in &snapshot.components {
        let pages = 1..=super::history::page_count(c.incidents.len());
        places.extend(pages.map(|n| Place::ComponentHistory(&c.component.id, n)));
    }
    places
}

/// One file of the sitemap.
pub(crate) enum File<'p, 'a> {
    /// A list of URLs: the whole sitemap, or part `number` of it.
    Urls { path: String, places: &'p [Place<'a>] },
    /// `sitemap.xml` of a large site: each part's address and latest change.
    Index { parts: Vec<(String, Option<Instant>)> },
}

impl File<'_, '_> {
    /// Its key for `serve`: the pages it lists with their last change, or the index's parts.
    pub(crate) fn key(&self, keys: &Keys) -> u64 {
        match self {
            File::Urls { path, places } => keys.of(("sitemap", path, places)),
            File::Index { parts } => keys.of(("sitemap index", parts)),
        }
    }
}

/// The files the sitemap of these places takes; none for none (`robots: noindex`).
pub(crate) fn files<'p, 'a>(places: &'p [Place<'a>]) -> Vec<File<'p, 'a>> {
    if places.is_empty() {
        return Vec::new();
    }
    if places.len() <= PART {
        return vec![File::Urls { path: INDEX_PATH.to_string(), places }];
    }
    let parts: Vec<&[Place<'_>]> = places.chunks(PART).collect();
    let mut files: Vec<File<'_, '_>> =
        parts.iter().enumerate().map(|(n, places)| File::Urls { path: part_path(n + 1), places }).collect();
    let index =
        parts.iter().enumerate().map(|(n, part)| (part_path(n + 1), part.iter().filter_map(Place::lastmod).max()));
    files.push(File::Index { parts: index.collect() });
    files
}

fn part_path(number: usize) -> String {
    format!("sitemaps/{number}.xml")
}

#[derive(Serialize)]
struct Entry {
    loc: String,
    lastmod: Option<String>,
}

#[derive(Serialize)]
struct UrlSet {
    urls: Vec<Entry>,
}

#[derive(Serialize)]
struct Index {
    sitemaps: Vec<Entry>,
}

impl File<'_, '_> {
    pub(crate) fn path(&self) -> String {
        match self {
            File::Urls { path, .. } => path.clone(),
            File::Index { .. } => INDEX_PATH.to_string(),
        }
    }

    pub(crate) fn job(&self, shared: &Shared<'_>) -> Job {
        let input = shared.ctx.input;
        let entry =
            |path: &str, at: Option<Instant>| Entry { loc: input.absolute(path), lastmod: at.map(time::rfc3339) };
        let chrome = shared.chrome("", None);
        match self {
            File::Urls { path, places } => {
                let urls = places.iter().map(|place| entry(&place.path(), place.lastmod())).collect();
                shared.job(path.clone(), "sitemap.xml", &chrome, &UrlSet { urls })
            }
            File::Index { parts } => {
                let sitemaps = parts.iter().map(|(path, at)| entry(path, *at)).collect();
                shared.job(INDEX_PATH.to_string(), "sitemap_index.xml", &chrome, &Index { sitemaps })
            }
        }
    }
}
