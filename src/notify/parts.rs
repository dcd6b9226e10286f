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
    /// Markdown source, or plain text when `plain_text`.
    pub text: String,
    /// `text` was made here from names (a status change), not written as Markdown: each
    /// service shows it as the title, as plain text.
    pub plain_text: bool,
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
    cut(&body.split("\n\n").next().unwrap_or("").replace('\n', " "), 280)
}

/// A title of at most 250 characters: a page's titles are not length-checked, and every chat
/// service refuses a message over its own limit (ntfy's 4,096 bytes is the smallest), which
/// would block that target's later notifications.
fn title(text: &str) -> String {
    cut(text, 250)
}

fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    text.chars().take(max - 1).collect::<String>() + "…"
}

pub(crate) fn parts(lang: &'static Lang, new: &Published, notification: &Notification) -> Parts {
    match &notification.event {
        Event::Update(u) => Parts {
            title: title(&u.title),
            // The API's `completed` of a cancelling update: the work was called off, not done.
            status: lang.word(&u.kind, if u.cancels { "cancelled" } else { &u.status }).into(),
            lead: None,
            text: readable_away(&u.body, &u.shortlink, new),
            plain_text: false,
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
            // The component's own page: its status, its uptime and what affected it.
            let link = format!("{}/{}", new.page.url, crate::contract::urls::component(&component.id));
            Parts { title: title(&component.name), status: now.into(), lead: None, text, plain_text: true, link }
        }
        Event::Maintenance { moment, maintenance } => {
            // The words the site already has: "Scheduled maintenance" heads a reminder.
            let status = match moment {
                Moment::Reminder => lang.get("maintenance"),
                Moment::Started => lang.word("maintenance", "in_progress"),
                Moment::Completed if maintenance.cancelled => lang.word("maintenance", "cancelled"),
                Moment::Completed => lang.word("maintenance", "completed"),
            };
            Parts {
                title: title(&maintenance.title),
                status: status.into(),
                lead: window(lang, new, maintenance),
                text: readable_away(&maintenance.body, &maintenance.shortlink, new),
                plain_text: false,
                link: maintenance.shortlink.clone(),
            }
        }
    }
}

/// `body` with its relative links and images made absolute, as in the feeds and e-mail: a
/// chat message is read away from the page whose links they were (`page`).
fn readable_away(body: &str, page: &str, new: &Published) -> String {
    let page = if page.ends_with('/') { page.to_string() } else { format!("{page}/") };
    crate::render::markdown_links::absolutize(body, &page, &format!("{}/", new.page.url))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_title_is_cut_to_what_every_chat_service_takes() {
        let long = "Ü".repeat(40_000);
        let cut = title(&long);
        assert_eq!(cut.chars().count(), 250);
        assert!(cut.ends_with('…') && cut.len() < 4_096);
        assert_eq!(title("SMS delays"), "SMS delays");
    }

    #[test]
    fn an_excerpt_is_the_first_paragraph_cut_at_280_characters() {
        assert_eq!(excerpt("One\nline.\n\nSecond."), "One line.");
        assert_eq!(excerpt(&"a".repeat(500)).chars().count(), 280);
    }
}
