//! Who is online on every instance (PostgreSQL; see the migration `presence`). SQLite has one
//! instance, which knows by itself.
use super::{params, Store};
use crate::AppError;

/// An instance not heard from for this long is gone, and so is everyone only it had.
pub const GONE_AFTER_SECONDS: i64 = 15;

/// Says `instance` is alive, that `came` now have a socket on it and `went` no longer do; then
/// forgets instances gone for a minute.
pub async fn sync(
    pool: &Store,
    instance: &str,
    came: &[i64],
    went: &[i64],
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    on!(&mut tx, |t| sqlx::query(
        "INSERT INTO instances (id, seen_at) VALUES ($1, unixepoch())
         ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at",
    )
    .bind(instance)
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    if !came.is_empty() {
        let sql = format!(
            "INSERT INTO online (instance, user_id)
             SELECT $1, id FROM users WHERE id IN ({}) ON CONFLICT DO NOTHING",
            params(2, came.len())
        );
        on!(&mut tx, |t| {
            let mut query = sqlx::query(&sql).bind(instance);
            for id in came {
                query = query.bind(id);
            }
            query
                .execute(&mut **t)
                .await
                .map(|done| done.rows_affected())
        })?;
    }
    if !went.is_empty() {
        let sql = format!(
            "DELETE FROM online WHERE instance = $1 AND user_id IN ({})",
            params(2, went.len())
        );
        on!(&mut tx, |t| {
            let mut query = sqlx::query(&sql).bind(instance);
            for id in went {
                query = query.bind(id);
            }
            query
                .execute(&mut **t)
                .await
                .map(|done| done.rows_affected())
        })?;
    }
    on!(&mut tx, |t| sqlx::query(
        "DELETE FROM instances WHERE seen_at < unixepoch() - 60"
    )
    .execute(&mut **t)
    .await
    .map(|done| done.rows_affected()))?;
    tx.commit().await?;
    Ok(())
}

/// Everyone with a socket on a live instance.
pub async fn everywhere(pool: &Store) -> Result<Vec<i64>, AppError> {
    Ok(on!(pool, |p| sqlx::query_scalar(
        "SELECT DISTINCT o.user_id FROM online o JOIN instances i ON i.id = o.instance
         WHERE i.seen_at >= unixepoch() - $1",
    )
    .bind(GONE_AFTER_SECONDS)
    .fetch_all(p)
    .await)?)
}
