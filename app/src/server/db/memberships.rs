use super::Store;

use crate::{model::Member, AppError};

/// Adds a member (everything already in the room counts as read); false if already a member.
/// `note` goes to the other instances if the member was added, in the same transaction.
pub async fn add(
    pool: &Store,
    room_id: i64,
    user_id: i64,
    note: Option<&str>,
) -> Result<bool, AppError> {
    let statement = "INSERT INTO memberships (room_id, user_id, last_read_seq)
         SELECT id, $1, last_seq FROM rooms WHERE id = $2 ON CONFLICT DO NOTHING";
    change(pool, room_id, user_id, statement, note).await
}

/// False if they were not a member. `note` as for [`add`].
pub async fn remove(
    pool: &Store,
    room_id: i64,
    user_id: i64,
    note: Option<&str>,
) -> Result<bool, AppError> {
    let statement = "DELETE FROM memberships WHERE user_id = $1 AND room_id = $2";
    change(pool, room_id, user_id, statement, note).await
}

/// Runs `statement` (`$1` the person, `$2` the room) with the room locked as the writer locks
/// it, so a post is checked against the membership before or after the change, never during.
async fn change(
    pool: &Store,
    room_id: i64,
    user_id: i64,
    statement: &str,
    note: Option<&str>,
) -> Result<bool, AppError> {
    let mut tx = pool.begin_for_rooms(&[room_id]).await?;
    let done = on!(&mut tx, |t| sqlx::query(statement)
        .bind(user_id)
        .bind(room_id)
        .execute(&mut **t)
        .await
        .map(|done| done.rows_affected()))?;
    if let (1, Some(note)) = (done, note) {
        tx.notify(note).await?;
    }
    tx.commit().await?;
    Ok(done == 1)
}

/// Everyone in the room, by display name (`online` is left false: presence is not stored).
pub async fn members(pool: &Store, room_id: i64) -> Result<Vec<Member>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(
        "SELECT u.id, u.username, u.display_name FROM memberships m
         JOIN users u ON u.id = m.user_id WHERE m.room_id = $1 ORDER BY lower(u.display_name)",
    )
    .bind(room_id)
    .fetch_all(p)
    .await)?)
}

pub async fn member(
    pool: &Store,
    room_id: i64,
    username: &str,
) -> Result<Option<Member>, AppError> {
    Ok(on!(pool, |p| sqlx::query_as(
        "SELECT u.id, u.username, u.display_name FROM memberships m
         JOIN users u ON u.id = m.user_id WHERE m.room_id = $1 AND u.username = $2",
    )
    .bind(room_id)
    .bind(username.trim())
    .fetch_optional(p)
    .await)?)
}

pub async fn member_ids(pool: &Store, room_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(
        "SELECT user_id FROM memberships WHERE room_id = $1"
    )
    .bind(room_id)
    .fetch_all(p)
    .await)?)
}

/// The rooms `user_id` belongs to.
pub async fn room_ids_of(pool: &Store, user_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(
        "SELECT room_id FROM memberships WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_all(p)
    .await)?)
}

/// (room, room slug, member) for every room any of `user_ids` belongs to.
pub async fn rooms_of(pool: &Store, user_ids: &[i64]) -> Result<Vec<(i64, String, i64)>, AppError> {
    let sql = format!(
        "SELECT m.room_id, r.slug, m.user_id FROM memberships m JOIN rooms r ON r.id = m.room_id
         WHERE m.user_id IN ({})",
        super::params(1, user_ids.len())
    );
    Ok(on!(pool, |p| {
        let mut query = sqlx::query_as(&sql);
        for id in user_ids {
            query = query.bind(id);
        }
        query.fetch_all(p).await
    })?)
}

/// Records that the member has seen the room up to `seq` (never moves backwards).
pub async fn mark_read(pool: &Store, room_id: i64, user_id: i64, seq: i64) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE memberships SET last_read_seq = $1
         WHERE room_id = $2 AND user_id = $3 AND last_read_seq < $1",
    )
    .bind(seq)
    .bind(room_id)
    .bind(user_id)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

/// Which of `usernames` belong to members of the room.
pub async fn usernames_among(
    pool: &Store,
    room_id: i64,
    usernames: &[String],
) -> Result<Vec<String>, AppError> {
    let sql = format!(
        "SELECT u.username FROM memberships mb JOIN users u ON u.id = mb.user_id
         WHERE mb.room_id = $1 AND u.username IN ({})",
        super::params(2, usernames.len())
    );
    Ok(on!(pool, |p| {
        let mut query = sqlx::query_scalar(&sql).bind(room_id);
        for name in usernames {
            query = query.bind(name);
        }
        query.fetch_all(p).await
    })?)
}
