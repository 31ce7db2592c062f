use sqlx::SqlitePool;

use crate::{model::Me, AppError};

pub async fn insert(
    pool: &SqlitePool,
    token_hash: &[u8],
    user_id: i64,
    lifetime_secs: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, unixepoch() + ?)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(lifetime_secs)
    .execute(pool)
    .await?;
    Ok(())
}

/// The account behind an unexpired session.
pub async fn user(pool: &SqlitePool, token_hash: &[u8]) -> Result<Option<Me>, AppError> {
    Ok(sqlx::query_as::<_, Me>(
        "SELECT u.id, u.username, u.display_name, u.is_admin
         FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > unixepoch()",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?)
}

pub async fn delete(pool: &SqlitePool, token_hash: &[u8]) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(())
}
