//! Changes to accounts' credentials, as triggers record them (see the migration
//! `credential_changes`).
use sqlx::SqlitePool;

use crate::AppError;

/// The newest change's id (0 if none).
pub async fn latest(pool: &SqlitePool) -> Result<i64, AppError> {
    Ok(
        sqlx::query_scalar("SELECT coalesce(max(id), 0) FROM credential_changes")
            .fetch_one(pool)
            .await?,
    )
}

/// Changes after `after_id`: their ids and accounts, oldest first.
pub async fn after(pool: &SqlitePool, after_id: i64) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, user_id FROM credential_changes WHERE id > ? ORDER BY id LIMIT 10000",
    )
    .bind(after_id)
    .fetch_all(pool)
    .await?)
}

/// Forgets changes older than `seconds` (every server has read them by then).
pub async fn forget_older_than(pool: &SqlitePool, seconds: i64) -> Result<(), AppError> {
    sqlx::query("DELETE FROM credential_changes WHERE changed_at < unixepoch() - ?")
        .bind(seconds)
        .execute(pool)
        .await?;
    Ok(())
}
