//! Writing frames to a socket, and reading what clients may say.
use std::{sync::LazyLock, time::Duration};

use app::{
    model::{
        live_protocol::{ClientFrame, CLOSE_INTERNAL, CLOSE_TOO_SLOW},
        LiveEvent,
    },
    server::live::hub::Frame,
};
use axum::extract::ws::{CloseFrame, Message as WsMessage, Utf8Bytes, WebSocket};
use futures::SinkExt;
use tokio::sync::broadcast::{self, error::TryRecvError};

/// Frames written with one flush at most.
const MAX_BATCH: usize = 64;
/// A socket that cannot take a frame for this long is cut off.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

pub enum Ready {
    Frames {
        frames: Vec<Utf8Bytes>,
        /// The last frame ends the room for this reader (removed, or the room deleted).
        room_ended: bool,
    },
    /// The queue overflowed meanwhile.
    Overflowed,
}

/// The frame just received and whatever else is already queued (up to `MAX_BATCH`), without
/// those the client already has or may not see.
pub fn take_ready(
    first: Frame,
    live: &mut broadcast::Receiver<Frame>,
    cursor: &mut i64,
    reader: i64,
) -> Ready {
    let mut frames = Vec::new();
    let mut next = Some(first);
    while let Some(frame) = next.take() {
        let fresh = frame.seq == 0 || frame.seq > *cursor;
        if fresh && frame.reaches(reader) {
            *cursor = (*cursor).max(frame.seq);
            let room_ended = frame.ends_room_for(reader);
            frames.push(frame.text);
            if room_ended {
                return Ready::Frames { frames, room_ended };
            }
        }
        if frames.len() < MAX_BATCH {
            match live.try_recv() {
                Ok(frame) => next = Some(frame),
                Err(TryRecvError::Lagged(_)) => return Ready::Overflowed,
                Err(_) => {}
            }
        }
    }
    Ready::Frames {
        frames,
        room_ended: false,
    }
}

/// Why frames could not be written; the socket then closes saying so, and its client resumes
/// after what it has (rather than the connection dropping without a word).
#[derive(Clone, Copy, Debug)]
pub enum Unsent {
    /// The client read nothing for [`SEND_TIMEOUT`].
    TooSlow,
    /// The write failed.
    Failed,
}

impl Unsent {
    pub fn close_frame(self) -> (u16, &'static str) {
        match self {
            Unsent::TooSlow => (CLOSE_TOO_SLOW, "too slow to read; reconnect and resume"),
            Unsent::Failed => (CLOSE_INTERNAL, "could not send; reconnect and resume"),
        }
    }
}

/// Writes the frames with one flush: a socket that fell behind catches up in few syscalls.
pub async fn send_all(socket: &mut WebSocket, frames: Vec<Utf8Bytes>) -> Result<(), Unsent> {
    let write = async {
        for frame in frames {
            socket.feed(WsMessage::Text(frame)).await?;
        }
        socket.flush().await
    };
    match tokio::time::timeout(SEND_TIMEOUT, write).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err(Unsent::Failed),
        Err(_) => Err(Unsent::TooSlow),
    }
}

/// A WebSocket ping (answered by any client's WebSocket stack) and a `ping` frame (which a
/// browser's script can see, as it cannot see the other), with one flush.
pub async fn ping(socket: &mut WebSocket) -> Result<(), Unsent> {
    static PING: LazyLock<Utf8Bytes> = LazyLock::new(|| {
        Utf8Bytes::from(serde_json::to_string(&LiveEvent::Ping).expect("a ping serialises"))
    });
    let write = async {
        socket.feed(WsMessage::Ping(Default::default())).await?;
        socket.feed(WsMessage::Text(PING.clone())).await?;
        socket.flush().await
    };
    match tokio::time::timeout(SEND_TIMEOUT, write).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err(Unsent::Failed),
        Err(_) => Err(Unsent::TooSlow),
    }
}

/// When to ping, and how many pings in a row went unanswered.
pub struct Heartbeat {
    every: tokio::time::Interval,
    unanswered: u32,
}

impl Heartbeat {
    pub fn new(every: Duration) -> Heartbeat {
        let start = tokio::time::Instant::now() + every;
        let mut every = tokio::time::interval_at(start, every);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        Heartbeat {
            every,
            unanswered: 0,
        }
    }

    /// Waits for the next ping's time, counting the last one as unanswered until `answered`.
    pub async fn tick(&mut self) {
        self.every.tick().await;
        self.unanswered += 1;
    }

    /// Pings in a row that went unanswered, this one included.
    pub fn missed(&self) -> u32 {
        self.unanswered.saturating_sub(1)
    }

    /// Anything the client sent shows it is there.
    pub fn answered(&mut self) {
        self.unanswered = 0;
    }
}

pub async fn close(mut socket: WebSocket, code: u16, reason: &'static str) {
    let frame = CloseFrame {
        code,
        reason: reason.into(),
    };
    let _ = tokio::time::timeout(SEND_TIMEOUT, socket.send(WsMessage::Close(Some(frame)))).await;
}

/// A client's frame, if it is one the protocol knows ([`ClientFrame`]).
pub fn client_frame(message: &WsMessage) -> Option<ClientFrame> {
    match message {
        WsMessage::Text(text) => serde_json::from_str(text).ok(),
        _ => None,
    }
}

/// Counts what a client sends; more than 20 frames in 10 s is abuse.
pub struct Chatter {
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
    pub fn too_much(&mut self) -> bool {
        if self.since.elapsed() > Duration::from_secs(10) {
            *self = Chatter::default();
        }
        self.frames += 1;
        self.frames > 20
    }
}
