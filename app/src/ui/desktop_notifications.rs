//! Desktop notifications and their sound, in the browser. Which messages notify is the room's
//! level (`model::Notify`); they only ever appear while the tab is hidden, and only once the
//! reader has allowed them (settings, or the room's notification form).
#[cfg(feature = "hydrate")]
use leptos::prelude::*;

use crate::{
    i18n::Lang,
    model::{Message, RoomKind, RoomSummary},
    tr,
};

/// What the browser lets the page do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// No notifications in this browser (or not hydrated yet).
    Unsupported,
    /// Not asked yet.
    Ask,
    Granted,
    Denied,
}

/// The title and text of a notification for `message` in `room`.
pub fn notification_text(lang: Lang, room: &RoomSummary, message: &Message) -> (String, String) {
    let author = lang.person(&message.author_display_name);
    let room_name = lang.person(&room.name);
    let title = match room.kind {
        RoomKind::Direct => tr!(lang, "notification-direct-title", author = author),
        _ if message.is_private() => {
            tr!(
                lang,
                "notification-whisper-title",
                author = author,
                room = room_name
            )
        }
        _ => tr!(
            lang,
            "notification-title",
            author = author,
            room = room_name
        ),
    };
    let body: String = message.body.chars().take(200).collect();
    (title, body)
}

/// Notifies of `message` posted in `room` if the tab is hidden and the room's level wants it.
pub fn consider(
    lang: Lang,
    rooms: &[RoomSummary],
    room: &str,
    message: &Message,
    me: &str,
    sound: bool,
) {
    let Some(summary) = rooms.iter().find(|r| r.slug == room) else {
        return;
    };
    if !page_hidden() || !summary.notify.wants(summary.kind, message, me) {
        return;
    }
    if permission() != Permission::Granted {
        return;
    }
    let (title, body) = notification_text(lang, summary, message);
    show(
        &title,
        &body,
        &format!("/rooms/{}?around={}#m-{}", room, message.seq, message.seq),
    );
    if sound {
        beep();
    }
}

#[cfg(feature = "hydrate")]
fn page_hidden() -> bool {
    document().hidden()
}

#[cfg(not(feature = "hydrate"))]
fn page_hidden() -> bool {
    false
}

#[cfg(feature = "hydrate")]
pub fn permission() -> Permission {
    use wasm_bindgen::JsValue;
    use web_sys::{Notification, NotificationPermission};
    let supported =
        js_sys::Reflect::has(&window(), &JsValue::from_str("Notification")).unwrap_or(false);
    if !supported {
        return Permission::Unsupported;
    }
    match Notification::permission() {
        NotificationPermission::Granted => Permission::Granted,
        NotificationPermission::Denied => Permission::Denied,
        _ => Permission::Ask,
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn permission() -> Permission {
    Permission::Unsupported
}

/// Asks the browser (after a click: browsers only ask on a gesture), then reports the answer.
pub fn request_permission(answered: impl Fn(Permission) + 'static) {
    #[cfg(feature = "hydrate")]
    {
        let Ok(promise) = web_sys::Notification::request_permission() else {
            answered(permission());
            return;
        };
        leptos::task::spawn_local(async move {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            answered(permission());
        });
    }
    #[cfg(not(feature = "hydrate"))]
    answered(Permission::Unsupported);
}

/// A notification that, clicked, brings the tab back to the message.
#[cfg(feature = "hydrate")]
fn show(title: &str, body: &str, href: &str) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let options = web_sys::NotificationOptions::new();
    options.set_body(body);
    options.set_tag(href);
    let Ok(notification) = web_sys::Notification::new_with_options(title, &options) else {
        return;
    };
    let href = href.to_owned();
    let on_click = Closure::<dyn Fn()>::new(move || {
        let _ = window().focus();
        let _ = window().location().set_href(&href);
    });
    notification.set_onclick(Some(on_click.as_ref().unchecked_ref()));
    on_click.forget();
}

#[cfg(not(feature = "hydrate"))]
fn show(_title: &str, _body: &str, _href: &str) {}

/// A short, soft two-note chime, made on the spot (no sound file to fetch).
#[cfg(feature = "hydrate")]
pub fn beep() {
    let Ok(context) = web_sys::AudioContext::new() else {
        return;
    };
    let now = context.current_time();
    for (i, frequency) in [880.0_f32, 1320.0].into_iter().enumerate() {
        let (Ok(tone), Ok(volume)) = (context.create_oscillator(), context.create_gain()) else {
            return;
        };
        let start = now + 0.12 * i as f64;
        tone.frequency().set_value(frequency);
        let _ = volume.gain().set_value_at_time(0.12, start);
        let _ = volume
            .gain()
            .exponential_ramp_to_value_at_time(0.001, start + 0.25);
        let _ = tone.connect_with_audio_node(&volume);
        let _ = volume.connect_with_audio_node(&context.destination());
        let _ = tone.start_with_when(start);
        let _ = tone.stop_with_when(start + 0.3);
    }
}

#[cfg(not(feature = "hydrate"))]
pub fn beep() {}

#[cfg(test)]
mod tests;
