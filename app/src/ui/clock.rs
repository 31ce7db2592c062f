//! Times as a reader expects them in their language and time zone: "15:30", "昨日 15:30",
//! "Dec 3, 3:30 PM", and relative ones ("3分前", "3 minutes ago").
//!
//! The server renders in the zone the reader's browser last reported (UTC, marked, when it
//! never has) and counts relative times from the moment it rendered. The browser's clock starts
//! from those same two values (the page context), so hydration meets exactly the text the
//! server sent; only then does it switch to the browser's zone and clock, ticking.
use leptos::prelude::*;

use crate::{i18n::Lang, model::PageContext};

#[cfg(feature = "hydrate")]
mod browser;
mod words;

pub use words::{clock_text, full_text, relative_text};

/// The cookie the hydrated page leaves with the reader's zone, for pages rendered later.
pub const ZONE_COOKIE: &str = "kaiwa_tz";

/// Shared by every time on the page.
#[derive(Clone, Copy)]
pub struct Clock {
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
            now: RwSignal::new(page.rendered_at),
            zone: RwSignal::new(page.zone.clone()),
        }
    }

    /// The text for an instant, as the server rendered it until the browser takes over.
    pub fn text(&self, lang: Lang, at_ms: i64, style: Style) -> String {
        let now = self.now.get();
        self.zone.with(|zone| match style {
            Style::Clock => clock_text(lang, at_ms, now, zone.as_deref()),
            Style::Relative => relative_text(lang, at_ms, now, zone.as_deref()),
        })
    }

    /// The full date and time, for a tooltip.
    pub fn full(&self, lang: Lang, at_ms: i64) -> String {
        self.zone
            .with(|zone| full_text(lang, at_ms, zone.as_deref()))
    }

    /// Once hydrated: the browser's zone (told to the server for later pages) and a clock that
    /// ticks every half minute.
    pub fn follow_the_browser(self) {
        #[cfg(feature = "hydrate")]
        {
            let zone = browser::browser_zone();
            if zone.is_some() && zone != self.zone.get_untracked() {
                browser::remember_zone(zone.as_deref().unwrap_or_default());
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
        browser::local_time(at_ms, zone)
    }
}

#[cfg(test)]
mod tests;
