//! Per-room fan-out. An event is encoded once; every socket gets a clone of the same bytes.
use std::{collections::HashMap, sync::Mutex};

use axum::extract::ws::Utf8Bytes;
use tokio::sync::broadcast;

use crate::model::LiveEvent;

/// How many frames a socket may fall behind before it is cut off (it then resumes from the
/// database after reconnecting, so nothing is lost).
pub const ROOM_BACKLOG: usize = 1024;

/// One encoded event.
#[derive(Clone, Debug)]
pub struct Frame {
    pub seq: i64,
    pub text: Utf8Bytes,
}

impl Frame {
    pub fn encode(event: &LiveEvent) -> Frame {
        let json = serde_json::to_string(event).expect("live events always serialise");
        Frame {
            seq: event.event_seq().unwrap_or(0),
            text: Utf8Bytes::from(json),
        }
    }
}

#[derive(Default)]
pub struct Hub {
    rooms: Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
}

impl Hub {
    pub fn subscribe(&self, room_id: i64) -> broadcast::Receiver<Frame> {
        let mut rooms = self.rooms.lock().unwrap_or_else(|e| e.into_inner());
        rooms
            .entry(room_id)
            .or_insert_with(|| broadcast::channel(ROOM_BACKLOG).0)
            .subscribe()
    }

    /// Sends a committed event to everyone in the room.
    pub fn publish(&self, room_id: i64, event: &LiveEvent) {
        // Encode outside the lock that every new subscriber also takes.
        let frame = Frame::encode(event);
        let rooms = self.rooms.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(sender) = rooms.get(&room_id) {
            // An error only means nobody is listening right now.
            let _ = sender.send(frame);
        }
    }
}
