//! Korean (`ko`): "2026년 11월 20일 14:02", "2026년 11월", "99.98%", "2시간 38분", weeks from
//! Sunday. One form for every count; particles that fit any name ("의", "(으)로").

use crate::i18n::format::Formats;
use crate::i18n::lang::{Direction, Lang};
use crate::i18n::plural::Plural;
use std::sync::OnceLock;

pub(crate) static LANG: Lang = Lang {
    code: "ko",
    dir: Direction::Ltr,
    plural: Plural::OtherOnly,
    strings: &[
        ("skip", "본문으로 건너뛰기"),
        ("home", "현재 상태"),
        ("updated", "업데이트"),
        ("last_posted", "최근 업데이트 게시"),
        ("generated", "페이지 생성"),
        ("active_incidents", "진행 중인 인시던트"),
        ("maintenance", "예정된 유지 보수"),
        ("components", "구성 요소"),
        ("other_components", "기타 구성 요소"),
        ("recent_incidents", "최근 인시던트"),
        ("no_recent_incidents", "최근 보고된 인시던트가 없습니다."),
        ("history", "인시던트 기록"),
        ("view_history", "전체 인시던트 기록 보기"),
        ("subscribe", "업데이트 구독"),
        ("feed_rss", "RSS 피드"),
        ("feed_atom", "Atom 피드"),
        ("feed_json", "JSON Feed"),
        ("calendar", "유지 보수 캘린더(iCalendar)"),
        ("status_json", "JSON 형식의 상태"),
        ("api_summary", "상태 API(Statuspage v2 형식)"),
        ("days_ago.other", "{n}일 전"),
        ("today", "오늘"),
        ("uptime", "가동률 {n}"),
        ("uptime_of", "{n}의 일별 가동률"),
        ("no_data", "데이터 없음"),
        ("no_uptime", "아직 가동률 데이터가 없습니다"),
        ("affected", "영향을 받는 구성 요소"),
        ("impact", "영향"),
        ("status", "상태"),
        ("duration", "지속 시간"),
        ("ongoing", "진행 중"),
        ("ongoing_paren", " (진행 중)"),
        ("started", "시작"),
        ("resolved_at", "해결"),
        ("updates", "업데이트"),
        ("latest_update", "최신 업데이트"),
        ("window", "작업 시간"),
        ("phase", "단계"),
        ("uptime_history", "지난 12개월 가동률"),
        ("incidents", "인시던트"),
        ("no_incidents", "이 구성 요소에 영향을 준 인시던트가 없습니다."),
        ("maintenances", "유지 보수"),
        ("component_feeds", "이 구성 요소의 피드"),
        ("newer", "더 최근 인시던트"),
        ("older", "이전 인시던트"),
        ("page_of.other", "{n}페이지"),
        ("component_history", "{n} 인시던트 기록"),
        ("all_incidents.other", "전체 인시던트 {n}건"),
        ("no_history", "보고된 인시던트가 없습니다."),
        ("not_found", "페이지를 찾을 수 없습니다"),
        (
            "not_found_text",
            "이 주소에는 아무것도 없습니다. 모든 서비스의 현재 상태는 첫 페이지에서 확인할 수 있습니다.",
        ),
        ("powered_by", "statusforge로 제작"),
        ("pagination", "페이지 탐색"),
        ("links", "링크"),
        ("days_in_zone", "가동률 날짜는 {n} 시간 기준입니다."),
        ("local_times", "다른 시간은 사용자의 시간대로 표시됩니다."),
        ("embed_view", "상태 보기"),
        ("embed_dismiss", "닫기"),
        ("notices", "공지"),
        ("notice", "공지"),
        ("notice_since", "시작"),
        ("notice_from", "시작"),
        ("notice_until", "종료"),
        ("notice_ended", "종료됨"),
        ("concerns", "대상"),
        ("colon", ": "),
        ("comma", ", "),
        ("arrow_forward", "→"),
        ("arrow_back", "←"),
        ("unit.day.other", "{n}일"),
        ("unit.hour.other", "{n}시간"),
        ("unit.minute.other", "{n}분"),
        ("component.operational", "정상 작동"),
        ("component.under_maintenance", "유지 보수 중"),
        ("component.degraded_performance", "성능 저하"),
        ("component.partial_outage", "부분 장애"),
        ("component.major_outage", "주요 장애"),
        ("incident.investigating", "조사 중"),
        ("incident.identified", "원인 확인됨"),
        ("incident.monitoring", "모니터링 중"),
        ("incident.resolved", "해결됨"),
        ("incident.postmortem", "사후 분석"),
        ("incident.update", "업데이트"),
        ("maintenance.scheduled", "예정됨"),
        ("maintenance.in_progress", "진행 중"),
        ("maintenance.verifying", "확인 중"),
        ("maintenance.completed", "완료됨"),
        ("maintenance.cancelled", "취소됨"),
        ("maintenance.update", "업데이트"),
        ("phase.upcoming", "예정됨"),
        ("phase.in_progress", "진행 중"),
        ("phase.verifying", "확인 중"),
        ("phase.completed", "완료됨"),
        ("phase.cancelled", "취소됨"),
        ("impact.none", "영향 없음"),
        ("impact.minor", "경미"),
        ("impact.major", "심각"),
        ("impact.critical", "치명적"),
        ("page.all_operational", "모든 시스템 정상 작동 중"),
        ("page.minor_outage", "경미한 서비스 장애"),
        ("page.partially_degraded", "일부 서비스 성능 저하"),
        ("page.partial_outage", "시스템 부분 장애"),
        ("page.major_outage", "시스템 주요 장애"),
        ("page.under_maintenance", "서비스 유지 보수 중"),
        ("feed.component_description", "{site}의 {component} 인시던트 및 유지 보수"),
        ("feed.window", "예정 작업 시간: {start} ~ {end}"),
        ("ics.name", "{site} – 유지 보수"),
        ("ics.description", "{site}의 예정된 유지 보수 시간"),
        ("ics.affected", "영향을 받는 구성 요소: {components}"),
        ("badge.status", "상태"),
        ("badge.uptime.other", "{n}일 가동률"),
        ("badge.no_data", "데이터 없음"),
        ("badge.operational", "정상 작동"),
        ("badge.under_maintenance", "유지 보수 중"),
        ("badge.degraded_performance", "성능 저하"),
        ("badge.partial_outage", "부분 장애"),
        ("badge.major_outage", "주요 장애"),
        ("badge.minor_outage", "경미한 장애"),
        ("notify.site", "상태"),
        ("notify.details", "자세히 보기"),
        ("notify.component_changed", "{component} 상태가 '{old}'에서 '{new}'(으)로 바뀌었습니다."),
    ],
    months: ["1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월"],
    months_short: ["1월", "2월", "3월", "4월", "5월", "6월", "7월", "8월", "9월", "10월", "11월", "12월"],
    weekday_initials: ["일", "월", "화", "수", "목", "금", "토"],
    week_start: 0,
    formats: Formats {
        date: "{year}년 {month}월 {day}일",
        day: "{month}월 {day}일",
        month_year: "{year}년 {month}월",
        datetime: "{date} {time}\u{a0}{zone}",
        first_day: None,
        decimal: '.',
        percent: "{n}%",
        duration_join: " ",
    },
    index: OnceLock::new(),
};

#[cfg(test)]
mod tests {
    use super::LANG;
    use crate::i18n::langs::sample;

    #[test]
    fn dates_are_year_month_day_in_hangul_units() {
        assert_eq!(LANG.datetime(&sample::at(chrono_tz::Asia::Seoul)), "2026년 11월 21일 02:02\u{a0}KST");
        assert_eq!(LANG.day(sample::first_of_december()), "12월 1일");
        assert_eq!(LANG.month(2026, 10), "2026년 11월");
        assert_eq!(LANG.weekdays()[0], "일");
    }

    #[test]
    fn numbers_and_durations() {
        assert_eq!(LANG.percent(99.5), "99.50%");
        let durations = sample::DURATIONS.map(|s| LANG.duration(s));
        assert_eq!(durations, ["2시간 38분", "1일 3시간", "0분", "1시간 1분", "2일"]);
        assert_eq!(LANG.plural("days_ago", 90), "90일 전");
    }
}
