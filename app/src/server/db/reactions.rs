use sqlx::{SqliteConnection, SqlitePool};

use crate::{
    model::{message::Reaction, Message},
    AppError,
};

/// Fills in the reactions of `messages` (one query for all of them).
pub async fn attach(db: &mut SqliteConnection, messages: &mut [Message]) -> Result<(), AppError> {
    if messages.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = messages.iter().map(|m| m.id).collect();
    let ids = serde_json::to_string(&ids).map_err(|_| AppError::Internal)?;
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT r.message_id, r.emoji, u.username FROM reactions r
         JOIN users u ON u.id = r.user_id
         WHERE r.message_id IN (SELECT value FROM json_each(?)) ORDER BY r.created_at",
    )
    .bind(ids)
    .fetch_all(&mut *db)
    .await?;
    for (message_id, emoji, username) in rows {
        let Some(message) = messages.iter_mut().find(|m| m.id == message_id) else {
            continue;
        };
        match message.reactions.iter_mut().find(|r| r.emoji == emoji) {
            Some(reaction) => reaction.usernames.push(username),
            None => message.reactions.push(Reaction {
                emoji,
                usernames: vec![username],
            }),
        }
    }
    Ok(())
}

/// [`attach`] with a connection from the pool.
pub async fn attach_from(pool: &SqlitePool, messages: &mut [Message]) -> Result<(), AppError> {
    if messages.is_empty() {
        return Ok(());
    }
    let mut db = pool.acquire().await?;
    attach(&mut db, messages).await
}

/// Sets a reaction: `Some(true)` adds it, `Some(false)` takes it back, `None` toggles it.
/// Returns whether anything changed (adding one that is there changes nothing).
pub async fn set(
    db: &mut SqliteConnection,
    message_id: i64,
    user_id: i64,
    emoji: &str,
    want: Option<bool>,
) -> Result<bool, AppError> {
    let delete = "DELETE FROM reactions WHERE message_id = ? AND user_id = ? AND emoji = ?";
    let insert = "INSERT OR IGNORE INTO reactions (message_id, user_id, emoji) VALUES (?, ?, ?)";
    let run = |statement| {
        sqlx::query(statement)
            .bind(message_id)
            .bind(user_id)
            .bind(emoji)
    };
    Ok(match want {
        Some(true) => run(insert).execute(&mut *db).await?.rows_affected() > 0,
        Some(false) => run(delete).execute(&mut *db).await?.rows_affected() > 0,
        None => {
            if run(delete).execute(&mut *db).await?.rows_affected() == 0 {
                run(insert).execute(&mut *db).await?;
            }
            true
        }
    })
}
