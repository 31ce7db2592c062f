//! What an open room page knows, and how each live frame changes it.
use std::collections::HashSet;

use leptos::prelude::*;

use crate::model::{
    live_protocol::LiveState,
    message::{apply_event, merge_into},
    LiveEvent, Member, Message, RoomPage, RoomSummary, Unread,
};

/// Why the open room went away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gone {
    Deleted,
    Removed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Typist {
    pub username: String,
    pub display_name: String,
    /// Each typing frame bumps it; an expiry only removes the entry it was set for.
    pub stamp: u64,
}

#[derive(Clone, Copy)]
pub struct RoomState {
    slug: StoredValue<String>,
    me: i64,
    my_username: StoredValue<String>,
    pub messages: RwSignal<Vec<Message>>,
    /// The sidebar's rooms, with the counts `unread` holds.
    pub rooms: RwSignal<Vec<RoomSummary>>,
    unread: StoredValue<Unread>,
    pub members: RwSignal<Vec<Member>>,
    pub member_count: RwSignal<i64>,
    pub online: RwSignal<HashSet<i64>>,
    pub typing: RwSignal<Vec<Typist>>,
    pub gone: RwSignal<Option<Gone>>,
    pub live: RwSignal<LiveState>,
    /// Where "older messages" loads from, while there are any.
    pub older: RwSignal<Option<i64>>,
    /// Set while showing a stretch of history: new messages are not added to it.
    pub newer: Option<i64>,
    pub highlight: Option<i64>,
    /// Where the reader's unread messages began when the page was read.
    pub first_unread: Option<i64>,
    /// Others' messages that arrived in this room while the tab was hidden (for the title).
    pub unseen: RwSignal<i64>,
    stamps: StoredValue<u64>,
}

impl RoomState {
    pub fn new(page: &RoomPage) -> Self {
        RoomState {
            slug: StoredValue::new(page.room.slug.clone()),
            me: page.me.id,
            my_username: StoredValue::new(page.me.username.clone()),
            messages: RwSignal::new(page.messages.clone()),
            rooms: RwSignal::new(page.rooms.clone()),
            unread: StoredValue::new(Unread::from_rooms(&page.rooms)),
            members: RwSignal::new(page.members.clone()),
            member_count: RwSignal::new(page.member_count),
            online: RwSignal::new(
                page.members
                    .iter()
                    .filter(|m| m.online)
                    .map(|m| m.id)
                    .collect(),
            ),
            typing: RwSignal::new(Vec::new()),
            gone: RwSignal::new(None),
            live: RwSignal::new(LiveState::Idle),
            older: RwSignal::new(page.older),
            newer: page.newer,
            highlight: page.highlight,
            first_unread: page.first_unread,
            unseen: RwSignal::new(0),
            stamps: StoredValue::new(0),
        }
    }

    pub fn add_message(&self, message: Message) {
        let author = message.author_username.clone();
        self.messages.update(|list| _ = merge_into(list, message));
        // Whoever just posted has stopped typing.
        self.typing.update(|t| t.retain(|t| t.username != author));
    }

    /// What the tab title counts: unread messages in the reader's other rooms, and others'
    /// messages that arrived here while the tab was hidden. The server reads the page's title
    /// after rendering, when this room's state may already be disposed (seen with many pages
    /// rendered at once): then it counts nothing rather than panicking.
    pub fn unread_total(&self) -> i64 {
        let Some(here) = self.slug.try_get_value() else {
            return 0;
        };
        let elsewhere = self.rooms.try_with(|rooms| unread_elsewhere(rooms, &here));
        elsewhere.unwrap_or(0) + self.unseen.try_get().unwrap_or(0)
    }

