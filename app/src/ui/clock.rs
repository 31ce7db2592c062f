//! Times as a reader expects them in their language and time zone: "15:30", "昨日 15:30",
//! "Dec 3, 3:30 PM", and relative ones ("3分前", "3 minutes ago").
//!
//! The server renders in the zone the reader's browser last reported (UTC, marked, when it
//! never has) and counts relative times from the moment it rendered. A time component's first
//! render in the browser uses those same two values from the page context, so hydration meets
//! exactly the text the server sent; after that it follows the browser's zone and clock, ticking.
use leptos::prelude::*;

use crate::{i18n::Lang, model::PageContext, tr};

/// The cookie the hydrated page leaves with the reader's zone, for pages rendered later.
pub const ZONE_COOKIE: &str = "kaiwa_tz";

/// Shared by every time on the page.
#[derive(Clone, Copy)]
pub struct Clock {
    rendered_at: i64,
    rendered_zone: StoredValue<Option<String>>,
    now: RwSignal<i64>,
    zone: RwSignal<Option<String>>,
}

/// A wall-clock reading in some zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// For messages: the time of day, with the day when it is not today.
    Clock,
    /// "3 minutes ago", then a date once it is more than a week old.
    Relative,
}

impl Clock {
    pub fn new(page: &PageContext) -> Self {
        Clock {
            rendered_at: page.rendered_at,
            rendered_zone: StoredValue::new(page.zone.clone()),
            now: RwSignal::new(page.rendered_at),
            zone: RwSignal::new(page.zone.clone()),
        }
    }

    /// The text for an instant: as rendered on the server until `live`, then current.
    pub fn text(&self, lang: Lang, at_ms: i64, style: Style, live: bool) -> String {
        let (now, zone) = if live {
            (self.now.get(), self.zone.get())
        } else {
            (self.rendered_at, self.rendered_zone.get_value())
        };
        let zone = zone.as_deref();
        match style {
            Style::Clock => clock_text(lang, at_ms, now, zone),
            Style::Relative => relative_text(lang, at_ms, now, zone),
        }
    }

    /// The full date and time, for a tooltip.
    pub fn full(&self, lang: Lang, at_ms: i64, live: bool) -> String {
        let zone = if live {
            self.zone.get()
        } else {
            self.rendered_zone.get_value()
        };
        full_text(lang, at_ms, zone.as_deref())
    }

    /// Once hydrated: the browser's zone (told to the server for later pages) and a clock that
    /// ticks every half minute.
    pub fn follow_the_browser(self) {
        #[cfg(feature = "hydrate")]
        {
            let zone = local::browser_zone();
            if zone.is_some() && zone != self.rendered_zone.get_value() {
                local::remember_zone(zone.as_deref().unwrap_or_default());
            }
            self.zone.set(zone);
            self.now.set(js_sys::Date::now() as i64);
            let now = self.now;
            let _ = set_interval_with_handle(
                move || now.set(js_sys::Date::now() as i64),
                std::time::Duration::from_secs(30),
            );
        }
    }
}

pub fn use_clock() -> Clock {
    use_context::<Clock>().unwrap_or_else(|| Clock::new(&PageContext::default()))
}

/// Milliseconds since the epoch of an RFC 3339 time as the server stores them.
pub fn parse_instant(at: &str) -> Option<i64> {
    #[cfg(feature = "ssr")]
    {
        at.parse::<jiff::Timestamp>()
            .ok()
            .map(|t| t.as_millisecond())
    }
    #[cfg(not(feature = "ssr"))]
    {
        let ms = js_sys::Date::parse(at);
        (!ms.is_nan()).then_some(ms as i64)
    }
}

/// `at_ms` on the wall clock of `zone` (UTC when unknown).
pub fn local_time(at_ms: i64, zone: Option<&str>) -> LocalTime {
    #[cfg(feature = "ssr")]
    {
        let tz = zone
            .and_then(|z| jiff::tz::TimeZone::get(z).ok())
            .unwrap_or(jiff::tz::TimeZone::UTC);
        let zoned = jiff::Timestamp::from_millisecond(at_ms)
            .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
            .to_zoned_datetime(tz);
        LocalTime {
            year: i32::from(zoned.year()),
            month: zoned.month() as u8,
            day: zoned.day() as u8,
            hour: zoned.hour() as u8,
            minute: zoned.minute() as u8,
        }
    }
    #[cfg(not(feature = "ssr"))]
    {
        local::local_time(at_ms, zone)
    }
}

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

