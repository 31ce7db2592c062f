//! The live protocol's numbers and the client's side of it, used by the server's socket and
//! the browser's client alike (docs/live-protocol.md). The server's frames are
//! [`super::LiveEvent`]; a client's are [`ClientFrame`].
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// What a client may send besides WebSocket control frames.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientFrame {
    /// The member is typing (at most every [`TYPING_SENT_EVERY`]; never stored).
    Typing,
}

/// Where a client's connection stands; `Idle` until a page is hydrated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveState {
    Idle,
    Connecting,
    Live,
    Reconnecting,
    /// The room is gone for the reader, or they were signed out: nothing more will come.
    Ended,
}

/// Close codes: 1000–1011 are the WebSocket standard's; 4000–4999 are ours.
pub const CLOSE_NORMAL: u16 = 1000;
pub const CLOSE_GOING_AWAY: u16 = 1001;
pub const CLOSE_POLICY: u16 = 1008;
pub const CLOSE_INTERNAL: u16 = 1011;
/// The client fell too far behind, or stopped reading (it answered no heartbeat).
pub const CLOSE_TOO_SLOW: u16 = 4008;
/// The socket's session ended: sign in again rather than reconnect.
pub const CLOSE_SIGNED_OUT: u16 = 4401;
/// The room is gone for the reader (deleted, or they left or were removed): do not reconnect.
pub const CLOSE_ROOM_GONE: u16 = 4404;

/// How often the server pings each socket (a WebSocket ping, and a `ping` frame a browser can
/// see), unless told otherwise (`--heartbeat-seconds`); `caught_up` says which interval applies.
pub const HEARTBEAT: Duration = Duration::from_secs(20);
/// Heartbeats a socket may miss before its other end counts as gone: the server closes a
/// socket that answered none of its last pings, a client reconnects when it heard nothing
/// for that many intervals (and a little more, for a slow network).
pub const HEARTBEATS_MISSED: u32 = 2;

/// A client sends `typing` at most this often while someone types...
pub const TYPING_SENT_EVERY: Duration = Duration::from_secs(3);
/// ... and the server passes on at most one per socket this often.
pub const TYPING_PASSED_EVERY: Duration = Duration::from_secs(2);

/// How long a client waits without any frame before it takes the connection for dead, for a
/// server that pings every `heartbeat`.
pub fn silence_limit(heartbeat: Duration) -> Duration {
    heartbeat * HEARTBEATS_MISSED + Duration::from_secs(2)
}

/// `/api/v1/rooms/{room}/live?after=N&rooms=B` (path and query; the caller adds scheme and host).
pub fn live_path(room: &str, after: i64, rooms: bool) -> String {
    format!("/api/v1/rooms/{room}/live?after={after}&rooms={rooms}")
}
