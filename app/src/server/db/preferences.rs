use super::Store;

use crate::{i18n::Lang, model::Notify, AppError};

/// The language set by the owner of an unexpired session, if they chose one.
pub async fn language_of_session(
    pool: &Store,
    token_hash: &[u8],
) -> Result<Option<Lang>, AppError> {
    let code: Option<Option<String>> = on!(pool, |p| sqlx::query_scalar(
        "SELECT u.language FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > unixepoch() AND u.deleted_at IS NULL",
    )
    .bind(token_hash)
    .fetch_optional(p)
    .await)?;
    Ok(code.flatten().as_deref().and_then(Lang::from_code))
}

pub async fn language(pool: &Store, user_id: i64) -> Result<Option<Lang>, AppError> {
    let code: Option<String> = on!(pool, |p| sqlx::query_scalar(
        "SELECT language FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_one(p)
    .await)?;
    Ok(code.as_deref().and_then(Lang::from_code))
}

/// `None`: follow the browser.
pub async fn set_language(pool: &Store, user_id: i64, lang: Option<Lang>) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE users SET language = $1 WHERE id = $2"
    )
    .bind(lang.map(Lang::code))
    .bind(user_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

pub async fn notification_sound(pool: &Store, user_id: i64) -> Result<bool, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(
        "SELECT notification_sound FROM users WHERE id = $1"
    )
    .bind(user_id)
    .fetch_one(p)
    .await)?)
}

pub async fn set_notification_sound(pool: &Store, user_id: i64, on: bool) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE users SET notification_sound = $1 WHERE id = $2"
    )
    .bind(on)
    .bind(user_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Which messages in `room_id` notify `user_id`, a member.
pub async fn set_notify(
    pool: &Store,
    room_id: i64,
    user_id: i64,
    notify: Notify,
) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE memberships SET notify = $1 WHERE room_id = $2 AND user_id = $3"
    )
    .bind(notify)
    .bind(room_id)
    .bind(user_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}
