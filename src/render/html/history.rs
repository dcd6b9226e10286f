//! `history/` and `history/<n>/`: every incident, newest first, grouped by the month (site
//! time zone) it began in, `PER_PAGE` to a page with links to newer and older pages. Each
//! component has the same pages for its own incidents under `components/<id>/history/`.

use super::shared::{Job, Shared};
use super::view::{IncidentSummary, Named};
use crate::contract::urls;
use chrono::Datelike;
use serde::Serialize;

pub(super) const PER_PAGE: usize = 50;

/// Pages of history: at least one, so the link from the front page always resolves.
pub(super) fn page_count(incidents: usize) -> usize {
    incidents.div_ceil(PER_PAGE).max(1)
}

#[derive(Serialize)]
struct Month {
    title: String,
    incidents: Vec<IncidentSummary>,
}

#[derive(Serialize)]
struct HistoryPage {
    number: usize,
    count: usize,
    heading: String,
    /// The page these pages belong to (the component), for the breadcrumb.
    parent: Option<Named>,
    months: Vec<Month>,
    /// Site-relative links to the neighbouring pages.
    newer: Option<String>,
    older: Option<String>,
}

/// What one set of history pages lists: the whole site's incidents or one component's.
pub(super) struct Listing<'a> {
    /// Indices into the snapshot's incidents, newest first.
    pub incidents: &'a [usize],
    pub heading: String,
    /// The component whose incidents these are; `None` for the site's history.
    pub component: Option<&'a str>,
}

impl Listing<'_> {
    /// Where page `number` lives.
    pub(super) fn url(&self, number: usize) -> String {
        match self.component {
            Some(id) => urls::component_history(id, number),
            None => urls::history(number),
        }
    }
}

/// One job per page of `listing`. Jobs are built lazily, so pages can be built in parallel.
pub(super) fn jobs<'a>(shared: &'a Shared<'a>, listing: &'a Listing<'a>) -> impl Iterator<Item = PageJob<'a>> + 'a {
    (1..=page_count(listing.incidents.len())).map(move |number| PageJob { shared, listing, number })
}

/// Page `number` of a listing, not yet built.
pub(super) struct PageJob<'a> {
    shared: &'a Shared<'a>,
    listing: &'a Listing<'a>,
    pub number: usize,
}

impl PageJob<'_> {
    pub(super) fn path(&self) -> String {
        format!("{}index.html", self.listing.url(self.number))
    }

    /// What the page shows, for its memo key.
    pub(super) fn key(&self, keys: &super::memo::Keys) -> u64 {
        let listing = self.listing;
        keys.history(self.shared, listing.component, listing.incidents.len(), self.number, self.shown())
    }

    fn shown(&self) -> &[usize] {
        let incidents = self.listing.incidents;
        let first = (self.number - 1) * PER_PAGE;
        &incidents[first..(first + PER_PAGE).min(incidents.len())]
    }

    pub(super) fn build(&self) -> Job {
        let (shared, listing, number) = (self.shared, self.listing, self.number);
        let count = page_count(listing.incidents.len());
        let indices = self.shown();
        let view = HistoryPage {
            number,
            count,
            heading: listing.heading.clone(),
            parent: listing.component.map(|id| shared.ctx.named(id, None)),
            months: months(shared, indices),
            newer: (number > 1).then(|| listing.url(number - 1)),
            older: (number < count).then(|| listing.url(number + 1)),
        };
        let dir = listing.url(number);
        let title = if number == 1 {
            view.heading.clone()
        } else {
            format!("{} · {}", view.heading, shared.lang().plural("page_of", number as u64))
        };
        let chrome = shared.chrome(&dir, Some(&title));
        shared.job(self.path(), "history.html", &chrome, &view)
    }
}

/// Consecutive incidents that began in one local month, as one group.
fn months(shared: &Shared<'_>, indices: &[usize]) -> Vec<Month> {
    let ctx = &shared.ctx;
    let mut months: Vec<(i32, u32, Month)> = Vec::new();
    for &i in indices {
        let local = ctx.input.snapshot.incidents[i].started_at.with_timezone(&ctx.zone);
        let key = (local.year(), local.month0());
        match months.last_mut() {
            Some((y, m, month)) if (*y, *m) == key => month.incidents.push(ctx.incident_summary(i)),
            _ => months.push((
                key.0,
                key.1,
                Month { title: ctx.lang.month(key.0, key.1 as usize), incidents: vec![ctx.incident_summary(i)] },
            )),
        }
    }
    months.into_iter().map(|(_, _, m)| m).collect()
}
