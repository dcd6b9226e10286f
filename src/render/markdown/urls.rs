//! Addresses in sanitized HTML made to work away from where they were written: images resolve
//! against the site (the same image on every page, in feeds and in mail) and, for feeds, every
//! link against its page. An `http:` image from another host is asked for over `https:`: pages
//! are served over https and their policy (`img-src 'self' https:`) would block it, as browsers
//! block or upgrade such mixed content anyway.

use super::markup;
use std::borrow::Cow;
use url::Url;

/// `href` and `src` values of sanitized HTML resolved against `page`, the absolute URL of the
/// page the text comes from: a feed reader shows the text away from the site, where a
/// relative link (`../x/`, `#update-...`) would point nowhere.
pub(crate) fn absolutize(html: &str, page: &str) -> String {
    resolve_urls(html, page, |_| true, false).into_owned()
}

/// `html` with each image's relative `src` resolved against the site's address (`site`, a
/// base URL ending in `/`), so an image reads the same on every page, in feeds and in mail:
/// `![graph](images/latency.png)` is the site's `images/latency.png` wherever the update shows.
/// An `http:` image of another origin is upgraded to `https:`. Links stay relative to the page
/// they are on.
pub fn resolve_images<'h>(html: &'h str, site: &str) -> Cow<'h, str> {
    if !html.contains("<img ") {
        return html.into();
    }
    resolve_urls(html, site, |tag| tag.starts_with("<img "), true)
}

/// The relative `href` and `src` values of the tags `pick` chooses, resolved against `base`.
/// Only inside tags: in text (a code block showing `<a href="/x">`) the words stay as written.
fn resolve_urls<'h>(html: &'h str, base: &str, pick: impl Fn(&str) -> bool, upgrade: bool) -> Cow<'h, str> {
    let Ok(base) = Url::parse(base) else { return html.into() };
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        let close = markup::tag_end(&rest[open..]).map_or(rest.len(), |end| open + end);
        out.push_str(&rest[..open]);
        let tag = &rest[open..close];
        if pick(tag) {
            out.push_str(&resolve_tag(tag, &base, upgrade));
        } else {
            out.push_str(tag);
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    out.into()
}

fn resolve_tag(tag: &str, base: &Url, upgrade: bool) -> String {
    let mut out = String::with_capacity(tag.len() + 32);
    let mut rest = tag;
    while let Some(at) = [" href=\"", " src=\""].iter().filter_map(|a| rest.find(a).map(|i| i + a.len())).min() {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find('"').unwrap_or(rest.len());
        // The serializer wrote `&` as `&amp;` and `"` as `&quot;`: resolve the URL they stand
        // for, then escape it once, as an attribute value.
        let value = markup::decode(&rest[..end]);
        let resolved = resolve(&value, base, upgrade).unwrap_or(value);
        out.push_str(&resolved.replace('&', "&amp;").replace('"', "&quot;"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// `value` resolved against `base`; an absolute URL (any scheme: `https:`, `mailto:`) and one
/// that cannot be joined stay as written. The one rule for HTML and Markdown alike.
pub(crate) fn resolve_url(value: &str, base: &Url) -> String {
    resolve(value, base, false).unwrap_or_else(|| value.to_string())
}

/// `value` against `base`; None to keep it as written (an absolute URL that needs nothing).
fn resolve(value: &str, base: &Url, upgrade: bool) -> Option<String> {
    let absolute = Url::parse(value);
    let written = absolute.is_ok();
    let mut url = absolute.or_else(|_| base.join(value)).ok()?;
    if upgrade && url.scheme() == "http" && url.origin() != base.origin() {
        url.set_scheme("https").ok()?;
        return Some(url.into());
    }
    (!written).then(|| url.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::to_html;

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

    /// A `"` in an image's address was escaped by the sanitizer and again here, so the page
    /// asked for `a&quot;b.png`.
    #[test]
    fn a_quote_in_an_image_address_is_escaped_once() {
        let site = "https://status.example.com/";
        let html =
            resolve_images(&to_html("<img src='images/a\"b.png'> <img src='https://cdn.example.com/c\"d.png'>"), site)
                .into_owned();
        let document = scraper::Html::parse_fragment(&html);
        let sources: Vec<&str> = document
            .select(&scraper::Selector::parse("img").unwrap())
            .filter_map(|img| img.value().attr("src"))
            .collect();
        assert_eq!(
            sources,
            ["https://status.example.com/images/a%22b.png", "https://cdn.example.com/c\"d.png"],
            "{html}"
        );
    }

    #[test]
    fn http_images_of_other_hosts_are_asked_for_over_https() {
        let of = |html: &str, site: &str| resolve_images(&to_html(html), site).into_owned();
        let src = |html: String| {
            let document = scraper::Html::parse_fragment(&html);
            let img = document.select(&scraper::Selector::parse("img").unwrap()).next().map(|i| i.value().clone());
            img.and_then(|i| i.attr("src").map(str::to_string)).unwrap_or_default()
        };
        assert_eq!(
            src(of("![a](http://cdn.example.com/a.png)", "https://status.example.com/")),
            "https://cdn.example.com/a.png"
        );
        // The site's own images over http (a site served over http, `serve`) are its own origin.
        assert_eq!(src(of("![a](images/a.png)", "http://127.0.0.1:1111/")), "http://127.0.0.1:1111/images/a.png");
        assert_eq!(
            src(of("![a](http://127.0.0.1:1111/a.png)", "http://127.0.0.1:1111/")),
            "http://127.0.0.1:1111/a.png"
        );
        // Links are not images: they stay as written.
        assert!(of("[a](http://cdn.example.com/) ![b](c.png)", "https://s.example/")
            .contains("href=\"http://cdn.example.com/\""));
    }
}
