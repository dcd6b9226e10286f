//! Uptime per component and per day in the site time zone, as the hosted product counts it:
//! downtime = time in major_outage + 0.3 × time in partial_outage; degraded performance and
//! maintenance are not downtime. Days are local calendar days, so a DST day lasts 23 or 25 hours.

use super::timeline::{self, Effect, Source};
use crate::model::{ComponentStatus, Instant};
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// One day of one component, in the site's time zone.
#[derive(Debug, Clone, PartialEq)]
pub struct DayUptime {
    /// The local date.
    pub date: NaiveDate,
    /// None when the day has no data: before `since`, or after `now`.
    pub uptime: Option<f64>,
    /// The worst status seen that day; None without data.
    pub worst: Option<ComponentStatus>,
    /// Seconds of the day counted as down (partial outages weigh less than major ones).
    pub downtime_seconds: f64,
    /// Seconds of the day that were counted (to `now` for today).
    pub counted_seconds: f64,
    /// Indices into the snapshot's incidents that touched the component that day.
    pub incidents: Vec<usize>,
    /// Indices into the snapshot's maintenances open for the component that day.
    pub maintenances: Vec<usize>,
}

/// A component's daily uptime and its total over the window.
#[derive(Debug, Clone, PartialEq)]
pub struct Uptime {
    /// Oldest first, ending today.
    pub days: Vec<DayUptime>,
    /// Over the last `uptime_days` days that have data; None if none does.
    pub percent: Option<f64>,
    /// How many days the total covers.
    pub window_days: u32,
}

impl Uptime {
    /// The last `uptime_days` days, for the bars.
    pub fn window(&self) -> &[DayUptime] {
        let n = (self.window_days as usize).min(self.days.len());
        &self.days[self.days.len() - n..]
    }
}

/// The instant a local calendar day begins. Where midnight falls in a DST gap (as it did in
/// Brazil), the day begins at the first minute that exists.
pub(crate) fn day_start(date: NaiveDate, zone: Tz) -> Instant {
    let mut local = date.and_time(NaiveTime::MIN);
    for _ in 0..=180 {
        if let Some(t) = zone.from_local_datetime(&local).earliest() {
            return t.with_timezone(&Utc);
        }
        local += Duration::minutes(1);
    }
    Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN))
}

pub(crate) fn local_date(instant: Instant, zone: Tz) -> NaiveDate {
    instant.with_timezone(&zone).date_naive()
}

/// The instant the first of the `days` days ending on the local day of `now` begins.
pub(crate) fn history_start(now: Instant, zone: Tz, days: u32) -> Instant {
    day_start(local_date(now, zone) - Duration::days(i64::from(days.max(1)) - 1), zone)
}

/// Daily uptime for the `days` days ending on the local day of `now`.
#[cfg(test)]
pub(crate) fn daily(
    effects: &[Effect],
    since: Option<NaiveDate>,
    now: Instant,
    zone: Tz,
    days: u32,
    window_days: u32,
) -> Uptime {
    daily_of_spans(effects, &timeline::merge(effects), since, now, zone, days, window_days)
}

/// `daily`, given `spans`, the effects already merged (`timeline::merge`) by a caller that
/// needs them too.
pub(crate) fn daily_of_spans(
    effects: &[Effect],
    spans: &[timeline::Span],
    since: Option<NaiveDate>,
    now: Instant,
    zone: Tz,
    days: u32,
    window_days: u32,
) -> Uptime {
    let today = local_date(now, zone);
    let first = today - Duration::days(i64::from(days.max(1)) - 1);
    let mut result = Vec::with_capacity(days as usize);
    let mut span_index = 0;
    let mut date = first;
    while date <= today {
        let start = day_start(date, zone);
        let end = day_start(date + Duration::days(1), zone).min(now);
        let has_data = since.is_none_or(|s| date >= s) && end > start;
        let mut day = DayUptime {
            date,
            uptime: None,
            worst: None,
            downtime_seconds: 0.0,
            counted_seconds: 0.0,
            incidents: Vec::new(),
            maintenances: Vec::new(),
        };
        if has_data {
            while span_index < spans.len() && spans[span_index].end <= start {
                span_index += 1;
            }
            let mut worst = ComponentStatus::Operational;
            for span in spans[span_index..].iter().take_while(|s| s.start < end) {
                let overlap = (span.end.min(end) - span.start.max(start)).num_milliseconds() as f64 / 1000.0;
                if overlap > 0.0 {
                    day.downtime_seconds += overlap * span.status.downtime_weight();
                    worst = worst.max(span.status);
                }
            }
            day.counted_seconds = (end - start).num_milliseconds() as f64 / 1000.0;
            day.uptime = Some(percent(day.counted_seconds, day.downtime_seconds));
            day.worst = Some(worst);
        }
        result.push(day);
        date += Duration::days(1);
    }
    list_causes(&mut result, effects, zone, now);
    let window = &result[result.len().saturating_sub(window_days as usize)..];
    let counted: f64 = window.iter().map(|d| d.counted_seconds).sum();
    let down: f64 = window.iter().map(|d| d.downtime_seconds).sum();
    let percent = (counted > 0.0).then(|| percent(counted, down));
    Uptime { days: result, percent, window_days }
}

