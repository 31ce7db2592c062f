use sqlx::SqlitePool;

use crate::{model::Member, AppError};

/// Adds a member (everything already in the room counts as read); false if already a member.
pub async fn add(pool: &SqlitePool, room_id: i64, user_id: i64) -> Result<bool, AppError> {
    let done = sqlx::query(
        "INSERT OR IGNORE INTO memberships (room_id, user_id, last_read_seq)
         SELECT id, ?, last_seq FROM rooms WHERE id = ?",
    )
    .bind(user_id)
    .bind(room_id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// False if they were not a member.
pub async fn remove(pool: &SqlitePool, room_id: i64, user_id: i64) -> Result<bool, AppError> {
    let done = sqlx::query("DELETE FROM memberships WHERE room_id = ? AND user_id = ?")
        .bind(room_id)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Everyone in the room, by display name (`online` is left false: presence is not stored).
pub async fn members(pool: &SqlitePool, room_id: i64) -> Result<Vec<Member>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.username, u.display_name FROM memberships m
         JOIN users u ON u.id = m.user_id WHERE m.room_id = ? ORDER BY lower(u.display_name)",
    )
    .bind(room_id)
    .fetch_all(pool)
    .await?)
}

pub async fn member(
    pool: &SqlitePool,
    room_id: i64,
    username: &str,
) -> Result<Option<Member>, AppError> {
    Ok(sqlx::query_as(
        "SELECT u.id, u.username, u.display_name FROM memberships m
         JOIN users u ON u.id = m.user_id WHERE m.room_id = ? AND u.username = ?",
    )
    .bind(room_id)
    .bind(username.trim())
    .fetch_optional(pool)
    .await?)
}

pub async fn member_ids(pool: &SqlitePool, room_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT user_id FROM memberships WHERE room_id = ?")
            .bind(room_id)
            .fetch_all(pool)
            .await?,
    )
}

/// The rooms `user_id` belongs to.
pub async fn room_ids_of(pool: &SqlitePool, user_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(
        sqlx::query_scalar("SELECT room_id FROM memberships WHERE user_id = ?")
            .bind(user_id)
            .fetch_all(pool)
            .await?,
    )
}

/// (room, room slug, member) for every room any of `user_ids` belongs to.
pub async fn rooms_of(
    pool: &SqlitePool,
    user_ids: &[i64],
) -> Result<Vec<(i64, String, i64)>, AppError> {
    let ids = serde_json::to_string(user_ids).map_err(|_| AppError::Internal)?;
    Ok(sqlx::query_as(
        "SELECT m.room_id, r.slug, m.user_id FROM memberships m JOIN rooms r ON r.id = m.room_id
         WHERE m.user_id IN (SELECT value FROM json_each(?))",
    )
    .bind(ids)
    .fetch_all(pool)
    .await?)
}

/// Records that the member has seen the room up to `seq` (never moves backwards).
pub async fn mark_read(
    pool: &SqlitePool,
    room_id: i64,
    user_id: i64,
    seq: i64,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE memberships SET last_read_seq = max(last_read_seq, ?)
         WHERE room_id = ? AND user_id = ?",
    )
    .bind(seq)
    .bind(room_id)
    .bind(user_id)
    .execute(pool)
    .await?;
    Ok(())
}

/// Which of `usernames` belong to members of the room.
pub async fn usernames_among(
    pool: &SqlitePool,
    room_id: i64,
    usernames: &[String],
) -> Result<Vec<String>, AppError> {
    Ok(sqlx::query_scalar(
        "SELECT u.username FROM memberships mb JOIN users u ON u.id = mb.user_id
         WHERE mb.room_id = ? AND u.username IN (SELECT value FROM json_each(?))",
    )
    .bind(room_id)
    .bind(sqlx::types::Json(usernames))
    .fetch_all(pool)
    .await?)
}
