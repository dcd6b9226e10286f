//! Every word the site shows (pages, feeds, the calendar, badges, notifications), per language,
//! with the language's way of writing dates, times, percentages and durations, its plural rule
//! and its writing direction. One file per language under `langs/`; the machinery is here, in
//! `format.rs` and `plural.rs`. No status is decided here, and nothing above `model` is used.

mod format;
mod langs;
mod plural;
#[cfg(test)]
mod tests;

pub(crate) use format::Formats;
pub(crate) use plural::Plural;

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
    strings: &'static [(&'static str, &'static str)],
    /// Month names as a month and year heading shows them ("novembre", "listopad").
    months: [&'static str; 12],
    /// Month names inside a date ("nov.", "lis").
    months_short: [&'static str; 12],
    /// One letter per weekday, Sunday first; `weekdays` puts them in the language's week order.
    weekday_initials: [&'static str; 7],
    /// The first column of a calendar week, in days after Sunday (Monday = 1, Saturday = 6).
    week_start: u32,
    formats: Formats,
    /// The merged table as a hash map, built once: pages look up words thousands of times.
    index: OnceLock<HashMap<&'static str, &'static str>>,
}

/// Every built-in language: the one list `check` accepts and names.
pub(crate) static LANGUAGES: [&Lang; 13] = [
    &langs::en::LANG,
    &langs::pt_br::LANG,
    &langs::es::LANG,
    &langs::fr::LANG,
    &langs::de::LANG,
    &langs::it::LANG,
    &langs::nl::LANG,
    &langs::pl::LANG,
    &langs::ja::LANG,
    &langs::zh_cn::LANG,
    &langs::ko::LANG,
    &langs::tr::LANG,
    &langs::ar::LANG,
];

/// English: the language every other table is checked against, and the fallback.
pub(crate) static EN: &Lang = &langs::en::LANG;

/// The built-in language with this tag (any case).
pub(crate) fn find(code: &str) -> Option<&'static Lang> {
    LANGUAGES.iter().copied().find(|lang| lang.code.eq_ignore_ascii_case(code))
}

/// The tags of the built-in languages, for help text.
pub(crate) fn codes() -> Vec<&'static str> {
    LANGUAGES.iter().map(|lang| lang.code).collect()
}

/// The built-in language an unknown tag most likely means, for `check`'s help: the same
/// language for another region (`de-DE` -> `de`, `pt-PT` -> `pt-BR`), else a near spelling. None for Chinese in Traditional characters (`zh-TW`, `zh-Hant`): `zh-CN` is
/// written in Simplified ones, another script rather than a spelling.
pub(crate) fn nearest(code: &str) -> Option<&'static str> {
    let lower = code.to_ascii_lowercase().replace('_', "-");
    let mut subtags = lower.split('-');
    let primary = subtags.next().unwrap_or("");
    if primary == "zh" && subtags.any(|s| matches!(s, "hant" | "tw" | "hk" | "mo")) {
        return None;
    }
    // The language first, and spelling only past two letters: two-letter codes are all a
    // spelling or two apart (`pt` is as near `it` as `sv` is `ar`).
    let codes = codes();
    let same_language =
        codes.iter().copied().find(|c| c.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary)));
    let spelt = || crate::diag::closest(&lower, codes.iter().copied()).filter(|_| lower.len() > 3);
    same_language.or_else(spelt)
}

/// The language for `config.language`; validation only lets known ones through, so anything
/// else falls back to English.
pub(crate) fn lang(code: &str) -> &'static Lang {
    find(code).unwrap_or(EN)
}

impl Lang {
    /// The flat table templates read as `t.key` (or `t["component.operational"]`): English
    /// under this language, so a key a site's own theme expects is never missing.
    pub(crate) fn table(&self) -> BTreeMap<&'static str, &'static str> {
        let mut table: BTreeMap<_, _> = EN.strings.iter().copied().collect();
        table.extend(self.strings.iter().copied());
        table
    }

    /// A string by key; English when this language lacks it, "" as a last resort.
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
        format::fill(self.get(key), values)
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
