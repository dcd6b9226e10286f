//! `components/<id>/`: one component's status, its uptime bars, a 12-month calendar of days
//! (like the hosted product's uptime page), its incidents, maintenance and feeds.

use super::notice::NoticeSummary;
use super::shared::{Job, Shared};
use super::view::{Bar, ComponentRow, IncidentSummary, Link, MaintenanceSummary};
use crate::compute::DayUptime;
use crate::contract::urls;
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct CalendarMonth {
    title: String,
    uptime_text: String,
    /// The column of the 1st in the language's week (0 = the week's first day).
    offset: u32,
    days: Vec<Bar>,
}

/// Incidents listed on a component's page; the rest are on its history pages.
pub(super) const RECENT_INCIDENTS: usize = 10;

#[derive(Serialize)]
struct ComponentPage {
    component: ComponentRow,
    /// Active notices about the whole site or naming this component.
    notices: Vec<NoticeSummary>,
    months: Vec<CalendarMonth>,
    /// One letter per weekday, from the first day of the language's week, over the columns.
    weekdays: [&'static str; 7],
    /// The newest `RECENT_INCIDENTS`.
    incidents: Vec<IncidentSummary>,
    /// "All 212 incidents", to its history pages, when the page lists only some.
    all_incidents: Option<Link>,
    maintenances: Vec<MaintenanceSummary>,
    feed_rss: String,
    feed_atom: String,
    feed_json: String,
}

pub(super) fn page(shared: &Shared<'_>, index: usize) -> Job {
    let ctx = &shared.ctx;
    let state = &ctx.input.snapshot.components[index];
    let dir = urls::component(&state.component.id);
    let view = ComponentPage {
        component: ctx.component_row(index),
        notices: ctx.active_notices(Some(&state.component.id)),
        months: calendar(shared, &state.uptime.days),
        weekdays: ctx.lang.weekdays(),
        incidents: state.incidents.iter().take(RECENT_INCIDENTS).map(|&i| ctx.incident_summary(i)).collect(),
        all_incidents: (state.incidents.len() > RECENT_INCIDENTS).then(|| Link {
            title: ctx.lang.plural("all_incidents", state.incidents.len() as u64),
            url: urls::component_history(&state.component.id, 1),
        }),
        maintenances: state.maintenances.iter().map(|&i| ctx.maintenance_summary(i)).collect(),
        feed_rss: format!("{dir}feed.xml"),
        feed_atom: format!("{dir}atom.xml"),
        feed_json: format!("{dir}feed.json"),
    };
    let chrome = shared.chrome(&dir, Some(&state.component.name)).described(state.component.description.clone());
    shared.job(format!("{dir}index.html"), "component.html", &chrome, &view)
}

/// The 12 months ending with the current one, oldest first; days without data (before
/// `since`, or still to come) are drawn as such.
fn calendar(shared: &Shared<'_>, days: &[DayUptime]) -> Vec<CalendarMonth> {
    let ctx = &shared.ctx;
    let Some(today) = days.last().map(|d| d.date) else { return Vec::new() };
    let by_date: BTreeMap<NaiveDate, &DayUptime> = days.iter().map(|d| (d.date, d)).collect();
    let mut months = Vec::with_capacity(12);
    for back in (0..12).rev() {
        let Some(first) = month_start(today, back) else { continue };
        let mut cells = Vec::new();
        let (mut counted, mut down) = (0.0, 0.0);
        let mut date = first;
        while date.month() == first.month() {
            match by_date.get(&date) {
                Some(day) => {
                    counted += day.counted_seconds;
                    down += day.downtime_seconds;
                    cells.push(ctx.bar(day));
                }
                None => cells.push(Bar {
                    c: "n",
                    text: format!("{}{}{}", ctx.lang.day(date), ctx.lang.colon(), ctx.lang.get("no_data")),
                    incidents: Vec::new(),
                }),
            }
            date += Duration::days(1);
        }
        let percent = (counted > 0.0).then(|| ((counted - down) / counted * 100.0).clamp(0.0, 100.0));
        months.push(CalendarMonth {
            title: ctx.lang.month(first.year(), first.month0() as usize),
            uptime_text: ctx.uptime_text(percent),
            offset: ctx.lang.week_column(first.weekday()),
            days: cells,
        });
    }
    months
}

/// The first day of the month `back` months before `today`'s.
fn month_start(today: NaiveDate, back: u32) -> Option<NaiveDate> {
    let index = today.year() * 12 + today.month0() as i32 - back as i32;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_start_crosses_years() {
        let today = NaiveDate::from_ymd_opt(2026, 2, 14).unwrap();
        assert_eq!(month_start(today, 0), NaiveDate::from_ymd_opt(2026, 2, 1));
        assert_eq!(month_start(today, 2), NaiveDate::from_ymd_opt(2025, 12, 1));
        assert_eq!(month_start(today, 11), NaiveDate::from_ymd_opt(2025, 3, 1));
    }
}
