//! The admin page: everyone's accounts (deactivate, reactivate) and bots.
use leptos::prelude::*;

use crate::{model::AdminView, AppError};

pub const ADMIN: &str = "/admin";

#[server(endpoint = "load_admin")]
pub async fn load_admin() -> Result<AdminView, AppError> {
    use crate::server::{
        accounts::admin,
        accounts::api_tokens,
        messages::bots,
        web::request::{self, request_headers},
        AppState,
    };

    let state = AppState::from_context()?;
    let me = request::current_user(&state).await?;
    let users = admin::users(&state, &me).await?;
    let bots = bots::list(&state, &me).await?;
    // A bot just created: its token is shown this once.
    let headers = request_headers();
    let flashed = api_tokens::flashed(&state, &headers).await;
    let new_bot_token = flashed
        .filter(|(_, owner)| bots.iter().any(|b| b.username == owner.username))
        .map(|(secret, owner)| (owner.username, secret));
    if new_bot_token.is_some() {
        request::shown_once(&state, &headers);
    }
    Ok(AdminView {
        users,
        bots,
        new_bot_token,
    })
}

/// Deactivates an account: it is signed out everywhere at once and cannot sign in.
#[server(endpoint = "deactivate_user")]
pub async fn deactivate_user(username: String) -> Result<(), AppError> {
    use crate::server::{accounts::admin, web::no_js, web::request};

    let result =
        request::as_signed_in(async |state, me| admin::deactivate(state, me, &username).await)
            .await;
    no_js::stay(result, ADMIN, "users")
}

#[server(endpoint = "reactivate_user")]
pub async fn reactivate_user(username: String) -> Result<(), AppError> {
    use crate::server::{accounts::admin, web::no_js, web::request};

    let result =
        request::as_signed_in(async |state, me| admin::reactivate(state, me, &username).await)
            .await;
    no_js::stay(result, ADMIN, "users")
}

/// Creates a bot with a token (shown once on the admin page) and an optional webhook.
#[server(endpoint = "create_bot")]
pub async fn create_bot(
    username: String,
    display_name: String,
    webhook_url: Option<String>,
    allow_private: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{
        accounts::api_tokens, accounts::sessions, messages::bots, web::no_js, web::request,
    };

    let result = request::as_signed_in(async |state, me| {
        let webhook = webhook_url.as_deref();
        let allow = allow_private.is_some();
        let (_, token) = bots::create(state, me, &username, &display_name, webhook, allow).await?;
        let secure =
            sessions::secure_cookies(state.settings.secure_cookies, &request::request_headers());
        request::set_cookie(&api_tokens::flash(Some(&token), secure));
        Ok(())
    })
    .await;
    no_js::stay(result, ADMIN, "bots")
}
