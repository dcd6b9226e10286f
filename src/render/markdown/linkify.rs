//! Bare `http(s)://` URLs in text become links, as GitHub does (GFM "extended autolinks",
//! which pulldown-cmark leaves out). Text that is code (a code block, inline code, raw `<code>`
//! or `<pre>`) shows what was written, so it is never made a link; nor is text already inside
//! a link, which would nest one link in another.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Raw inline HTML elements whose text must stay as written.
const KEEP_TEXT: [&str; 5] = ["a", "code", "pre", "kbd", "samp"];

/// The events with each bare URL in plain text turned into a link.
pub(super) fn linkify<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // How many links, code blocks and raw `<a>`/`<code>`/... elements are open here.
    let mut inside = 0usize;
    events.flat_map(move |event| {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::CodeBlock(_)) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::CodeBlock) => inside = inside.saturating_sub(1),
            Event::InlineHtml(html) => match raw_tag(html) {
                Some(true) => inside += 1,
                Some(false) => inside = inside.saturating_sub(1),
                None => {}
            },
            _ => {}
        }
        match event {
            Event::Text(text) if inside == 0 && text.contains("://") => split_urls(&text),
            other => vec![other],
        }
    })
}

/// Whether raw inline HTML opens (`<code>`, `<a href=…>`) or closes (`</code>`) one of the
/// elements whose text stays as written; None for anything else.
fn raw_tag(html: &str) -> Option<bool> {
    let tag = html.trim().strip_prefix('<')?;
    let (closing, tag) = match tag.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, tag),
    };
    let name: String = tag.chars().take_while(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    let self_closing = tag.trim_end().ends_with("/>");
    (KEEP_TEXT.contains(&name.as_str()) && !self_closing).then_some(!closing)
}

/// Where the first `http://` or `https://` begins: one pass over `text` (searching for each
/// scheme separately would scan the rest again for every URL, quadratic in a page of them).
pub(super) fn url_start(text: &str) -> Option<usize> {
    text.match_indices("http").map(|(at, _)| at).find(|&at| {
        let after = &text[at + 4..];
        after.starts_with("://") || after.starts_with("s://")
    })
}

pub(super) fn split_urls<'a>(text: &str) -> Vec<Event<'a>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::to_html;

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

    /// Code shows what was written: a URL in a code block, indented code, or raw `<code>`,
    /// `<pre>` or `<a>` stays text, while one after them is linked again.
    #[test]
    fn urls_in_code_stay_text() {
        for (markdown, code) in [
            (
                "```\ncurl https://api.example.com/v1\n```\n",
                "<pre><code>curl https://api.example.com/v1\n</code></pre>",
            ),
            ("    curl https://api.example.com/v1\n", "<pre><code>curl https://api.example.com/v1\n</code></pre>"),
            ("Run <code>curl https://api.example.com/v1</code> now", "<code>curl https://api.example.com/v1</code>"),
            ("See <a href=\"https://a.example/\">https://a.example/</a>", "https://a.example/</a>"),
        ] {
            let html = to_html(&format!("{markdown}\n\nThen https://after.example/"));
            let document = scraper::Html::parse_fragment(&html);
            let links: Vec<&str> = document
                .select(&scraper::Selector::parse("a").unwrap())
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert!(html.contains(code), "{markdown}: {html}");
            assert!(!links.contains(&"https://api.example.com/v1"), "{markdown}: {html}");
            assert_eq!(links.last(), Some(&"https://after.example/"), "{markdown}: {html}");
        }
    }
}
