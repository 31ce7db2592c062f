use super::Store;

use crate::{
    model::{Room, RoomKind, RoomSummary},
    AppError,
};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RoomRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub topic: String,
    pub kind: RoomKind,
    pub last_seq: i64,
    pub created_by: Option<i64>,
}

impl RoomRow {
    /// The room as `viewer_name` shows it: a direct conversation is named after the other person.
    pub fn public(&self, direct_name: Option<String>) -> Room {
        Room {
            slug: self.slug.clone(),
            name: direct_name.unwrap_or_else(|| self.name.clone()),
            topic: self.topic.clone(),
            kind: self.kind,
        }
    }
}

const SELECT_ROOM: &str = "SELECT id, slug, name, topic, kind, last_seq, created_by FROM rooms";

pub async fn by_slug(pool: &Store, slug: &str) -> Result<Option<RoomRow>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "{SELECT_ROOM} WHERE slug = $1"
    ))
    .bind(slug)
    .fetch_optional(p)
    .await)?)
}

/// The one read rule, for reader `$1` and room `r`: a member reads the room; anyone else
/// reads a public room, except a guest (who belongs to general and reads nothing else). Every
/// way in goes through it: pages, server functions, the JSON API and the socket (through
/// [`by_slug_for`]), search and exports.
pub fn may_read(reader: &str) -> String {
    format!(
        "(EXISTS (SELECT 1 FROM memberships rm WHERE rm.room_id = r.id AND rm.user_id = {reader})
          OR (r.kind = 'public' AND NOT EXISTS (SELECT 1 FROM users ru
                WHERE ru.id = {reader} AND ru.username LIKE '{}%')))",
        crate::rules::GUEST_PREFIX
    )
}

/// The room at `slug` as `user_id` finds it: how far they have read it if they are a member,
/// and whether they may read it ([`may_read`]).
pub async fn by_slug_for(
    pool: &Store,
    slug: &str,
    user_id: i64,
) -> Result<Option<RoomFor>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "SELECT r.id, r.slug, r.name, r.topic, r.kind, r.last_seq, r.created_by, m.last_read_seq,
                {} AS may_read
         FROM rooms r LEFT JOIN memberships m ON m.room_id = r.id AND m.user_id = $2
         WHERE r.slug = $1",
        may_read("$2")
    ))
    .bind(slug)
    .bind(user_id)
    .fetch_optional(p)
    .await)?)
}

#[derive(sqlx::FromRow)]
pub struct RoomFor {
    #[sqlx(flatten)]
    pub room: RoomRow,
    pub last_read_seq: Option<i64>,
    pub may_read: bool,
}

pub struct NewRoom<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub topic: &'a str,
    pub kind: RoomKind,
    pub created_by: i64,
    pub members: &'a [i64],
}

/// Stores a room with its first members; `None` if the slug is taken.
pub async fn insert(pool: &Store, new: NewRoom<'_>) -> Result<Option<RoomRow>, AppError> {
    let mut tx = pool.begin_serial().await?;
    let inserted = on!(&mut tx, |t| sqlx::query_as::<_, RoomRow>(
        "INSERT INTO rooms (slug, name, topic, kind, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, slug, name, topic, kind, last_seq, created_by",
    )
    .bind(new.slug)
    .bind(new.name)
    .bind(new.topic)
    .bind(new.kind)
    .bind(new.created_by)
    .fetch_one(&mut **t)
    .await);
    let room = match inserted {
        Ok(room) => room,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    for user_id in new.members {
        on!(&mut tx, |t| sqlx::query(
            "INSERT INTO memberships (room_id, user_id) VALUES ($1, $2)"
        )
        .bind(room.id)
        .bind(user_id)
        .execute(&mut **t)
        .await
        .map(|done| done.rows_affected()))?;
    }
    tx.commit().await?;
    Ok(Some(room))
}

/// Deletes the room; its messages and memberships go with it. `note` goes to the other
/// instances in the same transaction.
pub async fn delete(pool: &Store, room_id: i64, note: Option<&str>) -> Result<(), AppError> {
    let mut tx = pool.begin_for_rooms(&[room_id]).await?;
    on!(&mut tx, |t| sqlx::query("DELETE FROM rooms WHERE id = $1")
        .bind(room_id)
        .execute(&mut **t)
        .await
        .map(|done| done.rows_affected()))?;
    if let Some(note) = note {
        tx.notify(note).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// How a list names a room for `$1` (a direct conversation after the other person).
const SUMMARY_COLUMNS: &str = "r.slug,
    CASE WHEN r.kind = 'direct' THEN coalesce((SELECT u.display_name FROM memberships o
        JOIN users u ON u.id = o.user_id WHERE o.room_id = r.id AND o.user_id != $1), '')
    ELSE r.name END AS name,
    r.topic, r.kind";

/// Messages `m` in room `r` from others that member `mb` (user `$1`) can see and has not read.
const UNREAD: &str = "m.room_id = r.id AND m.seq > mb.last_read_seq AND m.author_id != $1
    AND (m.recipient_id IS NULL OR m.recipient_id = $1) AND m.deleted_at IS NULL";

/// The rooms `user_id` belongs to, with unread messages and unread mentions of them: rooms by
/// name, then direct conversations.
pub async fn of_member(pool: &Store, user_id: i64) -> Result<Vec<RoomSummary>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "SELECT * FROM ({}) s ORDER BY s.kind = 'direct', lower(s.name)",
        member_summary()
    ))
    .bind(user_id)
    .fetch_all(p)
    .await)?)
}

