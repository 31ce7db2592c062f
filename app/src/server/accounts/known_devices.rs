//! Browsers that have signed in to an account before, remembered by a long-lived cookie that
//! only the sign-in form reads. Sign-in throttling trusts them (see `sign_in_throttle`).
use crate::server::db::Store;
use axum::http::HeaderMap;
use cookie::{time::Duration, Cookie, SameSite};

use crate::server::{
    accounts::sessions::{token_hash, token_in},
    db,
};
use crate::AppError;

const COOKIE_NAME: &str = "kaiwa_device";
/// Only server functions under here see the cookie.
const COOKIE_PATH: &str = "/api";
const LIFETIME_DAYS: i64 = 365;

/// Whether this browser has signed in to `username` before.
pub async fn is_known(pool: &Store, headers: &HeaderMap, username: &str) -> bool {
    let Some(token) = token_in(headers, COOKIE_NAME) else {
        return false;
    };
    db::known_devices::knows(pool, &token_hash(&token), username)
        .await
        .unwrap_or(false)
}

/// Remembers this browser for `user_id` after a successful sign-in. Returns the `Set-Cookie`
/// value when the browser needs a (new) device cookie.
pub async fn remember(
    pool: &Store,
    headers: &HeaderMap,
    user_id: i64,
    secure: bool,
) -> Result<Option<String>, AppError> {
    let (token, new) = match token_in(headers, COOKIE_NAME) {
        Some(token) => (token, false),
        None => (crate::server::random::hex::<32>(), true),
    };
    db::known_devices::insert(pool, &token_hash(&token), user_id).await?;
    Ok(new.then(|| {
        Cookie::build((COOKIE_NAME, token))
            .http_only(true)
            .same_site(SameSite::Lax)
            .path(COOKIE_PATH)
            .max_age(Duration::days(LIFETIME_DAYS))
            .secure(secure)
            .build()
            .to_string()
    }))
}
