//! Every word the site shows (pages, feeds, the calendar, badges, notifications), per language,
//! with the language's way of writing dates, times, percentages and durations, its plural rule
//! and its writing direction. One file per language under `langs/`; the machinery is here, in
//! `format.rs` and `plural.rs`. No status is decided here, and nothing above `model` is used.

mod dates;
mod format;
mod lang;
mod langs;
mod plural;
#[cfg(test)]
mod tests;

pub(crate) use lang::{Direction, Lang};

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
