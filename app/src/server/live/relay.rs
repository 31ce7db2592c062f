//! Live events across instances. On SQLite there is one instance and the relay hands each
//! event straight to the hub. On PostgreSQL every instance tells the others what it committed
//! with `NOTIFY` (in the committing transaction, so notes arrive in commit order) and listens
//! for theirs:
//! - numbered room events travel as "room R has events `first..=last`"; each instance reads
//!   them from the database (whispers included, with who may see them), encodes each once and
//!   hands it to its hub;
//! - each room's followers get numbered events strictly in order: an event past a gap (one
//!   committed elsewhere whose note has not come yet) waits while the gap is read from the
//!   database, and an event already delivered is dropped;
//! - events that are not numbered (members coming and going, a room deleted, rooms added or
//!   read, typing) travel whole in the note;
//! - a listener that lost its connection may have missed notes: every socket of this
//!   instance is then closed with "reconnect and resume", and resumes from the database.
use std::sync::{
    atomic::{AtomicBool, Ordering},
    Arc,
};

use serde::{Deserialize, Serialize};
use tokio::sync::Mutex;

use crate::model::LiveEvent;
use crate::server::{
    db::{self, Backend, Store},
    live::hub::{Frame, Hub},
    metrics::Metrics,
};
use crate::AppError;

/// What one instance tells the others: a `NOTIFY` payload, as JSON.
#[derive(Debug, Serialize, Deserialize)]
struct Note {
    /// The instance that sent it (its own notes come back to it too).
    from: String,
    /// When it was sent (Unix microseconds), for the lag it arrives with.
    at: i64,
    #[serde(flatten)]
    what: What,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "note", rename_all = "snake_case")]
enum What {
    /// Numbered events `first..=last` of each room are committed: `(room, first, last)`.
    Committed { rooms: Vec<(i64, i64, i64)> },
    /// An event for a room's sockets that is not numbered.
    Room { room: i64, event: LiveEvent },
    /// An event for one person's sockets (a room added to their list, a room read).
    Person {
        user: i64,
        room: i64,
        event: LiveEvent,
    },
}

/// `NOTIFY` payloads must stay under 8,000 bytes: a group's rooms go in notes of this many.
const ROOMS_PER_NOTE: usize = 100;

pub struct Relay {
    hub: Arc<Hub>,
    store: Store,
    instance: String,
    /// One delivery of numbered events at a time on this instance (the order they leave in).
    gate: Mutex<()>,
    listening: AtomicBool,
    metrics: Arc<Metrics>,
}

impl Relay {
    pub fn new(hub: Arc<Hub>, store: Store, metrics: Arc<Metrics>) -> Relay {
        if !store.is_postgres() {
            metrics.listening.set(1);
        }
        Relay {
            metrics,
            hub,
            store,
            instance: crate::server::random::hex::<8>(),
            gate: Mutex::new(()),
            listening: AtomicBool::new(false),
        }
    }

    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// This instance's name among those sharing the database.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// Whether other instances may share the database (PostgreSQL).
    pub fn shared(&self) -> bool {
        self.store.is_postgres()
    }

    /// Whether this instance hears the others (always, on SQLite: there are none).
    pub fn listening(&self) -> bool {
        !self.shared() || self.listening.load(Ordering::SeqCst)
    }

    /// Notes for the others about numbered events a group committed (`(room, seq)` of each new
    /// one, in commit order); none on SQLite.
    pub fn notes_committed(&self, events: &[(i64, i64)]) -> Vec<String> {
        if !self.shared() || events.is_empty() {
            return Vec::new();
        }
        let mut rooms: Vec<(i64, i64, i64)> = Vec::new();
        for &(room, seq) in events {
            match rooms.iter_mut().find(|(r, _, _)| *r == room) {
                Some((_, first, last)) => {
                    *first = (*first).min(seq);
                    *last = (*last).max(seq);
                }
                None => rooms.push((room, seq, seq)),
            }
        }
        rooms
            .chunks(ROOMS_PER_NOTE)
            .map(|rooms| {
                self.encode(What::Committed {
                    rooms: rooms.to_vec(),
                })
            })
            .collect()
    }

    /// A note for the others about an event for a room's sockets that is not numbered, to send
    /// in the transaction that commits it (`None` on SQLite).
    pub fn note_for_room(&self, room_id: i64, event: &LiveEvent) -> Option<String> {
        self.shared().then(|| {
            self.encode(What::Room {
                room: room_id,
                event: event.clone(),
            })
        })
    }

