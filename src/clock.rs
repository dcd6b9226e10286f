//! The build's clock: `--now`, else `SOURCE_DATE_EPOCH` (reproducible builds), else the system
//! clock. Read once, in the command layer; every later stage gets `now` as a value. Also the
//! one reader of written durations (`2h`, `1d`), which commands and site.yaml share.

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

/// `30m`, `2h`, `90s`, `1d` (or a combination such as `1h30m`): for `check --live --max-age`,
/// `next-change --heartbeat` and site.yaml's `notify.remind_before`, so it sits below them all.
pub(crate) fn parse_duration(text: &str) -> Result<chrono::Duration, String> {
    let bad = || format!("`{text}` is not a duration such as 30m, 2h, 1h30m or 1d");
    // Seconds, checked: a duration longer than a century is a mistake, not an overflow.
    const MAX_SECONDS: i64 = 100 * 366 * 24 * 3600;
    let mut total: i64 = 0;
    let mut number = String::new();
    // The unit before, in seconds: each unit comes once, largest first. `1d1d` or `30m1h` is
    // a slip (a paste, a typo) more likely than a sum someone meant.
    let mut previous = i64::MAX;
    for c in text.trim().chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: i64 = number.parse().map_err(|_| bad())?;
        number.clear();
        let unit = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            _ => return Err(bad()),
        };
        if unit == previous {
            return Err(format!(
                "`{text}` gives `{c}` twice: write each unit once, largest first, as in 1d12h or 1h30m"
            ));
        }
        if unit > previous {
            return Err(format!(
                "`{text}` puts `{c}` after a smaller unit: write the units largest first, as in 1d12h or 1h30m"
            ));
        }
        previous = unit;
        total = n.checked_mul(unit).and_then(|s| total.checked_add(s)).filter(|&s| s <= MAX_SECONDS).ok_or_else(bad)?;
    }
    if !number.is_empty() || total <= 0 {
        return Err(bad());
    }
    Ok(chrono::Duration::seconds(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_units_and_combinations() {
        assert_eq!(parse_duration("30m"), Ok(chrono::Duration::minutes(30)));
        assert_eq!(parse_duration("1h30m"), Ok(chrono::Duration::minutes(90)));
        assert_eq!(parse_duration("2d"), Ok(chrono::Duration::days(2)));
        for bad in ["", "30", "m", "5x", "0m", "-5m", "99999999999999d", "106751991167d106751991167d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_duration("1d12h"), Ok(chrono::Duration::hours(36)));
    }

    #[test]
    fn a_unit_given_twice_or_out_of_order_is_refused() {
        let twice = parse_duration("1d1d").unwrap_err();
        assert_eq!(twice, "`1d1d` gives `d` twice: write each unit once, largest first, as in 1d12h or 1h30m");
        assert!(parse_duration("30m1h").unwrap_err().contains("largest first"));
        assert!(parse_duration("1h30m30m").unwrap_err().contains("`m` twice"));
    }
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
