//! The first part of every connection: what the client missed, then where things stand.
use app::{
    model::LiveEvent,
    server::{live::hub::Frame, messages, rooms, AppState},
};
use axum::extract::ws::{Utf8Bytes, WebSocket};

use super::{wire::send_all, Follower, CLOSE_INTERNAL};

const REPLAY_BATCH: i64 = 500;

/// Sends what the client missed, `caught_up`, the reader's rooms (if asked) and who is online.
/// `Err` is the close frame to end the socket with.
pub(super) async fn replay(
    socket: &mut WebSocket,
    state: &AppState,
    f: &mut Follower,
) -> Result<(), (u16, &'static str)> {
    let unreadable = |_| (CLOSE_INTERNAL, "could not read the room; reconnect");
    loop {
        let batch = messages::events_after(state, &f.me, f.room.id, f.cursor, REPLAY_BATCH)
            .await
            .map_err(unreadable)?;
        let done = (batch.len() as i64) < REPLAY_BATCH;
        f.cursor = batch
            .last()
            .and_then(LiveEvent::event_seq)
            .unwrap_or(f.cursor);
        let mut frames: Vec<Utf8Bytes> = batch
            .iter()
            .map(|event| Frame::encode(f.room.id, event).text)
            .collect();
        if done {
            let caught_up = LiveEvent::CaughtUp {
                room: f.room.slug.clone(),
                seq: f.cursor,
                heartbeat: state.settings.heartbeat.as_secs().max(1),
            };
            frames.push(Frame::encode(f.room.id, &caught_up).text);
            if f.send_rooms {
                let rooms = rooms::of_member(state, &f.me).await.map_err(unreadable)?;
                frames.push(Frame::encode(f.room.id, &LiveEvent::Rooms { rooms }).text);
            }
            let online = state
                .presence
                .snapshot(
                    &state.pool,
                    f.room.id,
                    &f.room.slug,
                    state.hub.membership_epoch(),
                )
                .await
                .map_err(unreadable)?;
            frames.push(online);
        }
        send_all(socket, frames)
            .await
            .map_err(|unsent| unsent.close_frame())?;
        if done {
            return Ok(());
        }
    }
}
