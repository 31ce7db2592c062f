//! What a server function needs from the request it is handling.
use axum::http::{header::SET_COOKIE, request::Parts, HeaderMap, HeaderValue};
use leptos::prelude::use_context;

use super::{sessions, AppState};
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

/// The signed-in account, or `SignInRequired`.
pub async fn current_user(state: &AppState) -> Result<Me, AppError> {
    sessions::require_user(&state.pool, &request_headers()).await
}
