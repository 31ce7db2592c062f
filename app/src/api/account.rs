//! One's own account: name, password, sessions, deletion (the settings page).
use leptos::prelude::*;

use crate::{model::AccountSettings, AppError};

#[server(endpoint = "load_settings")]
pub async fn load_settings() -> Result<AccountSettings, AppError> {
    use crate::server::{
        accounts::account_settings,
        accounts::api_tokens,
        web::request::{request_headers, shown_once},
        AppState,
    };

    let state = AppState::from_context()?;
    let headers = request_headers();
    let mut settings = account_settings::settings(&state, &headers).await?;
    // A token created by the last form post is shown this once.
    let flashed = api_tokens::flashed(&state, &headers).await;
    if let Some((secret, _)) = flashed.filter(|(_, owner)| owner.id == settings.me.id) {
        settings.new_token = Some(secret);
        shown_once(&state, &headers);
    }
    Ok(settings)
}

/// Creates a personal access token; the settings page shows its secret once.
#[server(endpoint = "create_token")]
pub async fn create_token(name: String) -> Result<(), AppError> {
    use crate::server::{accounts::api_tokens, accounts::sessions, web::no_js, web::request};

    let result = request::as_signed_in(async |state, me| {
        let secret = api_tokens::create(state, me, &name).await?;
        let secure =
            sessions::secure_cookies(state.settings.secure_cookies, &request::request_headers());
        request::set_cookie(&api_tokens::flash(Some(&secret), secure));
        Ok(())
    })
    .await;
    no_js::go_to(result, SETTINGS, "tokens", &saved("tokens"))
}

#[server(endpoint = "revoke_token")]
pub async fn revoke_token(token: String) -> Result<(), AppError> {
    use crate::server::{accounts::api_tokens, web::no_js, web::request};

    let result =
        request::as_signed_in(async |state, me| api_tokens::revoke(state, me, &token).await).await;
    no_js::go_to(result, SETTINGS, "tokens", &saved("revoked"))
}

#[server(endpoint = "rename_me")]
pub async fn rename_me(display_name: String) -> Result<(), AppError> {
    use crate::server::{accounts::account_settings, web::no_js, web::request};

    let result = request::as_signed_in(async |state, me| {
        account_settings::rename(state, me, &display_name).await
    })
    .await;
    no_js::go_to(result, SETTINGS, "name", &saved("name"))
}

#[server(endpoint = "change_password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use crate::server::{accounts::account_settings, web::no_js, web::request, AppState};

    let state = AppState::from_context()?;
    let headers = request::request_headers();
    let result = account_settings::change_password(
        &state,
        &request::knock(&state, &headers),
        &current_password,
        &new_password,
    )
    .await;
    no_js::go_to(result, SETTINGS, "password", &saved("password"))
}

/// Signs one of my sessions out; choosing this one signs me out here.
#[server(endpoint = "revoke_session")]
pub async fn revoke_session(session: String) -> Result<(), AppError> {
    use crate::server::{
        accounts::account_settings, accounts::sessions, web::no_js, web::request, AppState,
    };

    let state = AppState::from_context()?;
    let headers = request::request_headers();
    let result = async {
        let (me, current) = sessions::current(&state.pool, &headers)
            .await?
            .ok_or(AppError::SignInRequired)?;
        account_settings::revoke_session(&state, &me, &session).await?;
        Ok(current == session)
    }
    .await;
    match result {
        Ok(true) => signed_out(&state, &headers).await,
        other => no_js::go_to(other.map(|_| ()), SETTINGS, "sessions", &saved("sessions")),
    }
}

/// Deletes my account (my password confirms it); I end up signed out.
#[server(endpoint = "delete_account")]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    use crate::server::{accounts::account_settings, web::no_js, web::request, AppState};

    let state = AppState::from_context()?;
    let headers = request::request_headers();
    let result = async {
        let me = request::current_user(&state).await?;
        account_settings::delete(&state, &request::knock(&state, &headers), &me, &password).await
    }
    .await;
    no_js::report(result, &no_js::with_query(SETTINGS, &[("form", "delete")]))?;
    signed_out(&state, &headers).await
}

pub const SETTINGS: &str = "/settings";

/// Where a form that worked leads: back to the settings, saying what was saved.
#[cfg(feature = "ssr")]
pub(crate) fn saved(form: &str) -> String {
    crate::server::web::no_js::with_query(SETTINGS, &[("saved", form)])
}

/// Clears the session cookie and goes to the sign-in page.
#[cfg(feature = "ssr")]
async fn signed_out(
    state: &crate::server::AppState,
    headers: &axum::http::HeaderMap,
) -> Result<(), AppError> {
    use crate::server::{accounts::sessions, web::request::set_cookie};

    let secure = sessions::secure_cookies(state.settings.secure_cookies, headers);
    set_cookie(&sessions::end(&state.pool, headers, secure).await?);
    leptos_axum::redirect("/signin");
    Ok(())
}
