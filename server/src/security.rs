use crate::json_api::ApiError;
use app::{
    server::{origin, AppState},
    AppError,
};
use axum::{
    extract::{Request, State},
    http::Method,
    middleware::Next,
    response::{IntoResponse, Response},
};

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
    if reads_only
        || origin::is_same_origin(request.headers(), state.settings.public_origin.as_deref())
    {
        next.run(request).await
    } else {
        tracing::warn!(uri = %request.uri(), "refused a cross-site request");
        ApiError(AppError::CrossSite).into_response()
    }
}
