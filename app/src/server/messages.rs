//! Posting and reading messages: validate → commit → publish.
use super::{db, db::messages::Posted, AppState};
use crate::{
    model::{LiveEvent, Me, RoomPage},
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
    let room = db::rooms::by_slug_or_404(&state.pool, room_slug).await?;

    let _turn = state.hub.write_turn().await;
    let posted = db::messages::insert_once(&state.pool, room.id, author.id, &client_id, &body).await?;
    if posted.is_new {
        state.hub.publish(room.id, &LiveEvent::posted(posted.message.clone()));
    }
    Ok(posted)
}

/// The room as the page shows it: the latest messages and the sequence number they end at,
/// read in one transaction so live updates resume exactly where the page stops.
pub async fn room_page(state: &AppState, me: Me, room_slug: &str) -> Result<RoomPage, AppError> {
    let mut tx = state.pool.begin().await?;
    let room = db::rooms::by_slug(&mut *tx, room_slug).await?.ok_or(AppError::RoomNotFound)?;
    let messages = db::messages::latest(&mut *tx, room.id, PAGE_SIZE).await?;
    tx.commit().await?;
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
