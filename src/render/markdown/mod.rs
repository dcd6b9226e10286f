//! Markdown to safe HTML: pulldown-cmark (tables, strikethrough, autolinks), then ammonia, so
//! no script, event handler, `javascript:` URL, iframe or style survives from content.
//!
//!
//! Most updates are plain prose. When the parsed Markdown holds no raw HTML, no image, no
//! link with a scheme other than http(s) or mailto, and nothing that pulldown-cmark writes
//! with `class` attributes, its own output is already safe (it escapes all text and
//! attribute values), and the costly sanitizer pass is skipped.
//!
//! A table column's alignment (`|--:|`) is written as a class (`align-right`, styled by the
//! theme), not pulldown-cmark's `style` attribute: the sanitizer removes every `style`, and
//! the pages' policy (`style-src 'self'`) would not apply one anyway.

mod linkify;
mod markup;
mod summary;
mod urls;

use crate::incremental::ByAllocation;
use crate::model::Incident;
use pulldown_cmark::{html, Event, Parser, Tag};
use std::sync::{Arc, OnceLock};

pub(crate) use summary::summary;
pub use urls::resolve_images;
pub(crate) use urls::{absolutize, resolve_url};

/// How pulldown-cmark writes a cell's alignment, and the class the theme styles it with.
const ALIGNMENTS: [(&str, &str); 3] = [
    (" style=\"text-align: left\">", " class=\"align-left\">"),
    (" style=\"text-align: center\">", " class=\"align-center\">"),
    (" style=\"text-align: right\">", " class=\"align-right\">"),
];

/// Headings inside an update start at level 3 in the file; in the page they sit under the
/// update's own heading, so they are kept as written.
pub fn to_html(markdown: &str) -> String {
    let options = crate::load::updates::MARKDOWN_OPTIONS;
    let events: Vec<Event<'_>> = linkify::linkify(Parser::new_ext(markdown, options)).collect();
    let plain = events.iter().all(is_inert);
    let aligned = events.iter().any(|e| matches!(e, Event::Start(Tag::Table(columns)) if columns.iter().any(|a| *a != pulldown_cmark::Alignment::None)));
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    if aligned {
        // Text is escaped, so these strings are tags (of pulldown-cmark, or raw HTML that the
        // sanitizer reads next either way).
        for (style, class) in ALIGNMENTS {
            raw = raw.replace(style, class);
        }
    }
    if plain {
        add_link_rel(&raw)
    } else {
        sanitizer().clean(&raw).to_string()
    }
}

/// Whether pulldown-cmark's HTML for this event is safe as it stands.
fn is_inert(event: &Event<'_>) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => false,
        Event::Start(Tag::Image { .. }) => false,
        Event::Start(Tag::Link { dest_url, .. }) => is_safe_url(dest_url),
        // Alerts and fenced code get `class` attributes (aligned columns too, but only ours).
        Event::Start(Tag::BlockQuote(Some(_))) => false,
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(lang))) => lang.is_empty(),
        _ => true,
    }
}

/// http(s), mailto, or a relative URL (no scheme before the first `/`, `?` or `#`).
fn is_safe_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    if ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s)) {
        return true;
    }
    let end = lower.find(['/', '?', '#']).unwrap_or(lower.len());
    !lower[..end].contains(':') && !lower.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Gives links the same `rel` the sanitizer adds. Text and attribute values are escaped by
/// pulldown-cmark, so `<a href="` and the tag's closing `>` can only be its own markup.
fn add_link_rel(html: &str) -> String {
    const OPEN: &str = "<a href=\"";
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        let Some(close) = rest[at..].find('>') else { break };
        out.push_str(&rest[..at + close]);
        out.push_str(" rel=\"noopener noreferrer nofollow\">");
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Plain text of some Markdown, for feeds' summaries and the API's `body`-less contexts.
pub fn to_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, TagEnd};
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => text.push('\n'),
            _ => {}
        }
    }
    text.trim().to_string()
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    // Built once: ammonia's builder is immutable after setup and shared by all threads.
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer nofollow"))
            .add_tag_attributes("td", ["align"])
            .add_tag_attributes("th", ["align"])
            .add_allowed_classes("td", ALIGNMENTS.map(|(_, class)| class_name(class)))
            .add_allowed_classes("th", ALIGNMENTS.map(|(_, class)| class_name(class)))
            // Images stay, with their alt text: a screenshot of an error or a latency graph is
            // part of the story. They load lazily and send no referrer to where they live.
            .add_tag_attributes("img", ["width", "height"])
            .set_tag_attribute_value("img", "loading", "lazy")
            .set_tag_attribute_value("img", "referrerpolicy", "no-referrer");
        builder
    })
}

