//! A notice's feed entry: its period, then its text. It has one entry in either feed mode, so
//! its id never changes.

use super::entry::{component_name, tag_uri, Entry};
use crate::compute::NoticeState;
use crate::contract::urls;
use crate::i18n::Lang;
use crate::model::Instant;
use crate::render::input::Input;
use crate::render::markdown;
use crate::render::theme::escape;

pub(super) fn entry(
    input: &Input<'_>,
    lang: &'static Lang,
    index: usize,
    state: &NoticeState,
    time: &dyn Fn(Instant) -> String,
) -> Entry {
    let notice = &state.notice;
    let page = input.absolute(&urls::notice(&notice.slug));
    let mut period = format!("{}{}{}", lang.get("notice_from"), lang.colon(), time(notice.from));
    if let Some(until) = notice.until {
        period.push_str(&format!(" · {}{}{}", lang.get("notice_until"), lang.colon(), time(until)));
    }
    let content_html = format!("<p>{}</p>\n{}\n", escape(&period), input.notice_html[index].trim_end());
    Entry {
        id: tag_uri(&input.base_url, notice.from, &format!("notice/{}", notice.slug)),
        content_html: markdown::absolutize(&content_html, &page),
        url: page,
        title: format!("{}{}{}", lang.get("notice"), lang.colon(), notice.title),
        published: notice.from,
        updated: notice.from,
        tags: notice.components.iter().map(|id| component_name(input, id)).collect(),
    }
}
