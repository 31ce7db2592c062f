//! All SQL lives under here: plain async functions over the pool.
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
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};

pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// Opens (creating if needed) the database and applies pending migrations. The file (and the
/// journal SQLite keeps beside it, which takes its mode) is readable by its owner only.
pub async fn connect(url: &str) -> Result<SqlitePool, sqlx::Error> {
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
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}

/// A small pool of its own for searches, beside `pool` on the same database: however many
/// searches run, posts and pages keep their connections. A search waits at most
/// [`search::BUDGET`] for one of its connections (then: 503, busy).
pub fn search_pool(pool: &SqlitePool) -> SqlitePool {
    SqlitePoolOptions::new()
        .max_connections(search::AT_ONCE)
        .acquire_timeout(search::BUDGET)
        .connect_lazy_with(pool.connect_options().as_ref().clone())
}

/// Writes a consistent copy of the live database to `path` (SQLite's `VACUUM INTO`: safe while
/// the server runs; writers wait for it, readers do not). `path` must not exist yet.
pub async fn backup(pool: &SqlitePool, path: &std::path::Path) -> Result<(), sqlx::Error> {
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
