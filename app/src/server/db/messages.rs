use sqlx::SqlitePool;

use super::rooms::RoomRow;
use crate::{model::Message, AppError};

const SELECT_MESSAGE: &str = "SELECT m.id, r.slug AS room, m.seq, m.client_id,
        u.username AS author_username, u.display_name AS author_display_name,
        m.body, ru.username AS recipient_username, ru.display_name AS recipient_display_name,
        m.created_at
    FROM messages m JOIN users u ON u.id = m.author_id JOIN rooms r ON r.id = m.room_id
    LEFT JOIN users ru ON ru.id = m.recipient_id";

/// A private message is visible to its two people only; `?1` is the reader.
const VISIBLE: &str = "(m.recipient_id IS NULL OR m.author_id = ?1 OR m.recipient_id = ?1)";

/// The result of a post: the stored message, and whether this call stored it (false when a
/// message with the same author and client id already existed).
#[derive(Debug)]
pub struct Posted {
    pub message: Message,
    pub is_new: bool,
}

/// A message to store.
#[derive(Clone, Debug)]
pub struct NewMessage {
    pub room_id: i64,
    pub author_id: i64,
    pub client_id: String,
    pub body: String,
    /// A private message's recipient, who must be a member of the room.
    pub recipient_id: Option<i64>,
}

/// Stores a group of messages in one transaction (group commit). Each is stored once per
/// (author, client id) and gets its room's next sequence number in that transaction; a repeat
/// gets back the message stored the first time and uses up no number. Membership is checked
/// here, in the transaction, so a post can never land after its author left the room.
pub async fn insert_group(
    pool: &SqlitePool,
    group: &[NewMessage],
) -> Result<Vec<Result<Posted, AppError>>, AppError> {
    // IMMEDIATE takes the write lock up front, so the checks below read what is committed and
    // the transaction never has to upgrade a read snapshot.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut posted = Vec::with_capacity(group.len());
    for new in group {
        let existing: Option<Message> = sqlx::query_as(&format!(
            "{SELECT_MESSAGE} WHERE m.author_id = ? AND m.client_id = ?"
        ))
        .bind(new.author_id)
        .bind(&new.client_id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(message) = existing {
            posted.push(Ok(Posted {
                message,
                is_new: false,
            }));
            continue;
        }
        if let Err(refused) = check_members(&mut tx, new).await? {
            posted.push(Err(refused));
            continue;
        }
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (room_id, seq, author_id, client_id, body, recipient_id)
             VALUES (?1, (SELECT last_seq + 1 FROM rooms WHERE id = ?1), ?2, ?3, ?4, ?5)
             RETURNING id",
        )
        .bind(new.room_id)
        .bind(new.author_id)
        .bind(&new.client_id)
        .bind(&new.body)
        .bind(new.recipient_id)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ?")
            .bind(new.room_id)
            .execute(&mut *tx)
            .await?;
        let message = sqlx::query_as(&format!("{SELECT_MESSAGE} WHERE m.id = ?"))
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        posted.push(Ok(Posted {
            message,
            is_new: true,
        }));
    }
    tx.commit().await?;
    Ok(posted)
}

/// The author, and a private message's recipient, must be members of the room.
async fn check_members(
    tx: &mut sqlx::SqliteConnection,
    new: &NewMessage,
) -> Result<Result<(), AppError>, AppError> {
    let (author, recipient): (bool, bool) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM memberships WHERE room_id = ?1 AND user_id = ?2),
                ?3 IS NULL OR EXISTS (SELECT 1 FROM memberships WHERE room_id = ?1 AND user_id = ?3)",
    )
    .bind(new.room_id)
    .bind(new.author_id)
    .bind(new.recipient_id)
    .fetch_one(&mut *tx)
    .await?;
    Ok(match (author, recipient) {
        (false, _) => Err(AppError::NotAMember),
        (true, false) => Err(crate::error::Invalid::Recipient.into()),
        (true, true) => Ok(()),
    })
}

/// The latest `limit` messages of a room that `reader` may see, oldest first.
pub async fn latest<'c>(
    db: impl sqlx::SqliteExecutor<'c>,
    reader: i64,
    room_id: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    let mut newest_first: Vec<Message> = sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.room_id = ?2 AND {VISIBLE} ORDER BY m.seq DESC LIMIT ?3"
    ))
    .bind(reader)
    .bind(room_id)
    .bind(limit)
    .fetch_all(db)
    .await?;
    newest_first.reverse();
    Ok(newest_first)
}

