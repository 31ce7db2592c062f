//! What admins (and the `kaiwa admin` commands) read and change about accounts.
use sqlx::SqlitePool;

use crate::{
    model::{Me, UserEntry},
    AppError,
};

/// Every account but deleted ones, by username.
pub async fn users(pool: &SqlitePool) -> Result<Vec<UserEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.username, u.display_name, u.is_admin, u.is_bot,
            u.deactivated_at IS NOT NULL AS deactivated,
            u.created_at,
            (SELECT strftime('%Y-%m-%dT%H:%M:%SZ', max(coalesce(s.last_seen_at, s.created_at)), 'unixepoch')
             FROM sessions s WHERE s.user_id = u.id) AS last_seen_at
         FROM users u WHERE u.deleted_at IS NULL ORDER BY u.username",
    )
    .fetch_all(pool)
    .await?)
}

/// An account by username (deactivated ones too, deleted ones not).
pub async fn account(pool: &SqlitePool, username: &str) -> Result<Option<Me>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, username, display_name, is_admin FROM users
         WHERE username = ? AND deleted_at IS NULL",
    )
    .bind(username.trim())
    .fetch_optional(pool)
    .await?)
}

/// Deactivates (ending every session) or reactivates an account.
pub async fn set_deactivated(
    pool: &SqlitePool,
    user_id: i64,
    deactivated: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query(
        "UPDATE users SET deactivated_at = CASE WHEN ?2
            THEN coalesce(deactivated_at, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) END
         WHERE id = ?1",
    )
    .bind(user_id)
    .bind(deactivated)
    .execute(&mut *tx)
    .await?;
    if deactivated {
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_admin(pool: &SqlitePool, user_id: i64, is_admin: bool) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET is_admin = ? WHERE id = ?")
        .bind(is_admin)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}
