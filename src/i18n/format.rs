//! How a language writes dates, times, percentages and durations, as data (`Formats`), and
//! the one function that fills a pattern's holes. `dates.rs` applies them.

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
