//! Posting and reading messages: validate here, then the writer commits and publishes.
use super::{
    db::{
        self,
        messages::{NewMessage, Posted},
    },
    AppState,
};
use crate::{
    model::{Me, RoomPage},
    rules, AppError,
};

/// How many messages a room page shows.
pub const PAGE_SIZE: i64 = 50;

/// Stores a message (once per client id) and tells the room. A retried post gets back the
/// message stored the first time, with `is_new` false, and nobody is told twice.
pub async fn post(
    state: &AppState,
    author: &Me,
    room_slug: &str,
    client_id: &str,
    body: &str,
) -> Result<Posted, AppError> {
    let body = rules::message_body(body)?;
    let client_id = rules::client_id(client_id)?;
    state.post_rate.check(author.id)?;
    let room = db::rooms::by_slug_or_404(&state.pool, room_slug).await?;
    let message = NewMessage {
        room_id: room.id,
        author_id: author.id,
        client_id,
        body,
    };
    state.writer.post(message).await
}

/// The room as the page shows it: the latest messages and the sequence number they end at,
/// read in one statement so live updates resume exactly where the page stops.
pub async fn room_page(state: &AppState, me: Me, room_slug: &str) -> Result<RoomPage, AppError> {
    let (room, messages) = db::messages::room_page(&state.pool, room_slug, PAGE_SIZE)
        .await?
        .ok_or(AppError::RoomNotFound)?;
    Ok(RoomPage {
        room: room.public(),
        me,
        messages,
        last_seq: room.last_seq,
        client_id: new_client_id(),
    })
}

/// A random id for a composer form.
pub fn new_client_id() -> String {
    use rand::RngCore;
    let mut raw = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    hex::encode(raw)
}

#[cfg(test)]
mod tests;