    /// Numbered events this instance committed in `room_id` (in order): to its followers, after
    /// any committed elsewhere before them.
    pub async fn committed(&self, room_id: i64, frames: Vec<Frame>) -> Result<(), AppError> {
        if !self.shared() {
            for frame in frames {
                self.hub.send(room_id, frame);
                self.metrics.deliveries.inc();
            }
            return Ok(());
        }
        let Some(first) = frames.first().map(|f| f.seq) else {
            return Ok(());
        };
        let _gate = self.gate.lock().await;
        if let Some(delivered) = self.hub.delivered(room_id) {
            if first > delivered + 1 {
                self.metrics.gap_fills.inc();
                self.fill(room_id, delivered, first - 1).await?;
            }
        }
        for frame in frames {
            let seq = frame.seq;
            if self.hub.delivered(room_id).is_some_and(|d| seq <= d) {
                continue;
            }
            self.hub.send(room_id, frame);
            self.hub.set_delivered(room_id, seq);
            self.metrics.deliveries.inc();
        }
        Ok(())
    }

    /// An event for a room's sockets that is not numbered, committed (or not stored at all,
    /// as typing): to this instance's sockets, and to the others'.
    pub async fn publish(&self, room_id: i64, event: &LiveEvent) {
        self.hub.publish(room_id, event);
        if let Some(note) = self.note_for_room(room_id, event) {
            self.send(note).await;
        }
    }

    /// An event for one person's sockets, on every instance.
    pub async fn tell_person(&self, user_id: i64, room_id: i64, event: &LiveEvent) {
        self.hub.tell_person(user_id, room_id, event);
        if self.shared() {
            let note = self.encode(What::Person {
                user: user_id,
                room: room_id,
                event: event.clone(),
            });
            self.send(note).await;
        }
    }

    /// This instance may have missed events: its sockets resume from the database.
    pub fn resync(&self) {
        self.metrics.resyncs.inc();
        self.hub.resync();
    }

    /// Listens for the other instances' notes until the app shuts down (PostgreSQL only).
    pub fn start(self: &Arc<Self>, shutdown: tokio_util::sync::CancellationToken) {
        let Backend::Postgres(pool) = &self.store else {
            return;
        };
        let (relay, pool) = (self.clone(), pool.clone());
        tokio::spawn(async move {
            tokio::select! {
                _ = shutdown.cancelled() => {}
                _ = relay.listen(pool) => {}
            }
        });
    }

    async fn listen(&self, pool: sqlx::PgPool) {
        use sqlx::postgres::PgListener;
        let mut wait = std::time::Duration::from_millis(100);
        loop {
            let listener = async {
                let mut listener = PgListener::connect_with(&pool).await?;
                listener.listen(db::CHANNEL).await?;
                Ok::<_, sqlx::Error>(listener)
            };
            let mut listener = match listener.await {
                Ok(listener) => listener,
                Err(err) => {
                    tracing::warn!(error = %err, "cannot listen for other instances' events; retrying");
                    tokio::time::sleep(wait).await;
                    wait = (wait * 2).min(std::time::Duration::from_secs(5));
                    continue;
                }
            };
            wait = std::time::Duration::from_millis(100);
            self.listening.store(true, Ordering::SeqCst);
            self.metrics.listening.set(1);
            // Whatever was said while nobody listened is lost: start the sockets again.
            self.resync();
            loop {
                match listener.try_recv().await {
                    Ok(Some(notification)) => self.receive(notification.payload()).await,
                    // The connection dropped and came back: notes may have been lost.
                    Ok(None) => {
                        tracing::warn!("listener reconnected; sockets resume from the database");
                        self.resync();
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "listener lost");
                        break;
                    }
                }
            }
            self.listening.store(false, Ordering::SeqCst);
            self.metrics.listening.set(0);
        }
    }

    async fn receive(&self, payload: &str) {
        let note: Note = match serde_json::from_str(payload) {
            Ok(note) => note,
            Err(err) => {
                tracing::warn!(error = %err, "an unreadable note from another instance");
                return;
            }
        };
        if note.from == self.instance {
            return;
        }
        let lag = now_us().saturating_sub(note.at).max(0);
        self.metrics.note_lag.observe(lag as f64 / 1e6);
        match note.what {
            What::Committed { rooms } => {
                for (room_id, first, last) in rooms {
                    if let Err(err) = self.committed_elsewhere(room_id, first, last).await {
                        tracing::warn!(?err, room_id, "could not read events committed elsewhere");
                        self.resync();
                    }
                }
            }
            What::Room { room, event } => {
                if changes_memberships(&event) {
                    self.hub.memberships_changed();
                }
                self.hub.publish(room, &event);
            }
            What::Person { user, room, event } => {
                if changes_memberships(&event) {
                    self.hub.memberships_changed();
                }
                self.hub.tell_person(user, room, &event);
            }
        }
    }

    /// Another instance committed `first..=last` in `room_id`: read them for whoever follows it
    /// here (unless an earlier gap fill brought them already).
    async fn committed_elsewhere(
        &self,
        room_id: i64,
        first: i64,
        last: i64,
    ) -> Result<(), AppError> {
        if !self.hub.listens(room_id) {
            return Ok(());
        }
        let _gate = self.gate.lock().await;
        match self.hub.delivered(room_id) {
            Some(delivered) if last <= delivered => Ok(()),
            Some(delivered) => self.fill(room_id, delivered, last).await,
            // Only sidebars listen here: they need these events, not the room's order.
            None => self.fill(room_id, first - 1, last).await,
        }
    }

    /// Reads the room's events numbered `(after, upto]` and hands them to the hub, in order.
    async fn fill(&self, room_id: i64, after: i64, upto: i64) -> Result<(), AppError> {
        for (event, pair) in db::messages::events_between(&self.store, room_id, after, upto).await?
        {
            let frame = Frame::encode(room_id, &event);
            let frame = match pair {
                Some((author, recipient)) => {
                    frame.only_for(crate::server::live::hub::Audience::Pair(author, recipient))
                }
                None => frame,
            };
            self.hub.send(room_id, frame);
            self.metrics.deliveries.inc();
        }
        self.hub.set_delivered(room_id, upto);
        Ok(())
    }

    /// Sends a note outside any transaction (for what is not stored, or already committed).
    async fn send(&self, note: String) {
        if let Err(err) = self.store.notify(&note).await {
            tracing::warn!(error = %err, "could not tell the other instances");
        }
    }

    fn encode(&self, what: What) -> String {
        let note = Note {
            from: self.instance.clone(),
            at: now_us(),
            what,
        };
        serde_json::to_string(&note).expect("notes always serialise")
    }
}

