//! Fan-out. Each room has a channel that every socket of its members (and of readers of a public
//! room) listens to; each person has a small channel for news about rooms they were added to.
//! An event is encoded once; every socket gets a clone of the same bytes.
use std::{
    collections::HashMap,
    sync::{
        atomic::{AtomicU64, Ordering},
        Mutex,
    },
};

use axum::extract::ws::Utf8Bytes;
use tokio::sync::broadcast;

use crate::model::LiveEvent;

/// How many frames a socket may fall behind before it is cut off (it then resumes from the
/// database after reconnecting, so nothing is lost).
pub const ROOM_BACKLOG: usize = 1024;
const PERSON_BACKLOG: usize = 64;

/// Who may receive a frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Everyone,
    /// A private message: its author and recipient only.
    Pair(i64, i64),
}

/// Where a frame matters: to sockets following its room only, or to every socket of a member
/// (the sidebar needs to hear about new messages and rooms that come and go).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    FollowersOnly,
    Everywhere,
}

/// One encoded event.
#[derive(Clone, Debug)]
pub struct Frame {
    pub room_id: i64,
    /// The room event number; 0 for frames that are not room events.
    pub seq: i64,
    pub text: Utf8Bytes,
    pub audience: Audience,
    pub reach: Reach,
    /// After this frame, this person (or, for `Some(0)`, everyone) no longer has the room.
    pub ends_for: Option<i64>,
    /// Not for the client: some of the person's sessions ended, so each of their sockets
    /// checks that its own session still stands (and closes if not).
    pub recheck_session: bool,
}

impl Frame {
    pub fn encode(room_id: i64, event: &LiveEvent) -> Frame {
        let json = serde_json::to_string(event).expect("live events always serialise");
        let (reach, ends_for) = match event {
            LiveEvent::MessagePosted { .. } | LiveEvent::RoomAdded { .. } => {
                (Reach::Everywhere, None)
            }
            LiveEvent::RoomDeleted { .. } => (Reach::Everywhere, Some(0)),
            LiveEvent::MemberLeft { user_id, .. } => (Reach::Everywhere, Some(*user_id)),
            _ => (Reach::FollowersOnly, None),
        };
        Frame {
            room_id,
            seq: event.event_seq().unwrap_or(0),
            text: Utf8Bytes::from(json),
            audience: Audience::Everyone,
            reach,
            ends_for,
            recheck_session: false,
        }
    }

    pub fn only_for(mut self, audience: Audience) -> Frame {
        self.audience = audience;
        self
    }

    pub fn reaches(&self, user_id: i64) -> bool {
        match self.audience {
            Audience::Everyone => true,
            Audience::Pair(a, b) => user_id == a || user_id == b,
        }
    }

    /// Whether `user_id` loses the room with this frame.
    pub fn ends_room_for(&self, user_id: i64) -> bool {
        matches!(self.ends_for, Some(who) if who == 0 || who == user_id)
    }
}

#[derive(Default)]
pub struct Hub {
    rooms: Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
    people: Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
    memberships: AtomicU64,
}

impl Hub {
    /// Counts membership changes (and room deletions). Each is counted after it is committed
    /// and before it is announced, so a socket that reads the count before reading memberships
    /// and again after subscribing knows whether one may have slipped between the two.
    pub fn membership_epoch(&self) -> u64 {
        self.memberships.load(Ordering::SeqCst)
    }

    pub fn memberships_changed(&self) {
        self.memberships.fetch_add(1, Ordering::SeqCst);
    }

    pub fn subscribe(&self, room_id: i64) -> broadcast::Receiver<Frame> {
        subscribe(&self.rooms, room_id, ROOM_BACKLOG)
    }

    /// News for one person: rooms they were added to.
    pub fn subscribe_person(&self, user_id: i64) -> broadcast::Receiver<Frame> {
        subscribe(&self.people, user_id, PERSON_BACKLOG)
    }

    /// Sends a committed event to everyone in the room.
    pub fn publish(&self, room_id: i64, event: &LiveEvent) {
        self.send(room_id, Frame::encode(room_id, event));
    }

    pub fn send(&self, room_id: i64, frame: Frame) {
        let ends_room = frame.ends_for == Some(0);
        let mut rooms = lock(&self.rooms);
        if let Some(sender) = rooms.get(&room_id) {
            // An error only means nobody is listening right now.
            let _ = sender.send(frame);
        }
        if ends_room {
            // Listeners get what is queued, then see the channel closed.
            rooms.remove(&room_id);
        }
    }

    pub fn tell_person(&self, user_id: i64, room_id: i64, event: &LiveEvent) {
        let frame = Frame::encode(room_id, event);
        if let Some(sender) = lock(&self.people).get(&user_id) {
            let _ = sender.send(frame);
        }
    }

    /// Some of `user_id`'s sessions ended (signed out elsewhere, a password change, account
    /// deletion): their sockets check their own session and close if it is gone.
    pub fn sessions_ended(&self, user_id: i64) {
        let frame = Frame {
            room_id: 0,
            seq: 0,
            text: Utf8Bytes::from_static(""),
            audience: Audience::Everyone,
            reach: Reach::FollowersOnly,
            ends_for: None,
            recheck_session: true,
        };
        if let Some(sender) = lock(&self.people).get(&user_id) {
            let _ = sender.send(frame);
        }
    }

    /// Rooms with anyone listening now.
    pub fn followed_rooms(&self) -> Vec<i64> {
        lock(&self.rooms)
            .iter()
            .filter(|(_, s)| s.receiver_count() > 0)
            .map(|(id, _)| *id)
            .collect()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

fn subscribe(
    map: &Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
    key: i64,
    backlog: usize,
) -> broadcast::Receiver<Frame> {
    lock(map)
        .entry(key)
        .or_insert_with(|| broadcast::channel(backlog).0)
        .subscribe()
}
