//! Dates, times, percentages and durations in a language's own patterns. Each language
//! declares its patterns as data (`Formats`); the code here only fills them, so a new language
//! is a table, never a new branch.

use super::format::fill;
use super::lang::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use chrono_tz::Tz;

impl Lang {
    fn fill_date(&self, pattern: &str, date: NaiveDate) -> String {
        let month0 = date.month0() as usize;
        let day = match (date.day(), self.formats.first_day) {
            (1, Some(first)) => first.to_string(),
            (day, _) => day.to_string(),
        };
        fill(
            pattern,
            &[
                ("day", &day),
                ("month", &(month0 + 1).to_string()),
                ("month_name", self.months[month0]),
                ("month_short", self.months_short[month0]),
                ("year", &date.year().to_string()),
            ],
        )
    }

    /// "Nov 20, 2026", "20 nov. 2026", "2026年11月20日".
    pub(crate) fn date(&self, date: NaiveDate) -> String {
        self.fill_date(self.formats.date, date)
    }

    /// "Nov 20", "20 nov.", "11月20日": for the tight space of an uptime bar.
    pub(crate) fn day(&self, date: NaiveDate) -> String {
        self.fill_date(self.formats.day, date)
    }

    /// "November 2026", "novembro de 2026", "2026年11月".
    pub(crate) fn month(&self, year: i32, month0: usize) -> String {
        let month0 = month0 % 12;
        let year_text = year.to_string();
        let month = (month0 + 1).to_string();
        let values = [
            ("month", month.as_str()),
            ("month_name", self.months[month0]),
            ("month_short", self.months_short[month0]),
            ("year", &year_text),
        ];
        fill(self.formats.month_year, &values)
    }

    /// "Nov 20, 2026, 14:02 -03": a moment on the site's wall clock with its zone
    /// abbreviation, so a reader abroad knows which clock it is. The hour and minute are
    /// written directly (what `%H:%M %Z` prints): strftime parses its pattern on every call,
    /// and pages print thousands of times.
    pub(crate) fn datetime(&self, local: &DateTime<Tz>) -> String {
        let time = format!("{:02}:{:02}", local.hour(), local.minute());
        let zone = local.offset().to_string();
        fill(self.formats.datetime, &[("date", &self.date(local.date_naive())), ("time", &time), ("zone", &zone)])
    }

    /// "99.98%", "99,98 %", "%99,98". Never rounds a day with downtime up to 100%.
    pub(crate) fn percent(&self, value: f64) -> String {
        let text = if value >= 100.0 { "100".to_string() } else { format!("{:.2}", (value * 100.0).floor() / 100.0) };
        let text =
            if self.formats.decimal == '.' { text } else { text.replace('.', &self.formats.decimal.to_string()) };
        fill(self.formats.percent, &[("n", &text)])
    }

    /// "2 h 38 min", "3 d 4 h", "12 min", "2 Std. 38 Min.", "ساعتان و38 دقيقة": rounded down
    /// to the minute, each unit in the form its count takes.
    pub(crate) fn duration(&'static self, seconds: i64) -> String {
        let minutes = seconds.max(0).unsigned_abs() / 60;
        let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
        let parts: Vec<String> = match (d, h, m) {
            (0, 0, m) => vec![self.plural("unit.minute", m)],
            (0, h, 0) => vec![self.plural("unit.hour", h)],
            (0, h, m) => vec![self.plural("unit.hour", h), self.plural("unit.minute", m)],
            (d, 0, _) => vec![self.plural("unit.day", d)],
            (d, h, _) => vec![self.plural("unit.day", d), self.plural("unit.hour", h)],
        };
        parts.join(self.formats.duration_join)
    }
}
