//! `content/site.yaml` -> `SiteConfig`.

use super::base_url::{self, normalize_base_url, Problem};
use super::fields::FileCheck;
use crate::diag::{self, Span};
use crate::load::yaml;
use crate::load::SourceFile;
use crate::model::{Component, FeedEntries, Group, Link, Robots, SiteConfig, Upstream};
use chrono_tz::Tz;

pub(crate) const KEYS: &[&str] = &[
    "title",
    "base_url",
    "description",
    "language",
    "timezone",
    "uptime_days",
    "recent_days",
    "links",
    "theme",
    "notify",
    "feeds",
    "robots",
    "upstream",
    "subscribe",
];

/// How old a vendor's snapshot may be before the page marks it outdated and `check` warns:
/// a day, for a team that fetches from a daily job; an hourly job would set `1h` or `2h`.
pub(crate) const DEFAULT_UPSTREAM_MAX_AGE: chrono::Duration = chrono::Duration::hours(24);

/// `components` and `groups` (None when components.yaml is broken) let `notify:` and
/// `subscribe:` check the ids they name.
pub(crate) fn check(
    file: &SourceFile,
    check: &mut FileCheck<'_>,
    components: Option<&[Component]>,
    groups: Option<&[Group]>,
    upstream: &[Upstream],
) -> Option<SiteConfig> {
    if !super::fields::no_control_characters(&file.text, check) {
        return None;
    }
    let root = match yaml::parse(&file.text, 0) {
        Ok(root) => root,
        Err(error) => {
            check.error("invalid-yaml", error.span, error.message).with_label("here");
            return None;
        }
    };
    if !super::fields::no_control_characters_in_values(&root, check) {
        return None;
    }
    let fields = check.fields(&root, KEYS, "site.yaml")?;
    let title = check.required_text(&fields, "title", "site.yaml");
    let base_url = check
        .required_text(&fields, "base_url", "site.yaml")
        .and_then(|(url, span)| base_url_or_report(file, check, &url, span));
    let timezone = match check.optional_text(&fields, "timezone") {
        None => Some(Tz::UTC),
        Some((name, span)) => timezone(&name).or_else(|| {
            let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
            let help = match diag::closest(&name, names.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? use an IANA name such as `America/Sao_Paulo` or `UTC`"),
                None => "use an IANA name such as `America/Sao_Paulo`, `Europe/Berlin` or `UTC`".into(),
            };
            check
                .error("unknown-timezone", span, format!("unknown time zone `{name}`"))
                .with_label("not an IANA time zone")
                .help = Some(help);
            None
        }),
    };
    let language = match check.optional_text(&fields, "language") {
        None => Some("en".to_string()),
        // A built-in tag as the list spells it; a regional one (`de-DE`, `en-US`) kept, for
        // `<html lang>` and feeds, with its language's words (`i18n::lang`).
        Some((lang, span)) => {
            match (crate::i18n::find(&lang), crate::i18n::for_tag(&lang), crate::i18n::canonical_tag(&lang)) {
                (Some(known), _, _) => Some(known.code.to_string()),
                (None, Some(_), Some(tag)) => Some(tag),
                _ => {
                    let list = crate::i18n::codes().iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
                    let help = match crate::i18n::nearest(&lang) {
                        Some(best) => format!("did you mean `{best}`? built-in languages: {list}"),
                        None => format!("built-in languages: {list}"),
                    };
                    check
                        .error("unknown-language", span, format!("no translation for language `{lang}`"))
                        .with_label("not a built-in language")
                        .help = Some(help);
                    None
                }
            }
        }
    };
    let uptime_days = check.integer(&fields, "uptime_days", 1..=3650).unwrap_or(90);
    let recent_days = check.integer(&fields, "recent_days", 1..=3650).unwrap_or(14);
    let links = fields.get("links").map(|node| links(node, check)).unwrap_or_default();
    let theme = check.optional_text(&fields, "theme").and_then(|(name, span)| check.id(&name, span, "theme name"));
    let description = check.optional_text(&fields, "description").map(|(d, _)| d).unwrap_or_default();
    let feed_entries = fields.get("feeds").map(|node| feed_entries(node, check)).unwrap_or_default();
    let robots = check.optional_text(&fields, "robots").map_or(Robots::Index, |(text, span)| {
        Robots::parse(&text).unwrap_or_else(|| {
            check
                .error("unknown-robots", span, format!("unknown robots setting `{text}`"))
                .with_label("not `index` or `noindex`")
                .help = Some(Robots::help(&text));
            Robots::Index
        })
    });
    let upstream_max_age =
        fields.get("upstream").map_or(DEFAULT_UPSTREAM_MAX_AGE, |node| upstream_max_age(node, check));
    let notify = fields
        .get("notify")
        .map(|node| super::notify_config::check(node, check, components, upstream))
        .unwrap_or_default();
    let subscribe =
        fields.get("subscribe").map(|node| super::subscribe_config::check(node, check, groups)).unwrap_or_default();
    Some(SiteConfig {
        title: title?.0,
        base_url: base_url?,
        description,
        language: language?,
        timezone: timezone?,
        uptime_days,
        recent_days,
        links,
        theme,
        notify,
        feed_entries,
        robots,
        upstream_max_age,
        subscribe,
    })
}

