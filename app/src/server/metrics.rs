//! What an operator watches, per instance, as Prometheus text at `GET /metrics` (only with
//! `--metrics-token`; see the README): live sockets, events delivered, how long a post waits to
//! commit and a committed event to reach the hub, how late other instances' notes arrive, gap
//! fills, resyncs, whether the listener listens, and the database pool (its connections, and how
//! long transactions wait for one).
use std::time::Duration;

use prometheus_client::{
    encoding::text::encode,
    metrics::{
        counter::Counter,
        gauge::Gauge,
        histogram::{exponential_buckets, Histogram},
    },
    registry::Registry,
};

use crate::server::db::{self, Store};

pub struct Metrics {
    registry: Registry,
    pub sockets: Gauge,
    pub deliveries: Counter,
    pub post_to_commit: Histogram,
    pub commit_to_deliver: Histogram,
    pub note_lag: Histogram,
    pub gap_fills: Counter,
    pub resyncs: Counter,
    pub listening: Gauge,
    connections: Gauge,
    idle_connections: Gauge,
}

/// 0.1 ms to about 3 s.
fn seconds() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 2.0, 16))
}

impl Default for Metrics {
    fn default() -> Self {
        let mut metrics = Metrics {
            registry: Registry::with_prefix("kaiwa"),
            sockets: Gauge::default(),
            deliveries: Counter::default(),
            post_to_commit: seconds(),
            commit_to_deliver: seconds(),
            note_lag: seconds(),
            gap_fills: Counter::default(),
            resyncs: Counter::default(),
            listening: Gauge::default(),
            connections: Gauge::default(),
            idle_connections: Gauge::default(),
        };
        let r = &mut metrics.registry;
        r.register(
            "live_sockets",
            "Live sockets open here",
            metrics.sockets.clone(),
        );
        r.register(
            "deliveries",
            "Numbered room events handed to this instance's sockets, in order",
            metrics.deliveries.clone(),
        );
        r.register(
            "post_to_commit_seconds",
            "From a change reaching the writer to its commit",
            metrics.post_to_commit.clone(),
        );
        r.register(
            "commit_to_deliver_seconds",
            "From a commit here to its events reaching this instance's sockets",
            metrics.commit_to_deliver.clone(),
        );
        r.register(
            "note_lag_seconds",
            "From another instance sending a note to this one reading it (clocks must agree)",
            metrics.note_lag.clone(),
        );
        r.register(
            "gap_fills",
            "Events committed elsewhere read from the database before their note came",
            metrics.gap_fills.clone(),
        );
        r.register(
            "resyncs",
            "Times this instance may have missed notes and closed its sockets to resume",
            metrics.resyncs.clone(),
        );
        r.register(
            "listening",
            "1 while this instance hears the others (always 1 on SQLite)",
            metrics.listening.clone(),
        );
        r.register(
            "database_connections",
            "Connections the pool holds",
            metrics.connections.clone(),
        );
        r.register(
            "database_connections_idle",
            "Of those, idle ones (none idle while requests wait for one)",
            metrics.idle_connections.clone(),
        );
        r.register(
            "database_begin_wait_seconds",
            "How long a transaction waited for a pool connection (serial ones: and their lock)",
            db::BEGIN_WAITS.clone(),
        );
        metrics
    }
}

impl Metrics {
    /// Everything, as Prometheus text, with the pool as it is now.
    pub fn encode(&self, pool: &Store) -> String {
        let (size, idle) = pool.connections();
        self.connections.set(i64::from(size));
        self.idle_connections
            .set(i64::try_from(idle).unwrap_or(i64::MAX));
        let mut text = String::new();
        encode(&mut text, &self.registry).expect("writing to a String cannot fail");
        text
    }

    pub fn observe(histogram: &Histogram, took: Duration) {
        histogram.observe(took.as_secs_f64());
    }
}

/// Counts one live socket while it lives.
pub struct SocketOpen(Gauge);

impl SocketOpen {
    pub fn new(metrics: &Metrics) -> SocketOpen {
        metrics.sockets.inc();
        SocketOpen(metrics.sockets.clone())
    }
}

impl Drop for SocketOpen {
    fn drop(&mut self) {
        self.0.dec();
    }
}
