//! The JSON API v1 over HTTP (docs/api.md): errors, who is calling, and the routes. Callers are
//! authenticated by `Authorization: Bearer <token>` or the session cookie.
mod account;
mod messages;
pub mod openapi;

use app::{
    model::Me,
    server::{accounts::callers, AppState},
    AppError,
};
use axum::{
    extract::{rejection::JsonRejection, FromRequest, FromRequestParts, Request},
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, put},
    Json, Router,
};
use serde::{de::DeserializeOwned, Serialize};
use utoipa::ToSchema;

/// Errors as `{"error": {"code": "...", "message": "..."}}` with the matching status.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError(err)
    }
}

/// The body of every error answer: `AppError` as it serialises (this type only describes it
/// for the OpenAPI document).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable and machine-readable, e.g. `body_too_long` (see docs/api.md for the list).
    code: &'static str,
    /// For a person: what went wrong and what to do.
    message: String,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.0)).into_response()
    }
}

/// The account making the request (bearer token or session cookie); 401 otherwise.
pub struct Caller(pub Me);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(Caller(callers::require(&state.pool, &parts.headers).await?))
    }
}

/// A JSON body whose problems answer as API errors (`400 bad_request`, `413 too_large`).
pub struct Body<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, ApiError> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(rejected(rejection).into()),
        }
    }
}

fn rejected(rejection: JsonRejection) -> AppError {
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        _ => AppError::BadRequest(rejection.body_text()),
    }
}

/// The API's routes (the live socket and downloads are added beside them in `crate::router`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/me", get(account::me))
        .route("/api/v1/rooms", get(account::rooms))
        .route(
            "/api/v1/rooms/{room}/messages",
            get(messages::list).post(messages::post),
        )
        .route(
            "/api/v1/rooms/{room}/messages/{seq}",
            axum::routing::patch(messages::edit).delete(messages::delete),
        )
        .route(
            "/api/v1/rooms/{room}/messages/{seq}/reactions/{emoji}",
            put(messages::react).delete(messages::unreact),
        )
        .route("/api/v1/openapi.json", get(openapi::document))
}

/// Anything else under `/api/v1/`: a JSON 404, not the HTML page.
pub async fn not_found() -> ApiError {
    ApiError(AppError::NotFound)
}
