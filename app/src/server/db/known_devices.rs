use sqlx::SqlitePool;

use crate::AppError;

pub async fn insert(pool: &SqlitePool, token_hash: &[u8], user_id: i64) -> Result<(), AppError> {
    sqlx::query("INSERT OR IGNORE INTO known_devices (token_hash, user_id) VALUES (?, ?)")
        .bind(token_hash)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Whether the device with this token has signed in to the account named `username`.
pub async fn knows(pool: &SqlitePool, token_hash: &[u8], username: &str) -> Result<bool, AppError> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM known_devices d JOIN users u ON u.id = d.user_id
         WHERE d.token_hash = ? AND u.username = ?",
    )
    .bind(token_hash)
    .bind(username)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}
