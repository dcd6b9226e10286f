//! Checks over every table: each language has every key English has, every counted key in
//! each form its plural rule needs and no other, no key English lacks, and no hole (`{site}`)
//! English does not fill. The formats of each language are tested in its own file.

use super::format::Formats;
use super::plural::{Category, Plural};
use super::*;
use std::collections::BTreeSet;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Counted keys: those English gives in its `one` and `other` forms (`days_ago`).
fn counted() -> BTreeSet<&'static str> {
    let keys: BTreeSet<&str> = EN.strings.iter().map(|(k, _)| *k).collect();
    keys.iter().filter_map(|k| k.strip_suffix(".other")).filter(|base| keys.contains(&*format!("{base}.one"))).collect()
}

/// `days_ago.few` -> `("days_ago", Some(Few))` when `days_ago` is counted.
fn split(key: &str, counted: &BTreeSet<&str>) -> (String, Option<Category>) {
    if let Some((base, form)) = key.rsplit_once('.') {
        if counted.contains(base) {
            if let Some(category) = Category::ALL.into_iter().find(|c| c.name() == form) {
                return (base.to_string(), Some(category));
            }
        }
    }
    (key.to_string(), None)
}

/// The `{name}` holes of a string.
fn holes(text: &str) -> BTreeSet<&str> {
    text.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name)).collect()
}

/// What is wrong with a table, one line each.
fn problems(lang: &Lang) -> Vec<String> {
    let counted = counted();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for (key, _) in lang.strings {
        if !seen.insert(*key) {
            problems.push(format!("{}: `{key}` is given twice", lang.code));
        }
    }
    for (key, _) in EN.strings {
        match split(key, &counted) {
            (_, Some(_)) => {}
            (key, None) if !seen.contains(key.as_str()) => problems.push(format!("{} lacks `{key}`", lang.code)),
            _ => {}
        }
    }
    for base in &counted {
        for category in lang.plural.categories() {
            let key = format!("{base}.{}", category.name());
            if !seen.contains(key.as_str()) {
                problems.push(format!("{} lacks `{key}`, a form its plural rule needs", lang.code));
            }
        }
    }
    let english: HashMap<&str, &str> = EN.strings.iter().copied().collect();
    for (key, text) in lang.strings {
        let (base, category) = split(key, &counted);
        let reference = match category {
            Some(c) if !lang.plural.categories().contains(&c) => {
                problems.push(format!("{}: `{key}` is a form its plural rule never takes", lang.code));
                continue;
            }
            Some(_) => english.get(format!("{base}.other").as_str()),
            None => english.get(*key),
        };
        let Some(reference) = reference else {
            problems.push(format!("{}: `{key}` is not a key English has", lang.code));
            continue;
        };
        // A translation may leave a value out ("يوم واحد" has no number), and may set a status
        // word as the table writes it where English lower-cases it ({new} for {new_lower}).
        let allowed: BTreeSet<&str> =
            holes(reference).into_iter().flat_map(|h| [h, h.trim_end_matches("_lower")]).collect();
        for hole in holes(text) {
            if !allowed.contains(hole) {
                problems.push(format!("{}: `{key}` has a hole `{{{hole}}}` English does not fill", lang.code));
            }
        }
    }
    problems
}

#[test]
fn every_language_has_every_key_and_every_form_its_plural_rule_needs() {
    let all: Vec<String> = LANGUAGES.iter().flat_map(|lang| problems(lang)).collect();
    assert!(all.is_empty(), "{}", all.join("\n"));
    assert!(counted().contains("days_ago") && counted().contains("unit.hour"), "{:?}", counted());
}

static BROKEN: Lang = Lang {
    code: "xx",
    dir: Direction::Ltr,
    plural: Plural::Polish,
    strings: &[("skip", "{site}"), ("days_ago.one", "1"), ("days_ago.few", "2"), ("days_ago.other", "3")],
    months: [""; 12],
    months_short: [""; 12],
    weekday_initials: [""; 7],
    week_start: 0,
    formats: Formats {
        date: "",
        day: "",
        month_year: "",
        datetime: "",
        first_day: None,
        decimal: '.',
        percent: "",
        duration_join: "",
    },
    index: OnceLock::new(),
};

