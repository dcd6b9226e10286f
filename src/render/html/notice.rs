//! Notices on pages: the banner of active ones on the front page and on the component pages
//! they concern, and `notices/<slug>/`, the page each feed entry links to (it stays after the
//! notice ends).

use super::shared::{Job, Shared};
use super::view::{Ctx, Named, TimeView};
use crate::contract::urls;
use crate::render::markdown;
use serde::Serialize;

#[derive(Serialize)]
pub(crate) struct NoticeSummary {
    pub title: String,
    pub url: String,
    pub from: TimeView,
    pub until: Option<TimeView>,
    pub active: bool,
    /// The components it names; empty for the whole site.
    pub components: Vec<Named>,
    /// Sanitized Markdown (`render::markdown`).
    pub body_html: String,
}

impl Ctx<'_> {
    pub(crate) fn notice_summary(&self, index: usize) -> NoticeSummary {
        let state = &self.input.snapshot.notices[index];
        let notice = &state.notice;
        NoticeSummary {
            title: notice.title.clone(),
            url: urls::notice(&notice.slug),
            from: self.time(notice.from),
            until: notice.until.map(|t| self.time(t)),
            active: state.active,
            components: notice.components.iter().map(|id| self.named(id, None)).collect(),
            body_html: self.input.notice_html[index].to_string(),
        }
    }

    /// The active notices for the front page (`None`: all of them) or a component's page
    /// (those about the whole site or naming it).
    pub(crate) fn active_notices(&self, component: Option<&str>) -> Vec<NoticeSummary> {
        let notices = &self.input.snapshot.notices;
        (0..notices.len())
            .filter(|&i| notices[i].active && component.is_none_or(|id| notices[i].concerns(id)))
            .map(|i| self.notice_summary(i))
            .collect()
    }
}

#[derive(Serialize)]
struct NoticePage {
    notice: NoticeSummary,
}

pub(super) fn page(shared: &Shared<'_>, index: usize) -> Job {
    let ctx = &shared.ctx;
    let notice = &ctx.input.snapshot.notices[index].notice;
    let dir = urls::notice(&notice.slug);
    let description = markdown::summary(&ctx.input.notice_html[index], 200);
    let chrome = shared.chrome(&dir, Some(&notice.title)).described(Some(description)).article();
    shared.job(format!("{dir}index.html"), "notice.html", &chrome, &NoticePage { notice: ctx.notice_summary(index) })
}
