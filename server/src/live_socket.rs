//! `GET /api/v1/rooms/{room}/live?after=N`: replays the room's events after N from the
//! database, then streams new ones. It also carries news of the reader's other rooms (new
//! messages for unread counts, rooms added, deleted or left). See docs/live-protocol.md.
mod replay;
mod wire;

use crate::json_api::ApiError;
use app::{
    model::{LiveEvent, Me},
    server::{
        accounts::callers::{self, Credential},
        live::hub::Frame,
        rooms,
        rooms::memberships,
        web::origin,
        AppState,
    },
    AppError,
};
use axum::{
    extract::{
        ws::{Message as WsMessage, WebSocket, WebSocketUpgrade},
        Path, Query, State,
    },
    http::HeaderMap,
    response::Response,
};
use serde::Deserialize;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio_stream::{wrappers::BroadcastStream, StreamExt, StreamMap};
use wire::{close, send_all, take_ready, Chatter, Heartbeat, Ready};

use app::model::live_protocol::{ClientFrame, HEARTBEATS_MISSED, TYPING_PASSED_EVERY};
pub use app::model::live_protocol::{
    CLOSE_GOING_AWAY, CLOSE_INTERNAL, CLOSE_POLICY, CLOSE_ROOM_GONE, CLOSE_SIGNED_OUT,
    CLOSE_TOO_SLOW,
};

#[derive(Deserialize)]
pub struct Resume {
    #[serde(default)]
    after: i64,
    /// Send the reader's rooms with unread counts after `caught_up` (a reconnecting client
    /// wants them; a page that was just rendered has them).
    #[serde(default)]
    rooms: bool,
}

/// What a socket follows: one room in full, and the news of the reader's other rooms.
struct Follower {
    me: Me,
    /// What the socket signed in with (session or token), checked again when the person's
    /// sessions or tokens change.
    session: (HeaderMap, Credential),
    room: rooms::RoomRow,
    is_member: bool,
    cursor: i64,
    send_rooms: bool,
    live: broadcast::Receiver<Frame>,
    news: broadcast::Receiver<Frame>,
    others: StreamMap<i64, BroadcastStream<Frame>>,
}

pub async fn upgrade(
    ws: WebSocketUpgrade,
    State(state): State<AppState>,
    Path(room): Path<String>,
    Query(resume): Query<Resume>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if !origin::is_same_origin(&headers, &state.settings) {
        return Err(AppError::CrossSite.into());
    }
    let (me, credential) = callers::current(&state.pool, &headers)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let epoch = state.hub.membership_epoch();
    let access = rooms::readable(&state, &me, &room).await?;
    // Subscribe before reading the replay, so no event can fall between the two.
    let live = state.hub.subscribe_at(access.room.id, access.room.last_seq);
    let news = state.hub.subscribe_person(me.id);
    let mut others = StreamMap::new();
    for room_id in memberships::room_ids_of(&state, &me).await? {
        if room_id != access.room.id {
            others.insert(
                room_id,
                BroadcastStream::new(state.hub.subscribe_news(room_id)),
            );
        }
    }
    if state.hub.membership_epoch() != epoch {
        recheck(&state, &me, &room, access.room.id, &mut others).await?;
    }
    // A cursor past the room's end (a client that kept one from a deleted and re-created
    // room, say) would skip what comes next: resume from the real end instead, which
    // `caught_up` then names.
    let cursor = resume.after.clamp(0, access.room.last_seq);
    let follower = Follower {
        me,
        session: (headers, credential),
        is_member: access.is_member,
        room: access.room,
        cursor,
        send_rooms: resume.rooms,
        live,
        news,
        others,
    };
    let tracker = state.sockets.token();
    Ok(ws
        // Small buffers: thousands of idle sockets must stay cheap (the default read buffer
        // alone is 128 KiB each). Clients send nothing but control and typing frames.
        .read_buffer_size(4096)
        .max_message_size(4096)
        .max_frame_size(4096)
        .write_buffer_size(16 * 1024)
        .max_write_buffer_size(256 * 1024)
        .on_upgrade(move |socket| async move {
            let _tracked = tracker;
            let _online = state.presence.connect(follower.me.id);
            let _counted = app::server::metrics::SocketOpen::new(&state.metrics);
            follow(socket, state, follower).await;
        }))
}

/// Memberships changed while the socket subscribed: what is committed now is what counts, and
/// whatever is committed later is announced after these subscriptions, so it reaches them.
async fn recheck(
    state: &AppState,
    me: &Me,
    slug: &str,
    subscribed: i64,
    others: &mut StreamMap<i64, BroadcastStream<Frame>>,
) -> Result<(), AppError> {
    if rooms::readable(state, me, slug).await?.room.id != subscribed {
        return Err(AppError::RoomNotFound);
    }
    let rooms_now = memberships::room_ids_of(state, me).await?;
    for room_id in others.keys().copied().collect::<Vec<_>>() {
        if !rooms_now.contains(&room_id) {
            others.remove(&room_id);
        }
    }
    Ok(())
}

async fn follow(mut socket: WebSocket, state: AppState, mut f: Follower) {
    if let Err((code, reason)) = replay::replay(&mut socket, &state, &mut f).await {
        close(socket, code, reason).await;
        return;
    }
    let ended = stream(&mut socket, &state, &mut f).await;
    if let Some((code, reason)) = ended {
        close(socket, code, reason).await;
    }
    if ended.map(|(code, _)| code) != Some(CLOSE_GOING_AWAY) {
        // What the socket showed counts as read (not on shutdown: the client comes back), and
        // the reader's other sockets hear the room's counts again: the page they just opened
        // may have counted this room as unread a moment before this socket closed.
        if let Ok(Some(room)) = rooms::mark_read(&state, &f.me, f.room.id, f.cursor).await {
            let read = LiveEvent::RoomRead {
                room: room.slug,
                last_seq: room.last_seq,
                unread: room.unread,
                mentions: room.mentions,
            };
            state.relay.tell_person(f.me.id, f.room.id, &read).await;
        }
    }
}

