//! `/healthz` and `/readyz`, as a load balancer sees them.
mod support;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use sqlx::SqlitePool;
use support::{send, text, Kaiwa};

async fn get(kaiwa: &Kaiwa, path: &str) -> (StatusCode, String) {
    let response = send(kaiwa, Request::get(path).body(Body::empty()).unwrap()).await;
    (response.status(), text(response).await)
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn ready_while_the_database_answers_and_not_after(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    assert_eq!(get(&kaiwa, "/healthz").await, (StatusCode::OK, "ok".into()));
    // On PostgreSQL, ready once it hears the other instances too.
    let mut ready = get(&kaiwa, "/readyz").await;
    for _ in 0..100 {
        if ready.0 == StatusCode::OK {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        ready = get(&kaiwa, "/readyz").await;
    }
    assert_eq!(ready, (StatusCode::OK, "ready".into()));

    kaiwa.state.pool.close().await;
    assert_eq!(
        get(&kaiwa, "/readyz").await,
        (
            StatusCode::SERVICE_UNAVAILABLE,
            "database unreachable".into()
        )
    );
    assert_eq!(
        get(&kaiwa, "/healthz").await.0,
        StatusCode::OK,
        "still live"
    );
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn metrics_are_there_only_for_the_bearer_of_their_token(pool: SqlitePool) {
    use app::server::{messages, Settings};
    let settings = Settings {
        metrics_token: Some("watch-it-all".into()),
        ..Settings::default()
    };
    let kaiwa = Kaiwa::start_with(pool, settings).await;
    assert_eq!(get(&kaiwa, "/metrics").await.0, StatusCode::UNAUTHORIZED);
    let (alice, alices) = kaiwa.person("alice", "Alice").await;
    let _socket = support::live(&kaiwa, "general", Some(&alices), &kaiwa.origin(), 0)
        .await
        .unwrap();
    messages::post(&kaiwa.state, &alice, "general", "metric-0001", "hi", None)
        .await
        .unwrap();

    let scrape = Request::get("/metrics")
        .header("authorization", "Bearer watch-it-all")
        .body(Body::empty())
        .unwrap();
    let response = send(&kaiwa, scrape).await;
    assert_eq!(response.status(), StatusCode::OK);
    let text = text(response).await;
    for line in [
        "kaiwa_live_sockets 1",
        "kaiwa_deliveries_total 1",
        "kaiwa_post_to_commit_seconds_count 1",
        "kaiwa_commit_to_deliver_seconds_count 1",
        "kaiwa_listening 1",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in\n{text}");
    }
    // Signing up and posting began transactions, each of which waited for a connection.
    let began = text
        .lines()
        .find_map(|l| l.strip_prefix("kaiwa_database_begin_wait_seconds_count "))
        .and_then(|n| n.parse::<u64>().ok());
    assert!(began.is_some_and(|n| n >= 2), "begin waits in\n{text}");
}

#[sqlx::test(migrations = "../migrations/sqlite")]
async fn without_a_metrics_token_there_are_no_metrics(pool: SqlitePool) {
    let kaiwa = Kaiwa::start(pool).await;
    let scrape = Request::get("/metrics")
        .header("authorization", "Bearer ")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&kaiwa, scrape).await.status(), StatusCode::NOT_FOUND);
}
