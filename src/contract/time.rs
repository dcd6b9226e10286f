//! Time formats of the outputs: RFC 3339 for Atom and JSON Feed, RFC 2822 for RSS, the
//! hosted API's `2026-11-20T14:02:00.000-03:00`, and the iCalendar UTC form.

use crate::model::Instant;
use chrono::SecondsFormat;
use chrono_tz::Tz;

/// `2026-11-20T17:02:00Z`.
pub(crate) fn rfc3339(t: Instant) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// `Fri, 20 Nov 2026 17:02:00 +0000`, as RSS 2.0 requires.
pub(crate) fn rfc2822(t: Instant) -> String {
    t.to_rfc2822()
}

/// The Statuspage API's form: milliseconds and the page's own offset (`Z` for UTC).
pub(crate) fn api(t: Instant, zone: Tz) -> String {
    on_whole_minutes(&t.with_timezone(&zone), SecondsFormat::Millis)
}

/// `20261120T170200Z`, for iCalendar (RFC 5545 §3.3.5, form #2).
pub(crate) fn ical(t: Instant) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// RFC 3339 in the site zone, for `<time datetime>` and JSON meant for people.
pub(crate) fn local_rfc3339(t: Instant, zone: Tz) -> String {
    rfc3339_of(&t.with_timezone(&zone))
}

/// RFC 3339 of a moment on any clock, to the second.
pub(crate) fn rfc3339_of<Z: chrono::TimeZone>(t: &chrono::DateTime<Z>) -> String
where
    Z::Offset: std::fmt::Display,
{
    on_whole_minutes(t, SecondsFormat::Secs)
}

/// RFC 3339 offsets are whole minutes, but local mean time is not (Liberia kept -00:44:30
/// until 1972, Amsterdam +00:19:32 until 1937): chrono cuts such an offset to minutes and
/// keeps the clock's seconds, which names an instant up to 30 seconds off. Such a moment is
/// written in UTC instead; pages still show the local clock and its zone's name beside it.
fn on_whole_minutes<Z: chrono::TimeZone>(t: &chrono::DateTime<Z>, seconds: SecondsFormat) -> String
where
    Z::Offset: std::fmt::Display,
{
    use chrono::Offset;
    if t.offset().fix().local_minus_utc() % 60 == 0 {
        t.to_rfc3339_opts(seconds, true)
    } else {
        t.with_timezone(&chrono::Utc).to_rfc3339_opts(seconds, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    #[test]
    fn formats_match_their_specifications() {
        let t = Utc.with_ymd_and_hms(2026, 11, 20, 17, 2, 0).unwrap();
        assert_eq!(rfc3339(t), "2026-11-20T17:02:00Z");
        assert_eq!(rfc2822(t), "Fri, 20 Nov 2026 17:02:00 +0000");
        assert_eq!(api(t, chrono_tz::America::Sao_Paulo), "2026-11-20T14:02:00.000-03:00");
        assert_eq!(api(t, Tz::UTC), "2026-11-20T17:02:00.000Z");
        assert_eq!(ical(t), "20261120T170200Z");
    }

    /// An offset with seconds (local mean time) cannot be written in RFC 3339: the moment is
    /// written in UTC, and reads back as the same instant.
    #[test]
    fn a_zone_offset_with_seconds_writes_the_same_instant() {
        let liberia = chrono_tz::Africa::Monrovia;
        let amsterdam = chrono_tz::Europe::Amsterdam;
        for (t, zone) in [
            (Utc.with_ymd_and_hms(1971, 6, 1, 11, 44, 30).unwrap(), liberia),
            (Utc.with_ymd_and_hms(1890, 6, 1, 12, 0, 0).unwrap(), amsterdam),
        ] {
            for text in [local_rfc3339(t, zone), api(t, zone)] {
                let read = chrono::DateTime::parse_from_rfc3339(&text).unwrap();
                assert_eq!(read, t, "{text}");
                assert!(text.ends_with('Z'), "{text}");
            }
        }
        // Whole-minute offsets keep the site's clock.
        let t = Utc.with_ymd_and_hms(1973, 6, 1, 12, 0, 0).unwrap();
        assert_eq!(local_rfc3339(t, amsterdam), "1973-06-01T13:00:00+01:00");
    }
}