fn now_us() -> i64 {
    jiff::Timestamp::now().as_microsecond()
}

fn changes_memberships(event: &LiveEvent) -> bool {
    matches!(
        event,
        LiveEvent::MemberJoined { .. }
            | LiveEvent::MemberLeft { .. }
            | LiveEvent::RoomDeleted { .. }
            | LiveEvent::RoomAdded { .. }
    )
}

#[cfg(test)]
mod tests {
    use sqlx::SqlitePool;

    use super::*;
    use crate::server::{
        db::event_log::{apply_group, Change, NewMessage},
        fixtures::{decode, kaiwa, room_id},
        messages, AppState,
    };

    /// Stores `n` posts in general as another instance would: committed, not told here.
    async fn stored_unannounced(state: &AppState, author: i64, prefix: &str, n: usize) {
        let room_id = room_id(state, "general").await;
        let posts: Vec<Change> = (0..n)
            .map(|i| {
                Change::Post(NewMessage {
                    room_id,
                    author_id: author,
                    client_id: format!("{prefix}-{i:04}"),
                    body: format!("{prefix} {i}"),
                    formatted: Default::default(),
                    recipient_id: None,
                })
            })
            .collect();
        apply_group(&state.pool, &posts, |_| Vec::new())
            .await
            .unwrap();
    }

    fn seqs(frames: &mut tokio::sync::broadcast::Receiver<Frame>) -> Vec<i64> {
        std::iter::from_fn(|| frames.try_recv().ok())
            .map(|frame| decode(&frame).event_seq().unwrap())
            .collect()
    }

    #[sqlx::test(migrations = "../migrations/sqlite")]
    async fn an_event_past_a_gap_waits_for_the_gap_read_from_the_database(pool: SqlitePool) {
        let k = kaiwa(pool).await;
        if !k.state.relay.shared() {
            return; // One instance, no gaps: this runs in `make test`'s PostgreSQL pass.
        }
        let general = room_id(&k.state, "general").await;
        let mut followers = k.state.hub.subscribe_at(general, 0);
        stored_unannounced(&k.state, k.alice.id, "elsewhere", 2).await;
        // This instance commits number 3 before the others' note about 1 and 2 arrives.
        let third = messages::post(&k.state, &k.bob, "general", "here-0003", "3", None)
            .await
            .unwrap();
        assert_eq!(third.message.seq, 3);
        assert_eq!(
            seqs(&mut followers),
            [1, 2, 3],
            "the gap first, then the event"
        );

        // The note comes late: nothing twice.
        k.state
            .relay
            .committed_elsewhere(general, 1, 2)
            .await
            .unwrap();
        assert_eq!(seqs(&mut followers), Vec::<i64>::new());
        // A note past what was delivered brings what is new, in order.
        stored_unannounced(&k.state, k.carol.id, "later", 2).await;
        k.state
            .relay
            .committed_elsewhere(general, 4, 5)
            .await
            .unwrap();
        assert_eq!(seqs(&mut followers), [4, 5]);
    }
}
