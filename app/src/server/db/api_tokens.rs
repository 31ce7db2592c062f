use sqlx::SqlitePool;

use crate::{model::Me, AppError};

/// A token as its owner sees it in settings (never the secret).
#[derive(sqlx::FromRow)]
pub struct TokenRow {
    pub public_id: String,
    pub name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub last_used_at: Option<String>,
}

pub async fn insert(
    pool: &SqlitePool,
    token_hash: &[u8],
    public_id: &str,
    user_id: i64,
    name: &str,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO api_tokens (token_hash, public_id, user_id, name) VALUES (?, ?, ?, ?)",
    )
    .bind(token_hash)
    .bind(public_id)
    .bind(user_id)
    .bind(name)
    .execute(pool)
    .await?;
    Ok(())
}

/// The account behind a token and the token's public id. Marks it used (once a minute at most).
pub async fn user(pool: &SqlitePool, token_hash: &[u8]) -> Result<Option<(Me, String)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        me: Me,
        public_id: String,
        stale: bool,
    }
    let row: Option<Row> = sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.is_admin, t.public_id,
            coalesce(t.last_used_at, 0) <= unixepoch() - 60 AS stale
         FROM api_tokens t JOIN users u ON u.id = t.user_id
         WHERE t.token_hash = ? AND u.deleted_at IS NULL AND u.deactivated_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    if row.stale {
        sqlx::query("UPDATE api_tokens SET last_used_at = unixepoch() WHERE token_hash = ?")
            .bind(token_hash)
            .execute(pool)
            .await?;
    }
    Ok(Some((row.me, row.public_id)))
}

/// `user_id`'s tokens, newest first.
pub async fn of_user(pool: &SqlitePool, user_id: i64) -> Result<Vec<TokenRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT public_id, name,
            strftime('%Y-%m-%dT%H:%M:%SZ', created_at, 'unixepoch') AS created_at,
            strftime('%Y-%m-%dT%H:%M:%SZ', last_used_at, 'unixepoch') AS last_used_at
         FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC, rowid DESC",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await?)
}

/// Revokes one of `user_id`'s tokens; false if they have none by that id.
pub async fn revoke(pool: &SqlitePool, user_id: i64, public_id: &str) -> Result<bool, AppError> {
    let done = sqlx::query("DELETE FROM api_tokens WHERE user_id = ? AND public_id = ?")
        .bind(user_id)
        .bind(public_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() > 0)
}