    /// Applies a live frame. Returns a typing stamp to expire later, if the frame was typing.
    pub fn apply(&self, event: LiveEvent) -> Option<u64> {
        let here = |room: &str| self.slug.with_value(|s| s == room);
        match event {
            LiveEvent::MessagePosted { room, message, .. }
                if here(&room) && self.newer.is_none() =>
            {
                let mine = self
                    .my_username
                    .with_value(|me| *me == message.author_username);
                if !mine && page_hidden() {
                    self.unseen.update(|n| *n += 1);
                }
                self.add_message(message)
            }
            // A stretch of history does not grow at its end.
            LiveEvent::MessagePosted { room, .. } if here(&room) => {}
            event @ (LiveEvent::MessageChanged { .. } | LiveEvent::MessageDeleted { .. })
                if event.room().is_some_and(here) =>
            {
                self.messages.update(|list| _ = apply_event(list, event));
            }
            LiveEvent::MessagePosted { room, message, seq } => {
                let (mine, mentions_me) = self.my_username.with_value(|me| {
                    (
                        *me == message.author_username,
                        message.mentioned.contains(me),
                    )
                });
                let listed = self
                    .rooms
                    .with_untracked(|r| r.iter().any(|r| r.slug == room));
                if !mine && listed {
                    let new = self
                        .unread
                        .try_update_value(|u| u.hear(&room, seq, mentions_me))
                        .unwrap_or(false);
                    if new {
                        self.show_counts();
                    }
                }
            }
            LiveEvent::Rooms { rooms } => {
                self.unread.update_value(|u| {
                    for room in &rooms {
                        u.count(&room.slug, room.last_seq, room.unread, room.mentions);
                    }
                });
                self.rooms.set(rooms);
                self.show_counts();
            }
            LiveEvent::RoomAdded { room } => {
                self.unread.update_value(|u| {
                    u.count(&room.slug, room.last_seq, room.unread, room.mentions)
                });
                self.rooms.update(|rooms| {
                    if rooms.iter().all(|r| r.slug != room.slug) {
                        rooms.push(room);
                    }
                });
                self.show_counts();
            }
            LiveEvent::RoomRead {
                room,
                last_seq,
                unread,
                mentions,
            } => {
                self.unread
                    .update_value(|u| u.count(&room, last_seq, unread, mentions));
                self.show_counts();
            }
            LiveEvent::RoomDeleted { room } => {
                self.unread.update_value(|u| u.forget(&room));
                self.rooms.update(|rooms| rooms.retain(|r| r.slug != room));
                if here(&room) {
                    self.gone.set(Some(Gone::Deleted));
                }
            }
            LiveEvent::MemberJoined { room, member } if here(&room) => {
                let id = member.id;
                let online = member.online;
                self.members.update(|members| {
                    if members.iter().all(|m| m.id != id) {
                        members.push(member);
                        self.member_count.update(|n| *n += 1);
                    }
                });
                if online {
                    self.online.update(|set| _ = set.insert(id));
                }
            }
            LiveEvent::MemberLeft { room, user_id } if user_id == self.me => {
                self.unread.update_value(|u| u.forget(&room));
                self.rooms.update(|rooms| rooms.retain(|r| r.slug != room));
                if here(&room) {
                    self.gone.set(Some(Gone::Removed));
                }
            }
            LiveEvent::MemberLeft { room, user_id } if here(&room) => {
                self.members.update(|members| {
                    let before = members.len();
                    members.retain(|m| m.id != user_id);
                    if members.len() < before {
                        self.member_count.update(|n| *n -= 1);
                    }
                });
            }
            LiveEvent::Presence {
                room,
                online,
                offline,
                snapshot,
            } if here(&room) => self.online.update(|set| {
                if snapshot {
                    set.clear();
                }
                set.extend(online);
                for id in offline {
                    set.remove(&id);
                }
                // The reader is here: online on their own page from its first paint, whatever
                // the server last told the room (it tells rooms once a second).
                set.insert(self.me);
            }),
            LiveEvent::Typing {
                room,
                username,
                display_name,
            } if here(&room) && self.my_username.with_value(|me| *me != username) => {
                let stamp = self.stamps.get_value() + 1;
                self.stamps.set_value(stamp);
                self.typing.update(|t| {
                    t.retain(|t| t.username != username);
                    t.push(Typist {
                        username,
                        display_name,
                        stamp,
                    });
                });
                return Some(stamp);
            }
            _ => {}
        }
        None
    }

    /// Writes the unread counts held into the sidebar's rooms.
    fn show_counts(&self) {
        let here = self.slug.get_value();
        self.unread.with_value(|unread| {
            self.rooms.update(|rooms| unread.show(rooms, &here));
        });
    }

    /// Puts older messages (a page from scrolling up) in front.
    pub fn add_older(&self, older: Vec<Message>, more: bool) {
        self.older.set(if more {
            older.first().map(|m| m.seq)
        } else {
            None
        });
        self.messages.update(|list| {
            for message in older {
                merge_into(list, message);
            }
        });
    }

    /// Forgets a typist whose last typing frame was `stamp`.
    pub fn expire_typing(&self, stamp: u64) {
        self.typing.update(|t| t.retain(|t| t.stamp != stamp));
    }
}

/// Unread messages in the reader's rooms other than `here`.
pub fn unread_elsewhere(rooms: &[RoomSummary], here: &str) -> i64 {
    rooms
        .iter()
        .filter(|r| r.slug != here)
        .map(|r| r.unread)
        .sum()
}

/// Whether the browser tab is in the background (never on the server).
fn page_hidden() -> bool {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::document().hidden()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        false
    }
}
