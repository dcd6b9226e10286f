//! The uptime bars as readers see them: how many, and what the axis under them says.

use crate::common::SiteTest;
use scraper::Selector;

/// The axis names the first bar's day: with one bar that day is today, not "1 day ago";
/// with `n` bars the first is `n - 1` days before today's.
#[test]
fn the_axis_says_how_long_ago_the_first_bar_was() {
    for (days, first) in [(1, ""), (2, "1 day ago"), (90, "89 days ago")] {
        let site = SiteTest::fixture("minimal").file(
            "content/site.yaml",
            &format!("title: Status\nbase_url: https://status.example.com/\ntimezone: UTC\nuptime_days: {days}\n"),
        );
        let built = site.build();
        let index = built.html("index.html");
        let row = Selector::parse(".row").unwrap();
        let row = index.select(&row).next().expect("a component row");
        assert_eq!(row.select(&Selector::parse(".bars > li").unwrap()).count(), days, "{days} days");
        let axis: Vec<String> =
            row.select(&Selector::parse(".axis span").unwrap()).map(|s| s.text().collect::<String>()).collect();
        assert_eq!(axis.first().map(String::as_str), Some(first), "{days} days: {axis:?}");
        assert_eq!(axis.last().map(String::as_str), Some("Today"), "{days} days: {axis:?}");
    }
}
