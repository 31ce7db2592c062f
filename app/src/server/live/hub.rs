//! Fan-out. A room has two channels, each made when the first socket subscribes and dropped
//! once none does (so idle rooms cost nothing): its **followers** (sockets showing the room)
//! get every frame; its **news** (sockets of members showing another room) only what a
//! sidebar needs, with a short queue. Each person has a small channel for news about rooms
//! they were added to. An event is encoded once; every socket gets a clone of the same bytes.
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

/// How many frames a socket following a room may fall behind before it is cut off (it then
/// resumes from the database after reconnecting, so nothing is lost).
pub const ROOM_BACKLOG: usize = 1024;
/// How far a sidebar may fall behind on another room's news before it is counted again.
pub const NEWS_BACKLOG: usize = 32;
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

pub struct Hub {
    rooms: Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
    news: Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
    people: Mutex<HashMap<i64, broadcast::Sender<Frame>>>,
    memberships: AtomicU64,
    /// For each followed room, the last numbered event its followers were given (kept by the
    /// relay when instances share a database, so events reach them in order).
    delivered: Mutex<HashMap<i64, i64>>,
    /// Bumped when this instance may have missed events: every socket closes and resumes.
    resyncs: tokio::sync::watch::Sender<u64>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            rooms: Mutex::default(),
            news: Mutex::default(),
            people: Mutex::default(),
            memberships: AtomicU64::default(),
            delivered: Mutex::default(),
            resyncs: tokio::sync::watch::channel(0).0,
        }
    }
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

    /// Every frame of the room, for a socket showing it.
    pub fn subscribe(&self, room_id: i64) -> broadcast::Receiver<Frame> {
        subscribe(&self.rooms, room_id, ROOM_BACKLOG)
    }

    /// [`Hub::subscribe`] for a socket that read the room's events up to `last_seq` before
    /// subscribing (it replays from the database up to there): if nobody followed the room
    /// here, that is where its followers' numbered events go on from.
    pub fn subscribe_at(&self, room_id: i64, last_seq: i64) -> broadcast::Receiver<Frame> {
        let mut rooms = lock(&self.rooms);
        let sender = rooms
            .entry(room_id)
            .or_insert_with(|| broadcast::channel(ROOM_BACKLOG).0);
        lock(&self.delivered).entry(room_id).or_insert(last_seq);
        sender.subscribe()
    }

    /// The last numbered event the room's followers here were given (`None`: nobody follows
    /// it, or nobody said where they started).
    pub fn delivered(&self, room_id: i64) -> Option<i64> {
        lock(&self.delivered).get(&room_id).copied()
    }

    /// Followers have been given the room's events up to `seq` (never moves back).
    pub fn set_delivered(&self, room_id: i64, seq: i64) {
        if let Some(delivered) = lock(&self.delivered).get_mut(&room_id) {
            *delivered = (*delivered).max(seq);
        }
    }

    /// Whether any socket here follows the room or hears its news.
    pub fn listens(&self, room_id: i64) -> bool {
        let listened = |map: &Channels| {
            lock(map)
                .get(&room_id)
                .is_some_and(|s| s.receiver_count() > 0)
        };
        listened(&self.rooms) || listened(&self.news)
    }

    /// Events may have been missed here: every socket closes ("reconnect and resume") and
    /// resumes from the database; where followers had got to is forgotten.
    pub fn resync(&self) {
        lock(&self.delivered).clear();
        self.resyncs.send_modify(|n| *n += 1);
    }

    /// Changes when [`Hub::resync`] is called.
    pub fn resyncs(&self) -> tokio::sync::watch::Receiver<u64> {
        self.resyncs.subscribe()
    }

    /// The room's frames that reach everywhere (new messages, the room coming and going), for
    /// a member's socket showing another room.
    pub fn subscribe_news(&self, room_id: i64) -> broadcast::Receiver<Frame> {
        subscribe(&self.news, room_id, NEWS_BACKLOG)
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
        // Followers first: a socket that follows the room and hears its news elsewhere never
        // hears the news before the room itself has it.
        if frame.reach == Reach::Everywhere {
            send(&self.rooms, room_id, frame.clone(), ends_room);
            send(&self.news, room_id, frame, ends_room);
        } else {
            send(&self.rooms, room_id, frame, ends_room);
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

    /// Rooms with a socket following them now.
    pub fn followed_rooms(&self) -> Vec<i64> {
        lock(&self.rooms)
            .iter()
            .filter(|(_, s)| s.receiver_count() > 0)
            .map(|(id, _)| *id)
            .collect()
    }

    /// Drops the channels nobody listens to any more (each holds a queue of its own).
    pub fn sweep(&self) {
        for map in [&self.rooms, &self.news, &self.people] {
            lock(map).retain(|_, sender| sender.receiver_count() > 0);
        }
        let rooms = lock(&self.rooms);
        lock(&self.delivered).retain(|room_id, _| rooms.contains_key(room_id));
    }

    /// How many channels are open (rooms followed, rooms with news listened to, people).
    pub fn channels(&self) -> usize {
        [&self.rooms, &self.news, &self.people]
            .iter()
            .map(|map| lock(map).len())
            .sum()
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

type Channels = Mutex<HashMap<i64, broadcast::Sender<Frame>>>;

fn subscribe(map: &Channels, key: i64, backlog: usize) -> broadcast::Receiver<Frame> {
    lock(map)
        .entry(key)
        .or_insert_with(|| broadcast::channel(backlog).0)
        .subscribe()
}

/// Sends to the channel if anyone listens; `last` closes it after this frame (its listeners
/// get what is queued, then see it closed).
fn send(map: &Channels, key: i64, frame: Frame, last: bool) {
    let mut channels = lock(map);
    if let Some(sender) = channels.get(&key) {
        // An error only means nobody is listening right now.
        let _ = sender.send(frame);
    }
    if last {
        channels.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_nobody_listens_to_is_dropped_and_made_again_when_wanted() {
        let hub = Hub::default();
        let followers = hub.subscribe(1);
        let sidebar = hub.subscribe_news(1);
        let person = hub.subscribe_person(7);
        assert_eq!(hub.channels(), 3);
        hub.sweep();
        assert_eq!(hub.channels(), 3, "all still listened to");
        drop((followers, sidebar, person));
        hub.sweep();
        assert_eq!(hub.channels(), 0);

        let mut again = hub.subscribe(1);
        hub.publish(1, &LiveEvent::Ping);
        assert!(again.try_recv().is_ok());
    }

    #[test]
    fn a_sidebar_hears_new_messages_but_not_what_only_followers_need() {
        let hub = Hub::default();
        let mut followers = hub.subscribe(1);
        let mut sidebar = hub.subscribe_news(1);
        hub.publish(1, &LiveEvent::Ping);
        let deleted = LiveEvent::RoomDeleted {
            room: "study".into(),
        };
        hub.publish(1, &deleted);
        assert_eq!(followers.try_recv().unwrap().seq, 0);
        assert!(followers.try_recv().unwrap().ends_room_for(5));
        assert!(sidebar.try_recv().unwrap().ends_room_for(5));
        assert!(
            sidebar.try_recv().is_err(),
            "the ping was for followers only"
        );
    }
}
