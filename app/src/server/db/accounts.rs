//! Changes a person makes to their own account.
use super::Store;

use crate::AppError;

pub async fn set_display_name(pool: &Store, user_id: i64, name: &str) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE users SET display_name = $1 WHERE id = $2"
    )
    .bind(name)
    .bind(user_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn password_hash(pool: &Store, user_id: i64) -> Result<String, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(
        "SELECT password_hash FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_one(p)
    .await)?)
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
    pool: &Store,
    user_id: i64,
    hash: &str,
    change: PasswordChange<'_>,
) -> Result<(), AppError> {
    let mut tx = pool.begin_serial().await?;
    on!(&mut tx, |t| sqlx::query(
        "UPDATE users SET password_hash = $1 WHERE id = $2"
    )
    .bind(hash)
    .bind(user_id)
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    let keep = match change {
        PasswordChange::Own { keep } => Some(keep),
        PasswordChange::Reset => None,
    };
    on!(&mut tx, |t| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND public_id IS DISTINCT FROM $2"
    )
    .bind(user_id)
    .bind(keep)
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    if change == PasswordChange::Reset {
        on!(&mut tx, |t| sqlx::query(
            "DELETE FROM api_tokens WHERE user_id = $1"
        )
        .bind(user_id)
        .execute(&mut **t)
        .await
        .map(|done| done.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes an account but keeps its row for its messages: the username is released (replaced
/// by one no one can sign up with), the name is emptied (readers see "Deleted user" in their
/// own language, see `i18n::Lang::person`), the password, every
/// session and API token go, and it leaves every room but its direct conversations (which keep showing who
/// the other person was talking to). Returns the rooms it left (id and slug); `notes` says
/// what to tell the other instances about them, in the same transaction.
pub async fn delete(
    pool: &Store,
    user_id: i64,
    notes: impl FnOnce(&[(i64, String)]) -> Vec<String>,
) -> Result<Vec<(i64, String)>, AppError> {
    let mut tx = pool.begin_serial().await?;
    let left: Vec<(i64, String)> = on!(&mut tx, |t| sqlx::query_as(
        "SELECT r.id, r.slug FROM memberships m JOIN rooms r ON r.id = m.room_id
         WHERE m.user_id = $1 AND r.kind != 'direct'",
    )
    .bind(user_id)
    .fetch_all(&mut **t)
    .await)?;
    // As leaving one room does, so a post is checked against the membership before or after.
    // First: the writer holds these rooms while it stores a message that points at the
    // account's row, which the renaming below locks (rooms then row, in the writer's order).
    let rooms: Vec<i64> = left.iter().map(|(id, _)| *id).collect();
    tx.lock_rooms(&rooms).await?;
    on!(&mut tx, |t| sqlx::query(
        "UPDATE users SET username = '~deleted-' || id, display_name = '',
            password_hash = '', is_admin = FALSE, deleted_at = $2
         WHERE id = $1",
    )
    .bind(user_id)
    .bind(super::now_text())
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    for forget in [
        "DELETE FROM sessions WHERE user_id = $1",
        "DELETE FROM api_tokens WHERE user_id = $1",
        "DELETE FROM known_devices WHERE user_id = $1",
    ] {
        on!(&mut tx, |t| sqlx::query(forget)
            .bind(user_id)
            .execute(&mut **t)
            .await
            .map(|done| done.rows_affected()))?;
    }
    on!(&mut tx, |t| sqlx::query(
        "DELETE FROM memberships WHERE user_id = $1
            AND room_id IN (SELECT id FROM rooms WHERE kind != 'direct')",
    )
    .bind(user_id)
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    for note in notes(&left) {
        tx.notify(&note).await?;
    }
    tx.commit().await?;
    Ok(left)
}
