//! Hostile content in every user-written field comes out inert in every output format: HTML
//! pages, RSS, Atom, JSON Feed, badges, and the JSON files.

use crate::common::SiteTest;
use scraper::{ElementRef, Html};

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "[link](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<iframe src=\"//evil.example\"></iframe>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<div style=\"background-image: url(https://evil.example/x.png)\">x</div>",
    "\"><script>alert(1)</script>",
    "'onmouseover='alert(1)",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<ScRiPt>alert(1)</sCrIpT>",
];

/// A YAML single-quoted scalar holding any text.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn hostile_site() -> SiteTest {
    let all = PAYLOADS.join(" ");
    let site = format!(
        "title: {}\nbase_url: https://status.example.com/\ndescription: {}\ntimezone: UTC\nlinks:\n  {}: https://example.com/\n",
        quoted(&format!("Status {}", PAYLOADS[0])),
        quoted(&all),
        quoted(PAYLOADS[1])
    );
    let components = format!(
        "groups:\n  - id: g\n    name: {}\n    description: {}\ncomponents:\n  - id: api\n    name: {}\n    group: g\n    description: {}\n  - id: web\n    name: {}\n",
        quoted(PAYLOADS[2]),
        quoted(PAYLOADS[3]),
        quoted(PAYLOADS[11]),
        quoted(PAYLOADS[12]),
        quoted(PAYLOADS[15])
    );
    let body: String = PAYLOADS.iter().map(|p| format!("{p}\n\n")).collect();
    let incident = format!(
        "---\ntitle: {}\nimpact: major\ncomponents:\n  api: partial_outage\n---\n\n## Investigating - 2026-11-25 10:00\n{body}\n### {}\n",
        quoted(&all),
        PAYLOADS[0]
    );
    let maintenance = format!(
        "---\ntitle: {}\ncomponents: [web]\nwindow:\n  start: 2026-11-26 01:00\n  end: 2026-11-26 02:00\n---\n\n## Scheduled - 2026-11-24 10:00\n{body}\n",
        quoted(&all)
    );
    SiteTest::empty()
        .file("content/site.yaml", &site)
        .file("content/components.yaml", &components)
        .file("content/incidents/2026-11-25-hostile.md", &incident)
        .file("content/maintenance/2026-11-26-hostile.md", &maintenance)
        .now("2026-11-25T12:00:00Z")
}

/// Fails if an HTML fragment or page holds anything that could run or load.
fn assert_inert(html: &str, origin: &str) {
    let document = Html::parse_document(html);
    // A fragment has no policy, so any script in it fails; a page may hold only the theme's.
    crate::common::scripts_allowed_by_hash(&document, origin);
    for element in document.root_element().descendants().filter_map(ElementRef::wrap) {
        let name = element.value().name();
        assert!(!["iframe", "object", "embed", "math", "svg"].contains(&name), "{origin}: <{name}> in\n{html}");
        // Images are the theme's logo, or content's: inert (checked below), lazy, and from
        // the site or over https.
        if name == "img" {
            let src = element.value().attr("src").unwrap_or("");
            let theirs = src.contains("assets/favicon.") && src.ends_with(".svg");
            let content = src.starts_with("https://") && element.value().attr("loading") == Some("lazy");
            assert!(theirs || content, "{origin}: <img src={src}>");
        }
        for (attribute, value) in element.value().attrs() {
            assert!(!attribute.starts_with("on"), "{origin}: {attribute}= in\n{html}");
            assert!(attribute != "style", "{origin}: style= in\n{html}");
            let value = value.trim().to_ascii_lowercase();
            if ["href", "src", "action", "xlink:href", "data"].contains(&attribute) {
                assert!(
                    !value.starts_with("javascript:") && !value.starts_with("data:"),
                    "{origin}: {attribute}={value}"
                );
            }
        }
    }
}

#[test]
fn payloads_are_inert_in_every_html_page() {
    let test = hostile_site();
    let built = test.build();
    let pages: Vec<String> = built.files().into_iter().filter(|f| f.ends_with(".html")).collect();
    assert!(pages.len() >= 6, "{pages:?}");
    for page in &pages {
        assert_inert(&built.text(page), page);
    }
    // The text is still there for people to read, escaped.
    let incident = built.text("incidents/2026-11-25-hostile/index.html");
    assert!(incident.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "title shown as text");
}

#[test]
fn payloads_are_inert_in_every_feed() {
    let test = hostile_site();
    let built = test.build();
    for feed in
        ["feed.xml", "atom.xml", "components/api/feed.xml", "components/api/atom.xml", "components/web/atom.xml"]
    {
        let parsed = feed_rs::parser::parse(built.text(feed).as_bytes()).unwrap_or_else(|e| panic!("{feed}: {e}"));
        assert!(!parsed.entries.is_empty(), "{feed}");
        for entry in &parsed.entries {
            let html = entry
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()));
            assert_inert(&html.unwrap_or_default(), feed);
        }
    }
    let json = built.json("feed.json");
    for item in json["items"].as_array().unwrap() {
        assert_inert(item["content_html"].as_str().unwrap(), "feed.json");
    }
}

#[test]
fn payloads_are_inert_in_badges_and_json() {
    let test = hostile_site();
    let built = test.build();
    for badge in ["badge.svg", "components/api/badge.svg", "components/web/badge.svg"] {
        let svg = built.text(badge);
        let lower = svg.to_ascii_lowercase();
        assert!(
            !lower.contains("<script") && !lower.contains("onload=") && !lower.contains("onerror="),
            "{badge}: {svg}"
        );
    }
    // JSON carries text (Markdown source, names) that clients must escape; it must still parse
    // and hold the payload verbatim rather than half-escaped.
    for file in built.files().into_iter().filter(|f| f.ends_with(".json")) {
        let _ = built.json(&file);
    }
    let summary = built.json("api/v2/summary.json");
    let names: Vec<&str> =
        summary["components"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.contains(&PAYLOADS[11]), "{names:?}");
}
