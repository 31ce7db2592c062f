use serde::{Deserialize, Serialize};

use super::{Me, Message};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Room {
    pub slug: String,
    pub name: String,
}

/// Everything the room page needs, read in one consistent snapshot.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RoomPage {
    pub room: Room,
    pub me: Me,
    /// The latest messages, oldest first.
    pub messages: Vec<Message>,
    /// The room's last event number when the page was read: live updates resume after it.
    pub last_seq: i64,
    /// A fresh id for the composer, so a re-sent form is stored once.
    pub client_id: String,
}
