//! Japanese (`ja`): "2026年11月20日 14:02", "2026年11月", "99.98%", "2時間38分", weeks from
//! Sunday. One form for every count; full-width colon, list comma and parentheses.

use crate::i18n::format::Formats;
use crate::i18n::lang::{Direction, Lang};
use crate::i18n::plural::Plural;
use std::sync::OnceLock;

pub(crate) static LANG: Lang = Lang {
    code: "ja",
    dir: Direction::Ltr,
    plural: Plural::OtherOnly,
    strings: &[
        ("skip", "本文へスキップ"),
        ("home", "現在のステータス"),
        ("updated", "最終更新"),
        ("last_posted", "最新の更新"),
        ("generated", "ページ生成"),
        ("active_incidents", "対応中のインシデント"),
        ("maintenance", "予定されているメンテナンス"),
        ("components", "コンポーネント"),
        ("other_components", "その他のコンポーネント"),
        ("recent_incidents", "最近のインシデント"),
        ("no_recent_incidents", "最近報告されたインシデントはありません。"),
        ("history", "インシデント履歴"),
        ("view_history", "インシデント履歴をすべて表示"),
        ("subscribe", "更新情報を購読"),
        ("feed_rss", "RSS フィード"),
        ("feed_atom", "Atom フィード"),
        ("feed_json", "JSON Feed"),
        ("calendar", "メンテナンスカレンダー（iCalendar）"),
        ("status_json", "JSON 形式のステータス"),
        ("api_summary", "ステータス API（Statuspage v2 形式）"),
        ("days_ago.other", "{n}日前"),
        ("today", "今日"),
        ("uptime", "稼働率 {n}"),
        ("uptime_of", "{n} の日別稼働率"),
        ("no_data", "データなし"),
        ("no_uptime", "稼働率データはまだありません"),
        ("affected", "影響を受けるコンポーネント"),
        ("impact", "影響度"),
        ("status", "ステータス"),
        ("duration", "継続時間"),
        ("ongoing", "継続中"),
        ("ongoing_paren", "（継続中）"),
        ("started", "開始"),
        ("resolved_at", "解決"),
        ("updates", "更新情報"),
        ("latest_update", "最新の更新"),
        ("window", "実施時間"),
        ("phase", "段階"),
        ("uptime_history", "過去12か月の稼働率"),
        ("incidents", "インシデント"),
        ("no_incidents", "このコンポーネントに影響したインシデントはありません。"),
        ("maintenances", "メンテナンス"),
        ("component_feeds", "このコンポーネントのフィード"),
        ("newer", "新しいインシデント"),
        ("older", "過去のインシデント"),
        ("page_of.other", "{n}ページ目"),
        ("component_history", "{n} のインシデント履歴"),
        ("all_incidents.other", "全{n}件のインシデント"),
        ("no_history", "インシデントは報告されていません。"),
        ("not_found", "ページが見つかりません"),
        (
            "not_found_text",
            "このアドレスには何もありません。各サービスの現在のステータスはトップページでご確認ください。",
        ),
        ("powered_by", "statusforge で作成"),
        ("pagination", "ページ送り"),
        ("links", "リンク"),
        ("days_in_zone", "稼働率の日付は {n} の時刻で区切っています。"),
        ("local_times", "その他の時刻はお使いのタイムゾーンで表示しています。"),
        ("embed_view", "ステータスを見る"),
        ("embed_dismiss", "閉じる"),
        ("notices", "お知らせ"),
        ("notice", "お知らせ"),
        ("notice_since", "開始"),
        ("notice_from", "開始"),
        ("notice_until", "終了"),
        ("notice_ended", "終了済み"),
        ("concerns", "対象"),
        ("colon", "："),
        ("comma", "、"),
        ("arrow_forward", "→"),
        ("arrow_back", "←"),
        ("unit.day.other", "{n}日"),
        ("unit.hour.other", "{n}時間"),
        ("unit.minute.other", "{n}分"),
        ("component.operational", "正常稼働"),
        ("component.under_maintenance", "メンテナンス中"),
        ("component.degraded_performance", "パフォーマンス低下"),
        ("component.partial_outage", "一部障害"),
        ("component.major_outage", "重大な障害"),
        ("incident.investigating", "調査中"),
        ("incident.identified", "原因特定"),
        ("incident.monitoring", "経過観察中"),
        ("incident.resolved", "解決済み"),
        ("incident.postmortem", "事後分析"),
        ("incident.update", "更新"),
        ("maintenance.scheduled", "予定"),
        ("maintenance.in_progress", "実施中"),
        ("maintenance.verifying", "検証中"),
        ("maintenance.completed", "完了"),
        ("maintenance.cancelled", "中止"),
        ("maintenance.update", "更新"),
        ("phase.upcoming", "予定"),
        ("phase.in_progress", "実施中"),
        ("phase.verifying", "検証中"),
        ("phase.completed", "完了"),
        ("phase.cancelled", "中止"),
        ("impact.none", "影響なし"),
        ("impact.minor", "軽微"),
        ("impact.major", "重大"),
        ("impact.critical", "致命的"),
        ("page.all_operational", "すべてのシステムが正常に稼働しています"),
        ("page.minor_outage", "軽微なサービス障害"),
        ("page.partially_degraded", "一部サービスのパフォーマンス低下"),
        ("page.partial_outage", "システムの一部障害"),
        ("page.major_outage", "システムの重大な障害"),
        ("page.under_maintenance", "サービスのメンテナンス中"),
        ("feed.component_description", "{site} の {component} に関するインシデントとメンテナンス"),
        ("feed.window", "実施予定時間：{start}～{end}"),
        ("ics.name", "{site} – メンテナンス"),
        ("ics.description", "{site} の予定メンテナンス"),
        ("ics.affected", "影響を受けるコンポーネント：{components}"),
        ("badge.status", "ステータス"),
        ("badge.uptime.other", "{n}日間の稼働率"),
        ("badge.no_data", "データなし"),
        ("badge.operational", "正常稼働"),
        ("badge.under_maintenance", "メンテナンス中"),
        ("badge.degraded_performance", "パフォーマンス低下"),
        ("badge.partial_outage", "一部障害"),
        ("badge.major_outage", "重大な障害"),
        ("badge.minor_outage", "軽微な障害"),
        ("notify.site", "ステータス"),
        ("notify.details", "詳細"),
        ("notify.component_changed", "{component} のステータスが「{old}」から「{new}」に変わりました。"),
    ],
    months: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
    months_short: ["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"],
    weekday_initials: ["日", "月", "火", "水", "木", "金", "土"],
    week_start: 0,
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
    fn dates_are_year_month_day_with_kanji() {
        assert_eq!(LANG.datetime(&sample::at(chrono_tz::Asia::Tokyo)), "2026年11月21日 02:02\u{a0}JST");
        assert_eq!(LANG.day(sample::first_of_december()), "12月1日");
        assert_eq!(LANG.month(2026, 10), "2026年11月");
        assert_eq!(LANG.weekdays()[0], "日");
    }

    #[test]
    fn numbers_and_durations() {
        assert_eq!(LANG.percent(99.5), "99.50%");
        let durations = sample::DURATIONS.map(|s| LANG.duration(s));
        assert_eq!(durations, ["2時間38分", "1日3時間", "0分", "1時間1分", "2日"]);
        assert_eq!(LANG.plural("days_ago", 1), "1日前");
    }
}
