//! Changes a person makes to their own account.
use sqlx::SqlitePool;

use crate::AppError;

pub async fn set_display_name(pool: &SqlitePool, user_id: i64, name: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET display_name = ? WHERE id = ?")
        .bind(name)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn password_hash(pool: &SqlitePool, user_id: i64) -> Result<String, AppError> {
    Ok(
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(pool)
            .await?,
    )
}

/// What a new password ends besides every other session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordChange<'a> {
    /// The person changed it: the session making the change (a public id) stays; their tokens
    /// stay too (scripts they made on purpose, listed in their settings).
    Own { keep: &'a str },
    /// An admin reset it (recovery, perhaps after a theft): every session and token ends.
    Reset,
}

/// Stores a new password hash and ends what `change` says, in one transaction: nothing that
/// should end outlives the old password.
pub async fn set_password(
    pool: &SqlitePool,
    user_id: i64,
    hash: &str,
    change: PasswordChange<'_>,
) -> Result<(), AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query("UPDATE users SET password_hash = ? WHERE id = ?")
        .bind(hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    let keep = match change {
        PasswordChange::Own { keep } => Some(keep),
        PasswordChange::Reset => None,
    };
    sqlx::query("DELETE FROM sessions WHERE user_id = ? AND public_id IS NOT ?")
        .bind(user_id)
        .bind(keep)
        .execute(&mut *tx)
        .await?;
    if change == PasswordChange::Reset {
        sqlx::query("DELETE FROM api_tokens WHERE user_id = ?")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes an account but keeps its row for its messages: the username is released (replaced
/// by one no one can sign up with), the name is emptied (readers see "Deleted user" in their
/// own language, see `i18n::Lang::person`), the password, every
/// session and API token go, and it leaves every room but its direct conversations (which keep showing who
/// the other person was talking to). Returns the rooms it left (id and slug).
pub async fn delete(pool: &SqlitePool, user_id: i64) -> Result<Vec<(i64, String)>, AppError> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    sqlx::query(
        "UPDATE users SET username = '~deleted-' || id, display_name = '',
            password_hash = '', is_admin = 0,
            deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         WHERE id = ?",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    for forget in [
        "DELETE FROM sessions WHERE user_id = ?",
        "DELETE FROM api_tokens WHERE user_id = ?",
        "DELETE FROM known_devices WHERE user_id = ?",
    ] {
        sqlx::query(forget).bind(user_id).execute(&mut *tx).await?;
    }
    let left: Vec<(i64, String)> = sqlx::query_as(
        "SELECT r.id, r.slug FROM memberships m JOIN rooms r ON r.id = m.room_id
         WHERE m.user_id = ? AND r.kind != 'direct'",
    )
    .bind(user_id)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(
        "DELETE FROM memberships WHERE user_id = ?
            AND room_id IN (SELECT id FROM rooms WHERE kind != 'direct')",
    )
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(left)
}