/// Adds to each day with data the incidents and windows that touched it. Each effect is
/// placed by its own dates, so the cost follows the number of effects, not effects × days.
fn list_causes(days: &mut [DayUptime], effects: &[Effect], zone: Tz, now: Instant) {
    let Some(first) = days.first().map(|d| d.date) else { return };
    for effect in effects {
        // A zero-length effect (resolved at once) still belongs to its day.
        let end = effect.end.max(effect.start + Duration::seconds(1)).min(now.max(effect.start + Duration::seconds(1)));
        let from = (local_date(effect.start, zone) - first).num_days().max(0) as usize;
        let to = (local_date(end - Duration::milliseconds(1), zone) - first).num_days();
        if to < 0 {
            continue;
        }
        for day in days.iter_mut().take(to as usize + 1).skip(from).filter(|d| d.uptime.is_some()) {
            match effect.source {
                Source::Incident(i) if !day.incidents.contains(&i) => day.incidents.push(i),
                Source::Maintenance(i) if !day.maintenances.contains(&i) => day.maintenances.push(i),
                _ => {}
            }
        }
    }
}

fn percent(counted: f64, down: f64) -> f64 {
    ((counted - down) / counted * 100.0).clamp(0.0, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::Sao_Paulo;
    use chrono_tz::Europe::Berlin;
    use ComponentStatus::*;

    fn local(zone: Tz, y: i32, m: u32, d: u32, h: u32, min: u32) -> Instant {
        zone.with_ymd_and_hms(y, m, d, h, min, 0).earliest().unwrap().with_timezone(&Utc)
    }

    fn effect(start: Instant, end: Instant, status: ComponentStatus) -> Effect {
        Effect { start, end, status, source: Source::Incident(0) }
    }

    fn day(uptime: &Uptime, y: i32, m: u32, d: u32) -> &DayUptime {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        uptime.days.iter().find(|day| day.date == date).unwrap()
    }

    #[test]
    fn a_major_outage_counts_fully_and_a_partial_one_at_thirty_percent() {
        let zone = Tz::UTC;
        let now = local(zone, 2026, 1, 3, 0, 0);
        let effects = [
            effect(local(zone, 2026, 1, 1, 0, 0), local(zone, 2026, 1, 1, 2, 24), MajorOutage),
            effect(local(zone, 2026, 1, 2, 0, 0), local(zone, 2026, 1, 2, 8, 0), PartialOutage),
        ];
        let uptime = daily(&effects, None, now, zone, 3, 3);
        assert!((day(&uptime, 2026, 1, 1).uptime.unwrap() - 90.0).abs() < 1e-9);
        assert!((day(&uptime, 2026, 1, 2).uptime.unwrap() - 90.0).abs() < 1e-9);
        assert_eq!(day(&uptime, 2026, 1, 2).worst, Some(PartialOutage));
    }

    #[test]
    fn degraded_performance_and_maintenance_are_not_downtime() {
        let zone = Tz::UTC;
        let now = local(zone, 2026, 1, 2, 0, 0);
        let effects = [
            effect(local(zone, 2026, 1, 1, 0, 0), local(zone, 2026, 1, 1, 12, 0), DegradedPerformance),
            effect(local(zone, 2026, 1, 1, 12, 0), local(zone, 2026, 1, 1, 13, 0), UnderMaintenance),
        ];
        let d = day(&daily(&effects, None, now, zone, 2, 2), 2026, 1, 1).clone();
        assert_eq!(d.uptime, Some(100.0));
        assert_eq!(d.worst, Some(DegradedPerformance));
    }

    #[test]
    fn a_23_hour_dst_day_measures_downtime_against_23_hours() {
        // Europe/Berlin springs forward on 2026-03-29: that day has 23 hours.
        let zone = Berlin;
        let start = local(zone, 2026, 3, 29, 0, 0);
        let now = local(zone, 2026, 3, 30, 12, 0);
        let uptime = daily(&[effect(start, start + Duration::minutes(138), MajorOutage)], None, now, zone, 2, 2);
        let d = day(&uptime, 2026, 3, 29);
        assert_eq!(d.counted_seconds, 23.0 * 3600.0);
        assert!((d.uptime.unwrap() - 90.0).abs() < 1e-9, "{:?}", d.uptime);
    }

    #[test]
    fn a_25_hour_dst_day_measures_downtime_against_25_hours() {
        // Europe/Berlin falls back on 2026-10-25: that day has 25 hours.
        let zone = Berlin;
        let start = local(zone, 2026, 10, 25, 0, 0);
        let now = local(zone, 2026, 10, 26, 12, 0);
        let uptime = daily(&[effect(start, start + Duration::minutes(150), MajorOutage)], None, now, zone, 2, 2);
        let d = day(&uptime, 2026, 10, 25);
        assert_eq!(d.counted_seconds, 25.0 * 3600.0);
        assert!((d.uptime.unwrap() - 90.0).abs() < 1e-9, "{:?}", d.uptime);
    }

    #[test]
    fn an_incident_across_midnight_is_split_between_its_two_days() {
        let zone = Sao_Paulo;
        let now = local(zone, 2026, 5, 3, 0, 0);
        let effects = [effect(local(zone, 2026, 5, 1, 22, 0), local(zone, 2026, 5, 2, 2, 0), MajorOutage)];
        let uptime = daily(&effects, None, now, zone, 4, 4);
        assert_eq!(day(&uptime, 2026, 5, 1).downtime_seconds, 2.0 * 3600.0);
        assert_eq!(day(&uptime, 2026, 5, 2).downtime_seconds, 2.0 * 3600.0);
        assert_eq!(day(&uptime, 2026, 5, 1).incidents, vec![0]);
        assert_eq!(day(&uptime, 2026, 5, 2).incidents, vec![0]);
        assert_eq!(day(&uptime, 2026, 4, 30).incidents, Vec::<usize>::new());
    }

    #[test]
    fn overlapping_incidents_on_one_component_are_not_counted_twice() {
        let zone = Tz::UTC;
        let now = local(zone, 2026, 1, 2, 0, 0);
        let effects = [
            effect(local(zone, 2026, 1, 1, 0, 0), local(zone, 2026, 1, 1, 2, 0), MajorOutage),
            effect(local(zone, 2026, 1, 1, 1, 0), local(zone, 2026, 1, 1, 3, 0), MajorOutage),
            effect(local(zone, 2026, 1, 1, 0, 0), local(zone, 2026, 1, 1, 4, 0), PartialOutage),
        ];
        let d = day(&daily(&effects, None, now, zone, 2, 2), 2026, 1, 1).clone();
        // 3 h major + 1 h partial (3-4h) at 30% = 3.3 h.
        assert!((d.downtime_seconds - 3.3 * 3600.0).abs() < 1e-6, "{}", d.downtime_seconds);
    }

    #[test]
    fn an_unresolved_incident_counts_up_to_now_and_today_is_partial() {
        let zone = Tz::UTC;
        let now = local(zone, 2026, 1, 1, 12, 0);
        let effects = [effect(local(zone, 2026, 1, 1, 6, 0), now, MajorOutage)];
        let uptime = daily(&effects, None, now, zone, 1, 1);
        let d = day(&uptime, 2026, 1, 1);
        assert_eq!(d.counted_seconds, 12.0 * 3600.0);
        assert_eq!(d.uptime, Some(50.0));
        assert_eq!(uptime.percent, Some(50.0));
    }

    #[test]
    fn days_before_since_have_no_data_and_do_not_count() {
        let zone = Tz::UTC;
        let now = local(zone, 2026, 1, 5, 0, 0);
        let effects = [effect(local(zone, 2026, 1, 1, 0, 0), local(zone, 2026, 1, 2, 0, 0), MajorOutage)];
        let uptime = daily(&effects, NaiveDate::from_ymd_opt(2026, 1, 3), now, zone, 5, 5);
        assert_eq!(day(&uptime, 2026, 1, 1).uptime, None);
        assert_eq!(day(&uptime, 2026, 1, 3).uptime, Some(100.0));
        assert_eq!(uptime.percent, Some(100.0));
    }

    #[test]
    fn the_window_percent_weights_days_by_their_length() {
        let zone = Tz::UTC;
        let now = local(zone, 2026, 1, 3, 0, 0);
        let effects = [effect(local(zone, 2026, 1, 1, 0, 0), local(zone, 2026, 1, 1, 12, 0), MajorOutage)];
        // The window's last day (today, at midnight) has nothing counted yet.
        let uptime = daily(&effects, None, now, zone, 10, 3);
        assert_eq!(uptime.window().len(), 3);
        assert_eq!(uptime.percent, Some(75.0));
    }
}
