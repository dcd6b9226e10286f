//! Reading a Statuspage-compatible API v2 over HTTP: its components, incidents and scheduled
//! maintenances, each document parsed into `api` types. Every failure (network, HTTP status,
//! not JSON, not the API's shape) is an error naming the URL; nothing here panics on a reply.

use super::api::{Component, ComponentsDocument, Incident, IncidentsDocument, Page};
use crate::render::api_v2::LIST_LIMIT;
use serde::de::DeserializeOwned;
use std::collections::BTreeSet;

/// A page of a paged list is fetched at most this often: a service whose `next_page` never
/// ends (or loops) stops here, far beyond any real history.
const MAX_PAGES: u64 = 1000;

/// Everything read from the API, and what the reading could not carry over.
pub(crate) struct Fetched {
    /// `https://status.example.com/api/v2`, without a trailing slash.
    pub api: String,
    pub page: Page,
    pub components: Vec<Component>,
    /// Newest first, as the API lists them.
    pub incidents: Vec<Incident>,
    pub maintenances: Vec<Incident>,
    pub warnings: Vec<String>,
}

/// Reads the API at `url` (a page, its `api/v2` folder or one of its files).
pub(crate) fn statuspage(url: &str) -> Result<Fetched, String> {
    let api = api_base(url)?;
    let mut warnings = Vec::new();
    // components.json holds every component; summary.json the same, for services without it.
    let document: ComponentsDocument = match get(&format!("{api}/components.json"))? {
        Some(document) => document,
        None => get(&format!("{api}/summary.json"))?.ok_or_else(|| {
            format!("{api}/components.json and summary.json do not exist (HTTP 404): is {url} a Statuspage page?")
        })?,
    };
    let mut incidents = list(&api, "incidents.json", "incidents", &mut warnings)?;
    let mut maintenances = list(&api, "scheduled-maintenances.json", "scheduled maintenances", &mut warnings)?;
    // A maintenance listed among the incidents (some services do) is still a maintenance.
    let known: BTreeSet<String> = maintenances.iter().map(|m| m.id.clone()).collect();
    let (listed_maintenances, only_incidents): (Vec<Incident>, Vec<Incident>) =
        incidents.drain(..).partition(Incident::is_maintenance);
    incidents = only_incidents;
    maintenances.extend(listed_maintenances.into_iter().filter(|m| !known.contains(&m.id)));
    Ok(Fetched { api, page: document.page, components: document.components, incidents, maintenances, warnings })
}

pub(crate) use crate::validate::upstream::api_base;

/// One document; `None` when the server says it does not exist (404, 410).
pub(super) fn get<T: DeserializeOwned>(url: &str) -> Result<Option<T>, String> {
    let Some(bytes) = crate::live::fetch(url)? else { return Ok(None) };
    serde_json::from_slice(&bytes).map(Some).map_err(|e| {
        if e.is_data() {
            format!("{url} is JSON but not a Statuspage API v2 document: {e}")
        } else {
            let start: String = String::from_utf8_lossy(&bytes).chars().take(40).collect();
            format!("{url} is not JSON ({e}; it starts with {start:?}): is it a Statuspage-compatible API v2?")
        }
    })
}

/// Every entry of a list document, through `pagination.next_page` where the service pages.
fn list(api: &str, file: &str, what: &str, warnings: &mut Vec<String>) -> Result<Vec<Incident>, String> {
    let mut all: Vec<Incident> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut url = format!("{api}/{file}");
    let mut ended = false;
    for number in 1..=MAX_PAGES {
        let Some(document) = get::<IncidentsDocument>(&url)? else {
            warnings.push(match number {
                1 => format!("{url} does not exist (HTTP 404): no {what} were imported"),
                _ => format!(
                    "{url} does not exist (HTTP 404) though the page before named it: later {what} were not imported"
                ),
            });
            ended = true;
            break;
        };
        let entries: Vec<Incident> = document.incidents.into_iter().chain(document.scheduled_maintenances).collect();
        let listed = entries.len();
        let before = all.len();
        all.extend(entries.into_iter().filter(|e| seen.insert(e.id.clone())));
        // A page that brings nothing new ends the walk, whatever it says comes next.
        let next = document.pagination.and_then(|p| p.next_page).filter(|&n| n > number && all.len() > before);
        match next {
            Some(next) => url = format!("{api}/{file}?page={next}"),
            None => {
                ended = true;
                if number == 1 && listed == LIST_LIMIT {
                    warnings.push(format!(
                        "{file} lists {listed} {what}, the most the API gives, and cannot be paged: older \
                         ones were not imported; copy any you need from the page's history by hand"
                    ));
                }
                break;
            }
        }
    }
    if !ended {
        warnings.push(format!(
            "{file} still named a next page after {MAX_PAGES} pages: the {} {what} read were imported, later ones were not",
            all.len()
        ));
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_its_api_folder_and_its_files_give_one_base() {
        for url in [
            "https://status.example.com",
            "https://status.example.com/",
            "https://status.example.com/api/v2",
            "https://status.example.com/api/v2/",
            "https://status.example.com/api/v2/summary.json",
            "https://status.example.com/api/v2/incidents/unresolved.json?x=1#top",
        ] {
            assert_eq!(api_base(url).unwrap(), "https://status.example.com/api/v2", "{url}");
        }
        assert_eq!(api_base("http://127.0.0.1:8080/status").unwrap(), "http://127.0.0.1:8080/status/api/v2");
    }

    #[test]
    fn what_is_not_an_http_address_is_refused() {
        assert!(api_base("status.example.com").unwrap_err().contains("is not a URL"));
        assert!(api_base("ftp://status.example.com").unwrap_err().contains("not an http(s) address"));
    }
}
