//! Heartbeats: the server pings every socket, so a browser can tell a quiet room from a dead
//! connection, and it closes a socket whose other end stopped answering without a word.
mod support;

use std::time::Duration;

use app::{model::LiveEvent, server::Settings};
use sqlx::SqlitePool;
use support::{live_at, next_frame, Kaiwa};

async fn kaiwa_with_heartbeat(pool: SqlitePool, every: Duration) -> Kaiwa {
    let settings = Settings {
        heartbeat: every,
        ..Settings::default()
    };
    Kaiwa::start_with(pool, settings).await
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_quiet_room_still_hears_a_ping_every_interval(pool: SqlitePool) {
    let kaiwa = kaiwa_with_heartbeat(pool, Duration::from_millis(200)).await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let mut socket = live_at(&kaiwa, "general/live?after=0", Some(&bobs), &kaiwa.origin())
        .await
        .unwrap();
    let mut pings = 0;
    let started = tokio::time::Instant::now();
    while pings < 3 {
        if next_frame(&mut socket).await == LiveEvent::Ping {
            pings += 1;
        }
    }
    // Reading the socket answers its WebSocket pings too: it stays open.
    assert!(started.elapsed() >= Duration::from_millis(600));
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn a_socket_that_stops_answering_is_closed(pool: SqlitePool) {
    let kaiwa = kaiwa_with_heartbeat(pool, Duration::from_millis(200)).await;
    let (_, bobs) = kaiwa.person("bob", "Bob").await;
    let mut socket = live_at(&kaiwa, "general/live?after=0", Some(&bobs), &kaiwa.origin())
        .await
        .unwrap();
    while !matches!(next_frame(&mut socket).await, LiveEvent::CaughtUp { .. }) {}
    assert_eq!(kaiwa.state.sockets.len(), 1);

    // The client stalls: it neither reads nor answers pings, and never closes.
    let mut closed = false;
    for _ in 0..50 {
        tokio::time::sleep(Duration::from_millis(100)).await;
        if kaiwa.state.sockets.is_empty() {
            closed = true;
            break;
        }
    }
    assert!(
        closed,
        "the server still holds a socket that answers nothing"
    );
    // Its end of the connection is over too (a close frame, then the end).
    assert!(support::closes_soon(&mut socket).await);
}
