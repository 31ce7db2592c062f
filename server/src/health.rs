//! For load balancers and orchestrators: `GET /healthz` (the process answers: live) and
//! `GET /readyz` (it can serve: the database answers within a second and, on PostgreSQL, it
//! hears the other instances' events). Neither needs signing in; neither says more than that.
//! For monitoring, `GET /metrics` (only with `--metrics-token`, and only to its bearer).
use std::time::Duration;

use app::server::{db, AppState};
use axum::{
    extract::State,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use sha2::{Digest, Sha256};

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

/// Prometheus text for a request bearing the metrics token; 404 when no token is set (as if
/// there were no such page), 401 for anyone else.
pub async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = &state.settings.metrics_token else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let offered = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    // Compared as digests, so the time taken says nothing about how much of it matched.
    if Sha256::digest(offered) != Sha256::digest(token) {
        return (StatusCode::UNAUTHORIZED, "a bearer token is needed").into_response();
    }
    let text = state.metrics.encode(&state.pool);
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
        .into_response()
}
