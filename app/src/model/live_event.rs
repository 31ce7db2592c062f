use serde::{Deserialize, Serialize};

use super::{Member, Message, RoomSummary};

/// One frame of the live protocol (`/api/v1/rooms/{room}/live`, see docs/live-protocol.md).
/// A socket follows one room (replay, then live) and also hears of new messages in the
/// reader's other rooms, so the sidebar's unread counts stay current.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveEvent {
    /// A room event: a message was posted. `seq` is the room's event number. A private message
    /// only reaches its two people, so others see a gap in `seq` there.
    MessagePosted {
        room: String,
        seq: i64,
        message: Message,
    },
    /// A room event: a message was edited or reacted to; `message` is its new state (its own
    /// `seq` is still the one that posted it).
    MessageChanged {
        room: String,
        seq: i64,
        message: Message,
    },
    /// A room event: the message posted as `message_seq` was deleted; show it no more.
    MessageDeleted {
        room: String,
        seq: i64,
        message_seq: i64,
    },
    /// Not a room event: the replay after `?after=` is complete and everything up to `seq` has
    /// been sent. What follows is live.
    CaughtUp {
        room: String,
        seq: i64,
        /// Seconds between the server's heartbeats (`ping` frames) on this socket.
        #[serde(default)]
        heartbeat: u64,
    },
    /// Not a room event: the server's heartbeat, sent every `heartbeat` seconds, so that a client
    /// can tell a quiet room from a dead connection (see `model::live_protocol`).
    Ping,
    /// The reader's rooms with unread counts (sent after `caught_up`).
    Rooms {
        rooms: Vec<RoomSummary>,
    },
    /// The reader was added to a room (joined from elsewhere, invited, or a direct message).
    RoomAdded {
        room: RoomSummary,
    },
    /// The room is gone with its messages.
    RoomDeleted {
        room: String,
    },
    /// A socket of the reader that followed the room closed, having shown it up to its cursor:
    /// the room's unread counts read again afterwards, as of its event `last_seq` (see
    /// `model::unread`), for every tab.
    RoomRead {
        room: String,
        #[serde(default)]
        last_seq: i64,
        #[serde(default)]
        unread: i64,
        #[serde(default)]
        mentions: i64,
    },
    MemberJoined {
        room: String,
        member: Member,
    },
    /// A member left or was removed; a socket of that person stops receiving the room.
    MemberLeft {
        room: String,
        user_id: i64,
    },
    /// Members (by id) who came online or went offline since the last frame (coalesced). A
    /// `snapshot` (sent after `caught_up`) lists everyone online; anyone not in it is offline.
    Presence {
        room: String,
        online: Vec<i64>,
        offline: Vec<i64>,
        #[serde(default)]
        snapshot: bool,
    },
    /// Someone is typing in the room; forget it after a few seconds without another.
    Typing {
        room: String,
        username: String,
        display_name: String,
    },
}

impl LiveEvent {
    /// The room sequence number of a room event (`None` for everything else).
    pub fn event_seq(&self) -> Option<i64> {
        match self {
            LiveEvent::MessagePosted { seq, .. }
            | LiveEvent::MessageChanged { seq, .. }
            | LiveEvent::MessageDeleted { seq, .. } => Some(*seq),
            _ => None,
        }
    }

    /// The room the frame is about (`None` for the room list).
    pub fn room(&self) -> Option<&str> {
        match self {
            LiveEvent::MessagePosted { room, .. }
            | LiveEvent::MessageChanged { room, .. }
            | LiveEvent::MessageDeleted { room, .. }
            | LiveEvent::CaughtUp { room, .. }
            | LiveEvent::RoomDeleted { room }
            | LiveEvent::RoomRead { room, .. }
            | LiveEvent::MemberJoined { room, .. }
            | LiveEvent::MemberLeft { room, .. }
            | LiveEvent::Presence { room, .. }
            | LiveEvent::Typing { room, .. } => Some(room),
            LiveEvent::RoomAdded { room } => Some(&room.slug),
            LiveEvent::Rooms { .. } | LiveEvent::Ping => None,
        }
    }

    pub fn posted(message: Message) -> Self {
        LiveEvent::MessagePosted {
            room: message.room.clone(),
            seq: message.seq,
            message,
        }
    }
}
