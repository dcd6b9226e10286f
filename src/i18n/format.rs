//! Dates, times, percentages and durations in a language's own patterns. Each language
//! declares its patterns as data (`Formats`); the code here only fills them, so a new language
//! is a table, never a new branch.

use super::Lang;
use chrono::{DateTime, Datelike, NaiveDate, Timelike};
use chrono_tz::Tz;

/// How a language writes dates, numbers and durations. Patterns name their holes:
/// `{day}`, `{month}` (1-12), `{month_name}`, `{month_short}`, `{year}` for dates;
/// `{date}`, `{time}`, `{zone}` for a moment; `{n}` for a number.
pub(crate) struct Formats {
    /// A day with its year: "{month_short} {day}, {year}" -> "Nov 20, 2026".
    pub date: &'static str,
    /// A day in the year shown around it (an uptime bar): "{month_short} {day}".
    pub day: &'static str,
    /// A month heading: "{month_name} {year}" -> "November 2026".
    pub month_year: &'static str,
    /// A moment: "{date}, {time}\u{a0}{zone}". The no-break space keeps the zone with its
    /// clock: on a phone the line may break after the date, never leave `-03` alone.
    pub datetime: &'static str,
    /// The day number for the 1st where a language writes it apart ("1er" in French).
    pub first_day: Option<&'static str>,
    /// The decimal separator.
    pub decimal: char,
    /// A percentage: "{n}%", "{n}\u{a0}%", "%{n}".
    pub percent: &'static str,
    /// Between the parts of a duration: " " ("2 h 38 min"), "" ("2時間38分").
    pub duration_join: &'static str,
}

/// `pattern` with each `{name}` in `values` replaced; other braces are left as written.
/// One pass, so a value holding `{x}` (a site's title) is never filled in turn.
pub(crate) fn fill(pattern: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hole = after.find('}').map(|close| (&after[..close], close));
        match hole.and_then(|(name, close)| values.iter().find(|(k, _)| *k == name).map(|(_, v)| (v, close))) {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

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

#[cfg(test)]
mod tests {
    use super::fill;

    #[test]
    fn fill_replaces_named_holes_once_and_leaves_other_braces() {
        assert_eq!(fill("{a} and {b}", &[("a", "{b}"), ("b", "x")]), "{b} and x");
        assert_eq!(fill("{unknown} {a", &[("a", "1")]), "{unknown} {a");
        assert_eq!(fill("日{n}日", &[("n", "2")]), "日2日");
    }
}
