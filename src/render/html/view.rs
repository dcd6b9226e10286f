//! The small serializable pieces pages are made of (a time, an update, an incident summary, a
//! component row with its uptime bars), built from the snapshot with words already translated.
//! Templates receive these, never the snapshot.

use crate::compute::{Change, DayUptime, IncidentState, MaintenanceState};
use crate::contract::{time, urls};
use crate::i18n::Lang;
use crate::model::{ComponentStatus, FeedEntries, Instant};
use crate::render::input::Input;
use chrono_tz::Tz;
use serde::Serialize;

/// What every view builder needs: the input, the language and the site zone.
pub(crate) struct Ctx<'a> {
    pub input: &'a Input<'a>,
    pub lang: &'static Lang,
    pub zone: Tz,
}

/// A moment: `datetime` for `<time datetime>`, `text` for people.
#[derive(Serialize, Clone)]
pub(crate) struct TimeView {
    pub datetime: String,
    pub text: String,
}

#[derive(Serialize)]
pub(crate) struct UpdateView {
    /// Keyword for CSS classes (`resolved`, `update`, ...).
    pub status: &'static str,
    pub status_text: &'static str,
    pub at: TimeView,
    /// Sanitized Markdown (`render::markdown`): the one kind of field templates mark `safe`.
    pub body_html: String,
    /// What its `Components:` line changed, in written order; empty for most updates.
    pub changes: Vec<ChangeView>,
    /// `update-<n>` (1 = the oldest) when each update is a feed entry that links to it.
    pub anchor: Option<String>,
}

/// "SMPP: Major outage → Operational".
#[derive(Serialize)]
pub(crate) struct ChangeView {
    pub name: String,
    pub url: String,
    pub old: &'static str,
    pub old_text: &'static str,
    pub new: &'static str,
    pub new_text: &'static str,
}

#[derive(Serialize)]
pub(crate) struct Named {
    pub name: String,
    pub url: String,
    /// Keyword of the component's status in this context, for a CSS class.
    pub status: &'static str,
    pub status_text: &'static str,
}

#[derive(Serialize)]
pub(crate) struct IncidentSummary {
    pub title: String,
    pub url: String,
    pub impact: &'static str,
    pub impact_text: &'static str,
    pub status: &'static str,
    pub status_text: &'static str,
    pub active: bool,
    pub started: TimeView,
    pub resolved: Option<TimeView>,
    pub duration: String,
    pub latest: Option<UpdateView>,
}

#[derive(Serialize)]
pub(crate) struct MaintenanceSummary {
    pub title: String,
    pub url: String,
    pub phase: &'static str,
    pub phase_text: &'static str,
    pub start: TimeView,
    pub end: TimeView,
    pub components: Vec<Named>,
    pub latest: Option<UpdateView>,
}

/// One uptime bar or calendar day. Field names are short: the index draws 900 of them.
#[derive(Serialize)]
pub(crate) struct Bar {
    /// CSS class: "" operational, `u` maintenance, `d` degraded, `p` partial, `m` major, `n` no data.
    pub c: &'static str,
    /// "Nov 20: 99.20%".
    pub text: String,
    pub incidents: Vec<Link>,
}

#[derive(Serialize)]
pub(crate) struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Serialize)]
pub(crate) struct ComponentRow {
    pub id: String,
    pub name: String,
    pub url: String,
    pub description: Option<String>,
    pub status: &'static str,
    pub status_text: &'static str,
    /// "99.98% uptime", or "No uptime data yet".
    pub uptime_text: String,
    pub bars_label: String,
    /// How long ago the first bar's day was ("89 days ago" under 90 bars, the last being
    /// today); "" for a single bar, which is today.
    pub bars_from: String,
    pub bars: Vec<Bar>,
}