/// Follows live until the socket ends; returns the close frame to send, if any.
async fn stream(
    socket: &mut WebSocket,
    state: &AppState,
    f: &mut Follower,
) -> Option<(u16, &'static str)> {
    let mut chatter = Chatter::default();
    let mut last_typing: Option<tokio::time::Instant> = None;
    let mut heartbeat = Heartbeat::new(state.settings.heartbeat);
    let me = f.me.id;
    let mut resyncs = state.hub.resyncs();
    loop {
        tokio::select! {
            _ = state.shutdown.cancelled() => {
                return Some((CLOSE_GOING_AWAY, "server restarting; reconnect and resume"));
            }
            // This instance may have missed events from the others (its database listener
            // dropped): start again from the database, which has them all.
            _ = resyncs.changed() => {
                return Some((CLOSE_GOING_AWAY, "reconnect and resume"));
            }
            _ = heartbeat.tick() => {
                // Nothing came back from the last pings: the other end is gone (a closed lid,
                // a dropped NAT mapping) without saying so.
                if heartbeat.missed() >= HEARTBEATS_MISSED {
                    return Some((CLOSE_TOO_SLOW, "no answer to heartbeats; reconnect and resume"));
                }
                if let Err(unsent) = wire::ping(socket).await {
                    return Some(unsent.close_frame());
                }
            }
            frame = f.live.recv() => match frame {
                Ok(frame) => match take_ready(frame, &mut f.live, &mut f.cursor, me) {
                    Ready::Frames { frames, room_ended } => {
                        if let Err(unsent) = send_all(socket, frames).await {
                            return Some(unsent.close_frame());
                        }
                        if room_ended {
                            // A deleted account also leaves its rooms: say which it was.
                            let (headers, id) = &f.session;
                            if !callers::still_valid(&state.pool, headers, id).await {
                                return Some((CLOSE_SIGNED_OUT, "signed out"));
                            }
                            return Some((CLOSE_ROOM_GONE, "this room is gone for you"));
                        }
                    }
                    Ready::Overflowed => return Some((CLOSE_TOO_SLOW, "too far behind; reconnect and resume")),
                },
                Err(RecvError::Lagged(_)) => {
                    return Some((CLOSE_TOO_SLOW, "too far behind; reconnect and resume"));
                }
                // Only a deleted room's channel closes, after its last frame was delivered.
                Err(RecvError::Closed) => return Some((CLOSE_ROOM_GONE, "this room is gone")),
            },
            Some((room_id, item)) = f.others.next(), if !f.others.is_empty() => match item {
                // Another room: only what the sidebar needs.
                Ok(frame) => {
                    if frame.ends_room_for(me) {
                        f.others.remove(&room_id);
                    }
                    if frame.reaches(me) {
                        if let Err(unsent) = send_all(socket, vec![frame.text]).await {
                            return Some(unsent.close_frame());
                        }
                    }
                }
                // Some of its news went by unheard: the sidebar is counted again instead (a
                // client takes each count as of its `last_seq`, so nothing counts twice).
                Err(_) => {
                    let Ok(rooms) = rooms::of_member(state, &f.me).await else {
                        return Some((CLOSE_INTERNAL, "could not count your rooms; reconnect"));
                    };
                    let recount = Frame::encode(f.room.id, &LiveEvent::Rooms { rooms });
                    if let Err(unsent) = send_all(socket, vec![recount.text]).await {
                        return Some(unsent.close_frame());
                    }
                }
            },
            news = f.news.recv() => match news {
                Ok(frame) if frame.recheck_session => {
                    let (headers, id) = &f.session;
                    if !callers::still_valid(&state.pool, headers, id).await {
                        return Some((CLOSE_SIGNED_OUT, "signed out"));
                    }
                }
                Ok(frame) => {
                    if frame.room_id != f.room.id && !f.others.contains_key(&frame.room_id) {
                        let news = state.hub.subscribe_news(frame.room_id);
                        f.others.insert(frame.room_id, BroadcastStream::new(news));
                    }
                    if let Err(unsent) = send_all(socket, vec![frame.text]).await {
                        return Some(unsent.close_frame());
                    }
                }
                // Rooms added or read went by unheard: start again, counted afresh.
                Err(_) => return Some((CLOSE_TOO_SLOW, "too far behind; reconnect and resume")),
            },
            incoming = socket.recv() => match incoming {
                Some(Ok(WsMessage::Close(_))) | Some(Err(_)) | None => return None,
                Some(Ok(WsMessage::Pong(_))) => heartbeat.answered(),
                Some(Ok(message)) => {
                    heartbeat.answered();
                    if chatter.too_much() {
                        return Some((CLOSE_POLICY, "too many frames"));
                    }
                    let typing = wire::client_frame(&message) == Some(ClientFrame::Typing);
                    if typing && f.is_member
                        && last_typing.is_none_or(|t| t.elapsed() >= TYPING_PASSED_EVERY)
                    {
                        last_typing = Some(tokio::time::Instant::now());
                        let typing = LiveEvent::Typing {
                            room: f.room.slug.clone(),
                            username: f.me.username.clone(),
                            display_name: f.me.display_name.clone(),
                        };
                        state.relay.publish(f.room.id, &typing).await;
                    }
                }
            },
        }
    }
}