/// ` class="align-left">` -> `align-left`.
fn class_name(attribute: &'static str) -> &'static str {
    attribute.split('"').nth(1).unwrap_or("")
}

/// Sanitized HTML kept between `serve` rebuilds: by Markdown source, and each unchanged
/// incident's whole list by its allocation, so its bodies are not even looked up.
#[derive(Debug, Default)]
pub(crate) struct Cache {
    /// The site address images were resolved against: another one empties the memo.
    pub site: String,
    pub bodies: foldhash::HashMap<String, Arc<str>>,
    pub incidents: ByAllocation<Incident, Arc<[Arc<str>]>>,
}

/// Adds the bodies not yet in `cache`; when it holds far more than the site uses (bodies
/// edited away), it is rebuilt from this site's alone.
pub(crate) fn remember<'a>(cache: &mut Cache, bodies: impl Iterator<Item = (&'a String, &'a Arc<str>)> + Clone) {
    if cache.bodies.len() > 2 * bodies.clone().count() + 64 {
        cache.bodies.clear();
    }
    for (body, html) in bodies {
        if !cache.bodies.contains_key(body) {
            cache.bodies.insert(body.clone(), html.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_features_render() {
        let html = to_html("**bold** ~~gone~~ https://example.com\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("<del>gone</del>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
    }

    #[test]
    fn active_content_does_not_survive() {
        for payload in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "<svg onload=alert(1)></svg>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"&#106;avascript:alert(1)\">x</a>",
        ] {
            let html = to_html(payload).to_ascii_lowercase();
            for bad in ["<script", "onerror", "onload", "javascript:", "<iframe", "style=", "<svg", "data:"] {
                assert!(!html.contains(bad), "{payload} -> {html}");
            }
        }
    }

    /// `|:--|:-:|--:|` survives as a class on each cell, with or without the sanitizer.
    #[test]
    fn table_columns_keep_their_alignment() {
        let table = "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n";
        for markdown in [table.to_string(), format!("{table}\n<b>raw</b>")] {
            let html = to_html(&markdown);
            let document = scraper::Html::parse_fragment(&html);
            let classes: Vec<Option<&str>> = document
                .select(&scraper::Selector::parse("td").unwrap())
                .map(|cell| cell.value().attr("class"))
                .collect();
            assert_eq!(classes, [Some("align-left"), Some("align-center"), Some("align-right"), None], "{html}");
            assert!(!html.contains("style"), "{html}");
        }
        let sanitized = sanitizer()
            .clean("<table><tr><td class=\"align-right evil\" style=\"color:red\">x</td></tr></table>")
            .to_string();
        assert!(sanitized.contains("<td class=\"align-right\">x</td>"), "{sanitized}");
    }

    #[test]
    fn plain_markdown_skips_the_sanitizer_and_matches_it() {
        let markdown = "Delays of **20 min** on `POST /v1`.\n\n- [status](https://example.com/a?b=1&c=\"d\")\n- [relative](../x)\n\n> quoted\n";
        let fast = to_html(markdown);
        let slow = sanitizer()
            .clean(&{
                let mut raw = String::new();
                html::push_html(&mut raw, Parser::new(markdown));
                raw
            })
            .to_string();
        assert_eq!(fast, slow);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
        #[test]
        fn no_markdown_produces_active_content(text in "([a-z <>\"'&:/\\[\\]()*`#>=!-]|javascript:|onerror=|<script>|<img |\\n){0,40}") {
            let html = to_html(&text);
            let document = scraper::Html::parse_fragment(&html);
            for element in document.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
                let name = element.value().name();
                proptest::prop_assert!(!["script", "iframe", "style", "object"].contains(&name), "{}", html);
                if name == "img" {
                    proptest::prop_assert_eq!(element.value().attr("loading"), Some("lazy"), "{}", html);
                }
                for (attribute, value) in element.value().attrs() {
                    proptest::prop_assert!(!attribute.starts_with("on") && attribute != "style", "{}", html);
                    let value = value.trim().to_ascii_lowercase();
                    proptest::prop_assert!(!value.starts_with("javascript:") && !value.starts_with("data:"), "{}", html);
                }
            }
        }
    }

    #[test]
    fn text_drops_markup() {
        assert_eq!(to_text("Hello **world**\n\n- one\n- `two`"), "Hello world\none\ntwo");
    }
}
