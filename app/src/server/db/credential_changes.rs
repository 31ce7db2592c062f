//! Changes to accounts' credentials, as triggers record them (see the migration
//! `credential_changes`).
use super::Store;

use crate::AppError;

/// The newest change's id (0 if none).
pub async fn latest(pool: &Store) -> Result<i64, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(
        "SELECT coalesce(max(id), 0) FROM credential_changes"
    )
    .fetch_one(p)
    .await)?)
}

/// Changes after `after_id`: their ids and accounts, oldest first.
pub async fn after(pool: &Store, after_id: i64) -> Result<Vec<(i64, i64)>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(
        "SELECT id, user_id FROM credential_changes WHERE id > $1 ORDER BY id LIMIT 10000",
    )
    .bind(after_id)
    .fetch_all(p)
    .await)?)
}

/// Forgets changes older than `seconds` (every server has read them by then).
pub async fn forget_older_than(pool: &Store, seconds: i64) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "DELETE FROM credential_changes WHERE changed_at < unixepoch() - $1"
    )
    .bind(seconds)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}
