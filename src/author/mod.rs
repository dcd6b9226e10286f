//! Authoring: the text of new incident and maintenance files in their canonical form, and
//! updates added on top of existing ones. Pure functions from values to text; the `new`,
//! `update`, `resolve` and `init` commands do the file I/O.

mod edit;
pub(crate) mod scaffold;
pub(crate) mod update;

pub(crate) use crate::model::heading_word;
use crate::model::{AffectedComponent, Impact, Instant};
use crate::validate::fields::slugify;
pub(crate) use crate::validate::times::{local_minute, local_time, to_the_minute};
use chrono_tz::Tz;

/// `2026-11-20-sms-delays-through-carrier-x`: the day `at` falls on in the site's zone and the
/// title made an id, the file stem `new` and `import` give an incident or maintenance.
pub(crate) fn dated_slug(at: Instant, zone: Tz, title: &str) -> String {
    format!("{}-{}", at.with_timezone(&zone).format("%Y-%m-%d"), slugify(title))
}

/// `stem`, else `stem-2`, `stem-3`... : the first that `taken` does not claim.
pub(crate) fn free_stem(stem: &str, taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(|n| if n == 1 { stem.to_string() } else { format!("{stem}-{n}") })
        .find(|candidate| !taken(candidate))
        .unwrap_or_else(|| stem.to_string())
}

/// A YAML scalar for any text: plain when that is unambiguous, double-quoted otherwise.
pub(crate) fn yaml_string(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && text.chars().next().is_some_and(|c| c.is_alphanumeric() || c == '(')
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| {
            c.is_control()
                || matches!(c, '"' | '\'' | '{' | '}' | '[' | ']' | ',' | '&' | '*' | '!' | '|' | '>' | '%' | '@' | '`')
        })
        && !matches!(text.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~");
    if plain {
        return text.to_string();
    }
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// The front matter of an incident: `new` writes it above one update, `import` above many.
pub(crate) struct IncidentHead<'a> {
    pub title: &'a str,
    pub impact: Option<Impact>,
    /// When impact began, if before the first update.
    pub started: Option<Instant>,
    pub components: &'a [AffectedComponent],
    pub zone: Tz,
}

pub(crate) fn incident_head(head: &IncidentHead<'_>) -> String {
    let mut text = format!("---\ntitle: {}\n", yaml_string(head.title));
    if let Some(impact) = head.impact {
        text.push_str(&format!("impact: {impact}\n"));
    }
    if let Some(started) = head.started {
        text.push_str(&format!("started: {}\n", local_time(started, head.zone)));
    }
    if !head.components.is_empty() {
        text.push_str("components:\n");
        for c in head.components {
            text.push_str(&format!("  {}: {}\n", c.id, c.status));
        }
    }
    text.push_str("---\n");
    text
}

/// What `statusforge new incident` writes.
pub(crate) struct NewIncident<'a> {
    pub title: &'a str,
    pub impact: Option<Impact>,
    pub components: &'a [AffectedComponent],
    pub status: crate::model::IncidentStatus,
    pub message: &'a str,
    /// Written to the minute.
    pub at: Instant,
    pub zone: Tz,
}

pub(crate) fn incident_file(new: &NewIncident<'_>) -> String {
    let head = IncidentHead {
        title: new.title,
        impact: new.impact,
        started: None,
        components: new.components,
        zone: new.zone,
    };
    let word = heading_word(new.status.keyword());
    incident_head(&head) + &update_section(&word, to_the_minute(new.at), new.zone, new.message)
}

/// The front matter of a maintenance window: its components and when it runs.
pub(crate) struct MaintenanceHead<'a> {
    pub title: &'a str,
    pub components: &'a [String],
    pub start: Instant,
    pub end: Instant,
    pub zone: Tz,
}

pub(crate) fn maintenance_head(head: &MaintenanceHead<'_>) -> String {
    let mut text = format!("---\ntitle: {}\n", yaml_string(head.title));
    if !head.components.is_empty() {
        text.push_str(&format!("components: [{}]\n", head.components.join(", ")));
    }
    text.push_str(&format!(
        "window:\n  start: {}\n  end: {}\n---\n",
        local_time(head.start, head.zone),
        local_time(head.end, head.zone)
    ));
    text
}

