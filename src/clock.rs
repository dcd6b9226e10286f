//! The build's clock: `--now`, else `SOURCE_DATE_EPOCH` (reproducible builds), else the system
//! clock. Read once, in the command layer; every later stage gets `now` as a value.

use crate::model::Instant;
use chrono::{DateTime, Utc};

pub(crate) fn resolve(flag: Option<&str>, source_date_epoch: Option<&str>) -> Result<Instant, String> {
    if let Some(text) = flag {
        let now = DateTime::parse_from_rfc3339(text.trim())
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| format!("--now `{text}` is not an RFC 3339 time such as 2026-11-20T14:02:00Z"))?;
        return in_range(now).map_err(|range| format!("--now `{text}` is {range}"));
    }
    if let Some(epoch) = source_date_epoch.filter(|e| !e.trim().is_empty()) {
        let seconds: i64 = epoch.trim().parse().map_err(|e: std::num::ParseIntError| match e.kind() {
            std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow => {
                format!("SOURCE_DATE_EPOCH `{epoch}` is far outside 1970-01-01T00:00Z to 9999-12-30T00:00Z")
            }
            _ => format!("SOURCE_DATE_EPOCH `{epoch}` is not a whole number of seconds"),
        })?;
        let now = DateTime::from_timestamp(seconds, 0)
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{epoch}` is out of range"))?;
        return in_range(now).map_err(|range| format!("SOURCE_DATE_EPOCH `{epoch}` is {range}"));
    }
    Ok(Utc::now())
}

/// Pages, feeds and the API write four-digit years in every time zone, so the clock stays
/// between 1970 and the end of 9999 with a day to spare for the zones east of UTC.
fn in_range(now: Instant) -> Result<Instant, &'static str> {
    let first = DateTime::from_timestamp(0, 0).unwrap_or_default();
    let last = DateTime::parse_from_rfc3339("9999-12-30T00:00:00Z").map(|t| t.with_timezone(&Utc)).unwrap_or(first);
    if now < first || now > last {
        return Err("outside 1970-01-01T00:00Z to 9999-12-30T00:00Z, the clocks a status page can publish");
    }
    Ok(now)
}

/// The clock from the process's own flag and environment.
pub(crate) fn from_env(flag: Option<&str>) -> Result<Instant, String> {
    resolve(flag, std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_environment() {
        let t = resolve(Some("2026-11-20T14:02:00-03:00"), Some("0")).unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-20T17:02:00+00:00");
    }

    #[test]
    fn source_date_epoch_is_used_without_a_flag() {
        assert_eq!(resolve(None, Some("86400")).unwrap().to_rfc3339(), "1970-01-02T00:00:00+00:00");
    }

    #[test]
    fn clocks_the_outputs_cannot_write_are_refused() {
        assert!(resolve(Some("9999-12-31T23:59:59-12:00"), None).unwrap_err().contains("outside 1970"));
        assert!(resolve(None, Some("-62167219201")).unwrap_err().contains("SOURCE_DATE_EPOCH"));
        assert!(resolve(Some("1970-01-01T00:00:00Z"), None).is_ok());
    }

    #[test]
    fn bad_clocks_are_refused_with_their_source() {
        assert!(resolve(Some("yesterday"), None).unwrap_err().contains("--now"));
        assert!(resolve(None, Some("soon")).unwrap_err().contains("SOURCE_DATE_EPOCH"));
    }
}
