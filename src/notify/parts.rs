//! What a person reads of one notification, whatever carries it: its title, its status in the
//! site's language, a lead line (a maintenance window's times), the Markdown text and the page
//! it is about. Chat (`chat.rs`) and email (`message.rs`) are made from these; the webhook
//! JSON, which programs read, is not.

use super::maintenance::Moment;
use super::plan::{Event, Notification};
use crate::contract::published::{Published, PublishedMaintenance};
use crate::i18n::Lang;
use chrono_tz::Tz;

pub(crate) struct Parts {
    pub title: String,
    /// "Identified", "Major outage", "In progress": keywords put in words from the tables.
    pub status: String,
    /// A line shown before the text: the window of a maintenance told by the clock.
    pub lead: Option<String>,
    /// Markdown source.
    pub text: String,
    /// The absolute URL of the page it is about.
    pub link: String,
}

impl Parts {
    /// "Identified: SMPP binds failing", with the language's colon.
    pub(crate) fn heading(&self, lang: &'static Lang) -> String {
        format!("{}{}{}", self.status, lang.colon(), self.title)
    }

    /// The lead and the first paragraph of the text, one per line: what chat shows.
    pub(crate) fn short(&self) -> String {
        let text = excerpt(&self.text);
        match &self.lead {
            Some(lead) if text.is_empty() => lead.clone(),
            Some(lead) => format!("{lead}\n{text}"),
            None => text,
        }
    }
}

/// The first paragraph of a body, at most ~280 characters: chat messages stay short.
pub(crate) fn excerpt(body: &str) -> String {
    let first = body.split("\n\n").next().unwrap_or("").replace('\n', " ");
    if first.chars().count() <= 280 {
        return first;
    }
    first.chars().take(279).collect::<String>() + "…"
}

pub(crate) fn parts(lang: &'static Lang, new: &Published, notification: &Notification) -> Parts {
    match &notification.event {
        Event::Update(u) => Parts {
            title: u.title.clone(),
            status: lang.word(&u.kind, &u.status).into(),
            lead: None,
            text: u.body.clone(),
            link: u.shortlink.clone(),
        },
        Event::Component { component, old_status } => {
            let (now, was) = (lang.word("component", &component.status), lang.word("component", old_status));
            let (now_lower, was_lower) = (now.to_lowercase(), was.to_lowercase());
            let values = [
                ("component", component.name.as_str()),
                ("new", now),
                ("old", was),
                ("new_lower", &now_lower),
                ("old_lower", &was_lower),
            ];
            let text = lang.fill("notify.component_changed", &values);
            Parts { title: component.name.clone(), status: now.into(), lead: None, text, link: new.page.url.clone() }
        }
        Event::Maintenance { moment, maintenance } => {
            // The words the site already has: "Scheduled maintenance" heads a reminder.
            let status = match moment {
                Moment::Reminder => lang.get("maintenance"),
                Moment::Started => lang.word("maintenance", "in_progress"),
                Moment::Completed => lang.word("maintenance", "completed"),
            };
            Parts {
                title: maintenance.title.clone(),
                status: status.into(),
                lead: window(lang, new, maintenance),
                text: maintenance.body.clone(),
                link: maintenance.shortlink.clone(),
            }
        }
    }
}

/// "Scheduled window: 1 Dec 2026, 02:00 UTC to ..." in the site's zone, as the feeds say it.
fn window(lang: &'static Lang, new: &Published, maintenance: &PublishedMaintenance) -> Option<String> {
    let zone: Tz = new.page.time_zone.parse().unwrap_or(Tz::UTC);
    let local = |text: &str| {
        let t = chrono::DateTime::parse_from_rfc3339(text).ok()?;
        Some(lang.datetime(&t.with_timezone(&zone)))
    };
    let (start, end) = (local(&maintenance.start)?, local(&maintenance.end)?);
    Some(lang.fill("feed.window", &[("start", &start), ("end", &end)]))
}
