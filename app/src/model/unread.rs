//! Unread counts as a client keeps them. A count read from the database (the page's rooms, or
//! the `rooms`, `room_added` and `room_read` frames) covers a room up to its `last_seq`;
//! `message_posted` frames of the reader's other rooms add to it. A message may arrive both
//! ways (posted after the socket subscribed, before the count was read), or a count may arrive
//! after messages it already covers (another socket of the reader closed and read the room):
//! the message's `seq` says whether the count holds it, so each is counted once.
use std::collections::HashMap;

use super::RoomSummary;

#[derive(Clone, Debug, Default)]
pub struct Unread {
    rooms: HashMap<String, Tally>,
}

#[derive(Clone, Debug, Default)]
struct Tally {
    counted: Option<Counted>,
    /// Messages heard after the count: `(seq, mentions the reader)`.
    heard: Vec<(i64, bool)>,
}

#[derive(Clone, Copy, Debug)]
struct Counted {
    last_seq: i64,
    unread: i64,
    mentions: i64,
}

impl Unread {
    /// Starts from a list of rooms as the server counted them.
    pub fn from_rooms(rooms: &[RoomSummary]) -> Unread {
        let mut unread = Unread::default();
        for room in rooms {
            unread.count(&room.slug, room.last_seq, room.unread, room.mentions);
        }
        unread
    }

    /// A count read from the database, covering the room up to `last_seq`. A count older than
    /// the one held is ignored; one as old replaces it only downwards (reading lowers a count,
    /// nothing else changes it without a new `seq`).
    pub fn count(&mut self, room: &str, last_seq: i64, unread: i64, mentions: i64) {
        let tally = self.rooms.entry(room.to_owned()).or_default();
        let mut counted = Counted {
            last_seq,
            unread,
            mentions,
        };
        if let Some(held) = tally.counted {
            if last_seq < held.last_seq {
                return;
            }
            if last_seq == held.last_seq {
                counted.unread = counted.unread.min(held.unread);
                counted.mentions = counted.mentions.min(held.mentions);
            }
        }
        tally.counted = Some(counted);
        tally.heard.retain(|(seq, _)| *seq > last_seq);
    }

    /// A message from someone else, posted in `room` as event `seq`. Returns whether it was
    /// new to the count.
    pub fn hear(&mut self, room: &str, seq: i64, mentions_me: bool) -> bool {
        let tally = self.rooms.entry(room.to_owned()).or_default();
        let covered = tally.counted.is_some_and(|c| seq <= c.last_seq);
        if covered || tally.heard.iter().any(|(s, _)| *s == seq) {
            return false;
        }
        tally.heard.push((seq, mentions_me));
        true
    }

    pub fn forget(&mut self, room: &str) {
        self.rooms.remove(room);
    }

    /// `(unread, mentions)` of a room.
    pub fn of(&self, room: &str) -> (i64, i64) {
        self.rooms.get(room).map_or((0, 0), |tally| {
            let (unread, mentions) = tally.counted.map_or((0, 0), |c| (c.unread, c.mentions));
            let heard_mentions = tally.heard.iter().filter(|(_, m)| *m).count() as i64;
            (unread + tally.heard.len() as i64, mentions + heard_mentions)
        })
    }

    /// Writes the counts held into `rooms`; the room open `here` shows none (its page reads it).
    pub fn show(&self, rooms: &mut [RoomSummary], here: &str) {
        for room in rooms {
            (room.unread, room.mentions) = if room.slug == here {
                (0, 0)
            } else {
                self.of(&room.slug)
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_the_count_already_holds_is_not_counted_again() {
        let mut unread = Unread::default();
        // Posted as 7 after the socket subscribed, and counted by the snapshot read at 7.
        unread.count("study", 7, 3, 0);
        assert!(!unread.hear("study", 7, false));
        assert!(unread.hear("study", 8, true));
        assert!(!unread.hear("study", 8, true));
        assert_eq!(unread.of("study"), (4, 1));
    }

    #[test]
    fn a_count_after_reading_keeps_what_came_later() {
        let mut unread = Unread::default();
        unread.count("study", 10, 0, 0);
        assert!(unread.hear("study", 11, false));
        assert!(unread.hear("study", 12, false));
        // Another socket of the reader closed having shown 11: read up to 11, counted at 11.
        unread.count("study", 11, 0, 0);
        assert_eq!(unread.of("study"), (1, 0));
        // Counts older than the one held change nothing.
        unread.count("study", 9, 5, 5);
        assert_eq!(unread.of("study"), (1, 0));
    }

    #[test]
    fn two_counts_at_the_same_event_keep_the_lower() {
        let mut unread = Unread::default();
        unread.count("study", 4, 2, 1);
        unread.count("study", 4, 0, 0);
        unread.count("study", 4, 2, 1);
        assert_eq!(unread.of("study"), (0, 0));
    }

    #[test]
    fn the_open_room_shows_nothing_unread() {
        let room = |slug: &str| RoomSummary {
            slug: slug.into(),
            name: slug.into(),
            topic: String::new(),
            kind: crate::model::RoomKind::Public,
            unread: 2,
            mentions: 0,
            last_seq: 5,
            is_member: true,
            notify: Default::default(),
        };
        let mut rooms = vec![room("general"), room("study")];
        let unread = Unread::from_rooms(&rooms);
        unread.show(&mut rooms, "general");
        assert_eq!((rooms[0].unread, rooms[1].unread), (0, 2));
    }
}
