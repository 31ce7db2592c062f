//! The one writer of room events. Posts queue here; the writer takes everything queued (up to
//! `MAX_GROUP`), commits it in one transaction, then publishes each event in sequence order.
//! Nothing is published before it is committed, and with a single writer no two events can
//! leave out of order. Other changes to a room (members coming and going, deletion) take the
//! same turn with [`Writer::turn`], so everyone hears of every change in commit order.
use std::sync::Arc;

use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot, Mutex, MutexGuard};

use super::{
    db::messages::{self, NewMessage, Posted},
    hub::{Audience, Frame, Hub},
};
use crate::{model::LiveEvent, AppError};

const MAX_GROUP: usize = 256;
/// Posts waiting for the writer; beyond this, posting waits (back-pressure, not memory).
const QUEUE: usize = 4096;

struct Job {
    message: NewMessage,
    reply: oneshot::Sender<Result<Posted, AppError>>,
}

pub struct Writer {
    queue: mpsc::Sender<Job>,
    turn: Arc<Mutex<()>>,
}

impl Writer {
    /// Starts the writer task (needs a running Tokio runtime).
    pub fn start(pool: SqlitePool, hub: Arc<Hub>) -> Writer {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let turn = Arc::new(Mutex::new(()));
        tokio::spawn(write(pool, hub, jobs, turn.clone()));
        Writer { queue, turn }
    }

    /// Held from commit to publish by anything else that changes a room.
    pub async fn turn(&self) -> MutexGuard<'_, ()> {
        self.turn.lock().await
    }

    /// Stores the message (or finds the one stored earlier with its client id) and returns it
    /// once it is committed.
    pub async fn post(&self, message: NewMessage) -> Result<Posted, AppError> {
        let (reply, answer) = oneshot::channel();
        self.queue
            .send(Job { message, reply })
            .await
            .map_err(|_| AppError::Internal)?;
        answer.await.map_err(|_| AppError::Internal)?
    }
}

async fn write(
    pool: SqlitePool,
    hub: Arc<Hub>,
    mut queue: mpsc::Receiver<Job>,
    turn: Arc<Mutex<()>>,
) {
    let mut jobs = Vec::with_capacity(MAX_GROUP);
    while queue.recv_many(&mut jobs, MAX_GROUP).await > 0 {
        let group: Vec<NewMessage> = jobs.iter().map(|job| job.message.clone()).collect();
        let _turn = turn.lock().await;
        match messages::insert_group(&pool, &group).await {
            Ok(stored) => {
                for (job, posted) in jobs.drain(..).zip(stored) {
                    if let Ok(posted) = &posted {
                        if posted.is_new {
                            publish(&hub, &job.message, posted);
                        }
                    }
                    let _ = job.reply.send(posted);
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

fn publish(hub: &Hub, new: &NewMessage, posted: &Posted) {
    let frame = Frame::encode(new.room_id, &LiveEvent::posted(posted.message.clone()));
    let frame = match new.recipient_id {
        Some(recipient) => frame.only_for(Audience::Pair(new.author_id, recipient)),
        None => frame,
    };
    hub.send(new.room_id, frame);
}
