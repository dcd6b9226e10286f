//! Reading the times people write in incident files: `YYYY-MM-DD HH:MM[:SS]` in the site time
//! zone, or with an explicit offset (`Z`, `+01:00`), or RFC 3339. Local times that fall in a DST
//! gap are refused; times in a DST overlap take the earlier instant, as a wall clock first shows it.

use crate::model::Instant;
use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// How to write a time, as help under a time that does not parse.
pub const TIME_FORMAT_HELP: &str = "write `YYYY-MM-DD HH:MM` in the site time zone, or add an offset: `2026-11-20 14:02 -03:00`, `2026-11-20T17:02:00Z`";

/// Parses a time, or says exactly what is wrong with it.
pub fn parse_instant(text: &str, zone: Tz) -> Result<Instant, String> {
    let text = text.trim();
    let instant = parse_any_instant(text, zone)?;
    // Feeds and the API write RFC 2822 and four-digit years, which cannot say earlier or later.
    if !(1970..=9999).contains(&chrono::Datelike::year(&instant)) {
        return Err(format!(
            "`{text}` is {} in UTC, outside the years 1970 to 9999 that status pages can publish",
            instant.format("%Y-%m-%dT%H:%MZ")
        ));
    }
    Ok(instant)
}

fn parse_any_instant(text: &str, zone: Tz) -> Result<Instant, String> {
    let (local_part, offset) = split_offset(text)?;
    let naive = parse_naive(local_part)?;
    match offset {
        Some(offset) => match offset.from_local_datetime(&naive) {
            LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
            _ => Err(format!("`{text}` is out of range")),
        },
        None => match zone.from_local_datetime(&naive) {
            LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(earlier, _) => Ok(earlier.with_timezone(&Utc)),
            LocalResult::None => Err(format!(
                "{} does not exist in {}: the clocks skip it when daylight saving time starts",
                naive.format("%Y-%m-%d %H:%M"),
                zone.name()
            )),
        },
    }
}

/// A calendar date `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            let (y, m, d) = (number(y, text)?, number(m, text)?, number(d, text)?);
            date(y, m, d)
        }
        _ => Err(format!("`{text}` is not a date: expected `YYYY-MM-DD`")),
    }
}

fn number(part: &str, whole: &str) -> Result<u32, String> {
    if part.chars().all(|c| c.is_ascii_digit()) {
        part.parse().map_err(|_| format!("`{whole}` is not a date or time"))
    } else {
        Err(format!("`{whole}` is not a date or time: expected `YYYY-MM-DD HH:MM`"))
    }
}

fn date(y: u32, m: u32, d: u32) -> Result<NaiveDate, String> {
    if !(1..=12).contains(&m) {
        return Err(format!("{y:04}-{m:02}-{d:02} is not a date: there is no month {m}"));
    }
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| {
        let days = days_in_month(y as i32, m);
        format!("{y:04}-{m:02}-{d:02} is not a date: that month has {days} days")
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let next =
        if month == 12 { NaiveDate::from_ymd_opt(year + 1, 1, 1) } else { NaiveDate::from_ymd_opt(year, month + 1, 1) };
    next.and_then(|n| n.pred_opt()).map(|d| chrono::Datelike::day(&d)).unwrap_or(31)
}

/// Splits a trailing `Z`, `+HH:MM`, `-HHMM` or ` UTC` from the local part.
fn split_offset(text: &str) -> Result<(&str, Option<FixedOffset>), String> {
    if let Some(rest) = text.strip_suffix(['Z', 'z']) {
        return Ok((rest.trim_end(), FixedOffset::east_opt(0)));
    }
    if let Some(rest) = text.strip_suffix(" UTC") {
        return Ok((rest.trim_end(), FixedOffset::east_opt(0)));
    }
    // An offset is a sign after the time part (the date's own dashes come before a space or T).
    let time_start = text.find([' ', 'T']).map(|i| i + 1).unwrap_or(text.len());
    let Some(sign_at) = text[time_start..].rfind(['+', '-']).map(|i| i + time_start) else {
        return Ok((text, None));
    };
    let digits: String = text[sign_at + 1..].chars().filter(|c| *c != ':').collect();
    let valid = digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit());
    let hours: i32 = digits.get(..2).and_then(|h| h.parse().ok()).unwrap_or(99);
    let minutes: i32 = digits.get(2..).and_then(|m| m.parse().ok()).unwrap_or(99);
    if !valid || hours > 23 || minutes > 59 {
        return Err(format!("`{}` is not a UTC offset: expected `+HH:MM` or `Z`", &text[sign_at..]));
    }
    let seconds = (hours * 3600 + minutes * 60) * if &text[sign_at..sign_at + 1] == "-" { -1 } else { 1 };
    Ok((text[..sign_at].trim_end(), FixedOffset::east_opt(seconds)))
}