/// What `statusforge new maintenance` writes.
pub(crate) struct NewMaintenance<'a> {
    pub title: &'a str,
    pub components: &'a [String],
    pub start: Instant,
    pub end: Instant,
    pub message: &'a str,
    /// Written to the minute.
    pub at: Instant,
    pub zone: Tz,
}

pub(crate) fn maintenance_file(new: &NewMaintenance<'_>) -> String {
    let head = MaintenanceHead {
        title: new.title,
        components: new.components,
        start: new.start,
        end: new.end,
        zone: new.zone,
    };
    maintenance_head(&head) + &update_section("Scheduled", to_the_minute(new.at), new.zone, new.message)
}

/// `\n## Status - time\nmessage\n`: one update, as it sits below the front matter.
pub(crate) fn update_section(status_word: &str, at: Instant, zone: Tz, message: &str) -> String {
    format!("\n## {status_word} - {}\n{}\n", local_time(at, zone), message.trim())
}

/// `update_section` opening with a `Components: id=status, ...` line: the statuses change from
/// this update on, and the front matter keeps the statuses the incident started with.
pub(crate) fn update_section_with_components(
    status_word: &str,
    at: Instant,
    zone: Tz,
    message: &str,
    components: &[(&str, &str)],
) -> String {
    if components.is_empty() {
        return update_section(status_word, at, zone, message);
    }
    let line: Vec<String> = components.iter().map(|(id, status)| format!("{id}={status}")).collect();
    format!("\n## {status_word} - {}\nComponents: {}\n\n{}\n", local_time(at, zone), line.join(", "), message.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_strings_are_quoted_only_when_needed() {
        assert_eq!(yaml_string("SMS delays through Carrier X"), "SMS delays through Carrier X");
        assert_eq!(yaml_string("Delays: carrier"), "\"Delays: carrier\"");
        assert_eq!(yaml_string("\"quoted\" \\ path"), "\"\\\"quoted\\\" \\\\ path\"");
        assert_eq!(yaml_string("yes"), "\"yes\"");
        assert_eq!(yaml_string("- list"), "\"- list\"");
        assert_eq!(yaml_string("Atraso na operadora São João"), "Atraso na operadora São João");
    }

    #[test]
    fn times_keep_their_seconds_and_say_which_of_a_repeated_hour() {
        let t = |text: &str| chrono::DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&chrono::Utc);
        let berlin = chrono_tz::Europe::Berlin;
        assert_eq!(local_time(t("2026-11-20T13:02:00Z"), berlin), "2026-11-20 14:02");
        assert_eq!(local_time(t("2026-11-20T13:02:30.250Z"), berlin), "2026-11-20 14:02:30");
        assert_eq!(local_minute(t("2026-11-20T13:02:30Z"), berlin), "2026-11-20 14:02");
        // Berlin shows 02:30 twice on 2026-10-25: at +02:00, then at +01:00.
        assert_eq!(local_time(t("2026-10-25T00:30:00Z"), berlin), "2026-10-25 02:30 +02:00");
        assert_eq!(local_time(t("2026-10-25T01:30:00Z"), berlin), "2026-10-25 02:30 +01:00");
        for text in ["2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-11-20T13:02:30Z"] {
            let written = local_time(t(text), berlin);
            assert_eq!(crate::validate::times::parse_instant(&written, berlin), Ok(t(text)), "{written}");
        }
    }

    #[test]
    fn a_taken_stem_gets_the_first_free_number() {
        let taken = ["a", "a-2"];
        assert_eq!(free_stem("a", |c| taken.contains(&c)), "a-3");
        assert_eq!(free_stem("b", |c| taken.contains(&c)), "b");
    }

    #[test]
    fn heading_words_are_capitalised_with_spaces() {
        assert_eq!(heading_word("in_progress"), "In progress");
        assert_eq!(heading_word("resolved"), "Resolved");
    }
}
