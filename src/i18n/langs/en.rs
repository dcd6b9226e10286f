//! English (`en`): the reference table every other language is checked against, and the
//! fallback. US conventions: "Nov 20, 2026", "99.98%", weeks from Sunday.

use crate::i18n::{Direction, Formats, Lang, Plural};
use std::sync::OnceLock;

pub(crate) static LANG: Lang = Lang {
    code: "en",
    dir: Direction::Ltr,
    plural: Plural::OneOther,
    strings: &[
        ("skip", "Skip to content"),
        ("home", "Current status"),
        ("updated", "Updated"),
        ("last_posted", "Last update posted"),
        ("generated", "Page generated"),
        ("active_incidents", "Active incidents"),
        ("maintenance", "Scheduled maintenance"),
        ("components", "Components"),
        ("other_components", "Other components"),
        ("recent_incidents", "Recent incidents"),
        ("no_recent_incidents", "No incidents reported recently."),
        ("history", "Incident history"),
        ("view_history", "View the full incident history"),
        ("subscribe", "Subscribe to updates"),
        ("feed_rss", "RSS feed"),
        ("feed_atom", "Atom feed"),
        ("feed_json", "JSON Feed"),
        ("calendar", "Maintenance calendar (iCalendar)"),
        ("status_json", "Status in JSON"),
        ("api_summary", "Status API (Statuspage v2 format)"),
        ("days_ago.one", "{n} day ago"),
        ("days_ago.other", "{n} days ago"),
        ("today", "Today"),
        ("uptime", "{n} uptime"),
        ("uptime_of", "Daily uptime of {n}"),
        ("no_data", "no data"),
        ("no_uptime", "No uptime data yet"),
        ("affected", "Affected components"),
        ("impact", "Impact"),
        ("status", "Status"),
        ("duration", "Duration"),
        ("ongoing", "ongoing"),
        ("ongoing_paren", " (ongoing)"),
        ("started", "Started"),
        ("resolved_at", "Resolved"),
        ("updates", "Updates"),
        ("latest_update", "Latest update"),
        ("window", "Window"),
        ("phase", "Phase"),
        ("uptime_history", "Uptime over the last 12 months"),
        ("incidents", "Incidents"),
        ("no_incidents", "No incidents affected this component."),
        ("maintenances", "Maintenance"),
        ("component_feeds", "Feeds for this component"),
        ("newer", "Newer incidents"),
        ("older", "Older incidents"),
        ("page_of.one", "Page {n}"),
        ("page_of.other", "Page {n}"),
        ("component_history", "Incident history of {n}"),
        ("all_incidents.one", "{n} incident"),
        ("all_incidents.other", "All {n} incidents"),
        ("no_history", "No incidents have been reported."),
        ("not_found", "Page not found"),
        (
            "not_found_text",
            "There is nothing at this address. The current status of every service is on the front page.",
        ),
        ("powered_by", "Built with statusforge"),
        ("pagination", "Pagination"),
        ("links", "Links"),
        ("colon", ": "),
        ("comma", ", "),
        ("arrow_forward", "→"),
        ("arrow_back", "←"),
        ("unit.day.one", "{n} d"),
        ("unit.day.other", "{n} d"),
        ("unit.hour.one", "{n} h"),
        ("unit.hour.other", "{n} h"),
        ("unit.minute.one", "{n} min"),
        ("unit.minute.other", "{n} min"),
        ("component.operational", "Operational"),
        ("component.under_maintenance", "Under maintenance"),
        ("component.degraded_performance", "Degraded performance"),
        ("component.partial_outage", "Partial outage"),
        ("component.major_outage", "Major outage"),
        ("incident.investigating", "Investigating"),
        ("incident.identified", "Identified"),
        ("incident.monitoring", "Monitoring"),
        ("incident.resolved", "Resolved"),
        ("incident.postmortem", "Postmortem"),
        ("incident.update", "Update"),
        ("maintenance.scheduled", "Scheduled"),
        ("maintenance.in_progress", "In progress"),
        ("maintenance.verifying", "Verifying"),
        ("maintenance.completed", "Completed"),
        ("maintenance.cancelled", "Cancelled"),
        ("maintenance.update", "Update"),
        ("phase.upcoming", "Upcoming"),
        ("phase.in_progress", "In progress"),
        ("phase.verifying", "Verifying"),
        ("phase.completed", "Completed"),
        ("phase.cancelled", "Cancelled"),
        ("impact.none", "No impact"),
        ("impact.minor", "Minor"),
        ("impact.major", "Major"),
        ("impact.critical", "Critical"),
        ("page.all_operational", "All Systems Operational"),
        ("page.minor_outage", "Minor Service Outage"),
        ("page.partially_degraded", "Partially Degraded Service"),
        ("page.partial_outage", "Partial System Outage"),
        ("page.major_outage", "Major System Outage"),
        ("page.under_maintenance", "Service Under Maintenance"),
        ("feed.component_description", "Incidents and maintenance of {component} on {site}"),
        ("feed.window", "Scheduled window: {start} to {end}"),
        ("ics.name", "{site} – maintenance"),
        ("ics.description", "Scheduled maintenance windows of {site}"),
        ("ics.affected", "Affected: {components}"),
        ("badge.status", "status"),
        ("badge.uptime.one", "uptime {n}d"),
        ("badge.uptime.other", "uptime {n}d"),
        ("badge.no_data", "no data"),
        ("badge.operational", "operational"),
        ("badge.under_maintenance", "under maintenance"),
        ("badge.degraded_performance", "degraded performance"),
        ("badge.partial_outage", "partial outage"),
        ("badge.major_outage", "major outage"),
        ("badge.minor_outage", "minor outage"),
        ("notify.site", "Status"),
        ("notify.details", "Details"),
        // English runs the status words into the sentence, lower-cased.
        ("notify.component_changed", "{component} is now {new_lower} (was {old_lower})."),
    ],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    months_short: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    weekday_initials: ["S", "M", "T", "W", "T", "F", "S"],
    week_start: 0,
    formats: Formats {
        date: "{month_short} {day}, {year}",
        day: "{month_short} {day}",
        month_year: "{month_name} {year}",
        datetime: "{date}, {time}\u{a0}{zone}",
        first_day: None,
        decimal: '.',
        percent: "{n}%",
        duration_join: " ",
    },
    index: OnceLock::new(),
};

#[cfg(test)]
mod tests {
    use super::LANG;
    use crate::i18n::langs::sample;

    #[test]
    fn dates_are_month_first_with_a_comma_before_the_year() {
        assert_eq!(LANG.datetime(&sample::at(chrono_tz::America::Sao_Paulo)), "Nov 20, 2026, 14:02\u{a0}-03");
        assert_eq!(LANG.day(sample::first_of_december()), "Dec 1");
        assert_eq!(LANG.month(2026, 10), "November 2026");
    }

    #[test]
    fn numbers_and_durations() {
        assert_eq!(LANG.percent(99.999), "99.99%");
        assert_eq!(LANG.percent(100.0), "100%");
        let durations = sample::DURATIONS.map(|s| LANG.duration(s));
        assert_eq!(durations, ["2 h 38 min", "1 d 3 h", "0 min", "1 h 1 min", "2 d"]);
        assert_eq!(
            (LANG.plural("days_ago", 1), LANG.plural("days_ago", 90)),
            ("1 day ago".into(), "90 days ago".into())
        );
    }
}
