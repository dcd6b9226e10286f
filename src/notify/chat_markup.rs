//! An update's Markdown in the markup of chat services that do not read Markdown: Slack's
//! mrkdwn and Google Chat's text formatting share it (`*bold*`, `_italic_`, `~strike~`,
//! `` `code` ``, `<url|label>`). Sent as Markdown, `**HTTP 500**` and `[runbook](https://..)`
//! showed as written. The text between the markers is escaped by the service's own rule.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// `markdown` in Slack/Google Chat markup, with every piece of the author's text passed
/// through `escape` (Slack: `&<>`; Google Chat: a `<` that could open a link or mention).
pub(super) fn from_markdown(markdown: &str, escape: impl Fn(&str) -> String) -> String {
    let mut out = String::with_capacity(markdown.len());
    // The address of each link being written, for its `<url|label>` form.
    let mut links: Vec<(String, usize)> = Vec::new();
    for event in Parser::new_ext(markdown, crate::load::updates::MARKDOWN_OPTIONS) {
        match event {
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => out.push('*'),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => out.push('_'),
            Event::Start(Tag::Strikethrough) | Event::End(TagEnd::Strikethrough) => out.push('~'),
            Event::Start(Tag::Link { dest_url, .. }) => links.push((dest_url.to_string(), out.len())),
            Event::End(TagEnd::Link) => {
                if let Some((url, at)) = links.pop() {
                    let label = out.split_off(at);
                    let safe = url.starts_with("https://") || url.starts_with("http://") || url.starts_with("mailto:");
                    if safe && !url.contains(['|', '>', '<', ' ']) {
                        out.push_str(&format!("<{url}|{label}>"));
                    } else {
                        out.push_str(&label);
                    }
                }
            }
            Event::Start(Tag::Item) => out.push_str("• "),
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => out.push('\n'),
            // Raw HTML is the author's text here, shown as written (and made inert).
            Event::Text(text) | Event::InlineHtml(text) | Event::Html(text) => out.push_str(&escape(&text)),
            Event::Code(code) => out.push_str(&format!("`{}`", escape(&code))),
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            // Images and the rest: their text alone (an image's alt), or nothing.
            _ => {}
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slack(markdown: &str) -> String {
        from_markdown(markdown, |t| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))
    }

    #[test]
    fn emphasis_links_and_code_take_the_chat_markup() {
        assert_eq!(
            slack("Requests fail with **HTTP 500** and _some_ `5xx`. See [runbook](https://status.example.com/h/)."),
            "Requests fail with *HTTP 500* and _some_ `5xx`. See <https://status.example.com/h/|runbook>."
        );
        assert_eq!(slack("- one\n- two"), "• one\n• two");
        assert_eq!(slack("a\nb"), "a\nb");
    }

    #[test]
    fn the_authors_text_is_escaped_and_odd_links_stay_text() {
        assert_eq!(slack("<b> & <!channel>"), "&lt;b&gt; &amp; &lt;!channel&gt;");
        assert_eq!(slack("[x](javascript:alert(1))"), "x");
        assert_eq!(slack("[x](https://e.com/a|b)"), "x");
    }
}
