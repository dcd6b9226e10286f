//! Markdown to safe HTML: pulldown-cmark (tables, strikethrough, autolinks), then ammonia, so
//! no script, event handler, `javascript:` URL, iframe or style survives from content.

use pulldown_cmark::{html, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::sync::OnceLock;

/// Headings inside an update start at level 3 in the file; in the page they sit under the
/// update's own heading, so they are kept as written.
pub fn to_html(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, linkify(Parser::new_ext(markdown, options)));
    sanitizer().clean(&raw).to_string()
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

fn split_urls<'a>(text: &str) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("https://").into_iter().chain(rest.find("http://")).min() {
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
            .rm_tags(["img"]);
        builder
    })
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
    fn text_drops_markup() {
        assert_eq!(to_text("Hello **world**\n\n- one\n- `two`"), "Hello world\none\ntwo");
    }
}
