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
    t.with_timezone(&zone).to_rfc3339_opts(SecondsFormat::Millis, true)
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
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
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
}
