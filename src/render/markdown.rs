//! Markdown to safe HTML: pulldown-cmark (tables, strikethrough, autolinks), then ammonia, so
//! no script, event handler, `javascript:` URL, iframe or style survives from content.
//!
//! Most updates are plain prose. When the parsed Markdown holds no raw HTML, no image, no
//! link with a scheme other than http(s) or mailto, and nothing that pulldown-cmark writes
//! with `style` or `class` attributes, its own output is already safe (it escapes all text
//! and attribute values), and the costly sanitizer pass is skipped.

use crate::incremental::ByAllocation;
use crate::model::Incident;
use pulldown_cmark::{html, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

/// The text a reader sees in some rendered (sanitized) HTML, on one line, cut at a word to at
/// most `max` characters (with `…`): a page's description for search results and link
/// previews. Taken from the HTML, not the Markdown, so raw HTML in an update and what the
/// sanitizer removed (a script) count as the page shows them.
pub(crate) fn summary(html: &str, max: usize) -> String {
    let mut text = String::with_capacity(html.len().min(max * 8));
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('>').map_or(rest.len(), |at| open + at + 1);
        // A block ends a word (`<p>a</p><p>b</p>` reads "a b"); inline tags (`<strong>`) do not.
        let name: String = rest[open + 1..close]
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        const BLOCKS: [&str; 20] = [
            "p",
            "div",
            "li",
            "ul",
            "ol",
            "br",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "pre",
            "table",
            "tr",
            "td",
            "th",
            "hr",
            "dd",
        ];
        if BLOCKS.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[close..];
        if text.len() > max * 8 {
            break;
        }
    }
    text.push_str(rest);
    let text = decode_entities(&text);
    let mut out = String::new();
    for word in text.split_whitespace() {
        let used = out.chars().count();
        let extra = usize::from(used > 0) + word.chars().count();
        if used + extra > max.saturating_sub(1) {
            if used == 0 {
                // One word longer than the whole description: cut it.
                out.extend(word.chars().take(max.saturating_sub(1)));
            }
            out.push('…');
            return out;
        }
        if used > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The entities the HTML serializer writes in text (`&amp;`, `&lt;`, `&gt;`, `&quot;`,
/// `&#39;`, `&nbsp;`), and numeric ones.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &tail[1..e] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            code => code
                .strip_prefix("#x")
                .map(|hex| u32::from_str_radix(hex, 16))
                .or_else(|| code.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &tail[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Headings inside an update start at level 3 in the file; in the page they sit under the
/// update's own heading, so they are kept as written.
pub fn to_html(markdown: &str) -> String {
    let options = crate::load::updates::MARKDOWN_OPTIONS;
    let events: Vec<Event<'_>> = linkify(Parser::new_ext(markdown, options)).collect();
    let plain = events.iter().all(is_inert);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
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
        // Aligned columns get `style` attributes, alerts and fenced code `class` ones.
        Event::Start(Tag::Table(alignments)) => alignments.iter().all(|a| *a == pulldown_cmark::Alignment::None),
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

/// Turns bare `http(s)://` URLs in text into links, as GitHub does (GFM "extended autolinks",
/// which pulldown-cmark leaves out). Text inside links and code stays as it is.
fn linkify<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    let mut in_link = 0usize;
    events.flat_map(move |event| {
        match &event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Text(text) if in_link == 0 && text.contains("://") => split_urls(&text),
            other => vec![other],
        }
    })
}

/// Where the first `http://` or `https://` begins: one pass over `text` (searching for each
/// scheme separately would scan the rest again for every URL, quadratic in a page of them).
fn url_start(text: &str) -> Option<usize> {
    text.match_indices("http").map(|(at, _)| at).find(|&at| {
        let after = &text[at + 4..];
        after.starts_with("://") || after.starts_with("s://")
    })
}

fn split_urls<'a>(text: &str) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    let mut rest = text;
    while let Some(start) = url_start(rest) {
        let len = rest[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"'))
            .unwrap_or(rest.len() - start);
        let url = rest[start..start + len].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '\'']);
        if url.len() <= "https://".len() {
            events.push(Event::Text(CowStr::from(rest[..start + len].to_string())));
            rest = &rest[start + len..];
            continue;
        }
        if start > 0 {
            events.push(Event::Text(CowStr::from(rest[..start].to_string())));
        }
        let url = url.to_string();
        let link = Tag::Link {
            link_type: LinkType::Autolink,
            dest_url: CowStr::from(url.clone()),
            title: CowStr::from(""),
            id: CowStr::from(""),
        };
        events.push(Event::Start(link));
        events.push(Event::Text(CowStr::from(url.clone())));
        events.push(Event::End(TagEnd::Link));
        rest = &rest[start + url.len()..];
    }
    if !rest.is_empty() {
        events.push(Event::Text(CowStr::from(rest.to_string())));
    }
    events
}

/// `href` and `src` values of sanitized HTML resolved against `page`, the absolute URL of the
/// page the text comes from: a feed reader shows the text away from the site, where a
/// relative link (`../x/`, `#update-...`) would point nowhere.
pub(crate) fn absolutize(html: &str, page: &str) -> String {
    resolve_urls(html, page, |_| true).into_owned()
}

/// `html` with each image's relative `src` resolved against the site's address (`site`, a
/// base URL ending in `/`), so an image reads the same on every page, in feeds and in mail:
/// `![graph](images/latency.png)` is the site's `images/latency.png` wherever the update shows.
/// Links stay relative to the page they are on.
pub fn resolve_images<'h>(html: &'h str, site: &str) -> Cow<'h, str> {
    if !html.contains("<img ") {
        return html.into();
    }
    resolve_urls(html, site, |tag| tag.starts_with("<img "))
}

