//! All SQL lives under here: plain async functions over the [`Store`], SQLite's or
//! PostgreSQL's. Each statement is written once, with `$N` placeholders both understand, and
//! runs on either through [`on!`]; where the two differ, the difference is named at that spot.

/// Runs `$body` with `$c` bound to what `$db` holds for its database: a pool (from a `&Store`)
/// or a transaction (from a `&mut Tx`). The body is compiled for each database, so the query in
/// it is written once; it must answer the same type on both (`execute` answers its row count).
#[macro_export]
macro_rules! on {
    ($db:expr, |$c:ident| $body:expr) => {
        match $db {
            $crate::server::db::Backend::Sqlite($c) => $body,
            $crate::server::db::Backend::Postgres($c) => $body,
        }
    };
}
pub use crate::on;

mod store;
pub use store::{Backend, Store, Tx, BEGIN_WAITS, CHANNEL};

use crate::AppError;

/// Now, as text columns store times: RFC 3339 in UTC with milliseconds
/// (`2026-12-05T09:30:00.123Z`), made here rather than by either database's own functions.
pub(crate) fn now_text() -> String {
    jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string()
}

/// Unix seconds (as integer columns store times) as RFC 3339 in UTC (`2026-12-05T09:30:00Z`).
pub(crate) fn seconds_text(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .unwrap_or_default()
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// `count` placeholders from `$first` on, for `IN (…)`: `$3, $4, $5` (`NULL` for none, which
/// matches nothing). Lists are bound one value each, the same way on both databases.
pub(crate) fn params(first: usize, count: usize) -> String {
    if count == 0 {
        return "NULL".into();
    }
    (first..first + count)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub mod accounts;
pub mod admin;
pub mod api_tokens;
pub mod bots;
pub mod credential_changes;
pub mod event_log;
pub mod known_devices;
pub mod memberships;
pub mod messages;
pub mod preferences;
pub mod presence;
pub mod reactions;
pub mod rerender;
pub mod room_page;
pub mod rooms;
pub mod search;
pub mod sessions;
pub mod users;

use std::{str::FromStr, time::Duration};

use sqlx::{
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
};

pub static SQLITE_MIGRATOR: Migrator = sqlx::migrate!("../migrations/sqlite");
pub static POSTGRES_MIGRATOR: Migrator = sqlx::migrate!("../migrations/postgres");

/// Whether `url` names a PostgreSQL database (`postgres://…`); anything else is SQLite's.
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// Opens the database at `url` and applies pending migrations. SQLite's file is created if
/// needed; it (and the journal SQLite keeps beside it, which takes its mode) is readable by its
/// owner only. On PostgreSQL several instances may start at once: the migrator holds an
/// advisory lock while it runs.
pub async fn connect(url: &str) -> Result<Store, sqlx::Error> {
    if is_postgres_url(url) {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .connect_with(PgConnectOptions::from_str(url)?)
            .await?;
        POSTGRES_MIGRATOR.run(&pool).await?;
        return Ok(Store::Postgres(pool));
    }
    let options = SqliteConnectOptions::from_str(url)?;
    owner_only(options.get_filename())?;
    let options = options
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await?;
    SQLITE_MIGRATOR.run(&pool).await?;
    Ok(Store::Sqlite(pool))
}

/// Whether the database answers.
pub async fn ping(pool: &Store) -> Result<(), AppError> {
    on!(pool, |p| sqlx::query("SELECT 1")
        .execute(p)
        .await
        .map(|done| done.rows_affected()))?;
    Ok(())
}

/// A small pool of its own for searches, beside `pool` on the same database: however many
/// searches run, posts and pages keep their connections. A search waits at most
/// [`search::BUDGET`] for one of its connections (then: 503, busy).
pub fn search_pool(pool: &Store) -> Store {
    match pool {
        Backend::Sqlite(pool) => Backend::Sqlite(
            SqlitePoolOptions::new()
                .max_connections(search::AT_ONCE)
                .acquire_timeout(search::BUDGET)
                .connect_lazy_with(pool.connect_options().as_ref().clone()),
        ),
        Backend::Postgres(pool) => Backend::Postgres(
            PgPoolOptions::new()
                .max_connections(search::AT_ONCE)
                .acquire_timeout(search::BUDGET)
                .connect_lazy_with(pool.connect_options().as_ref().clone()),
        ),
    }
}

/// Writes a consistent copy of the live database to `path` (SQLite's `VACUUM INTO`: safe while
/// the server runs; writers wait for it, readers do not). `path` must not exist yet.
/// PostgreSQL is backed up with its own tools (`pg_dump`; see the README).
pub async fn backup(pool: &Store, path: &std::path::Path) -> Result<(), sqlx::Error> {
    let Backend::Sqlite(pool) = pool else {
        return Err(std::io::Error::other(
            "a PostgreSQL database is backed up with pg_dump (see the README's Scaling out)",
        )
        .into());
    };
    // Made empty and private first: VACUUM INTO fills an empty file, keeping its mode.
    if path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} exists already", path.display()),
        )
        .into());
    }
    owner_only(path)?;
    sqlx::query("VACUUM INTO ?")
        .bind(path.to_string_lossy().into_owned())
        .execute(pool)
        .await?;
    Ok(())
}

/// Creates `path` empty and readable by its owner only if it does not exist, or makes it so if
/// it does, with the journal files beside it (an in-memory database has no file).
fn owner_only(path: &std::path::Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        // An in-memory database (`sqlite::memory:`, which sqlx names `file:sqlx-in-memory-N`).
        let name = path.to_string_lossy();
        if name.is_empty() || name == ":memory:" || name.starts_with("file:") {
            return Ok(());
        }
        if !path.exists() {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)?;
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
            if file.exists() {
                std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
