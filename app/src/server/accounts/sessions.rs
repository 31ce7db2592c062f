//! Database-backed sessions. The cookie carries a random 256-bit token; the database keeps only
//! its SHA-256, so a copy of the database cannot be used to sign in.
use crate::server::db::Store;
use axum::http::{header, HeaderMap};
use cookie::{time::Duration, Cookie, SameSite};
use sha2::{Digest, Sha256};

use crate::server::db;
use crate::{model::Me, AppError};

pub const COOKIE_NAME: &str = "kaiwa_session";
const LIFETIME_DAYS: i64 = 30;

/// Starts a new session for `user_id` and returns the `Set-Cookie` value that carries it.
/// The device (`User-Agent`) is kept so its owner can recognise it in settings.
pub async fn start(
    pool: &Store,
    user_id: i64,
    headers: &HeaderMap,
    secure: bool,
) -> Result<String, AppError> {
    let token = crate::server::random::hex::<32>();
    let user_agent: String = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(300)
        .collect();
    let lifetime = LIFETIME_DAYS * 86_400;
    let public_id = crate::server::random::hex::<8>();
    db::sessions::insert(
        pool,
        &token_hash(&token),
        &public_id,
        user_id,
        &user_agent,
        lifetime,
    )
    .await?;
    Ok(cookie(token, Duration::days(LIFETIME_DAYS), secure))
}

/// Ends the session named in `headers`, if any, and returns the `Set-Cookie` value that clears it.
pub async fn end(pool: &Store, headers: &HeaderMap, secure: bool) -> Result<String, AppError> {
    if let Some(token) = token(headers) {
        db::sessions::delete(pool, &token_hash(&token)).await?;
    }
    Ok(cookie(String::new(), Duration::ZERO, secure))
}

/// The signed-in account for a request, if its session cookie is valid.
pub async fn user(pool: &Store, headers: &HeaderMap) -> Result<Option<Me>, AppError> {
    Ok(current(pool, headers).await?.map(|(me, _)| me))
}

/// The signed-in account and the public id of the session the request came with.
pub async fn current(pool: &Store, headers: &HeaderMap) -> Result<Option<(Me, String)>, AppError> {
    match token(headers) {
        Some(token) => db::sessions::user(pool, &token_hash(&token)).await,
        None => Ok(None),
    }
}

/// Whether the session with this public id (a socket's, say) still stands.
pub async fn still_valid(pool: &Store, headers: &HeaderMap, public_id: &str) -> bool {
    matches!(current(pool, headers).await, Ok(Some((_, id))) if id == public_id)
}

/// Cookies are `Secure` when the operator says so, or when a proxy says the request came over
/// HTTPS (a spoofed header can only make the cookie stricter).
pub fn secure_cookies(configured: bool, headers: &HeaderMap) -> bool {
    configured
        || headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|proto| proto.eq_ignore_ascii_case("https"))
}

/// The signed-in account, or `SignInRequired`.
pub async fn require_user(pool: &Store, headers: &HeaderMap) -> Result<Me, AppError> {
    user(pool, headers).await?.ok_or(AppError::SignInRequired)
}

fn token(headers: &HeaderMap) -> Option<String> {
    token_in(headers, COOKIE_NAME)
}

/// The 64-hex-digit token in the cookie called `name`, if the request has one.
pub(crate) fn token_in(headers: &HeaderMap, name: &str) -> Option<String> {
    token_in_cookie(headers, name).filter(|t| t.len() == 64)
}

/// The value of the cookie called `name`, if the request has one.
pub(crate) fn token_in_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

pub(crate) fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn cookie(value: String, max_age: Duration, secure: bool) -> String {
    site_cookie(COOKIE_NAME, value, max_age, secure)
}

/// A cookie for this site's pages only: never readable by scripts, not sent along from other
/// sites' forms.
pub(crate) fn site_cookie(name: &str, value: String, max_age: Duration, secure: bool) -> String {
    Cookie::build((name, value))
        .http_only(true)
        .same_site(SameSite::Lax)
        .path("/")
        .max_age(max_age)
        .secure(secure)
        .build()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use sqlx::SqlitePool;

    fn headers_with(set_cookie: &str) -> HeaderMap {
        let pair = set_cookie.split(';').next().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("theme=dark; {pair}")).unwrap(),
        );
        headers
    }

    async fn alice(pool: &Store) -> Me {
        db::users::insert(pool, "alice", "Alice", "x")
            .await
            .unwrap()
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn a_started_session_finds_its_user_until_it_ends(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        let alice = alice(&pool).await;
        let set_cookie = start(&pool, alice.id, &HeaderMap::new(), false)
            .await
            .unwrap();
        assert!(
            set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
            "{set_cookie}"
        );
        assert!(!set_cookie.contains("Secure"));
        let headers = headers_with(&set_cookie);
        assert_eq!(user(&pool, &headers).await.unwrap(), Some(alice));

        let cleared = end(&pool, &headers, false).await.unwrap();
        assert!(cleared.contains("Max-Age=0"), "{cleared}");
        assert_eq!(user(&pool, &headers).await.unwrap(), None);
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn each_sign_in_gets_a_new_token_and_only_its_hash_is_stored(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        let alice = alice(&pool).await;
        let first = start(&pool, alice.id, &HeaderMap::new(), true)
            .await
            .unwrap();
        let second = start(&pool, alice.id, &HeaderMap::new(), true)
            .await
            .unwrap();
        assert_ne!(first, second);
        assert!(first.contains("Secure"));
        let token = first
            .split(';')
            .next()
            .unwrap()
            .split('=')
            .nth(1)
            .unwrap()
            .to_owned();
        let stored: Vec<Vec<u8>> = crate::server::db::on!(&pool, |p| sqlx::query_scalar(
            "SELECT token_hash FROM sessions"
        )
        .fetch_all(p)
        .await)
        .unwrap();
        assert_eq!(stored.len(), 2);
        assert!(stored
            .iter()
            .all(|h| h.len() == 32 && *h != token.as_bytes()));
    }

    #[test]
    fn cookies_are_secure_when_configured_or_forwarded_over_https() {
        let mut headers = HeaderMap::new();
        assert!(!secure_cookies(false, &headers));
        assert!(secure_cookies(true, &headers));
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(secure_cookies(false, &headers));
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn an_expired_or_unknown_session_is_nobody(pool: SqlitePool) {
        let pool = crate::server::db::Store::for_tests(pool).await;
        let alice = alice(&pool).await;
        let headers = headers_with(
            &start(&pool, alice.id, &HeaderMap::new(), false)
                .await
                .unwrap(),
        );
        crate::server::db::on!(&pool, |p| sqlx::query(
            "UPDATE sessions SET expires_at = unixepoch() - 1"
        )
        .execute(p)
        .await
        .map(|done| done.rows_affected()))
        .unwrap();
        assert_eq!(user(&pool, &headers).await.unwrap(), None);
        let forged = headers_with(&format!("{COOKIE_NAME}={}", "0".repeat(64)));
        assert_eq!(user(&pool, &forged).await.unwrap(), None);
    }
}
