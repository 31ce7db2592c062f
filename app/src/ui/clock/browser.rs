//! The browser's wall clock, through `Intl` (it knows every zone the browser does).
use std::cell::RefCell;

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::{LocalTime, ZONE_COOKIE};

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
        ZONE_COOKIE
    );
    if let Ok(html) = document().dyn_into::<web_sys::HtmlDocument>() {
        let _ = html.set_cookie(&cookie);
    }
}