/// Messages `reader` may see with a sequence number above `after`, in order, at most `limit`.
pub async fn after<'c>(
    db: impl sqlx::SqliteExecutor<'c>,
    reader: i64,
    room_id: i64,
    after: i64,
    limit: i64,
) -> Result<Vec<Message>, AppError> {
    Ok(sqlx::query_as(&format!(
        "{SELECT_MESSAGE} WHERE m.room_id = ?2 AND m.seq > ?3 AND {VISIBLE} ORDER BY m.seq LIMIT ?4"
    ))
    .bind(reader)
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
    room_topic: String,
    room_kind: crate::model::RoomKind,
    room_last_seq: i64,
    room_created_by: Option<i64>,
    id: Option<i64>,
    seq: Option<i64>,
    client_id: Option<String>,
    author_username: Option<String>,
    author_display_name: Option<String>,
    body: Option<String>,
    recipient_username: Option<String>,
    recipient_display_name: Option<String>,
    created_at: Option<String>,
}

/// A room and the latest `limit` messages `reader` may see (oldest first) in a single
/// statement, so both come from one snapshot: live updates resume exactly where they end.
pub async fn room_page(
    pool: &SqlitePool,
    reader: i64,
    slug: &str,
    limit: i64,
) -> Result<Option<(RoomRow, Vec<Message>)>, AppError> {
    let rows: Vec<PageRow> = sqlx::query_as(
        "WITH room AS (SELECT * FROM rooms WHERE slug = ?2)
         SELECT room.id AS room_id, room.slug AS room_slug, room.name AS room_name,
                room.topic AS room_topic, room.kind AS room_kind,
                room.last_seq AS room_last_seq, room.created_by AS room_created_by,
                m.id, m.seq, m.client_id, u.username AS author_username,
                u.display_name AS author_display_name, m.body,
                ru.username AS recipient_username, ru.display_name AS recipient_display_name,
                m.created_at
         FROM room
         LEFT JOIN (SELECT * FROM messages m WHERE m.room_id = (SELECT id FROM room)
                    AND (m.recipient_id IS NULL OR m.author_id = ?1 OR m.recipient_id = ?1)
                    ORDER BY m.seq DESC LIMIT ?3) m ON 1
         LEFT JOIN users u ON u.id = m.author_id
         LEFT JOIN users ru ON ru.id = m.recipient_id
         ORDER BY m.seq",
    )
    .bind(reader)
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
        topic: first.room_topic.clone(),
        kind: first.room_kind,
        last_seq: first.room_last_seq,
        created_by: first.room_created_by,
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
                recipient_username: r.recipient_username,
                recipient_display_name: r.recipient_display_name,
                created_at: r.created_at?,
            })
        })
        .collect();
    Ok(Some((room, messages)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new(author_id: i64, client_id: &str, body: &str) -> NewMessage {
        NewMessage {
            room_id: 1,
            author_id,
            client_id: client_id.into(),
            body: body.into(),
            recipient_id: None,
        }
    }

    #[sqlx::test(migrations = "../migrations")]
    async fn a_group_commits_in_order_and_a_repeat_inside_it_is_stored_once(pool: SqlitePool) {
        let alice = super::super::users::insert(&pool, "alice", "Alice", "x")
            .await
            .unwrap();
        let group = [
            new(alice.id, "group-a-01", "one"),
            new(alice.id, "group-b-02", "two"),
            new(alice.id, "group-a-01", "one"),
        ];
        let posted = insert_group(&pool, &group).await.unwrap();
        let seqs: Vec<(i64, bool)> = posted
            .iter()
            .map(|p| p.as_ref().map(|p| (p.message.seq, p.is_new)).unwrap())
            .collect();
        assert_eq!(seqs, vec![(1, true), (2, true), (1, false)]);
        let last_seq: i64 = sqlx::query_scalar("SELECT last_seq FROM rooms WHERE id = 1")
            .fetch_one(&pool)
            .await
            .unwrap();
        assert_eq!(last_seq, 2);
        let next = insert_group(&pool, &[new(alice.id, "group-c-03", "three")])
            .await
            .unwrap();
        assert_eq!(next[0].as_ref().unwrap().message.seq, 3);
    }
}
