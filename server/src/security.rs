use crate::json_api::ApiError;
use app::{
    server::{web::origin, AppState},
    AppError,
};
use axum::{
    extract::{Request, State},
    http::{header, HeaderValue, Method},
    middleware::Next,
    response::{IntoResponse, Response},
    Router,
};
use tower_http::set_header::SetResponseHeaderLayer;

/// Refuses any state-changing request that a browser sent from another site.
pub async fn refuse_cross_site(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let reads_only = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if reads_only || origin::is_same_origin(request.headers(), &state.settings) {
        next.run(request).await
    } else {
        tracing::warn!(uri = %request.uri(), "refused a cross-site request");
        ApiError(AppError::CrossSite).into_response()
    }
}

/// Refuses a request naming a host kaiwa does not answer for (see `origin::is_allowed_host`);
/// `/healthz` answers any (a load balancer's probe names the service, not the site).
pub async fn refuse_unknown_host(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path() == "/healthz"
        || origin::is_allowed_host(request.headers(), &state.settings)
    {
        next.run(request).await
    } else {
        tracing::warn!(host = ?request.headers().get(header::HOST), "refused a request for an unknown host");
        let detail = "this server answers for its own address only: set --public-origin to the one people use";
        ApiError(AppError::BadRequest(detail.into())).into_response()
    }
}

/// Headers for every response. Pages set their own Content-Security-Policy (with the nonce of
/// their inline scripts, see `app::server::web::page_policy`); everything else gets one that allows
/// nothing.
pub fn with_headers(router: Router) -> Router {
    let set =
        |name, value| SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value));
    router
        .layer(set(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(set(header::REFERRER_POLICY, "same-origin"))
        .layer(set(header::X_FRAME_OPTIONS, "DENY"))
        .layer(set(
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'",
        ))
}
