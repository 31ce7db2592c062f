//! The room page's read: the room and its latest messages in one statement.
use super::Store;

use super::rooms::RoomRow;
use crate::{model::Message, AppError};

/// One row of [`room_page`]: the room's columns, and a message's (all `None` for a room with no
/// messages yet).
#[derive(sqlx::FromRow)]
struct PageRow {
    room_id: i64,
    room_slug: String,
    room_name: String,
    room_topic: String,
    room_kind: crate::model::RoomKind,
    room_last_seq: i64,
    room_created_by: Option<i64>,
    id: Option<i64>,
    seq: Option<i64>,
    client_id: Option<String>,
    author_username: Option<String>,
    author_display_name: Option<String>,
    author_deleted: Option<bool>,
    body: Option<String>,
    html: Option<String>,
    #[sqlx(json(nullable))]
    mentioned: Option<Vec<String>>,
    recipient_username: Option<String>,
    recipient_display_name: Option<String>,
    edited: Option<bool>,
    changed: Option<i64>,
    created_at: Option<String>,
}

/// A room and the latest `limit` messages `reader` may see (oldest first) in a single
/// statement, so both come from one snapshot: live updates resume exactly where they end.
pub async fn room_page(
    pool: &Store,
    reader: i64,
    slug: &str,
    limit: i64,
) -> Result<Option<(RoomRow, Vec<Message>)>, AppError> {
    let rows: Vec<PageRow> = on!(pool, |p| sqlx::query_as(
        "WITH room AS (SELECT * FROM rooms WHERE slug = $2)
         SELECT room.id AS room_id, room.slug AS room_slug, room.name AS room_name,
                room.topic AS room_topic, room.kind AS room_kind,
                room.last_seq AS room_last_seq, room.created_by AS room_created_by,
                m.id, m.seq, m.client_id, u.username AS author_username,
                u.display_name AS author_display_name,
                u.deleted_at IS NOT NULL AS author_deleted, m.body, m.html, m.mentioned,
                ru.username AS recipient_username, ru.display_name AS recipient_display_name,
                m.edited_at IS NOT NULL AS edited, m.changed_seq AS changed, m.created_at
         FROM room
         LEFT JOIN (SELECT * FROM messages m WHERE m.room_id = (SELECT id FROM room)
                    AND (m.recipient_id IS NULL OR m.author_id = $1 OR m.recipient_id = $1)
                    AND m.deleted_at IS NULL
                    ORDER BY m.seq DESC LIMIT $3) m ON TRUE
         LEFT JOIN users u ON u.id = m.author_id
         LEFT JOIN users ru ON ru.id = m.recipient_id
         ORDER BY m.seq",
    )
    .bind(reader)
    .bind(slug)
    .bind(limit)
    .fetch_all(p)
    .await)?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let room = RoomRow {
        id: first.room_id,
        slug: first.room_slug.clone(),
        name: first.room_name.clone(),
        topic: first.room_topic.clone(),
        kind: first.room_kind,
        last_seq: first.room_last_seq,
        created_by: first.room_created_by,
    };
    let mut messages: Vec<Message> = rows
        .into_iter()
        .filter_map(|r| {
            Some(Message {
                id: r.id?,
                room: room.slug.clone(),
                seq: r.seq?,
                client_id: r.client_id?,
                author_username: r.author_username?,
                author_display_name: r.author_display_name?,
                author_deleted: r.author_deleted.unwrap_or(false),
                body: r.body?,
                html: r.html.unwrap_or_default(),
                mentioned: r.mentioned.unwrap_or_default(),
                recipient_username: r.recipient_username,
                recipient_display_name: r.recipient_display_name,
                edited: r.edited.unwrap_or(false),
                changed: r.changed.unwrap_or(0),
                reactions: Vec::new(),
                created_at: r.created_at?,
            })
        })
        .collect();
    super::reactions::attach_from(pool, &mut messages).await?;
    Ok(Some((room, messages)))
}
