#![recursion_limit = "512"]
//! The kaiwa server: wiring and thin HTTP handlers over the app's domain operations.
pub mod commands;
pub mod config;
pub mod downloads;
pub mod health;
pub mod json_api;
pub mod live_socket;
pub mod page_language;
pub mod security;
pub mod serve;
pub mod transfer;

use std::sync::OnceLock;

use app::{server::AppState, shell, App};
use axum::{middleware, routing::get, Router};
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::{limit::RequestBodyLimitLayer, trace::TraceLayer};

/// Largest request body accepted (a 4000-character message is at most 16 KB of UTF-8).
const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn router(state: AppState) -> Router {
    let routes = page_routes();
    let options = state.leptos_options.clone();
    let router = Router::new()
        .route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .route("/metrics", get(health::metrics))
        .route("/api/v1/rooms/{room}/live", get(live_socket::upgrade))
        .route("/api/v1/rooms/{room}/export/{format}", get(downloads::room))
        .route("/api/v1/me/export/{format}", get(downloads::mine))
        .merge(json_api::routes())
        .route("/api/v1/{*rest}", axum::routing::any(json_api::not_found))
        .leptos_routes_with_context(&state, routes, || (), move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            page_language::choose,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            transfer::cache_control,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::refuse_cross_site,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::refuse_unknown_host,
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .with_state(state);
    security::with_headers(router)
        .layer(transfer::compression())
        .layer(TraceLayer::new_for_http())
}

/// The app's page routes, worked out once per process. Working them out runs the app with
/// resource loading suspended for the whole process (a global flag in leptos_server, leptos
/// issue #4773), so a page that started loading its data meanwhile on another thread would
/// wait forever. After the first router, no page can meet that moment again.
fn page_routes() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}
