use super::*;

const TOKYO: Option<&str> = Some("Asia/Tokyo");

/// Milliseconds of a UTC time written as RFC 3339.
fn at(rfc3339: &str) -> i64 {
    parse_instant(rfc3339).expect(rfc3339)
}

#[test]
fn a_message_from_today_shows_the_time_of_day_in_the_readers_zone() {
    let now = at("2026-12-04T06:00:00Z"); // 15:00 in Tokyo
    let posted = at("2026-12-04T05:05:00Z");
    assert_eq!(clock_text(Lang::Ja, posted, now, TOKYO), "14:05");
    assert_eq!(clock_text(Lang::En, posted, now, TOKYO), "2:05 PM");
}

#[test]
fn without_a_zone_the_time_is_utc_and_says_so() {
    let now = at("2026-12-04T06:00:00Z");
    let posted = at("2026-12-04T00:30:00Z");
    assert_eq!(clock_text(Lang::En, posted, now, None), "12:30 AM UTC");
    assert_eq!(clock_text(Lang::Ja, posted, now, None), "0:30 UTC");
    assert_eq!(
        full_text(Lang::En, posted, None),
        "Dec 4, 2026, 12:30 AM UTC"
    );
    assert_eq!(full_text(Lang::Ja, posted, None), "2026年12月4日 0:30 UTC");
}

#[test]
fn older_messages_carry_their_day() {
    let now = at("2026-12-04T06:00:00Z");
    // 23:50 on the 3rd in Tokyo: yesterday there, though the same UTC day as `now`… almost.
    let yesterday = at("2026-12-03T14:50:00Z");
    assert_eq!(clock_text(Lang::Ja, yesterday, now, TOKYO), "昨日 23:50");
    assert_eq!(
        clock_text(Lang::En, yesterday, now, TOKYO),
        "Yesterday 11:50 PM"
    );
    let this_year = at("2026-03-01T03:00:00Z");
    assert_eq!(clock_text(Lang::Ja, this_year, now, TOKYO), "3月1日 12:00");
    assert_eq!(
        clock_text(Lang::En, this_year, now, TOKYO),
        "Mar 1, 12:00 PM"
    );
    let last_year = at("2025-12-31T14:59:00Z");
    assert_eq!(
        clock_text(Lang::Ja, last_year, now, TOKYO),
        "2025年12月31日 23:59"
    );
    assert_eq!(
        clock_text(Lang::En, last_year, now, TOKYO),
        "Dec 31, 2025, 11:59 PM"
    );
}

#[test]
fn relative_times_count_up_then_become_dates() {
    let now = at("2026-12-04T06:00:00Z");
    let ago = |minutes: i64| now - minutes * 60_000;
    let cases = [
        (0, "just now", "たった今"),
        (1, "1 minute ago", "1分前"),
        (3, "3 minutes ago", "3分前"),
        (59, "59 minutes ago", "59分前"),
        (60, "1 hour ago", "1時間前"),
        (5 * 60, "5 hours ago", "5時間前"),
        (20 * 60, "yesterday", "昨日"),
        (3 * 24 * 60, "3 days ago", "3日前"),
        (30 * 24 * 60, "Nov 4", "11月4日"),
        (400 * 24 * 60, "Oct 30, 2025", "2025年10月30日"),
    ];
    for (minutes, english, japanese) in cases {
        assert_eq!(
            relative_text(Lang::En, ago(minutes), now, TOKYO),
            english,
            "{minutes} min"
        );
        assert_eq!(
            relative_text(Lang::Ja, ago(minutes), now, TOKYO),
            japanese,
            "{minutes} min"
        );
    }
}

#[test]
fn a_time_slightly_in_the_future_is_just_now() {
    let now = at("2026-12-04T06:00:00Z");
    assert_eq!(relative_text(Lang::En, now + 5_000, now, TOKYO), "just now");
}

#[test]
fn the_full_form_has_date_and_time() {
    let posted = at("2026-12-04T05:05:00Z");
    assert_eq!(full_text(Lang::Ja, posted, TOKYO), "2026年12月4日 14:05");
    assert_eq!(full_text(Lang::En, posted, TOKYO), "Dec 4, 2026, 2:05 PM");
}

#[test]
fn before_hydration_the_clock_uses_the_servers_moment_and_zone() {
    let page = PageContext {
        zone: Some("Asia/Tokyo".into()),
        rendered_at: at("2026-12-04T06:00:00Z"),
        ..PageContext::default()
    };
    let owner = Owner::new();
    owner.with(|| {
        let clock = Clock::new(&page);
        let posted = at("2026-12-04T05:57:00Z");
        // The first render, the one hydration meets, is the server's.
        assert_eq!(
            clock.text(Lang::En, posted, Style::Relative),
            "3 minutes ago"
        );
        // Then the browser's clock and zone take over (what `follow_the_browser` does).
        clock.now.set(at("2026-12-04T07:00:00Z"));
        clock.zone.set(None);
        assert_eq!(clock.text(Lang::En, posted, Style::Relative), "1 hour ago");
        assert_eq!(clock.text(Lang::Ja, posted, Style::Clock), "5:57 UTC");
    });
}
