use sqlx::SqlitePool;

use super::rooms::RoomRow;
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

/// One row of [`room_page`]: the room's columns, and a message's (all `None` for a room with no
/// messages yet).
#[derive(sqlx::FromRow)]
struct PageRow {
    room_id: i64,
    room_slug: String,
    room_name: String,
    room_last_seq: i64,
    id: Option<i64>,
    seq: Option<i64>,
    client_id: Option<String>,
    author_username: Option<String>,
    author_display_name: Option<String>,
    body: Option<String>,
    created_at: Option<String>,
}

/// A room and its latest `limit` messages (oldest first) in a single statement, so both come
/// from one snapshot: the room's `last_seq` is exactly where the messages end.
pub async fn room_page(
    pool: &SqlitePool,
    slug: &str,
    limit: i64,
) -> Result<Option<(RoomRow, Vec<Message>)>, AppError> {
    let rows: Vec<PageRow> = sqlx::query_as(
        "WITH room AS (SELECT id, slug, name, last_seq FROM rooms WHERE slug = ?1)
         SELECT room.id AS room_id, room.slug AS room_slug, room.name AS room_name,
                room.last_seq AS room_last_seq,
                m.id, m.seq, m.client_id, u.username AS author_username,
                u.display_name AS author_display_name, m.body, m.created_at
         FROM room
         LEFT JOIN (SELECT * FROM messages WHERE room_id = (SELECT id FROM room)
                    ORDER BY seq DESC LIMIT ?2) m ON 1
         LEFT JOIN users u ON u.id = m.author_id
         ORDER BY m.seq",
    )
    .bind(slug)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let room = RoomRow {
        id: first.room_id,
        slug: first.room_slug.clone(),
        name: first.room_name.clone(),
        last_seq: first.room_last_seq,
    };
    let messages = rows
        .into_iter()
        .filter_map(|r| {
            Some(Message {
                id: r.id?,
                room: room.slug.clone(),
                seq: r.seq?,
                client_id: r.client_id?,
                author_username: r.author_username?,
                author_display_name: r.author_display_name?,
                body: r.body?,
                created_at: r.created_at?,
            })
        })
        .collect();
    Ok(Some((room, messages)))
}
