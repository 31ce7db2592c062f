use super::Store;

use crate::{model::Me, AppError};

/// A session as its owner sees it in settings.
pub struct SessionRow {
    pub public_id: String,
    pub user_agent: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub last_seen_at: String,
}

pub async fn insert(
    pool: &Store,
    token_hash: &[u8],
    public_id: &str,
    user_id: i64,
    user_agent: &str,
    lifetime_secs: i64,
) -> Result<(), AppError> {
    on!(pool, |p| {
        sqlx::query(
        "INSERT INTO sessions (token_hash, public_id, user_id, user_agent, last_seen_at, expires_at)
         VALUES ($1, $2, $3, $4, unixepoch(), unixepoch() + $5)",
    )
    .bind(token_hash)
    .bind(public_id)
    .bind(user_id)
    .bind(user_agent)
    .bind(lifetime_secs)
    .execute(p)
    .await.map(|done| done.rows_affected())
    })?;
    Ok(())
}

/// The account behind an unexpired session, and the session's public id. Marks the session
/// as seen (at most once a minute, so reading pages stays read-only almost always).
pub async fn user(pool: &Store, token_hash: &[u8]) -> Result<Option<(Me, String)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        me: Me,
        public_id: String,
        last_seen_at: i64,
        now: i64,
    }
    let row: Option<Row> = on!(pool, |p| {
        sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.is_admin, s.public_id,
            coalesce(s.last_seen_at, 0) AS last_seen_at, unixepoch() AS now
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > unixepoch() AND u.deleted_at IS NULL AND u.deactivated_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(p)
    .await
    })?;
    let Some(row) = row else { return Ok(None) };
    if row.now - row.last_seen_at >= 60 {
        on!(pool, |p| sqlx::query(
            "UPDATE sessions SET last_seen_at = unixepoch() WHERE token_hash = $1"
        )
        .bind(token_hash)
        .execute(p)
        .await
        .map(|done| done.rows_affected()))?;
    }
    Ok(Some((row.me, row.public_id)))
}

pub async fn delete(pool: &Store, token_hash: &[u8]) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "DELETE FROM sessions WHERE token_hash = $1"
    )
    .bind(token_hash)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

/// `user_id`'s unexpired sessions, most recently used first.
pub async fn of_user(pool: &Store, user_id: i64) -> Result<Vec<SessionRow>, AppError> {
    let rows: Vec<(String, String, i64, i64)> = on!(pool, |p| sqlx::query_as(
        "SELECT public_id, user_agent, created_at, coalesce(last_seen_at, created_at)
         FROM sessions WHERE user_id = $1 AND expires_at > unixepoch()
         ORDER BY coalesce(last_seen_at, created_at) DESC, created_at DESC",
    )
    .bind(user_id)
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(public_id, user_agent, created, seen)| SessionRow {
            public_id,
            user_agent,
            created_at: super::seconds_text(created),
            last_seen_at: super::seconds_text(seen),
        })
        .collect())
}

/// Ends one of `user_id`'s sessions; false if they have none by that id.
pub async fn revoke(pool: &Store, user_id: i64, public_id: &str) -> Result<bool, AppError> {
    let done = on!(pool, |p| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND public_id = $2"
    )
    .bind(user_id)
    .bind(public_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}
