//! The one writer of room events. Posts, edits and deletions queue here; the writer takes everything queued (up to
//! `MAX_GROUP`), commits it in one transaction, then publishes each event in sequence order.
//! Nothing is published before it is committed, and with a single writer no two events can
//! leave out of order. Other changes to a room (members coming and going, deletion) take the
//! same turn with [`Writer::turn`], so everyone hears of every change in commit order.
use std::sync::Arc;

use crate::server::db::Store;
use tokio::{
    sync::{mpsc, oneshot, Mutex, MutexGuard},
    time::Instant,
};

use crate::server::{
    db::event_log::{self, Applied, Change, Kind},
    live::hub::{Audience, Frame},
    live::relay::Relay,
    metrics::Metrics,
};
use crate::{model::LiveEvent, AppError};

const MAX_GROUP: usize = 256;
/// Posts waiting for the writer; beyond this, posting waits (back-pressure, not memory).
const QUEUE: usize = 4096;

struct Job {
    change: Change,
    reply: oneshot::Sender<Result<Applied, AppError>>,
    queued: Instant,
}

pub struct Writer {
    queue: mpsc::Sender<Job>,
    turn: Arc<Mutex<()>>,
}

impl Writer {
    /// Starts the writer task (needs a running Tokio runtime).
    pub fn start(pool: Store, relay: Arc<Relay>) -> Writer {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let turn = Arc::new(Mutex::new(()));
        tokio::spawn(write(pool, relay, jobs, turn.clone()));
        Writer { queue, turn }
    }

    /// Held from commit to publish by anything else that changes a room.
    pub async fn turn(&self) -> MutexGuard<'_, ()> {
        self.turn.lock().await
    }

    /// Applies the change (a post finds the one stored earlier with its client id) and returns
    /// what it did once it is committed.
    pub async fn apply(&self, change: Change) -> Result<Applied, AppError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job {
                change,
                reply,
                queued: Instant::now(),
            })
            .await
            .map_err(|_| AppError::Internal)?;
        answer.await.map_err(|_| AppError::Internal)?
    }
}

async fn write(
    pool: Store,
    relay: Arc<Relay>,
    mut queue: mpsc::Receiver<Job>,
    turn: Arc<Mutex<()>>,
) {
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        let group: Vec<Change> = jobs.iter().map(|job| job.change.clone()).collect();
        let _turn = turn.lock().await;
        let notes = |applied: &[Result<Applied, AppError>]| {
            let events: Vec<(i64, i64)> = group
                .iter()
                .zip(applied)
                .filter_map(|(change, applied)| match applied {
                    Ok(applied) if applied.is_new => Some((change.room_id(), applied.event_seq)),
                    _ => None,
                })
                .collect();
            relay.notes_committed(&events)
        };
        match event_log::apply_group(&pool, &group, notes).await {
            Ok(applied) => {
                let (metrics, committed) = (relay.metrics(), Instant::now());
                for job in &jobs {
                    Metrics::observe(&metrics.post_to_commit, committed - job.queued);
                }
                for (job, applied) in jobs.drain(..).zip(applied) {
                    if let Ok(applied) = &applied {
                        if applied.is_new {
                            let room_id = job.change.room_id();
                            let frame = frame(room_id, applied);
                            if let Err(err) = relay.committed(room_id, vec![frame]).await {
                                // Committed, but not delivered in order here: sockets resume.
                                tracing::warn!(?err, room_id, "could not deliver in order");
                                relay.resync();
                            }
                            Metrics::observe(&metrics.commit_to_deliver, committed.elapsed());
                        }
                    }
                    let _ = job.reply.send(applied);
                }
            }
            Err(err) => {
                for job in jobs.drain(..) {
                    let _ = job.reply.send(Err(err.clone()));
                }
            }
        }
    }
}

/// The live frame of an applied change (a whisper's only for its two people).
fn frame(room_id: i64, applied: &Applied) -> Frame {
    let message = applied.message.clone();
    let event = match applied.kind {
        Kind::Posted => LiveEvent::posted(message),
        Kind::Edited | Kind::Reacted => LiveEvent::MessageChanged {
            room: message.room.clone(),
            seq: applied.event_seq,
            message,
        },
        Kind::Deleted => LiveEvent::MessageDeleted {
            room: message.room,
            seq: applied.event_seq,
            message_seq: message.seq,
        },
    };
    let frame = Frame::encode(room_id, &event);
    match applied.pair {
        Some((author, recipient)) => frame.only_for(Audience::Pair(author, recipient)),
        None => frame,
    }
}
