use sqlx::SqlitePool;

use crate::{i18n::Lang, model::Notify, AppError};

/// The language set by the owner of an unexpired session, if they chose one.
pub async fn language_of_session(
    pool: &SqlitePool,
    token_hash: &[u8],
) -> Result<Option<Lang>, AppError> {
    let code: Option<Option<String>> = sqlx::query_scalar(
        "SELECT u.language FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = ? AND s.expires_at > unixepoch() AND u.deleted_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await?;
    Ok(code.flatten().as_deref().and_then(Lang::from_code))
}

pub async fn language(pool: &SqlitePool, user_id: i64) -> Result<Option<Lang>, AppError> {
    let code: Option<String> = sqlx::query_scalar("SELECT language FROM users WHERE id = ?")
        .bind(user_id)
        .fetch_one(pool)
        .await?;
    Ok(code.as_deref().and_then(Lang::from_code))
}

/// `None`: follow the browser.
pub async fn set_language(
    pool: &SqlitePool,
    user_id: i64,
    lang: Option<Lang>,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET language = ? WHERE id = ?")
        .bind(lang.map(Lang::code))
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn notification_sound(pool: &SqlitePool, user_id: i64) -> Result<bool, AppError> {
    Ok(
        sqlx::query_scalar("SELECT notification_sound FROM users WHERE id = ?")
            .bind(user_id)
            .fetch_one(pool)
            .await?,
    )
}

pub async fn set_notification_sound(
    pool: &SqlitePool,
    user_id: i64,
    on: bool,
) -> Result<(), AppError> {
    sqlx::query("UPDATE users SET notification_sound = ? WHERE id = ?")
        .bind(on)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Which messages in `room_id` notify `user_id`, a member.
pub async fn set_notify(
    pool: &SqlitePool,
    room_id: i64,
    user_id: i64,
    notify: Notify,
) -> Result<(), AppError> {
    sqlx::query("UPDATE memberships SET notify = ? WHERE room_id = ? AND user_id = ?")
        .bind(notify)
        .bind(room_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}