/// One of `user_id`'s rooms as their sidebar lists it, counted as [`of_member`] counts.
pub async fn summary(
    pool: &Store,
    room_id: i64,
    user_id: i64,
) -> Result<Option<RoomSummary>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "{} AND r.id = $2",
        member_summary()
    ))
    .bind(user_id)
    .bind(room_id)
    .fetch_optional(p)
    .await)?)
}

/// A member's rooms with their unread counts, each as of the room's `last_seq` read in the same
/// statement (so a client can tell which live messages the count already holds).
fn member_summary() -> String {
    format!(
        "SELECT {SUMMARY_COLUMNS}, TRUE AS is_member, mb.notify, r.last_seq,
        (SELECT count(*) FROM messages m WHERE {UNREAD}) AS unread,
        (SELECT count(*) FROM messages m WHERE {UNREAD}
           AND instr(m.mentioned, (SELECT '\"' || username || '\"' FROM users WHERE id = $1)) > 0
        ) AS mentions
     FROM memberships mb JOIN rooms r ON r.id = mb.room_id WHERE mb.user_id = $1"
    )
}

/// What `user_id` calls each of the rooms at `slugs` (a direct conversation after the other
/// person), as `(slug, name)`; for rooms the caller knows they may read.
pub async fn names(
    pool: &Store,
    user_id: i64,
    slugs: &[&str],
) -> Result<Vec<(String, String)>, AppError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM rooms r WHERE r.slug IN ({})",
        super::params(2, slugs.len())
    );
    let rows: Vec<(String, String, String, RoomKind)> = on!(pool, |p| {
        let mut query = sqlx::query_as(&sql).bind(user_id);
        for slug in slugs {
            query = query.bind(slug);
        }
        query.fetch_all(p).await
    })?;
    Ok(rows
        .into_iter()
        .map(|(slug, name, _, _)| (slug, name))
        .collect())
}

/// Every public room, marking those `user_id` belongs to.
pub async fn public_directory(pool: &Store, user_id: i64) -> Result<Vec<RoomSummary>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}, CAST(0 AS BIGINT) AS unread, CAST(0 AS BIGINT) AS mentions,
            EXISTS (SELECT 1 FROM memberships mb WHERE mb.room_id = r.id AND mb.user_id = $1)
              AS is_member
         FROM rooms r WHERE r.kind = 'public' ORDER BY lower(r.name)"
    ))
    .bind(user_id)
    .fetch_all(p)
    .await)?)
}

/// Rooms both people belong to, as `viewer` names them.
pub async fn shared(pool: &Store, viewer: i64, other: i64) -> Result<Vec<RoomSummary>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(&format!(
        "SELECT * FROM (SELECT {SUMMARY_COLUMNS}, TRUE AS is_member,
            CAST(0 AS BIGINT) AS unread, CAST(0 AS BIGINT) AS mentions
         FROM rooms r
         JOIN memberships a ON a.room_id = r.id AND a.user_id = $1
         JOIN memberships b ON b.room_id = r.id AND b.user_id = $2
        ) s ORDER BY s.kind = 'direct', lower(s.name)"
    ))
    .bind(viewer)
    .bind(other)
    .fetch_all(p)
    .await)?)
}
