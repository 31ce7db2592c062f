use super::Store;

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
    pool: &Store,
    user_id: i64,
    webhook_url: Option<&str>,
    allow_private: bool,
) -> Result<(), AppError> {
    on!(pool, |p| {
        sqlx::query(
        "UPDATE users SET is_bot = TRUE, webhook_url = $1, webhook_allow_private = $2 WHERE id = $3",
    )
    .bind(webhook_url)
    .bind(allow_private)
    .bind(user_id)
    .execute(p)
    .await.map(|done| done.rows_affected())
    })?;
    Ok(())
}

/// Bots with a webhook that should hear of a message in `room_id`: members of the room that it
/// mentions, that it is whispered to, or whose direct conversation it is. Never for a bot's own
/// messages (two bots must not talk to each other forever).
pub async fn listeners(
    pool: &Store,
    room_id: i64,
    author_id: i64,
    mentioned: &[String],
    recipient_id: Option<i64>,
    direct: bool,
) -> Result<Vec<Listener>, AppError> {
    let sql = format!(
        "SELECT u.id, u.username, u.display_name, u.is_admin, u.webhook_url,
            u.webhook_allow_private AS allow_private
         FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.room_id = $1 AND u.is_bot AND u.webhook_url IS NOT NULL
           AND u.deactivated_at IS NULL AND u.deleted_at IS NULL AND u.id != $2
           AND NOT (SELECT is_bot FROM users WHERE id = $2)
           AND (u.id = $3 OR $4 OR u.username IN ({}))",
        super::params(5, mentioned.len())
    );
    Ok(on!(pool, |p| {
        let mut query = sqlx::query_as(&sql)
            .bind(room_id)
            .bind(author_id)
            .bind(recipient_id)
            .bind(direct);
        for name in mentioned {
            query = query.bind(name);
        }
        query.fetch_all(p).await
    })?)
}

/// Bots by username, for the admin page.
pub async fn all(pool: &Store) -> Result<Vec<BotEntry>, AppError> {
    Ok(on!(pool, |p| {
        sqlx::query_as(
        "SELECT username, display_name, webhook_url, webhook_allow_private AS allow_private FROM users
         WHERE is_bot AND deleted_at IS NULL ORDER BY username",
    )
    .fetch_all(p)
    .await
    })?)
}