/// The relative `href` and `src` values of the tags `pick` chooses, resolved against `base`.
/// Only inside tags: in text (a code block showing `<a href="/x">`) the words stay as written.
fn resolve_urls<'h>(html: &'h str, base: &str, pick: impl Fn(&str) -> bool) -> Cow<'h, str> {
    let Ok(base) = url::Url::parse(base) else { return html.into() };
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = rest[open..].find('>').map_or(rest.len(), |at| open + at);
        out.push_str(&rest[..open]);
        let tag = &rest[open..close];
        if pick(tag) {
            out.push_str(&resolve_tag(tag, &base));
        } else {
            out.push_str(tag);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.into()
}

/// `value` resolved against `base`; an absolute URL (any scheme: `https:`, `mailto:`) and
/// one that cannot be joined stay as written. The one rule for HTML and Markdown alike.
pub(crate) fn resolve_url(value: &str, base: &url::Url) -> String {
    match url::Url::parse(value) {
        Ok(_) => value.to_string(),
        Err(_) => base.join(value).map_or_else(|_| value.to_string(), String::from),
    }
}

fn resolve_tag(tag: &str, base: &url::Url) -> String {
    let mut out = String::with_capacity(tag.len() + 32);
    let mut rest = tag;
    while let Some(at) = [" href=\"", " src=\""].iter().filter_map(|a| rest.find(a).map(|i| i + a.len())).min() {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        // The sanitizer wrote `&` as `&amp;`: resolve the URL it stands for, then write it back.
        let resolved = resolve_url(&rest[..end].replace("&amp;", "&"), base);
        out.push_str(&resolved.replace('&', "&amp;").replace('"', "&quot;"));
        rest = &rest[end..];
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
            // Images stay, with their alt text: a screenshot of an error or a latency graph is
            // part of the story. They load lazily and send no referrer to where they live.
            .add_tag_attributes("img", ["width", "height"])
            .set_tag_attribute_value("img", "loading", "lazy")
            .set_tag_attribute_value("img", "referrerpolicy", "no-referrer");
        builder
    })
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
    fn a_summary_is_the_text_a_reader_sees_cut_at_a_word() {
        let of = |markdown: &str, max| summary(&to_html(markdown), max);
        assert_eq!(
            of("A **bold** [link](https://e.com) and `code`.\n\n- one\n- two", 200),
            "A bold link and code. one two"
        );
        assert_eq!(of("<p>We are investigating &amp; fixing.</p>", 200), "We are investigating & fixing.");
        assert_eq!(of("Before <script>document.write('x')</script> after", 200), "Before after");
        let cut = of(&"word ".repeat(100), 30);
        assert!(cut.chars().count() <= 30 && cut.ends_with("word…"), "{cut}");
        let long_word = of(&"a".repeat(5000), 30);
        assert_eq!(long_word.chars().count(), 30, "{long_word}");
        assert_eq!(of("", 10), "");
        assert_eq!(decode_entities("&#x41;&#66;&lt;&bogus;&"), "AB<&bogus;&");
    }

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

    #[test]
    fn finding_urls_reads_the_text_once() {
        // Many https URLs and no http one: the old search for `http://` read to the end each time.
        let text = "see https://a.example/x ".repeat(2000);
        assert_eq!(url_start(&text), Some(4));
        let events = split_urls(&text);
        assert_eq!(events.iter().filter(|e| matches!(e, Event::Start(Tag::Link { .. }))).count(), 2000);
        assert_eq!(url_start("no links, http:/ and httpx://"), None);
        assert_eq!(url_start("a http://b"), Some(2));
    }

    #[test]
    fn bare_urls_become_links_without_their_trailing_punctuation() {
        let html = to_html("See https://example.com/x. Or [a](https://a.example) and `https://code.example`");
        assert!(
            html.contains(
                "<a href=\"https://example.com/x\" rel=\"noopener noreferrer nofollow\">https://example.com/x</a>."
            ),
            "{html}"
        );
        assert_eq!(html.matches("<a ").count(), 2, "{html}");
        assert!(html.contains("<code>https://code.example</code>"), "{html}");
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

    #[test]
    fn images_are_kept_lazy_with_their_alt_text_and_relative_ones_resolve_against_the_site() {
        let html = to_html("![Latency graph](images/latency.png \"p99\") ![x](https://cdn.example.com/a.png?x=1&y=2)");
        let site = "https://status.example.com/status/";
        let resolved = resolve_images(&html, site);
        let document = scraper::Html::parse_fragment(&resolved);
        let images: Vec<_> = document.select(&scraper::Selector::parse("img").unwrap()).collect();
        assert_eq!(images.len(), 2, "{resolved}");
        let first = images[0].value();
        assert_eq!(first.attr("src"), Some("https://status.example.com/status/images/latency.png"));
        assert_eq!(first.attr("alt"), Some("Latency graph"));
        assert_eq!(first.attr("title"), Some("p99"));
        assert_eq!(first.attr("loading"), Some("lazy"));
        assert_eq!(images[1].value().attr("src"), Some("https://cdn.example.com/a.png?x=1&y=2"));
        // An image's handlers and script URLs go; the image stays, inert.
        let hostile = resolve_images(&to_html("<img src=x onerror=alert(1)> <img src=\"javascript:alert(2)\">"), site)
            .into_owned();
        assert!(!hostile.contains("onerror") && !hostile.contains("javascript:"), "{hostile}");
        assert!(hostile.contains("src=\"https://status.example.com/status/x\""), "{hostile}");
        // A path from the host's root resolves as a browser would; links and text stay as written.
        let rooted = resolve_images(&to_html("![a](/img/a.png)"), site).into_owned();
        assert!(rooted.contains("src=\"https://status.example.com/img/a.png\""), "{rooted}");
        assert_eq!(
            resolve_images("<p><a href=\"../x/\">x</a></p><img src=\"y.png\">", site),
            "<p><a href=\"../x/\">x</a></p><img src=\"https://status.example.com/status/y.png\">"
        );
        assert_eq!(resolve_images("<p>&lt;img src=\"x\"&gt;</p>", site), "<p>&lt;img src=\"x\"&gt;</p>");
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
