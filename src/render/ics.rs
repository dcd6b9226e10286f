//! `maintenance.ics`: an iCalendar (RFC 5545) of the published maintenance windows, written by
//! hand because the format is small and its byte rules (CRLF, folding, escaping) must be exact.
//! Every date comes from the data, never the wall clock, so the same input gives the same bytes.

use super::input::Input;
use super::{feeds, markdown};
use crate::compute::{MaintenancePhase, MaintenanceState};
use crate::contract::{ids, time, urls};
use crate::i18n::{self, Lang};
use crate::output::{OutputFile, RelPath};

/// RFC 5545 §3.1: "Lines of text SHOULD NOT be longer than 75 octets, excluding the line break."
const MAX_OCTETS: usize = 75;

pub(crate) fn render(input: &Input<'_>) -> Vec<OutputFile> {
    let mut lines = Calendar::default();
    let title = input.snapshot.config.title.as_str();
    let lang = i18n::lang(&input.snapshot.config.language);
    lines.raw("BEGIN", "VCALENDAR");
    lines.raw("VERSION", "2.0");
    lines.raw("PRODID", "-//statusforge//statusforge//EN");
    lines.raw("CALSCALE", "GREGORIAN");
    lines.raw("METHOD", "PUBLISH");
    lines.text("X-WR-CALNAME", &lang.fill("ics.name", &[("site", title)]));
    lines.text("X-WR-CALDESC", &lang.fill("ics.description", &[("site", title)]));
    for state in &input.snapshot.maintenances {
        event(&mut lines, input, lang, state);
    }
    lines.raw("END", "VCALENDAR");
    match RelPath::new("maintenance.ics") {
        Ok(path) => vec![OutputFile::new(path, lines.out)],
        Err(_) => Vec::new(),
    }
}

fn event(lines: &mut Calendar, input: &Input<'_>, lang: &'static Lang, state: &MaintenanceState) {
    let m = &state.maintenance;
    let (host, _) = feeds::host_and_path(&input.base_url);
    let updated = time::ical(state.updated_at());
    lines.raw("BEGIN", "VEVENT");
    // §3.8.4.7: a globally unique UID that stays the same for the life of the event; it is
    // the same id the status API gives this window.
    lines.raw("UID", &format!("{}@{host}", ids::stable("maintenance", &m.slug)));
    // §3.8.7.2: with METHOD, DTSTAMP is when the information was last revised: the latest
    // update, so rebuilding without a new update changes nothing.
    lines.raw("DTSTAMP", &updated);
    lines.raw("DTSTART", &time::ical(m.window.start));
    lines.raw("DTEND", &time::ical(m.window.end));
    lines.text("SUMMARY", &m.title);
    lines.text("DESCRIPTION", &description(input, lang, state));
    lines.raw("URL", &input.absolute(&urls::maintenance(&m.slug)));
    // §3.8.7.4: SEQUENCE grows with each revision the organizer sends; each update is one.
    lines.raw("SEQUENCE", &m.updates.len().saturating_sub(1).to_string());
    lines.raw("CREATED", &time::ical(state.created_at()));
    lines.raw("LAST-MODIFIED", &updated);
    let status = if state.phase == MaintenancePhase::Cancelled { "CANCELLED" } else { "CONFIRMED" };
    lines.raw("STATUS", status);
    lines.raw("TRANSP", "OPAQUE");
    lines.raw("END", "VEVENT");
}

/// The latest update in plain text, then the affected components.
fn description(input: &Input<'_>, lang: &'static Lang, state: &MaintenanceState) -> String {
    let latest = state.maintenance.updates.first().map(|u| markdown::to_text(&u.body)).unwrap_or_default();
    let names: Vec<String> = state
        .maintenance
        .components
        .iter()
        .map(|id| input.snapshot.component(id).map_or_else(|| id.clone(), |c| c.component.name.clone()))
        .collect();
    if names.is_empty() {
        latest
    } else {
        let affected = lang.fill("ics.affected", &[("components", &names.join(lang.comma()))]);
        format!("{latest}\n\n{affected}")
    }
}

/// Content lines, each folded and ended with CRLF as they are added.
#[derive(Default)]
struct Calendar {
    out: Vec<u8>,
}

impl Calendar {
    /// A property whose value needs no escaping (keywords, dates, integers, URIs).
    fn raw(&mut self, name: &str, value: &str) {
        self.out.extend_from_slice(fold(&format!("{name}:{value}")).as_bytes());
    }

    /// A TEXT property (§3.3.11), escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.raw(name, &escape_text(value));
    }
}

/// §3.3.11: backslash, semicolon and comma are escaped with a backslash, and a line break is
/// written `\n`. CR is dropped so CRLF in the source reads as one break.
fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// §3.1: a content line longer than 75 octets is split with CRLF and one space; the space
/// counts toward the next line's 75. Splits fall between characters, never inside a UTF-8
/// sequence (a parser may otherwise see invalid UTF-8 in one line).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_backslash_semicolon_comma_and_newline() {
        assert_eq!(escape_text("a\\b;c,d\r\ne"), "a\\\\b\\;c\\,d\\ne");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:short"), "SUMMARY:short\r\n");
        let exact = format!("SUMMARY:{}", "x".repeat(75 - 8));
        assert_eq!(fold(&exact), format!("{exact}\r\n"));
    }

    #[test]
    fn long_lines_fold_at_75_octets_on_character_boundaries() {
        let value = "São João 📉 ".repeat(20);
        let folded = fold(&format!("SUMMARY:{value}"));
        assert!(folded.ends_with("\r\n"));
        let lines: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(lines.len() > 3, "{folded}");
        for (i, line) in lines.iter().enumerate() {
            assert!(line.len() <= MAX_OCTETS, "line {i} has {} octets", line.len());
            assert_eq!(i > 0, line.starts_with(' '), "line {i}: {line}");
        }
        let unfolded: String = lines.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
        assert_eq!(unfolded, format!("SUMMARY:{value}"));
    }
}
