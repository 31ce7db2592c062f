//! A room's messages: list (latest, before or after a sequence number), post (idempotent by
//! client id), edit, delete, and reactions.
use app::{
    model::Message,
    server::{
        messages::bots,
        messages::{self, Span},
        rooms::room_page,
        AppState,
    },
    AppError,
};
use axum::{
    extract::{rejection::QueryRejection, Path, Query, State},
    http::StatusCode,
    Json,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::{ApiError, Body, Caller, ErrorBody};

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Page {
    /// Messages after this sequence number, oldest first (to catch up).
    after: Option<i64>,
    /// Messages before this sequence number (to page back through history).
    before: Option<i64>,
    /// How many, 1–500; 50 unless given.
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct MessagesBody {
    room: String,
    /// The room's last event number when read: resume the live socket after it.
    last_seq: i64,
    /// Oldest first.
    messages: Vec<Message>,
}

/// A room's messages: the latest, or those before or after a sequence number.
#[utoipa::path(get, path = "/api/v1/rooms/{room}/messages", tag = "messages",
    params(("room" = String, Path, description = "the room's slug"), Page),
    responses(
        (status = 200, body = MessagesBody),
        (status = 400, description = "`bad_request`: both `before` and `after`, or a malformed query", body = ErrorBody),
        (status = 401, body = ErrorBody),
        (status = 404, description = "`room_not_found` (also a private room you are not in)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Caller(me): Caller,
    Path(room): Path<String>,
    page: Result<Query<Page>, QueryRejection>,
) -> Result<Json<MessagesBody>, ApiError> {
    let Query(page) = page.map_err(|e| AppError::BadRequest(e.body_text()))?;
    let limit = page.limit.unwrap_or(room_page::PAGE_SIZE).clamp(1, 500);
    let span = match (page.after, page.before) {
        (Some(_), Some(_)) => {
            let both = "Give `after` or `before`, not both.".to_owned();
            return Err(AppError::BadRequest(both).into());
        }
        (Some(after), None) => Span::After(after),
        (None, Some(before)) => Span::Before(before),
        (None, None) => Span::Latest,
    };
    let (room, messages) = messages::list(&state, &me, &room, span, limit).await?;
    Ok(Json(MessagesBody {
        room: room.slug,
        last_seq: room.last_seq,
        messages,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct NewMessage {
    /// 8–64 letters, digits or `-`, unique per author: a retry with the same id is stored once.
    client_id: String,
    /// Markdown, 1–4000 characters.
    body: String,
    /// A member's username: the message is private to them.
    to: Option<String>,
}

/// Posts a message. `201 Created` for a new one; `200 OK` with the stored one when the client id
/// was seen before.
#[utoipa::path(post, path = "/api/v1/rooms/{room}/messages", tag = "messages",
    params(("room" = String, Path)),
    request_body = NewMessage,
    responses(
        (status = 201, description = "stored", body = Message),
        (status = 200, description = "a retry: the message stored the first time", body = Message),
        (status = 403, description = "`not_a_member`", body = ErrorBody),
        (status = 422, description = "`empty_body`, `body_too_long`, `invalid_client_id`, `invalid_recipient`", body = ErrorBody),
        (status = 429, description = "`too_fast`", body = ErrorBody),
    ))]
pub async fn post(
    State(state): State<AppState>,
    Caller(me): Caller,
    Path(room): Path<String>,
    Body(new): Body<NewMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    let to = new.to.as_deref();
    let posted = messages::post(&state, &me, &room, &new.client_id, &new.body, to).await?;
    bots::hear(&state, &me, &posted).await;
    let status = match posted.is_new {
        true => StatusCode::CREATED,
        false => StatusCode::OK,
    };
    Ok((status, Json(posted.message)))
}

#[derive(Deserialize, ToSchema)]
pub struct Edit {
    /// The new text (Markdown, 1–4000 characters).
    body: String,
}

/// Changes the text of one of my messages.
#[utoipa::path(patch, path = "/api/v1/rooms/{room}/messages/{seq}", tag = "messages",
    params(("room" = String, Path), ("seq" = i64, Path, description = "the message's sequence number")),
    request_body = Edit,
    responses(
        (status = 200, description = "the message as changed", body = Message),
        (status = 403, description = "`not_yours`, `not_a_member`", body = ErrorBody),
        (status = 404, description = "`message_not_found`", body = ErrorBody),
    ))]
pub async fn edit(
    State(state): State<AppState>,
    Caller(me): Caller,
    Path((room, seq)): Path<(String, i64)>,
    Body(edit): Body<Edit>,
) -> Result<Json<Message>, ApiError> {
    let applied = messages::edit(&state, &me, &room, seq, &edit.body).await?;
    Ok(Json(applied.message))
}

/// Deletes one of my messages (an admin may delete any).
#[utoipa::path(delete, path = "/api/v1/rooms/{room}/messages/{seq}", tag = "messages",
    params(("room" = String, Path), ("seq" = i64, Path)),
    responses(
        (status = 204, description = "deleted"),
        (status = 403, description = "`not_yours`", body = ErrorBody),
        (status = 404, description = "`message_not_found` (also when already deleted)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Caller(me): Caller,
    Path((room, seq)): Path<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    messages::delete(&state, &me, &room, seq).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds my reaction (idempotent: reacting twice keeps one).
#[utoipa::path(put, path = "/api/v1/rooms/{room}/messages/{seq}/reactions/{emoji}", tag = "messages",
    params(("room" = String, Path), ("seq" = i64, Path),
        ("emoji" = String, Path, description = "one of 👍 ❤️ 😂 🎉 😮 🙏 👀 ✅, percent-encoded")),
    responses(
        (status = 200, description = "the message with its reactions", body = Message),
        (status = 403, description = "`not_a_member`", body = ErrorBody),
        (status = 422, description = "`invalid_reaction`", body = ErrorBody),
    ))]
pub async fn react(
    state: State<AppState>,
    caller: Caller,
    path: Path<(String, i64, String)>,
) -> Result<Json<Message>, ApiError> {
    set_reaction(state, caller, path, true).await
}

/// Takes my reaction back (idempotent).
#[utoipa::path(delete, path = "/api/v1/rooms/{room}/messages/{seq}/reactions/{emoji}", tag = "messages",
    params(("room" = String, Path), ("seq" = i64, Path), ("emoji" = String, Path)),
    responses(
        (status = 200, description = "the message with its reactions", body = Message),
        (status = 422, description = "`invalid_reaction`", body = ErrorBody),
    ))]
pub async fn unreact(
    state: State<AppState>,
    caller: Caller,
    path: Path<(String, i64, String)>,
) -> Result<Json<Message>, ApiError> {
    set_reaction(state, caller, path, false).await
}

/// The API states what it wants (the button toggles): a retry, or two requests at once, change
/// nothing twice.
async fn set_reaction(
    State(state): State<AppState>,
    Caller(me): Caller,
    Path((room, seq, emoji)): Path<(String, i64, String)>,
    wanted: bool,
) -> Result<Json<Message>, ApiError> {
    let applied = messages::set_reaction(&state, &me, &room, seq, &emoji, Some(wanted)).await?;
    Ok(Json(applied.message))
}
