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

/// The built-in language whose words a tag's readers get: the one with this tag, else the
/// same language for another region (`de-DE` -> `de`, `en-US` -> `en`, `pt-PT` -> `pt-BR`).
/// None for Chinese in Traditional characters (`zh-TW`, `zh-Hant`): `zh-CN` is written in
/// Simplified ones, another script rather than a region.
pub(crate) fn for_tag(code: &str) -> Option<&'static Lang> {
    find(code).or_else(|| {
        let lower = code.to_ascii_lowercase().replace('_', "-");
        let mut subtags = lower.split('-');
        let primary = subtags.next().unwrap_or("");
        if primary == "zh" && subtags.any(|s| matches!(s, "hant" | "tw" | "hk" | "mo")) {
            return None;
        }
        LANGUAGES.iter().copied().find(|l| l.code.split('-').next().is_some_and(|p| p.eq_ignore_ascii_case(primary)))
    })
}

/// A language tag written as BCP 47 writes it (`de-de`, `DE_DE` -> `de-DE`; `zh-hant-tw` ->
/// `zh-Hant-TW`), for `<html lang>` and feeds; None for what is not a tag's shape (subtags of
/// one to eight letters or digits, the first of two or three letters).
pub(crate) fn canonical_tag(code: &str) -> Option<String> {
    let subtags: Vec<&str> = code.split(['-', '_']).collect();
    let shaped = |s: &&str| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric());
    let primary = subtags[0];
    if !subtags.iter().all(shaped)
        || !(2..=3).contains(&primary.len())
        || !primary.chars().all(|c| c.is_ascii_alphabetic())
    {
        return None;
    }
    let written: Vec<String> = subtags
        .iter()
        .enumerate()
        .map(|(i, s)| match s.len() {
            _ if i == 0 => s.to_ascii_lowercase(),
            2 if s.chars().all(|c| c.is_ascii_alphabetic()) => s.to_ascii_uppercase(),
            4 if s.chars().all(|c| c.is_ascii_alphabetic()) => {
                s[..1].to_ascii_uppercase() + &s[1..].to_ascii_lowercase()
            }
            _ => s.to_ascii_lowercase(),
        })
        .collect();
    Some(written.join("-"))
}

/// The built-in language an unknown tag most likely means, for `check`'s help: a near
/// spelling, past two letters (two-letter codes are all a spelling or two apart: `pt` is as
/// near `it` as `sv` is `ar`).
pub(crate) fn nearest(code: &str) -> Option<&'static str> {
    let lower = code.to_ascii_lowercase().replace('_', "-");
    crate::diag::closest(&lower, codes().iter().copied()).filter(|_| lower.len() > 3)
}

/// The words for `config.language` (a built-in tag, or a regional one of a built-in
/// language); validation lets nothing else through, so anything else falls back to English.
pub(crate) fn lang(code: &str) -> &'static Lang {
    for_tag(code).unwrap_or(EN)
}
