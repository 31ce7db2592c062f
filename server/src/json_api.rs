//! The JSON API v1 over HTTP (docs/api.md). Authenticated by the session cookie for now.
use app::{
    model::Message,
    server::{db, messages, room_page, rooms, sessions, AppState},
    AppError,
};
use axum::{
    extract::{rejection::JsonRejection, Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::{Deserialize, Serialize};

/// Errors as `{"error": {"code": "...", "message": "..."}}` with the matching status.
pub struct ApiError(pub AppError);

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        ApiError(err)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = serde_json::json!({ "error": { "code": self.0.code(), "message": self.0.to_string() } });
        (status, Json(body)).into_response()
    }
}

#[derive(Deserialize)]
pub struct Page {
    /// Messages after this sequence number, oldest first; without it, the latest ones.
    after: Option<i64>,
    limit: Option<i64>,
}

#[derive(Serialize)]
pub struct MessagesBody {
    room: String,
    /// The room's last event number when read.
    last_seq: i64,
    messages: Vec<Message>,
}

pub async fn list_messages(
    State(state): State<AppState>,
    Path(room): Path<String>,
    Query(page): Query<Page>,
    headers: HeaderMap,
) -> Result<Json<MessagesBody>, ApiError> {
    let me = sessions::require_user(&state.pool, &headers).await?;
    let room = rooms::readable(&state, &me, &room).await?.room;
    let limit = page.limit.unwrap_or(room_page::PAGE_SIZE).clamp(1, 500);
    let messages = match page.after {
        Some(after) => db::messages::after(&state.pool, me.id, room.id, after, limit).await?,
        None => db::messages::latest(&state.pool, me.id, room.id, limit).await?,
    };
    Ok(Json(MessagesBody {
        room: room.slug,
        last_seq: room.last_seq,
        messages,
    }))
}

#[derive(Deserialize)]
pub struct NewMessage {
    client_id: String,
    body: String,
    /// A member's username: the message is private to them.
    to: Option<String>,
}

/// `201 Created` for a new message; `200 OK` with the stored one when the client id was seen.
pub async fn post_message(
    State(state): State<AppState>,
    Path(room): Path<String>,
    headers: HeaderMap,
    new: Result<Json<NewMessage>, JsonRejection>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    let me = sessions::require_user(&state.pool, &headers).await?;
    let Json(new) = new.map_err(|e| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => AppError::TooLarge,
        _ => AppError::BadRequest(e.body_text()),
    })?;
    let posted = messages::post(
        &state,
        &me,
        &room,
        &new.client_id,
        &new.body,
        new.to.as_deref(),
    )
    .await?;
    let status = if posted.is_new {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(posted.message)))
}
