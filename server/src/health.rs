//! For load balancers and orchestrators: `GET /healthz` (the process answers: live) and
//! `GET /readyz` (it can serve: the database answers within a second and, on PostgreSQL, it
//! hears the other instances' events). Neither needs signing in; neither says more than that.
use std::time::Duration;

use app::server::{db, AppState};
use axum::{extract::State, http::StatusCode};

pub async fn live() -> &'static str {
    "ok"
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    let database = tokio::time::timeout(Duration::from_secs(1), db::ping(&state.pool)).await;
    if !matches!(database, Ok(Ok(()))) {
        return (StatusCode::SERVICE_UNAVAILABLE, "database unreachable");
    }
    if !state.relay.listening() {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "not listening for other instances",
        );
    }
    (StatusCode::OK, "ready")
}
