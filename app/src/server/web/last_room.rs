//! The room a browser had open last, in a cookie, so `/` (the installed app's start) opens it.
use axum::http::HeaderMap;
use cookie::{time::Duration, Cookie, SameSite};

use crate::server::{accounts::sessions, rooms, AppState};

const COOKIE_NAME: &str = "kaiwa_last_room";
const GENERAL: &str = "/rooms/general";

pub fn cookie(slug: &str) -> String {
    Cookie::build((COOKIE_NAME, slug.to_owned()))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(Duration::days(365))
        .build()
        .to_string()
}

/// `/rooms/<last room>` when the signed-in reader may still read it, else general.
pub async fn path(state: &AppState, headers: &HeaderMap) -> String {
    let Some(slug) = sessions::token_in_cookie(headers, COOKIE_NAME) else {
        return GENERAL.to_owned();
    };
    let plain = !slug.is_empty()
        && slug.len() <= 80
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !plain {
        return GENERAL.to_owned();
    }
    let Ok(Some(me)) = sessions::user(&state.pool, headers).await else {
        return GENERAL.to_owned();
    };
    match rooms::readable(state, &me, &slug).await {
        Ok(_) => format!("/rooms/{slug}"),
        Err(_) => GENERAL.to_owned(),
    }
}
