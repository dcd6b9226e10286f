//! `content/site.yaml` from the API's page object: its name, address and time zone.

use super::api::Page;
use super::updates::one_line;
use crate::author::yaml_string;
use chrono_tz::Tz;

/// The page's time zone; UTC (with a warning) when it names none statusforge knows.
pub(crate) fn zone(page: &Page, warnings: &mut Vec<String>) -> Tz {
    match page.time_zone.parse::<Tz>() {
        Ok(zone) => zone,
        Err(_) => {
            warnings.push(format!(
                "the page's time zone {:?} is not an IANA name statusforge knows; the site uses UTC",
                page.time_zone
            ));
            Tz::UTC
        }
    }
}

/// The text of site.yaml. `api` is the API's address: its page stands in for a missing `url`.
pub(crate) fn yaml(page: &Page, api: &str, zone: Tz, warnings: &mut Vec<String>) -> String {
    let title = one_line(&page.name, "Status");
    if page.name.trim().is_empty() {
        warnings.push("the page has no name; the site's title is `Status`".into());
    }
    let normalize = crate::validate::base_url::normalize_base_url;
    let fallback = api.trim_end_matches("/api/v2").to_string();
    let base_url = normalize(&page.url).unwrap_or_else(|| {
        warnings.push(format!(
            "the page's url {:?} is not an http(s) address; base_url is {fallback}/: set it to where the site \
             will be published",
            page.url
        ));
        normalize(&fallback).unwrap_or(fallback + "/")
    });
    format!(
        "# Site settings, imported from {api}; every key is described in statusforge's README.\n\
         title: {}\nbase_url: {}\ntimezone: {}\n",
        yaml_string(&title),
        yaml_string(&base_url),
        zone.name()
    )
}
