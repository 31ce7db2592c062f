//! Times in words, in a language and a zone.
use std::{borrow::Cow, collections::HashMap};

use super::{local_time, LocalTime};
use crate::{
    i18n::{Args, FluentValue, Lang},
    tr,
};

const DAY_MS: i64 = 86_400_000;

fn same_day(a: LocalTime, b: LocalTime) -> bool {
    (a.year, a.month, a.day) == (b.year, b.month, b.day)
}

/// The arguments every time message takes: "15:30" needs hour and minute, "3:30 PM" hour12 and
/// half, dates year, month and day. Each time is then one lookup of the message for its shape.
fn args(t: LocalTime) -> Args {
    let hour12 = match t.hour % 12 {
        0 => 12,
        h => h,
    };
    let half = if t.hour < 12 { "am" } else { "pm" };
    HashMap::from([
        (Cow::Borrowed("year"), FluentValue::from(t.year)),
        (Cow::Borrowed("month"), FluentValue::from(t.month)),
        (Cow::Borrowed("day"), FluentValue::from(t.day)),
        (Cow::Borrowed("hour"), FluentValue::from(t.hour)),
        (Cow::Borrowed("hour12"), FluentValue::from(hour12)),
        (
            Cow::Borrowed("minute"),
            FluentValue::from(format!("{:02}", t.minute)),
        ),
        (Cow::Borrowed("half"), FluentValue::from(half)),
    ])
}

/// A time of day is marked "UTC" when the zone is not the reader's (it always comes last).
fn marked(text: String, zone: Option<&str>) -> String {
    match zone {
        Some(_) => text,
        None => format!("{text} UTC"),
    }
}

fn date_text(lang: Lang, t: LocalTime, with_year: bool) -> String {
    if with_year {
        tr!(lang, "date-with-year", with args(t))
    } else {
        tr!(lang, "date-this-year", with args(t))
    }
}

/// For a message: "15:30" today, "昨日 15:30", "12月3日 15:30", "2025年12月3日 15:30".
pub fn clock_text(lang: Lang, at_ms: i64, now_ms: i64, zone: Option<&str>) -> String {
    let (at, now) = (local_time(at_ms, zone), local_time(now_ms, zone));
    let args = args(at);
    let text = if same_day(at, now) {
        tr!(lang, "time-of-day", with args)
    } else if same_day(at, local_time(now_ms - DAY_MS, zone)) {
        tr!(lang, "time-yesterday-at", with args)
    } else if at.year == now.year {
        tr!(lang, "time-on-date", with args)
    } else {
        tr!(lang, "time-on-date-with-year", with args)
    };
    marked(text, zone)
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
    marked(tr!(lang, "time-on-date-with-year", with args(at)), zone)
}