/// The browser's wall clock, through `Intl` (it knows every zone the browser does).
#[cfg(feature = "hydrate")]
mod local {
    use std::cell::RefCell;

    use js_sys::{Array, Function, Object, Reflect};
    use wasm_bindgen::{JsCast, JsValue};

    use super::LocalTime;

    thread_local! {
        static FORMATS: RefCell<Vec<(String, Object)>> = const { RefCell::new(Vec::new()) };
    }

    fn set(object: &Object, key: &str, value: &str) {
        let _ = Reflect::set(object, &key.into(), &value.into());
    }

    /// `new Intl.DateTimeFormat("en-US", {timeZone, numeric fields, 24 hours})`, or `None` for
    /// a zone this browser does not know.
    fn format_for(zone: &str) -> Option<Object> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let constructor: Function = Reflect::get(&intl, &"DateTimeFormat".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let options = Object::new();
        set(&options, "timeZone", zone);
        set(&options, "hourCycle", "h23");
        for field in ["year", "month", "day", "hour", "minute"] {
            set(&options, field, "numeric");
        }
        let args = Array::of2(&"en-US".into(), &options);
        Reflect::construct(&constructor, &args)
            .ok()?
            .dyn_into()
            .ok()
    }

    fn cached_format(zone: &str) -> Option<Object> {
        FORMATS.with(|formats| {
            if let Some((_, f)) = formats.borrow().iter().find(|(z, _)| z == zone) {
                return Some(f.clone());
            }
            let format = format_for(zone)?;
            formats.borrow_mut().push((zone.to_owned(), format.clone()));
            Some(format)
        })
    }

    pub fn local_time(at_ms: i64, zone: Option<&str>) -> LocalTime {
        let date = js_sys::Date::new(&JsValue::from_f64(at_ms as f64));
        let utc = LocalTime {
            year: date.get_utc_full_year() as i32,
            month: (date.get_utc_month() + 1) as u8,
            day: date.get_utc_date() as u8,
            hour: date.get_utc_hours() as u8,
            minute: date.get_utc_minutes() as u8,
        };
        let Some(format) = zone.and_then(cached_format) else {
            return utc;
        };
        let parts = Reflect::get(&format, &"formatToParts".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call1(&format, &date).ok())
            .map(|parts| Array::from(&parts))
            .unwrap_or_default();
        let mut t = utc;
        for part in parts.iter() {
            let kind = Reflect::get(&part, &"type".into())
                .ok()
                .and_then(|v| v.as_string());
            let value = Reflect::get(&part, &"value".into())
                .ok()
                .and_then(|v| v.as_string())
                .and_then(|v| v.parse::<i32>().ok());
            let (Some(kind), Some(value)) = (kind, value) else {
                continue;
            };
            match kind.as_str() {
                "year" => t.year = value,
                "month" => t.month = value as u8,
                "day" => t.day = value as u8,
                "hour" => t.hour = (value % 24) as u8,
                "minute" => t.minute = value as u8,
                _ => {}
            }
        }
        t
    }

    /// The zone the browser runs in, e.g. `Asia/Tokyo`.
    pub fn browser_zone() -> Option<String> {
        let format = js_sys::Intl::DateTimeFormat::new(&Array::new(), &Object::new());
        Reflect::get(&format.resolved_options(), &"timeZone".into())
            .ok()
            .and_then(|z| z.as_string())
    }

    /// Tells the server the reader's zone (a cookie), for the next page it renders.
    pub fn remember_zone(zone: &str) {
        use leptos::prelude::document;
        let cookie = format!(
            "{}={zone}; path=/; max-age=31536000; samesite=lax",
            super::ZONE_COOKIE
        );
        if let Ok(html) = document().dyn_into::<web_sys::HtmlDocument>() {
            let _ = html.set_cookie(&cookie);
        }
    }
}

#[cfg(test)]
mod tests;
