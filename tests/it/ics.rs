//! `maintenance.ics` read back the way a calendar reads it: a small RFC 5545 parser here
//! (unfold, split name and value, unescape TEXT) over sites built by the real binary.

use crate::common::{Built, SiteTest};
use std::collections::BTreeMap;

const NOW: &str = "2026-11-25T12:00:00Z";
const LONG_TITLE: &str = "Migração do núcleo; rotas, filas \\ e gateways 📉 da operadora São João em várias etapas";

/// One component (VCALENDAR or VEVENT): property name -> values, in file order.
type Properties = BTreeMap<String, Vec<String>>;

struct Calendar {
    calendar: Properties,
    events: Vec<Properties>,
}

fn fixture() -> SiteTest {
    SiteTest::fixture("feeds-basic").now(NOW).file(
        "content/maintenance/2026-12-05-core-migration.md",
        &format!(
            "---\ntitle: {LONG_TITLE}\ncomponents: [api, web]\nwindow:\n  start: 2026-12-05 23:00\n  end: 2026-12-06 01:00\n---\n\n## Scheduled - 2026-11-23 08:00\nSteps: one, two; three.\n"
        ),
    )
}

/// RFC 5545 §3.1: physical lines end in CRLF; a line starting with a space continues the
/// previous one. Panics (failing the test) on bare LF or on a line over 75 octets.
fn parse(built: &Built) -> Calendar {
    let text = built.text("maintenance.ics");
    assert!(text.ends_with("\r\n"), "the calendar ends with CRLF");
    let mut logical: Vec<String> = Vec::new();
    for line in text.trim_end_matches("\r\n").split("\r\n") {
        assert!(!line.contains('\n') && !line.contains('\r'), "bare line break in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match (line.strip_prefix(' '), logical.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => logical.push(line.to_string()),
        }
    }
    let mut calendar = Properties::new();
    let mut events = Vec::new();
    let mut event: Option<Properties> = None;
    for line in logical {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("no colon in {line:?}"));
        match (name, value, event.as_mut()) {
            ("BEGIN", "VEVENT", None) => event = Some(Properties::new()),
            ("END", "VEVENT", Some(_)) => events.extend(event.take()),
            (_, _, Some(props)) => props.entry(name.to_string()).or_default().push(value.to_string()),
            (_, _, None) => calendar.entry(name.to_string()).or_default().push(value.to_string()),
        }
    }
    Calendar { calendar, events }
}

/// Reverses §3.3.11 escaping.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {value:?}"),
            },
            (c, false) => out.push(c),
        }
    }
    out
}

fn one<'a>(props: &'a Properties, name: &str) -> &'a str {
    match props.get(name).map(Vec::as_slice) {
        Some([value]) => value,
        other => panic!("{name} should appear once, found {other:?}"),
    }
}

fn event<'a>(calendar: &'a Calendar, summary: &str) -> &'a Properties {
    calendar
        .events
        .iter()
        .find(|e| unescape(one(e, "SUMMARY")) == summary)
        .unwrap_or_else(|| panic!("no event {summary}"))
}

#[test]
fn the_calendar_declares_version_prodid_and_publish_method() {
    let site = fixture();
    let cal = parse(&site.build());
    assert_eq!(cal.calendar["BEGIN"], ["VCALENDAR"]);
    assert_eq!(one(&cal.calendar, "VERSION"), "2.0");
    assert_eq!(one(&cal.calendar, "PRODID"), "-//statusforge//statusforge//EN");
    assert_eq!(one(&cal.calendar, "CALSCALE"), "GREGORIAN");
    assert_eq!(one(&cal.calendar, "METHOD"), "PUBLISH");
    // The fixture is a pt-BR site: the calendar's words are in its language.
    assert_eq!(unescape(one(&cal.calendar, "X-WR-CALNAME")), "Feeds Status – manutenções");
    assert_eq!(unescape(one(&cal.calendar, "X-WR-CALDESC")), "Janelas de manutenção programadas de Feeds Status");
}

#[test]
fn every_published_window_is_one_event_with_utc_times_from_the_data() {
    let site = fixture();
    let cal = parse(&site.build());
    assert_eq!(cal.events.len(), 3);
    let upgrade = event(&cal, "Database upgrade");
    assert_eq!(one(upgrade, "DTSTART"), "20261201T050000Z", "02:00 in São Paulo is 05:00 UTC");
    assert_eq!(one(upgrade, "DTEND"), "20261201T063000Z");
    // The last update, not the build's clock (2026-11-25T12:00:00Z).
    assert_eq!(one(upgrade, "DTSTAMP"), "20261124T130000Z");
    assert_eq!(one(upgrade, "LAST-MODIFIED"), "20261124T130000Z");
    assert_eq!(one(upgrade, "SEQUENCE"), "0");
    assert_eq!(one(upgrade, "STATUS"), "CONFIRMED");
    assert_eq!(one(upgrade, "TRANSP"), "OPAQUE");
    assert_eq!(one(upgrade, "URL"), "https://status.example.com/maintenance/2026-12-01-database-upgrade/");
    let uid = one(upgrade, "UID");
    assert!(uid.ends_with("@status.example.com"), "{uid}");
    let uids: std::collections::BTreeSet<&str> = cal.events.iter().map(|e| one(e, "UID")).collect();
    assert_eq!(uids.len(), cal.events.len(), "UIDs are unique");
}

#[test]
fn long_text_folds_at_75_octets_and_unescapes_to_the_original() {
    let site = fixture();
    let built = site.build();
    let raw = built.text("maintenance.ics");
    assert!(raw.lines().any(|l| l.starts_with(" ")), "the long title is folded");
    let cal = parse(&built);
    let core = event(&cal, LONG_TITLE);
    let description = unescape(one(core, "DESCRIPTION"));
    assert!(description.starts_with("Steps: one, two; three."), "{description}");
    assert!(description.ends_with("Componentes afetados: API, Web"), "{description}");
    assert_eq!(one(core, "DTSTART"), "20261206T020000Z");
}

#[test]
fn a_cancelled_window_keeps_its_uid_and_says_cancelled() {
    let before_site = fixture().now("2026-11-20T12:00:00Z");
    let before = parse(&before_site.build());
    let after_site = fixture();
    let after = parse(&after_site.build());
    let (old, new) = (event(&before, "API gateway move"), event(&after, "API gateway move"));
    assert_eq!(one(old, "UID"), one(new, "UID"));
    assert_eq!((one(old, "STATUS"), one(old, "SEQUENCE")), ("CONFIRMED", "0"));
    assert_eq!((one(new, "STATUS"), one(new, "SEQUENCE")), ("CANCELLED", "1"));
    assert_eq!(one(new, "DTSTAMP"), "20261122T120000Z");
    assert_eq!(
        unescape(one(new, "DESCRIPTION")),
        "This move is cancelled; nothing will change.\n\nComponentes afetados: API"
    );
}

#[test]
fn a_window_announced_after_now_is_not_in_the_calendar() {
    let site = fixture().now("2026-11-23T12:00:00Z");
    let cal = parse(&site.build());
    let summaries: Vec<String> = cal.events.iter().map(|e| unescape(one(e, "SUMMARY"))).collect();
    assert_eq!(summaries, [LONG_TITLE, "API gateway move"], "the database upgrade is announced on 24 Nov");
}

#[test]
fn two_builds_at_one_clock_write_the_same_calendar() {
    let (one_site, two_site) = (fixture(), fixture());
    assert_eq!(one_site.build().text("maintenance.ics"), two_site.build().text("maintenance.ics"));
}
