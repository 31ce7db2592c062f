//! Personal access tokens: created in settings and shown once, stored as a SHA-256, revoked at
//! once (sockets opened with a revoked token close).
use axum::http::HeaderMap;
use cookie::{time::Duration, Cookie, SameSite};

use crate::server::{
    accounts::callers::{self, Credential, TOKEN_PREFIX},
    accounts::sessions::{token_hash, token_in_cookie},
    db, AppState,
};
use crate::{
    model::{Me, TokenInfo},
    rules, AppError,
};

/// A person may hold this many tokens at once.
pub const MAX_PER_PERSON: usize = 20;
/// Carries a new token's secret from the form post to the settings page that shows it once.
const FLASH_COOKIE: &str = "kaiwa_new_token";

/// Creates a token named `name` for `me` and returns its secret.
pub async fn create(state: &AppState, me: &Me, name: &str) -> Result<String, AppError> {
    me.must_have_account()?;
    let name = rules::token_name(name)?;
    if db::api_tokens::of_user(&state.pool, me.id).await?.len() >= MAX_PER_PERSON {
        return Err(AppError::TooManyTokens);
    }
    let secret = format!("{TOKEN_PREFIX}{}", crate::server::random::hex::<32>());
    db::api_tokens::insert(
        &state.pool,
        &token_hash(&secret),
        &crate::server::random::hex::<8>(),
        me.id,
        &name,
    )
    .await?;
    Ok(secret)
}

pub async fn list(state: &AppState, me: &Me) -> Result<Vec<TokenInfo>, AppError> {
    Ok(db::api_tokens::of_user(&state.pool, me.id)
        .await?
        .into_iter()
        .map(|t| TokenInfo {
            id: t.public_id,
            name: t.name,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
        })
        .collect())
}

/// Revokes one of my tokens; requests with it fail from now on and its sockets close.
pub async fn revoke(state: &AppState, me: &Me, id: &str) -> Result<(), AppError> {
    if !db::api_tokens::revoke(&state.pool, me.id, id).await? {
        return Err(AppError::TokenNotFound);
    }
    state.hub.sessions_ended(me.id);
    Ok(())
}

/// The `Set-Cookie` value that hands `secret` to the next page load (or clears it with `None`).
/// HttpOnly, same-site only, and gone after two minutes or the first read.
pub fn flash(secret: Option<&str>, secure: bool) -> String {
    let max_age = secret.map_or(Duration::ZERO, |_| Duration::minutes(2));
    Cookie::build((FLASH_COOKIE, secret.unwrap_or_default().to_owned()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .path("/")
        .max_age(max_age)
        .secure(secure)
        .build()
        .to_string()
}

/// The secret handed over by [`flash`] and whose token it is, if it is a live token.
pub async fn flashed(state: &AppState, headers: &HeaderMap) -> Option<(String, Me)> {
    let secret = token_in_cookie(headers, FLASH_COOKIE)?;
    let mut bearer = HeaderMap::new();
    bearer.insert(
        axum::http::header::AUTHORIZATION,
        format!("Bearer {secret}").parse().ok()?,
    );
    match callers::current(&state.pool, &bearer).await {
        Ok(Some((owner, Credential::Token(_)))) => Some((secret, owner)),
        _ => None,
    }
}
