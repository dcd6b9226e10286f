//! When the output next changes by the clock alone, with no edit: an update dated in the
//! future comes out, a maintenance window opens or closes, a new day starts (a new uptime bar),
//! a notice appears or ends, a vendor's snapshot grows outdated, or an incident leaves the front page's recent list or the detail kept for `notify`; while an
//! incident is open, the next minute (its page counts how long it has lasted). Also when a
//! maintenance reminder falls due (`notify: remind_before:`): the output is the same, but
//! `notify` after that build has something to send. A scheduled job rebuilds (and notifies)
//! only once that instant has passed.

use super::state::DETAIL_DAYS;
use super::uptime::{day_start, local_date};
use crate::model::{Instant, Site};
use chrono::Duration;

/// The first instant after `now` at which a build would differ from one at `now`. Drafts are
/// not published, so they count for nothing.
pub fn next_change(site: &Site, now: Instant) -> Instant {
    // An open incident's page says how long it has lasted, to the minute.
    if site.incidents.iter().any(|i| !i.draft && is_open(i, now)) {
        return now + Duration::seconds(60 - i64::from(chrono::Timelike::second(&now)));
    }
    let zone = site.config.timezone;
    let tomorrow = day_start(local_date(now, zone) + Duration::days(1), zone);
    let recent = Duration::days(i64::from(site.config.recent_days));
    let incidents = site.incidents.iter().filter(|i| !i.draft).flat_map(|incident| {
        let published_last = incident.updates.iter().map(|u| u.at).filter(|&at| at <= now).max();
        let leaves_lists =
            published_last.into_iter().flat_map(move |at| [at + recent, at + Duration::days(DETAIL_DAYS)]);
        incident.updates.iter().map(|u| u.at).chain(leaves_lists)
    });
    let remind_before = site.config.notify.remind_before;
    let maintenances = site.maintenances.iter().filter(|m| !m.draft).flat_map(move |m| {
        let updates = m.updates.iter().map(|u| u.at);
        let reminder = remind_before.map(|before| m.window.start - before);
        updates.chain([m.window.start, m.window.end, m.window.end + Duration::days(DETAIL_DAYS)]).chain(reminder)
    });
    // A notice appears at `from` and leaves the pages at `until`.
    let notices = site.notices.iter().filter(|n| !n.draft).flat_map(|n| std::iter::once(n.from).chain(n.until));
    // A vendor's snapshot is marked outdated once it is older than `upstream: {max_age}`.
    let max_age = site.config.upstream_max_age;
    let upstream =
        site.upstream.iter().filter_map(|u| u.snapshot.as_ref()).map(|s| super::upstream::outdated_at(s, max_age));
    incidents.chain(maintenances).chain(notices).chain(upstream).filter(|&at| at > now).fold(tomorrow, Instant::min)
}

fn is_open(incident: &crate::model::Incident, now: Instant) -> bool {
    incident.updates.iter().find(|u| u.at <= now).is_some_and(|latest| !latest.status.is_closed())
}
