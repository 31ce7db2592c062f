use sqlx::SqlitePool;

use crate::{
    model::{BotEntry, Me},
    AppError,
};

/// A bot to tell about a message, and where.
#[derive(sqlx::FromRow)]
pub struct Listener {
    #[sqlx(flatten)]
    pub bot: Me,
    pub webhook_url: String,
    pub allow_private: bool,
}

/// Turns a fresh account (no password) into a bot with an optional webhook.
pub async fn make_bot(
    pool: &SqlitePool,
    user_id: i64,
    webhook_url: Option<&str>,
    allow_private: bool,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE users SET is_bot = 1, webhook_url = ?, webhook_allow_private = ? WHERE id = ?",
    )
    .bind(webhook_url)
    .bind(allow_private)
    .bind(user_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Bots with a webhook that should hear of a message in `room_id`: members of the room that it
/// mentions, that it is whispered to, or whose direct conversation it is. Never for a bot's own
/// messages (two bots must not talk to each other forever).
pub async fn listeners(
    pool: &SqlitePool,
    room_id: i64,
    author_id: i64,
    mentioned: &[String],
    recipient_id: Option<i64>,
    direct: bool,
) -> Result<Vec<Listener>, AppError> {
    let mentioned = serde_json::to_string(mentioned).unwrap_or_else(|_| "[]".into());
    Ok(sqlx::query_as(
        "SELECT u.id, u.username, u.display_name, u.is_admin, u.webhook_url,
            u.webhook_allow_private AS allow_private
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.room_id = ?1 AND u.is_bot AND u.webhook_url IS NOT NULL
           AND u.deactivated_at IS NULL AND u.deleted_at IS NULL AND u.id != ?2
           AND NOT (SELECT is_bot FROM users WHERE id = ?2)
           AND (u.username IN (SELECT value FROM json_each(?3)) OR u.id = ?4 OR ?5)",
    )
    .bind(room_id)
    .bind(author_id)
    .bind(mentioned)
    .bind(recipient_id)
    .bind(direct)
    .fetch_all(pool)
    .await?)
}

/// Bots by username, for the admin page.
pub async fn all(pool: &SqlitePool) -> Result<Vec<BotEntry>, AppError> {
    Ok(sqlx::query_as(
        "SELECT username, display_name, webhook_url, webhook_allow_private AS allow_private FROM users
         WHERE is_bot AND deleted_at IS NULL ORDER BY username",
    )
    .fetch_all(pool)
    .await?)
}