#[test]
fn the_check_names_a_missing_key_a_missing_form_a_wrong_form_and_a_stray_hole() {
    let found = problems(&BROKEN);
    for expected in [
        "xx lacks `home`",
        "xx lacks `days_ago.many`, a form its plural rule needs",
        "xx: `days_ago.other` is a form its plural rule never takes",
        "xx: `skip` has a hole `{site}` English does not fill",
    ] {
        assert!(found.iter().any(|p| p == expected), "{expected} not in:\n{}", found.join("\n"));
    }
}

#[test]
fn every_count_finds_a_form_in_every_language() {
    for lang in LANGUAGES {
        for n in (0..=130).chain([1_000, 1_000_000]) {
            for key in counted() {
                assert!(!lang.plural(key, n).is_empty(), "{} {key} {n}", lang.code);
            }
        }
    }
}

#[test]
fn languages_are_found_by_tag_in_any_case_and_unknown_ones_fall_back_to_english() {
    let codes = codes();
    assert_eq!(codes.len(), codes.iter().collect::<BTreeSet<_>>().len(), "a tag is listed twice: {codes:?}");
    for code in ["en", "pt-BR", "es", "fr", "de", "it", "nl", "pl", "ja", "zh-CN", "ko", "tr", "ar"] {
        assert!(codes.contains(&code), "{code} is missing");
    }
    assert_eq!(lang("pt-br").code, "pt-BR");
    assert_eq!(lang("ZH-cn").code, "zh-CN");
    assert_eq!(lang("xx").code, "en");
    assert_eq!(EN.word("component", "major_outage"), "Major outage");
    assert_eq!(EN.word("component", "nonsense"), "?");
}

/// A regional tag gets its language's words: readers in Germany read German.
#[test]
fn a_regional_tag_takes_the_words_of_its_language() {
    let cases = [("de-DE", Some("de")), ("pt", Some("pt-BR")), ("pt_PT", Some("pt-BR")), ("fr-CA", Some("fr"))];
    let more =
        [("en-US", Some("en")), ("ko-KR", Some("ko")), ("zh", Some("zh-CN")), ("zh-TW", None), ("zh-Hant", None)];
    for (tag, expected) in cases.into_iter().chain(more).chain([("sv", None), ("fi-FI", None), ("ptBR", None)]) {
        assert_eq!(for_tag(tag).map(|l| l.code), expected, "{tag}");
    }
    assert_eq!(lang("de-AT").code, "de");
}

#[test]
fn an_unknown_tag_is_matched_to_the_nearest_spelling() {
    for (tag, expected) in [("ptBR", Some("pt-BR")), ("zh_cn", Some("zh-CN")), ("sv", None), ("fi-FI", None)] {
        assert_eq!(nearest(tag), expected, "{tag}");
    }
}

#[test]
fn tags_are_written_as_bcp_47_writes_them() {
    for (written, tag) in [("de-de", "de-DE"), ("PT_pt", "pt-PT"), ("zh-hant-tw", "zh-Hant-TW"), ("es-419", "es-419")] {
        assert_eq!(canonical_tag(written).as_deref(), Some(tag), "{written}");
    }
    for bad in ["", "d", "deutsch", "de--DE", "de-DE!", "1e-DE", "de-toolongsubtag"] {
        assert_eq!(canonical_tag(bad), None, "{bad}");
    }
}

#[test]
fn only_arabic_runs_right_to_left() {
    let rtl: Vec<&str> = LANGUAGES.iter().filter(|l| l.dir == Direction::Rtl).map(|l| l.code).collect();
    assert_eq!(rtl, ["ar"]);
    assert_eq!(lang("ar").dir.as_str(), "rtl");
}

/// No English fallback: every built-in table is complete (the test above), and a table that
/// borrowed English would make `lang.rs` reach the language files that use it.
#[test]
fn a_key_a_table_lacks_reads_as_nothing_and_a_word_as_a_question_mark() {
    assert_eq!(BROKEN.get("skip"), "{site}");
    assert_eq!(BROKEN.get("home"), "");
    assert_eq!(BROKEN.word("component", "operational"), "?");
}
