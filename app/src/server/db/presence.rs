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
    let statements = [
        (
            "INSERT INTO online (instance, user_id)
             SELECT $1, id FROM users WHERE id IN ({}) ON CONFLICT DO NOTHING",
            came,
        ),
        (
            "DELETE FROM online WHERE instance = $1 AND user_id IN ({})",
            went,
        ),
    ];
    for (statement, people) in statements {
        if people.is_empty() {
            continue;
        }
        let sql = statement.replace("{}", &params(2, people.len()));
        on!(&mut tx, |t| {
            let mut query = sqlx::query(&sql).bind(instance);
            for id in people {
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

/// `instance` is stopping: everyone only it had is offline at the others' next tick.
pub async fn forget(pool: &Store, instance: &str) -> Result<(), AppError> {
    if pool.is_postgres() {
        on!(pool, |p| sqlx::query("DELETE FROM instances WHERE id = $1")
            .bind(instance)
            .execute(p)
            .await
            .map(|done| done.rows_affected()))?;
    }
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

#[cfg(test)]
mod tests {
    use sqlx::SqlitePool;

    use super::*;
    use crate::server::db::users;

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn someone_is_online_while_an_instance_has_them_and_not_after_it_stops(pool: SqlitePool) {
        let pool = Store::for_tests(pool).await;
        if !pool.is_postgres() {
            return; // One instance knows by itself (see `make test`'s PostgreSQL pass).
        }
        let alice = users::insert(&pool, "alice", "Alice", "x").await.unwrap();
        let bob = users::insert(&pool, "bob", "Bob", "x").await.unwrap();
        sync(&pool, "a", &[alice.id, bob.id], &[]).await.unwrap();
        sync(&pool, "b", &[alice.id], &[]).await.unwrap();
        let mut online = everywhere(&pool).await.unwrap();
        online.sort_unstable();
        assert_eq!(online, [alice.id, bob.id]);

        sync(&pool, "a", &[], &[alice.id]).await.unwrap();
        forget(&pool, "b").await.unwrap();
        assert_eq!(
            everywhere(&pool).await.unwrap(),
            [bob.id],
            "alice was only on a and b"
        );
    }
}
