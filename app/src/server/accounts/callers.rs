//! Who is calling: a script or bot with `Authorization: Bearer <token>`, or a browser with its
//! session cookie. A request that sends a bearer token is judged by it alone (a bad token never
//! falls back to a cookie).
use crate::server::db::Store;
use axum::http::{header::AUTHORIZATION, HeaderMap};

use crate::server::{accounts::sessions, db};
use crate::{model::Me, AppError};

/// Every API token starts with this, so leaked ones are easy to spot (and to scan for).
pub const TOKEN_PREFIX: &str = "kaiwa_";

/// What a request signed in with, by public id: a socket checks it again when it may have ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Credential {
    Session(String),
    Token(String),
}

pub async fn current(
    pool: &Store,
    headers: &HeaderMap,
) -> Result<Option<(Me, Credential)>, AppError> {
    match bearer(headers) {
        Some(Some(token)) => Ok(db::api_tokens::user(pool, &sessions::token_hash(token))
            .await?
            .map(|(me, id)| (me, Credential::Token(id)))),
        Some(None) => Ok(None),
        None => Ok(sessions::current(pool, headers)
            .await?
            .map(|(me, id)| (me, Credential::Session(id)))),
    }
}

/// The calling account, or `SignInRequired`.
pub async fn require(pool: &Store, headers: &HeaderMap) -> Result<Me, AppError> {
    current(pool, headers)
        .await?
        .map(|(me, _)| me)
        .ok_or(AppError::SignInRequired)
}

/// Whether `credential` (what `headers` signed in with earlier) still stands.
pub async fn still_valid(pool: &Store, headers: &HeaderMap, credential: &Credential) -> bool {
    matches!(current(pool, headers).await, Ok(Some((_, c))) if c == *credential)
}

/// `Some(Some(token))` for a well-formed bearer token, `Some(None)` for any other
/// `Authorization` header, `None` without one.
fn bearer(headers: &HeaderMap) -> Option<Option<&str>> {
    let value = headers.get(AUTHORIZATION)?;
    Some(
        value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| {
                t.strip_prefix(TOKEN_PREFIX).is_some_and(|hex| {
                    hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit())
                })
            }),
    )
}
