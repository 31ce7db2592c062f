//! `GET /api/v1/me` and `GET /api/v1/rooms`.
use app::{
    model::{Me, RoomSummary},
    server::{rooms, AppState},
};
use axum::{extract::State, Json};
use serde::Serialize;
use utoipa::ToSchema;

use super::{ApiError, Caller, ErrorBody};

/// Who the token or session belongs to.
#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses(
        (status = 200, body = Me),
        (status = 401, description = "no valid token or session", body = ErrorBody),
    ))]
pub async fn me(Caller(me): Caller) -> Json<Me> {
    Json(me)
}

#[derive(Serialize, ToSchema)]
pub struct RoomsBody {
    /// Rooms by name, then direct conversations, with unread counts.
    rooms: Vec<RoomSummary>,
}

/// The rooms and direct conversations I belong to.
#[utoipa::path(get, path = "/api/v1/rooms", tag = "rooms",
    responses(
        (status = 200, body = RoomsBody),
        (status = 401, body = ErrorBody),
    ))]
pub async fn rooms(
    State(state): State<AppState>,
    Caller(me): Caller,
) -> Result<Json<RoomsBody>, ApiError> {
    let rooms = rooms::of_member(&state, &me).await?;
    Ok(Json(RoomsBody { rooms }))
}
