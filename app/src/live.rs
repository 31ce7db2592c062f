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

use crate::model::{
    live_protocol::{
        live_path, silence_limit, ClientFrame, LiveState, CLOSE_NORMAL, CLOSE_ROOM_GONE,
        CLOSE_SIGNED_OUT, HEARTBEAT, TYPING_SENT_EVERY,
    },
    LiveEvent,
};

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
            if now.saturating_sub(last) >= TYPING_SENT_EVERY.as_millis() as u64 {
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
    /// Nothing arrived for longer than the heartbeat allows: the connection died silently.
    Silence,
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
    // Until a server says otherwise (in `caught_up`), it pings at the default interval.
    let mut quiet_limit = silence_limit(HEARTBEAT);
    loop {
        state.set(if failures == 0 {
            LiveState::Connecting
        } else {
            LiveState::Reconnecting
        });
        // Always ask for the room list: the page's copy may predate the read marks of the room
        // just left (its socket closes while this page loads), and after a drop it is stale.
        if let Ok(mut socket) = WebSocket::open(&live_url(&room, cursor, true)) {
            let mut heard_at = js_sys::Date::now();
            loop {
                let quiet_for = js_sys::Date::now() - heard_at;
                let left = (quiet_limit.as_millis() as f64 - quiet_for).max(0.0);
                let silence = TimeoutFuture::new(left as u32).fuse();
                futures::pin_mut!(silence);
                let step = futures::select! {
                    _ = stop => Step::Stop,
                    _ = typing.next() => Step::Typing,
                    _ = silence => Step::Silence,
                    frame = socket.next().fuse() => Step::Frame(frame),
                };
                let text = match step {
                    Step::Stop => {
                        let _ = socket.close(Some(CLOSE_NORMAL), Some("left the room"));
                        return;
                    }
                    Step::Silence => {
                        let _ = socket.close(Some(CLOSE_NORMAL), Some("heard nothing"));
                        break;
                    }
                    Step::Typing => {
                        let typing = serde_json::to_string(&ClientFrame::Typing)
                            .expect("a client frame serialises");
                        let _ = socket.send(WsMessage::Text(typing)).await;
                        continue;
                    }
                    Step::Frame(Some(Ok(WsMessage::Text(text)))) => {
                        heard_at = js_sys::Date::now();
                        text
                    }
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
                    LiveEvent::CaughtUp { heartbeat, .. } => {
                        if *heartbeat > 0 {
                            quiet_limit = silence_limit(std::time::Duration::from_secs(*heartbeat));
                        }
                        state.set(LiveState::Live);
                        failures = 0;
                    }
                    LiveEvent::Ping => continue,
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
    format!("{scheme}://{host}{}", live_path(room, after, rooms))
}
