//! Update bodies as readers get them: images, tables and code in the built pages, read back
//! with an HTML parser and checked against the page's own content security policy.

use crate::common::{select_texts, SiteTest};
use scraper::{Html, Selector};

/// An image in an update is kept with its alt text, loads lazily, and a relative one resolves
/// against the site, on the page and in the feeds alike; a list inside an update keeps its own
/// bullets and no timeline dot.
#[test]
fn images_in_updates_are_kept_and_resolve_against_the_site() {
    let test = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-24-graph.md",
        "---\ntitle: Queue backlog\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - 2026-11-24 11:00\n\
         The backlog is gone:\n\n- queue drained\n- latency normal\n\n![p99 latency, 24 hours](images/latency.png)\n",
    );
    let built = test.build();
    let page = built.html("incidents/2026-11-24-graph/index.html");
    let img = Selector::parse("main img").unwrap();
    let images: Vec<_> = page.select(&img).collect();
    assert_eq!(images.len(), 1);
    let image = images[0].value();
    assert_eq!(image.attr("src"), Some("https://status.example.com/images/latency.png"));
    assert_eq!(image.attr("alt"), Some("p99 latency, 24 hours"));
    assert_eq!(image.attr("loading"), Some("lazy"));
    assert_eq!(select_texts(&page, ".timeline > li li"), ["queue drained", "latency normal"]);
    let feed = built.text("feed.xml");
    assert!(feed.contains("src=\"https://status.example.com/images/latency.png\""), "{feed}");
    let json = built.json("feed.json");
    let entry = json["items"].as_array().unwrap().iter().find(|i| i["title"] == "Queue backlog").expect("the entry");
    assert!(entry["content_html"].as_str().unwrap().contains("alt=\"p99 latency, 24 hours\""));
}

/// The sources a page's policy allows images from.
fn img_sources(page: &Html) -> Vec<String> {
    let policy = Selector::parse("meta[http-equiv=\"Content-Security-Policy\"]").unwrap();
    let policy = page.select(&policy).next().and_then(|m| m.value().attr("content")).unwrap_or_default();
    let directive = policy.split(';').map(str::trim).find(|d| d.starts_with("img-src ")).unwrap_or_default();
    directive.split_whitespace().skip(1).map(str::to_string).collect()
}

/// An update's `http:` image was kept while the page's policy blocked it, and the policy
/// allowed `data:` images nothing uses. Every image shown is one the policy lets load, and the
/// policy allows only what images use; an address with a `"` is escaped once.
#[test]
fn every_image_an_update_shows_is_one_its_page_allows() {
    let test = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-24-images.md",
        "---\ntitle: Images\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - 2026-11-24 11:00\n\
         ![a](images/a.png) ![b](http://cdn.example.net/b.png) ![c](https://cdn.example.net/c.png)\n\n\
         <img src='images/d\"e.png' alt=\"quoted\">\n",
    );
    let built = test.build();
    let page = built.html("incidents/2026-11-24-images/index.html");
    let sources = img_sources(&page);
    assert_eq!(sources, ["'self'", "https:"], "only what images use");
    let site = url::Url::parse("https://status.example.com/").unwrap();
    let selector = Selector::parse("main img").unwrap();
    let shown: Vec<String> = page.select(&selector).filter_map(|i| i.value().attr("src").map(str::to_string)).collect();
    assert_eq!(
        shown,
        [
            "https://status.example.com/images/a.png",
            "https://cdn.example.net/b.png",
            "https://cdn.example.net/c.png",
            "https://status.example.com/images/d%22e.png",
        ]
    );
    for src in &shown {
        let url = url::Url::parse(src).unwrap();
        let allowed = (url.scheme() == "https" && sources.iter().any(|s| s == "https:"))
            || (url.origin() == site.origin() && sources.iter().any(|s| s == "'self'"));
        assert!(allowed, "{src} is blocked by img-src {sources:?}");
    }
}

/// A column aligned in Markdown (`|--:|`) is aligned on the page, by a class the theme styles
/// (the sanitizer removes `style`, and the policy would block it); a URL in code stays text.
#[test]
fn table_alignment_survives_and_urls_in_code_stay_text() {
    let test = SiteTest::fixture("minimal").file(
        "content/incidents/2026-11-24-table.md",
        "---\ntitle: Table\nimpact: minor\ncomponents: [api]\n---\n\n## Resolved - 2026-11-24 11:00\n\
         | carrier | delay |\n|:--|--:|\n| X | 20 min |\n\n```\ncurl https://api.example.com/v1\n```\n",
    );
    let built = test.build();
    let page = built.html("incidents/2026-11-24-table/index.html");
    let cells = Selector::parse("main td").unwrap();
    let classes: Vec<Option<&str>> = page.select(&cells).map(|td| td.value().attr("class")).collect();
    assert_eq!(classes, [Some("align-left"), Some("align-right")]);
    let css = built.files().into_iter().find(|f| f.starts_with("assets/") && f.ends_with(".css")).expect("the CSS");
    assert!(built.text(&css).contains(".align-right{text-align:right}"), "the theme styles the class");
    assert_eq!(select_texts(&page, "main pre"), ["curl https://api.example.com/v1"]);
    assert_eq!(page.select(&Selector::parse("main pre a").unwrap()).count(), 0, "no link inside code");
}
