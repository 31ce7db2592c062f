use super::{reactions, Store};
use crate::{
    model::{LiveEvent, Message},
    AppError,
};

macro_rules! message_columns {
    () => {
        "SELECT m.id, r.slug AS room, m.seq, m.client_id,
            u.username AS author_username, u.display_name AS author_display_name,
            u.deleted_at IS NOT NULL AS author_deleted, m.body, coalesce(m.html, '') AS html, m.mentioned, ru.username AS recipient_username, ru.display_name AS recipient_display_name,
            m.edited_at IS NOT NULL AS edited, coalesce(m.changed_seq, 0) AS changed,
            m.created_at"
    };
}
macro_rules! message_tables {
    () => {
        "FROM messages m JOIN users u ON u.id = m.author_id JOIN rooms r ON r.id = m.room_id
        LEFT JOIN users ru ON ru.id = m.recipient_id"
    };
}
const SELECT_MESSAGE_COLUMNS: &str = message_columns!();
const MESSAGE_TABLES: &str = message_tables!();
/// Selects [`Message`]s (`m` is the message row).
pub(super) const SELECT_MESSAGE: &str = concat!(message_columns!(), " ", message_tables!());

/// A private message is visible to its two people only; `$1` is the reader.
pub(super) const VISIBLE: &str =
    "(m.recipient_id IS NULL OR m.author_id = $1 OR m.recipient_id = $1)";
/// Deleted messages keep a row (for replays) but are no longer shown.
const SHOWN: &str = "m.deleted_at IS NULL";

/// The latest `limit` messages of a room that `reader` may see, oldest first.
pub async fn latest(
    pool: &Store,
    reader: i64,
    room_id: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    before(pool, reader, room_id, i64::MAX, limit).await
}

/// Messages `reader` may see posted after `after`, in order, at most `limit` (their current
/// text; deleted ones left out). For every event after N, see [`events_after`].
pub async fn after(
    pool: &Store,
    reader: i64,
    room_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    let mut messages = in_room(
        pool,
        (reader, room_id),
        Beyond::After("m.seq", after),
        limit,
    )
    .await?;
    reactions::attach_from(pool, &mut messages).await?;
    Ok(messages)
}

/// Up to `limit` messages `reader` may see posted before `before`, oldest first.
pub async fn before(
    pool: &Store,
    reader: i64,
    room_id: i64,
    before: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    let mut messages = in_room(
        pool,
        (reader, room_id),
        Beyond::Before("m.seq", before),
        limit,
    )
    .await?;
    reactions::attach_from(pool, &mut messages).await?;
    Ok(messages)
}

/// Where a stretch of a room's messages starts: after or before a value of a column (`m.seq`,
/// or `m.id` for the order they were stored in).
enum Beyond {
    After(&'static str, i64),
    Before(&'static str, i64),
}

/// Up to `limit` messages of a room that `reader` may see (`$1`, `$2`) and that are still shown,
/// next to where `beyond` says, oldest first (without their reactions).
async fn in_room(
    pool: &Store,
    (reader, room_id): (i64, i64),
    beyond: Beyond,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    let (column, from, compare, order) = match beyond {
        Beyond::After(column, from) => (column, from, ">", "ASC"),
        Beyond::Before(column, from) => (column, from, "<", "DESC"),
    };
    let mut messages: Vec<Message> = on!(pool, |p| sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.room_id = $2 AND {column} {compare} $3 AND {VISIBLE} AND {SHOWN}
         ORDER BY {column} {order} LIMIT $4"
    ))
    .bind(reader)
    .bind(room_id)
    .bind(from)
    .bind(limit)
    .fetch_all(p)
    .await)?;
    if order == "DESC" {
        messages.reverse();
    }
    Ok(messages)
}

/// Whether `reader` may see any message posted before `seq`.
pub async fn exists_before(
    pool: &Store,
    reader: i64,
    room_id: i64,
    seq: i64,
) -> Result<bool, AppError> {
    exists(pool, reader, room_id, "m.seq < $3", seq).await
}

/// Whether `reader` may see any message posted after `seq`.
pub async fn exists_after(
    pool: &Store,
    reader: i64,
    room_id: i64,
    seq: i64,
) -> Result<bool, AppError> {
    exists(pool, reader, room_id, "m.seq > $3", seq).await
}

async fn exists(
    pool: &Store,
    reader: i64,
    room_id: i64,
    condition: &str,
    seq: i64,
) -> Result<bool, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(&format!(
        "SELECT EXISTS (SELECT 1 FROM messages m WHERE m.room_id = $2 AND {condition}
                        AND {VISIBLE} AND {SHOWN})"
    ))
    .bind(reader)
    .bind(room_id)
    .bind(seq)
    .fetch_one(p)
    .await)?)
}

