//! One language as data (its words, names, formats, plural rule and direction) and the
//! lookups every output uses. Dates and numbers are written in `dates.rs`.

use super::format::{fill, Formats};
use super::plural::Plural;
use chrono::Weekday;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

/// Which way a language's lines run, for `<html dir>` and the theme's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    /// The value of the HTML `dir` attribute.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One language: its strings, month and weekday names, formats and plural rule.
pub(crate) struct Lang {
    /// The BCP 47 tag for `<html lang>`, feeds and `site.yaml`'s `language:`.
    pub code: &'static str,
    pub dir: Direction,
    /// Picks the form of a counted string (`days_ago.one`, `days_ago.other`, ...).
    pub plural: Plural,
    /// (key, string). A counted string has one key per form its plural rule needs:
    /// `days_ago.one`, `days_ago.few`, ...; `{n}` and named `{...}` holes are filled by callers.
    pub(super) strings: &'static [(&'static str, &'static str)],
    /// Month names as a month and year heading shows them ("novembre", "listopad").
    pub(super) months: [&'static str; 12],
    /// Month names inside a date ("nov.", "lis").
    pub(super) months_short: [&'static str; 12],
    /// One letter per weekday, Sunday first; `weekdays` puts them in the language's week order.
    pub(super) weekday_initials: [&'static str; 7],
    /// The first column of a calendar week, in days after Sunday (Monday = 1, Saturday = 6).
    pub(super) week_start: u32,
    pub(super) formats: Formats,
    /// The merged table as a hash map, built once: pages look up words thousands of times.
    pub(super) index: OnceLock<HashMap<&'static str, &'static str>>,
}

impl Lang {
    /// The flat table templates read as `t.key` (or `t["component.operational"]`). Every
    /// table has every key English has (`tests.rs` fails otherwise), so a key a theme expects
    /// is never missing.
    pub(crate) fn table(&self) -> BTreeMap<&'static str, &'static str> {
        self.strings.iter().copied().collect()
    }

    /// A string by key; "" for a key no table has.
    pub(crate) fn get(&'static self, key: &str) -> &'static str {
        self.index.get_or_init(|| self.table().into_iter().collect()).get(key).copied().unwrap_or("")
    }

    /// A keyword of a closed set, e.g. `("component", "partial_outage")` -> "Partial outage".
    pub(crate) fn word(&'static self, family: &str, keyword: &str) -> &'static str {
        let found = self.get(&format!("{family}.{keyword}"));
        if found.is_empty() {
            "?"
        } else {
            found
        }
    }

    /// A string with `{n}` replaced by a value that is not a count (a name, a percentage).
    pub(crate) fn count(&'static self, key: &str, n: impl std::fmt::Display) -> String {
        self.get(key).replace("{n}", &n.to_string())
    }

    /// The form of counted string `key` for `n` ("1 day ago", "90 days ago"), `{n}` filled.
    pub(crate) fn plural(&'static self, key: &str, n: u64) -> String {
        let category = self.plural.category(n);
        let mut form = self.get(&format!("{key}.{}", category.name()));
        if form.is_empty() {
            form = self.get(&format!("{key}.other"));
        }
        form.replace("{n}", &n.to_string())
    }

    /// A string with its named holes (`{site}`, `{start}`) filled.
    pub(crate) fn fill(&'static self, key: &str, values: &[(&str, &str)]) -> String {
        fill(self.get(key), values)
    }

    /// What joins a label to its value: ": " in English, "\u{a0}: " in French, "：" in Chinese.
    pub(crate) fn colon(&'static self) -> &'static str {
        self.get("colon")
    }

    /// What separates the items of a list: ", ", "、" in Japanese, "، " in Arabic.
    pub(crate) fn comma(&'static self) -> &'static str {
        self.get("comma")
    }

    /// The weekday initials in the order of the language's week, for calendar columns.
    pub(crate) fn weekdays(&self) -> [&'static str; 7] {
        std::array::from_fn(|i| self.weekday_initials[(i + self.week_start as usize) % 7])
    }

    /// The calendar column (0-based) of `weekday` in the language's week.
    pub(crate) fn week_column(&self, weekday: Weekday) -> u32 {
        (weekday.num_days_from_sunday() + 7 - self.week_start) % 7
    }
}
