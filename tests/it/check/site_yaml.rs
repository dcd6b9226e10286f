//! site.yaml's addresses and language: what `check` refuses, with the file, line and column,
//! and what it accepts in one normal form, read back from a build.

use super::*;
use crate::common::{select_texts, SiteTest};

fn site_yaml(rest: &str) -> SiteTest {
    SiteTest::fixture("minimal").file("content/site.yaml", &format!("title: Status\n{rest}"))
}

#[test]
fn a_base_url_that_is_not_absolute_http_is_refused() {
    for (url, column) in [("status.example.com", 11), ("ftp://status.example.com/", 11), ("/status/", 11)] {
        let site = SiteTest::fixture("minimal")
            .file("content/site.yaml", &format!("title: Status\nbase_url: {url}\ntimezone: UTC\n"));
        let d = only_error(site, "invalid-base-url");
        assert_at(&d, "content/site.yaml", 2, column);
        assert_message(&d, &format!("`{url}` is not an absolute http(s) URL"));
    }
}

/// Two spellings of one address make the same site: scheme and host in any case, `..`, `%2e`
/// and `//` in the path are read as a browser reads them.
#[test]
fn a_base_url_is_written_in_its_normal_form_everywhere() {
    let site = site_yaml("base_url: HTTPS://Status.Example.COM//old/../%2e%2e/status/%2E//\ntimezone: UTC\n");
    let built = site.build();
    assert_eq!(built.json("api/v2/summary.json")["page"]["url"], "https://status.example.com/status");
    let canonical = scraper::Selector::parse("link[rel=canonical]").unwrap();
    let page = built.html("index.html");
    let href = page.select(&canonical).next().and_then(|l| l.value().attr("href")).map(str::to_string);
    assert_eq!(href.as_deref(), Some("https://status.example.com/status/"));
}

/// A query or fragment cannot end a base URL (every address is the base followed by a path):
/// refused, underlined from where it starts.
#[test]
fn a_base_url_with_a_query_or_fragment_is_refused_from_where_it_starts() {
    for url in ["https://status.example.com/?utm_source=x", "https://status.example.com/status/#top"] {
        let d = only_error(site_yaml(&format!("base_url: {url}\ntimezone: UTC\n")), "invalid-base-url");
        let column = 11 + url.find(['?', '#']).unwrap() as u64;
        assert_at(&d, "content/site.yaml", 2, column);
        assert_message(&d, &format!("`{url}` has a query or fragment, which a base URL cannot carry"));
        assert_help_contains(&d, "remove the part from `?` or `#`");
    }
    let d = only_error(site_yaml("base_url: https://ops:secret@status.example.com/\n"), "invalid-base-url");
    assert_at(&d, "content/site.yaml", 2, 11);
    assert!(d["message"].as_str().unwrap().contains("user name or password"), "{d:#}");
}

#[test]
fn a_language_tag_is_accepted_in_any_case() {
    let site = SiteTest::fixture("minimal").file(
        "content/site.yaml",
        "title: Status\nbase_url: https://status.example.com/\ntimezone: UTC\nlanguage: ZH-cn\n",
    );
    let built = site.build();
    assert_eq!(built.html("index.html").root_element().value().attr("lang"), Some("zh-CN"));
}

#[test]
fn an_unknown_language_names_the_nearest_and_every_built_in_one() {
    let site = SiteTest::fixture("minimal").file(
        "content/site.yaml",
        "title: Status\nbase_url: https://status.example.com/\ntimezone: UTC\nlanguage: ptBR\n",
    );
    let d = only_error(site, "unknown-language");
    assert_at(&d, "content/site.yaml", 4, 11);
    assert_message(&d, "no translation for language `ptBR`");
    assert_help_contains(&d, "did you mean `pt-BR`?");
    for code in ["en", "pt-BR", "es", "fr", "de", "it", "nl", "pl", "ja", "zh-CN", "ko", "tr", "ar"] {
        assert_help_contains(&d, &format!("`{code}`"));
    }
}

/// A regional tag is the language of its region's readers: its words are the language's
/// (`de-DE` reads German), and pages and feeds say the tag as written, in BCP 47's case.
#[test]
fn a_regional_language_tag_takes_its_languages_words_and_keeps_its_own_tag() {
    for (written, tag, heading) in
        [("de_de", "de-DE", "Komponenten"), ("en-US", "en-US", "Components"), ("pt-PT", "pt-PT", "Componentes")]
    {
        let built =
            site_yaml(&format!("base_url: https://status.example.com/\ntimezone: UTC\nlanguage: {written}\n")).build();
        let index = built.html("index.html");
        assert_eq!(index.root_element().value().attr("lang"), Some(tag), "{written}");
        assert_eq!(select_texts(&index, "#components"), [heading], "{written}");
        let atom = feed_rs::parser::parse(built.text("atom.xml").as_bytes()).unwrap();
        assert_eq!(atom.language.as_deref(), Some(tag), "{written}");
    }
    // Traditional Chinese is another script, not a region of Simplified Chinese.
    let d = only_error(site_yaml("base_url: https://status.example.com/\nlanguage: zh-TW\n"), "unknown-language");
    assert_at(&d, "content/site.yaml", 3, 11);
}
