//! `GET /api/v1/rooms/{room}/export/{json,txt}` (a member's copy of a room) and
//! `GET /api/v1/me/export/{json,txt}` (everything I wrote, in any room).
use app::{
    i18n::Lang,
    model::Message,
    server::{callers, export, page_context, AppState},
    AppError,
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};

use crate::json_api::ApiError;

pub async fn room(
    State(state): State<AppState>,
    Path((room, format)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let me = callers::require(&state.pool, &headers).await?;
    let messages = export::room(&state, &me, &room).await?;
    let body = serde_json::json!({ "room": room, "messages": messages });
    let lang = page_context::language(&state.pool, &headers).await.lang;
    download(&format!("kaiwa-{room}"), &format, &messages, body, lang)
}

pub async fn mine(
    State(state): State<AppState>,
    Path(format): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let me = callers::require(&state.pool, &headers).await?;
    let messages = export::mine(&state, &me).await?;
    let body = serde_json::json!({ "username": me.username, "messages": messages });
    let lang = page_context::language(&state.pool, &headers).await.lang;
    download(
        &format!("kaiwa-{}", me.username),
        &format,
        &messages,
        body,
        lang,
    )
}

/// JSON or the plain-text log, as a file to save.
fn download(
    name: &str,
    format: &str,
    messages: &[Message],
    json: serde_json::Value,
    lang: Lang,
) -> Result<Response, ApiError> {
    let (content_type, extension, body) = match format {
        "json" => ("application/json", "json", json.to_string()),
        "txt" => (
            "text/plain; charset=utf-8",
            "txt",
            export::log(messages, lang),
        ),
        _ => return Err(AppError::BadRequest("ask for json or txt".into()).into()),
    };
    let disposition = format!("attachment; filename=\"{name}.{extension}\"");
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}
