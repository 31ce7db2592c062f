//! The browser side of the live connection: connect, replay after the last event held, follow,
//! and on any drop reconnect with backoff and resume. The cursor only moves on the followed
//! room's events received in order, so a resume never skips or repeats one. Frames about the
//! reader's other rooms (unread counts, rooms coming and going) pass straight through.
use std::sync::{
    atomic::{AtomicU64, Ordering},
    Arc,
};

use futures::{
    channel::{mpsc, oneshot},
    FutureExt, SinkExt, StreamExt,
};
use gloo_net::websocket::{futures::WebSocket, Message as WsMessage, WebSocketError};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use crate::{model::LiveEvent, ui::components::LiveState};

/// The server closes with this code when the room is gone for the reader (deleted, or they
/// were removed): following it again would only fail.
const CLOSE_ROOM_GONE: u16 = 4404;
/// The session was ended elsewhere (signed out from settings, a password change, a deleted
/// account): go to the sign-in page rather than reconnect.
const CLOSE_SIGNED_OUT: u16 = 4401;
const TYPING_EVERY_MS: u64 = 3_000;

/// A followed room. Dropping it stops following.
pub struct Following {
    _stop: oneshot::Sender<()>,
    outgoing: mpsc::UnboundedSender<()>,
}

impl Following {
    /// Members may tell the room they are typing (at most every few seconds).
    pub fn typing_sender(&self, is_member: bool) -> TypingSender {
        TypingSender {
            outgoing: is_member.then(|| self.outgoing.clone()),
            last: Arc::new(AtomicU64::new(0)),
        }
    }
}

#[derive(Clone)]
pub struct TypingSender {
    outgoing: Option<mpsc::UnboundedSender<()>>,
    last: Arc<AtomicU64>,
}

impl TypingSender {
    pub fn typing(&self) {
        let now = js_sys::Date::now() as u64;
        let last = self.last.load(Ordering::Relaxed);
        if let Some(outgoing) = &self.outgoing {
            if now.saturating_sub(last) >= TYPING_EVERY_MS {
                self.last.store(now, Ordering::Relaxed);
                let _ = outgoing.unbounded_send(());
            }
        }
    }
}

/// Runs `then` after `ms` milliseconds.
pub fn after_ms(ms: u32, then: impl FnOnce() + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        TimeoutFuture::new(ms).await;
        then();
    });
}

/// Follows a room from event `after` on.
pub fn follow_room(
    room: String,
    after: i64,
    state: RwSignal<LiveState>,
    on_event: impl Fn(LiveEvent) + 'static,
) -> Following {
    let (stop_tx, stop_rx) = oneshot::channel();
    let (outgoing, typing) = mpsc::unbounded();
    wasm_bindgen_futures::spawn_local(run(room, after, state, on_event, stop_rx, typing));
    Following {
        _stop: stop_tx,
        outgoing,
    }
}

enum Step {
    Stop,
    Typing,
    Frame(Option<Result<WsMessage, WebSocketError>>),
}

async fn run(
    room: String,
    mut cursor: i64,
    state: RwSignal<LiveState>,
    on_event: impl Fn(LiveEvent),
    stop: oneshot::Receiver<()>,
    mut typing: mpsc::UnboundedReceiver<()>,
) {
    let mut stop = stop.fuse();
    let mut failures: u32 = 0;
    loop {
        state.set(if failures == 0 {
            LiveState::Connecting
        } else {
            LiveState::Reconnecting
        });
        // Always ask for the room list: the page's copy may predate the read marks of the room
        // just left (its socket closes while this page loads), and after a drop it is stale.
        if let Ok(mut socket) = WebSocket::open(&live_url(&room, cursor, true)) {
            loop {
                let step = futures::select! {
                    _ = stop => Step::Stop,
                    _ = typing.next() => Step::Typing,
                    frame = socket.next().fuse() => Step::Frame(frame),
                };
                let text = match step {
                    Step::Stop => {
                        let _ = socket.close(Some(1000), Some("left the room"));
                        return;
                    }
                    Step::Typing => {
                        let said = WsMessage::Text(r#"{"type":"typing"}"#.to_owned());
                        let _ = socket.send(said).await;
                        continue;
                    }
                    Step::Frame(Some(Ok(WsMessage::Text(text)))) => text,
                    Step::Frame(Some(Ok(WsMessage::Bytes(_)))) => continue,
                    Step::Frame(Some(Err(WebSocketError::ConnectionClose(close))))
                        if close.code == CLOSE_ROOM_GONE =>
                    {
                        state.set(LiveState::Ended);
                        return;
                    }
                    Step::Frame(Some(Err(WebSocketError::ConnectionClose(close))))
                        if close.code == CLOSE_SIGNED_OUT =>
                    {
                        state.set(LiveState::Ended);
                        let _ = window().location().set_href("/signin");
                        return;
                    }
                    Step::Frame(_) => break,
                };
                let Ok(event) = serde_json::from_str::<LiveEvent>(&text) else {
                    continue;
                };
                match &event {
                    LiveEvent::CaughtUp { .. } => {
                        state.set(LiveState::Live);
                        failures = 0;
                    }
                    // The followed room's events arrive in order; private messages to others
                    // (and replays, which send each message's latest state once) leave gaps in
                    // the numbers, so only an older number is a repeat.
                    event if event.room() == Some(room.as_str()) => {
                        if let Some(seq) = event.event_seq() {
                            if seq <= cursor {
                                continue;
                            }
                            cursor = seq;
                        }
                    }
                    _ => {}
                }
                on_event(event);
            }
        }
        failures += 1;
        state.set(LiveState::Reconnecting);
        let pause = TimeoutFuture::new(backoff_ms(failures)).fuse();
        futures::pin_mut!(pause);
        futures::select! {
            _ = stop => return,
            _ = pause => {}
        }
    }
}

/// 0.5 s doubling to 10 s, with jitter so a restarted server is not hit by everyone at once.
fn backoff_ms(failures: u32) -> u32 {
    let base = 500u32.saturating_mul(1 << failures.min(5)).min(10_000);
    let jitter = (js_sys::Math::random() * f64::from(base) * 0.3) as u32;
    base / 2 + jitter
}

fn live_url(room: &str, after: i64, rooms: bool) -> String {
    let location = window().location();
    let scheme = if location.protocol().as_deref() == Ok("https:") {
        "wss"
    } else {
        "ws"
    };
    let host = location.host().unwrap_or_default();
    format!("{scheme}://{host}/api/v1/rooms/{room}/live?after={after}&rooms={rooms}")
}
