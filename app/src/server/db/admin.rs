//! What admins (and the `kaiwa admin` commands) read and change about accounts.
use super::Store;

use crate::{
    model::{Me, UserEntry},
    AppError,
};

/// Every account but deleted ones, by username.
pub async fn users(pool: &Store) -> Result<Vec<UserEntry>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        username: String,
        display_name: String,
        is_admin: bool,
        is_bot: bool,
        deactivated: bool,
        created_at: String,
        last_seen: Option<i64>,
    }
    let rows: Vec<Row> = on!(pool, |p| sqlx::query_as(
        "SELECT u.username, u.display_name, u.is_admin, u.is_bot,
            u.deactivated_at IS NOT NULL AS deactivated, u.created_at,
            (SELECT max(coalesce(s.last_seen_at, s.created_at))
             FROM sessions s WHERE s.user_id = u.id) AS last_seen
         FROM users u WHERE u.deleted_at IS NULL ORDER BY u.username",
    )
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|r| UserEntry {
            username: r.username,
            display_name: r.display_name,
            is_admin: r.is_admin,
            is_bot: r.is_bot,
            deactivated: r.deactivated,
            created_at: r.created_at,
            last_seen_at: r.last_seen.map(super::seconds_text),
        })
        .collect())
}

/// An account by username (deactivated ones too, deleted ones not).
pub async fn account(pool: &Store, username: &str) -> Result<Option<Me>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(
        "SELECT id, username, display_name, is_admin FROM users
         WHERE username = $1 AND deleted_at IS NULL",
    )
    .bind(username.trim())
    .fetch_optional(p)
    .await)?)
}

/// Deactivates (ending every session) or reactivates an account.
pub async fn set_deactivated(
    pool: &Store,
    user_id: i64,
    deactivated: bool,
) -> Result<(), AppError> {
    let mut tx = pool.begin_serial().await?;
    on!(&mut tx, |t| sqlx::query(
        "UPDATE users SET deactivated_at = CASE WHEN $2
            THEN coalesce(deactivated_at, $3) END
         WHERE id = $1",
    )
    .bind(user_id)
    .bind(deactivated)
    .bind(super::now_text())
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    if deactivated {
        on!(&mut tx, |t| sqlx::query(
            "DELETE FROM sessions WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(&mut **t)
        .await
        .map(|done| done.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn set_admin(pool: &Store, user_id: i64, is_admin: bool) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE users SET is_admin = $1 WHERE id = $2"
    )
    .bind(is_admin)
    .bind(user_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}
