//! All SQL lives under here: plain async functions over the pool.
pub mod accounts;
pub mod admin;
pub mod api_tokens;
pub mod bots;
pub mod changes;
pub mod known_devices;
pub mod memberships;
pub mod messages;
pub mod preferences;
pub mod reactions;
pub mod room_page;
pub mod rooms;
pub mod search;
pub mod sessions;
pub mod unrendered;
pub mod users;

use std::{str::FromStr, time::Duration};

use sqlx::{
    migrate::Migrator,
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};

pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// Opens (creating if needed) the database and applies pending migrations.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let options = SqliteConnectOptions::from_str(url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// Writes a consistent copy of the live database to `path` (SQLite's `VACUUM INTO`: safe while
/// the server runs; writers wait for it, readers do not). `path` must not exist yet.
pub async fn backup(pool: &SqlitePool, path: &std::path::Path) -> Result<(), sqlx::Error> {
    sqlx::query("VACUUM INTO ?")
        .bind(path.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    Ok(())
}
