//! `GET /api/v1/rooms/{room}/live?after=N`: replays the room's events after N from the
//! database, then streams new ones. See docs/live-protocol.md.
use std::time::Duration;

use crate::json_api::ApiError;
use app::{
    model::LiveEvent,
    server::{db, hub::Frame, origin, sessions, AppState},
    AppError,
};
use axum::{
    extract::{
        ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade},
        Path, Query, State,
    },
    http::HeaderMap,
    response::Response,
};
use futures::SinkExt;
use serde::Deserialize;
use tokio::sync::broadcast::{
    self,
    error::{RecvError, TryRecvError},
};

const REPLAY_BATCH: i64 = 500;
/// Frames written with one flush at most.
const MAX_BATCH: usize = 64;
/// A socket that cannot take a frame for this long is cut off.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// Close codes (4000–4999 are ours; see docs/live-protocol.md).
pub const CLOSE_GOING_AWAY: u16 = 1001;
pub const CLOSE_POLICY: u16 = 1008;
pub const CLOSE_INTERNAL: u16 = 1011;
pub const CLOSE_TOO_SLOW: u16 = 4008;

#[derive(Deserialize)]
pub struct Resume {
    #[serde(default)]
    after: i64,
}

pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(state): State<AppState>,
    Path(room): Path<String>,
    Query(resume): Query<Resume>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !origin::is_same_origin(&headers, state.settings.public_origin.as_deref()) {
        return Err(AppError::CrossSite.into());
    }
    sessions::require_user(&state.pool, &headers).await?;
    let room = db::rooms::by_slug_or_404(&state.pool, &room).await?;
    // Subscribe before reading the replay, so no event can fall between the two.
    let live = state.hub.subscribe(room.id);
    let tracker = state.sockets.token();
    Ok(ws
        // Small buffers: thousands of idle sockets must stay cheap (the default read buffer
        // alone is 128 KiB each). Clients send nothing but control frames.
        .read_buffer_size(4096)
        .max_message_size(4096)
        .max_frame_size(4096)
        .write_buffer_size(16 * 1024)
        .max_write_buffer_size(256 * 1024)
        .on_upgrade(move |socket| async move {
            let _tracked = tracker;
            follow(socket, state, room, resume.after.max(0), live).await;
        }))
}

async fn follow(
    mut socket: WebSocket,
    state: AppState,
    room: db::rooms::RoomRow,
    mut cursor: i64,
    mut live: broadcast::Receiver<Frame>,
) {
    // Replay what the client missed.
    loop {
        let batch = match db::messages::after(&state.pool, room.id, cursor, REPLAY_BATCH).await {
            Ok(batch) => batch,
            Err(_) => {
                return close(socket, CLOSE_INTERNAL, "could not read the room; reconnect").await
            }
        };
        let done = (batch.len() as i64) < REPLAY_BATCH;
        cursor = batch.last().map_or(cursor, |m| m.seq);
        let mut frames: Vec<Frame> = batch
            .into_iter()
            .map(|m| Frame::encode(&LiveEvent::posted(m)))
            .collect();
        if done {
            let caught_up = LiveEvent::CaughtUp {
                room: room.slug.clone(),
                seq: cursor,
            };
            frames.push(Frame::encode(&caught_up));
        }
        if !send_all(&mut socket, frames).await {
            return;
        }
        if done {
            break;
        }
    }

    let mut chatter = Chatter::default();
    loop {
        tokio::select! {
            _ = state.shutdown.cancelled() => {
                return close(socket, CLOSE_GOING_AWAY, "server restarting; reconnect and resume").await;
            }
            frame = live.recv() => match frame {
                Ok(frame) => match take_ready(frame, &mut live, &mut cursor) {
                    Some(batch) => if !send_all(&mut socket, batch).await {
                        return;
                    },
                    None => return close(socket, CLOSE_TOO_SLOW, "too far behind; reconnect and resume").await,
                },
                Err(RecvError::Lagged(_)) => {
                    return close(socket, CLOSE_TOO_SLOW, "too far behind; reconnect and resume").await;
                }
                Err(RecvError::Closed) => return,
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(WsMessage::Close(_))) | Some(Err(_)) | None => return,
                // Pings are answered by the library; clients have nothing else to say.
                Some(Ok(_)) => if chatter.too_much() {
                    return close(socket, CLOSE_POLICY, "too many frames").await;
                },
            },
        }
    }
}

/// The frame just received and whatever else is already queued (up to `MAX_BATCH`), without
/// those the client already has; `None` if the queue overflowed meanwhile.
fn take_ready(
    first: Frame,
    live: &mut broadcast::Receiver<Frame>,
    cursor: &mut i64,
) -> Option<Vec<Frame>> {
    let mut batch = Vec::new();
    let mut next = Some(first);
    while let Some(frame) = next.take() {
        if frame.seq > *cursor {
            *cursor = frame.seq;
            batch.push(frame);
        }
        if batch.len() < MAX_BATCH {
            match live.try_recv() {
                Ok(frame) => next = Some(frame),
                Err(TryRecvError::Lagged(_)) => return None,
                Err(_) => {}
            }
        }
    }
    Some(batch)
}

/// Writes the frames with one flush: a socket that fell behind catches up in few syscalls.
async fn send_all(socket: &mut WebSocket, frames: Vec<Frame>) -> bool {
    let write = async {
        for frame in frames {
            socket.feed(WsMessage::Text(frame.text)).await?;
        }
        socket.flush().await
    };
    matches!(tokio::time::timeout(SEND_TIMEOUT, write).await, Ok(Ok(())))
}

async fn close(mut socket: WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = tokio::time::timeout(SEND_TIMEOUT, socket.send(WsMessage::Close(Some(frame)))).await;
}

/// Counts what a client sends; more than 20 frames in 10 s is abuse.
struct Chatter {
    since: tokio::time::Instant,
    frames: u32,
}

impl Default for Chatter {
    fn default() -> Self {
        Chatter {
            since: tokio::time::Instant::now(),
            frames: 0,
        }
    }
}

impl Chatter {
    fn too_much(&mut self) -> bool {
        if self.since.elapsed() > Duration::from_secs(10) {
            *self = Chatter::default();
        }
        self.frames += 1;
        self.frames > 20
    }
}
