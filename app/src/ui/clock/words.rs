//! Times in words, in a language and a zone.
use super::{local_time, LocalTime};
use crate::{i18n::Lang, tr};

const DAY_MS: i64 = 86_400_000;

fn same_day(a: LocalTime, b: LocalTime) -> bool {
    (a.year, a.month, a.day) == (b.year, b.month, b.day)
}

/// "15:30" (ja) or "3:30 PM" (en), plus " UTC" when the zone is not the reader's.
fn time_of_day(lang: Lang, t: LocalTime, zone: Option<&str>) -> String {
    let hour12 = match t.hour % 12 {
        0 => 12,
        h => h,
    };
    let half = if t.hour < 12 {
        tr!(lang, "time-am")
    } else {
        tr!(lang, "time-pm")
    };
    let text = tr!(
        lang,
        "time-of-day",
        hour = i64::from(t.hour),
        hour12 = i64::from(hour12),
        minute = format!("{:02}", t.minute),
        half = half
    );
    match zone {
        Some(_) => text,
        None => format!("{text} UTC"),
    }
}

fn date_text(lang: Lang, t: LocalTime, with_year: bool) -> String {
    let (year, month, day) = (i64::from(t.year), i64::from(t.month), i64::from(t.day));
    let month_name = tr!(lang, "month-short", month = month);
    if with_year {
        tr!(
            lang,
            "date-with-year",
            year = year,
            month = month,
            month_name = month_name,
            day = day
        )
    } else {
        tr!(
            lang,
            "date-this-year",
            month = month,
            month_name = month_name,
            day = day
        )
    }
}

/// For a message: "15:30" today, "昨日 15:30", "12月3日 15:30", "2025年12月3日 15:30".
pub fn clock_text(lang: Lang, at_ms: i64, now_ms: i64, zone: Option<&str>) -> String {
    let (at, now) = (local_time(at_ms, zone), local_time(now_ms, zone));
    let time = time_of_day(lang, at, zone);
    if same_day(at, now) {
        time
    } else if same_day(at, local_time(now_ms - DAY_MS, zone)) {
        tr!(lang, "time-yesterday-at", time = time)
    } else {
        let date = date_text(lang, at, at.year != now.year);
        tr!(lang, "time-date-at", date = date, time = time)
    }
}

/// "たった今", "3 minutes ago", "2時間前", "yesterday", "3 days ago", then the date.
pub fn relative_text(lang: Lang, at_ms: i64, now_ms: i64, zone: Option<&str>) -> String {
    let elapsed = now_ms - at_ms;
    let minutes = elapsed / 60_000;
    let (at, now) = (local_time(at_ms, zone), local_time(now_ms, zone));
    if minutes < 1 {
        tr!(lang, "ago-now")
    } else if minutes < 60 {
        tr!(lang, "ago-minutes", n = minutes)
    } else if minutes < 24 * 60 && same_day(at, now) {
        tr!(lang, "ago-hours", n = minutes / 60)
    } else if same_day(at, local_time(now_ms - DAY_MS, zone)) || minutes < 24 * 60 {
        tr!(lang, "ago-yesterday")
    } else if elapsed < 7 * DAY_MS {
        tr!(lang, "ago-days", n = elapsed.div_euclid(DAY_MS).max(2))
    } else {
        date_text(lang, at, at.year != now.year)
    }
}

/// "2026年12月3日 15:30" or "Dec 3, 2026, 3:30 PM".
pub fn full_text(lang: Lang, at_ms: i64, zone: Option<&str>) -> String {
    let at = local_time(at_ms, zone);
    let date = date_text(lang, at, true);
    tr!(
        lang,
        "time-date-at",
        date = date,
        time = time_of_day(lang, at, zone)
    )
}
