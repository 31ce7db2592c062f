//! Where kaiwa keeps its data: SQLite (the default: one file, no setup) or PostgreSQL (shared by
//! several instances). A [`Store`] is a pool of either; a [`Tx`] a transaction on it.
use std::{str::FromStr, sync::LazyLock, time::Instant};

use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    PgPool, Postgres, Sqlite, SqlitePool, Transaction,
};

/// One thing in each database's own type: a pool, a transaction. Code reaches inside with
/// `on!`, which writes one body for both.
#[derive(Clone, Debug)]
pub enum Backend<S, P> {
    Sqlite(S),
    Postgres(P),
}

/// The database's pool.
pub type Store = Backend<SqlitePool, PgPool>;
/// A transaction on the [`Store`].
pub type Tx = Backend<Transaction<'static, Sqlite>, Transaction<'static, Postgres>>;

/// The channel room events are announced on (`NOTIFY`), to every instance on the database.
pub const CHANNEL: &str = "kaiwa_events";

/// Every transaction begun with [`Store::begin_serial`] on PostgreSQL holds this advisory lock
/// (an arbitrary number, "kaiwa" in ASCII) until it ends.
const SERIAL_LOCK: i64 = 0x6b_61_69_77_61;

/// How long each transaction begun here waited for a connection of the pool (and, for serial
/// ones, for their lock), in seconds from 0.1 ms to about 3 s; `/metrics` shows it.
pub static BEGIN_WAITS: LazyLock<Histogram> =
    LazyLock::new(|| Histogram::new(exponential_buckets(0.0001, 2.0, 16)));

impl Store {
    pub fn is_postgres(&self) -> bool {
        matches!(self, Backend::Postgres(_))
    }

    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        let asked = Instant::now();
        let tx = match self {
            Backend::Sqlite(pool) => Backend::Sqlite(pool.begin().await?),
            Backend::Postgres(pool) => Backend::Postgres(pool.begin().await?),
        };
        BEGIN_WAITS.observe(asked.elapsed().as_secs_f64());
        Ok(tx)
    }

    /// A transaction that runs alone among those begun here: it reads what is committed and
    /// nothing it checks can change under it (SQLite: `BEGIN IMMEDIATE`, the write lock up
    /// front; PostgreSQL: an advisory lock shared by every instance). For changes that are
    /// rare and must not race (the first account is admin; a slug taken twice).
    pub async fn begin_serial(&self) -> Result<Tx, sqlx::Error> {
        let asked = Instant::now();
        let tx = match self {
            Backend::Sqlite(pool) => Backend::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(SERIAL_LOCK)
                    .execute(&mut *tx)
                    .await?;
                Backend::Postgres(tx)
            }
        };
        BEGIN_WAITS.observe(asked.elapsed().as_secs_f64());
        Ok(tx)
    }
}

impl Store {
    /// For tests: `pool` (a fresh SQLite database from `#[sqlx::test]`), or, when
    /// `KAIWA_TEST_POSTGRES` names a PostgreSQL server, a fresh database there with kaiwa's
    /// migrations instead, so the same suites run on both (`make test` runs them twice).
    pub async fn for_tests(pool: SqlitePool) -> Store {
        let Ok(url) = std::env::var("KAIWA_TEST_POSTGRES") else {
            return Backend::Sqlite(pool);
        };
        let server = PgPool::connect(&url)
            .await
            .expect("KAIWA_TEST_POSTGRES is reachable");
        let name = format!("kaiwa_test_{}", crate::server::random::hex::<8>());
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&server)
            .await
            .expect("a test database can be made");
        server.close().await;
        let options = PgConnectOptions::from_str(&url)
            .expect("KAIWA_TEST_POSTGRES is a PostgreSQL URL")
            .database(&name);
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .expect("the test database opens");
        super::POSTGRES_MIGRATOR
            .run(&pool)
            .await
            .expect("the migrations apply");
        Backend::Postgres(pool)
    }
}

impl Store {
    /// Tells every instance listening on [`CHANNEL`], now (one statement; PostgreSQL only).
    pub async fn notify(&self, payload: &str) -> Result<(), sqlx::Error> {
        if let Backend::Postgres(pool) = self {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(pool)
                .await?;
        }
        Ok(())
    }

    /// Connections the pool holds, and how many of them are idle.
    pub fn connections(&self) -> (u32, usize) {
        on!(self, |pool| (pool.size(), pool.num_idle()))
    }

    /// Closes every connection once those in use come back.
    pub async fn close(&self) {
        on!(self, |pool| pool.close().await)
    }
}

impl Store {
    /// A transaction in which nothing else writes to `rooms` until it ends, so the checks in
    /// it read what is committed and each room's events are numbered in commit order.
    /// SQLite: `BEGIN IMMEDIATE` (the one write lock, up front, so the transaction never has
    /// to upgrade a read snapshot). PostgreSQL: the rooms' rows locked in ascending id (writers
    /// on other instances lock in the same order, so they queue rather than deadlock).
    pub async fn begin_for_rooms(&self, rooms: &[i64]) -> Result<Tx, sqlx::Error> {
        if !self.is_postgres() {
            return self.begin_serial().await;
        }
        let mut tx = self.begin().await?;
        tx.lock_rooms(rooms).await?;
        Ok(tx)
    }
}

impl Tx {
    /// Locks `rooms` as the writer does (PostgreSQL: their rows, in ascending id, until the
    /// transaction ends; SQLite's `BEGIN IMMEDIATE` holds everything already).
    pub async fn lock_rooms(&mut self, rooms: &[i64]) -> Result<(), sqlx::Error> {
        let Backend::Postgres(tx) = self else {
            return Ok(());
        };
        let mut rooms = rooms.to_vec();
        rooms.sort_unstable();
        rooms.dedup();
        let sql = format!(
            "SELECT id FROM rooms WHERE id IN ({}) ORDER BY id FOR UPDATE",
            super::params(1, rooms.len())
        );
        let mut lock = sqlx::query(&sql);
        for room in &rooms {
            lock = lock.bind(room);
        }
        lock.execute(&mut **tx).await?;
        Ok(())
    }

    /// Tells every instance listening on [`CHANNEL`] (PostgreSQL: when the transaction
    /// commits, in commit order; SQLite has no other instances).
    pub async fn notify(&mut self, payload: &str) -> Result<(), sqlx::Error> {
        if let Backend::Postgres(tx) = self {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    pub async fn commit(self) -> Result<(), sqlx::Error> {
        on!(self, |tx| tx.commit().await)
    }
}

impl From<SqlitePool> for Store {
    fn from(pool: SqlitePool) -> Self {
        Backend::Sqlite(pool)
    }
}

impl From<PgPool> for Store {
    fn from(pool: PgPool) -> Self {
        Backend::Postgres(pool)
    }
}
