//! The reader's language, theme and notifications.
use leptos::prelude::*;

use crate::{
    model::{Notify, Theme},
    AppError,
};

/// Switches the interface to `language` (`en`, `ja`, or `auto`: follow the browser) and goes
/// back to `next`. A page speaks one language, so its form is a plain one: the new language
/// arrives with a fresh page, JavaScript or not.
#[server(endpoint = "set_language")]
pub async fn set_language(language: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::{web::no_js, web::preferences, web::request, AppState};

    let state = AppState::from_context()?;
    let back = super::local_path(next.as_deref());
    let result = preferences::set_language(&state, &request::request_headers(), &language).await;
    let cookie = no_js::report(result, &back)?;
    request::set_cookie(&cookie);
    leptos_axum::redirect(&back);
    Ok(())
}

/// Switches this browser to the light or dark theme, or back to the system's (`system`). The
/// hydrated page applies it in place; a plain form goes back to `next`.
#[server(endpoint = "set_theme")]
pub async fn set_theme(theme: String, next: Option<String>) -> Result<Theme, AppError> {
    use crate::server::{web::no_js, web::preferences, web::request, AppState};

    let state = AppState::from_context()?;
    let back = super::local_path(next.as_deref());
    let result = preferences::set_theme(&state, &request::request_headers(), &theme);
    let (theme, cookie) = no_js::report(result, &back)?;
    request::set_cookie(&cookie);
    no_js::redirect_plain_form(&back);
    Ok(theme)
}

/// Which messages in `room` notify the reader: `all`, `mentions` (with whispers and direct
/// messages) or `nothing`. A plain form comes back to the room.
#[server(endpoint = "set_room_notifications")]
pub async fn set_room_notifications(room: String, notify: String) -> Result<Notify, AppError> {
    use crate::server::{web::no_js, web::preferences, web::request};

    let page = super::room_path(&room);
    let result = request::as_signed_in(async |state, me| {
        preferences::set_room_notify(state, me, &room, &notify).await
    })
    .await;
    let notify = no_js::report(result, &no_js::with_query(&page, &[("form", "notify")]))?;
    no_js::redirect_plain_form(&no_js::with_query(&page, &[("saved", "notify")]));
    Ok(notify)
}

/// Whether desktop notifications make a sound (a checkbox: present means on).
#[server(endpoint = "set_notification_sound")]
pub async fn set_notification_sound(sound: Option<String>) -> Result<(), AppError> {
    use super::account::{saved, SETTINGS};
    use crate::server::{web::no_js, web::preferences, web::request};

    let result = request::as_signed_in(async |state, me| {
        preferences::set_sound(state, me, sound.is_some()).await
    })
    .await;
    no_js::go_to(result, SETTINGS, "sound", &saved("sound"))
}
