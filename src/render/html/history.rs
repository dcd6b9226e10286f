//! `history/` and `history/<n>/`: every incident, newest first, grouped by the month (site
//! time zone) it began in, `PER_PAGE` to a page with links to newer and older pages.

use super::view::IncidentSummary;
use super::{Job, Shared};
use crate::render::urls;
use chrono::Datelike;
use serde::Serialize;

pub const PER_PAGE: usize = 50;

/// Pages of history: at least one, so the link from the front page always resolves.
pub fn page_count(incidents: usize) -> usize {
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
    months: Vec<Month>,
    /// Site-relative links to the neighbouring pages.
    newer: Option<String>,
    older: Option<String>,
}

pub fn pages(shared: &Shared) -> Vec<Job> {
    let snapshot = shared.ctx.input.snapshot;
    let total = snapshot.incidents.len();
    let count = page_count(total);
    (1..=count)
        .map(|number| {
            let first = (number - 1) * PER_PAGE;
            let indices = first..(first + PER_PAGE).min(total);
            let view = HistoryPage {
                number,
                count,
                heading: shared.lang().get("history").to_string(),
                months: months(shared, indices),
                newer: (number > 1).then(|| urls::history(number - 1)),
                older: (number < count).then(|| urls::history(number + 1)),
            };
            let dir = urls::history(number);
            let title = if number == 1 {
                view.heading.clone()
            } else {
                format!("{} · {}", view.heading, shared.lang().count("page_of", number))
            };
            let chrome = shared.chrome(&dir, Some(&title));
            shared.job(format!("{dir}index.html"), "history.html", &chrome, &view)
        })
        .collect()
}

/// Consecutive incidents that began in one local month, as one group.
fn months(shared: &Shared, indices: std::ops::Range<usize>) -> Vec<Month> {
    let ctx = &shared.ctx;
    let mut months: Vec<(i32, u32, Month)> = Vec::new();
    for i in indices {
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
