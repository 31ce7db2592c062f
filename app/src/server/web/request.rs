//! What a server function needs from the request it is handling.
use std::{
    net::{IpAddr, SocketAddr},
    time::Duration,
};

use axum::{
    extract::ConnectInfo,
    http::{
        header::{CACHE_CONTROL, RETRY_AFTER, SET_COOKIE},
        request::Parts,
        HeaderMap, HeaderValue,
    },
};
use leptos::prelude::use_context;

use crate::server::{accounts::api_tokens, accounts::sessions, accounts::sign_in::Knock, AppState};
use crate::{model::Me, AppError};

pub fn request_headers() -> HeaderMap {
    use_context::<Parts>()
        .map(|p| p.headers)
        .unwrap_or_default()
}

pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// The token secret flashed by the last form post is on this response: the flash is cleared,
/// and the response says `no-store`, so no cache keeps it and it is never compressed beside
/// text others wrote (BREACH; see the server's `transfer`).
pub fn shown_once(state: &AppState, headers: &HeaderMap) {
    let secure = sessions::secure_cookies(state.settings.secure_cookies, headers);
    set_cookie(&api_tokens::flash(None, secure));
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.insert_header(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
}

/// The address the request came from: the connection's peer, or behind a reverse proxy the
/// address that proxy appended last to `X-Forwarded-For` (earlier entries are the client's
/// word and could be forged).
pub fn client_address(behind_proxy: bool) -> Option<IpAddr> {
    let parts = use_context::<Parts>()?;
    if behind_proxy {
        return parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .next_back()
            .and_then(|a| a.trim().parse().ok());
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
}

/// Says when to try again (`Retry-After`), beside the error's own status (see
/// `no_js::answer_with_status`; a plain form post is redirected back to its form, with the
/// header).
pub fn retry_after(wait: Duration) {
    let Some(res) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let secs = wait.as_secs().max(1);
    res.insert_header(RETRY_AFTER, HeaderValue::from(secs));
}

/// A password arriving with this request, for the sign-in throttle: its address, its
/// `headers` (read once by the caller) and a `Retry-After` if it must wait.
pub fn knock<'a>(state: &AppState, headers: &'a HeaderMap) -> Knock<'a> {
    Knock {
        address: client_address(state.settings.behind_proxy),
        headers,
        told_to_wait: retry_after,
    }
}

/// The signed-in account, or `SignInRequired`.
pub async fn current_user(state: &AppState) -> Result<Me, AppError> {
    sessions::require_user(&state.pool, &request_headers()).await
}

/// What nearly every server function does first: the app's state and the signed-in account
/// (`SignInRequired` otherwise), then `act` with them. Its result is the function's, for
/// `no_js` to answer a plain form with.
pub async fn as_signed_in<T>(
    act: impl AsyncFnOnce(&AppState, &Me) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let state = AppState::from_context()?;
    let me = current_user(&state).await?;
    act(&state, &me).await
}
