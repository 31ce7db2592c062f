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
