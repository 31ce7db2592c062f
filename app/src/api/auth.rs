use leptos::prelude::*;

use crate::AppError;

#[server(endpoint = "sign_up")]
pub async fn sign_up(
    username: String,
    display_name: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{accounts, no_js, AppState};

    let state = AppState::from_context()?;
    let result = async {
        let me = accounts::sign_up(&state.pool, &username, &display_name, &password).await?;
        start_session(&state, me.id).await
    }
    .await;
    let mut back = vec![
        ("username", username.as_str()),
        ("display_name", display_name.as_str()),
    ];
    back.extend(next.as_deref().map(|n| ("next", n)));
    no_js::report(result, &no_js::with_query("/signup", &back))?;
    leptos_axum::redirect(&super::local_path(next.as_deref()));
    Ok(())
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(
    username: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{accounts, no_js, AppState};

    let state = AppState::from_context()?;
    let result = async {
        let me = accounts::sign_in(&state.pool, &username, &password).await?;
        start_session(&state, me.id).await
    }
    .await;
    let mut back = vec![("username", username.as_str())];
    back.extend(next.as_deref().map(|n| ("next", n)));
    no_js::report(result, &no_js::with_query("/signin", &back))?;
    leptos_axum::redirect(&super::local_path(next.as_deref()));
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{sessions, AppState};

    let state = AppState::from_context()?;
    let headers = request_headers();
    let cookie = sessions::end(&state.pool, &headers, state.settings.secure_cookies).await?;
    set_cookie(&cookie);
    leptos_axum::redirect("/signin");
    Ok(())
}

/// Replaces any session the browser already had (a fresh id on every sign-in).
#[cfg(feature = "ssr")]
async fn start_session(state: &crate::server::AppState, user_id: i64) -> Result<(), AppError> {
    use crate::server::sessions;

    let secure = state.settings.secure_cookies;
    sessions::end(&state.pool, &request_headers(), secure).await?;
    set_cookie(&sessions::start(&state.pool, user_id, secure).await?);
    Ok(())
}

#[cfg(feature = "ssr")]
fn request_headers() -> axum::http::HeaderMap {
    use_context::<axum::http::request::Parts>()
        .map(|p| p.headers)
        .unwrap_or_default()
}

#[cfg(feature = "ssr")]
fn set_cookie(value: &str) {
    use axum::http::{header::SET_COOKIE, HeaderValue};
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        res.append_header(SET_COOKIE, value);
    }
}

/// The signed-in account, from inside a server function.
#[cfg(feature = "ssr")]
pub async fn current_user(state: &crate::server::AppState) -> Result<crate::model::Me, AppError> {
    crate::server::sessions::user(&state.pool, &request_headers())
        .await?
        .ok_or(AppError::SignInRequired)
}
