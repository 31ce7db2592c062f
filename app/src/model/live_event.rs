use serde::{Deserialize, Serialize};

use super::Message;

/// One frame of the live protocol (`/api/v1/rooms/{room}/live`, see docs/live-protocol.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveEvent {
    /// A room event: a message was posted. `seq` is the room's event number.
    MessagePosted {
        room: String,
        seq: i64,
        message: Message,
    },
    /// Not a room event: the replay after `?after=` is complete and everything up to `seq` has
    /// been sent. What follows is live.
    CaughtUp { room: String, seq: i64 },
}

impl LiveEvent {
    /// The room sequence number of a room event (`None` for control frames).
    pub fn event_seq(&self) -> Option<i64> {
        match self {
            LiveEvent::MessagePosted { seq, .. } => Some(*seq),
            LiveEvent::CaughtUp { .. } => None,
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