fn parse_naive(text: &str) -> Result<NaiveDateTime, String> {
    let expected = || format!("`{text}` is not a date and time: expected `YYYY-MM-DD HH:MM`");
    let (date_part, time_part) = text.split_once([' ', 'T']).ok_or_else(expected)?;
    let day = parse_date(date_part).map_err(|e| if e.contains("expected") { expected() } else { e })?;
    let time_part = time_part.trim();
    let (clock, fraction) = match time_part.split_once('.') {
        Some((clock, fraction)) if !fraction.is_empty() && fraction.chars().all(|c| c.is_ascii_digit()) => {
            (clock, fraction)
        }
        Some(_) => return Err(expected()),
        None => (time_part, ""),
    };
    let fields: Vec<&str> = clock.split(':').collect();
    let (h, m, s) = match fields.as_slice() {
        [h, m] if h.len() <= 2 && m.len() == 2 => (number(h, text)?, number(m, text)?, 0),
        [h, m, s] if h.len() <= 2 && m.len() == 2 && s.len() == 2 => {
            (number(h, text)?, number(m, text)?, number(s, text)?)
        }
        _ => return Err(expected()),
    };
    if h > 23 || m > 59 || s > 59 {
        return Err(format!("{h:02}:{m:02}:{s:02} is not a time of day: hours run 00-23, minutes and seconds 00-59"));
    }
    let nanos = fraction_nanos(fraction);
    let time = NaiveTime::from_hms_nano_opt(h, m, s, nanos).ok_or_else(expected)?;
    Ok(day.and_time(time))
}

fn fraction_nanos(fraction: &str) -> u32 {
    let digits: String = fraction.chars().chain(std::iter::repeat('0')).take(9).collect();
    digits.parse().unwrap_or(0)
}

/// `2026-11-20 14:02`, the form `new`, `update` and templates write: the site's own wall clock, to the
/// minute the time falls in.
pub(crate) fn local_minute(t: Instant, zone: Tz) -> String {
    local_time(to_the_minute(t), zone)
}

/// `t` without its seconds: `new` and `update` write the current minute.
pub(crate) fn to_the_minute(t: Instant) -> Instant {
    use chrono::Timelike;
    t.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(t)
}

/// `2026-11-20 14:02` in the site's zone, `:SS` added when the time has seconds (an imported
/// history keeps the order of two updates posted within a minute). A wall-clock time the zone
/// shows twice (the hour daylight saving time ends) gets its offset, `2026-10-25 02:30 +01:00`:
/// without one it reads back as the first (`validate::times`).
pub(crate) fn local_time(t: Instant, zone: Tz) -> String {
    use chrono::{LocalResult, TimeZone, Timelike};
    let local = t.with_timezone(&zone);
    let mut text = local.format("%Y-%m-%d %H:%M").to_string();
    if local.second() != 0 {
        text.push_str(&local.format(":%S").to_string());
    }
    if !matches!(zone.from_local_datetime(&local.naive_local()), LocalResult::Single(_)) {
        text.push_str(&local.format(" %:z").to_string());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::Sao_Paulo;
    use chrono_tz::Europe::Berlin;

    fn utc(text: &str) -> Instant {
        chrono::DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn local_times_are_read_in_the_site_zone() {
        assert_eq!(parse_instant("2026-11-20 14:02", Sao_Paulo), Ok(utc("2026-11-20T17:02:00Z")));
        assert_eq!(parse_instant("2026-11-20 14:02:30", Sao_Paulo), Ok(utc("2026-11-20T17:02:30Z")));
        assert_eq!(parse_instant("2026-07-01T10:00", Berlin), Ok(utc("2026-07-01T08:00:00Z")));
    }

    #[test]
    fn explicit_offsets_win_over_the_site_zone() {
        for text in [
            "2026-11-20 14:02 +01:00",
            "2026-11-20T14:02:00+01:00",
            "2026-11-20 14:02+0100",
            "2026-11-20T13:02:00Z",
            "2026-11-20 13:02 UTC",
            "2026-11-20T13:02:00.000Z",
        ] {
            assert_eq!(parse_instant(text, Sao_Paulo), Ok(utc("2026-11-20T13:02:00Z")), "{text}");
        }
        assert_eq!(parse_instant("2026-11-20 10:02 -03:00", Berlin), Ok(utc("2026-11-20T13:02:00Z")));
    }

    #[test]
    fn impossible_dates_and_times_say_why() {
        let february = parse_instant("2026-02-30 10:00", Sao_Paulo).unwrap_err();
        assert!(february.contains("that month has 28 days"), "{february}");
        let month = parse_instant("2026-13-01 10:00", Sao_Paulo).unwrap_err();
        assert!(month.contains("no month 13"), "{month}");
        let hour = parse_instant("2026-01-01 24:10", Sao_Paulo).unwrap_err();
        assert!(hour.contains("not a time of day"), "{hour}");
        let shape = parse_instant("yesterday 10:00", Sao_Paulo).unwrap_err();
        assert!(shape.contains("expected `YYYY-MM-DD HH:MM`"), "{shape}");
        assert!(parse_instant("2026-01-01 10:00 +25:00", Sao_Paulo).is_err());
    }

    #[test]
    fn a_time_in_the_spring_forward_gap_is_refused() {
        // Berlin skips 02:00-03:00 on 2026-03-29.
        let error = parse_instant("2026-03-29 02:30", Berlin).unwrap_err();
        assert!(error.contains("does not exist in Europe/Berlin"), "{error}");
    }

    #[test]
    fn a_time_in_the_fall_back_overlap_takes_the_earlier_instant() {
        // Berlin shows 02:30 twice on 2026-10-25: first at +02:00.
        assert_eq!(parse_instant("2026-10-25 02:30", Berlin), Ok(utc("2026-10-25T00:30:00Z")));
    }

    #[test]
    fn dates_parse_strictly() {
        assert!(parse_date("2024-01-01").is_ok());
        assert!(parse_date("2024-1-1").is_err());
        assert!(parse_date("2023-02-29").unwrap_err().contains("28 days"));
    }
}
