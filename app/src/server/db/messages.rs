use sqlx::SqlitePool;

use crate::{model::Message, AppError};

const SELECT_MESSAGE: &str = "SELECT m.id, r.slug AS room, m.seq, m.client_id,
        u.username AS author_username, u.display_name AS author_display_name,
        m.body, m.created_at
    FROM messages m JOIN users u ON u.id = m.author_id JOIN rooms r ON r.id = m.room_id";

/// The result of a post: the stored message, and whether this call stored it (false when a
/// message with the same author and client id already existed).
#[derive(Debug)]
pub struct Posted {
    pub message: Message,
    pub is_new: bool,
}

/// Stores a message once per (author, client id), giving it the room's next sequence number in
/// the same transaction.
pub async fn insert_once(
    pool: &SqlitePool,
    room_id: i64,
    author_id: i64,
    client_id: &str,
    body: &str,
) -> Result<Posted, AppError> {
    let mut tx = pool.begin().await?;
    // Writing first takes SQLite's write lock, so the duplicate check below cannot race another
    // writer and the transaction never has to upgrade a read snapshot.
    let seq: i64 = sqlx::query_scalar(
        "UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq",
    )
    .bind(room_id)
    .fetch_one(&mut *tx)
    .await?;

    let existing: Option<Message> = sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.author_id = ? AND m.client_id = ?"
    ))
    .bind(author_id)
    .bind(client_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(message) = existing {
        tx.rollback().await?;
        return Ok(Posted {
            message,
            is_new: false,
        });
    }

    let id: i64 = sqlx::query_scalar(
        "INSERT INTO messages (room_id, seq, author_id, client_id, body) VALUES (?, ?, ?, ?, ?)
         RETURNING id",
    )
    .bind(room_id)
    .bind(seq)
    .bind(author_id)
    .bind(client_id)
    .bind(body)
    .fetch_one(&mut *tx)
    .await?;
    let message = sqlx::query_as(&format!("{SELECT_MESSAGE} WHERE m.id = ?"))
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Posted {
        message,
        is_new: true,
    })
}

/// The latest `limit` messages of a room, oldest first.
pub async fn latest<'c>(
    db: impl sqlx::SqliteExecutor<'c>,
    room_id: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    let mut newest_first: Vec<Message> = sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.room_id = ? ORDER BY m.seq DESC LIMIT ?"
    ))
    .bind(room_id)
    .bind(limit)
    .fetch_all(db)
    .await?;
    newest_first.reverse();
    Ok(newest_first)
}

/// Messages with a sequence number above `after`, in order, at most `limit`.
pub async fn after<'c>(
    db: impl sqlx::SqliteExecutor<'c>,
    room_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.room_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?"
    ))
    .bind(room_id)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await?)
}
