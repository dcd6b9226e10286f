//! site.yaml's addresses and language: what `check` refuses, with the file, line and column,
//! and what it accepts in one normal form, read back from a build.

use super::*;
use crate::common::SiteTest;

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
