//! The built-in languages, one file each: a `LANG` with every key English has (in the forms
//! its plural rule needs), its month and weekday names and its formats. `../tests.rs` fails
//! on a missing key or form; each file tests its own formats against the locale's conventions.

pub(super) mod ar;
pub(super) mod de;
pub(super) mod en;
pub(super) mod es;
pub(super) mod fr;
pub(super) mod it;
pub(super) mod ja;
pub(super) mod ko;
pub(super) mod nl;
pub(super) mod pl;
pub(super) mod pt_br;
pub(super) mod tr;
pub(super) mod zh_cn;

/// A moment for format tests: 2026-11-20 17:02 UTC, and the first of a month.
#[cfg(test)]
pub(super) mod sample {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use chrono_tz::Tz;

    pub(crate) fn at(zone: Tz) -> DateTime<Tz> {
        Utc.with_ymd_and_hms(2026, 11, 20, 17, 2, 0).unwrap().with_timezone(&zone)
    }

    pub(crate) fn first_of_december() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    /// 2 h 38 min 59 s, 1 d 3 h, 30 s, 1 h 1 min, 2 d.
    pub(crate) const DURATIONS: [i64; 5] = [2 * 3600 + 38 * 60 + 59, 27 * 3600, 30, 3660, 2 * 86_400];
}
