//! The browser side of the live connection: connect, replay after the last event held, follow,
//! and on any drop reconnect with backoff and resume. The cursor only moves on events received
//! in order, so a resume never skips or repeats one.
use futures::{channel::oneshot, FutureExt, StreamExt};
use gloo_net::websocket::{futures::WebSocket, Message as WsMessage};
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;

use crate::{model::LiveEvent, ui::components::LiveState};

/// Follows a room from event `after` on. Dropping the returned sender stops following.
pub fn follow_room(
    room: String,
    after: i64,
    state: RwSignal<LiveState>,
    on_event: impl Fn(LiveEvent) + 'static,
) -> oneshot::Sender<()> {
    let (stop_tx, stop_rx) = oneshot::channel();
    wasm_bindgen_futures::spawn_local(run(room, after, state, on_event, stop_rx));
    stop_tx
}

enum Step {
    Stop,
    Frame(Option<Result<WsMessage, gloo_net::websocket::WebSocketError>>),
}

async fn run(
    room: String,
    mut cursor: i64,
    state: RwSignal<LiveState>,
    on_event: impl Fn(LiveEvent),
    stop: oneshot::Receiver<()>,
) {
    let mut stop = stop.fuse();
    let mut failures: u32 = 0;
    loop {
        state.set(if failures == 0 {
            LiveState::Connecting
        } else {
            LiveState::Reconnecting
        });
        if let Ok(mut socket) = WebSocket::open(&live_url(&room, cursor)) {
            loop {
                let step = futures::select! {
                    _ = stop => Step::Stop,
                    frame = socket.next().fuse() => Step::Frame(frame),
                };
                let text = match step {
                    Step::Stop => {
                        let _ = socket.close(Some(1000), Some("left the room"));
                        return;
                    }
                    Step::Frame(Some(Ok(WsMessage::Text(text)))) => text,
                    Step::Frame(Some(Ok(WsMessage::Bytes(_)))) => continue,
                    Step::Frame(_) => break,
                };
                let Ok(event) = serde_json::from_str::<LiveEvent>(&text) else {
                    continue;
                };
                match event.event_seq() {
                    None => {
                        state.set(LiveState::Live);
                        failures = 0;
                    }
                    Some(seq) if seq <= cursor => {}
                    // A gap can only mean a lost frame: reconnect and replay from the cursor.
                    Some(seq) if seq != cursor + 1 => break,
                    Some(seq) => {
                        cursor = seq;
                        on_event(event);
                    }
                }
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

fn live_url(room: &str, after: i64) -> String {
    let location = window().location();
    let scheme = if location.protocol().as_deref() == Ok("https:") {
        "wss"
    } else {
        "ws"
    };
    let host = location.host().unwrap_or_default();
    format!("{scheme}://{host}/api/v1/rooms/{room}/live?after={after}")
}
