//! Warnings that depend on the clock: mistakes that are only visible at `now`.

use crate::diag::Diagnostic;
use crate::model::{Instant, Site};
use chrono::Duration;

/// An incident open this long was most likely forgotten, not still ongoing.
pub const STALE_AFTER_DAYS: i64 = 7;

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
    warnings
}
