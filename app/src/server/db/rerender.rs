//! Messages whose stored HTML is missing (stored before formatting existed) or over today's
//! budget (stored before there was one), to be rendered again.
use sqlx::types::Json;

use super::Store;

use crate::AppError;

/// A deleted message has no text to render.
pub async fn clear_deleted(pool: &Store) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE messages SET html = '' WHERE html IS NULL AND deleted_at IS NOT NULL"
    )
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}

/// A message to render again: its id, text and the mentions it recorded.
pub struct Unrendered {
    pub id: i64,
    pub body: String,
    pub mentioned: Vec<String>,
}

/// Up to `limit` shown messages after message `after_id` without HTML, or with more than
/// `max_html` bytes of it.
pub async fn batch(
    pool: &Store,
    after_id: i64,
    max_html: usize,
    limit: i64,
) -> Result<Vec<Unrendered>, AppError> {
    let rows: Vec<(i64, String, Json<Vec<String>>)> = on!(pool, |p| sqlx::query_as(
        "SELECT id, body, coalesce(mentioned, '[]') FROM messages
         WHERE id > $1 AND (html IS NULL OR octet_length(html) > $2)
         ORDER BY id LIMIT $3",
    )
    .bind(after_id)
    .bind(max_html as i64)
    .bind(limit)
    .fetch_all(p)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, body, Json(mentioned))| Unrendered {
            id,
            body,
            mentioned,
        })
        .collect())
}

/// Stores a message's HTML, unless the message changed meanwhile (an edit renders its own).
pub async fn store(pool: &Store, id: i64, body: &str, html: &str) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query(
        "UPDATE messages SET html = $1 WHERE id = $2 AND body = $3"
    )
    .bind(html)
    .bind(id)
    .bind(body)
    .execute(p)
    .await
    .map(|done| done.rows_affected()))?;
    Ok(())
}