/// The CSS class of a day coloured by its worst status.
pub(crate) fn bar_class(worst: Option<ComponentStatus>) -> &'static str {
    match worst {
        None => "n",
        Some(ComponentStatus::Operational) => "",
        Some(ComponentStatus::UnderMaintenance) => "u",
        Some(ComponentStatus::DegradedPerformance) => "d",
        Some(ComponentStatus::PartialOutage) => "p",
        Some(ComponentStatus::MajorOutage) => "m",
    }
}

impl Ctx<'_> {
    pub(crate) fn time(&self, t: Instant) -> TimeView {
        let local = t.with_timezone(&self.zone);
        TimeView { datetime: time::rfc3339_of(&local), text: self.lang.datetime(&local) }
    }

    pub(crate) fn component_status(&self, status: ComponentStatus) -> &'static str {
        self.lang.word("component", status.keyword())
    }

    /// The updates of incident `index`, newest first.
    pub(crate) fn incident_updates(&self, index: usize) -> Vec<UpdateView> {
        let state = &self.input.snapshot.incidents[index];
        let mut views =
            self.update_views(&state.incident.updates, &self.input.incident_html[index], "incident", |s| s.keyword());
        for (i, view) in views.iter_mut().enumerate() {
            view.changes = state.changes_at(i).iter().map(|c| self.change(c)).collect();
        }
        self.anchor(&mut views, state.incident.updates.iter().map(|u| u.at));
        views
    }

    fn change(&self, change: &Change) -> ChangeView {
        let name =
            self.input.snapshot.component(&change.id).map_or_else(|| change.id.clone(), |c| c.component.name.clone());
        ChangeView {
            name,
            url: urls::component(&change.id),
            old: change.old.keyword(),
            old_text: self.component_status(change.old),
            new: change.new.keyword(),
            new_text: self.component_status(change.new),
        }
    }

    pub(crate) fn maintenance_updates(&self, index: usize) -> Vec<UpdateView> {
        let state = &self.input.snapshot.maintenances[index];
        let mut views =
            self.update_views(&state.maintenance.updates, &self.input.maintenance_html[index], "maintenance", |s| {
                s.keyword()
            });
        self.anchor(&mut views, state.maintenance.updates.iter().map(|u| u.at));
        views
    }

    /// Each update gets its anchor when it is a feed entry of its own, which links to it.
    fn anchor(&self, views: &mut [UpdateView], times: impl DoubleEndedIterator<Item = Instant>) {
        if self.input.snapshot.config.feed_entries == FeedEntries::PerUpdate {
            for (view, anchor) in views.iter_mut().zip(urls::update_anchors(times)) {
                view.anchor = Some(anchor);
            }
        }
    }

    /// Update views for either kind; `family` picks the words (`incident.resolved`, ...).
    fn update_views<S: Copy>(
        &self,
        updates: &[crate::model::Update<S>],
        html: &[std::sync::Arc<str>],
        family: &str,
        keyword: impl Fn(S) -> &'static str,
    ) -> Vec<UpdateView> {
        updates.iter().zip(html).map(|(u, body)| self.update_view(u, body, family, &keyword)).collect()
    }

    /// The newest update's view alone, for summaries.
    fn latest_update<S: Copy>(
        &self,
        updates: &[crate::model::Update<S>],
        html: &[std::sync::Arc<str>],
        family: &str,
        keyword: impl Fn(S) -> &'static str,
    ) -> Option<UpdateView> {
        Some(self.update_view(updates.first()?, html.first()?, family, &keyword))
    }

    fn update_view<S: Copy>(
        &self,
        update: &crate::model::Update<S>,
        body: &str,
        family: &str,
        keyword: &impl Fn(S) -> &'static str,
    ) -> UpdateView {
        let status = if update.is_note { "update" } else { keyword(update.status) };
        UpdateView {
            status,
            status_text: self.lang.word(family, status),
            at: self.time(update.at),
            body_html: body.to_string(),
            changes: Vec::new(),
            anchor: None,
        }
    }

    pub(crate) fn incident_summary(&self, index: usize) -> IncidentSummary {
        let state: &IncidentState = &self.input.snapshot.incidents[index];
        let end = state.duration_end(self.input.snapshot.now);
        IncidentSummary {
            title: state.incident.title.clone(),
            url: urls::incident(&state.incident.slug),
            impact: state.impact().keyword(),
            impact_text: self.lang.word("impact", state.impact().keyword()),
            status: state.status.keyword(),
            status_text: self.lang.word("incident", state.status.keyword()),
            active: state.is_active(),
            started: self.time(state.started_at),
            resolved: state.resolved_at.map(|t| self.time(t)),
            duration: self.lang.duration((end - state.started_at).num_seconds()),
            latest: self
                .latest_update(&state.incident.updates, &self.input.incident_html[index], "incident", |s| s.keyword()),
        }
    }

    pub(crate) fn maintenance_summary(&self, index: usize) -> MaintenanceSummary {
        let state: &MaintenanceState = &self.input.snapshot.maintenances[index];
        let m = &state.maintenance;
        MaintenanceSummary {
            title: m.title.clone(),
            url: urls::maintenance(&m.slug),
            phase: state.phase.keyword(),
            phase_text: self.lang.word("phase", state.phase.keyword()),
            start: self.time(m.window.start),
            end: self.time(m.window.end),
            components: m.components.iter().map(|id| self.named(id, None)).collect(),
            latest: self.latest_update(&m.updates, &self.input.maintenance_html[index], "maintenance", |s| s.keyword()),
        }
    }

    /// A component by id with a status: the given one, else its current one.
    pub(crate) fn named(&self, id: &str, status: Option<ComponentStatus>) -> Named {
        let state = self.input.snapshot.component(id);
        let status = status.or(state.map(|c| c.status)).unwrap_or(ComponentStatus::Operational);
        Named {
            name: state.map_or_else(|| id.to_string(), |c| c.component.name.clone()),
            url: urls::component(id),
            status: status.keyword(),
            status_text: self.component_status(status),
        }
    }

    pub(crate) fn uptime_text(&self, percent: Option<f64>) -> String {
        match percent {
            Some(p) => self.lang.count("uptime", self.lang.percent(p)),
            None => self.lang.get("no_uptime").to_string(),
        }
    }

    /// One bar: its colour, and its date, uptime and incidents as text.
    pub(crate) fn bar(&self, day: &DayUptime) -> Bar {
        let uptime = day.uptime.map_or_else(|| self.lang.get("no_data").to_string(), |u| self.lang.percent(u));
        let incidents = day
            .incidents
            .iter()
            .filter_map(|&i| self.input.snapshot.incidents.get(i))
            .map(|i| Link { title: i.incident.title.clone(), url: urls::incident(&i.incident.slug) })
            .collect();
        // The worst status in words too, so the colour is never the only signal (WCAG 1.4.1).
        let (colon, comma) = (self.lang.colon(), self.lang.comma());
        let text = match day.worst {
            Some(worst) if worst != ComponentStatus::Operational => {
                format!("{}{colon}{uptime}{comma}{}", self.lang.day(day.date), self.component_status(worst))
            }
            _ => format!("{}{colon}{uptime}", self.lang.day(day.date)),
        };
        Bar { c: bar_class(day.worst), text, incidents }
    }

    pub(crate) fn component_row(&self, index: usize) -> ComponentRow {
        let state = &self.input.snapshot.components[index];
        let window = state.uptime.window();
        ComponentRow {
            id: state.component.id.clone(),
            name: state.component.name.clone(),
            url: urls::component(&state.component.id),
            description: state.component.description.clone(),
            status: state.status.keyword(),
            status_text: self.component_status(state.status),
            uptime_text: self.uptime_text(state.uptime.percent),
            bars_label: self.lang.count("uptime_of", &state.component.name),
            bars_from: match window.len() {
                0 | 1 => String::new(),
                n => self.lang.plural("days_ago", n as u64 - 1),
            },
            bars: window.iter().map(|d| self.bar(d)).collect(),
        }
    }
}
