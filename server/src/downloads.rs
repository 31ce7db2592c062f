//! `GET /api/v1/rooms/{room}/export/{json,txt}` (a member's copy of a room) and
//! `GET /api/v1/me/export/{json,txt}` (everything I wrote, in any room). The file is written as
//! the export is read from the database, a batch at a time.
use std::future::ready;

use app::{
    i18n::Lang,
    server::{
        accounts::callers,
        messages::export::{self, Export},
        web::page_context,
        AppState,
    },
    AppError,
};
use axum::{
    body::{Body, Bytes},
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};
use futures::{stream, StreamExt};

use crate::json_api::ApiError;

pub async fn room(
    State(state): State<AppState>,
    Path((room, format)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let me = callers::require(&state.pool, &headers).await?;
    let format = Format::of(&format, ("room", &room), &state, &headers).await?;
    let export = export::room(&state, &me, &room).await?;
    Ok(download(&format!("kaiwa-{room}"), format, export))
}

pub async fn mine(
    State(state): State<AppState>,
    Path(format): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let me = callers::require(&state.pool, &headers).await?;
    let format = Format::of(&format, ("username", &me.username), &state, &headers).await?;
    let export = export::mine(&state, &me).await?;
    Ok(download(&format!("kaiwa-{}", me.username), format, export))
}

/// `{"<key>": "<value>", "messages": [ … ]}`, or the plain-text log.
enum Format {
    Json { head: String },
    Text(Lang),
}

impl Format {
    async fn of(
        format: &str,
        (key, value): (&str, &str),
        state: &AppState,
        headers: &HeaderMap,
    ) -> Result<Format, AppError> {
        match format {
            "json" => {
                let value = serde_json::to_string(value).map_err(|_| AppError::Internal)?;
                let head = format!(r#"{{"{key}":{value},"messages":["#);
                Ok(Format::Json { head })
            }
            "txt" => Ok(Format::Text(
                page_context::language(&state.pool, headers).await.lang,
            )),
            _ => Err(AppError::BadRequest("ask for json or txt".into())),
        }
    }

    fn content_type(&self) -> (&'static str, &'static str) {
        match self {
            Format::Json { .. } => ("application/json", "json"),
            Format::Text(_) => ("text/plain; charset=utf-8", "txt"),
        }
    }

    fn head(&self) -> String {
        match self {
            Format::Json { head } => head.clone(),
            Format::Text(_) => String::new(),
        }
    }

    /// A batch as text; `first` says whether anything came before it.
    fn piece(&self, batch: &[app::model::Message], first: bool) -> Result<String, AppError> {
        match self {
            Format::Json { .. } => {
                let mut piece = String::new();
                for (i, message) in batch.iter().enumerate() {
                    if !(first && i == 0) {
                        piece.push(',');
                    }
                    let json = serde_json::to_string(message).map_err(|_| AppError::Internal)?;
                    piece.push_str(&json);
                }
                Ok(piece)
            }
            Format::Text(lang) => Ok(export::log_lines(batch, *lang)),
        }
    }

    fn tail(&self) -> &'static str {
        match self {
            Format::Json { .. } => "]}",
            Format::Text(_) => "",
        }
    }
}

/// The export as a file to save, its body written batch by batch as it is read.
fn download(name: &str, format: Format, export: Export) -> Response {
    let (content_type, extension) = format.content_type();
    let (head, tail) = (format.head(), format.tail());
    let batches = stream::unfold(Some((export, format, true)), |state| async move {
        let (mut export, format, first) = state?;
        let piece = match export.next_batch().await {
            Ok(Some(batch)) => format.piece(&batch, first),
            Ok(None) => return None,
            Err(err) => Err(err),
        };
        match piece {
            Ok(piece) => Some((Ok(Bytes::from(piece)), Some((export, format, false)))),
            Err(err) => {
                // The answer has begun: all that is left is to stop it, so the file is not
                // mistaken for a whole one.
                tracing::warn!(%err, "an export stopped half way");
                Some((Err(err), None))
            }
        }
    });
    let body = stream::once(ready(Ok::<_, AppError>(Bytes::from(head))))
        .chain(batches)
        .chain(stream::once(ready(Ok(Bytes::from_static(tail.as_bytes())))));
    let mut response = Body::from_stream(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    let disposition = format!("attachment; filename=\"{name}.{extension}\"");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
