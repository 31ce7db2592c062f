//! Message search: on SQLite FTS5 with the trigram tokenizer (see its migration for why), on
//! PostgreSQL `pg_trgm`'s index under `ILIKE` patterns.
use std::time::{Duration, Instant};

use super::{Backend, Store};

use super::{
    messages::{SELECT_MESSAGE, VISIBLE},
    rooms::may_read,
};
use crate::{model::Message, AppError};

/// Searches running at once (the search pool's size); others wait up to [`BUDGET`] for one.
pub const AT_ONCE: u32 = 2;
/// The longest one search may run by default: past it, it is stopped inside SQLite and
/// refused, rather than holding a core and a connection for seconds
/// (`Settings::search_budget`).
pub const BUDGET: Duration = Duration::from_secs(2);
/// SQLite instructions between checks of the clock.
const CHECK_EVERY: i32 = 10_000;

/// The newest `limit` messages `reader` may read (the read rule, [`may_read`]) that contain every term (case-insensitive
/// for ASCII). Terms of three characters or more use the index; shorter ones are matched by
/// scanning the indexed text, so `会話` still finds 「今日の会話は楽しい」.
pub async fn messages(
    pool: &Store,
    reader: i64,
    terms: &[String],
    limit: i64,
    budget: Duration,
) -> Result<Vec<Message>, AppError> {
    // $1 the reader, $2 the limit, then the terms.
    let mut sql = format!(
        "{SELECT_MESSAGE} {}
         WHERE m.deleted_at IS NULL AND {VISIBLE} AND {}",
        match pool {
            Backend::Sqlite(_) => "JOIN message_search s ON s.rowid = m.id",
            Backend::Postgres(_) => "",
        },
        may_read("$1")
    );
    let mut binds: Vec<String> = Vec::new();
    let (indexed, short): (Vec<&String>, Vec<&String>) =
        terms.iter().partition(|t| t.chars().count() >= 3);
    if !indexed.is_empty() && !pool.is_postgres() {
        // Each term a quoted phrase (quotes doubled), all required.
        let phrases: Vec<String> = indexed
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect();
        binds.push(phrases.join(" "));
        sql.push_str(&format!(" AND message_search MATCH ${}", binds.len() + 2));
    }
    // On PostgreSQL every term is a pattern (its trigram index serves those of 3 characters
    // or more); on SQLite the short ones, over the index's copy of the text.
    let patterns = match pool {
        Backend::Sqlite(_) => short,
        Backend::Postgres(_) => terms.iter().collect(),
    };
    for term in patterns {
        let escaped = term
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        binds.push(format!("%{escaped}%"));
        let column = match pool {
            Backend::Sqlite(_) => "s.body LIKE",
            Backend::Postgres(_) => "m.body ILIKE",
        };
        sql.push_str(&format!(" AND {column} ${} ESCAPE '\\'", binds.len() + 2));
    }
    sql.push_str(" ORDER BY m.id DESC LIMIT $2");
    let found = match pool {
        Backend::Sqlite(pool) => {
            let mut db = match pool.acquire().await {
                Ok(db) => db,
                Err(sqlx::Error::PoolTimedOut) => return Err(AppError::Busy),
                Err(e) => return Err(e.into()),
            };
            let started = Instant::now();
            db.lock_handle()
                .await?
                .set_progress_handler(CHECK_EVERY, move || started.elapsed() < budget);
            let mut query = sqlx::query_as(&sql).bind(reader).bind(limit);
            for bind in &binds {
                query = query.bind(bind);
            }
            let found = query.fetch_all(&mut *db).await;
            db.lock_handle().await?.remove_progress_handler();
            found
        }
        Backend::Postgres(pool) => {
            let mut tx = match pool.begin().await {
                Ok(tx) => tx,
                Err(sqlx::Error::PoolTimedOut) => return Err(AppError::Busy),
                Err(e) => return Err(e.into()),
            };
            let timeout = format!(
                "SET LOCAL statement_timeout = {}",
                budget.as_millis().max(1)
            );
            sqlx::query(&timeout).execute(&mut *tx).await?;
            // Planned for these patterns each time: after five runs of a prepared statement
            // PostgreSQL may keep a generic plan, which cannot know a pattern is rare and
            // walks the newest messages backwards instead of asking the trigram index (a rare
            // word in 500,000 messages: 365 ms instead of 3 ms; bench/search.sh).
            sqlx::query("SET LOCAL plan_cache_mode = force_custom_plan")
                .execute(&mut *tx)
                .await?;
            let mut query = sqlx::query_as(&sql).bind(reader).bind(limit);
            for bind in &binds {
                query = query.bind(bind);
            }
            query.fetch_all(&mut *tx).await
        }
    };
    match found {
        Ok(found) => Ok(found),
        // SQLite's "interrupted" (the progress handler said stop); PostgreSQL's "query_canceled".
        Err(sqlx::Error::Database(e)) if matches!(e.code().as_deref(), Some("9" | "57014")) => {
            Err(AppError::SearchTooBroad)
        }
        Err(e) => Err(e.into()),
    }
}
