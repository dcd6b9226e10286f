//! Warnings that depend on the clock: mistakes that are only visible at `now`.

use crate::diag::Diagnostic;
use crate::model::{Instant, Site};
use chrono::Duration;

/// An incident open this long was most likely forgotten, not still ongoing.
pub(super) const STALE_AFTER_DAYS: i64 = 7;

/// Warnings that depend on the clock: incidents left open for long, maintenance past its window but not completed.
pub fn warnings(site: &Site, now: Instant) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for incident in &site.incidents {
        let published: Vec<_> = incident.updates.iter().filter(|u| u.at <= now).collect();
        let Some(latest) = published.first() else { continue };
        let opened = incident.started.unwrap_or(published.last().map(|u| u.at).unwrap_or(latest.at));
        if !latest.status.is_closed() && now - opened > Duration::days(STALE_AFTER_DAYS) {
            warnings.push(
                Diagnostic::warning(
                    "stale-incident",
                    &incident.source,
                    format!("incident `{}` has been open for {} days", incident.slug, (now - opened).num_days()),
                )
                .help(format!("if it is over, run `statusforge resolve {}`", incident.slug)),
            );
        }
    }
    for maintenance in &site.maintenances {
        let published = maintenance.updates.iter().find(|u| u.at <= now);
        if let Some(latest) = published {
            use crate::model::MaintenanceStatus::*;
            if matches!(latest.status, Scheduled | InProgress | Verifying)
                && now > maintenance.window.end + Duration::days(1)
            {
                warnings.push(
                    Diagnostic::warning(
                        "maintenance-not-closed",
                        &maintenance.source,
                        format!(
                            "maintenance `{}` ended over a day ago but was never marked completed",
                            maintenance.slug
                        ),
                    )
                    .help("add a `## Completed - <time>` update; the page already shows it as completed"),
                );
            }
        }
    }
    warnings.extend(upstream_warnings(site, now));
    warnings
}

/// A third-party component never fetched, or whose snapshot is older than `upstream: {max_age}`.
fn upstream_warnings(site: &Site, now: Instant) -> impl Iterator<Item = Diagnostic> + '_ {
    let max_age = site.config.upstream_max_age;
    site.upstream.iter().filter_map(move |u| match &u.snapshot {
        None => Some(
            Diagnostic::warning(
                "upstream-not-fetched",
                std::path::Path::new(crate::load::COMPONENTS_FILE),
                format!("third-party component `{}` has no snapshot; the page shows its status as unknown", u.id),
            )
            .at(crate::diag::Span::new(u.declared_at.start, u.declared_at.end))
            .label("never fetched")
            .help("run `statusforge upstream fetch` and commit content/upstream/"),
        ),
        Some(snapshot) if now - snapshot.fetched_at >= max_age => Some(
            Diagnostic::warning(
                "upstream-outdated",
                &snapshot.file,
                format!(
                    "the snapshot of `{}` was fetched {} ago, longer than `upstream: {{max_age}}` ({}); the page marks it outdated",
                    u.id,
                    age(now - snapshot.fetched_at),
                    age(max_age)
                ),
            )
            .help("run `statusforge upstream fetch` (a scheduled job can, before each build)"),
        ),
        Some(_) => None,
    })
}

/// `2 h 38 min`, `3 d 4 h`: an age in the words `check` writes in (English).
fn age(age: Duration) -> String {
    crate::i18n::lang("en").duration(age.num_seconds())
}

/// The slugs of the sample incident and window `statusforge init` writes.
pub(super) const SAMPLE_INCIDENT: &str = "example-api-errors";
pub(super) const SAMPLE_MAINTENANCE: &str = "example-database-upgrade";

/// Warnings for a site about to be published: leftovers of `init` that readers would see.
pub fn publishing_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    if is_placeholder_url(&site.config.base_url) {
        warnings.push(
            Diagnostic::warning(
                "placeholder-base-url",
                std::path::Path::new(crate::load::SITE_FILE),
                format!("`base_url` is still the placeholder {}", site.config.base_url),
            )
            .help("feeds, the API's shortlinks and every notification link point there: set the URL the site is published at"),
        );
    }
    for incident in site.incidents.iter().filter(|i| i.slug == SAMPLE_INCIDENT) {
        warnings.push(
            Diagnostic::warning(
                "sample-incident",
                &incident.source,
                "the sample incident written by `statusforge init` is still in the site",
            )
            .help("delete it before publishing, or readers will see an incident that never happened"),
        );
    }
    for maintenance in site.maintenances.iter().filter(|m| m.slug == SAMPLE_MAINTENANCE) {
        warnings.push(
            Diagnostic::warning(
                "sample-maintenance",
                &maintenance.source,
                "the sample maintenance window written by `statusforge init` is still in the site",
            )
            .help("delete it before publishing, or readers will plan around a window that will not happen"),
        );
    }
    warnings
}

/// Hosts reserved for examples (RFC 2606) and local ones.
fn is_placeholder_url(base_url: &str) -> bool {
    let rest = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let host = rest.split(['/', ':']).next().unwrap_or("").to_ascii_lowercase();
    let reserved = ["example.com", "example.net", "example.org", "example", "test", "invalid", "localhost"];
    reserved.iter().any(|r| host == *r || host.ends_with(&format!(".{r}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_hosts_are_placeholders() {
        assert!(is_placeholder_url("https://status.example.com/"));
        assert!(is_placeholder_url("http://localhost:8080/"));
        assert!(!is_placeholder_url("https://status.acme.io/"));
        assert!(!is_placeholder_url("https://example.company.com/"));
    }
}
