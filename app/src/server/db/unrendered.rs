//! Messages stored before formatting existed, whose HTML is still to be rendered.
use sqlx::SqlitePool;

use crate::AppError;

/// A deleted message has no text to render.
pub async fn clear_deleted(pool: &SqlitePool) -> Result<(), AppError> {
    sqlx::query("UPDATE messages SET html = '' WHERE html IS NULL AND deleted_at IS NOT NULL")
        .execute(pool)
        .await?;
    Ok(())
}

/// Up to `limit` shown messages without HTML after message `after_id`: their id and text.
pub async fn batch(
    pool: &SqlitePool,
    after_id: i64,
    limit: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT id, body FROM messages WHERE id > ? AND html IS NULL ORDER BY id LIMIT ?",
    )
    .bind(after_id)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// Stores a message's HTML, unless the message changed meanwhile (an edit renders its own).
pub async fn store(pool: &SqlitePool, id: i64, body: &str, html: &str) -> Result<(), AppError> {
    sqlx::query("UPDATE messages SET html = ? WHERE id = ? AND body = ? AND html IS NULL")
        .bind(html)
        .bind(id)
        .bind(body)
        .execute(pool)
        .await?;
    Ok(())
}