/// For an export: up to `limit` messages of a room that `reader` may see, after message id
/// `after_id`, in the order they were stored (deleted ones left out).
pub async fn of_room_for_export(
    pool: &Store,
    reader: i64,
    room_id: i64,
    after_id: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    in_room(
        pool,
        (reader, room_id),
        Beyond::After("m.id", after_id),
        limit,
    )
    .await
}

/// For an export: up to `limit` of `author`'s own messages in any room, after `after_id`.
pub async fn of_author_for_export(
    pool: &Store,
    author: i64,
    after_id: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.author_id = $1 AND m.id > $2 AND {SHOWN} ORDER BY m.id LIMIT $3"
    ))
    .bind(author)
    .bind(after_id)
    .bind(limit)
    .fetch_all(p)
    .await)?)
}

/// The message posted as `seq`, if `reader` may see it and it is still there.
pub async fn one(
    pool: &Store,
    reader: i64,
    room_id: i64,
    seq: i64,
) -> Result<Option<Message>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.room_id = $2 AND m.seq = $3 AND {VISIBLE} AND {SHOWN}"
    ))
    .bind(reader)
    .bind(room_id)
    .bind(seq)
    .fetch_optional(p)
    .await)?)
}

/// One row of [`events_after`]: a message and its latest change.
#[derive(sqlx::FromRow)]
struct EventRow {
    #[sqlx(flatten)]
    message: Message,
    changed_seq: Option<i64>,
    deleted: bool,
}

/// The room's events after `after` that `reader` may see, in sequence order, at most `limit`.
/// Each message appears once, as its latest state: posted, edited (its current text) or deleted.
/// Older events of that message are gone, so a replay may skip numbers.
pub async fn events_after(
    pool: &Store,
    reader: i64,
    room_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<LiveEvent>, AppError> {
    let rows: Vec<EventRow> = on!(pool, |p| sqlx::query_as(&format!(
        "{} , m.changed_seq, m.deleted_at IS NOT NULL AS deleted
         {} WHERE m.room_id = $2 AND (m.seq > $3 OR m.changed_seq > $3) AND {VISIBLE}
         ORDER BY coalesce(m.changed_seq, m.seq) LIMIT $4",
        SELECT_MESSAGE_COLUMNS, MESSAGE_TABLES
    ))
    .bind(reader)
    .bind(room_id)
    .bind(after)
    .bind(limit)
    .fetch_all(p)
    .await)?;
    as_events(pool, rows).await
}

/// Rows of messages and their latest change as the events that left them so (with their
/// reactions).
async fn as_events(pool: &Store, rows: Vec<EventRow>) -> Result<Vec<LiveEvent>, AppError> {
    let mut messages: Vec<Message> = rows.iter().map(|r| r.message.clone()).collect();
    reactions::attach_from(pool, &mut messages).await?;
    Ok(rows
        .into_iter()
        .zip(messages)
        .map(|(row, message)| EventRow { message, ..row })
        .map(|row| match row.changed_seq {
            Some(seq) if row.deleted => LiveEvent::MessageDeleted {
                room: row.message.room.clone(),
                seq,
                message_seq: row.message.seq,
            },
            Some(seq) => LiveEvent::MessageChanged {
                room: row.message.room.clone(),
                seq,
                message: row.message,
            },
            None => LiveEvent::posted(row.message),
        })
        .collect())
}

/// For an instance that did not commit them: the room's events numbered in `(after, upto]`, for
/// every reader, in order, each with who may see it (a whisper's author and recipient). A
/// message appears once, as it stood at its latest change; one changed again after `upto` is
/// left for that later change to bring, so nothing beyond `upto` is told early.
pub async fn events_between(
    pool: &Store,
    room_id: i64,
    after: i64,
    upto: i64,
) -> Result<Vec<(LiveEvent, Option<(i64, i64)>)>, AppError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        event: EventRow,
        author_id: i64,
        recipient_id: Option<i64>,
    }
    let rows: Vec<Row> = on!(pool, |p| sqlx::query_as(&format!(
        "{SELECT_MESSAGE_COLUMNS}, m.changed_seq, m.deleted_at IS NOT NULL AS deleted,
            m.author_id, m.recipient_id
         {MESSAGE_TABLES} WHERE m.room_id = $1
           AND coalesce(m.changed_seq, m.seq) > $2 AND coalesce(m.changed_seq, m.seq) <= $3
         ORDER BY coalesce(m.changed_seq, m.seq)"
    ))
    .bind(room_id)
    .bind(after)
    .bind(upto)
    .fetch_all(p)
    .await)?;
    let pairs: Vec<Option<(i64, i64)>> = rows
        .iter()
        .map(|r| r.recipient_id.map(|to| (r.author_id, to)))
        .collect();
    let events = as_events(pool, rows.into_iter().map(|r| r.event).collect()).await?;
    Ok(events.into_iter().zip(pairs).collect())
}
