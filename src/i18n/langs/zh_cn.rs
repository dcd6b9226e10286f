//! Simplified Chinese (`zh-CN`): "2026年11月20日 14:02", "2026年11月", "99.98%", "2小时38分钟",
//! weeks from Monday as calendars in China print them. One form for every count; full-width
//! colon, comma and parentheses.

use crate::i18n::format::Formats;
use crate::i18n::lang::{Direction, Lang};
use crate::i18n::plural::Plural;
use std::sync::OnceLock;

pub(crate) static LANG: Lang = Lang {
    code: "zh-CN",
    dir: Direction::Ltr,
    plural: Plural::OtherOnly,
    strings: &[
        ("skip", "跳到主要内容"),
        ("home", "当前状态"),
        ("updated", "更新于"),
        ("last_posted", "最近更新发布于"),
        ("generated", "页面生成于"),
        ("active_incidents", "进行中的事件"),
        ("maintenance", "计划维护"),
        ("components", "组件"),
        ("other_components", "其他组件"),
        ("recent_incidents", "近期事件"),
        ("no_recent_incidents", "近期没有报告任何事件。"),
        ("history", "事件历史"),
        ("view_history", "查看完整的事件历史"),
        ("subscribe", "订阅更新"),
        ("feed_rss", "RSS 订阅源"),
        ("feed_atom", "Atom 订阅源"),
        ("feed_json", "JSON Feed"),
        ("calendar", "维护日历（iCalendar）"),
        ("status_json", "JSON 格式的状态"),
        ("api_summary", "状态 API（Statuspage v2 格式）"),
        ("days_ago.other", "{n}天前"),
        ("today", "今天"),
        ("uptime", "可用性 {n}"),
        ("uptime_of", "{n} 的每日可用性"),
        ("no_data", "无数据"),
        ("no_uptime", "暂无可用性数据"),
        ("affected", "受影响的组件"),
        ("impact", "影响"),
        ("status", "状态"),
        ("duration", "持续时间"),
        ("ongoing", "仍在持续"),
        ("ongoing_paren", "（仍在持续）"),
        ("started", "开始时间"),
        ("resolved_at", "解决时间"),
        ("updates", "更新"),
        ("latest_update", "最新更新"),
        ("window", "维护时段"),
        ("phase", "阶段"),
        ("uptime_history", "过去12个月的可用性"),
        ("incidents", "事件"),
        ("no_incidents", "此组件未受任何事件影响。"),
        ("maintenances", "维护"),
        ("component_feeds", "此组件的订阅源"),
        ("newer", "较新的事件"),
        ("older", "较早的事件"),
        ("page_of.other", "第{n}页"),
        ("component_history", "{n} 的事件历史"),
        ("all_incidents.other", "全部{n}个事件"),
        ("no_history", "尚未报告任何事件。"),
        ("not_found", "找不到页面"),
        ("not_found_text", "此地址没有内容。各项服务的当前状态请见首页。"),
        ("powered_by", "由 statusforge 构建"),
        ("pagination", "分页"),
        ("links", "链接"),
        ("days_in_zone", "可用性按 {n} 时间的自然日统计。"),
        ("local_times", "其他时间以您所在的时区显示。"),
        ("embed_view", "查看状态"),
        ("embed_dismiss", "关闭"),
        ("notices", "公告"),
        ("notice", "公告"),
        ("notice_since", "起始于"),
        ("notice_from", "开始"),
        ("notice_until", "结束"),
        ("notice_ended", "已结束"),
        ("concerns", "涉及"),
        ("colon", "："),
        ("comma", "，"),
        ("arrow_forward", "→"),
        ("arrow_back", "←"),
        ("unit.day.other", "{n}天"),
        ("unit.hour.other", "{n}小时"),
        ("unit.minute.other", "{n}分钟"),
        ("component.operational", "正常运行"),
        ("component.under_maintenance", "维护中"),
        ("component.degraded_performance", "性能下降"),
        ("component.partial_outage", "部分中断"),
        ("component.major_outage", "严重中断"),
        ("incident.investigating", "调查中"),
        ("incident.identified", "已确定原因"),
        ("incident.monitoring", "监控中"),
        ("incident.resolved", "已解决"),
        ("incident.postmortem", "事后分析"),
        ("incident.update", "更新"),
        ("maintenance.scheduled", "已计划"),
        ("maintenance.in_progress", "进行中"),
        ("maintenance.verifying", "验证中"),
        ("maintenance.completed", "已完成"),
        ("maintenance.cancelled", "已取消"),
        ("maintenance.update", "更新"),
        ("phase.upcoming", "即将开始"),
        ("phase.in_progress", "进行中"),
        ("phase.verifying", "验证中"),
        ("phase.completed", "已完成"),
        ("phase.cancelled", "已取消"),
        ("impact.none", "无影响"),
        ("impact.minor", "轻微"),
        ("impact.major", "严重"),
        ("impact.critical", "危急"),
        ("page.all_operational", "所有系统运行正常"),
        ("page.minor_outage", "服务轻微中断"),
        ("page.partially_degraded", "服务部分降级"),
        ("page.partial_outage", "系统部分中断"),
        ("page.major_outage", "系统严重中断"),
        ("page.under_maintenance", "服务维护中"),
        ("feed.component_description", "{site} 上 {component} 的事件和维护"),
        ("feed.window", "计划维护时段：{start} 至 {end}"),
        ("ics.name", "{site} – 维护"),
        ("ics.description", "{site} 的计划维护时段"),
        ("ics.affected", "受影响的组件：{components}"),
        ("badge.status", "状态"),
        ("badge.uptime.other", "{n}天可用性"),
        ("badge.no_data", "无数据"),
        ("badge.operational", "正常运行"),
        ("badge.under_maintenance", "维护中"),
        ("badge.degraded_performance", "性能下降"),
        ("badge.partial_outage", "部分中断"),
        ("badge.major_outage", "严重中断"),
        ("badge.minor_outage", "轻微中断"),
        ("notify.site", "状态"),
        ("notify.details", "详情"),
        ("notify.component_changed", "{component} 的状态已从“{old}”变为“{new}”。"),
    ],
    months: ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"],
    months_short: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
    weekday_initials: ["日", "一", "二", "三", "四", "五", "六"],
    week_start: 1,
    formats: Formats {
        date: "{year}年{month}月{day}日",
        day: "{month}月{day}日",
        month_year: "{year}年{month}月",
        datetime: "{date} {time}\u{a0}{zone}",
        first_day: None,
        decimal: '.',
        percent: "{n}%",
        duration_join: "",
    },
    index: OnceLock::new(),
};

#[cfg(test)]
mod tests {
    use super::LANG;
    use crate::i18n::langs::sample;

    #[test]
    fn dates_are_year_month_day_with_hanzi() {
        assert_eq!(LANG.datetime(&sample::at(chrono_tz::Asia::Shanghai)), "2026年11月21日 01:02\u{a0}CST");
        assert_eq!(LANG.day(sample::first_of_december()), "12月1日");
        assert_eq!(LANG.month(2026, 0), "2026年1月");
        assert_eq!(LANG.weekdays(), ["一", "二", "三", "四", "五", "六", "日"]);
    }

    #[test]
    fn numbers_and_durations() {
        assert_eq!(LANG.percent(99.5), "99.50%");
        let durations = sample::DURATIONS.map(|s| LANG.duration(s));
        assert_eq!(durations, ["2小时38分钟", "1天3小时", "0分钟", "1小时1分钟", "2天"]);
        assert_eq!(LANG.plural("days_ago", 90), "90天前");
    }
}
