//! Relative links in Markdown source made absolute, for Markdown read away from the site as
//! text (the plain-text part of an email). The rule of `markdown::absolutize` and
//! `markdown::resolve_images` for HTML: a link against the page the text is on, an image
//! against the site. Only destinations change; every other byte stays as written.

use super::markdown::resolve_url;
use pulldown_cmark::{Event, Parser, Tag};

/// `markdown` with each relative link destination resolved against `page` and each image's
/// against `site` (absolute URLs ending in `/`). A destination written with escapes or
/// entities, which does not appear as such in the source, is left alone.
pub(crate) fn absolutize(markdown: &str, page: &str, site: &str) -> String {
    let (Ok(page), Ok(site)) = (url::Url::parse(page), url::Url::parse(site)) else { return markdown.to_string() };
    let parser = Parser::new_ext(markdown, crate::load::updates::MARKDOWN_OPTIONS);
    // (where the destination is in the source, what replaces it)
    let mut edits: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    // The destination is the first match after the last `](` of an inline link or image, or
    // after the `]:` of a definition: never in the link's text or title.
    let mut add = |within: std::ops::Range<usize>, marker: &str, dest: &str, base: &url::Url| {
        let resolved = resolve_url(dest, base);
        if resolved == dest || dest.is_empty() {
            return;
        }
        let Some(source) = markdown.get(within.clone()) else { return };
        let after = if marker == "](" { source.rfind(marker) } else { source.find(marker) };
        if let Some(at) = after.and_then(|m| source[m..].find(dest).map(|d| m + d)) {
            let start = within.start + at;
            edits.push((start..start + dest.len(), resolved));
        }
    };
    let mut offsets = parser.into_offset_iter();
    for (event, range) in offsets.by_ref() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => add(range, "](", &dest_url, &page),
            Event::Start(Tag::Image { dest_url, .. }) => add(range, "](", &dest_url, &site),
            _ => {}
        }
    }
    // `[text][label]` names a definition written elsewhere: `[label]: dest`.
    for (_, definition) in offsets.reference_definitions().iter() {
        add(definition.span.clone(), "]:", &definition.dest, &page);
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(markdown.len() + 64 * edits.len());
    let mut done = 0;
    for (range, text) in edits {
        // A reference link's range holds no destination; overlaps cannot happen, but are skipped.
        if range.start < done {
            continue;
        }
        out.push_str(&markdown[done..range.start]);
        out.push_str(&text);
        done = range.end;
    }
    out.push_str(&markdown[done..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://status.example.com/incidents/x/";
    const SITE: &str = "https://status.example.com/";

    #[test]
    fn relative_destinations_become_absolute_and_the_rest_stays() {
        let text = "See [the runbook](../y/ \"Runbook\"), [history](/history/), [ref][r] and \
                    [mail](mailto:ops@example.com).\n\n![graph](images/g.png)\n\n[r]: #update-1\n";
        let out = absolutize(text, PAGE, SITE);
        assert_eq!(
            out,
            "See [the runbook](https://status.example.com/incidents/y/ \"Runbook\"), \
             [history](https://status.example.com/history/), [ref][r] and [mail](mailto:ops@example.com).\n\n\
             ![graph](https://status.example.com/images/g.png)\n\n[r]: https://status.example.com/incidents/x/#update-1\n"
        );
    }

    #[test]
    fn text_without_links_is_unchanged() {
        let text = "Plain words, `code (x)` and https://example.com/a.";
        assert_eq!(absolutize(text, PAGE, SITE), text);
    }
}
