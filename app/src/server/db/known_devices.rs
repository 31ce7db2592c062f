use super::Store;

use crate::AppError;

pub async fn insert(pool: &Store, token_hash: &[u8], user_id: i64) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "INSERT INTO known_devices (token_hash, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    )
    .bind(token_hash)
    .bind(user_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Whether the device with this token has signed in to the account named `username`.
pub async fn knows(pool: &Store, token_hash: &[u8], username: &str) -> Result<bool, AppError> {
    let found: Option<bool> = on!(pool, |p| sqlx::query_scalar(
        "SELECT TRUE FROM known_devices d JOIN users u ON u.id = d.user_id
         WHERE d.token_hash = $1 AND u.username = $2",
    )
    .bind(token_hash)
    .bind(username)
    .fetch_optional(p)
    .await)?;
    Ok(found.is_some())
}
