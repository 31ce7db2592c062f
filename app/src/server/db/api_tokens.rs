use super::Store;

use crate::{model::Me, AppError};

/// A token as its owner sees it in settings (never the secret).
pub struct TokenRow {
    pub public_id: String,
    pub name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub last_used_at: Option<String>,
}

pub async fn insert(
    pool: &Store,
    token_hash: &[u8],
    public_id: &str,
    user_id: i64,
    name: &str,
) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "INSERT INTO api_tokens (token_hash, public_id, user_id, name) VALUES ($1, $2, $3, $4)",
    )
    .bind(token_hash)
    .bind(public_id)
    .bind(user_id)
    .bind(name)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

/// The account behind a token and the token's public id. Marks it used (once a minute at most).
pub async fn user(pool: &Store, token_hash: &[u8]) -> Result<Option<(Me, String)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        me: Me,
        public_id: String,
        stale: bool,
    }
    let row: Option<Row> = on!(pool, |p| sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.is_admin, t.public_id,
            coalesce(t.last_used_at, 0) <= unixepoch() - 60 AS stale
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = $1 AND u.deleted_at IS NULL AND u.deactivated_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(p)
    .await)?;
    let Some(row) = row else { return Ok(None) };
    if row.stale {
        on!(pool, |p| sqlx::query(
            "UPDATE api_tokens SET last_used_at = unixepoch() WHERE token_hash = $1"
        )
        .bind(token_hash)
        .execute(p)
        .await
        .map(|done| done.rows_affected()))?;
    }
    Ok(Some((row.me, row.public_id)))
}

/// `user_id`'s tokens, newest first.
pub async fn of_user(pool: &Store, user_id: i64) -> Result<Vec<TokenRow>, AppError> {
    let rows: Vec<(String, String, i64, Option<i64>)> = on!(pool, |p| sqlx::query_as(
        "SELECT public_id, name, created_at, last_used_at
         FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, rowid DESC",
    )
    .bind(user_id)
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(public_id, name, created, used)| TokenRow {
            public_id,
            name,
            created_at: super::seconds_text(created),
            last_used_at: used.map(super::seconds_text),
        })
        .collect())
}

/// Revokes one of `user_id`'s tokens; false if they have none by that id.
pub async fn revoke(pool: &Store, user_id: i64, public_id: &str) -> Result<bool, AppError> {
    let done = on!(pool, |p| sqlx::query(
        "DELETE FROM api_tokens WHERE user_id = $1 AND public_id = $2"
    )
    .bind(user_id)
    .bind(public_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(done > 0)
}
