//! Authoring: the text of new incident and maintenance files in their canonical form, and
//! updates added on top of existing ones. Pure functions from values to text; the `new`,
//! `update`, `resolve` and `init` commands do the file I/O.

mod edit;
pub(crate) mod scaffold;
pub(crate) mod update;

pub(crate) use crate::model::heading_word;
use crate::model::{AffectedComponent, Impact, Instant};
pub(crate) use crate::validate::times::local_minute;
use chrono_tz::Tz;

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

/// What `statusforge new incident` writes.
pub(crate) struct NewIncident<'a> {
    pub title: &'a str,
    pub impact: Option<Impact>,
    pub components: &'a [AffectedComponent],
    pub status: crate::model::IncidentStatus,
    pub message: &'a str,
    pub at: Instant,
    pub zone: Tz,
}

pub(crate) fn incident_file(new: &NewIncident<'_>) -> String {
    let mut text = format!("---\ntitle: {}\n", yaml_string(new.title));
    if let Some(impact) = new.impact {
        text.push_str(&format!("impact: {impact}\n"));
    }
    if !new.components.is_empty() {
        text.push_str("components:\n");
        for c in new.components {
            text.push_str(&format!("  {}: {}\n", c.id, c.status));
        }
    }
    text.push_str("---\n");
    text.push_str(&update_section(&heading_word(new.status.keyword()), new.at, new.zone, new.message));
    text
}

/// What `statusforge new maintenance` writes.
pub(crate) struct NewMaintenance<'a> {
    pub title: &'a str,
    pub components: &'a [String],
    pub start: Instant,
    pub end: Instant,
    pub message: &'a str,
    pub at: Instant,
    pub zone: Tz,
}

pub(crate) fn maintenance_file(new: &NewMaintenance<'_>) -> String {
    let mut text = format!("---\ntitle: {}\n", yaml_string(new.title));
    if !new.components.is_empty() {
        text.push_str(&format!("components: [{}]\n", new.components.join(", ")));
    }
    text.push_str(&format!(
        "window:\n  start: {}\n  end: {}\n---\n",
        local_minute(new.start, new.zone),
        local_minute(new.end, new.zone)
    ));
    text.push_str(&update_section("Scheduled", new.at, new.zone, new.message));
    text
}

/// `\n## Status - time\nmessage\n`: one update, as it sits below the front matter.
pub(crate) fn update_section(status_word: &str, at: Instant, zone: Tz, message: &str) -> String {
    format!("\n## {status_word} - {}\n{}\n", local_minute(at, zone), message.trim())
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
    format!("\n## {status_word} - {}\nComponents: {}\n\n{}\n", local_minute(at, zone), line.join(", "), message.trim())
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
    fn heading_words_are_capitalised_with_spaces() {
        assert_eq!(heading_word("in_progress"), "In progress");
        assert_eq!(heading_word("resolved"), "Resolved");
    }
}