/// `upstream: {max_age: 6h}`.
fn upstream_max_age(node: &yaml::Node, check: &mut FileCheck<'_>) -> chrono::Duration {
    let Some(fields) = check.fields(node, &["max_age"], "`upstream`") else { return DEFAULT_UPSTREAM_MAX_AGE };
    let Some((text, span)) = check.optional_text(&fields, "max_age") else { return DEFAULT_UPSTREAM_MAX_AGE };
    crate::clock::parse_duration(&text).unwrap_or_else(|problem| {
        check.error("invalid-duration", span, problem).with_label("how old a vendor snapshot may get").help =
            Some("e.g. `upstream: {max_age: 2h}` for a job that runs `statusforge upstream fetch` every hour".into());
        DEFAULT_UPSTREAM_MAX_AGE
    })
}

/// The normal form of `base_url`, or a diagnostic at `span` saying why it cannot be one: a
/// query or fragment is underlined from its `?` or `#`, where the address has to end.
fn base_url_or_report(file: &SourceFile, check: &mut FileCheck<'_>, url: &str, span: Span) -> Option<String> {
    let problem = match base_url::normalize(url) {
        Ok(normal) => return Some(normal),
        Err(problem) => problem,
    };
    let (span, label, help) = match problem {
        Problem::NotHttp => (
            span,
            "expected e.g. https://status.example.com/",
            "base_url is where the site is published; it may end with a path, like https://acme.github.io/status/",
        ),
        Problem::QueryOrFragment => {
            let raw = file.text.get(span.start..span.end).unwrap_or("");
            let from = raw.find(['?', '#']).map_or(span, |at| Span::new(span.start + at, span.end));
            (
                from,
                "a base URL ends at its path",
                "every page's address is base_url followed by its path; remove the part from `?` or `#`",
            )
        }
        Problem::Credentials => {
            (span, "user name or password", "publish under an address without credentials; protect it at the host")
        }
    };
    check.error("invalid-base-url", span, problem.message(url)).with_label(label).help = Some(help.into());
    None
}

/// `feeds: {entries: per_incident | per_update}`.
fn feed_entries(node: &yaml::Node, check: &mut FileCheck<'_>) -> FeedEntries {
    let Some(fields) = check.fields(node, &["entries"], "`feeds`") else { return FeedEntries::default() };
    let Some((text, span)) = check.optional_text(&fields, "entries") else { return FeedEntries::default() };
    FeedEntries::parse(&text).unwrap_or_else(|| {
        check
            .error("unknown-feed-entries", span, format!("unknown feed entries `{text}`"))
            .with_label("not a kind of feed entry")
            .help = Some(FeedEntries::help(&text));
        FeedEntries::default()
    })
}

fn timezone(name: &str) -> Option<Tz> {
    name.parse::<Tz>().ok()
}

fn links(node: &yaml::Node, check: &mut FileCheck<'_>) -> Vec<Link> {
    let Some(entries) = node.as_map() else {
        check.error("wrong-type", node.span, "`links` must be a mapping of `name: url`");
        return Vec::new();
    };
    let mut links = Vec::new();
    for (key, value) in entries {
        let (Some(name), Some(url)) = (key.as_str(), value.as_str()) else {
            check.error("wrong-type", key.span, "each link is `name: url`");
            continue;
        };
        if !is_link_url(url) {
            check.error("invalid-link", value.span, format!("link `{name}` is not an http(s) or mailto URL"));
            continue;
        }
        links.push(Link { name: name.to_string(), url: url.to_string() });
    }
    links
}

fn is_link_url(url: &str) -> bool {
    normalize_base_url(url).is_some()
        || url.strip_prefix("mailto:").is_some_and(|a| a.contains('@') && !a.contains(char::is_whitespace))
}
